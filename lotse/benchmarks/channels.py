"""What the channels cost a person on an old phone and how Telegram sending keeps its limits.

- widget: bytes a page loads for the chat (script + stylesheet), raw and gzip-compressed
  (lotse's server sends them uncompressed; a reverse proxy with gzip sends the smaller figure).
- telegram_queue: N messages to C chats through the channel's rate limiter (the real one,
  with a stand-in for the HTTP call): how long they take, the most sent in any one second
  overall, the shortest gap between two messages to the same chat.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import time
from collections import defaultdict
from typing import Any

from channels.web.input_channel import STATIC_DIR

WIDGET_ASSETS = ("widget.js", "widget.css")


def _widget() -> dict[str, Any]:
    files = {name: (STATIC_DIR / name).read_bytes() for name in WIDGET_ASSETS}
    return {
        "files": {name: {"bytes": len(body), "gzip_bytes": len(gzip.compress(body, 9))}
                  for name, body in files.items()},
        "total_bytes": sum(len(b) for b in files.values()),
        "total_gzip_bytes": sum(len(gzip.compress(b, 9)) for b in files.values()),
        "requests_on_load": len(files) + 2,  # + texts and history (or the greeting)
    }


async def _queue(messages: int, chats: int) -> dict[str, Any]:
    from channels.telegram.rate_limiter import ChatRateLimiter

    limiter = ChatRateLimiter()
    sent: list[tuple[int, float]] = []

    async def send(chat: int) -> None:
        async def call() -> bool:
            sent.append((chat, time.perf_counter()))
            return True

        await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": chat}, None)

    started = time.perf_counter()
    await asyncio.gather(*(send(i % chats) for i in range(messages)))
    elapsed = time.perf_counter() - started
    times = sorted(t for _, t in sent)
    busiest = max(sum(1 for u in times[i:] if u - t < 1.0) for i, t in enumerate(times))
    per_chat: dict[int, list[float]] = defaultdict(list)
    for chat, t in sent:
        per_chat[chat].append(t)
    gaps = [b - a for ts in per_chat.values() for a, b in zip(ts, ts[1:], strict=False)]
    return {
        "messages": messages, "chats": chats, "seconds": round(elapsed, 2),
        "messages_per_second": round(messages / elapsed, 1),
        "most_in_any_second": busiest,
        "shortest_gap_same_chat_s": round(min(gaps), 3) if gaps else None,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    messages = getattr(args, "messages", None) or 300
    chats = getattr(args, "chats", None) or 100
    return {"widget": _widget(), "telegram_queue": asyncio.run(_queue(messages, chats))}
