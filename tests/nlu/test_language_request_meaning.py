"""Requests for another chat language read by meaning, measured on a development set that
someone who never saw the classifier or its training data wrote (tests/data/language_requests/,
see its SOURCES.md). `-s` prints the figures."""

import json
from pathlib import Path

import pytest
import yaml

from nlu import language_request_meaning as meaning
from nlu.language_requests import requested_language

DEV = Path(__file__).parents[1] / "data" / "language_requests"


def _dev_items() -> list[tuple[str, str | None, str]]:
    items = []
    for path in sorted(DEV.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items += [(data["language"], item["request"], item["text"]) for item in data["items"]]
    return items


def test_training_file_has_both_labels_in_every_language():
    found = {(lang, label) for lang, label, _ in meaning.examples()}
    for lang in ("de", "en", "ar", "fa", "uk", "ru", "tr"):
        assert {(lang, "request"), (lang, "content")} <= found


def test_development_set_figures():
    items = _dev_items()
    counts = {"right": 0, "false_switch": 0, "missed": 0, "wrong_language": 0}
    for _, expected, text in items:
        got = requested_language(text)
        key = ("right" if got == expected else "false_switch" if expected is None
               else "missed" if got is None else "wrong_language")
        counts[key] += 1
    requests = sum(1 for _, expected, _ in items if expected)
    figures = {"items": len(items), "requests": requests, **counts,
               "accuracy": round(counts["right"] / len(items), 3),
               "recall": round((requests - counts["missed"] - counts["wrong_language"])
                               / requests, 3)}
    print(json.dumps(figures))
    # a wrong switch loses the person's answer: next to none; a missed request keeps the buttons
    assert counts["false_switch"] <= 2 and counts["wrong_language"] == 0
    assert figures["accuracy"] >= 0.85


@pytest.mark.parametrize(("text", "code"), [
    ("I don't understand German, do you speak Arabic?", "ar"),
    ("шо ты пишешь на немецком, давай по-русски", "ru"),
    ("چرا آلمانی مینویسی؟ فارسی لطفا", "fa"),
    ("напиши на английском я не могу это прочитать", "en"),
    ("بالعربي لو سمحت ما بفهم الماني", "ar"),
    ("almanca anlamiyorum türkçe yaz", "tr"),
    ("Arabic and English", None),
    ("Pashto, Dari, a bit of Urdu", None),
    ("my wife is from Syria", None),
])
def test_target_is_the_language_not_left(text, code):
    assert meaning.target(text) == code


@pytest.mark.parametrize("text", ["Arabisch", "العربية", "English 0176 12345678",
                                  " ".join(["deutsch"] * 30)])
def test_bare_names_numbers_and_long_messages_are_not_read(text):
    assert meaning.requested(text) is None


@pytest.mark.parametrize("text", [
    "kanste ma auf englisch", "schreibst du bitte auf arabisch, mein vater liest mit",
])
def test_requests_the_rules_do_not_know(text):
    assert requested_language(text) is not None
    assert requested_language(text, by_meaning=False) is None


@pytest.mark.parametrize("text", [
    "I want to learn German", "is there an arabic speaking doctor in leipzig",
    "ich war englischlehrer", "can you translate my diploma into german",
    "мій чоловік говорить турецькою",
])
def test_content_is_no_request(text):
    assert requested_language(text) is None
