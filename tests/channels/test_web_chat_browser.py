"""The web chat page in headless Chromium: language buttons, RTL, consent, two answers."""

import pytest
from playwright.sync_api import expect, sync_playwright

from dialogues import catalogue

pytestmark = [pytest.mark.server, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


def _last_bot_text(page) -> str:
    return page.locator("li.msg--bot").last.inner_text()


def test_arabic_conversation_through_consent_and_two_answers(browser, stack, repository):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{stack.settings.rasa_url}/webhooks/web/chat")
    page.get_by_role("button", name="العربية").click()
    consent_button = page.get_by_role("button", name=catalogue.text("ar", "consent.yes"))
    expect(consent_button).to_be_visible()
    bot_messages = page.locator("li.msg--bot")
    assert bot_messages.last.get_attribute("dir") == "rtl"
    assert bot_messages.last.get_attribute("lang") == "ar"
    consent_button.click()
    expect(page.locator("li.msg--bot").last).to_have_text(catalogue.text("ar", "ask.given_names"))
    page.fill("#input", "أحمد")
    page.press("#input", "Enter")
    expect(page.locator("li.msg--bot").last).to_have_text(catalogue.text("ar", "ask.family_name"))
    page.fill("#input", "الحسن")
    page.press("#input", "Enter")
    expect(page.locator("li.msg--bot").last).to_have_text(catalogue.text("ar", "ask.date_of_birth"))
    page.screenshot(path="/tmp/lotse_chat_ar.png", full_page=True)

    sender = page.evaluate("window.localStorage.getItem('lotse.sender')")
    pid = repository.person_for("web", sender)
    values = {f["field"]: f["value"] for f in repository.snapshot(pid)["fields"]}
    assert values == {"given_names": "أحمد", "family_name": "الحسن"}
    page.close()


def test_user_text_is_never_rendered_as_html(browser, stack):
    page = browser.new_page()
    page.goto(f"{stack.settings.rasa_url}/webhooks/web/chat")
    page.get_by_role("button", name="Deutsch").click()
    page.get_by_role("button", name=catalogue.text("de", "consent.yes")).click()
    page.fill("#input", '<img src=x onerror="window.__xss=1">')
    page.press("#input", "Enter")
    expect(page.locator("li.msg--bot").last).to_have_text(catalogue.text("de", "ask.given_names"))
    assert page.locator("li.msg--user").last.inner_text() == '<img src=x onerror="window.__xss=1">'
    assert page.evaluate("window.__xss") is None
    page.close()
