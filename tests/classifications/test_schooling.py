"""School systems table (classifications/data/schooling.yml) and deriving a person's level."""

import copy
import datetime as dt
import string

import pytest
import yaml

from classifications import schooling
from classifications.schooling import GERMAN_EQUIVALENTS, LANGUAGES, SchoolingDataError
from dialogues import catalogue
from dialogues.languages import CODES

REQUIRED_COUNTRIES = ("SY", "AF", "IQ", "IR", "UA", "ER", "SO", "TR", "RU", "NG", "DE")
SYSTEMS = schooling.systems()
ALL_TYPES = [t for s in SYSTEMS.values() for t in s.types]


def _raw():
    return yaml.safe_load(schooling.DATA_FILE.read_text(encoding="utf-8"))


def test_interface_languages_are_the_catalogue_languages():
    assert sorted(LANGUAGES) == sorted(CODES)


@pytest.mark.parametrize("code", [*REQUIRED_COUNTRIES, "default"])
def test_every_required_system_is_there_with_sources_and_review(code):
    system = SYSTEMS[code]
    assert system.sources and all(url.startswith("https://") for url in system.sources)
    assert system.reviewed == dt.date(2026, 11, 22)
    assert system.name_de and system.system_de
    assert 4 <= len(system.types) <= 7


@pytest.mark.parametrize("code", REQUIRED_COUNTRIES)
def test_foreign_systems_cite_the_recognition_database_and_a_country_description(code):
    sources = " ".join(SYSTEMS[code].sources)
    assert "kmk.org" in sources
    if code != "DE":
        assert "nuffic.nl" in sources and "uis.unesco.org" in sources


@pytest.mark.parametrize("item", ALL_TYPES, ids=lambda t: t.id)
def test_every_type_is_complete_and_valid(item):
    assert set(item.names) == set(LANGUAGES)
    assert all(name.strip() for name in item.names.values())
    assert item.local_name or item.system == "default"  # the generic system has no local names
    assert 0 <= item.isced <= 4
    assert item.german_equivalent in GERMAN_EQUIVALENTS
    assert item.incomplete_equivalent in GERMAN_EQUIVALENTS
    assert (schooling.german_equivalent_rank(item.incomplete_equivalent)
            <= schooling.german_equivalent_rank(item.german_equivalent))
    assert item.id.startswith(item.system.lower() + ".")
    assert all("{" not in name for name in item.names.values())


def test_ids_are_unique():
    ids = [t.id for t in ALL_TYPES] + [schooling.NO_SCHOOL]
    assert len(ids) == len(set(ids))


def test_levels_are_consistent_with_equivalents():
    """Primary or less never reaches a qualification; a university-entrance equivalent needs ISCED 3."""
    for item in ALL_TYPES:
        if item.isced <= 1:
            assert item.german_equivalent == "ohne_abschluss", item.id
        if item.german_equivalent in ("fachhochschulreife", "allgemeine_hochschulreife"):
            assert item.isced == 3 and item.years >= 11, item.id
        if item.german_equivalent == "mittlerer_schulabschluss" and item.isced == 2:
            assert item.years >= 10, item.id


def test_foreign_university_entrance_equivalents_explain_access_in_germany():
    entrance = ("fachhochschulreife", "allgemeine_hochschulreife")
    for item in ALL_TYPES:
        if item.system not in ("DE", "default") and item.german_equivalent in entrance:
            assert item.note_de and ("Studienkolleg" in item.note_de or "anabin" in item.note_de), item.id


def test_no_school_is_offered_everywhere_first():
    for code in [*REQUIRED_COUNTRIES, "default", "XX", None]:
        types = schooling.school_types(code)
        assert types[0].id == "no_school"
        assert types[0].isced == 0 and types[0].german_equivalent == "ohne_abschluss"


def test_unknown_country_falls_back_to_default():
    default_ids = [t.id for t in SYSTEMS["default"].types]
    for code in ("LY", "xx", "", None):
        assert [t.id for t in schooling.school_types(code)][1:] == default_ids
    assert {t.id for t in SYSTEMS["default"].types} >= {
        "default.primary", "default.lower_secondary", "default.upper_secondary_general",
        "default.upper_secondary_vocational"}


def test_country_code_is_case_insensitive():
    assert schooling.school_types("sy") == schooling.school_types("SY")
    assert schooling.system_for(" ua ").code == "UA"


def test_school_type_lookup():
    assert schooling.school_type("sy.secondary_general").years == 12
    assert schooling.school_type("none").id == "no_school"
    with pytest.raises(KeyError):
        schooling.school_type("xx.nothing")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_type_label(lang):
    item = schooling.school_type("ua.complete")
    assert schooling.type_label(item, lang) == item.names[lang]
    assert schooling.type_label("ua.complete", lang) == item.names[lang]


def test_local_names_are_shown_in_the_local_language():
    assert schooling.type_label("sy.secondary_general", "ar").startswith("الشهادة الثانوية العامة")
    assert schooling.type_label("ua.complete", "uk").startswith("Атестат про повну загальну середню освіту")
    assert schooling.type_label("tr.lise", "tr").startswith("Lise diploması")
    assert schooling.type_label("ru.secondary", "ru").startswith("Аттестат о среднем общем образовании")
    assert "بکلوریا" in schooling.type_label("af.secondary_general", "fa")


def test_type_label_falls_back_to_english():
    assert schooling.type_label("sy.basic", "xx") == schooling.school_type("sy.basic").names["en"]
    assert schooling.type_label("sy.basic", None) == schooling.school_type("sy.basic").names["en"]


def test_to_value_has_the_contract_shape():
    value = schooling.school_type("sy.secondary_general").to_value("SY")
    assert value == {"country": "SY", "id": "sy.secondary_general",
                     "name_de": schooling.school_type("sy.secondary_general").name_de,
                     "isced": 3, "years": 12, "german_equivalent": "allgemeine_hochschulreife"}
    assert schooling.school_type("default.lower_secondary").to_value("ly")["country"] == "LY"
    assert schooling.school_type("no_school").to_value("SY") == {"none": True}


# --- derive -----------------------------------------------------------------------------------


def test_derive_completed():
    assert schooling.derive("sy.secondary_general", 12) == {
        "years": 12, "completed": True, "isced": 3, "german_equivalent": "allgemeine_hochschulreife"}
    assert schooling.derive("sy.secondary_general", 13)["completed"] is True


def test_derive_without_years_counts_as_completed():
    assert schooling.derive("sy.basic", None) == {
        "years": 9, "completed": True, "isced": 2, "german_equivalent": "erster_schulabschluss"}


def test_derive_incomplete_falls_back_to_the_last_completed_stage():
    # Left Syrian secondary school in grade 11: the basic certificate (grade 9) is the completed stage.
    assert schooling.derive("sy.secondary_general", 11) == {
        "years": 11, "completed": False, "isced": 2, "german_equivalent": "erster_schulabschluss"}
    # Left after grade 7: only primary was completed.
    assert schooling.derive("sy.secondary_general", 7) == {
        "years": 7, "completed": False, "isced": 1, "german_equivalent": "ohne_abschluss"}
    # Primary not completed: below ISCED 1.
    assert schooling.derive("sy.primary", 3) == {
        "years": 3, "completed": False, "isced": 0, "german_equivalent": "ohne_abschluss"}


def test_derive_incomplete_equivalent_caps_the_stage():
    # An Afghan madrasa attended for 10 years: conservative, no qualification.
    assert schooling.derive("af.madrasa", 10)["german_equivalent"] == "ohne_abschluss"
    # A German Gymnasium left after year 11 still has the Mittlerer Schulabschluss level.
    assert schooling.derive("de.abitur", 11) == {
        "years": 11, "completed": False, "isced": 2, "german_equivalent": "mittlerer_schulabschluss"}


def test_derive_incomplete_lower_secondary_is_one_level_lower():
    assert schooling.derive("ua.basic", 8) == {
        "years": 8, "completed": False, "isced": 1, "german_equivalent": "ohne_abschluss"}


def test_derive_no_school_and_other():
    assert schooling.derive("no_school", None) == {
        "years": 0, "completed": True, "isced": 0, "german_equivalent": "ohne_abschluss"}
    assert schooling.derive("none", 2)["german_equivalent"] == "ohne_abschluss"
    assert schooling.derive("other", 10) == {
        "years": 10, "completed": None, "isced": None, "german_equivalent": None}


def test_derive_quranic_school_is_never_a_qualification():
    for years in (None, 0, 6):
        result = schooling.derive("so.quranic", years)
        assert result["isced"] == 0 and result["german_equivalent"] == "ohne_abschluss"


@pytest.mark.parametrize("years", [-1, 2.5, "9", True])
def test_derive_rejects_bad_years(years):
    with pytest.raises(ValueError):
        schooling.derive("sy.basic", years)


def test_derive_unknown_type():
    with pytest.raises(KeyError):
        schooling.derive("xx.unknown", 9)


@pytest.mark.parametrize("item", ALL_TYPES, ids=lambda t: t.id)
def test_derive_never_exceeds_the_completed_level(item):
    complete = schooling.derive(item.id, item.years)
    assert complete["completed"] and complete["isced"] == item.isced
    for years in range(item.years):
        partial = schooling.derive(item.id, years)
        assert partial["completed"] is False
        assert partial["isced"] <= item.isced
        assert (schooling.german_equivalent_rank(partial["german_equivalent"])
                <= schooling.german_equivalent_rank(item.incomplete_equivalent))


# --- the worked examples -----------------------------------------------------------------------


def test_syria():
    ids = [t.id for t in schooling.school_types("SY")]
    assert ids[:4] == ["no_school", "sy.primary", "sy.basic", "sy.secondary_general"]
    general = schooling.school_type("sy.secondary_general")
    assert (general.years, general.isced, general.german_equivalent) == (12, 3, "allgemeine_hochschulreife")
    assert "Studienkolleg" in general.note_de
    assert schooling.school_type("sy.secondary_vocational").german_equivalent == "mittlerer_schulabschluss"
    assert schooling.derive("sy.basic", 9)["german_equivalent"] == "erster_schulabschluss"


def test_ukraine():
    complete = schooling.school_type("ua.complete")
    assert (complete.years, complete.isced) == (11, 3)
    assert schooling.derive("ua.complete", 11) == {
        "years": 11, "completed": True, "isced": 3, "german_equivalent": "allgemeine_hochschulreife"}
    # The 9-year basic certificate: 9 years is the German Erster Schulabschluss; the Mittlerer
    # Schulabschluss needs 10 years.
    assert schooling.derive("ua.basic", 9) == {
        "years": 9, "completed": True, "isced": 2, "german_equivalent": "erster_schulabschluss"}
    assert schooling.derive("ua.complete", 10) == {
        "years": 10, "completed": False, "isced": 2, "german_equivalent": "erster_schulabschluss"}
    vocational = schooling.school_type("ua.vocational")
    assert (vocational.isced, vocational.german_equivalent) == (3, "fachhochschulreife")


def test_iran_old_and_new_system():
    assert schooling.derive("ir.diploma_old", 11)["german_equivalent"] == "mittlerer_schulabschluss"
    theoretical = schooling.derive("ir.secondary_theoretical", 12)
    assert theoretical["german_equivalent"] == "allgemeine_hochschulreife"
    assert schooling.derive("ir.lower_secondary", 8)["completed"] is True


# --- higher education and German equivalents ----------------------------------------------------


def test_higher_education_options():
    options = schooling.higher_education_options()
    assert [o.id for o in options] == ["none", "vocational", "post_secondary", "short_tertiary",
                                       "bachelor", "master", "doctorate"]
    assert [o.isced for o in options] == [None, 3, 4, 5, 6, 7, 8]
    for option in options:
        assert set(option.names) == set(LANGUAGES) and all(option.names.values())
        assert option.name_de


def test_higher_education_values():
    assert schooling.higher_education("bachelor").to_value() == {
        "id": "bachelor", "isced": 6, "name_de": "Bachelor oder gleichwertig"}
    assert schooling.higher_education("none").to_value() == {"none": True}
    assert schooling.higher_education("short_tertiary").label("uk").startswith("Молодший спеціаліст")
    bachelor = schooling.higher_education("bachelor")
    assert schooling.type_label(bachelor, "de") == bachelor.name_de
    assert schooling.type_label(bachelor, "ar") == bachelor.names["ar"]


def test_german_equivalent_labels_and_note():
    assert schooling.german_equivalent_label("ohne_abschluss") == "Ohne Abschluss"
    assert schooling.german_equivalent_label("erster_schulabschluss") == (
        "Erster Schulabschluss (Hauptschulabschluss)")
    assert schooling.german_equivalent_label("mittlerer_schulabschluss") == (
        "Mittlerer Schulabschluss (Realschulabschluss)")
    assert schooling.german_equivalent_label("allgemeine_hochschulreife") == "Allgemeine Hochschulreife"
    assert schooling.RECOGNITION_NOTE_DE == (
        "Vergleichbarkeit nach Schulbesuchsjahren und ISCED-Stufe, keine Anerkennung: über die Anerkennung "
        "entscheidet die zuständige Stelle (Zeugnisanerkennungsstelle des Landes).")
    from classifications.schooling import RECOGNITION_NOTE_DE
    assert RECOGNITION_NOTE_DE == schooling.RECOGNITION_NOTE_DE


# --- texts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_catalogue_has_the_schooling_texts(lang):
    for eq in GERMAN_EQUIVALENTS:
        text = catalogue.text(lang, f"school.equivalent.{eq}")
        assert text.startswith(schooling.german_equivalent_label(eq).split(" (")[0])
    level = catalogue.text(lang, "school.equivalent.ohne_abschluss")
    result = catalogue.text(lang, "school.result", level=level)
    assert "Ohne Abschluss" in result
    assert "{" not in catalogue.text(lang, "ask.school_type", country="X")
    fields = {name for _, name, _, _ in string.Formatter().parse(catalogue.text(lang, "ask.school_type"))}
    assert "country" in fields


# --- validation ------------------------------------------------------------------------------------


def _broken(mutate):
    doc = copy.deepcopy(_raw())
    mutate(doc)
    with pytest.raises(SchoolingDataError):
        schooling._parse(doc)


def test_validation_rejects_a_missing_language():
    _broken(lambda d: d["systems"]["SY"]["school_types"][0]["names"].pop("fa"))


def test_validation_rejects_an_unknown_equivalent():
    _broken(lambda d: d["systems"]["UA"]["school_types"][1].update(german_equivalent="abitur"))


def test_validation_rejects_a_duplicate_id():
    _broken(lambda d: d["systems"]["IQ"]["school_types"][1].update(id="iq.primary"))


def test_validation_rejects_missing_sources():
    _broken(lambda d: d["systems"]["TR"].update(sources=[]))


def test_validation_rejects_an_incomplete_equivalent_above_the_complete_one():
    _broken(lambda d: d["systems"]["SY"]["school_types"][1].update(
        incomplete_equivalent="allgemeine_hochschulreife"))


def test_validation_rejects_a_broken_stage_chain():
    _broken(lambda d: d["systems"]["SY"]["school_types"][2].update(after="sy.secondary_vocational"))
    _broken(lambda d: d["systems"]["SY"]["school_types"][2].pop("after"))


def test_validation_requires_a_default_system():
    _broken(lambda d: d["systems"].pop("default"))
