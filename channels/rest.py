"""Rasa's stock REST channel, for local tools only (credentials key ``channels.rest.LocalRestInput``).

POST /webhooks/rest/webhook  {"sender", "message", "metadata"?} -> [{"recipient_id", "text",
"buttons"?, "custom"?}, ...], the request and answer of Rasa's RestInput. Evaluation tools and
tests drive a running stack through it. `lotse run` switches it on only with
LOTSE_REST_CHANNEL=on (lotse/supervisor.py), and then it answers clients on this machine only:
anything else, also a request relayed by a reverse proxy here, gets 403.

The conversation is "rest:<sender>": a REST sender can never address a web or Telegram
conversation, and the client's `input_channel` and organisation are ignored.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import channel_replies, identity, limits
from channels.limits import BadRequest

CHANNEL = "rest"
MAX_SENDER_CHARS = 128


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class RestOutput(CollectingOutputChannel):
    """Rasa's collected messages, addressed with the sender the client used."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    async def _persist_message(self, message: dict[str, Any]) -> None:
        message["recipient_id"] = identity.split(message.get("recipient_id") or "")[1]
        await super()._persist_message(message)


class LocalRestInput(RestInput):
    def __init__(self) -> None:
        self.limits = limits.RateLimits()

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> LocalRestInput:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("local_rest", __name__)

        @rest.middleware("request")
        async def local_only(request: Request) -> HTTPResponse | None:
            if not limits.direct_loopback(request):
                return _error(403, "the REST channel answers only on this machine")
            return None

        @rest.exception(BadRequest)
        async def bad_request(_: Request, exc: BadRequest) -> HTTPResponse:
            return _error(exc.status, exc.message)

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            body = limits.parse_json_object(
                await limits.read_body(request, limits.MAX_MESSAGE_BODY_BYTES))
            sender = limits.clean_text(body.get("sender"), "sender")
            if not sender or len(sender) > MAX_SENDER_CHARS:
                raise BadRequest(400, f"sender must be 1-{MAX_SENDER_CHARS} characters")
            text = limits.clean_text(body.get("message"), "message")
            metadata = limits.client_metadata(body.get("metadata"))
            conversation = identity.conversation_id(CHANNEL, sender)
            wait = await self.limits.check(request, conversation, text)
            if wait:
                return response.json(await _reply(request, conversation, "rate_limited",
                                                  metadata, seconds=wait),
                                     status=429, headers={"Retry-After": str(wait)})
            if limits.too_long(text):
                return response.json(await _reply(request, conversation,
                                                  "message_too_long", metadata))
            collector = RestOutput()
            await on_new_message(UserMessage(text, collector, conversation,
                                             input_channel=CHANNEL, metadata=metadata))
            return response.json(collector.messages)

        return rest


async def _reply(request: Request, conversation: str, event: str,
                 metadata: dict[str, str], **params: Any) -> list[dict[str, Any]]:  # noqa: ANN401
    agent = getattr(request.app.ctx, "agent", None)
    lang = await channel_replies.conversation_language(
        agent.tracker_store if agent is not None else None, conversation,
        metadata.get("language_hint"))
    output = RestOutput()  # the same shape as the dialogue's replies
    await output.send_response(conversation, channel_replies.reply(event, lang, **params))
    return output.messages
