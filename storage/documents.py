"""The document mailbox: files a person sends through the chat for their caseworker.

Only PDF, JPEG and PNG are accepted, recognised by their content (never by the name or the
type a client claims), up to MAX_DOCUMENT_BYTES. Name and content are encrypted at rest and
erased with the person.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from storage.database import session_scope
from storage.models import Document, Person

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ACCEPTED_MEDIA_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_EXTENSIONS = {"application/pdf": {"pdf"}, "image/jpeg": {"jpg", "jpeg"}, "image/png": {"png"}}
_MAX_NAME_CHARS = 120


class DocumentRejected(ValueError):
    """A file the mailbox does not take; `reason` is "empty", "too_large" or "wrong_type"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class StoredDocument:
    id: str
    person_id: str
    filename: str
    media_type: str
    size: int
    channel: str
    created_at: datetime


def sniff_media_type(data: bytes) -> str | None:
    """The accepted type the content really is, or None. Images must decode completely."""
    if data.startswith(b"%PDF-"):
        # A complete PDF ends with %%EOF (possibly followed by a little whitespace or junk).
        return "application/pdf" if b"%%EOF" in data[-2048:] else None
    if data.startswith(b"\xff\xd8\xff"):
        kind = "image/jpeg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "image/png"
    else:
        return None
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # decodes everything: a truncated or corrupt image fails here
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken input
        return None
    return kind


def safe_filename(name: str | None, media_type: str) -> str:
    """A display name without paths or control characters, with the extension of its type."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base)
                   if unicodedata.category(ch)[0] != "C").strip(" .")
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or ext.lower() not in _EXTENSIONS[media_type]:
        stem, ext = base, ACCEPTED_MEDIA_TYPES[media_type][1:]
    stem = stem[: _MAX_NAME_CHARS - len(ext) - 1] or (
        "photo" if media_type.startswith("image/") else "document")
    return f"{stem}.{ext}"


class DocumentMailbox:
    def __init__(self, database_url: str) -> None:
        self.database_url = database_url

    def add(self, person_id: str, *, filename: str | None, data: bytes, channel: str) -> StoredDocument:
        """Check and store a file; raises DocumentRejected, or LookupError for no such person."""
        if not data:
            raise DocumentRejected("empty")
        if len(data) > MAX_DOCUMENT_BYTES:
            raise DocumentRejected("too_large")
        media_type = sniff_media_type(data)
        if media_type is None:
            raise DocumentRejected("wrong_type")
        with session_scope(self.database_url) as session:
            if session.get(Person, person_id) is None:
                raise LookupError(person_id)
            document = Document(person_id=person_id, filename=safe_filename(filename, media_type),
                                media_type=media_type, size=len(data), channel=channel[:32],
                                content=data)
            session.add(document)
            session.flush()
            return _stored(document)

    def list(self, person_id: str) -> list[StoredDocument]:
        """The person's documents, oldest first, without their content."""
        with session_scope(self.database_url) as session:
            rows = session.execute(
                sa.select(Document.id, Document.person_id, Document.filename, Document.media_type,
                          Document.size, Document.channel, Document.created_at)
                .filter_by(person_id=person_id).order_by(Document.created_at, Document.id)
            ).all()
            return [StoredDocument(*row) for row in rows]

    def content(self, person_id: str, document_id: str) -> tuple[StoredDocument, bytes] | None:
        """One document with its content, if it belongs to that person."""
        with session_scope(self.database_url) as session:
            document = session.get(Document, document_id)
            if document is None or document.person_id != person_id:
                return None
            return _stored(document), document.content

    def counts(self, person_ids: list[str]) -> dict[str, int]:
        if not person_ids:
            return {}
        with session_scope(self.database_url) as session:
            rows = session.execute(
                sa.select(Document.person_id, sa.func.count(Document.id))
                .where(Document.person_id.in_(person_ids)).group_by(Document.person_id)
            ).all()
            return dict(rows)


def _stored(document: Document) -> StoredDocument:
    return StoredDocument(document.id, document.person_id, document.filename, document.media_type,
                          document.size, document.channel, document.created_at)
