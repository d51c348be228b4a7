"""Translation cache: an in-process LRU, backed by Redis when `LOTSE_REDIS_URL` is set.

Redis lets several processes (action servers, the CLI) share translations. Keys name the
language pair, the package(s) with their versions and the sha256 of the request, so a new
package version never serves an old translation. When Redis cannot be reached the cache says
so once in the log, works from memory, and tries Redis again later.

Values in Redis are encrypted with a key derived from the text that was translated (which is
never stored): a person's answers are translated too, and their translation must neither be
readable by whoever can read Redis nor outlive the erasure of the answer. Only a process that
has the original text (it just computed the key from it) can read the entry; once the person's
data is deleted, nothing that is left can open it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from typing import Any

import redis
from cryptography.fernet import Fernet, InvalidToken

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "lotse:mt:"
DEFAULT_TTL_SECONDS = 30 * 24 * 3600
RETRY_SECONDS = 60.0


# Redis key -> the key its value is encrypted with; both come from the text, see cache_key.
_VALUE_KEYS: OrderedDict[str, bytes] = OrderedDict()
_VALUE_KEYS_MAX = 65536
_value_keys_lock = threading.Lock()


def cache_key(source: str, target: str, model: str, text: str, *, prefix: str = DEFAULT_PREFIX) -> str:
    """`model` names the packages and versions (e.g. `translate-ar_en@1.0+translate-en_de@1.0`);
    `text` is everything the result depends on (the text, protected names, glossary version)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    key = f"{prefix}{source}:{target}:{model}:{digest}"
    # a second, independent hash of the text: the Redis key does not reveal it
    secret = hashlib.sha256(b"lotse translation value\0" + text.encode("utf-8")).digest()
    with _value_keys_lock:
        _VALUE_KEYS[key] = secret
        _VALUE_KEYS.move_to_end(key)
        while len(_VALUE_KEYS) > _VALUE_KEYS_MAX:
            _VALUE_KEYS.popitem(last=False)
    return key


def _value_cipher(key: str) -> Fernet | None:
    with _value_keys_lock:
        secret = _VALUE_KEYS.get(key)
    return Fernet(base64.urlsafe_b64encode(secret)) if secret else None


class TranslationCache:
    """Thread-safe get/set of JSON-serialisable dicts."""

    def __init__(self, *, max_items: int = 4096, redis_url: str | None = None,
                 prefix: str = DEFAULT_PREFIX, ttl_seconds: int = DEFAULT_TTL_SECONDS,
                 timeout: float = 0.5) -> None:
        self.max_items = max_items
        self.prefix = prefix
        self.ttl_seconds = ttl_seconds
        self._memory: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._redis = (redis.Redis.from_url(redis_url, socket_connect_timeout=timeout,
                                            socket_timeout=timeout) if redis_url else None)
        self._redis_down_until = 0.0
        self._redis_warned = False

    @classmethod
    def from_env(cls) -> TranslationCache:
        return cls(redis_url=os.environ.get("LOTSE_REDIS_URL", "").strip() or None)

    def key(self, source: str, target: str, model: str, text: str) -> str:
        return cache_key(source, target, model, text, prefix=self.prefix)

    @property
    def redis_enabled(self) -> bool:
        return self._redis is not None

    def _redis_usable(self) -> bool:
        return self._redis is not None and time.monotonic() >= self._redis_down_until

    def _redis_failed(self, exc: Exception) -> None:
        self._redis_down_until = time.monotonic() + RETRY_SECONDS
        if not self._redis_warned:
            self._redis_warned = True
            logger.warning("translation cache: Redis unreachable (%s); using memory only, "
                           "retrying every %.0f s", exc, RETRY_SECONDS)

    def _redis_recovered(self) -> None:
        if self._redis_warned:
            self._redis_warned = False
            logger.info("translation cache: Redis reachable again")

    def get(self, key: str) -> tuple[dict[str, Any] | None, str | None]:
        """The cached value and where it came from ("memory" or "redis")."""
        with self._lock:
            value = self._memory.get(key)
            if value is not None:
                self._memory.move_to_end(key)
                return value, "memory"
        if not self._redis_usable():
            return None, None
        try:
            raw = self._redis.get(key)  # type: ignore[union-attr]
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return None, None
        self._redis_recovered()
        cipher = _value_cipher(key)
        if raw is None or cipher is None:
            return None, None
        try:
            value = json.loads(cipher.decrypt(raw))
        except (InvalidToken, TypeError, UnicodeDecodeError, json.JSONDecodeError):
            return None, None
        if not isinstance(value, dict):
            return None, None
        self._remember(key, value)
        return value, "redis"

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._remember(key, value)
        cipher = _value_cipher(key)
        if not self._redis_usable() or cipher is None:
            return  # a key not made by cache_key: no way to encrypt it, so memory only
        try:
            self._redis.set(key, cipher.encrypt(json.dumps(value).encode()),  # type: ignore[union-attr]
                            ex=self.ttl_seconds)
        except redis.RedisError as exc:
            self._redis_failed(exc)
        else:
            self._redis_recovered()

    def _remember(self, key: str, value: dict[str, Any]) -> None:
        if self.max_items <= 0:
            return
        with self._lock:
            self._memory[key] = value
            self._memory.move_to_end(key)
            while len(self._memory) > self.max_items:
                self._memory.popitem(last=False)

    def clear_memory(self) -> None:
        with self._lock:
            self._memory.clear()

    def __len__(self) -> int:
        return len(self._memory)
