"""Language levels read out of sentences at the two level questions (bot/normalisers/levels.py),
through normalise_choice as the interview calls it."""

import re
from pathlib import Path

import pytest
import yaml

from bot.normalisers.choices import normalise_choice
from bot.normalisers.levels import codes_in, levels_beside_languages
from dialogues import catalogue
from dialogues.interview import load_interview
from dialogues.languages import CODES

INTERVIEW = load_interview()
SPOKEN = INTERVIEW.field("spoken_language_level")
GERMAN = INTERVIEW.field("german_level")


def german(raw, lang):
    return normalise_choice(GERMAN, raw, lang, None)


def spoken(raw, lang):
    return normalise_choice(SPOKEN, raw, lang, None)


@pytest.mark.parametrize(("lang", "raw", "expected"), [
    # English
    ("en", "i think b1", "B1"), ("en", "I have A2 certificate", "A2"), ("en", "b2 i guess", "B2"),
    ("en", "my level is B1+", "B1"), ("en", "passed the a1 exam last year", "A1"),
    ("en", "B 1", "B1"), ("en", "telc B1 in 2023", "B1"),
    # German
    ("de", "ich habe B1 Zertifikat", "B1"), ("de", "hab a2 bestanden", "A2"),
    ("de", "Niveau B1.2", "B1"), ("de", "B2 Prüfung bestanden", "B2"),
    ("de", "mein Deutsch ist C1", "C1"), ("de", "Ich habe das B1-Zertifikat", "B1"),
    # Arabic
    ("ar", "سطحي B1", "B1"), ("ar", "مستواي b1", "B1"), ("ar", "معي شهادة A2", "A2"),
    ("ar", "خلصت B1 بالمدرسة", "B1"), ("ar", "عندي a1 من غوته", "A1"),
    ("ar", "انا B2 الحمدلله", "B2"), ("ar", "mustawai b1", "B1"),
    # Persian / Dari
    ("fa", "سطحم B1 هست", "B1"), ("fa", "مدرک A2 دارم", "A2"), ("fa", "B۱ دارم", "B1"),
    ("fa", "فکر کنم a2", "A2"), ("fa", "امتحان B1 قبول شدم", "B1"),
    # Russian and Ukrainian (Cyrillic А, В, С; Б transliterated)
    ("ru", "у меня А2", "A2"), ("ru", "уровень Б1", "B1"), ("ru", "сдала В1 в прошлом году", "B1"),
    ("ru", "у меня сертификат а1", "A1"), ("ru", "С1 наверно", "C1"),
    ("uk", "в мене В1 сертифікат", "B1"), ("uk", "рівень а2", "A2"), ("uk", "склала Б2", "B2"),
    # Turkish
    ("tr", "B1 seviyesindeyim", "B1"), ("tr", "a2 bitirdim", "A2"), ("tr", "B1'im var", "B1"),
    ("tr", "a1 sertifikam var", "A1"), ("tr", "seviyem b2", "B2"), ("tr", "C1 sinavini gectim", "C1"),
])
def test_german_level_in_a_sentence(lang, raw, expected):
    assert german(raw, lang).value == expected


@pytest.mark.parametrize(("lang", "raw", "expected"), [
    ("en", "i speak it B2", "B2"), ("de", "Englisch so B1", "B1"), ("ar", "انكليزي b1", "B1"),
    ("fa", "انگلیسی A2", "A2"), ("ru", "английский на В2", "B2"), ("tr", "ingilizcem b1", "B1"),
])
def test_spoken_level_in_a_sentence(lang, raw, expected):
    assert spoken(raw, lang).value == expected


@pytest.mark.parametrize(("lang", "raw"), [
    ("en", "mother tongue"), ("en", "its my native language"), ("en", "first language"),
    ("en", "my mother tongue ofc"),
    ("de", "Muttersprache"), ("de", "ist meine muttersprache"), ("de", "bin Muttersprachler"),
    ("ar", "لغتي الأم"), ("ar", "لغتي الام"), ("ar", "عربي لغتي الأم"), ("ar", "هي اللغة الام تبعي"),
    ("fa", "زبان مادری"), ("fa", "زبان مادریمه"), ("fa", "مادریمه"), ("fa", "دری زبان مادری من است"),
    ("uk", "рідна"), ("uk", "це моя рідна мова"), ("uk", "рідною"),
    ("ru", "родной"), ("ru", "это мой родной язык"), ("ru", "я носитель"),
    ("tr", "ana dilim"), ("tr", "anadilim"), ("tr", "kürtçe ana dilim"), ("tr", "anadil"),
])
def test_mother_tongue_in_words(lang, raw):
    assert spoken(raw, lang).value == "native"


@pytest.mark.parametrize(("lang", "raw"), [
    ("en", "Almost like my mother tongue"), ("ar", "تقريبا مثل لغتي الام"),
    ("ru", "почти как родной"), ("tr", "neredeyse ana dilim gibi"),
])
def test_almost_like_the_mother_tongue_is_not_native(lang, raw):
    # the words of the C2 button, typed without the code
    assert spoken(raw, lang).value == "C2"


@pytest.mark.parametrize(("lang", "raw"), [
    ("en", "mother tongue"), ("de", "Muttersprache"), ("ru", "родной"), ("tr", "ana dilim"),
])
def test_mother_tongue_is_no_german_level(lang, raw):
    assert german(raw, lang).value != "native"


@pytest.mark.parametrize(("lang", "raw"), [
    ("en", "no German at all"), ("en", "i dont speak german"), ("en", "not a single word"),
    ("de", "gar kein Deutsch"), ("de", "ich kann überhaupt kein deutsch"),
    ("de", "kann noch kein Wort"),
    ("ar", "ما بعرف ألماني"), ("ar", "ما بحكي الماني ابدا"), ("ar", "ولا كلمة"),
    ("ar", "مابعرف ولا كلمه الماني"), ("ar", "ما بعرف المانية خالص"),
    ("fa", "اصلا بلد نیستم"), ("fa", "آلمانی بلد نیستم"), ("fa", "هیچی آلمانی نمیدونم"),
    ("ru", "вообще не знаю"), ("ru", "не говорю по немецки"), ("ru", "немецкий совсем не знаю"),
    ("uk", "взагалі не знаю"), ("uk", "німецьку не знаю зовсім"),
    ("tr", "hiç bilmiyorum"), ("tr", "almanca bilmiyorum"), ("tr", "hic almanca konusamiyorum"),
])
def test_no_german_at_all(lang, raw):
    assert german(raw, lang).value == "none"


@pytest.mark.parametrize(("lang", "raw"), [
    # two levels or a range: which one?
    ("en", "A2 or B1"), ("en", "between A2 and B1"), ("de", "A2/B1"), ("de", "zwischen a2 und b1"),
    ("ar", "بين A2 و B1"), ("fa", "A2 یا B1"), ("ru", "А2-В1"), ("tr", "a2 ile b1 arasi"),
    # a level said not to be reached
    ("de", "ich habe noch kein B1"), ("en", "not B1 yet"), ("ar", "ما عندي B1"),
    ("fa", "B1 ندارم"), ("ru", "В1 не сдала"), ("uk", "В1 ще не склала"),
    ("tr", "B1 sınavını geçemedim"), ("tr", "b1 alamadim"),
])
def test_unclear_levels_are_asked_again(lang, raw):
    assert german(raw, lang).error == "invalid.german_level"


@pytest.mark.parametrize(("lang", "raw", "level"), [
    # a course still going on: the level below, a guess for the caseworker
    ("de", "ich mache gerade B1", "A2"), ("en", "currently doing b1 course", "A2"),
    ("ru", "сейчас учу В1", "A2"), ("tr", "şu an b1 kursuna gidiyorum", "A2"),
    ("en", "im in the B2 class", "B1"), ("uk", "ходжу на курс А2", "A1"),
    ("de", "A1 Kurs", "A1"),  # an A1 course is some German, not none
])
def test_a_course_in_progress_is_the_level_below(lang, raw, level):
    value = german(raw, lang).value
    assert value == {"level": level, "check": "approximate", "words": raw}


@pytest.mark.parametrize(("lang", "raw", "level"), [
    ("en", "I did A2 and now I am in B1 course", "A2"), ("de", "A2 geschafft, B1 läuft noch", "A2"),
    ("ru", "курс Б1 закончила", "B1"), ("tr", "b1 kursunu bitirdim", "B1"),
    ("de", "ich habe den B2 Kurs gemacht", "B2"),
])
def test_a_finished_course_or_certificate_beside_one_in_progress(lang, raw, level):
    assert german(raw, lang).value == level


# Levels described in words, typed as strangers type them: dialect, transliteration, typos,
# no diacritics. Each is stored as the nearest CEFR level, marked for the caseworker.
DESCRIBED = [
    # English
    ("en", "a little", "A1"), ("en", "I speak it a little", "A1"), ("en", "just a bit", "A1"),
    ("en", "only few words", "A1"), ("en", "i understand but cant speak", "A1"),
    ("en", "I understand it but I can't speak", "A1"), ("en", "basic", "A2"),
    ("en", "so so", "A2"), ("en", "good", "B1"), ("en", "pretty good i think", "B1"),
    ("en", "i can talk with people", "B1"), ("en", "medium", "B1"), ("en", "very good", "B2"),
    ("en", "really good", "B2"), ("en", "fluent", "C1"), ("en", "fluently", "C1"),
    ("en", "like a native", "C1"),
    # German
    ("de", "ein bisschen", "A1"), ("de", "bissl", "A1"), ("de", "nur ein paar wörter", "A1"),
    ("de", "verstehe viel aber kann nicht sprechen", "A1"), ("de", "Grundkenntnisse", "A2"),
    ("de", "so lala", "A2"), ("de", "geht so", "A2"), ("de", "gut", "B1"),
    ("de", "ganz gut eigentlich", "B1"), ("de", "ich komme im Alltag zurecht", "B1"),
    ("de", "sehr gut", "B2"), ("de", "fliessend", "C1"), ("de", "wie ein Muttersprachler", "C1"),
    # Arabic, Levantine, Egyptian, Iraqi; Arabizi
    ("ar", "شوية", "A1"), ("ar", "شويّة بس", "A1"), ("ar", "قليل", "A1"), ("ar", "shwaya", "A1"),
    ("ar", "بفهم بس ما بحكي", "A1"), ("ar", "كم كلمة", "A1"), ("ar", "نص نص", "A2"),
    ("ar", "اساسيات", "A2"), ("ar", "منيح", "B1"), ("ar", "كويس", "B1"), ("ar", "mnih", "B1"),
    ("ar", "متوسط", "B1"), ("ar", "كتير منيح", "B2"), ("ar", "جيد جداً", "B2"),
    ("ar", "زين كلش", "B2"), ("ar", "بطلاقة", "C1"),
    # Persian and Dari; Finglish
    ("fa", "یه کم", "A1"), ("fa", "کمی", "A1"), ("fa", "خیلی کم", "A1"), ("fa", "ye kam", "A1"),
    ("fa", "میفهمم ولی نمیتونم حرف بزنم", "A1"), ("fa", "معمولی", "A2"), ("fa", "خوب", "B1"),
    ("fa", "بد نیست", "B1"), ("fa", "خیلی خوب", "B2"), ("fa", "خيلي خوب", "B2"),
    ("fa", "بسیار خوب", "B2"), ("fa", "kheili khoob", "B2"), ("fa", "روان", "C1"),
    # Ukrainian; Latin letters
    ("uk", "трохи", "A1"), ("uk", "трошки розумію", "A1"), ("uk", "trohy", "A1"),
    ("uk", "розумію але не говорю", "A1"), ("uk", "так собі", "A2"), ("uk", "добре", "B1"),
    ("uk", "непогано", "B1"), ("uk", "дуже добре", "B2"), ("uk", "вільно", "C1"),
    ("uk", "як рідна", "C1"),
    # Russian; Latin letters
    ("ru", "немного", "A1"), ("ru", "чуть-чуть", "A1"), ("ru", "nemnogo", "A1"),
    ("ru", "понимаю но не говорю", "A1"), ("ru", "так себе", "A2"), ("ru", "базовый", "A2"),
    ("ru", "хорошо", "B1"), ("ru", "нормально", "B1"), ("ru", "очень хорошо", "B2"),
    ("ru", "свободно", "C1"), ("ru", "как родной", "C1"),
    # Turkish, with and without Turkish letters
    ("tr", "biraz", "A1"), ("tr", "azicik", "A1"), ("tr", "anliyorum ama konusamiyorum", "A1"),
    ("tr", "idare eder", "A2"), ("tr", "şöyle böyle", "A2"), ("tr", "iyi", "B1"),
    ("tr", "fena degil", "B1"), ("tr", "çok iyi", "B2"), ("tr", "cok iyi", "B2"),
    ("tr", "akıcı", "C1"), ("tr", "ana dilim gibi", "C1"),
]


@pytest.mark.parametrize(("lang", "raw", "level"), DESCRIBED)
def test_level_in_words_is_stored_as_approximate(lang, raw, level):
    for field in (SPOKEN, GERMAN):
        value = normalise_choice(field, raw, lang, None).value
        assert value == {"level": level, "check": "approximate", "words": raw}, (field.slot, value)


def test_every_language_has_described_levels():
    assert {lang for lang, _, _ in DESCRIBED} == set(CODES)


@pytest.mark.parametrize(("lang", "raw"), [
    # two levels: which one?
    ("en", "good or very good"), ("de", "zwischen gut und sehr gut"), ("ar", "منيح او كتير منيح"),
    ("fa", "خوب یا خیلی خوب"), ("ru", "немного или нормально"), ("tr", "iyi ya da çok iyi"),
    ("en", "B1 or B2"), ("uk", "трохи або добре"),
    # negated
    ("en", "not so good"), ("en", "not good"), ("de", "nicht so gut"), ("de", "kein B1"),
    ("ar", "مش منيح"), ("fa", "خوب نیست"), ("ru", "не очень хорошо"), ("uk", "не дуже добре"),
    ("tr", "iyi değil"),
    # "I don't know"
    ("en", "I don't know"), ("de", "ich weiß nicht"), ("ar", "ما بعرف"), ("fa", "نمیدونم"),
    ("tr", "bilmiyorum"), ("ru", "не знаю"), ("uk", "не знаю"),
    ("en", "not my mother tongue"), ("ru", "не родной"),
])
def test_unclear_descriptions_are_asked_again(lang, raw):
    for field in (SPOKEN, GERMAN):
        result = normalise_choice(field, raw, lang, None)
        assert not result.ok, (field.slot, raw, result.value)


@pytest.mark.parametrize(("lang", "raw", "level"), [
    # part of a button label, not a description: a guess at the label's level, marked
    ("de", "Alltag", "B1"), ("en", "work and news", "B2"),
])
def test_a_label_matched_in_part_is_approximate(lang, raw, level):
    assert spoken(raw, lang).value == {"level": level, "check": "approximate", "words": raw}


@pytest.mark.parametrize("lang", CODES)
def test_labels_typed_without_their_code_stay_plain(lang):
    # the button's own words are no guess: "Ich kann über den Alltag sprechen" is B1
    for field in (SPOKEN, GERMAN):
        for option in field.options:
            label = re.sub(r"\s*\([ABC][12]\)", "", catalogue.text(lang, field.option_key(option)))
            assert normalise_choice(field, label, lang, None).value == option, (lang, label)


def test_the_words_kept_are_cleaned_and_bounded():
    assert german("  ein   bisschen\u0000 ", "de").value["words"] == "ein bisschen"
    assert len(german("ein bisschen " + "ja " * 100, "de").value["words"]) == 200


def test_mother_tongue_and_a_code_together_are_asked_again():
    assert spoken("mother tongue, C2", "en").error == "invalid.choose_option"
    assert spoken("Muttersprache aber B2 Zertifikat", "de").error == "invalid.choose_option"


@pytest.mark.parametrize("raw", [
    "I have a 2 year old son", "we came in a 1 way ticket", "Bus 12", "b12 vitamin",
    "ich wohne in C 12", "ab 1. Mai", "С 1 сентября учу немецкий", "в 1 классе", "b 1",
])
def test_letters_and_digits_that_are_no_level(raw):
    assert codes_in(raw) == set()


def test_cyrillic_look_alikes_are_read_as_latin():
    assert codes_in("А1 В2 С1 Б1") == {"A1", "B2", "C1", "B1"}


def _level_cases():
    path = Path(__file__).parents[2] / "data" / "round2" / "levels_in_parts.yml"
    return [tuple(line.split("|", 3)) for line in yaml.safe_load(path.read_text())["cases"]]


@pytest.mark.parametrize(("slot", "lang", "expected", "raw"), _level_cases())
def test_levels_weighed_across_the_parts_of_a_sentence(slot, lang, expected, raw):
    # "~B1": approximate B1; "-": asked again. Speaking counts over writing, a level held over a
    # course going on or an exam failed; "никак", "with a dictionary".
    result = normalise_choice(INTERVIEW.field(slot), raw, lang, None)
    value = result.value if result.ok else "-"
    got = f"~{value['level']}" if isinstance(value, dict) else value
    assert got == expected


@pytest.mark.parametrize(("lang", "raw", "level"), [
    # a level said in Arabic script, letter and number
    ("ar", "عندي شهادة بي تو", "B2"), ("ar", "اي وان بس", "A1"), ("fa", "مدرک ب۲ دارم", "B2"),
    ("fa", "بی یک قبول شدم", "B1"),
    # an exam failed in transliteration, the level held beside it
    ("ru", "B2 provalila, B1 est", "B1"), ("fa", "B2 rad shodam, B1 daram", "B1"),
])
def test_levels_in_other_scripts_and_transliteration(lang, raw, level):
    assert german(raw, lang).value == level


@pytest.mark.parametrize(("lang", "raw", "level"), [
    # "no certificate" is about the paper: the level is a guess
    ("de", "sehr gut, aber kein Zertifikat", "B2"), ("tr", "B2 civari, sertifika yok", "B2"),
    ("ru", "примерно А2", "A2"), ("en", "around B1 i think, no certificate", "B1"),
])
def test_a_level_without_a_certificate_is_approximate(lang, raw, level):
    value = german(raw, lang).value
    assert isinstance(value, dict) and value["level"] == level and value["check"] == "approximate"


@pytest.mark.parametrize(("lang", "raw"), [
    ("en", "nothing so far, the course starts in spring"), ("de", "nichts, warte auf den Kurs"),
    ("uk", "ніяк, курси ще не почалися"), ("tr", "hic, kursa daha baslamadim"),
])
def test_none_said_first_and_explained(lang, raw):
    assert german(raw, lang).value == "none"


@pytest.mark.parametrize(("lang", "raw"), [("de", "nein, nur ein bisschen"),
                                           ("en", "no, only a little")])
def test_a_no_before_a_described_level_is_no_none(lang, raw):
    assert german(raw, lang).value != "none"


# Written by the integrating engineer (round 6): a negation denies the level next to it only
# ("nicht perfekt" narrows "gut"; "говорити не можу" leaves "трохи"); simple sentences are A2;
# a negation about a course leaves the level named beside it.
@pytest.mark.parametrize(("lang", "raw", "expected"), [
    ("de", "gut, aber nicht sehr gut", "~B1"),
    ("uk", "трохи розумію, говорити не можу", "~A1"),
    ("en", "i can say simple sentences", "~A2"),
    ("ru", "говорю простыми фразами", "~A2"),
    ("tr", "iyi değil", "-"),
    ("fa", "خوب نیست", "-"),
    ("ru", "не очень хорошо", "-"),
    ("de", "A2, der B1 Kurs ist noch nicht fertig", "A2"),
    ("fa", "A1 ro gereftam, alan kelase A2 miram", "A1"),
])
def test_a_negation_denies_only_the_level_next_to_it(lang, raw, expected):
    result = german(raw, lang)
    value = result.value if result.ok else "-"
    assert (f"~{value['level']}" if isinstance(value, dict) else value) == expected


# Written by the integrating engineer (round 7, from a hand-run): languages named with their
# levels in one answer keep the words next to them; only an exact level (a code, native) is
# taken, a level in words is asked with its buttons.
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("arabisch Muttersprache, englisch B2", "de", {"ar": "arabisch Muttersprache",
                                                    "en": "englisch B2"}),
    ("persian native and english C1", "en", {"fa": "persian native", "en": "english C1"}),
    ("русский родной, английский немного", "ru", {"ru": "русский родной"}),
    ("ingilizce B2 ve almanca A2", "tr", {"en": "ingilizce B2", "de": "almanca A2"}),
    ("Kurdish, Arabic and some Turkish", "en", {}),
])
def test_levels_said_beside_the_languages(text, lang, expected):
    options = ("native", "C2", "C1", "B2", "B1", "A2", "A1")
    assert levels_beside_languages(text, lang, options) == expected
