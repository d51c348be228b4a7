"""Schooling answers: the school type among those of the country, the years, the highest degree.

The table and the derivation of ISCED level and German equivalent are in
classifications/schooling.py; this module only turns what the person pressed or typed into them.
"""

from __future__ import annotations

from typing import Any

from bot.normalisers.choices import match_option, normalise_years
from bot.normalisers.result import Result
from classifications import schooling
from dialogues import catalogue

OTHER = "other"
NONE = "none"
MAX_SCHOOL_YEARS = 25


def country_code(value: Any) -> str | None:  # noqa: ANN401 - a slot value
    return value.get("code") if isinstance(value, dict) else None


def school_type_options(country: str | None, lang: str) -> list[tuple[str, str]]:
    """(id, button label) of the school types of `country`, then "another school"."""
    options = [(t.id, schooling.type_label(t, lang)) for t in schooling.school_types(country)]
    return [*options, (OTHER, catalogue.text(lang, "school.other"))]


def _type_value(type_id: str, country: str | None) -> dict[str, Any]:
    if type_id == OTHER:
        return {"id": OTHER, "country": country}
    found = schooling.school_type(type_id)
    return {"country": country, "id": found.id, "name_de": schooling.type_label(found, "de"),
            "isced": found.isced, "years": found.years,
            "german_equivalent": found.german_equivalent}


def normalise_school_type(raw: str, lang: str, option: str | None, country: str | None) -> Result:
    ids = {type_id for type_id, _ in school_type_options(country, lang)}
    if option in ids:
        return Result(value=_type_value(option, country))
    labels: dict[str, list[str]] = {}
    for school_type in schooling.school_types(country):
        labels[school_type.id] = [schooling.type_label(school_type, code)
                                  for code in dict.fromkeys((lang, "de", "en"))]
        if school_type.local_name:
            labels[school_type.id].append(school_type.local_name)
        labels[school_type.id].extend(school_type.aliases)
    labels[OTHER] = [catalogue.text(lang, "school.other")]
    picked = match_option(raw, labels)
    if picked is None:
        return Result.reject("school.not_in_list")
    return Result(value=_type_value(picked, country))


def normalise_school_years(raw: str, school_type: Any) -> Result:  # noqa: ANN401 - a slot value
    years = normalise_years(raw)
    if not years.ok or not 0 <= years.value <= MAX_SCHOOL_YEARS:
        return Result.reject("invalid.school_years")
    count = int(years.value)
    type_id = school_type.get("id") if isinstance(school_type, dict) else None
    if not type_id or type_id == OTHER:
        # No table entry to compare with: the years alone, for the caseworker to assess.
        return Result(value={"years": count, "completed": None, "isced": None,
                             "german_equivalent": None})
    return Result(value=schooling.derive(type_id, count))


def higher_education_options(lang: str) -> list[tuple[str, str]]:
    return [(q.id, schooling.type_label(q, lang)) for q in schooling.higher_education_options()]


def normalise_higher_education(raw: str, lang: str, option: str | None) -> Result:
    options = {q.id: q for q in schooling.higher_education_options()}
    picked = option if option in options else None
    if picked is None:
        if catalogue.matches_lexicon(lang, "none", raw):
            picked = NONE
        else:
            labels = {q.id: [schooling.type_label(q, code) for code in dict.fromkeys((lang, "de", "en"))]
                      for q in options.values()}
            picked = match_option(raw, labels)
    if picked is None or picked not in options:
        return Result.reject("invalid.choose_option")
    if picked == NONE:
        return Result(value={"none": True})
    chosen = options[picked]
    return Result(value={"id": chosen.id, "isced": chosen.isced,
                         "name_de": schooling.type_label(chosen, "de")})
