"""The translation cache: memory LRU, shared through a real Redis, and working without one."""

import logging

import redis

from tests.translation.support import REDIS_URL, unused_port
from translation.cache import TranslationCache, cache_key


def test_key_names_pair_model_and_text_hash():
    key = cache_key("ar", "de", "translate-ar_en@1.0+translate-en_de@1.0", "مرحبا", prefix="p:")
    assert key.startswith("p:ar:de:translate-ar_en@1.0+translate-en_de@1.0:")
    assert "مرحبا" not in key and len(key.rsplit(":", 1)[1]) == 64
    assert key != cache_key("ar", "de", "translate-ar_en@1.1+translate-en_de@1.0", "مرحبا", prefix="p:")


def test_memory_lru_evicts_the_least_recently_used():
    cache = TranslationCache(max_items=2)
    cache.set("a", {"text": "A"})
    cache.set("b", {"text": "B"})
    assert cache.get("a") == ({"text": "A"}, "memory")  # a is now the most recent
    cache.set("c", {"text": "C"})
    assert cache.get("b") == (None, None)
    assert cache.get("a")[0] == {"text": "A"} and cache.get("c")[0] == {"text": "C"}
    assert len(cache) == 2


def test_redis_shares_values_between_caches(redis_prefix):
    writer = TranslationCache(redis_url=REDIS_URL, prefix=redis_prefix)
    reader = TranslationCache(redis_url=REDIS_URL, prefix=redis_prefix)
    key = writer.key("de", "en", "translate-de_en@1.0", "Hallo")
    writer.set(key, {"text": "Hallo ✓"})
    assert reader.get(key) == ({"text": "Hallo ✓"}, "redis")
    assert reader.get(key) == ({"text": "Hallo ✓"}, "memory")  # kept in memory after the first read
    ttl = redis.Redis.from_url(REDIS_URL).ttl(key)
    assert 0 < ttl <= writer.ttl_seconds


def test_unreachable_redis_logs_once_and_uses_memory(caplog):
    cache = TranslationCache(redis_url=f"redis://127.0.0.1:{unused_port()}/0", timeout=0.2)
    with caplog.at_level(logging.WARNING, logger="translation.cache"):
        assert cache.get("k") == (None, None)
        cache.set("k", {"text": "v"})
        assert cache.get("k") == ({"text": "v"}, "memory")
        cache.set("k2", {"text": "w"})
        assert cache.get("missing") == (None, None)
    assert len([r for r in caplog.records if "Redis unreachable" in r.message]) == 1


def test_corrupt_redis_values_are_ignored(redis_prefix):
    cache = TranslationCache(redis_url=REDIS_URL, prefix=redis_prefix)
    redis.Redis.from_url(REDIS_URL).set(f"{redis_prefix}bad", b"\xff not json")
    assert cache.get(f"{redis_prefix}bad") == (None, None)
