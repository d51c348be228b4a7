"""Reads for the portal, always scoped to one organisation."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from portal import display
from storage.database import session_scope
from storage.models import Person, ProfileField


def list_persons(database_url: str, organisation_id: int) -> list[dict[str, Any]]:
    """The persons of one organisation, most recently active first, ready for the list page."""
    with session_scope(database_url) as session:
        persons = session.execute(
            sa.select(Person)
            .filter_by(organisation_id=organisation_id)
            .order_by(Person.last_activity_at.desc(), Person.id)
        ).scalars().all()
        stored: dict[str, set[str]] = defaultdict(set)
        for person_id, field in session.execute(
            sa.select(ProfileField.person_id, ProfileField.field)
            .join(Person, Person.id == ProfileField.person_id)
            .where(Person.organisation_id == organisation_id)
            .distinct()
        ):
            stored[person_id].add(field)
        # Only the country is decrypted here: the list shows no other personal data.
        countries = {
            row.person_id: row
            for row in session.execute(
                sa.select(ProfileField.person_id, ProfileField.value, ProfileField.status)
                .join(Person, Person.id == ProfileField.person_id)
                .where(Person.organisation_id == organisation_id,
                       ProfileField.field == "country_of_origin",
                       ProfileField.item_index == 0)
            )
        }
        result = []
        for person in persons:
            country = countries.get(person.id)
            if country is None:
                origin = display.EMPTY
            elif country.status == "skipped":
                origin = "übersprungen"
            else:
                origin = display.country_label(country.value)
            result.append({
                "id": person.id,
                "language": display.language_label(person.ui_language),
                "language_code": person.ui_language,
                "origin": origin,
                "completeness": display.completeness(stored[person.id]),
                "status": display.PERSON_STATUS.get(person.status, person.status),
                "last_activity": display.timestamp(person.last_activity_at),
            })
        return result


def person_in_organisation(database_url: str, person_id: str, organisation_id: int) -> bool:
    with session_scope(database_url) as session:
        found = session.execute(
            sa.select(Person.id).filter_by(id=person_id, organisation_id=organisation_id)
        ).scalar_one_or_none()
        return found is not None
