"""Channel parity: the same conversation fixtures through Rasa's REST channel, the web widget
(in headless Chromium) and Telegram (through the fake Bot API) store the same profile.

Each channel plays the fixture turn by turn (the widget and Telegram press the button whose
payload a turn names, as a person would, and type everything else), every reply must carry
the fixture's expected texts, and the stored profiles must match the fixture and each other.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.browser import chromium
from tests.helpers.chat import Chat
from tests.helpers.conversations import (
    Conversation,
    assert_profile,
    expects_nothing_stored,
    load_conversations,
    play,
)
from tests.helpers.telegram_chat import TelegramChat, register_webhook
from tests.helpers.widget import WidgetChat

pytestmark = [pytest.mark.server, pytest.mark.browser]

# RTL with Arabic-Indic digits; Dari/Farsi with occupation and school buttons (long payloads).
PARITY = ("full_interview_ar", "occupation_and_schooling_fa")
CONVERSATIONS = [c for c in load_conversations() if c.name in PARITY]
# Questions before a language is chosen and after consent is refused (also problems told without
# a question word): the same answers on every channel, and nothing stored on any.
UNSTORED = ("dialogue_question_first_ar", "dialogue_declined_en", "situations_told_after_refusal_uk")
UNSTORED_CONVERSATIONS = [c for c in load_conversations() if c.name in UNSTORED]


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def _comparable(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What the interview stored, without ids, times and the channel identity."""
    return {
        "status": snapshot["person"]["status"],
        "ui_language": snapshot["person"]["ui_language"],
        "fields": sorted(
            (f["field"], f["item_index"], f["status"], f["original_text"], f["original_language"],
             repr(f["value"]))
            for f in snapshot["fields"]),
    }


def _stored(repository: Any, chat: Any, conversation: Conversation) -> dict[str, Any]:  # noqa: ANN401
    person = repository.person_for(chat.channel, chat.sender)
    assert person is not None, f"{conversation.name} via {chat.channel}: nothing stored\n{chat.dump()}"
    snapshot = repository.snapshot(person)
    assert_profile(conversation.profile, snapshot)
    return _comparable(snapshot)


def _widget_turns(conversation: Conversation) -> Conversation:
    """Opening the widget greets the assistant: a first turn that only greets is taken."""
    first = conversation.turns[0]
    if first.get("expect") == ["language.choose"]:
        return Conversation(**{**conversation.__dict__, "turns": conversation.turns[1:]})
    return conversation


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c.name for c in CONVERSATIONS])
def test_rest_widget_and_telegram_store_the_same_profile(conversation, stack, telegram_api,
                                                         browser, repository):
    assert len(CONVERSATIONS) == len(PARITY)
    profiles = {}

    rest = Chat(stack.settings.rasa_url, channel="rest")
    play(rest, conversation)
    profiles["rest"] = _stored(repository, rest, conversation)

    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        widget = WidgetChat(page, f"{stack.settings.rasa_url}/webhooks/web/chat")
        play(widget, _widget_turns(conversation))
        profiles["widget"] = _stored(repository, widget, conversation)
    finally:
        page.close()

    register_webhook(stack.settings.rasa_url)
    telegram = TelegramChat(telegram_api, stack.settings.rasa_url, language_code=conversation.language)
    play(telegram, conversation)
    profiles["telegram"] = _stored(repository, telegram, conversation)

    # Free-text answers are translated in the background; the stored answers are compared.
    assert profiles["widget"] == profiles["rest"], "widget and REST differ"
    assert profiles["telegram"] == profiles["rest"], "Telegram and REST differ"


@pytest.mark.parametrize("conversation", UNSTORED_CONVERSATIONS,
                         ids=[c.name for c in UNSTORED_CONVERSATIONS])
def test_rest_widget_and_telegram_answer_questions_alike_and_store_nothing(
        conversation, stack, telegram_api, browser, repository):
    assert len(UNSTORED_CONVERSATIONS) == len(UNSTORED)
    assert expects_nothing_stored(conversation)
    rest = Chat(stack.settings.rasa_url, channel="rest")
    play(rest, conversation)  # every turn's expected replies, on each channel
    senders = [(rest.channel, rest.sender)]

    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        widget = WidgetChat(page, f"{stack.settings.rasa_url}/webhooks/web/chat")
        play(widget, _widget_turns(conversation))
        senders.append((widget.channel, widget.sender))
    finally:
        page.close()

    register_webhook(stack.settings.rasa_url)
    telegram = TelegramChat(telegram_api, stack.settings.rasa_url, language_code=conversation.language)
    play(telegram, conversation)
    senders.append((telegram.channel, telegram.sender))

    for channel, sender in senders:
        assert sender and repository.person_for(channel, sender) is None, channel
