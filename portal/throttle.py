"""Login throttling: growing delays per user name, per client address and across the portal.

Every refused password check is one row in `login_failures` (name, address, time; never the
password). Before a password is checked, three rules look at the recent failures:

- by name: guessing one account's password from anywhere,
- by address: one client trying many names (or one name) from one address,
- global: password spraying, one password across many accounts from many addresses.

Beyond a rule's free failures each further failure doubles the wait after the newest one, up to
a cap; failures older than the rule's window no longer count, so every delay decays. An attempt
made while a wait runs is refused unchecked and not counted, so hammering does not prolong it:
there is no lock an attacker can make permanent, and the right password works once the wait is
over. A browser that signed in as this name before (device cookie) skips the name and global
rules, so a stranger guessing the name cannot keep its owner out at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from storage.database import session_scope
from storage.models import LoginFailure, utcnow


@dataclass(frozen=True)
class Rule:
    free: int        # failures in the window before any wait
    base: float      # seconds of wait at the first failure beyond `free`
    per_doubling: int  # further failures that double the wait
    cap: float       # the longest wait, seconds
    window: float    # seconds a failure counts

    def wait(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        exponent = (failures - self.free) / self.per_doubling
        return min(self.cap, self.base * 2 ** min(exponent, 64))


# Five typos are free; then 15 s, 30 s, 1 min ... capped at 15 min: about 15 guesses per hour
# per account at most, while someone who forgot their password waits minutes, never hours.
BY_NAME = Rule(free=5, base=15, per_doubling=1, cap=15 * 60, window=60 * 60)
# An office behind one NAT address shares this one: more free failures, same growth.
BY_ADDRESS = Rule(free=20, base=15, per_doubling=1, cap=15 * 60, window=60 * 60)
# Normal use sees far fewer than 100 wrong passwords in 10 minutes across all staff. Beyond
# that, failed checks are spaced portal-wide (1 s, doubling every 25 further failures, at most
# 30 s): a spraying run gets ~2 guesses a minute in total, a colleague waits seconds.
GLOBAL = Rule(free=100, base=1, per_doubling=25, cap=30, window=10 * 60)
KEEP = max(BY_NAME.window, BY_ADDRESS.window, GLOBAL.window)


def _key(username: str) -> str:
    return (username or "").strip()[:100]


def _count_and_newest(session: sa.orm.Session, since: datetime,
                      *conditions: sa.sql.ColumnElement) -> tuple[int, datetime | None]:
    count, newest = session.execute(
        sa.select(sa.func.count(LoginFailure.id), sa.func.max(LoginFailure.at))
        .where(LoginFailure.at >= since, *conditions)
    ).one()
    return int(count or 0), newest


def _remaining(rule: Rule, count: int, newest: datetime | None, now: datetime) -> float:
    if newest is None:
        return 0.0
    return max(0.0, rule.wait(count) - (now - newest).total_seconds())


def wait_seconds(database_url: str, username: str, address: str, *,
                 known_device: bool = False) -> int:
    """Seconds until a password may be checked for this name from this address (0: now)."""
    now = utcnow()
    checks = [(BY_ADDRESS, LoginFailure.address == address[:64])]
    if not known_device:
        checks += [(BY_NAME, LoginFailure.username == _key(username)), (GLOBAL, sa.true())]
    with session_scope(database_url) as session:
        remaining = 0.0
        for rule, condition in checks:
            count, newest = _count_and_newest(
                session, now - timedelta(seconds=rule.window), condition)
            remaining = max(remaining, _remaining(rule, count, newest, now))
    return math.ceil(remaining)


def record_failure(database_url: str, username: str, address: str) -> None:
    """Count one wrong password; failures too old to count are dropped on the way."""
    now = utcnow()
    with session_scope(database_url) as session:
        session.execute(sa.delete(LoginFailure).where(
            LoginFailure.at < now - timedelta(seconds=KEEP)))
        session.add(LoginFailure(at=now, username=_key(username), address=address[:64]))


def record_success(database_url: str, username: str, address: str) -> None:
    """The owner got in: their own typos from this address stop counting. Failures for the name
    from elsewhere stay, so a login does not hand a guesser from another address a fresh start."""
    with session_scope(database_url) as session:
        session.execute(sa.delete(LoginFailure).where(
            LoginFailure.username == _key(username), LoginFailure.address == address[:64]))


def describe_wait(seconds: int) -> str:
    """A wait in German words: '1 Sekunde', '45 Sekunden', '3 Minuten'."""
    if seconds <= 1:
        return "1 Sekunde"
    if seconds < 120:
        return f"{seconds} Sekunden"
    return f"{math.ceil(seconds / 60)} Minuten"
