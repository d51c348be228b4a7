"""Structured values read from free-text answers, for a German reader who cannot read the words.

No translation model exists in normal deployments, so availability, goals and vocational training
would stay in Arabic or Persian script. Small keyword tables in the seven interview languages,
dateparser for written dates and the occupation search (already warm in the action server) turn
the words into plain data kept beside them: start date, hours per week, constraints, target
occupations (KldB), wishes, kind and field of a qualification. The tables are matched on a folded
form of the text (case, diacritics, hamza forms, Arabic/Persian letter variants, digits), and in
every language at once: people mix languages ("Ausbildung" in an Arabic sentence).

The result is a hint for the caseworker, shown as "automatisch erkannt, bitte prüfen".
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import dateparser

from classifications import occupation_search
from dialogues import catalogue
from dialogues.languages import CODES

# The free-text questions read into structured values (dialogues/interview.yml).
STRUCTURED_SLOTS = ("availability", "goals", "vocational_training")
# An occupation found in a goal or a training is shown only when the search is quite sure: a
# sentence holds more than the job ("und Deutsch lernen"), and a wrong job is worse than none.
MIN_OCCUPATION_SCORE = 0.6
MAX_OCCUPATIONS = 2
FULL_TIME_HOURS = 35  # from here a week counts as full time (German usage: 35-40 hours)
WORK_DAYS = 5

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ـ": None, "\u200c": " ",
                          "ı": "i", "İ": "i", "’": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Text for matching: lower case, no diacritics or hamza marks, one form of each letter."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS).casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.translate(_DIGITS).translate(_LETTERS).split())


def _arabic_script(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _pattern(words: Iterable[str], whole: bool = False) -> re.Pattern[str]:
    """One regex for a word list. Latin and Cyrillic words must start a word (stems may go on:
    "kinder" matches "Kindern"); Arabic-script words may follow a clitic ("والأطفال"). Short
    words ("mar", "no", "لا") and all words with `whole` must be whole words."""
    parts = []
    for word in sorted({fold(w) for w in words}, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s*")
        if whole or len(word) <= 3:
            clitic = "(?:و|ب|ل|ال)?" if _arabic_script(word) else ""
            parts.append(rf"(?<![^\W\d_]){clitic}{escaped}(?![^\W\d_])")
        else:
            parts.append(escaped if _arabic_script(word) else rf"(?<![^\W\d_]){escaped}")
    return re.compile("|".join(parts))


def _table(entries: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    return {code: _pattern(words) for code, words in entries.items()}


# --- availability: start ---------------------------------------------------------------------------
_IMMEDIATELY = _pattern([
    "sofort", "ab jetzt", "jederzeit", "ab heute", "gleich morgen", "schon jetzt",
    "immediately", "right away", "right now", "asap", "as soon as possible", "any time", "anytime",
    "from now", "from today", "straight away", "starting now",
    "فورا", "حالا", "حالاً", "من الان", "من اليوم", "في اي وقت", "بأي وقت", "اي وقت", "هلق", "هلأ",
    "من هلق", "جاهز الان", "هسه", "الآن",
    "همین الان", "از الان", "از همین حالا", "از امروز", "هر وقت", "هر زمان", "فوری", "همین حالا",
    "одразу", "негайно", "відразу", "зараз", "вже зараз", "будь-коли", "будь коли", "хоч завтра",
    "сразу", "немедленно", "сейчас", "прямо сейчас", "в любое время", "уже сейчас", "с сегодняшнего",
    "hemen", "şimdi", "derhal", "her zaman", "bugünden", "hemen şimdi", "şu an", "su an",
])
_TOMORROW = _pattern(["gleich morgen", "ab morgen", "tomorrow", "غدا", "غداً", "بكرة", "بكرا",
                      "فردا", "از فردا", "завтра", "yarın", "yarin"])
_NEXT_WEEK = _pattern([
    "nächste woche", "nächsten woche", "kommende woche", "kommenden woche", "naechste woche",
    "next week", "الاسبوع القادم", "الاسبوع المقبل", "الاسبوع الجاي", "الجمعه الجايه",
    "هفته بعد", "هفته آینده", "هفته دیگه", "هفته دیگر", "هفته ی بعد",
    "наступного тижня", "наступному тижні", "наступний тиждень",
    "следующей недели", "следующей неделе", "следующую неделю", "на следующей", "gelecek hafta",
    "haftaya", "önümüzdeki hafta", "onumuzdeki hafta",
])
_NEXT_MONTH = _pattern([
    "nächsten monat", "nächster monat", "kommenden monat", "naechsten monat", "next month",
    "الشهر القادم", "الشهر المقبل", "الشهر الجاي", "الشهر الجای", "ماه بعد", "ماه آینده", "ماه دیگه",
    "ماه دیگر", "наступного місяця", "наступному місяці", "следующего месяца", "следующем месяце",
    "gelecek ay", "önümüzdeki ay", "onumuzdeki ay", "seneye değil gelecek ay",
])
_NEXT_YEAR = _pattern(["nächstes jahr", "nächsten jahr", "next year", "العام القادم", "السنه القادمه",
                       "السنه الجایه", "سال بعد", "سال آینده", "سال دیگه", "наступного року",
                       "следующего года", "следующем году", "gelecek yıl", "seneye"])
_NUMBER_WORDS = {
    "ein": 1, "einen": 1, "einem": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6,
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "a couple of": 2,
    "واحد": 1, "اثنین": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "سته": 6, "ست": 6,
    "یک": 1, "یه": 1, "دو": 2, "سه": 3, "چهار": 4, "شش": 6,
    "один": 1, "одного": 1, "два": 2, "дві": 2, "три": 3, "чотири": 4, "четыре": 4, "шість": 6,
    "шесть": 6, "bir": 1, "iki": 2, "üç": 3, "dört": 4, "altı": 6,
}
_WEEK_WORDS = r"(?:wochen?|weeks?|اسابیع|اسبوع|هفته|тижн\w*|недел\w*|hafta)"
_MONTH_WORDS = r"(?:monat\w*|months?|شهور|اشهر|شهر|ماه|місяц\w*|месяц\w*|ay)"
_NUM = r"(\d{1,2}|" + "|".join(sorted((re.escape(fold(w)) for w in _NUMBER_WORDS), key=len,
                                      reverse=True)) + ")"
_IN_PERIOD = re.compile(
    rf"(?:(?<![^\W\d_])(?:in|nach|after|within|через|за|بعد|تا)\s+{_NUM}\s*({_WEEK_WORDS}|{_MONTH_WORDS})"
    rf"|{_NUM}\s*({_WEEK_WORDS}|{_MONTH_WORDS})\s*(?:sonra|دیگه|دیگر|بعد|later))(?![^\W\d_])")
# "بعد شهرين", "بعد أسبوعين": the Arabic dual is a number of its own.
_ARABIC_DUAL = re.compile(r"بعد\s*(شهرین|اسبوعین)")
_ONE_PERIOD = re.compile(r"(?:через|بعد|in einem|in a|after a)\s*(месяц|місяць|неделю|тиждень|شهر|monat|month"
                         r"|woche|week|اسبوع)(?![^\W\d_])")

_MONTHS: dict[int, list[str]] = {
    1: ["januar", "jänner", "january", "jan", "يناير", "كانون الثاني", "ژانویه", "січня", "січень",
        "январ", "ocak"],
    2: ["februar", "february", "feb", "فبراير", "شباط", "فوریه", "лютого", "лютий", "феврал", "şubat",
        "subat"],
    3: ["märz", "maerz", "merz", "march", "mar", "مارس", "اذار", "березня", "березень", "март", "mart"],
    4: ["april", "apr", "ابریل", "نیسان", "آوریل", "квітня", "квітень", "апрел", "nisan"],
    5: ["mai", "مایو", "ایار", "травня", "травень", "мая", "май", "mayıs", "mayis"],
    6: ["juni", "june", "jun", "یونیو", "حزیران", "ژوئن", "червня", "червень", "июн", "haziran"],
    7: ["juli", "july", "jul", "یولیو", "تموز", "ژوئیه", "липня", "липень", "июл", "temmuz"],
    8: ["august", "aug", "اغسطس", "اوت", "آگوست", "серпня", "серпень", "август", "ağustos", "agustos"],
    9: ["september", "sept", "sep", "سبتمبر", "ایلول", "سپتامبر", "вересня", "вересень", "сентябр",
        "eylül", "eylul"],
    10: ["oktober", "october", "okt", "oct", "اکتوبر", "تشرین الاول", "اکتبر", "жовтня", "жовтень",
         "октябр", "ekim"],
    11: ["november", "nov", "نوفمبر", "تشرین الثانی", "نوامبر", "листопада", "листопад", "ноябр",
         "kasım", "kasim"],
    12: ["dezember", "december", "dez", "dec", "دیسمبر", "کانون الاول", "دسامبر", "грудня", "грудень",
         "декабр", "aralık", "aralik"],
}
# "May" is a modal verb too: the English month counts only after a preposition.
_MAY = re.compile(r"(?:from|in|since|of|beginning|early|end|start)\s+(?:of\s+)?may(?![^\W\d_])")
_MONTH_PATTERNS = {month: _pattern(words) for month, words in _MONTHS.items()}
# Months of the Iranian calendar by the Gregorian day they begin on (in most years).
_PERSIAN_MONTHS = {"فروردین": (3, 21), "اردیبهشت": (4, 21), "خرداد": (5, 22), "تیر": (6, 22),
                   "مرداد": (7, 23), "شهریور": (8, 23), "مهر": (9, 23), "آبان": (10, 23),
                   "آذر": (11, 22), "دی": (12, 22), "بهمن": (1, 21), "اسفند": (2, 20)}
_PERSIAN_MONTH = re.compile(r"(?:از|اول|اوایل)\s*(" + "|".join(fold(m) for m in _PERSIAN_MONTHS) + r")(?!\w)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?(?![\d/]|\.\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*$")


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_start(month: int, today: date, year: int | None, day: int = 1) -> date:
    """The next time `month` begins (this month: today), unless a year is given."""
    if year is None:
        year = today.year if month >= today.month else today.year + 1
    start = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    return max(start, today) if year == today.year and month == today.month else start


def _written_date(folded: str, today: date) -> date | None:
    """A date written with numbers ("ab 15.03.", "1/4/2027"), read by dateparser (day first)."""
    for match in _NUMERIC_DATE.finditer(folded):
        day, month = int(match.group(1)), int(match.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        parsed = dateparser.parse(match.group(0).rstrip("."), languages=["de"], settings={
            "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future", "RELATIVE_BASE": _midnight(today),
            "REQUIRE_PARTS": ["day", "month"]})
        if parsed:
            return parsed.date()
        year = int(match.group(3)) if match.group(3) else None
        year = year + 2000 if year is not None and year < 100 else year
        try:  # dateparser refused it (an odd separator mix): read day and month ourselves
            written = date(year or today.year, month, day)
        except ValueError:
            continue
        return written if year or written >= today else written.replace(year=today.year + 1)
    return None


def _midnight(day: date) -> Any:  # noqa: ANN401 - a datetime for dateparser
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


def _month_named(folded: str, today: date) -> date | None:
    year_match = _YEAR.search(folded)
    year = int(year_match.group(1)) if year_match else None
    best: tuple[int, date] | None = None
    for month, pattern in _MONTH_PATTERNS.items():
        found = pattern.search(folded)
        if month == 5 and not found:
            found = _MAY.search(folded)
        if found:
            before = _DAY_BEFORE.search(folded[:found.start()])
            day = int(before.group(1)) if before and 1 <= int(before.group(1)) <= 31 else 1
            start = _month_start(month, today, year, day)
            if best is None or found.start() < best[0]:
                best = (found.start(), start)
    persian = _PERSIAN_MONTH.search(folded)
    if persian and best is None:
        month, day = next(v for k, v in _PERSIAN_MONTHS.items() if fold(k) == persian.group(1))
        return _month_start(month, today, year, day)
    return best[1] if best else None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return {fold(k): v for k, v in _NUMBER_WORDS.items()}.get(word)


def _relative(folded: str, today: date) -> date | None:
    match = _IN_PERIOD.search(folded)
    if match:
        groups = [g for g in match.groups() if g]
        count, unit = _number(groups[0]), groups[1]
        if count:
            weeks = re.fullmatch(_WEEK_WORDS, unit)
            return today + timedelta(weeks=count) if weeks else _add_months(today, count)
    dual = _ARABIC_DUAL.search(folded)
    if dual:
        return _add_months(today, 2) if dual.group(1).startswith("شهر") else today + timedelta(weeks=2)
    one = _ONE_PERIOD.search(folded)
    if one:
        unit = one.group(1)
        return today + timedelta(weeks=1) if re.fullmatch(_WEEK_WORDS, unit) else _add_months(today, 1)
    if _NEXT_WEEK.search(folded):
        return today + timedelta(days=7 - today.weekday())  # the Monday of next week
    if _NEXT_MONTH.search(folded):
        return _add_months(today.replace(day=1), 1)
    if _NEXT_YEAR.search(folded):
        return date(today.year + 1, 1, 1)
    if _TOMORROW.search(folded):
        return today + timedelta(days=1)
    return None


def start_date(text: str, today: date) -> tuple[date | None, bool]:
    """When the person can start: (date, immediately). Relative words count from `today`."""
    folded = fold(text)
    found = _written_date(folded, today) or _month_named(folded, today) or _relative(folded, today)
    if found:
        return found, found <= today
    if _IMMEDIATELY.search(folded):
        return today, True
    return None, False


# --- availability: hours and constraints -----------------------------------------------------------
_HOUR_NUMBERS = {
    "zehn": 10, "fünfzehn": 15, "zwanzig": 20, "fünfundzwanzig": 25, "dreißig": 30, "dreissig": 30,
    "fünfunddreißig": 35, "vierzig": 40, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25,
    "thirty": 30, "thirty-five": 35, "forty": 40, "fourty": 40, "عشر": 10, "عشرين": 20,
    "عشرون": 20, "خمس وعشرين": 25, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40,
    "ده": 10, "بیست": 20, "بیست و پنج": 25, "سی": 30, "چهل": 40, "десять": 10, "двадцять": 20,
    "тридцять": 30, "сорок": 40, "двадцать": 20, "тридцать": 30, "on": 10, "yirmi": 20, "otuz": 30,
    "kırk": 40, "sekiz": 8, "acht": 8, "eight": 8, "ثمان": 8, "ثماني": 8, "هشت": 8, "вісім": 8,
    "восемь": 8, "vier": 4, "four": 4, "sechs": 6, "six": 6, "fünf": 5, "five": 5, "چهار": 4,
    "شش": 6, "پنج": 5,
}
_HOUR_WORD = _pattern([fold(w) for w in _HOUR_NUMBERS], whole=True)
_HOURS = re.compile(
    r"(?<![\d.,/])(\d{1,2}(?:[.,]5)?)(?:\s*(?:-|–|/|bis|to|or|oder|ta|تا|الی|او|до|или|veya)\s*(\d{1,2}))?\s*"
    r"(?:stunden|stunde|std|hours?|hrs?|h(?![^\W\d_])|ساعات|ساعه|ساعت|годин\w*|год(?![^\W\d_])"
    r"|час\w*|ч(?![^\W\d_])|saat)")
_PER_DAY = _pattern(["am tag", "pro tag", "täglich", "am tage", "a day", "per day", "daily",
                     "each day", "every day", "یومیا", "فی الیوم", "بالیوم", "کل یوم", "روزانه",
                     "در روز", "روزی", "هر روز", "на день", "в день", "щодня", "ежедневно",
                     "günde", "günlük", "her gün"])
_WORKLOAD = _table({
    "full_time": ["vollzeit", "voll zeit", "ganztags", "full time", "full-time", "fulltime",
                  "دوام کامل", "دوام کلی", "فل تایم", "تمام وقت", "تمام روز", "повний робочий день",
                  "повний день", "повну ставку", "повна зайнятість", "повна ставка",
                  "полный рабочий день", "полный день", "полную ставку", "полная занятость",
                  "на полный", "tam zamanlı", "tam zamanli", "tam gün", "tam gun"],
    "part_time": ["teilzeit", "halbtags", "halbe stelle", "minijob", "part time", "part-time",
                  "parttime", "half day", "half-day", "دوام جزئی", "نص دوام", "نصف دوام",
                  "پاره وقت", "پاره‌وقت", "نیمه وقت", "نیمه‌وقت", "півставки", "пів ставки",
                  "неповний", "часткова зайнятість", "пів дня", "неполный", "полставки",
                  "пол ставки", "частичная занятость", "пол дня", "подработк", "yarı zamanlı",
                  "yari zamanli", "yarım gün", "yarim gun"],
})
_NIGHT = _pattern(["nacht", "nachts", "night", "لیل", "اللیل", "لیلی", "مسائی", "شب‌کاری",
                   "ніч", "нічн", "ночн", "ночью", "ноч", "gece"])
_NIGHT_FA = re.compile(r"(?<!\w)شب(?!\w)|شیفت شب|شبکاری")
_NEGATION = _pattern(whole=True, words=[
                      "kein", "keine", "keinen", "nie", "nicht",
                      "no", "not", "can't", "cannot", "cant", "never", "without",
                      "لا", "ما بقدر", "ما فینی", "مش", "بدون", "غیر", "ممنوع", "نه", "نمی", "نمیتونم",
                      "نمی تونم", "نمیتوانم", "не", "ні", "нет", "без", "olmaz", "hayır", "değil",
                      "yapamam", "çalışamam", "calisamam", "istemiyorum", "hariç", "haric"])
_CONSTRAINTS = _table({
    "childcare": ["kind", "kinder", "kita", "kindergarten", "tochter", "sohn", "baby", "child",
                  "children", "kids", "kid", "daycare", "nursery", "my son", "my daughter",
                  "اطفال", "طفل", "طفلی", "طفلتی", "ولاد", "اولاد", "ولادی", "اولادی", "الولاد", "الروضه",
                  "الحضانه", "بنتی", "ابنی",
                  "الصغار", "بچه", "فرزند", "مهدکودک", "مهد کودک", "کودک", "پسرم", "دخترم",
                  "дитин", "дітьми", "дітей", "діти", "садок", "садочок", "садік", "дочк",
                  "сина", "сином", "дети", "детей", "детьми",
                  "ребен", "садик", "в сад", "сына", "çocuk", "cocuk", "kreş", "kres", "bebek",
                  "oğlum", "kızım", "kizim"],
    "mornings": ["vormittags", "vormittag", "morgens", "nur früh", "in the morning", "mornings",
                 "morning", "until noon", "صباح", "الصبح", "الصبحیه", "صبح", "قبل الظهر",
                 "зранку", "вранці", "до обіду", "зрання", "утром", "до обеда", "по утрам",
                 "с утра", "sabah", "öğleden önce", "ogleden once", "öğlene kadar"],
    "afternoons": ["nachmittags", "nachmittag", "abends", "afternoon", "evening", "بعد الظهر",
                   "المساء", "مساء", "بعدازظهر", "بعد از ظهر", "عصر", "عصرها", "после обеда",
                   "вечером", "після обіду", "ввечері", "öğleden sonra", "ogleden sonra", "akşam",
                   "aksam"],
    "language_course": ["kurs", "deutschkurs", "sprachkurs", "integrationskurs", "sprachschule",
                        "course", "class", "classes", "language school", "دوره", "دوره زبان",
                        "کورس", "کلاس", "مدرسه اللغه", "курс", "курси", "курсы", "мовн", "языков",
                        "kurs", "dil okulu", "ders"],
    "health": ["krank", "gesundheit", "rücken", "operation", "behinderung", "schmerz", "health",
               "sick", "ill", "illness", "back pain", "surgery", "disab", "pain", "pregnan",
               "schwanger", "صحه", "صحی", "مریض", "مرض", "ظهری", "عملیه", "حامل", "وجع",
               "بیماری", "مریضی", "سلامتی", "کمر", "جراحی", "درد", "باردار", "здоров", "хвор",
               "спин", "операц", "вагітн", "болез", "боль", "беремен", "sağlık", "saglik", "hasta",
               "bel ağrı", "ameliyat", "rahatsız", "hamile", "ağrı", "agri"],
    "waiting_permit": ["arbeitserlaubnis", "aufenthalt", "termin", "genehmigung", "warte",
                       "ausländerbehörde", "auslanderbehorde", "erlaubnis", "jobcenter", "papiere",
                       "permit", "permission", "appointment", "waiting", "residence", "papers",
                       "visa", "اقامه", "تصریح", "اذن عمل", "موعد", "انتظار", "انتظر", "بانتظار",
                       "اوراق", "الاوراق", "اجازه کار", "اقامت", "نوبت", "منتظر", "مجوز", "مدارک",
                       "дозв", "посвідк", "термін", "чекаю", "чекати", "документ", "розрешен",
                       "разрешен", "вид на жительство", "внж", "термин", "жду", "ожида",
                       "izin", "oturum", "randevu", "bekliyor", "belge", "evrak"],
})
# A time of day said with "only" limits the work to it; said without, it may as well be when
# the person cannot work ("nachmittags bringe ich die Kinder"): kept as merely mentioned.
_ONLY = _pattern(whole=True, words=[
    "nur", "only", "just", "فقط", "بس", "тільки", "лише", "только", "лишь", "sadece", "yalnızca",
    "yalnizca"])
_CONSTRAINT_ORDER = ("childcare", "mornings_only", "afternoons_only", "mornings", "afternoons",
                     "language_course", "health", "waiting_permit", "no_night_shifts")


def hours_per_week(text: str) -> tuple[int | None, str | None]:
    """(hours per week, "full_time" / "part_time"); either may be unknown."""
    folded = _HOUR_WORD.sub(lambda m: str(_HOUR_NUMBERS_FOLDED[m.group(0)]), fold(text))
    hours: int | None = None
    match = _HOURS.search(folded)
    if match:
        low = float(match.group(1).replace(",", "."))
        high = float(match.group(2)) if match.group(2) else low
        value = (low + high) / 2
        if _PER_DAY.search(folded) or (value <= 10 and not _WEEK.search(folded)):
            value *= WORK_DAYS  # "8 hours a day", "6 Stunden": a working day
        hours = round(value) if 1 <= value <= 60 else None
    workload = next((kind for kind, pattern in _WORKLOAD.items() if pattern.search(folded)), None)
    if workload is None and hours is not None:
        workload = "full_time" if hours >= FULL_TIME_HOURS else "part_time"
    return hours, workload


_WEEK = re.compile(_WEEK_WORDS)
_HOUR_NUMBERS_FOLDED = {fold(k): v for k, v in _HOUR_NUMBERS.items()}


def constraints(text: str) -> list[str]:
    """What limits when or how much the person can work, as codes in a fixed order."""
    folded = fold(text)
    found = {code for code, pattern in _CONSTRAINTS.items() if pattern.search(folded)}
    if (_NIGHT.search(folded) or _NIGHT_FA.search(folded)) and _NEGATION.search(folded):
        found.add("no_night_shifts")
    if _ONLY.search(folded):
        found = {f"{code}_only" if code in ("mornings", "afternoons") else code for code in found}
    return [code for code in _CONSTRAINT_ORDER if code in found]


def structure_availability(text: str, today: date) -> dict[str, Any]:
    """Start (relative words resolved against `today`, the day of the answer), hours, constraints."""
    start, immediately = start_date(text, today)
    hours, workload = hours_per_week(text)
    return {"start_date": start.isoformat() if start else None, "immediately": immediately,
            "hours_per_week": hours, "workload": workload, "constraints": constraints(text),
            "as_of": today.isoformat()}


# --- goals -----------------------------------------------------------------------------------------
_WISHES = _table({
    "language_course": [
        "deutsch lernen", "deutschkurs", "sprachkurs", "integrationskurs", "sprache lernen",
        "mein deutsch", "deutsch verbessern", "learn german", "german course", "language course",
        "improve my german", "learn the language", "study german", "تعلم اللغه", "اتعلم اللغه",
        "اتعلم الالمانی", "اتعلم الماني", "تعلم الالمانیه", "دوره لغه", "کورس لغه", "کورس الماني",
        "کورس المانی", "اللغه الالمانیه", "زبان آلمانی", "کلاس زبان", "آلمانی یاد", "زبان یاد",
        "دوره زبان", "یادگیری زبان", "вивчити німецьку", "вивчати німецьку", "курс німецької",
        "курси німецької", "мовний курс", "мовні курси", "вчити мову", "німецьку мову",
        "выучить немецкий", "учить немецкий", "немецкий язык", "языковой курс", "курсы немецкого",
        "курс немецкого", "учить язык", "almanca öğren", "almanca ogren", "dil kursu",
        "almanca kursu", "almancamı", "almancami", "almanca"],
    "vocational_training": [
        "ausbildung", "lehre machen", "umschulung", "berufsausbildung", "apprenticeship",
        "vocational", "trainee", "تدریب مهنی", "اوسبیلدونغ", "اوسبلدونغ", "اوسبیلدونک",
        "ausbildung", "تدریب", "تکوین مهنی", "آموزش حرفه", "اوسبیلدونگ", "آوسبیلدونگ", "کارآموزی",
        "دوره فنی", "профнавчан", "професійне навчання", "аусбільдунг", "аусбилдунг",
        "профобучени", "профессиональное обучение", "meslek eğitimi", "mesleki eğitim", "çıraklık",
        "meslek egitimi"],
    "study": ["studieren", "studium", "universität", "hochschule", "uni ", "master machen",
              "study at", "go to university", "university", "studies", "master's", "masters",
              "جامعه", "الجامعه", "اکمل دراستی", "اکمال الدراسه", "الدراسه", "ادرس", "ماجستیر",
              "دانشگاه", "تحصیل", "ادامه تحصیل", "فوق لیسانس", "کارشناسی ارشد", "درس بخونم",
              "університет", "навчатися в", "вчитися в", "магістр", "вищу освіту", "вищої освіти",
              "университет",
              "учиться в", "магистр", "высшее образование", "поступить", "üniversite", "universite",
              "okumak", "yüksek lisans", "yuksek lisans", "master yap"],
    "recognition": ["anerkennung", "anerkennen", "anerkannt", "gleichwertig", "recogni",
                    "equivalence", "معادله", "اعتراف", "الاعتراف", "تعدیل الشهاده", "تعدیل شهاد",
                    "ارزشیابی", "معادل سازی", "تایید مدرک", "به رسمیت", "визнан", "підтвердити диплом",
                    "нострифікац", "признан", "подтвердить диплом", "нострифик", "denklik",
                    "tanınma", "tanıt", "diplomamı tan", "diplomami tan"],
    "own_business": ["selbstständig", "selbständig", "eigenes geschäft", "eigene firma",
                     "eigenen laden", "eigenes restaurant", "firma gründen", "geschäft eröffnen",
                     "own business", "own shop", "own company", "self-employed", "self employed",
                     "start a business", "my own restaurant", "own restaurant", "مشروع خاص",
                     "مشروعی", "مشروع صغیر", "محل خاص", "شرکه خاصه", "محلی الخاص", "افتح محل",
                     "افتح مطعم", "شغل خاص", "کسب و کار خودم", "کار خودم", "مغازه خودم",
                     "شرکت خودم", "کسب‌وکار", "کسب و کار", "رستوران خودم", "свою справу",
                     "власний бізнес", "свій бізнес", "власну справу", "свій салон", "свое дело",
                     "своё дело", "свой бизнес", "открыть свой", "собственный бизнес",
                     "kendi işim", "kendi isim", "kendi dükkan", "kendi işyer", "kendi şirket",
                     "işyeri aç", "dükkan aç", "kendi restoran"],
    "any_job": ["egal was", "egal welche", "irgendeine arbeit", "irgendwas", "jede arbeit",
                "hauptsache arbeit", "arbeit finden", "job finden", "arbeit suchen", "any job",
                "any work", "whatever", "find a job", "find work", "get a job", "ای عمل", "ای شغل",
                "ای وظیفه", "اي عمل", "اشتغل باي", "الاقی شغل", "لاقی شغل", "اشتغل اي", "هر کاری",
                "هر شغلی", "کار پیدا", "هرکاری", "будь-яку роботу", "будь яку роботу",
                "знайти роботу", "будь-яка робота", "любую работу", "любая работа",
                "найти работу", "herhangi bir iş", "herhangi bir is", "ne olursa", "iş bulmak",
                "is bulmak", "her iş", "her is", "iş bul"],
})
# Words that carry no occupation: taken out of a clause before the occupation search, so that
# "Deutsch lernen" does not come back as language teacher.
_NOT_OCCUPATION = _pattern([
    *(w for pattern_words in (
        ["deutsch", "german", "sprache", "language", "المانی", "الالمانیه", "لغه", "اللغه", "آلمانی",
         "زبان", "німецьк", "мов", "немецк", "язык", "almanca", "dil", "kurs", "course", "курс",
         "کورس", "کلاس", "دوره", "universität", "university", "uni", "студ", "جامعه", "دانشگاه",
         "университет", "університет", "üniversite", "lernen", "learn", "study", "studieren",
         "мову", "мови", "ausbildung", "training"],)
      for w in pattern_words)])
_CLAUSE = re.compile(r"[,.;:!?،؛\n]+|\s(?:und|oder|aber|and|or|but|then|dann|или|или|и|і|та|або|"
                     r"а потом|потім|потом|ve|veya|ya da|sonra|و|یا|او|ثم)\s", re.IGNORECASE)


def _occupation(match: occupation_search.OccupationMatch) -> dict[str, Any]:
    return {"kldb": match.kldb, "title_de": match.job_title_de or match.title_de,
            "score": round(match.score, 3)}


def _without(clause: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """`clause` in its own letters (the occupation search knows them), without the words that
    the patterns match in the folded form."""
    words = clause.split()
    folded = [fold(word) for word in words]
    joined = " ".join(folded)
    spans = [m.span() for pattern in patterns for m in pattern.finditer(joined)]
    kept, position = [], 0
    for word, form in zip(words, folded, strict=True):
        start, end = position, position + len(form)
        position = end + 1
        if not any(s < end and start < e for s, e in spans):
            kept.append(word)
    return " ".join(kept)


def find_occupations(text: str, lang: str | None, *,
                     exclude: Iterable[re.Pattern[str]] = ()) -> list[dict[str, Any]]:
    """Plausible KldB occupations named in a sentence: each clause searched on its own, the
    wish words taken out first; only matches the search is quite sure of."""
    found: dict[str, dict[str, Any]] = {}
    for clause in _CLAUSE.split(text):
        query = _without(clause, (*exclude, _NOT_OCCUPATION))
        if sum(ch.isalpha() for ch in query) < 3:
            continue
        for match in occupation_search.search(query, lang=lang, top=1):
            if match.score >= MIN_OCCUPATION_SCORE and match.kldb not in found:
                found[match.kldb] = _occupation(match)
    return sorted(found.values(), key=lambda o: -o["score"])[:MAX_OCCUPATIONS]


def structure_goals(text: str, lang: str | None) -> dict[str, Any]:
    """Target occupations (KldB) and wishes (language course, training, study, recognition,
    own business, any job)."""
    folded = fold(text)
    wishes = [code for code, pattern in _WISHES.items() if pattern.search(folded)]
    occupations = find_occupations(text, lang, exclude=_WISHES.values())
    return {"occupations": occupations, "wishes": wishes}


# --- vocational training ---------------------------------------------------------------------------
_TRAINING_KINDS = _table({
    "on_the_job": ["angelernt", "im betrieb gelernt", "bei der arbeit gelernt", "durch arbeit",
                   "von meinem vater", "von meinem onkel", "selbst beigebracht", "on the job",
                   "learned at work", "learnt at work", "learned by working", "learnt by working",
                   "by working", "from my father", "from my uncle", "self-taught", "self taught",
                   "taught myself", "تعلمت بالشغل", "تعلمت فی الشغل", "تعلمت بالعمل",
                   "من خلال العمل", "من ابی", "من ابوی", "من والدی", "بالممارسه", "تعلمت فی المحل",
                   "تعلمتها بالشغل", "تعلمت الصنعه", "بالشغل", "بالعمل", "بالمحل", "عند معلم",
                   "سر کار یاد", "تو کار یاد", "در کار یاد",
                   "از پدرم", "شاگردی", "تجربی", "پیش استاد", "на роботі навчи", "навчився на роботі",
                   "навчилася на роботі", "на практиці", "сам навчи", "від батька", "на работе науч",
                   "научился на работе", "научилась на работе", "на практике", "сам научи",
                   "самоучка", "от отца", "usta yanında", "usta yaninda", "iş başında",
                   "is basinda", "çalışarak öğren", "calisarak ogren", "babamdan", "kendi kendime",
                   "ustadan", "ustamdan"],
    "formal": ["ausbildung", "lehre als", "berufsschule", "gesellenbrief", "gesellenprüfung",
               "meisterbrief", "berufsausbildung", "facharbeiter", "apprenticeship",
               "vocational school", "vocational training", "technical school", "technical institute",
               "polytechnic", "college", "institute", "معهد", "دبلوم", "تدریب مهنی", "مدرسه مهنیه",
               "مدرسه صناعیه", "ثانویه صناعیه", "الصناعه", "هنرستان", "فنی و حرفه", "فنی حرفه",
               "فنی‌وحرفه", "دیپلم فنی", "کاردانی", "آموزشکده", "училищ", "технікум", "коледж",
               "профтех", "пту", "техникум", "колледж", "профессиональное", "професійн",
               "meslek lise", "çıraklık", "ciraklik", "kalfalık", "kalfalik", "ustalık belgesi",
               "meslek yüksekokul", "myo", "endüstri meslek"],
    "course": ["kurs", "lehrgang", "zertifikat", "schulung", "fortbildung", "weiterbildung",
               "seminar", "course", "certificate", "workshop", "training", "دوره", "کورس",
               "شهاده", "ورشه", "تدریب", "گواهی", "کلاس", "آموزشگاه", "مدرک", "курс", "сертифікат",
               "тренінг", "сертификат", "тренинг", "kurs", "sertifika", "eğitim", "egitim"],
})
_KIND_ORDER = ("on_the_job", "formal", "course")
# ISCED-F 2013 broad fields, for a training the occupation search cannot place.
_ISCED_FIELDS = _table({
    "06": ["computer", "informatik", "programm", "software", "netzwerk", "it-", "web", "حاسوب",
           "کمبیوتر", "برمجه", "کامپیوتر", "برنامه نویسی", "شبکه", "комп'ютер", "компьютер",
           "програм", "bilgisayar", "yazılım", "yazilim"],
    "09": ["pflege", "kranken", "gesundheit", "medizin", "nurse", "nursing", "health", "medical",
           "تمریض", "صحه", "طبی", "پرستار", "بهداشت", "پزشکی", "медсест", "медич", "медиц",
           "hemşire", "hemsire", "sağlık", "saglik"],
    "04": ["buchhaltung", "büro", "verwaltung", "kaufm", "accounting", "office", "business",
           "administration", "محاسبه", "اداره", "سکرتاریا", "حسابداری", "مدیریت", "اداری",
           "бухгалт", "офіс", "офис", "менеджм", "muhasebe", "büro", "isletme", "işletme"],
    "07": ["elektro", "mechani", "technik", "bau", "bauarbeit", "schweiß", "engineering", "electric",
           "mechanic", "construction", "weld", "كهرباء", "کهرباء", "میکانیک", "بناء", "لحام",
           "برق", "مکانیک", "ساختمان", "جوشکاری", "електр", "механ", "будів", "зварю", "электр",
           "строит", "свар", "elektrik", "mekanik", "inşaat", "insaat", "kaynak"],
    "08": ["landwirtschaft", "garten", "farm", "agricultur", "garden", "زراعه", "کشاورزی",
           "باغبانی", "сільськ", "сельск", "аграр", "tarım", "tarim", "bahçe"],
    "10": ["friseur", "kosmetik", "gastronomie", "küche", "hotel", "hair", "beauty", "cooking",
           "catering", "حلاقه", "تجمیل", "طبخ", "آرایشگری", "آشپزی", "перукар", "кулінар",
           "парикмах", "кулинар", "kuaför", "kuafor", "aşçılık", "ascilik", "güzellik"],
    "02": ["kunst", "design", "musik", "sprach", "übersetz", "art", "music", "translation",
           "تصمیم", "موسیقی", "ترجمه", "هنر", "طراحی", "мистец", "дизайн", "искусств",
           "перевод", "переклад", "sanat", "tasarım", "çeviri"],
    "01": ["erzieh", "lehrer", "pädagog", "teacher", "teaching", "education", "تعلیم", "تربیه",
           "معلم", "آموزگار", "педагог", "вчител", "учител", "öğretmen", "ogretmen"],
})


def structure_training(text: str, lang: str | None, *, none_said: bool = False) -> dict[str, Any]:
    """Kind of qualification (formal training, course/certificate, on the job, none) and its
    field: a KldB occupation where the search is sure, else an ISCED-F broad field."""
    folded = fold(text)
    if none_said:
        return {"kind": "none", "occupation": None, "isced_field": None}
    kind = next((k for k in _KIND_ORDER if _TRAINING_KINDS[k].search(folded)), None)
    occupations = find_occupations(text, lang, exclude=_TRAINING_KINDS.values())
    occupation = occupations[0] if occupations else None
    field = None if occupation else next(
        (code for code, pattern in _ISCED_FIELDS.items() if pattern.search(folded)), None)
    return {"kind": kind, "occupation": occupation, "isced_field": field}


# --- the stored value ------------------------------------------------------------------------------
def structured_value(slot: str, value: Any, lang: str | None, today: date | None = None,  # noqa: ANN401
                     *, none_said: bool = False) -> Any:  # noqa: ANN401 - the stored JSON value
    """The value to store for an accepted answer: for the structured free-text questions
    {"text": the words, "structured": {...}}; every other value unchanged."""
    if slot not in STRUCTURED_SLOTS or not isinstance(value, str) or not value.strip():
        return value
    if slot == "availability":
        structured = structure_availability(value, today or date.today())
    elif slot == "goals":
        structured = structure_goals(value, lang)
    else:
        none_said = none_said or catalogue.matches_lexicon(
            lang if lang in CODES else "de", "none", value)
        structured = structure_training(value, lang, none_said=none_said)
    return {"text": value, "structured": structured}

