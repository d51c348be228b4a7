"""Countries to ISO 3166 codes from names in every interface language; towns in Germany."""

import pytest

from bot.normalisers.places import country_name, normalise_country, normalise_place

COUNTRY_NAMES = [
    # Syria
    ("Syrien", "de", "SY"), ("Syria", "en", "SY"), ("سوريا", "ar", "SY"), ("سوریه", "fa", "SY"),
    ("Сирія", "uk", "SY"), ("Сирия", "ru", "SY"), ("Suriye", "tr", "SY"), ("syrie", "de", "SY"),
    # Afghanistan
    ("Afghanistan", "de", "AF"), ("أفغانستان", "ar", "AF"), ("افغانستان", "fa", "AF"),
    ("Афганістан", "uk", "AF"), ("Афганистан", "ru", "AF"), ("Afganistan", "tr", "AF"),
    # Iraq
    ("Irak", "de", "IQ"), ("Iraq", "en", "IQ"), ("العراق", "ar", "IQ"), ("عراق", "fa", "IQ"),
    ("Ірак", "uk", "IQ"), ("Ирак", "ru", "IQ"), ("Irak", "tr", "IQ"),
    # Iran
    ("Iran", "de", "IR"), ("إيران", "ar", "IR"), ("ایران", "fa", "IR"), ("Іран", "uk", "IR"),
    ("Иран", "ru", "IR"), ("İran", "tr", "IR"),
    # Ukraine
    ("Ukraine", "de", "UA"), ("أوكرانيا", "ar", "UA"), ("اوکراین", "fa", "UA"),
    ("Україна", "uk", "UA"), ("Украина", "ru", "UA"), ("Ukrayna", "tr", "UA"),
    # Russia
    ("Russland", "de", "RU"), ("Russia", "en", "RU"), ("Росія", "uk", "RU"),
    ("Россия", "ru", "RU"), ("Rusya", "tr", "RU"),
    # Türkiye
    ("Türkei", "de", "TR"), ("تركيا", "ar", "TR"), ("ترکیه", "fa", "TR"),
    ("Туреччина", "uk", "TR"), ("Турция", "ru", "TR"), ("Türkiye", "tr", "TR"),
    # more countries people come from
    ("Eritrea", "de", "ER"), ("إريتريا", "ar", "ER"), ("Эритрея", "ru", "ER"),
    ("Somalia", "de", "SO"), ("Libanon", "de", "LB"), ("لبنان", "ar", "LB"),
    ("Ägypten", "de", "EG"), ("مصر", "ar", "EG"), ("Jemen", "de", "YE"), ("اليمن", "ar", "YE"),
    ("Pakistan", "en", "PK"), ("پاکستان", "fa", "PK"), ("Nigeria", "en", "NG"),
    ("Georgien", "de", "GE"), ("Грузия", "ru", "GE"), ("Молдова", "ru", "MD"),
    ("Kosovo", "de", "XK"), ("Südsudan", "de", "SS"), ("Sudan", "de", "SD"),
    ("Deutschland", "de", "DE"), ("Almanya", "tr", "DE"),
]


@pytest.mark.parametrize(("raw", "lang", "code"), COUNTRY_NAMES)
def test_country_names_in_every_interface_language(raw, lang, code):
    result = normalise_country(raw, lang)
    assert result.ok, result
    assert result.value["code"] == code


@pytest.mark.parametrize(("raw", "code"), [
    ("Syrien", "SY"), ("سوريا", "SY"), ("Afghanistan", "AF"), ("Україна", "UA"),
])
def test_names_are_recognised_whatever_the_interface_language(raw, code):
    for lang in ("de", "en", "ar", "fa", "uk", "ru", "tr"):
        assert normalise_country(raw, lang).value["code"] == code


@pytest.mark.parametrize(("raw", "code"), [
    # transliterations and short names
    ("Souria", "SY"), ("suriya", "SY"), ("Sham", "SY"), ("Surya", "SY"), ("süriye", "SY"),
    ("Afganistan", "AF"), ("afqanistan", "AF"), ("Afghanestan", "AF"),
    ("Rossiya", "RU"), ("Ukraina", "UA"), ("Ukrajina", "UA"), ("turkiye", "TR"),
    ("Turkei", "TR"), ("Persia", "IR"), ("USA", "US"), ("UK", "GB"), ("England", "GB"),
    # typing mistakes
    ("Afghanistn", "AF"), ("Afghanstan", "AF"), ("afganstan", "AF"), ("Ukrain", "UA"),
    ("Eritria", "ER"), ("Somaliya", "SO"), ("Syrian", "SY"),
    # case, punctuation, diacritics, tatweel, emoji
    ("SYRIEN", "SY"), ("Syrien!", "SY"), ("سوريا.", "SY"), ("  Irak  ", "IQ"),
    ("ســوريا", "SY"), ("Afghanistan 🇦🇫", "AF"),
    # a sentence around the name
    ("ich komme aus Syrien", "SY"), ("I come from Afghanistan", "AF"), ("من سوريا", "SY"),
])
def test_misspellings_and_transliterations(raw, code):
    result = normalise_country(raw, "de")
    assert result.ok, result
    assert result.value["code"] == code


@pytest.mark.parametrize(("raw", "lang", "code"), [
    # CLDR now calls TR "Türkiye" in English, but people write "Turkey".
    ("Turkey", "en", "TR"),
    # The official Arabic spelling of Syria (used by the Syrian state) and its
    # common keyboard variant, next to "سوريا".
    ("سورية", "ar", "SY"),
    ("سوريه", "ar", "SY"),
    # CLDR only has "Palestinian Territories"; people write the country name.
    ("Palästina", "de", "PS"),
    ("Palestine", "en", "PS"),
    ("فلسطين", "ar", "PS"),
])
def test_common_names_missing_from_cldr(raw, lang, code):
    result = normalise_country(raw, lang)
    assert result.ok, result
    assert result.value["code"] == code


def test_value_carries_the_german_name():
    assert normalise_country("سوريا", "ar").value == {"code": "SY", "name_de": "Syrien"}
    assert normalise_country("Afganistan", "tr").value == {"code": "AF", "name_de": "Afghanistan"}


@pytest.mark.parametrize("raw", ["Narnia", "Atlantis", "asdfgh", "xyz", "", "   ", "!!!", "12345"])
def test_unknown_countries(raw):
    assert normalise_country(raw, "de").error == "invalid.country"


@pytest.mark.parametrize(("code", "lang", "name"), [
    ("SY", "de", "Syrien"), ("SY", "ar", "سوريا"), ("SY", "fa", "سوریه"), ("SY", "ru", "Сирия"),
    ("AF", "uk", "Афганістан"), ("TR", "tr", "Türkiye"), ("IQ", "en", "Iraq"),
])
def test_country_name(code, lang, name):
    assert country_name(code, lang) == name


def test_country_name_in_an_unknown_language_is_german():
    assert country_name("SY", "xx") == "Syrien"


@pytest.mark.parametrize("raw", [
    "Leipzig",
    "Halle (Saale)",
    "Frankfurt am Main",
    "Frankfurt (Oder)",
    "München",
    "Köln",
    "Mülheim an der Ruhr",
    "St. Ingbert",
    "Garmisch-Partenkirchen",
    "Bad Homburg v. d. Höhe",
    "Neustadt a.d. Weinstraße",
    "Freiburg im Breisgau",
    "Ulm",
    "Au",
    "Berlin 10115",
    "لايبزيغ",
    "Лейпциг",
])
def test_towns(raw):
    result = normalise_place(raw)
    assert result.ok, result
    assert result.value == raw


def test_town_spaces_are_cleaned():
    assert normalise_place("  Frankfurt   am Main ").value == "Frankfurt am Main"


@pytest.mark.parametrize("raw", [
    "asdfgh",
    "qwertz",
    "aaaaaa",
    "dfghj",
    "ضصثقف",
    "x",
    "12345",
    "<b>Berlin</b>",
    "Berlin; DROP TABLE",
    "Berlin 😀",
])
def test_not_towns(raw):
    assert normalise_place(raw).error == "invalid.place"
