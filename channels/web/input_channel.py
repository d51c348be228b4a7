"""Rasa input channel for the web widget (credentials key ``channels.web.WebChatInput``).

POST /webhooks/web/session  {"org"?: signed organisation} -> {"sender", "token"}: a new
                            conversation; the organisation comes from the signed value or
                            the embedding site's origin (LOTSE_WIDGET_ORGANISATIONS), never
                            from the client's word (channels/identity.py)
POST /webhooks/web/webhook  {"sender": id, "message": text, "metadata": {...}}
  -> [{"recipient_id", "text", "buttons", "lang", "dir", "document"?}, ...]
GET  /webhooks/web/history?sender=ID   the current conversation session, as the widget shows it
GET  /webhooks/web/texts?lang=xx       the widget's labels in a language (German if unknown)
POST /webhooks/web/upload   multipart: sender, file, metadata (JSON) -> the channel's reply
                            (file stored in the document mailbox, or why not), as above
GET  /webhooks/web/chat      the widget as a full page (?lang=, ?org=SIGNED)

Webhook, history and upload need the conversation's token in the X-Lotse-Token header:
without it 401, with a wrong one 403, and nothing is done. The Rasa conversation id is
"web:<sender>". Messages over the length cap and over the rate limits are answered by the
channel itself (channels/limits.py) and never reach the dialogue.
GET  /webhooks/web/static/<name>       widget.js, widget.css (embedded with one script tag)
GET  /webhooks/web/documents/<token>   a document the person asked for (their CV), made from
                                       the stored profile; the token comes from the reply

The widget runs on other sites: every route answers CORS preflights and names the allowed
origins (env LOTSE_WIDGET_ORIGINS, comma-separated, default "*"); no cookies are used.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from datetime import timezone
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import channel_replies, identity, limits
from channels.limits import MAX_MESSAGE_CHARS, BadRequest

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
CHANNEL = "web"
# Multipart framing and the other fields around the file.
UPLOAD_OVERHEAD_BYTES = 64 * 1024
UPLOAD_READ_SECONDS = 120.0  # 10 MB over a slow mobile connection
_SENDER_ERROR = "sender must be a conversation id issued by POST /webhooks/web/session"
_ALLOWED_HEADERS = f"Content-Type, {identity.TOKEN_HEADER}"
_ALLOWED_METHODS = "GET, POST, OPTIONS"

__all__ = ["MAX_MESSAGE_CHARS", "WebChatInput"]


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def authorise(request: Request, sender: Any) -> str:  # noqa: ANN401 - untrusted input
    """The organisation bound to the conversation `sender`, if the request carries its token;
    else BadRequest (400 malformed id, 401 no token, 403 wrong token)."""
    if not identity.valid_web_sender(sender):
        raise BadRequest(400, _SENDER_ERROR)
    token = request.headers.get(identity.TOKEN_HEADER)
    if not token:
        raise BadRequest(401, f"the {identity.TOKEN_HEADER} header is missing")
    organisation = identity.verify_web_token(sender, token)
    if organisation is None:
        raise BadRequest(403, "wrong token for this conversation")
    return organisation


def session_organisation(request: Request, signed: Any) -> str:  # noqa: ANN401 - untrusted
    """The organisation a new conversation belongs to: a signed link's, else the embedding
    site's (LOTSE_WIDGET_ORGANISATIONS), else none (the default). A forged signature: 403."""
    if signed not in (None, ""):
        slug = identity.verify_organisation(signed if isinstance(signed, str) else None)
        if slug is None:
            raise BadRequest(403, "this organisation link is not valid")
        return slug
    origin = (request.headers.get("origin") or "").rstrip("/").lower()
    return identity.origin_organisations().get(origin, "")


# --- CORS ------------------------------------------------------------------------------------
def allowed_origins(setting: str | None = None) -> frozenset[str] | None:
    """The origins LOTSE_WIDGET_ORIGINS allows; None means any ("*", the default)."""
    raw = os.environ.get("LOTSE_WIDGET_ORIGINS", "*") if setting is None else setting
    origins = {o.strip().rstrip("/").lower() for o in raw.split(",") if o.strip()}
    return None if not origins or "*" in origins else frozenset(origins)


def origin_allowed(origin: str | None, allowed: frozenset[str] | None, own_host: str) -> bool:
    """Whether a request from `origin` may use the widget's routes (our own pages always may)."""
    if origin is None or allowed is None:
        return True
    origin = origin.rstrip("/").lower()
    return origin in allowed or urlsplit(origin).netloc == own_host.lower()


def cors_headers(origin: str | None, allowed: frozenset[str] | None,
                 preflight: bool = False) -> dict[str, str]:
    """The CORS headers of a response to `origin`. Without credentials "*" is enough when any
    origin may embed the widget; a list answers each allowed origin by name."""
    headers: dict[str, str] = {}
    if allowed is None:
        headers["Access-Control-Allow-Origin"] = "*"
    else:
        headers["Vary"] = "Origin"
        if origin is not None and origin.rstrip("/").lower() in allowed:
            headers["Access-Control-Allow-Origin"] = origin
    if preflight and "Access-Control-Allow-Origin" in headers:
        headers.update({"Access-Control-Allow-Methods": _ALLOWED_METHODS,
                        "Access-Control-Allow-Headers": _ALLOWED_HEADERS,
                        "Access-Control-Max-Age": "600"})
    return headers


# --- history ---------------------------------------------------------------------------------
def reply_envelope(data: dict[str, Any], text: str | None) -> dict[str, Any]:
    """A bot message as the widget gets it, live and in the history: text, buttons, and from
    `custom` the language, direction, a document link and the knowledge-base entry."""
    custom = data.get("custom") or {}
    return {
        "text": text or "",
        "buttons": [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                    for b in data.get("buttons") or []],
        "lang": custom.get("lang"),
        "dir": custom.get("dir", "auto"),
        **({"document": custom["document"]} if isinstance(custom.get("document"), dict) else {}),
        **({"kb_entry": custom["kb_entry"]} if isinstance(custom.get("kb_entry"), str) else {}),
    }


def _bot_message(data: dict[str, Any], text: str | None) -> dict[str, Any]:
    return {"from": "bot", **reply_envelope(data, text)}


def history_messages(events: Iterable[dict[str, Any]],
                     documents: Iterable[tuple[float, str]] = ()) -> list[dict[str, Any]]:
    """The messages of a conversation as the widget shows them, from Rasa event dicts.

    A payload (text starting with "/") shows the label of the button that sent it, or nothing
    (e.g. the widget's own "/greet"). Only the replies after the last user message keep their
    buttons: earlier questions were answered. Files the person sent are no turns of the
    dialogue: they come from the document mailbox, as (unix time, file name), and are shown
    as the person's messages where they belong in time.
    """
    messages: list[dict[str, Any]] = []
    files = sorted(documents)
    last_user = -1

    def files_until(moment: float | None) -> None:
        while files and (moment is None or files[0][0] <= moment):
            _, name = files.pop(0)
            messages.append({"from": "user", "text": f"📎 {name}", "dir": "auto"})

    for event in events:
        files_until(event.get("timestamp") if isinstance(event.get("timestamp"), (int, float)) else None)
        kind = event.get("event")
        if kind == "user":
            text = event.get("text") or ""
            label = (event.get("metadata") or {}).get("label")
            if text.startswith("/"):
                text = label if isinstance(label, str) else ""
            last_user = len(messages)
            if text:
                messages.append({"from": "user", "text": text, "dir": "auto"})
        elif kind == "bot":
            message = _bot_message(event.get("data") or {}, event.get("text"))
            if message["text"] or message["buttons"] or "document" in message:
                messages.append(message)
    files_until(None)
    for message in messages[:last_user]:
        if message["from"] == "bot":
            message["buttons"] = []
    return messages


def _mailbox_files(sender: str) -> list[tuple[float, str]]:
    """(unix time, file name) of the documents this web sender put into the mailbox."""
    from lotse.settings import load_settings
    from storage.documents import DocumentMailbox
    from storage.profiles import ProfileRepository

    database_url = load_settings().database_url
    person_id = ProfileRepository(database_url).person_for("web", sender)
    if person_id is None:
        return []
    return [(d.created_at.replace(tzinfo=timezone.utc).timestamp(), d.filename)
            for d in DocumentMailbox(database_url).list(person_id) if d.channel == "web"]


# --- texts -----------------------------------------------------------------------------------
def widget_texts(lang: str | None) -> dict[str, Any]:
    """The widget's labels in `lang` (its primary subtag), else in the default language."""
    from dialogues import catalogue
    from dialogues.languages import DEFAULT_LANGUAGE, direction, is_supported
    from storage.documents import MAX_DOCUMENT_BYTES

    code = re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]
    code = code if is_supported(code) else DEFAULT_LANGUAGE
    texts = {key: catalogue.text(code, key) for key in catalogue.keys() if key.startswith("widget.")}
    # said by the widget itself: a file over the limit is not sent at all
    texts["document.too_large"] = catalogue.text(code, "document.too_large",
                                                 limit=MAX_DOCUMENT_BYTES // (1024 * 1024))
    return {"lang": code, "dir": direction(code), "texts": texts,
            "limits": {"document_bytes": MAX_DOCUMENT_BYTES}}


# --- upload ----------------------------------------------------------------------------------
class WebOutput(CollectingOutputChannel):
    """Collects replies as one object each, with the language and direction they carry."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.messages.append({"recipient_id": identity.split(recipient_id)[1],
                              **reply_envelope(message, message.get("text"))})


class WebChatInput(InputChannel):
    def __init__(self) -> None:
        self.limits = limits.RateLimits()

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    async def _limited(self, request: Request, sender: str, hint: str | None,
                       text: str = "") -> HTTPResponse | None:
        """429 with a polite reply when this conversation or address sends too much."""
        wait = await self.limits.check(request, identity.conversation_id(CHANNEL, sender), text)
        if not wait:
            return None
        reply = await self._channel_reply(request, sender, "rate_limited", hint, seconds=wait)
        return response.json(reply, status=429, headers={"Retry-After": str(wait)})

    @staticmethod
    async def _channel_reply(request: Request, sender: str, event: str, hint: str | None,
                             **params: Any) -> list[dict[str, Any]]:  # noqa: ANN401
        agent = getattr(request.app.ctx, "agent", None)
        lang = await channel_replies.conversation_language(
            agent.tracker_store if agent is not None else None,
            identity.conversation_id(CHANNEL, sender), hint)
        output = WebOutput()
        await output.send_response(sender, channel_replies.reply(event, lang, **params))
        return output.messages

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        web = Blueprint("web_chat", __name__)
        origins = allowed_origins()

        async def deliver(text: str, sender: str, metadata: dict[str, str]) -> HTTPResponse:
            output = WebOutput()
            await on_new_message(UserMessage(text, output, identity.conversation_id(CHANNEL, sender),
                                             input_channel=self.name(), metadata=metadata))
            return response.json(output.messages)

        @web.listener("before_server_start")
        async def server_limits(app: Any, _: Any) -> None:  # noqa: ANN401 - Sanic's app, loop
            limits.sanic_limits(app)

        # Rasa's CORS extension (sanic_cors, origins "" without `rasa run --cors`) answers every
        # OPTIONS request itself, before this blueprint's middleware, with no CORS headers; and
        # with --cors it would allow credentials. So this channel sets its own headers last.
        @web.middleware("request")
        async def check_origin(request: Request) -> HTTPResponse | None:
            if request.method == "OPTIONS":
                return response.empty()
            if not origin_allowed(request.headers.get("origin"), origins, request.host):
                return _error(403, "this site may not use the chat")
            return None

        @web.middleware("response")
        async def add_cors(request: Request, resp: HTTPResponse) -> None:
            if resp is None:
                return
            resp.headers.pop("Access-Control-Allow-Credentials", None)
            for name, value in cors_headers(request.headers.get("origin"), origins,
                                            preflight=request.method == "OPTIONS").items():
                resp.headers[name] = value

        @web.exception(BadRequest)
        async def bad_request(_: Request, exc: BadRequest) -> HTTPResponse:
            return _error(exc.status, exc.message)

        @web.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @web.route("/chat", methods=["GET"])
        async def chat_page(_: Request) -> HTTPResponse:
            return await response.file(str(STATIC_DIR / "chat.html"),
                                       headers=_page_headers())

        @web.route("/static/<name:str>", methods=["GET", "OPTIONS"])
        async def static(_: Request, name: str) -> HTTPResponse:
            path = (STATIC_DIR / name).resolve()
            if path.parent != STATIC_DIR or not path.is_file() or name == "chat.html":
                return _error(404, "not found")
            return await response.file(str(path), headers={
                "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})

        @web.route("/documents/<token:str>", methods=["GET"])
        async def document(_: Request, token: str) -> HTTPResponse:
            return await serve_document(token)

        @web.route("/texts", methods=["GET", "OPTIONS"])
        async def texts(request: Request) -> HTTPResponse:
            return response.json(widget_texts(request.args.get("lang")),
                                 headers={"Cache-Control": "public, max-age=300"})

        @web.route("/session", methods=["POST", "OPTIONS"], stream=True)
        async def session(request: Request) -> HTTPResponse:
            body = await limits.read_body(request, 4096)
            data = limits.parse_json_object(body) if body.strip() else {}
            organisation = session_organisation(request, data.get("org"))
            # New conversations count against the address, so that fresh ids do not lift
            # the per-conversation limit.
            if not limits.direct_loopback(request):
                wait = await self.limits.buckets.take(
                    f"s:{limits.client_address(request)}", self.limits.address)
                if wait:
                    return _error(429, "too many new conversations; try again shortly")
            sender = identity.new_web_sender()
            return response.json({"sender": sender, "token": identity.web_token(sender, organisation)},
                                 headers={"Cache-Control": "no-store"})

        @web.route("/history", methods=["GET", "OPTIONS"])
        async def history(request: Request) -> HTTPResponse:
            sender = request.args.get("sender")
            authorise(request, sender)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return _error(503, "the assistant is starting; try again shortly")
            # retrieve: the latest session only, as the assistant itself sees it
            tracker = await agent.tracker_store.retrieve(identity.conversation_id(CHANNEL, sender))
            events = [e.as_dict() for e in tracker.events] if tracker is not None else []
            files = await asyncio.to_thread(_mailbox_files, sender)
            return response.json({"sender": sender, "messages": history_messages(events, files)},
                                 headers={"Cache-Control": "no-store"})

        # Streamed, so that a body over the limit is refused without reading it all.
        @web.route("/webhook", methods=["POST", "OPTIONS"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            body = limits.parse_json_object(
                await limits.read_body(request, limits.MAX_MESSAGE_BODY_BYTES))
            sender = body.get("sender")
            organisation = authorise(request, sender)
            text = limits.clean_text(body.get("message"), "message")
            metadata = limits.client_metadata(body.get("metadata"))
            limited = await self._limited(request, sender, metadata.get("language_hint"), text)
            if limited is not None:
                return limited
            if limits.too_long(text):
                return response.json(await self._channel_reply(
                    request, sender, "message_too_long", metadata.get("language_hint")))
            if organisation:
                metadata["organisation"] = organisation
            return await deliver(text, sender, metadata)

        @web.route("/upload", methods=["POST", "OPTIONS"], stream=True)
        async def upload(request: Request) -> HTTPResponse:
            from channels import document_mailbox
            from storage.documents import MAX_DOCUMENT_BYTES

            limit = MAX_DOCUMENT_BYTES + UPLOAD_OVERHEAD_BYTES
            try:
                body = await limits.read_body(request, limit, UPLOAD_READ_SECONDS)
            except BadRequest as exc:
                if exc.status == 413:
                    return _error(413, f"a file may have at most {MAX_DOCUMENT_BYTES} bytes")
                raise
            request.body = body
            if not request.content_type.startswith("multipart/form-data"):
                return _error(400, "body must be multipart/form-data")
            try:
                form, files = request.form, request.files
            except Exception:  # noqa: BLE001 - any malformed multipart body
                return _error(400, "body is not readable multipart/form-data")
            sender, file = form.get("sender"), files.get("file")
            authorise(request, sender)
            if file is None:
                return _error(400, "the file part is missing")
            try:
                metadata = limits.client_metadata(json.loads(form.get("metadata") or "{}"))
            except (ValueError, RecursionError):
                return _error(400, "metadata must be a JSON object")
            limited = await self._limited(request, sender, metadata.get("language_hint"))
            if limited is not None:
                return limited
            receipt = await document_mailbox.receive(CHANNEL, sender, file.name, file.body)
            # The channel answers itself (channels/channel_replies.py): a file is no turn of
            # the interview, which goes on at the question it was at.
            return response.json(await self._channel_reply(
                request, sender, receipt.event, metadata.get("language_hint"),
                filename=receipt.filename or ""))

        return web


async def serve_document(token: str) -> HTTPResponse:
    """The document a link from the chat grants, rendered now from the stored profile."""
    from channels import document_links

    link = document_links.verify(token)
    if link is None:
        return _error(404, "this link is not valid any more: ask for the document again")
    try:
        body = await asyncio.to_thread(document_links.render, link)
    except Exception:  # noqa: BLE001 - the person gets a clear answer, the log the details
        logger.exception("rendering a CV failed")
        return _error(500, "the document could not be made; please try again later")
    if body is None:  # the person was erased meanwhile
        return _error(404, "this link is not valid any more: ask for the document again")
    return response.raw(body, content_type=link.media_type, headers={
        "Content-Disposition": f'attachment; filename="{link.filename}"',
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
    })


def _page_headers() -> dict[str, str]:
    # The page loads nothing but its own script and stylesheet and talks only to this server.
    return {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                                   "connect-src 'self'; img-src 'self'; object-src 'none'; "
                                   "base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
