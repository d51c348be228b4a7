"""Headless Chromium: an editor logs in, opens an entry and corrects its Arabic answer, which
is edited right to left and saved with a trace in the entry's changes."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect, sync_playwright

from knowledge_base.store import KnowledgeBaseStore
from storage import accounts

from .conftest import PASSWORD
from .test_kb_editor import kb_portal, make_entry  # noqa: F401 - kb_portal is a fixture

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = "/tmp/portal_kb_entry.png"
NEW_ANSWER = "ورشة الدراجات مفتوحة يوم الاثنين والأربعاء. أحضر دراجتك معك."


@pytest.mark.browser
def test_editor_corrects_an_arabic_answer_right_to_left(kb_portal, database_url):  # noqa: F811
    suffix = secrets.token_hex(4)
    username = f"kb-editor-{suffix}"
    accounts.create_user(database_url, username=username, password=PASSWORD, role="editor",
                         organisation_slug=f"kb-browser-{suffix}", display_name="Frau Redaktion")
    entry = make_entry(suffix)
    store = KnowledgeBaseStore(database_url)
    store.save_entry(entry, None)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            refused: list[str] = []  # what the CSP blocked (the favicon's 404 is no concern)
            page.on("console", lambda m: refused.append(m.text) if "Refused" in m.text else None)
            page.goto(f"{kb_portal.url}/portal/kb/{entry.id}")
            assert page.url.endswith("/portal/login")
            page.fill("#username", username)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()

            # The editor reaches the knowledge base through the navigation.
            page.get_by_role("link", name="Wissensdatenbank").click()
            page.wait_for_url("**/portal/kb")
            page.screenshot(path="/tmp/portal_kb_list.png")
            page.fill("#kb-q", suffix)
            page.get_by_role("button", name="Anwenden").click()
            page.get_by_role("link", name="Testeintrag Fahrradwerkstatt").click()
            page.wait_for_url(f"**/portal/kb/{entry.id}")

            arabic = page.locator("textarea[name=ar_answer]")
            expect(arabic).to_have_attribute("dir", "rtl")
            expect(arabic).to_have_attribute("lang", "ar")
            assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
            german = page.locator("textarea[name=de_answer]")
            assert german.evaluate("e => getComputedStyle(e).direction") == "ltr"
            # German comes first, the Arabic column lies to its right.
            de_box = page.locator("#sprache-de").bounding_box()
            ar_box = page.locator("#sprache-ar").bounding_box()
            assert de_box["x"] < ar_box["x"]

            arabic.fill(NEW_ANSWER)
            page.get_by_role("button", name="Speichern").click()
            page.wait_for_url("**meldung=gespeichert")
            expect(page.get_by_text("Änderungen gespeichert.")).to_be_visible()
            expect(page.locator("textarea[name=ar_answer]")).to_have_value(NEW_ANSWER + "\n")
            changes = page.locator("table.kb-changes tbody tr").first
            expect(changes).to_contain_text(username)
            expect(changes).to_contain_text("Arabisch · Antwort")
            expect(changes.locator(".new")).to_contain_text(NEW_ANSWER)
            colour = page.eval_on_selector(".topbar", "e => getComputedStyle(e).backgroundColor")
            assert colour == "rgb(31, 95, 139)"  # the stylesheet loaded under the CSP
            page.locator("#sprache-ar").scroll_into_view_if_needed()
            page.screenshot(path=SCREENSHOT, full_page=True)
            assert not refused, refused
        finally:
            browser.close()

    saved = store.entry(entry.id)
    assert saved.translations["ar"].answer == NEW_ANSWER + "\n"
    assert saved.status("ar") == "curated"
    assert store.changes(entry.id)[0]["username"] == username
