"""One entry point: check and normalise an answer to any interview question."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from bot.normalisers.choices import normalise_choice, normalise_years, normalise_yes_no
from bot.normalisers.contact import normalise_contact
from bot.normalisers.dates import parse_birth_date
from bot.normalisers.declines import (
    never_then_explains,
    says_no_contact,
    says_none,
    says_none_in_clauses,
    says_none_then_explains,
    says_only_here,
    says_refusal,
)
from bot.normalisers.names import normalise_name
from bot.normalisers.none_meaning import reads_as
from bot.normalisers.numbers import read_years
from bot.normalisers.occupations import normalise_occupation
from bot.normalisers.origin import normalise_origin
from bot.normalisers.places import normalise_country, normalise_place
from bot.normalisers.result import Result
from bot.normalisers.schooling import (
    country_code,
    normalise_higher_education,
    normalise_school_type,
    normalise_school_years,
)
from bot.normalisers.text_quality import check_text, clean, looks_like_mash
from classifications import occupation_search
from dialogues import catalogue
from dialogues.interview import Field
from nlu.commands import curated_intent
from nlu.language_names import language_name, match_language


def normalise_answer(
    field: Field,
    raw: str | None,
    lang: str,
    *,
    option: str | None = None,
    intent: str | None = None,
    confidence: float = 0.0,
    slots: Mapping[str, Any] | None = None,
) -> Result:
    """`slots` are the conversation's other answers, for questions whose options depend on
    them (the school types of the school's country, the occupations found for a job)."""
    slots = slots or {}
    if option is None:
        problem = check_text(raw, field.max_length)
        if problem:
            return Result.reject(problem, max=field.max_length)
    text = raw or ""
    kind = field.kind
    if kind == "name":
        return normalise_name(text, lang, field.slot)
    if kind == "birth_date":
        return parse_birth_date(text, lang)
    if kind == "country":
        if field.slot == "country_of_origin":  # "Iraqi, lived in Turkey": the transit is no origin
            return normalise_origin(text, lang)
        return normalise_country(text, lang)
    if kind == "place":
        return normalise_place(text)
    if kind == "contact":
        if field.optional and typed_decline(field, text, lang):
            # "I have no e-mail", "I'd rather not say": nothing to store; the form skips it
            return Result(value=None)
        return normalise_contact(text)
    if kind == "language":
        code = match_language(text)
        if code is None:
            return Result.reject("invalid.language")
        return Result(value={"code": code, "name_de": language_name(code, "de")})
    if kind == "choice":
        return normalise_choice(field, text, lang, option)
    if kind == "yes_no":
        return normalise_yes_no(text, lang, intent, confidence)
    if kind == "years":
        if says_none(text, lang, field.slot):
            return Result(value=0)  # "no experience", "опыта нет" at "how many years?"
        return normalise_years(text, lang)
    if kind == "school_type":
        return normalise_school_type(text, lang, option, country_code(slots.get("school_country")))
    if kind == "school_years":
        return normalise_school_years(text, slots.get("school_type"), lang)
    if kind == "qualification":
        return normalise_higher_education(text, lang, option)
    if kind == "occupation":
        job = slots.get("job_title")
        return normalise_occupation(text, lang, option, slots.get("occupation_candidates"),
                                    job if isinstance(job, str) else None)
    if kind == "free_text":
        if (field.optional or field.none_allowed) and (says_none(text, lang, field.slot)
                                                        or none_then_explains(field, text, lang)
                                                        or declined(field, text, lang) == "none"):
            return Result(value={"none": True})  # "no", "I have none", "ما عندي", "yok"
        cleaned = clean(text)
        letters = {ch for ch in cleaned.casefold() if ch.isalnum()}
        if (looks_like_mash(cleaned) and len(cleaned) < 40) or len(letters) <= 2:
            return Result.reject("invalid.mash")
        return Result(value=cleaned)
    raise ValueError(f"unknown answer kind {kind!r} in dialogues/interview.yml")


# An occupation found this surely is content, whatever else the words say ("no papers, but
# welder for years"); the offered candidates start at occupation_search.PLAUSIBLE_SCORE.
STRONG_OCCUPATION = 0.8


def names_occupation(text: str, lang: str) -> bool:
    """Whether `text` names an occupation surely; True when that cannot be checked (no index
    built): a doubtful "none" is not taken."""
    if not occupation_search.index_is_current():
        return True
    return _best_occupation_score(text, lang) >= STRONG_OCCUPATION


@lru_cache(maxsize=64)
def _best_occupation_score(text: str, lang: str) -> float:
    # A turn reads the same words up to three times (the answer, skip, none): one search.
    found = occupation_search.search(text, lang=lang, top=1)
    return found[0].score if found else 0.0


def none_then_explains(field: Field, text: str, lang: str) -> bool:
    """"no training. I only helped my uncle in his shop", "Нет никакого, только школа": a none
    and what explains it, at the optional open questions (training). At the job question the
    explanation is often the work itself ("не работала, сидела в магазине кассиром"), and no
    score of the occupation search alone tells it from a story ("تزوجت بعد المدرسة" scores
    higher): there only an absolute none counts ("never worked, I was in school then came
    here"), with nothing "only" or "but" after it and no occupation named surely."""
    if field.kind != "free_text":
        return False
    if field.none_allowed:
        # the job question: only a none that is absolute ("never worked, I was in school") and
        # an explanation that names no work surely ("nie gearbeitet, war in der Bäckerei"),
        # nor years spent somewhere ("noch nie gearbeitet, war drei Jahre in einer Werkstatt")
        explanation = never_then_explains(text, lang, field.slot)
        return explanation is not None and read_years(explanation, lang).years is None \
            and not names_occupation(explanation, lang)
    return field.optional and says_none_then_explains(text, lang, field.slot)


def declined(field: Field, text: str, lang: str) -> str | None:
    """"none" or "refuse" read by meaning (none_meaning.py), for the words the rules
    (says_none, the lexicons) did not take: only at questions where none or a skip is an answer,
    and never when the words hold a value of the question (a phone number, an e-mail address, an
    occupation found surely)."""
    if not (field.optional or field.none_allowed) or field.kind not in ("contact", "free_text"):
        return None
    if field.kind == "contact" and normalise_contact(text).ok:
        return None
    meaning = reads_as(text, lang)
    if meaning == "none" and field.kind == "free_text" and (
            says_only_here(text) or names_occupation(text, lang)):
        return None  # "aşçıydım, hiç çalışmadım burada": none here, a job before
    return meaning


def typed_decline(field: Field, text: str, lang: str) -> str | None:
    """What typed words decline: "refuse" (not saying: a skip) or "none" (nothing to give),
    by the rules (lexicons, curated phrases, says_none) and then by meaning (`declined`);
    None for an answer. `lotse bench none-answers` measures this on held-out answers."""
    if catalogue.matches_lexicon(lang, "skip", text) or curated_intent(text) == "skip_question":
        return "refuse"
    if (field.optional or field.none_allowed) and field.kind in ("contact", "free_text") \
            and says_refusal(text, lang):
        return "refuse"  # "не хочу давати номер, давайте без цього"
    if (field.optional and field.kind == "contact" and (
            says_none(text, lang) or says_none_in_clauses(text, lang, field.slot)
            or (says_no_contact(text, lang) and not normalise_contact(text).ok))) \
            or (field.none_allowed and (catalogue.matches_lexicon(lang, "none", text)
                                        or says_none(text, lang, field.slot))):
        return "none"  # "I have no e-mail", "ما عندي ايميل", "never worked"
    if catalogue.matches_lexicon(lang, "none", text) or says_none(text, lang, field.slot):
        return None  # a "none" this question takes as its value (normalise_answer) or refuses
    # what the rules did not take, read by meaning: "I'd rather not say", "no phone yet"
    return declined(field, text, lang)
