"""A stored profile described in the person's language (summary and "show my data")."""

import json
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date

from bot.actions.profile_view import describe_profile
from dialogues import catalogue
from dialogues.interview import load_interview

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "profiles" / "ahmad.json"


@pytest.fixture
def snapshot():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def lines_by_field(snapshot, lang):
    """{profile field: shown value}, checking each line starts with the field's label."""
    names = load_interview().profile_fields()
    lines = describe_profile(snapshot, lang)
    assert len(lines) == len(names)
    shown = {}
    for name, line in zip(names, lines, strict=True):
        prefix = f"• {catalogue.text(lang, f'field.{name}')}: "
        assert line.startswith(prefix), (name, line)
        shown[name] = line[len(prefix):]
    return shown


def test_fixture_has_the_shape_of_a_repository_snapshot(snapshot):
    assert set(snapshot) == {"person", "channels", "consents", "fields"}
    row_keys = {"field", "item_index", "original_text", "original_language", "value", "status",
                "attempts", "created_at", "updated_at", "verified_at"}
    slots = set(load_interview().slots)
    for row in snapshot["fields"]:
        assert set(row) == row_keys
        assert row["field"] in slots


def test_german(snapshot):
    shown = lines_by_field(snapshot, "de")
    jobs = shown.pop("work_experience")
    assert jobs.startswith("Tischler, 5 Jahr(e), Syrien; Koch, ")
    assert jobs.endswith(" Jahr(e), Türkei")
    assert shown == {
        "given_names": "Ahmad",
        "family_name": "Al-Khatib",
        "date_of_birth": "23. April 1990",
        "country_of_origin": "Syrien",
        "municipality": "Halle (Saale)",
        "contact": "(übersprungen - Ihre Ansprechperson fragt Sie)",
        "languages_spoken": "Arabisch (Meine Muttersprache); "
                            "Deutsch (A1)",
        "school_education": "Allgemeines Sekundarschulzeugnis, Baccalaureate (12 Jahre), Syrien, "
                            "12 Jahr(e) · ≈ Allgemeine Hochschulreife (Abitur, Zugang zu allen "
                            "Hochschulen, nach 12 oder 13 Jahren)",
        "higher_education": "(keine)",
        "vocational_training": "(noch nicht beantwortet)",
        "german_level": "Ich verstehe einfache deutsche Sätze (A2)",
        "goals": "Als Tischler arbeiten und den B1-Kurs machen",
        "availability": "(noch nicht beantwortet)",
    }


def test_fractional_years_use_the_german_decimal_comma(snapshot):
    # job_years of Koch is 2.5; German writes "2,5 Jahre", never "2.5".
    jobs = lines_by_field(snapshot, "de")["work_experience"]
    assert jobs == "Tischler, 5 Jahr(e), Syrien; Koch, 2,5 Jahr(e), Türkei"


def test_arabic(snapshot):
    shown = lines_by_field(snapshot, "ar")
    assert shown["given_names"] == "Ahmad"  # answers are shown as written
    assert shown["date_of_birth"] == format_date(date(1990, 4, 23), format="long", locale="ar")
    assert "أبريل" in shown["date_of_birth"]
    assert shown["country_of_origin"] == "سوريا"
    assert shown["school_education"].startswith("الشهادة الثانوية العامة (12 سنة)، سوريا، ")
    assert shown["higher_education"] == catalogue.text("ar", "value.none")
    assert shown["languages_spoken"] == "العربية (اللغة الأم); الألمانية (A1)"
    assert shown["work_experience"].startswith("Tischler، عدد السنوات: 5، سوريا")
    assert "Koch" in shown["work_experience"] and "تركيا" in shown["work_experience"]
    assert shown["german_level"] == "أفهم جملاً ألمانية بسيطة (A2)"
    assert shown["contact"] == catalogue.text("ar", "value.skipped")
    assert shown["vocational_training"] == catalogue.text("ar", "value.empty")
    assert shown["availability"] == catalogue.text("ar", "value.empty")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_date_is_formatted_by_babel(snapshot, lang):
    shown = lines_by_field(snapshot, lang)
    assert shown["date_of_birth"] == format_date(date(1990, 4, 23), format="long", locale=lang)
    assert "1990-04-23" not in shown["date_of_birth"]


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_skipped_and_missing_fields(snapshot, lang):
    shown = lines_by_field(snapshot, lang)
    assert shown["contact"] == catalogue.text(lang, "value.skipped")
    assert shown["vocational_training"] == catalogue.text(lang, "value.empty")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_empty_profile(snapshot, lang):
    shown = lines_by_field({**snapshot, "fields": []}, lang)
    assert set(shown.values()) == {catalogue.text(lang, "value.empty")}


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_never_worked(snapshot, lang):
    rows = [r for r in snapshot["fields"] if r["field"] not in {"job_title", "job_years",
                                                                  "job_country"}]
    template = next(r for r in snapshot["fields"] if r["field"] == "goals")
    rows.append({**template, "field": "job_title", "item_index": 0,
                 "original_text": "keine", "value": {"none": True}, "status": "given"})
    shown = lines_by_field({**snapshot, "fields": rows}, lang)
    assert shown["work_experience"] == catalogue.text(lang, "value.none")


def test_skipped_years_show_a_question_mark(snapshot):
    rows = [({**r, "status": "skipped", "value": None}
             if (r["field"], r["item_index"]) == ("job_years", 0) else r)
            for r in snapshot["fields"]]
    shown = lines_by_field({**snapshot, "fields": rows}, "de")
    assert shown["work_experience"].startswith("Tischler, ? Jahr(e), Syrien; ")
