"""The send queue: Telegram's limits hold, a 429 pauses and retries (PTB against the fake)."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram.error import RetryAfter

from channels.telegram.rate_limiter import ChatRateLimiter


async def _run(limiter: ChatRateLimiter, chat_id: int, log: list, endpoint: str = "sendMessage"):
    async def call() -> bool:
        log.append((chat_id, time.monotonic()))
        return True

    return await limiter.process_request(call, (), {}, endpoint, {"chat_id": chat_id}, None)


async def test_one_message_a_second_per_chat_in_order():
    limiter, log = ChatRateLimiter(), []
    await asyncio.gather(*(_run(limiter, 1, log) for _ in range(3)))
    times = [t for _, t in log]
    assert times[2] - times[0] >= 1.8


async def test_chats_do_not_wait_for_each_other_but_share_the_overall_limit():
    limiter, log = ChatRateLimiter(overall_per_second=30), []
    start = time.monotonic()
    await asyncio.gather(*(_run(limiter, chat, log) for chat in range(45)))
    elapsed = time.monotonic() - start
    assert len(log) == 45
    assert 1.3 <= elapsed < 5  # 45 chats at 30/s: about 1.5 s, far less than 45 s
    first_second = [t for _, t in log if t - start < 0.95]
    assert 25 <= len(first_second) <= 31


async def test_button_answers_are_not_held_back_by_the_chat_limit():
    limiter, log = ChatRateLimiter(), []
    await _run(limiter, 7, log)
    start = time.monotonic()
    await _run(limiter, 7, log, endpoint="answerCallbackQuery")
    assert time.monotonic() - start < 0.5


async def test_a_429_pauses_and_retries():
    limiter, attempts = ChatRateLimiter(), []

    async def flaky() -> str:
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            raise RetryAfter(1)
        return "sent"

    result = await limiter.process_request(flaky, (), {}, "sendMessage", {"chat_id": 3}, None)
    assert result == "sent" and len(attempts) == 2
    assert attempts[1] - attempts[0] >= 1.0
    assert limiter.retries == 1


async def test_gives_up_after_max_retries():
    limiter = ChatRateLimiter(max_retries=1)

    async def always() -> None:
        raise RetryAfter(0)

    with pytest.raises(RetryAfter):
        await limiter.process_request(always, (), {}, "sendMessage", {"chat_id": 4}, None)
