"""The Rasa assistant: domain, NLU and dialogue data, custom actions and answer normalisers."""
