"""The document mailbox: files a person sends through the chat for their caseworker.

Only PDF, JPEG and PNG are accepted, recognised by their content (never by the name or the
type a client claims), up to MAX_DOCUMENT_BYTES, and at most MAX_DOCUMENTS_PER_PERSON files
and MAX_MAILBOX_BYTES per person. A PDF must parse (pypdf) and carry no active content
(JavaScript, launch actions, embedded files, XFA forms, HTML); a photo is decoded and encoded
anew (Pillow), which drops its metadata (EXIF with GPS position, camera, date). Name and
content are encrypted at rest and erased with the person.
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
# Enough for every certificate, passport page and CV a newcomer has; a flood fills no disk.
MAX_DOCUMENTS_PER_PERSON = 20
MAX_MAILBOX_BYTES = 50 * 1024 * 1024
ACCEPTED_MEDIA_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_EXTENSIONS = {"application/pdf": {"pdf"}, "image/jpeg": {"jpg", "jpeg"}, "image/png": {"png"}}
_MAX_NAME_CHARS = 120


class DocumentRejected(ValueError):
    """A file the mailbox does not take; `reason` is "empty", "too_large", "wrong_type",
    "unsafe" (a PDF with active content) or "quota" (the person's mailbox is full)."""

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
    try:
        with _open_image(data) as image:
            image.load()  # decodes everything: a truncated or corrupt image fails here
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for broken input
        return None
    return kind


def _open_image(data: bytes):  # noqa: ANN202 - a PIL image, imported lazily
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def clean_image(data: bytes, media_type: str) -> bytes:
    """The photo decoded and encoded anew without its metadata (EXIF: GPS position, camera,
    time; XMP; PNG text chunks), turned upright first as its EXIF orientation said."""
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as original:
            original.load()
            icc = original.info.get("icc_profile")  # colours, nothing about the person
            transparency = original.info.get("transparency")
            image = ImageOps.exif_transpose(original)
    out = io.BytesIO()
    options: dict = {"icc_profile": icc} if icc else {}
    if media_type == "image/jpeg":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=92, **options)
    else:
        if transparency is not None and image.mode in ("P", "L", "RGB"):
            options["transparency"] = transparency
        image.save(out, "PNG", **options)
    return out.getvalue()


# Actions that run something, fetch something or leave the document: never in the mailbox.
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE",
                   "/RichMediaExecute", "/Rendition", "/Sound", "/Movie"}
# Keys that carry scripts, attached files or dynamic forms wherever they appear.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA",
                "/RichMedia", "/RichMediaContent"}
_ACTIVE_SUBTYPES = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
# The same names in the raw bytes outside streams (the parser below also decodes #xx escapes
# and reads object streams); compressed stream data is random bytes where short names occur
# by chance, so it is not searched for them.
_RAW_ACTIVE = re.compile(rb"/(?:JS|JavaScript|Launch|EmbeddedFiles?|XFA|RichMedia)(?![A-Za-z0-9])")
_STREAM_DATA = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
# Web page markup: a browser that sniffs a file must never find a page in it (polyglots).
# Long markers anywhere (too long to occur by chance in compressed data); short tags in the
# first bytes, which browsers sniff, and in the PDF's own syntax outside streams.
_HTML_ANYWHERE = re.compile(rb"<(?:!doctype|html|script|iframe|object|embed)|javascript\s*:",
                            re.IGNORECASE)
# (a browser reads no tag in "< b" or "<< /B", the PDF dictionary syntax)
_HTML_TAG = re.compile(rb"(?<!<)<(?!<)/?(?:!doctype|html|head|body|script|iframe|svg|object|"
                       rb"embed|img|meta|link|style|form|frame|a\s)[\s/>]?", re.IGNORECASE)
_SNIFFED_BYTES = 1024
_MAX_PDF_OBJECTS = 200_000


def pdf_problem(data: bytes) -> str | None:
    """None for a PDF the mailbox takes; else the reason: "wrong_type" when it is not a
    clean PDF, "unsafe" when it carries active content."""
    if not data.startswith(b"%PDF-"):
        return "wrong_type"  # a header further in lets other formats pose as PDF (polyglots)
    outside_streams = _STREAM_DATA.sub(b"stream endstream", data)
    if _HTML_ANYWHERE.search(data) or _HTML_TAG.search(data[:_SNIFFED_BYTES]) \
            or _HTML_TAG.search(outside_streams):
        return "unsafe"
    if _RAW_ACTIVE.search(outside_streams):
        return "unsafe"
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=True)
            # Permissions only (no password to open) are common in official documents;
            # a file that needs a password cannot be read by the caseworker nor inspected.
            if reader.is_encrypted and not reader.decrypt(""):
                return "wrong_type"
            if len(reader.pages) < 1:
                return "wrong_type"
            # Everything the file declares, reachable or not: some readers repair and use
            # unreferenced objects too.
            roots: list = [reader.trailer]
            for generation, numbers in reader.xref.items():
                roots.extend(IndirectObject(number, generation, reader) for number in numbers)
            roots.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
            if len(roots) > _MAX_PDF_OBJECTS:
                return "wrong_type"
            if _active_content(roots):
                return "unsafe"
    except Exception:  # noqa: BLE001 - pypdf raises many kinds for broken files
        return "wrong_type"
    return None


def _active_content(roots: list) -> bool:
    """Whether any object under `roots` holds a script, an action that launches, imports or
    submits, an embedded file or an XFA form (iterative: nesting depth is the attacker's)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    pending = list(roots)
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > _MAX_PDF_OBJECTS:
            raise ValueError("too many PDF objects")
        if isinstance(item, DictionaryObject):
            if _ACTIVE_KEYS.intersection(item.keys()):
                return True
            if item.get("/S") in _ACTIVE_ACTIONS or item.get("/Subtype") in _ACTIVE_SUBTYPES:
                return True
            if item.get("/Type") == "/EmbeddedFile":
                return True
            for name in ("/OpenAction", "/AA"):
                if _opens_something(item.get(name)):
                    return True
            uri = item.get("/URI")
            if uri is not None and str(uri).strip().lower().startswith(("file:", "javascript:")):
                return True
            pending.extend(value for value in item.values()
                           if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject)))
        elif isinstance(item, ArrayObject):
            pending.extend(value for value in item
                           if isinstance(value, (DictionaryObject, ArrayObject, IndirectObject)))
        elif isinstance(item, NameObject) and item in _ACTIVE_ACTIONS:
            return True
    return False


def _opens_something(action: object) -> bool:
    """An automatic action (on opening, on a page or field event) that does more than show a
    page: a URI opened by itself counts too."""
    from pypdf.generic import DictionaryObject, IndirectObject

    if isinstance(action, IndirectObject):
        action = action.get_object()
    if not isinstance(action, DictionaryObject):
        return False  # a destination (array): opening at a page is harmless
    if "/S" in action:
        return action.get("/S") not in ("/GoTo",)
    # /AA: a dictionary of events, each an action
    return any(_opens_something(value) for value in action.values())


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
        if media_type == "application/pdf":
            problem = pdf_problem(data)
            if problem:
                raise DocumentRejected(problem)
        else:
            try:
                data = clean_image(data, media_type)
            except Exception as exc:  # noqa: BLE001 - decoded once already; a bomb or oddity
                raise DocumentRejected("wrong_type") from exc
        with session_scope(self.database_url) as session:
            # Locks the person's row (PostgreSQL): two uploads at once cannot both pass the quota.
            if session.get(Person, person_id, with_for_update=True) is None:
                raise LookupError(person_id)
            count, total = session.execute(
                sa.select(sa.func.count(Document.id), sa.func.coalesce(sa.func.sum(Document.size), 0))
                .where(Document.person_id == person_id)).one()
            if count >= MAX_DOCUMENTS_PER_PERSON or total + len(data) > MAX_MAILBOX_BYTES:
                raise DocumentRejected("quota")
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
