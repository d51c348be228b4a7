
"""The web channel's webhook with bad requests and bad input: clear errors, never a crash."""

import json
from pathlib import Path
from typing import Any

import pytest

from channels.web.input_channel import allowed_origins, cors_headers, history_messages, origin_allowed
from dialogues import catalogue
from dialogues.languages import CODES, direction
from tests.helpers.chat import (
    TOKEN_HEADER,
    Chat,
    multipart,
    post_raw,
    said,
    template_pattern,
    web_session,
)

# the widget's labels, and what it says itself about a file over the limit
WIDGET_KEYS = {key for key in catalogue.keys() if key.startswith("widget.")} | {"document.too_large"}

pytestmark = pytest.mark.server


@pytest.fixture
def webhook(stack) -> str:
    return f"{stack.settings.rasa_url}/webhooks/web/webhook"


# SENDER stands for a conversation the server issued (the request carries its token).
@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    (b"", 400),
    (b"[1, 2]", 400),
    (json.dumps({"sender": "x", "message": "hi"}).encode(), 400),
    (json.dumps({"sender": "../../etc/passwd", "message": "hi"}).encode(), 400),
    (json.dumps({"sender": "SENDER"}).encode(), 400),
    (json.dumps({"sender": "SENDER", "message": {"voice": "ogg"}}).encode(), 400),
    (json.dumps({"sender": "SENDER", "message": "x" * 300_000}).encode(), 413),
    (b"\xff\xfe\x00binary", 400),
])
def test_malformed_requests_get_clear_http_errors(stack, webhook, body, status):
    sender, token = web_session(stack.settings.rasa_url)
    code, text = post_raw(webhook, body.replace(b"SENDER", sender.encode()),
                          headers={TOKEN_HEADER: token})
    assert code == status
    assert "error" in json.loads(text)
    assert "Traceback" not in text


def test_replies_carry_language_and_direction(chat: Chat):
    chat.send("مرحبا")
    replies = chat.send('/choose_language{"language":"fa"}')
    assert replies and all(r["lang"] == "fa" and r["dir"] == "rtl" for r in replies)
    replies = chat.send('/choose_language{"language":"uk"}')
    assert all(r["dir"] == "ltr" for r in replies)


def test_unknown_metadata_is_dropped_and_hint_used(stack):
    chat = Chat(stack.settings.rasa_url, metadata={"language_hint": "ar", "evil": "x" * 9999})
    replies = chat.send("hi")
    assert replies[0]["lang"] == "mul"  # the language question in every language


@pytest.mark.parametrize("answer, key", [
    ("\x00\x01\x02\x03", "invalid.not_text"),
    ("   ", "invalid.empty"),
    ("😀😀😀", "invalid.emoji_only"),
    ("<img src=x onerror=alert(1)>", "invalid.html"),
    ("x" * 2500, "invalid.too_long"),  # under the channel's cap, over every field's
])
def test_bad_answers_get_a_specific_reask(chat: Chat, answer, key):
    chat.send("hallo")
    chat.send('/choose_language{"language":"de"}')
    chat.send("/affirm")
    replies = chat.send(answer)
    assert said(replies, "de", key), chat.dump()
    assert said(replies, "de", "ask.given_names"), chat.dump()


def _get(url: str) -> tuple[int, Any, bytes]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_a_person_gets_their_cv_as_a_document_in_the_chat(stack, chat: Chat):
    chat.send("hallo")
    chat.send('/choose_language{"language":"de"}')
    chat.send("/affirm")
    replies = chat.send("Lebenslauf bitte")
    assert said(replies, "de", "cv.request_empty"), chat.dump()
    assert said(replies, "de", "ask.given_names"), chat.dump()  # the interview goes on
    for answer in ("Mohammed Ali", "Haddad", "3. März 1985", "Syrien", "Leipzig", "0176 12345678",
                   "Arabisch"):
        chat.send(answer)
    replies = chat.send("schick mir meinen Lebenslauf")
    assert said(replies, "de", "cv.request_ready"), chat.dump()
    assert said(replies, "de", "ask.spoken_language_level"), chat.dump()
    document = next(r["document"] for r in replies if r.get("document"))
    assert document["filename"] == "Lebenslauf.pdf"
    assert document["url"].startswith("/webhooks/web/documents/")
    status, headers, body = _get(stack.settings.rasa_url + document["url"])
    assert status == 200, body[:200]
    assert headers["Content-Type"] == "application/pdf"
    assert "attachment" in headers["Content-Disposition"]
    assert headers["Cache-Control"] == "no-store"
    assert body.startswith(b"%PDF")
    # A link that was altered, or a made-up one, opens nothing and says why.
    for url in (document["url"][:-3] + "AAA", "/webhooks/web/documents/not-a-token"):
        status, _, body = _get(stack.settings.rasa_url + url)
        assert status == 404
        assert b"Traceback" not in body and b"error" in body


# --- the widget's endpoints: history, texts, upload, CORS -----------------------------------
def _request(url: str, *, method: str = "GET", body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


# the token of each conversation these tests started, as the widget keeps it
_TOKENS: dict[str, str] = {}


def _new_sender(stack) -> str:
    sender, token = web_session(stack.settings.rasa_url)
    _TOKENS[sender] = token
    return sender


def _auth(sender: str) -> dict[str, str]:
    return {TOKEN_HEADER: _TOKENS[sender]} if sender in _TOKENS else {}


def _say(stack, sender: str, message: str, **metadata: str) -> list[dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": message, "metadata": metadata}).encode()
    status, _, data = _request(f"{stack.settings.rasa_url}/webhooks/web/webhook", method="POST",
                               body=body, headers={"Content-Type": "application/json", **_auth(sender)})
    assert status == 200, data
    return json.loads(data)


def _history(stack, sender: str) -> tuple[int, Any]:
    from urllib.parse import quote

    status, _, data = _request(f"{stack.settings.rasa_url}/webhooks/web/history?sender={quote(sender)}",
                               headers=_auth(sender))
    return status, json.loads(data)


def test_history_of_a_new_sender_is_empty(stack):
    status, body = _history(stack, _new_sender(stack))
    assert status == 200
    assert body["messages"] == []


@pytest.mark.parametrize("sender", ["x", "../../etc/passwd", "a" * 129, "", "valid-sender-01"])
def test_history_refuses_a_bad_sender(stack, sender):
    status, body = _history(stack, sender)
    assert status == 400 and "error" in body


def test_history_shows_labels_instead_of_payloads_and_the_open_question(stack):
    sender = _new_sender(stack)
    _say(stack, sender, "/greet")  # as the widget greets: a payload without label, not shown
    _say(stack, sender, "hallo")
    _say(stack, sender, '/choose_language{"language": "de"}', label="Deutsch")
    _, body = _history(stack, sender)
    messages = body["messages"]
    users = [m["text"] for m in messages if m["from"] == "user"]
    assert users == ["hallo", "Deutsch"]
    assert not any(m["text"].startswith("/") for m in messages)
    bots = [m for m in messages if m["from"] == "bot"]
    assert said(bots, "de", "consent.question")
    assert all(m["lang"] == "de" and m["dir"] == "ltr" for m in bots[-2:])
    # the consent question still waits for its answer: its buttons come back; earlier ones not
    assert bots[-1]["buttons"] and {b["payload"] for b in bots[-1]["buttons"]} == {"/affirm", "/deny"}
    last_user = max(i for i, m in enumerate(messages) if m["from"] == "user")
    assert all(m["buttons"] == [] for m in messages[:last_user] if m["from"] == "bot")

    _say(stack, sender, "/affirm", label=catalogue.text("de", "consent.yes"))
    _, body = _history(stack, sender)
    messages = body["messages"]
    assert [m["text"] for m in messages if m["from"] == "user"] == [
        "hallo", "Deutsch", catalogue.text("de", "consent.yes")]
    assert said(messages[-1:], "de", "ask.given_names")
    assert all(m["buttons"] == [] for m in messages if m["from"] == "bot")


def test_a_long_label_is_cut(stack):
    sender = _new_sender(stack)
    _say(stack, sender, "/greet", label="L" * 5000)
    _, body = _history(stack, sender)
    assert [m["text"] for m in body["messages"] if m["from"] == "user"] == ["L" * 200]


@pytest.mark.parametrize("lang", CODES)
def test_texts_in_every_language_have_every_widget_label(stack, lang):
    status, headers, data = _request(f"{stack.settings.rasa_url}/webhooks/web/texts?lang={lang}")
    assert status == 200
    body = json.loads(data)
    assert body["lang"] == lang and body["dir"] == direction(lang)
    assert set(body["texts"]) == WIDGET_KEYS
    assert all(isinstance(v, str) and v.strip() for v in body["texts"].values())
    assert body["texts"]["widget.send"] == catalogue.text(lang, "widget.send")


@pytest.mark.parametrize("query, lang, direction_", [
    ("lang=xx", "de", "ltr"), ("", "de", "ltr"), ("lang=ps", "de", "ltr"),
    ("lang=ar-SY", "ar", "rtl"), ("lang=FA", "fa", "rtl"), ("lang=%3Cscript%3E", "de", "ltr"),
])
def test_texts_for_unknown_languages_are_german(stack, query, lang, direction_):
    status, _, data = _request(f"{stack.settings.rasa_url}/webhooks/web/texts?{query}")
    body = json.loads(data)
    assert status == 200 and body["lang"] == lang and body["dir"] == direction_
    assert body["lang"] != "de" or body["texts"]["widget.open"] == catalogue.text("de", "widget.open")


def _upload(stack, fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[int, Any]:
    body, content_type = multipart(fields, files)
    status, _, data = _request(f"{stack.settings.rasa_url}/webhooks/web/upload", method="POST",
                               body=body, headers={"Content-Type": content_type,
                                                   **_auth(fields.get("sender", ""))})
    return status, json.loads(data)


# A real one-page PDF: the mailbox parses PDFs and refuses ones without pages.
PDF = (Path(__file__).resolve().parents[1] / "fixtures" / "mailbox" / "certificate.pdf").read_bytes()


@pytest.mark.parametrize("fields, files", [
    ({"metadata": "{}"}, {"file": ("a.pdf", PDF, "application/pdf")}),  # no sender
    ({"sender": "x", "metadata": "{}"}, {"file": ("a.pdf", PDF, "application/pdf")}),  # bad sender
    ({"sender": "SENDER", "metadata": "{}"}, {}),  # no file
    ({"sender": "SENDER", "metadata": "{not json"}, {"file": ("a.pdf", PDF, "application/pdf")}),
])
def test_upload_with_missing_or_bad_parts_is_400(stack, fields, files):
    if fields.get("sender") == "SENDER":
        fields = {**fields, "sender": _new_sender(stack)}
    status, body = _upload(stack, fields, files)
    assert status == 400 and "error" in body


def test_upload_that_is_not_multipart_is_400(stack):
    status, _, data = _request(f"{stack.settings.rasa_url}/webhooks/web/upload", method="POST",
                               body=b'{"sender": "valid-sender-01"}',
                               headers={"Content-Type": "application/json"})
    assert status == 400 and "error" in json.loads(data)


def test_upload_over_the_limit_is_413(stack):
    from storage.documents import MAX_DOCUMENT_BYTES

    body = b"x" * (MAX_DOCUMENT_BYTES + 64 * 1024 + 1)
    status, _, data = _request(f"{stack.settings.rasa_url}/webhooks/web/upload", method="POST",
                               body=body, headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 413 and "error" in json.loads(data)


def test_chunked_upload_over_the_limit_is_413(stack):
    """Without a Content-Length the body is counted while it arrives."""
    import http.client

    from storage.documents import MAX_DOCUMENT_BYTES

    chunk = b"x" * (1024 * 1024)
    chunks = [chunk] * (MAX_DOCUMENT_BYTES // len(chunk) + 2)
    connection = http.client.HTTPConnection(stack.settings.host, stack.settings.rasa_port, timeout=120)
    try:
        connection.request("POST", "/webhooks/web/upload", body=iter(chunks), encode_chunked=True,
                           headers={"Content-Type": "multipart/form-data; boundary=x",
                                    "Transfer-Encoding": "chunked"})
        response = connection.getresponse()
        assert response.status == 413 and "error" in json.loads(response.read())
    finally:
        connection.close()


def test_upload_before_consent_stores_nothing(stack, repository):
    sender = _new_sender(stack)
    _say(stack, sender, "hallo")
    _say(stack, sender, '/choose_language{"language": "de"}', label="Deutsch")
    status, replies = _upload(stack, {"sender": sender, "metadata": "{}"},
                              {"file": ("pass.pdf", PDF, "application/pdf")})
    assert status == 200
    assert repository.person_for("web", sender) is None
    _, body = _history(stack, sender)
    # not stored, so not in the history either (the mailbox is where files are kept)
    assert "📎 pass.pdf" not in [m["text"] for m in body["messages"] if m["from"] == "user"]
    assert said(replies, "de", "document.needs_consent"), replies


def test_upload_after_consent_goes_into_the_mailbox(stack, repository):
    from lotse.settings import load_settings
    from storage.documents import DocumentMailbox

    sender = _new_sender(stack)
    _say(stack, sender, "hallo")
    _say(stack, sender, '/choose_language{"language": "de"}', label="Deutsch")
    _say(stack, sender, "/affirm")
    pid = repository.person_for("web", sender)
    assert pid is not None
    status, replies = _upload(stack, {"sender": sender, "metadata": "{}"},
                              {"file": ("Zeugnis.pdf", PDF, "application/pdf")})
    assert status == 200
    status, refused = _upload(stack, {"sender": sender, "metadata": "{}"},
                              {"file": ("fake.pdf", b"just text, not a PDF", "application/pdf")})
    assert status == 200
    documents = DocumentMailbox(load_settings().database_url).list(pid)
    assert [(d.filename, d.media_type, d.size) for d in documents] == [
        ("Zeugnis.pdf", "application/pdf", len(PDF))]
    assert any(template_pattern("de", "document.received").search(r["text"])
               and "Zeugnis.pdf" in r["text"] for r in replies), replies
    assert said(refused, "de", "document.wrong_type"), refused


@pytest.mark.parametrize("path, method", [
    ("/webhooks/web/webhook", "POST"), ("/webhooks/web/upload", "POST"),
    ("/webhooks/web/history?sender=valid-sender-01", "GET"), ("/webhooks/web/texts?lang=de", "GET"),
    ("/webhooks/web/static/widget.js", "GET"), ("/webhooks/web/session", "POST"),
])
def test_cors_preflight_from_another_site(stack, path, method):
    status, headers, _ = _request(stack.settings.rasa_url + path, method="OPTIONS", headers={
        "Origin": "https://www.example.org", "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type, x-lotse-token"})
    assert 200 <= status < 300
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert method in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    assert TOKEN_HEADER.lower() in headers["Access-Control-Allow-Headers"].lower()
    assert headers.get("Access-Control-Allow-Credentials") is None


def test_cors_headers_on_answers_to_another_site(stack):
    sender = _new_sender(stack)
    body = json.dumps({"sender": sender, "message": "/greet"}).encode()
    for path, data in (("/webhooks/web/webhook", body), ("/webhooks/web/texts?lang=ar", None),
                       ("/webhooks/web/webhook", b"{not json"), ("/webhooks/web/session", b"{}")):
        status, headers, _ = _request(stack.settings.rasa_url + path, body=data,
                                      method="POST" if data else "GET",
                                      headers={"Origin": "https://www.example.org",
                                               "Content-Type": "application/json", **_auth(sender)})
        assert headers["Access-Control-Allow-Origin"] == "*", (path, status)
        assert headers.get("Access-Control-Allow-Credentials") is None


def test_chat_page_is_the_widget_with_a_strict_policy(stack):
    status, headers, body = _request(f"{stack.settings.rasa_url}/webhooks/web/chat")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert b'src="static/widget.js"' in body and b'data-mode="page"' in body
    for name, kind in (("widget.js", "javascript"), ("widget.css", "text/css")):
        status, headers, _ = _request(f"{stack.settings.rasa_url}/webhooks/web/static/{name}")
        assert status == 200 and kind in headers["Content-Type"]
        assert headers["X-Content-Type-Options"] == "nosniff"
    for name in ("chat.html", "..%2Finput_channel.py", "nothing.js"):
        status, _, _ = _request(f"{stack.settings.rasa_url}/webhooks/web/static/{name}")
        assert status == 404


# --- the channel's rules without a server ---------------------------------------------------
@pytest.mark.parametrize("setting, origin, allowed, header", [
    ("*", "https://a.example", True, "*"),
    ("", "https://a.example", True, "*"),
    ("https://a.example, https://b.example/", "https://b.example", True, "https://b.example"),
    ("https://a.example", "https://evil.example", False, None),
    ("https://a.example", "https://A.example", True, "https://A.example"),
])
def test_cors_policy(setting, origin, allowed, header):
    origins = allowed_origins(setting)
    assert origin_allowed(origin, origins, "lotse.example:5005") is allowed
    headers = cors_headers(origin, origins, preflight=True)
    assert headers.get("Access-Control-Allow-Origin") == header
    assert ("Access-Control-Allow-Methods" in headers) is (header is not None)
    assert "Access-Control-Allow-Credentials" not in headers


def test_own_pages_and_requests_without_origin_are_always_allowed():
    origins = allowed_origins("https://a.example")
    assert origin_allowed(None, origins, "lotse.example:5005")
    assert origin_allowed("https://lotse.example:5005", origins, "lotse.example:5005")


def test_history_messages_from_events():
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "user", "text": "/greet", "metadata": {}},
        {"event": "bot", "text": "Choose", "data": {"buttons": [{"title": "Deutsch", "payload": "/de"}],
                                                  "custom": {"lang": "mul", "dir": "auto"}}},
        {"event": "user", "text": "/de", "metadata": {"label": "Deutsch"}},
        {"event": "bot", "text": "Einverstanden?", "data": {
            "buttons": [{"title": "Ja", "payload": "/affirm"}], "custom": {"lang": "de", "dir": "ltr"}}},
        {"event": "bot", "text": None, "data": {"custom": {"lang": "de", "dir": "ltr",
                                                           "document": {"url": "/x", "filename": "a"}}}},
        {"event": "bot", "text": None, "data": {}},
    ]
    messages = history_messages(events)
    assert [(m["from"], m["text"]) for m in messages] == [
        ("bot", "Choose"), ("user", "Deutsch"), ("bot", "Einverstanden?"), ("bot", "")]
    assert messages[0]["buttons"] == []
    assert messages[2]["buttons"] == [{"title": "Ja", "payload": "/affirm"}]
    assert messages[2]["lang"] == "de" and messages[2]["dir"] == "ltr"
    assert messages[3]["document"] == {"url": "/x", "filename": "a"}


def test_history_shows_stored_files_where_they_belong_in_time():
    events = [
        {"event": "user", "text": "/greet", "timestamp": 10.0},
        {"event": "bot", "text": "Frage?", "timestamp": 11.0, "data": {"custom": {"lang": "de"}}},
        {"event": "user", "text": "Antwort", "timestamp": 20.0},
        {"event": "bot", "text": "Nächste Frage?", "timestamp": 21.0, "data": {}},
    ]
    shown = history_messages(events, [(15.0, "Zeugnis.pdf"), (30.0, "Foto.jpg")])
    assert [(m["from"], m["text"]) for m in shown] == [
        ("bot", "Frage?"), ("user", "📎 Zeugnis.pdf"), ("user", "Antwort"),
        ("bot", "Nächste Frage?"), ("user", "📎 Foto.jpg")]
