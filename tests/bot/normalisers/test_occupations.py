"""The occupation step: candidates found for a described job, and the person's pick."""

import pytest

from bot.normalisers.occupations import (
    MIN_SCORE,
    SEARCH_AGAIN,
    chosen_name,
    normalise_occupation,
    occupation_candidates,
)
from dialogues import catalogue

pytestmark = pytest.mark.usefixtures("occupation_index")


@pytest.mark.parametrize("job, lang, kldb", [
    ("Elektriker", "de", "26212"),
    ("كنت نجار", "ar", "22342"),
    ("кухар", "uk", "29302"),
])
def test_candidates_are_plausible_matches_with_labels(job, lang, kldb):
    candidates = occupation_candidates(job, lang)
    assert 1 <= len(candidates) <= 3
    assert kldb in [c["kldb"] for c in candidates]
    for candidate in candidates:
        assert candidate["score"] >= MIN_SCORE and candidate["query"] == job
        assert candidate["label"] and candidate["title_de"] and len(candidate["kldb"]) == 5
        if lang != "de":  # the German title stays beside the name in the person's language
            assert (candidate["job_title_de"] or candidate["title_de"]) in candidate["label"]


@pytest.mark.parametrize("job", ["😀😀", "asdfgh", ""])
def test_nothing_plausible_for_nonsense(job):
    assert occupation_candidates(job, "de") == []


@pytest.fixture(scope="module")
def offered():
    return occupation_candidates("Koch", "de")


def test_a_pressed_button_stores_the_occupation_without_its_label(offered):
    first = offered[0]
    value = normalise_occupation("", "de", first["kldb"], offered, "Koch").value
    assert value == {k: v for k, v in first.items() if k != "label"}


def test_typing_the_number_or_the_title_picks_it(offered):
    assert normalise_occupation("1", "de", None, offered, "Koch").value["kldb"] == offered[0]["kldb"]
    assert normalise_occupation("١", "ar", None, offered, "Koch").value["kldb"] == offered[0]["kldb"]
    second = offered[1]
    assert normalise_occupation(second["label"], "de", None, offered, "Koch").value["kldb"] \
        == second["kldb"]


def test_none_of_these_keeps_the_words_for_the_caseworker(offered):
    expected = {"none": True, "query": "Koch"}
    assert normalise_occupation("", "de", "none", offered, "Koch").value == expected
    assert normalise_occupation(catalogue.text("de", "occupation.none_of_these"), "de", None,
                                offered, "Koch").value == expected


def test_other_words_are_a_new_description(offered):
    assert normalise_occupation("Ich habe Autos repariert", "de", None, offered, "Koch").error \
        == SEARCH_AGAIN


def test_an_old_button_of_another_list_is_not_a_new_description(offered):
    assert normalise_occupation("", "de", "99999", offered, "Koch").error == "occupation.not_understood"


@pytest.mark.parametrize("lang, name", [("tr", "kuaför"), ("ar", "حلّاق"), ("de", "Friseur/in")])
def test_questions_name_the_chosen_occupation_not_the_typed_sentence(lang, name):
    # "berberdim halepte" (I was a barber in Aleppo) must not be quoted in "How many years did
    # you work as …?": the chosen occupation's everyday name in the person's language is.
    chosen = {"kldb": "82312", "title_de": "Berufe im Friseurgewerbe", "job_title_de": "Friseur/in",
              "query": "berberdim halepte"}
    assert chosen_name(chosen, lang) == name


def test_no_chosen_occupation_has_no_name():
    assert chosen_name({"none": True, "query": "berberdim halepte"}, "tr") is None
    assert chosen_name(None, "tr") is None
    # A code the data no longer knows falls back to the stored German title.
    assert chosen_name({"kldb": "00000", "job_title_de": "Friseur/in"}, "tr") == "Friseur/in"
