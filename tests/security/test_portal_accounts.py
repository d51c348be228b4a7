"""Portal accounts against attackers: login throttling (by name, by address, portal-wide), the
`lotse users` commands, revocable sessions that survive a restart, Secure cookies and HSTS.

Real portal processes on a migrated SQLite database. Waiting out a delay is simulated by moving
the recorded failures back in time, so the tests need not sleep for minutes.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from lotse.settings import PROJECT_ROOT
from portal import throttle
from storage import accounts, audit
from storage.database import session_scope
from storage.encryption import generate_key
from storage.models import LoginFailure
from tests.helpers.databases import fresh_database
from tests.helpers.ports import free_port
from tests.portal.conftest import PASSWORD, Browser, make_settings, running_portal

PROXY_ENV = {"LOTSE_PORTAL_TRUSTED_PROXIES": "127.0.0.1/32, ::1"}


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    with fresh_database("sqlite", tmp_path_factory.mktemp("accounts-db")) as url:
        yield url


@pytest.fixture(scope="module")
def data_key() -> str:
    return generate_key()


@pytest.fixture(scope="module")
def proxied(database, data_key, tmp_path_factory):
    """A portal behind a (trusted) reverse proxy on 127.0.0.1: X-Forwarded-For names the client."""
    settings = make_settings(tmp_path_factory.mktemp("proxied-var"), database, free_port())
    with running_portal(settings, data_key, extra_env=PROXY_ENV) as portal:
        yield portal


@pytest.fixture(scope="module")
def direct(database, data_key, tmp_path_factory):
    """A portal reached directly, configured with nothing: proxy headers mean nothing to it."""
    settings = make_settings(tmp_path_factory.mktemp("direct-var"), database, free_port())
    with running_portal(settings, data_key) as portal:
        yield portal


@pytest.fixture(autouse=True)
def clean_throttle(database):
    """Each test starts with no failed logins on record."""
    with session_scope(database) as session:
        session.execute(sa.delete(LoginFailure))
    yield


def _user(database: str, role: str = "caseworker", org: str = "jc-sicherheit") -> str:
    name = f"{role}.{secrets.token_hex(3)}"
    accounts.create_user(database, username=name, password=PASSWORD, role=role,
                         organisation_slug=org, display_name="Frau Yılmaz-Öztürk")
    return name


def _from(url: str, address: str) -> Browser:
    """A browser whose requests reach the portal through the proxy from `address`."""
    browser = Browser(url)
    browser.headers["X-Forwarded-For"] = address
    return browser


def _pass_time(database: str, seconds: float) -> None:
    """As if `seconds` had passed since every recorded failure."""
    with session_scope(database) as session:
        for failure in session.execute(sa.select(LoginFailure)).scalars():
            failure.at -= timedelta(seconds=seconds)


def _failures(database: str, username: str) -> int:
    with session_scope(database) as session:
        return int(session.execute(sa.select(sa.func.count(LoginFailure.id))
                                   .where(LoginFailure.username == username)).scalar())


def _known_device(url: str, name: str) -> Browser:
    """A browser that signed in as `name` before (and signed out again): it holds the device
    cookie the login throttle recognises."""
    browser = Browser(url)
    assert browser.login(name).status == 303
    reply = browser.post("/portal/logout", {"csrf_token": browser.csrf("/portal/profiles")})
    assert reply.status == 303
    return browser


def _retry_after(reply) -> int:
    assert reply.status == 429, reply.text[:300]
    assert "Zu viele Fehlversuche" in reply.text
    assert "Bitte warten Sie" in reply.text
    return int(reply.header("retry-after"))


# --- throttling by name ----------------------------------------------------------------------
def test_wrong_passwords_for_one_name_bring_growing_waits_then_the_right_one_works(proxied):
    db = proxied.database_url
    victim = _user(db)
    guesser = _from(proxied.url, "198.51.100.23")
    for guess in ("Passwort123", "passwort 123!", "Sommer2026", "qwertz", "ichweissesnicht"):
        assert guesser.login(victim, guess).status == 401
    waits = []
    for _ in range(4):
        # The right password is not even checked while the wait runs.
        refused = guesser.login(victim, PASSWORD)
        waits.append(_retry_after(refused))
        _pass_time(db, waits[-1])
        assert guesser.login(victim, "noch ein falsches Passwort").status == 401
    # 15 s, 30 s, 1 min, 2 min (Retry-After is rounded up from what is left of each)
    assert [round(w / 15) for w in waits] == [1, 2, 4, 8], waits
    # From any other address the name is throttled just the same ...
    assert _retry_after(_from(proxied.url, "192.0.2.99").login(victim)) > 100
    # ... and once the wait is over the owner gets in with the right password.
    _pass_time(db, throttle.BY_NAME.cap)
    assert _from(proxied.url, "192.0.2.99").login(victim).status == 303


def test_the_wait_is_capped_and_decays(proxied):
    db = proxied.database_url
    victim = _user(db)
    for i in range(throttle.BY_NAME.free + 8):
        # spread over addresses, so only the name rule applies; each guess after its wait
        _pass_time(db, throttle.BY_NAME.wait(i))
        assert _from(proxied.url, f"203.0.113.{i + 1}").login(victim, f"rate{i}mal").status == 401
    wait = _retry_after(Browser(proxied.url).login(victim))
    assert throttle.BY_NAME.cap - 5 <= wait <= throttle.BY_NAME.cap
    # an hour later the failures no longer count at all
    _pass_time(db, throttle.BY_NAME.window + 1)
    assert Browser(proxied.url).login(victim).status == 303


def test_an_attacker_cannot_keep_the_owner_out(proxied):
    db = proxied.database_url
    victim = _user(db)
    owner = _known_device(proxied.url, victim)  # the owner's browser has signed in before
    attacker = _from(proxied.url, "198.51.100.66")
    for _ in range(throttle.BY_NAME.free):
        assert attacker.login(victim, "hab ich vergessen").status == 401
    first_wait = _retry_after(attacker.login(victim, "vielleicht so?"))
    # Hammering during the wait is refused unchecked and not counted: it gains nothing.
    for _ in range(25):
        assert attacker.login(victim, "immer wieder").status == 429
    assert _failures(db, victim) == throttle.BY_NAME.free
    assert _retry_after(attacker.login(victim, "und nochmal")) <= first_wait
    # The owner's browser (device cookie) is not held up by a stranger guessing the name ...
    assert owner.login(victim).status == 303
    # ... and on a new device the right password works as soon as the short wait is over.
    newcomer = Browser(proxied.url)
    _retry_after(newcomer.login(victim))
    _pass_time(db, first_wait)
    assert newcomer.login(victim).status == 303


def test_a_device_cookie_is_bound_to_its_name(proxied):
    db = proxied.database_url
    mine, other = _user(db), _user(db)
    browser = _known_device(proxied.url, mine)
    for _ in range(throttle.BY_NAME.free):
        assert _from(proxied.url, "198.51.100.7").login(other, "falsch falsch").status == 401
    # Holding a device cookie for one account does not bypass the throttle of another.
    _retry_after(browser.login(other))


# --- throttling by address -------------------------------------------------------------------
def test_one_address_trying_many_names_is_slowed_down(proxied):
    db = proxied.database_url
    real = _user(db)
    sprayer = _from(proxied.url, "203.0.113.200")
    for i in range(throttle.BY_ADDRESS.free):
        assert sprayer.login(f"mitarbeiter{i}", "Herbst2026!").status == 401
    # every name from that address waits, even with the right password ...
    wait = _retry_after(sprayer.login(real))
    assert 0 < wait <= throttle.BY_ADDRESS.base
    # ... while the same account from elsewhere is not affected
    assert _from(proxied.url, "192.0.2.10").login(real).status == 303
    _pass_time(db, wait)
    assert sprayer.login(real).status == 303


def test_forwarded_for_counts_only_from_a_trusted_proxy(direct):
    """Without a configured proxy, a made-up X-Forwarded-For does not give a fresh address."""
    db = direct.database_url
    real = _user(db)
    for i in range(throttle.BY_ADDRESS.free):
        assert _from(direct.url, f"10.9.{i}.1").login(f"niemand{i}", "rate mal").status == 401
    _retry_after(_from(direct.url, "10.200.0.1").login(real))
    with session_scope(db) as session:
        addresses = set(session.execute(sa.select(LoginFailure.address)).scalars())
    assert addresses == {"127.0.0.1"}


def test_forged_hops_left_of_the_proxy_are_not_the_client(proxied):
    """The proxy appends the real peer; whatever the client wrote further left is ignored."""
    db = proxied.database_url
    browser = Browser(proxied.url)
    browser.headers["X-Forwarded-For"] = "1.2.3.4, 198.51.100.77"
    assert browser.login("gibtsnicht", "falsch!").status == 401
    with session_scope(db) as session:
        assert set(session.execute(sa.select(LoginFailure.address)).scalars()) == {"198.51.100.77"}


def test_a_mistyped_trusted_proxy_stops_the_portal_with_a_clear_message(tmp_path):
    from portal.app import create_app

    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ValueError, match="LOTSE_PORTAL_TRUSTED_PROXIES: '10.0.0.300'"):
        create_app(replace(settings, portal_trusted_proxies=("127.0.0.1", "10.0.0.300")))
    assert create_app(replace(settings, portal_trusted_proxies=("::1", "10.0.0.0/8")))


# --- the portal-wide limit (password spraying) ----------------------------------------------
def _spray(database: str, count: int) -> None:
    """`count` wrong passwords against as many names from as many addresses (a botnet)."""
    for _ in range(count):
        throttle.record_failure(database, f"name-{secrets.token_hex(4)}",
                                f"100.64.{secrets.randbelow(250)}.{secrets.randbelow(250)}")


def test_spraying_slows_every_failure_but_does_not_lock_logins_out(proxied):
    db = proxied.database_url
    known, fresh = _user(db), _user(db)
    regular = _known_device(proxied.url, known)
    _spray(db, throttle.GLOBAL.free - 1)
    assert _from(proxied.url, "192.0.2.50").login(fresh, "Tippfehler!").status == 401
    # Beyond the limit: any name from any address waits a little before the next check ...
    _spray(db, 2 * throttle.GLOBAL.per_doubling)
    wait = _retry_after(_from(proxied.url, "192.0.2.51").login(fresh))
    assert 0 < wait <= 4 * throttle.GLOBAL.base
    _spray(db, 3 * throttle.GLOBAL.per_doubling)
    longer = _retry_after(_from(proxied.url, "192.0.2.52").login(fresh))
    assert wait < longer <= throttle.GLOBAL.cap
    _spray(db, 10 * throttle.GLOBAL.per_doubling)
    assert _retry_after(_from(proxied.url, "192.0.2.53").login(fresh)) <= throttle.GLOBAL.cap
    # ... a browser that signed in before is not held up ...
    assert regular.login(known).status == 303
    # ... and the waiting is seconds, never a lock: after it the right password works.
    _pass_time(db, throttle.GLOBAL.cap)
    assert _from(proxied.url, "192.0.2.54").login(fresh).status == 303


# --- the commands ----------------------------------------------------------------------------
def _lotse(database: str, var_dir, *args: str, stdin: str | None = None):
    env = {**os.environ, "LOTSE_DATABASE_URL": database, "LOTSE_VAR_DIR": str(var_dir),
           "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-m", "lotse.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT, env=env)


def test_users_commands_change_accounts_end_sessions_and_are_audited(proxied, tmp_path):
    db = proxied.database_url
    name = f"sachbearbeiterin.{secrets.token_hex(3)}"
    first = "Erstes Passwort für Dienstag"
    created = _lotse(db, tmp_path, "users", "create", "--username", name, "--role", "caseworker",
                     "--organisation", "jc-kommando", "--display-name", "Frau Schäfer",
                     "--password-stdin", stdin=first + "\n")
    assert created.returncode == 0, created.stderr

    def listed() -> dict:
        result = _lotse(db, tmp_path, "users", "list", "--organisation", "jc-kommando")
        assert result.returncode == 0, result.stderr
        return {row["username"]: row for row in map(json.loads, result.stdout.splitlines())}

    browser = Browser(proxied.url)
    assert browser.login(name, first).status == 303
    assert browser.get("/portal/profiles").status == 200
    assert listed()[name] == {**listed()[name], "role": "caseworker", "active": True,
                              "open_sessions": 1}

    # disable: the open session ends at its very next request, and no new login
    assert _lotse(db, tmp_path, "users", "disable", name).returncode == 0
    assert browser.get("/portal/profiles").status == 303
    assert Browser(proxied.url).login(name, first).status == 401
    assert listed()[name]["active"] is False and listed()[name]["open_sessions"] == 0
    assert _lotse(db, tmp_path, "users", "enable", name).returncode == 0
    assert browser.login(name, first).status == 303

    # reset-password: prompt or stdin only, the old sessions and password stop working
    as_argument = _lotse(db, tmp_path, "users", "reset-password", name, "--password", "x" * 20)
    assert as_argument.returncode == 2
    too_short = _lotse(db, tmp_path, "users", "reset-password", name, "--password-stdin",
                       stdin="kurz\n")
    assert too_short.returncode == 2 and "Traceback" not in too_short.stderr
    assert browser.get("/portal/profiles").status == 200  # a refused reset changes nothing
    second = "Zweites Passwort, längeres Wort"
    reset = _lotse(db, tmp_path, "users", "reset-password", name, "--password-stdin",
                   stdin=second + "\n")
    assert reset.returncode == 0, reset.stderr
    assert second not in reset.stdout + reset.stderr
    assert browser.get("/portal/profiles").status == 303
    assert Browser(proxied.url).login(name, first).status == 401
    assert browser.login(name, second).status == 303

    # revoke-sessions: every device at once
    other_device = Browser(proxied.url)
    assert other_device.login(name, second).status == 303
    revoked = _lotse(db, tmp_path, "users", "revoke-sessions", name)
    assert json.loads(revoked.stdout)["sessions_ended"] == 2
    assert browser.get("/portal/profiles").status == 303
    assert other_device.get("/portal/profiles").status == 303

    # delete: only with --yes; the account and its sessions are gone
    assert browser.login(name, second).status == 303
    unconfirmed = _lotse(db, tmp_path, "users", "delete", name)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert browser.get("/portal/profiles").status == 200
    assert _lotse(db, tmp_path, "users", "delete", name, "--yes").returncode == 0
    assert browser.get("/portal/profiles").status == 303
    assert Browser(proxied.url).login(name, second).status == 401
    assert name not in listed()
    missing = _lotse(db, tmp_path, "users", "disable", "gibt-es-nicht")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr

    entries = [e for e in audit.entries(db, limit=500) if e["username"] == name
               and e["action"].startswith("account.")]
    assert [e["action"] for e in reversed(entries)] == [
        "account.create", "account.disable", "account.enable", "account.password_reset",
        "account.sessions_revoked", "account.delete"]
    for entry in entries:
        # the account name, who acted (the console) and nothing personal beyond that
        assert entry["detail"] == "lotse users (Kommandozeile)"
        assert entry["person_id"] is None
        assert "Schäfer" not in json.dumps(entry, ensure_ascii=False)
        assert first not in json.dumps(entry) and second not in json.dumps(entry)


# --- sessions across a restart ---------------------------------------------------------------
def test_sessions_survive_a_restart_but_not_a_revocation(database, data_key, tmp_path):
    settings = make_settings(tmp_path, database, free_port())
    keep, revoke = _user(database), _user(database)
    with running_portal(settings, data_key) as portal:
        kept, revoked = Browser(portal.url), Browser(portal.url)
        assert kept.login(keep).status == 303
        assert revoked.login(revoke).status == 303
        logged_out = Browser(portal.url)
        assert logged_out.login(keep).status == 303
        stolen = logged_out.session_cookie()
        assert logged_out.post("/portal/logout",
                               {"csrf_token": logged_out.csrf("/portal/profiles")}).status == 303
    accounts.revoke_sessions(database, accounts.find_user(database, revoke)["id"])
    with running_portal(settings, data_key) as portal:
        for browser in (kept, revoked):
            browser.base_url = portal.url
        assert kept.get("/portal/profiles").status == 200
        assert revoked.get("/portal/profiles").status == 303
        # a cookie copied before logout stays dead after the restart too
        replay = Browser(portal.url)
        replay.get("/portal/login")
        for cookie in replay.cookies:
            cookie.value = stolen
        assert replay.get("/portal/profiles").status == 303


# --- Secure cookies and HSTS -----------------------------------------------------------------
class _TestOverHttp(http.cookiejar.DefaultCookiePolicy):
    """Sends Secure cookies over plain http: the test plays the TLS-terminating proxy."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


def _tls_browser(url: str) -> Browser:
    browser = Browser(url)
    browser.cookies.set_policy(_TestOverHttp())
    return browser


def _login_headers(url: str, headers: dict | None = None, name: str = "") -> tuple[list[str], list]:
    browser = _tls_browser(url)
    browser.headers.update(headers or {})
    replies = [browser.get("/portal/login")]
    if name:
        replies.append(browser.login(name))
        replies.append(browser.get("/portal/profiles"))
    return browser.set_cookie_headers, replies


def _assert_tls(url: str, name: str, headers: dict | None, tls: bool) -> None:
    cookies, replies = _login_headers(url, headers, name)
    assert replies[1].status == 303 and replies[2].status == 200
    assert len(cookies) >= 3  # anonymous session, signed-in session, device
    for cookie in cookies:
        assert ("; secure" in cookie.lower()) is tls, cookie
    for reply in replies:
        if tls:
            assert reply.header("strict-transport-security") == "max-age=31536000"
        else:
            assert reply.header("strict-transport-security") is None


def test_plain_http_gets_neither_secure_nor_hsts(direct, proxied):
    db = direct.database_url
    _assert_tls(direct.url, _user(db), None, tls=False)
    # a client cannot switch it on by claiming https itself
    _assert_tls(direct.url, _user(db), {"X-Forwarded-Proto": "https"}, tls=False)
    # behind the trusted proxy, a request the proxy got over plain http
    _assert_tls(proxied.url, _user(db), {"X-Forwarded-Proto": "http"}, tls=False)


def test_tls_at_the_trusted_proxy_gives_secure_cookies_and_hsts(proxied):
    _assert_tls(proxied.url, _user(proxied.database_url), {"X-Forwarded-Proto": "https"},
                tls=True)


def test_secure_cookies_setting_switches_both_on(database, data_key, tmp_path):
    settings = make_settings(tmp_path, database, free_port())
    with running_portal(settings, data_key,
                        extra_env={"LOTSE_PORTAL_SECURE_COOKIES": "on"}) as portal:
        _assert_tls(portal.url, _user(database), None, tls=True)
        logout = _tls_browser(portal.url)
        assert logout.login(_user(database)).status == 303
        reply = logout.post("/portal/logout", {"csrf_token": logout.csrf("/portal/profiles")})
        assert "; secure" in reply.header("set-cookie").lower()
