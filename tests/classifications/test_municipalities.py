"""German municipalities found in what newcomers type: any script, spelling, sentence, postcode."""

import time
from pathlib import Path

import pytest
import yaml

from classifications import municipalities
from classifications.municipalities import cyrillic_to_german, find_municipality, key, label_de, skeleton

LEIPZIG, DRESDEN, HALLE, BERLIN, HAMBURG = "14713000", "14612000", "15002000", "11000000", "02000000"
MUENCHEN, KOELN, NUERNBERG, FRANKFURT = "09162000", "05315000", "09564000", "06412000"

# (what a person typed, interface language, AGS expected). Written as people write: a Syrian
# in Arabic or Arabizi-free Latin, an Afghan in Persian/Dari, Ukrainians and Russians with case
# endings, Turks with suffixes, Germans with umlauts left out, typing mistakes everywhere.
TYPED = [
    # German
    ("Leipzig", "de", LEIPZIG),
    ("leipzig", "de", LEIPZIG),
    ("LEIPZIG", "de", LEIPZIG),
    ("Leipcig", "de", LEIPZIG),
    ("dresdn", "de", DRESDEN),
    ("Muenchen", "de", MUENCHEN),
    ("Munchen", "de", MUENCHEN),
    ("Nuernberg", "de", NUERNBERG),
    ("Koeln", "de", KOELN),
    ("Leipzig-Grünau", "de", LEIPZIG),
    ("Dresden Neustadt", "de", DRESDEN),
    ("Berlin Neukölln", "de", BERLIN),
    ("Neukölln", "de", BERLIN),
    ("Halle (Saale)", "de", HALLE),
    ("Halle/Saale", "de", HALLE),
    ("Halle an der Saale", "de", HALLE),
    ("ich wohne in Grünau, Leipzig", "de", LEIPZIG),
    ("Ich wohne jetzt in Dresden.", "de", DRESDEN),
    ("wohne in 04109 Leipzig", "de", LEIPZIG),
    ("Frankfurt am Main", "de", FRANKFURT),
    ("Frankfurt", "de", FRANKFURT),
    ("Frankfurt (Oder)", "de", "12053000"),
    ("Bad Homburg v. d. Höhe", "de", "06434001"),
    ("Wentorf bei Hamburg", "de", "01053129"),
    ("Mönchengladbach", "de", "05116000"),
    ("Gütersloh", "de", "05754008"),
    ("Guetersloh", "de", "05754008"),
    # postcodes, also in Arabic-Indic and Persian digits
    ("04109", "de", LEIPZIG),
    ("01067", "de", DRESDEN),
    ("٠٤١٠٩", "ar", LEIPZIG),
    ("۰۴۱۰۹", "fa", LEIPZIG),
    ("10115 Berlin", "de", BERLIN),
    # English and other exonyms
    ("I live in Leipzig", "en", LEIPZIG),
    ("Munich", "en", MUENCHEN),
    ("Cologne", "en", KOELN),
    ("Nuremberg", "en", NUERNBERG),
    ("Hanover", "en", "03241001"),
    ("Mnichov", "en", MUENCHEN),
    ("im living in hamburg now", "en", HAMBURG),
    ("Berlin, Germany", "en", BERLIN),
    # Arabic
    ("لايبزيغ", "ar", LEIPZIG),
    ("أعيش في لايبزيغ", "ar", LEIPZIG),
    ("انا ساكن ببرلين", "ar", BERLIN),
    ("ميونخ", "ar", MUENCHEN),
    ("هامبورغ", "ar", HAMBURG),
    ("كولونيا", "ar", KOELN),
    ("دورتموند", "ar", "05913000"),
    ("بادربورن", "ar", "05774032"),
    # Persian / Dari
    ("لایپزیگ", "fa", LEIPZIG),
    ("درسدن", "fa", DRESDEN),
    ("من در درسدن زندگی می‌کنم", "fa", DRESDEN),
    ("هامبورگ", "fa", HAMBURG),
    ("مونیخ", "fa", MUENCHEN),
    ("ساکن شهر کلن هستم", "fa", KOELN),
    # Ukrainian
    ("Лейпциг", "uk", LEIPZIG),
    ("живу в Лейпцигу", "uk", LEIPZIG),
    ("я живу у Дрездені", "uk", DRESDEN),
    ("Берлін", "uk", BERLIN),
    ("Мюнхен", "uk", MUENCHEN),
    ("Падерборн", "uk", "05774032"),
    # Russian
    ("Дрезден", "ru", DRESDEN),
    ("живу в Лейпциге", "ru", LEIPZIG),
    ("Кёльн", "ru", KOELN),
    ("в Кельне", "ru", KOELN),
    ("в Гамбурге", "ru", HAMBURG),
    ("Нюрнберг", "ru", NUERNBERG),
    # Turkish
    ("Leipzig'de yaşıyorum", "tr", LEIPZIG),
    ("Leipzigde yaşıyorum", "tr", LEIPZIG),
    ("Münih", "tr", MUENCHEN),
    ("Köln'de oturuyorum", "tr", KOELN),
    ("Berlin’de yaşıyoruz", "tr", BERLIN),
    ("Hamburgda", "tr", HAMBURG),
    # Latin letters, spelled as heard (Syrians and Afghans writing on a Latin keyboard)
    ("Laibzig", "ar", LEIPZIG),
    ("Berleen", "ar", BERLIN),
    ("Shtutgart", "ar", "08111000"),
    ("Doseldorf", "ar", "05111000"),
    ("Hanofer", "fa", "03241001"),
    ("Erfort", "fa", "16051000"),
    ("Nürnburg", "tr", NUERNBERG),
]


@pytest.mark.parametrize(("typed", "lang", "ags"), TYPED)
def test_what_people_type_is_found(typed, lang, ags):
    match = find_municipality(typed, lang)
    assert match is not None, typed
    assert match.ags == ags, (typed, match)


def test_the_stored_parts_are_official():
    match = find_municipality("Leipzig", "de")
    assert (match.name, match.ags, match.district, match.state) == (
        "Leipzig", LEIPZIG, "kreisfreie Stadt", "Sachsen")
    assert match.via == "name" and match.score == 1.0 and not match.uncertain
    assert find_municipality("Markkleeberg", "de").district == "Landkreis Leipzig"
    assert find_municipality("Hamburg", "de").district == "Stadtstaat"
    assert label_de(match.name, match.district, match.state, match.ags) == \
        "Leipzig (kreisfreie Stadt, Sachsen) · 14713000"


@pytest.mark.parametrize(("typed", "lang"), [
    ("near Halle", "en"), ("bei Halle", "de"), ("in der Nähe von Halle", "de"),
    ("около Лейпцига", "ru"), ("під Лейпцигом", "uk"), ("قرب لايبزيغ", "ar"),
    ("نزدیک لایپزیگ", "fa"), ("Leipzig yakınında", "tr"),
])
def test_near_a_place_is_flagged(typed, lang):
    match = find_municipality(typed, lang)
    assert match is not None and match.near, (typed, match)
    assert match.ags in (HALLE, LEIPZIG)


def test_near_halle_is_halle_saale():
    match = find_municipality("near Halle", "en")
    assert match.ags == HALLE and match.near


def test_in_a_place_is_not_near():
    assert not find_municipality("ich wohne bei Freunden in Leipzig", "de").near
    assert not find_municipality("I live in Leipzig near the station", "en").near
    assert find_municipality("рядом с Лейпцигом", "ru").near
    assert find_municipality("بالقرب من لايبزيغ", "ar").near
    assert not find_municipality("ich wohne in Leipzig", "de").near
    assert not find_municipality("Wentorf bei Hamburg", "de").near  # "bei" is part of the name


@pytest.mark.parametrize("typed", ["Leipcig", "dresdn", "Гильдесхайм", "آیزناخ", "Neustadt",
                                   "Laibzig", "Berleen"])
def test_guesses_are_uncertain(typed):
    match = find_municipality(typed, "de")
    assert match is not None and match.uncertain, match


def test_bigger_place_wins_a_shared_name():
    assert find_municipality("Halle", "de").ags == HALLE  # not Halle (Westf.) or Halle near Holzminden
    assert find_municipality("Frankfurt", "de").ags == FRANKFURT
    assert not find_municipality("Halle", "de").ambiguous
    assert find_municipality("Neustadt", "de").ambiguous  # many Neustadts of similar size


@pytest.mark.parametrize("typed", ["Aleppo", "Kabul", "Damaskus", "Харків", "asdfgh", "حلب",
                                   "I don't know", "12345", "ich wohne hier",
                                   "keine Ahnung", "نمی‌دانم", "не знаю", "bilmiyorum", "Sachsen",
                                   "في ألمانيا", "Bayern", "Germany", "انا ساكن في المانيا",
                                   "سلام", "tamam", "guten Tag", "Schule", "I am a carpenter"])
def test_no_german_municipality(typed):
    assert find_municipality(typed, "de") is None


def test_transliteration_of_unlisted_towns():
    # Not in the curated list of exonyms: found through the consonant skeleton.
    assert find_municipality("شفاينفورت", "ar").ags == "09662000"  # Schweinfurt
    assert find_municipality("Ингольштадт", "ru").ags == "09161000"  # Ingolstadt
    assert find_municipality("Люнебург", "uk").ags == "03355022"  # Lüneburg
    assert find_municipality("Ингольштадт", "ru").via == "transliteration"


def test_folding_and_skeletons():
    assert key("Bad Homburg v. d. Höhe") == "bad homburg v d hohe"
    assert key("Muenchen") == key("München") == "munchen"
    assert skeleton("leipzig") == skeleton("lybzygh", arabic_script=True) == skeleton("leyptsig")
    assert skeleton("hamburg") == skeleton("gamburg")


# Written before the first run of the module and not tuned afterwards: how well it does on
# answers as they come, including hard ones. Reported in the final report as accuracy.
HELD_OUT = [
    ("Chemnitz", "de", "14511000"), ("kemnitz", "de", "14511000"),
    ("ich lebe in magdeburg", "de", "15003000"), ("Magdeburch", "de", "15003000"),
    ("Erfurt Thüringen", "de", "16051000"), ("wohne in gera", "de", "16052000"),
    ("Zwickau", "de", "14524330"), ("Plauen im Vogtland", "de", "14523320"),
    ("Görlitz", "de", "14626110"), ("Bautzen", "de", "14625020"),
    ("I'm in Stuttgart", "en", "08111000"), ("Dusseldorf", "en", "05111000"),
    ("duesseldorf", "de", "05111000"), ("Freiburg", "en", "08311000"),
    ("Heidelberg, Germany", "en", "08221000"), ("Bielefeld", "en", "05711000"),
    ("بيليفيلد", "ar", "05711000"), ("اسكن في مدينة ماغدبورغ", "ar", "15003000"),
    ("ساكن بدورتموند", "ar", "05913000"), ("إيسن", "ar", "05113000"),
    ("كاسل", "ar", "06611000"), ("فرايبورغ", "ar", "08311000"),
    ("بوخوم", "ar", "05911000"), ("هانوفر", "ar", "03241001"),
    ("در هامبورگ زندگی میکنم", "fa", HAMBURG), ("فرانکفورت", "fa", FRANKFURT),
    ("اشتوتگارت", "fa", "08111000"), ("شهر بن", "fa", "05314000"),
    ("کاسل", "fa", "06611000"), ("نورنبرگ", "fa", NUERNBERG),
    ("Я живу в Хемнице", "ru", "14511000"), ("в Магдебурге", "ru", "15003000"),
    ("Эрфурт", "ru", "16051000"), ("Ганновер", "ru", "03241001"),
    ("живу у Франкфурті", "uk", FRANKFURT), ("Штутгарт", "uk", "08111000"),
    ("Бремен", "uk", "04011000"), ("Мюнхені", "uk", MUENCHEN),
    ("Stuttgart'ta yaşıyorum", "tr", "08111000"), ("Dortmundda oturuyoruz", "tr", "05913000"),
    ("Essen'de", "tr", "05113000"), ("Nürnberg", "tr", NUERNBERG),
    ("Hannover'de yasiyorum", "tr", "03241001"), ("Duisburg", "tr", "05112000"),
    ("39104 Magdeburg", "de", "15003000"), ("PLZ 01069", "de", DRESDEN),
    ("٠١٠٦٧", "ar", DRESDEN), ("Leipzich", "de", LEIPZIG),
    ("Berlin-Kreuzberg", "de", BERLIN), ("Hamburg Altona", "de", HAMBURG),
]


def test_accuracy_on_held_out_answers(capsys):
    right = [ags == getattr(find_municipality(typed, lang), "ags", None)
             for typed, lang, ags in HELD_OUT]
    accuracy = sum(right) / len(right)
    with capsys.disabled():
        print(f"\nmunicipality accuracy on {len(HELD_OUT)} held-out answers: {accuracy:.0%}")
    assert accuracy >= 0.85


def test_lookup_is_fast_and_loading_is_quick():
    # CPU time, not wall time: the test machine is shared, and waiting for a core is no cost of
    # this code. Measured figures are in the final report.
    municipalities._index.cache_clear()
    municipalities._skeletons.cache_clear()
    municipalities._postcode_table.cache_clear()
    started = time.process_time()
    municipalities._index()
    municipalities._skeletons()
    municipalities._postcode_table()
    load = time.process_time() - started
    find_municipality.cache_clear()
    inputs = [typed for typed, _, _ in TYPED + HELD_OUT]
    started = time.process_time()
    for typed in inputs:
        find_municipality(typed, "de")
    per_lookup = (time.process_time() - started) / len(inputs)
    assert load < 1.0, load
    assert per_lookup < 0.010, per_lookup


# --- Leipzig and its region, scripts, sentences (data: tests/data/places/*.yml) ---------------

PLACES_DATA = Path(__file__).resolve().parents[1] / "data" / "places"


def _cases(name: str) -> list[tuple[str, str, str | None]]:
    content = yaml.safe_load((PLACES_DATA / name).read_text(encoding="utf-8"))
    return [(c["message"], c["lang"], c["expect"].get("ags")) for c in content["cases"]]


# The 63 Ortsteile of Leipzig's 10 Stadtbezirke (Stadt Leipzig).
LEIPZIG_ORTSTEILE = """Zentrum Zentrum-Ost Zentrum-Südost Zentrum-Süd Zentrum-West Zentrum-Nordwest
Zentrum-Nord Schönefeld-Abtnaundorf Schönefeld-Ost Mockau-Süd Mockau-Nord Thekla Plaußig-Portitz
Neustadt-Neuschönefeld Volkmarsdorf Anger-Crottendorf Sellerhausen-Stünz Paunsdorf Heiterblick
Mölkau Engelsdorf Baalsdorf Althen-Kleinpösna Reudnitz-Thonberg Stötteritz Probstheida Meusdorf
Liebertwolkwitz Holzhausen Südvorstadt Connewitz Marienbrunn Lößnig Dölitz-Dösen Schleußig Plagwitz
Kleinzschocher Großzschocher Knautkleeberg-Knauthain Hartmannsdorf-Knautnaundorf Schönau
Grünau-Ost Grünau-Mitte Grünau-Siedlung Lausen-Grünau Grünau-Nord Miltitz Lindenau Altlindenau
Neulindenau Leutzsch Böhlitz-Ehrenberg Burghausen-Rückmarsdorf Möckern Wahren Lützschena-Stahmeln
Lindenthal Gohlis-Süd Gohlis-Mitte Gohlis-Nord Eutritzsch Seehausen Wiederitzsch""".split()


def test_all_ortsteile_of_leipzig_are_leipzig():
    assert len(LEIPZIG_ORTSTEILE) == 63
    for part in LEIPZIG_ORTSTEILE:
        for typed in (f"Leipzig-{part}", f"{part}, Leipzig", f"ich wohne in Leipzig {part}"):
            assert find_municipality(typed, "de").ags == LEIPZIG, typed
        # Alone: Leipzig, or a municipality of the same name, then marked for checking.
        alone = find_municipality(part, "de")
        if part == "Zentrum":
            assert alone is None  # every town has one
            continue
        assert alone.ags == LEIPZIG or alone.uncertain, (part, alone)
        without_umlauts = part.replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        assert find_municipality(without_umlauts, "de").ags == alone.ags, without_umlauts


@pytest.mark.parametrize(("typed", "lang", "ags"), _cases("answers.yml"))
def test_answers_as_strangers_write_them(typed, lang, ags):
    match = find_municipality(typed, lang)
    if ags is None:
        assert match is None or match.several, (typed, match)
    else:
        assert match is not None and match.ags == ags and not match.several, (typed, match)


def test_accuracy_on_answers_written_after_the_rules(capsys):
    # tests/data/places/unseen.yml was written after the rules were tuned on answers.yml; its
    # first run found 99 of 104 (5 fixed since: ':' and '،', a Russian case ending, joined towns).
    cases = _cases("unseen.yml")
    right = [getattr(find_municipality(typed, lang), "ags", None) == ags for typed, lang, ags in cases]
    with capsys.disabled():
        print(f"\nmunicipality accuracy on {len(cases)} later answers: {sum(right) / len(right):.0%}")
    assert sum(right) / len(right) >= 0.9


@pytest.mark.parametrize(("typed", "ags"), [
    ("Möckern", "15086140"),  # the town in Jerichower Land (12,900 people) ...
    ("Schönefeld", "12061433"),  # ... and the one by Berlin's airport: towns of their own
    ("Lindenau", LEIPZIG),  # the namesake is a village of 750: Leipzig's part
    ("Seehausen", LEIPZIG),
    ("Lindenthal", KOELN),  # a part of Köln and of Leipzig: the bigger city
])
def test_a_part_named_like_a_town_alone_is_checked(typed, ags):
    match = find_municipality(typed, "de")
    assert match.ags == ags and match.ambiguous and match.uncertain


@pytest.mark.parametrize("typed", ["Möckern, Leipzig", "Leipzig-Möckern", "Schönefeld Leipzig",
                                   "Лейпциг, Мёккерн", "Lindenthal Leipzig", "Leipzig Lindenau"])
def test_a_part_named_like_a_town_beside_leipzig_is_leipzig(typed):
    match = find_municipality(typed, "de")
    assert match.ags == LEIPZIG and not match.uncertain, match


@pytest.mark.parametrize(("typed", "ags"), [
    ("Markkleeberg near Leipzig", "14729260"), ("Taucha bei Leipzig", "14730300"),
    ("Landkreis Leipzig, in Borna", "14729050"), ("Borna, Landkreis Leipzig", "14729050"),
    ("Schkeuditz in der Nähe von Leipzig", "14730270"), ("Leipzig yakınında Taucha'da", "14730300"),
    ("Маркклееберг под Лейпцигом", "14729260"), ("تاوخا قرب لايبزيغ", "14730300"),
    ("Grimma, ca. 30 km von Leipzig", "14729160"),
])
def test_a_town_near_leipzig_stays_itself(typed, ags):
    match = find_municipality(typed, "de")
    assert match.ags == ags and not match.near and not match.several, match


@pytest.mark.parametrize(("typed", "ags"), [
    ("I came from Berlin, now I live in Leipzig", LEIPZIG),
    ("Ich komme aus Halle, wohne aber in Leipzig", LEIPZIG),
    ("von Berlin nach Leipzig gezogen", LEIPZIG),
    ("Berlin'den geldim, Leipzig'de yaşıyorum", LEIPZIG),
    ("من برلين، ساكن في لايبزيغ", LEIPZIG),
    ("раньше в Дрездене, сейчас живу в Лейпциге", LEIPZIG),
    ("Ich wohne in Leipzig, arbeite in Halle", LEIPZIG),
    ("Ich wohne in Leipzig, weil meine Familie hier ist", LEIPZIG),  # "weil": Weil am Rhein
    # where the person is going is no home yet
    ("noch Halle, aber bald Leipzig", "15002000"),
    ("мы в Лейпциге, потом переедем в Берлин", LEIPZIG),
    ("Halle'deyiz, Berlin'e taşınacağız", "15002000"),
    ("Leipzig, next month we move to Dresden", LEIPZIG),
])
def test_home_among_several_places(typed, ags):
    match = find_municipality(typed, "de")
    assert match.ags == ags and not match.several, match


@pytest.mark.parametrize("typed", ["Berlin oder Leipzig", "zwischen Halle und Leipzig",
                                   "Leipzig, Halle", "Дрезден или Лейпциг", "برلين او لايبزيغ"])
def test_two_towns_without_a_home_are_several(typed):
    match = find_municipality(typed, "de")
    assert match is not None and match.several and match.uncertain, match


@pytest.mark.parametrize("typed", ["Landkreis Leipzig", "Wurzner Straße 5", "Leipziger Str. 12",
                                   "Eisenbahnstraße", "شارع برلين", "улица Дрезденская",
                                   "Zentrum", "Mitte", "Landkreis Nordsachsen"])
def test_streets_and_districts_are_no_municipality(typed):
    assert find_municipality(typed, "de") is None


def test_the_street_is_not_the_town():
    assert find_municipality("Leipzig, Dresdner Straße 5", "de").ags == LEIPZIG
    assert find_municipality("Taucha, Leipziger Straße 12", "de").ags == "14730300"
    assert find_municipality("Leipzig, Strasse 5", "de").ags == LEIPZIG


def test_cyrillic_spelled_back_into_german():
    assert "leipzig" in cyrillic_to_german(key("Лейпциг"))
    assert "hamburg" in cyrillic_to_german(key("Гамбург"))
    assert "probstheida" in cyrillic_to_german(key("Пробстхайда"))
    assert "darmstadt" in cyrillic_to_german(key("Дармштадт"))
    assert "freiburg" in cyrillic_to_german(key("Фрайбург"))
    assert "wurzen" in cyrillic_to_german(key("Вурцен"))
    assert find_municipality("Вурцен", "uk").ags == "14729410"  # not Viersen, same skeleton


def test_skeletons_of_german_tsch_sounds():
    assert skeleton("delitzsch") == skeleton("delitsch") == skeleton("dlytsh", arabic_script=True)
    assert skeleton("lybzygh", arabic_script=True) == skeleton("leipzig")  # غ keeps its h


def test_joined_towns_by_either_half():
    assert find_municipality("Bitterfeld", "de").ags == "15082015"
    assert find_municipality("Wolfen", "de").ags == "15082015"
    assert find_municipality("Биттерфельд", "ru").ags == "15082015"


@pytest.mark.parametrize(("typed", "ags"), [
    ("04886 Arzberg", "14730010"),  # the Saxon Arzberg, not the bigger one in Bavaria
    ("01945 Lindenau", "12066188"),  # the village the postcode serves, not Leipzig's part
    ("04416 Markkleeberg", "14729260"),
])
def test_a_postcode_chooses_among_namesakes(typed, ags):
    match = find_municipality(typed, "de")
    assert match.ags == ags and not match.uncertain, match


def test_a_postcode_of_another_town_is_asked_about():
    assert find_municipality("04109 Markkleeberg", "de").several  # 04109 is Leipzig's


@pytest.mark.parametrize(("typed", "home"), [
    # where the person lives now, not where they move
    ("noch in der Erstaufnahme in Suhl, Verlegung nach Erfurt kommt", "Suhl"),
    ("поки в Магдебурзі, навесні переїжджаємо в Галле", "Magdeburg"),
    ("هلق بكاسل، ورح ننقل على فرانكفورت بعد الكورس", "Kassel"),
    ("alan Kiel hastim vali mikham beram Hamburg", "Kiel"),
    ("still in Gera, transfer to Jena next month", "Gera"),
    # an earlier place in its own clause is no home, and a month is no town
    ("since May in Rostock, before that a year in the camp at Suhl", "Rostock"),
    ("wohne in Fulda, vorher lange in Gießen", "Fulda"),
    ("Since March I am in Weimar", "Weimar"),
    # round 6: a place said with a past verb or "before" after it; "now" before a transfer
    ("we were in Suhl, now Erfurt", "Erfurt"),
    ("жили в Галле, тепер Магдебург", "Magdeburg"),
    ("Halle vorher, jetzt verlegt nach Dessau-Roßlau", "Dessau-Roßlau"),
])
def test_the_home_among_places_now_before_and_next(typed, home):
    match = find_municipality(typed)
    assert match is not None and match.name == home and not match.several
