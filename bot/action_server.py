"""The action server as `lotse run` starts it: rasa_sdk's Sanic app behind a shared secret.

`python -m bot.action_server --port N` serves `bot.actions` like `python -m rasa_sdk`, but
every request except `/health` must carry the secret the Rasa server sends from its endpoints
file (header `X-Lotse-Action-Secret`), so no other local process can post a forged tracker and
read, change or delete a person's data. The secret is read from an owner-only file named by
`LOTSE_ACTION_SECRET_FILE` (never from the command line or the environment); without one the
server does not start. Bodies are checked before any action sees them: a malformed body is a
4xx, never a 500, and no log line repeats what a person wrote.
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

SECRET_HEADER = "X-Lotse-Action-Secret"  # noqa: S105 - a header name
SECRET_FILE_ENV = "LOTSE_ACTION_SECRET_FILE"  # noqa: S105 - names a file
# A tracker of a long interview is a few hundred kB; nothing legitimate comes near this.
MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
OPEN_PATHS = frozenset({"/health"})

logger = logging.getLogger(__name__)


class BadBody(ValueError):
    """The request body is not an action call; the message is safe to show and to log."""

    @property
    def reason(self) -> str:
        """The message as a code name (log lines keep those, see lotse.log_privacy)."""
        return "_".join(str(self).replace(".", " ").split()).lower()


def read_secret(path: Path) -> str:
    """The shared secret; refuses a file other users could read."""
    info = path.stat()
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PermissionError(f"{path} is readable by other users; it must be mode 0600")
    secret = path.read_text(encoding="utf-8").strip()
    if len(secret) < 32:
        raise ValueError(f"{path} holds no usable secret")
    return secret


def _check_values(value: Any) -> None:  # noqa: ANN401 - any JSON value
    """Nesting depth and text every later step can store (no lone surrogates)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadBody("body nested too deeply")
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_text(key)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadBody("body contains text that is not valid Unicode") from None


def parse_action_call(body: bytes) -> dict[str, Any]:
    """The validated action call in `body`; `BadBody` says what is wrong with it."""
    if not body:
        raise BadBody("empty body")
    try:
        call = json.loads(body)
    except RecursionError:
        raise BadBody("body nested too deeply") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadBody("body is not JSON") from None
    if not isinstance(call, dict):
        raise BadBody("body is not a JSON object")
    _check_values(call)
    if not isinstance(call.get("next_action"), str):
        raise BadBody("next_action must be a string")
    tracker = call.get("tracker")
    if not isinstance(tracker, dict) or not isinstance(tracker.get("sender_id"), str):
        raise BadBody("tracker must be an object with a sender_id")
    for key, kind in (("slots", dict), ("latest_message", dict), ("events", list),
                      ("active_loop", dict)):
        if tracker.get(key) is not None and not isinstance(tracker[key], kind):
            raise BadBody(f"tracker.{key} has the wrong type")
    if not all(isinstance(event, dict) for event in tracker.get("events") or []):
        raise BadBody("tracker.events must be objects")
    if call.get("domain") is not None and not isinstance(call["domain"], dict):
        raise BadBody("domain must be an object")
    return call


def protect(app: Sanic, secret: str) -> None:
    """Secret check, body validation and a 500 handler that shows and logs no data."""
    expected = secret.encode("utf-8")

    @app.middleware("request")
    async def _guard(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, expected):
            logger.warning("refused a %s request without the action server secret",
                           request.method)
            return response.json({"error": "unauthorized"}, status=401)
        if request.method != "POST":
            return None
        if request.headers.get("Content-Encoding", "identity") != "identity":
            return response.json({"error": "compressed bodies are not accepted"}, status=415)
        try:
            request.parsed_json = parse_action_call(request.body)
        except BadBody as exc:
            logger.warning("refused an action call: %s", exc.reason)
            return response.json({"error": str(exc)}, status=400)
        return None

    async def _failed(request: Request, exception: Exception) -> HTTPResponse:
        status = getattr(exception, "status_code", 500)
        if isinstance(status, int) and 400 <= status < 500:
            return response.json({"error": type(exception).__name__}, status=status)
        if getattr(request, "route", None) is None:
            # no route matched (an unknown path, or a method the router cannot even look up,
            # which sanic_routing reports as a KeyError): the client asked for nothing here
            return response.json({"error": "not found"}, status=404)
        call = request.parsed_json if isinstance(request.parsed_json, dict) else {}
        logger.error("action %s failed: %s", call.get("next_action", "<none>"),
                     type(exception).__name__, exc_info=exception)
        return response.json({"error": "internal error"}, status=500)

    # replaces rasa_sdk's handler, which answers with the whole request body
    app.error_handler.add(Exception, _failed)


def create_app(secret: str, actions: str = "bot.actions") -> Sanic:
    from rasa_sdk.endpoint import create_app as create_sdk_app

    app = create_sdk_app(actions, cors_origins="")
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    protect(app, secret)
    return app


def main(argv: list[str] | None = None) -> int:
    from rasa_sdk import utils
    from rasa_sdk.plugin import plugin_manager

    from lotse.log_privacy import install as install_log_privacy

    os.umask(0o077)
    parser = argparse.ArgumentParser(description="lotse's action server")
    parser.add_argument("--actions", default="bot.actions")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()
    install_log_privacy()
    secret_file = os.environ.get(SECRET_FILE_ENV, "").strip()
    if not secret_file:
        print(f"action server: {SECRET_FILE_ENV} names no secret file; not starting",
              file=sys.stderr)
        return 2
    try:
        secret = read_secret(Path(secret_file))
    except (OSError, ValueError) as exc:
        print(f"action server: {exc}; not starting", file=sys.stderr)
        return 2
    app = create_app(secret, args.actions)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    logger.info("action server listening on http://%s:%d", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
