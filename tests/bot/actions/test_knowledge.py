"""What follows a decision (bot/actions/knowledge.answer_after_a_decision): a question gets its
answer or "I don't know", a concern the closest entries or "I don't know", thanks nothing.

Inputs written by the integrating engineer (round 5, see tests/SOURCES.md)."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import knowledge


def _tracker(text: str) -> Tracker:
    return Tracker(
        sender_id="test", slots={"stage": "summary", "language": "de", "requested_slot": None},
        latest_message={"text": text, "intent": {"name": "affirm", "confidence": 0.95},
                        "entities": []},
        events=[{"event": "user", "text": text}], paused=False, followup_action=None,
        active_loop={}, latest_action_name="action_listen")


@pytest.mark.parametrize(("text", "kb_finds", "floor", "said"), [
    # a concern after the confirmation: searched as a question
    ("alles richtig. aber die Kindergeld-Kasse hat seit drei Monaten nichts überwiesen",
     True, "question", "answer"),
    # ... and with nothing near, "I don't know" when it says what is lacking
    ("passt so. noch was, ich weiß nicht wo ich mein altes Fahrrad reparieren lassen kann",
     False, "question", "dont_know"),
    # thanks that go on: only a plausible entry, and nothing without one
    ("ja danke, Sie haben mir heute wirklich sehr viel geholfen mit allem", False, "plausible",
     None),
])
def test_what_follows_a_confirmation(monkeypatch: pytest.MonkeyPatch, text: str,
                                     kb_finds: bool, floor: str, said: str | None) -> None:
    searched: list[str] = []
    calls: list[str] = []

    def find_answer(text: str, lang: str, *, surely_question: bool = True) -> object | None:
        searched.append("question" if surely_question else "plausible")
        return object() if kb_finds else None

    monkeypatch.setattr(knowledge, "find_answer", find_answer)
    monkeypatch.setattr(knowledge, "send_answer", lambda *args: calls.append("answer"))
    monkeypatch.setattr(knowledge, "say_dont_know", lambda *args: calls.append("dont_know"))
    knowledge.answer_after_a_decision(CollectingDispatcher(), _tracker(text), "de")
    assert searched == [floor]
    assert calls == ([said] if said else [])
