"""A stored profile described in the person's language (summary, "show my data")."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

from classifications.cefr import LEVELS as CEFR_LEVELS
from dialogues import catalogue
from dialogues.interview import load_interview
from dialogues.languages import direction
from dialogues.values import display_value
from nlu.folding import fold


def _display(slot: str, row: dict[str, Any], lang: str) -> str:
    if row["status"] == "skipped":
        return catalogue.text(lang, "value.skipped")
    value = row["value"]
    if isinstance(value, dict) and value.get("none"):
        return catalogue.text(lang, "value.none")
    return display_value(slot, value, lang)


def describe_profile(snapshot: dict[str, Any], lang: str) -> list[str]:
    """One line per profile field, groups as one line with their items."""
    interview = load_interview()
    rows: dict[tuple[str, int], dict[str, Any]] = {
        (f["field"], f["item_index"]): f for f in snapshot["fields"]
    }
    lines = []
    for name in interview.profile_fields():
        label = catalogue.text(lang, f"field.{name}")
        if name in interview.groups:
            items = _group_items(name, rows, lang)
            text = "; ".join(items) if items else catalogue.text(lang, "value.empty")
        else:
            row = rows.get((name, 0))
            text = _display(name, row, lang) if row else catalogue.text(lang, "value.empty")
        lines.append(f"• {label}: {text}")
    return lines


def _group_items(group: str, rows: dict[tuple[str, int], dict[str, Any]], lang: str) -> list[str]:
    indexes = sorted({i for (field, i) in rows if field in load_interview().slots_of(group)})
    items = []
    for index in indexes:
        if group == "school_education":
            parts = [_display(slot, rows[(slot, index)], lang)
                     for slot in ("school_type", "school_country", "school_years")
                     if (slot, index) in rows]
            if parts:
                items.append(("، " if direction(lang) == "rtl" else ", ").join(parts))
        elif group == "languages_spoken":
            name = rows.get(("spoken_language", index))
            level = rows.get(("spoken_language_level", index))
            if name:
                text = _display("spoken_language", name, lang)
                if level:
                    # The CEFR code is enough beside a language name; "native" reads in words.
                    code = level["value"] if level["status"] != "skipped" else None
                    shown = code if code in CEFR_LEVELS \
                        else _display("spoken_language_level", level, lang)
                    text += f" ({shown})"
                items.append(text)
        else:
            job = rows.get(("job_title", index))
            if not job:
                continue
            job_text = _display("job_title", job, lang)
            if isinstance(job["value"], dict) and job["value"].get("none"):
                items.append(job_text)
                continue
            occupation = rows.get(("job_occupation", index))
            if occupation and occupation["status"] != "skipped" \
                    and not (occupation["value"] or {}).get("none"):
                title = _display("job_occupation", occupation, lang)
                if fold(job_text) not in fold(title):  # not "Koch (Koch/Köchin)"
                    job_text += f" ({title})"
            years = rows.get(("job_years", index))
            country = rows.get(("job_country", index))
            items.append(catalogue.text(
                lang, "job.entry", job=job_text,
                years=format_decimal(years["value"], locale=lang)
                if years and years["status"] != "skipped" else "?",
                country=_display("job_country", country, lang) if country else "?",
            ))
    return items
