"""The NLU's tokenizer keeps a message's first tokens, so that no text costs the NLU more than
a message at the channels' word cap."""

from __future__ import annotations

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from channels.limits import MAX_MESSAGE_WORDS
from nlu.bounded_tokenizer import MAX_TOKENS, BoundedWhitespaceTokenizer


def _tokens(text: str, **config: int) -> list[str]:
    tokenizer = BoundedWhitespaceTokenizer({**BoundedWhitespaceTokenizer.get_default_config(),
                                            **config})
    message = Message(data={TEXT: text})
    tokenizer.process([message])
    return [token.text for token in message.get("text_tokens")]


def test_an_ordinary_message_is_tokenized_as_by_rasa():
    assert _tokens("Wo kann ich mich in Leipzig anmelden?") == [
        "Wo", "kann", "ich", "mich", "in", "Leipzig", "anmelden"]
    assert _tokens("اسمي سميرة، من حلب 😀") == ["اسمي", "سميرة", "من", "حلب"]


def test_a_long_text_keeps_its_first_tokens_only():
    text = " ".join(f"w{i}" for i in range(20_000))
    tokens = _tokens(text)
    assert len(tokens) == MAX_TOKENS
    assert tokens[:2] == ["w0", "w1"] and tokens[-1] == f"w{MAX_TOKENS - 1}"
    assert _tokens(text, max_tokens=5) == ["w0", "w1", "w2", "w3", "w4"]


def test_the_limit_is_the_channels_word_cap():
    # below the cap nothing a channel lets through is cut
    assert MAX_TOKENS == MAX_MESSAGE_WORDS
