"""How stored values read back in the chat: the shapes every normaliser stores."""

from __future__ import annotations

import pytest

from dialogues import catalogue
from dialogues.values import display_value


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
@pytest.mark.parametrize(("slot", "value"), [
    ("vocational_training", {"none": True}),  # "I have none"
    ("job_title", {"none": True}),
    ("higher_education", {"none": True, "check": "unfinished_degree"}),  # studies given up
])
def test_none_reads_as_none_in_the_persons_language(slot, value, lang):
    assert display_value(slot, value, lang) == catalogue.text(lang, "button.none")


def test_free_text_reads_as_the_persons_words_not_its_structure():
    value = {"text": "ab März, 20 Stunden", "structured": {"hours_per_week": 20}}
    assert display_value("availability", value, "de") == "ab März, 20 Stunden"
    assert display_value("availability", "ab sofort", "de") == "ab sofort"  # stored before


def test_a_place_reads_as_the_german_municipality_or_the_words_typed():
    found = {"typed": "Лейпциг", "name_de": "Leipzig", "ags": "14713000", "status": "found"}
    assert display_value("municipality", found, "uk") == "Leipzig"
    assert display_value("municipality", {"typed": "Atlantis", "status": "unknown"}, "de") == "Atlantis"
