"""Templates, security headers and German error pages."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sanic import Request, response
from sanic.exceptions import SanicException
from sanic.handlers import ErrorHandler
from sanic.response import HTTPResponse

from portal.proxy import is_tls

logger = logging.getLogger(__name__)
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PREFIX = "/portal/static"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

ERROR_TEXTS = {
    400: ("Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden."),
    401: ("Anmeldung erforderlich", "Bitte melden Sie sich an."),
    403: ("Zugriff verweigert", "Sie haben keine Berechtigung für diese Seite."),
    404: ("Seite nicht gefunden", "Diese Seite gibt es nicht oder sie ist für Sie nicht sichtbar."),
    405: ("Aktion nicht erlaubt", "Diese Aktion ist auf dieser Seite nicht möglich."),
    413: ("Anfrage zu groß", "Die gesendeten Daten sind zu groß."),
}
SERVER_ERROR = ("Interner Fehler", "Etwas ist schiefgelaufen. Bitte versuchen Sie es später noch "
                "einmal oder wenden Sie sich an die Administration.")


def make_environment() -> Environment:
    # Autoescape everywhere: every answer shown here was typed by someone outside.
    return Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:  # noqa: ANN401
    environment: Environment = request.app.ctx.templates
    context.setdefault("user", getattr(request.ctx, "user", None))
    context.setdefault("csrf_token", getattr(request.ctx, "csrf_token", ""))
    body = environment.get_template(template).render(static=STATIC_PREFIX, **context)
    return response.html(body, status=status)


HSTS = "max-age=31536000"


async def add_security_headers(request: Request, resp: HTTPResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        resp.headers.setdefault(name, value)
    if is_tls(request):
        # Over TLS only: browsers ignore it over plain HTTP, and it must not pin a test host.
        resp.headers["Strict-Transport-Security"] = HSTS
    if not request.path.startswith(STATIC_PREFIX + "/"):
        # Pages show personal data: no browser or proxy may keep a copy.
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["Pragma"] = "no-cache"


class PortalErrorHandler(ErrorHandler):
    """Every error becomes a German page; details go to the log, never to the browser."""

    def default(self, request: Request, exception: BaseException) -> HTTPResponse:
        status = exception.status_code if isinstance(exception, SanicException) else 500
        if isinstance(exception, (IsADirectoryError, NotADirectoryError)):
            status = 404  # "/portal/static/" names the folder, which Sanic's static files open
        if status >= 500:
            logger.error("portal error on %s %s", request.method, request.path,
                         exc_info=exception)
        title, message = ERROR_TEXTS.get(status, SERVER_ERROR if status >= 500
                                         else ("Fehler", "Die Anfrage ist fehlgeschlagen."))
        try:
            return render(request, "error.html", status=status, title=title, message=message)
        except Exception:  # noqa: BLE001 - the error page itself must not fail
            logger.exception("error page could not be rendered")
            return response.text(f"{title}. {message}", status=status)
