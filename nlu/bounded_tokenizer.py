"""Rasa's whitespace tokenizer, keeping at most the first `max_tokens` tokens of a message.

What a message costs the NLU grows with its tokens: DIET attends over every pair of them
(20,000 one-letter words took 40 s and 9.5 GB through /model/parse). The channels refuse such
messages before the NLU (channels/limits.py); this bounds the NLU itself, whatever the path a
text takes to it (Rasa's HTTP API for evaluation tools, a future channel). A chat message's
intent and entities are said in its first words; the whole text stays the message's text.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

__all__ = ["MAX_TOKENS", "BoundedWhitespaceTokenizer"]

# The channels' word cap (channels/limits.py MAX_MESSAGE_WORDS): below it nothing changes.
MAX_TOKENS = 700


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class BoundedWhitespaceTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer whose messages have at most `max_tokens` tokens."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**WhitespaceTokenizer.get_default_config(), "max_tokens": MAX_TOKENS}

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        limit = int(self._config.get("max_tokens") or MAX_TOKENS)
        return super().tokenize(message, attribute)[:limit]
