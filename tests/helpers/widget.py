"""The web widget driven in a real browser, with the interface of tests.helpers.chat.Chat, and
a host site on another origin that embeds it with one script tag."""

from __future__ import annotations

import html
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Page

from tests.helpers.ports import free_port

# The widget's state, read from its open shadow root (null before it exists).
_STATE = """() => {
  const host = document.querySelector('lotse-chat');
  const root = host && host.shadowRoot;
  const frame = root && root.querySelector('.lotse');
  if (!frame) return null;
  return {
    state: frame.getAttribute('data-state'),
    shown: !frame.hidden,
    open: !root.querySelector('#lotse-panel').hidden,
    typing: !root.querySelector('.typing').hidden,
    count: root.querySelector('#lotse-log').children.length,
    status: root.querySelector('.status').textContent,
  };
}"""

# The message elements in the log, in order: all, or those not seen yet; `mark` flags them seen.
_MESSAGES = """([mark, all]) => {
  const root = document.querySelector('lotse-chat').shadowRoot;
  const nodes = Array.from(root.querySelectorAll('#lotse-log > *'));
  const result = nodes.filter(n => all || !n.hasAttribute('data-seen')).map(n => {
    const text = n.querySelector('.msg__text');
    const link = n.querySelector('.msg__document');
    return {
      kind: n.classList.contains('msg--bot') ? 'bot' : n.classList.contains('msg--user') ? 'user'
        : n.classList.contains('quick-replies') ? 'buttons' : 'other',
      id: n.id || null,
      labelledby: n.getAttribute('aria-labelledby'),
      text: n.classList.contains('msg--user') ? n.textContent : (text ? text.textContent : ''),
      lang: n.getAttribute('data-lang') || n.getAttribute('lang'),
      dir: n.getAttribute('dir'),
      document: link ? {url: new URL(link.href).pathname, filename: link.getAttribute('download')} : null,
      buttons: Array.from(n.querySelectorAll('.quick-reply'))
        .map(b => ({title: b.textContent, payload: b.getAttribute('data-payload')})),
    };
  });
  if (mark) nodes.forEach(n => n.setAttribute('data-seen', ''));
  return result;
}"""


def same_payload(a: str, b: str) -> bool:
    """`/intent{"k": "v"}` equals `/intent{"k":"v"}`: the same intent and entities."""
    if a == b:
        return True
    if not (a.startswith("/") and b.startswith("/")):
        return False
    (intent_a, _, json_a), (intent_b, _, json_b) = a.partition("{"), b.partition("{")
    try:
        return intent_a == intent_b and json.loads("{" + json_a) == json.loads("{" + json_b)
    except ValueError:
        return False


def replies_of(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bot replies as the webhook returns them: a bubble, and the buttons group it labels."""
    replies: list[dict[str, Any]] = []
    bubbles: dict[str, dict[str, Any]] = {}
    for node in nodes:
        if node["kind"] == "bot":
            reply = {"text": node["text"], "lang": node["lang"], "dir": node["dir"], "buttons": []}
            if node["document"]:
                reply["document"] = node["document"]
            replies.append(reply)
            bubbles[node["id"]] = reply
        elif node["kind"] == "buttons":
            reply = bubbles.get(node["labelledby"] or "")
            if reply is None:
                reply = {"text": "", "lang": node["lang"], "dir": node["dir"], "buttons": []}
                replies.append(reply)
            reply["buttons"] = node["buttons"]
    return replies


class WidgetChat:
    """Chats through the widget in `page` (full page or floating, opened if closed)."""

    channel = "web"

    def __init__(self, page: Page, url: str | None = None, *, timeout: float = 90.0) -> None:
        self.page = page
        self.timeout = timeout
        self.transcript: list[tuple[str, list[dict[str, Any]]]] = []
        if url is not None:
            page.goto(url)
        self.start()

    def start(self) -> None:
        """Wait for the widget, open it, and wait until the greeting (or history) is shown."""
        state = self._wait(lambda s: s is not None and s["shown"], "the widget to appear")
        if not state["open"]:
            self.page.locator("lotse-chat .launcher").click()
        self.wait_idle()

    @property
    def session(self) -> dict[str, str] | None:
        """The conversation the server issued to this browser: {"sender", "token"}."""
        return self.page.evaluate("JSON.parse(window.localStorage.getItem('lotse.session'))")

    @property
    def sender(self) -> str:
        return (self.session or {}).get("sender")

    def state(self) -> dict[str, Any] | None:
        return self.page.evaluate(_STATE)

    def messages(self) -> list[dict[str, Any]]:
        """Everything the log shows now."""
        return self.page.evaluate(_MESSAGES, [False, True])

    def send(self, message: str) -> list[dict[str, Any]]:
        """Press the quick reply whose payload is `message`, else type it; the bot replies."""
        if not message.strip():
            # A person cannot send it either: the widget ignores Enter on blank input.
            raise ValueError("the widget does not send blank messages")
        self.page.evaluate(_MESSAGES, [True, False])
        button = self.quick_reply(message)
        if button is not None:
            button.click()
        else:
            self.page.fill("#lotse-input", message)
            self.page.press("#lotse-input", "Enter")
        self.wait_idle()
        replies = replies_of([n for n in self.page.evaluate(_MESSAGES, [False, False])
                              if n["kind"] != "user"])
        self.transcript.append((message, replies))
        return replies

    def upload(self, filename: str, data: bytes, mime_type: str = "application/pdf") -> list[dict[str, Any]]:
        """Choose a file as the attach button's file dialog would; the bot replies."""
        self.page.evaluate(_MESSAGES, [True, False])
        self.page.set_input_files("#lotse-file", files=[
            {"name": filename, "mimeType": mime_type, "buffer": data}])
        self.wait_idle()
        replies = replies_of([n for n in self.page.evaluate(_MESSAGES, [False, False])
                              if n["kind"] != "user"])
        self.transcript.append((f"📎 {filename}", replies))
        return replies

    def quick_reply(self, payload: str) -> Any:  # noqa: ANN401 - a Playwright Locator
        buttons = self.page.locator("lotse-chat .quick-reply")
        for index in range(buttons.count()):
            button = buttons.nth(index)
            if same_payload(button.get_attribute("data-payload") or "", payload) and button.is_visible():
                return button
        return None

    def wait_idle(self, quiet: float = 0.5) -> dict[str, Any]:
        """Until nothing is pending, the typing indicator is gone and the log has not changed
        for `quiet` seconds."""
        deadline = time.monotonic() + self.timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            state = self.state()
            idle = state is not None and state["state"] == "idle" and not state["typing"]
            if not idle or state["count"] != last:
                last, since = (state or {}).get("count"), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return state
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the widget did not become idle: {self.state()}\n{self.dump()}")

    def _wait(self, ready: Any, what: str) -> dict[str, Any]:  # noqa: ANN401 - a predicate
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            state = self.state()
            if ready(state):
                return state
            self.page.wait_for_timeout(100)
        raise AssertionError(f"timed out waiting for {what}: {self.state()}")

    def dump(self) -> str:
        lines = []
        for message, replies in self.transcript:
            lines.append(f">> {message[:80]}")
            lines.extend(f"   [{r.get('lang')}] {r.get('text', '')[:160]!r}" for r in replies)
        return "\n".join(lines)


# --- a host site on another origin -----------------------------------------------------------
_HOST_CSS = """
/* A host site's own styles, some of them greedy: none of this may reach the widget. */
body { margin: 0; font: 22px/2 Georgia, serif; color: #222; background: #fff; }
main, header { padding: 0 16px; }
p, button, div, textarea { letter-spacing: 2px; font-size: 30px; }
button { background: #c00; color: #fff; }
"""

_HOST_PAGE = """<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Stadt Beispiel</title>
  <link rel="stylesheet" href="/site.css">
</head>
<body>
  <header><h1>Stadt Beispiel</h1></header>
  <main><p>Willkommen auf der Seite der Stadt.</p></main>
  <script src="{src}"{attributes} defer></script>
</body>
</html>
"""


class HostSite:
    """Serves a plain page that embeds the widget (nothing of lotse but one script tag), with a
    strict Content-Security-Policy that allows only its own origin and the lotse server."""

    def __init__(self, lotse_url: str) -> None:
        self.lotse_url = lotse_url.rstrip("/")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def page_url(self, **data: str) -> str:
        """The page's address; `data` become the script's data-* attributes."""
        return f"{self.url}/?{urlencode(data)}"

    @property
    def csp(self) -> str:
        lotse = self.lotse_url
        return (f"default-src 'self'; script-src 'self' {lotse}; style-src 'self' {lotse}; "
                f"connect-src {lotse}; img-src 'self'; object-src 'none'; base-uri 'none'")

    def render(self, query: str) -> str:
        data = {key: values[0] for key, values in parse_qs(query).items()}
        attributes = "".join(f' data-{html.escape(key)}="{html.escape(value)}"'
                             for key, value in sorted(data.items()))
        src = html.escape(f"{self.lotse_url}/webhooks/web/static/widget.js")
        return _HOST_PAGE.format(src=src, attributes=attributes)

    @contextmanager
    def serving(self) -> Iterator[HostSite]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                parts = urlsplit(self.path)
                if parts.path == "/site.css":
                    self._send(200, "text/css", _HOST_CSS)
                elif parts.path == "/":
                    self._send(200, "text/html; charset=utf-8", site.render(parts.query))
                else:
                    self._send(404, "text/plain", "not found")

            def _send(self, status: int, content_type: str, body: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Content-Security-Policy", site.csp)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:  # noqa: ANN401 - quiet
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
