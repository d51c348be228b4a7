"""Stored profile values described in German for caseworkers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from babel import Locale

from dialogues import catalogue, languages
from dialogues.interview import load_interview
from dialogues.values import display_value

try:
    from zoneinfo import ZoneInfo

    LOCAL_ZONE: Any = ZoneInfo("Europe/Berlin")
except Exception:  # noqa: BLE001 - no tz database installed: show UTC rather than fail
    LOCAL_ZONE = timezone.utc

FIELD_STATUS = {"given": "angegeben", "skipped": "übersprungen", "verified": "geprüft"}
PERSON_STATUS = {"in_progress": "In Bearbeitung", "complete": "Abgeschlossen"}
# Labels of the questions inside a group; the catalogue only names the group as a whole.
SLOT_LABELS = {
    "spoken_language": "Sprache",
    "spoken_language_level": "Niveau",
    "more_languages": "Weitere Sprachen",
    "job_title": "Tätigkeit",
    "job_years": "Dauer",
    "job_country": "Land",
    "more_jobs": "Weitere Tätigkeiten",
}
EMPTY = "–"


def _de() -> Locale:
    return Locale.parse("de")


def field_label(name: str) -> str:
    return catalogue.text("de", f"field.{name}")


def language_label(code: str | None) -> str:
    if not code:
        return EMPTY
    if languages.is_supported(code):
        return languages.native_name(code)
    return _de().languages.get(code, code)


def country_label(value: Any) -> str:  # noqa: ANN401 - a stored JSON value
    if isinstance(value, dict) and value.get("code"):
        return value.get("name_de") or _de().territories.get(value["code"], value["code"])
    return EMPTY


def timestamp(iso: str | datetime | None) -> str:
    """A stored UTC time as local German date and time."""
    if not iso:
        return EMPTY
    moment = iso if isinstance(iso, datetime) else datetime.fromisoformat(iso.rstrip("Z"))
    moment = moment.replace(tzinfo=timezone.utc).astimezone(LOCAL_ZONE)
    return moment.strftime("%d.%m.%Y %H:%M")


def value_de(slot: str, row: dict[str, Any]) -> str:
    """The normalised value of one stored answer in German."""
    if row["status"] == "skipped":
        return EMPTY
    value = row["value"]
    if value is None:
        return EMPTY
    if isinstance(value, dict) and value.get("none"):
        return "keine"
    try:
        return _by_kind(slot, value)
    except (KeyError, TypeError, ValueError, AttributeError):
        # An unexpected shape (older data, another writer) is shown, not a crash.
        return json.dumps(value, ensure_ascii=False)


def _by_kind(slot: str, value: Any) -> str:  # noqa: ANN401 - a stored JSON value
    try:
        field = load_interview().field(slot)
    except KeyError:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = display_value(slot, value, "de", date_format="medium")
    if field.kind == "contact":
        kind_label = {"email": "E-Mail", "phone": "Telefon"}.get(value.get("type"))
        return f"{text} ({kind_label})" if kind_label else text
    return text


def _translation(row: dict[str, Any]) -> dict[str, Any] | None:
    """The German machine translation of an answer, with the label it must always carry."""
    translation = row.get("machine_translation")
    if not translation:
        return None
    model = translation.get("model") or "unbekanntes Modell"
    version = translation.get("model_version")
    return {
        "text": translation["text"],
        "label": "Maschinell übersetzt, nicht geprüft",
        "model": f"{model} (Version {version})" if version else model,
        "when": timestamp(translation.get("translated_at")),
    }


def _entry(slot: str, row: dict[str, Any], label: str | None) -> dict[str, Any]:
    code = row.get("original_language")
    return {
        "label": label,
        "original": row.get("original_text"),
        "language": code or "",
        "direction": languages.direction(code) if code else "ltr",
        "value": value_de(slot, row),
        "translation": _translation(row),
        # structured answers are shown normalised in German; only free text needs translating
        "translatable": load_interview().field(slot).kind == "free_text",
        "status": row["status"],
        "status_label": FIELD_STATUS.get(row["status"], row["status"]),
        "attempts": row.get("attempts"),
        "updated": timestamp(row.get("updated_at")),
    }


def profile_sections(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """One section per profile field in interview order; a group lists each item's answers."""
    interview = load_interview()
    rows = {(f["field"], f["item_index"]): f for f in snapshot["fields"]}
    sections = []
    for name in interview.profile_fields():
        entries = []
        if name in interview.groups:
            slots = interview.slots_of(name)
            indexes = sorted({i for (slot, i) in rows if slot in slots})
            for number, index in enumerate(indexes, start=1):
                for slot in slots:
                    row = rows.get((slot, index))
                    if row is not None:
                        label = f"{number}. {SLOT_LABELS.get(slot, slot)}"
                        entries.append(_entry(slot, row, label))
        elif (name, 0) in rows:
            entries.append(_entry(name, rows[(name, 0)], None))
        sections.append({"name": name, "label": field_label(name), "entries": entries})
    return sections


def completeness(stored_fields: set[str]) -> int:
    """Percentage of profile fields with a stored answer (given or skipped)."""
    interview = load_interview()
    names = interview.profile_fields()
    covered = {f.group or f.slot for f in interview.fields if f.slot in stored_fields}
    return round(100 * len(covered & set(names)) / len(names)) if names else 0
