"""Values inside sentences, typed the way strangers type (issue 12): "I have none" wordings,
dates in words and transliterated months, language requests with a reason, names beside a
birth place or a nickname, years in words and Latin transliteration. Written by the values
helper alongside the code (see tests/SOURCES.md)."""

from datetime import date

import pytest

from bot.normalisers.answer import normalise_answer
from bot.normalisers.dates import parse_birth_date
from bot.normalisers.declines import says_none
from bot.normalisers.names import normalise_name
from bot.normalisers.number_words import spell_out_as_digits
from dialogues.interview import load_interview
from nlu.language_requests import requested_language

INTERVIEW = load_interview()
TODAY = date(2026, 12, 6)

# --- "I have none": experience, "never had a job", transliteration ---------------------------
NO_EXPERIENCE = [
    ("en", "no experience"), ("en", "never had a job"), ("en", "no job before"),
    ("en", "no work experience yet"), ("en", "nope never been employed"),
    ("de", "keine arbeit gehabt"), ("de", "keine Berufserfahrung"), ("de", "hab keine erfahrung"),
    ("de", "noch nie einen job gehabt"), ("de", "bisher keine Arbeitserfahrung"),
    ("ru", "опыта нет"), ("ru", "нет опыта работы"), ("ru", "net opyta"), ("ru", "ne rabotal"),
    ("ru", "nikogda ne rabotala"), ("ru", "никакого опыта"),
    ("uk", "досвіду немає"), ("uk", "не мав роботи"), ("uk", "ni, ne pratsyuvav"),
    ("uk", "досвіду роботи нема"), ("uk", "nemaye dosvidu"),
    ("tr", "is tecrubem yok"), ("tr", "iş deneyimim yok"), ("tr", "daha once isim olmadi"),
    ("tr", "hic calismadim"), ("tr", "tecrübem yok maalesef"),
    ("fa", "na nadaram"), ("fa", "تجربه کاری ندارم"), ("fa", "kar nakardam"),
    ("fa", "hich tajrobe nadaram"), ("fa", "هیچ سابقه کاری ندارم"), ("fa", "ta hala kar nakardam"),
    ("ar", "ma eshtaghalt abadan"), ("ar", "ما عندي خبرة"), ("ar", "ma 3andi khebra"),
    ("ar", "la ma 3ndi"), ("ar", "mashtaghalt abadan"), ("ar", "ما عندي خبرة عملية"),
]
EXPERIENCE_WITH_CONTENT = [
    ("en", "not in Germany, but I drove a taxi in Syria"),
    ("en", "no experience here, in Kabul I was a tailor"),
    ("de", "keine Erfahrung in Deutschland, aber Koch in Damaskus"),
    ("ru", "опыта в Германии нет, дома работал сварщиком"),
    ("uk", "досвіду тут немає, вдома була кухарем"),
    ("tr", "Almanya'da tecrübem yok ama berberdim"),
    ("fa", "در آلمان تجربه ندارم ولی خیاط بودم"),
    ("ar", "ma 3andi khebra hon bas kent najjar"),
    ("ar", "ما عندي خبرة بألمانيا بس كنت نجار بسوريا"),
]


@pytest.mark.parametrize(("lang", "typed"), NO_EXPERIENCE)
def test_no_experience_is_none_at_the_job_question(lang, typed):
    assert says_none(typed, lang, "job_title")
    result = normalise_answer(INTERVIEW.field("job_title"), typed, lang)
    assert result.value == {"none": True}


@pytest.mark.parametrize(("lang", "typed"), EXPERIENCE_WITH_CONTENT)
def test_a_negation_with_real_content_stays_the_persons_text(lang, typed):
    result = normalise_answer(INTERVIEW.field("job_title"), typed, lang)
    assert result.value == typed


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "no experience"), ("ru", "опыта нет"), ("tr", "tecrübem yok"), ("fa", "na nadaram"),
    ("ar", "ma 3andi khebra"), ("de", "keine Erfahrung"), ("uk", "досвіду немає"),
])
def test_no_experience_at_the_years_question_is_zero_years(lang, typed):
    assert normalise_answer(INTERVIEW.field("job_years"), typed, lang).value == 0


@pytest.mark.parametrize(("lang", "typed"), [
    ("ar", "ma 3andi email"), ("fa", "email nadaram"), ("ru", "net pochty"),
    ("uk", "nemaye telefonu"),
])
def test_no_contact_in_latin_letters(lang, typed):
    result = normalise_answer(INTERVIEW.field("contact"), typed, lang)
    assert result.ok and result.value is None


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "man"), ("de", "ne Ausbildung als Koch"), ("en", "na, carpenter"),
])
def test_transliteration_is_not_read_in_english_or_german(lang, typed):
    assert not says_none(typed, lang)


# --- dates in words and transliterated months --------------------------------------------------
DATES = [
    ("de", "vierzehnten Juli neunzehnhundertneunzig", "1990-07-14"),
    ("de", "am einundzwanzigsten März neunzehnhundertachtundachtzig", "1988-03-21"),
    ("de", "geboren am ersten Mai zweitausend", "2000-05-01"),
    ("de", "14 Maerz 1990", "1990-03-14"),
    ("en", "twenty first of may 1990", "1990-05-21"),
    ("en", "ninteen eighty one, 3 june", "1981-06-03"),
    ("en", "3rd of june nineteen eighty one", "1981-06-03"),
    ("en", "the twelfth of march nineteen hundred and ninety", "1990-03-12"),
    ("en", "I was born on the fourteenth of july nineteen ninety in Aleppo", "1990-07-14"),
    ("en", "thirtieth of april 1985", "1985-04-30"),
    ("ru", "16 marta 1989", "1989-03-16"),
    ("ru", "пятнадцатого марта тысяча девятьсот девяностого года", "1990-03-15"),
    ("ru", "rodilsya 5 dekabrya 1987 goda", "1987-12-05"),
    ("ru", "2 sentyabrya 1979", "1979-09-02"),
    ("uk", "16 bereznya 1989", "1989-03-16"),
    ("uk", "двадцять першого березня тисяча дев'ятсот дев'яносто першого", "1991-03-21"),
    ("uk", "народилась 3 lystopada 1995", "1995-11-03"),
    ("tr", "28 subat 1995", "1995-02-28"),
    ("tr", "yirmi sekiz şubat bin dokuz yüz doksan beş", "1995-02-28"),
    ("tr", "on dördüncü mart 1990", "1990-03-14"),
    ("tr", "3 agustos 1988 de dogdum", "1988-08-03"),
    ("ar", "15 adar 1992", "1992-03-15"),
    ("ar", "khamsa w eshreen nisan 1990", "1990-04-25"),
    ("ar", "3 tishreen el awwal 1988", "1988-10-03"),
    ("ar", "ana mawlood 12 7zeran 1993", "1993-06-12"),
    ("ar", "خمسة وعشرين نيسان ألف وتسعمية وتسعين", "1990-04-25"),
    ("ar", "الخامس عشر من آذار عام ألف وتسعمائة واثنين وتسعين", "1992-03-15"),
    ("fa", "12 mordad 1370", "1991-08-03"),
    ("fa", "bist o yek mehr 1370", "1991-10-13"),
    ("fa", "بیست و یکم مهر هزار و سیصد و هفتاد", "1991-10-13"),
    ("fa", "دوازده مرداد هزار و سیصد و شصت و نه", "1990-08-03"),
]


@pytest.mark.parametrize(("lang", "typed", "iso"), DATES)
def test_dates_in_words_and_transliterated_months(lang, typed, iso):
    assert parse_birth_date(typed, lang, TODAY).value == iso


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "nineteen ninety"), ("de", "neunzehnhundertneunzig"), ("ru", "в девяностом году"),
    ("tr", "bin dokuz yüz doksan"), ("fa", "هزار و سیصد و هفتاد"), ("en", "may 1990"),
    ("ru", "marta 1989"),
])
def test_a_year_alone_in_words_is_still_refused(lang, typed):
    assert not parse_birth_date(typed, lang, TODAY).ok


@pytest.mark.parametrize(("lang", "text", "spelled"), [
    ("en", "I have two kids", "I have 2 kids"),
    ("en", "twenty-one", "21"),
    ("de", "zweitausendfünf", "2005"),
    ("fa", "do sal", "do sal"),  # "do" alone is no number
    ("en", "nineteen eighty one", "1981"),
    ("tr", "bin dokuz yüz doksan beş", "1995"),
])
def test_spelled_out_numbers(lang, text, spelled):
    assert spell_out_as_digits(text, lang) == spelled


# --- language requests with a reason or a verb -------------------------------------------------
REQUESTS = [
    ("давайте по-русски, мне так проще", "ru"), ("Englisch bitte, ich verstehe nicht", "en"),
    ("Türkçe yazar mısınız", "tr"), ("can you write in arabic i dont understand german", "ar"),
    ("ممكن تحكي معي عربي", "ar"), ("english please i dont understand", "en"),
    ("ich verstehe kein deutsch, englisch bitte", "en"),
    ("Almanca anlamıyorum, Türkçe yazar mısınız?", "tr"), ("can you speak english", "en"),
    ("please write in english, my german is not good", "en"),
    ("по-русски пожалуйста, я не понимаю немецкий", "ru"),
    ("можна українською, мені так легше", "uk"), ("فارسی لطفا، آلمانی بلد نیستم", "fa"),
    ("بالعربي لو سمحت ما بفهم الماني", "ar"), ("turkce yazabilir misiniz lutfen", "tr"),
    ("kannst du auf arabisch schreiben", "ar"), ("говорите по-русски пожалуйста", "ru"),
    ("ممكن عربي لاني ما بفهم انجليزي", "ar"), ("lutfen turkce konusun", "tr"),
    ("можете писать по-русски?", "ru"),
]
NO_REQUESTS = [
    "I speak Russian and a bit English", "I studied French literature",
    "is there a Turkish speaking lawyer?", "I need a translator for Arabic", "no english please",
    "kein Englisch bitte", "I don't speak English", "I speak English",
    "ich spreche arabisch und deutsch", "my german is not good", "Almanca istiyorum",
    "can you help me find an arabic doctor", "ich verstehe deutsch gut",
    "English and German please", "بدي الماني", "хочу немецкий", "can i learn german here",
    "я говорю по-русски и немного по-украински", "Türkçe ve Kürtçe konuşuyorum",
    "عربي وكردي", "من فارسی و پشتو بلدم",
]


@pytest.mark.parametrize(("text", "code"), REQUESTS)
def test_a_request_with_a_reason_or_a_verb(text, code):
    assert requested_language(text) == code


@pytest.mark.parametrize("text", NO_REQUESTS)
def test_a_language_named_as_content_is_no_request(text):
    assert requested_language(text) is None


# --- names -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "typed"), [
    ("ar", "خلقت ب ١٥ اذار ١٩٩٢ بحلب"), ("ar", "انولدت بحلب سنة ٩٢"), ("de", "ich bin in Aleppo geboren"),
    ("en", "I live in Leipzig"), ("en", "born 1990 in Homs"), ("ru", "родился в Харькове"),
    ("uk", "живу в Лейпцигу"), ("tr", "1990da Istanbulda dogdum"), ("fa", "متولد ۱۳۷۰ کابل"),
])
def test_a_birth_or_home_sentence_is_no_name(lang, typed):
    assert not normalise_name(typed, lang).ok


@pytest.mark.parametrize(("lang", "typed", "name"), [
    ("ar", "اسمي ابو خليل بس اسمي الحقيقي خليل", "خليل"),
    ("en", "they call me Abu Ali but my name is Ali", "Ali"),
    ("en", "everyone calls me Sami, my real name is Samir", "Samir"),
    ("de", "man nennt mich Abu Ahmad aber mein richtiger Name ist Ahmad", "Ahmad"),
    ("ru", "зовите меня Саша, но мое настоящее имя Александр", "Александр"),
    ("tr", "bana Memo derler ama gerçek adım Mehmet", "Mehmet"),
    ("fa", "بهم میگن حاجی ولی اسم اصلی من رضا", "رضا"),
])
def test_the_real_name_over_a_nickname_is_confirmed(lang, typed, name):
    result = normalise_name(typed, lang)
    assert result.value == name and result.confirm


@pytest.mark.parametrize(("lang", "typed", "given", "family"), [
    ("en", "my name is Samir, family name Haddad", "Samir", "Haddad"),
    ("en", "my name is Samir and my surname is Haddad", "Samir", "Haddad"),
    ("de", "Ich heiße Leyla, Nachname Yusuf", "Leyla", "Yusuf"),
    ("ru", "меня зовут Олег, фамилия Петренко", "Олег", "Петренко"),
    ("uk", "мене звати Тарас, прізвище Бойко", "Тарас", "Бойко"),
    ("tr", "adım Ayşe soyadım Yılmaz", "Ayşe", "Yılmaz"),
    ("ar", "اسمي خالد، اسم العائلة الحداد", "خالد", "الحداد"),
    ("fa", "اسمم مریم، فامیلی من رضایی", "مریم", "رضایی"),
])
def test_given_and_family_name_in_one_message(lang, typed, given, family):
    assert normalise_answer(INTERVIEW.field("given_names"), typed, lang).value == given
    assert normalise_answer(INTERVIEW.field("family_name"), typed, lang).value == family


# --- years in words and transliteration --------------------------------------------------------
@pytest.mark.parametrize(("lang", "typed", "years"), [
    ("en", "seven years", 7), ("fa", "هفت سال", 7), ("uk", "сім років", 7), ("tr", "yedi yıl", 7),
    ("en", "half a year", 0.5), ("en", "since 2015", 11), ("en", "from 2010 to 2016", 6),
    ("fa", "دو سال و نیم", 2.5), ("ar", "sab3 snin", 7), ("ar", "5ams snin", 5),
    ("ar", "sene w nos", 1.5), ("fa", "haft sal", 7), ("fa", "do sal o nim", 2.5),
    ("ru", "sem let", 7), ("ru", "pyat let", 5), ("uk", "sim rokiv", 7), ("ar", "3years", 3),
    ("tr", "yedi yil calistim", 7), ("ru", "около пяти лет", 5),
])
def test_years_in_words(lang, typed, years):
    assert normalise_answer(INTERVIEW.field("job_years"), typed, lang).value == years


@pytest.mark.parametrize(("lang", "typed"), [
    ("fa", "i do not know"), ("ru", "sem"), ("ar", "set"), ("fa", "do ta bache daram"),
])
def test_an_everyday_word_is_no_number(lang, typed):
    assert not normalise_answer(INTERVIEW.field("job_years"), typed, lang).ok
