"""Short-lived download links for documents a person asked for in the chat (their CV).

The action server issues a link, the channel that serves it checks it: an HMAC over person,
document and expiry with a key only the server has, so a link can neither be guessed nor
altered to reach another person's document. The document is rendered when it is fetched and
never stored. Links expire after 15 minutes; the person can ask again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from pathlib import Path

from lotse.settings import load_settings
from portal.sessions import load_or_create_key

LIFETIME_SECONDS = 15 * 60
# What can be fetched this way, with its file name and media type.
DOCUMENTS = {
    "cv": ("Lebenslauf.pdf", "application/pdf"),
}
PATH_PREFIX = "/webhooks/web/documents/"
_TOKEN = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class DocumentLink:
    person_id: str
    document: str
    expires: int

    @property
    def filename(self) -> str:
        return DOCUMENTS[self.document][0]

    @property
    def media_type(self) -> str:
        return DOCUMENTS[self.document][1]


def _key_file() -> Path:
    return load_settings().var_dir / "secrets" / "document-links.key"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(body: str, key: bytes) -> str:
    return _b64(hmac.new(key, body.encode("utf-8"), hashlib.sha256).digest())


def issue(person_id: str, document: str = "cv", *, now: float | None = None,
          key: bytes | None = None) -> str:
    """A token for `document` of `person_id`, valid for LIFETIME_SECONDS."""
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document {document!r}")
    expires = int((now if now is not None else time.time()) + LIFETIME_SECONDS)
    body = _b64(f"{person_id}|{document}|{expires}".encode())
    return f"{body}.{_signature(body, key or load_or_create_key(_key_file()))}"


def url(token: str) -> str:
    """The link as the web chat page (served under /webhooks/web/) can follow it."""
    return PATH_PREFIX + token


def verify(token: str, *, now: float | None = None, key: bytes | None = None) -> DocumentLink | None:
    """The link a token grants, or None when it is malformed, altered or expired."""
    if not token or len(token) > 512 or not _TOKEN.fullmatch(token):
        return None
    body, _, signature = token.partition(".")
    expected = _signature(body, key or load_or_create_key(_key_file()))
    if not hmac.compare_digest(expected, signature):
        return None
    try:
        person_id, document, expires = _unb64(body).decode("utf-8").split("|")
        link = DocumentLink(person_id, document, int(expires))
    except (ValueError, UnicodeDecodeError):
        return None
    if link.document not in DOCUMENTS:
        return None
    if link.expires < (now if now is not None else time.time()):
        return None
    return link


def render(link: DocumentLink) -> bytes | None:
    """The linked document made now from the stored profile; None when the person is gone.
    Blocking (database and PDF rendering): channels call it in a thread."""
    from documents import lebenslauf_pdf
    from lotse.settings import load_settings
    from storage.profiles import ProfileRepository

    snapshot = ProfileRepository(load_settings().database_url).snapshot(link.person_id)
    return None if snapshot is None else lebenslauf_pdf.render(snapshot)


def token_of(document_url: str) -> str | None:
    """The token in a link this module made (a reply's `document.url`)."""
    if not isinstance(document_url, str) or not document_url.startswith(PATH_PREFIX):
        return None
    token = document_url[len(PATH_PREFIX):]
    return token if _TOKEN.fullmatch(token) else None
