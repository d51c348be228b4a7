"""Answers to what people say between the questions: greetings, why, off-topic, goodbye."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import button, latest_text, say, ui_language
from bot.actions.knowledge import (
    MIN_QUESTION_WORDS,
    find_answer,
    say_dont_know,
    send_answer,
)
from bot.actions.message_language import offer_language_switch
from bot.actions.routing import (
    ASKING_STAGES,
    handle_misrouted,
    looks_like_nonsense,
    profile_on_request,
    repeat_stage_question,
    situation_told_where_only_questions_are,
    switch_on_request,
)
from nlu.questions import is_real_question, reads_as_question


def _yes_no(lang: str) -> list[dict[str, str]]:
    return [button(lang, "button.yes", "/affirm"), button(lang, "button.no", "/deny")]


class ActionGreet(Action):
    """A returning person is welcomed back where they are."""

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:
            return misrouted
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
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:
            return misrouted
        lang = ui_language(tracker)
        requested = tracker.get_slot("requested_slot")
        if tracker.active_loop.get("name") == "profile_form" and requested:
            pending = tracker.get_slot("name_confirmation")
            if requested == "name_confirmation" and isinstance(pending, dict) \
                    and pending.get("slot") == "municipality":
                requested = "municipality"  # "Do you live in Leipzig?": why the town is asked
            say(dispatcher, lang, f"why.{requested}")
        else:
            say(dispatcher, lang, "consent.why")
        return []


class ActionOffTopic(Action):
    def name(self) -> str:
        return "action_off_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        switched = switch_on_request(dispatcher, tracker)
        if switched is not None:
            return switched
        profile = profile_on_request(tracker)
        if profile is not None:
            return profile
        lang = ui_language(tracker)
        # Off-topic for the interview may still be something the knowledge base answers.
        text = latest_text(tracker)
        hit = find_answer(text, lang, surely_question=reads_as_question(text))
        in_form = bool(tracker.active_loop.get("name"))
        if hit is not None:
            send_answer(dispatcher, lang, hit)
        elif (len(text.split()) >= MIN_QUESTION_WORDS or reads_as_question(text)) \
                and not text.startswith("/") and not looks_like_nonsense(text) \
                and (tracker.active_loop.get("name") != "profile_form" or reads_as_question(text)):
            # A sentence the classifier put outside the interview is a question, with or
            # without "?" (people rarely type one), and so is a short one that reads as a
            # question ("Kita wo?"): an honest "I don't know", kept for the
            # editors after consent, instead of a brush-off. During the interview only what
            # reads as a question is kept: the rest is a wrong answer, not a question.
            say_dont_know(dispatcher, tracker, text, lang)
        else:
            in_interview = tracker.active_loop.get("name") == "profile_form"
            say(dispatcher, lang, "interview.off_topic" if in_interview else "offtopic.general")
        if not in_form:
            # at the summary (or paused, or deleting) the question that is open comes again
            repeat_stage_question(dispatcher, tracker, lang, after_answer=True)
        return []


class ActionNotUnderstood(Action):
    """The fallback: say so, then repeat what the person can answer right now."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        switched = switch_on_request(dispatcher, tracker)
        if switched is not None:
            return switched
        profile = profile_on_request(tracker)
        if profile is not None:
            return profile
        lang = ui_language(tracker)
        # Not understood because it is written in another language? Offer to switch.
        offer = offer_language_switch(dispatcher, tracker, latest_text(tracker), lang)
        if offer:
            return [UserUtteranceReverted(), *offer]  # after the revert, so the offer is kept
        text = latest_text(tracker)
        hit = find_answer(text, lang, surely_question=is_real_question(text))
        in_form = bool(tracker.active_loop.get("name"))
        told = situation_told_where_only_questions_are(tracker, text)
        if hit is not None or ((is_real_question(text) or told) and not in_form):
            # not a command, but a question (or, where only questions are left, a sentence
            # telling a situation): the knowledge base's answer or an honest "I don't know"
            # (a form asks its own question again after the fallback)
            if hit is not None:
                send_answer(dispatcher, lang, hit)
            else:
                say_dont_know(dispatcher, tracker, text, lang)
            if not in_form:
                repeat_stage_question(dispatcher, tracker, lang, after_answer=True)
            return [UserUtteranceReverted()]
        if tracker.get_slot("stage") in ASKING_STAGES and not in_form \
                and not any(ch.isalnum() for ch in text):
            # "👍" after a refusal or at the end acknowledges; nothing was misunderstood
            repeat_stage_question(dispatcher, tracker, lang)
            return [UserUtteranceReverted()]
        say(dispatcher, lang, "interview.not_understood")
        repeat_stage_question(dispatcher, tracker, lang)
        # Like Rasa's default fallback: forget the turn, so the next message starts fresh.
        return [UserUtteranceReverted()]


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        misrouted = handle_misrouted(dispatcher, tracker)
        if misrouted is not None:
            return misrouted
        say(dispatcher, ui_language(tracker), "goodbye.plain")
        return []
