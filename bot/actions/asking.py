"""The questions: one `action_ask_<slot>` per interview field, with its buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import button, intent_payload, latest_text, say, send, ui_language
from bot.actions.knowledge import asks_question
from bot.normalisers.occupations import NONE as NONE_OF_THESE
from bot.normalisers.occupations import chosen_name
from bot.normalisers.places import country_name
from bot.normalisers.schooling import country_code, higher_education_options, school_type_options
from dialogues import catalogue
from dialogues.interview import NONE, Field, load_interview
from dialogues.languages import INTERFACE_LANGUAGES
from nlu.language_names import language_name
from nlu.language_requests import requested_language


def offered_options(field: Field, lang: str, slots: dict[str, Any]) -> list[tuple[str, str]]:
    """(option, button label) of a question answered by choosing: fixed in interview.yml, or
    depending on earlier answers (school types of the country, occupations found for a job)."""
    if field.kind == "choice":
        return [(o, catalogue.text(lang, field.option_key(o))) for o in field.options]
    if field.kind == "school_type":
        return school_type_options(country_code(slots.get("school_country")), lang)
    if field.kind == "qualification":
        return higher_education_options(lang)
    if field.kind == "occupation":
        candidates = slots.get("occupation_candidates") or []
        return [*((c["kldb"], c["label"]) for c in candidates),
                (NONE_OF_THESE, catalogue.text(lang, "occupation.none_of_these"))]
    return []


def question_buttons(field: Field, lang: str, tracker: Tracker) -> list[dict[str, str]]:
    buttons = [{"title": label, "payload": intent_payload("inform", option=option)}
               for option, label in offered_options(field, lang, tracker.current_slot_values())]
    if field.kind == "yes_no":
        buttons = [button(lang, "button.yes", "/affirm"), button(lang, "button.no", "/deny")]
    if field.none_allowed:
        buttons.append(button(lang, "button.none", intent_payload("inform", option="none")))
    failed = (tracker.get_slot("failed_slot") == field.slot
              and (tracker.get_slot("failed_attempts") or 0) >= load_interview().max_attempts)
    if field.optional or failed:
        buttons.append(button(lang, "button.skip", "/skip_question"))
    return buttons


def question_params(field: Field, lang: str, tracker: Tracker) -> dict[str, Any]:
    if field.slot == "spoken_language_level":
        spoken = tracker.get_slot("spoken_language") or {}
        return {"language": language_name(spoken.get("code", ""), lang)}
    if field.slot == "job_occupation":
        candidates = tracker.get_slot("occupation_candidates") or []
        if candidates and candidates[0].get("query"):
            return {"job": candidates[0]["query"]}
    if field.slot in ("job_years", "job_country"):
        chosen = chosen_name(tracker.get_slot("job_occupation"), lang)
        if chosen:
            return {"job": chosen}
    if field.slot in ("job_years", "job_country", "job_occupation"):
        job = tracker.get_slot("job_title")
        return {"job": job if isinstance(job, str) and job != NONE else "…"}
    if field.slot == "school_type":
        code = country_code(tracker.get_slot("school_country"))
        return {"country": country_name(code, lang) if code else "…"}
    return {}


def question_key(field: Field, tracker: Tracker) -> str:
    """The question; for occupations typed anew, the other suggestions found for them."""
    if field.kind == "occupation":
        candidates = tracker.get_slot("occupation_candidates") or []
        if candidates and candidates[0].get("query") != tracker.get_slot("job_title"):
            return "occupation.other_suggestions"
    return f"ask.{field.slot}"


class AskField(Action):
    """Asks one interview question in the person's language."""

    slot: str = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        field = load_interview().field(self.slot)
        say(dispatcher, lang, question_key(field, tracker), question_buttons(field, lang, tracker),
            **question_params(field, lang, tracker))
        return []


# One concrete action class per interview field, named after it (rasa_sdk registers
# every Action subclass it finds).
for _field in load_interview().fields:
    _name = "Ask" + "".join(part.title() for part in _field.slot.split("_"))
    globals()[_name] = type(_name, (AskField,), {"slot": _field.slot})


class ActionAskLanguage(Action):
    """The language question, once in every interface language, with native-name buttons."""

    def name(self) -> str:
        return "action_ask_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lines = [catalogue.text(lang.code, "language.choose") for lang in INTERFACE_LANGUAGES]
        buttons = [
            {"title": lang.native_name,
             "payload": intent_payload("choose_language", language=lang.code)}
            for lang in INTERFACE_LANGUAGES
        ]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons,
                                 json_message={"lang": "mul", "dir": "auto"})
        return []


class ActionAskConsentGiven(Action):
    def name(self) -> str:
        return "action_ask_consent_given"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        # after an answered question the consent question alone; "можно на русском?" chose the
        # language and was answered by nothing: the explanation comes in that language
        if not asks_question(tracker) or requested_language(latest_text(tracker)):
            say(dispatcher, lang, "consent.explain")
        send(dispatcher, lang, catalogue.text(lang, "consent.question"),
             [button(lang, "consent.yes", "/affirm"), button(lang, "consent.no", "/deny")])
        return []
