"""The language of what a person writes: which language an answer is stored in, and when
to offer to continue the conversation in another language.

The decision itself (fastText + script rules + priors) lives in nlu/language_identification.py;
this module applies it to the conversation.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import (
    intent_payload,
    is_button_payload,
    latest_text,
    metadata,
    send,
    ui_language,
)
from dialogues import catalogue
from dialogues.languages import CODES
from nlu.language_identification import detect, switch_candidate
from nlu.language_names import language_name

# Below this an answer keeps the interface language: a guess on a short answer is noise.
ANSWER_LANGUAGE_CONFIDENCE = 0.8


def client_hint(tracker: Tracker) -> str | None:
    hint = metadata(tracker).get("language_hint")
    return str(hint)[:16] if hint else None


def answer_language(tracker: Tracker, text: str, ui_lang: str) -> tuple[str, float | None]:
    """The language an answer is written in, with the identifier's confidence; the interface
    language (confidence None) when the text is a button, too short or unclear."""
    if not text.strip() or is_button_payload(text):
        return ui_lang, None
    detection = detect(text, chosen=ui_lang, hint=client_hint(tracker))
    if detection.lang and detection.supported and detection.confidence >= ANSWER_LANGUAGE_CONFIDENCE:
        return detection.lang, round(detection.confidence, 3)
    return ui_lang, None


# A question before any language choice is answered in the language it is written in when the
# identifier's best guess is an interface language with at least this probability: without a
# choice, the default language is a worse guess than that ("hi where do i register my adress
# in leipzig?" is English at 0.4, Italian next at 0.18).
QUESTION_LANGUAGE_CONFIDENCE = 0.3


def written_language(tracker: Tracker) -> str:
    """The interface language the latest message is written in, else the interface language."""
    text = latest_text(tracker)
    fallback = ui_language(tracker)
    if not text.strip() or is_button_payload(text):
        return fallback
    detection = detect(text, hint=client_hint(tracker))
    code = "fa" if detection.lang == "prs" else detection.lang
    if code in CODES and detection.confidence >= QUESTION_LANGUAGE_CONFIDENCE:
        return code
    return fallback


def offer_language_switch(dispatcher: CollectingDispatcher, tracker: Tracker, text: str,
                          ui_lang: str) -> list[dict[str, Any]]:
    """Ask, in both languages, whether to go on in the language the person writes in.

    Only a longer message that is confidently in another interface language counts, and each
    language is offered once per conversation (a "no" is not asked again)."""
    if not text or is_button_payload(text):
        return []
    offered = list(tracker.get_slot("language_offers") or [])
    candidate = switch_candidate(text, ui_lang, hint=client_hint(tracker), declined=offered)
    if candidate is None or candidate.lang is None:
        return []
    new = candidate.lang
    send(dispatcher, new, catalogue.text(new, "language.switch_offer",
                                         language=language_name(new, new)))
    send(dispatcher, ui_lang,
         catalogue.text(ui_lang, "language.switch_offer", language=language_name(new, ui_lang)),
         [button_in(new, "language.switch_yes", new),
          button_in(ui_lang, "language.switch_no", ui_lang)])
    return [SlotSet("language_offers", [*offered, new])]


def button_in(lang: str, key: str, target: str) -> dict[str, str]:
    """A button whose label is in `lang`, naming language `target` in its own name."""
    return {"title": catalogue.text(lang, key, language=language_name(target, target)),
            "payload": intent_payload("choose_language", language=target)}

