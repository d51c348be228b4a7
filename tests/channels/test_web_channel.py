"""The web channel's webhook with bad requests and bad input: clear errors, never a crash."""

import json
from typing import Any

import pytest

from tests.helpers.chat import Chat, post_raw, said

pytestmark = pytest.mark.server


@pytest.fixture
def webhook(stack) -> str:
    return f"{stack.settings.rasa_url}/webhooks/web/webhook"


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    (b"", 400),
    (b"[1, 2]", 400),
    (json.dumps({"sender": "x", "message": "hi"}).encode(), 400),
    (json.dumps({"sender": "../../etc/passwd", "message": "hi"}).encode(), 400),
    (json.dumps({"sender": "valid-sender-01"}).encode(), 400),
    (json.dumps({"sender": "valid-sender-01", "message": {"voice": "ogg"}}).encode(), 400),
    (json.dumps({"sender": "valid-sender-01", "message": "x" * 20_001}).encode(), 413),
    (b"\xff\xfe\x00binary", 400),
])
def test_malformed_requests_get_clear_http_errors(webhook, body, status):
    code, text = post_raw(webhook, body)
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
    ("x" * 5000, "invalid.too_long"),
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
