"""Answers' Markdown as Telegram HTML against the fake Bot API: bold, italics, lists as "•" lines,
links; markup hidden in a text escaped; a plain-text fallback when Telegram refuses the entities."""

from __future__ import annotations

from telegram import Bot

from channels.telegram import formatting
from channels.telegram.output_channel import ButtonPayloads, TelegramOutput
from tests.channels.test_markdown_rendering import EVIL
from tests.helpers.telegram_bot_api import FakeBotApi

CHAT = 4711


def test_telegram_html_of_the_markdown():
    html = formatting.to_html(EVIL)
    assert html.startswith("<b>Achtung</b> &lt;script&gt;")
    assert "&lt;img src=x onerror=\"window.__pwned = 2\"&gt;" in html
    assert "• [klick](javascript:window.__pwned=3)" in html
    assert '• <a href="https://www.leipzig.de/beratung">Beratung</a>' in html
    assert '<a href="mailto:info@example.org">mailto:info@example.org</a>' in html
    assert "1. <i>erstens</i>\n2. zweitens" in html
    assert formatting.to_html("a_b_c snake_case and 3 * 4 * 5") == "a_b_c snake_case and 3 * 4 * 5"
    assert formatting.to_plain("**Fett** [Seite](https://x.de)") == "Fett Seite (https://x.de)"


async def _send(fake: FakeBotApi, text: str) -> None:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as bot:
        await TelegramOutput(bot, ButtonPayloads()).send_response(str(CHAT), {
            "text": text, "buttons": [{"title": "Weiter", "payload": "/affirm"}]})


async def test_telegram_sends_html_and_falls_back_to_plain_text():
    with FakeBotApi() as fake:
        await _send(fake, EVIL)
        call = fake.sent(CHAT)[-1]
        assert call.params["parse_mode"] == "HTML" and call.status == 200
        assert call.params["text"] == formatting.to_html(EVIL)
        assert call.result["text"].startswith("Achtung <script>")  # what the person reads

        fake.fail_next("sendMessage", status=400, description="Bad Request: can't parse entities: "
                       "unsupported start tag \"x\" at byte offset 0")
        await _send(fake, "**Fett** und [Seite](https://x.de)")
        refused, plain = fake.sent(CHAT)[-2:]
        assert refused.status == 400 and refused.params["parse_mode"] == "HTML"
        assert "parse_mode" not in plain.params and plain.status == 200
        assert plain.params["text"] == "Fett und Seite (https://x.de)"
        assert plain.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/affirm"
