"""Sending within Telegram's limits: about 30 messages a second overall and one a second per
chat. Requests wait in line (aiolimiter's leaky buckets queue them in order); a 429 pauses
all sending for its retry_after, then the request is tried again.

PTB's own AIORateLimiter limits private chats only through the overall bucket, so the
per-chat limit of Telegram's FAQ would not hold; this one adds it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any, Callable, Coroutine

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30
PER_CHAT_PER_SECOND = 1
MAX_RETRIES = 5
_MAX_CHATS = 10_000  # buckets of idle chats are dropped beyond this


class ChatRateLimiter(BaseRateLimiter[int]):
    def __init__(self, overall_per_second: float = OVERALL_PER_SECOND,
                 per_chat_per_second: float = PER_CHAT_PER_SECOND,
                 max_retries: int = MAX_RETRIES) -> None:
        # Buckets of capacity one, evenly spaced: a full bucket of 30 would allow 30 at once
        # and 30 more within the same second.
        self._overall = AsyncLimiter(1, 1 / overall_per_second)
        self._per_chat_rate = per_chat_per_second
        self._chats: OrderedDict[Any, AsyncLimiter] = OrderedDict()
        self._max_retries = max_retries
        self._resume = asyncio.Event()
        self._resume.set()
        self.retries = 0  # how many 429s were retried (for logs and tests)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _chat_limiter(self, chat_id: Any) -> AsyncLimiter:  # noqa: ANN401 - int or @channel
        limiter = self._chats.pop(chat_id, None) or AsyncLimiter(self._per_chat_rate, 1)
        self._chats[chat_id] = limiter
        while len(self._chats) > _MAX_CHATS:
            self._chats.popitem(last=False)
        return limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,  # noqa: ANN401 - PTB's interface
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:  # noqa: ANN401 - whatever the Bot API returned
        chat_id = data.get("chat_id")
        # Reading (getUpdates, getFile) and answering button presses are not chat messages.
        limited = chat_id is not None and endpoint not in {"answerCallbackQuery", "getFile"}
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            await self._resume.wait()
            try:
                if limited:
                    async with self._chat_limiter(chat_id):
                        async with self._overall:
                            return await callback(*args, **kwargs)
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    logger.error("Telegram: still rate limited after %d retries (%s)", retries, endpoint)
                    raise
                self.retries += 1
                pause = exc.retry_after if isinstance(exc.retry_after, (int, float)) \
                    else exc.retry_after.total_seconds()
                logger.warning("Telegram: 429 on %s, retrying after %.1f s", endpoint, pause)
                if self._resume.is_set():
                    self._resume.clear()
                    await asyncio.sleep(pause + 0.1)
                    self._resume.set()
        raise AssertionError("unreachable")
