"""The profile interview: checking each answer, writing it at once, summary, correction."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.answer_translation import translate_in_background
from bot.actions.asking import offered_options
from bot.actions.conversation import (
    button,
    entity,
    intent_payload,
    is_button_payload,
    latest_intent,
    latest_text,
    person_id,
    repository,
    say,
    send,
    ui_language,
)
from bot.actions.knowledge import find_answer
from bot.actions.message_language import answer_language, offer_language_switch
from bot.actions.profile_view import describe_profile
from bot.normalisers.answer import normalise_answer
from bot.normalisers.occupations import SEARCH_AGAIN, occupation_candidates
from bot.normalisers.result import Result
from classifications.schooling import NO_SCHOOL
from classifications.schooling import derive as derive_school_years
from dialogues import catalogue
from dialogues.interview import NONE, SKIPPED, Field, load_interview
from nlu.commands import curated_intent

logger = logging.getLogger(__name__)

# Intents that interrupt the interview (each has a rule in bot/data/rules.yml).
INTERVIEW_INTERRUPTIONS = frozenset({
    "ask_why", "greet", "show_my_data", "out_of_scope", "correct_field",
    "stop_interview", "goodbye", "delete_my_data", "change_language", "choose_language",
    "request_cv", "pass_on_question", "ask_kb",
})
# Kinds whose answers are checked strictly: an answer that passes is never a command.
_STRICT_KINDS = frozenset({"birth_date", "country", "contact", "language", "choice", "years",
                           "school_type", "school_years", "qualification"})


# At a free-text question only these, said briefly and confidently, leave the question.
_FREE_TEXT_COMMANDS = frozenset({"stop_interview", "goodbye", "ask_why", "show_my_data",
                                 "delete_my_data", "change_language", "request_cv"})
FREE_TEXT_COMMAND_CONFIDENCE = 0.99


def _is_interruption(field: Field, text: str, intent: str | None, confidence: float,
                     lang: str, valid_answer: bool) -> bool:
    """Whether a message leaves the question for a rule (why, stop, ...) or answers it."""
    if intent not in INTERVIEW_INTERRUPTIONS:
        return False
    if is_button_payload(text):
        return True
    if intent == "choose_language":
        return False  # a typed language name answers "which languages do you speak?"
    if intent == "out_of_scope" and field.kind == "free_text":
        # Open questions are often answered with questions ("can I work as a nurse?"): only a
        # plain question the knowledge base answers leaves them.
        return confidence >= 0.8 and text.rstrip().endswith(("?", "؟")) \
            and find_answer(text, lang) is not None
    if intent == "out_of_scope" and not valid_answer and len(text.split()) >= 3 \
            and text.rstrip().endswith(("?", "؟")):
        return True  # a plain question where a name, date or choice was expected
    if intent == "greet" and field.kind in ("name", "place"):
        return False  # "Salam", "Hala", "Halle" are names and towns too
    if any(catalogue.matches_lexicon(lang, name, text) for name in ("yes", "no", "skip", "none")):
        return False
    if curated_intent(text) == intent:
        return True  # one of the curated command phrases, in any language
    if field.kind in _STRICT_KINDS:
        # "Arabisch" at the language question is an answer, whatever the classifier says;
        # a single word ("шість") is a command only when it is a curated phrase
        return not valid_answer and confidence >= 0.85 and len(text.split()) >= 2
    if field.kind in ("free_text", "occupation"):
        # Anything may answer an open question: only a near-certain short command leaves it
        # ("كل يوم صباحاً", "every day in the morning", came out as stop at 0.96).
        return intent in _FREE_TEXT_COMMANDS and confidence >= FREE_TEXT_COMMAND_CONFIDENCE \
            and len(text.split()) <= 5
    # Names and towns can be anything: only a longer, confident command counts.
    return len(text.split()) >= 3 and confidence >= 0.9


def _wants_skip(field: Field, text: str, intent: str | None, confidence: float, lang: str) -> bool:
    if is_button_payload(text):
        return intent == "skip_question"
    if catalogue.matches_lexicon(lang, "skip", text) or curated_intent(text) == "skip_question":
        return True
    # A classifier's guess alone never skips an open question ("الصف التاسع" is no "next").
    return intent == "skip_question" and confidence >= 0.9 and field.kind in _STRICT_KINDS


def _wants_none(field: Field, text: str, option: str | None, lang: str) -> bool:
    return field.none_allowed and (option == "none" or catalogue.matches_lexicon(lang, "none", text))


def _item_index(field: Field, tracker: Tracker) -> int:
    if not field.group:
        return 0
    counter = load_interview().groups[field.group].counter
    return int(tracker.get_slot(counter) or 0)


def _original_text(field: Field, text: str, option: str | None, lang: str,
                   slots: dict[str, Any]) -> str:
    """What the person said: the button label they pressed, else their words."""
    if option:
        label = dict(offered_options(field, lang, slots)).get(option)
        if label:
            return label
    if option == "none":
        return catalogue.text(lang, "button.none")
    if text == "/affirm":
        return catalogue.text(lang, "button.yes")
    if text == "/deny":
        return catalogue.text(lang, "button.no")
    return text


class ValidateProfileForm(FormValidationAction):
    def name(self) -> str:
        return "validate_profile_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        interview = load_interview()
        requested = tracker.get_slot("requested_slot")
        events: list[dict[str, Any]] = []
        if requested in interview.slots:
            field = interview.field(requested)
            lang = ui_language(tracker)
            text = latest_text(tracker)
            intent, confidence = latest_intent(tracker)
            option = entity(tracker, "option")
            slots = tracker.current_slot_values()
            # Checked once: it decides both "answer or interruption?" and what is stored.
            result = normalise_answer(field, text if option is None else
                                      _original_text(field, text, option, lang, slots), lang,
                                      option=option, intent=intent, confidence=confidence,
                                      slots=slots)
            if _is_interruption(field, text, intent, confidence, lang, result.ok):
                return []  # the form is rejected; a rule answers and the question comes again
            events = self._answer(dispatcher, tracker, field, lang, text, intent, confidence,
                                  option, result)
            events.extend(offer_language_switch(dispatcher, tracker, text, lang))
        tracker.add_slots(events)
        next_slot = next((s for s in interview.slots if tracker.get_slot(s) is None), None)
        return [*events, SlotSet("requested_slot", next_slot)]

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, field: Field,
                lang: str, text: str, intent: str | None, confidence: float,
                option: str | None, result: Result) -> list[dict[str, Any]]:
        pid = person_id(tracker)
        index = _item_index(field, tracker)
        attempts = int(tracker.get_slot("failed_attempts") or 0) \
            if tracker.get_slot("failed_slot") == field.slot else 0
        slots = tracker.current_slot_values()
        original = _original_text(field, text, option, lang, slots)
        interview = load_interview()
        # The interface language for buttons; for typed words, the language they are written in.
        written_in = answer_language(tracker, text, lang) if option is None else (lang, None)
        names = [str(tracker.get_slot(s)) for s in ("given_names", "family_name")
                 if isinstance(tracker.get_slot(s), str)]

        if _wants_skip(field, text, intent, confidence, lang) and option is None:
            if field.optional or attempts >= interview.max_attempts:
                self._store(pid, field, original, written_in, None, "skipped", index, attempts + 1)
                say(dispatcher, lang, "skip.done")
                return [*self._fill(field, SKIPPED), *self._reset_attempts()]
            say(dispatcher, lang, "skip.not_allowed")
            return [SlotSet(field.slot, None)]

        if _wants_none(field, text, option, lang):
            self._store(pid, field, original, written_in, {"none": True}, "given", index,
                        attempts + 1)
            return [*self._fill(field, NONE), *self._reset_attempts()]

        if not result.ok and result.error == SEARCH_AGAIN:
            # Not one of the offered occupations: the words describe the work anew.
            candidates = occupation_candidates(text, written_in[0])
            if candidates:
                return [SlotSet(field.slot, None), SlotSet("occupation_candidates", candidates),
                        SlotSet("failed_slot", field.slot), SlotSet("failed_attempts", attempts + 1)]
            result = Result.reject("occupation.not_understood")
        if not result.ok:
            attempts += 1
            say(dispatcher, lang, result.error, **result.params)
            if attempts >= interview.max_attempts:
                say(dispatcher, lang, "skip.offer")
            return [SlotSet(field.slot, None), SlotSet("failed_slot", field.slot),
                    SlotSet("failed_attempts", attempts)]

        events = [SlotSet(field.slot, result.value), *self._reset_attempts()]
        if field.repeat:
            if result.value:  # another item of the group: ask its questions again
                group = interview.groups[field.group]
                events = [SlotSet(slot, None) for slot in group.slots]
                events.append(SlotSet(group.counter, index + 1))
                events.extend(self._reset_attempts())
            return events
        self._store(pid, field, original, written_in, result.value, "given", index, attempts + 1,
                    names)
        return [*events, *self._follow_up(dispatcher, pid, field, lang, text, written_in, result,
                                          index)]

    def _follow_up(self, dispatcher: CollectingDispatcher, pid: str | None, field: Field,
                   lang: str, text: str, written_in: tuple[str, float | None], result: Result,
                   index: int) -> list[dict[str, Any]]:
        """What an accepted answer settles beyond itself."""
        if field.slot == "job_title":
            candidates = occupation_candidates(result.value, written_in[0])
            if candidates:
                return [SlotSet("occupation_candidates", candidates)]
            # Nothing plausible to offer: keep the words for the caseworker, ask no question.
            value = {"none": True, "query": result.value, "unmatched": True}
            self._store(pid, load_interview().field("job_occupation"), "", written_in, value,
                        "given", index, 0)
            say(dispatcher, lang, "occupation.no_match", job=result.value)
            return [SlotSet("job_occupation", value), SlotSet("occupation_candidates", None)]
        if field.slot == "job_occupation":
            if result.value.get("kldb"):
                say(dispatcher, lang, "occupation.chosen",
                    occupation=result.value.get("job_title_de") or result.value["title_de"])
            return [SlotSet("occupation_candidates", None)]
        if field.slot == "school_type" and result.value.get("id") == NO_SCHOOL:
            # Nobody is asked how many years they went to no school.
            years = derive_school_years(NO_SCHOOL, 0)
            self._store(pid, load_interview().field("school_years"), "", written_in, years,
                        "given", index, 0)
            return [SlotSet("school_years", years)]
        if field.slot == "school_years" and result.value.get("german_equivalent"):
            say(dispatcher, lang, "school.result",
                level=catalogue.text(lang, f"school.equivalent.{result.value['german_equivalent']}"))
        return []

    @staticmethod
    def _fill(field: Field, marker: str) -> list[dict[str, Any]]:
        """Mark a field, and for a group's first question the rest of that group too."""
        if field.group and (field.none_allowed or marker == NONE):
            slots = load_interview().groups[field.group].slots
            start = slots.index(field.slot)
            return [SlotSet(slot, marker) for slot in slots[start:]]
        return [SlotSet(field.slot, marker)]

    @staticmethod
    def _reset_attempts() -> list[dict[str, Any]]:
        return [SlotSet("failed_slot", None), SlotSet("failed_attempts", 0)]

    @staticmethod
    def _store(pid: str | None, field: Field, original: str, written_in: tuple[str, float | None],
               value: Any, status: str, index: int, attempts: int,  # noqa: ANN401
               names: list[str] | None = None) -> None:
        if pid is None:
            # No consent record for this conversation: nothing may be stored.
            logger.warning("answer to %s not stored: no consenting person", field.slot)
            return
        lang, confidence = written_in
        repository().save_answer(pid, field.slot, original_text=original, language=lang,
                                 value=value, status=status, item_index=index,
                                 attempts=attempts, language_confidence=confidence)
        if status == "given" and original:
            translate_in_background(repository(), pid, field.slot, index, original, lang,
                                    names or [])


class ActionShowSummary(Action):
    def name(self) -> str:
        return "action_show_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        pid = person_id(tracker)
        snapshot = repository().snapshot(pid) if pid else None
        lines = describe_profile(snapshot, lang) if snapshot else []
        send(dispatcher, lang, "\n".join([catalogue.text(lang, "summary.intro"), *lines]))
        say(dispatcher, lang, "summary.question",
            [button(lang, "summary.all_correct", "/affirm"),
             button(lang, "summary.change", "/deny")])
        return [SlotSet("stage", "summary")]


class ActionFinishInterview(Action):
    def name(self) -> str:
        return "action_finish_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        pid = person_id(tracker)
        if pid:
            repository().set_status(pid, "complete")
        say(dispatcher, ui_language(tracker), "goodbye.done")
        return [SlotSet("stage", "done")]


class ActionStartCorrection(Action):
    """Forget one answer (or group) so the interview asks it again, or ask which one."""

    def name(self) -> str:
        return "action_start_correction"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        interview = load_interview()
        lang = ui_language(tracker)
        in_form = tracker.active_loop.get("name") == "profile_form"
        target = entity(tracker, "profile_field")
        if target not in interview.profile_fields():
            buttons = [button(lang, f"field.{name}",
                              intent_payload("correct_field", profile_field=name))
                       for name in interview.profile_fields()]
            say(dispatcher, lang, "correct.which", buttons)
            return [] if in_form else [SlotSet("stage", "summary")]
        slots = interview.slots_of(target)
        pid = person_id(tracker)
        if pid:
            repository().clear_fields(pid, slots)
            repository().set_status(pid, "in_progress")
        say(dispatcher, lang, "correct.ok", field=catalogue.text(lang, f"field.{target}"))
        events = [SlotSet(slot, None) for slot in slots]
        if target in interview.groups:
            events.append(SlotSet(interview.groups[target].counter, 0))
        return [*events, SlotSet("stage", "interview"), SlotSet("requested_slot", None)]


class ActionPauseInterview(Action):
    def name(self) -> str:
        return "action_pause_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        say(dispatcher, ui_language(tracker), "interview.stopped")
        return [SlotSet("stage", "paused")]


class ActionResumeInterview(Action):
    def name(self) -> str:
        return "action_resume_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        say(dispatcher, ui_language(tracker), "interview.resumed")
        return [SlotSet("stage", "interview")]
