"""Which typed requests for another language are carried out where: by the word rules
everywhere, by meaning except at the languages questions, and more strictly at the summary."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from bot.actions.language_choice import LANGUAGE_SLOTS, requested_switch


def _tracker(text: str, *, stage: str, slot: str | None = None,
             loop: str | None = None) -> Tracker:
    return Tracker(
        sender_id="test", slots={"stage": stage, "language": "de", "requested_slot": slot},
        latest_message={"text": text, "intent": {"name": "out_of_scope", "confidence": 0.9},
                        "entities": []},
        events=[{"event": "user", "text": text}], paused=False, followup_action=None,
        active_loop={"name": loop} if loop else {}, latest_action_name="action_listen")


def test_the_languages_questions_are_known() -> None:
    assert {"spoken_language", "more_languages"} <= LANGUAGE_SLOTS


# a request only the meaning finds (no word of the rules' tables)
BY_MEANING = "kanste ma auf englisch"


@pytest.mark.parametrize(("stage", "slot", "loop", "code"), [
    ("interview", "goals", "profile_form", "en"),
    ("declined", None, None, "en"),
    # at the languages questions an answer names languages: the rules alone decide
    ("interview", "spoken_language", "profile_form", None),
])
def test_by_meaning_except_at_the_languages_questions(stage: str, slot: str | None,
                                                      loop: str | None, code: str | None) -> None:
    assert requested_switch(_tracker(BY_MEANING, stage=stage, slot=slot, loop=loop)) == code


@pytest.mark.parametrize("text", ["englisch bitte", "can you write in english please"])
def test_the_rules_decide_everywhere(text: str) -> None:
    for stage, slot, loop in (("summary", None, None),
                              ("interview", "spoken_language", "profile_form")):
        assert requested_switch(_tracker(text, stage=stage, slot=slot, loop=loop)) == "en"


def test_the_language_already_spoken_is_no_switch() -> None:
    assert requested_switch(_tracker("deutsch bitte", stage="summary")) is None


@pytest.mark.parametrize("text", ["добавьте пожалуйста английский язык",
                                  "ja passt, aber englisch fehlt noch"])
def test_corrections_at_the_summary_are_no_switch(text: str) -> None:
    assert requested_switch(_tracker(text, stage="summary")) is None


def _first_message(text: str) -> Tracker:
    return Tracker(
        sender_id="test", slots={"stage": "language", "language": None, "requested_slot": "language"},
        latest_message={"text": text, "intent": {"name": "out_of_scope", "confidence": 0.6},
                        "entities": []},
        events=[{"event": "user", "text": text}], paused=False, followup_action=None,
        active_loop={"name": "language_form"}, latest_action_name="action_listen")


@pytest.mark.parametrize(("text", "kb_finds", "said"), [
    # a lack told without a question: "I don't know" where the base has nothing
    ("Die Heizung ist seit drei Tagen kaputt und ich brauche jemanden der kommt", False, "dont_know"),
    ("я не знаю ни одного врача тут, а у дочки болит ухо уже два дня", False, "dont_know"),
    # a wish or an introduction with nothing near: nothing is added, the buttons follow
    ("Hallo ich bin Rami aus Homs und möchte hier als Elektriker arbeiten", False, None),
    # the base's closest entries whatever the wording
    ("Hallo ich bin Rami aus Homs und möchte hier als Elektriker arbeiten", True, "answer"),
])
def test_a_situation_in_the_first_message(monkeypatch: pytest.MonkeyPatch, text: str,
                                          kb_finds: bool, said: str | None) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from bot.actions import language_choice

    calls: list[str] = []
    monkeypatch.setattr(language_choice, "find_answer",
                        lambda text, lang, **_: object() if kb_finds else None)
    monkeypatch.setattr(language_choice, "send_answer", lambda *args: calls.append("answer"))
    monkeypatch.setattr(language_choice, "say_dont_know", lambda *args: calls.append("dont_know"))
    told = language_choice._answer_told_situation(CollectingDispatcher(), _first_message(text), "de")
    assert calls == ([said] if said else []) and told is bool(said)
