import dataclasses
import re

import pytest

from documents.cv import (
    ABROAD,
    HEADING_ANONYMISED,
    IN_GERMANY,
    MACHINE_TRANSLATION_NOTE,
    MAX_TEXT,
    RECOGNITION_NOTE,
    TRANSLITERATION_NOTE,
    build_cv,
    clean,
    reference,
)
from tests.documents.conftest import CV_PROFILES, hostile_snapshot, load_profile

ARABIC = re.compile("[\u0600-\u06ff]")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def strings(value):
    """Every string inside a CV (dataclasses, tuples, frozensets)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from strings(getattr(value, item.name))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from strings(item)


def test_syrian_personal_data_keeps_the_original_script_beside_the_transliteration():
    cv = build_cv(load_profile("cv_syrian"))
    p = cv.personal
    assert p.given_names.original == "محمد أحمد" and p.given_names.latin == "Mhmd Ahmd"
    assert p.name.display() == "محمد أحمد الخطيب (Mhmd Ahmd Al-Khtyb)"
    assert p.date_of_birth == "23.04.1990"
    assert p.country_of_origin == "Syrien" and p.municipality == "Halle (Saale)"
    assert p.phone == "+4915112345678" and p.email is None
    assert p.verified_fields == {"date_of_birth"}
    assert cv.heading == "Lebenslauf"
    assert TRANSLITERATION_NOTE in cv.notes and MACHINE_TRANSLATION_NOTE in cv.notes


def test_syrian_work_experience_with_and_without_an_occupation():
    first, second = build_cv(load_profile("cv_syrian")).experience
    assert first.title == "Tischler/in"
    assert (first.kldb, first.isco) == ("22342", "7522")
    assert first.kldb_title.startswith("Berufe im Holz-")
    assert first.esco_uri.startswith("http://data.europa.eu/esco/occupation/")
    assert first.own_words.original == "عملت نجارا في ورشة أثاث لمدة خمس سنوات"
    assert first.own_words.language == "ar" and first.own_words.machine_translated
    assert first.own_words.german.startswith("Ich habe fünf Jahre als Tischler")
    assert (first.years_de, first.country, first.country_code) == ("5 Jahre", "Syrien", "SY")
    assert not first.needs_check

    # "none of these": no codes, the (translated) own words name the job, a caseworker must check
    assert second.needs_check and second.kldb is None and second.isco is None
    assert second.title == "Helfer in einer Restaurantküche"
    assert (second.years_de, second.country) == ("2,5 Jahre", "Türkei")


def test_syrian_schooling_languages_and_more():
    cv = build_cv(load_profile("cv_syrian"))
    school = cv.schooling
    assert school.school_type.startswith("Allgemeine Sekundarschule")
    assert (school.country, school.years, school.completed, school.isced) == ("Syrien", 12, True, 3)
    assert school.german_equivalent == "Allgemeine Hochschulreife (Abitur)"
    assert school.recognition_note == RECOGNITION_NOTE
    assert cv.education == ()  # higher_education {"none": true}
    assert [(lang.name, lang.level) for lang in cv.languages] == [
        ("Arabisch", "Muttersprache"),
        ("Englisch", "B1 – Fortgeschrittene Sprachverwendung"),
        ("Deutsch", "A2 – Grundlegende Kenntnisse"),
    ]
    assert cv.german_level == "A2"
    assert cv.goals.german == "Ich möchte in Deutschland als Tischler arbeiten"
    assert cv.availability.german == "ab sofort, vormittags" and not cv.availability.machine_translated


def test_ukrainian_names_use_the_official_transliteration():
    cv = build_cv(load_profile("cv_ukrainian"))
    assert cv.personal.given_names.latin == "Oleksandra"
    assert cv.personal.family_name.latin == "Shevchenko-Yizhakevych"
    assert cv.personal.given_names.scheme == "KMU 2010"
    assert cv.personal.email == "o.shevchenko@example.org"
    (education,) = cv.education
    assert (education.level, education.isced) == ("Bachelor oder gleichwertig", 6)
    assert education.subject.german == "Buchhaltung und Wirtschaftsprüfung"
    assert education.subject.original == "Бухгалтерський облік і аудит"
    assert cv.experience[0].verified is False  # job_occupation verified, the other rows not


def test_skipped_fields_are_left_out():
    cv = build_cv(load_profile("cv_afghan"))
    p = cv.personal
    assert p.date_of_birth is None and p.municipality is None and p.phone is None and p.email is None
    assert p.name.display() == "فاطمه حسینی (Fatmh Hsyny)"
    (job,) = cv.experience
    assert job.years is None and job.years_de is None and job.country == "Iran"
    assert job.title == "Schneider/in" and job.esco_uri is None
    assert cv.schooling.school_type is None and cv.schooling.completed is False
    assert cv.schooling.german_equivalent == "ohne Schulabschluss"
    assert cv.education == () and cv.goals is None and cv.availability is None
    assert [(lang.name, lang.level) for lang in cv.languages] == [
        ("Dari", "Muttersprache"), ("Deutsch", "A1 – Anfänger"), ("Paschtu", None)]
    for text in strings(cv):
        assert "skipped" not in text and text != "None"


def test_german_minimal_profile():
    cv = build_cv(load_profile("cv_german_minimal"))
    assert cv.personal.name.display() == "Anna Novak"
    assert cv.schooling is None and cv.education == () and cv.goals is None
    assert cv.experience[0].own_words.german == "Verkäuferin im Supermarkt"
    assert cv.notes == ()


@pytest.mark.parametrize("name", CV_PROFILES)
def test_anonymised_cv_reveals_no_identity_or_origin(name):
    snapshot = load_profile(name)
    cv = build_cv(snapshot, anonymised=True)
    full = build_cv(snapshot)
    assert cv.anonymised and cv.heading == HEADING_ANONYMISED and cv.personal is None
    texts = list(strings(cv))
    personal = [n for n in (full.personal.given_names, full.personal.family_name) if n]
    secrets = [x for n in personal for x in (n.original, n.latin) if x]
    secrets += [full.personal.date_of_birth, full.personal.country_of_origin, full.personal.phone,
                full.personal.email, full.personal.municipality, snapshot["person"]["id"]]
    for secret in filter(None, secrets):
        assert not any(secret in text for text in texts), secret
    # no words in the person's language, no country names of work or school
    assert not any(ARABIC.search(t) or CYRILLIC.search(t) for t in texts)
    for job in cv.experience:
        assert job.country in (IN_GERMANY, ABROAD, None) and job.country_code is None
    if cv.schooling:
        assert cv.schooling.country in (ABROAD, None) and cv.schooling.school_type is None
    # qualifications stay
    assert [j.title for j in cv.experience] == [j.title for j in full.experience]
    assert [lang.name for lang in cv.languages] == [lang.name for lang in full.languages]


def test_anonymised_keeps_germany_and_the_reference():
    cv = build_cv(load_profile("cv_german_minimal"), anonymised=True)
    assert cv.experience[0].country == IN_GERMANY
    person_id = load_profile("cv_german_minimal")["person"]["id"]
    assert re.fullmatch(r"LT-[0-9A-F]{4}-[0-9A-F]{4}", cv.reference)
    assert cv.reference == reference(person_id) != reference(person_id + "x")
    assert reference(None) is None


def test_contract_contact_shape_and_no_german():
    snapshot = load_profile("cv_german_minimal")
    snapshot["fields"] += [
        {"field": "contact", "item_index": 0, "status": "given", "verified_at": None,
         "value": {"phone": "+49301234567", "email": "anna@example.org"}},
    ]
    for row in snapshot["fields"]:
        if row["field"] == "german_level":
            row["value"] = "none"
    cv = build_cv(snapshot)
    assert (cv.personal.phone, cv.personal.email) == ("+49301234567", "anna@example.org")
    assert [(lang.name, lang.level) for lang in cv.languages] == [("Deutsch", "noch keine Kenntnisse")]


def test_hostile_snapshot_does_not_break_the_cv():
    cv = build_cv(hostile_snapshot())
    texts = list(strings(cv))
    assert not any("<" in t and ">" in t for t in texts)
    assert not any(ord(c) >= 0x1F000 for t in texts for c in t)  # no emoji
    assert all(len(t) <= MAX_TEXT + 4 for t in texts)
    assert cv.personal.given_names.original == "alert(1) Ahmad"
    assert cv.personal.date_of_birth is None and cv.personal.email is None
    assert cv.personal.municipality is None  # "__skipped__"
    for anonymised in (False, True):
        build_cv(hostile_snapshot(), anonymised=anonymised)


@pytest.mark.parametrize("snapshot", [{}, {"person": None, "fields": None}, {"fields": "x"},
                                      {"fields": [{"field": "given_names"}]}])
def test_empty_or_broken_snapshots_give_an_empty_cv(snapshot):
    cv = build_cv(snapshot)
    assert cv.personal is None and cv.experience == () and cv.languages == ()


def test_older_snapshot_shapes_are_read_or_left_out():
    cv = build_cv(load_profile("ahmad_legacy"))  # school_education and level "basic" from an older interview
    assert cv.personal.name.display() == "Ahmad Al-Khatib"
    assert [j.title for j in cv.experience] == ["Tischler", "Koch"]
    assert all(j.needs_check for j in cv.experience)


def test_clean():
    assert clean("  a\n\tb  ") == "a b"
    assert clean("<b>fett</b>") == "fett"
    assert clean("__skipped__") is None and clean(None) is None and clean(True) is None
    assert clean("x " * 1000).endswith("[…]")
    assert clean("ذبیح\u200cالله") == "ذبیح\u200cالله"  # ZWNJ is part of Persian spelling


def test_no_vocational_training_is_no_subject_on_the_cv():
    # "لا" at the training question is stored as {"none": true}; the CV never prints the "لا"
    snapshot = load_profile("cv_syrian")
    row = next(r for r in snapshot["fields"] if r["field"] == "higher_education")
    snapshot["fields"].append({**row, "field": "vocational_training", "original_text": "لا",
                               "value": {"none": True}})
    assert build_cv(snapshot).education == ()
    snapshot["fields"][-1].update(original_text="دبلوم كهرباء", value="دبلوم كهرباء")
    assert build_cv(snapshot).education[0].subject.original == "دبلوم كهرباء"
