"""What a Telegram update asks of the assistant, as plain data (one `Inbound` per update).

Only private chats are served: in a group, answers about a person would be read by others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from telegram import Message, Update

# Telegram commands -> what the dialogue understands; "help" is answered by the channel.
COMMANDS: dict[str, str | None] = {
    "start": "/greet",
    "language": "/change_language",
    "help": None,
    "mydata": "/show_my_data",
    "delete": "/delete_my_data",
    "stop": "/stop_interview",
}
# A deep link t.me/<bot>?start=<payload> names an organisation (municipality) by its slug.
_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class FileRef:
    file_id: str
    file_name: str | None
    media_type: str | None
    size: int | None


@dataclass(frozen=True)
class Inbound:
    """kind: text | command | button | file | voice | sticker | location | unsupported | edited"""

    kind: str
    chat_id: int
    language_code: str | None = None
    text: str = ""
    command: str | None = None
    start_payload: str | None = None
    callback_id: str | None = None
    callback_message_id: int | None = None
    callback_message_text: str = ""
    buttons: dict[str, str] = field(default_factory=dict)  # callback_data -> label
    file: FileRef | None = None


def _private_chat(message: Message | None) -> bool:
    return message is not None and message.chat is not None and message.chat.type == "private"


def _command(message: Message) -> tuple[str, str | None] | None:
    """(command, payload) of "/start@lotse_bot leipzig"-style text, or None."""
    text = message.text or ""
    if not text.startswith("/"):
        return None
    head, _, rest = text.partition(" ")
    name = head[1:].split("@", 1)[0].lower()
    if name not in COMMANDS:
        return None
    payload = rest.strip() or None
    return name, payload if payload and _START_PAYLOAD.match(payload) else None


def _file(message: Message) -> FileRef | None:
    if message.document is not None:
        doc = message.document
        return FileRef(doc.file_id, doc.file_name, doc.mime_type, doc.file_size)
    if message.photo:
        photo = max(message.photo, key=lambda p: (p.file_size or 0, p.width * p.height))
        return FileRef(photo.file_id, None, "image/jpeg", photo.file_size)
    return None


def inbound(update: Update) -> Inbound | None:
    """The update as an Inbound, or None for what the assistant ignores (other chat types,
    channel posts, updates it did not subscribe to)."""
    if update.callback_query is not None:
        query = update.callback_query
        message = query.message if isinstance(query.message, Message) else None
        if message is not None and not _private_chat(message):
            return None
        buttons = {}
        if message is not None and message.reply_markup is not None:
            buttons = {b.callback_data: b.text for row in message.reply_markup.inline_keyboard
                       for b in row if isinstance(b.callback_data, str)}
        return Inbound("button", query.from_user.id, query.from_user.language_code,
                       text=query.data or "", callback_id=query.id,
                       callback_message_id=message.message_id if message else None,
                       callback_message_text=(message.text or "") if message else "",
                       buttons=buttons)
    if update.edited_message is not None:
        message = update.edited_message
        if not _private_chat(message):
            return None
        return Inbound("edited", message.chat.id, _lang(message))
    message = update.message
    if not _private_chat(message):
        return None
    chat_id, lang = message.chat.id, _lang(message)
    if message.text is not None:
        command = _command(message)
        if command is not None:
            return Inbound("command", chat_id, lang, text=message.text, command=command[0],
                           start_payload=command[1])
        return Inbound("text", chat_id, lang, text=message.text)
    file = _file(message)
    if file is not None:
        return Inbound("file", chat_id, lang, text=message.caption or "", file=file)
    if message.voice is not None or message.audio is not None or message.video_note is not None:
        return Inbound("voice", chat_id, lang)
    if message.sticker is not None:
        return Inbound("sticker", chat_id, lang)
    if message.location is not None or message.venue is not None:
        return Inbound("location", chat_id, lang)
    return Inbound("unsupported", chat_id, lang)


def _lang(message: Message) -> str | None:
    user: Any = message.from_user
    return user.language_code if user is not None else None
