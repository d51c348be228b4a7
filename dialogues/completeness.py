"""How complete a profile is, and which of its answers a caseworker must look at.

The required fields come from dialogues/interview.yml: every field not marked optional, except
a group's yes/no "one more?" question (never stored). A group counts as one profile field: its
first item needs all its required questions, unless its first question was answered "none"
(no work experience), which answers the whole group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from dialogues.interview import Field, Interview, load_interview

ANSWERED = frozenset({"given", "verified"})
# Free text whose language was guessed with less confidence than this may be misread.
LOW_LANGUAGE_CONFIDENCE = 0.5
# A plain field answered "none" makes later questions pointless (no school: no school years).
NOT_ASKED_AFTER_NONE: dict[str, tuple[str, ...]] = {"school_type": ("school_years",)}


@dataclass(frozen=True)
class Completeness:
    score: int  # 0..100: weighted share of the required profile fields answered
    missing: list[str] = field(default_factory=list)  # required fields without any stored row
    to_check: list[str] = field(default_factory=list)  # stored answers a caseworker must review

    @property
    def open_points(self) -> int:
        return len(self.missing) + len(self.to_check)


def field_name(slot: str, item_index: int = 0) -> str:
    """The name used in `missing` / `to_check`: the slot, with `#index` for later group items."""
    return f"{slot}#{item_index}" if item_index else slot


def split_name(name: str) -> tuple[str, int]:
    """Inverse of `field_name`."""
    slot, _, index = name.partition("#")
    return slot, int(index) if index.isdigit() else 0


def _is_none(row: dict[str, Any] | None) -> bool:
    return bool(row) and isinstance(row.get("value"), dict) and row["value"].get("none") is True


def _answered(row: dict[str, Any] | None) -> bool:
    return row is not None and row.get("status") in ANSWERED


def _required(fields: Iterable[Field]) -> list[Field]:
    return [f for f in fields if not f.optional and not f.repeat]


def value_fields(interview: Interview | None = None) -> frozenset[str]:
    """The slots whose stored value `assess` reads; for all others status and metadata suffice.

    Lets a caller (the portal list) decrypt only these values.
    """
    interview = interview or load_interview()
    slots = {f.slot for f in interview.fields if f.none_allowed or f.kind == "place"}
    slots |= set(NOT_ASKED_AFTER_NONE) | {"job_occupation", "school_type"}
    slots |= {"school_years", "higher_education"}  # may carry "check" (bot/normalisers/result.py)
    # Levels may be approximate (a "check" too): bot/normalisers/levels.py.
    slots |= {f.slot for f in interview.fields if f.kind == "choice"}
    return frozenset(slots)


def _needs_check(spec: Field, row: dict[str, Any]) -> bool:
    """A stored answer with a real problem: not merely one nobody has verified yet."""
    if row.get("status") == "skipped":
        # Skipping a required question is only possible after failed tries; an optional one
        # skipped at the first question was the person's choice.
        return not spec.optional or (row.get("attempts") or 0) > 1
    value = row.get("value")
    if isinstance(value, dict) and value.get("check"):
        # Approximate, or read out of the person's words (normalisers/result.py), until a
        # caseworker has verified the answer.
        return not verified(row)
    if spec.slot == "job_occupation" and _is_none(row):
        return True  # none of the offered occupations fitted: nothing is classified
    if spec.slot == "school_type" and isinstance(value, dict) and value.get("id") == "other":
        return True
    if spec.kind == "place" and isinstance(value, dict) and place_needs_check(value):
        return True
    confidence = row.get("language_confidence")
    return (spec.kind == "free_text" and row.get("status") in ANSWERED
            and confidence is not None and confidence < LOW_LANGUAGE_CONFIDENCE)


def verified(row: dict[str, Any]) -> bool:
    """A caseworker has confirmed this answer: status "verified", or a verification time on the
    row (the CV reads `verified_at`). A new answer resets both (storage/profiles.py)."""
    return row.get("status") == "verified" or bool(row.get("verified_at"))


def place_needs_check(value: dict[str, Any]) -> bool:
    """A place not found as a German municipality, a guess, or only "near" a town (a guess the
    person confirmed in the chat is no longer one)."""
    return value.get("status") not in ("found", "confirmed") or bool(value.get("near"))


def assess(snapshot: dict[str, Any], interview: Interview | None = None) -> Completeness:
    """Score, missing required fields and answers to check of one profile snapshot."""
    interview = interview or load_interview()
    rows = {(r["field"], r.get("item_index") or 0): r for r in snapshot.get("fields", [])}
    not_asked: set[tuple[str, int]] = set()
    weights: list[float] = []
    missing: list[str] = []
    for name in interview.profile_fields():
        slots = _required(interview.field(s) for s in interview.slots_of(name))
        if not slots:
            continue
        # Later items of a group count only for `missing`: an item begun but left unfinished.
        indexes = sorted({0} | {i for (slot, i) in rows if slot in {s.slot for s in slots}})
        shares = [_assess_item(slots, index, rows, not_asked, missing) for index in indexes]
        weights.append(shares[0])

    position = {slot: i for i, slot in enumerate(interview.slots)}
    to_check = [
        field_name(slot, index)
        for (slot, index) in sorted(rows, key=lambda key: (position.get(key[0], -1), key[1]))
        if slot in position and _needs_check(interview.field(slot), rows[(slot, index)])
    ]
    score = round(100 * sum(weights) / len(weights)) if weights else 100
    return Completeness(score=score, missing=missing, to_check=to_check)


def _assess_item(slots: list[Field], index: int, rows: dict[tuple[str, int], dict[str, Any]],
                 not_asked: set[tuple[str, int]], missing: list[str]) -> float:
    """The share of one item's (or plain field's) required questions answered.

    Mirrors the interview: a grouped question that allows "none" (no work experience), once
    answered "none" or skipped, fills the rest of its group, which is then never asked.
    """
    needed = answered = 0
    rest: str | None = None  # "none" or "skipped" once the rest of the group is not asked
    for spec in slots:
        row = rows.get((spec.slot, index))
        if row is None and (rest == "none" or (spec.slot, index) in not_asked):
            continue
        needed += 1
        if row is None and rest == "skipped":
            continue  # unanswered, but the skip before it is the open point (in to_check)
        answered += _answered(row)
        if row is None:
            missing.append(field_name(spec.slot, index))
            continue
        if _is_none(row):
            not_asked.update((slot, index) for slot in NOT_ASKED_AFTER_NONE.get(spec.slot, ()))
        if spec.group and spec.none_allowed and rest is None:
            rest = "none" if _is_none(row) else "skipped" if row.get("status") == "skipped" else None
    return answered / needed if needed else 1.0
