"""Property-based fuzzing of every HTTP surface of the running stack: no input gives a 5xx.

Hypothesis generates requests for each endpoint of the real servers started by the session's
`stack` fixture (Rasa with the web, REST and Telegram channels; the action server; the
portal): JSON of every shape (non-objects, deep nesting, lone surrogates written as raw
``\\ud800`` escapes, huge strings, wrong types for each known field), random bytes, wrong
content types, random query strings, multipart bodies and methods, with and without a logged-in
portal session and its CSRF token. Every answer must have a status below 500, and afterwards
every server must still answer its ordinary requests.

The number of requests is LOTSE_FUZZ_REQUESTS (default 10,000), shared among the endpoints by
weight. Request authentication (portal session and CSRF token, the Telegram secret header,
and whatever the web channel and the action server come to require) is added in one place:
`authenticate()`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.action_server import SECRET_HEADER
from tests.helpers.chat import Chat, said

pytestmark = pytest.mark.server

TOTAL_REQUESTS = int(os.environ.get("LOTSE_FUZZ_REQUESTS", "10000"))
PASSWORD = "fuzzing horse battery staple 42"
TIMEOUT = 60

COUNTS: Counter[str] = Counter()
STATUSES: dict[str, Counter[int]] = {}
FAILURES: list[str] = []
SECONDS: dict[str, float] = {}
KINDS: Counter[tuple[str, str, int, str]] = Counter()  # the 5xx by endpoint, method and body


def _shape(request: FuzzRequest) -> str:
    """What kind of body a request had, for the summary of server errors."""
    body = request.body or b""
    if request.form_fields is not None:
        return "form"
    if not body:
        return "empty body"
    try:
        value = json.loads(body)
    except RecursionError:
        return "deeply nested JSON"
    except ValueError:
        return "not JSON"
    if not isinstance(value, dict):
        return f"JSON {type(value).__name__}"
    if "\\ud" in body.decode("latin-1").lower():
        return "JSON object with surrogate escapes"
    return "JSON object"


# --- identities and the one place where requests are authenticated ---------------------------

@dataclass
class Identity:
    """Who a request comes from: nobody, or a logged-in portal account."""

    name: str
    portal_cookie: str | None = None
    csrf_token: str | None = None
    with_csrf: bool = False


@dataclass
class Secrets:
    telegram_webhook: str = ""
    extra_headers: dict[str, dict[str, str]] = field(default_factory=dict)  # per server
    web_sender: str = ""  # a web conversation the server issued, and its token
    web_token: str = ""


@dataclass
class FuzzRequest:
    server: str  # "rasa", "actions", "portal"
    method: str
    path: str
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    form_fields: dict[str, str] | None = None  # urlencoded, so that a CSRF token can be added


def authenticate(request: FuzzRequest, identity: Identity, keys: Secrets,
                 authenticated: bool) -> FuzzRequest:
    """Add the credentials `identity` has to `request` (only when `authenticated`: otherwise
    the request goes out as a stranger's). The lead adapts request authentication here: the
    web channel's server-issued sender token, the action server's secret header, ..."""
    if not authenticated:
        return request
    request.headers.update(keys.extra_headers.get(request.server, {}))
    if request.server == "rasa" and request.path.startswith("/webhooks/web/") and keys.web_token:
        # a real conversation's token: the generated sender then either is that conversation
        # (deeper code runs) or is not (refused as another's)
        request.headers["X-Lotse-Token"] = keys.web_token
        if request.body and request.body.startswith(b"{") and b'"sender"' in request.body:
            try:
                data = json.loads(request.body)
            except ValueError:
                data = None
            if isinstance(data, dict) and len(request.body) % 2:
                data["sender"] = keys.web_sender
                request.body = json.dumps(data).encode()
    if request.server == "rasa" and request.path.startswith("/webhooks/telegram/"):
        request.headers["X-Telegram-Bot-Api-Secret-Token"] = keys.telegram_webhook
    if request.server == "portal" and identity.portal_cookie:
        request.headers["Cookie"] = f"lotse_portal={identity.portal_cookie}"
        if identity.with_csrf and identity.csrf_token and request.form_fields is not None:
            request.form_fields["csrf_token"] = identity.csrf_token
    return request


# --- generated values ------------------------------------------------------------------------

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CHARS = st.one_of(st.characters(), SURROGATES, st.sampled_from("<>\"'&/\\{}[]%\x00\n\r\t\u202e"))
TEXT = st.text(CHARS, max_size=60)
HUGE = st.builds(lambda ch, n: ch * n, st.sampled_from(["A", "ä", "\ud800", "<", "9", "🙂"]),
                 st.integers(1_000, 120_000))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=True, allow_infinity=True), TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(TEXT, inner, max_size=5)), max_leaves=20)


def _deep(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


DEEP = st.builds(_deep, st.integers(50, 30_000), st.sampled_from(["list", "dict"]))


def _shaped(fields: dict[str, Any]) -> st.SearchStrategy[dict]:
    """The endpoint's own fields, each either plausible or of any type, some left out."""
    return st.fixed_dictionaries({}, optional={
        name: st.one_of(plausible, JSON, HUGE) for name, plausible in fields.items()})


def json_text(shaped: st.SearchStrategy[Any]) -> st.SearchStrategy[bytes]:
    """JSON text; lone surrogates come out as raw \\ud800 escapes (ensure_ascii)."""
    return st.one_of(
        st.builds(lambda v: json.dumps(v, ensure_ascii=True).encode(), shaped),
        st.builds(lambda v: json.dumps(v, ensure_ascii=True).encode(), JSON),
        st.builds(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass"),
                  shaped),
        st.builds(str.encode, DEEP),
        st.builds(lambda v: json.dumps({"sender": v, "message": v}).encode(), HUGE),
        st.binary(max_size=300),
        st.sampled_from([b"", b"null", b"[]", b"{}", b'"x"', b"1e999999", b"-0", b"{\"a\":}",
                         b'{"sender":"\\ud800","message":"\\udfff"}', b"\xff\xfe{}",
                         b'{"sender": "x", "message": "a\\u0000b"}', b"NaN", b"[" * 5000]),
    )


CONTENT_TYPES = st.one_of(
    st.sampled_from(["application/json", "application/json; charset=latin-1", "text/plain",
                     "application/x-www-form-urlencoded", "multipart/form-data",
                     "multipart/form-data; boundary=", "multipart/form-data; boundary=xyz",
                     "application/octet-stream", "text/html", "image/png", "application/pdf",
                     "*/*", "application/json; charset=utf-16", ""]),
    # (no leading or trailing blanks: HTTP clients refuse to send those)
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40).map(str.strip),
)
METHODS = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
                           "PROPFIND", "FOO"])
def _safe(value: str) -> str:
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _query(keys: list[str]) -> st.SearchStrategy[str]:
    """A query string with the endpoint's own keys and random ones, values of any kind, and
    raw (undecodable) escapes."""
    key = st.one_of(st.sampled_from(keys or ["x"]), TEXT.map(_safe))
    value = st.one_of(TEXT.map(_safe), st.sampled_from(["", "1", "-1", "de", "ar", "0" * 500]),
                      HUGE.map(lambda v: _safe(v[:5000])))
    pairs = st.lists(st.tuples(key, value), max_size=5).map(lambda p: urlencode(p))
    raw = st.sampled_from(["%", "%zz", "%ff%fe", "a=%ud800", "=&=&", "a[]=1&a[]=2", ";;", "x=1;y"])
    return st.one_of(pairs, raw, st.just(""))


def _multipart(fields: list[str], files: list[bytes]) -> st.SearchStrategy[tuple[bytes, str]]:
    """A multipart body (sometimes broken) and its content type."""
    boundary = st.one_of(st.just("lotsefuzz" + secrets.token_hex(4)),
                         st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E),
                                 min_size=1, max_size=70))
    part = st.tuples(st.one_of(st.sampled_from([*fields, "file"]), TEXT.map(_safe)),
                     st.one_of(st.none(), TEXT.map(_safe), st.just("../../etc/passwd")),
                     st.one_of(st.binary(max_size=400), st.sampled_from(files),
                               TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
                     st.one_of(st.none(), CONTENT_TYPES))

    def build(bound: str, parts: list, broken: bool) -> tuple[bytes, str]:
        chunks = []
        for name, filename, data, ctype in parts:
            disposition = f'form-data; name="{name}"'
            if filename is not None:
                disposition += f'; filename="{filename}"'
            head = f"--{bound}\r\nContent-Disposition: {disposition}\r\n"
            if ctype:
                head += f"Content-Type: {ctype}\r\n"
            chunks.append(head.encode("utf-8", "surrogatepass") + b"\r\n" + data + b"\r\n")
        body = b"".join(chunks) + (b"" if broken else f"--{bound}--\r\n".encode())
        return body, f"multipart/form-data; boundary={bound}"

    return st.builds(build, boundary, st.lists(part, max_size=4), st.booleans())


# --- endpoints -------------------------------------------------------------------------------

@dataclass
class Endpoint:
    name: str
    server: str
    path: Any  # a path, or a strategy of paths
    methods: list[str]
    weight: float
    body: str = "json"  # "json", "multipart", "form", "none"
    fields: dict[str, Any] = field(default_factory=dict)
    query_keys: list[str] = field(default_factory=list)
    logged_in: bool = False  # also as a logged-in portal account (with and without CSRF)


SENDER = st.one_of(st.builds(lambda: "fuzz-" + secrets.token_hex(8)), TEXT, st.just("a" * 300))
MESSAGE = st.one_of(TEXT, st.sampled_from(["hallo", "/affirm", '/inform{"option":"<b>x</b>"}',
                                           '/choose_language{"language":"de"} <script>',
                                           "/restart", "/session_start", "/nlu_fallback", "/"]))
METADATA = st.one_of(JSON, st.fixed_dictionaries({}, optional={
    "language_hint": st.one_of(TEXT, st.sampled_from(["de", "ar", "xx"])),
    "organisation": st.one_of(TEXT, st.just("default")), "token": TEXT}))
CHAT_FIELDS = {"sender": SENDER, "message": MESSAGE, "metadata": METADATA}

TELEGRAM_USER = st.fixed_dictionaries({"id": st.one_of(st.integers(), TEXT),
                                       "is_bot": st.booleans(), "first_name": TEXT},
                                      optional={"language_code": TEXT})
TELEGRAM_MESSAGE = st.fixed_dictionaries(
    {"message_id": st.one_of(st.integers(), TEXT), "date": st.one_of(st.integers(), TEXT),
     "chat": st.fixed_dictionaries({"id": st.one_of(st.integers(-10**15, 10**15), TEXT),
                                    "type": st.sampled_from(["private", "group", "channel", "x"])})},
    optional={"from": TELEGRAM_USER, "text": st.one_of(TEXT, MESSAGE), "document": JSON,
              "photo": JSON, "voice": JSON, "sticker": JSON, "location": JSON, "entities": JSON})
TELEGRAM_FIELDS = {
    "update_id": st.integers(), "message": TELEGRAM_MESSAGE, "edited_message": TELEGRAM_MESSAGE,
    "callback_query": st.fixed_dictionaries({"id": TEXT, "from": TELEGRAM_USER,
                                             "chat_instance": TEXT},
                                            optional={"data": MESSAGE,
                                                      "message": TELEGRAM_MESSAGE}),
    "my_chat_member": JSON, "channel_post": TELEGRAM_MESSAGE,
}
ACTION_FIELDS = {
    "next_action": st.one_of(st.sampled_from(["action_ask_given_names", "validate_profile_form",
                                              "action_pass_on_question", "action_show_my_data",
                                              "action_delete_my_data", "action_send_cv",
                                              "utter_x", ""]), TEXT),
    "sender_id": SENDER,
    "tracker": st.one_of(JSON, st.fixed_dictionaries({}, optional={
        "sender_id": SENDER, "slots": JSON, "latest_message": JSON, "events": JSON,
        "active_loop": JSON, "latest_input_channel": st.one_of(TEXT, st.just("web"))})),
    "domain": JSON, "version": st.one_of(TEXT, st.just("3.6.21")),
}


def _portal_paths(world: dict[str, str]) -> dict[str, st.SearchStrategy[str]]:
    """Each portal route with parameters real, foreign and made up."""
    pid = st.one_of(st.sampled_from([world["person_id"], "x", "0", "..", "%2e%2e", "a" * 400]),
                    TEXT.map(lambda t: quote(_safe(t), safe="")))
    doc = st.one_of(st.sampled_from([world["document_id"], "nope"]),
                    TEXT.map(lambda t: quote(_safe(t), safe="")))
    entry = st.one_of(st.sampled_from([world["entry_id"], "new", "unanswered", "x" * 300]),
                      TEXT.map(lambda t: quote(_safe(t), safe="")))
    lang = st.one_of(st.sampled_from(["de", "en", "ar", "xx", "../de"]),
                     TEXT.map(lambda t: quote(_safe(t), safe="")))
    qid = st.one_of(st.sampled_from([world["question_id"], "0", "-1", "99999999999999999999"]),
                    TEXT.map(lambda t: quote(_safe(t), safe="")))
    return {
        "/": st.just("/"), "/portal": st.just("/portal"),
        "/portal/login": st.just("/portal/login"), "/portal/logout": st.just("/portal/logout"),
        "/portal/profiles": st.just("/portal/profiles"),
        "/portal/profiles/<id>": pid.map(lambda p: f"/portal/profiles/{p}"),
        "/portal/profiles/<id>/export": pid.map(lambda p: f"/portal/profiles/{p}/export"),
        "/portal/profiles/<id>/documents/<doc>": st.builds(
            lambda p, d: f"/portal/profiles/{p}/documents/{d}", pid, doc),
        "/portal/profiles/<id>/<download>": st.builds(
            lambda p, s: f"/portal/profiles/{p}/{s}", pid,
            st.sampled_from(world["downloads"] + ["cv.pdf.x", "x"])),
        "/portal/kb": st.just("/portal/kb"), "/portal/kb/new": st.just("/portal/kb/new"),
        "/portal/kb/unanswered": st.just("/portal/kb/unanswered"),
        "/portal/kb/unanswered/<q>/done": qid.map(lambda q: f"/portal/kb/unanswered/{q}/done"),
        "/portal/kb/<entry>": entry.map(lambda e: f"/portal/kb/{e}"),
        "/portal/kb/<entry>/reviewed": entry.map(lambda e: f"/portal/kb/{e}/reviewed"),
        "/portal/kb/<entry>/draft/<lang>": st.builds(
            lambda e, la: f"/portal/kb/{e}/draft/{la}", entry, lang),
        "/portal/static/<name>": st.one_of(
            st.sampled_from(["/portal/static/portal.css", "/portal/static/../app.py",
                             "/portal/static/%2e%2e/%2e%2e/etc/passwd"]),
            TEXT.map(lambda t: "/portal/static/" + quote(_safe(t), safe=""))),
    }


def endpoints(world: dict[str, str]) -> list[Endpoint]:
    kb_fields = {name: TEXT for name in world["kb_fields"]}
    portal_fields = {"username": st.one_of(TEXT, st.just(world["username"])),
                     "password": TEXT, "approve": TEXT, **kb_fields}
    chat_queries = ["sender", "lang", "token"]
    portal = [
        Endpoint(f"portal {route}", "portal", path, ["GET", "POST"], 1.0, body="form",
                 fields=portal_fields, logged_in=True,
                 query_keys=["sort", "order", "open", "q", "kategorie", "status", "pruefung",
                             "meldung", "frage"])
        for route, path in _portal_paths(world).items() if route != "/portal/logout"
    ]
    return [
        Endpoint("web webhook", "rasa", "/webhooks/web/webhook", ["POST"], 4.5,
                 fields=CHAT_FIELDS, query_keys=chat_queries),
        Endpoint("web history", "rasa", "/webhooks/web/history", ["GET"], 3.0, body="none",
                 query_keys=chat_queries),
        Endpoint("web texts", "rasa", "/webhooks/web/texts", ["GET"], 2.0, body="none",
                 query_keys=chat_queries),
        Endpoint("web upload", "rasa", "/webhooks/web/upload", ["POST"], 4.0, body="multipart",
                 fields={"sender": SENDER, "metadata": METADATA}),
        Endpoint("web other", "rasa", st.sampled_from(
            ["/webhooks/web/", "/webhooks/web/chat", "/webhooks/web/static/widget.js",
             "/webhooks/web/static/..%2fchat.html", "/webhooks/web/documents/x",
             "/webhooks/web/documents/" + "A" * 500, "/webhooks/web/nope"]),
            ["GET", "POST"], 1.5, body="none"),
        Endpoint("rest webhook", "rasa", "/webhooks/rest/webhook", ["POST"], 2.5,
                 fields=CHAT_FIELDS),
        Endpoint("telegram webhook", "rasa", "/webhooks/telegram/webhook", ["POST"], 4.0,
                 fields=TELEGRAM_FIELDS),
        Endpoint("rasa api", "rasa", st.sampled_from(
            ["/", "/status", "/version", "/model/parse", "/conversations/x/tracker",
             "/conversations/x/messages", "/webhooks/telegram/"]), ["GET", "POST"], 1.0,
            fields={"text": TEXT}),
        Endpoint("actions webhook", "actions", "/webhook", ["POST"], 6.0, fields=ACTION_FIELDS),
        Endpoint("actions other", "actions", st.sampled_from(["/health", "/actions", "/x"]),
                 ["GET", "POST"], 1.0),
        *portal,
        Endpoint("portal logout", "portal", "/portal/logout", ["POST", "GET"], 1.0, body="form",
                 fields={"csrf_token": TEXT}, logged_in=True),
    ]


# --- sending ---------------------------------------------------------------------------------

class Servers:
    """One keep-alive connection pool per server."""

    def __init__(self, urls: dict[str, str]) -> None:
        self.urls = urls
        self.session = requests.Session()
        self.session.trust_env = False

    def send(self, request: FuzzRequest) -> requests.Response:
        url = self.urls[request.server] + request.path + (f"?{request.query}" if request.query
                                                          else "")
        body = request.body
        if request.form_fields is not None:
            body = urlencode({k: _safe(v) for k, v in request.form_fields.items()}).encode()
        for attempt in (1, 2):
            try:
                return self.session.request(request.method, url, data=body,
                                            headers=request.headers, timeout=TIMEOUT,
                                            allow_redirects=False)
            except requests.ConnectionError:
                # A server may close the connection on a body it refuses before reading it
                # all (Sanic does on oversized bodies): once more on a fresh connection.
                self.session.close()
                if attempt == 2:
                    return None
            finally:
                self.session.cookies.clear()  # identities come from `authenticate` only
        return None


def _record(endpoint: Endpoint, request: FuzzRequest, reply: requests.Response | None,
            identity: Identity) -> None:
    """Count the answer; a 5xx is a failure. A closed connection (status 0 in the counts) is
    not: whether the server survived it is checked at the end."""
    COUNTS[endpoint.name] += 1
    STATUSES.setdefault(endpoint.name, Counter())[reply.status_code if reply is not None else 0] += 1
    if reply is not None and reply.status_code >= 500:
        body = request.body if request.form_fields is None else repr(request.form_fields)
        KINDS[(endpoint.name, request.method, reply.status_code, _shape(request))] += 1
        FAILURES.append(
            f"{reply.status_code} {request.method} {request.server}{request.path}"
            f"{'?' + request.query[:200] if request.query else ''} as {identity.name} "
            f"[{request.headers.get('Content-Type')!r}] body={str(body)[:300]!r} "
            f"-> {reply.text[:200]!r}")


# Each generated request is sent as drawn and as VARIANTS - 1 cheap mutations of it (driven by
# Hypothesis' own random source): generating a structured request costs Hypothesis ~20 ms on
# this machine, a mutation next to nothing.
VARIANTS = 4
WRONG_TYPES: list[Any] = [None, True, 0, -1, 2**64, 1.5e308, "", "\ud800", [], {}, [[[]]],
                          {"": {}}, "x" * 5000, "<script>alert(1)</script>"]


def _budget(endpoint: Endpoint, all_endpoints: list[Endpoint]) -> int:
    """The number of Hypothesis examples for `endpoint` (each sent VARIANTS times)."""
    total_weight = sum(e.weight for e in all_endpoints)
    return max(1, round(TOTAL_REQUESTS * endpoint.weight / total_weight / VARIANTS))


def _mutations(request: FuzzRequest, rnd: Any, count: int) -> list[FuzzRequest]:  # noqa: ANN401
    """`count` variants of `request`: a field of its JSON given a wrong type or dropped, its
    bytes cut, flipped or given a lone surrogate escape, another method or content type."""
    variants = []
    for _ in range(count):
        body = request.body
        form = dict(request.form_fields) if request.form_fields is not None else None
        headers = dict(request.headers)
        method, query = request.method, request.query
        choice = rnd.randrange(7)
        if choice == 0 and body:
            try:
                value = json.loads(body)
            except (ValueError, RecursionError):
                value = None
            if isinstance(value, dict) and value:
                key = rnd.choice(sorted(value, key=repr))
                if rnd.random() < 0.2:
                    del value[key]
                else:
                    value[key] = rnd.choice(WRONG_TYPES)
                body = json.dumps(value).encode()
            else:
                body = body[: rnd.randrange(len(body) + 1)]
        elif choice == 1 and body:
            position = rnd.randrange(len(body))
            body = body[:position] + bytes([rnd.randrange(256)]) + body[position + 1:]
        elif choice == 2:
            position = rnd.randrange(len(body) + 1) if body else 0
            body = (body or b"")[:position] + rnd.choice([b"\\ud800", b"\\udfff\\ud800", b"\xed\xa0\x80",
                                                          b"\x00", b"\"", b"}"]) + (body or b"")[position:]
        elif choice == 3:
            method = rnd.choice(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
        elif choice == 4:
            headers["Content-Type"] = rnd.choice(["application/json", "text/plain", "",
                                                  "multipart/form-data; boundary=a",
                                                  "application/x-www-form-urlencoded"])
        elif choice == 5:
            query = rnd.choice(["", "sender=" + quote("\U0001f642" * 50), "lang=%ff", "a=" + "b" * 3000,
                                "sender=fuzz-" + "%00" * 3, query + "&" + query])
        elif form is not None:
            form[rnd.choice([*form, "csrf_token"])] = rnd.choice(["", "\x00", "ä" * 10000, "1"])
        else:
            body = (body or b"") * rnd.randrange(2, 4)
        variants.append(FuzzRequest(request.server, method, request.path, query, headers,
                                    body, form))
    return variants


def _strategy(endpoint: Endpoint, files: list[bytes]) -> st.SearchStrategy[FuzzRequest]:
    path = endpoint.path if isinstance(endpoint.path, st.SearchStrategy) else st.just(endpoint.path)
    own = st.sampled_from(endpoint.methods)
    method = st.one_of(own, own, own, METHODS)
    query = _query(endpoint.query_keys)
    if endpoint.body == "multipart":
        payload = st.one_of(_multipart(list(endpoint.fields), files).map(lambda b: (b[0], b[1], None)),
                            st.tuples(json_text(_shaped(endpoint.fields)), CONTENT_TYPES, st.none()))
    elif endpoint.body == "form":
        form = st.dictionaries(st.one_of(st.sampled_from(list(endpoint.fields)), TEXT.map(_safe)),
                               st.one_of(TEXT.map(_safe), HUGE.map(lambda v: _safe(v[:200_000]))),
                               max_size=6)
        payload = st.one_of(
            st.tuples(st.none(), st.just("application/x-www-form-urlencoded"), form),
            _multipart(list(endpoint.fields), files).map(lambda b: (b[0], b[1], None)),
            st.tuples(st.binary(max_size=300), CONTENT_TYPES, st.none()))
    elif endpoint.body == "none":
        payload = st.one_of(st.tuples(st.none(), st.none(), st.none()),
                            st.tuples(st.binary(max_size=100), CONTENT_TYPES, st.none()))
    else:
        payload = st.tuples(json_text(_shaped(endpoint.fields)), CONTENT_TYPES, st.none())

    def build(path_: str, method_: str, query_: str, payload_: tuple) -> FuzzRequest:
        body, ctype, form = payload_
        headers = {"Content-Type": ctype} if ctype is not None else {}
        return FuzzRequest(endpoint.server, method_, path_, query_, headers, body, form)

    return st.builds(build, path, method, query, payload)


# --- fixtures --------------------------------------------------------------------------------

def _login(servers: Servers, username: str) -> tuple[str, str]:
    """(session cookie, CSRF token) of a fresh login."""
    session = requests.Session()
    session.trust_env = False
    base = servers.urls["portal"]
    page = session.get(base + "/portal/login", timeout=TIMEOUT)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    reply = session.post(base + "/portal/login", data={"username": username, "password": PASSWORD,
                                                       "csrf_token": token},
                         timeout=TIMEOUT, allow_redirects=False)
    assert reply.status_code == 303, reply.text[:500]
    cookie = session.cookies.get("lotse_portal")
    home = session.get(base + reply.headers["Location"], timeout=TIMEOUT)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
    return cookie, csrf.group(1) if csrf else ""


@pytest.fixture(scope="module")
def world(stack) -> dict[str, Any]:
    from channels.telegram.config import load_config
    from knowledge_base.entry import load_entries
    from knowledge_base.store import KnowledgeBaseStore
    from portal.kb_views import _values_of
    from portal.profiles_views import DOWNLOADS
    from storage import accounts
    from storage.documents import DocumentMailbox
    from storage.profiles import ProfileRepository

    settings = stack.settings
    database = settings.database_url
    suffix = secrets.token_hex(4)
    users = {}
    for role in ("caseworker", "editor", "admin"):
        users[role] = f"fuzz-{role}-{suffix}"
        accounts.create_user(database, username=users[role], password=PASSWORD, role=role,
                             organisation_slug=settings.default_organisation,
                             display_name=f"Fuzz {role}")
    repo = ProfileRepository(database)
    person = repo.register_consent(channel="web", external_id=f"fuzz-person-{suffix}",
                                   language="ar", text_version="v", organisation_slug="default")
    repo.save_answer(person, "given_names", original_text="Amal", language="ar", value="Amal",
                     status="given", item_index=0)
    files = Path(__file__).resolve().parents[1] / "fixtures" / "mailbox"
    document = DocumentMailbox(database).add(person, filename="Zeugnis.pdf",
                                             data=(files / "certificate.pdf").read_bytes(),
                                             channel="web")
    question = KnowledgeBaseStore(database).add_unanswered("Wo finde ich einen Deutschkurs?",
                                                           "de", person)
    urls = {"rasa": settings.rasa_url,
            "actions": f"http://{settings.host}:{settings.actions_port}",
            "portal": f"http://{settings.host}:{settings.portal_port}"}
    return {
        "urls": urls, "users": users, "username": users["admin"], "person_id": person,
        "document_id": document.id, "question_id": str(question),
        "entry_id": load_entries()[0].id, "kb_fields": list(_values_of(None)),
        "downloads": list(DOWNLOADS),
        "files": [(files / name).read_bytes() for name in
                  ("certificate.pdf", "certificate-photo.jpg", "certificate-scan.png")],
        "secrets": Secrets(telegram_webhook=load_config(settings).webhook_secret,
                           extra_headers={"actions": {SECRET_HEADER: stack.action_secret}},
                           **_web_session(urls["rasa"])),
    }


def _web_session(rasa_url: str) -> dict[str, str]:
    """A web conversation as the widget opens one: its id and token."""
    issued = requests.post(f"{rasa_url}/webhooks/web/session", json={}, timeout=60).json()
    return {"web_sender": issued["sender"], "web_token": issued["token"]}


@pytest.fixture(scope="module")
def servers(world) -> Servers:
    return Servers(world["urls"])


@pytest.fixture(scope="module")
def identities(world, servers) -> list[Identity]:
    found = [Identity("anonymous")]
    for role in ("caseworker", "editor", "admin"):
        cookie, csrf = _login(servers, world["users"][role])
        found.append(Identity(f"{role}", cookie, csrf, with_csrf=False))
        found.append(Identity(f"{role}+csrf", cookie, csrf, with_csrf=True))
    return found


# --- the fuzzing ------------------------------------------------------------------------------

def _endpoint_names() -> list[str]:
    placeholder = {"person_id": "p", "document_id": "d", "entry_id": "e", "question_id": "1",
                   "kb_fields": ["id"], "downloads": ["cv.pdf"], "username": "u"}
    return [e.name for e in endpoints(placeholder)]


@pytest.mark.parametrize("name", _endpoint_names())
def test_no_input_gives_a_server_error(name, world, servers, identities):
    all_endpoints = endpoints(world)
    endpoint = next(e for e in all_endpoints if e.name == name)
    usable = identities if endpoint.logged_in else identities[:1]
    keys: Secrets = world["secrets"]
    before = len(FAILURES)

    @settings(max_examples=_budget(endpoint, all_endpoints), deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(request=_strategy(endpoint, world["files"]), who=st.sampled_from(usable),
           authenticated=st.booleans(), rnd=st.randoms(use_true_random=False))
    def fuzz(request: FuzzRequest, who: Identity, authenticated: bool, rnd: Any) -> None:  # noqa: ANN401
        if endpoint.name == "portal logout" and who.with_csrf and authenticated:
            # A logout with the CSRF token ends the session the other requests use: a few
            # throwaway sessions take those, the rest go without the token.
            if COUNTS["throwaway logout"] < 3:
                COUNTS["throwaway logout"] += 1
                who = Identity("throwaway", *_login(servers, world["users"]["caseworker"]),
                               with_csrf=True)
            else:
                who = Identity(who.name, who.portal_cookie, who.csrf_token, with_csrf=False)
        for each in [request, *_mutations(request, rnd, VARIANTS - 1)]:
            sent = authenticate(each, who, keys, authenticated)
            _record(endpoint, sent, servers.send(sent), who)

    started = time.monotonic()
    fuzz()
    SECONDS[endpoint.name] = time.monotonic() - started
    assert len(FAILURES) == before, "\n".join(FAILURES[before:before + 20])


def test_every_server_still_answers_and_the_counts(world, servers, identities, stack, capsys):
    urls = world["urls"]
    assert servers.session.get(urls["actions"] + "/health", timeout=TIMEOUT).status_code == 200
    assert servers.session.get(urls["rasa"] + "/webhooks/web/", timeout=TIMEOUT).json() == {
        "status": "ok"}
    assert servers.session.get(urls["portal"] + "/portal/login", timeout=TIMEOUT).status_code == 200
    admin = next(i for i in identities if i.name == "admin")
    page = servers.session.get(urls["portal"] + "/portal/profiles", timeout=TIMEOUT,
                               headers={"Cookie": f"lotse_portal={admin.portal_cookie}"},
                               allow_redirects=False)
    assert page.status_code == 200, page.text[:300]
    servers.session.cookies.clear()
    chat = Chat(stack.settings.rasa_url)
    chat.send("hallo")
    replies = chat.send('/choose_language{"language":"de"}')
    assert said(replies, "de", "consent.question"), chat.dump()
    total = sum(count for name, count in COUNTS.items() if name != "throwaway logout")
    lines = [f"{name:45s} {count:6d} {SECONDS.get(name, 0):6.1f}s  "
             f"{dict(sorted(STATUSES.get(name, {}).items()))}"
             for name, count in sorted(COUNTS.items()) if name != "throwaway logout"]
    kinds = [f"  {n:5d} x {status} {method} {name}: {shape}"
             for (name, method, status, shape), n in KINDS.most_common()]
    report = "\n".join(["", f"fuzzed requests per endpoint (total {total}):", *lines,
                        "server errors (5xx) by endpoint, method and body:", *kinds])
    with capsys.disabled():
        print(report)  # noqa: T201 - the lead reports these figures
    (stack.settings.var_dir / "fuzz-counts.txt").write_text(report, encoding="utf-8")
    (stack.settings.var_dir / "fuzz-failures.txt").write_text("\n".join(FAILURES),
                                                              encoding="utf-8")
    assert total >= TOTAL_REQUESTS * 0.95 or len(COUNTS) < 5
    assert not FAILURES, "\n".join(FAILURES[:50])
