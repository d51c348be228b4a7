"""Checks every typed answer passes before its kind is looked at."""

import pytest

from bot.normalisers.text_quality import (
    check_text,
    clean,
    has_markup,
    has_words,
    is_binary,
    looks_like_mash,
    normalise_digits,
)


def test_arabic_indic_and_persian_digits_become_ascii():
    assert normalise_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalise_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalise_digits("Tel ٠١٥١ / ۲۳۴") == "Tel 0151 / 234"


def test_normalise_digits_leaves_other_text_alone():
    assert normalise_digits("Halle (Saale) 06108") == "Halle (Saale) 06108"


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Ahmad   Ali  ", "Ahmad Ali"),
    ("Ahmad\u00a0Ali", "Ahmad Ali"),
    ("line one\n\tline two", "line one line two"),
    ("Ah\x00mad\x07", "Ahmad"),
    ("Ahmad\u200b", "Ahmad"),  # zero-width space: invisible, not part of the answer
    ("e\u0301", "\u00e9"),  # NFC
    ("", ""),
])
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_clean_keeps_the_persian_zero_width_non_joiner():
    # ZWNJ (U+200C) is part of Persian spelling: "می‌خواهم", "فاطمه‌زهرا". Removing it
    # joins letters that must stay apart and changes the written word.
    assert clean("می\u200cخواهم") == "می\u200cخواهم"


@pytest.mark.parametrize("raw", [
    "<b>Ahmad</b>",
    "<script>alert(1)</script>",
    "< script >",
    "</div>",
    "<!-- comment -->",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    'x onclick = "steal()"',
])
def test_markup_is_recognised(raw):
    assert has_markup(raw)


@pytest.mark.parametrize("raw", [
    "Ahmad",
    "3 < 5",
    "I love Germany <3",
    "12 Jahre Schule, Abitur",
    "Frankfurt (Oder)",
])
def test_plain_text_is_no_markup(raw):
    assert not has_markup(raw)


def test_binary_is_recognised():
    assert is_binary("\x00\x01\x02\x03")
    assert is_binary("abc\x00")
    assert is_binary("ab\x01" * 5)


@pytest.mark.parametrize("raw", ["", "Ahmad", "line\nline\ttab\r\n", "أحمد", "😀"])
def test_text_is_not_binary(raw):
    assert not is_binary(raw)


@pytest.mark.parametrize("raw", ["a", "أ", "Ж", "١", "5", "ok 👍"])
def test_has_words(raw):
    assert has_words(raw)


@pytest.mark.parametrize("raw", ["😀", "👍👍👍", "?!", "🇩🇪 ❤️", "..."])
def test_emoji_and_symbols_are_no_words(raw):
    assert not has_words(raw)


@pytest.mark.parametrize("raw", [
    "asdfgh",
    "qwertz",
    "qwerty",
    "aaaa",
    "jjjjjjj",
    "bcdfgh",  # six letters, no vowel
    "йцукен",
    "фывапр",
    "ضصثقف",
    "شسیبل",
    "asd fgh",  # keyboard run split by a space
])
def test_keyboard_mash_is_recognised(raw):
    assert looks_like_mash(raw)


@pytest.mark.parametrize("raw", [
    "Ahmad Ali",
    "Tischler",
    "Krankenpfleger",
    "Angst",
    "Strumpf",  # consonant-heavy, but has a vowel
    "Kfz-Mechatroniker",
    "Elektriker",
    "Schwimmbad",
    "Hmmm",
    "ok",
    "محمد",
    "Олександр",
    "Şükrü",
])
def test_real_answers_are_not_mash(raw):
    assert not looks_like_mash(raw)


@pytest.mark.parametrize(("raw", "expected"), [
    (None, "invalid.empty"),
    ("", "invalid.empty"),
    ("   ", "invalid.empty"),
    ("\n\t", "invalid.empty"),
    ("\x00\x01\x02", "invalid.not_text"),
    ("a" * 101, "invalid.too_long"),
    ("<b>x</b>", "invalid.html"),
    ("😀😀", "invalid.emoji_only"),
    ("Ahmad", None),
    ("a" * 100, None),
])
def test_check_text(raw, expected):
    assert check_text(raw, 100) == expected


def test_check_text_reports_binary_before_length():
    assert check_text("\x00" * 500, 100) == "invalid.not_text"


def test_check_text_reports_length_before_markup():
    assert check_text("<b>" + "a" * 200 + "</b>", 100) == "invalid.too_long"


@pytest.mark.parametrize("text", ["blablabla", "lololololo", "asdasdasd", "بلابلابلا", "ляляляля",
                                  "hahahaha", "qweqweqwe", "ok blablablabla"])
def test_one_chunk_said_over_and_over_is_mash(text):
    assert looks_like_mash(text)


@pytest.mark.parametrize("text", ["no no no", "да да да", "нет нет нет", "نه نه نه", "Nana",
                                  "Barbara", "Mississippi", "Lolita", "ja ja", "evet evet evet"])
def test_words_said_again_and_names_with_repeated_syllables_are_no_mash(text):
    assert not looks_like_mash(text)
