"""Real components for the portal tests: migrated databases and a live portal server."""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from lotse.settings import PROJECT_ROOT, Settings
from storage import accounts, audit, encryption
from storage.encryption import Cipher, generate_key, set_cipher
from storage.profiles import ProfileRepository
from tests.helpers.databases import fresh_database
from tests.helpers.ports import free_port

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def data_key() -> str:
    """One data key shared by these tests and the portal process they start."""
    return generate_key()


@pytest.fixture(autouse=True)
def portal_cipher(data_key):
    """Use the portal key for each test, then give the process its previous cipher back."""
    previous = encryption._cipher
    set_cipher(Cipher([data_key]))
    yield
    set_cipher(previous)


@pytest.fixture(scope="session",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path_factory):
    """One migrated database of each kind for the whole session (overrides tests/conftest.py)."""
    with fresh_database(request.param, tmp_path_factory.mktemp("portal-db")) as url:
        yield url


def make_settings(tmp: Path, database_url: str, port: int = 0) -> Settings:
    return Settings(
        var_dir=tmp, database_url=database_url, data_key_file=tmp / "secrets" / "data.key",
        rasa_port=0, actions_port=0, portal_port=port, host="127.0.0.1",
        default_organisation="default", model_dir=tmp / "models",
    )


@dataclass
class Portal:
    url: str
    settings: Settings

    @property
    def database_url(self) -> str:
        return self.settings.database_url


SERVE = ("from lotse.settings import load_settings; from portal.app import serve; "
         "serve(load_settings())")


@contextmanager
def running_portal(settings: Settings, data_key: str, *, cwd: Path = PROJECT_ROOT,
                   pythonpath: Path | None = None,
                   extra_env: dict[str, str] | None = None) -> Iterator[Portal]:
    """`portal.app.serve` in its own process, as `lotse serve-portal` runs it."""
    var_dir = settings.var_dir
    env = {**os.environ, "LOTSE_VAR_DIR": str(var_dir), "LOTSE_DATABASE_URL": settings.database_url,
           "LOTSE_PORTAL_PORT": str(settings.portal_port), "LOTSE_HOST": "127.0.0.1",
           "LOTSE_DATA_KEYS": data_key, **(extra_env or {})}
    if pythonpath is not None:
        # first the given directory, then the project (whatever the editable install maps)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), str(PROJECT_ROOT),
                                                          os.environ.get("PYTHONPATH")]))
    log_path = var_dir / "portal.log"
    log = log_path.open("wb")
    process = subprocess.Popen([sys.executable, "-c", SERVE], cwd=cwd, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{settings.portal_port}"
    try:
        _wait_until_up(url + "/portal/login", process, log_path)
        yield Portal(url=url, settings=settings)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()


@pytest.fixture(scope="session")
def portal(database_url, data_key, tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("portal-var"), database_url, free_port())
    with running_portal(settings, data_key) as running:
        yield running


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"portal exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"portal did not start: {log.read_text(errors='replace')}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)
        self.set_cookie_headers: list[str] = []
        # sent with every request (e.g. X-Forwarded-For as a proxy would add it)
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None,
                headers: dict | None = None) -> Reply:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method,
                                     headers={**self.headers, **(headers or {})})
        try:
            with self.opener.open(req, timeout=30) as resp:
                reply = Reply(resp.status, {k.lower(): v for k, v in resp.headers.items()},
                              resp.read())
                raw = resp.headers.get_all("Set-Cookie") or []
        except urllib.error.HTTPError as err:
            reply = Reply(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())
            raw = err.headers.get_all("Set-Cookie") or []
        self.set_cookie_headers.extend(raw)
        return reply

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> Reply:
        return self.request("POST", path, form)

    def csrf(self, path: str = "/portal/login") -> str:
        return csrf_token(self.get(path).text)

    def login(self, username: str, password: str = PASSWORD) -> Reply:
        token = self.csrf()
        return self.post("/portal/login",
                         {"username": username, "password": password, "csrf_token": token})

    def session_cookie(self) -> str | None:
        return next((c.value for c in self.cookies if c.name == "lotse_portal"), None)


def logged_in(portal: Portal, username: str) -> Browser:
    browser = Browser(portal.url)
    reply = browser.login(username)
    assert reply.status == 303, reply.text
    return browser


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def audit_actions(database_url: str, username: str) -> list[tuple[str, str | None]]:
    return [(e["action"], e["person_id"]) for e in audit.entries(database_url, limit=1000)
            if e["username"] == username]


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@dataclass
class World:
    """Two organisations, their staff, and one person each."""

    org_a: str
    org_b: str
    caseworker_a: str
    admin_a: str
    editor_a: str
    caseworker_b: str
    person_a: str
    person_b: str


def store_person(database_url: str, org: str, answers: list[tuple], language: str = "ar") -> str:
    repo = ProfileRepository(database_url)
    person_id = repo.register_consent(channel="test", external_id=secrets.token_hex(8),
                                      language=language, text_version=f"{language}-test1234",
                                      organisation_slug=org)
    for field, original, lang, value, *rest in answers:
        status = rest[0] if rest else "given"
        index = rest[1] if len(rest) > 1 else 0
        repo.save_answer(person_id, field, original_text=original, language=lang, value=value,
                         status=status, item_index=index)
    return person_id


FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "profiles"


def fixture_snapshot(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def store_snapshot(database_url: str, org: str, snapshot: dict) -> str:
    """A new person in `org` with the answers of a snapshot fixture (status, attempts kept)."""
    repo = ProfileRepository(database_url)
    language = snapshot["person"]["ui_language"]
    person_id = repo.register_consent(channel="test", external_id=secrets.token_hex(8),
                                      language=language, text_version=f"{language}-test1234",
                                      organisation_slug=org)
    for row in snapshot["fields"]:
        repo.save_answer(person_id, row["field"], original_text=row["original_text"],
                         language=row["original_language"], value=row["value"],
                         status=row["status"], item_index=row["item_index"],
                         attempts=row["attempts"], language_confidence=row["language_confidence"])
    if snapshot["person"]["status"] != "in_progress":
        repo.set_status(person_id, snapshot["person"]["status"])
    return person_id


SYRIAN_ANSWERS = [
    ("given_names", "أحمد", "ar", "أحمد"),
    ("family_name", "Al-Hassan", "ar", "Al-Hassan"),
    ("date_of_birth", "٣ آذار ١٩٩٠", "ar", "1990-03-03"),
    ("country_of_origin", "سوريا", "ar", {"code": "SY", "name_de": "Syrien"}),
    ("spoken_language", "عربي", "ar", {"code": "ar", "name_de": "Arabisch"}, "given", 0),
    ("spoken_language_level", "اللغة الأم", "ar", "native", "given", 0),
    ("contact", "überspringen", "ar", None, "skipped"),
    ("german_level", "A2 - جمل بسيطة", "ar", "A2"),
]


@pytest.fixture
def world(database_url) -> World:
    suffix = secrets.token_hex(4)
    names = {role: f"{role}-{suffix}" for role in ("cw_a", "admin_a", "editor_a", "cw_b")}
    org_a, org_b = f"jc-a-{suffix}", f"jc-b-{suffix}"
    for key, role, org in (("cw_a", "caseworker", org_a), ("admin_a", "admin", org_a),
                           ("editor_a", "editor", org_a), ("cw_b", "caseworker", org_b)):
        accounts.create_user(database_url, username=names[key], password=PASSWORD, role=role,
                             organisation_slug=org, display_name=f"Frau {key.upper()}")
    person_a = store_person(database_url, org_a, SYRIAN_ANSWERS)
    person_b = store_person(database_url, org_b, [
        ("given_names", "Olena", "uk", "Olena"),
        ("country_of_origin", "Україна", "uk", {"code": "UA", "name_de": "Ukraine"}),
    ], language="uk")
    return World(org_a, org_b, names["cw_a"], names["admin_a"], names["editor_a"],
                 names["cw_b"], person_a, person_b)
