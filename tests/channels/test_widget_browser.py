"""The embeddable web widget in headless Chromium: on another site with one script tag and a
strict CSP, across reloads and a server restart, right-to-left, uploads, accessibility (axe
and keyboard), narrow screens and the typing indicator."""

from __future__ import annotations

import io
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from dialogues import catalogue
from tests.helpers.browser import chromium
from tests.helpers.chat import said, template_pattern
from tests.helpers.widget import HostSite, WidgetChat

pytestmark = [pytest.mark.server, pytest.mark.browser]

# A real one-page PDF: the mailbox parses PDFs and refuses ones without pages.
PDF = (Path(__file__).resolve().parents[1] / "fixtures" / "mailbox" / "certificate.pdf").read_bytes()
BOT_BUBBLE = (0xE8, 0xEE, 0xF5)
USER_BUBBLE = (0x1F, 0x4E, 0x79)
# Records what a Content-Security-Policy refused (an init script runs outside the page's CSP).
CSP_LISTENER = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def choose(lang: str) -> str:
    return f'/choose_language{{"language": "{lang}"}}'


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def host_site(stack):
    with HostSite(stack.settings.rasa_url).serving() as site:
        yield site


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    context.add_init_script(CSP_LISTENER)
    yield context
    context.close()


@pytest.fixture
def chat_url(stack) -> str:
    return f"{stack.settings.rasa_url}/webhooks/web/chat"


def new_page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    return page


def widget(page: Page, selector: str) -> Any:  # noqa: ANN401 - a Locator
    return page.locator(f"lotse-chat {selector}")


def shown(messages: list[dict[str, Any]]) -> list[tuple]:
    """What a person sees of each message."""
    return [(m["kind"], m["text"], m["lang"], m["dir"], [b["title"] for b in m["buttons"]])
            for m in messages]


def assert_clean(page: Page) -> None:
    assert page.evaluate("window.__csp") == [], "the host page's CSP refused something"
    assert page.errors == []


# --- embedding -------------------------------------------------------------------------------
def test_widget_on_another_site_with_one_script_tag(context, stack, host_site, repository, lotse_env):
    from storage.profiles import ensure_organisation

    ensure_organisation(lotse_env.database_url, "leipzig", "Stadt Leipzig")
    page = new_page(context)
    from channels.identity import signed_organisation

    # the organisation is a signed value (`lotse orgs link leipzig`): a plain name is not enough
    page.goto(host_site.page_url(lang="ar", org=signed_organisation("leipzig")))
    launcher = widget(page, ".launcher")
    expect(launcher).to_have_accessible_name(catalogue.text("ar", "widget.open"))
    expect(launcher).to_have_attribute("aria-expanded", "false")
    assert widget(page, "#lotse-panel").is_hidden()
    chat = WidgetChat(page)
    expect(launcher).to_have_attribute("aria-expanded", "true")
    # the host page's greedy styles (30px text, red buttons, Georgia) do not reach inside
    styles = page.evaluate("""() => {
        const root = document.querySelector('lotse-chat').shadowRoot;
        const style = (s) => getComputedStyle(root.querySelector(s));
        return {launcher: style('.launcher').backgroundColor, input: style('#lotse-input').fontSize,
                font: style('.lotse').fontFamily, quick: style('.quick-reply').fontSize};
    }""")
    assert styles["launcher"] == "rgb(31, 78, 121)"
    assert styles["input"] == "16px" and styles["quick"] == "16px"
    assert "Georgia" not in styles["font"]

    replies = chat.send(choose("ar"))
    assert said(replies, "ar", "consent.question"), chat.dump()
    assert said(chat.send("/affirm"), "ar", "ask.given_names"), chat.dump()
    assert said(chat.send("أحمد"), "ar", "ask.family_name"), chat.dump()
    users = [m["text"] for m in chat.messages() if m["kind"] == "user"]
    assert users == ["العربية", catalogue.text("ar", "consent.yes"), "أحمد"]

    pid = repository.person_for("web", chat.sender)
    snapshot = repository.snapshot(pid)
    assert snapshot["person"]["organisation"] == "leipzig"
    assert snapshot["person"]["ui_language"] == "ar"
    assert {f["field"]: f["value"] for f in snapshot["fields"]} == {"given_names": "أحمد"}
    assert_clean(page)


def test_data_server_points_the_widget_at_another_server(context, stack, host_site):
    """The script may come from a CDN; data-server names where the chat lives."""
    page = new_page(context)
    page.route("http://cdn.invalid/widget.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript",
        body=urllib.request.urlopen(f"{stack.settings.rasa_url}/webhooks/web/static/widget.js").read()))
    page.set_content(f'<html lang="de"><body><main><h1>CDN</h1></main>'
                     f'<script src="http://cdn.invalid/widget.js" data-server="{stack.settings.rasa_url}"'
                     f' data-mode="page"></script></body></html>')
    chat = WidgetChat(page)
    assert said(chat.send(choose("de")), "de", "consent.question"), chat.dump()


# --- reloads ---------------------------------------------------------------------------------
def test_an_old_id_without_token_or_a_stale_token_starts_a_new_conversation(context, stack, host_site):
    """Ids the widget made up itself (before conversations were issued by the server) and
    tokens the server no longer accepts address nothing: the widget starts anew."""
    import json

    page = new_page(context)
    page.goto(host_site.page_url(lang="de"))
    page.evaluate("window.localStorage.setItem('lotse.sender', 'a1b2c3d4-0000-4000-8000-123456789abc')")
    page.reload()
    chat = WidgetChat(page)
    session = chat.session
    assert session and session["sender"] != "a1b2c3d4-0000-4000-8000-123456789abc"
    assert page.evaluate("window.localStorage.getItem('lotse.sender')") is None
    assert said(chat.send(choose("de")), "de", "consent.question"), chat.dump()

    stale = {"sender": session["sender"], "token": session["token"][:-4] + "AAAA"}
    page.evaluate(f"window.localStorage.setItem('lotse.session', {json.dumps(json.dumps(stale))})")
    page.reload()
    chat.start()
    assert chat.session["sender"] != session["sender"]  # a new conversation, not someone else's
    assert all(m["kind"] != "user" for m in chat.messages())
    assert_clean(page)


def test_conversation_survives_a_reload(context, stack, host_site):
    page = new_page(context)
    chat = WidgetChat(page, host_site.page_url(lang="de"))
    assert said(chat.send(choose("de")), "de", "consent.question")
    sender = chat.sender
    before = shown(chat.messages())
    assert before[-1][4] == [catalogue.text("de", "consent.yes"), catalogue.text("de", "consent.no")]

    page.reload()
    chat.start()  # the panel was open: it opens again by itself
    assert shown(chat.messages()) == before  # no second greeting, the open question's buttons back
    assert chat.sender == sender
    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()
    assert said(chat.send("Anna"), "de", "ask.family_name"), chat.dump()
    before = shown(chat.messages())
    assert ("user", catalogue.text("de", "consent.yes"), None, "auto", []) in before

    page.reload()
    chat.start()
    assert shown(chat.messages()) == before
    assert said(chat.send("Schmidt"), "de", "ask.date_of_birth"), chat.dump()
    assert_clean(page)


# --- right to left ---------------------------------------------------------------------------
def _bubble_colour_columns(image: Image.Image, y: int, x0: int, x1: int,
                           colour: tuple[int, int, int]) -> tuple[int, int] | None:
    """The first and last column of row `y` painted in a bubble's background colour."""
    hits = [x for x in range(x0, x1)
            if all(abs(a - b) <= 6 for a, b in zip(image.getpixel((x, y)), colour, strict=True))]
    return (hits[0], hits[-1]) if hits else None


def _ink(image: Image.Image, box: dict[str, float], background: tuple[int, int, int]) -> tuple[int, int]:
    """Left and right edge of the text drawn inside `box` (pixels far from the background)."""
    columns = []
    # the middle band: clear of the rounded corners
    for x in range(int(box["x"]) + 2, int(box["x"] + box["width"]) - 2):
        for y in range(int(box["y"]) + 14, int(box["y"] + box["height"]) - 14):
            if sum(abs(a - b) for a, b in zip(image.getpixel((x, y)), background, strict=True)) > 200:
                columns.append(x)
                break
    assert columns, "no text in the bubble"
    return columns[0], columns[-1]


def _layout(page: Page, lang: str) -> dict[str, Any]:
    bubble = widget(page, ".msg--bot").last
    user = widget(page, ".msg--user").last
    log = widget(page, "#lotse-log").bounding_box()
    image = Image.open(io.BytesIO(page.screenshot(path=f"/tmp/lotse_widget_{lang}.png"))).convert("RGB")
    result = {"log": (log["x"], log["x"] + log["width"])}
    for name, node, colour in (("bot", bubble, BOT_BUBBLE), ("user", user, USER_BUBBLE)):
        box = node.bounding_box()
        painted = _bubble_colour_columns(image, int(box["y"] + box["height"] / 2), int(log["x"]),
                                         int(log["x"] + log["width"]), colour)
        assert painted, f"no {name} bubble painted"
        result[name] = {"painted": painted, "ink": _ink(image, box, colour)}
    return result


def test_rtl_bubbles_sit_right_and_ltr_bubbles_left(browser, stack, chat_url):
    layouts = {}
    for lang, name in (("ar", "أحمد"), ("de", "Anna")):
        context = browser.new_context(viewport={"width": 800, "height": 900})
        page = new_page(context)
        chat = WidgetChat(page, f"{chat_url}?lang={lang}")
        chat.send(choose(lang))
        chat.send("/affirm")
        chat.send(name)
        bubble = widget(page, ".msg--bot").last
        expect(bubble).to_have_text(catalogue.text(lang, "ask.family_name"))
        expect(bubble).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        expect(bubble).to_have_attribute("lang", lang)
        expect(widget(page, ".msg--user").last).to_have_attribute("dir", "auto")
        expect(widget(page, ".lotse")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        layouts[lang] = _layout(page, lang)
        context.close()

    for lang, layout in layouts.items():
        left, right = layout["log"]
        width = right - left
        middle = left + width / 2
        bot, user = layout["bot"], layout["user"]
        ink_centre = sum(bot["ink"]) / 2
        # the text really lies inside its painted bubble
        assert bot["painted"][0] <= bot["ink"][0] <= bot["ink"][1] <= bot["painted"][1], layout
        if lang == "ar":
            # the Arabic question sits at the right (its start side), the person's answer left
            assert right - bot["painted"][1] < 40 and bot["painted"][0] - left > 0.2 * width, layout
            assert ink_centre > middle, layout
            assert user["painted"][0] - left < 40 and sum(user["ink"]) / 2 < middle, layout
        else:
            assert bot["painted"][0] - left < 40 and right - bot["painted"][1] > 0.2 * width, layout
            assert ink_centre < middle, layout
            assert right - user["painted"][1] < 40 and sum(user["ink"]) / 2 > middle, layout


# --- uploads ---------------------------------------------------------------------------------
def test_documents_go_into_the_mailbox_after_consent(context, stack, chat_url, repository, lotse_env):
    from storage.documents import DocumentMailbox

    page = new_page(context)
    chat = WidgetChat(page, f"{chat_url}?lang=de")
    expect(widget(page, ".attach")).to_have_accessible_name(catalogue.text("de", "widget.attach"))
    assert widget(page, "#lotse-file").get_attribute("accept") == "application/pdf,image/jpeg,image/png"
    chat.send(choose("de"))
    before_consent = chat.upload("Pass.pdf", PDF)
    assert repository.person_for("web", chat.sender) is None  # nothing stored, nobody created
    assert [m["text"] for m in chat.messages() if m["kind"] == "user"][-1] == "📎 Pass.pdf"

    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()
    pid = repository.person_for("web", chat.sender)
    received = chat.upload("Zeugnis.pdf", PDF)
    refused = chat.upload("Notiz.pdf", b"only some text, renamed to .pdf\n", "application/pdf")
    documents = DocumentMailbox(lotse_env.database_url).list(pid)
    assert [(d.filename, d.media_type, d.channel) for d in documents] == [
        ("Zeugnis.pdf", "application/pdf", "web")]
    # the stored file is the person's message also after a reload (from the mailbox; the
    # refused one was never stored)
    page.reload()
    chat.start()
    users = [m["text"] for m in chat.messages() if m["kind"] == "user"]
    assert "📎 Zeugnis.pdf" in users and "📎 Notiz.pdf" not in users
    # the assistant's answers, in the person's language
    assert said(before_consent, "de", "document.needs_consent"), chat.dump()
    pattern = template_pattern("de", "document.received")
    assert any(pattern.search(r["text"]) and "Zeugnis.pdf" in r["text"] for r in received), chat.dump()
    assert said(refused, "de", "document.wrong_type"), chat.dump()
    # over the limit: said at once by the widget, nothing sent
    uploads = []
    page.on("request", lambda r: uploads.append(r.url) if r.url.endswith("/upload") else None)
    too_big = chat.upload("Scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    assert [r["text"] for r in too_big] == [catalogue.text("de", "document.too_large", limit=10)]
    assert uploads == []


# --- accessibility ---------------------------------------------------------------------------
def _axe(page: Page) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations", "passes"]}).response
    # axe looked inside the open shadow root: passes there are named by a path through it
    assert any(isinstance(node["target"][0], list) and node["target"][0][0] == "lotse-chat"
               for rule in results["passes"] for node in rule["nodes"]), "axe did not see the widget"
    violations = results["violations"]
    for violation in violations:
        if violation["impact"] not in ("serious", "critical"):
            print(f"axe ({violation['impact']}): {violation['id']} on {len(violation['nodes'])} "
                  f"element(s): {violation['help']}")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: "
                     + "; ".join(str(n["target"]) + " " + n.get("failureSummary", "") for n in v["nodes"][:3])
                     for v in violations)


@pytest.mark.parametrize("lang", ["ar", "de"])
@pytest.mark.parametrize("mode", ["floating", "page"])
def test_no_serious_accessibility_violations(context, stack, host_site, chat_url, lang, mode):
    page = new_page(context)
    url = host_site.page_url(lang=lang) if mode == "floating" else f"{chat_url}?lang={lang}"
    chat = WidgetChat(page, url)
    violations = _axe(page)  # the language question with its buttons
    assert not violations, _describe(violations)
    chat.send(choose(lang))
    chat.send("/affirm")
    page.fill("#lotse-input", "abc")  # the composer with text in it
    violations = _axe(page)  # messages in the language, labels followed
    assert not violations, _describe(violations)
    page.screenshot(path=f"/tmp/lotse_widget_{mode}_{lang}.png")
    expect(widget(page, "#lotse-log")).to_have_attribute("role", "log")
    expect(widget(page, "#lotse-log")).to_have_attribute("aria-live", "polite")
    expect(widget(page, "#lotse-log")).to_have_accessible_name(catalogue.text(lang, "widget.messages"))
    expect(widget(page, "#lotse-input")).to_have_accessible_name(catalogue.text(lang, "widget.input_label"))
    expect(widget(page, ".send")).to_have_accessible_name(catalogue.text(lang, "widget.send"))
    for selector in (".send", ".attach", ".launcher" if mode == "floating" else ".send"):
        box = widget(page, selector).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, selector


def _focused(page: Page) -> dict[str, Any]:
    return page.evaluate("""() => {
        const host = document.querySelector('lotse-chat');
        const inner = document.activeElement === host ? host.shadowRoot.activeElement : null;
        return {inWidget: !!inner, className: inner ? inner.className : document.activeElement.tagName,
                text: inner ? inner.textContent : '', payload: inner && inner.getAttribute('data-payload'),
                outline: inner ? getComputedStyle(inner).outlineStyle : ''};
    }""")


def test_keyboard_only(context, stack, host_site):
    page = new_page(context)
    page.goto(host_site.page_url(lang="de"))
    expect(widget(page, ".launcher")).to_be_visible()
    page.keyboard.press("Tab")
    focus = _focused(page)
    assert focus["className"] == "launcher" and focus["outline"] == "solid", focus  # visible outline
    page.keyboard.press("Enter")
    expect(widget(page, "#lotse-panel")).to_be_visible()
    assert _focused(page)["className"] == "input"  # opening focuses the input
    chat = WidgetChat(page)  # waits for the greeting
    focus = _focused(page)
    assert focus["className"] == "quick-reply", focus  # the language buttons take focus
    for _ in range(20):  # Tab on to the input
        if _focused(page)["className"] == "input":
            break
        page.keyboard.press("Tab")
    assert _focused(page)["className"] == "input"
    page.keyboard.type("hallo")
    page.keyboard.press("Enter")
    chat.wait_idle()
    first = _focused(page)
    assert first["className"] == "quick-reply", first  # the reply's quick replies
    page.keyboard.press("Tab")
    second = _focused(page)
    assert second["className"] == "quick-reply" and second["payload"] != first["payload"]
    page.keyboard.press("Enter")  # a quick reply chosen by keyboard
    chat.wait_idle()
    assert widget(page, ".msg--user").last.inner_text() == second["text"]
    page.keyboard.press("Escape")
    expect(widget(page, "#lotse-panel")).to_be_hidden()
    focus = _focused(page)
    assert focus["className"] == "launcher", focus
    expect(widget(page, ".launcher")).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")  # and open again
    expect(widget(page, "#lotse-panel")).to_be_visible()
    assert_clean(page)


# --- narrow screens --------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["floating", "page"])
def test_works_360_px_wide(browser, stack, host_site, chat_url, mode):
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    page = new_page(context)
    chat = WidgetChat(page, host_site.page_url(lang="ar") if mode == "floating" else f"{chat_url}?lang=ar")
    chat.send(choose("ar"))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    page.screenshot(path=f"/tmp/lotse_widget_360_{mode}.png")
    panel = widget(page, "#lotse-panel").bounding_box()
    assert panel["x"] == 0 and panel["width"] == 360  # the whole screen
    for selector in ("#lotse-input", ".send", ".attach"):
        node = widget(page, selector)
        expect(node).to_be_in_viewport()
        box = node.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
        assert box["height"] >= 44, selector
    assert page.evaluate("""() => getComputedStyle(document.querySelector('lotse-chat').shadowRoot
                            .querySelector('#lotse-input')).fontSize""") == "16px"
    context.close()


# --- waiting and failing ---------------------------------------------------------------------
def test_typing_indicator_while_a_reply_is_pending(context, stack, chat_url):
    page = new_page(context)
    chat = WidgetChat(page, f"{chat_url}?lang=de")
    held = []
    page.route("**/webhooks/web/webhook", lambda route: held.append(route))
    typing = widget(page, ".typing")
    expect(typing).to_be_hidden()
    chat.quick_reply(choose("de")).click()
    expect(typing).to_be_visible()
    expect(typing).to_contain_text(catalogue.text("de", "widget.typing"))
    assert typing.get_attribute("aria-hidden") == "true"  # the reply is announced, not the wait
    assert len(held) == 1
    held[0].continue_()
    expect(typing).to_be_hidden()
    expect(widget(page, ".msg--bot").last).to_have_text(catalogue.text("de", "consent.question"))
    page.unroute("**/webhooks/web/webhook")


def test_a_failed_send_is_retried_and_kept_over_a_reload(context, stack, chat_url):
    page = new_page(context)
    chat = WidgetChat(page, f"{chat_url}?lang=de")
    attempts = []

    def unavailable(route):
        attempts.append(time.monotonic())
        route.fulfill(status=503, content_type="text/html", body="<h1>Service Unavailable</h1>")

    page.route("**/webhooks/web/webhook", unavailable)
    chat.quick_reply(choose("de")).click()
    status = widget(page, ".status")
    expect(status).to_have_text(catalogue.text("de", "widget.reconnecting"))
    expect(status).to_have_attribute("role", "status")
    assert "choose_language" in page.evaluate("window.sessionStorage.getItem('lotse.pending')")
    while len(attempts) < 3:
        page.wait_for_timeout(200)
    assert attempts[2] - attempts[1] > attempts[1] - attempts[0] > 0.5  # backing off

    page.reload()  # the unsent choice is still there, and still waits
    expect(widget(page, ".msg--user").last).to_have_text("Deutsch")
    expect(status).to_have_text(catalogue.text("de", "widget.reconnecting"))
    page.unroute("**/webhooks/web/webhook")
    expect(status).to_have_text(catalogue.text("de", "widget.reconnected"), timeout=20_000)
    chat.wait_idle()
    expect(widget(page, ".msg--bot").last).to_have_text(catalogue.text("de", "consent.question"))
    assert page.evaluate("window.sessionStorage.getItem('lotse.pending')") is None
    assert [m["text"] for m in chat.messages() if m["kind"] == "user"] == ["Deutsch"]


def test_a_refused_send_is_not_retried(context, stack, chat_url):
    page = new_page(context)
    chat = WidgetChat(page, f"{chat_url}?lang=de")
    attempts = []

    def refused(route):
        attempts.append(route.request.post_data)
        route.fulfill(status=400, content_type="application/json", body='{"error": "no"}')

    page.route("**/webhooks/web/webhook", refused)
    chat.send("hallo")
    expect(widget(page, ".status")).to_have_text(catalogue.text("de", "widget.send_failed"))
    page.wait_for_timeout(2500)
    assert len(attempts) == 1
    assert page.evaluate("window.sessionStorage.getItem('lotse.pending')") is None


# --- a server restart (last: it takes the Rasa server away for a minute) ----------------------
def _rasa_down(stack) -> bool:
    try:
        with urllib.request.urlopen(f"{stack.settings.rasa_url}/webhooks/web/", timeout=2):
            return False
    except (urllib.error.URLError, OSError):
        return True


def test_reconnects_after_a_server_restart(context, stack, chat_url, repository):
    page = new_page(context)
    chat = WidgetChat(page, f"{chat_url}?lang=de", timeout=300)
    chat.send(choose("de"))
    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()

    failure = []

    def restart():
        try:
            stack.restart("rasa")
        except Exception as exc:  # noqa: BLE001 - reported by the test
            failure.append(exc)

    restarting = threading.Thread(target=restart)
    restarting.start()
    try:
        deadline = time.monotonic() + 60
        while not _rasa_down(stack) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _rasa_down(stack), "the Rasa server did not stop"
        page.fill("#lotse-input", "Anna")
        page.press("#lotse-input", "Enter")
        status = widget(page, ".status")
        expect(status).to_have_text(catalogue.text("de", "widget.reconnecting"), timeout=30_000)
        assert "Anna" in page.evaluate("window.sessionStorage.getItem('lotse.pending')")
        expect(status).to_have_text(catalogue.text("de", "widget.reconnected"), timeout=300_000)
    finally:
        restarting.join(300)
    assert not failure, failure
    chat.wait_idle()
    expect(widget(page, ".msg--bot").last).to_have_text(catalogue.text("de", "ask.family_name"))
    assert said(chat.send("Schmidt"), "de", "ask.date_of_birth"), chat.dump()

    page.reload()
    chat.start()
    users = [m["text"] for m in chat.messages() if m["kind"] == "user"]
    assert users == ["Deutsch", catalogue.text("de", "consent.yes"), "Anna", "Schmidt"]
    values = {f["field"]: f["value"] for f in repository.snapshot(
        repository.person_for("web", chat.sender))["fields"]}
    assert values == {"given_names": "Anna", "family_name": "Schmidt"}
