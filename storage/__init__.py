"""Persistence: database, schema migrations, encryption at rest, profile repository."""
