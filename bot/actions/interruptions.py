"""Answers to what people say between the questions: greetings, why, off-topic, goodbye."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import button, latest_text, say, ui_language
from bot.actions.knowledge import MIN_QUESTION_WORDS, find_answer, say_dont_know, send_answer
from bot.actions.message_language import offer_language_switch
from nlu.questions import reads_as_question


def _yes_no(lang: str) -> list[dict[str, str]]:
    return [button(lang, "button.yes", "/affirm"), button(lang, "button.no", "/deny")]


class ActionGreet(Action):
    """A returning person is welcomed back where they are."""

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        stage = tracker.get_slot("stage")
        if stage == "paused" and not tracker.active_loop.get("name"):
            say(dispatcher, lang, "interview.resume_offer", _yes_no(lang))
        elif stage == "done":
            say(dispatcher, lang, "greeting.done")
        elif stage == "declined":
            say(dispatcher, lang, "dialogue.declined_help")
        else:
            say(dispatcher, lang, "interview.resumed")
        return []


class ActionExplainWhy(Action):
    """Why the current question is asked; outside a question, why we ask at all."""

    def name(self) -> str:
        return "action_explain_why"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        requested = tracker.get_slot("requested_slot")
        if tracker.active_loop.get("name") == "profile_form" and requested:
            say(dispatcher, lang, f"why.{requested}")
        else:
            say(dispatcher, lang, "consent.why")
        return []


class ActionOffTopic(Action):
    def name(self) -> str:
        return "action_off_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        # Off-topic for the interview may still be something the knowledge base answers.
        text = latest_text(tracker)
        hit = find_answer(text, lang)
        if hit is not None:
            send_answer(dispatcher, lang, hit)
            return []
        in_interview = tracker.active_loop.get("name") == "profile_form"
        if len(text.split()) >= MIN_QUESTION_WORDS and not text.startswith("/") \
                and (not in_interview or reads_as_question(text)):
            # A sentence the classifier put outside the interview is a question, with or
            # without "?" (people rarely type one): an honest "I don't know", kept for the
            # editors after consent, instead of a brush-off. During the interview only what
            # reads as a question is kept: the rest is a wrong answer, not a question.
            say_dont_know(dispatcher, tracker, text, lang)
            return []
        say(dispatcher, lang, "interview.off_topic" if in_interview else "offtopic.general")
        return []


class ActionNotUnderstood(Action):
    """The fallback: say so, then repeat what the person can answer right now."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        lang = ui_language(tracker)
        # Not understood because it is written in another language? Offer to switch.
        offer = offer_language_switch(dispatcher, tracker, latest_text(tracker), lang)
        if offer:
            return [UserUtteranceReverted(), *offer]  # after the revert, so the offer is kept
        hit = find_answer(latest_text(tracker), lang)
        if hit is not None:  # not a command, but a question the knowledge base answers
            send_answer(dispatcher, lang, hit)
            return [UserUtteranceReverted()]
        say(dispatcher, lang, "interview.not_understood")
        stage = tracker.get_slot("stage")
        if stage == "paused":
            say(dispatcher, lang, "interview.resume_offer", _yes_no(lang))
        elif stage == "summary":
            say(dispatcher, lang, "summary.question",
                [button(lang, "summary.all_correct", "/affirm"),
                 button(lang, "summary.change", "/deny")])
        elif stage == "deleting":
            say(dispatcher, lang, "data.delete_confirm",
                [button(lang, "data.delete_yes", "/affirm"),
                 button(lang, "data.delete_no", "/deny")])
        elif stage == "done":
            say(dispatcher, lang, "greeting.done")
        elif stage == "declined":
            say(dispatcher, lang, "dialogue.declined_help")
        # Like Rasa's default fallback: forget the turn, so the next message starts fresh.
        return [UserUtteranceReverted()]


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        say(dispatcher, ui_language(tracker), "goodbye.plain")
        return []
