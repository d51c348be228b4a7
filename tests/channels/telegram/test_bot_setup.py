"""The command menu in every language and the webhook registration, at the fake Bot API."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from channels.telegram import bot_setup
from channels.telegram.bot_client import make_bot
from channels.telegram.config import TelegramConfig
from dialogues import catalogue
from dialogues.languages import CODES, DEFAULT_LANGUAGE
from tests.helpers.telegram_bot_api import FakeBotApi


@pytest.fixture
def fake():
    with FakeBotApi() as api:
        yield api


def _config(fake: FakeBotApi, **changes) -> TelegramConfig:
    config = TelegramConfig(token=fake.token, webhook_secret="s3cret-Token_1", webhook_url=None,
                            api_url=fake.base_url, file_url=fake.base_file_url)
    return dataclasses.replace(config, **changes)


def _run(config: TelegramConfig, step) -> None:
    async def go() -> None:
        async with make_bot(config) as bot:
            await step(bot)

    asyncio.run(go())


def test_commands_are_registered_in_every_language(fake):
    _run(_config(fake), bot_setup.register_commands)
    assert set(fake.commands) == {"", *CODES}
    for lang in CODES:
        assert fake.commands[lang] == [
            {"command": name, "description": catalogue.text(lang, f"telegram.command.{name}")}
            for name in ("start", "language", "help", "mydata", "delete", "stop")]
    assert fake.commands[""] == fake.commands[DEFAULT_LANGUAGE]


def test_webhook_is_registered_with_the_secret_token(fake):
    config = _config(fake, webhook_url="https://lotse.example.org/webhooks/telegram/webhook")
    _run(config, lambda bot: bot_setup.use_webhook(bot, config))
    assert fake.webhook["url"] == config.webhook_url
    assert fake.webhook["secret_token"] == "s3cret-Token_1"
    assert fake.webhook["allowed_updates"] == ["message", "edited_message", "callback_query"]
    _run(config, bot_setup.use_polling)
    assert fake.webhook is None


def test_webhook_mode_without_a_url_says_what_to_do(fake):
    config = _config(fake)
    with pytest.raises(ValueError, match="LOTSE_TELEGRAM_WEBHOOK_URL"):
        _run(config, lambda bot: bot_setup.use_webhook(bot, config))
