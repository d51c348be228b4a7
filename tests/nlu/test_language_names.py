"""Languages recognised from their names as people type them, in any script."""

import pytest

from dialogues.languages import CODES, native_name
from nlu.language_names import (
    COMMON_LANGUAGES,
    language_name,
    match_language,
    match_languages,
)

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


# The languages newcomers speak, typed as people type them in the interface languages:
# CLDR names, endonyms, colloquial names, transliterations, with and without diacritics.
NEWCOMER_LANGUAGES_TYPED = [
    ("Arabisch", "ar"), ("اللغة العربية", "ar"), ("Arabe", "ar"), ("арабська", "ar"),
    ("Kurdisch", "ku"), ("کوردی", "ku"), ("Kürtçe", "ku"), ("курдська", "ku"),
    ("Kurmandschi", "kmr"), ("Kurmancî", "kmr"), ("kurdî (kurmancî)", "kmr"),
    ("Kurdisch (Kurmanci)", "kmr"), ("کرمانجی", "kmr"),
    ("Soranî", "ckb"), ("سۆرانی", "ckb"), ("Kurdish (Sorani)", "ckb"), ("کوردی سۆرانی", "ckb"),
    ("Zentralkurdisch", "ckb"), ("Central Kurdish", "ckb"), ("сорані", "ckb"),
    ("Farsi", "fa"), ("زبان فارسی", "fa"), ("фарси", "fa"), ("الفارسية", "fa"),
    ("Dari", "prs"), ("فارسی دری", "prs"), ("الدارية", "prs"), ("Persisch (Dari)", "prs"),
    ("Hazaragi", "haz"), ("هزارگی", "haz"),
    ("Paschto", "ps"), ("Pashto", "ps"), ("Pushto", "ps"), ("پښتو", "ps"), ("Peştuca", "ps"),
    ("البشتو", "ps"),
    ("Tigrinja", "ti"), ("Tigrigna", "ti"), ("ትግርኛ", "ti"), ("тигринья", "ti"),
    ("Tigrinya dili", "ti"), ("التغرينية", "ti"), ("Tigre", "tig"), ("ትግረ", "tig"),
    ("Somalisch", "so"), ("af Soomaali", "so"), ("сомалі", "so"), ("Somalice", "so"),
    ("Amharisch", "am"), ("አማርኛ", "am"), ("амхарский", "am"), ("Amharca", "am"),
    ("Afaan Oromoo", "om"),
    ("українська мова", "uk"), ("русский язык", "ru"), ("Français", "fr"), ("francais", "fr"),
    ("Fransızca", "fr"), ("французька", "fr"), ("Urdu", "ur"), ("اردو", "ur"), ("Urduca", "ur"),
    ("Tamil", "ta"), ("தமிழ்", "ta"), ("ქართული", "ka"), ("Gürcüce", "ka"), ("گرجی", "ka"),
    ("Հայերեն", "hy"), ("Ermenice", "hy"), ("армянский", "hy"), ("shqip", "sq"),
    ("Arnavutça", "sq"), ("српски", "sr"), ("srpski", "sr"), ("Sırpça", "sr"),
    ("română", "ro"), ("Rumence", "ro"), ("български", "bg"), ("Bulgarca", "bg"),
    ("polski", "pl"), ("Lehçe", "pl"), ("Azerice", "az"), ("azərbaycan", "az"),
    ("Tiếng Việt", "vi"), ("中文", "zh"), ("हिन्दी", "hi"), ("Kiswahili", "sw"),
    # declined forms and typing mistakes
    ("арабською", "ar"), ("по-украински", "uk"), ("німецькою", "de"), ("Somalli", "so"),
    ("Amharik", "am"), ("Tigrinia", "ti"), ("Albanich", "sq"), ("Rumänish", "ro"),
]


def test_newcomer_table_is_large():
    assert len(NEWCOMER_LANGUAGES_TYPED) >= 50


@pytest.mark.parametrize(("typed", "code"), NEWCOMER_LANGUAGES_TYPED)
def test_newcomer_languages_typed(typed, code):
    assert match_language(typed) == code


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("code", COMMON_LANGUAGES)
def test_common_languages_are_understood_in_every_interface_language(code, lang):
    # The CLDR name (or ours, where CLDR has none) in each interface language, as shown and
    # as typed; also its own name where CLDR has one.
    name = language_name(code, lang)
    assert name != code, f"no {lang} name for {code}"
    assert match_language(name) == code, f"{name!r} ({lang})"
    assert match_language(name.upper()) == code, f"{name.upper()!r} ({lang})"


@pytest.mark.parametrize(("code", "lang", "name"), [
    ("ckb", "de", "Zentralkurdisch"), ("ti", "ar", "التغرينية"), ("ps", "fa", "پشتو"),
    ("so", "tr", "Somalice"), ("am", "uk", "амхарська"), ("sq", "ru", "албанский"),
    ("ur", "en", "Urdu"), ("haz", "fa", "هزارگی"), ("kmr", "de", "Kurmandschi"),
])
def test_language_name_is_the_cldr_name(code, lang, name):
    assert language_name(code, lang) == name


def test_codes_are_iso_639_1_where_one_exists():
    assert match_language("Kurdisch") == "ku"
    assert match_language("Persisch") == "fa"
    assert match_language("Pashto") == "ps"
    # ISO 639-3 only where there is no two-letter code
    assert match_language("Dari") == "prs"
    assert match_language("Sorani") == "ckb"
    assert match_language("Kurmanji") == "kmr"


@pytest.mark.parametrize("typed", [
    "дані", "yes", "ok", "ja", "nein", "danke", "Berlin", "finish", "finde", "baslama",
    "المهنی", "میدونی", "بله", "نعم", "evet", "да", "так", "gut", "sehr gut", "Muttersprache",
    "Syrien", "Afghanistan", "Kurdistan",
])
def test_ordinary_words_are_no_languages(typed):
    assert match_language(typed) is None


@pytest.mark.parametrize(("raw", "codes"), [
    ("لغتي الام العربي", ["ar"]), ("العربي والكردي", ["ar", "ku"]), ("الفارسي", ["fa"]),
    ("دری، پشتو، یه کمی اردو", ["prs", "ps", "ur"]),
    ("ترکی آذری هم بلدم چون مادرم تبریزیه", ["az"]), ("azeri türkçesi", ["az"]),
    ("Azeri Turkish and Russian", ["az", "ru"]), ("азербайджанский", ["az"]),
    ("ترکی", ["tr"]), ("Türkçe ve Arapça", ["tr", "ar"]),
    ("на русском и немного на английском", ["ru", "en"]), ("говорю на немецком", ["de"]),
    ("перською трохи", ["fa"]), ("لغتي الأم كردية", ["ku"]), ("بحكي تركية وعربية", ["tr", "ar"]),
])
def test_languages_with_articles_cases_and_compound_names(raw, codes):
    # "العربي" with the article, "на немецком" in another case, "ترکی آذری" is Azerbaijani
    assert match_languages(raw) == codes
    assert match_language(raw) == codes[0]


@pytest.mark.parametrize("raw", ["الصفحه", "لهجه", "на работе", "в школу"])
def test_arabic_endings_and_slavic_cases_name_no_language_by_themselves(raw):
    assert match_languages(raw) == []


@pytest.mark.parametrize(("raw", "codes"), [
    # a language named by a noun in another case ("на иврите"), Arabic "to the" glued on
    # ("للعربية"), a Turkish case ending ("türkçeye dön")
    ("ещё говорю на иврите", ["he"]), ("ивритом", ["he"]), ("حول اللغة للعربية", ["ar"]),
    ("tekrar türkçeye dön", ["tr"]), ("almancası yok mu", ["de"]),
    ("на работе", []), ("в Украине", []), ("لتركيا", []),
])
def test_names_in_other_cases_and_with_prepositions(raw, codes):
    assert match_languages(raw) == codes
