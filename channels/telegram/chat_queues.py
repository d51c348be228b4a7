"""One line per chat: a chat's updates are handled one after the other, in order, while
different chats go on in parallel. The webhook can then answer Telegram at once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Hashable

logger = logging.getLogger(__name__)

MAX_WAITING_PER_CHAT = 50  # more is a flood; further updates are dropped and logged


class ChatQueues:
    def __init__(self, handler: Callable[[Any], Awaitable[None]]) -> None:
        self._handler = handler
        self._queues: dict[Hashable, asyncio.Queue] = {}
        self._tasks: set[asyncio.Task] = set()

    def put(self, chat: Hashable, item: Any) -> bool:  # noqa: ANN401 - whatever the handler takes
        """Queue an item for its chat; False when the chat has too many waiting."""
        queue = self._queues.get(chat)
        if queue is None:
            queue = self._queues[chat] = asyncio.Queue()
            task = asyncio.get_running_loop().create_task(self._drain(chat, queue))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if queue.qsize() >= MAX_WAITING_PER_CHAT:
            logger.warning("chat queue full: an update was dropped")
            return False
        queue.put_nowait(item)
        return True

    async def _drain(self, chat: Hashable, queue: asyncio.Queue) -> None:
        try:
            while True:
                try:
                    item = queue.get_nowait()
                except asyncio.QueueEmpty:
                    break  # no await between here and the removal: nothing can slip in
                try:
                    await self._handler(item)
                except Exception:  # noqa: BLE001 - one failed update must not stop the chat
                    logger.exception("handling a Telegram update failed")
        finally:
            if self._queues.get(chat) is queue:
                del self._queues[chat]

    @property
    def busy_chats(self) -> int:
        """Chats with updates waiting or being handled."""
        return len(self._queues)

    async def join(self, timeout: float = 30.0) -> None:
        """Wait until every queued item is handled (shutdown, tests)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)
