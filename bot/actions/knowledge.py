"""Questions answered from the curated knowledge base (knowledge_base/), also mid-interview.

Questions reach it as `out_of_scope` (not an interview answer, see bot/actions/interruptions.py),
in the fallback, and by their shape (nlu/questions.py) whatever the classifier took them for:
during the interview (bot/actions/interview.py), at the language choice and the consent
(`asks_question`), and at the summary, after a refusal and wherever no form asks
(bot/actions/routing.py). An answer leaves the conversation where it was.

The reply is the entry's reviewed text in the person's language, its service contact and its
source; a machine draft or a German fallback is labelled as such; `custom.kb_entry` names the
entry. Nothing is composed. When the best entry is plausible but not certain (the retrieval's
suggestion band), the assistant asks "Did you mean ...?" with the closest entries' titles as
buttons (`/ask_kb{"entry_id": ...}`) and "none of these"; a pressed title sends that entry's
answer. Below the band, or after "none of these", it says it does not know, keeps the question
for the editors (after consent only) and offers to pass it on.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import (
    entity,
    intent_payload,
    latest_intent,
    latest_text,
    person_id,
    say,
    ui_language,
)
from dialogues import catalogue
from dialogues.interview import Field, load_interview
from dialogues.languages import direction
from lotse.settings import load_settings
from nlu.questions import (
    MIN_QUESTION_WORDS,
    asks_about_the_data,
    asks_after_an_aside,
    concern_after_an_aside,
    is_real_question,
    question_part,
    states_a_lack,
    states_a_need,
    tells_a_situation,
    tells_after_an_aside,
)

logger = logging.getLogger(__name__)

ASK_KB_INTENT = "ask_kb"
NONE_OF_THESE = "none"


@dataclass(frozen=True)
class Suggestions:
    """Entries that may answer a question whose best match is plausible but not certain."""

    hits: tuple[Any, ...]

    @property
    def entry_ids(self) -> list[str]:
        return [hit.entry_id for hit in self.hits]


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


def find_answer(text: str, lang: str, *, surely_question: bool = True) -> Any | None:  # noqa: ANN401
    """The confident hit (a retrieval Hit) for a question; Suggestions when the best entry is
    only plausible (in the retrieval's suggestion band); else None (also for anything that is
    no question). A message that may not be a question at all (an answer phrased as one, a
    sentence the classifier could not place) gets suggestions only from PLAUSIBLE_THRESHOLD,
    so that a weak likeness to an entry does not take it for one."""
    text = question_part(text or "")
    if len(text.split()) < MIN_QUESTION_WORDS or text.startswith("/"):
        return None
    try:
        index = knowledge()[0]
        from knowledge_base.retrieval import PLAUSIBLE_THRESHOLD, SUGGESTION_THRESHOLD

        floor = SUGGESTION_THRESHOLD if surely_question else PLAUSIBLE_THRESHOLD
        hit, suggested = index.find(text, lang, floor=floor)
        if hit is not None:
            return hit
        return Suggestions(tuple(suggested)) if suggested else None
    except Exception:  # noqa: BLE001 - a broken index must not break the conversation
        logger.exception("knowledge base search failed")
        return None


def asks_question(tracker: Tracker) -> bool:
    """Whether the latest message is a question for the knowledge base rather than a choice,
    an answer or a command. The same detector as everywhere (nlu/questions.py: a question mark,
    or an interrogative in any of the languages, in dialect or typed on a Latin keyboard), so
    "شلون اسجل ابني بالروضة" or "koja mitunam almani yad begiram" count without "?"; a
    sentence the classifier cannot place (`out_of_scope`, the fallback), one that states a need
    ("ich brauche Hilfe beim Antrag") or one that tells a situation ("the bank refused me an
    account, I only have a Duldung") only when the knowledge base has something for it. Used
    where no interview answer is expected (language choice, consent)."""
    text = latest_text(tracker).strip()
    if not text or text.startswith("/"):
        return False
    if is_real_question(text):
        return True
    if len(text.split()) < MIN_QUESTION_WORDS:
        return False
    intent = latest_intent(tracker)[0]
    if not (intent in ("out_of_scope", "nlu_fallback") or states_a_need(text)
            or tells_a_situation(text)):
        return False
    # a plausible entry, not a weak likeness: "Добрий день, я шукаю роботу і хочу заповнити
    # анкету" wants the interview (the callers offer weaker matches where that is safe)
    return find_answer(text, ui_language(tracker), surely_question=False) is not None


def answer_after_a_decision(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> None:
    """What follows a yes or no that decided something ("nein danke. wo bekomme ich einen
    Kitaplatz", "all correct. but my tax ID never came"): a question gets its answer or an
    honest "I don't know"; a situation told gets what the base has near it, and nothing when
    it has nothing (it may be thanks) unless it says what is lacking."""
    text = latest_text(tracker)
    if not text or text.startswith("/"):
        return
    if asks_after_an_aside(text):
        answer_question(dispatcher, tracker, lang)
    elif tells_after_an_aside(text):
        # a concern ("all correct. but my tax ID never came") gets the closest entries as a
        # question does, and one that says what is lacking an honest "I don't know" where the
        # base has nothing; other sentences (thanks going on) only a plausible entry
        concern = concern_after_an_aside(text)
        found = find_answer(text, lang, surely_question=concern)
        rest = question_part(text)
        if found is not None:
            send_answer(dispatcher, lang, found)
        elif concern and states_a_lack(rest):
            say_dont_know(dispatcher, tracker, rest, lang)


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> None:
    """The knowledge base's answer, or an honest "I don't know" (kept for the editors only
    when the person consented: say_dont_know stores nothing without a person)."""
    text = latest_text(tracker)
    if asks_about_the_data(text):
        # "who sees my data?": what the consent text says about it, not the knowledge base
        say(dispatcher, lang, "consent.explain")
        return
    hit = find_answer(text, lang)
    if hit is not None:
        send_answer(dispatcher, lang, hit)
    else:
        say_dont_know(dispatcher, tracker, text, lang)


def _utter(dispatcher: CollectingDispatcher, lang: str, text: str,
           buttons: list[dict[str, str]] | None = None, entry_id: str | None = None) -> None:
    """Like conversation.send; an entry's answer also names the entry (`kb_entry`)."""
    custom: dict[str, str] = {"lang": lang, "dir": direction(lang)}
    if entry_id is not None:
        custom["kb_entry"] = entry_id
    dispatcher.utter_message(text=text, buttons=buttons or [], json_message=custom)


def _translation(entry: Any, lang: str) -> tuple[Any, str]:  # noqa: ANN401
    """The entry's text for `lang` and the label it needs (machine draft, German only) or ""."""
    translation = entry.translation(lang)
    if translation is not None and translation.status == "curated":
        return translation, ""
    if translation is not None and translation.status == "machine_draft":
        return translation, catalogue.text(lang, "kb.machine_translated")
    return entry.translation("de"), catalogue.text(lang, "kb.german_only")


def send_answer(dispatcher: CollectingDispatcher, lang: str, found: Any) -> None:  # noqa: ANN401
    """The answer of a Hit (or the entry with that id), or "Did you mean ...?" for Suggestions."""
    if isinstance(found, Suggestions):
        send_suggestions(dispatcher, lang, found)
        return
    entry_id = found if isinstance(found, str) else found.entry_id
    entry = knowledge()[1].get(entry_id)
    if entry is None:
        say(dispatcher, lang, "kb.dont_know_short")
        return
    translation, labelled = _translation(entry, lang)
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
    _utter(dispatcher, lang, "\n\n".join(parts), entry_id=entry.id)


def send_suggestions(dispatcher: CollectingDispatcher, lang: str, suggestions: Suggestions) -> None:
    """ "Did you mean ...?": one button per entry, titled in the person's language, and "none"."""
    entries = knowledge()[1]
    buttons = []
    for entry_id in suggestions.entry_ids:
        entry = entries.get(entry_id)
        if entry is not None:
            title = _translation(entry, lang)[0].title
            buttons.append({"title": title, "payload": intent_payload(ASK_KB_INTENT, entry_id=entry_id)})
    buttons.append({"title": catalogue.text(lang, "kb.none_of_these"),
                    "payload": intent_payload(ASK_KB_INTENT, entry_id=NONE_OF_THESE)})
    say(dispatcher, lang, "kb.did_you_mean", buttons)


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


def skip_unlocked(field: Field, tracker: Tracker) -> list[dict[str, Any]]:
    """The events that let `field` be skipped from now on (its Skip button shown, "skip"
    accepted), as after two failed tries: after every honest "I don't know" at an interview
    question (the knowledge base's, or the person's own)."""
    attempts = int(tracker.get_slot("failed_attempts") or 0) \
        if tracker.get_slot("failed_slot") == field.slot else 0
    return [SlotSet("failed_slot", field.slot),
            SlotSet("failed_attempts", max(attempts, load_interview().max_attempts))]


class ActionPassOnQuestion(Action):
    def name(self) -> str:
        return "action_pass_on_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        # routing imports this module: imported here, as the other actions import it at the top
        from bot.actions.routing import handle_misrouted

        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or a story the classifier took for the button
            return misrouted
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


def _last_question(tracker: Tracker) -> str:
    """What the person last typed (not a button), the question the suggestions were for."""
    for event in reversed(tracker.events):
        text = (event.get("text") or "") if event.get("event") == "user" else ""
        if text and not text.startswith("/"):
            return text
    return ""


class ActionAnswerKbEntry(Action):
    """A "Did you mean ...?" button: the chosen entry's answer, or for "none of these" the
    honest "I don't know" with the offer to pass the question on."""

    def name(self) -> str:
        return "action_answer_kb_entry"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        entry_id = entity(tracker, "entry_id") or ""
        if entry_id != NONE_OF_THESE and entry_id in knowledge()[1]:
            send_answer(dispatcher, lang, entry_id)
            return []
        question = _last_question(tracker)
        if entry_id == NONE_OF_THESE and question:
            say_dont_know(dispatcher, tracker, question, lang)
        else:  # an entry removed since the buttons were sent, or a forged payload
            say(dispatcher, lang, "kb.dont_know_short")
        requested = tracker.get_slot("requested_slot")
        if tracker.active_loop.get("name") == "profile_form" and requested in load_interview().slots:
            # the interview question comes again next, and may now be skipped
            return skip_unlocked(load_interview().field(requested), tracker)
        return []
