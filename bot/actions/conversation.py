"""What every action needs: the person's language, the curated replies, the repository."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from channels import identity
from dialogues import catalogue
from dialogues.languages import CODES, DEFAULT_LANGUAGE, direction, is_supported
from lotse.settings import load_settings
from storage.profiles import ProfileRepository


@lru_cache(maxsize=1)
def repository() -> ProfileRepository:
    return ProfileRepository(load_settings().database_url)


def metadata(tracker: Tracker) -> dict[str, Any]:
    return tracker.latest_message.get("metadata") or {}


def ui_language(tracker: Tracker) -> str:
    """The chosen interface language; while choosing anew, the previous one; before any
    choice, the client's hint; else German."""
    for slot in ("language", "previous_language"):
        chosen = tracker.get_slot(slot)
        if is_supported(chosen):
            return chosen
    hint = str(metadata(tracker).get("language_hint") or "")[:2].lower()
    return hint if hint in CODES else DEFAULT_LANGUAGE


def channel(tracker: Tracker) -> str | None:
    """The channel that set the conversation id ("web:…", "telegram:…", "rest:…"); never the
    client's `input_channel`. None for an id no channel made (it belongs to nobody)."""
    return identity.split(tracker.sender_id)[0]


def external_id(tracker: Tracker) -> str:
    """The person's id on their channel, as stored in channel_identities."""
    return identity.split(tracker.sender_id)[1]


def person_id(tracker: Tracker) -> str | None:
    name = channel(tracker)
    return repository().person_for(name, external_id(tracker)) if name else None


def organisation(tracker: Tracker) -> str:
    """The organisation the channel bound to this conversation (a signed link, or the web
    widget's site), if it exists. Clients cannot name one: the channels drop the metadata key
    from what clients send and set it themselves (channels/identity.py)."""
    slug = str(metadata(tracker).get("organisation") or "").strip()[:64]
    if slug and repository().organisation_exists(slug):
        return slug
    return load_settings().default_organisation


def button(lang: str, key: str, payload: str) -> dict[str, str]:
    return {"title": catalogue.text(lang, key), "payload": payload}


def intent_payload(intent: str, **entities: str) -> str:
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def send(
    dispatcher: CollectingDispatcher,
    lang: str,
    text: str,
    buttons: list[dict[str, str]] | None = None,
) -> None:
    """Send text; `custom` carries language and direction so channels render RTL right."""
    dispatcher.utter_message(
        text=text,
        buttons=buttons or [],
        json_message={"lang": lang, "dir": direction(lang)},
    )


def say(
    dispatcher: CollectingDispatcher,
    lang: str,
    key: str,
    buttons: list[dict[str, str]] | None = None,
    **params: Any,  # noqa: ANN401
) -> None:
    send(dispatcher, lang, catalogue.text(lang, key, **params), buttons)


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None


def is_button_payload(text: str) -> bool:
    return text.startswith("/")
