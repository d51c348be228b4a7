"""Long polling for local use (`lotse run --telegram-polling`): no public URL needed.

Fetches updates with getUpdates and forwards each one, unchanged, to the channel's own
webhook with the secret token, so polling and webhook mode share one code path. An update
is confirmed to Telegram (by the next offset) only after the webhook took it: a restart
loses nothing. The raw JSON is forwarded (do_api_request without a return type), so an
update PTB could not parse reaches the webhook, which refuses it alone.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut

from channels.telegram.bot_client import make_bot
from channels.telegram.bot_setup import ALLOWED_UPDATES, register_commands, use_polling
from channels.telegram.config import TelegramConfig
from channels.telegram.input_channel import SECRET_HEADER

logger = logging.getLogger(__name__)

POLL_TIMEOUT = 25  # seconds Telegram holds a getUpdates call open


async def forward(client: httpx.AsyncClient, webhook_url: str, secret: str,
                  update: dict[str, Any]) -> bool:
    """True when the update was handled for good (accepted, or refused as malformed)."""
    try:
        answer = await client.post(webhook_url, json=update, headers={SECRET_HEADER: secret})
    except httpx.HTTPError as exc:
        logger.warning("Telegram poller: the webhook is not reachable (%s); retrying", exc)
        return False
    if answer.status_code in (400, 413):  # this update can never be taken: skip it
        logger.warning("Telegram poller: update %s refused: %s", update.get("update_id"), answer.text)
        return True
    return answer.is_success


async def poll(config: TelegramConfig, webhook_url: str, *, stop: asyncio.Event | None = None) -> None:
    stop = stop or asyncio.Event()
    bot = make_bot(config, polling=True)
    await bot.initialize()
    await use_polling(bot)
    await register_commands(bot)
    offset = 0
    async with httpx.AsyncClient(timeout=60) as client:
        while not stop.is_set():
            try:
                updates = await bot.do_api_request(
                    "getUpdates",
                    api_kwargs={"offset": offset, "timeout": POLL_TIMEOUT,
                                "allowed_updates": ALLOWED_UPDATES},
                    read_timeout=POLL_TIMEOUT + 10)
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc.retry_after))
                continue
            except (TimedOut, NetworkError) as exc:
                logger.warning("Telegram poller: %s; retrying", exc)
                await asyncio.sleep(2)
                continue
            except TelegramError as exc:
                logger.error("Telegram poller: %s", exc)
                await asyncio.sleep(5)
                continue
            for update in updates or []:
                update_id = update.get("update_id") if isinstance(update, dict) else None
                if not isinstance(update_id, int):
                    continue
                while not stop.is_set() and not await forward(client, webhook_url,
                                                              config.webhook_secret, update):
                    await asyncio.sleep(1)
                offset = max(offset, update_id + 1)
    await bot.shutdown()


def _seconds(value: Any) -> float:  # noqa: ANN401 - int or timedelta, depending on PTB settings
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
