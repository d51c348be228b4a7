"""lotse: command line, settings and process supervision of the assistant."""
