"""The Telegram channel in the running stack, against the fake Bot API server: webhook
security, whole conversations with inline keyboards, files into the document mailbox,
kinds of message the assistant cannot read, commands, the CV as a document, a 429."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from channels.identity import signed_organisation
from dialogues import catalogue
from storage.documents import DocumentMailbox, clean_image
from storage.profiles import ensure_organisation
from tests.helpers.chat import post_raw, said
from tests.helpers.telegram_chat import TelegramChat

pytestmark = pytest.mark.server

FILES = Path(__file__).resolve().parents[2] / "fixtures" / "mailbox"


def _webhook_url(stack) -> str:
    return f"{stack.settings.rasa_url}/webhooks/telegram/webhook"


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                              **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - localhost
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def _consented(chat: TelegramChat, lang: str = "ar") -> None:
    chat.send("/start")
    chat.send(f'/choose_language{{"language":"{lang}"}}')
    replies = chat.send("/affirm")
    assert said(replies, lang, "ask.given_names"), chat.dump()


# --- webhook security and malformed input --------------------------------------------------
def test_updates_without_the_right_secret_token_are_refused(stack, webhook, repository):
    update = webhook.text_update(700_000_001, "/start")
    assert webhook.deliver(update, secret_token=None) == 403
    assert webhook.deliver(update, secret_token="wrong-secret") == 403
    assert _post(_webhook_url(stack), json.dumps(update).encode(), {}) == 403
    time.sleep(1)
    assert webhook.sent(700_000_001) == []
    assert repository.person_for("telegram", "700000001") is None


@pytest.mark.parametrize(("body", "status"), [
    (b"not json at all", 400),
    (b"\xff\xfe\x00binary", 400),
    (b"[1, 2, 3]", 400),
    (b'{"message": {"text": "no update id"}}', 400),
    (b'{"update_id": 5, "message": "not an object"}', 400),
    (b'{"update_id": 6, "message": {"message_id": "x", "chat": 17}}', 400),
    (b'{"update_id": 7}', 200),  # nothing we answer (a kind we do not subscribe to): ignored
    (b'{"update_id": 8, "poll": {"id": "1"}}', 400),  # a poll without its fields
])
def test_malformed_updates_get_a_clear_error(webhook, body, status):
    assert webhook.deliver(body) == status


def test_a_huge_body_is_refused(webhook):
    assert webhook.deliver(b'{"update_id": 1, "x": "' + b"a" * (1024 * 1024 + 10) + b'"}') == 413


def test_group_chats_are_not_served(telegram_chat, webhook):
    update = webhook.text_update(-100123, "Hallo")
    update["message"]["chat"] = {"id": -100123, "type": "group", "title": "Eine Gruppe"}
    assert webhook.deliver(update) == 200
    time.sleep(1)
    assert webhook.sent(-100123) == []


# --- a conversation -------------------------------------------------------------------------
def test_deep_link_buttons_and_answers_reach_the_profile(stack, telegram_chat, repository):
    ensure_organisation(stack.settings.database_url, "leipzig", "Stadt Leipzig")
    chat = telegram_chat
    chat.language_code = "ar"  # Telegram's language_code is the hint before a choice
    first = chat.send(f"/start {signed_organisation('leipzig')}")  # `lotse orgs link --bot`
    assert said(first, "ar", "language.choose"), chat.dump()
    keyboard = first[-1]["buttons"]
    assert {"title": "العربية", "payload": '/choose_language{"language": "ar"}'} in keyboard

    before = len(chat.fake.calls)
    replies = chat.send('/choose_language{"language":"ar"}')
    assert said(replies, "ar", "consent.question"), chat.dump()
    calls = chat.fake.calls[before:]
    assert [c.method for c in calls if c.method == "answerCallbackQuery"] == ["answerCallbackQuery"]
    echo = next(c for c in calls if c.method == "editMessageText")
    assert echo.params["text"].endswith("✅ العربية") and not echo.params.get("reply_markup")

    chat.send("/affirm")
    chat.send("أحمد")
    replies = chat.send("الخطيب")
    assert said(replies, "ar", "ask.date_of_birth"), chat.dump()
    pid = repository.person_for("telegram", chat.sender)
    snapshot = repository.snapshot(pid)
    assert snapshot["person"]["organisation"] == "leipzig"
    assert snapshot["person"]["ui_language"] == "ar"
    assert {f["field"]: f["value"] for f in snapshot["fields"]} == {
        "given_names": "أحمد", "family_name": "الخطيب"}


def test_language_code_is_the_hint_before_a_choice(telegram_chat):
    telegram_chat.language_code = "uk"
    replies = telegram_chat.send("/start")
    assert said(replies, "uk", "language.choose"), telegram_chat.dump()


def test_a_long_button_payload_survives_telegrams_64_byte_limit(telegram_chat):
    from channels.telegram.output_channel import ButtonPayloads

    payload = '/inform{"option":"' + "x" * 80 + '"}'
    data = ButtonPayloads().callback_data(payload)
    assert len(data.encode()) <= 64 and data.startswith("#")
    # a press on an unknown long payload (e.g. after a restart) falls back to the label
    chat = telegram_chat
    _consented(chat, "de")
    question = [c for c in chat.fake.calls if c.method == "sendMessage"
                and c.params.get("chat_id") == chat.chat_id][-1]
    expired = chat.fake.callback_update(chat.chat_id, "#" + "0" * 32, question.result["message_id"])
    replies = chat.deliver(expired)
    assert said(replies, "de", "channel.button_expired"), chat.dump()


# --- what the assistant cannot read ------------------------------------------------------------
@pytest.mark.parametrize(("make", "key"), [
    (lambda fake, chat: fake.voice_update(chat), "channel.voice"),
    (lambda fake, chat: fake.sticker_update(chat), "channel.sticker"),
    (lambda fake, chat: fake.location_update(chat), "channel.location"),
    (lambda fake, chat: fake.edited_text_update(chat, 1, "Ahmad korrigiert"), "channel.edited"),
])
def test_other_kinds_of_message_get_a_polite_answer_and_change_nothing(telegram_chat, repository,
                                                                      make, key):
    chat = telegram_chat
    _consented(chat, "fa")
    replies = chat.deliver(make(chat.fake, chat.chat_id))
    assert [r["text"] for r in replies] == [catalogue.text("fa", key)]
    # the question still waits for its answer
    replies = chat.send("احمد")
    assert said(replies, "fa", "ask.family_name"), chat.dump()
    pid = repository.person_for("telegram", chat.sender)
    assert [f["field"] for f in repository.snapshot(pid)["fields"]] == ["given_names"]


# --- the document mailbox --------------------------------------------------------------------
def test_documents_and_photos_go_into_the_mailbox(lotse_env, telegram_chat, repository):
    chat = telegram_chat
    fake = chat.fake
    pdf = (FILES / "certificate.pdf").read_bytes()
    replies = chat.deliver(fake.document_update(chat.chat_id, pdf, "Zeugnis.pdf", "application/pdf",
                                                language_code="de"))
    assert said(replies, "de", "document.needs_consent"), chat.dump()
    assert repository.person_for("telegram", chat.sender) is None

    _consented(chat, "uk")
    replies = chat.deliver(fake.document_update(chat.chat_id, pdf, "Атестат.pdf", "application/pdf"))
    assert said(replies, "uk", "document.received"), chat.dump()
    assert "Атестат.pdf" in replies[0]["text"]
    photo = (FILES / "certificate-photo.jpg").read_bytes()
    replies = chat.deliver(fake.photo_update(chat.chat_id, photo))
    assert said(replies, "uk", "document.received"), chat.dump()

    mailbox = DocumentMailbox(lotse_env.database_url)
    pid = repository.person_for("telegram", chat.sender)
    stored = mailbox.list(pid)
    assert [(d.filename, d.media_type, d.channel) for d in stored] == [
        ("Атестат.pdf", "application/pdf", "telegram"), ("photo.jpg", "image/jpeg", "telegram")]
    assert mailbox.content(pid, stored[0].id)[1] == pdf
    # photos are stored encoded anew, without their metadata (storage/documents.py)
    assert mailbox.content(pid, stored[1].id)[1] == clean_image(photo, "image/jpeg")


def test_wrong_types_and_sizes_are_refused_before_download(lotse_env, telegram_chat, repository):
    chat = telegram_chat
    _consented(chat, "tr")
    fake = chat.fake
    before = len(fake.calls)
    replies = chat.deliver(fake.document_update(chat.chat_id, b"MZ\x90\x00", "setup.exe",
                                                "application/x-msdownload"))
    assert said(replies, "tr", "document.wrong_type"), chat.dump()
    big = fake.document_update(chat.chat_id, b"%PDF-1.4", "big.pdf", "application/pdf")
    big["message"]["document"]["file_size"] = 25 * 1024 * 1024
    replies = chat.deliver(big)
    assert said(replies, "tr", "document.too_large"), chat.dump()
    assert not [c for c in fake.calls[before:] if c.method in ("getFile", "downloadFile")]
    # a PDF by name and type whose content is not one: checked after download
    fake_pdf = (FILES / "renamed-text.pdf").read_bytes()
    replies = chat.deliver(fake.document_update(chat.chat_id, fake_pdf, "cv.pdf", "application/pdf"))
    assert said(replies, "tr", "document.wrong_type"), chat.dump()
    pid = repository.person_for("telegram", chat.sender)
    assert DocumentMailbox(lotse_env.database_url).list(pid) == []


# --- commands ------------------------------------------------------------------------------------
def test_commands(telegram_chat):
    chat = telegram_chat
    _consented(chat, "ru")
    assert [r["text"] for r in chat.send("/help")] == [catalogue.text("ru", "help.text")]
    replies = chat.send("/mydata")
    assert said(replies, "ru", "data.intro"), chat.dump()
    replies = chat.send("/stop")
    assert said(replies, "ru", "interview.stopped"), chat.dump()
    replies = chat.send("/language")
    assert said(replies, "ru", "language.choose") or said(replies, "ru", "language.offer"), chat.dump()


def test_delete_command_erases_the_person(telegram_chat, repository):
    chat = telegram_chat
    _consented(chat, "de")
    chat.send("Olena")
    replies = chat.send("/delete")
    assert said(replies, "de", "data.delete_confirm"), chat.dump()
    chat.send("/affirm")
    assert repository.person_for("telegram", chat.sender) is None


def test_the_cv_arrives_as_a_pdf_document(telegram_chat):
    chat = telegram_chat
    _consented(chat, "de")
    for answer in ("Olena", "Kovalenko", "23.04.1990", "Ukraine", "Leipzig", "0176 12345678"):
        chat.send(answer)
    replies = chat.send("Ukrainisch")
    assert said(replies, "de", "ask.spoken_language_level"), chat.dump()
    replies = chat.send("/request_cv")
    documents = [r for r in replies if "document" in r]
    assert len(documents) == 1, chat.dump()
    assert documents[0]["document"]["file_name"] == "Lebenslauf.pdf"
    message_id = next(c.result["message_id"] for c in reversed(chat.fake.calls)
                      if c.method == "sendDocument" and c.status == 200)
    assert chat.fake.documents[message_id].startswith(b"%PDF")


# --- Telegram's limits --------------------------------------------------------------------------
def test_a_429_is_retried_after_retry_after(telegram_chat):
    chat = telegram_chat
    chat.fake.fail_next("sendMessage", times=1, retry_after=2)
    replies = chat.send("/start")
    assert said(replies, "de", "language.choose"), chat.dump()
    sends = [c for c in chat.fake.sent(chat.chat_id) if c.method == "sendMessage"]
    assert sends[0].status == 429 and sends[1].status == 200
    assert sends[1].at - sends[0].at >= 2.0


def test_one_message_a_second_per_chat(telegram_chat):
    chat = telegram_chat
    _consented(chat, "de")  # consent gives several messages in a row
    sends = [c.at for c in chat.fake.sent(chat.chat_id, ("sendMessage", "editMessageText"))]
    gaps = [b - a for a, b in zip(sends, sends[1:], strict=False)]
    assert len(gaps) >= 3 and min(gaps) >= 0.9, gaps


def test_messages_longer_than_telegram_allows_are_split():
    from channels.telegram.output_channel import MAX_TEXT_CHARS, split_text

    text = ("Absatz eins. " * 200 + "\n\n") * 3
    pieces = split_text(text)
    assert all(len(p) <= MAX_TEXT_CHARS for p in pieces) and len(pieces) >= 2
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_the_chat_page_and_rest_still_work_with_telegram_enabled(stack):
    status, body = post_raw(f"{stack.settings.rasa_url}/webhooks/rest/webhook",
                            json.dumps({"sender": "rest-with-telegram", "message": "/greet"}).encode())
    assert status == 200 and json.loads(body)
