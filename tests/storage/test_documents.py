"""The document mailbox on real SQLite and PostgreSQL: checks, encryption, erasure."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.database import engine_for
from storage.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentMailbox,
    DocumentRejected,
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
        png = (FILES / "certificate-scan.png").read_bytes()
        stored = DocumentMailbox(database_url).add(pid, filename="scan.png", data=png, channel="web")
        rotate_key_file(key_file, database_url)
        set_cipher(Cipher([generate_key()]))  # the old key alone no longer reads it
        with pytest.raises(Exception):  # noqa: B017, PT011 - any decryption failure
            DocumentMailbox(database_url).content(pid, stored.id)
        from storage.encryption import read_keys

        set_cipher(Cipher(read_keys(key_file)))
        assert DocumentMailbox(database_url).content(pid, stored.id)[1] == png
    finally:
        set_cipher(None)
