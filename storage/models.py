"""Database schema. Changes go through an Alembic migration in storage/migrations."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, relationship

from storage.encryption import get_cipher

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_id() -> str:
    return str(uuid.uuid4())


class EncryptedText(sa.types.TypeDecorator):
    """Text encrypted with the data key before it reaches the database."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:  # noqa: ANN401
        return None if value is None else get_cipher().encrypt(str(value))

    def process_result_value(self, value: Any, dialect: Any) -> str | None:  # noqa: ANN401
        return None if value is None else get_cipher().decrypt(value)


class EncryptedJSON(sa.types.TypeDecorator):
    """A JSON value encrypted as a whole."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:  # noqa: ANN401
        if value is None:
            return None
        return get_cipher().encrypt(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value: Any, dialect: Any) -> Any:  # noqa: ANN401
        return None if value is None else json.loads(get_cipher().decrypt(value))


class EncryptedBytes(sa.types.TypeDecorator):
    """Binary content (a document) encrypted as a whole; stored as the Fernet token's text."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:  # noqa: ANN401
        return None if value is None else get_cipher().encrypt_bytes(bytes(value))

    def process_result_value(self, value: Any, dialect: Any) -> bytes | None:  # noqa: ANN401
        return None if value is None else get_cipher().decrypt_bytes(value)


class Organisation(Base):
    __tablename__ = "organisations"
    id = sa.Column(sa.Integer, primary_key=True)
    slug = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(200), nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Person(Base):
    """A newcomer who agreed to the interview. Deleting one cascades to all their data."""

    __tablename__ = "persons"
    id = sa.Column(sa.String(36), primary_key=True, default=new_id)
    organisation_id = sa.Column(sa.Integer, sa.ForeignKey("organisations.id"), nullable=False)
    ui_language = sa.Column(sa.String(8), nullable=False)
    status = sa.Column(sa.String(16), nullable=False, default="in_progress")
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    last_activity_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    completed_at = sa.Column(sa.DateTime)

    organisation = relationship("Organisation")
    identities = relationship("ChannelIdentity", cascade="all, delete-orphan", passive_deletes=True)
    consents = relationship("ConsentRecord", cascade="all, delete-orphan", passive_deletes=True)
    fields = relationship("ProfileField", cascade="all, delete-orphan", passive_deletes=True)


class ChannelIdentity(Base):
    """How a person reaches us: a channel and that channel's conversation id."""

    __tablename__ = "channel_identities"
    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(
        sa.String(36), sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    )
    channel = sa.Column(sa.String(32), nullable=False)
    external_id = sa.Column(sa.String(255), nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    __table_args__ = (sa.UniqueConstraint("channel", "external_id", name="uq_channel_identity"),)


class ConsentRecord(Base):
    __tablename__ = "consent_records"
    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(
        sa.String(36), sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    )
    text_version = sa.Column(sa.String(64), nullable=False)
    language = sa.Column(sa.String(8), nullable=False)
    given_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class ProfileField(Base):
    """One answer: the original text as written, its language, the normalised value."""

    __tablename__ = "profile_fields"
    id = sa.Column(sa.Integer, primary_key=True)
    person_id = sa.Column(
        sa.String(36), sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    )
    field = sa.Column(sa.String(64), nullable=False)
    item_index = sa.Column(sa.Integer, nullable=False, default=0)
    original_text = sa.Column(EncryptedText)
    original_language = sa.Column(sa.String(8))
    language_confidence = sa.Column(sa.Float)  # None: the interface language was assumed
    value = sa.Column(EncryptedJSON)
    # A machine translation into German for the caseworker; always shown labelled as such.
    translation_text = sa.Column(EncryptedText)
    translation_language = sa.Column(sa.String(8))
    translation_model = sa.Column(sa.String(200))
    translation_model_version = sa.Column(sa.String(64))
    translated_at = sa.Column(sa.DateTime)
    status = sa.Column(sa.String(16), nullable=False)  # given | skipped | verified
    attempts = sa.Column(sa.Integer, nullable=False, default=1)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    verified_by = sa.Column(sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"))
    verified_at = sa.Column(sa.DateTime)
    __table_args__ = (
        sa.UniqueConstraint("person_id", "field", "item_index", name="uq_profile_field"),
    )


class User(Base):
    """A caseworker, editor or administrator of the portal."""

    __tablename__ = "users"
    id = sa.Column(sa.Integer, primary_key=True)
    username = sa.Column(sa.String(100), nullable=False, unique=True)
    display_name = sa.Column(sa.String(200), nullable=False)
    password_hash = sa.Column(sa.String(255), nullable=False)
    role = sa.Column(sa.String(16), nullable=False)  # caseworker | editor | admin
    organisation_id = sa.Column(sa.Integer, sa.ForeignKey("organisations.id"), nullable=False)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    organisation = relationship("Organisation")


class PortalSession(Base):
    """A signed-in portal session; deleting the row ends it at once (logout, disable, reset)."""

    __tablename__ = "portal_sessions"
    # SHA-256 of the session id: the table alone gives no usable cookie.
    id_hash = sa.Column(sa.String(64), primary_key=True)
    user_id = sa.Column(
        sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    expires_at = sa.Column(sa.DateTime, nullable=False, index=True)


class LoginFailure(Base):
    """One refused password check, kept for a while to throttle guessing (no password kept)."""

    __tablename__ = "login_failures"
    id = sa.Column(sa.Integer, primary_key=True)
    at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)
    username = sa.Column(sa.String(100), nullable=False, index=True)
    address = sa.Column(sa.String(64), nullable=False, index=True)


class AuditEntry(Base):
    """Who read or exported what, and when. Keeps no personal data of the newcomer."""

    __tablename__ = "audit_log"
    id = sa.Column(sa.Integer, primary_key=True)
    at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)
    user_id = sa.Column(sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"))
    username = sa.Column(sa.String(100))
    action = sa.Column(sa.String(64), nullable=False)
    person_id = sa.Column(sa.String(36), index=True)
    detail = sa.Column(sa.Text)


# --- knowledge base (issue 5): the editors' copy of knowledge_base/entries/ -------------------
class KBEntry(Base):
    """One knowledge-base entry; the YAML files are imported into and exported from here."""

    __tablename__ = "kb_entries"
    id = sa.Column(sa.String(120), primary_key=True)
    category = sa.Column(sa.String(32), nullable=False, index=True)
    region = sa.Column(sa.JSON, nullable=False)
    source_url = sa.Column(sa.Text, nullable=False)
    more_sources = sa.Column(sa.JSON, nullable=False)
    reviewed_at = sa.Column(sa.Date, nullable=False)
    reviewer = sa.Column(sa.String(200), nullable=False)
    valid_from = sa.Column(sa.Date)
    valid_until = sa.Column(sa.Date)
    service = sa.Column(sa.JSON)  # null: general information, no single service
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    updated_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)

    translations = relationship("KBTranslation", cascade="all, delete-orphan", passive_deletes=True,
                                order_by="KBTranslation.language")


class KBTranslation(Base):
    """An entry's text in one language; `source_hash` names the German text it translates."""

    __tablename__ = "kb_translations"
    id = sa.Column(sa.Integer, primary_key=True)
    entry_id = sa.Column(
        sa.String(120), sa.ForeignKey("kb_entries.id", ondelete="CASCADE"), nullable=False, index=True
    )
    language = sa.Column(sa.String(8), nullable=False)
    status = sa.Column(sa.String(16), nullable=False)  # curated | machine_draft
    title = sa.Column(sa.Text, nullable=False)
    questions = sa.Column(sa.JSON, nullable=False)
    answer = sa.Column(sa.Text, nullable=False)
    source_hash = sa.Column(sa.String(16))
    updated_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    __table_args__ = (sa.UniqueConstraint("entry_id", "language", name="uq_kb_translation"),)


class KBUnansweredQuestion(Base):
    """A question the knowledge base could not answer, kept for editors. The text is personal
    data: encrypted, and erased with the person who asked it."""

    __tablename__ = "kb_unanswered_questions"
    id = sa.Column(sa.Integer, primary_key=True)
    asked_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)
    language = sa.Column(sa.String(8), nullable=False)
    text = sa.Column(EncryptedText, nullable=False)
    person_id = sa.Column(sa.String(36), sa.ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    status = sa.Column(sa.String(16), nullable=False, default="open", index=True)  # open|answered|dismissed
    entry_id = sa.Column(sa.String(120), sa.ForeignKey("kb_entries.id", ondelete="SET NULL"))
    resolved_at = sa.Column(sa.DateTime)
    resolved_by = sa.Column(sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"))
    passed_on_at = sa.Column(sa.DateTime)  # the person asked for a human to follow it up


class KBChange(Base):
    """The editors' audit trail: who changed which entry, when, and the changed fields."""

    __tablename__ = "kb_changes"
    id = sa.Column(sa.Integer, primary_key=True)
    at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)
    user_id = sa.Column(sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"))
    username = sa.Column(sa.String(100))
    # No foreign key: the trail outlives a deleted entry.
    entry_id = sa.Column(sa.String(120), index=True)
    action = sa.Column(sa.String(32), nullable=False)
    diff = sa.Column(sa.JSON)


class Document(Base):
    """A file a person sent (certificate, CV, ID photo) for their caseworker: the document
    mailbox. Name and content are personal data: encrypted, erased with the person."""

    __tablename__ = "documents"
    id = sa.Column(sa.String(36), primary_key=True, default=new_id)
    person_id = sa.Column(
        sa.String(36), sa.ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True
    )
    filename = sa.Column(EncryptedText, nullable=False)
    media_type = sa.Column(sa.String(64), nullable=False)
    size = sa.Column(sa.Integer, nullable=False)
    channel = sa.Column(sa.String(32), nullable=False)
    content = sa.Column(EncryptedBytes, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)
