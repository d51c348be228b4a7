"""Login, logout, the session cookie and the guards every page goes through."""

from __future__ import annotations

import asyncio
import functools
import time
from typing import Any, Awaitable, Callable

from sanic import Request, Sanic, response
from sanic.exceptions import Forbidden
from sanic.response import HTTPResponse

from portal import proxy, throttle
from portal.rendering import render
from portal.sessions import DEVICE_LIFETIME, Session, SessionCodec
from storage import accounts, audit

COOKIE = "lotse_portal"
COOKIE_PATH = "/portal"
DEVICE_COOKIE = "lotse_portal_device"
LOGIN_URL = "/portal/login"
HOME_URL = "/portal/profiles"
EDITOR_HOME_URL = "/portal/kb"


def home_url(user: dict | None) -> str:
    """Where a user starts: editors maintain the knowledge base, everyone else reads profiles."""
    return EDITOR_HOME_URL if user and user.get("role") == "editor" else HOME_URL
CSRF_FIELD = "csrf_token"

Handler = Callable[..., Awaitable[HTTPResponse]]


async def blocking(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
    """Run database and password work off the event loop, so one slow call blocks no one."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args, **kwargs))


def _codec(request: Request) -> SessionCodec:
    return request.app.ctx.sessions


def _database(request: Request) -> str:
    return request.app.ctx.settings.database_url


def read_session(request: Request) -> Session | None:
    return _codec(request).decode(request.cookies.get(COOKIE))


def set_session_cookie(request: Request, resp: HTTPResponse, session: Session) -> None:
    resp.cookies[COOKIE] = _codec(request).encode(session)
    cookie = resp.cookies[COOKIE]
    cookie["path"] = COOKIE_PATH
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["max-age"] = max(0, session.expires - int(time.time()))
    if proxy.is_tls(request):
        cookie["secure"] = True


def set_device_cookie(request: Request, resp: HTTPResponse, username: str) -> None:
    """Only the login form ever receives it (path), never script (httponly)."""
    resp.cookies[DEVICE_COOKIE] = _codec(request).device_token(username)
    cookie = resp.cookies[DEVICE_COOKIE]
    cookie["path"] = LOGIN_URL
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["max-age"] = DEVICE_LIFETIME
    if proxy.is_tls(request):
        cookie["secure"] = True


def clear_session_cookie(request: Request, resp: HTTPResponse) -> None:
    resp.cookies[COOKIE] = ""
    resp.cookies[COOKIE]["path"] = COOKIE_PATH
    resp.cookies[COOKIE]["max-age"] = 0
    resp.cookies[COOKIE]["httponly"] = True
    resp.cookies[COOKIE]["samesite"] = "Strict"
    if proxy.is_tls(request):
        resp.cookies[COOKIE]["secure"] = True


def check_csrf(request: Request, session: Session | None) -> None:
    token = request.form.get(CSRF_FIELD) if request.form else None
    if not _codec(request).check_csrf(session, token):
        raise Forbidden("CSRF token missing or wrong")


async def current_user(request: Request, session: Session | None) -> dict[str, Any] | None:
    """The active account behind a recorded session; role and organisation always come from the
    database, and a revoked session or a disabled account ends at the next request."""
    if session is None or session.user_id is None:
        return None
    return await blocking(accounts.session_user, _database(request), session.sid, session.user_id)


def login_required(*roles: str) -> Callable[[Handler], Handler]:
    """Guard a page: unauthenticated -> login page, wrong role -> 403."""

    def decorator(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:  # noqa: ANN401
            session = read_session(request)
            user = await current_user(request, session)
            if user is None:
                resp = response.redirect(LOGIN_URL, status=303)
                if session is not None:
                    clear_session_cookie(request, resp)
                return resp
            request.ctx.user = user
            request.ctx.session = session
            request.ctx.csrf_token = _codec(request).csrf_token(session)
            if roles and user["role"] not in roles:
                raise Forbidden(f"role {user['role']} may not open {request.path}")
            return await handler(request, *args, **kwargs)

        return guarded

    return decorator


async def login_form(request: Request) -> HTTPResponse:
    session = read_session(request)
    user = await current_user(request, session)
    if user is not None:
        return response.redirect(home_url(user), status=303)
    fresh = session is None or session.authenticated
    if fresh:
        session = _codec(request).new(None)
    request.ctx.csrf_token = _codec(request).csrf_token(session)
    resp = render(request, "login.html", username="", failed=False)
    if fresh:
        set_session_cookie(request, resp, session)
    return resp


def _refused(request: Request, session: Session | None, username: str, *, status: int,
             wait: int = 0) -> HTTPResponse:
    request.ctx.csrf_token = _codec(request).csrf_token(session)
    resp = render(request, "login.html", status=status, username=username,
                  failed=status == 401, wait=throttle.describe_wait(wait) if wait else "")
    if wait:
        resp.headers["Retry-After"] = str(wait)
    return resp


async def login_submit(request: Request) -> HTTPResponse:
    session = read_session(request)
    # Login CSRF: the form must come from our own login page in this browser.
    check_csrf(request, session)
    username = (request.form.get("username") or "").strip()
    password = request.form.get("password") or ""
    if not username or not password:
        # Nothing to check (the form requires both): no guess made, nothing to count.
        return _refused(request, session, username, status=401)
    database = _database(request)
    address = proxy.client_address(request)
    known = _codec(request).device_known(request.cookies.get(DEVICE_COOKIE), username)
    wait = await blocking(throttle.wait_seconds, database, username, address, known_device=known)
    if wait:
        # Refused unchecked and not counted: waiting is all it takes, hammering gains nothing.
        return _refused(request, session, username, status=429, wait=wait)
    user = await blocking(accounts.authenticate, database, username, password)
    if user is None:
        await blocking(throttle.record_failure, database, username, address)
        await blocking(audit.record, database, user_id=None, username=username,
                       action="login.failed", detail=request.ip or None)
        return _refused(request, session, username, status=401)
    await blocking(throttle.record_success, database, username, address)
    await blocking(audit.record, database, user_id=user["id"], username=user["username"],
                   action="login", detail=request.ip or None)
    # A new session id at login: a session id planted before login is worthless.
    if session is not None:
        _codec(request).revoke(session)
    new = _codec(request).new(user["id"])
    await blocking(accounts.start_session, database, new.sid, user["id"],
                   accounts.expiry(new.expires - int(time.time())))
    resp = response.redirect(home_url(user), status=303)
    set_session_cookie(request, resp, new)
    set_device_cookie(request, resp, user["username"])
    return resp


@login_required()
async def logout(request: Request) -> HTTPResponse:
    check_csrf(request, request.ctx.session)
    await blocking(accounts.end_session, _database(request), request.ctx.session.sid)
    user = request.ctx.user
    await blocking(audit.record, _database(request), user_id=user["id"],
                   username=user["username"], action="logout")
    resp = response.redirect(LOGIN_URL, status=303)
    clear_session_cookie(request, resp)
    return resp


def register(app: Sanic) -> None:
    app.add_route(login_form, LOGIN_URL, methods=["GET"], name="login_form")
    app.add_route(login_submit, LOGIN_URL, methods=["POST"], name="login_submit")
    app.add_route(logout, "/portal/logout", methods=["POST"], name="logout")
