"""The Telegram channel of the session's stack, with its webhook registered at the fake
Bot API server (as `lotse run` registers it at Telegram)."""

from __future__ import annotations

import pytest

from tests.helpers.telegram_chat import TelegramChat, register_webhook


@pytest.fixture
def webhook(stack, telegram_api):
    """The webhook is (again) what Telegram posts to: a polling test may have removed it."""
    register_webhook(stack.settings.rasa_url)
    return telegram_api


@pytest.fixture
def telegram_chat(stack, webhook) -> TelegramChat:
    return TelegramChat(webhook, stack.settings.rasa_url, language_code="de")
