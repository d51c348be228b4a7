"""Reads for the portal, always scoped to one organisation."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import sqlalchemy as sa

from dialogues.completeness import assess, value_fields
from portal import display
from storage.database import session_scope
from storage.models import Person, ProfileField


def _folded(text: str) -> str:
    """Sort key for German labels: "Ägypten" beside "Afghanistan", case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class SortColumn:
    key: Callable[[dict[str, Any]], Any]
    first_order: str  # the order a first click on the column header gives


# The list is sorted in Python: completeness is computed from the answers, not stored, and one
# organisation's persons fit in memory. Names are not listed (the list shows no personal data
# beyond the country and the municipality, by which caseworkers route), so there is no name
# column to sort by.
SORT_COLUMNS: dict[str, SortColumn] = {
    "completeness": SortColumn(lambda p: p["completeness"], "asc"),
    "open": SortColumn(lambda p: p["open_points"], "desc"),
    "activity": SortColumn(lambda p: p["last_activity_at"], "desc"),
    "language": SortColumn(lambda p: p["language_code"], "asc"),
    "origin": SortColumn(lambda p: _folded(p["origin"]), "asc"),
    "municipality": SortColumn(lambda p: _folded(p["municipality"]), "asc"),
    "status": SortColumn(lambda p: _folded(p["status"]), "asc"),
}
DEFAULT_SORT = ("activity", "desc")


def sort_persons(persons: list[dict[str, Any]], sort: str, order: str) -> list[dict[str, Any]]:
    """Sorted by one column; ties keep the most recently active first."""
    column = SORT_COLUMNS[sort]
    by_activity = sorted(persons, key=lambda p: (p["last_activity_at"], p["id"]), reverse=True)
    return sorted(by_activity, key=column.key, reverse=order == "desc")


def list_persons(database_url: str, organisation_id: int) -> list[dict[str, Any]]:
    """The persons of one organisation with completeness and open points, newest activity first."""
    # Only values that decide completeness (and the country and place shown) are decrypted.
    decrypted = sorted(value_fields() | {"country_of_origin", "municipality"})
    with session_scope(database_url) as session:
        persons = session.execute(
            sa.select(Person)
            .filter_by(organisation_id=organisation_id)
            .order_by(Person.last_activity_at.desc(), Person.id)
        ).scalars().all()
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        values: dict[tuple[str, str, int], Any] = {
            (r.person_id, r.field, r.item_index): r.value
            for r in session.execute(
                sa.select(ProfileField.person_id, ProfileField.field, ProfileField.item_index,
                          ProfileField.value)
                .join(Person, Person.id == ProfileField.person_id)
                .where(Person.organisation_id == organisation_id,
                       ProfileField.field.in_(decrypted))
            )
        }
        for r in session.execute(
            sa.select(ProfileField.person_id, ProfileField.field, ProfileField.item_index,
                      ProfileField.status, ProfileField.attempts,
                      ProfileField.language_confidence, ProfileField.verified_at)
            .join(Person, Person.id == ProfileField.person_id)
            .where(Person.organisation_id == organisation_id)
        ):
            rows[r.person_id].append({
                "field": r.field, "item_index": r.item_index, "status": r.status,
                "attempts": r.attempts, "language_confidence": r.language_confidence,
                # a verified answer is off the "to check" list (dialogues/completeness.verified)
                "verified_at": r.verified_at,
                "value": values.get((r.person_id, r.field, r.item_index)),
            })
        return [_list_entry(person, rows[person.id]) for person in persons]


def _list_entry(person: Person, rows: list[dict[str, Any]]) -> dict[str, Any]:
    result = assess({"fields": rows})
    country = next((r for r in rows if r["field"] == "country_of_origin" and r["item_index"] == 0),
                   None)
    if country is None:
        origin = display.EMPTY
    elif country["status"] == "skipped":
        origin = "übersprungen"
    else:
        origin = display.country_label(country["value"])
    place = next((r for r in rows if r["field"] == "municipality" and r["item_index"] == 0), None)
    place_value = place["value"] if place and place["status"] != "skipped" else None
    return {
        "id": person.id,
        "language": display.language_label(person.ui_language),
        "language_code": person.ui_language,
        "origin": origin,
        "municipality": display.municipality_short(place_value),
        # the filter's key: the AGS; answers not found as a municipality are not filtered by
        "municipality_ags": place_value.get("ags") if isinstance(place_value, dict) else None,
        "completeness": result.score,
        "missing": len(result.missing),
        "to_check": len(result.to_check),
        "open_points": result.open_points,
        "status": display.PERSON_STATUS.get(person.status, person.status),
        "last_activity": display.timestamp(person.last_activity_at),
        "last_activity_at": person.last_activity_at or datetime.min,
    }


def municipality_options(persons: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(AGS, German name) of the municipalities the persons live in, by name."""
    options = {p["municipality_ags"]: p["municipality"] for p in persons if p["municipality_ags"]}
    return sorted(options.items(), key=lambda item: (_folded(item[1]), item[0]))


def person_in_organisation(database_url: str, person_id: str, organisation_id: int) -> bool:
    with session_scope(database_url) as session:
        found = session.execute(
            sa.select(Person.id).filter_by(id=person_id, organisation_id=organisation_id)
        ).scalar_one_or_none()
        return found is not None
