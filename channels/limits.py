"""What one message may cost, on every channel: its length, its body, its metadata, and how
many messages a conversation or a client address may send.

Measured (`lotse bench cost`): the cost of a message grows with the square of its number of
tokens (DIET's transformer attends over every token pair), so a cap on characters and words
before NLU bounds it. Over the cap the channel answers itself, politely and in the
person's language, and nothing reaches the dialogue or the tracker.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import math
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sanic.request import Request

logger = logging.getLogger(__name__)

# The longest interview answer is 2,000 characters; a little room above it for a pasted text,
# so that such an answer is still told why it is too long by the interview itself.
MAX_MESSAGE_CHARS = 3_000
# A JSON body of one message. Well above the cap (a pasted text of ~40,000 characters, even
# \u-escaped), so that a person who pastes too much is told so politely; reading and parsing
# this much takes milliseconds.
MAX_MESSAGE_BODY_BYTES = 256 * 1024
# DIET's transformer attends over every pair of tokens: its memory grows with the square of
# the word count (1,500 one-letter words: +160 MB, 3,000: +590 MB). An answer of 2,000
# characters has 300-400 words; only made-up input has more than 700 in 3,000 characters.
MAX_MESSAGE_WORDS = 700
BODY_READ_SECONDS = 15.0  # the whole body, not per chunk: a slow drip is cut off

# Metadata a client may pass on, with each value's length; anything else is dropped. Never
# "organisation": that comes from the server (channels/identity.py).
CLIENT_METADATA = {"language_hint": 16, "label": 200}


class BadRequest(Exception):
    """A request that gets a 4xx with this message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- bodies -----------------------------------------------------------------------------------
async def read_body(request: Request, limit: int, seconds: float = BODY_READ_SECONDS) -> bytes:
    """The body of a streamed route; 413 as soon as it is longer than `limit`, 408 when it
    takes longer than `seconds` in all."""
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        raise BadRequest(400, "bad Content-Length") from None
    if declared > limit:
        raise BadRequest(413, f"the body may have at most {limit} bytes")

    async def collect() -> bytes:
        chunks, size = [], 0
        while True:
            chunk = await request.stream.read()
            if chunk is None:
                return b"".join(chunks)
            size += len(chunk)
            if size > limit:
                raise BadRequest(413, f"the body may have at most {limit} bytes")
            chunks.append(chunk)

    try:
        return await asyncio.wait_for(collect(), seconds)
    except asyncio.TimeoutError:
        raise BadRequest(408, "the body took too long to arrive") from None


def parse_json_object(body: bytes) -> dict[str, Any]:
    """A JSON object, or BadRequest: not JSON, not UTF-8, too deep, not an object."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(400, "body must be JSON") from None
    except RecursionError:
        raise BadRequest(400, "body is nested too deeply") from None
    if not isinstance(data, dict):
        raise BadRequest(400, "body must be a JSON object")
    return data


def clean_text(value: Any, name: str) -> str:  # noqa: ANN401 - untrusted JSON
    """A string that can be stored: lone surrogates ("\\ud800" in JSON) are refused."""
    if not isinstance(value, str):
        raise BadRequest(400, f"{name} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(400, f"{name} is not valid Unicode text") from None
    return value


def client_metadata(raw: Any) -> dict[str, str]:  # noqa: ANN401 - untrusted JSON
    """The allowed keys of the client's metadata, as short strings; everything else dropped."""
    if not isinstance(raw, dict):
        return {}
    kept: dict[str, str] = {}
    for key, limit in CLIENT_METADATA.items():
        value = raw.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            text = str(value)[:limit]
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                continue
            kept[key] = text
    return kept


# A message costs the rate limits one token per started 500 characters: what NLU and the
# interview spend grows with the length, so an attacker's messages at the cap run out of
# tokens six times sooner than a person's short answers.
CHARS_PER_TOKEN = 500


def weight(text: str) -> int:
    """Tokens a message takes from the buckets (1 for one the channel refuses as too long)."""
    return 1 if too_long(text) else 1 + len(text) // CHARS_PER_TOKEN


def too_long(text: str) -> bool:
    """Over the cap: more characters, or more whitespace-separated words (the tokens NLU sees)."""
    return len(text) > MAX_MESSAGE_CHARS or len(text.split()) > MAX_MESSAGE_WORDS


# --- client addresses -------------------------------------------------------------------------
def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def peer_address(request: Request) -> str:
    """The address of the socket's other end (not what headers claim)."""
    peer = request.conn_info.client_ip if request.conn_info is not None else ""
    return peer or request.ip or ""


def proxied(request: Request) -> bool:
    return any(h in request.headers for h in ("x-forwarded-for", "forwarded", "x-real-ip"))


def direct_loopback(request: Request) -> bool:
    """From this machine and not relayed by a reverse proxy on it."""
    return _loopback(peer_address(request)) and not proxied(request)


def client_address(request: Request) -> str:
    """Who sent the request: the peer, or, behind a reverse proxy on this machine, the address
    the proxy appended last to X-Forwarded-For (the earlier entries are the client's claims)."""
    peer = peer_address(request)
    if _loopback(peer):
        forwarded = request.headers.get("x-forwarded-for", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:64]
    return peer


# --- rate limits ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rate:
    burst: int  # messages at once
    per_second: float  # refilled

    @classmethod
    def parse(cls, value: str | None, default: Rate) -> Rate:
        """"BURST/SECONDS": BURST messages at once, one more every SECONDS/BURST."""
        try:
            burst, seconds = (value or "").split("/")
            rate = cls(int(burst), int(burst) / float(seconds))
        except ValueError:
            return default
        return rate if rate.burst > 0 and rate.per_second > 0 else default


# A person types a message every few seconds; pressing buttons quickly is a burst.
CONVERSATION_RATE = Rate(burst=20, per_second=20 / 60)
ADDRESS_RATE = Rate(burst=60, per_second=60 / 60)  # several people behind one address
# Local tools (evaluation, benchmarks) talk to the server directly on loopback.
LOOPBACK_RATE = Rate(burst=200, per_second=50)


class TokenBuckets:
    """Token buckets in memory, or shared through Redis (LOTSE_REDIS_URL) by several servers."""

    _SCRIPT = """
    local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or ARGV[1])
    local stamp = tonumber(redis.call('HGET', KEYS[1], 's') or ARGV[3])
    tokens = math.min(tonumber(ARGV[1]), tokens + (tonumber(ARGV[3]) - stamp) * tonumber(ARGV[2]))
    local cost = tonumber(ARGV[4])
    local wait = 0
    if tokens >= cost then tokens = tokens - cost else wait = (cost - tokens) / tonumber(ARGV[2]) end
    redis.call('HSET', KEYS[1], 't', tostring(tokens), 's', ARGV[3])
    redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]) / tonumber(ARGV[2])) + 1)
    return tostring(wait)
    """

    def __init__(self, redis_url: str | None = None, size: int = 100_000) -> None:
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._size = size
        self._redis = None
        if redis_url:
            try:
                import redis.asyncio as aioredis

                self._redis = aioredis.from_url(redis_url, socket_timeout=0.5)
                self._script = self._redis.register_script(self._SCRIPT)
            except Exception:  # noqa: BLE001 - in memory is the fallback
                logger.warning("rate limits: Redis unavailable, counting in memory")
                self._redis = None

    async def take(self, key: str, rate: Rate, cost: int = 1) -> float:
        """0 if a message of `cost` tokens may pass now, else the seconds until it may."""
        cost = max(1, min(cost, rate.burst))
        now = time.time()
        if self._redis is not None:
            try:
                wait = await self._script(keys=[f"lotse:rate:{key}"],
                                          args=[rate.burst, rate.per_second, now, cost])
                return float(wait)
            except Exception:  # noqa: BLE001 - Redis down: count here meanwhile
                logger.warning("rate limits: Redis failed, counting in memory")
        tokens, stamp = self._buckets.pop(key, (float(rate.burst), now))
        tokens = min(float(rate.burst), tokens + (now - stamp) * rate.per_second)
        wait = 0.0
        if tokens >= cost:
            tokens -= cost
        else:
            wait = (cost - tokens) / rate.per_second
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self._size:
            self._buckets.popitem(last=False)
        return wait


class RateLimits:
    """Per conversation and per client address, as the environment sets them:
    LOTSE_RATE_CONVERSATION ["20/60"], LOTSE_RATE_ADDRESS ["60/60"] (BURST/SECONDS)."""

    def __init__(self) -> None:
        self.conversation = Rate.parse(os.environ.get("LOTSE_RATE_CONVERSATION"), CONVERSATION_RATE)
        self.address = Rate.parse(os.environ.get("LOTSE_RATE_ADDRESS"), ADDRESS_RATE)
        self.buckets = TokenBuckets(os.environ.get("LOTSE_REDIS_URL") or None)

    async def check(self, request: Request | None, conversation: str, text: str = "") -> int:
        """Seconds to wait (0: go ahead) for the message `text` of `conversation` in `request`."""
        local = request is not None and direct_loopback(request)
        cost = weight(text)
        waits = [await self.buckets.take(f"c:{conversation}",
                                         LOOPBACK_RATE if local else self.conversation, cost)]
        if request is not None and not local:
            waits.append(await self.buckets.take(f"a:{client_address(request)}", self.address, cost))
        wait = max(waits)
        return math.ceil(wait) if wait > 0 else 0


def sanic_limits(app: Any) -> None:  # noqa: ANN401 - the Sanic app
    """Bodies and slow clients on the whole Rasa server; an operator's SANIC_* env wins."""
    from storage.documents import MAX_DOCUMENT_BYTES

    defaults = {
        # the largest body is an upload: the largest document and its multipart framing; the
        # routes refuse over their own limits with a JSON 413, Sanic cuts off anything larger
        "REQUEST_MAX_SIZE": MAX_DOCUMENT_BYTES + 1024 * 1024,
        "REQUEST_TIMEOUT": 10,  # no data for this long while a request arrives: closed
        "KEEP_ALIVE_TIMEOUT": 5,
        "RESPONSE_TIMEOUT": 60,
    }
    for name, value in defaults.items():
        if f"SANIC_{name}" not in os.environ:
            setattr(app.config, name, value)
