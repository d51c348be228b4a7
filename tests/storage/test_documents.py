"""The document mailbox on real SQLite and PostgreSQL: checks, encryption, erasure, quota;
PDFs with active content and polyglots refused, photos stored without their metadata."""

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from storage import documents
from storage.database import engine_for
from storage.documents import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS_PER_PERSON,
    DocumentMailbox,
    DocumentRejected,
    pdf_problem,
    safe_filename,
    sniff_media_type,
)
from storage.encryption import Cipher, generate_key, set_cipher, write_key_file
from storage.key_rotation import rotate_key_file
from storage.profiles import ProfileRepository

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "mailbox"


def _person(database_url: str, external_id: str = "mailbox-0001") -> str:
    return ProfileRepository(database_url).register_consent(
        channel="telegram", external_id=external_id, language="ar", text_version="v",
        organisation_slug="default")


@pytest.mark.parametrize(("name", "media_type"), [
    ("certificate.pdf", "application/pdf"),
    ("certificate-photo.jpg", "image/jpeg"),
    ("certificate-scan.png", "image/png"),
    ("renamed-text.pdf", None),
    ("truncated-photo.jpg", None),
])
def test_type_comes_from_the_content(name, media_type):
    assert sniff_media_type((FILES / name).read_bytes()) == media_type


@pytest.mark.parametrize(("given", "media_type", "expected"), [
    ("Zeugnis.pdf", "application/pdf", "Zeugnis.pdf"),
    ("../../etc/passwd", "application/pdf", "passwd.pdf"),
    ("C:\\Users\\a\\شهادة.PDF", "application/pdf", "شهادة.PDF"),
    ("scan.pdf", "image/png", "scan.pdf.png"),
    ("bild.jpeg", "image/jpeg", "bild.jpeg"),
    (None, "image/jpeg", "photo.jpg"),
    ("name\u202ecod.exe", "application/pdf", "namecod.exe.pdf"),
    ("x" * 500 + ".pdf", "application/pdf", "x" * 116 + ".pdf"),
])
def test_safe_filename(given, media_type, expected):
    assert safe_filename(given, media_type) == expected


def test_documents_are_stored_encrypted_listed_and_read_back(database_url):
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    pdf = (FILES / "certificate.pdf").read_bytes()
    stored = mailbox.add(pid, filename="Zeugnis.pdf", data=pdf, channel="telegram")
    photo = mailbox.add(pid, filename=None, data=(FILES / "certificate-photo.jpg").read_bytes(),
                        channel="web")
    assert (stored.media_type, stored.size, stored.filename) == ("application/pdf", len(pdf), "Zeugnis.pdf")
    assert [d.id for d in mailbox.list(pid)] == [stored.id, photo.id]
    assert mailbox.content(pid, stored.id) == (stored, pdf)
    assert mailbox.content(_person(database_url, "someone-else"), stored.id) is None
    assert mailbox.counts([pid]) == {pid: 2}
    with engine_for(database_url).connect() as connection:
        raw_name, raw_content = connection.execute(
            sa.text("SELECT filename, content FROM documents WHERE id = :id"), {"id": stored.id}).one()
    assert "Zeugnis" not in raw_name and b"%PDF" not in raw_content.encode()
    exported = ProfileRepository(database_url).snapshot(pid)["documents"]
    assert [(d["filename"], d["media_type"], d["channel"]) for d in exported] == [
        ("Zeugnis.pdf", "application/pdf", "telegram"), ("photo.jpg", "image/jpeg", "web")]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"%PDF-1.4\n" + b"0" * MAX_DOCUMENT_BYTES + b"\n%%EOF", "too_large"),
    ((FILES / "renamed-text.pdf").read_bytes(), "wrong_type"),
    ((FILES / "truncated-photo.jpg").read_bytes(), "wrong_type"),
    (b"MZ\x90\x00" + b"\x00" * 100, "wrong_type"),
])
def test_rejected_files_store_nothing(database_url, data, reason):
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    with pytest.raises(DocumentRejected) as rejected:
        mailbox.add(pid, filename="x.pdf", data=data, channel="web")
    assert rejected.value.reason == reason
    assert mailbox.list(pid) == []


def test_no_document_without_a_person(database_url):
    with pytest.raises(LookupError):
        DocumentMailbox(database_url).add("no-such-person", filename="a.pdf",
                                          data=(FILES / "certificate.pdf").read_bytes(), channel="web")


def test_erasing_the_person_erases_their_documents(database_url):
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    mailbox.add(pid, filename="a.png", data=(FILES / "certificate-scan.png").read_bytes(), channel="web")
    assert ProfileRepository(database_url).delete_person(pid)
    with engine_for(database_url).connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM documents")).scalar() == 0


def test_key_rotation_reencrypts_documents(database_url, tmp_path, monkeypatch):
    monkeypatch.delenv("LOTSE_DATA_KEYS", raising=False)
    key_file = tmp_path / "data.key"
    old = generate_key()
    write_key_file(key_file, [old])
    set_cipher(Cipher([old]))
    try:
        pid = _person(database_url)
        stored = DocumentMailbox(database_url).add(
            pid, filename="scan.png", data=(FILES / "certificate-scan.png").read_bytes(),
            channel="web")
        png = DocumentMailbox(database_url).content(pid, stored.id)[1]
        rotate_key_file(key_file, database_url)
        set_cipher(Cipher([generate_key()]))  # the old key alone no longer reads it
        with pytest.raises(Exception):  # noqa: B017, PT011 - any decryption failure
            DocumentMailbox(database_url).content(pid, stored.id)
        from storage.encryption import read_keys

        set_cipher(Cipher(read_keys(key_file)))
        assert DocumentMailbox(database_url).content(pid, stored.id)[1] == png
    finally:
        set_cipher(None)


# --- PDFs: parsed with pypdf, active content refused --------------------------------------

def _pdf(pages: int = 3, change=None) -> bytes:
    """A real PDF written by pypdf (each page with a line of text), changed by `change`."""
    writer = PdfWriter()
    for number in range(pages):
        page = writer.add_blank_page(595, 842)
        content = writer._add_object(_stream(f"BT /F1 12 Tf 72 770 Td (Seite {number + 1}) Tj ET"))
        page[NameObject("/Contents")] = content
    if change is not None:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stream(text: str):
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(text.encode())
    return stream


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"),
                               NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return action


def _names_javascript(writer):
    script = _action("/JavaScript", JS=TextStringObject("app.alert('hi')"))
    names = DictionaryObject({NameObject("/Names"): ArrayObject(
        [TextStringObject("greeting"), writer._add_object(script)])})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(names)})


def _open_action(action):
    def change(writer):
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return change


def _page_additional_action(writer):
    writer.pages[1][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): _action("/Launch", F=TextStringObject("cmd.exe"))})


def _attachment(writer):
    writer.add_attachment("rechnung.pdf.exe", b"MZ\x90\x00 not a document")


def _file_annotation(writer):
    spec = DictionaryObject({NameObject("/Type"): NameObject("/Filespec"),
                             NameObject("/F"): TextStringObject("payload.bat")})
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FileAttachment"),
        NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4), NameObject("/FS"): spec})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _xfa_form(writer):
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(),
        NameObject("/XFA"): writer._add_object(_stream("<xdp:xdp></xdp:xdp>"))})


def _go_to_first_page(writer):
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")])


def test_a_clean_multi_page_pdf_is_accepted_unchanged(database_url):
    pdf = _pdf(pages=4, change=_go_to_first_page)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 4
    assert pdf_problem(pdf) is None
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    stored = mailbox.add(pid, filename="Zeugnisse.pdf", data=pdf, channel="web")
    assert mailbox.content(pid, stored.id)[1] == pdf


@pytest.mark.parametrize("change", [
    _names_javascript,
    _open_action(_action("/JavaScript", JS=TextStringObject("this.exportDataObject({})"))),
    _open_action(_action("/Launch", F=TextStringObject("C:\\Windows\\System32\\calc.exe"))),
    _open_action(_action("/URI", URI=TextStringObject("file:///etc/passwd"))),
    _open_action(_action("/GoTo", D=ArrayObject([NumberObject(0), NameObject("/Fit")]),
                         Next=_action("/JavaScript", JS=TextStringObject("app.launchURL('x')")))),
    _page_additional_action,
    _attachment,
    _file_annotation,
    _xfa_form,
], ids=["names-javascript", "openaction-js", "openaction-launch", "openaction-file-uri",
        "chained-js", "page-aa-launch", "embedded-file", "file-annotation", "xfa"])
def test_pdfs_with_active_content_are_refused(database_url, change):
    pdf = _pdf(change=change)
    assert PdfReader(io.BytesIO(pdf)).pages  # a real, parsable PDF: only its content is wrong
    assert pdf_problem(pdf) == "unsafe"
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    with pytest.raises(DocumentRejected) as rejected:
        mailbox.add(pid, filename="Zeugnis.pdf", data=pdf, channel="telegram")
    assert rejected.value.reason == "unsafe"
    assert mailbox.list(pid) == []


def _with_fresh_xref(pdf: bytes) -> bytes:
    """The file with its cross-reference table written anew for the objects where they are
    now (after an edit of their bytes), so that strict readers take it."""
    import re

    body, _, tail = pdf.rpartition(b"\nxref\n")
    body += b"\n"
    trailer = re.search(rb"trailer\s*(<<.*>>)\s*startxref", tail, re.DOTALL).group(1)
    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj", body)}
    size = max(offsets) + 1
    lines = [b"0000000000 65535 f \n"]
    lines += [b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
              for n in range(1, size)]
    return (body + b"xref\n0 %d\n" % size + b"".join(lines) + b"trailer\n" + trailer
            + b"\nstartxref\n%d\n%%%%EOF\n" % len(body))


def test_names_hidden_behind_escapes_are_found_by_the_parser():
    # "/J#61vaScript" is "/JavaScript" to every PDF reader, but no byte search finds it.
    pdf = _pdf(change=_open_action(_action("/JavaScript", JS=TextStringObject("app.alert(1)"))))
    disguised = _with_fresh_xref(
        pdf.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 "))
    assert b"/JavaScript" not in disguised and b"/JS " not in disguised
    assert PdfReader(io.BytesIO(disguised)).trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"
    assert pdf_problem(disguised) == "unsafe"


def test_polyglots_are_refused():
    pdf = _pdf()
    header_end = pdf.index(b"\n") + 1
    # HTML in a comment right after the header: a PDF to PDF readers, a page to a browser
    in_comment = pdf[:header_end] + b"%<html><body><script>alert(document.cookie)</script>\n" \
        + pdf[header_end:]
    assert PdfReader(io.BytesIO(in_comment)).pages
    assert pdf_problem(in_comment) == "unsafe"
    # a web page before the header (PDF readers search the first kilobyte for it)
    before = b"<!DOCTYPE html><html><img src=x onerror=alert(1)>" + pdf
    assert pdf_problem(before) == "wrong_type"
    assert sniff_media_type(before) is None
    # an SVG tag in the first bytes
    svg = pdf[:header_end] + b"%<svg/onload=alert(1)>\n" + pdf[header_end:]
    assert pdf_problem(svg) == "unsafe"


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\nthis is no PDF at all\n%%EOF\n",
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
], ids=["garbage", "no-xref-no-pages"])
def test_malformed_pdfs_are_refused(database_url, data):
    assert sniff_media_type(data) == "application/pdf"  # looks like one from outside
    assert pdf_problem(data) == "wrong_type"
    with pytest.raises(DocumentRejected) as rejected:
        DocumentMailbox(database_url).add(_person(database_url), filename="a.pdf", data=data,
                                          channel="web")
    assert rejected.value.reason == "wrong_type"


def test_a_truncated_pdf_is_refused():
    pdf = _pdf()
    cut = pdf[: len(pdf) // 2] + b"\n%%EOF\n"
    assert pdf_problem(cut) == "wrong_type"


# --- photos: decoded and encoded anew, without metadata ------------------------------------

def _photo_with_location() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    for x in range(32):
        image.putpixel((x, 0), (0, 0, 255))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Camera 1.0"  # Software
    exif[0x0112] = 6  # Orientation: turn 90 degrees clockwise to show it upright
    exif[0x8825] = {1: "N", 2: (51.0, 20.0, 5.0), 3: "E", 4: (12.0, 22.0, 1.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def test_photo_metadata_is_removed_and_the_photo_kept_upright(database_url):
    photo = _photo_with_location()
    with Image.open(io.BytesIO(photo)) as original:
        assert original.getexif().get_ifd(0x8825)  # the GPS position is in the file
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    stored = mailbox.add(pid, filename="IMG_2041.jpg", data=photo, channel="telegram")
    kept = mailbox.content(pid, stored.id)[1]
    assert stored.media_type == "image/jpeg" and stored.size == len(kept)
    assert b"PhoneMaker" not in kept and b"Exif" not in kept
    with Image.open(io.BytesIO(kept)) as cleaned:
        assert cleaned.format == "JPEG"
        assert not cleaned.getexif() and not cleaned.getexif().get_ifd(0x8825)
        assert cleaned.size == (48, 64)  # turned as the orientation said, before it was dropped


def test_png_text_chunks_are_removed(database_url):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Familie Haddad, Leipzig")
    image = Image.new("RGBA", (20, 20), (0, 128, 0, 128))
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    assert b"Haddad" in out.getvalue()
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    stored = mailbox.add(pid, filename="scan.png", data=out.getvalue(), channel="web")
    kept = mailbox.content(pid, stored.id)[1]
    assert b"Haddad" not in kept
    with Image.open(io.BytesIO(kept)) as cleaned:
        assert cleaned.mode == "RGBA" and cleaned.getpixel((3, 3)) == (0, 128, 0, 128)


# --- quota per person -------------------------------------------------------------------------

def test_the_mailbox_holds_a_limited_number_of_files(database_url):
    mailbox = DocumentMailbox(database_url)
    pid, other = _person(database_url), _person(database_url, "mailbox-0002")
    pdf = (FILES / "certificate.pdf").read_bytes()
    for number in range(MAX_DOCUMENTS_PER_PERSON):
        mailbox.add(pid, filename=f"Seite {number}.pdf", data=pdf, channel="web")
    with pytest.raises(DocumentRejected) as rejected:
        mailbox.add(pid, filename="one-more.pdf", data=pdf, channel="web")
    assert rejected.value.reason == "quota"
    assert len(mailbox.list(pid)) == MAX_DOCUMENTS_PER_PERSON
    assert mailbox.add(other, filename="mine.pdf", data=pdf, channel="web")  # a quota each
    # erasing a file (with the person) frees the room again
    ProfileRepository(database_url).delete_person(pid)
    assert mailbox.list(pid) == []


def test_the_mailbox_holds_a_limited_number_of_bytes(database_url, monkeypatch):
    mailbox = DocumentMailbox(database_url)
    pid = _person(database_url)
    big = _pdf(pages=40)
    monkeypatch.setattr(documents, "MAX_MAILBOX_BYTES", len(big) * 2 + 10)
    mailbox.add(pid, filename="a.pdf", data=big, channel="web")
    mailbox.add(pid, filename="b.pdf", data=big, channel="web")
    with pytest.raises(DocumentRejected) as rejected:
        mailbox.add(pid, filename="c.pdf", data=big, channel="web")
    assert rejected.value.reason == "quota"
    assert [d.filename for d in mailbox.list(pid)] == ["a.pdf", "b.pdf"]


def test_channels_answer_each_refusal_with_a_curated_text():
    from channels.document_mailbox import rejection_event
    from dialogues import catalogue

    assert rejection_event("too_large") == "document_too_large"
    assert rejection_event("wrong_type") == "document_wrong_type"
    for lang in ("de", "en", "ar", "fa", "uk", "ru", "tr"):
        assert "20" in catalogue.text(lang, "mailbox.quota", count=20, megabytes=50)
        assert catalogue.text(lang, "mailbox.unsafe")
