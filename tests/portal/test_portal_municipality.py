"""The place of residence in the portal: official municipality in German beside the words typed,
"to check" for guesses and unknown places, and the list filtered by municipality."""

from __future__ import annotations

import re
import secrets
from urllib.parse import quote

import pytest

from bot.normalisers.places import normalise_place
from dialogues.completeness import assess
from dialogues.values import display_value
from documents.cv import _municipality
from portal import display
from storage import accounts

from .conftest import PASSWORD, logged_in, store_person, text_of

PERSON_LINK = re.compile(r'href="/portal/profiles/([0-9a-f-]{36})"')


def stored(raw: str, lang: str) -> dict:
    result = normalise_place(raw, lang)
    assert result.ok, result
    return result.value


def test_german_label_beside_the_typed_words():
    value = stored("أعيش في لايبزيغ", "ar")
    assert display.value_de("municipality", {"status": "given", "value": value}) == \
        "Leipzig (kreisfreie Stadt, Sachsen) · 14713000"
    # the chat reads it back by its German name in every language
    assert display_value("municipality", value, "ar") == "Leipzig"
    assert _municipality(value) == "Leipzig"


@pytest.mark.parametrize(("raw", "lang", "shown", "reason"), [
    ("near Halle", "en", "in der Nähe von Halle (Saale) (kreisfreie Stadt, Sachsen-Anhalt) · 15002000",
     "nur „in der Nähe von“"),
    ("dresdn", "de", "Dresden (kreisfreie Stadt, Sachsen) · 14612000 – unsicher zugeordnet",
     "unsicher zugeordnet"),
    ("im Heim", "de", "nicht im Gemeindeverzeichnis gefunden", "nicht im Gemeindeverzeichnis"),
])
def test_doubtful_places_are_to_check(raw, lang, shown, reason):
    value = stored(raw, lang)
    row = {"field": "municipality", "item_index": 0, "status": "given", "value": value}
    assert display.value_de("municipality", row).startswith(shown)
    assert assess({"fields": [row]}).to_check == ["municipality"]
    points = display.open_points({"fields": [row]}, assess({"fields": [row]}))
    assert reason in points["to_check"][0]["reason"]


def test_a_guess_the_person_confirmed_is_shown_as_confirmed_and_not_to_check():
    value = {**stored("dresdn", "de"), "status": "confirmed"}
    row = {"field": "municipality", "item_index": 0, "status": "given", "value": value}
    assert display.value_de("municipality", row).endswith("von der Person bestätigt")
    assert assess({"fields": [row]}).to_check == []


def test_a_sure_place_is_not_to_check_and_old_text_still_shows():
    row = {"field": "municipality", "item_index": 0, "status": "given", "value": stored("Köln", "de")}
    assert assess({"fields": [row]}).to_check == []
    old = {"field": "municipality", "item_index": 0, "status": "given", "value": "Halle (Saale)"}
    assert display.value_de("municipality", old) == "Halle (Saale)"
    assert assess({"fields": [old]}).to_check == []
    assert _municipality("Halle (Saale)") == "Halle (Saale)"
    assert _municipality(stored("bei Halle", "de")) == "bei Halle (Saale)"
    assert _municipality(stored("Flüchtlingsheim", "de")) == "Flüchtlingsheim"


@pytest.fixture
def residents(database_url):
    suffix = secrets.token_hex(4)
    org, caseworker = f"jc-m-{suffix}", f"cw-m-{suffix}"
    accounts.create_user(database_url, username=caseworker, password=PASSWORD, role="caseworker",
                         organisation_slug=org, display_name="Herr Wohnort")
    persons = {}
    for name, raw, lang in [("leipzig_ar", "أعيش في لايبزيغ", "ar"), ("leipzig_uk", "живу в Лейпцигу", "uk"),
                            ("dresden", "درسدن", "fa"), ("unknown", "im Heim", "en")]:
        persons[name] = store_person(database_url, org, [("municipality", raw, lang, stored(raw, lang))],
                                     language=lang)
    return caseworker, persons


def test_list_shows_and_filters_by_municipality(portal, residents):
    caseworker, persons = residents
    browser = logged_in(portal, caseworker)
    page = browser.get("/portal/profiles")
    assert page.status == 200
    assert '<option value="14713000">Leipzig (14713000)</option>' in page.text
    assert '<option value="14612000">Dresden (14612000)</option>' in page.text
    assert "Wohnort" in text_of(page.text)

    leipzig = browser.get("/portal/profiles?gemeinde=14713000")
    assert leipzig.status == 200
    assert sorted(PERSON_LINK.findall(leipzig.text)) == sorted(
        [persons["leipzig_ar"], persons["leipzig_uk"]])
    assert "2 von 4 Person(en)" in text_of(leipzig.text)
    # sorting keeps the filter
    assert "gemeinde=14713000" in re.search(r'href="([^"]*sort=origin[^"]*)"', leipzig.text).group(1)

    nobody = browser.get("/portal/profiles?gemeinde=09162000")
    assert nobody.status == 200 and PERSON_LINK.findall(nobody.text) == []
    assert "Keine Profile mit diesem Wohnort." in text_of(nobody.text)

    # a malformed filter is ignored, never an error
    for bad in ("abc", "1471300", "<script>", "14713000' OR 1=1"):
        reply = browser.get("/portal/profiles?gemeinde=" + quote(bad))
        assert reply.status == 200
        assert len(PERSON_LINK.findall(reply.text)) == 4


def test_detail_page_shows_label_beside_original(portal, residents):
    caseworker, persons = residents
    page = logged_in(portal, caseworker).get(f"/portal/profiles/{persons['leipzig_uk']}")
    assert page.status == 200
    text = text_of(page.text)
    assert "живу в Лейпцигу" in text
    assert "Leipzig (kreisfreie Stadt, Sachsen) · 14713000" in text
