"""Download links for documents asked for in the chat: unguessable, unalterable, short-lived."""

import pytest

from channels import document_links

KEY = b"k" * 32
OTHER_KEY = b"o" * 32


def test_a_link_grants_its_document_until_it_expires():
    token = document_links.issue("person-1", "cv", now=1000, key=KEY)
    link = document_links.verify(token, now=1000 + document_links.LIFETIME_SECONDS - 1, key=KEY)
    assert link == document_links.DocumentLink("person-1", "cv",
                                                1000 + document_links.LIFETIME_SECONDS)
    assert link.filename == "Lebenslauf.pdf" and link.media_type == "application/pdf"
    assert document_links.verify(token, now=1001 + document_links.LIFETIME_SECONDS, key=KEY) is None


def test_an_altered_link_grants_nothing():
    token = document_links.issue("person-1", "cv", now=1000, key=KEY)
    body, signature = token.split(".")
    forged = document_links._b64(b"person-2|cv|999999") + "." + signature
    assert document_links.verify(forged, now=1000, key=KEY) is None
    assert document_links.verify(token, now=1000, key=OTHER_KEY) is None
    assert document_links.verify(body + "." + signature[:-2] + "AA", now=1000, key=KEY) is None


@pytest.mark.parametrize("token", ["", ".", "abc", "abc.", ".abc", "x" * 600, "ü.ö", "a.b.c"])
def test_malformed_tokens_grant_nothing(token):
    assert document_links.verify(token, now=1000, key=KEY) is None


def test_only_known_documents():
    with pytest.raises(ValueError):
        document_links.issue("person-1", "passport", key=KEY)


def test_links_point_below_the_web_channel():
    assert document_links.url("t.s") == "/webhooks/web/documents/t.s"


def test_the_key_is_created_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    token = document_links.issue("person-1")
    assert (tmp_path / "secrets" / "document-links.key").stat().st_mode & 0o077 == 0
    assert document_links.verify(token).person_id == "person-1"
