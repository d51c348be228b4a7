"""Schooling answers: school types of the school's country, years, the highest degree."""

import pytest

from bot.normalisers.schooling import (
    OTHER,
    normalise_higher_education,
    normalise_school_type,
    normalise_school_years,
    school_type_options,
)
from classifications import schooling


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
@pytest.mark.parametrize("country", ["SY", "AF", "IQ", "IR", "UA", "ER", "SO", "TR", "RU", "NG", "DE"])
def test_buttons_are_the_types_of_the_country_in_the_persons_language(country, lang):
    options = school_type_options(country, lang)
    ids = [option for option, _ in options]
    assert ids[-1] == OTHER and "no_school" in ids
    assert set(ids[:-1]) == {t.id for t in schooling.school_types(country)}
    assert all(label.strip() for _, label in options)
    assert len({label for _, label in options}) == len(options)


def test_an_unknown_country_gets_the_general_types():
    ids = [option for option, _ in school_type_options("BR", "en")]
    assert ids[:-1] == [t.id for t in schooling.school_types(None)]


def test_a_pressed_button_gives_type_level_and_german_equivalent():
    result = normalise_school_type('/inform{"option":"sy.secondary_general"}', "ar",
                                   "sy.secondary_general", "SY")
    assert result.value == {"country": "SY", "id": "sy.secondary_general",
                            "name_de": schooling.type_label(
                                schooling.school_type("sy.secondary_general"), "de"),
                            "isced": 3, "years": 12, "german_equivalent": "allgemeine_hochschulreife"}


@pytest.mark.parametrize("typed, lang, country, expected", [
    ("الشهادة الثانوية العامة", "ar", "SY", "sy.secondary_general"),
    ("атестат про повну загальну середню освіту", "uk", "UA", "ua.complete"),
    ("Allgemeine Sekundarschule", "de", "SY", "sy.secondary_general"),
    ("3", "de", "UA", "ua.basic"),  # the third button
    ("Andere Schule", "de", "SY", OTHER),
])
def test_typed_names_and_numbers_pick_a_type(typed, lang, country, expected):
    assert normalise_school_type(typed, lang, None, country).value["id"] == expected


@pytest.mark.parametrize("typed", ["Pizza", "", "12", "sy.secondary_general"])
def test_anything_else_asks_again(typed):
    # A button of another country's list is no answer either.
    assert normalise_school_type(typed, "de", "ua.complete" if typed == "12" else None,
                                 "SY").error == "school.not_in_list"


def test_years_decide_whether_the_school_was_completed():
    secondary = {"id": "sy.secondary_general"}
    assert normalise_school_years("12", secondary).value == {
        "years": 12, "completed": True, "isced": 3, "german_equivalent": "allgemeine_hochschulreife"}
    incomplete = normalise_school_years("٩ سنوات", secondary).value
    assert incomplete["completed"] is False and incomplete["isced"] == 2
    assert schooling.german_equivalent_rank(incomplete["german_equivalent"]) \
        < schooling.german_equivalent_rank("allgemeine_hochschulreife")


def test_years_of_another_school_are_kept_for_the_caseworker():
    assert normalise_school_years("10", {"id": OTHER}).value == {
        "years": 10, "completed": None, "isced": None, "german_equivalent": None}


@pytest.mark.parametrize("typed", ["viele", "-3", "99", "", "😀"])
def test_impossible_years_ask_again(typed):
    assert normalise_school_years(typed, {"id": "sy.secondary_general"}).error == "invalid.school_years"


@pytest.mark.parametrize("typed, lang, option, expected", [
    ("", "de", "bachelor", {"id": "bachelor", "isced": 6, "name_de": "Bachelor oder gleichwertig"}),
    ("لیسانس", "fa", None, {"id": "bachelor", "isced": 6, "name_de": "Bachelor oder gleichwertig"}),
    ("нет", "ru", None, {"none": True}),
    ("", "tr", "none", {"none": True}),
])
def test_highest_degree(typed, lang, option, expected):
    assert normalise_higher_education(typed, lang, option).value == expected


def test_an_unknown_degree_asks_again():
    assert normalise_higher_education("Zauberer", "de", None).error == "invalid.choose_option"
