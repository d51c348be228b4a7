"""Rasa input channel for Telegram (credentials key ``channels.telegram.TelegramInput``).

POST /webhooks/telegram/webhook   updates from Telegram (webhook mode) or from our poller
                                  (`lotse run --telegram-polling`, channels/telegram/polling.py);
                                  refused with 403 without the right secret_token header
GET  /webhooks/telegram/          health, with how many chats are being answered

A custom input channel rather than a bridge process: the dialogue, the tracker (for the
person's language) and the CV renderer are in this process, so a message takes one hop, and
webhook and polling share one code path (the poller only forwards updates to the webhook).
The webhook answers at once; each chat's updates are then handled in order (chat_queues).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections import OrderedDict
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ExtBot

from channels import channel_replies, document_mailbox, identity, limits
from channels.telegram.bot_client import make_bot
from channels.telegram.chat_queues import ChatQueues
from channels.telegram.config import TelegramConfig, load_config
from channels.telegram.output_channel import MAX_TEXT_CHARS, ButtonPayloads, TelegramOutput
from channels.telegram.updates import COMMANDS, Inbound, inbound

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
MAX_UPDATE_BYTES = 1024 * 1024  # an update is JSON about a message, never the file itself
CHANNEL = "telegram"
_CHOSEN_MARK = "✅"


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"ok": False, "error": message}, status=status)


class TelegramInput(InputChannel):
    def __init__(self, config: TelegramConfig | None = None) -> None:
        self.config = config or load_config()
        self.payloads = ButtonPayloads()
        self._bot: ExtBot | None = None
        self._bot_lock: asyncio.Lock | None = None
        self._queues: ChatQueues | None = None
        self.limits = limits.RateLimits()
        # chat -> organisation slug from a signed /start deep link (also read back from the
        # tracker, where only this channel writes it)
        self._organisations: OrderedDict[int, str | None] = OrderedDict()

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()  # settings come from the environment (channels/telegram/config.py)

    async def bot(self) -> ExtBot:
        if self._bot_lock is None:
            self._bot_lock = asyncio.Lock()
        async with self._bot_lock:
            if self._bot is None:
                bot = make_bot(self.config)
                await bot.initialize()
                self._bot = bot
        return self._bot

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("telegram", __name__)

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            # busy_chats: chats whose updates are still being answered (monitoring, tests)
            busy = self._queues.busy_chats if self._queues is not None else 0
            return response.json({"status": "ok", "configured": self.config.enabled, "busy_chats": busy})

        # Streamed: a body over the limit is refused without reading it all.
        @telegram.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            if not self.config.enabled:
                return _error(404, "the Telegram channel is not configured")
            given = request.headers.get(SECRET_HEADER, "")
            if not given or not hmac.compare_digest(given.encode(), self.config.webhook_secret.encode()):
                return _error(403, "missing or wrong secret token")
            try:
                data = limits.parse_json_object(await limits.read_body(request, MAX_UPDATE_BYTES))
            except limits.BadRequest as exc:
                return _error(exc.status, exc.message)
            if not isinstance(data.get("update_id"), int):
                return _error(400, "body must be a Telegram update with an update_id")
            bot = await self.bot()
            try:
                item = inbound(Update.de_json(data, bot))
            except Exception:  # noqa: BLE001 - any malformed field: refuse this update only
                logger.warning("Telegram: malformed update %s refused", data.get("update_id"))
                return _error(400, "malformed update")
            if item is None:
                return response.json({"ok": True, "ignored": True})
            queues = self._chat_queues(on_new_message, request.app.ctx.agent)
            if not queues.put(item.chat_id, item):
                return _error(429, "too many updates waiting for this chat")
            return response.json({"ok": True})

        return telegram

    def _chat_queues(self, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                     agent: Any) -> ChatQueues:  # noqa: ANN401 - Rasa's agent
        if self._queues is None:
            async def handle(item: Inbound) -> None:
                await self.handle(item, on_new_message, agent.tracker_store)

            self._queues = ChatQueues(handle)
        return self._queues

    async def join(self) -> None:
        if self._queues is not None:
            await self._queues.join()

    # --- one update -----------------------------------------------------------------
    async def handle(self, item: Inbound, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                     tracker_store: Any) -> None:  # noqa: ANN401 - Rasa's tracker store
        bot = await self.bot()
        output = TelegramOutput(bot, self.payloads)
        sender = identity.conversation_id(CHANNEL, str(item.chat_id))

        async def channel_reply(event: str, **params: Any) -> None:  # noqa: ANN401
            lang = await channel_replies.conversation_language(tracker_store, sender, item.language_code)
            await output.send_response(sender, channel_replies.reply(event, lang, **params))

        async def dialogue(text: str, **extra: str) -> None:
            try:
                limits.clean_text(text, "text")
            except limits.BadRequest:  # lone surrogates (a forged update): nothing to store
                await channel_reply("unsupported")
                return
            wait = await self.limits.check(None, sender, text)
            if wait:
                await channel_reply("rate_limited", seconds=wait)
                return
            if limits.too_long(text):  # Telegram sends up to 4,096; a forged update more
                await channel_reply("message_too_long")
                return
            metadata = limits.client_metadata({"language_hint": item.language_code or "", **extra})
            organisation = await self._organisation(item.chat_id, tracker_store)
            if organisation:
                metadata["organisation"] = organisation
            await on_new_message(UserMessage(text, output, sender, input_channel=CHANNEL,
                                             metadata={k: v for k, v in metadata.items() if v}))

        if item.kind == "text":
            await dialogue(item.text)
        elif item.kind == "command":
            if item.command == "start" and item.start_payload:
                # only a signed link (`lotse orgs link SLUG`) names an organisation
                slug = identity.verify_organisation(item.start_payload)
                if slug is not None:
                    self._remember_organisation(item.chat_id, slug)
            target = COMMANDS[item.command]
            if target is None:
                await channel_reply("help")
            else:
                await dialogue(target, label=item.text[:100])
        elif item.kind == "button":
            await self._button(bot, item, dialogue, channel_reply)
        elif item.kind == "file":
            await self._file(bot, item, channel_reply)
        else:  # voice, sticker, location, edited, unsupported
            await channel_reply(item.kind)

    async def _button(self, bot: ExtBot, item: Inbound, dialogue: Callable[..., Awaitable[None]],
                      channel_reply: Callable[..., Awaitable[None]]) -> None:
        try:
            await bot.answer_callback_query(item.callback_id)  # stops the button's spinner
        except TelegramError as exc:  # too old to answer: the press still counts
            logger.info("Telegram: answerCallbackQuery failed: %s", exc)
        label = item.buttons.get(item.text, "")
        payload = self.payloads.payload(item.text) or label
        if not payload:
            await channel_reply("button_expired")
            return
        if item.callback_message_id is not None and label:
            # The question shows the choice and loses its keyboard: no second press.
            echoed = f"{item.callback_message_text}\n\n{_CHOSEN_MARK} {label}"
            if len(echoed) > MAX_TEXT_CHARS:
                echoed = f"{_CHOSEN_MARK} {label}"
            try:
                await bot.edit_message_text(echoed, chat_id=item.chat_id,
                                            message_id=item.callback_message_id)
            except BadRequest as exc:  # e.g. pressed twice: "message is not modified"
                logger.info("Telegram: echoing a pressed button failed: %s", exc)
        await dialogue(payload, label=label[:100])

    async def _file(self, bot: ExtBot, item: Inbound, channel_reply: Callable[..., Awaitable[None]]) -> None:
        file = item.file
        early = document_mailbox.rejected_before_download(file.size, file.media_type)
        if early:
            await channel_reply(early)
            return
        try:
            remote = await bot.get_file(file.file_id)
            data = bytes(await remote.download_as_bytearray())
        except TelegramError:
            logger.exception("Telegram: downloading a file failed")
            await channel_reply("document_failed")
            return
        receipt = await document_mailbox.receive(CHANNEL, str(item.chat_id), file.file_name, data)
        await channel_reply(receipt.event, filename=receipt.filename or "")

    # --- the organisation a deep link named ---------------------------------------------
    def _remember_organisation(self, chat_id: int, slug: str | None) -> None:
        self._organisations[chat_id] = slug
        self._organisations.move_to_end(chat_id)
        while len(self._organisations) > 50_000:
            self._organisations.popitem(last=False)

    async def _organisation(self, chat_id: int, tracker_store: Any) -> str | None:  # noqa: ANN401
        if chat_id not in self._organisations:
            # After a restart: the deep link is in the stored conversation's first messages.
            found = None
            try:
                tracker = await tracker_store.retrieve(identity.conversation_id(CHANNEL, str(chat_id)))
            except Exception:  # noqa: BLE001 - without it the default organisation applies
                logger.exception("reading a Telegram conversation failed")
                tracker = None
            for event in (tracker.events if tracker is not None else []):
                organisation = getattr(event, "metadata", None) and event.metadata.get("organisation")
                if organisation:
                    found = str(organisation)
            self._remember_organisation(chat_id, found)
        return self._organisations.get(chat_id)
