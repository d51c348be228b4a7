"""A chat through the Telegram channel, with the interface of tests.helpers.chat.Chat, so the
same conversation fixtures run through Telegram: updates go to the channel's webhook through
the fake Bot API server, replies are read from what the bot sent there."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from channels.telegram import bot_setup
from channels.telegram.bot_client import make_bot
from channels.telegram.config import load_config
from channels.telegram.output_channel import ButtonPayloads
from tests.helpers.telegram_bot_api import Call, FakeBotApi

_chat_ids = itertools.count(710_000_001)


def register_webhook(rasa_url: str) -> None:
    """Register the stack's webhook at the fake Bot API, as `lotse run` does at Telegram."""
    config = dataclasses.replace(load_config(), webhook_url=f"{rasa_url}/webhooks/telegram/webhook")

    async def register() -> None:
        async with make_bot(config) as bot:
            await bot_setup.use_webhook(bot, config)

    # A thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, register()).result()



def new_chat_id() -> int:
    return next(_chat_ids)


def _canonical(payload: str) -> str:
    """'/intent{"a":"b"}' and '/intent{"a": "b"}' are the same payload."""
    intent, brace, entities = payload.partition("{")
    if not brace:
        return payload
    try:
        return intent + json.dumps(json.loads(brace + entities), ensure_ascii=False)
    except ValueError:
        return payload


class TelegramChat:
    channel = "telegram"

    def __init__(self, fake: FakeBotApi, rasa_url: str, language_code: str | None = "de",
                 chat_id: int | None = None) -> None:
        self.fake = fake
        self.health_url = f"{rasa_url}/webhooks/telegram/"
        self.chat_id = chat_id or new_chat_id()
        self.language_code = language_code
        self.transcript: list[tuple[str, list[dict[str, Any]]]] = []

    @property
    def sender(self) -> str:
        return str(self.chat_id)

    # --- sending -----------------------------------------------------------------------
    def send(self, message: str) -> list[dict[str, Any]]:
        """Press the button whose payload is `message` if the last keyboard has one, else write it."""
        pressed = self._button_for(message)
        if pressed is not None:
            update = self.fake.callback_update(self.chat_id, pressed, self._keyboard_message_id,
                                               language_code=self.language_code)
        else:
            update = self.fake.text_update(self.chat_id, message, language_code=self.language_code)
        return self.deliver(update, shown=message)

    def deliver(self, update: dict[str, Any] | bytes, shown: str = "") -> list[dict[str, Any]]:
        """Deliver one update to the webhook and return the replies it caused."""
        before = len(self.fake.calls)
        status = self.fake.deliver(update)
        assert status == 200, f"webhook answered {status}"
        self.wait_idle()
        replies = [self._reply(c) for c in self.fake.calls[before:]
                   if c.status == 200 and c.method in ("sendMessage", "sendDocument")
                   and c.params.get("chat_id") == self.chat_id]
        self.transcript.append((shown, replies))
        return replies

    def wait_idle(self, timeout: float = 120.0) -> None:
        """Until the channel has answered every update (its health says no chat is busy)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(self.health_url, timeout=10) as response:  # noqa: S310
                if json.load(response)["busy_chats"] == 0:
                    return
            time.sleep(0.05)
        raise AssertionError(f"the Telegram channel is still busy after {timeout}s\n{self.fake.dump()}")

    # --- reading -------------------------------------------------------------------------
    def _bot_messages(self) -> list[Call]:
        return [c for c in self.fake.calls if c.status == 200 and c.method == "sendMessage"
                and c.params.get("chat_id") == self.chat_id]

    def _button_for(self, payload: str) -> str | None:
        messages = [c for c in self._bot_messages() if c.params.get("reply_markup")]
        if not messages:
            return None
        last = messages[-1]
        payloads = ButtonPayloads()
        for row in last.params["reply_markup"].get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data", "")
                # the payload behind a hashed callback_data is the one whose hash it is
                candidates = [payload] + ([] if payload == _canonical(payload) else [_canonical(payload)])
                if data in {payloads.callback_data(c) for c in candidates} or \
                        _canonical(data) == _canonical(payload):
                    self._keyboard_message_id = last.result["message_id"]
                    return data
        return None

    @staticmethod
    def _reply(call: Call) -> dict[str, Any]:
        markup = call.params.get("reply_markup") or {}
        buttons = [{"title": b.get("text", ""), "payload": b.get("callback_data", "")}
                   for row in markup.get("inline_keyboard", []) for b in row]
        if call.method == "sendDocument":
            return {"text": call.params.get("caption") or "", "buttons": [],
                    "document": call.params.get("document")}
        return {"text": call.params.get("text", ""), "buttons": buttons}

    def dump(self) -> str:
        lines = []
        for message, replies in self.transcript:
            lines.append(f">> {message[:80]}")
            lines.extend(f"   {r.get('text', '')[:160]!r}" for r in replies)
        return "\n".join(lines)
