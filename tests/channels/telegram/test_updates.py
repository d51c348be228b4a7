"""Telegram updates as Inbound data: commands, deep links, buttons, files, other kinds."""

from __future__ import annotations

import pytest
from telegram import Bot, Update

from channels.telegram.updates import inbound
from tests.helpers.telegram_bot_api import FakeBotApi


@pytest.fixture(scope="module")
def fake():
    with FakeBotApi() as api:
        yield api


def _parse(update: dict):
    return inbound(Update.de_json(update, Bot("123:abc")))


def test_text_and_language_code(fake):
    item = _parse(fake.text_update(42, "Ich heiße Olena", language_code="uk"))
    assert (item.kind, item.chat_id, item.text, item.language_code) == ("text", 42, "Ich heiße Olena", "uk")


@pytest.mark.parametrize(("text", "command", "payload"), [
    ("/start", "start", None),
    ("/start leipzig", "start", "leipzig"),
    ("/start@lotse_test_bot kreis-nord_2", "start", "kreis-nord_2"),
    ("/start <script>", "start", None),
    ("/HELP", "help", None),
    ("/mydata", "mydata", None),
])
def test_commands_and_deep_links(fake, text, command, payload):
    item = _parse(fake.text_update(42, text))
    assert (item.kind, item.command, item.start_payload) == ("command", command, payload)


def test_unknown_commands_and_payloads_are_text(fake):
    assert _parse(fake.text_update(42, "/unknown")).kind == "text"
    assert _parse(fake.text_update(42, '/inform{"option":"native"}')).kind == "text"


def test_button_press_carries_the_keyboard(fake):
    bot_message = fake.calls  # the fake needs a bot message to press on
    import asyncio

    async def send() -> int:
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup

        async with Bot(fake.token, base_url=fake.base_url) as bot:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="/affirm")]])
            return (await bot.send_message(42, "Einverstanden?", reply_markup=markup)).message_id

    message_id = asyncio.run(send())
    assert bot_message
    item = _parse(fake.callback_update(42, "/affirm", message_id, language_code="ar"))
    assert (item.kind, item.text, item.callback_message_id, item.language_code) == (
        "button", "/affirm", message_id, "ar")
    assert item.buttons == {"/affirm": "Ja"} and item.callback_message_text == "Einverstanden?"


def test_files(fake):
    item = _parse(fake.document_update(42, b"%PDF-1.4", "Zeugnis.pdf", "application/pdf"))
    assert item.kind == "file" and item.file.file_name == "Zeugnis.pdf"
    assert (item.file.media_type, item.file.size) == ("application/pdf", 8)
    photo = _parse(fake.photo_update(42, b"\xff\xd8\xff" + b"0" * 500))
    assert photo.kind == "file" and photo.file.media_type == "image/jpeg"
    assert photo.file.size == 503  # the largest size, not the thumbnail


@pytest.mark.parametrize(("make", "kind"), [
    (lambda f: f.voice_update(42), "voice"),
    (lambda f: f.sticker_update(42), "sticker"),
    (lambda f: f.location_update(42), "location"),
    (lambda f: f.edited_text_update(42, 1, "neu"), "edited"),
])
def test_other_kinds(fake, make, kind):
    assert _parse(make(fake)).kind == kind


def test_a_contact_is_unsupported_and_groups_are_ignored(fake):
    update = fake.text_update(42, "x")
    del update["message"]["text"]
    update["message"]["contact"] = {"phone_number": "+4917612345678", "first_name": "A"}
    assert _parse(update).kind == "unsupported"
    group = fake.text_update(-1001, "Hallo")
    group["message"]["chat"] = {"id": -1001, "type": "supergroup", "title": "G"}
    assert _parse(group) is None
