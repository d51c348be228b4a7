"""Self-test of the fake Telegram Bot API: the real python-telegram-bot Bot against it."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, RetryAfter

from tests.helpers.telegram_bot_api import FakeBotApi

CHAT = 4711


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


def make_bot(fake: FakeBotApi) -> Bot:
    return Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)


def seconds(period: int | float | dtm.timedelta) -> float:
    """PTB 22 gives time periods as int or timedelta, depending on PTB_TIMEDELTA."""
    return period.total_seconds() if isinstance(period, dtm.timedelta) else period


def raw_call(fake: FakeBotApi, method: str, body: bytes = b"", content_type: str = "application/json",
             token: str | None = None) -> tuple[int, dict[str, Any]]:
    url = f"{fake.base_url}{token or fake.token}/{method}"
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


async def test_get_me(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456789, "lotse_test_bot", True)
    assert [c.method for c in fake.calls] == ["getMe", "getMe"]  # initialize() and ours
    assert all(c.status == 200 for c in fake.calls)


async def test_keyboard_message_and_its_callback(fake: FakeBotApi) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="yes"),
                                      InlineKeyboardButton("Nein", callback_data="no")]])
    async with make_bot(fake) as bot:
        message = await bot.send_message(CHAT, "Weiter?", reply_markup=keyboard)
        assert message.reply_markup == keyboard
        [call] = fake.sent(CHAT)
        assert call.params["text"] == "Weiter?"
        assert call.params["reply_markup"]["inline_keyboard"][0][1] == {"text": "Nein", "callback_data": "no"}
        assert call.result["message_id"] == message.message_id
        assert fake.sent(CHAT + 1) == []

        update = Update.de_json(fake.callback_update(CHAT, "no", message.message_id, language_code="uk"), bot)
        query = update.callback_query
        assert (query.data, query.from_user.id, query.from_user.language_code) == ("no", CHAT, "uk")
        assert query.message.message_id == message.message_id
        assert query.message.text == "Weiter?"
        assert query.message.reply_markup.inline_keyboard[0][0].callback_data == "yes"
        assert await query.answer("ok") is True

        edited = await bot.edit_message_text("Danke", chat_id=CHAT, message_id=message.message_id)
        assert edited.text == "Danke" and edited.reply_markup is None
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("Danke", chat_id=CHAT, message_id=message.message_id)
    with pytest.raises(KeyError):
        fake.callback_update(CHAT, "no", 999)


async def test_update_builders_parse(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        command = Update.de_json(fake.text_update(CHAT, "/start ref42", language_code=None), bot)
        assert command.message.text == "/start ref42" and command.message.from_user.language_code is None
        assert command.message.parse_entities() != {} and command.message.entities[0].length == 6
        plain = Update.de_json(fake.text_update(CHAT, "Hallo", language_code="de"), bot)
        assert plain.update_id > command.update_id
        assert plain.message.message_id == command.message.message_id + 1
        assert plain.message.from_user.language_code == "de" and not plain.message.entities
        edited = Update.de_json(fake.edited_text_update(CHAT, plain.message.message_id, "Hallo!"), bot)
        assert edited.edited_message.text == "Hallo!" and edited.edited_message.edit_date is not None
        voice = Update.de_json(fake.voice_update(CHAT, duration=3), bot).message.voice
        assert seconds(voice.duration) == 3 and voice.mime_type == "audio/ogg"
        assert Update.de_json(fake.sticker_update(CHAT, emoji="🙂"), bot).message.sticker.emoji == "🙂"
        location = Update.de_json(fake.location_update(CHAT), bot).message.location
        assert location.latitude == pytest.approx(51.3397)


async def test_get_updates_long_polls_and_honours_offset(fake: FakeBotApi) -> None:
    first = fake.text_update(CHAT, "eins")
    async with make_bot(fake) as bot:
        # pushed while the call waits (the timer starts after the bot's own getMe)
        threading.Timer(0.3, fake.push, args=(first,)).start()
        started = time.monotonic()
        updates = await bot.get_updates(timeout=5)
        waited = time.monotonic() - started
        assert 0.2 < waited < 4.5, waited  # answered when the update came, not at the timeout
        assert [u.message.text for u in updates] == ["eins"]

        fake.push(fake.text_update(CHAT, "zwei"))
        fake.push(fake.text_update(CHAT, "drei"))
        again = await bot.get_updates(timeout=5)
        assert [u.message.text for u in again] == ["eins", "zwei", "drei"]  # not confirmed yet
        later = await bot.get_updates(offset=first["update_id"] + 1, limit=1)
        assert [u.message.text for u in later] == ["zwei"]
        assert [u["message"]["text"] for u in fake.pending()] == ["zwei", "drei"]

        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x")]])
        sent = await bot.send_message(CHAT, "m", reply_markup=keyboard)
        fake.push(fake.callback_update(CHAT, "x", sent.message_id))
        only_queries = await bot.get_updates(offset=later[0].update_id + 1,
                                             allowed_updates=["callback_query"])
        assert [u.callback_query.data for u in only_queries] == ["x"]  # "drei" is filtered out

        started = time.monotonic()
        assert await bot.get_updates(offset=only_queries[0].update_id + 1, timeout=1) == ()
        assert 0.8 < time.monotonic() - started < 4.5


async def test_commands_per_language(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        assert await bot.set_my_commands([("start", "Start"), ("help", "Help")])
        assert await bot.set_my_commands([("start", "Beginnen")], language_code="de")
        assert fake.commands == {
            "": [{"command": "start", "description": "Start"}, {"command": "help", "description": "Help"}],
            "de": [{"command": "start", "description": "Beginnen"}],
        }
        assert [c.description for c in await bot.get_my_commands(language_code="de")] == ["Beginnen"]
        assert await bot.get_my_commands(language_code="fa") == ()
        with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([("Start", "x")])
        with pytest.raises(BadRequest, match="(?i)language code"):
            await bot.set_my_commands([("start", "x")], language_code="prs")
        assert await bot.delete_my_commands(language_code="de")
        assert list(fake.commands) == [""]


async def test_send_document_stores_bytes(fake: FakeBotApi) -> None:
    content = b"%PDF-1.4\r\n\x00\xff binary\r\n--not-a-boundary\r\n"
    async with make_bot(fake) as bot:
        message = await bot.send_document(CHAT, content, filename='Lebenslauf "Ä".pdf', caption="Ihr CV")
    assert fake.documents[message.message_id] == content
    assert message.document.file_name == 'Lebenslauf "Ä".pdf' and message.document.file_size == len(content)
    [call] = fake.sent(CHAT)
    assert call.method == "sendDocument" and call.params["caption"] == "Ihr CV"
    assert call.params["document"] == {"file_name": 'Lebenslauf "Ä".pdf', "mime_type": "application/pdf",
                                       "file_size": len(content)}


async def test_files_the_user_sent_download(fake: FakeBotApi) -> None:
    content = bytes(range(256)) * 3
    async with make_bot(fake) as bot:
        update = Update.de_json(fake.document_update(CHAT, content, "zeugnis.pdf", "application/pdf"), bot)
        file = await update.message.document.get_file()
        assert file.file_size == len(content)
        assert bytes(await file.download_as_bytearray()) == content

        photo = Update.de_json(fake.photo_update(CHAT, b"\x89PNG not really"), bot).message.photo
        assert len(photo) == 2 and photo[-1].width > photo[0].width
        largest = await (await photo[-1].get_file()).download_as_bytearray()
        assert bytes(largest) == b"\x89PNG not really"
        assert await (await photo[0].get_file()).download_as_bytearray()

        with pytest.raises(BadRequest, match="(?i)invalid file_id"):
            await bot.get_file("nope")


async def test_fail_next_raises_retry_after_once(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", retry_after=1)
    async with make_bot(fake) as bot:
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(CHAT, "eins")
        assert seconds(raised.value.retry_after) == 1
        assert (await bot.send_message(CHAT, "zwei")).text == "zwei"
    assert [(c.params["text"], c.status) for c in fake.sent(CHAT)] == [("eins", 429), ("zwei", 200)]


class Receiver:
    """A webhook endpoint that records what it got."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhooks/telegram/webhook"


async def test_webhook_delivery_and_conflict(fake: FakeBotApi) -> None:
    receiver = Receiver()
    try:
        async with make_bot(fake) as bot:
            assert await bot.set_webhook(receiver.url, secret_token="s3cret-token",
                                         allowed_updates=["message", "callback_query"])
            assert fake.webhook == {"url": receiver.url, "secret_token": "s3cret-token",
                                    "allowed_updates": ["message", "callback_query"],
                                    "drop_pending_updates": False}
            assert (await bot.get_webhook_info()).url == receiver.url

            update = fake.text_update(CHAT, "Hallo über Webhook")
            assert await asyncio.to_thread(fake.deliver, update) == 200
            assert await asyncio.to_thread(fake.deliver, update, None) == 200
            assert await asyncio.to_thread(fake.deliver, b"{broken") == 200
            (headers, body), (headers_none, _), (_, raw) = receiver.received
            assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cret-token"
            assert json.loads(body) == update
            assert "X-Telegram-Bot-Api-Secret-Token" not in headers_none
            assert raw == b"{broken"

            with pytest.raises(Conflict, match="(?i)webhook is active"):
                await bot.get_updates()
            assert fake.calls[-1].status == 409

            assert await bot.delete_webhook()
            assert fake.webhook is None
            assert await bot.get_updates() == ()
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()


async def test_validation_like_telegram(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await bot.send_message(CHAT, "x" * 4097)
        assert (await bot.send_message(CHAT, "x" * 4096)).text == "x" * 4096
        with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(CHAT, "k", reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("k", callback_data="d" * 65)]]))
        bold = await bot.send_message(CHAT, "<b>Fett</b> &amp; klar", parse_mode=ParseMode.HTML)
        assert bold.text == "Fett & klar"
        with pytest.raises(BadRequest, match="(?i)can't parse entities"):
            await bot.send_message(CHAT, "1 < 2 <b>x", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)Character '.' is reserved"):
            await bot.send_message(CHAT, "*Hallo*.", parse_mode=ParseMode.MARKDOWN_V2)
        assert (await bot.send_message(CHAT, r"*Hallo*\.", parse_mode=ParseMode.MARKDOWN_V2)).text == "Hallo."
        assert await bot.send_chat_action(CHAT, "typing")


def test_raw_requests(fake: FakeBotApi) -> None:
    assert raw_call(fake, "getme")[1]["result"]["username"] == "lotse_test_bot"
    assert raw_call(fake, "getMe", token="1:wrong") == (
        401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    assert raw_call(fake, "sendTelepathy") == (
        404, {"ok": False, "error_code": 404, "description": "Not Found"})
    status, body = raw_call(fake, "sendMessage", json.dumps({"text": "hi"}).encode())
    assert (status, body["description"]) == (400, "Bad Request: chat_id is empty")
    status, body = raw_call(fake, "SENDMESSAGE", b"chat_id=5&text=%C3%BC&reply_markup=%7B%22inline_keyboard"
                            b"%22%3A%5B%5B%7B%22text%22%3A%22a%22%2C%22callback_data%22%3A%22b%22%7D%5D%5D%7D",
                            "application/x-www-form-urlencoded")
    assert status == 200 and body["result"]["text"] == "ü" and body["result"]["chat"]["id"] == 5
    assert fake.sent(5)[0].params["reply_markup"] == {
        "inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}
    assert [c.status for c in fake.calls] == [200, 401, 404, 400, 200]
    assert fake.calls[-1].method == "sendMessage"


def test_wait_helpers(fake: FakeBotApi) -> None:
    def send_later() -> None:
        for text in ("a", "b"):
            time.sleep(0.1)
            raw_call(fake, "sendMessage", json.dumps({"chat_id": CHAT, "text": text}).encode())

    raw_call(fake, "sendMessage", json.dumps({"chat_id": CHAT, "text": "before"}).encode())
    threading.Thread(target=send_later).start()
    sends = fake.wait_quiet(CHAT, quiet=0.3, timeout=5)
    assert [c.params["text"] for c in sends] == ["a", "b"]
    assert sends[-1].at - sends[0].at >= 0.05
    fake.wait_for(lambda: len(fake.sent(CHAT)) == 3, timeout=1)
    with pytest.raises(AssertionError, match="sendMessage"):
        fake.wait_for(lambda: False, timeout=0.2)
