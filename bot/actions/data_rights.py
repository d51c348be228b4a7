"""A person's rights from the chat: see everything stored, delete everything."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import button, person_id, repository, say, send, ui_language
from bot.actions.profile_view import describe_profile
from bot.actions.routing import handle_misrouted
from dialogues import catalogue
from storage.erasure import ERASE_SLOT

logger = logging.getLogger(__name__)


class ActionShowMyData(Action):
    def name(self) -> str:
        return "action_show_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        lang = ui_language(tracker)
        pid = person_id(tracker)
        snapshot = repository().snapshot(pid) if pid else None
        if snapshot is None:
            say(dispatcher, lang, "data.nothing")
            return []
        lines = [catalogue.text(lang, "data.intro"), *describe_profile(snapshot, lang)]
        if snapshot.get("documents"):
            names = ", ".join(f"{d['filename']} ({d['sent_at'][:10]})" for d in snapshot["documents"])
            lines.append(catalogue.text(lang, "document.list", names=names))
        for consent in snapshot["consents"]:
            lines.append(catalogue.text(lang, "data.consent_line", date=consent["given_at"][:10],
                                        version=consent["text_version"],
                                        language=consent["language"]))
        send(dispatcher, lang, "\n".join(lines))
        return []


class ActionAskDeleteConfirmation(Action):
    def name(self) -> str:
        return "action_ask_delete_confirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        lang = ui_language(tracker)
        if person_id(tracker) is None:
            # No profile (no consent yet, or refused): only the conversation itself exists,
            # and it goes at once (the tracker store erases it when this slot is saved).
            say(dispatcher, lang, "data.nothing_erased")
            return [SlotSet(ERASE_SLOT, True)]
        say(dispatcher, lang, "data.delete_confirm",
            [button(lang, "data.delete_yes", "/affirm"), button(lang, "data.delete_no", "/deny")])
        stage = tracker.get_slot("stage")
        return [SlotSet("resume_stage", stage), SlotSet("stage", "deleting")]


class ActionDeleteMyData(Action):
    """Erase the person, their answers, consents and (through the store) the conversation."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        lang = ui_language(tracker)
        pid = person_id(tracker)
        if pid:
            try:
                repository().delete_person(pid)
            except Exception:  # noqa: BLE001 - "deleted" is said only when it is true
                logger.exception("deleting a person failed")
                say(dispatcher, lang, "data.delete_failed")
                return []
        say(dispatcher, lang, "data.deleted")
        return [SlotSet(ERASE_SLOT, True)]


class ActionCancelDeletion(Action):
    def name(self) -> str:
        return "action_cancel_deletion"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        say(dispatcher, ui_language(tracker), "data.delete_cancelled")
        resume = tracker.get_slot("resume_stage")
        stage = resume if resume in ("interview", "summary", "done") else "paused"
        if stage == "paused":
            say(dispatcher, ui_language(tracker), "interview.stopped")
        return [SlotSet("stage", stage), SlotSet("resume_stage", None)]
