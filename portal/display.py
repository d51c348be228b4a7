"""Stored profile values described in German for caseworkers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from babel import Locale

from classifications import cefr, schooling
from classifications.municipalities import label_de
from dialogues import catalogue, languages
from dialogues.completeness import Completeness, split_name, verified
from dialogues.free_text_de import DERIVED_NOTE, describe_de
from dialogues.interview import load_interview
from dialogues.values import display_value

try:
    from zoneinfo import ZoneInfo

    LOCAL_ZONE: Any = ZoneInfo("Europe/Berlin")
except Exception:  # noqa: BLE001 - no tz database installed: show UTC rather than fail
    LOCAL_ZONE = timezone.utc

FIELD_STATUS = {"given": "angegeben", "skipped": "übersprungen", "verified": "geprüft"}
PERSON_STATUS = {"in_progress": "In Bearbeitung", "complete": "Abgeschlossen"}
DOCUMENT_KINDS = {"application/pdf": "PDF", "image/jpeg": "Foto (JPEG)", "image/png": "Bild (PNG)"}
CHANNELS = {"web": "Web-Chat", "telegram": "Telegram", "rest": "Schnittstelle"}
# Labels of the questions inside a group; the catalogue only names the group as a whole.
SLOT_LABELS = {
    "spoken_language": "Sprache",
    "spoken_language_level": "Niveau",
    "more_languages": "Weitere Sprachen",
    "school_country": "Land",
    "school_type": "Schulart",
    "school_years": "Schuljahre",
    "job_title": "Tätigkeit",
    "job_occupation": "Beruf (Klassifikation)",
    "job_years": "Dauer",
    "job_country": "Land",
    "more_jobs": "Weitere Tätigkeiten",
}
# Used when the catalogue has no field.<name> yet: a new question shows a label, not a crash.
FALLBACK_LABELS = {
    "school_education": "Schulbildung",
    "school_country": "Land der Schule",
    "school_type": "Schulart",
    "school_years": "Schuljahre",
    "higher_education": "Abschluss nach der Schule",
    "job_occupation": "Beruf (Klassifikation)",
}
EMPTY = "–"
# CEFR levels with what they mean in practice (Gemeinsamer europäischer Referenzrahmen).
CEFR_DE = {
    "native": "Muttersprache",
    "C2": "C2 (nahezu wie Muttersprache)",
    "C1": "C1 (sehr gut, auch im Beruf)",
    "B2": "B2 (gut, auch bei der Arbeit)",
    "B1": "B1 (Gespräche im Alltag)",
    "A2": "A2 (einfache Sätze)",
    "A1": "A1 (erste Wörter und Sätze)",
    "none": "keine Deutschkenntnisse",
    # levels stored before the CEFR scale was asked
    "fluent": "sehr gut (ohne GER-Stufe)",
    "good": "gut (ohne GER-Stufe)",
    "basic": "ein wenig (ohne GER-Stufe)",
}
NO_OCCUPATION = "keine passende Berufsbezeichnung gewählt – bitte prüfen"


def _de() -> Locale:
    return Locale.parse("de")


def field_label(name: str) -> str:
    key = f"field.{name}"
    if key in _catalogue_keys():
        return catalogue.text("de", key)
    return FALLBACK_LABELS.get(name) or SLOT_LABELS.get(name) or name


@lru_cache(maxsize=1)
def _catalogue_keys() -> frozenset[str]:
    return frozenset(catalogue.keys("de"))


def point_label(name: str) -> str:
    """German label of a `missing` / `to_check` name such as "job_years#1" (second job)."""
    slot, index = split_name(name)
    interview = load_interview()
    try:
        group = interview.field(slot).group
    except KeyError:
        return field_label(slot)
    if group is None:
        return field_label(slot)
    label = field_label(group)
    if _repeats(group):
        label = f"{label} {index + 1}"
    return f"{label} – {SLOT_LABELS.get(slot, field_label(slot))}"


def _repeats(group: str) -> bool:
    return any(f.repeat for f in load_interview().fields if f.group == group)


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


def document_kind(media_type: str) -> str:
    return DOCUMENT_KINDS.get(media_type, media_type)


def channel_label(channel: str) -> str:
    return CHANNELS.get(channel, channel)


def file_size(size: int) -> str:
    """German number format: 1,2 MB, 340 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


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
    try:
        if slot in LEVEL_SLOTS:
            return level_de(value, confirmed=verified(row))
        derived = describe_de(slot, value)
        if derived:
            return derived
        special = SPECIAL.get(slot)
        if special is not None:
            return special(value)
        if isinstance(value, dict) and value.get("none"):
            return "keine"
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


def _occupation(value: dict[str, Any]) -> str:
    if value.get("none"):
        return NO_OCCUPATION
    codes = [f"KldB {value['kldb']}"]
    if value.get("isco"):
        codes.append(f"ISCO {value['isco']}")
    if value.get("esco_title_de"):
        codes.append(f"ESCO: {value['esco_title_de']}")
    return f"{value.get('job_title_de') or value['title_de']} ({' · '.join(codes)})"


def _school_type(value: dict[str, Any]) -> str:
    if value.get("none"):
        return "keine Schule besucht"
    country = value.get("country")
    where = f" ({country_label({'code': country})})" if country else ""
    if value.get("id") == schooling.OTHER:
        return f"andere Schulart (nicht in der Auswahl){where} – bitte prüfen"
    return f"{value.get('name_de') or value['id']}{where}"


def _school_years(value: dict[str, Any]) -> str:
    years = value["years"]  # present, None when another school's years were not given
    parts = ["Dauer nicht angegeben" if years is None
             else f"{years} {'Jahr' if years == 1 else 'Jahre'}"]
    equivalent = value.get("german_equivalent")
    if value.get("isced") is None and not equivalent:
        # "another school": no table to derive level and equivalent from
        return f"{parts[0]} · keine Einstufung möglich – bitte prüfen"
    if value.get("completed") is not None:
        parts[0] += " (abgeschlossen)" if value["completed"] else " (nicht abgeschlossen)"
    if value.get("isced") is not None:
        parts.append(f"ISCED {value['isced']}")
    if equivalent:
        parts.append(f"vergleichbar: {schooling.german_equivalent_label(equivalent)}")
    return " · ".join(parts)


def _higher_education(value: dict[str, Any]) -> str:
    if value.get("none") or value.get("id") == "none":
        return "keine Berufsausbildung und kein Studium"
    name = value.get("name_de") or value["id"]
    return f"{name} (ISCED {value['isced']})" if value.get("isced") is not None else name


def _municipality(value: Any) -> str:  # noqa: ANN401 - a stored JSON value
    """"Leipzig (kreisfreie Stadt, Sachsen) · 14713000"; the words typed are shown beside it."""
    if not isinstance(value, dict):
        return str(value)  # stored before places were normalised
    if not value.get("ags"):
        return "nicht im Gemeindeverzeichnis gefunden – bitte prüfen"
    label = label_de(value["name_de"], value["district"], value["state"], value["ags"])
    if value.get("near"):
        return f"in der Nähe von {label} – bitte prüfen"
    if value.get("status") == "confirmed":
        return f"{label} – aus der Schreibweise erkannt, von der Person bestätigt"
    if value.get("status") != "found":
        return f"{label} – unsicher zugeordnet, bitte prüfen"
    return label


def municipality_short(value: Any) -> str:  # noqa: ANN401 - a stored JSON value
    """The German name alone, for the list of profiles."""
    if isinstance(value, dict):
        return value.get("name_de") or "unbekannt"
    return str(value) if value else EMPTY


def level_de(value: Any, confirmed: bool = False) -> str:  # noqa: ANN401 - a stored JSON value
    """A stored level in German; a level guessed from the person's words reads "ca. B1 – bitte
    prüfen" until a caseworker has verified it (`confirmed`), then as a plain level."""
    if not isinstance(value, dict):
        return CEFR_DE.get(value, str(value))
    level = cefr.level_of(value)
    if level is None:
        return json.dumps(value, ensure_ascii=False)
    if cefr.is_approximate(value) and not confirmed:
        return f"ca. {level} – bitte prüfen"
    return CEFR_DE[level]


# Values whose German form is richer than the chat's: codes of the classifications, notes.
SPECIAL = {
    "job_occupation": _occupation,
    "school_type": _school_type,
    "school_years": _school_years,
    "higher_education": _higher_education,
    "spoken_language_level": level_de,
    "german_level": level_de,
    "municipality": _municipality,
}
LEVEL_SLOTS = frozenset({"spoken_language_level", "german_level"})
# Shown under the value: comparability is no recognition.
NOTES = {"school_years": schooling.RECOGNITION_NOTE_DE}


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


def _note(slot: str, row: dict[str, Any]) -> str | None:
    if row["status"] == "skipped" or not row["value"]:
        return None
    if describe_de(slot, row["value"]):
        return DERIVED_NOTE  # read from free text by keyword tables and the occupation search
    return NOTES.get(slot)


def _entry(slot: str, row: dict[str, Any], label: str | None) -> dict[str, Any]:
    code = row.get("original_language")
    return {
        "label": label,
        "original": row.get("original_text"),
        "language": code or "",
        "direction": languages.direction(code) if code else "ltr",
        "value": value_de(slot, row),
        "note": _note(slot, row),
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
            numbered = _repeats(name)
            for number, index in enumerate(indexes, start=1):
                for slot in slots:
                    row = rows.get((slot, index))
                    if row is not None:
                        label = SLOT_LABELS.get(slot, slot)
                        label = f"{number}. {label}" if numbered else label
                        entries.append(_entry(slot, row, label))
        elif (name, 0) in rows:
            entries.append(_entry(name, rows[(name, 0)], None))
        sections.append({"name": name, "label": field_label(name), "entries": entries})
    return sections


def _check_reason(row: dict[str, Any] | None) -> str:
    """Why an answer is on the "Zu prüfen" list."""
    if row is None:
        return ""
    if row["status"] == "skipped":
        return "übersprungen nach Fehlversuchen" if (row.get("attempts") or 0) > 1 \
            else "übersprungen"
    value = row.get("value")
    if row["field"] in LEVEL_SLOTS and cefr.is_approximate(value):
        words = str(value.get("words") or "").strip()
        said = f": „{words}“" if words else ""
        return f"Niveau aus einer Beschreibung in eigenen Worten geschätzt{said}"
    if isinstance(value, dict) and value.get("check"):
        from bot.normalisers.result import CHECK_REASONS_DE

        return CHECK_REASONS_DE.get(value["check"], "bitte prüfen")
    if row["field"] == "job_occupation" and isinstance(value, dict) and value.get("none"):
        return "keine der vorgeschlagenen Berufsbezeichnungen gewählt"
    if row["field"] == "school_type" and isinstance(value, dict) and value.get("id") == "other":
        return "Schulart nicht in der Auswahl"
    if row["field"] == "municipality" and isinstance(value, dict):
        if not value.get("ags"):
            return "Wohnort nicht im Gemeindeverzeichnis gefunden"
        if value.get("near"):
            return "nur „in der Nähe von“ angegeben – Wohngemeinde erfragen"
        return "Gemeinde unsicher zugeordnet (Schreibweise, Umschrift oder mehrdeutiger Name)"
    return "Sprache der Antwort unsicher erkannt – Übersetzung prüfen"


def open_points(snapshot: dict[str, Any], result: Completeness) -> dict[str, Any]:
    """The completeness box of the detail page: score, missing fields, answers to check."""
    rows = {(f["field"], f["item_index"]): f for f in snapshot["fields"]}
    return {
        "score": result.score,
        "missing": [point_label(name) for name in result.missing],
        "to_check": [{"label": point_label(name), "reason": _check_reason(rows.get(split_name(name)))}
                     for name in result.to_check],
    }
