"""CV downloads from the detail page: the German PDF, the anonymised PDF and JSON Resume."""

from __future__ import annotations

import json
import re

import pytest

from lotse.settings import PROJECT_ROOT
from storage import audit
from tests.helpers.ports import free_port

from .conftest import Browser, audit_actions, logged_in, make_settings, running_portal, text_of

DOWNLOADS = {
    "cv.pdf": ("application/pdf", "profile.export_cv_pdf"),
    "cv-anonymisiert.pdf": ("application/pdf", "profile.export_cv_anonymised"),
    "cv.json": ("application/json", "profile.export_json_resume"),
}
ASCII_ATTACHMENT = re.compile(r'^attachment; filename="([A-Za-z0-9._-]+)"$')


def test_detail_page_links_the_three_downloads(portal, world):
    page = logged_in(portal, world.caseworker_a).get(f"/portal/profiles/{world.person_a}")
    for suffix, label in (("cv.pdf", "Lebenslauf (PDF)"),
                          ("cv-anonymisiert.pdf", "Lebenslauf anonymisiert (PDF)"),
                          ("cv.json", "JSON Resume")):
        link = re.search(rf'<a [^>]*href="/portal/profiles/{world.person_a}/{suffix}"[^>]*>(.*?)</a>',
                         page.text)
        assert link, suffix
        assert text_of(link.group(1)) == label


def test_downloads_are_audited_attachments(portal, world):
    browser = logged_in(portal, world.caseworker_a)
    replies = {}
    for suffix, (content_type, action) in DOWNLOADS.items():
        reply = browser.get(f"/portal/profiles/{world.person_a}/{suffix}")
        assert reply.status == 200, (suffix, reply.text[:500])
        assert reply.header("content-type").startswith(content_type), suffix
        assert reply.header("cache-control") == "no-store", suffix
        disposition = ASCII_ATTACHMENT.match(reply.header("content-disposition"))
        assert disposition, reply.header("content-disposition")
        replies[suffix] = (reply, disposition.group(1))
        assert (action, world.person_a) in audit_actions(portal.database_url, world.caseworker_a)

    pdf, pdf_name = replies["cv.pdf"]
    assert pdf.body.startswith(b"%PDF")
    assert pdf_name.startswith("Lebenslauf-") and pdf_name.endswith(".pdf")
    assert "Al-Hassan" in pdf_name  # the name, transliterated where needed

    anonymous, anonymous_name = replies["cv-anonymisiert.pdf"]
    assert anonymous.body.startswith(b"%PDF")
    assert anonymous_name == f"Lebenslauf-anonymisiert-{world.person_a[:8]}.pdf"
    assert anonymous.body != pdf.body

    resume, resume_name = replies["cv.json"]
    assert resume_name.endswith(".json")
    data = json.loads(resume.body)
    assert isinstance(data, dict) and "basics" in data

    about = {e["action"] for e in audit.entries(portal.database_url, person_id=world.person_a)}
    assert about >= {action for _, action in DOWNLOADS.values()}


def test_other_organisation_gets_404_and_no_audit_entry(portal, world):
    browser = logged_in(portal, world.caseworker_a)
    for suffix in DOWNLOADS:
        for person in (world.person_b, "00000000-0000-0000-0000-000000000000", "x" * 100):
            reply = browser.get(f"/portal/profiles/{person}/{suffix}")
            assert reply.status == 404, (suffix, person)
            assert "Seite nicht gefunden" in reply.text
            assert not reply.body.startswith(b"%PDF")
    assert not [a for a in audit_actions(portal.database_url, world.caseworker_a)
                if a[1] == world.person_b]


def test_without_login_redirect_and_wrong_role_forbidden(portal, world):
    anonymous = Browser(portal.url)
    editor = logged_in(portal, world.editor_a)
    for suffix in DOWNLOADS:
        path = f"/portal/profiles/{world.person_a}/{suffix}"
        reply = anonymous.get(path)
        assert reply.status == 303, path
        assert reply.header("location") == "/portal/login"
        forbidden = editor.get(path)
        assert forbidden.status == 403, path
        assert "Zugriff verweigert" in forbidden.text
    assert not [a for a in audit_actions(portal.database_url, world.editor_a) if a[0] != "login"]


def test_admin_downloads_for_own_organisation(portal, world):
    browser = logged_in(portal, world.admin_a)
    assert browser.get(f"/portal/profiles/{world.person_a}/cv.json").status == 200
    assert browser.get(f"/portal/profiles/{world.person_b}/cv.json").status == 404


STUB_INIT = f'''"""Test stand-in: rendering fails; every other documents module is the real one."""
__path__.append({str(PROJECT_ROOT / "documents")!r})
'''
FAILING = '''def {name}(snapshot, **kwargs):
    raise RuntimeError("secret detail of the failure")
'''


@pytest.fixture(scope="module")
def failing_portal(database_url, data_key, tmp_path_factory):
    """A second portal whose documents renderers raise (shadowed through PYTHONPATH)."""
    stubs = tmp_path_factory.mktemp("failing-documents")
    (stubs / "documents").mkdir()
    (stubs / "documents" / "__init__.py").write_text(STUB_INIT)
    (stubs / "documents" / "lebenslauf_pdf.py").write_text(FAILING.format(name="render"))
    (stubs / "documents" / "json_resume.py").write_text(FAILING.format(name="build"))
    settings = make_settings(tmp_path_factory.mktemp("failing-var"), database_url, free_port())
    # Started outside the project directory so that the stub package comes first on sys.path.
    with running_portal(settings, data_key, cwd=stubs.parent, pythonpath=stubs) as running:
        yield running


def test_render_failure_gives_a_german_500_without_details(failing_portal, world):
    browser = logged_in(failing_portal, world.caseworker_a)
    for suffix in DOWNLOADS:
        reply = browser.get(f"/portal/profiles/{world.person_a}/{suffix}")
        assert reply.status == 500, suffix
        assert "Lebenslauf konnte nicht erstellt werden" in reply.text
        assert reply.header("content-type").startswith("text/html")
        assert reply.header("content-disposition") is None
        for leak in ("Traceback", "secret detail", "RuntimeError", "أحمد"):
            assert leak not in reply.text, (suffix, leak)
    # nothing was handed out, so nothing is logged as exported
    assert not [a for a in audit_actions(failing_portal.database_url, world.caseworker_a)
                if a[0].startswith("profile.export")]
    log = (failing_portal.settings.var_dir / "portal.log").read_text(errors="replace")
    assert "secret detail of the failure" in log and "profile.export_cv_pdf failed" in log
