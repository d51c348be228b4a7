"""What one message may cost: a length cap before NLU (a polite reply, nothing stored), body
limits, slow clients cut off, rate limits (429 and a polite reply), client metadata only from an
allow-list, and 4xx, never 5xx, for malformed requests on every channel."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
import sqlalchemy as sa

from channels import limits
from channels.limits import MAX_MESSAGE_CHARS, Rate, TokenBuckets
from tests.helpers.chat import TOKEN_HEADER, Chat, said, web_session


# --- without a server ---------------------------------------------------------------------------
def test_token_buckets_allow_a_burst_then_the_rate():
    buckets = TokenBuckets()
    rate = Rate(burst=3, per_second=2.0)

    async def takes() -> list[float]:
        return [await buckets.take("k", rate) for _ in range(5)]

    waits = asyncio.run(takes())
    assert waits[:3] == [0, 0, 0] and all(0 < w <= 1.0 for w in waits[3:])
    assert asyncio.run(buckets.take("other", rate)) == 0  # each key its own bucket


def test_long_messages_take_more_of_the_rate():
    assert limits.weight("ja") == 1
    assert limits.weight("x" * MAX_MESSAGE_CHARS) == 1 + MAX_MESSAGE_CHARS // limits.CHARS_PER_TOKEN
    assert limits.weight("x" * (MAX_MESSAGE_CHARS + 1)) == 1  # refused by the channel, cheaply
    buckets, rate = TokenBuckets(), Rate(burst=10, per_second=1.0)

    async def takes() -> list[float]:
        return [await buckets.take("long", rate, cost=7), await buckets.take("long", rate, cost=7)]

    first, second = asyncio.run(takes())
    assert first == 0 and 3.5 < second <= 4.0  # 3 tokens left, 4 more needed at 1 a second


def test_token_buckets_shared_through_redis():
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    key = f"test-{time.time_ns()}"
    rate = Rate(burst=2, per_second=0.5)

    async def takes() -> list[float]:
        one, two = TokenBuckets(url), TokenBuckets(url)  # two servers
        return [await one.take(key, rate), await two.take(key, rate), await one.take(key, rate)]

    waits = asyncio.run(takes())
    assert waits[0] == 0 and waits[1] == 0 and waits[2] > 0


@pytest.mark.parametrize("value, expected", [
    ("20/60", Rate(20, 20 / 60)), ("5/1", Rate(5, 5.0)), ("x", limits.CONVERSATION_RATE),
    ("0/60", limits.CONVERSATION_RATE), ("", limits.CONVERSATION_RATE), (None, limits.CONVERSATION_RATE)])
def test_rate_setting(value, expected):
    assert Rate.parse(value, limits.CONVERSATION_RATE) == expected


def test_client_metadata_keeps_only_the_allow_list():
    kept = limits.client_metadata({"language_hint": "ar", "label": "L" * 500, "organisation": "x",
                                   "evil": "y" * 10_000, "nested": {"a": 1}, "language_hint2": 1})
    assert kept == {"language_hint": "ar", "label": "L" * 200}
    assert limits.client_metadata(["not", "an", "object"]) == {}
    assert limits.client_metadata({"label": "\ud800"}) == {}  # not storable text


def test_the_cap_leaves_room_for_the_longest_interview_answer():
    from dialogues.interview import load_interview

    longest = max(getattr(f, "max_length", 0) or 0 for f in load_interview().fields)
    assert longest == 2000 < MAX_MESSAGE_CHARS <= 4000


# --- on the running stack ---------------------------------------------------------------------

def _raw(url: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def _events(settings, sender_id: str) -> list[dict[str, Any]]:
    from storage.database import engine_for
    from storage.encryption import get_cipher

    with engine_for(settings.database_url).connect() as connection:
        rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :s"),
                                  {"s": sender_id}).all()
    return [json.loads(get_cipher().decrypt(row[0])) for row in rows]


def _user_texts(settings, sender_id: str) -> list[str]:
    return [e.get("text") or "" for e in _events(settings, sender_id) if e.get("event") == "user"]


@pytest.mark.server
@pytest.mark.parametrize("channel", ["web", "rest"])
def test_a_message_over_the_cap_is_answered_politely_fast_and_not_stored(stack, channel):
    chat = Chat(stack.settings.rasa_url, channel=channel)
    chat.send("hallo")
    chat.send('/choose_language{"language":"uk"}')
    long = "Я працювала кухаркою в Харкові. " * 700  # ~23,000 characters
    assert len(long) > MAX_MESSAGE_CHARS
    started = time.monotonic()
    replies = chat.send(long)
    assert time.monotonic() - started < 3.0
    assert said(replies, "uk", "limits.message_too_long"), chat.dump()
    assert str(MAX_MESSAGE_CHARS) in replies[0]["text"]
    conversation = f"{channel}:{chat.sender}"
    assert not any("Харкові" in text for text in _user_texts(stack.settings, conversation))
    # at the cap it still reaches the dialogue (the interview says what is too long itself)
    at_cap = ("Я працювала кухаркою в Харкові. " * 200)[:MAX_MESSAGE_CHARS]
    started = time.monotonic()
    replies = chat.send(at_cap)
    assert time.monotonic() - started < 10.0
    assert not said(replies, "uk", "limits.message_too_long"), chat.dump()
    assert at_cap in _user_texts(stack.settings, conversation)


@pytest.mark.server
def test_telegram_messages_over_the_cap_are_answered_politely(stack, telegram_api):
    from tests.helpers.telegram_chat import TelegramChat, register_webhook

    register_webhook(stack.settings.rasa_url)
    chat = TelegramChat(telegram_api, stack.settings.rasa_url, language_code="tr")
    replies = chat.send("merhaba " * 1000)  # a forged update: Telegram itself sends 4,096 at most
    assert said(replies, "tr", "limits.message_too_long"), chat.dump()
    assert _user_texts(stack.settings, f"telegram:{chat.chat_id}") == []


def _declared(stack, path: str, size: int, headers: dict[str, str]) -> bytes:
    """The status line the server answers to a request that announces a body of `size` bytes,
    after only its first kilobytes were sent: a large body is refused without being read."""
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    with socket.create_connection((stack.settings.host, stack.settings.rasa_port), timeout=30) as sock:
        sock.sendall(head.encode() + b"x" * 8192)
        return sock.recv(4096).split(b"\r\n", 1)[0]


@pytest.mark.server
def test_huge_bodies_are_413_on_every_channel(stack, telegram_api):
    from tests.helpers.telegram_chat import register_webhook

    register_webhook(stack.settings.rasa_url)
    sender, token = web_session(stack.settings.rasa_url)
    json_type = {"Content-Type": "application/json"}
    for path, size, headers in (
            ("/webhooks/web/webhook", 2_000_000, {TOKEN_HEADER: token, **json_type}),
            ("/webhooks/web/webhook", 2_000_000, json_type),  # and without a token
            ("/webhooks/rest/webhook", 2_000_000, json_type),
            ("/webhooks/web/session", 100_000, json_type),
            ("/webhooks/web/upload", 12_000_000, {TOKEN_HEADER: token,
                                                  "Content-Type": "multipart/form-data; boundary=x"}),
            ("/webhooks/telegram/webhook", 20_000_000,
             {"X-Telegram-Bot-Api-Secret-Token": telegram_api.webhook["secret_token"], **json_type})):
        assert _declared(stack, path, size, headers).startswith(b"HTTP/1.1 413"), path
    # a body over the limit that announces no length is counted as it arrives
    status, _, body = _raw(f"{stack.settings.rasa_url}/webhooks/rest/webhook",
                           json.dumps({"sender": "big", "message": "x" * 300_000}).encode())
    assert status == 413 and b"error" in body


@pytest.mark.server
def test_a_slow_drip_is_cut_off(stack):
    """A client that sends its body a byte at a time does not keep the connection for minutes."""
    sender, token = web_session(stack.settings.rasa_url)
    head = (f"POST /webhooks/web/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"{TOKEN_HEADER}: {token}\r\nContent-Length: 5000\r\n\r\n").encode()
    started = time.monotonic()
    with socket.create_connection((stack.settings.host, stack.settings.rasa_port), timeout=5) as sock:
        sock.sendall(head)
        answer = b""
        try:
            while time.monotonic() - started < 60:
                sock.sendall(b" ")
                time.sleep(1.0)
                sock.setblocking(False)
                try:
                    answer += sock.recv(4096)
                except BlockingIOError:
                    pass
                finally:
                    sock.setblocking(True)
                if answer:
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert time.monotonic() - started < limits.BODY_READ_SECONDS + 10
    assert not answer or answer.startswith(b"HTTP/1.1 408"), answer[:100]


@pytest.mark.server
def test_too_many_messages_get_429_and_a_polite_reply(stack):
    base = stack.settings.rasa_url
    remote = {"X-Forwarded-For": "198.51.100.23"}  # relayed by a reverse proxy: limits apply
    sender, token = web_session(base, headers=remote)
    # over-cap messages are cheap to answer and still count
    body = json.dumps({"sender": sender, "message": "x" * (MAX_MESSAGE_CHARS + 1),
                       "metadata": {"language_hint": "fa"}}).encode()
    statuses, limited = [], None
    for _ in range(limits.ADDRESS_RATE.burst + 5):
        status, headers, data = _raw(f"{base}/webhooks/web/webhook", body, {TOKEN_HEADER: token, **remote})
        statuses.append(status)
        if status == 429:
            limited = (headers, json.loads(data))
            break
    assert limited is not None, statuses
    headers, replies = limited
    assert int(headers["Retry-After"]) >= 1
    assert said(replies, "fa", "limits.rate_limited"), replies
    # another address is not affected
    status, _, _ = _raw(f"{base}/webhooks/web/webhook", body,
                        {TOKEN_HEADER: token, "X-Forwarded-For": "198.51.100.24"})
    assert status == 200


@pytest.mark.server
@pytest.mark.parametrize("channel", ["web", "rest"])
def test_metadata_beyond_the_allow_list_is_not_stored(stack, channel):
    chat = Chat(stack.settings.rasa_url, channel=channel,
                metadata={"language_hint": "de", "evil": "E" * 100_000, "organisation": "claimed",
                          "input_channel": "telegram", "label": "Deutsch"})
    chat.send("hallo")
    events = [e for e in _events(stack.settings, f"{channel}:{chat.sender}") if e.get("event") == "user"]
    assert events
    for event in events:
        # what the client may pass on, and what Rasa itself adds
        assert set(event.get("metadata") or {}) <= {"language_hint", "label", "assistant_id", "model_id"}, \
            event["metadata"]
        assert event.get("input_channel") == channel


def _malformed(sender: str) -> list[tuple[bytes, str]]:
    deep = b"[" * 100_000 + b"]" * 100_000
    return [
        (json.dumps({"sender": sender, "message": "\ud800"}).encode(), "application/json"),
        (b'{"sender": "' + sender.encode() + b'", "message": "\\udc00\\ud800"}', "application/json"),
        (b'{"sender": "' + sender.encode() + b'", "message": ' + deep + b"}", "application/json"),
        (deep, "application/json"),
        (b'"just a string"', "application/json"), (b"[]", "application/json"), (b"null", "application/json"),
        (b"42", "application/json"), (b"\x00\xff\xfe binary", "application/octet-stream"),
        (b"sender=a&message=b", "application/x-www-form-urlencoded"),
        (b'{"sender": "' + sender.encode() + b'", "message": "hi"', "text/plain"),
        (b"", "application/json"),
    ]


@pytest.mark.server
def test_malformed_bodies_get_4xx_never_5xx(stack, telegram_api):
    from tests.helpers.telegram_chat import register_webhook

    base = stack.settings.rasa_url
    sender, token = web_session(base)
    targets = [("/webhooks/web/webhook", {TOKEN_HEADER: token}), ("/webhooks/rest/webhook", {}),
               ("/webhooks/web/session", {}), ("/webhooks/web/upload", {TOKEN_HEADER: token})]
    for path, headers in targets:
        for body, content_type in _malformed(sender):
            status, _, data = _raw(base + path, body, {**headers, "Content-Type": content_type})
            assert 400 <= status < 500 or (status == 200 and path.endswith("/session")), \
                (path, body[:60], status, data[:200])
            assert b"Traceback" not in data
    register_webhook(base)
    for body, _ in _malformed(sender):
        assert 400 <= telegram_api.deliver(body) < 500, body[:60]


@pytest.mark.server
def test_the_chat_still_works_for_the_same_sender_after_bad_requests(stack):
    chat = Chat(stack.settings.rasa_url)
    for body, content_type in _malformed(chat.sender)[:4]:
        _raw(f"{stack.settings.rasa_url}/webhooks/web/webhook", body,
             {"Content-Type": content_type, **chat.headers})
    replies = chat.send("hallo")
    assert replies and not said(replies, "de", "limits.message_too_long"), chat.dump()
