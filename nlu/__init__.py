"""Deciding and recognising languages: the user's interface language and language names."""
