"""Signed session cookies and CSRF tokens.

A session is a small signed payload (HMAC-SHA256 with a secret kept in the session key
file). A signed-in session is also recorded in the database (storage.accounts), so it survives a
portal restart and ends at once when it is revoked (logout, disable, password reset); the
absolute expiry bounds how long a copied cookie could live. Anonymous sessions (the login form's
CSRF secret) are not recorded; revoking one at login is kept in memory.

The device token marks a browser that signed in as a user before: the login throttle lets it
past the per-name limits, so nobody can lock a user out by guessing their name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SESSION_LIFETIME = 8 * 60 * 60
# A login form may stay open a while; an anonymous session only carries its CSRF secret.
ANONYMOUS_LIFETIME = 2 * 60 * 60
KEY_BYTES = 32
DEVICE_LIFETIME = 90 * 24 * 60 * 60


def load_or_create_key(path: Path) -> bytes:
    """The session secret; created with 32 random bytes, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) < KEY_BYTES:
            raise RuntimeError(f"session key file {path} is shorter than {KEY_BYTES} bytes") \
                from None
        return key
    key = secrets.token_bytes(KEY_BYTES)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Session:
    sid: str
    user_id: int | None
    expires: int

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None


class SessionCodec:
    """Issues, reads and revokes sessions signed with one key."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self._revoked: dict[str, int] = {}
        self._lock = threading.Lock()

    def _sign(self, data: bytes) -> bytes:
        return hmac.new(self._key, b"session:" + data, hashlib.sha256).digest()

    def new(self, user_id: int | None, now: float | None = None) -> Session:
        lifetime = SESSION_LIFETIME if user_id is not None else ANONYMOUS_LIFETIME
        return Session(sid=secrets.token_urlsafe(24), user_id=user_id,
                       expires=int((now or time.time()) + lifetime))

    def encode(self, session: Session) -> str:
        payload = json.dumps({"sid": session.sid, "uid": session.user_id,
                              "exp": session.expires}, separators=(",", ":")).encode()
        return _signed(payload, self._sign)

    def decode(self, token: str | None, now: float | None = None) -> Session | None:
        """The session in a cookie, or None if it is forged, malformed, expired or revoked."""
        data = _verified(token, self._sign)
        if data is None:
            return None
        try:
            session = Session(sid=str(data["sid"]), user_id=data["uid"], expires=int(data["exp"]))
        except (ValueError, KeyError, TypeError):
            return None
        if session.user_id is not None and not isinstance(session.user_id, int):
            return None
        if session.expires <= (now or time.time()) or self.is_revoked(session.sid):
            return None
        return session

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._key, b"csrf:" + session.sid.encode(), hashlib.sha256).hexdigest()

    def check_csrf(self, session: Session | None, token: str | None) -> bool:
        if session is None or not token:
            return False
        # bytes: compare_digest refuses str with non-ASCII characters (a TypeError, a 500)
        return hmac.compare_digest(self.csrf_token(session).encode(),
                                   token.encode("utf-8", "surrogatepass"))

    def revoke(self, session: Session) -> None:
        now = time.time()
        with self._lock:
            # Forget revocations of sessions that have expired anyway.
            for sid in [s for s, exp in self._revoked.items() if exp <= now]:
                del self._revoked[sid]
            self._revoked[session.sid] = session.expires

    def is_revoked(self, sid: str) -> bool:
        with self._lock:
            return sid in self._revoked

    def device_token(self, username: str, now: float | None = None) -> str:
        payload = json.dumps({"u": username, "exp": int((now or time.time()) + DEVICE_LIFETIME)},
                             separators=(",", ":")).encode()
        return _signed(payload, self._sign_device)

    def device_known(self, token: str | None, username: str, now: float | None = None) -> bool:
        """True if this browser holds an unexpired device token for exactly this name."""
        data = _verified(token, self._sign_device)
        if data is None or not username:
            return False
        try:
            return data["u"] == username and int(data["exp"]) > (now or time.time())
        except (ValueError, KeyError, TypeError):
            return False

    def _sign_device(self, data: bytes) -> bytes:
        return hmac.new(self._key, b"device:" + data, hashlib.sha256).digest()


def _signed(payload: bytes, sign: Callable[[bytes], bytes]) -> str:
    """"<payload>.<signature>", both base64url: a session cookie or a device token."""
    return f"{_b64(payload)}.{_b64(sign(payload))}"


def _verified(token: str | None, sign: Callable[[bytes], bytes]) -> dict | None:
    """The JSON object in a token `_signed` made with `sign`; None if forged or malformed."""
    if not token or len(token) > 512 or token.count(".") != 1:
        return None
    body, signature = token.split(".")
    try:
        payload = _unb64(body)
        if not hmac.compare_digest(_unb64(signature), sign(payload)):
            return None
        data = json.loads(payload)
    except (ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None
