"""Countries to ISO 3166 codes from names in every interface language; towns in Germany."""

from pathlib import Path

import pytest
import yaml

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


# Typed as people type them: endonyms (the country's name in its own main languages, CLDR),
# names in the languages newcomers write, transliterations, declined forms and suffixes.
TYPED_COUNTRIES = [
    # endonyms
    ("Україна", "UA"), ("Türkiye", "TR"), ("ایران", "IR"), ("افغانستان", "AF"), ("ኤርትራ", "ER"),
    ("Soomaaliya", "SO"), ("Россия", "RU"), ("ኢትዮጵያ", "ET"), ("საქართველო", "GE"),
    ("Հայաստան", "AM"), ("Shqipëria", "AL"), ("Shqipëri", "AL"), ("Србија", "RS"),
    ("Srbija", "RS"), ("Azərbaycan", "AZ"), ("Polska", "PL"), ("România", "RO"),
    ("България", "BG"), ("Kosovë", "XK"), ("پاکستان", "PK"), ("இலங்கை", "LK"), ("भारत", "IN"),
    ("Беларусь", "BY"), ("Қазақстан", "KZ"), ("Тоҷикистон", "TJ"), ("Oʻzbekiston", "UZ"),
    ("Sénégal", "SN"), ("Guinée", "GN"), ("Cameroun", "CM"), ("Côte d’Ivoire", "CI"),
    ("Uburundi", "BI"), ("Nijeriya", "NG"), ("Việt Nam", "VN"), ("中国", "CN"),
    ("Kırgızistan", "KG"), ("KIRGIZISTAN", "KG"),
    # Latin-script Arabic and Persian (Arabizi digits, articles)
    ("souriya", "SY"), ("suria", "SY"), ("sham", "SY"), ("al-sham", "SY"), ("3iraq", "IQ"),
    ("al iraq", "IQ"), ("el-iraq", "IQ"), ("afghanistan", "AF"), ("iran", "IR"),
    ("loubnan", "LB"), ("lubnan", "LB"), ("masr", "EG"), ("misr", "EG"), ("falastin", "PS"),
    ("urdun", "JO"), ("al yaman", "YE"), ("soudan", "SD"), ("su3udiya", "SA"),
    ("jazair", "DZ"), ("tounes", "TN"), ("al maghrib", "MA"), ("ana men souria", "SY"),
    # Kurdish, Pashto, Tigrinya, Somali, Urdu names
    ("Sûriye", "SY"), ("Îraq", "IQ"), ("عێراق", "IQ"), ("سووریا", "SY"), ("ئێران", "IR"),
    ("ሶርያ", "SY"), ("Suuriya", "SY"), ("جرمنی", "DE"), ("Jarmal", "DE"), ("ጀርመን", "DE"),
    # Arabic with and without the article
    ("عراق", "IQ"), ("صومال", "SO"), ("الصومال", "SO"), ("سودان", "SD"),
    # Ukrainian and Russian cases, Turkish and German suffixes
    ("з України", "UA"), ("из России", "RU"), ("з Сирії", "SY"), ("из Сирии", "SY"),
    ("з Іраку", "IQ"), ("из Афганистана", "AF"), ("з Ірану", "IR"), ("Данії", "DK"),
    ("Suriye'den geldim", "SY"), ("Irak'tan", "IQ"), ("Afganistanlıyım", "AF"),
    ("Suriyeliyim", "SY"), ("Iraner", "IR"), ("Iraqi", "IQ"), ("Pakistani", "PK"),
    # typing mistakes (a swap of two letters is one mistake)
    ("Afganistn", "AF"), ("Ukrajna", "UA"), ("Eritera", "ER"), ("Somallia", "SO"),
    ("Lebanonn", "LB"), ("Afghanisthan", "AF"),
    ("Irakk", None),  # five letters or fewer: exactly only
]


def test_typed_country_table_is_large():
    assert len(TYPED_COUNTRIES) >= 60


@pytest.mark.parametrize(("raw", "code"), TYPED_COUNTRIES)
def test_typed_countries(raw, code):
    result = normalise_country(raw, "de")
    if code is None:
        assert result.error == "invalid.country"
    else:
        assert result.ok, result
        assert result.value["code"] == code


@pytest.mark.parametrize("raw", [
    # ordinary words, short ones only exactly: "дані" (data) is no "Данія"
    "дані", "yes", "ok", "Berlin", "ja", "nein", "danke", "hallo", "Leipzig", "Dresden",
    "Mama", "Arbeit", "Schule", "Familie", "Deutsch?", "no", "hello", "maybe", "nothing",
    "begin", "surname", "tschau", "Malinda", "Perücke", "да", "нет", "так", "ні", "дякую",
    "добре", "Далі", "спасибо", "не знаю", "країна", "країна походження", "نعم", "لا", "شكرا",
    "لا أعرف", "امان", "زمان", "بله", "نه", "خیر", "سلام", "نمی دانم", "یوناس", "evet",
    "hayır", "bilmiyorum", "ich weiß nicht", "Mein Name ist Ali", "Ich bin Kurde",
    # continents and regions are no countries, however near a name they are
    "Afrika", "Europa", "Asien", "Kurdistan", "کوردستان", "Arabien",
])
def test_ordinary_words_are_no_countries(raw):
    assert normalise_country(raw, "de").error == "invalid.country"


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


@pytest.mark.parametrize(("raw", "name_de"), [
    ("Leipzig", "Leipzig"),
    ("Halle (Saale)", "Halle (Saale)"),
    ("Frankfurt am Main", "Frankfurt am Main"),
    ("Frankfurt (Oder)", "Frankfurt (Oder)"),
    ("München", "München"),
    ("Köln", "Köln"),
    ("Mülheim an der Ruhr", "Mülheim an der Ruhr"),
    ("St. Ingbert", "Sankt Ingbert"),
    ("Garmisch-Partenkirchen", "Garmisch-Partenkirchen"),
    ("Bad Homburg v. d. Höhe", "Bad Homburg vor der Höhe"),
    ("Neustadt a.d. Weinstraße", "Neustadt an der Weinstraße"),
    ("Freiburg im Breisgau", "Freiburg im Breisgau"),
    ("Ulm", "Ulm"),
    ("Berlin 10115", "Berlin"),
    ("لايبزيغ", "Leipzig"),
    ("Лейпциг", "Leipzig"),
])
def test_towns(raw, name_de):
    result = normalise_place(raw)
    assert result.ok, result
    assert result.value["typed"] == raw
    assert result.value["name_de"] == name_de


def test_town_spaces_are_cleaned():
    assert normalise_place("  Frankfurt   am Main ").value["typed"] == "Frankfurt am Main"


def test_a_village_called_au_is_found_but_checked():
    # Several villages are called Au: the biggest is stored, the caseworker checks it.
    value = normalise_place("Au").value
    assert value["name_de"].startswith("Au") and value["status"] == "uncertain"


# Answers to "Where do you live in Germany?" as newcomers write them, in the seven languages.
ANSWERS = [
    # de
    ("Leipzig", "de", "Leipzig", "14713000"),
    ("ich wohne in Grünau, Leipzig", "de", "Leipzig", "14713000"),
    ("Ich wohne in leipzig", "de", "Leipzig", "14713000"),
    ("Leipzig-Grünau", "de", "Leipzig", "14713000"),
    ("Dresden Neustadt", "de", "Dresden", "14612000"),
    ("Muenchen", "de", "München", "09162000"),
    ("Munchen", "de", "München", "09162000"),
    ("Halle (Saale)", "de", "Halle (Saale)", "15002000"),
    ("04109", "de", "Leipzig", "14713000"),
    ("04109 Leipzig", "de", "Leipzig", "14713000"),
    # en
    ("I live in Leipzig", "en", "Leipzig", "14713000"),
    ("Munich", "en", "München", "09162000"),
    ("Cologne", "en", "Köln", "05315000"),
    ("i live in berlin neukölln", "en", "Berlin", "11000000"),
    ("Nuremberg, Bavaria", "en", "Nürnberg", "09564000"),
    # ar
    ("أعيش في لايبزيغ", "ar", "Leipzig", "14713000"),
    ("لايبزيغ", "ar", "Leipzig", "14713000"),
    ("ساكن في برلين", "ar", "Berlin", "11000000"),
    ("٠٤١٠٩", "ar", "Leipzig", "14713000"),
    ("مدينة هامبورغ", "ar", "Hamburg", "02000000"),
    # fa
    ("لایپزیگ", "fa", "Leipzig", "14713000"),
    ("من در درسدن زندگی می‌کنم", "fa", "Dresden", "14612000"),
    ("درسدن", "fa", "Dresden", "14612000"),
    ("۰۱۰۶۷", "fa", "Dresden", "14612000"),
    ("شهر کلن", "fa", "Köln", "05315000"),
    # uk
    ("живу в Лейпцигу", "uk", "Leipzig", "14713000"),
    ("Дрезден", "uk", "Dresden", "14612000"),
    ("Я зараз живу у Берліні", "uk", "Berlin", "11000000"),
    ("Мюнхен", "uk", "München", "09162000"),
    # ru
    ("Лейпциг", "ru", "Leipzig", "14713000"),
    ("живу в Лейпциге", "ru", "Leipzig", "14713000"),
    ("Кёльн", "ru", "Köln", "05315000"),
    ("в Дрездене", "ru", "Dresden", "14612000"),
    # tr
    ("Leipzig'de yaşıyorum", "tr", "Leipzig", "14713000"),
    ("Münih", "tr", "München", "09162000"),
    ("Berlin’de oturuyorum", "tr", "Berlin", "11000000"),
    ("Kölnde yaşıyorum", "tr", "Köln", "05315000"),
]


@pytest.mark.parametrize(("raw", "lang", "name_de", "ags"), ANSWERS)
def test_answers_are_stored_as_the_official_municipality(raw, lang, name_de, ags):
    result = normalise_place(raw, lang)
    assert result.ok, result
    value = result.value
    assert (value["name_de"], value["ags"]) == (name_de, ags)
    assert value["typed"] == " ".join(raw.split())  # the person's words are kept
    assert value["district"] and value["state"] and len(value["ags"]) == 8


def test_stored_value_shape():
    value = normalise_place("Leipzig", "de").value
    assert value == {"typed": "Leipzig", "name_de": "Leipzig", "ags": "14713000",
                     "district": "kreisfreie Stadt", "state": "Sachsen", "score": 1.0,
                     "via": "name", "near": False, "status": "found"}


@pytest.mark.parametrize(("raw", "lang"), [
    ("near Halle", "en"), ("in der Nähe von Halle", "de"), ("bei Halle", "de"),
    ("قرب هاله", "ar"), ("Галле", "ru"),
])
def test_halle_is_halle_saale(raw, lang):
    assert normalise_place(raw, lang).value["ags"] == "15002000"


def test_near_a_place_is_stored_for_checking():
    value = normalise_place("near Halle", "en").value
    assert value["near"] is True and value["status"] == "uncertain"
    assert value["name_de"] == "Halle (Saale)"


@pytest.mark.parametrize(("raw", "lang"), [("Leipcig", "de"), ("dresdn", "de"), ("Neustadt", "de"),
                                           ("Гильдесхайм", "ru")])
def test_guesses_are_stored_for_checking(raw, lang):
    value = normalise_place(raw, lang).value
    assert value["ags"] and value["status"] == "uncertain"


@pytest.mark.parametrize(("raw", "lang"), [
    ("Aleppo", "en"), ("حلب", "ar"), ("کابل", "fa"), ("Харків", "uk"),
    ("Ich lebe in Zürich bei meinem Onkel", "de"), ("ما زلنا في اسطنبول", "ar"),
])
def test_a_town_abroad_is_asked_again_for_the_town_in_germany(raw, lang):
    assert normalise_place(raw, lang).error == "invalid.place_not_in_germany"


@pytest.mark.parametrize(("raw", "lang"), [
    ("Flüchtlingsheim", "de"), ("noch keine Wohnung", "de"),
])
def test_unknown_places_are_kept_as_typed_and_marked(raw, lang):
    result = normalise_place(raw, lang)
    assert result.ok, result
    assert result.value == {"typed": raw, "status": "unknown"}


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
    "😀",
])
def test_not_towns(raw):
    assert normalise_place(raw).error == "invalid.place"


# --- Leipzig, its region and answers as strangers write them (tests/data/places/answers.yml) ----

_PLACES_DATA = Path(__file__).resolve().parents[2] / "data" / "places" / "answers.yml"
_CASES = yaml.safe_load(_PLACES_DATA.read_text(encoding="utf-8"))["cases"]
_STRANGERS = [(c["message"], c["lang"], c["expect"].get("ags"))
              for c in _CASES if not c["expect"].get("country")]


@pytest.mark.parametrize(("raw", "lang", "ags"), _STRANGERS)
def test_what_strangers_type_is_stored_or_kept_as_typed(raw, lang, ags):
    result = normalise_place(raw, lang)
    assert result.ok, result
    if ags is None:
        assert result.value["status"] == "unknown", result.value
    else:
        assert result.value["ags"] == ags, result.value


@pytest.mark.parametrize(("raw", "lang"), [
    ("Berlin oder Leipzig", "de"), ("zwischen Halle und Leipzig", "de"), ("Leipzig or Dresden", "en"),
    ("Дрезден или Лейпциг", "ru"), ("برلين او لايبزيغ", "ar"), ("Halle ya da Leipzig", "tr"),
])
def test_two_towns_and_no_home_are_asked_again(raw, lang):
    assert normalise_place(raw, lang).error == "invalid.place_several"


@pytest.mark.parametrize(("raw", "lang"), [
    ("Украина", "ru"), ("в Україні", "uk"), ("Deutschland", "de"), ("germany", "en"),
    ("I live in Syria", "en"), ("سوريا", "ar"), ("افغانستان", "fa"), ("Türkiye'de", "tr"),
    *((c["message"], c["lang"]) for c in _CASES if c["expect"].get("country")),
])
def test_a_country_at_the_town_question_is_asked_again_for_the_town(raw, lang):
    assert normalise_place(raw, lang).error == "invalid.place_not_in_germany"


@pytest.mark.parametrize(("raw", "lang"), [
    ("Leipzig, Deutschland", "de"), ("Taucha", "de"), ("Я живу в Лейпциге, Германия", "ru"),
])
def test_a_town_with_its_country_is_the_town(raw, lang):
    assert normalise_place(raw, lang).ok


@pytest.mark.parametrize(("raw", "lang", "name_de"), [
    ("Wohnort: Leipzig", "de", "Leipzig"),
    ("لایپزیگ، گروناو", "fa", "Leipzig"),
    ("Markkleeberg, Landkreis Leipzig", "de", "Markkleeberg"),
    ("I came from Berlin, now I live in Leipzig", "en", "Leipzig"),
    ("Leipzig, Eisenbahnstraße 5", "de", "Leipzig"),
])
def test_sentences_store_the_home(raw, lang, name_de):
    result = normalise_place(raw, lang)
    assert result.ok and result.value["name_de"] == name_de, result


def test_a_part_named_like_a_town_is_stored_for_checking():
    value = normalise_place("Möckern", "de").value
    assert value["name_de"] == "Möckern" and value["status"] == "uncertain"
    assert normalise_place("Möckern, Leipzig", "de").value["status"] == "found"


@pytest.mark.parametrize("raw", ["Landkreis Leipzig", "Wurzner Straße 5", "Georg-Schwarz-Straße 10"])
def test_a_district_or_street_is_kept_as_typed(raw):
    assert normalise_place(raw, "de").value == {"typed": raw, "status": "unknown"}



@pytest.mark.parametrize(("raw", "lang"), [
    # a guess beside another country, a town abroad named beside a German one it is near
    ("Straßburg in Frankreich", "de"), ("Salzbourg'da kaliyoruz, Avusturya", "tr"),
    ("we are in Kreuzlingen near Konstanz, switzerland side", "en"),
    ("в Вильнюсе у брата", "ru"), ("ще в Житомирі, чекаємо", "uk"),
])
def test_a_place_abroad_beside_a_guess_is_asked_again(raw, lang):
    assert normalise_place(raw, lang).error == "invalid.place_not_in_germany"


@pytest.mark.parametrize(("raw", "lang", "ags"), [
    # where the person lives now, not where they are moving; a city's part beside it; a town
    # in a sentence about a camp or a dormitory
    ("jetzt Erfurt, ab März Weimar", "de", "16051000"),
    ("мы в Лейпциге, скоро переезд в Дрезден", "ru", "14713000"),
    ("Dortmund Hörde", "de", "05913000"),
    ("в общежитии в Йене пока", "ru", "16053000"),
    ("Frankfurt an der Oder", "de", "12053000"),
    # a direction from the city is no home in it
    ("Markkleeberg, südlich von Leipzig", "de", "14729260"),
    ("Маркранштедт, это запад от Лейпцига", "ru", "14729270"),
])
def test_home_now_in_a_sentence(raw, lang, ags):
    result = normalise_place(raw, lang)
    assert result.ok and result.value["ags"] == ags, result


@pytest.mark.parametrize(("typed", "town"), [
    ("Leipzig 👍🏽", "Leipzig"), ("wir wohnen in Zwickau ❤️", "Zwickau"), ("Berlin 😀", "Berlin"),
    ("31134, die Straße weiß ich nicht mehr 😅", "Hildesheim"),
])
def test_emoji_beside_a_place_are_left_out(typed, town):
    result = normalise_place(typed, "de")
    assert result.ok and result.value["name_de"] == town
