"""The profile page shows what was read from free-text answers, in German, beside the words."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.normalisers.free_text_structure import structured_value
from storage.profiles import ProfileRepository

from .conftest import logged_in, text_of

pytestmark = pytest.mark.usefixtures("occupation_index")


def _rows(page_text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(
        r'<tr class="field-row[^"]*" data-field="([^"]+)">(.*?)</tr>', page_text, re.S)}


def test_structured_line_in_german_beside_the_arabic_words(portal, world):
    repo = ProfileRepository(portal.database_url)
    availability = "من الشهر الجاي، ٢٠ ساعة بالأسبوع، بس الصبح عشان الأولاد"
    repo.save_answer(world.person_a, "availability", original_text=availability, language="ar",
                     value=structured_value("availability", availability, "ar", date(2026, 12, 6)))
    goals = "بدي اشتغل كهربائي وأتعلم اللغة الألمانية"
    repo.save_answer(world.person_a, "goals", original_text=goals, language="ar",
                     value=structured_value("goals", goals, "ar"))
    # stored before answers were structured: still shown as the words
    repo.save_answer(world.person_a, "vocational_training", original_text="نجارة", language="ar",
                     value="نجارة")
    page = logged_in(portal, world.caseworker_a).get(f"/portal/profiles/{world.person_a}")
    assert page.status == 200
    rows = _rows(page.text)

    shown = text_of(rows["availability"])
    assert availability in shown
    assert ("Verfügbar ab 1. Januar 2027 · ca. 20 Std./Woche (Teilzeit) · "
            "Einschränkung: Kinderbetreuung, nur vormittags automatisch erkannt, bitte prüfen") in shown
    shown = text_of(rows["goals"])
    assert goals in shown
    assert "Berufswunsch Elektriker/in (KldB 26212) · Deutschkurs automatisch erkannt, bitte prüfen" \
        in shown
    # no translation model here: the words still say so, the structure comes on top
    assert "nicht übersetzt" in shown
    old = text_of(rows["vocational_training"])
    assert "نجارة" in old and "automatisch erkannt" not in old
