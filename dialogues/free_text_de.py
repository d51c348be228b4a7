"""German wording of the values read from free-text answers (bot/normalisers/free_text_structure.py).

One place for the labels the portal and the CV show beside the person's own words. The values are
derived automatically, so every line is shown with DERIVED_NOTE.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

DERIVED_NOTE = "automatisch erkannt, bitte prüfen"
IMMEDIATELY = "Verfügbar ab sofort"
AVAILABLE_FROM = "Verfügbar ab {date}"
HOURS = "ca. {hours} Std./Woche"
WORKLOAD = {"full_time": "Vollzeit", "part_time": "Teilzeit"}
CONSTRAINTS_LABEL = "Einschränkung: {items}"
CONSTRAINTS = {
    "childcare": "Kinderbetreuung",
    "mornings_only": "nur vormittags",
    "afternoons_only": "nur nachmittags/abends",
    "mornings": "vormittags erwähnt",
    "afternoons": "nachmittags/abends erwähnt",
    "language_course": "laufender Sprachkurs",
    "health": "gesundheitliche Gründe",
    "waiting_permit": "wartet auf Erlaubnis/Termin",
    "no_night_shifts": "keine Nachtschichten",
}
OCCUPATION = "Berufswunsch {title} (KldB {kldb})"
WISHES = {
    "language_course": "Deutschkurs",
    "vocational_training": "Ausbildung",
    "study": "Studium",
    "recognition": "Anerkennung des Abschlusses",
    "own_business": "Selbstständigkeit",
    "any_job": "jede Arbeit",
}
TRAINING_KINDS = {
    "formal": "Berufsausbildung (formal)",
    "course": "Kurs/Zertifikat",
    "on_the_job": "im Beruf angelernt",
    "none": "keine Berufsausbildung",
}
FIELD_OCCUPATION = "Fachrichtung: {title} (KldB {kldb})"
FIELD_ISCED = "Fachrichtung: {name} (ISCED-F {code})"
# ISCED-F 2013 broad fields in German (UNESCO, Statistisches Bundesamt).
ISCED_FIELDS = {
    "00": "Allgemeine Bildungsgänge",
    "01": "Pädagogik",
    "02": "Geisteswissenschaften und Künste",
    "03": "Sozialwissenschaften, Journalismus und Informationswesen",
    "04": "Wirtschaft, Verwaltung und Recht",
    "05": "Naturwissenschaften, Mathematik und Statistik",
    "06": "Informations- und Kommunikationstechnologie",
    "07": "Ingenieurwesen, verarbeitendes Gewerbe und Baugewerbe",
    "08": "Landwirtschaft, Forstwirtschaft, Fischerei und Tiermedizin",
    "09": "Gesundheit und Sozialwesen",
    "10": "Dienstleistungen",
}
SEPARATOR = " · "


def answer_text(value: Any) -> Any:  # noqa: ANN401 - a stored JSON value
    """The words of a free-text value, stored plain (older answers) or with its structure."""
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value["text"]
    return value


def structure(value: Any) -> dict[str, Any] | None:  # noqa: ANN401 - a stored JSON value
    if isinstance(value, dict) and isinstance(value.get("structured"), dict):
        return value["structured"]
    return None


def _availability(s: dict[str, Any]) -> list[str]:
    parts = []
    start = s.get("start_date")
    if s.get("immediately"):
        parts.append(IMMEDIATELY)
    elif isinstance(start, str):
        day = date.fromisoformat(start)
        parts.append(AVAILABLE_FROM.format(date=format_date(day, "d. MMMM y", locale="de")))
    hours, workload = s.get("hours_per_week"), WORKLOAD.get(s.get("workload") or "")
    if isinstance(hours, int):
        parts.append(HOURS.format(hours=hours) + (f" ({workload})" if workload else ""))
    elif workload:
        parts.append(workload)
    items = [CONSTRAINTS[c] for c in s.get("constraints") or [] if c in CONSTRAINTS]
    if items:
        parts.append(CONSTRAINTS_LABEL.format(items=", ".join(items)))
    return parts


def _goals(s: dict[str, Any]) -> list[str]:
    parts = [OCCUPATION.format(title=o["title_de"], kldb=o["kldb"])
             for o in s.get("occupations") or [] if isinstance(o, dict) and o.get("kldb")]
    parts += [WISHES[w] for w in s.get("wishes") or [] if w in WISHES]
    return parts


def _training(s: dict[str, Any]) -> list[str]:
    parts = []
    kind = TRAINING_KINDS.get(s.get("kind") or "")
    if kind:
        parts.append(kind)
    occupation = s.get("occupation")
    field = s.get("isced_field")
    if isinstance(occupation, dict) and occupation.get("kldb"):
        parts.append(FIELD_OCCUPATION.format(title=occupation["title_de"], kldb=occupation["kldb"]))
    elif field in ISCED_FIELDS:
        parts.append(FIELD_ISCED.format(name=ISCED_FIELDS[field], code=field))
    return parts


_DESCRIBE = {"availability": _availability, "goals": _goals, "vocational_training": _training}


def describe_de(slot: str, value: Any) -> str | None:  # noqa: ANN401 - a stored JSON value
    """The German line for what was read from a free-text answer; None when nothing was (or the
    stored value is older, plain text, or of an unexpected shape)."""
    s = structure(value)
    describe = _DESCRIBE.get(slot)
    if s is None or describe is None:
        return None
    try:
        parts = describe(s)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a hand-edited or foreign value: the words are shown instead
    return SEPARATOR.join(parts) or None
