"""Month names typed with a slip are read inside a date, and nowhere else."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.normalisers.dates import parse_birth_date
from bot.normalisers.month_typos import correct_month_typos, month_of_typo

TODAY = date(2026, 11, 22)
DATA = yaml.safe_load((Path(__file__).parents[2] / "data" / "month_typos.yml")
                      .read_text(encoding="utf-8"))


def _cases(key: str) -> list[tuple[str, str, str | None]]:
    return [(lang, typed, str(iso) if iso else None) for lang, typed, iso in DATA[key]]


@pytest.mark.parametrize(("lang", "typed", "iso"), _cases("typos"))
def test_a_mistyped_month_is_read(lang, typed, iso):
    assert parse_birth_date(typed, lang, TODAY).value == iso


@pytest.mark.parametrize(("lang", "typed", "iso"), _cases("counter_examples"))
def test_doubtful_or_other_words_are_not_taken_for_a_month(lang, typed, iso):
    assert parse_birth_date(typed, lang, TODAY).value == iso


@pytest.mark.parametrize(("word", "lang", "month"), [
    ("mays", "tr", 5),   # "mayıs" for a Turk (also one letter from French "mars")
    ("juny", "en", None),  # June or July: a doubt
    ("dezemer", "de", 12), ("жовнтя", "uk", 10), ("febuary", "en", 2),
    ("june", "en", None),  # a known name needs no correction
    ("جولاي", "fa", 7),  # ... unless written in other letters (Arabic yeh)
    ("jahre", "de", None), ("years", "en", None), ("mart", "tr", None),
])
def test_one_word(word, lang, month):
    assert month_of_typo(word, lang=lang) == month


@pytest.mark.parametrize("text", [
    "Ich arbeite seit 2015 als Maler",  # no date: nothing changes
    "mein Sohn ist 5 Jahre alt, 1990",
    "calle 5 mayor 1990",  # a street, not a month: "mayor" is 2 edits from "mayo", too far
])
def test_text_without_a_mistyped_month_is_unchanged(text):
    assert correct_month_typos(text, lang="de") == text
