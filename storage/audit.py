"""The audit log: who logged in, listed, read or exported which profile, and when."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from storage.database import session_scope
from storage.models import AuditEntry, utcnow

ACTIONS: frozenset[str] = frozenset({
    "login", "login.failed", "logout", "profile.list", "profile.read", "profile.export",
    "profile.export_cv_pdf", "profile.export_cv_anonymised", "profile.export_json_resume",
    "profile.document.read",
    "kb.unanswered.list", "kb.unanswered.read",
    # account administration (`lotse users ...`): the entry names the account, nothing more
    "account.create", "account.disable", "account.enable", "account.password_reset",
    "account.sessions_revoked", "account.delete",
})


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def record(
    database_url: str,
    *,
    user_id: int | None,
    username: str | None,
    action: str,
    person_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Write one entry at once; callers write it before they hand out the data."""
    with session_scope(database_url) as session:
        session.add(AuditEntry(
            user_id=user_id,
            # A failed login may carry any text typed as the name: keep it within the column.
            username=username[:100] if username is not None else None,
            action=action,
            person_id=person_id,
            detail=detail,
        ))


def entries(
    database_url: str, person_id: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """The newest entries first, optionally only those about one person."""
    query = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if person_id is not None:
        query = query.filter_by(person_id=person_id)
    with session_scope(database_url) as session:
        return [
            {
                "id": e.id,
                "at": _iso(e.at),
                "user_id": e.user_id,
                "username": e.username,
                "action": e.action,
                "person_id": e.person_id,
                "detail": e.detail,
            }
            for e in session.execute(query).scalars()
        ]


def recent_failed_logins(database_url: str, username: str, minutes: int) -> int:
    """Failed logins for this username in the last `minutes` (brute-force throttling)."""
    since = utcnow() - timedelta(minutes=minutes)
    with session_scope(database_url) as session:
        query = sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "login.failed", AuditEntry.username == username[:100],
            AuditEntry.at >= since)
        return int(session.execute(query).scalar() or 0)
