"""Rasa NLU component: a language changes only when the person asks for it.

The classifier takes many messages that merely name a language for a language choice ("do you
know a psychologist who speaks Russian?", "I studied French literature"); the rules would then
open the language picker and the message would be lost. After the classifiers this component
keeps `choose_language` only for a message that is nothing but a language choice ("English
please", "العربية", "можно по-русски?"), an explicit request with a reason ("Türkçe yazar
mısınız?", "давайте по-русски, мне так проще") or a curated command phrase, and `change_language` only
when the message names no language besides (or only the one chosen); everything else becomes a
question (`out_of_scope`) or an answer (`inform`), so it is answered or stored as said.
Buttons (`/choose_language{...}`) never pass through NLU and are not affected.

    - name: nlu.language_request_guard.LanguageRequestGuard   # after FallbackClassifier
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.commands import curated_intent
from nlu.language_names import match_languages, only_language_choice
from nlu.language_requests import asks_to_change_language, requested_language

LANGUAGE_INTENTS = ("choose_language", "change_language")
# A request to change the language without naming one is short ("Sprache ändern", "другой язык").
MAX_CHANGE_REQUEST_WORDS = 8


def is_language_request(text: str, intent: str) -> bool:
    """Whether a message classified as `intent` really asks for another interface language."""
    # the word rules only: a request only the meaning finds is carried out by the actions, which
    # know the stage (at the summary, "add English please" corrects the profile)
    if curated_intent(text) in LANGUAGE_INTENTS or only_language_choice(text) \
            or requested_language(text, by_meaning=False):
        return True
    if intent == "change_language":
        return not match_languages(text) and len(text.split()) <= MAX_CHANGE_REQUEST_WORDS \
            and asks_to_change_language(text)
    return False


def is_question_shaped(text: str) -> bool:
    return text.rstrip().endswith(("?", "؟"))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageRequestGuard(GraphComponent, IntentClassifier):
    """Turns a language intent that is no language request into a question or an answer, and
    the curated words for the language picker into that request."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options."""
        return {}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LanguageRequestGuard:
        """Creates the component (nothing to load)."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Rewrites the intent (and ranking) of each message that names a language in passing."""
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get("name")
            text = message.get(TEXT) or ""
            if name not in LANGUAGE_INTENTS and not text.startswith("/") \
                    and curated_intent(text) == "change_language":
                # "Sprache ändern", "другой язык" are the curated words for the language picker,
                # whatever the classifier made of them ("ändern" also corrects an answer)
                _put_first(message, {"name": "change_language", "confidence": 1.0},
                           message.get(INTENT_RANKING_KEY) or [])
                continue
            if name not in LANGUAGE_INTENTS or text.startswith("/") \
                    or is_language_request(text, name):
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                       if r.get("name") not in LANGUAGE_INTENTS]
            fallback = "out_of_scope" if is_question_shaped(text) else next(
                (r["name"] for r in ranking if r.get("name") in ("out_of_scope", "inform")),
                "inform")
            _put_first(message, {"name": fallback, "confidence": intent.get("confidence", 0.0)},
                       ranking)
        return messages


def _put_first(message: Message, intent: dict[str, Any], ranking: list[dict[str, Any]]) -> None:
    """Make `intent` the message's intent, first in its ranking before the others of `ranking`."""
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY,
                [intent, *[r for r in ranking if r.get("name") != intent["name"]]],
                add_to_output=True)
