"""Dates of birth written in many ways and languages."""

from __future__ import annotations

import re
from datetime import date

import dateparser

from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, normalise_digits

MIN_AGE, MAX_AGE = 15, 100
# Month names used in Syria, Iraq, Lebanon, Jordan and Palestine (dateparser knows only the
# Egyptian/Gulf ones); two-word names first so "كانون الثاني" is not read as "كانون".
_LEVANTINE_MONTHS = (
    ("كانون الثاني", 1), ("كانون الأول", 12), ("كانون الاول", 12), ("تشرين الأول", 10),
    ("تشرين الاول", 10), ("تشرين الثاني", 11), ("شباط", 2), ("آذار", 3), ("اذار", 3),
    ("نيسان", 4), ("أيار", 5), ("ايار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8), ("اب", 8),
    ("أيلول", 9), ("ايلول", 9),
)
_NUMERIC = re.compile(r"^\s*(\d{1,4})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,4})\s*$")


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _numeric(text: str, today: date) -> date | None | str:
    """A date from digits; 'impossible' for a triple that is no calendar day."""
    match = _NUMERIC.match(text)
    if not match:
        return None
    a, b, c = match.groups()
    if len(a) == 4:  # year first (ISO style)
        year, month, day = int(a), int(b), int(c)
    else:
        day, month, year = int(a), int(b), int(c)
        if len(c) == 2:
            year += 2000 if year <= today.year % 100 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return "impossible"


def parse_birth_date(raw: str, lang: str, today: date | None = None) -> Result:
    today = today or date.today()
    text = normalise_digits(clean(raw))
    for name, number in _LEVANTINE_MONTHS:
        text = re.sub(rf"(?<!\w){name}(?!\w)", f" {number} ", text)
    text = " ".join(text.split())
    parsed = _numeric(text, today)
    if parsed == "impossible":
        return Result.reject("invalid.date_impossible")
    if parsed is None:
        languages = list(dict.fromkeys([lang, "en", "de"]))
        found = dateparser.parse(
            text,
            languages=languages,
            settings={
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
        if found is None:
            return Result.reject("invalid.date_unparsed")
        parsed = found.date()
    if parsed > today:
        return Result.reject("invalid.date_future")
    age = _age(parsed, today)
    if age < MIN_AGE:
        return Result.reject("invalid.age_too_young")
    if age > MAX_AGE:
        return Result.reject("invalid.age_too_old")
    return Result(value=parsed.isoformat())
