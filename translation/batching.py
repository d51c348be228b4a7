"""Combining concurrent requests into one model call.

While one thread runs a batch through a model, requests from other threads wait; when the
batch is done, one of the waiting threads runs everything that queued up meanwhile as the next
batch. No extra thread and no timer: a lone request runs at once, and under load each model
call carries the sentences of every conversation that asked in the meantime.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class _Job(Generic[Item, Result]):
    __slots__ = ("items", "results", "error", "wake")

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        self.results: list[Result] | None = None
        self.error: BaseException | None = None
        self.wake = threading.Event()  # set when finished, or when it is this job's turn to lead

    @property
    def finished(self) -> bool:
        return self.results is not None or self.error is not None


class MicroBatcher(Generic[Item, Result]):
    """Run `process(items) -> results` (same length, same order) over batches of requests."""

    def __init__(self, process: Callable[[list[Item]], list[Result]], max_items: int = 256) -> None:
        self._process = process
        self._max_items = max_items
        self._lock = threading.Lock()
        self._queue: list[_Job[Item, Result]] = []
        self._running = False
        self.batches = 0  # model calls made, for tests and benchmarks

    def submit(self, items: Sequence[Item]) -> list[Result]:
        if not items:
            return []
        job: _Job[Item, Result] = _Job(items)
        with self._lock:
            self._queue.append(job)
            lead = not self._running
            self._running = True
        if not lead:
            job.wake.wait()
        if not job.finished:
            self._run_batch()  # this job heads the queue, so the batch includes it
        if job.error is not None:
            raise job.error
        assert job.results is not None
        return job.results

    def _take(self) -> list[_Job[Item, Result]]:
        taken, count = [], 0
        while self._queue and (not taken or count + len(self._queue[0].items) <= self._max_items):
            job = self._queue.pop(0)
            taken.append(job)
            count += len(job.items)
        return taken

    def _run_batch(self) -> None:
        with self._lock:
            jobs = self._take()
        items = [item for job in jobs for item in job.items]
        try:
            results = self._process(items)
            if len(results) != len(items):
                raise RuntimeError(f"batch returned {len(results)} results for {len(items)} items")
        except BaseException as exc:  # handed to every waiting request, raised there
            for job in jobs:
                job.error = exc
        else:
            offset = 0
            for job in jobs:
                job.results = results[offset:offset + len(job.items)]
                offset += len(job.items)
        self.batches += 1
        with self._lock:
            # The longest-waiting request runs the next batch, if there is one.
            successor = self._queue[0] if self._queue else None
            self._running = successor is not None
        for job in jobs:
            job.wake.set()
        if successor is not None:
            successor.wake.set()
