"""The chat page (the widget in full-page mode) in headless Chromium: language buttons, RTL,
consent, two answers; nothing a user types is rendered as HTML."""

import pytest
from playwright.sync_api import expect

from dialogues import catalogue
from tests.helpers.browser import chromium

pytestmark = [pytest.mark.server, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def _last_bot(page):
    return page.locator("lotse-chat .msg--bot").last


def test_arabic_conversation_through_consent_and_two_answers(browser, stack, repository):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{stack.settings.rasa_url}/webhooks/web/chat")
    page.get_by_role("button", name="العربية").click()
    consent_button = page.get_by_role("button", name=catalogue.text("ar", "consent.yes"))
    expect(consent_button).to_be_visible()
    assert _last_bot(page).get_attribute("dir") == "rtl"
    assert _last_bot(page).get_attribute("lang") == "ar"
    consent_button.click()
    expect(_last_bot(page)).to_have_text(catalogue.text("ar", "ask.given_names"))
    page.fill("#lotse-input", "أحمد")
    page.press("#lotse-input", "Enter")
    expect(_last_bot(page)).to_have_text(catalogue.text("ar", "ask.family_name"))
    page.fill("#lotse-input", "الحسن")
    page.press("#lotse-input", "Enter")
    expect(_last_bot(page)).to_have_text(catalogue.text("ar", "ask.date_of_birth"))
    # the labels followed the conversation into Arabic
    expect(page.locator("#lotse-input")).to_have_accessible_name(catalogue.text("ar", "widget.input_label"))
    expect(page.locator("lotse-chat .lotse")).to_have_attribute("dir", "rtl")
    page.screenshot(path="/tmp/lotse_chat_ar.png", full_page=True)

    # the conversation the server issued to this browser
    sender = page.evaluate("JSON.parse(window.localStorage.getItem('lotse.session')).sender")
    pid = repository.person_for("web", sender)
    values = {f["field"]: f["value"] for f in repository.snapshot(pid)["fields"]}
    assert values == {"given_names": "أحمد", "family_name": "الحسن"}
    page.close()


def test_user_text_is_never_rendered_as_html(browser, stack):
    page = browser.new_page()
    page.goto(f"{stack.settings.rasa_url}/webhooks/web/chat")
    page.get_by_role("button", name="Deutsch").click()
    page.get_by_role("button", name=catalogue.text("de", "consent.yes")).click()
    expect(_last_bot(page)).to_have_text(catalogue.text("de", "ask.given_names"))
    page.fill("#lotse-input", '<img src=x onerror="window.__xss=1">')
    page.press("#lotse-input", "Enter")
    expect(page.locator("lotse-chat .lotse")).to_have_attribute("data-state", "idle")
    expect(_last_bot(page)).to_have_text(catalogue.text("de", "ask.given_names"))
    assert page.locator("lotse-chat .msg--user").last.inner_text() == '<img src=x onerror="window.__xss=1">'
    assert page.locator("lotse-chat img").count() == 0
    assert page.evaluate("window.__xss") is None
    page.close()
