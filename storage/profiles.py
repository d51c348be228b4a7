"""The profile repository: where a newcomer's answers are written, read, exported and erased.

Every write commits at once, so an interrupted conversation loses nothing already answered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from storage.database import engine_for, purge_sqlite_journal, session_scope
from storage.models import (
    ChannelIdentity,
    ConsentRecord,
    Document,
    KBUnansweredQuestion,
    Organisation,
    Person,
    ProfileField,
    utcnow,
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def ensure_organisation(database_url: str, slug: str, name: str | None = None) -> int:
    with session_scope(database_url) as session:
        org = session.execute(sa.select(Organisation).filter_by(slug=slug)).scalar_one_or_none()
        if org is None:
            org = Organisation(slug=slug, name=name or slug)
            session.add(org)
            session.flush()
        return org.id


def _machine_translation(row: ProfileField) -> dict[str, Any] | None:
    if row.translation_text is None:
        return None
    return {"text": row.translation_text, "language": row.translation_language,
            "model": row.translation_model, "model_version": row.translation_model_version,
            "translated_at": _iso(row.translated_at), "machine_translated": True}


class ProfileRepository:
    def __init__(self, database_url: str) -> None:
        self.database_url = database_url

    def organisation_exists(self, slug: str) -> bool:
        with session_scope(self.database_url) as session:
            query = sa.select(Organisation.id).filter_by(slug=slug)
            return session.execute(query).first() is not None

    # --- identity and consent --------------------------------------------------
    def person_for(self, channel: str, external_id: str) -> str | None:
        with session_scope(self.database_url) as session:
            identity = session.execute(
                sa.select(ChannelIdentity).filter_by(channel=channel, external_id=external_id)
            ).scalar_one_or_none()
            return identity.person_id if identity else None

    def register_consent(
        self,
        *,
        channel: str,
        external_id: str,
        language: str,
        text_version: str,
        organisation_slug: str,
    ) -> str:
        """Create the person at the moment of consent (not earlier) and record the consent."""
        org_id = ensure_organisation(self.database_url, organisation_slug)
        with session_scope(self.database_url) as session:
            identity = session.execute(
                sa.select(ChannelIdentity).filter_by(channel=channel, external_id=external_id)
            ).scalar_one_or_none()
            if identity is None:
                person = Person(organisation_id=org_id, ui_language=language)
                session.add(person)
                session.flush()
                session.add(ChannelIdentity(person_id=person.id, channel=channel,
                                            external_id=external_id))
                person_id = person.id
            else:
                person_id = identity.person_id
            session.add(ConsentRecord(person_id=person_id, text_version=text_version,
                                      language=language))
            return person_id

    # --- answers -------------------------------------------------------------
    def save_answer(
        self,
        person_id: str,
        field: str,
        *,
        original_text: str | None,
        language: str,
        value: Any,  # noqa: ANN401 - any JSON value
        status: str = "given",
        item_index: int = 0,
        attempts: int = 1,
        language_confidence: float | None = None,
    ) -> None:
        with session_scope(self.database_url) as session:
            row = session.execute(
                sa.select(ProfileField).filter_by(
                    person_id=person_id, field=field, item_index=item_index
                )
            ).scalar_one_or_none()
            now = utcnow()
            if row is None:
                row = ProfileField(person_id=person_id, field=field, item_index=item_index,
                                   created_at=now)
                session.add(row)
            row.original_text = original_text
            row.original_language = language
            row.language_confidence = language_confidence
            row.value = value
            # A new answer makes an earlier translation wrong.
            row.translation_text = row.translation_language = None
            row.translation_model = row.translation_model_version = None
            row.translated_at = None
            row.status = status
            row.attempts = attempts
            row.updated_at = now
            row.verified_by = None
            row.verified_at = None
            person = session.get(Person, person_id)
            if person is not None:
                person.last_activity_at = now

    def save_translation(
        self,
        person_id: str,
        field: str,
        *,
        item_index: int = 0,
        text: str,
        language: str,
        model: str,
        model_version: str | None,
        source_text: str | None = None,
    ) -> bool:
        """Attach a machine translation to a stored answer; False when the answer is gone or,
        given `source_text`, was changed while the translation ran."""
        with session_scope(self.database_url) as session:
            row = session.execute(
                sa.select(ProfileField).filter_by(
                    person_id=person_id, field=field, item_index=item_index
                )
            ).scalar_one_or_none()
            if row is None or (source_text is not None and row.original_text != source_text):
                return False
            row.translation_text = text
            row.translation_language = language
            row.translation_model = model
            row.translation_model_version = model_version
            row.translated_at = utcnow()
            return True

    def untranslated_answers(self, fields: set[str], target: str = "de") -> list[dict[str, Any]]:
        """Answers to `fields` in another language than `target` that have no translation yet
        (e.g. given before a translation package was installed)."""
        with session_scope(self.database_url) as session:
            rows = session.execute(
                sa.select(ProfileField).where(
                    ProfileField.field.in_(fields),
                    ProfileField.translation_text.is_(None),
                    ProfileField.original_language != target,
                    ProfileField.original_text.is_not(None),
                    ProfileField.status == "given",
                ).order_by(ProfileField.person_id, ProfileField.field, ProfileField.item_index)
            ).scalars()
            return [{"person_id": r.person_id, "field": r.field, "item_index": r.item_index,
                     "original_text": r.original_text, "original_language": r.original_language}
                    for r in rows]

    def clear_fields(self, person_id: str, fields: list[str]) -> None:
        """Remove answers that the person is about to give again (a correction)."""
        with session_scope(self.database_url) as session:
            session.execute(
                sa.delete(ProfileField).where(
                    ProfileField.person_id == person_id, ProfileField.field.in_(fields)
                )
            )

    def set_ui_language(self, person_id: str, language: str) -> None:
        with session_scope(self.database_url) as session:
            person = session.get(Person, person_id)
            if person is not None:
                person.ui_language = language

    def set_status(self, person_id: str, status: str) -> None:
        with session_scope(self.database_url) as session:
            person = session.get(Person, person_id)
            if person is not None:
                person.status = status
                person.last_activity_at = utcnow()
                person.completed_at = utcnow() if status == "complete" else None

    # --- reading ----------------------------------------------------------------
    def snapshot(self, person_id: str) -> dict[str, Any] | None:
        """Everything stored about a person, decrypted: the data-portability export."""
        with session_scope(self.database_url) as session:
            person = session.get(Person, person_id)
            if person is None:
                return None
            fields = session.execute(
                sa.select(ProfileField)
                .filter_by(person_id=person_id)
                .order_by(ProfileField.field, ProfileField.item_index)
            ).scalars()
            return {
                "person": {
                    "id": person.id,
                    "organisation": person.organisation.slug,
                    "ui_language": person.ui_language,
                    "status": person.status,
                    "created_at": _iso(person.created_at),
                    "last_activity_at": _iso(person.last_activity_at),
                    "completed_at": _iso(person.completed_at),
                },
                "channels": [
                    {"channel": i.channel, "external_id": i.external_id,
                     "created_at": _iso(i.created_at)}
                    for i in person.identities
                ],
                "consents": [
                    {"text_version": c.text_version, "language": c.language,
                     "given_at": _iso(c.given_at)}
                    for c in person.consents
                ],
                # Questions the knowledge base could not answer: the person's words too.
                "questions": [
                    {"text": q.text, "language": q.language, "asked_at": _iso(q.asked_at),
                     "status": q.status, "passed_on_at": _iso(q.passed_on_at)}
                    for q in session.execute(
                        sa.select(KBUnansweredQuestion).filter_by(person_id=person_id)
                        .order_by(KBUnansweredQuestion.asked_at)).scalars()
                ],
                # The document mailbox: what was sent and when (contents via DocumentMailbox).
                "documents": [
                    {"id": d.id, "filename": d.filename, "media_type": d.media_type,
                     "size": d.size, "channel": d.channel, "sent_at": _iso(d.created_at)}
                    for d in session.execute(
                        sa.select(Document.id, Document.filename, Document.media_type, Document.size,
                                  Document.channel, Document.created_at)
                        .filter_by(person_id=person_id).order_by(Document.created_at)).all()
                ],
                "fields": [
                    {
                        "field": f.field,
                        "item_index": f.item_index,
                        "original_text": f.original_text,
                        "original_language": f.original_language,
                        "language_confidence": f.language_confidence,
                        "value": f.value,
                        "machine_translation": _machine_translation(f),
                        "status": f.status,
                        "attempts": f.attempts,
                        "created_at": _iso(f.created_at),
                        "updated_at": _iso(f.updated_at),
                        "verified_at": _iso(f.verified_at),
                    }
                    for f in fields
                ],
            }

    def person_ids(self, organisation_id: int | None = None) -> list[str]:
        with session_scope(self.database_url) as session:
            query = sa.select(Person.id).order_by(Person.created_at)
            if organisation_id is not None:
                query = query.filter_by(organisation_id=organisation_id)
            return list(session.execute(query).scalars())

    # --- erasure ---------------------------------------------------------------
    def delete_person(self, person_id: str) -> bool:
        """Erase the person with identities, consents, answers, the documents they sent and
        the questions they asked that the knowledge base could not answer (cascade)."""
        with session_scope(self.database_url) as session:
            person = session.get(Person, person_id)
            if person is None:
                return False
            for table in (ProfileField, ConsentRecord, ChannelIdentity, KBUnansweredQuestion,
                          Document):
                session.execute(sa.delete(table).where(table.person_id == person_id))
            session.delete(person)
        purge_sqlite_journal(engine_for(self.database_url))
        return True
