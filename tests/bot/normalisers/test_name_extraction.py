"""Names written inside sentences, as people type them: greetings, emoji, dialect, copulas."""

import pytest

from bot.normalisers.answer import normalise_answer
from bot.normalisers.names import normalise_name
from dialogues.interview import load_interview

# (lang, typed, name, confirm)
SENTENCES = [
    ("en", "my name is Samira", "Samira", False),
    ("en", "Hi! My name is Samira 😊", "Samira", False),
    ("en", "hello, i'm samira", "Samira", True),
    ("en", "They call me Sami", "Sami", False),
    ("en", "call me ali pls", "Ali", True),
    ("en", "my names Ahmad", "Ahmad", False),
    ("en", "My first name is Mohammed Ali", "Mohammed Ali", False),
    ("en", "I am Samira and I come from Syria", "Samira", True),
    ("en", "Name: Fatima", "Fatima", False),
    ("en", "its Omar", "Omar", False),
    ("en", "Samira!!", "Samira", False),
    ("en", "👋 Amina", "Amina", False),
    ("de", "Ich heiße Mohammed Ali", "Mohammed Ali", False),
    ("de", "Hallo, mein Name ist Anna Schmidt.", "Anna Schmidt", False),
    ("de", "ich heisse yusuf", "Yusuf", False),
    ("de", "Mein Vorname ist Leyla 🙂", "Leyla", False),
    ("de", "Guten Tag, ich bin Olena", "Olena", True),
    ("de", "man nennt mich Abu Ali", "Abu Ali", False),
    ("de", "Mein Nachname ist Haddad", "Haddad", False),
    ("ar", "اسمي سميرة", "سميرة", False),
    ("ar", "مرحبا انا اسمي سميرة", "سميرة", False),
    ("ar", "انا سميرة من سوريا", "سميرة", True),
    ("ar", "إسمي محمد علي", "محمد علي", False),
    ("ar", "السلام عليكم، اسمي أحمد 🌹", "أحمد", False),
    ("ar", "اسمي هو خالد", "خالد", False),
    ("ar", "عائلتي الحداد", "الحداد", False),
    ("ar", "كنيتي الخطيب", "الخطيب", False),
    ("ar", "بينادوني أبو علي", "أبو علي", False),
    ("fa", "اسم من سمیرا است", "سمیرا", False),
    ("fa", "اسمم علیه", "علی", True),
    ("fa", "سلام، اسمم مریم است 🌸", "مریم", False),
    ("fa", "من سمیرا هستم", "سمیرا", False),
    ("fa", "نام من احمد است", "احمد", False),
    ("fa", "اسمم سمیراست", "سمیرا", True),
    ("fa", "فامیلی من رضایی است", "رضایی", False),
    ("fa", "تخلصم احمدی است", "احمدی", False),
    ("fa", "سلام اسمم زهرا", "زهرا", False),
    ("uk", "мене звати Олена", "Олена", False),
    ("uk", "Моє ім'я Тарас", "Тарас", False),
    ("uk", "Привіт! Мене звуть Оксана 😊", "Оксана", False),
    ("uk", "моє прізвище Шевченко", "Шевченко", False),
    ("uk", "я Наталія", "Наталія", True),
    ("uk", "Добрий день, мене звати Ірина, я з Харкова", "Ірина", True),
    ("ru", "меня зовут Ольга", "Ольга", False),
    ("ru", "Привет! Меня зовут Ольга", "Ольга", False),
    ("ru", "моя фамилия Иванова", "Иванова", False),
    ("ru", "Здравствуйте, моё имя Дмитрий", "Дмитрий", False),
    ("ru", "я Сергей", "Сергей", True),
    ("tr", "adım Ayşe", "Ayşe", False),
    ("tr", "benim adım Mehmet", "Mehmet", False),
    ("tr", "ismim Zeynep", "Zeynep", False),
    ("tr", "Merhaba, ben Ayşe'yim", "Ayşe", False),
    ("tr", "soyadım Yılmaz", "Yılmaz", False),
    ("tr", "adım Elif Nur 🙂", "Elif Nur", False),
    ("tr", "benim ismim ahmet", "Ahmet", False),
    ("tr", "Selam ben Mehmet'im", "Mehmet", False),
]


@pytest.mark.parametrize(("lang", "typed", "name", "confirm"), SENTENCES)
def test_names_out_of_sentences(lang, typed, name, confirm):
    result = normalise_name(typed, lang)
    assert result.ok, (typed, result)
    assert result.value == name
    assert result.confirm is confirm


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "I don't want to tell you"), ("en", "I am from Syria"), ("en", "why do you need it"),
    ("en", "Samira, Leipzig"), ("en", "my name is"), ("de", "ich bin müde"),
    ("de", "das weiß ich nicht"), ("ar", "ليش بدك اسمي"), ("ar", "ما بعرف"),
    ("fa", "چرا اسمم را می‌خواهی"), ("uk", "не знаю"), ("ru", "зачем вам моё имя"),
    ("tr", "neden adımı soruyorsun"), ("en", "Ahmad123"), ("en", "samira@mail.de"),
])
def test_a_sentence_is_never_a_name(lang, typed):
    assert not normalise_name(typed, lang).ok


def test_the_form_entry_point_reads_names_out_of_sentences():
    field = load_interview().field("given_names")
    result = normalise_answer(field, "hello, my name is Samira 😊", "en")
    assert (result.value, result.confirm) == ("Samira", False)
    assert normalise_answer(field, "I am Samira from Aleppo", "en").confirm is True


# Round 2: name phrases in Latin letters (Finglish, Arabizi, transliterated Cyrillic, Turkish
# without its letters), "mine" words after the intro and vocatives after the name.
# (slot, lang, typed, name); the first five are failures of the development set.
IN_SENTENCES = [
    ("family_name", "ar", "الكنية تبعي الحموي، يعني من حماة اصلا", "الحموي"),
    ("family_name", "fa", "famile man Rezaei hast", "Rezaei"),
    ("given_names", "ru", "menya zovut Dilnoza", "Dilnoza"),
    ("family_name", "tr", "soyisim demir abi", "Demir"),
    ("family_name", "uk", "фамілія в мене Коваленко", "Коваленко"),
    ("given_names", "fa", "esmam Maryam hast", "Maryam"),
    ("given_names", "fa", "salam, esme man Hamid ast", "Hamid"),
    ("family_name", "fa", "name khanevadegi Ahmadi", "Ahmadi"),
    ("family_name", "fa", "famil Karimi", "Karimi"),
    ("given_names", "en", "esmam Zahra", "Zahra"),
    ("given_names", "ar", "marhaba, ana esmi Khaled", "Khaled"),
    ("given_names", "ar", "ismi Rana ya habibi", "Rana"),
    ("family_name", "ar", "kenyti Haddad", "Haddad"),
    ("family_name", "ar", "l kunye taba3i Alhamwi", "Alhamwi"),
    ("family_name", "ar", "3ayelti Khatib", "Khatib"),
    ("family_name", "ar", "كنيتي تبعي المصري", "المصري"),
    ("family_name", "ar", "عيلتي الحلبي يعني", "الحلبي"),
    ("given_names", "de", "menja zovut Oleg", "Oleg"),
    ("given_names", "ru", "privet, menya zovut Olga", "Olga"),
    ("family_name", "ru", "moya familiya Petrova", "Petrova"),
    ("family_name", "ru", "фамилия у меня Смирнов", "Смирнов"),
    ("family_name", "ru", "у меня фамилия Орлова", "Орлова"),
    ("given_names", "uk", "mene zvaty Oksana", "Oksana"),
    ("family_name", "uk", "prizvyshche Bondarenko", "Bondarenko"),
    ("family_name", "uk", "в мене прізвище Ткачук", "Ткачук"),
    ("given_names", "tr", "adim Emre kardesim", "Emre"),
    ("given_names", "tr", "benim adim Zeynep", "Zeynep"),
    ("family_name", "tr", "soyadim Yilmaz abla", "Yilmaz"),
    ("family_name", "tr", "soyadı Kaya yani", "Kaya"),
    ("given_names", "en", "ismim Burak bro", "Burak"),
]


@pytest.mark.parametrize(("slot", "lang", "typed", "name"), IN_SENTENCES)
def test_transliterated_intros_and_fillers(slot, lang, typed, name):
    result = normalise_answer(load_interview().field(slot), typed, lang)
    assert result.ok, (typed, result)
    assert result.value == name


@pytest.mark.parametrize(("lang", "typed", "name"), [
    ("en", "Ana Maria", "Ana Maria"),  # "ana" (Arabizi "I") is a name here
    ("tr", "Abi", "Abi"),  # a vocative alone stays: it may be the name
    ("en", "Man", "Man"),
    ("ar", "يعني", None),
    ("ru", "у меня нет фамилии", None),
    ("fa", "esmam ro chera mikhay", None),
])
def test_intro_words_alone_are_not_stripped_into_nothing(lang, typed, name):
    result = normalise_name(typed, lang)
    assert (result.value if result.ok else None) == name


@pytest.mark.parametrize("typed", [
    "bla" * 60, "lo" * 40, "asd" * 30, "blablabla", "hahaha", "lalala", "بلابلابلا",
    "ляляля", "asdf asdf asdf", "qwe qwe qwe", "a" + "b" * 40, "x" * 36,
    "Mohammedalihassanibrahimabdullahkhaled",
])
def test_repeated_chunks_and_overlong_words_are_no_name(typed):
    assert not normalise_name(typed, "en").ok


@pytest.mark.parametrize("typed", ["Nana", "Lulu", "Bob", "Anna", "Mimi", "Lolita",
                                   "Tatiana", "Barbara", "Wolfeschlegelsteinhausen"])
def test_names_with_repeated_syllables_are_names(typed):
    assert normalise_name(typed, "en").value == typed


@pytest.mark.parametrize(("lang", "typed", "given", "family"), [
    # "and" glued to the family-name intro ("وكنيتي", "واسم عائلتي") starts its own clause
    ("ar", "اسمي محمد وكنيتي الحسن", "محمد", "الحسن"),
    ("ar", "انا اسمي احمد واسم عائلتي الخطيب", "احمد", "الخطيب"),
    ("fa", "اسمم زهرا وفامیلیم احمدی", "زهرا", "احمدی"),
])
def test_given_and_family_name_joined_by_a_glued_and(lang, typed, given, family):
    assert normalise_name(typed, lang, "given_names").value == given
    assert normalise_name(typed, lang, "family_name").value == family


@pytest.mark.parametrize(("typed", "name"), [
    ("ahmad, but everyone calls me Hamo", "Ahmad"),
    ("Olena, but my friends call me Lena", "Olena"),
])
def test_the_plain_name_wins_over_a_nickname(typed, name):
    result = normalise_name(typed, "en", "given_names")
    assert result.value == name and result.confirm


# Written by the integrating engineer (2026-12-07) after reading the misses of the outsider's
# development set tests/data/dialogue_dev_values/; these messages are new, not copied from it.
@pytest.mark.parametrize(("lang", "slot", "typed", "name"), [
    # a patronymic is no given name; what follows it is the family name
    ("ru", "given_names", "Светлана Андреевна", "Светлана"),
    ("ru", "given_names", "я Олег Степанович Ким", "Олег"),
    ("uk", "given_names", "Оксана Миколаївна Бойко", "Оксана"),
    ("uk", "family_name", "Оксана Миколаївна Бойко", "Бойко"),
    # the name ends where the script changes ("… as in my papers")
    ("ar", "family_name", "كنيتي Haddad متل ما بالباسبور", "Haddad"),
    ("fa", "given_names", "اسمم Reza مثل پاسپورت", "Reza"),
    # what the papers say outranks what people say
    ("de", "given_names", "alle sagen Ali, aber richtig ist Alaa", "Alaa"),
    ("ru", "given_names", "Саша, а по паспорту Александр", "Александр"),
    ("uk", "given_names", "Таня, а в паспорті Тетяна", "Тетяна"),
    ("ru", "given_names", "Екатерина, но все зовут Катя", "Екатерина"),
    ("fa", "given_names", "همه بهم میگن جوجو ولی نام اصلیم جواد است", "جواد"),
    # a greeting of several words is no clause of the name
    ("fa", "given_names", "سلام صبح بخیر، مریم هستم", "مریم"),
    ("ar", "given_names", "صباح الخير، انا اسمي ريم", "ريم"),
    # words after the name: vocatives, "I mean", a Dari copula, a pronoun
    ("ar", "given_names", "esmi Yamen ya3ni", "Yamen"),
    ("ar", "given_names", "اسمي وائل يا فندم", "وائل"),
    ("fa", "family_name", "فامیلیم نوری اس", "نوری"),
    ("ru", "given_names", "Руслан я", "Руслан"),
    # a label before a colon announces the name
    ("uk", "given_names", "в мене два імені: Ірина Олена", "Ірина Олена"),
    ("en", "given_names", "first names: Grace Adaeze", "Grace Adaeze"),
    ("de", "family_name", "Mein Familienname: Yilmaz", "Yilmaz"),
    ("de", "family_name", "Name von Familie ist Haidari", "Haidari"),
    ("en", "family_name", "my last name Rahimi", "Rahimi"),
    # a clause that talks about the name is a comment
    ("ru", "given_names", "Анна Мария, это два имени", "Анна Мария"),
    ("en", "given_names", "its Abdul Karim both are my first names", "Abdul Karim"),
])
def test_names_as_strangers_wrote_them(lang, slot, typed, name):
    result = normalise_name(typed, lang, slot)
    assert result.ok, result
    assert result.value == name, result


@pytest.mark.parametrize(("lang", "typed"), [
    ("ru", "зачем вам моё имя"), ("en", "why do you need my names"), ("de", "ich bin müde"),
    ("uk", "ну шо"), ("en", "i am a student"),
])
def test_questions_and_remarks_stay_no_names(lang, typed):
    assert not normalise_name(typed, lang, "given_names").ok


# Written by the integrating engineer (2026-12-07): the whole name typed at the first name; a
# family name that says it is one is left for the family-name question, compound first names
# stay whole.
@pytest.mark.parametrize(("lang", "typed", "given"), [
    ("de", "ich heiße Leila Al-Hamwi", "Leila"), ("en", "Omar el Masri", "Omar"),
    ("ar", "اسمي رامي الحلبي", "رامي"), ("uk", "Тарас Шевченко", "Тарас"),
    ("ru", "Светлана Кузнецова", "Светлана"), ("fa", "Gul Ahmad Stanikzai", "Gul Ahmad"),
    ("tr", "Murat Karaoğlu", "Murat"), ("en", "Nino Beridze", "Nino"),
    # compound first names and two first names stay whole
    ("ar", "عبد الرحمن", "عبد الرحمن"), ("ar", "نور الهدى", "نور الهدى"),
    ("en", "Saif al-Din", "Saif al-Din"), ("en", "Abdul Rahman", "Abdul Rahman"),
    ("en", "Mohammed Ali", "Mohammed Ali"), ("uk", "Анна Марія", "Анна Марія"),
])
def test_a_family_name_typed_at_the_first_name_is_left_out(lang, typed, given):
    assert normalise_name(typed, lang, "given_names").value == given


# (lang, slot, typed, stored): round 3 (2026-12-07), written by the project for the rules added
# after a third outsider set: titles, "how others call me" after the name, the family name named
# in another clause, the father's name in place of a family name, the papers' spelling, greetings
# typed in Latin letters, Arabizi digits in another clause, names in capitals.
ROUND_THREE = [
    ("en", "given_names", "hello, I am Mrs. Hawa", "Hawa"),
    ("de", "given_names", "Guten Tag, ich bin Herr Karimi", "Karimi"),
    ("fa", "given_names", "آقای جواد", "جواد"),
    ("tr", "given_names", "Selin, herkes Seli diyor", "Selin"),
    ("de", "given_names", "Jekaterina, aber alle sagen Katja", "Jekaterina"),
    ("en", "given_names", "my name is Amina Yusuf Farah, Farah is the family name", "Amina Yusuf"),
    ("de", "given_names", "Omar Nasser, Nasser ist mein Nachname", "Omar"),
    ("en", "family_name", "no surname in Eritrea, my father's name is Tesfamariam", "Tesfamariam"),
    ("de", "family_name", "wir haben keinen Familiennamen, Vatername Haile", "Haile"),
    ("tr", "family_name", "Soyadim: Kaplan, babamin adi Yusuf", "Kaplan"),
    ("ar", "family_name", "3eilti Hamwi bas bel passport Al-Hamwi", "Al-Hamwi"),
    ("ru", "family_name", "фамилия двойная Орлова-Краус", "Орлова-Краус"),
    ("en", "family_name", "my surname na Adeyemi", "Adeyemi"),
    ("tr", "family_name", "soyad: YILDIRIM", "Yildirim"),
    ("uk", "given_names", "Dobryi vechir, ya Taras", "Taras"),
    ("ru", "given_names", "privet 🙂 ya Marina", "Marina"),
    ("tr", "given_names", "Merhaba kolay gelsin 🙋‍♂️ ben Emre", "Emre"),
    ("fa", "given_names", "سلام چطورین؟ زهره‌ام", "زهره"),
    ("ar", "given_names", "ahlan 🌸 ana ismi Lina, ana ma3 ahli hon", "Lina"),
    ("ar", "given_names", "انا هبة، بالهوية مكتوب هبة محمود العلي", "هبة"),
    ("uk", "given_names", "Софія-Анна, через дефіс", "Софія-Анна"),
    # several given names: joined by "and", told apart as first and second, with a comment
    ("de", "given_names", "Lea und Sophie", "Lea Sophie"),
    ("en", "given_names", "my first names are Abdul and Karim", "Abdul Karim"),
    ("en", "given_names", "first name Hamid, middle name Reza", "Hamid Reza"),
    ("ru", "given_names", "имя Лейла, второе имя Мариам", "Лейла Мариам"),
    ("fa", "given_names", "نام اولم علی، نام دومم اکبر", "علی اکبر"),
    ("ar", "given_names", "اسمي الاول يوسف والثاني خالد", "يوسف خالد"),
    ("en", "given_names", "Nur Jahan (both are first names)", "Nur Jahan"),
    ("uk", "given_names", "Марія Олена - обидва імені", "Марія Олена"),
]


@pytest.mark.parametrize(("lang", "slot", "typed", "stored"), ROUND_THREE)
def test_names_round_three(lang, slot, typed, stored):
    result = normalise_name(typed, lang, slot)
    assert result.ok, (typed, result)
    assert result.value == stored


@pytest.mark.parametrize(("lang", "typed", "stored"), [
    # at the first name, a family name said as one is never the first name (found in a widget
    # hand-run: "фамилия Ахмедов" typed at "Is your first name Timur?" became the first name)
    ("tr", "Selin, soyadım Aksoy", "Selin"),
    ("ru", "фамилия Ахмедов", None), ("en", "my surname is Haddad", None),
])
def test_a_family_name_alone_is_no_first_name(lang, typed, stored):
    result = normalise_name(typed, lang, "given_names")
    assert result.value == stored
    assert result.ok is (stored is not None)
