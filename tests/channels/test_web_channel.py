"""The web channel's webhook with bad requests and bad input: clear errors, never a crash."""

import json

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
