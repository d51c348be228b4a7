"""The knowledge base in the database: what the editor pages read and change.

The YAML files under `knowledge_base/entries/` are imported into it and exported from it
(`lotse kb import|export`). Every change an editor makes is recorded in `kb_changes` with the
fields it changed, who made it and when. Questions the base could not answer are kept for the
editors; their text is personal data (encrypted, erased with the person).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from knowledge_base.entry import (
    SOURCE_LANGUAGE,
    STATUSES,
    Entry,
    Service,
    Translation,
    entry_to_data,
    normalize_text,
)
from knowledge_base.validation import ERROR, Problem, check_entry
from nlu.folding import fold
from storage.database import session_scope
from storage.models import KBChange, KBEntry, KBTranslation, KBUnansweredQuestion, utcnow

# The portal's user dict (storage.accounts: "id", "username", "display_name"); None for the CLI.
User = Mapping[str, Any] | None

UNANSWERED_STATUSES = ("open", "answered", "dismissed")
MAX_QUESTION_CHARS = 2000  # a pasted letter is not a question; keep what editors can read


class InvalidEntry(ValueError):
    """An entry that breaks the schema rules; `problems` lists them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.entry_id}: {p.message}" for p in problems))


class UnknownEntry(KeyError):
    """No entry (or translation) with that id."""


@dataclass(frozen=True)
class UnansweredQuestion:
    id: int
    asked_at: datetime
    language: str
    text: str
    person_id: str | None
    status: str
    entry_id: str | None
    resolved_at: datetime | None
    passed_on_at: datetime | None = None  # the person asked for a human to follow it up


def _jsonable(value: Any) -> Any:  # noqa: ANN401 - any part of an entry
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"service": {"phone": x}} -> {"service.phone": x}; lists stay whole."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def entry_diff(old: Entry | None, new: Entry | None) -> dict[str, dict[str, Any]]:
    """The changed fields, e.g. {"translations.ar.answer": {"old": ..., "new": ...}}."""
    before = _flatten(_jsonable(entry_to_data(old))) if old else {}
    after = _flatten(_jsonable(entry_to_data(new))) if new else {}
    return {key: {"old": before.get(key), "new": after.get(key)}
            for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)}


def _to_entry(row: KBEntry) -> Entry:
    service = None
    if row.service is not None:
        data = dict(row.service)
        service = Service(name=data["name"], address=data.get("address"),
                          opening_hours=data.get("opening_hours"), phone=data.get("phone"),
                          web=data.get("web"), languages=tuple(data.get("languages") or ("de",)),
                          accessibility=data.get("accessibility"))
    translations = {
        t.language: Translation(lang=t.language, status=t.status, title=t.title,
                                questions=tuple(t.questions), answer=t.answer,
                                source_hash=t.source_hash)
        for t in row.translations
    }
    return Entry(id=row.id, category=row.category, region=dict(row.region),
                 source_url=row.source_url, more_sources=tuple(row.more_sources),
                 reviewed_at=row.reviewed_at, reviewer=row.reviewer, valid_from=row.valid_from,
                 valid_until=row.valid_until, service=service, translations=translations)


def _write(session: Session, row: KBEntry | None, entry: Entry) -> KBEntry:
    """Make the rows hold `entry` (creating them when `row` is None)."""
    now = utcnow()
    if row is None:
        row = KBEntry(id=entry.id, created_at=now)
        session.add(row)
    data = entry_to_data(entry)
    row.category = entry.category
    row.region = dict(entry.region)
    row.source_url = entry.source_url
    row.more_sources = list(entry.more_sources)
    row.reviewed_at = entry.reviewed_at
    row.reviewer = entry.reviewer
    row.valid_from = entry.valid_from
    row.valid_until = entry.valid_until
    row.service = data["service"]
    row.updated_at = now
    existing = {t.language: t for t in row.translations}
    for lang, t in entry.translations.items():
        trow = existing.pop(lang, None)
        if trow is None:
            trow = KBTranslation(language=lang)
            row.translations.append(trow)
        values = {"status": t.status, "title": t.title, "questions": list(t.questions),
                  "answer": t.answer, "source_hash": t.source_hash}
        if any(getattr(trow, k) != v for k, v in values.items()) or trow.updated_at is None:
            for key, value in values.items():
                setattr(trow, key, value)
            trow.updated_at = now
    for trow in existing.values():  # languages the entry no longer has
        row.translations.remove(trow)
    return row


def _check(entry: Entry) -> None:
    errors = [p for p in check_entry(entry) if p.level == ERROR]
    if errors:
        raise InvalidEntry(errors)


def _user_fields(user: User) -> dict[str, Any]:
    if not user:
        return {"user_id": None, "username": None}
    username = user.get("username")
    return {"user_id": user.get("id"), "username": username[:100] if username else None}


def _reviewer_name(user: User) -> str:
    if not user:
        return "lotse"
    return str(user.get("display_name") or user.get("username") or "lotse")


def _matches(entry: Entry, needle: str) -> bool:
    haystack = [entry.id, entry.category]
    if entry.service is not None:
        haystack.append(entry.service.name)
    for t in entry.translations.values():
        haystack += [t.title, *t.questions, t.answer]
    return any(needle in fold(text) for text in haystack)


class KnowledgeBaseStore:
    def __init__(self, database_url: str) -> None:
        self.database_url = database_url

    def _query(self) -> sa.sql.Select:
        return sa.select(KBEntry).options(selectinload(KBEntry.translations)).order_by(KBEntry.id)

    def _load(self, session: Session, entry_id: str) -> KBEntry | None:
        return session.execute(self._query().where(KBEntry.id == entry_id)).scalar_one_or_none()

    def _record(self, session: Session, user: User, entry_id: str | None, action: str,
                diff: dict[str, Any]) -> None:
        session.add(KBChange(entry_id=entry_id, action=action, diff=diff, **_user_fields(user)))

    # --- files <-> database --------------------------------------------------------------
    def import_entries(self, entries: Iterable[Entry], user: User = None) -> dict[str, int]:
        """Insert or update every entry by id, all or nothing; entries not given stay."""
        entries = list(entries)
        errors = [p for e in entries for p in check_entry(e) if p.level == ERROR]
        if errors:
            raise InvalidEntry(errors)
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with session_scope(self.database_url) as session:
            for entry in entries:
                row = self._load(session, entry.id)
                old = _to_entry(row) if row is not None else None
                diff = entry_diff(old, entry)
                if not diff:
                    counts["unchanged"] += 1
                    continue
                _write(session, row, entry)
                counts["created" if old is None else "updated"] += 1
                self._record(session, user, entry.id, "import", diff)
                session.flush()
        return counts

    def export_entries(self) -> list[Entry]:
        with session_scope(self.database_url) as session:
            return [_to_entry(row) for row in session.execute(self._query()).scalars()]

    # --- reading ---------------------------------------------------------------------------
    def entries(self, category: str | None = None, status: str | None = None,
                search: str | None = None) -> list[Entry]:
        """Entries sorted by id; `status` keeps those with a language in that status
        (curated, machine_draft, missing, outdated); `search` matches folded text anywhere."""
        if status is not None and status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        query = self._query()
        if category:
            query = query.where(KBEntry.category == category)
        with session_scope(self.database_url) as session:
            found = [_to_entry(row) for row in session.execute(query).scalars()]
        if status is not None:
            found = [e for e in found if status in e.statuses().values()]
        needle = fold(search or "")
        if needle:
            found = [e for e in found if _matches(e, needle)]
        return found

    def entry(self, entry_id: str) -> Entry | None:
        with session_scope(self.database_url) as session:
            row = self._load(session, entry_id)
            return _to_entry(row) if row is not None else None

    def changes(self, entry_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """The audit trail, newest first."""
        query = sa.select(KBChange).order_by(KBChange.at.desc(), KBChange.id.desc()).limit(limit)
        if entry_id is not None:
            query = query.where(KBChange.entry_id == entry_id)
        with session_scope(self.database_url) as session:
            return [{"id": c.id, "at": c.at.isoformat(timespec="seconds") + "Z",
                     "user_id": c.user_id, "username": c.username, "entry_id": c.entry_id,
                     "action": c.action, "diff": c.diff}
                    for c in session.execute(query).scalars()]

    # --- editing ---------------------------------------------------------------------------
    def save_entry(self, entry: Entry, user: User) -> dict[str, dict[str, Any]]:
        """Create or update an entry; returns (and records) the changed fields, {} if none.
        Raises InvalidEntry when it breaks the schema rules."""
        _check(entry)
        with session_scope(self.database_url) as session:
            row = self._load(session, entry.id)
            old = _to_entry(row) if row is not None else None
            diff = entry_diff(old, entry)
            if diff:
                _write(session, row, entry)
                self._record(session, user, entry.id, "create" if old is None else "update", diff)
            return diff

    def delete_entry(self, entry_id: str, user: User) -> bool:
        with session_scope(self.database_url) as session:
            row = self._load(session, entry_id)
            if row is None:
                return False
            diff = entry_diff(_to_entry(row), None)
            session.delete(row)
            self._record(session, user, entry_id, "delete", diff)
            return True

    def _change(self, entry_id: str, user: User, action: str, change: Any) -> Entry:  # noqa: ANN401
        """Apply `change(entry) -> entry` to a stored entry and record it."""
        with session_scope(self.database_url) as session:
            row = self._load(session, entry_id)
            if row is None:
                raise UnknownEntry(entry_id)
            old = _to_entry(row)
            new = change(old)
            diff = entry_diff(old, new)
            if diff:
                _write(session, row, new)
                self._record(session, user, entry_id, action, diff)
            return new

    def mark_reviewed(self, entry_id: str, user: User, today: date) -> Entry:
        """An editor checked the entry against its sources today."""
        return self._change(entry_id, user, "review",
                            lambda e: replace(e, reviewed_at=today, reviewer=_reviewer_name(user)))

    def approve_translation(self, entry_id: str, lang: str, user: User) -> Entry:
        """An editor approves a translation (a machine draft, or one whose German source
        changed) as a correct translation of the current German text."""

        def approve(entry: Entry) -> Entry:
            translation = entry.translations.get(lang)
            if translation is None:
                raise UnknownEntry(f"{entry_id}: no {lang} translation")
            source_hash = None if lang == SOURCE_LANGUAGE else entry.source_hash()
            approved = replace(translation, status="curated", source_hash=source_hash)
            return replace(entry, translations={**entry.translations, lang: approved})

        return self._change(entry_id, user, "approve_translation", approve)

    # --- unanswered questions --------------------------------------------------------------
    def add_unanswered(self, text: str, language: str, person_id: str | None = None) -> int:
        with session_scope(self.database_url) as session:
            row = KBUnansweredQuestion(text=normalize_text(text)[:MAX_QUESTION_CHARS],
                                       language=(language or "und")[:8], person_id=person_id,
                                       status="open")
            session.add(row)
            session.flush()
            return row.id

    def unanswered(self, status: str | None = "open") -> list[UnansweredQuestion]:
        """Newest first; status None lists all."""
        query = sa.select(KBUnansweredQuestion).order_by(KBUnansweredQuestion.asked_at.desc(),
                                                         KBUnansweredQuestion.id.desc())
        if status is not None:
            query = query.where(KBUnansweredQuestion.status == status)
        with session_scope(self.database_url) as session:
            return [UnansweredQuestion(id=q.id, asked_at=q.asked_at, language=q.language,
                                       text=q.text, person_id=q.person_id, status=q.status,
                                       entry_id=q.entry_id, resolved_at=q.resolved_at,
                                       passed_on_at=q.passed_on_at)
                    for q in session.execute(query).scalars()]

    def pass_on_unanswered(self, question_id: int, person_id: str | None) -> bool:
        """The person accepted the offer to pass their question on to a human. Only the
        person who asked may do so (a button payload could carry any id)."""
        with session_scope(self.database_url) as session:
            row = session.get(KBUnansweredQuestion, question_id)
            if row is None or row.person_id != person_id:
                return False
            if row.passed_on_at is None:
                row.passed_on_at = utcnow()
            return True

    def resolve_unanswered(self, question_id: int, entry_id: str | None, user: User) -> bool:
        """Answered by `entry_id`, or dismissed when None; False when the question is gone."""
        with session_scope(self.database_url) as session:
            row = session.get(KBUnansweredQuestion, question_id)
            if row is None:
                return False
            if entry_id is not None and session.get(KBEntry, entry_id) is None:
                raise UnknownEntry(entry_id)
            row.status = "answered" if entry_id is not None else "dismissed"
            row.entry_id = entry_id
            row.resolved_at = utcnow()
            row.resolved_by = _user_fields(user)["user_id"]
            # The trail names the question by id only: its text is personal data.
            self._record(session, user, entry_id, f"unanswered.{row.status}",
                         {"unanswered_id": question_id})
            return True
