"""A fake Telegram Bot API server for tests of the Telegram channel.

It serves the Bot API over HTTP on 127.0.0.1 in a background thread, so the real
python-telegram-bot ``Bot`` (and anything built on it) can talk to it unchanged::

    with FakeBotApi() as fake:
        bot = telegram.Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
        fake.push(fake.text_update(4711, "/start"))       # picked up by getUpdates (long polling)
        # ... or, after the channel called setWebhook:
        assert fake.deliver(fake.text_update(4711, "Hallo", language_code="de")) == 200
        replies = fake.wait_quiet(4711)                    # the sends that followed
        assert replies[-1].params["text"] == ...

What the bot did is in ``calls`` (every request, in the order answered, with its HTTP status
and result), ``sent()`` filters the sends, ``webhook``, ``commands`` and ``documents`` keep the
state the bot set. ``fail_next()`` makes the next calls of a method fail with 429 (PTB raises
``telegram.error.RetryAfter``) or any other status.

Like Telegram, the fake answers ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code":
N, "description": "..."}``, accepts JSON, urlencoded and multipart bodies (non-scalar values as
JSON strings, files as parts) and method names in any case, and checks what a channel is likely to
get wrong: missing or too long text, malformed HTML/MarkdownV2 (``parse_mode``), callback_data over
64 bytes, invalid commands, unknown file ids, editing a message that is unchanged. Deliberate
differences: webhooks may be plain http (tests have no TLS), any integer chat_id is a private
chat with a user of that id, and messages carry no entities derived from ``parse_mode`` (their
text is the plain text Telegram would store).
"""

from __future__ import annotations

import copy
import html
import io
import itertools
import json
import mimetypes
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Call", "FakeBotApi"]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SEND_METHODS = ("sendMessage", "sendDocument", "editMessageText")

# The Bot API's method names, to record calls under one spelling whatever case the client used.
KNOWN_METHODS = (
    "getMe", "getUpdates", "setWebhook", "deleteWebhook", "getWebhookInfo", "setMyCommands",
    "getMyCommands", "deleteMyCommands", "sendMessage", "editMessageText", "editMessageReplyMarkup",
    "sendDocument", "sendChatAction", "answerCallbackQuery", "getFile",
)

# Form bodies carry every value as a string; these are JSON-decoded back (strings stay strings).
_JSON_FIELDS = frozenset({
    "reply_markup", "commands", "scope", "allowed_updates", "entities", "caption_entities",
    "link_preview_options", "reply_parameters", "media", "results", "menu_button",
})
_SCALAR_FIELDS = frozenset({
    "chat_id", "message_id", "offset", "limit", "timeout", "max_connections", "cache_time",
    "message_thread_id", "reply_to_message_id", "drop_pending_updates", "show_alert",
    "disable_notification", "protect_content", "disable_web_page_preview",
    "disable_content_type_detection", "allow_sending_without_reply", "allow_paid_broadcast",
    "latitude", "longitude", "duration", "width", "height",
})
_UPDATE_TYPES_BY_DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})
_BUTTON_ACTIONS = frozenset({
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
})
_HTML_TAGS = frozenset({
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code",
    "pre", "blockquote", "tg-emoji",
})
_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_REGISTERED = object()  # deliver(): "use the secret token the bot registered"


@dataclass
class Call:
    """One request the fake answered. ``params`` are decoded (uploads as a dict with
    file_name, mime_type and file_size); ``result`` is the API result, or the error description."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the request arrived
    status: int
    result: Any = None


@dataclass
class _Upload:
    file_name: str
    mime_type: str
    content: bytes

    def summary(self) -> dict[str, Any]:
        return {"file_name": self.file_name, "mime_type": self.mime_type, "file_size": len(self.content)}


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    mime_type: str


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None


class _ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _bad_request(description: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {description}")


class FakeBotApi:
    """A Telegram Bot API server on 127.0.0.1 for python-telegram-bot; see the module docstring."""

    def __init__(self, token: str = "123456789:TEST-token-for-lotse", bot_username: str = "lotse_test_bot"):
        self.token = token
        self.bot_username = bot_username
        self.bot_id = int(token.split(":", 1)[0])
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] | None = None
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.documents: dict[int, bytes] = {}
        self._lock = threading.RLock()
        self._updates_changed = threading.Condition(self._lock)
        self._pending: list[dict[str, Any]] = []
        self._allowed_updates: list[str] | None = None
        self._update_ids = itertools.count(100_001)
        self._ids = itertools.count(1)  # file ids, callback query ids
        self._message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._files: dict[str, _StoredFile] = {}
        self._callback_queries: set[str] = set()
        self._failures: dict[str, list[_Failure]] = {}
        self._methods: dict[str, Callable[[dict[str, Any]], Any]] = {
            name.lower(): getattr(self, "_" + re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower())
            for name in KNOWN_METHODS
        }
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._created = time.monotonic()

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        fake = self

        class Handler(_Handler):
            api = fake

        self._stopping = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="fake-telegram-bot-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; long polls still waiting return at once."""
        with self._lock:
            self._stopping = True
            self._updates_changed.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT"""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """For ``Bot(base_url=...)``: PTB appends the token and then "/" + method."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``Bot(base_file_url=...)``: PTB appends the token and then "/" + file_path."""
        return f"{self.url}/file/bot"

    # -- what the bot did ---------------------------------------------------------------------

    def sent(self, chat_id: int | None = None, methods: tuple[str, ...] = SEND_METHODS) -> list[Call]:
        """The calls of `methods` (to `chat_id`, if given), failed ones included, in order."""
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls
                if c.method in methods and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        """Poll `predicate` until it is true; AssertionError with the recent calls on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s; recent calls:\n{self.dump()}")
            time.sleep(0.02)

    def wait_quiet(self, chat_id: int, quiet: float = 1.5, timeout: float = 60.0) -> list[Call]:
        """Wait for at least one send to `chat_id` and then `quiet` seconds without one;
        return the sends to `chat_id` since this call began."""
        with self._lock:
            first = len(self.calls)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                new = self.calls[first:]
            sends = [c for c in new if c.method in SEND_METHODS and c.params.get("chat_id") == chat_id]
            now = time.monotonic()
            if sends and now - sends[-1].at >= quiet:
                return sends
            if now > deadline:
                raise AssertionError(f"no quiet after sends to chat {chat_id} within {timeout}s "
                                     f"({len(sends)} sends); recent calls:\n{self.dump()}")
            time.sleep(0.05)

    def dump(self, last: int = 30) -> str:
        """The last calls, one line each, for assertion messages."""
        with self._lock:
            calls = self.calls[-last:]
        lines = []
        for c in calls:
            params = {k: v for k, v in c.params.items() if k != "reply_markup"}
            if "reply_markup" in c.params:
                params["reply_markup"] = "…"
            shown = json.dumps(params, ensure_ascii=False)[:300]
            lines.append(f"  {c.at - self._created:8.2f}s {c.status} {c.method} {shown}")
        return "\n".join(lines) or "  (no calls)"

    def pending(self) -> list[dict[str, Any]]:
        """Updates pushed and not yet confirmed through getUpdates' offset."""
        with self._lock:
            return copy.deepcopy(self._pending)

    # -- building updates ---------------------------------------------------------------------

    def text_update(self, chat_id: int, text: str, language_code: str | None = "en") -> dict[str, Any]:
        """A private message with `text`; a leading "/command" gets its bot_command entity."""
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]
        return self._message_update(chat_id, language_code, extra)

    def callback_update(self, chat_id: int, data: str, message_id: int,
                        language_code: str | None = "en") -> dict[str, Any]:
        """A button press on the bot's message `message_id` (as stored now, edits included)."""
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None or message["from"]["id"] != self.bot_id:
                raise KeyError(f"the bot sent no message {message_id} to chat {chat_id}")
            query_id = f"{chat_id}{next(self._ids):06d}"
            self._callback_queries.add(query_id)
            query = {"id": query_id, "from": self._user(chat_id, language_code),
                     "chat_instance": f"-{chat_id}0042", "message": copy.deepcopy(message), "data": data}
            return {"update_id": next(self._update_ids), "callback_query": query}

    def document_update(self, chat_id: int, content: bytes, file_name: str, mime_type: str,
                        language_code: str | None = "en") -> dict[str, Any]:
        """A document the user sent; its bytes can be fetched with getFile + download."""
        stored = self._store_file(content, "documents", _suffix(file_name, mime_type), mime_type)
        document = {"file_name": file_name, "mime_type": mime_type, **_file_fields(stored)}
        return self._message_update(chat_id, language_code, {"document": document})

    def photo_update(self, chat_id: int, content: bytes, language_code: str | None = "en") -> dict[str, Any]:
        """A photo: a thumbnail and the full size (last, with `content`), both downloadable."""
        width, height, thumb = _thumbnail(content)
        small = self._store_file(thumb, "photos", ".jpg", "image/jpeg")
        large = self._store_file(content, "photos", ".jpg", "image/jpeg")
        scale = min(1.0, 90 / max(width, height))
        photo = [
            {**_file_fields(small), "width": max(1, round(width * scale)),
             "height": max(1, round(height * scale))},
            {**_file_fields(large), "width": width, "height": height},
        ]
        return self._message_update(chat_id, language_code, {"photo": photo})

    def voice_update(self, chat_id: int, language_code: str | None = "en", *,
                     content: bytes = b"OggS\x00\x02" + bytes(58), duration: int = 2) -> dict[str, Any]:
        """A voice message (OGG/Opus, downloadable)."""
        stored = self._store_file(content, "voice", ".oga", "audio/ogg")
        voice = {**_file_fields(stored), "duration": duration, "mime_type": "audio/ogg"}
        return self._message_update(chat_id, language_code, {"voice": voice})

    def sticker_update(self, chat_id: int, language_code: str | None = "en", *,
                       emoji: str = "👍") -> dict[str, Any]:
        """A regular static sticker."""
        webp = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(24)
        stored = self._store_file(webp, "stickers", ".webp", "image/webp")
        sticker = {**_file_fields(stored), "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": emoji, "set_name": "LotseTestStickers"}
        return self._message_update(chat_id, language_code, {"sticker": sticker})

    def location_update(self, chat_id: int, language_code: str | None = "en", *,
                        latitude: float = 51.3397, longitude: float = 12.3731) -> dict[str, Any]:
        """A location (Leipzig unless told otherwise)."""
        return self._message_update(chat_id, language_code,
                                    {"location": {"latitude": latitude, "longitude": longitude}})

    def edited_text_update(self, chat_id: int, message_id: int, text: str,
                           language_code: str | None = "en") -> dict[str, Any]:
        """The user edited their message `message_id` to `text`."""
        with self._lock:
            original = self._messages.get((chat_id, message_id))
            now = int(time.time())
            message = {"message_id": message_id, "from": self._user(chat_id, language_code),
                       "chat": self._chat(chat_id), "date": original["date"] if original else now - 60,
                       "edit_date": now, "text": text}
            if original is not None:
                original.update(text=text, edit_date=now)
            return {"update_id": next(self._update_ids), "edited_message": message}

    # -- delivering ---------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> None:
        """Queue `update` for getUpdates."""
        with self._lock:
            self._pending.append(copy.deepcopy(update))
            self._updates_changed.notify_all()

    def deliver(self, update: dict[str, Any] | bytes, secret_token: str | None | object = _REGISTERED) -> int:
        """POST `update` to the registered webhook like Telegram does and return the HTTP status.
        `secret_token` defaults to the registered one; None sends no secret header. Bytes are
        posted as they are (for malformed bodies)."""
        with self._lock:
            if self.webhook is None:
                raise RuntimeError("no webhook set (the bot has not called setWebhook)")
            url = self.webhook["url"]
            secret = self.webhook["secret_token"] if secret_token is _REGISTERED else secret_token
        body = update if isinstance(update, bytes) else json.dumps(update, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[SECRET_HEADER] = str(secret)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as err:
            err.read()
            return err.code

    # -- failures -----------------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, retry_after: int = 1, *,
                  status: int = 429, description: str | None = None) -> None:
        """Make the next `times` calls of `method` fail: by default 429 with
        parameters.retry_after (PTB raises RetryAfter); another `status` (e.g. 403 "Forbidden: bot
        was blocked by the user", 502) fails with `description` and no parameters."""
        if description is None:
            description = (f"Too Many Requests: retry after {retry_after}" if status == 429
                           else _phrase(status))
        failure = _Failure(status, description, retry_after if status == 429 else None)
        with self._lock:
            self._failures.setdefault(method.lower(), []).extend([failure] * times)

    # -- HTTP ---------------------------------------------------------------------------------

    def _handle(self, request: _Handler, verb: str) -> None:
        at = time.monotonic()
        split = urllib.parse.urlsplit(request.path)
        path = urllib.parse.unquote(split.path)  # PTB quotes file paths, ':' in the token included
        # Read the whole body even for requests refused early: closing a socket with unread data
        # resets the connection before the client sees the answer
        body = request.read_body()
        if verb == "GET" and path.startswith("/file/bot"):
            self._download(request, path, at)
            return
        match = re.fullmatch(r"/bot([^/]*)/([^/]+)", path)
        if match is None:
            request.respond(404, _error_body(404, "Not Found"))
            return
        token, method = match.group(1), match.group(2)
        method = next((m for m in KNOWN_METHODS if m.lower() == method.lower()), method)
        params: dict[str, Any] = {}
        try:
            if token != self.token:
                raise _ApiError(401, "Unauthorized")
            params = _parse_params(body, request.headers.get("Content-Type", ""), split.query)
            result = self._call(method, params)
            status, answer = 200, {"ok": True, "result": result}
        except _ApiError as err:
            status, result = err.status, err.description
            answer = _error_body(err.status, err.description, err.parameters)
        except Exception as err:  # a bug in the fake: answer and record it rather than drop the connection
            status, result = 500, f"Internal Server Error: fake Bot API failed: {err!r}"
            answer = _error_body(status, result)
        call = Call(method, _summarize(params), at, status, copy.deepcopy(result))
        with self._lock:
            self.calls.append(call)
        request.respond(status, answer)

    def _call(self, method: str, params: dict[str, Any]) -> Any:
        with self._lock:
            failures = self._failures.get(method.lower())
            failure = failures.pop(0) if failures else None
        if failure is not None:
            raise _ApiError(failure.status, failure.description,
                            {"retry_after": failure.retry_after} if failure.retry_after is not None else None)
        handler = self._methods.get(method.lower())
        if handler is None:
            raise _ApiError(404, "Not Found")
        return handler(params)

    def _download(self, request: _Handler, path: str, at: float) -> None:
        prefix = f"/file/bot{self.token}/"
        file_path = path[len(prefix):] if path.startswith(prefix) else None
        with self._lock:
            stored = next((f for f in self._files.values() if f.file_path == file_path), None)
        status = 401 if file_path is None else 200 if stored else 404
        with self._lock:
            # Not a Bot API method; recorded so failures show in dumps
            self.calls.append(Call("downloadFile", {"file_path": file_path}, at, status))
        if stored is None:
            request.respond(status, _error_body(status, _phrase(status)))
        else:
            request.respond_bytes(200, stored.content, stored.mime_type)

    # -- the methods --------------------------------------------------------------------------

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**self._bot_user(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False,
                "has_main_web_app": False}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = _int_param(params, "offset", 0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        timeout = max(_int_param(params, "timeout", 0), 0)
        deadline = time.monotonic() + timeout
        with self._lock:
            if self.webhook is not None:
                raise _ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                     "use deleteWebhook to delete the webhook first")
            if "allowed_updates" in params:
                # Like Telegram, the filter sticks until changed; [] means the default set
                self._allowed_updates = list(params["allowed_updates"] or []) or None
            while True:
                if offset < 0:
                    self._pending = self._pending[offset:]
                elif offset:
                    self._pending = [u for u in self._pending if u["update_id"] >= offset]
                # Updates the filter excludes are never delivered, as with Telegram
                self._pending = [u for u in self._pending if self._wanted(u)]
                if self._pending or self._stopping:
                    return copy.deepcopy(self._pending[:limit])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._updates_changed.wait(remaining)
                if self.webhook is not None:
                    return []

    def _wanted(self, update: dict[str, Any]) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _UPDATE_TYPES_BY_DEFAULT_EXCLUDED
        return kind in self._allowed_updates

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url")
        if url is None:
            raise _bad_request("parameter \"url\" is required")
        if url == "":
            return self._delete_webhook(params)
        if urllib.parse.urlsplit(str(url)).scheme not in ("http", "https"):
            # Telegram insists on https; tests' receivers are plain http
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad_request("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if allowed is not None and not isinstance(allowed, list):
            raise _bad_request("can't parse allowed updates JSON object")
        with self._lock:
            if params.get("drop_pending_updates"):
                self._pending.clear()
            self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed,
                            "drop_pending_updates": bool(params.get("drop_pending_updates"))}
            self._updates_changed.notify_all()  # a waiting getUpdates ends, as with Telegram
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        with self._lock:
            if params.get("drop_pending_updates"):
                self._pending.clear()
            self.webhook = None
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            info: dict[str, Any] = {"url": "", "has_custom_certificate": False,
                                    "pending_update_count": len(self._pending)}
            if self.webhook is not None:
                info.update(url=self.webhook["url"], max_connections=40, ip_address="127.0.0.1")
                if self.webhook["allowed_updates"]:
                    info["allowed_updates"] = self.webhook["allowed_updates"]
            return info

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object" if commands is not None
                               else "parameter \"commands\" is required")
        if len(commands) > 100:
            raise _bad_request("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}",
                                                                  str(command.get("command"))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description") or "")) <= 256:
                raise _bad_request("command description is empty" if not command.get("description")
                                   else "BOT_COMMAND_DESCRIPTION_INVALID")
        language = self._language(params)
        with self._lock:
            self.commands[language] = [{"command": c["command"], "description": c["description"]}
                                       for c in commands]
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        with self._lock:
            return copy.deepcopy(self.commands.get(self._language(params), []))

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        with self._lock:
            self.commands.pop(self._language(params), None)
        return True

    @staticmethod
    def _language(params: dict[str, Any]) -> str:
        language = str(params.get("language_code") or "")
        # The Bot API takes two-letter ISO 639-1 codes only (no "prs", no "de-AT")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad_request("invalid language code specified")
        return language

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(params)
        text = params.get("text")
        if text is None or text == "":
            raise _bad_request("message text is empty")
        text = _plain_text(str(text), params.get("parse_mode"))
        if not text.strip():
            raise _bad_request("message text is empty")
        if len(text) > _MAX_TEXT:
            raise _bad_request("message is too long")
        markup = _reply_markup(params)
        fields: dict[str, Any] = {"text": text}
        if isinstance(params.get("entities"), list):
            fields["entities"] = params["entities"]
        return self._store_bot_message(chat_id, fields, markup)

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(params)
        document = params.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = params.get(document[len("attach://"):])
        if isinstance(document, _Upload):
            stored = self._store_file(document.content, "documents",
                                      _suffix(document.file_name, document.mime_type), document.mime_type)
            file_name, mime_type = document.file_name, document.mime_type
        elif isinstance(document, str) and document in self._files:
            stored = self._files[document]
            file_name, mime_type = stored.file_path.rsplit("/", 1)[-1], stored.mime_type
        elif isinstance(document, str) and urllib.parse.urlsplit(document).scheme in ("http", "https"):
            # Telegram would fetch the URL; the fake keeps no bytes for it
            name = urllib.parse.urlsplit(document).path.rsplit("/", 1)[-1] or "file"
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            stored = self._store_file(b"", "documents", _suffix(name, mime_type), mime_type)
            file_name = name
        elif document is None:
            raise _bad_request("there is no document in the request")
        else:
            raise _bad_request("wrong remote file identifier specified: Wrong string length")
        fields: dict[str, Any] = {"document": {"file_name": file_name, "mime_type": mime_type,
                                               **_file_fields(stored)}}
        caption = params.get("caption")
        if caption:
            caption = _plain_text(str(caption), params.get("parse_mode"))
            if len(caption) > _MAX_CAPTION:
                raise _bad_request("message caption is too long")
            fields["caption"] = caption
        message = self._store_bot_message(chat_id, fields, _reply_markup(params))
        with self._lock:
            self.documents[message["message_id"]] = stored.content
        return message

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if params.get("inline_message_id"):
            return True
        text = params.get("text")
        if not text:
            raise _bad_request("message text is empty")
        text = _plain_text(str(text), params.get("parse_mode"))
        if len(text) > _MAX_TEXT:
            raise _bad_request("MESSAGE_TOO_LONG")
        return self._edit(params, {"text": text})

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if params.get("inline_message_id"):
            return True
        return self._edit(params, {})

    def _edit(self, params: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
        chat_id = _chat_id(params)
        markup = _reply_markup(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise _bad_request("inline keyboard expected")
        with self._lock:
            message = self._messages.get((chat_id, _int_param(params, "message_id", 0)))
            if message is None:
                raise _bad_request("message to edit not found")
            if message["from"]["id"] != self.bot_id:
                raise _bad_request("message can't be edited")
            if all(message.get(k) == v for k, v in fields.items()) and message.get("reply_markup") == markup:
                raise _bad_request("message is not modified: specified new message content and reply "
                                   "markup are exactly the same as a current content and reply markup "
                                   "of the message")
            message.update(fields, edit_date=int(time.time()))
            # Without reply_markup Telegram removes the inline keyboard
            if markup is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = markup
            return copy.deepcopy(message)

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        _chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        with self._lock:
            if query_id not in self._callback_queries:
                raise _bad_request("query is too old and response timeout expired or query ID is invalid")
        if len(str(params.get("text") or "")) > 200:
            raise _bad_request("MESSAGE_TOO_LONG")
        return True

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        return {**_file_fields(stored), "file_path": stored.file_path}

    # -- state --------------------------------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Lotse Test", "username": self.bot_username}

    @staticmethod
    def _user(chat_id: int, language_code: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Test"}
        if language_code is not None:
            user["language_code"] = language_code
        return user

    @staticmethod
    def _chat(chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "type": "private", "first_name": "Test"}

    def _next_message_id(self, chat_id: int) -> int:
        # One sequence per chat for both sides, as in Telegram's private chats
        with self._lock:
            self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
            return self._message_ids[chat_id]

    def _message_update(self, chat_id: int, language_code: str | None,
                        fields: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            message = {"message_id": self._next_message_id(chat_id),
                       "from": self._user(chat_id, language_code), "chat": self._chat(chat_id),
                       "date": int(time.time()), **fields}
            self._messages[(chat_id, message["message_id"])] = message
            return {"update_id": next(self._update_ids), "message": copy.deepcopy(message)}

    def _store_bot_message(self, chat_id: int, fields: dict[str, Any],
                           markup: dict[str, Any] | None) -> dict[str, Any]:
        with self._lock:
            message = {"message_id": self._next_message_id(chat_id), "from": self._bot_user(),
                       "chat": self._chat(chat_id), "date": int(time.time()), **fields}
            # Messages carry only inline keyboards; reply keyboards stay with the client
            if markup is not None and "inline_keyboard" in markup:
                message["reply_markup"] = markup
            self._messages[(chat_id, message["message_id"])] = message
            return copy.deepcopy(message)

    def _store_file(self, content: bytes, folder: str, suffix: str, mime_type: str) -> _StoredFile:
        with self._lock:
            n = next(self._ids)
            stored = _StoredFile(file_id=f"BQACAgIAAxkBAAI{n:06d}fake", file_unique_id=f"AgAD{n:06d}",
                                 file_path=f"{folder}/file_{n}{suffix}", content=bytes(content),
                                 mime_type=mime_type)
            self._files[stored.file_id] = stored
            return stored


class _Handler(BaseHTTPRequestHandler):
    api: FakeBotApi
    # One request per connection, so no idle keep-alive threads outlive stop()
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.api._handle(self, "GET")

    def do_POST(self) -> None:  # noqa: N802
        self.api._handle(self, "POST")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # quiet test output

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def respond(self, status: int, body: dict[str, Any]) -> None:
        self.respond_bytes(status, json.dumps(body, ensure_ascii=False).encode(), "application/json")

    def respond_bytes(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. a long poll cancelled at shutdown)


# -- request parsing ------------------------------------------------------------------------------

def _parse_params(body: bytes, content_type: str, query: str) -> dict[str, Any]:
    """Query string and body (JSON, urlencoded or multipart) as one dict of decoded values."""
    fields: dict[str, Any] = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    mime = content_type.split(";")[0].strip().lower()
    if body and mime == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            raise _bad_request("can't parse JSON object") from None
        if not isinstance(decoded, dict):
            raise _bad_request("can't parse JSON object")
        return {**_decode_form(fields), **decoded, **_normalized_chat_id(decoded)}
    if body and mime == "multipart/form-data":
        boundary = re.search(r'boundary="?([^";]+)"?', content_type)
        if boundary is None:
            raise _bad_request("can't parse multipart body")
        form, uploads = _parse_multipart(body, boundary.group(1).encode())
        fields.update(form)
        return {**_decode_form(fields), **uploads}
    if body:
        fields.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    return _decode_form(fields)


def _parse_multipart(body: bytes, boundary: bytes) -> tuple[dict[str, str], dict[str, _Upload]]:
    # Exact bytes matter for uploads, so split by hand instead of letting email rewrite line endings
    fields: dict[str, str] = {}
    uploads: dict[str, _Upload] = {}
    for part in body.split(b"--" + boundary)[1:]:
        if part.startswith(b"--"):
            break
        part = part[2:] if part.startswith(b"\r\n") else part
        part = part[:-2] if part.endswith(b"\r\n") else part
        raw_headers, _, content = part.partition(b"\r\n\r\n")
        headers = {}
        for line in raw_headers.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = _disposition_param(disposition, "name")
        if name is None:
            continue
        file_name = _disposition_param(disposition, "filename")
        if file_name is None:
            fields[name] = content.decode("utf-8", "replace")
        else:
            mime_type = headers.get("content-type", "application/octet-stream")
            uploads[name] = _Upload(file_name, mime_type, content)
    return fields, uploads


def _disposition_param(disposition: str, key: str) -> str | None:
    extended = re.search(rf";\s*{key}\*=([^']*)'[^']*'([^;]+)", disposition, re.IGNORECASE)
    if extended:
        return urllib.parse.unquote(extended.group(2), encoding=extended.group(1) or "utf-8")
    quoted = re.search(rf';\s*{key}="((?:[^"\\]|\\.)*)"', disposition, re.IGNORECASE)
    if quoted:
        # httpx escapes '"' as %22 and control characters as %XX (HTML5 form encoding)
        value = re.sub(r"\\(.)", r"\1", quoted.group(1))
        return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), value)
    bare = re.search(rf";\s*{key}=([^;\s]+)", disposition, re.IGNORECASE)
    return bare.group(1) if bare else None


def _decode_form(fields: dict[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str) and (name in _JSON_FIELDS or name in _SCALAR_FIELDS):
            try:
                value = json.loads(value)
            except ValueError:
                pass  # e.g. chat_id "@channel"; validation reports what Telegram would
        decoded[name] = value
    return decoded


def _normalized_chat_id(params: dict[str, Any]) -> dict[str, Any]:
    chat_id = params.get("chat_id")
    if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
        return {"chat_id": int(chat_id)}
    return {}


def _summarize(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v.summary() if isinstance(v, _Upload) else v for k, v in params.items()}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"


def _error_body(status: int, description: str, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


# -- validation -----------------------------------------------------------------------------------

def _chat_id(params: dict[str, Any]) -> int:
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise _bad_request("chat_id is empty")
    if isinstance(chat_id, bool) or not isinstance(chat_id, int):
        raise _bad_request("chat not found")
    return chat_id


def _int_param(params: dict[str, Any], name: str, default: int) -> int:
    value = params.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name} specified") from None


def _reply_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request("field \"inline_keyboard\" of the InlineKeyboardMarkup "
                               "must be an Array of Arrays")
        for button in itertools.chain.from_iterable(rows):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _bad_request("can't parse inline keyboard button: Text must be a String")
            if not _BUTTON_ACTIONS & button.keys():
                raise _bad_request("text buttons are unallowed in the inline keyboard")
            if "callback_data" in button and not 1 <= len(str(button["callback_data"]).encode()) <= 64:
                raise _bad_request("BUTTON_DATA_INVALID")
            scheme = urllib.parse.urlsplit(str(button.get("url", "http:"))).scheme
            if scheme not in ("http", "https", "tg"):
                raise _bad_request(f"inline keyboard button URL '{button['url']}' is invalid: "
                                   "Unsupported URL protocol")
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request("field \"keyboard\" of the ReplyKeyboardMarkup must be an Array of Arrays")
    elif not {"remove_keyboard", "force_reply"} & markup.keys():
        raise _bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _plain_text(text: str, parse_mode: Any) -> str:
    """The text Telegram stores for `text` in `parse_mode`; 400 where Telegram can't parse it."""
    mode = str(parse_mode or "").lower()
    if mode == "html":
        return _plain_html(text)
    if mode == "markdownv2":
        return _plain_markdown_v2(text)
    return text


def _cant_parse(message: str) -> _ApiError:
    return _bad_request(f"can't parse entities: {message}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


def _plain_html(text: str) -> str:
    out = io.StringIO()
    open_tags: list[str] = []
    position = 0
    token = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s[^<>]*)?)>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);|<")
    for match in token.finditer(text):
        out.write(text[position:match.start()])
        position = match.end()
        offset = _byte_offset(text, match.start())
        closing, name, entity = match.group(1), (match.group(2) or "").lower(), match.group(4)
        if entity:
            out.write(html.unescape(match.group(0)))
        elif not name:
            raise _cant_parse(f"Unsupported start tag \"\" at byte offset {offset}")
        elif name not in _HTML_TAGS:
            kind = "end" if closing else "start"
            raise _cant_parse(f"Unsupported {kind} tag \"{name}\" at byte offset {offset}")
        elif closing:
            if not open_tags or open_tags[-1] != name:
                expected = f"\"</{open_tags[-1]}>\"" if open_tags else "nothing"
                raise _cant_parse(f"Unmatched end tag at byte offset {offset}, expected {expected}, "
                                  f"found \"</{name}>\"")
            open_tags.pop()
        else:
            open_tags.append(name)
    if open_tags:
        raise _cant_parse(f"Can't find end tag corresponding to start tag \"{open_tags[-1]}\"")
    out.write(text[position:])
    return out.getvalue()


_MD_ENTITIES = {"*": "Bold", "_": "Italic", "__": "Underline", "~": "Strikethrough", "||": "Spoiler"}


def _plain_markdown_v2(text: str) -> str:
    out = io.StringIO()
    open_marks: dict[str, int] = {}
    links: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            if i + 1 >= n:
                raise _cant_parse("Character '\\' is reserved and must be escaped with the preceding '\\'")
            out.write(text[i + 1])
            i += 2
            continue
        if c == "`":
            fence = "```" if text.startswith("```", i) else "`"
            end = _find_unescaped(text, fence, i + len(fence))
            if end < 0:
                entity = "Pre" if fence == "```" else "Code"
                raise _cant_parse(f"Can't find end of {entity} entity at byte offset {_byte_offset(text, i)}")
            code = text[i + len(fence):end]
            if fence == "```":
                code = re.sub(r"\A[^\s`]*\n", "", code)  # the language line of a pre block
            out.write(re.sub(r"\\(.)", r"\1", code))
            i = end + len(fence)
            continue
        mark = text[i:i + 2] if text[i:i + 2] in ("__", "||") else c
        if mark in _MD_ENTITIES:
            if mark in open_marks:
                del open_marks[mark]
            else:
                open_marks[mark] = i
            i += len(mark)
            continue
        if c == "[":
            links.append(i)
            i += 1
            continue
        if c == "]" and links:
            links.pop()
            if text.startswith("(", i + 1):
                end = _find_unescaped(text, ")", i + 2)
                if end < 0:
                    raise _cant_parse(f"Can't find end of a URL at byte offset {_byte_offset(text, i + 1)}")
                i = end + 1
            else:
                i += 1
            continue
        if c == ">" and (i == 0 or text[i - 1] == "\n"):
            i += 1  # blockquote
            continue
        if c in "[]()>#+-={}.!|":
            raise _cant_parse(f"Character '{c}' is reserved and must be escaped with the preceding '\\'")
        out.write(c)
        i += 1
    if open_marks:
        mark, start = min(open_marks.items(), key=lambda item: item[1])
        raise _cant_parse(f"Can't find end of {_MD_ENTITIES[mark]} entity "
                          f"at byte offset {_byte_offset(text, start)}")
    if links:
        raise _cant_parse(f"Can't find end of TextUrl entity at byte offset {_byte_offset(text, links[0])}")
    return out.getvalue()


def _find_unescaped(text: str, needle: str, start: int) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(needle, i):
            return i
        i += 1
    return -1


# -- files ----------------------------------------------------------------------------------------

def _file_fields(stored: _StoredFile) -> dict[str, Any]:
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content)}


def _suffix(file_name: str, mime_type: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]{1,8}$", file_name)
    return match.group(0).lower() if match else (mimetypes.guess_extension(mime_type) or "")


def _thumbnail(content: bytes) -> tuple[int, int, bytes]:
    """Width and height of the image and a small JPEG of it; PIL when it can read the bytes."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            small = image.convert("RGB")
            small.thumbnail((90, 90))
            buffer = io.BytesIO()
            small.save(buffer, "JPEG")
            return width, height, buffer.getvalue()
    except Exception:
        # Not an image PIL knows (tests may send any bytes): a nominal size and a prefix
        return 1280, 960, content[: max(1, len(content) // 10)]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
