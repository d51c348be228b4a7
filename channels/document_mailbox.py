"""A file a person sends in the chat, on its way into their document mailbox
(storage/documents.py): shared by the web widget and Telegram."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from lotse.settings import load_settings
from storage.documents import DocumentMailbox, DocumentRejected
from storage.profiles import ProfileRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What became of a file: the channel event to answer with, and the stored name."""

    event: str
    filename: str | None = None
    document_id: str | None = None


async def receive(channel: str, sender_id: str, filename: str | None, data: bytes) -> Receipt:
    """Store a file for the person behind (channel, sender_id), if they have consented."""
    database_url = load_settings().database_url
    try:
        person_id = await asyncio.to_thread(ProfileRepository(database_url).person_for,
                                            channel, sender_id)
        if person_id is None:
            # Consent comes before anything is stored: not even a file.
            return Receipt("document_needs_consent")
        stored = await asyncio.to_thread(DocumentMailbox(database_url).add, person_id,
                                         filename=filename, data=data, channel=channel)
    except DocumentRejected as exc:
        return Receipt(rejection_event(exc.reason))
    except Exception:  # noqa: BLE001 - the person gets a clear answer, the log the details
        logger.exception("storing a document from %s failed", channel)
        return Receipt("document_failed")
    return Receipt("document_received", stored.filename, stored.id)


def rejected_before_download(size: int | None, media_type: str | None) -> str | None:
    """The event for a file that need not be fetched at all: too large, or a type the
    mailbox never takes (the content is checked again after download)."""
    from storage.documents import ACCEPTED_MEDIA_TYPES, MAX_DOCUMENT_BYTES

    if size is not None and size > MAX_DOCUMENT_BYTES:
        return "document_too_large"
    if media_type and media_type.lower() not in ACCEPTED_MEDIA_TYPES:
        return "document_wrong_type"
    return None


def rejection_event(reason: str) -> str:
    """The channel event for a refused file: "document_quota" (mailbox full),
    "document_unsafe" (a PDF with active content), else "document_wrong_type"."""
    from channels.channel_replies import EVENT_TEXTS

    event = f"document_{reason}"
    return event if event in EVENT_TEXTS else "document_wrong_type"
