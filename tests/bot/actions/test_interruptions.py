"""The fallback (`action_not_understood`) carries out a typed request for another language, as
the other actions outside the forms do: the classifier's low confidence must not turn "yes, but
in German please" at the summary into "Sorry, I did not understand that"."""

from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from bot.actions.interruptions import ActionNotUnderstood
from dialogues import catalogue
from tests.bot.actions.test_routing import make_tracker, texts


def _run(text: str, **kwargs: object) -> tuple[list[str], list[dict]]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "nlu_fallback", confidence=0.3, **kwargs)
    events = asyncio.run(ActionNotUnderstood().run(dispatcher, tracker, {}))
    return texts(dispatcher), events


def test_a_language_request_at_the_summary_changes_the_language() -> None:
    said, events = _run("yes looks ok but can you write in german please")
    assert said[0] == catalogue.text("de", "language.chosen")
    assert said[-1] == catalogue.text("de", "summary.question")
    assert {"event": "slot", "timestamp": None, "name": "language", "value": "de"} in events
    assert events[0]["event"] == "rewind"  # nothing else of the turn is kept


def test_nonsense_is_still_not_understood() -> None:
    said, events = _run("asdkjh qwe")
    assert said[0] == catalogue.text("en", "interview.not_understood")
    assert not any(e.get("name") == "language" for e in events)
