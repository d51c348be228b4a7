"""The outcome of checking one answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Why a stored value carries "check": <reason> (a dict value's key; dialogues/completeness.py
# lists such answers for the caseworker). German: the portal is German.
CHECK_REASONS_DE = {
    "approximate": "ungefähre Angabe",
    "inferred_from_years": "Schulart aus den genannten Schuljahren abgeleitet",
    "inferred_from_words": "aus einer Beschreibung in eigenen Worten abgeleitet",
    "unfinished_degree": "Studium oder Ausbildung nach eigener Angabe nicht abgeschlossen",
    "several_degrees": "mehrere Abschlüsse genannt, der höchste übernommen",
}


@dataclass(frozen=True)
class Result:
    value: Any = None  # JSON-serialisable normalised value when accepted
    error: str | None = None  # catalogue key of the re-ask when rejected
    params: dict[str, Any] = field(default_factory=dict)
    # Ask the person before storing ("Is your first name Samira?"): read out of a sentence.
    confirm: bool = False
    # Other questions this answer settles too, {slot: value} ("12 years" at the school type).
    also: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def reject(cls, error: str, **params: Any) -> Result:  # noqa: ANN401
        return cls(error=error, params=params)
