"""Telling Telegram about the bot: its command menu in every supported language, and where
updates go (our webhook, or nowhere so that the poller can fetch them)."""

from __future__ import annotations

import logging

from telegram import BotCommand
from telegram.ext import ExtBot

from channels.telegram.config import TelegramConfig
from channels.telegram.updates import COMMANDS
from dialogues import catalogue
from dialogues.languages import CODES, DEFAULT_LANGUAGE

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def commands(lang: str) -> list[BotCommand]:
    return [BotCommand(name, catalogue.text(lang, f"telegram.command.{name}")) for name in COMMANDS]


async def register_commands(bot: ExtBot) -> None:
    """The menu in each supported language, and in German for everyone else."""
    await bot.set_my_commands(commands(DEFAULT_LANGUAGE))
    for lang in CODES:
        await bot.set_my_commands(commands(lang), language_code=lang)


async def use_webhook(bot: ExtBot, config: TelegramConfig) -> None:
    if not config.webhook_url:
        raise ValueError("webhook mode needs LOTSE_TELEGRAM_WEBHOOK_URL (the public https URL of "
                         "/webhooks/telegram/webhook), or start with --telegram-polling")
    await bot.set_webhook(config.webhook_url, secret_token=config.webhook_secret,
                          allowed_updates=ALLOWED_UPDATES)


async def use_polling(bot: ExtBot) -> None:
    # getUpdates is refused while a webhook is set; waiting updates are kept.
    await bot.delete_webhook(drop_pending_updates=False)
