"""The profile interview: checking each answer, writing it at once, summary, correction."""

from __future__ import annotations

import json
import logging
import re
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
from bot.actions.knowledge import (
    answer_after_a_decision,
    find_answer,
    say_dont_know,
    send_answer,
    skip_unlocked,
)
from bot.actions.language_choice import adopt_language
from bot.actions.message_language import answer_language, offer_language_switch
from bot.actions.profile_view import describe_profile
from bot.actions.routing import (
    command_plausible,
    handle_misrouted,
    has_command_words,
    looks_like_nonsense,
    question_for_knowledge,
)
from bot.normalisers.answer import normalise_answer, typed_decline
from bot.normalisers.choices import normalise_yes_no
from bot.normalisers.declines import says_dont_know
from bot.normalisers.free_text_structure import structured_value
from bot.normalisers.levels import levels_beside_languages
from bot.normalisers.names import normalise_name
from bot.normalisers.occupations import SEARCH_AGAIN, occupation_candidates
from bot.normalisers.places import place_label
from bot.normalisers.result import Result
from bot.normalisers.schooling import rederive_school_years
from bot.normalisers.text_quality import check_text
from classifications.schooling import NO_SCHOOL
from classifications.schooling import derive as derive_school_years
from dialogues import catalogue
from dialogues.interview import NONE, SKIPPED, Field, load_interview
from documents.transliteration import name_to_latin, scheme
from nlu.commands import curated_intent
from nlu.language_names import language_name, match_languages, only_language_choice
from nlu.language_requests import requested_language
from nlu.questions import (
    QUESTION_MARKS,
    answer_then_concern,
    answer_then_question,
    asks_for_information,
    has_interrogative,
    is_real_question,
    speaks_of_self,
    states_a_need,
    tells_a_situation,
)

logger = logging.getLogger(__name__)
# The form's pseudo-question "Is your first name Samira?": its slot holds the name read out of a
# sentence until the person says yes (stored) or no (asked again).
NAME_CONFIRMATION = "name_confirmation"

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
# A question after this many words is a question even where a name or town is asked.
QUESTION_WORDS_AT_NAMES = 4
# Questions answered in words, which may themselves be questions ("can I work as a nurse?").
OPEN_KINDS = frozenset({"free_text", "occupation"})


def _is_interruption(field: Field, text: str, intent: str | None, confidence: float,
                     lang: str, valid_answer: bool) -> bool:
    """Whether a message leaves the question for a rule (why, stop, ...) or answers it.
    Questions are told by their shape, whatever the classifier says (`_question_instead`);
    language requests by their words (`_language_switch`)."""
    if intent not in INTERVIEW_INTERRUPTIONS:
        return False
    if is_button_payload(text):
        return True
    if intent == "choose_language":
        return False  # a typed language name answers "which languages do you speak?"
    if field.group == "languages_spoken" and field.kind in ("language", "yes_no") \
            and not text.rstrip().endswith(("?", "؟")) and match_languages(text):
        return False  # "Kurdish, Arabic and some Turkish", "English too" answer these questions
    if intent == "greet" and field.kind in ("name", "place"):
        return False  # "Salam", "Hala", "Halle" are names and towns too
    if any(catalogue.matches_lexicon(lang, name, text) for name in ("yes", "no", "skip", "none")):
        return False
    if curated_intent(text) == intent:
        return True  # one of the curated command phrases, in any language
    if intent == "greet":
        # Mid-question a greeting is a curated one ("hallo", "مرحبا"): the classifier also took
        # "gut oder sehr gut" at a level question for one; a wrong answer gets the re-ask.
        return False
    if not command_plausible(text, intent) or question_for_knowledge(text, intent):
        # Nonsense or a long text is no command ("я я я …" came out as correct_field): the
        # field's re-ask with an example. A question without the command's words goes to the
        # knowledge base (`_question_instead`), whatever the classifier took it for.
        return False
    if intent == "out_of_scope":
        # Off-topic that is no question ("Aleppo" at the date, a number at the name) is a wrong
        # answer: it gets the re-ask, never the editors' "I don't know" of the off-topic rule.
        return False
    if field.kind in _STRICT_KINDS:
        # "Arabisch" at the language question is an answer, whatever the classifier says;
        # a single word ("шість") is a command only when it is a curated phrase
        return not valid_answer and confidence >= 0.85 and len(text.split()) >= 2
    if field.kind in OPEN_KINDS:
        # Anything may answer an open question: only a near-certain short command leaves it
        # ("كل يوم صباحاً", "every day in the morning", came out as stop at 0.96).
        return intent in _FREE_TEXT_COMMANDS and confidence >= FREE_TEXT_COMMAND_CONFIDENCE \
            and len(text.split()) <= 5
    # Names and towns can be anything: only a longer, confident command counts, and a goodbye
    # never beside a town found ("Пока в Шверине, …": "for now in Schwerin").
    if intent == "goodbye" and valid_answer:
        return False
    return len(text.split()) >= 3 and confidence >= 0.9


# A button payload as Rasa reads it: "/intent", "/intent@confidence", then a JSON object of
# entities; a payload is only an answer when nothing else follows (typed text after the JSON
# would otherwise slip past every check of typed answers).
_PAYLOAD = re.compile(r"/(?P<intent>[^{@\s]+)(?:@[0-9.]+)?(?P<entities>\{.*\})?", re.DOTALL)
NOT_OFFERED = "invalid.not_offered"


def payload_refusal(field: Field, text: str, lang: str, slots: dict[str, Any]) -> str | None:
    """For a button payload answering `field` (pressed or typed): None when it is one this
    question offers, else the catalogue key of the refusal. An option's value passes the
    same checks as a typed answer (length, markup) and must be one of the options shown."""
    match = _PAYLOAD.fullmatch(text.strip())
    if match is None:
        return NOT_OFFERED
    entities: Any = {}
    if match["entities"]:
        try:
            entities = json.loads(match["entities"])
        except ValueError:
            return NOT_OFFERED
    if not isinstance(entities, dict):
        return NOT_OFFERED
    intent = match["intent"]
    if intent == "inform" and set(entities) == {"option"}:
        option = entities["option"]
        if not isinstance(option, str):
            return NOT_OFFERED
        problem = check_text(option, field.max_length)
        if problem:
            return problem
        offered = {value for value, _ in offered_options(field, lang, slots)}
        if field.none_allowed:
            offered.add("none")  # the "none" button of bot/actions/asking.py
        return None if option in offered else NOT_OFFERED
    if entities:
        return NOT_OFFERED
    if intent in ("affirm", "deny"):
        return None if field.kind == "yes_no" else NOT_OFFERED
    return None if intent == "skip_question" else NOT_OFFERED


def _answer_aside_question(dispatcher: CollectingDispatcher, tracker: Tracker, field: Field,
                           text: str, lang: str) -> str:
    """Answer a question asked after the answer to an open question: the knowledge base's
    answer, its "Did you mean ...?" or an honest "I don't know" (kept for the editors); the
    message's answer part is what is stored. A request for another language is left to the
    language rules, and a question that may itself answer ("Ab sofort. Kann ich auch im Januar
    anfangen?", `_question_needs_answer`) stays with the answer when the base has nothing."""
    parts = answer_then_question(text)
    if parts is None:
        # "taxi driver, but my Syrian licence is not converted yet": the whole message is the
        # answer; the worry gets what the knowledge base has for it, and nothing if it has none
        worry = answer_then_concern(text)
        if worry is None or requested_language(worry[1]):
            return text
        # a worry that says what is needed or not known ("тільки не знаю чи там платять") is
        # surely a question: the closest entries are offered. The worry alone often lacks its
        # topic, which the answer before it names ("хочу на аусбільдунг на кухаря, тільки не
        # знаю чи там платять"): without an entry of its own, the whole message is searched.
        surely = states_a_need(worry[1])
        found = find_answer(worry[1], lang, surely_question=surely) \
            or find_answer(text, lang, surely_question=surely)
        if found is not None:
            send_answer(dispatcher, lang, found)
        return text
    if requested_language(parts[1]):
        return text
    may_be_answer = _question_needs_answer(field, True, parts[1])
    found = find_answer(parts[1], lang, surely_question=not may_be_answer)
    if found is not None:
        send_answer(dispatcher, lang, found)
    elif may_be_answer:
        return text
    else:
        say_dont_know(dispatcher, tracker, parts[1], lang)
    return parts[0]


def _value_then_question(dispatcher: CollectingDispatcher, tracker: Tracker, field: Field,
                         text: str, lang: str, slots: dict[str, Any]) -> str:
    """A checked value and then a question in a later sentence or clause ("B1 habe ich. Ich
    will den B2-Kurs machen, wer bezahlt das?", "Leipzig. Wo melde ich mich an?"): when the
    part before the question is a valid answer by itself, the question gets the knowledge base's
    answer, its "Did you mean ...?" or an honest "I don't know", and that part is the answer.
    Otherwise the whole message goes on as before."""
    parts = answer_then_question(text)
    if parts is None or curated_intent(parts[1]) or has_command_words(parts[1], "ask_why"):
        return text  # "Ahmad. Why do you need this?" is for the rules that explain
    if not normalise_answer(field, parts[0], lang, slots=slots).ok \
            or requested_language(parts[1]) or requested_language(text):
        return text
    found = find_answer(parts[1], lang, surely_question=True)
    if found is not None:
        send_answer(dispatcher, lang, found)
    else:
        say_dont_know(dispatcher, tracker, parts[1], lang)
    return parts[0]


def _repeats_family_name(field: Field, pending: dict[str, Any], text: str, lang: str) -> bool:
    """Whether `text`, typed at "Is your first name …?", goes on to the family name: said as
    one ("фамилия Ахмедов") or the one the first-name answer also gave ("adım Elif Nur, soyadım
    Kaplan" → "Kaplan")."""
    original = pending.get("original")
    if field.slot != "given_names" or not isinstance(original, str):
        return False
    typed = normalise_name(text, lang, "family_name")
    if not typed.ok:
        return False
    if not normalise_name(text, lang, "given_names").ok:
        return True  # a family name said as one, never a first name
    family = normalise_name(original, lang, "family_name").value
    return bool(family) and family != pending.get("value") \
        and str(typed.value).casefold() == str(family).casefold()


def _question_instead(field: Field, text: str, valid_answer: bool) -> bool:
    """A message that reads as a question (question mark or interrogative, in any language)
    where an answer was expected. At names and towns it must be a whole question; at checked
    values, no valid answer or one read out of a question by its words ("wie lange dauert die
    Anerkennung in Deutschland" is no country). Whether the knowledge base must answer it to
    count is `_question_needs_answer`."""
    if is_button_payload(text):
        return False
    if field.kind in ("name", "place"):
        return is_real_question(text, QUESTION_WORDS_AT_NAMES)
    if field.kind in OPEN_KINDS or not valid_answer:
        return is_real_question(text)
    return is_real_question(text) and has_interrogative(text)


# Questions about the future are often answered with a question ("can I work as a nurse
# again?" at the goals, "can I start in January?"); a fact of the past (the last job, the
# training, the school) never is: a question there is a question, answered or "I don't know".
ANSWERED_BY_QUESTIONS = frozenset({"goals", "availability"})
# "nur vormittags möglich?": a few words with a question mark are an answer hedged.
SHORT_OPEN_ANSWER_WORDS = 4


# A question this long, with an interrogative, is a question at a checked value even when the
# knowledge base does not know it: "а є курси німецької для роботи, щоб на B2 вийти?" names a
# level but asks about courses; "Syria?" or "B1 I think?" stay answers.
LONG_QUESTION_WORDS = 6


def _question_needs_answer(field: Field, valid_answer: bool, text: str = "") -> bool:
    """Whether a question the knowledge base cannot answer is taken as the answer: at open
    questions about the future (ANSWERED_BY_QUESTIONS), at the occupation choice, and where the
    words also give a valid value - unless it is a long question with an interrogative."""
    if field.kind == "free_text":
        # "can I work as a nurse again?" is a goal; "how much does the Jobcenter pay?" and
        # "darf man im Wald Pilze sammeln?" are not
        return field.slot in ANSWERED_BY_QUESTIONS and not asks_for_information(text) \
            and (speaks_of_self(text) or len(text.split()) <= SHORT_OPEN_ANSWER_WORDS)
    if field.kind in OPEN_KINDS:
        return True
    if len(text.split()) >= LONG_QUESTION_WORDS \
            and (has_interrogative(text) or any(m in text for m in QUESTION_MARKS)):
        return False
    return valid_answer and field.kind not in ("name", "place")


ANSWERED = "answered"
DONT_KNOW = "dont_know"
# Questions whose answer is never a sentence about one's situation: such a sentence that gives
# no value is read for the knowledge base (`_answered_as_situation`). Elsewhere a sentence may
# hold the answer in words the checks do not know ("ja, Kurdisch spreche ich mit meiner Oma").
_SITUATION_KINDS = frozenset({"name", "place", "birth_date", "country", "contact"})


def _language_switch(field: Field, text: str, valid_answer: bool) -> str | None:
    """The interface language a typed message asks for, at any question: an explicit request
    ("german please", "давайте по-русски"); where it cannot be the answer, also a language name
    alone ("English" at the date). At the languages questions a bare name is the answer, and a
    language inside content ("Russian teacher", "Almanca istiyorum") is never a request."""
    if is_button_payload(text):
        return None  # the language buttons go through the rules
    # at the languages questions answers name languages: only the word rules decide there
    code = requested_language(text, by_meaning=field.group != "languages_spoken")
    if code or field.group == "languages_spoken" or valid_answer or len(text.split()) > 1:
        return code
    return only_language_choice(text)


def _wants_skip(field: Field, text: str, intent: str | None, confidence: float, lang: str) -> bool:
    if is_button_payload(text):
        return intent == "skip_question"
    decline = typed_decline(field, text, lang)
    # A refusal skips (or, at a needed question, asks again with the Skip button); having no
    # contact is a clean skip of the contact question.
    if decline == "refuse" or (decline == "none" and field.kind == "contact"):
        return True
    # A classifier's guess alone never skips an open question ("الصف التاسع" is no "next").
    return intent == "skip_question" and confidence >= 0.9 and field.kind in _STRICT_KINDS


def _wants_none(field: Field, text: str, option: str | None, lang: str) -> bool:
    return field.none_allowed and (option == "none" or typed_decline(field, text, lang) == "none")


# Rejections whose text already gives an example; the others are followed by reask.<slot>.
# (invalid.place_several says only that several towns were named: reask.municipality asks.)
ERRORS_WITH_EXAMPLE = frozenset({"invalid.date_unparsed", "invalid.country", "invalid.place",
                                 "invalid.place_not_in_germany",
                                 "invalid.language", "invalid.years"})


def _named_languages(field: Field, text: str, intent: str | None, option: str | None,
                     lang: str) -> list[str]:
    """Languages typed at the languages questions; none for a button or a plain no."""
    if field.group != "languages_spoken" or field.kind not in ("language", "yes_no") \
            or option is not None or is_button_payload(text):
        return []
    words = catalogue.normalise_word(text).split()
    if field.kind == "yes_no" and (intent == "deny" or not words
                                   or catalogue.matches_lexicon(lang, "no", words[0])):
        return []
    return match_languages(text)


_LEVEL_OPTIONS = tuple(load_interview().field("spoken_language_level").options or ())


def _language_items(named: list[str], original: str, written_in: str) -> list[dict[str, Any]]:
    """The languages of one answer as items of the languages group, each with the words that
    give its level where the answer gives one ("englisch gut B2")."""
    levels = levels_beside_languages(original, written_in, _LEVEL_OPTIONS)
    return [{"code": code, "text": original, "lang": written_in,
             **({"level_text": levels[code]} if code in levels else {})} for code in named]


def _level_said(pid: str | None, words: str, written_in: str, index: int) -> list[dict[str, Any]]:
    """The level of a language said beside it, stored as the level question's answer."""
    field = load_interview().field("spoken_language_level")
    result = normalise_answer(field, words, written_in)
    if not result.ok:
        return []
    ValidateProfileForm._store(pid, field, words, (written_in, None), result.value, "given",
                               index, 1)
    return [SlotSet(field.slot, result.value)]


def _start_language_item(tracker: Tracker, languages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The next item of the languages group with its language already known (stored as the
    person said it); the rest wait in `pending_languages`."""
    interview = load_interview()
    group = interview.groups["languages_spoken"]
    index = int(tracker.get_slot(group.counter) or 0) + 1
    field = interview.field("spoken_language")
    first, rest = languages[0], languages[1:]
    lang = ui_language(tracker)
    value = normalise_answer(field, language_name(first["code"], lang), lang).value
    if value is None:  # a language code the names do not know: ask the question instead
        return [*(SlotSet(slot, None) for slot in group.slots), SlotSet(group.counter, index),
                SlotSet("pending_languages", []), *ValidateProfileForm._reset_attempts()]
    ValidateProfileForm._store(person_id(tracker), field, first["text"],
                               (first.get("lang") or lang, None), value, "given", index, 1)
    level = _level_said(person_id(tracker), first["level_text"], first.get("lang") or lang,
                        index) if first.get("level_text") else []
    return [*(SlotSet(slot, None) for slot in group.slots), SlotSet(group.counter, index),
            SlotSet("spoken_language", value), SlotSet("pending_languages", rest),
            *ValidateProfileForm._reset_attempts(), *level]


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
    if text == "/skip_question":
        return catalogue.text(lang, "button.skip")
    return text


class ValidateProfileForm(FormValidationAction):
    def name(self) -> str:
        return "validate_profile_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        interview = load_interview()
        requested = tracker.get_slot("requested_slot")
        events: list[dict[str, Any]] = []
        if requested == NAME_CONFIRMATION:
            confirmed = self._confirm_name(dispatcher, tracker)
            if confirmed is None:
                # an interruption: a rule answers, then the form asks the confirmation again
                return [SlotSet("requested_slot", NAME_CONFIRMATION)]
            events = confirmed
        elif requested in interview.slots:
            field = interview.field(requested)
            lang = ui_language(tracker)
            text = latest_text(tracker)
            intent, confidence = latest_intent(tracker)
            if looks_like_nonsense(text):
                # the classifier's guess about nonsense (a command, a yes) decides nothing
                intent, confidence = None, 0.0
            option = entity(tracker, "option")
            slots = tracker.current_slot_values()
            if field.kind == "free_text" and option is None and not is_button_payload(text):
                # "Vormittags. Kann mir das Amt bei der Krippe helfen?": the question is
                # answered, the answer before it is stored
                text = _answer_aside_question(dispatcher, tracker, field, text, lang)
            elif option is None and not is_button_payload(text):
                # "B1 habe ich. Wer bezahlt den B2-Kurs?": the same for a checked value
                text = _value_then_question(dispatcher, tracker, field, text, lang, slots)
            refusal = payload_refusal(field, text, lang, slots) \
                if is_button_payload(text) and intent not in INTERVIEW_INTERRUPTIONS else None
            if refusal:
                # Nothing is stored and no attempt is counted: the question comes again.
                say(dispatcher, lang, refusal, max=field.max_length)
                events = [SlotSet(field.slot, None)]
            else:
                # Checked once: it decides both "answer or interruption?" and what is stored.
                result = normalise_answer(field, text if option is None else
                                          _original_text(field, text, option, lang, slots), lang,
                                          option=option, intent=intent, confidence=confidence,
                                          slots=slots)
                if result.ok and field.kind in OPEN_KINDS and option is None \
                        and looks_like_nonsense(text):
                    # open questions take almost any words, but not a row of "я" or emoji
                    result = Result.reject("invalid.mash")
                switch = _language_switch(field, text, result.ok)
                if switch and switch != lang:  # the language spoken already changes nothing
                    # Asked for another language: the same question again in it, nothing stored.
                    adopt_language(dispatcher, tracker, switch)
                    return [SlotSet("language", switch), SlotSet(field.slot, None),
                            SlotSet("requested_slot", field.slot)]
                if _is_interruption(field, text, intent, confidence, lang, result.ok):
                    return []  # the form is rejected; a rule answers and the question comes again
                answered = self._answered_as_question(dispatcher, tracker, field, text, lang,
                                                      result.ok) \
                    or self._answered_as_situation(dispatcher, field, text, lang, option, result)
                if answered:
                    # Answered here, then the same question again (nothing stored, no failed
                    # try counted), whatever the classifier took the question for; after an
                    # honest "I don't know" the question may be skipped.
                    return [SlotSet(field.slot, None), SlotSet("requested_slot", field.slot),
                            *(skip_unlocked(field, tracker) if answered == DONT_KNOW else [])]
                events = self._answer(dispatcher, tracker, field, lang, text, intent, confidence,
                                      option, result)
                events.extend(offer_language_switch(dispatcher, tracker, text, lang))
        if requested != NAME_CONFIRMATION and not any(
                e.get("name") == NAME_CONFIRMATION for e in events):
            events.append(SlotSet(NAME_CONFIRMATION, None))  # nothing pending from earlier
        tracker.add_slots(events)
        next_slot = NAME_CONFIRMATION if tracker.get_slot(NAME_CONFIRMATION) else \
            next((s for s in interview.slots if tracker.get_slot(s) is None), None)
        pending = tracker.get_slot("pending_languages") or []
        while next_slot == "more_languages" and pending:
            # Several languages in one answer: the next one is the next item, its level asked
            # (unless said beside it: then the one after)
            extra = _start_language_item(tracker, pending)
            tracker.add_slots(extra)
            events.extend(extra)
            pending = tracker.get_slot("pending_languages") or []
            next_slot = next((s for s in interview.slots if tracker.get_slot(s) is None), None)
        return [*events, SlotSet("requested_slot", next_slot)]

    @staticmethod
    def _answered_as_question(dispatcher: CollectingDispatcher, tracker: Tracker, field: Field,
                              text: str, lang: str, valid_answer: bool) -> str | None:
        """Answer a question typed instead of an answer: the knowledge base's answer or its
        "Did you mean ...?" (ANSWERED); without either, "I don't know" (DONT_KNOW, kept for the
        editors) - unless such a question is taken as the answer (`_question_needs_answer`,
        None, like a message that is no question)."""
        if not _question_instead(field, text, valid_answer):
            return None
        may_be_answer = _question_needs_answer(field, valid_answer, text)
        found = find_answer(text, lang, surely_question=not may_be_answer)
        if found is not None:
            send_answer(dispatcher, lang, found)
            return ANSWERED
        if may_be_answer:
            return None
        say_dont_know(dispatcher, tracker, text, lang)
        return DONT_KNOW

    @staticmethod
    def _answered_as_situation(dispatcher: CollectingDispatcher, field: Field, text: str,
                               lang: str, option: str | None, result: Result) -> str | None:
        """A sentence that gives no value (or only a guess to confirm: "Moment, meine Steuer-ID
        ist nie angekommen" is no "Moment") and tells a situation or a need the knowledge base
        has something plausible for: its answer or "Did you mean ...?" instead of a re-ask
        that ignores it (ANSWERED; the question comes again, nothing stored, no failed try
        counted). None for anything else, which is re-asked or confirmed as before."""
        if (result.ok and not (result.confirm and field.kind == "name")) \
                or field.kind not in _SITUATION_KINDS \
                or option is not None \
                or is_button_payload(text) or says_dont_know(text, lang) \
                or not (tells_a_situation(text) or states_a_need(text)):
            return None  # "no idea, my papers were lost" asks for help with the question
        found = find_answer(text, lang, surely_question=False)
        if found is None:
            return None
        send_answer(dispatcher, lang, found)
        return ANSWERED

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

        # "keine Ahnung ehrlich gesagt" where the words gave no value: help, as for a skip
        dont_know = not result.ok and result.error != SEARCH_AGAIN \
            and not is_button_payload(text) and says_dont_know(text, lang)
        if (dont_know or _wants_skip(field, text, intent, confidence, lang)) and option is None:
            if field.optional or attempts >= interview.max_attempts:
                self._store(pid, field, original, written_in, None, "skipped", index, attempts + 1)
                say(dispatcher, lang, "skip.done")
                return [*self._fill(field, SKIPPED), *self._reset_attempts()]
            if not is_button_payload(text):
                # "I don't know", "weiß nicht", "ما بعرف": what is expected, with an example,
                # and the Skip button from now on (the caseworker goes through it later)
                say(dispatcher, lang, f"reask.{field.slot}")
                say(dispatcher, lang, "skip.offer")
                return [SlotSet(field.slot, None), *skip_unlocked(field, tracker)]
            say(dispatcher, lang, "skip.not_allowed")  # a Skip button this question did not show
            return [SlotSet(field.slot, None)]

        if _wants_none(field, text, option, lang):
            self._store(pid, field, original, written_in, {"none": True}, "given", index,
                        attempts + 1)
            return [*self._fill(field, NONE), *self._reset_attempts()]

        named = _named_languages(field, text, intent, option, lang)
        if field.slot == "more_languages" and named:
            # "Turkish too" at "another language?": yes, and this is the next language.
            return _start_language_item(tracker, _language_items(named, original, written_in[0]))
        later: list[dict[str, Any]] = []
        # each language named with the words that give its level, if they do
        items = _language_items(named, original, written_in[0]) \
            if field.slot == "spoken_language" else []
        if len(items) > 1:
            first = normalise_answer(field, language_name(named[0], lang), lang, slots=slots)
            if first.ok:  # each language its own item; their levels are asked in turn
                result = first
                later = items[1:]

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
            also = self._settle_also(dispatcher, pid, field, lang, result, written_in, index, slots)
            if result.error not in ERRORS_WITH_EXAMPLE:
                say(dispatcher, lang, f"reask.{field.slot}")  # what is expected, with an example
            if attempts >= interview.max_attempts:
                say(dispatcher, lang, "skip.offer")
            return [SlotSet(field.slot, None), SlotSet("failed_slot", field.slot),
                    SlotSet("failed_attempts", attempts), *also]

        if result.confirm and field.kind in ("name", "place"):
            return self._pend_confirmation(field, result, original, written_in)
        events = [SlotSet(field.slot, result.value), *self._reset_attempts()]
        if field.repeat:
            if result.value:  # another item of the group: ask its questions again
                group = interview.groups[field.group]
                events = [SlotSet(slot, None) for slot in group.slots]
                events.append(SlotSet(group.counter, index + 1))
                events.extend(self._reset_attempts())
            return events
        # Free text kept with what it says about start, hours, goals, training (German portal).
        stored = structured_value(field.slot, result.value, written_in[0])
        self._store(pid, field, original, written_in, stored, "given", index, attempts + 1, names)
        if field.slot == "spoken_language":
            events.append(SlotSet("pending_languages", later))
            code = result.value.get("code") if isinstance(result.value, dict) else None
            said = next((item.get("level_text") for item in items if item["code"] == code), None)
            if said:  # "russisch Muttersprache": the level is not asked
                events.extend(_level_said(pid, said, written_in[0], index))
        return [*events, *self._follow_up(dispatcher, pid, field, lang, text, written_in, result,
                                          index),
                *self._settle_also(dispatcher, pid, field, lang, result, written_in, index, slots),
                *self._given_names_without_family(pid, field, result.value, slots)]

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

    # --- answers read out of sentences: name confirmation, answers that settle two questions ---
    @staticmethod
    def _pend_confirmation(field: Field, result: Result, original: str,
                           written_in: tuple[str, float | None]) -> list[dict[str, Any]]:
        """Keep a name read out of a sentence, or a town guessed from its spelling, until the
        person confirms it."""
        pending = {"slot": field.slot, "value": result.value, "original": original,
                   "language": written_in[0], "confidence": written_in[1]}
        if result.params.get("whole"):
            pending["whole"] = result.params["whole"]  # a chain name's first part is asked
        return [SlotSet(field.slot, None), SlotSet(NAME_CONFIRMATION, pending)]

    def _confirm_name(self, dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> list[dict[str, Any]] | None:
        """The answer to "Is your first name Samira?": yes stores the name, no asks again (to
        the first part of a chain name: the whole chain is stored, as typed), anything else is
        a new answer to the name question (None: an interruption)."""
        pending = tracker.get_slot(NAME_CONFIRMATION)
        clear = SlotSet(NAME_CONFIRMATION, None)
        if not isinstance(pending, dict) or pending.get("slot") not in load_interview().slots:
            return [clear]
        field = load_interview().field(pending["slot"])
        lang = ui_language(tracker)
        text = latest_text(tracker)
        intent, confidence = latest_intent(tracker)
        answer = normalise_yes_no(text, lang, intent, confidence)
        family_ahead = not answer.ok and _repeats_family_name(field, pending, text, lang)
        if family_ahead:
            # "adım Elif Nur, soyadım Kaplan" → "Is your first name Elif Nur?" → "Kaplan": the
            # person goes on to the family name they gave; the first names stand, and the
            # family name is taken as its answer
            answer = Result(value=True)
        if answer.ok and not answer.value and pending.get("whole"):
            # "Is your first name Ahmad?" to "Ahmad Reza Nazari": no, all of it is
            answer, pending = Result(value=True), {**pending, "value": pending["whole"]}
        if answer.ok and answer.value:
            value = pending["value"]
            if isinstance(value, dict) and value.get("status") == "uncertain":
                value = {**value, "status": "confirmed"}  # a guessed town the person confirmed
            pid = person_id(tracker)
            self._store(pid, field, pending["original"],
                        (pending["language"], pending["confidence"]), value, "given",
                        _item_index(field, tracker), 1)
            events = [clear, SlotSet(field.slot, value), *self._reset_attempts(),
                      *self._given_names_without_family(pid, field, value,
                                                        tracker.current_slot_values())]
            if family_ahead:
                tracker.add_slots(events)
                family = load_interview().field("family_name")
                events += self._answer(dispatcher, tracker, family, lang, text, intent, confidence,
                                       None, normalise_answer(family, text, lang, intent=intent,
                                                              confidence=confidence))
            return events
        if answer.ok:
            say(dispatcher, lang, "extraction.place_rejected" if field.kind == "place"
                else "extraction.name_rejected")
            return [clear, SlotSet(field.slot, None)]
        result = normalise_answer(field, text, lang, intent=intent, confidence=confidence)
        switch = _language_switch(field, text, result.ok)
        if switch:  # "german please": the confirmation again, in German
            adopt_language(dispatcher, tracker, switch)
            return [SlotSet("language", switch), SlotSet(NAME_CONFIRMATION, pending)]
        if _is_interruption(field, text, intent, confidence, lang, result.ok):
            return None
        answered = self._answered_as_question(dispatcher, tracker, field, text, lang, result.ok)
        if answered:
            return [SlotSet(NAME_CONFIRMATION, pending),  # "Is your first name ...?" again
                    *(skip_unlocked(field, tracker) if answered == DONT_KNOW else [])]
        if field.kind == "place" and result.ok and isinstance(result.value, dict) \
                and result.value.get("status") == "unknown":
            # "Do you live in Leipzig?" answered with words that name no place (the phone
            # number typed ahead, hand-run): the guessed town is not replaced by them
            say(dispatcher, lang, "invalid.yes_no")
            return [SlotSet(NAME_CONFIRMATION, pending)]
        return [clear, *self._answer(dispatcher, tracker, field, lang, text, intent, confidence,
                                     None, result)]

    def _settle_also(self, dispatcher: CollectingDispatcher, pid: str | None, field: Field,
                     lang: str, result: Result, written_in: tuple[str, float | None],
                     index: int, slots: dict[str, Any]) -> list[dict[str, Any]]:
        """Other questions one answer settles: "12 years" at the school type is the school
        years too; years noted before the school type are compared with the type chosen."""
        also = dict(result.also)
        if result.ok and field.slot == "school_type" and "school_years" not in also:
            rederived = rederive_school_years(result.value, slots.get("school_years"))
            if rederived:
                also["school_years"] = rederived
        events: list[dict[str, Any]] = []
        for slot, value in also.items():
            self._store(pid, load_interview().field(slot), "", written_in, value, "given",
                        index, 0)
            events.append(SlotSet(slot, value))
            if result.ok and slot == "school_years" and value.get("german_equivalent"):
                say(dispatcher, lang, "school.result", level=catalogue.text(
                    lang, f"school.equivalent.{value['german_equivalent']}"))
        return events

    @staticmethod
    def _given_names_without_family(pid: str | None, field: Field, family: Any,  # noqa: ANN401
                                    slots: dict[str, Any]) -> list[dict[str, Any]]:
        """"Fatima Al-Sayed" typed at the first name, then "Al-Sayed" at the family name: the
        family name is taken off the first names (the words typed stay with the answer)."""
        given = slots.get("given_names")
        if field.slot != "family_name" or not isinstance(given, str) \
                or not isinstance(family, str) or not family.strip():
            return []
        words, tail = given.split(), family.split()
        if len(words) <= len(tail) or [w.casefold() for w in words[-len(tail):]] \
                != [w.casefold() for w in tail]:
            return []
        trimmed = " ".join(words[:-len(tail)])
        if pid is not None:
            row = next((f for f in (repository().snapshot(pid) or {}).get("fields", [])
                        if f["field"] == "given_names"), None)
            if row is not None:
                repository().save_answer(
                    pid, "given_names", original_text=row["original_text"] or "",
                    language=row["original_language"] or "", value=trimmed, status=row["status"],
                    item_index=0, attempts=row.get("attempts") or 1,
                    language_confidence=row["language_confidence"])
        return [SlotSet("given_names", trimmed)]

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


class ActionAskNameConfirmation(Action):
    """Asks "Is your first name Samira?" with the Latin spelling the CV will use, or "Do you
    live in Delitzsch (Landkreis Nordsachsen, Sachsen)?" for a guessed town."""

    def name(self) -> str:
        return "action_ask_name_confirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        pending = tracker.get_slot(NAME_CONFIRMATION)
        if not isinstance(pending, dict):
            return []
        lang = ui_language(tracker)
        if isinstance(pending["value"], dict):  # a place guessed from the words typed
            send(dispatcher, lang, catalogue.text(lang, "extraction.confirm_municipality",
                                                  place=place_label(pending["value"])),
                 [button(lang, "button.yes", "/affirm"), button(lang, "button.no", "/deny")])
            return []
        name = str(pending["value"])
        lines = [catalogue.text(lang, f"extraction.confirm_{pending['slot']}", name=name)]
        # the same hint as the CV (documents/cv.py): the interface language decides uk/ru
        hint = lang if lang in ("uk", "ru") else pending.get("language")
        if scheme(name, hint):
            lines.append(catalogue.text(lang, "extraction.latin_spelling",
                                        latin=name_to_latin(name, hint)))
        send(dispatcher, lang, "\n".join(lines),
             [button(lang, "button.yes", "/affirm"), button(lang, "button.no", "/deny")])
        return []


class ActionShowSummary(Action):
    def name(self) -> str:
        return "action_show_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
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
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        pid = person_id(tracker)
        if pid:
            repository().set_status(pid, "complete")
        lang = ui_language(tracker)
        say(dispatcher, lang, "goodbye.done")
        # "all correct. but my tax ID never came": done, and what follows gets its answer
        answer_after_a_decision(dispatcher, tracker, lang)
        return [SlotSet("stage", "done")]


class ActionStartCorrection(Action):
    """Forget one answer (or group) so the interview asks it again, or ask which one."""

    def name(self) -> str:
        return "action_start_correction"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
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
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        say(dispatcher, ui_language(tracker), "interview.stopped")
        return [SlotSet("stage", "paused")]


class ActionResumeInterview(Action):
    def name(self) -> str:
        return "action_resume_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:  # a question or nonsense the classifier took for this
            return misrouted
        say(dispatcher, ui_language(tracker), "interview.resumed")
        return [SlotSet("stage", "interview")]
