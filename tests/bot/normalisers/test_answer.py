"""The dispatcher: every interview field's answer is checked and normalised by its kind."""

import pytest

from bot.normalisers.answer import normalise_answer
from dialogues.interview import Field, load_interview

INTERVIEW = load_interview()
FIELDS = INTERVIEW.fields


def answer(slot, raw, lang="de", **kwargs):
    return normalise_answer(INTERVIEW.field(slot), raw, lang, **kwargs)


@pytest.mark.parametrize(("slot", "raw", "lang", "expected"), [
    ("given_names", "ahmad", "de", "Ahmad"),
    ("family_name", "Al-Khatib", "de", "Al-Khatib"),
    ("date_of_birth", "23.04.1990", "de", "1990-04-23"),
    ("date_of_birth", "٢٣/٠٤/١٩٩٠", "ar", "1990-04-23"),
    ("country_of_origin", "سوريا", "ar", {"code": "SY", "name_de": "Syrien"}),
    ("municipality", "Halle (Saale)", "de",
     {"typed": "Halle (Saale)", "name_de": "Halle (Saale)", "ags": "15002000",
      "district": "kreisfreie Stadt", "state": "Sachsen-Anhalt", "score": 1.0, "via": "name",
      "near": False, "status": "found"}),
    ("contact", "0151 23456789", "de", {"type": "phone", "value": "+4915123456789"}),
    ("contact", "Ahmad@Example.com", "en", {"type": "email", "value": "ahmad@example.com"}),
    ("spoken_language", "Arabisch", "de", {"code": "ar", "name_de": "Arabisch"}),
    ("spoken_language", "دری", "fa", {"code": "prs", "name_de": "Dari"}),
    ("spoken_language_level", "Muttersprache", "de", "native"),
    ("more_languages", "ja", "de", True),
    ("more_languages", "нет", "ru", False),
    ("vocational_training", "  Elektriker,   3 Jahre ", "de", "Elektriker, 3 Jahre"),
    ("school_country", "Suriye", "tr", {"code": "SY", "name_de": "Syrien"}),
    ("vocational_training", "Ausbildung zum Tischler", "de", "Ausbildung zum Tischler"),
    ("job_title", "Tischler", "de", "Tischler"),
    ("job_years", "5 Jahre", "de", 5),
    ("job_years", "۲,۵", "fa", 2.5),
    ("job_country", "Irak", "de", {"code": "IQ", "name_de": "Irak"}),
    ("more_jobs", "evet", "tr", True),
    ("german_level", "B1", "de", "B1"),
    ("german_level", "keine", "de", "none"),
    ("goals", "Ich möchte als Tischler arbeiten.", "de", "Ich möchte als Tischler arbeiten."),
    ("availability", "ab sofort, 30 Stunden", "de", "ab sofort, 30 Stunden"),
])
def test_each_kind(slot, raw, lang, expected):
    result = answer(slot, raw, lang)
    assert result.ok, result
    assert result.value == expected


@pytest.mark.parametrize(("slot", "raw", "error"), [
    ("given_names", "Ahmad123", "invalid.name"),
    ("family_name", "asdfgh", "invalid.mash"),
    ("date_of_birth", "31.02.1990", "invalid.date_impossible"),
    ("date_of_birth", "blabla", "invalid.date_unparsed"),
    ("country_of_origin", "Narnia", "invalid.country"),
    ("municipality", "qwertz", "invalid.place"),
    ("contact", "12345", "invalid.contact"),
    ("spoken_language", "blabla", "invalid.language"),
    ("spoken_language_level", "lol", "invalid.choose_option"),
    ("more_languages", "vielleicht", "invalid.yes_no"),
    ("job_years", "viele", "invalid.years"),
    ("german_level", "lol", "invalid.german_level"),
    ("goals", "asdfgh", "invalid.mash"),
])
def test_each_kind_rejects(slot, raw, error):
    assert answer(slot, raw).error == error


def test_long_free_text_with_a_repeated_letter_is_an_answer():
    text = "Ich möchte als Krankenpfleger arbeiten, das ist soooo wichtig für mich."
    assert answer("goals", text).value == text


def test_yes_no_by_intent():
    assert answer("more_jobs", "klar doch", intent="affirm", confidence=0.95).value is True
    assert answer("more_jobs", "eher nicht", intent="deny", confidence=0.95).value is False


def test_button_option_skips_the_text_checks():
    assert answer("german_level", None, option="B2").value == "B2"
    assert answer("spoken_language_level", "", option="C1").value == "C1"


@pytest.mark.parametrize("raw", [None, "", "   ", "\n"])
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.slot)
def test_empty(field, raw):
    assert normalise_answer(field, raw, "de").error == "invalid.empty"


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.slot)
def test_too_long(field):
    result = normalise_answer(field, "a" * 5000, "de")
    assert result.error == "invalid.too_long"
    assert result.params == {"max": field.max_length}


def test_exactly_max_length_is_not_too_long():
    field = INTERVIEW.field("goals")
    text = ("Ich möchte arbeiten. " * 200)[: field.max_length]
    assert normalise_answer(field, text, "de").ok


@pytest.mark.parametrize("raw", [
    "<script>alert(1)</script>",
    "<b>Ahmad</b>",
    '<a href="https://example.com">Link</a>',
    "javascript:alert(1)",
])
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.slot)
def test_html(field, raw):
    assert normalise_answer(field, raw, "de").error == "invalid.html"


@pytest.mark.parametrize("raw", ["😀", "👍👍👍", "🇩🇪❤️", "🙂 🙂"])
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.slot)
def test_emoji_only(field, raw):
    assert normalise_answer(field, raw, "de").error == "invalid.emoji_only"


@pytest.mark.parametrize("raw", ["\x00\x01\x02\x03\x04", "\x00\x01binary\x02", "\x00"])
@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.slot)
def test_binary(field, raw):
    assert normalise_answer(field, raw, "de").error == "invalid.not_text"


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown answer kind"):
        normalise_answer(Field(slot="x", kind="telepathy"), "hallo", "de")
