"""CEFR levels: codes, order, and the plain-word descriptions people choose from."""

import re

import pytest

from classifications import cefr
from dialogues import catalogue
from dialogues.interview import load_interview
from dialogues.languages import CODES

INTERVIEW = load_interview()
MAX_BUTTON = 45  # characters: buttons on old phones


def test_levels():
    assert cefr.LEVELS == ("A1", "A2", "B1", "B2", "C1", "C2")


def test_interview_options_are_the_cefr_options():
    assert tuple(INTERVIEW.field("spoken_language_level").options) == cefr.SPOKEN_OPTIONS
    assert cefr.SPOKEN_OPTIONS == ("native", "C2", "C1", "B2", "B1", "A2", "A1")
    assert tuple(INTERVIEW.field("german_level").options) == cefr.GERMAN_OPTIONS
    assert cefr.GERMAN_OPTIONS == ("none", "A1", "A2", "B1", "B2", "C1", "C2")


def test_order():
    ranks = [cefr.rank(v) for v in ("none", *cefr.LEVELS, "native")]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("A1", "A2", -1), ("B2", "B1", 1), ("C1", "C1", 0), ("native", "C2", 1), ("none", "A1", -1),
])
def test_compare(a, b, expected):
    assert cefr.compare(a, b) == expected


def test_at_least_and_highest():
    assert cefr.at_least("B2", "B1")
    assert cefr.at_least("B1", "B1")
    assert not cefr.at_least("A2", "B1")
    assert cefr.at_least("native", "C2")
    assert cefr.highest(["A2", "C1", "B1"]) == "C1"
    assert cefr.highest(["B2", "native"]) == "native"
    assert cefr.highest([]) is None


@pytest.mark.parametrize("value", ["", "B3", "fluent", "good", "basic", "b1", None])
def test_unknown_levels(value):
    assert not cefr.is_level(value)
    with pytest.raises(ValueError):
        cefr.rank(value)


@pytest.mark.parametrize(("text", "expected"), [
    ("B1", "B1"), ("b1", "B1"), ("B 1", "B1"), ("B1.2", "B1"), ("B1+", "B1"),
    ("Niveau B2", "B2"), ("Deutschkurs C1 bestanden", "C1"), ("A2,1", "A2"),
])
def test_parse(text, expected):
    assert cefr.parse(text) == expected


@pytest.mark.parametrize("text", ["", "B3", "A1 oder A2", "AB1", "B12", "gut", "C"])
def test_parse_nothing_or_two(text):
    assert cefr.parse(text) is None


@pytest.mark.parametrize(("level", "lang", "text"), [
    ("native", "en", "My mother tongue"),
    ("A1", "en", "I know a few words and phrases (A1)"),
    ("A2", "en", "I understand simple everyday sentences (A2)"),
    ("B1", "en", "I can talk about everyday things (B1)"),
    ("B2", "en", "I can talk about work and news (B2)"),
    ("C1", "en", "I speak it very well, also at work (C1)"),
    ("C2", "en", "Almost like my mother tongue (C2)"),
    ("B1", "de", "Ich kann über den Alltag sprechen (B1)"),
])
def test_describe(level, lang, text):
    assert cefr.describe(level, lang) == text


def test_describe_german():
    assert cefr.describe_german("none", "en") == "No German yet"
    assert cefr.describe_german("A1", "de") == "Ich kenne ein paar deutsche Wörter (A1)"
    with pytest.raises(ValueError):
        cefr.describe_german("native", "en")
    with pytest.raises(ValueError):
        cefr.describe("none", "en")


@pytest.mark.parametrize("lang", CODES)
def test_descriptions_are_short_plain_and_name_their_level(lang):
    for prefix, options in (("level", cefr.SPOKEN_OPTIONS), ("german", cefr.GERMAN_OPTIONS)):
        for option in options:
            text = catalogue.text(lang, f"{prefix}.{option}")
            assert len(text) <= MAX_BUTTON, (lang, option, text)
            if cefr.is_level(option):
                assert text.endswith(f"({option})"), (lang, option, text)
            else:
                assert not re.search(r"\([ABC][12]\)", text), (lang, option, text)


@pytest.mark.parametrize("lang", CODES)
def test_descriptions_differ(lang):
    spoken = [cefr.describe(o, lang) for o in cefr.SPOKEN_OPTIONS]
    german = [cefr.describe_german(o, lang) for o in cefr.GERMAN_OPTIONS]
    assert len(set(spoken)) == len(spoken)
    assert len(set(german)) == len(german)


@pytest.mark.parametrize("lang", CODES)
def test_level_texts_live_in_the_topic_file(lang):
    core = catalogue.TEXTS_DIR / f"{lang}.yml"
    topic = catalogue.TEXTS_DIR / "levels" / f"{lang}.yml"
    assert topic in catalogue.text_files(lang)
    for key in ("level.native", "level.fluent", "level.good", "level.basic", "german.none",
                "german.A1", "german.C2"):
        assert f"  {key}:" not in core.read_text(encoding="utf-8"), (lang, key)
    assert "  level.B1:" in topic.read_text(encoding="utf-8")
