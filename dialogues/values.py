"""How a stored, normalised answer reads in an interface language (chat and portal)."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from classifications import cefr, schooling
from dialogues import catalogue
from dialogues.free_text_de import answer_text
from dialogues.interview import load_interview
from dialogues.languages import CODES
from nlu.language_names import language_name

# Levels stored before the CEFR options (an earlier interview version), read as the nearest
# CEFR description so that older profiles still display.
LEGACY_OPTIONS = {"fluent": "C1", "good": "B2", "basic": "A2"}


def display_value(slot: str, value: Any, lang: str, date_format: str = "long") -> str:  # noqa: ANN401
    """The normalised `value` of interview field `slot` in `lang`; raises on an unknown shape."""
    lang = lang if lang in CODES else "de"
    field = load_interview().field(slot)
    kind = field.kind
    if kind in ("qualification", "free_text") and isinstance(value, dict) and value.get("none"):
        return catalogue.text(lang, "button.none")  # "I have none", or studies given up
    if kind == "birth_date":
        return format_date(date.fromisoformat(value), format=date_format, locale=lang)
    if kind == "country":
        return Locale.parse(lang).territories.get(value["code"], value["code"])
    if kind == "language":
        return language_name(value["code"], lang)
    if kind == "contact":
        return str(value["value"])
    if kind == "choice" and cefr.is_approximate(value):
        # A level guessed from the person's words: "about B1", so they see it is a guess.
        return cefr.describe_approximate(cefr.level_of(value) or "", lang)
    if kind == "choice":
        return catalogue.text(lang, field.option_key(LEGACY_OPTIONS.get(value, value)))
    if kind == "years":
        return catalogue.text(lang, "job.years_unit", years=format_decimal(value, locale=lang))
    if kind == "school_type":
        if value.get("id") in (None, "other"):
            return catalogue.text(lang, "school.other")
        return schooling.type_label(schooling.school_type(value["id"]), lang)
    if kind == "school_years":
        years = catalogue.text(lang, "job.years_unit", years=format_decimal(value["years"], locale=lang))
        equivalent = value.get("german_equivalent")
        # "≈": comparable by level, never a recognition (the portal says so in full).
        return f"{years} · ≈ {catalogue.text(lang, f'school.equivalent.{equivalent}')}" \
            if equivalent else years
    if kind == "qualification":
        return schooling.type_label(schooling.higher_education(value["id"]), lang)
    if kind == "occupation":
        return value.get("job_title_de") or value["title_de"]
    if kind == "yes_no":
        return catalogue.text(lang, "button.yes" if value else "button.no")
    if kind == "place":
        return place_name(value)
    if kind == "free_text":
        return str(answer_text(value))  # the words; their structure is for the German portal
    return str(value)


def place_name(value: Any) -> str:  # noqa: ANN401 - a stored JSON value
    """The German name of a stored place; the words typed when no municipality was found.

    Answers stored before places were normalised are plain text.
    """
    if isinstance(value, dict):
        return str(value.get("name_de") or value.get("typed") or "")
    return str(value)
