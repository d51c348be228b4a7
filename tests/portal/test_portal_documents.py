"""The document mailbox on the caseworker pages: listed on the profile, downloaded as sent,
every download logged, nothing across organisations."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from storage.documents import DocumentMailbox, clean_image

from .conftest import audit_actions, logged_in, text_of

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "mailbox"


def _send(database_url: str, person_id: str, name: str, filename: str) -> str:
    data = (FILES / name).read_bytes()
    return DocumentMailbox(database_url).add(person_id, filename=filename, data=data,
                                             channel="telegram").id


def test_documents_are_listed_and_downloaded_with_an_audit_entry(portal, world):
    db = portal.database_url
    pdf_id = _send(db, world.person_a, "certificate.pdf", "شهادة الثانوية.pdf")
    photo_id = _send(db, world.person_a, "certificate-photo.jpg", "photo.jpg")
    browser = logged_in(portal, world.caseworker_a)
    page = browser.get(f"/portal/profiles/{world.person_a}")
    rows = re.findall(r'<tr class="document-row">(.*?)</tr>', page.text, re.S)
    shown = [text_of(r) for r in rows]
    assert any("شهادة الثانوية.pdf" in r and "PDF" in r and "Telegram" in r for r in shown), shown
    assert any("photo.jpg" in r and "Foto (JPEG)" in r for r in shown), shown

    reply = browser.get(f"/portal/profiles/{world.person_a}/documents/{pdf_id}")
    assert reply.status == 200
    assert reply.body == (FILES / "certificate.pdf").read_bytes()
    assert reply.header("content-type") == "application/pdf"
    assert reply.header("x-content-type-options") == "nosniff"
    assert reply.header("cache-control") == "no-store"
    disposition = reply.header("content-disposition")
    assert disposition.startswith("attachment; filename*=UTF-8''")
    assert unquote(disposition.split("''", 1)[1]) == "شهادة الثانوية.pdf"
    assert ("profile.document.read", world.person_a) in audit_actions(db, world.caseworker_a)
    # photos are stored encoded anew, without their metadata (storage/documents.py)
    assert browser.get(f"/portal/profiles/{world.person_a}/documents/{photo_id}").body == \
        clean_image((FILES / "certificate-photo.jpg").read_bytes(), "image/jpeg")


def test_no_documents_of_another_organisation_or_person(portal, world):
    db = portal.database_url
    doc_b = _send(db, world.person_b, "certificate-scan.png", "scan.png")
    doc_a = _send(db, world.person_a, "certificate-scan.png", "scan.png")
    browser = logged_in(portal, world.caseworker_a)
    assert browser.get(f"/portal/profiles/{world.person_b}/documents/{doc_b}").status == 404
    # a document id of another person, under a person the caseworker may see
    assert browser.get(f"/portal/profiles/{world.person_a}/documents/{doc_b}").status == 404
    assert browser.get(f"/portal/profiles/{world.person_a}/documents/{doc_a}").status == 200
    before = len(audit_actions(db, world.caseworker_a))
    assert browser.get(f"/portal/profiles/{world.person_a}/documents/no-such-id").status == 404
    assert len(audit_actions(db, world.caseworker_a)) == before


def test_editors_do_not_see_documents(portal, world):
    db = portal.database_url
    doc = _send(db, world.person_a, "certificate.pdf", "cv.pdf")
    editor = logged_in(portal, world.editor_a)
    reply = editor.get(f"/portal/profiles/{world.person_a}/documents/{doc}")
    assert reply.status in (302, 303, 403, 404)
    assert reply.body != (FILES / "certificate.pdf").read_bytes()
