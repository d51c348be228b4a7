"""Completeness in the portal: the sortable list with open points, the detail page's box and the
German display of classified answers (occupation, schooling, language levels)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import pytest

from classifications import schooling
from dialogues.completeness import assess
from portal import display
from storage import accounts

from .conftest import (
    PASSWORD,
    audit_actions,
    fixture_snapshot,
    logged_in,
    store_person,
    store_snapshot,
    text_of,
)

NAMES = ("completeness_complete", "completeness_partial", "completeness_to_check",
         "completeness_no_school_no_work", "completeness_empty")
PERSON_LINK = re.compile(r'href="/portal/profiles/([0-9a-f-]{36})"')


@dataclass
class Team:
    org: str
    caseworker: str
    persons: dict[str, str]  # fixture name -> person id, in the order stored
    outsider: str  # a person of another organisation


@pytest.fixture
def team(database_url) -> Team:
    suffix = secrets.token_hex(4)
    org, caseworker = f"jc-c-{suffix}", f"cw-c-{suffix}"
    accounts.create_user(database_url, username=caseworker, password=PASSWORD, role="caseworker",
                         organisation_slug=org, display_name="Frau Vollständig")
    persons = {name: store_snapshot(database_url, org, fixture_snapshot(name)) for name in NAMES}
    outsider = store_person(database_url, f"jc-other-{suffix}",
                            [("given_names", "Olena", "uk", "Olena")], language="uk")
    return Team(org, caseworker, persons, outsider)


def listed(page: str) -> list[str]:
    return PERSON_LINK.findall(page)


def scores() -> dict[str, int]:
    return {name: assess(fixture_snapshot(name)).score for name in NAMES}


def expected_order(key, reverse: bool, team: Team) -> list[str]:
    """Sorted by `key`, ties most recently active (stored later) first."""
    newest_first = list(reversed(NAMES))
    ranked = sorted(newest_first, key=key, reverse=reverse)
    return [team.persons[name] for name in ranked]


def header(page: str, label: str) -> str:
    match = re.search(rf'<th scope="col"[^>]*>\s*<a class="sort-link" href="[^"]*">{label}.*?</th>',
                      page, re.S)
    assert match, label
    return match.group(0)


def test_default_sort_is_last_activity_newest_first(portal, team):
    page = logged_in(portal, team.caseworker).get("/portal/profiles")
    assert page.status == 200
    assert listed(page.text) == [team.persons[name] for name in reversed(NAMES)]
    assert team.outsider not in page.text
    assert 'aria-sort="descending"' in header(page.text, "Letzte Aktivität")
    assert page.text.count("aria-sort=") == 1
    assert ("profile.list", None) in audit_actions(portal.database_url, team.caseworker)


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sort_by_completeness_both_ways(portal, team, order):
    browser = logged_in(portal, team.caseworker)
    page = browser.get(f"/portal/profiles?sort=completeness&order={order}")
    assert page.status == 200
    by_score = scores()
    assert len(set(by_score.values())) >= 4  # the fixtures really differ
    expected = sorted(by_score.values(), reverse=order == "desc")
    ids = listed(page.text)
    assert [by_score[name] for i in ids for name, pid in team.persons.items() if pid == i] \
        == expected
    assert ids == expected_order(lambda n: by_score[n], order == "desc", team)
    column = header(page.text, "Vollständigkeit")
    assert f'aria-sort="{"ascending" if order == "asc" else "descending"}"' in column
    # the header link reverses the order; the other columns link to their natural order
    flipped = "desc" if order == "asc" else "asc"
    assert f'href="/portal/profiles?sort=completeness&amp;order={flipped}"' in column
    assert 'href="/portal/profiles?sort=activity&amp;order=desc"' in header(page.text,
                                                                            "Letzte Aktivität")


def test_sort_by_open_points_language_and_status(portal, team):
    browser = logged_in(portal, team.caseworker)
    open_points = {name: assess(fixture_snapshot(name)).open_points for name in NAMES}
    page = browser.get("/portal/profiles?sort=open&order=desc")
    assert listed(page.text) == expected_order(lambda n: open_points[n], True, team)
    languages = {name: fixture_snapshot(name)["person"]["ui_language"] for name in NAMES}
    page = browser.get("/portal/profiles?sort=language&order=asc")
    assert listed(page.text) == expected_order(lambda n: languages[n], False, team)
    page = browser.get("/portal/profiles?sort=status&order=asc")
    ids = listed(page.text)
    finished = {team.persons["completeness_complete"],
                team.persons["completeness_no_school_no_work"]}
    assert set(ids[:2]) == finished  # "Abgeschlossen" before "In Bearbeitung"


def test_unknown_sort_parameters_fall_back_to_defaults(portal, team):
    browser = logged_in(portal, team.caseworker)
    default = listed(browser.get("/portal/profiles").text)
    for query in ("sort=given_names&order=asc", "sort=%27;drop&order=x", "order=asc"):
        reply = browser.get(f"/portal/profiles?{query}")
        assert reply.status == 200, query
        assert listed(reply.text) == default, query
    # a known column with a nonsense order gets the column's natural order
    reply = browser.get("/portal/profiles?sort=completeness&order=sideways")
    assert 'aria-sort="ascending"' in header(reply.text, "Vollständigkeit")


def test_list_shows_score_and_open_points_per_person(portal, team):
    page = logged_in(portal, team.caseworker).get("/portal/profiles")
    for name in NAMES:
        result = assess(fixture_snapshot(name))
        row = re.search(rf"<tr>(?:(?!</tr>).)*{team.persons[name]}(?:(?!</tr>).)*</tr>",
                        page.text, re.S)
        assert row, name
        cells = text_of(row.group(0)).replace("\xa0", " ")
        assert f"{result.score} %" in cells, name
        if result.open_points:
            assert (f"{result.open_points} ({len(result.missing)} fehlt, "
                    f"{len(result.to_check)} zu prüfen)") in cells, name
        else:
            assert "fehlt" not in cells, name
    to_check = assess(fixture_snapshot("completeness_to_check"))
    assert (to_check.score, len(to_check.missing), len(to_check.to_check)) == (92, 3, 5)


def test_filter_only_with_open_points_keeps_the_sort(portal, team):
    browser = logged_in(portal, team.caseworker)
    page = browser.get("/portal/profiles?sort=completeness&order=desc&open=1")
    ids = listed(page.text)
    assert set(ids) == {team.persons[n] for n in ("completeness_partial", "completeness_to_check",
                                                   "completeness_empty")}
    assert ids[0] == team.persons["completeness_to_check"]
    assert "3 von 5 Person(en) mit offenen Punkten" in text_of(page.text)
    assert 'name="open" value="1" checked' in page.text
    # sorting links keep the filter
    assert "sort=activity&amp;order=desc&amp;open=1" in page.text


def test_detail_shows_completeness_box_with_german_labels(portal, team):
    person = team.persons["completeness_to_check"]
    page = logged_in(portal, team.caseworker).get(f"/portal/profiles/{person}")
    assert page.status == 200
    box = re.search(r'<section class="card completeness-box".*?</section>', page.text, re.S)
    assert box
    text = text_of(box.group(0))
    assert "Vollständigkeit: 92 %" in text.replace("\xa0", " ")
    missing = re.search(r'<ul class="missing">(.*?)</ul>', box.group(0), re.S).group(1)
    assert [text_of(li) for li in re.findall(r"<li>(.*?)</li>", missing, re.S)] == [
        "Berufserfahrung 2 – Beruf (Klassifikation)", "Berufserfahrung 2 – Dauer",
        "Berufserfahrung 2 – Land",
    ]
    checks = re.search(r'<ul class="to-check">(.*?)</ul>', box.group(0), re.S).group(1)
    assert [text_of(li) for li in re.findall(r"<li>(.*?)</li>", checks, re.S)] == [
        "Wohnort in Deutschland – übersprungen nach Fehlversuchen",
        "Telefon oder E-Mail – übersprungen nach Fehlversuchen",
        f"{display.field_label('school_education')} – Schulart – Schulart nicht in der Auswahl",
        "Berufserfahrung 1 – Beruf (Klassifikation) – keine der vorgeschlagenen "
        "Berufsbezeichnungen gewählt",
        "Ziele – Sprache der Antwort unsicher erkannt – Übersetzung prüfen",
    ]
    assert display.NO_OCCUPATION in text_of(page.text)


def test_detail_of_a_complete_profile_shows_classified_values_in_german(portal, team):
    person = team.persons["completeness_complete"]
    page = logged_in(portal, team.caseworker).get(f"/portal/profiles/{person}")
    text = text_of(page.text).replace("\xa0", " ")
    assert "Vollständigkeit: 100 %" in text
    assert "Nichts – alle Pflichtangaben sind beantwortet." in text
    for shown in (
        "Tischler/in (KldB 22342 · ISCO 7115 · ESCO: Tischler/Tischlerin)",
        "Allgemeine Sekundarschule (Thanawiya) (Syrien)",
        "12 Jahre (abgeschlossen) · ISCED 3 · vergleichbar: Allgemeine Hochschulreife",
        schooling.RECOGNITION_NOTE_DE,
        "keine Berufsausbildung und kein Studium",
        "Muttersprache",
        "B2 (gut, auch bei der Arbeit)",
        "A2 (einfache Sätze)",
    ):
        assert shown in text, shown


def row(field: str, value, status: str = "given") -> dict:
    return {"field": field, "item_index": 0, "value": value, "status": status}


def test_value_de_of_the_new_value_kinds():
    occupation = fixture_snapshot("completeness_complete")["fields"]
    occupation = next(r for r in occupation if r["field"] == "job_occupation")
    assert display.value_de("job_occupation", occupation) == \
        "Tischler/in (KldB 22342 · ISCO 7115 · ESCO: Tischler/Tischlerin)"
    no_title = {**occupation["value"], "job_title_de": None, "isco": None, "esco_title_de": None}
    assert display.value_de("job_occupation", row("job_occupation", no_title)) == \
        f"{no_title['title_de']} (KldB 22342)"
    assert display.value_de("job_occupation", row("job_occupation", {"none": True, "query": "x"})) \
        == "keine passende Berufsbezeichnung gewählt – bitte prüfen"
    assert display.value_de("school_years", row("school_years", {
        "years": 9, "completed": False, "isced": 2, "german_equivalent": "erster_schulabschluss",
    })) == ("9 Jahre (nicht abgeschlossen) · ISCED 2 · vergleichbar: Erster Schulabschluss "
            "(Hauptschulabschluss)")
    # another school: nothing derived, the caseworker decides
    assert display.value_de("school_years", row("school_years", schooling.derive("other", 10))) \
        == "10 Jahre · keine Einstufung möglich – bitte prüfen"
    assert display.value_de("school_type", row("school_type", {"id": "other"})).endswith(
        "bitte prüfen")
    assert display.value_de("higher_education", row("higher_education", {
        "id": "bachelor", "isced": 6, "name_de": "Bachelor oder gleichwertig",
    })) == "Bachelor oder gleichwertig (ISCED 6)"
    assert display.value_de("spoken_language_level", row("spoken_language_level", "C1")) == \
        "C1 (sehr gut, auch im Beruf)"
    assert display.value_de("spoken_language_level", row("spoken_language_level", "native")) == \
        "Muttersprache"
    assert display.value_de("german_level", row("german_level", "none")) == \
        "keine Deutschkenntnisse"
    assert display.value_de("german_level", row("german_level", None, "skipped")) == display.EMPTY
    # an unexpected shape is shown as JSON, never a crash
    assert display.value_de("school_years", row("school_years", {"jahre": 3})) == '{"jahre": 3}'


def test_point_labels():
    assert display.point_label("municipality") == "Wohnort in Deutschland"
    assert display.point_label("job_years#1") == "Berufserfahrung 2 – Dauer"
    assert display.point_label("spoken_language_level") == "Sprachen 1 – Niveau"
    assert display.point_label("school_years").endswith("– Schuljahre")
    assert display.point_label("unknown_field") == "unknown_field"
