"""Real components for the portal tests: migrated databases and a live portal server."""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import secrets
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from lotse.settings import Settings
from portal.app import create_app
from storage import accounts
from storage.database import engine_for, migrate
from storage.encryption import Cipher, generate_key, set_cipher
from storage.profiles import ProfileRepository

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def data_key():
    set_cipher(Cipher([generate_key()]))
    yield
    set_cipher(None)


def _postgres_database():
    name = f"lotse_test_portal_{secrets.token_hex(6)}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"local PostgreSQL not reachable: {exc}")
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"

    def drop() -> None:
        engine_for(url).dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path_factory, data_key):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('portal-db') / 'lotse.db'}"
        migrate(url)
        yield url
        engine_for(url).dispose()
    else:
        url, drop = _postgres_database()
        try:
            migrate(url)
            yield url
        finally:
            drop()


class ServerThread:
    """The portal app served by Sanic on a real socket, in a thread with its own loop."""

    def __init__(self, app, sock: socket.socket) -> None:
        self.app = app
        self.sock = sock
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.server = self.loop.run_until_complete(self.app.create_server(
                sock=self.sock, return_asyncio_server=True, access_log=False))
            self.loop.run_until_complete(self.server.startup())
            self.loop.run_until_complete(self.server.before_start())
            self.loop.run_until_complete(self.server.after_start())
        except BaseException as exc:  # surfaced to the test in start()
            self.error = exc
            self.ready.set()
            return
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.server.before_stop())
        self.server.close()
        self.loop.run_until_complete(self.server.wait_closed())
        self.loop.run_until_complete(self.server.after_stop())
        self.loop.close()

    def start(self) -> None:
        self.thread.start()
        if not self.ready.wait(30) or self.error:
            raise RuntimeError(f"portal did not start: {self.error!r}")

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)


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


@pytest.fixture(scope="session")
def portal(database_url, tmp_path_factory):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    settings = make_settings(tmp_path_factory.mktemp("portal-var"), database_url, port)
    server = ServerThread(create_app(settings), sock)
    server.start()
    yield Portal(url=f"http://127.0.0.1:{port}", settings=settings)
    server.stop()


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

    def request(self, method: str, path: str, form: dict | None = None) -> Reply:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
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
