"""Languages recognised from their names as people type them, in any script."""

import pytest

from dialogues.languages import CODES, native_name
from nlu.language_names import language_name, match_language

TYPED = {
    "de": ["Deutsch", "deutsch", "German", "Almanca", "almani", "ألماني", "الألمانية",
           "آلمانی", "німецька", "Немецкий", "Deutsh"],
    "en": ["English", "Englisch", "İngilizce", "ingilizce", "الإنجليزية", "انجليزي", "انگلیسی",
           "англійська", "английский", "Englsh"],
    "ar": ["Arabisch", "Arabic", "العربية", "عربي", "عربى", "عربي.", "Arapça", "arapca",
           "арабський", "арабский", "عربی", "Arbic", "3arabi"],
    "fa": ["Persisch", "Persian", "Farsi", "فارسی", "فارسي", "Farsça", "parsi", "персидский",
           "перська", "Persich"],
    "uk": ["Ukrainisch", "Ukrainian", "українська", "украинский", "Ukraynaca", "الأوكرانية",
           "اوکراینی", "Ukranian"],
    "ru": ["Russisch", "Russian", "русский", "російська", "Rusça", "rusca", "الروسية", "روسی",
           "Rusian"],
    "tr": ["Türkisch", "Turkish", "Türkçe", "turkce", "турецкий", "турецька", "التركية",
           "ترکی", "تركي"],
}


@pytest.mark.parametrize(("code", "typed"), [(c, t) for c, names in TYPED.items() for t in names])
def test_interface_languages_typed_in_many_ways(code, typed):
    assert match_language(typed) == code


@pytest.mark.parametrize("typed", ["Dari", "dari", "دری", "دري", "дари", "Darice", "farsi dari"])
def test_dari(typed):
    assert match_language(typed) == "prs"


@pytest.mark.parametrize("typed", ["Kurdisch", "Kurdish", "kurdi", "Kurdî", "کردی", "كردي",
                                   "Kürtçe", "курдский", "الكردية"])
def test_kurdish(typed):
    assert match_language(typed) == "ku"


@pytest.mark.parametrize(("typed", "code"), [
    ("Kurmanji", "kmr"), ("Sorani", "ckb"), ("Paschtu", "ps"), ("pashto", "ps"), ("پشتو", "ps"),
    ("Tigrinya", "ti"), ("ትግርኛ", "ti"), ("Somali", "so"), ("Französisch", "fr"),
    ("Urdu", "ur"), ("Amharisch", "am"), ("Albanisch", "sq"), ("Georgisch", "ka"),
])
def test_other_languages(typed, code):
    assert match_language(typed) == code


@pytest.mark.parametrize(("typed", "code"), [
    ("ich spreche arabisch", "ar"),
    ("Muttersprache: Arabisch", "ar"),
    ("my language is Farsi", "fa"),
])
def test_name_inside_a_sentence(typed, code):
    assert match_language(typed) == code


@pytest.mark.parametrize("typed", ["asdf", "blabla", "xyz", "", "   ", "!!!", "12345", "hallo"])
def test_nonsense(typed):
    assert match_language(typed) is None


def test_allowed_restricts_the_result():
    assert match_language("Arabisch", allowed=CODES) == "ar"
    assert match_language("farsi", allowed=CODES) == "fa"
    assert match_language("Deutsch", allowed=("de", "en")) == "de"
    assert match_language("Russisch", allowed=("de", "en")) is None
    assert match_language("Deutsch", allowed=()) is None


@pytest.mark.parametrize("typed", ["Dari", "Kurdisch", "Französisch", "Paschtu"])
def test_languages_outside_allowed_are_not_matched(typed):
    assert match_language(typed, allowed=CODES) is None


def test_allowed_does_not_turn_a_name_into_a_near_allowed_one():
    # "Dari" is close to no interface language: no fuzzy jump to Arabic or Persian.
    assert match_language("Dari", allowed=("ar", "fa", "de")) is None
    assert match_language("Dari", allowed=("fa", "prs")) == "prs"


@pytest.mark.parametrize(("code", "names"), [
    ("de", {"de": "Deutsch", "en": "German", "ar": "الألمانية", "fa": "آلمانی",
            "uk": "німецька", "ru": "немецкий", "tr": "Almanca"}),
    ("ar", {"de": "Arabisch", "en": "Arabic", "ar": "العربية", "fa": "عربی",
            "uk": "арабська", "ru": "арабский", "tr": "Arapça"}),
    ("prs", {"de": "Dari", "en": "Dari", "ar": "الدارية", "fa": "دری",
             "uk": "дарі", "ru": "дари", "tr": "Darice"}),
    ("ku", {"de": "Kurdisch", "en": "Kurdish", "ar": "الكردية", "fa": "کردی",
            "uk": "курдська", "ru": "курдский", "tr": "Kürtçe"}),
])
def test_language_name_in_each_interface_language(code, names):
    assert {lang: language_name(code, lang) for lang in CODES} == names


@pytest.mark.parametrize("lang", CODES)
def test_each_interface_language_names_itself(lang):
    assert language_name(lang, lang).casefold() == native_name(lang).casefold()


def test_language_name_in_an_unknown_interface_language_is_german():
    assert language_name("ar", "xx") == "Arabisch"


def test_language_name_of_an_unknown_code_is_the_code():
    assert language_name("zz", "de") == "zz"


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("code", [*CODES, "prs", "ku", "kmr", "ckb", "ps", "ti", "so"])
def test_shown_names_are_understood_again(code, lang):
    # A person may type back the name the assistant showed (summary, correction).
    name = language_name(code, lang)
    assert name != code, f"no {lang} name for {code}"
    assert match_language(name) == code, f"{name!r} ({lang})"
