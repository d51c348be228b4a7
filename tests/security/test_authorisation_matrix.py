"""Every portal route x every role x own/other organisation x no session, for GET and POST.

The routes come from the Sanic app's router: a new route appears here by itself and fails until
it is classified in ROUTES below. Each case asserts the status and that the body carries no data
of an organisation the requester does not belong to. Objects (person, document, unanswered
question) belong to organisation A; actors of organisation B are "other".
"""

from __future__ import annotations

import io
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge_base.entry import load_entries
from knowledge_base.store import KnowledgeBaseStore
from lotse.settings import Settings
from storage import accounts, encryption
from storage.documents import DocumentMailbox
from storage.encryption import Cipher, generate_key, set_cipher
from tests.helpers.databases import fresh_database
from tests.helpers.ports import free_port
from tests.portal.conftest import (
    PASSWORD,
    Browser,
    csrf_token,
    make_settings,
    running_portal,
    store_person,
)

ALL = ("caseworker", "editor", "admin")
READERS = ("caseworker", "admin")
EDITORS = ("editor", "admin")


@dataclass(frozen=True)
class Rule:
    """Who may use a route and what they get.

    anonymous: status without a session; roles: who is let in (others get 403); ok: status for
    those let in; target: the kind of object in the path ("person", "document", "question" are
    organisation-bound: 404 for the other organisation; "entry" and "static" are shared).
    """

    anonymous: int
    roles: tuple[str, ...]
    ok: int
    target: str | None = None


ROUTES: dict[str, Rule] = {
    "login_form": Rule(200, ALL, 303),          # signed in: off to the start page
    "login_submit": Rule(403, ALL, 401),        # no session -> no CSRF; empty credentials
    "logout": Rule(303, ALL, 303),
    "home": Rule(302, ALL, 302),
    "portal_home": Rule(302, ALL, 302),
    "static": Rule(200, ALL, 200, "static"),
    "profile_list": Rule(303, READERS, 200),
    "profile_detail": Rule(303, READERS, 200, "person"),
    "profile_export": Rule(303, READERS, 200, "person"),
    "profile_document": Rule(303, READERS, 200, "document"),
    "profile_export_cv_pdf": Rule(303, READERS, 200, "person"),
    "profile_export_cv_anonymised": Rule(303, READERS, 200, "person"),
    "profile_export_json_resume": Rule(303, READERS, 200, "person"),
    "kb_list": Rule(303, EDITORS, 200),
    "kb_new": Rule(303, EDITORS, 200),
    "kb_create": Rule(303, EDITORS, 400),       # an empty form is refused with its errors
    "kb_unanswered": Rule(303, EDITORS, 200),
    "kb_unanswered_done": Rule(303, EDITORS, 303, "question"),
    "kb_entry": Rule(303, EDITORS, 200, "entry"),
    "kb_entry_save": Rule(303, EDITORS, 409, "entry"),  # no version: "changed meanwhile"
    "kb_entry_reviewed": Rule(303, EDITORS, 303, "entry"),
    "kb_entry_draft": Rule(303, EDITORS, 303, "entry"),
}


def _router_routes() -> dict[str, dict[str, str]]:
    """path -> {method: route name} for every route of a freshly created portal app."""
    from portal.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        app = create_app(Settings(var_dir=var, database_url=f"sqlite:///{var / 'x.db'}",
                                  data_key_file=var / "k", rasa_port=0, actions_port=0,
                                  portal_port=0, host="127.0.0.1", default_organisation="d",
                                  model_dir=var))
        app.router.finalize()
        paths: dict[str, dict[str, str]] = {}
        for route in app.router.routes:
            for method in route.methods:
                paths.setdefault("/" + route.path, {})[method] = route.name.rsplit(".", 1)[-1]
        return paths


PATHS = _router_routes()
METHODS = ("GET", "POST")
ACTORS = ("anonymous",) + tuple(f"{role}-{org}" for role in ALL for org in ("own", "other"))
CASES = [(path, method, actor) for path in sorted(PATHS) for method in METHODS
         for actor in ACTORS]


def test_every_route_is_classified():
    names = {name for methods in PATHS.values() for name in methods.values()}
    assert names - set(ROUTES) == set(), "classify the new route(s) in ROUTES"
    assert set(ROUTES) - names == set(), "ROUTES names a route the portal no longer has"


# --- the world: two organisations, their staff, one person each --------------------------------
@dataclass
class World:
    url: str
    database_url: str
    org: dict[str, str]                 # "own"/"other" -> organisation slug
    person: str                         # organisation A's person
    document: str
    entry: str
    markers: dict[str, tuple[str, ...]]  # organisation key -> what only its staff may see
    browsers: dict[str, Browser]


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 120, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def _login(url: str, username: str) -> Browser:
    browser = Browser(url)
    reply = browser.login(username)
    assert reply.status == 303, reply.text[:300]
    return browser


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    key = generate_key()
    previous = encryption._cipher
    set_cipher(Cipher([key]))
    tmp = tmp_path_factory.mktemp("matrix")
    suffix = secrets.token_hex(3)
    org = {"own": f"jc-nord-{suffix}", "other": f"jc-sued-{suffix}"}
    with fresh_database("sqlite", tmp) as database_url:
        person_a = store_person(database_url, org["own"], [
            ("given_names", "Zuleikha", "fa", "Zuleikha"),
            ("family_name", "Ahmadzai", "fa", "Ahmadzai"),
            ("country_of_origin", "افغانستان", "fa", {"code": "AF", "name_de": "Afghanistan"}),
            ("german_level", "A1 ein bisschen", "fa", "A1"),
        ], language="fa")
        person_b = store_person(database_url, org["other"], [
            ("given_names", "Oleksandra", "uk", "Oleksandra"),
            ("family_name", "Hnatiuk", "uk", "Hnatiuk"),
        ], language="uk")
        document = DocumentMailbox(database_url).add(
            person_a, filename="Zeugnis Ahmadzai.png", data=_png(), channel="web").id
        DocumentMailbox(database_url).add(person_b, filename="Diplom Hnatiuk.png", data=_png(),
                                          channel="telegram")
        store = KnowledgeBaseStore(database_url)
        store.import_entries(load_entries())
        entry = store.entries()[0].id
        store.add_unanswered("Brauche ich für die Kita eine Anmeldung? fragt Zuleikha", "de",
                             person_a)
        store.add_unanswered("Де отримати дозвіл на роботу? Oleksandra питає", "uk", person_b)
        names = {}
        for role in ALL:
            for key_ in ("own", "other"):
                names[f"{role}-{key_}"] = f"{role}.{key_}.{suffix}"
                accounts.create_user(database_url, username=names[f"{role}-{key_}"],
                                     password=PASSWORD, role=role, organisation_slug=org[key_],
                                     display_name=f"{role} {key_}")
        settings = make_settings(tmp, database_url, free_port())
        empty = tmp / "no-packages"
        env = {"LOTSE_TRANSLATION_DIR": str(empty), "ARGOS_PACKAGES_DIR": str(empty)}
        with running_portal(settings, key, extra_env=env) as portal:
            browsers = {actor: _login(portal.url, names[actor]) for actor in names}
            browsers["anonymous"] = Browser(portal.url)
            yield World(
                url=portal.url, database_url=database_url, org=org, person=person_a,
                document=document, entry=entry, browsers=browsers,
                markers={"own": (person_a, "Zuleikha", "Ahmadzai"),
                         "other": (person_b, "Oleksandra", "Hnatiuk")},
            )
            # a session of each actor stayed valid through every case but its own logout
    set_cipher(previous)


def _question(world: World) -> int:
    """A fresh open question of organisation A (marking one done consumes it)."""
    return KnowledgeBaseStore(world.database_url).add_unanswered(
        "Wie lange dauert die Anerkennung meines Zeugnisses? Zuleikha", "de", world.person)


def _concrete(path: str, world: World) -> str:
    values = {"person_id": world.person, "document_id": world.document, "entry_id": world.entry,
              "lang": "en", "__file_uri__": "portal.css"}

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name == "question_id":
            return str(_question(world))
        assert name in values, f"no test value for the path parameter {name!r}: add one"
        return values[name]

    return re.sub(r"<([^:>]+)(?::[^>]+)?>", fill, path)


def _expected(rule: Rule, registered: bool, actor: str) -> int:
    if not registered:
        return 405
    if actor == "anonymous":
        return rule.anonymous
    role, org = actor.split("-")
    if role not in rule.roles:
        return 403
    if org == "other" and rule.target in ("person", "document", "question"):
        return 404  # never 403: an id of another organisation must not be confirmed
    return rule.ok


@pytest.mark.parametrize(("path", "method", "actor"), CASES,
                         ids=[f"{m} {p} {a}" for p, m, a in CASES])
def test_route(world, path, method, actor):
    names = PATHS[path]
    for name in names.values():
        assert name in ROUTES, f"route {name} ({path}) is not classified"
    registered = method in names
    rule = ROUTES[names[method]] if registered else next(iter(ROUTES[n] for n in names.values()))
    url = _concrete(path, world)
    if actor != "anonymous" and registered and names[method] == "logout":
        # Logging out ends the session: use a session of its own for it.
        browser = _login(world.url, actor_name(world, actor))
    else:
        browser = world.browsers[actor]
    form = None
    if method == "POST":
        form = {}
        if actor != "anonymous":
            form["csrf_token"] = _csrf_of(browser)
    reply = browser.request(method, url, form)
    expected = _expected(rule, registered, actor)
    assert reply.status == expected, f"{method} {url} as {actor}: {reply.status}\n" \
                                     f"{reply.body[:400]!r}"
    if reply.status in (301, 302, 303):
        assert reply.header("location", ) and reply.header("location").startswith("/portal"), \
            reply.header("location")
    body = reply.body.decode("utf-8", errors="replace")
    foreign = ("own", "other") if actor == "anonymous" else \
        (("other",) if actor.endswith("-own") else ("own",))
    for org in foreign:
        for marker in world.markers[org]:
            assert marker not in body, f"{marker!r} of organisation {org} shown to {actor}"


def actor_name(world: World, actor: str) -> str:
    role, org = actor.split("-")
    return next(c["username"] for c in accounts.list_users(world.database_url)
                if c["role"] == role and c["organisation_slug"] == world.org[org])


def _csrf_of(browser: Browser) -> str:
    """The CSRF token of a signed-in browser, from a page every role may open (the KB list for
    editors, the profile list for the others)."""
    for page in ("/portal/profiles", "/portal/kb"):
        reply = browser.get(page)
        if reply.status == 200:
            return csrf_token(reply.text)
    raise AssertionError("no page with a CSRF token")
