"""Replies to one Telegram chat: text, buttons as an inline keyboard, documents (the CV).

Texts are sent as Telegram HTML made from their Markdown subset (channels/telegram/formatting.py:
everything else escaped, so nothing a person wrote can turn into markup); if Telegram refuses the
entities, the same text goes out as plain text.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from typing import Any

from rasa.core.channels.channel import OutputChannel
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest

from channels import document_links, identity
from channels.telegram import formatting

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 4096  # Telegram's limit for one message
_MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data
_SHORT_LABEL_CHARS = 16  # labels this short go two to a row


class ButtonPayloads:
    """Payloads too long for callback_data (64 bytes) are sent as a hash and kept here.
    After a restart an unknown hash falls back to the button's label (see input_channel)."""

    def __init__(self, size: int = 20_000) -> None:
        self._payloads: OrderedDict[str, str] = OrderedDict()
        self._size = size

    def callback_data(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= _MAX_CALLBACK_BYTES and not payload.startswith("#"):
            return payload
        key = "#" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self._size:
            self._payloads.popitem(last=False)
        return key

    def payload(self, callback_data: str) -> str | None:
        if not callback_data.startswith("#"):
            return callback_data
        return self._payloads.get(callback_data)


def _chat_id(recipient_id: str) -> int:
    """The Telegram chat of a conversation id ("telegram:<chat id>")."""
    return int(identity.split(recipient_id)[1])


def split_text(text: str, limit: int = MAX_TEXT_CHARS) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph or line ends where possible."""
    pieces = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text else pieces


def keyboard(buttons: list[dict[str, Any]], payloads: ButtonPayloads) -> InlineKeyboardMarkup | None:
    keys = [InlineKeyboardButton(str(b.get("title") or "")[:200] or "…",
                                 callback_data=payloads.callback_data(str(b.get("payload") or "")))
            for b in buttons if b.get("payload")]
    if not keys:
        return None
    per_row = 2 if all(len(k.text) <= _SHORT_LABEL_CHARS for k in keys) else 1
    return InlineKeyboardMarkup([keys[i:i + per_row] for i in range(0, len(keys), per_row)])


class TelegramOutput(OutputChannel):
    def __init__(self, bot: Bot, payloads: ButtonPayloads) -> None:
        self.bot = bot
        self.payloads = payloads

    @classmethod
    def name(cls) -> str:
        return "telegram"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        custom = message.get("custom") or {}
        text = str(message.get("text") or "")
        markup = keyboard(message.get("buttons") or [], self.payloads)
        pieces = split_text(text) if text else (["…"] if markup else [])
        for number, piece in enumerate(pieces, start=1):
            await self.send_formatted(recipient_id, piece, markup if number == len(pieces) else None)
        document = custom.get("document")
        if isinstance(document, dict):
            await self.send_document(recipient_id, document)

    async def send_formatted(self, recipient_id: str, markdown: str,
                             markup: InlineKeyboardMarkup | None) -> None:
        """One piece of a text (at most MAX_TEXT_CHARS of Markdown source, so at most as many
        visible characters), as HTML; as plain text if Telegram cannot parse the entities."""
        text = formatting.to_html(markdown) or "…"
        try:
            await self.bot.send_message(chat_id=_chat_id(recipient_id), text=text,
                                        parse_mode=ParseMode.HTML, reply_markup=markup)
        except BadRequest as error:
            if "entit" not in str(error).lower() and "tag" not in str(error).lower():
                raise
            logger.warning("Telegram refused the formatting of a message; sent as plain text")
            await self.bot.send_message(chat_id=_chat_id(recipient_id),
                                        text=formatting.to_plain(markdown) or "…", reply_markup=markup)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_document(self, recipient_id: str, document: dict[str, Any]) -> None:
        """A document link from the dialogue (the CV) is delivered as the file itself."""
        token = document_links.token_of(document.get("url"))
        link = document_links.verify(token) if token else None
        if link is None:
            logger.warning("Telegram: a reply's document link is not valid")
            return
        body = await asyncio.to_thread(document_links.render, link)
        if body is None:
            return
        await self.bot.send_document(
            chat_id=_chat_id(recipient_id),
            document=InputFile(body, filename=str(document.get("filename") or link.filename)),
            caption=str(document.get("title") or "")[:1024] or None,
        )
