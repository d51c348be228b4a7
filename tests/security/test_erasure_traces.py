"""After "delete my data" nothing of the person is left anywhere under var/ (or in Redis)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.security.conversation import erase, run_marked_conversation

pytestmark = pytest.mark.server


def _hits(root: Path, traces: list[str]) -> list[tuple[str, str]]:
    needles = {t: [t.encode("utf-8"), t.encode("utf-16-le")] for t in traces}
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        found += [(str(path.relative_to(root)), t) for t, forms in needles.items()
                  if any(form in data for form in forms)]
    return found


def _redis_hits(traces: list[str]) -> list[tuple[str, str]]:
    url = os.environ.get("LOTSE_REDIS_URL", "").strip()
    if not url:
        return []
    import redis

    client = redis.Redis.from_url(url)
    found = []
    for key in client.scan_iter(count=1000):
        values = [key]
        kind = client.type(key)
        if kind == b"string":
            values.append(client.get(key) or b"")
        elif kind == b"hash":
            values += [b"%s=%s" % pair for pair in client.hgetall(key).items()]
        elif kind == b"list":
            values += client.lrange(key, 0, -1)
        elif kind in (b"set", b"zset"):
            values += list(client.smembers(key)) if kind == b"set" else client.zrange(key, 0, -1)
        found += [(key.decode("utf-8", "replace"), t) for t in traces
                  if any(t.encode() in v for v in values)]
    return found


def test_delete_my_data_leaves_no_trace_in_any_file(stack):
    conversation = run_marked_conversation(stack.settings.rasa_url)
    var = stack.settings.var_dir
    # the search finds what is there: the conversation is stored under the sender id
    assert {t for _, t in _hits(var, conversation.traces)} == {conversation.chat.sender}
    erase(conversation)
    assert _hits(var, conversation.traces) == []
    assert _redis_hits(conversation.traces) == []


def test_translations_in_redis_cannot_be_read_without_the_original_text():
    """A person's translated answer may sit in the shared Redis cache for weeks; without the
    answer itself (erased with the person) nobody can read it there."""
    import redis

    from tests.translation.support import REDIS_URL
    from translation.cache import TranslationCache

    marker = "Zeynabqorvat"
    prefix = f"lotse:test:{os.getpid()}:"
    writer = TranslationCache(redis_url=REDIS_URL, prefix=prefix)
    key = writer.key("ar", "de", "translate-ar_en@1.0+translate-en_de@1.0", f"اسمي {marker}")
    writer.set(key, {"text": f"Mein Name ist {marker}"})
    client = redis.Redis.from_url(REDIS_URL)
    try:
        stored = b"".join(client.get(k) or b"" for k in client.scan_iter(f"{prefix}*"))
        assert stored and marker.encode() not in stored
        # whoever has the text finds the translation (another process computes the same key)
        reader = TranslationCache(redis_url=REDIS_URL, prefix=prefix)
        assert reader.get(key) == ({"text": f"Mein Name ist {marker}"}, "redis")
    finally:
        for k in client.scan_iter(f"{prefix}*"):
            client.delete(k)
