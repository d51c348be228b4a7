"""Where messages enter: one adapter module per channel (web chat; Telegram later)."""
