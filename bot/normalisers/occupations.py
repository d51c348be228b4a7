"""The occupation step: the closest KldB occupations to a described job, and the person's pick.

Candidates travel in the `occupation_candidates` slot as plain data (the stored value plus the
button label), so the question, a typed "2" and a pressed button all refer to the same list.
"""

from __future__ import annotations

from typing import Any

from bot.normalisers.choices import match_option
from bot.normalisers.result import Result
from classifications import occupation_search
from classifications import occupations as occupation_data
from dialogues import catalogue

# Candidates offered as buttons: two or three fit an old phone's screen.
OFFERED = 3
# Below this score a match is a guess, not a suggestion (see classifications/occupation_search.py).
MIN_SCORE = occupation_search.PLAUSIBLE_SCORE
NONE = "none"
SEARCH_AGAIN = "occupation.other_suggestions"


def occupation_candidates(job: str, lang: str) -> list[dict[str, Any]]:
    """The plausible occupations for `job`, best first, as slot data."""
    matches = [m for m in occupation_search.search(job, lang=lang, top=OFFERED) if m.score >= MIN_SCORE]
    return [{**m.to_value(job), "label": button_label(m, lang)} for m in matches]


def button_label(match: occupation_search.OccupationMatch, lang: str) -> str:
    german = match.job_title_de or match.title_de
    name = match.label(lang)
    if lang == "de" or name == german:
        return german
    return catalogue.text(lang, "occupation.button", name=name, title_de=german)


def chosen_name(value: Any, lang: str) -> str | None:  # noqa: ANN401 - a stored JSON value
    """The chosen occupation's everyday name in `lang` (else its German title), for questions
    that name the job: the person's own words may be a whole sentence ("I was a barber in
    Aleppo"). None when no occupation was chosen."""
    if not isinstance(value, dict) or not value.get("kldb"):
        return None
    occupation = occupation_data.get(str(value["kldb"]))
    names = occupation.names.get(lang) if occupation else None
    return (names[0] if names else None) or value.get("job_title_de") or value.get("title_de")


def stored_value(candidate: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in candidate.items() if key != "label"}


def normalise_occupation(raw: str, lang: str, option: str | None,
                         candidates: list[dict[str, Any]] | None, job: str | None) -> Result:
    """A pick among the offered candidates, "none of these", or a request to search again
    (rejected with SEARCH_AGAIN: the typed text is a new description of the work)."""
    candidates = candidates or []
    by_code = {c["kldb"]: c for c in candidates}
    if option == NONE or (option is None and catalogue.matches_lexicon(lang, "none", raw)):
        return Result(value={"none": True, "query": job})
    if option in by_code:
        return Result(value=stored_value(by_code[option]))
    if option is not None:
        return Result.reject("occupation.not_understood")  # an old button of another list
    if option is None and candidates:
        labels = {c["kldb"]: [c["label"], c.get("job_title_de") or "", c.get("title_de") or ""]
                  for c in candidates}
        labels[NONE] = [catalogue.text(lang, "occupation.none_of_these")]
        picked = match_option(raw, labels)
        if picked == NONE:
            return Result(value={"none": True, "query": job})
        if picked is not None:
            return Result(value=stored_value(by_code[picked]))
    return Result.reject(SEARCH_AGAIN)
