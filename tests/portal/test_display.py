"""Why an answer is on the caseworker's "Zu prüfen" list (portal/display.py)."""

from __future__ import annotations

from portal.display import _check_reason


def _row(field: str, value: object, status: str = "given") -> dict:
    return {"field": field, "value": value, "status": status, "attempts": 1}


def test_a_value_derived_from_words_says_how():
    row = _row("higher_education", {"none": True, "check": "unfinished_degree"})
    assert _check_reason(row) == "Studium oder Ausbildung nach eigener Angabe nicht abgeschlossen"
    assert _check_reason(_row("school_years", {"years": 12, "check": "approximate"})) \
        == "ungefähre Angabe"
    assert _check_reason(_row("school_type", {"id": "x", "check": "something new"})) == "bitte prüfen"


def test_other_reasons_are_unchanged():
    assert _check_reason(_row("contact", None, "skipped")) == "übersprungen"
    assert _check_reason(_row("municipality", {"typed": "Atlantis", "status": "unknown"})) \
        == "Wohnort nicht im Gemeindeverzeichnis gefunden"
    assert _check_reason(_row("goals", "x")).startswith("Sprache der Antwort unsicher")
