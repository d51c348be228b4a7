"""Language levels guessed from the person's words in the portal over real HTTP: the detail page
shows "ca. B1 – bitte prüfen" and why, the list counts them as open points (and its "only open"
filter keeps the person), the export carries the value with its marker, and a verified answer
leaves the list of answers to check."""

from __future__ import annotations

import json
import re
import secrets

import sqlalchemy as sa

from storage import accounts
from storage.database import session_scope
from storage.models import ProfileField

from .conftest import PASSWORD, logged_in, store_person, text_of

# Our own test data: a Ukrainian who said "трохи" (a little) about German and "добре" (good)
# about English.
GERMAN_A_LITTLE = {"level": "A1", "check": "approximate", "words": "трохи"}
ENGLISH_GOOD = {"level": "B1", "check": "approximate", "words": "добре"}
ANSWERS = [
    ("given_names", "Олена", "uk", "Олена"),
    ("spoken_language", "українська", "uk", {"code": "uk", "name_de": "Ukrainisch"}, "given", 0),
    ("spoken_language_level", "рідна", "uk", "native", "given", 0),
    ("spoken_language", "англійська", "uk", {"code": "en", "name_de": "Englisch"}, "given", 1),
    ("spoken_language_level", "добре", "uk", ENGLISH_GOOD, "given", 1),
    ("german_level", "трохи", "uk", GERMAN_A_LITTLE),
]


def _setup(database_url: str) -> tuple[str, str]:
    suffix = secrets.token_hex(4)
    org, caseworker = f"jc-l-{suffix}", f"cw-l-{suffix}"
    accounts.create_user(database_url, username=caseworker, password=PASSWORD, role="caseworker",
                         organisation_slug=org, display_name="Frau Niveau")
    return caseworker, store_person(database_url, org, ANSWERS, language="uk")


def _rows(page: str) -> list[tuple[str, str]]:
    return [(m.group(1), text_of(m.group(2)))
            for m in re.finditer(r'<tr class="field-row[^"]*" data-field="([^"]+)">(.*?)</tr>',
                                 page, re.S)]


def _to_check(page: str) -> list[str]:
    box = re.search(r'<ul class="to-check">(.*?)</ul>', page, re.S)
    return [text_of(li) for li in re.findall(r"<li>(.*?)</li>", box.group(1), re.S)] if box else []


def _list_cells(page: str, person: str) -> str:
    row = re.search(rf"<tr>(?:(?!</tr>).)*{person}(?:(?!</tr>).)*</tr>", page, re.S)
    assert row, person
    return text_of(row.group(0)).replace("\xa0", " ")


def _verify(database_url: str, person: str, field: str, index: int = 0) -> None:
    """A caseworker's verification as the schema records it (storage/models.py)."""
    with session_scope(database_url) as session:
        session.execute(sa.update(ProfileField)
                        .where(ProfileField.person_id == person, ProfileField.field == field,
                               ProfileField.item_index == index)
                        .values(verified_at=sa.func.now()))


def test_detail_list_and_export_show_guessed_levels(portal):
    caseworker, person = _setup(portal.database_url)
    browser = logged_in(portal, caseworker)
    page = browser.get(f"/portal/profiles/{person}")
    assert page.status == 200
    rows = _rows(page.text)
    assert dict(rows)["german_level"] == "Deutschniveau трохи uk – ca. A1 – bitte prüfen angegeben"
    assert "2. Niveau добре uk – ca. B1 – bitte prüfen angegeben" in \
        [text for field, text in rows if field == "languages_spoken"]
    checks = _to_check(page.text)
    assert "Deutschniveau – Niveau aus einer Beschreibung in eigenen Worten geschätzt: „трохи“" \
        in checks
    assert any(c.endswith("Niveau aus einer Beschreibung in eigenen Worten geschätzt: „добре“")
               for c in checks)

    listing = browser.get("/portal/profiles?open=1").text
    assert "2 zu prüfen" in _list_cells(listing, person)

    data = json.loads(browser.get(f"/portal/profiles/{person}/export").body)
    stored = {(f["field"], f["item_index"]): f["value"] for f in data["fields"]}
    assert stored[("german_level", 0)] == GERMAN_A_LITTLE
    assert stored[("spoken_language_level", 1)] == ENGLISH_GOOD


def test_verifying_a_guessed_level_clears_its_marker(portal):
    caseworker, person = _setup(portal.database_url)
    _verify(portal.database_url, person, "german_level")
    browser = logged_in(portal, caseworker)
    page = browser.get(f"/portal/profiles/{person}")
    assert dict(_rows(page.text))["german_level"].endswith("– A1 (erste Wörter und Sätze) angegeben")
    assert not any(c.startswith("Deutschniveau") for c in _to_check(page.text))
    assert "1 zu prüfen" in _list_cells(browser.get("/portal/profiles").text, person)
