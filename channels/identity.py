"""Who a conversation belongs to, decided by the server, never by the client.

- Conversation ids (Rasa's sender_id) are namespaced by the channel that set them:
  "web:<id>", "telegram:<chat id>", "rest:<sender>". The channel code builds them, so an id
  typed into one channel can never address a conversation of another. The action server
  derives the channel from this prefix (`split`), never from the client's `input_channel`.
  Stored channel identities stay (channel, raw external id).
- A web conversation is an unguessable server-issued id plus a per-conversation token, an
  HMAC of the id (and of the organisation bound to it) with a server key kept owner-only in
  var/secrets/; the widget sends the token with every request (header X-Lotse-Token).
- The organisation of a new profile comes only from the server: a signed link
  ("<slug>-<signature>", `lotse orgs link SLUG`) or the embedding site's origin
  (LOTSE_WIDGET_ORGANISATIONS), bound into the web token or the Telegram conversation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path

CHANNELS = ("web", "telegram", "rest")
TOKEN_HEADER = "X-Lotse-Token"  # noqa: S105 - a header name
KEY_BYTES = 32
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,46}$")
_SIGNATURE_HEX = 16  # 64 bits: guessing online is hopeless, and a Telegram payload stays short
_WEB_SENDER = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


# --- namespaced conversation ids --------------------------------------------------------------
def conversation_id(channel: str, external_id: str) -> str:
    """The Rasa sender_id of (channel, external id); only channel code calls this."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    return f"{channel}:{external_id}"


def split(sender_id: str) -> tuple[str | None, str]:
    """(channel, external id) of a namespaced conversation id; (None, id) for any other id
    (e.g. one made up through Rasa's token-protected HTTP API), which belongs to no person."""
    channel, colon, external = (sender_id or "").partition(":")
    if colon and channel in CHANNELS and external:
        return channel, external
    return None, sender_id or ""


# --- the server key ---------------------------------------------------------------------------
def key_file() -> Path:
    from lotse.settings import load_settings

    configured = os.environ.get("LOTSE_CHANNEL_KEY_FILE")
    return Path(configured) if configured else load_settings().var_dir / "secrets" / "channel.key"


@lru_cache(maxsize=4)
def _key(path: Path) -> bytes:
    try:
        data = path.read_bytes().strip()
    except FileNotFoundError:
        data = b""
    if len(data) >= KEY_BYTES:
        return data
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    # Written aside and linked into place: a process starting at the same moment reads either
    # no file or the whole key, and the first one to link wins.
    fresh = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)))
    try:
        os.link(fresh, path)
    except FileExistsError:
        pass
    finally:
        fresh.unlink(missing_ok=True)
    return path.read_bytes().strip()


def server_key() -> bytes:
    """The key the channels sign with (created owner-only on first use)."""
    return _key(key_file())


def _mac(purpose: str, *parts: str) -> bytes:
    message = "\x00".join((purpose, *parts)).encode("utf-8")
    return hmac.new(server_key(), message, hashlib.sha256).digest()


# --- signed organisation links ----------------------------------------------------------------
def valid_slug(slug: str) -> bool:
    return bool(_SLUG.match(slug or ""))


def signed_organisation(slug: str) -> str:
    """"<slug>-<signature>": what a link carries to assign new profiles to `slug`."""
    if not valid_slug(slug):
        raise ValueError("an organisation slug is 1-47 lower-case letters, digits, - or _, "
                         "starting with a letter or digit")
    return f"{slug}-{_mac('organisation', slug).hex()[:_SIGNATURE_HEX]}"


def verify_organisation(value: str | None) -> str | None:
    """The slug a signed value names, or None when it is not one of ours."""
    slug, dash, signature = (value or "").rpartition("-")
    if not dash or not valid_slug(slug) or len(signature) != _SIGNATURE_HEX:
        return None
    expected = _mac("organisation", slug).hex()[:_SIGNATURE_HEX]
    return slug if hmac.compare_digest(signature, expected) else None


def origin_organisations(setting: str | None = None) -> dict[str, str]:
    """LOTSE_WIDGET_ORGANISATIONS: "https://www.leipzig.de=leipzig,https://b.example=b"."""
    raw = os.environ.get("LOTSE_WIDGET_ORGANISATIONS", "") if setting is None else setting
    mapping: dict[str, str] = {}
    for item in raw.split(","):
        origin, equals, slug = item.strip().rpartition("=")
        if equals and origin and valid_slug(slug.strip()):
            mapping[origin.strip().rstrip("/").lower()] = slug.strip()
    return mapping


# --- web conversations ------------------------------------------------------------------------
def new_web_sender() -> str:
    return secrets.token_urlsafe(24)  # 192 bits, 32 characters


def valid_web_sender(sender: object) -> bool:
    return isinstance(sender, str) and bool(_WEB_SENDER.match(sender))


def web_token(sender: str, organisation: str = "") -> str:
    """"<organisation>.<mac>": the organisation is bound to the conversation by the MAC."""
    mac = base64.urlsafe_b64encode(_mac("web", sender, organisation)).rstrip(b"=").decode()
    return f"{organisation}.{mac}"


def verify_web_token(sender: object, token: object) -> str | None:
    """The organisation bound to this conversation ("" for none), or None if the token is not
    the one issued for `sender`."""
    if not valid_web_sender(sender) or not isinstance(token, str) or len(token) > 200:
        return None
    organisation, dot, _ = token.rpartition(".")
    if not dot or (organisation and not valid_slug(organisation)):
        return None
    return organisation if hmac.compare_digest(token, web_token(sender, organisation)) else None
