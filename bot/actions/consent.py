"""Consent before any question: recorded when given, nothing stored when refused."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import (
    channel,
    external_id,
    is_button_payload,
    latest_intent,
    latest_text,
    organisation,
    repository,
    say,
    ui_language,
)
from bot.actions.knowledge import answer_after_a_decision, answer_question, asks_question
from bot.actions.language_choice import adopt_language, requested_switch
from bot.actions.routing import (
    command_plausible,
    handle_misrouted,
    looks_like_nonsense,
    question_for_knowledge,
)
from dialogues import catalogue
from nlu.profile_requests import agrees_in_words
from nlu.questions import asks_about_the_data, is_real_question, tells_a_situation

# Consent and its refusal need a clear yes or no: a guess of the classifier counts from here.
DECISION_CONFIDENCE = 0.9
# Intents that leave the consent question for a moment (rules in bot/data/rules.yml).
CONSENT_INTERRUPTIONS = frozenset(
    {"ask_why", "change_language", "choose_language", "show_my_data", "delete_my_data",
     "stop_interview", "goodbye"}
)


def _says(lang: str, word: str, text: str) -> bool:
    """A plain yes or no, alone or opening a sentence ("no, I don't want to give my data",
    "ja, gerne"); a question that starts with it ("no, but where ...?") is no decision."""
    if catalogue.matches_lexicon(lang, word, text):
        return True
    words = catalogue.normalise_word(text).split()
    return len(words) > 1 and catalogue.matches_lexicon(lang, word, words[0]) \
        and not text.rstrip().endswith(("?", "؟"))


class ValidateConsentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_consent_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if tracker.get_slot("requested_slot") != "consent_given":
            return []
        lang = ui_language(tracker)
        text = latest_text(tracker)
        intent, confidence = latest_intent(tracker)
        if looks_like_nonsense(text):
            intent, confidence = None, 0.0  # a guess about nonsense decides nothing
        switch = requested_switch(tracker)
        if switch:
            # "can we do this in English?": the consent question again, in that language
            adopt_language(dispatcher, tracker, switch)
            return [SlotSet("language", switch), SlotSet("consent_given", None),
                    SlotSet("requested_slot", "consent_given")]
        said_no = _says(lang, "no", text)
        # "خوب باشه قبول دارم", "na gut, einverstanden": agreement in words is a yes
        said_yes = _says(lang, "yes", text) or (not said_no and agrees_in_words(text))
        asks = not said_yes and not said_no and asks_question(tracker)
        # A story the knowledge base has something for is no command, whatever words it shares
        # with one ("… polis durdurursa …" holds "durdur", stop)
        story = asks and tells_a_situation(text) and not is_real_question(text)
        if (not said_yes and not said_no and not story and intent in CONSENT_INTERRUPTIONS
                and not asks_about_the_data(text)
                and (is_button_payload(text) or (
                    confidence >= 0.75 and command_plausible(text, intent)
                    and not question_for_knowledge(text, intent)))):
            return []  # the rules answer it, then the consent question comes again
        if asks:
            # A question before deciding is answered (nothing stored), then consent is asked
            # again; the person who consents afterwards is not asked the question again.
            answer_question(dispatcher, tracker, lang)
            return [SlotSet("consent_given", None), SlotSet("requested_slot", "consent_given")]
        if not said_yes and not said_no and tells_a_situation(text) \
                and not (intent in ("affirm", "deny") and confidence >= DECISION_CONFIDENCE):
            # A situation told without a clear question ("my colleagues mock my accent"): the
            # closest entries if any come near, else an honest "I don't know" (nothing stored),
            # then the consent question again.
            answer_question(dispatcher, tracker, lang)
            return [SlotSet("consent_given", None), SlotSet("requested_slot", "consent_given")]
        if said_yes or said_no:
            # "nein danke. wo bekomme ich einen Kitaplatz": the decision counts, and the
            # question is answered too (before consent nothing of it is stored)
            answer_after_a_decision(dispatcher, tracker, lang)
        # Consent and its refusal need a clear yes or no: a guess of the classifier is not enough.
        if said_yes or (not said_no and intent == "affirm" and confidence >= DECISION_CONFIDENCE):
            if channel(tracker) is None:
                # an id no channel made (Rasa's HTTP API): nobody to store a profile for
                say(dispatcher, lang, "consent.required")
                return [SlotSet("consent_given", None), SlotSet("requested_slot", "consent_given")]
            repository().register_consent(
                channel=channel(tracker),
                external_id=external_id(tracker),
                language=lang,
                text_version=catalogue.consent_version(lang),
                organisation_slug=organisation(tracker),
            )
            return [SlotSet("consent_given", True), SlotSet("requested_slot", None)]
        if said_no or (intent == "deny" and confidence >= DECISION_CONFIDENCE):
            return [SlotSet("consent_given", False), SlotSet("requested_slot", None)]
        say(dispatcher, lang, "consent.required")
        return [SlotSet("consent_given", None), SlotSet("requested_slot", "consent_given")]


class ActionConsentDecided(Action):
    def name(self) -> str:
        return "action_consent_decided"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        if tracker.get_slot("consent_given"):
            say(dispatcher, lang, "consent.thanks")
            return [SlotSet("stage", "interview")]
        say(dispatcher, lang, "consent.declined")
        say(dispatcher, lang, "dialogue.declined_help")
        # A refusal stores nothing about the person and is respected: no consent question
        # again unless they ask for a profile; they can go on asking questions. The pre-consent
        # conversation stays in the (encrypted) tracker like any question-only conversation;
        # "delete my data" erases it.
        return [SlotSet("stage", "declined")]


class ActionStartProfile(Action):
    """After a refusal, someone who now wants a profile is asked for consent again; a mere
    "ok" or "👍" to the refusal's reply starts nothing."""

    def name(self) -> str:
        return "action_start_profile"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        # "how do I register my child at kindergarten?" taken for "start" is answered instead
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:
            return misrouted
        if latest_intent(tracker)[0] == "affirm":
            # a wish for the profile in words was taken above (routing.profile_on_request)
            say(dispatcher, ui_language(tracker), "dialogue.declined_help")
            return [UserUtteranceReverted()]
        return [SlotSet("stage", "consent"), SlotSet("consent_given", None)]
