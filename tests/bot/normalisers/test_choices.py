"""Closed answers: yes/no, one option of a list, a number of years."""

import pytest

from bot.normalisers.choices import normalise_choice, normalise_years, normalise_yes_no
from dialogues import catalogue
from dialogues.interview import load_interview
from dialogues.languages import CODES

INTERVIEW = load_interview()
LEVEL = INTERVIEW.field("spoken_language_level")
GERMAN = INTERVIEW.field("german_level")
CHOICE_FIELDS = [f for f in INTERVIEW.fields if f.kind == "choice"]

# --- yes / no -----------------------------------------------------------------------------

TYPED_YES_NO = [
    ("de", "ja", True), ("de", "Ja!", True), ("de", "JA", True), ("de", "klar", True),
    ("de", "nein", False), ("de", "Nein.", False), ("de", "nee", False),
    ("en", "yes", True), ("en", "Yes", True), ("en", "ok", True),
    ("en", "no", False), ("en", "No.", False), ("en", "nope", False),
    ("ar", "نعم", True), ("ar", "ايوه", True), ("ar", "na3am", True),
    ("ar", "لا", False), ("ar", "la", False),
    ("fa", "بله", True), ("fa", "بلی", True), ("fa", "بلي", True), ("fa", "آره", True),
    ("fa", "نه", False), ("fa", "نخیر", False), ("fa", "نخير", False),
    ("uk", "так", True), ("uk", "Так", True), ("uk", "ні", False), ("uk", "Ні", False),
    ("ru", "да", True), ("ru", "Да", True), ("ru", "нет", False), ("ru", "Нет", False),
    ("tr", "evet", True), ("tr", "EVET", True), ("tr", "hayır", False),
    ("tr", "Hayır", False), ("tr", "HAYIR", False), ("tr", "İstemiyorum", False),
]


@pytest.mark.parametrize(("lang", "raw", "expected"), TYPED_YES_NO)
def test_yes_no_typed(lang, raw, expected):
    assert normalise_yes_no(raw, lang, None, 0.0).value is expected


@pytest.mark.parametrize("lang", CODES)
def test_every_lexicon_word_is_understood(lang):
    for word in catalogue.lexicon(lang, "yes"):
        assert normalise_yes_no(word, lang, None, 0.0).value is True, word
    for word in catalogue.lexicon(lang, "no"):
        assert normalise_yes_no(word, lang, None, 0.0).value is False, word


@pytest.mark.parametrize("lang", CODES)
def test_english_yes_no_work_in_every_language(lang):
    assert normalise_yes_no("yes", lang, None, 0.0).value is True
    assert normalise_yes_no("no", lang, None, 0.0).value is False


@pytest.mark.parametrize(("intent", "expected"), [("affirm", True), ("deny", False)])
def test_yes_no_by_intent(intent, expected):
    assert normalise_yes_no("klar doch, gerne", "de", intent, 0.95).value is expected
    # a hesitant guess ("vielleicht" read as deny) is not an answer
    assert normalise_yes_no("eher so", "de", intent, 0.6).error == "invalid.yes_no"


def test_unsure_intent_is_not_an_answer():
    assert normalise_yes_no("hmm", "de", "affirm", 0.59).error == "invalid.yes_no"
    assert normalise_yes_no("hmm", "de", "deny", 0.1).error == "invalid.yes_no"


def test_other_intents_are_no_answer():
    assert normalise_yes_no("hallo", "de", "greet", 0.99).error == "invalid.yes_no"
    assert normalise_yes_no("vielleicht", "de", None, 0.0).error == "invalid.yes_no"


def test_typed_word_wins_over_the_intent():
    assert normalise_yes_no("nein", "de", "affirm", 0.99).value is False
    assert normalise_yes_no("ja", "de", "deny", 0.99).value is True


# --- one option of a list -------------------------------------------------------------------

@pytest.mark.parametrize("field", CHOICE_FIELDS, ids=lambda f: f.slot)
def test_choice_by_option_id(field):
    for option in field.options:
        assert normalise_choice(field, "", "de", option).value == option


def test_option_id_wins_over_the_text():
    assert normalise_choice(LEVEL, "Ein wenig", "de", "native").value == "native"


def test_unknown_option_id_falls_back_to_the_text():
    assert normalise_choice(GERMAN, "B1", "de", "Z9").value == "B1"
    assert normalise_choice(GERMAN, "", "de", "Z9").error == "invalid.german_level"


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("field", CHOICE_FIELDS, ids=lambda f: f.slot)
def test_choice_by_typed_label(field, lang):
    wrong = {}
    for option in field.options:
        label = catalogue.text(lang, field.option_key(option))
        got = normalise_choice(field, label, lang, None)
        if got.value != option:
            wrong[label] = (option, got.value or got.error)
    assert not wrong, f"label typed -> (expected, got): {wrong}"


@pytest.mark.parametrize(("raw", "expected"), [
    ("b1", "B1"), ("B1", "B1"), ("a2", "A2"), ("C2", "C2"), ("native", "native"),
])
def test_choice_by_typed_option_id(raw, expected):
    field = LEVEL if expected == "native" else GERMAN
    assert normalise_choice(field, raw, "de", None).value == expected


@pytest.mark.parametrize(("lang", "raw"), [
    ("de", "Muttersprache"), ("de", "muttersprache"), ("de", "sehr gut"), ("de", "Alltag"),
    ("ar", "اللغة الأم"), ("ru", "родной"), ("tr", "ana dil"),
])
def test_level_by_typed_words(lang, raw):
    assert normalise_choice(LEVEL, raw, lang, None).ok


@pytest.mark.parametrize(("lang", "raw"), [
    ("de", "keine"), ("de", "nichts"), ("de", "kein Deutsch"), ("de", "noch kein deutsch"),
    ("en", "none"), ("en", "nothing"), ("ar", "لا شيء"), ("fa", "هیچ"), ("uk", "немає"),
    ("ru", "ничего"), ("tr", "hiç"),
])
def test_german_level_none(lang, raw):
    assert normalise_choice(GERMAN, raw, lang, None).value == "none"


def test_none_only_for_a_list_with_none():
    assert normalise_choice(LEVEL, "keine", "de", None).error == "invalid.choose_option"


@pytest.mark.parametrize("raw", ["lol", "C3", "ich weiß nicht", "", "asdfgh"])
def test_german_level_not_understood(raw):
    assert normalise_choice(GERMAN, raw, "de", None).error == "invalid.german_level"


@pytest.mark.parametrize("raw", ["lol", "B3", "", "asdfgh"])
def test_language_level_not_understood(raw):
    assert normalise_choice(LEVEL, raw, "de", None).error == "invalid.choose_option"


# --- years ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("5", 5),
    ("5 Jahre", 5),
    ("5 years", 5),
    ("5 лет", 5),
    ("5 yıl", 5),
    ("۵", 5),
    ("٥ سنوات", 5),
    ("۱۲ سال", 12),
    ("2,5", 2.5),
    ("2.5", 2.5),
    ("ca. 3,5 Jahre", 3.5),
    ("0", 0),
    ("60", 60),
    ("10.0", 10),
])
def test_years(raw, expected):
    result = normalise_years(raw)
    assert result.ok, result
    assert result.value == expected
    assert type(result.value) is type(expected)


@pytest.mark.parametrize("raw", [
    "61", "100", "1990",  # out of range; a bare year is no duration
    "viele", "",  # no number
])
def test_years_rejected(raw):
    assert normalise_years(raw).error == "invalid.years"


@pytest.mark.parametrize(("raw", "expected"), [
    # once rejected, now read (issue: understand newcomers as they really write)
    ("zwei", 2), ("fünf Jahre", 5), ("10 Jahre, 3 Monate", 10.25), ("1990-2000", 10),
])
def test_years_in_words_and_spans(raw, expected):
    assert normalise_years(raw, "de").value == expected


def test_a_range_asks_for_one_number():
    assert normalise_years("3 oder 4", "de").error == "extraction.one_number"
