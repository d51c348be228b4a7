"""The country of origin out of a sentence (bot/normalisers/origin.py): transit countries are no
origin, the people of a country and well-known cities name it."""

from pathlib import Path

import pytest
import yaml

from bot.normalisers.answer import normalise_answer
from bot.normalisers.origin import origin_country
from bot.normalisers.places import match_city, normalise_country
from dialogues.interview import load_interview

INTERVIEW = load_interview()
DATA = Path(__file__).parents[2] / "data" / "round2" / "origin_sentences.yml"
CASES = [tuple(line.split("|", 1)) for line in yaml.safe_load(DATA.read_text())["cases"]]


@pytest.mark.parametrize(("expected", "raw"), CASES)
def test_country_of_origin_in_a_sentence(expected, raw):
    result = normalise_answer(INTERVIEW.field("country_of_origin"), raw, "en")
    assert (result.value["code"] if result.ok else "-") == expected


def test_a_transit_country_is_a_school_country():
    # only the origin question reads transit: schools and jobs were where the person lived
    assert normalise_country("I lived in Turkey", "en").value["code"] == "TR"
    assert normalise_answer(INTERVIEW.field("school_country"), "عشت بتركيا", "ar").ok


@pytest.mark.parametrize("raw", ["cable", "Mosel", "Kurs", "Berlin", "ok", "суми", "мазар",
                                 "قم", "dera"])
def test_ordinary_words_are_no_cities(raw):
    assert match_city(raw) is None


def test_cities_of_two_countries_are_asked_again():
    assert origin_country("Aleppo oder Kabul") is None


# Written by the integrating engineer (2026-12-07): the people of a country in Russian and
# Ukrainian, and a city's name in another case, at the origin question.
@pytest.mark.parametrize(("raw", "lang", "code"), [
    ("ми українці, жили рік у Польщі", "uk", "UA"), ("мы сирийцы", "ru", "SY"),
    ("афганка я", "ru", "AF"), ("я з Маріуполя", "uk", "UA"), ("иракцы, из Мосула", "ru", "IQ"),
])
def test_origin_from_the_people_or_a_city_in_another_case(raw, lang, code):
    assert origin_country(raw) == code


@pytest.mark.parametrize(("raw", "lang", "code"), [
    # where people worked on the way: the Gulf, Europe; a Turkish ending on a two-word name
    ("3 years in Abu Dhabi", "en", "AE"), ("في جدة بمطعم", "ar", "SA"),
    ("Suudi Arabistanda calistim", "tr", "SA"), ("в Варшаве на стройке", "ru", "PL"),
    ("у Варшаві на складі", "uk", "PL"),
])
def test_a_job_country_named_by_a_city_or_with_a_turkish_ending(raw, lang, code):
    assert normalise_country(raw, lang).value["code"] == code


@pytest.mark.parametrize(("expected", "raw"), [
    ("IQ", "من البصرة اصلا، بس عشنا خمس سنين بالاردن"),
    ("AF", "از مزار شریف هستم ولی در ایران بزرگ شدم"),
    ("IR", "Schule in Isfahan, bin aber Afghanin"),
    ("PK", "we went to a small school in Karachi, the teachers were Afghan"),
    ("KG", "работал в Бишкеке на стройке, потом в Москве"),
])
def test_the_first_clause_that_names_a_place_decides(expected, raw):
    assert normalise_country(raw, "en").value["code"] == expected


# Written by the integrating engineer (round 5): in one clause a city outweighs the word for a
# people ("Afghan" is also typed for the country), which still names it alone.
@pytest.mark.parametrize(("expected", "raw"), [
    ("PK", "I went to an Afghan school in Peshawar"),
    ("AF", "Afghan"),
    ("AF", "from afghan, Herat province"),
])
def test_a_city_outweighs_a_people_in_one_clause(expected, raw):
    assert normalise_country(raw, "en").value["code"] == expected


# Written by the integrating engineer (round 6): the country of birth gives way to the one the
# person says they belong to; alone it is the origin.
@pytest.mark.parametrize(("expected", "raw"), [
    ("AF", "born in Pakistan but I am Afghan"),
    ("SY", "ولدت بلبنان بس انا سوري"),
    ("UA", "народився в Росії, паспорт український"),
    ("IQ", "in Syrien geboren, Iraker"),
    ("ER", "born in Asmara"),
])
def test_the_country_of_birth_gives_way_to_the_one_claimed(expected, raw):
    assert origin_country(raw) == expected


def test_a_city_with_a_turkish_case_ending_names_its_country():
    assert normalise_country("Halepte terziydim", "tr").value["code"] == "SY"
