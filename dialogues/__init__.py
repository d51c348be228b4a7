"""The interview definition and every text the assistant says, curated per language."""
