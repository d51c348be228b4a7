"""`lotse users create | list | disable | enable | reset-password | revoke-sessions | delete`.

Portal accounts from the command line. Passwords come from a prompt or, with --password-stdin,
from the first line of stdin; never from an argument (the process list and shell history would
keep it). Every change is written to the audit log with the account name only, and every
change that takes rights away ends the account's open sessions at once.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

# The audit log's record of who acted: the operator at the console, not a portal account.
ACTOR = "lotse users (Kommandozeile)"


def _fail(message: str, code: int = 2) -> int:
    print(f"lotse: {message}", file=sys.stderr)
    return code


def _database_url() -> str:
    from lotse.settings import load_settings
    from storage.database import migrate

    url = load_settings().database_url
    migrate(url)
    return url


def _read_password(args: argparse.Namespace) -> str | None:
    """The new password, or None when the two prompts differ."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Repeat password: "):
        return None
    return password


def _audit(database_url: str, user: dict[str, Any], action: str) -> None:
    from storage import audit

    # The account name and nothing else about the person behind it.
    audit.record(database_url, user_id=user["id"], username=user["username"], action=action,
                 detail=ACTOR)


def _account(database_url: str, username: str) -> dict[str, Any] | None:
    from storage.accounts import find_user

    return find_user(database_url, username)


def cmd_create(args: argparse.Namespace) -> int:
    from storage.accounts import create_user

    database_url = _database_url()
    password = _read_password(args)
    if password is None:
        return _fail("passwords differ")
    try:
        user_id = create_user(database_url, username=args.username, password=password,
                              role=args.role, organisation_slug=args.organisation,
                              display_name=args.display_name or args.username)
    except ValueError as exc:
        return _fail(str(exc))
    _audit(database_url, {"id": user_id, "username": args.username.strip()}, "account.create")
    print(json.dumps({"id": user_id, "username": args.username.strip(), "role": args.role,
                      "organisation": args.organisation}))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from storage.accounts import list_users

    for user in list_users(_database_url()):
        if args.organisation and user["organisation_slug"] != args.organisation:
            continue
        print(json.dumps({"username": user["username"], "role": user["role"],
                          "organisation": user["organisation_slug"], "active": user["active"],
                          "open_sessions": user["sessions"], "created_at": user["created_at"]},
                         ensure_ascii=False))
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from storage.accounts import set_active

    database_url = _database_url()
    user = _account(database_url, args.username)
    if user is None:
        return _fail(f"no account {args.username!r}", 1)
    set_active(database_url, user["id"], active)
    _audit(database_url, user, "account.enable" if active else "account.disable")
    print(json.dumps({"username": user["username"], "active": active}))
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def cmd_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def cmd_reset_password(args: argparse.Namespace) -> int:
    from storage.accounts import set_password

    database_url = _database_url()
    user = _account(database_url, args.username)
    if user is None:
        return _fail(f"no account {args.username!r}", 1)
    password = _read_password(args)
    if password is None:
        return _fail("passwords differ")
    try:
        set_password(database_url, user["id"], password)
    except ValueError as exc:
        return _fail(str(exc))
    _audit(database_url, user, "account.password_reset")
    print(json.dumps({"username": user["username"], "password_reset": True,
                      "sessions_ended": True}))
    return 0


def cmd_revoke_sessions(args: argparse.Namespace) -> int:
    from storage.accounts import revoke_sessions

    database_url = _database_url()
    user = _account(database_url, args.username)
    if user is None:
        return _fail(f"no account {args.username!r}", 1)
    ended = revoke_sessions(database_url, user["id"])
    _audit(database_url, user, "account.sessions_revoked")
    print(json.dumps({"username": user["username"], "sessions_ended": ended}))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from storage.accounts import delete_user

    database_url = _database_url()
    user = _account(database_url, args.username)
    if user is None:
        return _fail(f"no account {args.username!r}", 1)
    if not args.yes:
        return _fail(f"deleting {user['username']!r} cannot be undone: repeat with --yes "
                     "(or use `lotse users disable`)")
    # Audited first, while the id still exists; the entry keeps the name once it is gone.
    _audit(database_url, user, "account.delete")
    delete_user(database_url, user["id"])
    print(json.dumps({"username": user["username"], "deleted": True}))
    return 0


def register(sub: argparse._SubParsersAction, default_organisation: str) -> None:
    users = sub.add_parser("users", help="portal accounts").add_subparsers(
        dest="users_command", required=True)

    create = users.add_parser("create", help="create a portal account")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=["caseworker", "editor", "admin"])
    create.add_argument("--organisation", default=default_organisation)
    create.add_argument("--display-name")
    create.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin")
    create.set_defaults(func=cmd_create)

    listing = users.add_parser("list", help="one JSON line per account")
    listing.add_argument("--organisation")
    listing.set_defaults(func=cmd_list)

    for name, func, text in (
        ("disable", cmd_disable, "refuse logins and end the account's open sessions now"),
        ("enable", cmd_enable, "allow a disabled account to log in again"),
        ("revoke-sessions", cmd_revoke_sessions, "end every open session of the account now"),
    ):
        command = users.add_parser(name, help=text)
        command.add_argument("username")
        command.set_defaults(func=func)

    reset = users.add_parser("reset-password",
                             help="set a new password (prompt or stdin); ends all sessions")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin")
    reset.set_defaults(func=cmd_reset_password)

    delete = users.add_parser("delete", help="remove the account (audit entries keep the name)")
    delete.add_argument("username")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    delete.set_defaults(func=cmd_delete)
