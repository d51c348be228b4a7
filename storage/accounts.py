"""Portal accounts: caseworkers, editors and administrators with argon2id password hashes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.exc import IntegrityError

from storage.database import session_scope
from storage.models import Organisation, User
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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"password must have at most {MAX_PASSWORD_LENGTH} characters")
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
    """Lock or unlock an account; an inactive account cannot log in."""
    with session_scope(database_url) as session:
        user = session.get(User, user_id)
        if user is None:
            return False
        user.active = active
        return True
