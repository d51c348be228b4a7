"""Schooling answers: school types of the school's country, years, the highest degree."""

import pytest

from bot.normalisers.schooling import (
    OTHER,
    normalise_higher_education,
    normalise_school_type,
    normalise_school_years,
    rederive_school_years,
    school_type_options,
)
from classifications import schooling


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "uk", "ru", "tr"])
@pytest.mark.parametrize("country", ["SY", "AF", "IQ", "IR", "UA", "ER", "SO", "TR", "RU", "NG", "DE"])
def test_buttons_are_the_types_of_the_country_in_the_persons_language(country, lang):
    options = school_type_options(country, lang)
    ids = [option for option, _ in options]
    assert ids[-1] == OTHER and "no_school" in ids
    assert set(ids[:-1]) == {t.id for t in schooling.school_types(country)}
    assert all(label.strip() for _, label in options)
    assert len({label for _, label in options}) == len(options)


def test_an_unknown_country_gets_the_general_types():
    ids = [option for option, _ in school_type_options("BR", "en")]
    assert ids[:-1] == [t.id for t in schooling.school_types(None)]


def test_a_pressed_button_gives_type_level_and_german_equivalent():
    result = normalise_school_type('/inform{"option":"sy.secondary_general"}', "ar",
                                   "sy.secondary_general", "SY")
    assert result.value == {"country": "SY", "id": "sy.secondary_general",
                            "name_de": schooling.type_label(
                                schooling.school_type("sy.secondary_general"), "de"),
                            "isced": 3, "years": 12, "german_equivalent": "allgemeine_hochschulreife"}


@pytest.mark.parametrize("typed, lang, country, expected", [
    ("الشهادة الثانوية العامة", "ar", "SY", "sy.secondary_general"),
    ("атестат про повну загальну середню освіту", "uk", "UA", "ua.complete"),
    ("Allgemeine Sekundarschule", "de", "SY", "sy.secondary_general"),
    ("3", "de", "UA", "ua.basic"),  # the third button
    ("Andere Schule", "de", "SY", OTHER),
])
def test_typed_names_and_numbers_pick_a_type(typed, lang, country, expected):
    assert normalise_school_type(typed, lang, None, country).value["id"] == expected


@pytest.mark.parametrize("typed", ["Pizza", "", "12", "sy.secondary_general"])
def test_anything_else_asks_again(typed):
    # A button of another country's list is no answer either.
    assert normalise_school_type(typed, "de", "ua.complete" if typed == "12" else None,
                                 "SY").error == "school.not_in_list"


def test_years_decide_whether_the_school_was_completed():
    secondary = {"id": "sy.secondary_general"}
    assert normalise_school_years("12", secondary).value == {
        "years": 12, "completed": True, "isced": 3, "german_equivalent": "allgemeine_hochschulreife"}
    incomplete = normalise_school_years("٩ سنوات", secondary).value
    assert incomplete["completed"] is False and incomplete["isced"] == 2
    assert schooling.german_equivalent_rank(incomplete["german_equivalent"]) \
        < schooling.german_equivalent_rank("allgemeine_hochschulreife")


def test_years_of_another_school_are_kept_for_the_caseworker():
    assert normalise_school_years("10", {"id": OTHER}).value == {
        "years": 10, "completed": None, "isced": None, "german_equivalent": None}


@pytest.mark.parametrize(("typed", "lang"), [
    ("ten and half years", "en"), ("ده سال و نیم", "fa"), ("عشر سنين ونص", "ar"),
    ("десять с половиной лет", "ru"), ("десять з половиною років", "uk"),
    ("on buçuk yıl", "tr"), ("zehneinhalb Jahre", "de"),
])
def test_half_a_school_year_is_kept_whole_and_marked(typed, lang):
    value = normalise_school_years(typed, {"id": OTHER}, lang).value
    assert value["years"] == 10 and value["check"] == "approximate"


@pytest.mark.parametrize("typed", ["viele", "-3", "99", "", "😀"])
def test_impossible_years_ask_again(typed):
    assert normalise_school_years(typed, {"id": "sy.secondary_general"}).error == "invalid.school_years"


@pytest.mark.parametrize("typed, lang, option, expected", [
    ("", "de", "bachelor", {"id": "bachelor", "isced": 6, "name_de": "Bachelor oder gleichwertig"}),
    ("لیسانس", "fa", None, {"id": "bachelor", "isced": 6, "name_de": "Bachelor oder gleichwertig"}),
    ("нет", "ru", None, {"none": True}),
    ("", "tr", "none", {"none": True}),
])
def test_highest_degree(typed, lang, option, expected):
    assert normalise_higher_education(typed, lang, option).value == expected


# Written by the integrating engineer (round 6): the Soviet-style doctorate names its science,
# "неоконченное высшее" is unfinished, a college left after a year is no degree, and "sınıf"
# (class) in a subject's name ("sınıf öğretmenliği", primary teaching) is no year of study.
@pytest.mark.parametrize(("typed", "lang", "expected"), [
    ("кандидат технічних наук", "uk", "doctorate"),
    ("неоконченное высшее, два курса", "ru", "none"),
    ("went to college for engineering, after one year I had to leave", "en", "none"),
    ("lisans, sinif ogretmenligi bolumu", "tr", "bachelor"),
])
def test_degrees_described_in_words(typed, lang, expected):
    value = normalise_higher_education(typed, lang, None).value
    assert ("none" if value.get("none") else value["id"]) == expected


def test_an_unknown_degree_asks_again():
    assert normalise_higher_education("Zauberer", "de", None).error == "invalid.choose_option"


# --- described in words (issue: understand newcomers as they really write) -----------------

DEGREES_IN_WORDS = [
    ("en", "I studied law for 4 years and got my bachelor", "bachelor", None),
    ("ar", "ليسانس حقوق", "bachelor", None),
    ("fa", "لیسانس مهندسی", "bachelor", None),
    ("uk", "магістр", "master", None),
    ("ru", "специалист", "master", None),
    ("tr", "lisans mezunuyum", "bachelor", None),
    ("en", "didn't finish university", "none", "unfinished_degree"),
    ("de", "Abitur und dann Ausbildung", "vocational", None),
    ("tr", "yüksek lisans yaptım", "master", None),
    ("tr", "ön lisans mezunu", "short_tertiary", None),
    ("fa", "فوق لیسانس حسابداری", "master", None),
    ("fa", "فوق دیپلم برق", "short_tertiary", None),
    ("ar", "ماجستير في الأدب", "master", None),
    ("ar", "درست بالجامعة بس ما تخرجت", "none", "unfinished_degree"),
    ("ar", "معهد متوسط سنتين", "short_tertiary", None),
    ("uk", "молодший спеціаліст", "short_tertiary", None),
    ("ru", "техникум", "short_tertiary", None),
    ("ru", "высшее образование", "bachelor", None),
    ("de", "Ich habe eine Ausbildung als Friseurin gemacht", "vocational", None),
    ("de", "Studium abgebrochen", "none", "unfinished_degree"),
    ("en", "PhD in chemistry", "doctorate", None),
    ("en", "bachelor then master in economics", "master", "several_degrees"),
    ("ru", "окончил ПТУ", "vocational", None),
    ("uk", "вища освіта, бакалавр", "bachelor", None),
    ("fa", "دکترا", "doctorate", None),
    ("ar", "دكتوراه بالكيمياء", "doctorate", None),
    ("tr", "üniversiteyi bitirmedim", "none", "unfinished_degree"),
    ("de", "Bachelor in BWL, Master abgebrochen", "bachelor", "several_degrees"),
    ("en", "i went to university in damascus", "bachelor", "inferred_from_words"),
    ("fa", "کارشناسی ارشد دارم", "master", None),
]


@pytest.mark.parametrize(("lang", "typed", "expected", "check"), DEGREES_IN_WORDS)
def test_degree_described_in_words(lang, typed, expected, check):
    value = normalise_higher_education(typed, lang, None).value
    assert value is not None, typed
    assert (value.get("id") or ("none" if value.get("none") else None)) == expected
    assert value.get("check") == check


def test_a_profession_is_no_degree():
    # "doctor" is a job (Arzt), not a doctorate
    assert normalise_higher_education("I am a doctor", "en", None).error == "invalid.choose_option"


SCHOOLS_IN_WORDS = [
    ("tr", "lise mezunuyum", "TR", "tr.lise"),
    ("ar", "ثانوية مهنية", "SY", "sy.secondary_vocational"),
    ("de", "Gymnasium", "DE", "de.abitur"),
    ("ar", "بكالوريا علمي", "SY", "sy.secondary_general"),
    ("ru", "средняя школа", "RU", "ru.secondary"),
    ("uk", "ПТУ", "UA", "ua.vocational"),
    ("tr", "imam hatip lisesi", "TR", "tr.imam_hatip"),
    ("en", "primary school only", "AF", "af.primary"),
    ("ar", "ثانوية شرعية", "SY", "sy.secondary_religious"),
    ("fa", "هنرستان", "IR", "ir.secondary_vocational"),
]


@pytest.mark.parametrize(("lang", "typed", "country", "expected"), SCHOOLS_IN_WORDS)
def test_school_type_described_in_words(lang, typed, country, expected):
    value = normalise_school_type(typed, lang, None, country).value
    assert value["id"] == expected
    assert value["check"] == "inferred_from_words"


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "i never went to school"), ("ar", "ما درست"), ("de", "ich war nie in der Schule"),
    ("tr", "okula gitmedim"), ("ru", "не ходила в школу"), ("fa", "مدرسه نرفتم"), ("uk", "не ходив до школи"),
])
def test_no_school_in_words(lang, typed):
    assert normalise_school_type(typed, lang, None, "SY").value["id"] == "no_school"


YEARS_AT_THE_TYPE_QUESTION = [
    ("en", "I finished 9th grade", "SY", "sy.basic", 9),
    ("uk", "закінчив 11 класів", "UA", "ua.complete", 11),
    ("ru", "9 классов", "RU", "ru.basic", 9),
    ("ar", "الصف التاسع", "SY", "sy.basic", 9),
    ("tr", "8 yıl okudum", "TR", "tr.lower_secondary", 8),
    ("uk", "дев'ять класів", "UA", "ua.basic", 9),
    ("de", "9 Jahre Schule", "SY", "sy.basic", 9),
]


@pytest.mark.parametrize(("lang", "typed", "country", "expected", "years"),
                         YEARS_AT_THE_TYPE_QUESTION)
def test_years_typed_at_the_type_question_pick_the_only_matching_type(
        lang, typed, country, expected, years):
    result = normalise_school_type(typed, lang, None, country)
    assert result.value["id"] == expected
    assert result.value["check"] == "inferred_from_years"
    assert result.also["school_years"]["years"] == years
    assert result.also["school_years"]["completed"] is True


@pytest.mark.parametrize(("lang", "typed", "country"), [
    ("en", "12 years", "SY"), ("ar", "١٢ سنة", "SY"), ("fa", "۱۲ سال درس خواندم", "AF"),
    ("en", "12", "SY"), ("en", "about 12 years", "IQ"),
])
def test_years_that_fit_several_types_are_kept_and_the_type_asked(lang, typed, country):
    result = normalise_school_type(typed, lang, None, country)
    assert result.error == "extraction.school_type_for_years"
    assert result.params == {"years": 12}
    assert result.also["school_years"]["years"] == 12


def test_years_kept_before_the_type_are_compared_once_it_is_chosen():
    noted = normalise_school_type("11 years", "en", None, "SY").also["school_years"]
    assert noted["isced"] is None
    rederived = rederive_school_years({"id": "sy.secondary_general"}, noted)
    assert rederived == {"years": 11, "completed": False, "isced": 2,
                         "german_equivalent": "erster_schulabschluss"}


@pytest.mark.parametrize(("lang", "typed", "years"), [
    ("en", "twelve", 12), ("ar", "تسع سنين", 9), ("fa", "دوازده سال", 12), ("uk", "одинадцять", 11),
    ("ru", "девять лет", 9), ("tr", "on bir yıl", 11), ("de", "zwölf Jahre", 12),
])
def test_school_years_in_words(lang, typed, years):
    assert normalise_school_years(typed, {"id": "sy.secondary_general"}, lang).value["years"] == years


def test_approximate_school_years_are_marked_for_the_caseworker():
    value = normalise_school_years("около 10 лет", {"id": "ru.secondary"}, "ru").value
    assert value["years"] == 10 and value["check"] == "approximate"


# --- degrees in words: negation, "only", unfinished, diplomas, two degrees ------------------

DEGREES_IN_SENTENCES = [
    # only school, no university: none
    ("de", "nur Abitur, keine Uni", "none", None),
    ("en", "only high school no university", "none", None),
    ("ar", "فقط بكالوريا ما دخلت جامعة", "none", None),
    ("fa", "فقط دیپلم دارم دانشگاه نرفتم", "none", None),
    ("uk", "тільки школа, вишу нема", "none", None),
    ("ru", "только школа, в вуз не поступал", "none", None),
    ("tr", "sadece lise, universite yok", "none", None),
    ("tr", "lise bitirdim, üniversite okumadım", "none", None),
    ("en", "I have high school diploma", "none", None),
    ("ar", "بكالوريا", "none", None),  # the Syrian school-leaving exam, no bachelor
    ("fa", "دیپلم ریاضی دارم", "none", None),
    ("de", "kein Studium", "none", None),
    # started and not finished: none, marked
    ("en", "studied law 2 years, stopped because of war", "none", "unfinished_degree"),
    ("ar", "3 سنوات هندسة وما كملت", "none", "unfinished_degree"),
    ("ru", "незаконченное высшее", "none", "unfinished_degree"),
    ("uk", "неповна вища", "none", "unfinished_degree"),
    ("de", "Jura studiert, 2 Jahre, wegen Krieg aufgehört", "none", "unfinished_degree"),
    ("fa", "دو سال دانشگاه رفتم ولی تموم نشد", "none", "unfinished_degree"),
    ("tr", "üniversiteyi yarıda bıraktım", "none", "unfinished_degree"),
    ("en", "I'm still studying, 3rd year", "none", "unfinished_degree"),
    ("ar", "كلية الطب سنة ثالثة", "none", "unfinished_degree"),
    ("ru", "учился в институте 3 года, не закончил", "none", "unfinished_degree"),
    # college and institute diplomas of 2-3 years
    ("uk", "технікум", "short_tertiary", None),
    ("en", "nursing diploma", "short_tertiary", None),
    ("ar", "معهد متوسط", "short_tertiary", None),
    ("en", "institute 2 years", "short_tertiary", None),
    ("fa", "کاردانی", "short_tertiary", None),
    ("tr", "meslek yüksekokulu", "short_tertiary", None),
    ("ru", "училище", "vocational", None),
    ("ar", "ما عندي جامعة بس عندي دبلوم تمريض", "short_tertiary", None),
    ("ru", "высшего нет, есть техникум", "short_tertiary", None),
    ("tr", "üniversite yok ama meslek yüksekokulu bitirdim", "short_tertiary", None),
    ("de", "kein Studium, aber Ausbildung als Tischler", "vocational", None),
    # degrees, also several: the highest completed one
    ("ar", "بكالوريوس", "bachelor", None),
    ("ru", "магистратура", "master", None),
    ("ar", "بكالوريوس وماجستير", "master", "several_degrees"),
    ("ru", "бакалавр и магистр", "master", "several_degrees"),
    ("en", "I have a bachelor, started master but stopped", "bachelor", "several_degrees"),
    ("ar", "بكالوريوس وبعدين ماجستير بس ما خلصت الماجستير", "bachelor", "several_degrees"),
    ("uk", "бакалавр є, магістратуру не закінчив", "bachelor", "several_degrees"),
    ("fa", "لیسانس دارم، فوق لیسانس نیمه تمام", "bachelor", "several_degrees"),
    ("en", "I have a bachelor not a master", "bachelor", None),
    ("de", "Bachelor, kein Master", "bachelor", None),
    ("tr", "ön lisans, sonra lisans", "bachelor", "several_degrees"),
    ("ar", "انا خريج هندسة مدنية", "bachelor", "inferred_from_words"),
    ("de", "Diplom-Ingenieur", "master", None),
]


@pytest.mark.parametrize(("lang", "typed", "expected", "check"), DEGREES_IN_SENTENCES)
def test_degree_in_a_sentence(lang, typed, expected, check):
    value = normalise_higher_education(typed, lang, None).value
    assert value is not None, typed
    assert (value.get("id") or ("none" if value.get("none") else None)) == expected
    assert value.get("check") == check


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "no idea"), ("de", "weiß nicht"), ("ar", "شو يعني"), ("ru", "я врач"),
    ("fa", "نمی‌دونم"), ("uk", "що це означає?"), ("tr", "anlamadım"),
])
def test_no_degree_words_ask_again(lang, typed):
    assert normalise_higher_education(typed, lang, None).error == "invalid.choose_option"


@pytest.mark.parametrize(("lang", "typed", "country", "expected"), [
    ("ar", "ثانوية عامة", "SY", "sy.secondary_general"),
    ("ar", "اعدادية", "IQ", "iq.preparatory_general"),  # Iraq: the upper secondary school
    ("ar", "متوسطة", "IQ", "iq.intermediate"),
    ("ar", "شهادة الكفاءة", "SY", "sy.basic"),
    ("fa", "دبیرستان تا دیپلم", "IR", "ir.secondary_theoretical"),
    ("uk", "11 класів", "UA", "ua.complete"),
    ("ru", "средняя школа, 11 классов", "RU", "ru.secondary"),
    ("tr", "lise mezunuyum", "TR", "tr.lise"),
    ("de", "Abitur in Syrien", "SY", "sy.secondary_general"),
    ("en", "high school", "SY", "sy.secondary_general"),
    ("ar", "تاسع", "SY", "sy.basic"),  # an ordinal alone is the last class
    ("ar", "للصف السادس", "SY", "sy.primary"),
])
def test_school_type_in_words_and_grades(lang, typed, country, expected):
    assert normalise_school_type(typed, lang, None, country).value["id"] == expected


@pytest.mark.parametrize(("lang", "typed", "country"), [
    ("en", "12 years school", "SY"), ("fa", "دوازده کلاس", "AF"), ("de", "12 Jahre Schule", "SY"),
])
def test_years_in_words_at_the_type_question_are_kept(lang, typed, country):
    result = normalise_school_type(typed, lang, None, country)
    assert result.error == "extraction.school_type_for_years"
    assert result.also["school_years"]["years"] == 12


@pytest.mark.parametrize(("lang", "typed"), [
    ("ar", "شو يعني"), ("en", "what?"), ("ru", "не понял"), ("tr", "bilmiyorum"),
])
def test_no_school_words_at_the_type_question_ask_again(lang, typed):
    assert normalise_school_type(typed, lang, None, "SY").error == "school.not_in_list"


@pytest.mark.parametrize(("lang", "typed", "years"), [
    ("en", "till 9th grade", 9), ("ar", "اثنا عشر", 12), ("fa", "نه سال", 9),
    ("uk", "дев'ять років", 9), ("ru", "одиннадцать классов", 11), ("tr", "sekiz yıl", 8),
    ("de", "neun", 9),
])
def test_more_school_years_in_words(lang, typed, years):
    assert normalise_school_years(typed, {"id": "sy.secondary_general"}, lang).value["years"] == years


@pytest.mark.parametrize(("raw", "lang", "years"), [
    # school told stage by stage adds up
    ("4 Jahre Grundschule, dann 5 Jahre Realschule", "de", 9),
    ("ابتدائي ست سنين واعدادي تلات سنين", "ar", 9),
    ("ilkokul 4 yil, ortaokul 4 yil", "tr", 8),
])
def test_school_years_told_by_stage_add_up(raw, lang, years):
    assert normalise_school_years(raw, None, lang).value["years"] == years


def test_school_and_university_years_do_not_add_up():
    # university is no school stage: two lengths, asked again
    assert not normalise_school_years("12 years school and 4 years university", None, "en").ok
