"""Answers' Markdown in the web widget (headless Chromium): bold, lists and clickable links;
markup hidden in a text stays text; a long answer opens at its start. Telegram HTML:
test_markdown_rendering_telegram.py."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import chromium
from tests.helpers.widget import WidgetChat

EVIL = ("**Achtung** <script>window.__pwned = 1</script> und <img src=x onerror=\"window.__pwned = 2\">\n\n"
        "- [klick](javascript:window.__pwned=3)\n"
        "- [Beratung](https://www.leipzig.de/beratung) oder mailto:info@example.org\n"
        "1. _erstens_\n2. zweitens")

# What a bot bubble shows: its HTML structure, reduced to what the test looks at.
_BUBBLES = """() => Array.from(document.querySelector('lotse-chat').shadowRoot
    .querySelectorAll('.msg--bot')).map(b => ({
  text: b.textContent,
  strong: Array.from(b.querySelectorAll('strong')).map(n => n.textContent),
  em: Array.from(b.querySelectorAll('em')).map(n => n.textContent),
  items: Array.from(b.querySelectorAll('li')).map(n => n.textContent),
  lists: Array.from(b.querySelectorAll('ul, ol')).map(n => n.tagName),
  links: Array.from(b.querySelectorAll('a')).map(a => ({href: a.getAttribute('href'),
    target: a.getAttribute('target'), rel: a.getAttribute('rel'), text: a.textContent})),
  elements: Array.from(b.querySelectorAll('*')).map(n => n.tagName.toLowerCase()),
}))"""
# Where the last bot bubble sits in the scrolled log.
_POSITION = """() => {
  const root = document.querySelector('lotse-chat').shadowRoot;
  const log = root.querySelector('#lotse-log');
  const bubbles = root.querySelectorAll('.msg--bot');
  const answer = Array.from(bubbles).find(b => b.querySelector('strong') && b.querySelector('a'));
  const box = log.getBoundingClientRect(), own = answer.getBoundingClientRect();
  return {top: own.top - box.top, bottom: own.bottom - box.bottom, height: own.height,
          visible: box.height, scrolled: log.scrollTop, end: log.scrollHeight - log.clientHeight};
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def _page(browser: Any, width: int, height: int) -> Page:  # noqa: ANN401 - a Playwright Browser
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    return page


def _start(stack: Any, page: Page) -> WidgetChat:  # noqa: ANN401
    chat = WidgetChat(page, f"{stack.settings.rasa_url}/webhooks/web/chat?lang=de")
    chat.send('/choose_language{"language": "de"}')
    chat.send("/affirm")
    return chat


@pytest.mark.server
@pytest.mark.browser
def test_a_real_answer_is_formatted_and_opens_at_its_start(browser, stack):
    page = _page(browser, 380, 520)  # a phone: the answer is taller than the log
    chat = _start(stack, page)
    chat.send("Wie melde ich meine Wohnung in Leipzig an?")
    answer = next(b for b in page.evaluate(_BUBBLES) if b["strong"] and b["links"])
    assert answer["strong"][0].startswith("Wohnung anmelden")
    assert "**" not in answer["text"]
    assert "ul" in [tag.lower() for tag in answer["lists"]] and len(answer["items"]) >= 3
    link = next(a for a in answer["links"] if a["href"] == "https://terminvereinbarung.leipzig.de/")
    assert (link["target"], link["rel"]) == ("_blank", "noopener noreferrer")
    position = page.evaluate(_POSITION)
    assert position["height"] > position["visible"], position
    assert -1 <= position["top"] <= 16, position  # its first line is in view ...
    assert position["scrolled"] < position["end"], position  # ... not its end
    assert page.errors == []


@pytest.mark.server
@pytest.mark.browser
def test_markup_in_a_text_stays_text(browser, stack):
    page = _page(browser, 1024, 800)
    _start(stack, page)
    reply = [{"text": EVIL, "buttons": [], "lang": "de", "dir": "ltr"}]
    page.route("**/webhooks/web/webhook", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(reply)))
    page.fill("lotse-chat #lotse-input", "Frage")
    page.press("lotse-chat #lotse-input", "Enter")
    expect(page.locator("lotse-chat .msg--bot strong", has_text="Achtung")).to_be_visible()
    bubble = page.evaluate(_BUBBLES)[-1]
    page.unroute("**/webhooks/web/webhook")
    assert "<script>window.__pwned = 1</script>" in bubble["text"]
    assert '<img src=x onerror="window.__pwned = 2">' in bubble["text"]
    assert "[klick](javascript:window.__pwned=3)" in bubble["text"]
    assert not {"script", "img", "iframe"} & set(bubble["elements"])
    assert [a["href"] for a in bubble["links"]] == ["https://www.leipzig.de/beratung",
                                                    "mailto:info@example.org"]
    assert all(a["rel"] == "noopener noreferrer" and a["target"] == "_blank" for a in bubble["links"])
    assert bubble["em"] == ["erstens"] and bubble["lists"] == ["UL", "OL"]
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.errors == []
