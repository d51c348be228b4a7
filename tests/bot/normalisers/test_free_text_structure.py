"""Structured values read from free-text answers, with inputs as people really write them.

Each case states what a caseworker should see; cases that the tables and the occupation search
do not get right yet are marked xfail (strict) so that the accuracy in the module's report stays
honest and a fix shows up as XPASS.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from bot.normalisers.free_text_structure import (
    STRUCTURED_SLOTS,
    constraints,
    structure_availability,
    structure_goals,
    structure_training,
    structured_value,
)
from dialogues.free_text_de import DERIVED_NOTE, answer_text, describe_de

TODAY = date(2026, 12, 6)  # a Sunday: "next week" begins on Monday 7 December
NEXT_WEEK, NEXT_MONTH = "2026-12-07", "2027-01-01"
NOW = "now"  # expected start: immediately


def known_miss(*values: object, why: str) -> object:
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=why))


# (language, text, start, hours per week, workload, constraints that must be found)
AVAILABILITY = [
    ("de", "Ab nächsten Monat, aber nur vormittags weil meine Kinder in die Kita gehen",
     NEXT_MONTH, None, None, {"childcare", "mornings_only"}),
    ("de", "sofort, am liebsten Vollzeit", NOW, None, "full_time", set()),
    ("de", "ab Merz 2027 ca 25 std die woche", "2027-03-01", 25, "part_time", set()),
    ("de", "Ich kann erst nach dem Integrationskurs anfangen", None, None, None,
     {"language_course"}),
    ("de", "ab 15.01. Teilzeit, keine Nachtschicht wegen Rücken", "2027-01-15", None, "part_time",
     {"no_night_shifts", "health"}),
    ("en", "im available from next week, 20 hours a week because of my kids", NEXT_WEEK, 20,
     "part_time", {"childcare"}),
    ("en", "Right now i can work full-time but no night shifts pls", NOW, None, "full_time",
     {"no_night_shifts"}),
    ("en", "after my appointment at the foreigners office, maybe in 2 months", "2027-02-06", None,
     None, {"waiting_permit"}),
    ("en", "from 1st of March, part time", "2027-03-01", None, "part_time", set()),
    known_miss("en", "imediatly, fulltime", NOW, None, "full_time", set(),
               why="a misspelt 'immediately' is not in the table"),
    ("ar", "من الشهر الجاي، بس الصبح لأنو عندي ولاد صغار", NEXT_MONTH, None, None,
     {"mornings_only", "childcare"}),
    ("ar", "جاهز من هلق دوام كامل", NOW, None, "full_time", set()),
    ("ar", "بعد شهرين إن شاء الله، ٣٠ ساعة بالاسبوع", "2027-02-06", 30, "part_time", set()),
    ("ar", "انا مريض بظهري ما بقدر اشتغل شغل ثقيل، بس ممكن نص دوام", None, None, "part_time",
     {"health"}),
    ("fa", "از ماه دیگه میتونم، روزی ۴ ساعت", NEXT_MONTH, 20, "part_time", set()),
    ("fa", "فعلا منتظر اجازه کار هستم", None, None, None, {"waiting_permit"}),
    ("fa", "همین الان آماده‌ام، تمام وقت، فقط شب نمی‌تونم", NOW, None, "full_time",
     {"no_night_shifts"}),
    ("uk", "з наступного тижня, на півставки, бо дитина в садочку до обіду", NEXT_WEEK, None,
     "part_time", {"childcare", "mornings"}),
    ("uk", "можу одразу, 40 годин на тиждень", NOW, 40, "full_time", set()),
    ("ru", "через месяц, после курсов немецкого", "2027-01-06", None, None, {"language_course"}),
    ("ru", "с марта, полный рабочий день, только не ночью", "2027-03-01", None, "full_time",
     {"no_night_shifts"}),
    ("tr", "hemen başlayabilirim, haftada 25 saat", NOW, 25, "part_time", set()),
    ("tr", "Mart'tan itibaren, sadece sabahları çünkü çocuklarım var", "2027-03-01", None, None,
     {"childcare", "mornings_only"}),
    ("tr", "gelecek ay, tam zamanlı", NEXT_MONTH, None, "full_time", set()),
    ("ar", "من 15.01 ممكن Teilzeit", "2027-01-15", None, "part_time", set()),
    ("de", "ab sofort, aber ich habe noch Deutschkurs bis 13 Uhr", NOW, None, None,
     {"language_course"}),
]


@pytest.mark.parametrize("lang, text, start, hours, workload, constraints", AVAILABILITY)
def test_availability(lang, text, start, hours, workload, constraints):
    value = structure_availability(text, TODAY)
    if start == NOW:
        assert value["immediately"] and value["start_date"] == TODAY.isoformat()
    else:
        assert value["start_date"] == start and not value["immediately"]
    assert value["hours_per_week"] == hours
    assert value["workload"] == workload
    assert constraints <= set(value["constraints"])
    assert value["as_of"] == TODAY.isoformat()


def test_a_time_of_day_limits_only_when_said_with_only():
    assert constraints("Nachmittags bringe ich meine Kinder in die Kita") == ["childcare", "afternoons"]
    assert constraints("только утром, дети в садике") == ["childcare", "mornings_only"]


@pytest.mark.parametrize("text", ["Montag bis Freitag", "I like football", "نعم", "да"])
def test_availability_without_anything_to_read_stays_empty(text):
    value = structure_availability(text, TODAY)
    assert value["start_date"] is None and value["hours_per_week"] is None
    assert value["workload"] is None and value["constraints"] == []


# (language, text, KldB codes of which one must be found (None: not checked, empty: none may be
# found), wishes that must be found)
GOALS = [
    ("de", "Ich will als Elektriker arbeiten", {"26212"}, set()),
    ("de", "erst mal deutsch lernen dann ausbildung als pflegefachmann", {"81302"},
     {"language_course", "vocational_training"}),
    ("de", "egal was, hauptsache arbeit", set(), {"any_job"}),
    ("de", "mein Diplom anerkennen lassen", set(), {"recognition"}),
    ("en", "I wanna work as a cook or open my own restaurant", {"29302"}, {"own_business"}),
    ("en", "learn german first, then study at university", set(), {"language_course", "study"}),
    ("en", "any job is fine for me honestly", set(), {"any_job"}),
    ("en", "i want to be a carpenter", {"22342"}, set()),
    ("ar", "بدي اشتغل نجار", {"22342"}, set()),
    ("ar", "أريد تعلم اللغة الألمانية ثم معادلة شهادتي", set(), {"language_course", "recognition"}),
    ("ar", "اشتغل بأي شغل المهم اشتغل", set(), {"any_job"}),
    ("ar", "حابب افتح مطعم خاص فيني", None, {"own_business"}),
    ("fa", "میخوام آشپز بشم", {"29302"}, set()),
    ("fa", "اول زبان آلمانی یاد بگیرم بعد دانشگاه", set(), {"language_course", "study"}),
    ("uk", "хочу працювати електриком", {"26212"}, set()),
    ("uk", "спочатку вивчити німецьку, потім підтвердити диплом", set(),
     {"language_course", "recognition"}),
    ("uk", "будь-яку роботу, мені треба гроші", set(), {"any_job"}),
    ("ru", "хочу стать сварщиком", {"24422"}, set()),
    ("ru", "хочу открыть свой бизнес", set(), {"own_business"}),
    ("ru", "медсестрой работать, сначала выучить немецкий", {"81302"}, {"language_course"}),
    ("tr", "kuaför olmak istiyorum", {"82312"}, set()),
    ("tr", "önce almanca kursu sonra meslek eğitimi", set(),
     {"language_course", "vocational_training"}),
    ("tr", "üniversitede okumak istiyorum", set(), {"study"}),
    ("ar", "بدي اعمل Ausbildung كـ Altenpfleger", {"82102"}, {"vocational_training"}),
]


@pytest.mark.parametrize("lang, text, kldb, wishes", GOALS)
@pytest.mark.usefixtures("occupation_index")
def test_goals(lang, text, kldb, wishes):
    value = structure_goals(text, lang)
    found = {o["kldb"] for o in value["occupations"]}
    if kldb is not None:
        assert found & kldb if kldb else not found, value
    assert wishes <= set(value["wishes"]), value
    for occupation in value["occupations"]:
        assert occupation["title_de"] and len(occupation["kldb"]) == 5


# (language, text, kind, KldB codes of which one must be found, or an ISCED-F broad field)
TRAINING = [
    ("de", "3 jahre ausbildung zum kfz mechatroniker in damaskus", "formal", {"25212"}),
    ("de", "Schneiderin, das hab ich im Betrieb gelernt", "on_the_job", {"28222", "28221"}),
    ("en", "I did a 6 month course in hairdressing", "course", {"82312"}),
    ("en", "vocational school, electrician", "formal", {"26212"}),
    ("en", "learned plumbing from my uncle", "on_the_job", {"34212", "34202"}),
    ("en", "computer course + certificate (ICDL)", "course", "06"),
    ("ar", "دبلوم تمريض سنتين", "formal", {"81302", "81301"}),  # nursing, either level
    ("ar", "دورة حلاقة رجالي", "course", {"82312"}),
    ("ar", "تعلمت الخياطة بالشغل مع عمي", "on_the_job", {"28222", "28221"}),
    ("ar", "معهد متوسط كهرباء", "formal", {"26212", "26304"}),
    ("fa", "هنرستان رشته مکانیک خودرو", "formal", {"25212"}),
    ("fa", "دوره آشپزی سه ماهه", "course", {"29302"}),
    ("fa", "جوشکاری رو تجربی یاد گرفتم", "on_the_job", {"24422"}),
    ("uk", "закінчила медичний коледж, медсестра", "formal", {"81302"}),
    ("uk", "курси перукаря, 4 місяці", "course", {"82312"}),
    ("ru", "окончил ПТУ, сварщик", "formal", {"24422"}),
    ("ru", "курсы бухгалтеров 1С", "course", {"72213"}),
    ("ru", "самоучка, ремонтирую телефоны", "on_the_job", None),
    known_miss("tr", "meslek lisesi elektrik bölümü", "formal", {"26212"},
               why="the search ranks the electrical engineer (26304) first"),
    ("tr", "6 aylık aşçılık kursu", "course", {"29302"}),
    ("tr", "babamdan marangozluk öğrendim", "on_the_job", {"22342"}),
    ("de", "Ausbildung als Friseur in Iran, ۲ سال", "formal", {"82312"}),
    ("en", "accounting course online", "course", {"72213"}),
]


@pytest.mark.parametrize("lang, text, kind, field", TRAINING)
@pytest.mark.usefixtures("occupation_index")
def test_training(lang, text, kind, field):
    value = structure_training(text, lang)
    assert value["kind"] == kind, value
    if isinstance(field, set):
        assert value["occupation"] and value["occupation"]["kldb"] in field, value
    elif isinstance(field, str):
        assert value["isced_field"] == field or value["occupation"], value


@pytest.mark.usefixtures("occupation_index")
def test_stored_value_keeps_the_words_and_only_structures_its_three_questions():
    value = structured_value("availability", "ab sofort 30 Std.", "de", TODAY)
    assert value["text"] == "ab sofort 30 Std." and value["structured"]["immediately"]
    assert answer_text(value) == "ab sofort 30 Std."
    assert structured_value("job_title", "Bäcker", "de") == "Bäcker"
    assert structured_value("goals", {"none": True}, "de") == {"none": True}
    assert set(STRUCTURED_SLOTS) == {"availability", "goals", "vocational_training"}
    assert structured_value("vocational_training", "nein", "de")["structured"]["kind"] == "none"


def test_german_lines():
    availability = {"text": "…", "structured": {
        "start_date": "2027-03-01", "immediately": False, "hours_per_week": 20,
        "workload": "part_time", "constraints": ["childcare", "mornings_only"], "as_of": "2026-12-06"}}
    assert describe_de("availability", availability) == (
        "Verfügbar ab 1. März 2027 · ca. 20 Std./Woche (Teilzeit) · "
        "Einschränkung: Kinderbetreuung, nur vormittags")
    goals = {"text": "…", "structured": {
        "occupations": [{"kldb": "26212", "title_de": "Elektriker/in", "score": 0.9}],
        "wishes": ["language_course"]}}
    assert describe_de("goals", goals) == "Berufswunsch Elektriker/in (KldB 26212) · Deutschkurs"
    training = {"text": "…", "structured": {"kind": "course", "occupation": None,
                                            "isced_field": "06"}}
    assert describe_de("vocational_training", training) == (
        "Kurs/Zertifikat · Fachrichtung: Informations- und Kommunikationstechnologie (ISCED-F 06)")
    assert DERIVED_NOTE == "automatisch erkannt, bitte prüfen"


@pytest.mark.parametrize("value", [
    "plain text stored before the structure existed", None, {"none": True},
    {"text": "x", "structured": {"start_date": "not a date"}},
    {"text": "x", "structured": {"occupations": "oops", "wishes": 5}},
    {"text": "x", "structured": {"start_date": None, "immediately": False, "hours_per_week": None,
                                 "workload": None, "constraints": []}},
])
def test_old_odd_or_empty_values_have_no_german_line(value):
    assert describe_de("availability", value) is None
    assert describe_de("goals", value) is None


@pytest.mark.usefixtures("occupation_index")
def test_structuring_is_fast_once_warm():
    structure_goals("Ich möchte als Koch arbeiten", "de")  # warms the index and the model
    cases = [(slot, case[1], case[0]) for slot, table in
             (("availability", AVAILABILITY), ("goals", GOALS), ("vocational_training", TRAINING))
             for case in table[:10] if not hasattr(case, "marks")]
    started = time.perf_counter()
    for slot, text, lang in cases:
        structured_value(slot, text, lang, TODAY)
    per_answer = (time.perf_counter() - started) / len(cases)
    assert per_answer < 1.5, per_answer  # a shared two-core machine; ~0.1-0.3 s unloaded


# Held out: written after the tables were settled and never tuned against; misses stay marked.
# Occupations are named by a part of the German title here.
HELD_OUT_AVAILABILITY = [
    ("de", "Kann ab dem 1. Februar anfangen, max. 30 Stunden, weil ich meine Tochter vom "
     "Kindergarten abholen muss", "2027-02-01", 30, "part_time", {"childcare"}),
    ("en", "start asap. mornings only (school run)", NOW, None, None, {"mornings_only"}),
    ("ar", "متاح بعد أسبوعين، دوام جزئي لأني بدرس بالكورس", "2026-12-20", None, "part_time",
     {"language_course"}),
    ("fa", "از اول بهمن، هفته‌ای ۳۵ ساعت", "2027-01-21", 35, "full_time", set()),
    ("uk", "Після операції, десь через 3 місяці", "2027-03-06", None, None, {"health"}),
    ("ru", "готов хоть завтра, но вечером учусь на курсах", "2026-12-07", None, None,
     {"language_course"}),
    ("tr", "Ocak ayından itibaren yarı zamanlı, oturum iznimi bekliyorum", "2027-01-01", None,
     "part_time", {"waiting_permit"}),
]
HELD_OUT_GOALS = [
    known_miss("de", "Ich möchte gerne als Busfahrer arbeiten, und Deutsch B2 machen", "fahrer",
               {"language_course"}, why="'Deutsch B2 machen' is no phrase of the wish table"),
    ("en", "nursing, but first recognition of my nursing degree", "Pflege", {"recognition"}),
    ("ar", "بدي كمل دراستي بالجامعة", None, {"study"}),
    ("fa", "دوست دارم مغازه خودم را داشته باشم", None, {"own_business"}),
    known_miss("uk", "хочу працювати кухарем у ресторані", "Koch", set(),
               why="'у ресторані' pulls the search to a restaurant assistant"),
    ("ru", "любую работу, лишь бы платили", None, {"any_job"}),
    ("tr", "Almanya'da elektrikçi olarak çalışmak istiyorum", "Elektr", set()),
]
HELD_OUT_TRAINING = [
    ("de", "Gesellenbrief als Maurer", "formal", "Maurer"),
    ("en", "on the job training as a welder in a factory", "on_the_job", "Schweiß"),
    known_miss("ar", "شهادة دورة محاسبة من معهد خاص", "course", "Buchhalt",
               why="'معهد' (institute) is read as formal training before 'دورة' (course)"),
    ("fa", "کارآموزی نجاری پیش استاد", "on_the_job", "Tischler"),
    known_miss("uk", "ПТУ, кухар-кондитер", "formal", "Konditor",
               why="the search ranks Bäcker/in first"),
    ("ru", "курсы маникюра", "course", None),
    ("tr", "çıraklık eğitimi, oto tamirci", "formal", "Kfz"),
]


@pytest.mark.parametrize("lang, text, start, hours, workload, constraints", HELD_OUT_AVAILABILITY)
def test_held_out_availability(lang, text, start, hours, workload, constraints):
    test_availability(lang, text, start, hours, workload, constraints)


@pytest.mark.parametrize("lang, text, title, wishes", HELD_OUT_GOALS)
@pytest.mark.usefixtures("occupation_index")
def test_held_out_goals(lang, text, title, wishes):
    value = structure_goals(text, lang)
    if title:
        assert any(title in o["title_de"] for o in value["occupations"]), value
    assert wishes <= set(value["wishes"]), value


@pytest.mark.parametrize("lang, text, kind, title", HELD_OUT_TRAINING)
@pytest.mark.usefixtures("occupation_index")
def test_held_out_training(lang, text, kind, title):
    value = structure_training(text, lang)
    assert value["kind"] == kind, value
    if title:
        assert value["occupation"] and title in value["occupation"]["title_de"], value
