"""Telegram (python-telegram-bot 22) as a Rasa custom input channel.

Public API: `TelegramInput` (the channel), `load_config` (its settings), `polling.poll`
(long polling for local use), `bot_setup` (command menu and webhook registration).
"""

from channels.telegram.config import TelegramConfig, load_config
from channels.telegram.input_channel import TelegramInput

__all__ = ["TelegramConfig", "TelegramInput", "load_config"]
