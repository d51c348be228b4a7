"""Choosing and changing the interface language."""

from __future__ import annotations

from typing import Any, NamedTuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import (
    entity,
    is_button_payload,
    latest_intent,
    latest_text,
    person_id,
    repository,
    say,
    ui_language,
)
from bot.actions.knowledge import (
    answer_question,
    asks_question,
    find_answer,
    say_dont_know,
    send_answer,
)
from bot.actions.message_language import client_hint, written_language
from bot.normalisers.declines import folded_words
from bot.normalisers.levels import says_native
from dialogues.interview import load_interview
from dialogues.languages import CODES
from nlu.language_identification import switch_candidate
from nlu.language_names import only_language_choice
from nlu.language_request_meaning import STRICT_THRESHOLD, THRESHOLD
from nlu.language_requests import requested_language
from nlu.questions import is_real_question, states_a_lack, tells_a_situation

# The interview's questions about spoken languages: their answers name languages.
LANGUAGE_SLOTS = frozenset(field.slot for field in load_interview().fields
                           if field.group == "languages_spoken")


class Choice(NamedTuple):
    """The language a message chooses (or None), whether its writing chose it, and whether it
    asks the knowledge base something (None where that was not looked up)."""

    code: str | None
    by_writing: bool = False
    asks: bool | None = None


def chosen_language(tracker: Tracker) -> Choice:
    """A language picked with a button, or asked for in a message that says nothing else
    ("English please", "العربية", "можно по-русски?"), also with a reason ("давайте по-русски,
    мне так проще"); at first contact, also the language of a
    longer message (someone who writes a sentence in Arabic before any choice is answered in
    Arabic, and can still change it). A language named inside a question is no choice."""
    text = latest_text(tracker)
    if is_button_payload(text):
        code = entity(tracker, "language")
        return Choice(code if code in CODES else None)
    if not text:
        return Choice(None)
    named = only_language_choice(text, allowed=CODES) or requested_language(text)
    if named in CODES:
        return Choice(named)
    if tracker.get_slot("stage") != "language" or latest_intent(tracker)[0] == "change_language":
        return Choice(None)
    # a situation told in a sentence ("Добрий день, я шукаю роботу і хочу заповнити анкету")
    # chooses its language by its writing, and gets what the base has near it then
    asks = None if _tells_without_asking(text) else asks_question(tracker)
    if asks:
        return Choice(None, asks=True)
    written = switch_candidate(text, "", hint=client_hint(tracker))
    return Choice(written.lang if written else None, by_writing=written is not None, asks=asks)


def requested_switch(tracker: Tracker) -> str | None:
    """Another interface language the latest typed message asks for in words ("English
    please", "ممكن نكمل بالالماني؟"), whatever the classifier made of it; None for a button, for
    content that only names a language, and for the language already spoken."""
    text = latest_text(tracker)
    if not text or is_button_payload(text):
        return None
    # at the languages questions answers name languages: the word rules alone decide; at the
    # summary the profile's languages are talked about ("добавьте английский"): a clearer request
    at_languages = tracker.get_slot("requested_slot") in LANGUAGE_SLOTS \
        and tracker.active_loop.get("name") == "profile_form"
    threshold = STRICT_THRESHOLD if tracker.get_slot("stage") == "summary" else THRESHOLD
    code = requested_language(text, by_meaning=not at_languages, threshold=threshold)
    return code if code in CODES and code != tracker.get_slot("language") else None


def adopt_language(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> None:
    """Confirm a chosen interface language in that language and keep it with the profile
    (the caller sets the `language` slot)."""
    say(dispatcher, code, "language.chosen")
    pid = person_id(tracker)
    if pid is not None:
        repository().set_ui_language(pid, code)


class ValidateLanguageForm(FormValidationAction):
    def name(self) -> str:
        return "validate_language_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        requested = tracker.get_slot("requested_slot")
        code, by_writing, asks = chosen_language(tracker)
        # a situation in a writing too uncertain to choose the interface (Arabizi, Finglish, a
        # mix of languages): what the base has for it, in the language the writing shows if
        # any, then the language buttons, as for a question (the base was asked once)
        told = code is None and asks is None and tracker.get_slot("stage") == "language" \
            and _tells_without_asking(latest_text(tracker))
        if told and _answer_told_situation(dispatcher, tracker, written_language(tracker)):
            return [SlotSet("language", None), SlotSet("requested_slot", "language")]
        if code is None and not told and (asks if asks is not None else asks_question(tracker)):
            # Someone who came with a question gets the answer first, in the language they
            # wrote it in; then the language buttons, as for everyone.
            answer_question(dispatcher, tracker, written_language(tracker))
            return [SlotSet("language", None), SlotSet("requested_slot", "language")]
        if by_writing:
            _answer_told_situation(dispatcher, tracker, code)
        if requested != "language":
            # Activation: a language named in the triggering message is taken at once.
            return [SlotSet("language", code), SlotSet("requested_slot", None)] if code else []
        if code is None:
            previous = tracker.get_slot("previous_language")
            if previous in CODES and not is_button_payload(latest_text(tracker)):
                # The buttons were an offer in a conversation that has a language: words that
                # name none ("yes", "no", a name) close them, and it goes on in that language.
                return [SlotSet("language", previous), SlotSet("requested_slot", None)]
            if latest_intent(tracker)[0] != "greet":
                # a greeting ("salam") is answered by the buttons' own greeting in every
                # language; other words are told, in their language if it shows, to tap one
                say(dispatcher, written_language(tracker), "language.not_recognised")
            return [SlotSet("language", None), SlotSet("requested_slot", "language")]
        return [SlotSet("language", code), SlotSet("requested_slot", None)]


def _tells_without_asking(text: str) -> bool:
    return tells_a_situation(text) and not is_real_question(text)


def _answer_told_situation(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> bool:
    """A first message that tells a situation ("пришло письмо от инкассо, требуют 480 евро")
    gets what the knowledge base has near it, the answer or the closest entries; where the base
    has nothing, an honest "I don't know" if it states a lack ("brauche billig Schlüsseldienst",
    "не знаю номер скорой"), else nothing (it may be a greeting with the person's story, not a
    question). Whether anything was said."""
    text = latest_text(tracker)
    if not _tells_without_asking(text):
        return False
    found = find_answer(text, code)
    if found is not None:
        send_answer(dispatcher, code, found)
    elif states_a_lack(text):
        say_dont_know(dispatcher, tracker, text, code)
    else:
        return False
    return True


class ActionChangeLanguage(Action):
    """Forget the interface language so the language form asks again."""

    def name(self) -> str:
        return "action_change_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        stage = tracker.get_slot("stage")
        resume = "paused" if stage == "deleting" else stage
        current = tracker.get_slot("language")
        text = latest_text(tracker)
        if current and not is_button_payload(text) and not requested_language(text) \
                and says_native(folded_words(text), current):
            # "زبان مادری", "my mother tongue" talk about a language and ask for no other one:
            # the conversation keeps its language (the form then finds it chosen).
            return [SlotSet("resume_stage", resume), SlotSet("previous_language", current),
                    SlotSet("requested_slot", None)]
        return [SlotSet("resume_stage", resume), SlotSet("previous_language", current),
                SlotSet("language", None), SlotSet("requested_slot", None)]


class ActionLanguageChosen(Action):
    """Confirm the language and decide where the conversation goes on (the `stage`)."""

    def name(self) -> str:
        return "action_language_chosen"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        adopt_language(dispatcher, tracker, lang)
        pid = person_id(tracker)
        if pid is None:
            stage = "consent"
        else:
            resume = tracker.get_slot("resume_stage")
            stage = resume if resume in ("interview", "paused", "summary", "done") else "interview"
        if pid is None and tracker.get_slot("resume_stage") == "declined":
            stage = "declined"  # a refusal stays respected in the new language
            if stage == "paused":
                say(dispatcher, lang, "interview.stopped")
        return [SlotSet("stage", stage), SlotSet("resume_stage", None)]
