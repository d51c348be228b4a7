"""Rasa input channel for the web chat (credentials key ``channels.web.WebChatInput``).

POST /webhooks/web/webhook  {"sender": id, "message": text, "metadata": {...}}
  -> [{"recipient_id", "text", "buttons", "lang", "dir", "document"?}, ...]
GET  /webhooks/web/chat      the chat page (static files in channels/web/static/)
GET  /webhooks/web/documents/<token>   a document the person asked for (their CV), made from
                                       the stored profile; the token comes from the reply
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 20_000
_SENDER = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
# Metadata a client may pass on; anything else is dropped.
_METADATA_KEYS = {"language_hint": 16, "organisation": 64}


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def _metadata(raw: Any) -> dict[str, str]:  # noqa: ANN401 - untrusted JSON
    if not isinstance(raw, dict):
        return {}
    return {key: str(raw[key])[:limit] for key, limit in _METADATA_KEYS.items()
            if isinstance(raw.get(key), (str, int))}


class WebOutput(CollectingOutputChannel):
    """Collects replies as one object each, with the language and direction they carry."""

    @classmethod
    def name(cls) -> str:
        return "web"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        custom = message.get("custom") or {}
        self.messages.append({
            "recipient_id": recipient_id,
            "text": message.get("text") or "",
            "buttons": [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                        for b in message.get("buttons") or []],
            "lang": custom.get("lang"),
            "dir": custom.get("dir", "auto"),
            **({"document": custom["document"]} if isinstance(custom.get("document"), dict) else {}),
        })


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "web"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        web = Blueprint("web_chat", __name__)

        @web.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @web.route("/chat", methods=["GET"])
        async def chat_page(_: Request) -> HTTPResponse:
            return await response.file(str(STATIC_DIR / "chat.html"),
                                       headers=_page_headers())

        @web.route("/static/<name:str>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            path = (STATIC_DIR / name).resolve()
            if path.parent != STATIC_DIR or not path.is_file() or name == "chat.html":
                return _error(404, "not found")
            return await response.file(str(path), headers={"Cache-Control": "no-cache"})

        @web.route("/documents/<token:str>", methods=["GET"])
        async def document(_: Request, token: str) -> HTTPResponse:
            return await serve_document(token)

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_MESSAGE_CHARS * 4 + 4096:
                return _error(413, "message too large")
            try:
                body = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return _error(400, "body must be JSON")
            if not isinstance(body, dict):
                return _error(400, "body must be a JSON object")
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not _SENDER.match(sender):
                return _error(400, "sender must be 8-128 letters, digits, - or _")
            if not isinstance(text, str):
                return _error(400, "message must be a string")
            if len(text) > MAX_MESSAGE_CHARS:
                return _error(413, f"message longer than {MAX_MESSAGE_CHARS} characters")
            output = WebOutput()
            await on_new_message(UserMessage(
                text, output, sender, input_channel=self.name(), metadata=_metadata(body.get("metadata")),
            ))
            return response.json(output.messages)

        return web


async def serve_document(token: str) -> HTTPResponse:
    """The document a link from the chat grants, rendered now from the stored profile."""
    from channels import document_links
    from documents import lebenslauf_pdf
    from lotse.settings import load_settings
    from storage.profiles import ProfileRepository

    link = document_links.verify(token)
    if link is None:
        return _error(404, "this link is not valid any more: ask for the document again")
    snapshot = await asyncio.to_thread(ProfileRepository(load_settings().database_url).snapshot,
                                       link.person_id)
    if snapshot is None:
        return _error(404, "this link is not valid any more: ask for the document again")
    try:
        body = await asyncio.to_thread(lebenslauf_pdf.render, snapshot)
    except Exception:  # noqa: BLE001 - the person gets a clear answer, the log the details
        logger.exception("rendering a CV failed")
        return _error(500, "the document could not be made; please try again later")
    return response.raw(body, content_type=link.media_type, headers={
        "Content-Disposition": f'attachment; filename="{link.filename}"',
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
    })


def _page_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                                   "object-src 'none'; frame-ancestors 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
