"""The CV shows what was read from free-text answers in German, beside the person's words."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from bot.normalisers.free_text_structure import structured_value
from documents.cv import build_cv
from documents.lebenslauf_pdf import render
from tests.documents.conftest import load_profile
from tests.documents.test_lebenslauf_pdf import text_of, write

pytestmark = pytest.mark.usefixtures("occupation_index")

ANSWERS = {
    "goals": ("ar", "أريد أن أعمل نجارا في ألمانيا، وأتعلم اللغة"),
    "availability": ("ar", "من الشهر القادم، بس الصبح بسبب الأطفال، ٢٥ ساعة"),
    "vocational_training": ("ar", "تعلمت النجارة من أبي بالورشة"),
}


@pytest.fixture(scope="module")
def snapshot():
    snapshot = load_profile("cv_syrian")
    snapshot["fields"] = [f for f in snapshot["fields"] if f["field"] not in ANSWERS]
    for field, (lang, text) in ANSWERS.items():
        snapshot["fields"].append({
            "field": field, "item_index": 0, "status": "given", "original_text": text,
            "original_language": lang,
            "value": structured_value(field, text, lang, date(2026, 12, 6))})
    return snapshot


def test_cv_model_carries_the_german_lines(snapshot):
    cv = build_cv(snapshot)
    assert cv.goals.derived == "Berufswunsch Tischler/Tischlerin (KldB 22342) · Deutschkurs"
    assert cv.goals.original == ANSWERS["goals"][1]
    assert cv.availability.derived == ("Verfügbar ab 1. Januar 2027 · ca. 25 Std./Woche (Teilzeit) · "
                                       "Einschränkung: Kinderbetreuung, nur vormittags")
    subject = cv.education[0].subject
    assert subject.derived == "im Beruf angelernt · Fachrichtung: Tischler/Tischlerin (KldB 22342)"
    assert subject.original == ANSWERS["vocational_training"][1]


def test_anonymised_cv_keeps_the_german_lines_without_the_words(snapshot):
    cv = build_cv(snapshot, anonymised=True)
    assert cv.goals.derived.startswith("Berufswunsch Tischler/Tischlerin") and cv.goals.original is None
    assert cv.availability.derived.startswith("Verfügbar ab 1. Januar 2027")
    assert cv.availability.original is None


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_shows_lines_marked_as_derived_beside_the_arabic_words(snapshot, tmp_path):
    text = " ".join(text_of(write(tmp_path, render(snapshot))).split())
    assert "Berufswunsch Tischler/Tischlerin (KldB 22342) · Deutschkurs" in text
    assert "Verfügbar ab 1. Januar 2027 · ca. 25 Std./Woche (Teilzeit) ·" in text
    assert "Kinderbetreuung, nur vormittags" in text
    assert "im Beruf angelernt · Fachrichtung: Tischler/Tischlerin (KldB 22342)" in text
    assert len(re.findall(r"\(automatisch erkannt, bitte prüfen\)", text)) == 3
    assert "Eigene Angabe (Arabisch):" in text
    assert "نجارا" in text and "الأطفال" in text
