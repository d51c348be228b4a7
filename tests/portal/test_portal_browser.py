"""Headless Chromium through the real login form: hostile answers stay text."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect, sync_playwright

from storage import accounts

from .conftest import PASSWORD, SYRIAN_ANSWERS, store_person

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCRIPT = "<script>window.__xss=1</script>"
IMAGE = '<img src=x onerror="window.__xss=2">'
SCREENSHOT = "/tmp/portal_detail.png"


@pytest.mark.browser
def test_hostile_answers_are_shown_as_text(portal, database_url):
    suffix = secrets.token_hex(4)
    org, username = f"jc-browser-{suffix}", f"browser-{suffix}"
    accounts.create_user(database_url, username=username, password=PASSWORD, role="caseworker",
                         organisation_slug=org, display_name="Herr Browser")
    answers = [a for a in SYRIAN_ANSWERS if a[0] not in ("given_names", "family_name")]
    answers += [
        ("given_names", SCRIPT, "de", SCRIPT),
        ("family_name", IMAGE, "de", IMAGE),
        ("job_title", "نجار", "fa", "نجار", "given", 0),
        ("job_years", "۵ سال", "fa", 5, "given", 0),
        ("job_country", "ایران", "fa", {"code": "IR", "name_de": "Iran"}, "given", 0),
        ("goals", "Ich möchte wieder als Tischler arbeiten.", "de",
         "Ich möchte wieder als Tischler arbeiten."),
    ]
    person_id = store_person(database_url, org, answers)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{portal.url}/portal/profiles/{person_id}")
            assert page.url.endswith("/portal/login")  # no session: the login form first
            page.screenshot(path="/tmp/portal_login.png")

            page.fill("#username", username)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/portal/profiles")
            expect(page.get_by_role("heading", name="Profile")).to_be_visible()
            page.screenshot(path="/tmp/portal_list.png")

            page.click(f"a[href='/portal/profiles/{person_id}']")
            page.wait_for_url(f"**/portal/profiles/{person_id}")
            row = page.locator("tr[data-field=given_names]")
            expect(row.locator(".original-text")).to_have_text(SCRIPT)
            expect(row.locator(".normalised")).to_have_text(SCRIPT)
            expect(page.locator("tr[data-field=family_name] .original-text")).to_have_text(IMAGE)
            expect(page.get_by_text(SCRIPT).first).to_be_visible()
            expect(page.get_by_text(IMAGE).first).to_be_visible()
            assert page.evaluate("typeof window.__xss") == "undefined"
            assert page.locator("main img").count() == 0
            assert page.locator("main script").count() == 0
            # The stylesheet loaded under the CSP: the header has its colour.
            colour = page.eval_on_selector(".topbar", "e => getComputedStyle(e).backgroundColor")
            assert colour == "rgb(31, 95, 139)"
            page.screenshot(path=SCREENSHOT, full_page=True)
        finally:
            browser.close()
