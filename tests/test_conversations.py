"""Whole conversations (tests/fixtures/conversations/*.yml) played through the real stack.

Each fixture is sent turn by turn to the web channel; every reply must contain the expected
catalogue texts. Afterwards the stored profile is read back from the database: the fields
and status the fixture names, or - for a fixture with `stored: false` (consent refused,
data deleted) - no person at all for this conversation.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.helpers.chat import Chat
from tests.helpers.conversations import (
    Conversation,
    assert_answer_languages,
    assert_machine_translations,
    assert_profile,
    expects_nothing_stored,
    load_conversations,
    play,
)

pytestmark = pytest.mark.server

CONVERSATIONS = load_conversations()


def check_stored(conversation: Conversation, repository: Any, chat: Chat) -> None:  # noqa: ANN401
    person = repository.person_for(chat.channel, chat.sender)
    if expects_nothing_stored(conversation):
        assert person is None, f"{conversation.name}: a person is stored\n{chat.dump()}"
        return
    assert person is not None, f"{conversation.name}: no person stored\n{chat.dump()}"
    snapshot = repository.snapshot(person)
    if conversation.status:
        assert snapshot["person"]["status"] == conversation.status, conversation.name
    assert_profile(conversation.profile, snapshot)
    assert_answer_languages(conversation.answer_languages, snapshot)
    # Translations follow the stored answer in the background: give them a moment.
    deadline = time.monotonic() + 30
    while assert_machine_translations(conversation.machine_translated, snapshot):
        assert time.monotonic() < deadline, (
            f"{conversation.name}: no machine translation for "
            f"{assert_machine_translations(conversation.machine_translated, snapshot)}")
        time.sleep(0.2)
        snapshot = repository.snapshot(person)


def test_fixtures_exist() -> None:
    names = {c.name for c in CONVERSATIONS}
    for lang in ("de", "ar", "fa", "uk"):
        assert f"full_interview_{lang}" in names
    assert any(n.startswith("interruptions_") for n in names)
    assert any(n.startswith("bad_input_") for n in names)


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c.name for c in CONVERSATIONS])
def test_conversation(conversation: Conversation, chat: Chat, repository: Any) -> None:  # noqa: ANN401
    play(chat, conversation)
    check_stored(conversation, repository, chat)


FULL_INTERVIEWS = [c for c in CONVERSATIONS if c.name.startswith("full_interview_")]


@pytest.mark.parametrize("conversation", FULL_INTERVIEWS, ids=[c.name for c in FULL_INTERVIEWS])
def test_full_interview_through_rasa_rest_channel(conversation: Conversation, stack,
                                                  repository: Any) -> None:  # noqa: ANN401
    """Rasa's stock REST channel gives the same stored profile as the web channel."""
    chat = Chat(stack.settings.rasa_url, channel="rest")
    play(chat, conversation)
    check_stored(conversation, repository, chat)
