"""Questions answered from the curated knowledge base (knowledge_base/), also mid-interview.

Questions reach it as `out_of_scope` (not an interview answer, see bot/actions/interruptions.py)
and in the fallback; an answer leaves the interview where it was.

The reply is the entry's reviewed text in the person's language, its service contact and its
source; a machine draft or a German fallback is labelled as such. Nothing is composed: below the
retrieval's confidence threshold the assistant says it does not know, keeps the question for the
editors and offers to pass it on.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import (
    entity,
    intent_payload,
    latest_intent,
    latest_text,
    person_id,
    say,
    send,
    ui_language,
)
from dialogues import catalogue
from lotse.settings import load_settings
from nlu.commands import curated_intent

logger = logging.getLogger(__name__)

# A question is a sentence, not a word: single words at a question are answers.
MIN_QUESTION_WORDS = 3


@lru_cache(maxsize=1)
def _store():  # noqa: ANN202 - imported lazily: the action server may run without the KB tables
    from knowledge_base.store import KnowledgeBaseStore

    return KnowledgeBaseStore(load_settings().database_url)


_knowledge_lock = threading.Lock()
_knowledge: dict[str, Any] = {"stamp": None, "index": None, "entries": {}, "checked": 0.0}
# Reading and comparing all entries takes ~0.5 s: an editor's change reaches the chat within this.
RECHECK_SECONDS = 30.0


def _current_entries() -> list[Any]:
    """What the editors maintain (the database) once it holds entries; the files before."""
    from knowledge_base.entry import load_entries

    try:
        stored = _store().export_entries()
    except Exception:  # noqa: BLE001 - no KB tables yet: the shipped files still answer
        logger.exception("knowledge base database unreadable; using the entry files")
        stored = []
    return stored or load_entries()


def knowledge() -> tuple[Any, dict[str, Any]]:
    """The retrieval index and the entries by id, rebuilt when an editor changed an entry
    (only new texts are embedded again; see knowledge_base/retrieval.py)."""
    from knowledge_base.entry import dump_entry
    from knowledge_base.retrieval import KnowledgeBaseIndex

    with _knowledge_lock:
        if _knowledge["index"] is None or time.monotonic() - _knowledge["checked"] > RECHECK_SECONDS:
            entries = _current_entries()
            stamp = hashlib.sha256("\n".join(dump_entry(e) for e in entries).encode()).hexdigest()
            if _knowledge["stamp"] != stamp:
                _knowledge.update(stamp=stamp, index=KnowledgeBaseIndex.build(entries),
                                  entries={entry.id: entry for entry in entries})
            _knowledge["checked"] = time.monotonic()
        return _knowledge["index"], _knowledge["entries"]


def without_greeting(text: str) -> str:
    """The question without a greeting in front ("السلام عليكم، وين لازم سجل عنواني؟"): the
    greeting's words only dilute the search. Greetings are the curated `greet` examples."""
    words = text.split()
    for count in (4, 3, 2, 1):
        if len(words) > count and curated_intent(" ".join(words[:count])) == "greet":
            return " ".join(words[count:])
    return text


def find_answer(text: str, lang: str) -> Any | None:  # noqa: ANN401 - a retrieval Hit
    """The confident hit for a question, else None (also for anything that is no question)."""
    text = without_greeting(text or "")
    if len(text.split()) < MIN_QUESTION_WORDS or text.startswith("/"):
        return None
    try:
        return knowledge()[0].answer(text, lang)
    except Exception:  # noqa: BLE001 - a broken index must not break the conversation
        logger.exception("knowledge base search failed")
        return None


def looks_like_question(text: str) -> bool:
    stripped = (text or "").strip()
    return stripped.endswith(("?", "؟", ";")) or len(stripped.split()) >= MIN_QUESTION_WORDS


def asks_question(tracker: Tracker) -> bool:
    """Whether the latest message is a question for the knowledge base rather than a choice,
    an answer or a command: a sentence the classifier takes for one (`out_of_scope`), or that
    ends with a question mark, or that it does not understand but the knowledge base answers.
    Used where no interview answer is expected (language choice, consent, after a refusal)."""
    text = latest_text(tracker).strip()
    if not text or text.startswith("/") or len(text.split()) < MIN_QUESTION_WORDS:
        return False
    intent = latest_intent(tracker)[0]
    if intent == "out_of_scope" or text.endswith(("?", "؟")):
        return True
    return intent == "nlu_fallback" and find_answer(text, ui_language(tracker)) is not None


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> None:
    """The knowledge base's answer, or an honest "I don't know" (kept for the editors only
    when the person consented: say_dont_know stores nothing without a person)."""
    text = latest_text(tracker)
    hit = find_answer(text, lang)
    if hit is not None:
        send_answer(dispatcher, lang, hit)
    else:
        say_dont_know(dispatcher, tracker, text, lang)


def send_answer(dispatcher: CollectingDispatcher, lang: str, hit: Any) -> None:  # noqa: ANN401
    entry = knowledge()[1].get(hit.entry_id)
    if entry is None:
        say(dispatcher, lang, "kb.dont_know_short")
        return
    translation = entry.translation(lang)
    labelled = ""
    if translation is None or translation.status not in ("curated",):
        if translation is not None and translation.status == "machine_draft":
            labelled = catalogue.text(lang, "kb.machine_translated")
        else:  # no text in this language yet: the German original, said so
            translation = entry.translation("de")
            labelled = catalogue.text(lang, "kb.german_only")
    parts = [f"**{translation.title}**", translation.answer.strip()]
    if labelled:
        parts.append(f"_{labelled}_")
    service = entry.service
    if service is not None:
        lines = [service.name]
        lines += [value for value in (service.address, service.phone, service.web) if value]
        if service.opening_hours:
            lines.append(catalogue.text(lang, "kb.opening_hours", hours=service.opening_hours))
        parts.append(catalogue.text(lang, "kb.contact", contact=" · ".join(lines)))
    parts.append(catalogue.text(lang, "kb.source", url=entry.source_url))
    send(dispatcher, lang, "\n\n".join(parts))


def say_dont_know(dispatcher: CollectingDispatcher, tracker: Tracker, text: str, lang: str) -> None:
    pid = person_id(tracker)
    if pid is None:
        # Before consent nothing a person writes is stored, their question neither.
        say(dispatcher, lang, "kb.dont_know_short")
        return
    question_id = None
    try:
        question_id = _store().add_unanswered(text[:2000], lang, pid)
    except Exception:  # noqa: BLE001 - the person still gets an honest answer
        logger.exception("could not store an unanswered question")
    if question_id is None:
        # "I have noted your question" would not be true: say only what is.
        say(dispatcher, lang, "kb.dont_know_short")
        return
    buttons = [
        {"title": catalogue.text(lang, "kb.pass_on_yes"),
         "payload": intent_payload("pass_on_question", question_id=str(question_id))},
        {"title": catalogue.text(lang, "kb.pass_on_no"),
         "payload": intent_payload("pass_on_question", question_id="no")},
    ]
    say(dispatcher, lang, "kb.dont_know", buttons)


class ActionPassOnQuestion(Action):
    def name(self) -> str:
        return "action_pass_on_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        question_id = entity(tracker, "question_id")
        if not question_id or not question_id.isascii() or not question_id.isdigit():
            say(dispatcher, lang, "kb.not_passed_on")
            return []
        # "Passed on" only when the store really did it: the question must be this person's
        # (a typed payload can name any id, and before consent nobody's question is kept).
        passed = False
        pid = person_id(tracker)
        if pid is not None and len(question_id) <= 18:
            try:
                passed = _store().pass_on_unanswered(int(question_id), pid)
            except Exception:  # noqa: BLE001 - the person gets an honest answer
                logger.exception("could not pass a question on")
        say(dispatcher, lang, "kb.passed_on" if passed else "kb.pass_on_failed")
        return []
