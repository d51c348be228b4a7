"""The python-telegram-bot client every part of the channel uses: one per process, with
the rate limiter, pointed at Telegram or at the Bot API server the configuration names."""

from __future__ import annotations

from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from channels.telegram.config import TelegramConfig
from channels.telegram.rate_limiter import ChatRateLimiter


def make_bot(config: TelegramConfig, *, polling: bool = False) -> ExtBot:
    if not config.token:
        raise ValueError("no Telegram bot token configured (LOTSE_TELEGRAM_TOKEN)")
    return ExtBot(
        config.token,
        base_url=config.api_url,
        base_file_url=config.file_url,
        # Documents of up to 10 MiB travel both ways: give writes and reads time.
        request=HTTPXRequest(connection_pool_size=32, read_timeout=30, write_timeout=60,
                             media_write_timeout=60),
        # getUpdates holds its connection open for the long-poll timeout.
        get_updates_request=HTTPXRequest(read_timeout=40) if polling else None,
        rate_limiter=ChatRateLimiter(),
    )
