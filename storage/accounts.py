"""Portal accounts: caseworkers, editors and administrators with argon2id password hashes."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.exc import IntegrityError

from storage.database import session_scope
from storage.models import Organisation, PortalSession, User, utcnow
from storage.profiles import ensure_organisation

ROLES: tuple[str, ...] = ("caseworker", "editor", "admin")
MIN_PASSWORD_LENGTH = 12
# argon2 hashes only a bounded input cheaply; refusing huge passwords avoids a cheap DoS.
MAX_PASSWORD_LENGTH = 1024

_hasher = PasswordHasher(type=Type.ID)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against when the user is unknown, so both paths take as long."""
    return _hasher.hash("lotse-dummy-password-never-valid")


def _as_dict(user: User, organisation: Organisation) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "organisation_id": user.organisation_id,
        "organisation_slug": organisation.slug,
        "organisation_name": organisation.name,
        "active": bool(user.active),
    }


def create_user(
    database_url: str,
    *,
    username: str,
    password: str,
    role: str,
    organisation_slug: str,
    display_name: str,
) -> int:
    """Create an account; ValueError for a taken username, weak password or unknown role."""
    username = username.strip()
    if not username or len(username) > 100:
        raise ValueError("username must be 1 to 100 characters")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    _check_password(password)
    password_hash = _hasher.hash(password)
    org_id = ensure_organisation(database_url, organisation_slug)
    try:
        with session_scope(database_url) as session:
            taken = session.execute(
                sa.select(User.id).filter_by(username=username)
            ).scalar_one_or_none()
            if taken is not None:
                raise ValueError(f"username {username!r} is already taken")
            user = User(username=username, display_name=display_name.strip() or username,
                        password_hash=password_hash, role=role, organisation_id=org_id,
                        active=True)
            session.add(user)
            session.flush()
            return user.id
    except IntegrityError as exc:
        # Two concurrent creations of the same name: the unique constraint decides.
        raise ValueError(f"username {username!r} is already taken") from exc


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"password must have at most {MAX_PASSWORD_LENGTH} characters")


def authenticate(database_url: str, username: str, password: str) -> dict[str, Any] | None:
    """The user for these credentials, or None (unknown, wrong password or inactive)."""
    username = (username or "").strip()
    if not username or len(password or "") > MAX_PASSWORD_LENGTH:
        _verify(_dummy_hash(), "x")
        return None
    with session_scope(database_url) as session:
        user = session.execute(sa.select(User).filter_by(username=username)).scalar_one_or_none()
        if user is None:
            _verify(_dummy_hash(), password)
            return None
        if not _verify(user.password_hash, password) or not user.active:
            return None
        if _needs_rehash(user.password_hash):
            # Parameters were raised since the hash was made: upgrade it while we know the
            # password.
            user.password_hash = _hasher.hash(password)
        return _as_dict(user, user.organisation)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _needs_rehash(password_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def get_user(database_url: str, user_id: int) -> dict[str, Any] | None:
    with session_scope(database_url) as session:
        user = session.get(User, user_id)
        return _as_dict(user, user.organisation) if user is not None else None


def set_active(database_url: str, user_id: int, active: bool) -> bool:
    """Lock or unlock an account; an inactive account cannot log in and loses its sessions."""
    with session_scope(database_url) as session:
        user = session.get(User, user_id)
        if user is None:
            return False
        user.active = active
        if not active:
            _delete_sessions(session, user_id)
        return True


def find_user(database_url: str, username: str) -> dict[str, Any] | None:
    """The account with exactly this name, or None."""
    with session_scope(database_url) as session:
        user = session.execute(
            sa.select(User).filter_by(username=(username or "").strip())
        ).scalar_one_or_none()
        return _as_dict(user, user.organisation) if user is not None else None


def list_users(database_url: str) -> list[dict[str, Any]]:
    """Every account with its open session count, ordered by organisation and name."""
    with session_scope(database_url) as session:
        counts = dict(session.execute(
            sa.select(PortalSession.user_id, sa.func.count(PortalSession.id_hash))
            .where(PortalSession.expires_at > utcnow()).group_by(PortalSession.user_id)
        ).all())
        rows = session.execute(
            sa.select(User, Organisation).join(Organisation, User.organisation_id == Organisation.id)
            .order_by(Organisation.slug, User.username)
        ).all()
        return [{**_as_dict(user, org), "created_at": user.created_at.isoformat(timespec="seconds")
                 + "Z", "sessions": int(counts.get(user.id, 0))} for user, org in rows]


def set_password(database_url: str, user_id: int, password: str) -> bool:
    """A new password (same rules as at creation); every open session of the account ends."""
    _check_password(password)
    password_hash = _hasher.hash(password)
    with session_scope(database_url) as session:
        user = session.get(User, user_id)
        if user is None:
            return False
        user.password_hash = password_hash
        _delete_sessions(session, user_id)
        return True


def delete_user(database_url: str, user_id: int) -> bool:
    """Remove an account and its sessions; audit entries and edits keep the name, not the id."""
    with session_scope(database_url) as session:
        user = session.get(User, user_id)
        if user is None:
            return False
        _delete_sessions(session, user_id)
        session.delete(user)
        return True


# --- sessions: a row per signed-in session, checked on every request ------------------------
def _session_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


def _delete_sessions(session: Any, user_id: int) -> int:  # noqa: ANN401 - an ORM session
    result = session.execute(sa.delete(PortalSession).where(PortalSession.user_id == user_id))
    return int(result.rowcount or 0)


def start_session(database_url: str, sid: str, user_id: int, expires: datetime) -> None:
    """Record a new session; expired rows of anyone are cleared on the way."""
    now = utcnow()
    with session_scope(database_url) as session:
        session.execute(sa.delete(PortalSession).where(PortalSession.expires_at <= now))
        session.add(PortalSession(id_hash=_session_hash(sid), user_id=user_id, created_at=now,
                                  expires_at=expires))


def end_session(database_url: str, sid: str) -> None:
    with session_scope(database_url) as session:
        session.execute(sa.delete(PortalSession).where(PortalSession.id_hash == _session_hash(sid)))


def revoke_sessions(database_url: str, user_id: int) -> int:
    """End every session of an account at once; how many there were."""
    with session_scope(database_url) as session:
        return _delete_sessions(session, user_id)


def session_user(database_url: str, sid: str, user_id: int) -> dict[str, Any] | None:
    """The active account of a recorded, unexpired session; None once it was revoked."""
    with session_scope(database_url) as session:
        row = session.execute(
            sa.select(User, PortalSession.expires_at)
            .join(PortalSession, PortalSession.user_id == User.id)
            .where(PortalSession.id_hash == _session_hash(sid), User.id == user_id)
        ).first()
        if row is None:
            return None
        user, expires_at = row
        if expires_at <= utcnow() or not user.active:
            return None
        return _as_dict(user, user.organisation)


def expiry(seconds_from_now: int) -> datetime:
    return utcnow() + timedelta(seconds=seconds_from_now)
