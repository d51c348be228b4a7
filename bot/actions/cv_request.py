"""A person asks for their own CV in the chat and receives it as a document."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import person_id, repository, say, ui_language
from bot.actions.routing import handle_misrouted
from channels import document_links
from dialogues import catalogue
from dialogues.languages import direction

# A CV needs at least a name and something to show besides it.
_ENOUGH = ({"given_names", "family_name"},
           {"job_title", "school_type", "higher_education", "spoken_language"})


def has_cv_content(snapshot: dict[str, Any] | None) -> bool:
    if not snapshot:
        return False
    given = {row["field"] for row in snapshot["fields"] if row["status"] == "given"}
    names, content = _ENOUGH
    return bool(given & names) and bool(given & content)


class ActionSendCv(Action):
    def name(self) -> str:
        return "action_send_cv"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        lang = ui_language(tracker)
        pid = person_id(tracker)
        snapshot = repository().snapshot(pid) if pid else None
        if not has_cv_content(snapshot):
            say(dispatcher, lang, "cv.request_empty")
            return []
        link = document_links.issue(pid, "cv")
        filename, media_type = document_links.DOCUMENTS["cv"]
        # The channel delivers the document: the web chat as a download link, Telegram as a
        # file. The PDF is made from the stored profile when it is fetched.
        dispatcher.utter_message(
            text=catalogue.text(lang, "cv.request_ready"),
            json_message={"lang": lang, "dir": direction(lang), "document": {
                "url": document_links.url(link), "filename": filename, "media_type": media_type,
                "title": catalogue.text(lang, "cv.document_title"),
            }},
        )
        return []
