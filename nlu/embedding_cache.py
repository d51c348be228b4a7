"""A file cache of passage embeddings, shared by the searches over fixed texts (occupations,
knowledge base): embedding tens of thousands of passages takes minutes, so it happens once.

One `.npz` per (encoder, passage set), named by their fingerprint; float16 vectors and a JSON
`meta` with the encoder (`model`) and the passages (`keys`). Built atomically (temporary file +
os.replace) under a lock file that serialises builders across threads and processes (the others
wait, then find it). Vectors of earlier builds with the same encoder are reused, so a changed
text costs one embedding, not all; files of earlier fingerprints are removed after a build.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

logger = logging.getLogger(__name__)

LOCK_NAME = ".build.lock"
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def fingerprint(model: str, keys: Sequence[str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{model}\n".encode())
    digest.update("\n".join(keys).encode())
    return digest.hexdigest()[:16]


def read(path: Path) -> tuple[str, list[str], np.ndarray]:
    """(model, keys, float32 vectors) of a cache file; raises on a damaged one."""
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        keys = meta["keys"] if "keys" in meta else meta["texts"]  # "texts": files before the merge
        return meta["model"], keys, data["vectors"].astype(np.float32)


@contextlib.contextmanager
def exclusive(directory: Path) -> Iterator[None]:
    """One builder per directory at a time, across threads and processes."""
    with _locks_guard:
        lock = _locks.setdefault(directory.resolve(), threading.Lock())
    with lock, (directory / LOCK_NAME).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class EmbeddingCache:
    directory: Path
    model: str  # the encoder's fingerprint and what it embeds: part of every file's fingerprint
    dimension: int
    prefix: str = "passages-"
    name: str = "embedding"  # for the log
    batch: int = 64

    def path(self, keys: Sequence[str]) -> Path:
        return self.directory / f"{self.prefix}{fingerprint(self.model, keys)}.npz"

    def _current(self, path: Path, keys: list[str]) -> np.ndarray | None:
        if not path.exists():
            return None
        try:
            model, stored, vectors = read(path)
        except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, not fatal
            logger.warning("%s index %s unreadable (%s): rebuilding", self.name, path, exc)
            return None
        return vectors if model == self.model and stored == keys else None

    def _reusable(self) -> dict[str, np.ndarray]:
        known: dict[str, np.ndarray] = {}
        for path in sorted(self.directory.glob(f"{self.prefix}*.npz")):
            try:
                model, keys, vectors = read(path)
            except Exception as exc:  # noqa: BLE001 - a broken cache file is rebuilt, not fatal
                logger.warning("ignoring unreadable %s index %s: %s", self.name, path, exc)
                continue
            if model == self.model and len(keys) == len(vectors):
                known.update(zip(keys, vectors, strict=True))
        return known

    def vectors(self, keys: list[str], embed: Callable[[list[str]], Iterable[np.ndarray]], *,
                force: bool = False, meta: dict[str, Any] | None = None) -> tuple[Path, np.ndarray]:
        """The vectors of `keys` (in order) and their file, embedding what no file holds yet."""
        path = self.path(keys)
        if not force and (found := self._current(path, keys)) is not None:
            return path, found
        self.directory.mkdir(parents=True, exist_ok=True)
        with exclusive(self.directory):
            if not force and (found := self._current(path, keys)) is not None:
                return path, found  # built by another process meanwhile
            started = time.perf_counter()
            known = {} if force else self._reusable()
            missing = [key for key in keys if key not in known]
            for start in range(0, len(missing), self.batch):
                batch = missing[start:start + self.batch]
                known.update(zip(batch, embed(batch), strict=True))
            vectors = (np.stack([known[key] for key in keys]).astype(np.float16) if keys
                       else np.zeros((0, self.dimension), dtype=np.float16))
            self._write(path, vectors, {"model": self.model, "keys": keys, **(meta or {})})
            logger.info("%s index: %d passages (%d embedded) in %.1f s -> %s", self.name,
                        len(keys), len(missing), time.perf_counter() - started, path)
        return path, vectors.astype(np.float32)

    def _write(self, path: Path, vectors: np.ndarray, meta: dict[str, Any]) -> None:
        with tempfile.NamedTemporaryFile(dir=self.directory, prefix=".tmp-", suffix=".npz",
                                         delete=False) as handle:
            try:
                np.savez(handle, vectors=vectors,
                         meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), np.uint8))
                handle.flush()
                os.fsync(handle.fileno())
            except BaseException:
                os.unlink(handle.name)
                raise
        os.chmod(handle.name, 0o600)  # like everything under var/: owner-only
        os.replace(handle.name, path)
        # earlier fingerprints, and temporary files of builds that were killed (we hold the lock)
        for stale in [*self.directory.glob(f"{self.prefix}*.npz"), *self.directory.glob(".tmp-*")]:
            if stale != path:
                stale.unlink(missing_ok=True)
