"""Every reader of a language level handles a level guessed from the person's words
({"level": "B1", "check": "approximate", "words": ...}, bot/normalisers/levels.py): the chat's
summary and "show my data", completeness, the portal's German display, the CV (PDF and JSON
Resume). Verifying the answer clears the marker."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.actions.profile_view import describe_profile
from classifications import cefr
from dialogues import catalogue
from dialogues.completeness import assess, value_fields
from dialogues.languages import CODES
from dialogues.values import display_value
from documents import json_resume
from documents.cv import build_cv
from portal import display
from tests.documents.conftest import load_profile
from tests.documents.test_json_resume import validate

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
# What people wrote (our own test data): Arabic "a little" for English, "good" for German.
ENGLISH_A_LITTLE = {"level": "A1", "check": "approximate", "words": "شوية"}
GERMAN_GOOD = {"level": "B1", "check": "approximate", "words": "منيح"}
ABOUT = {"en": "about B1", "de": "ungefähr B1", "ar": "B1 تقريباً", "fa": "حدود B1",
         "uk": "приблизно B1", "ru": "примерно B1", "tr": "yaklaşık B1"}


def approximate_snapshot(name: str = "cv_syrian") -> dict:
    """A profile whose German level and second language's level were said in words."""
    snapshot = copy.deepcopy(load_profile(name))
    for row in snapshot["fields"]:
        if row["field"] == "german_level":
            row["value"], row["original_text"] = dict(GERMAN_GOOD), "منيح"
        if row["field"] == "spoken_language_level" and row["item_index"] == 1:
            row["value"], row["original_text"] = dict(ENGLISH_A_LITTLE), "شوية"
    return snapshot


def row_of(snapshot: dict, field: str, index: int = 0) -> dict:
    return next(r for r in snapshot["fields"] if r["field"] == field and r["item_index"] == index)


def verify(row: dict) -> None:
    """What a caseworker's verification leaves on a row (storage/models.py)."""
    row["verified_at"] = "2026-12-01T10:00:00Z"


# --- classifications/cefr.py ------------------------------------------------------------------
def test_level_of_reads_both_shapes():
    assert cefr.level_of("B2") == "B2" and cefr.level_of("native") == "native"
    assert cefr.level_of(GERMAN_GOOD) == "B1"
    for odd in (None, "expert", {"level": "Z9"}, {"none": True}, ["B1"], 3):
        assert cefr.level_of(odd) is None, odd
    assert cefr.is_approximate(GERMAN_GOOD)
    assert not cefr.is_approximate("B1") and not cefr.is_approximate({"level": "B1"})
    assert not cefr.is_approximate({"level": "Z9", "check": "approximate"})


@pytest.mark.parametrize("lang", CODES)
def test_approximate_level_in_every_language(lang):
    assert cefr.describe_approximate("B1", lang) == ABOUT[lang]
    with pytest.raises(ValueError):
        cefr.describe_approximate("native", lang)


# --- the chat: summary and "show my data" ------------------------------------------------------
@pytest.mark.parametrize("lang", CODES)
def test_display_value_says_approximately_in_the_persons_language(lang):
    assert display_value("german_level", GERMAN_GOOD, lang) == ABOUT[lang]
    assert display_value("spoken_language_level", GERMAN_GOOD, lang) == ABOUT[lang]
    # a plain level still reads as its button
    assert display_value("german_level", "B1", lang) == catalogue.text(lang, "german.B1")


@pytest.mark.parametrize("lang", CODES)
def test_summary_shows_guessed_levels_as_approximate(lang):
    lines = describe_profile(approximate_snapshot(), lang)
    german = next(line for line in lines
                  if line.startswith(f"• {catalogue.text(lang, 'field.german_level')}:"))
    assert german.endswith(ABOUT[lang])
    languages = next(line for line in lines
                     if line.startswith(f"• {catalogue.text(lang, 'field.languages_spoken')}:"))
    assert f"({cefr.describe_approximate('A1', lang)})" in languages
    assert "{" not in "".join(lines)  # no stored JSON shown to the person


# --- completeness -------------------------------------------------------------------------------
def test_an_approximate_level_is_to_check_until_verified():
    snapshot = approximate_snapshot()
    before = assess(snapshot)
    assert {"german_level", "spoken_language_level#1"} <= set(before.to_check)
    verify(row_of(snapshot, "german_level"))
    row_of(snapshot, "spoken_language_level", 1)["status"] = "verified"
    after = assess(snapshot)
    assert "german_level" not in after.to_check
    assert "spoken_language_level#1" not in after.to_check
    assert after.score == before.score  # still answered


def test_the_portal_list_decrypts_the_levels():
    # the list counts open points from the values it decrypts (portal/queries.py)
    assert {"german_level", "spoken_language_level"} <= value_fields()


# --- the portal (German) ------------------------------------------------------------------------
def test_portal_shows_ca_level_and_why_to_check():
    snapshot = approximate_snapshot()
    german = row_of(snapshot, "german_level")
    assert display.value_de("german_level", german) == "ca. B1 – bitte prüfen"
    assert display.value_de("spoken_language_level", row_of(snapshot, "spoken_language_level", 1)) \
        == "ca. A1 – bitte prüfen"
    points = display.open_points(snapshot, assess(snapshot))
    german_reason = next(p["reason"] for p in points["to_check"]
                         if p["label"] == display.point_label("german_level"))
    assert german_reason == "Niveau aus einer Beschreibung in eigenen Worten geschätzt: „منيح“"
    verify(german)
    assert display.value_de("german_level", german) == display.CEFR_DE["B1"]


def test_portal_still_shows_plain_and_older_levels():
    row = {"field": "german_level", "status": "given", "value": "A2"}
    assert display.value_de("german_level", row) == "A2 (einfache Sätze)"
    assert display.value_de("german_level", {**row, "value": "good"}) == "gut (ohne GER-Stufe)"
    odd = {**row, "value": {"level": "Z9"}}
    assert display.value_de("german_level", odd) == json.dumps({"level": "Z9"})


# --- the CV --------------------------------------------------------------------------------------
def test_cv_marks_guessed_levels_with_ca():
    cv = build_cv(approximate_snapshot())
    levels = {language.name: (language.level, language.approximate) for language in cv.languages}
    assert levels["Deutsch"] == ("ca. B1 – Fortgeschrittene Sprachverwendung", True)
    assert levels["Englisch"] == ("ca. A1 – Anfänger", True)
    assert levels["Arabisch"] == ("Muttersprache", False)
    assert cv.german_level == "B1" and cv.german_level_approximate
    # still sorted by level: the guess counts as its level
    assert [language.name for language in cv.languages] == ["Arabisch", "Deutsch", "Englisch"]


def test_cv_anonymised_keeps_the_marker():
    cv = build_cv(approximate_snapshot(), anonymised=True)
    assert any(language.level == "ca. A1 – Anfänger" for language in cv.languages)


def test_json_resume_carries_the_level_code_and_the_marker():
    resume = json_resume.build(approximate_snapshot())
    validate(resume)  # still valid against the strict official schema
    languages = {item["language"]: item for item in resume["languages"]}
    assert languages["Deutsch"]["fluency"] == "ca. B1 – Fortgeschrittene Sprachverwendung"
    assert languages["Deutsch"]["x-lotse"]["cefr"] == "B1"
    assert languages["Deutsch"]["x-lotse"]["approximate"] is True
    assert "approximate" not in languages["Arabisch"]["x-lotse"]
    meta = resume["meta"]["x-lotse"]
    assert meta["germanLevel"] == "B1" and meta["germanLevelApproximate"] is True
    # the person's words (Arabic) never reach the CV: they would reveal the origin
    assert "منيح" not in json.dumps(resume, ensure_ascii=False)
    assert "شوية" not in json.dumps(resume, ensure_ascii=False)


def test_a_verified_level_is_printed_plainly():
    snapshot = approximate_snapshot()
    verify(row_of(snapshot, "german_level"))
    cv = build_cv(snapshot)
    german = next(language for language in cv.languages if language.name == "Deutsch")
    assert german.level == "B1 – Fortgeschrittene Sprachverwendung" and not german.approximate
    assert not cv.german_level_approximate
    assert "germanLevelApproximate" not in json_resume.from_cv(cv)["meta"]["x-lotse"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_prints_ca(tmp_path):
    from documents.fonts import FontsMissingError
    from documents.lebenslauf_pdf import render

    try:
        data = render(approximate_snapshot())
    except FontsMissingError:
        pytest.skip("CV fonts not installed")
    path = tmp_path / "cv.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "ca. B1 – Fortgeschrittene Sprachverwendung" in text
    assert "ca. A1 – Anfänger" in text
