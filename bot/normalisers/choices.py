"""Closed answers: yes/no, one option of a list, a number of years."""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.normalisers.levels import negated, read_level
from bot.normalisers.numbers import read_years
from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, normalise_digits
from classifications import cefr
from dialogues import catalogue
from dialogues.interview import Field

YES_INTENT, NO_INTENT = "affirm", "deny"


def normalise_yes_no(raw: str, lang: str, intent: str | None, confidence: float) -> Result:
    if catalogue.matches_lexicon(lang, "yes", raw):
        return Result(value=True)
    if catalogue.matches_lexicon(lang, "no", raw):
        return Result(value=False)
    if intent in (YES_INTENT, NO_INTENT) and confidence >= 0.9:
        return Result(value=intent == YES_INTENT)
    return Result.reject("invalid.yes_no")


def normalise_choice(field: Field, raw: str, lang: str, option: str | None) -> Result:
    error = "invalid.german_level" if field.slot == "german_level" else "invalid.choose_option"
    if option in field.options:
        return Result(value=option)
    text = catalogue.normalise_word(raw)
    for candidate in field.options:
        if text == candidate.casefold():
            return Result(value=candidate)
    if any(cefr.is_level(o) for o in field.options):
        # A level inside a sentence; "" when it names one that must be asked again.
        level = read_level(raw, lang, field.options)
        if level is not None:
            return Result(value=level) if level else Result.reject(error)
    if "none" in field.options and catalogue.matches_lexicon(lang, "none", raw):
        return Result(value="none")
    if any(cefr.is_level(o) for o in field.options) and negated(raw, lang):
        # "bilmiyorum", "not so good": a label matched in part would be a guess
        return Result.reject(error)
    labels = {c: [catalogue.text(lang, field.option_key(c))] for c in field.options}
    best = match_option(raw, labels, numbered=False)
    return Result(value=best) if best is not None else Result.reject(error)


def match_option(raw: str, labels: dict[str, list[str]], *, numbered: bool = True) -> str | None:
    """The option whose label the typed text names, or None.

    `labels` maps each option to the labels it may be typed as (its button label, the German
    and local names). With `numbered`, "1", "٢", "۳" pick the first, second, third option.
    """
    text = catalogue.normalise_word(normalise_digits(raw))
    options = list(labels)
    if numbered and text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    # Whole-label similarity decides ties of partial matches: "добре" is "Добре", not
    # "Дуже добре", although it is part of both.
    best, best_score = None, (0.0, 0.0)
    for candidate, names in labels.items():
        for name in names:
            label = catalogue.normalise_word(name)
            if not label:
                continue
            whole = fuzz.ratio(text, label)
            partial = fuzz.partial_ratio(text, label) if len(text) >= 4 else 0
            score = (max(whole, partial), whole)
            if score > best_score:
                best, best_score = candidate, score
    if best is not None and best_score[0] >= 85:
        return best
    return None


def normalise_years(raw: str, lang: str = "en") -> Result:
    """A number of years, in digits or words of any of the languages, halves, months,
    "since 2015" or "from 2010 to 2016"; a range ("3 or 4") asks for one number."""
    reading = read_years(clean(raw), lang)
    if reading.problem == "range":
        return Result.reject("extraction.one_number")
    if reading.years is None or not 0 <= reading.years <= 60:
        return Result.reject("invalid.years")
    return Result(value=as_number(reading.years))


def as_number(years: float) -> int | float:
    return int(years) if float(years).is_integer() else years
