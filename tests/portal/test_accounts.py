"""Accounts and the audit log against migrated SQLite and PostgreSQL databases."""

from __future__ import annotations

import secrets

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from storage import accounts, audit
from storage.database import session_scope
from storage.models import User

from .conftest import PASSWORD


def _name(prefix: str = "user") -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def test_create_and_authenticate(database_url):
    username = _name()
    user_id = accounts.create_user(database_url, username=username, password=PASSWORD,
                                   role="caseworker", organisation_slug="jc-accounts",
                                   display_name="Frau Müller")
    user = accounts.authenticate(database_url, username, PASSWORD)
    assert user is not None
    assert user["id"] == user_id
    assert user["role"] == "caseworker"
    assert user["organisation_slug"] == "jc-accounts"
    assert user["display_name"] == "Frau Müller"
    assert accounts.get_user(database_url, user_id) == user
    assert accounts.get_user(database_url, 10_000_000) is None


def test_password_is_stored_as_argon2id(database_url):
    username = _name()
    user_id = accounts.create_user(database_url, username=username, password=PASSWORD,
                                   role="editor", organisation_slug="jc-accounts",
                                   display_name="E")
    with session_scope(database_url) as session:
        stored = session.get(User, user_id).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_wrong_password_unknown_user_and_empty_input_are_refused(database_url):
    username = _name()
    accounts.create_user(database_url, username=username, password=PASSWORD, role="admin",
                         organisation_slug="jc-accounts", display_name="A")
    assert accounts.authenticate(database_url, username, PASSWORD + "x") is None
    assert accounts.authenticate(database_url, _name("nobody"), PASSWORD) is None
    assert accounts.authenticate(database_url, "", "") is None
    assert accounts.authenticate(database_url, username, "x" * 5000) is None


def test_duplicate_username_short_password_and_unknown_role_are_refused(database_url):
    username = _name()
    accounts.create_user(database_url, username=username, password=PASSWORD, role="caseworker",
                         organisation_slug="jc-accounts", display_name="C")
    with pytest.raises(ValueError, match="taken"):
        accounts.create_user(database_url, username=username, password=PASSWORD,
                             role="caseworker", organisation_slug="jc-other", display_name="C2")
    with pytest.raises(ValueError, match="12"):
        accounts.create_user(database_url, username=_name(), password="elevenchars",
                             role="caseworker", organisation_slug="jc-accounts", display_name="C")
    with pytest.raises(ValueError, match="role"):
        accounts.create_user(database_url, username=_name(), password=PASSWORD, role="root",
                             organisation_slug="jc-accounts", display_name="C")


def test_inactive_user_is_refused(database_url):
    username = _name()
    user_id = accounts.create_user(database_url, username=username, password=PASSWORD,
                                   role="caseworker", organisation_slug="jc-accounts",
                                   display_name="C")
    assert accounts.set_active(database_url, user_id, False)
    assert accounts.authenticate(database_url, username, PASSWORD) is None
    assert accounts.get_user(database_url, user_id)["active"] is False
    accounts.set_active(database_url, user_id, True)
    assert accounts.authenticate(database_url, username, PASSWORD) is not None


def test_outdated_hash_is_upgraded_at_login(database_url):
    username = _name()
    user_id = accounts.create_user(database_url, username=username, password=PASSWORD,
                                   role="caseworker", organisation_slug="jc-accounts",
                                   display_name="C")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with session_scope(database_url) as session:
        session.execute(sa.update(User).where(User.id == user_id).values(password_hash=weak))
    assert accounts.authenticate(database_url, username, PASSWORD) is not None
    with session_scope(database_url) as session:
        upgraded = session.get(User, user_id).password_hash
    assert upgraded != weak
    assert not PasswordHasher().check_needs_rehash(upgraded)
    assert accounts.authenticate(database_url, username, PASSWORD) is not None


def test_audit_record_and_entries(database_url):
    person = secrets.token_hex(8)
    audit.record(database_url, user_id=None, username="x" * 300, action="login.failed")
    audit.record(database_url, user_id=None, username="cw", action="profile.read",
                 person_id=person)
    audit.record(database_url, user_id=None, username="cw", action="profile.export",
                 person_id=person, detail="json")
    about_person = audit.entries(database_url, person_id=person)
    assert [e["action"] for e in about_person] == ["profile.export", "profile.read"]
    assert about_person[0]["detail"] == "json"
    assert about_person[0]["at"].endswith("Z")
    newest = audit.entries(database_url, limit=3)
    assert len(newest) == 3
    assert any(e["action"] == "login.failed" and len(e["username"]) == 100 for e in newest)
