"""Shared test helpers: the running stack, a chat client, conversation fixtures."""
