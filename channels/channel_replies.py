"""Replies a channel gives itself, for what never reaches the dialogue: voice messages,
stickers, locations, edited messages, files for the document mailbox, help.

The texts are curated catalogue texts (dialogues/texts/channels/) in the conversation's
language, which comes from the stored conversation (the Rasa tracker), so these replies
speak the language the person chose.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogues import catalogue
from dialogues.languages import CODES, DEFAULT_LANGUAGE, direction, is_supported
from storage.documents import MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_PERSON, MAX_MAILBOX_BYTES

logger = logging.getLogger(__name__)

# event -> catalogue key
EVENT_TEXTS = {
    "voice": "channel.voice",
    "sticker": "channel.sticker",
    "location": "channel.location",
    "unsupported": "channel.unsupported",
    "edited": "channel.edited",
    "button_expired": "channel.button_expired",
    "help": "help.text",
    "document_received": "document.received",
    "document_too_large": "document.too_large",
    "document_wrong_type": "document.wrong_type",
    "document_needs_consent": "document.needs_consent",
    "document_failed": "document.failed",
    "document_quota": "mailbox.quota",
    "document_unsafe": "mailbox.unsafe",
    # channels/limits.py: what a message may cost
    "message_too_long": "limits.message_too_long",
    "rate_limited": "limits.rate_limited",
}


def reply(event: str, lang: str, **params: Any) -> dict[str, Any]:  # noqa: ANN401 - text params
    """A reply in the shape the dialogue's messages have: text, buttons, and custom lang/dir."""
    if event == "document_too_large":
        params.setdefault("limit", MAX_DOCUMENT_BYTES // (1024 * 1024))
    if event == "document_quota":
        params.setdefault("count", MAX_DOCUMENTS_PER_PERSON)
        params.setdefault("megabytes", MAX_MAILBOX_BYTES // (1024 * 1024))
    if event == "message_too_long":
        from channels.limits import MAX_MESSAGE_CHARS

        params.setdefault("limit", MAX_MESSAGE_CHARS)
    return {"text": catalogue.text(lang, EVENT_TEXTS[event], **params), "buttons": [],
            "custom": {"lang": lang, "dir": direction(lang)}}


async def conversation_language(tracker_store: Any, sender_id: str,  # noqa: ANN401 - Rasa's store
                                hint: str | None = None) -> str:
    """The language the person chose, else (before the choice) the client's hint, else German."""
    tracker = None
    try:
        tracker = await tracker_store.retrieve(sender_id) if tracker_store is not None else None
    except Exception:  # noqa: BLE001 - a reply in German beats no reply at all
        logger.exception("reading the conversation of a channel event failed")
    if tracker is not None:
        for slot in ("language", "previous_language"):
            chosen = tracker.get_slot(slot)
            if is_supported(chosen):
                return chosen
    code = str(hint or "")[:2].lower()
    return code if code in CODES else DEFAULT_LANGUAGE
