"""Dates of birth written in many ways, languages and calendars.

Gregorian dates go through dateparser (plus Levantine month names), also inside a sentence
("ich bin am 12.4.1995 geboren", "я родился 5 мая 1991 года"): one date and no other; a year
alone or two dates are re-asked, never guessed. Dates in the Solar Hijri calendar (Iran,
Afghanistan: "۱۲ مرداد ۱۳۷۰", "1370/5/12", "12 اسد 1370") are converted with jdatetime. Islamic
lunar (Hijri qamari) dates are recognised but not converted: no converter is installed, and
reading them as Solar dates would store a wrong birthday, so they are re-asked.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser
import jdatetime
from dateparser.search import search_dates

from bot.normalisers.declines import folded_words
from bot.normalisers.month_typos import NOT_GREGORIAN, correct_month_typos
from bot.normalisers.number_words import spell_out_as_digits
from bot.normalisers.numbers import fold_word
from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, normalise_digits

MIN_AGE, MAX_AGE = 15, 100
# Month names used in Syria, Iraq, Lebanon, Jordan and Palestine (dateparser knows only the
# Egyptian/Gulf ones); two-word names first so "كانون الثاني" is not read as "كانون".
_LEVANTINE_MONTHS = (
    ("كانون الثاني", 1), ("كانون الأول", 12), ("كانون الاول", 12), ("تشرين الأول", 10),
    ("تشرين الاول", 10), ("تشرين الثاني", 11), ("شباط", 2), ("آذار", 3), ("اذار", 3),
    ("ادار", 3), ("نيسان", 4), ("أيار", 5), ("ايار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8), ("اب", 8),
    ("أيلول", 9), ("ايلول", 9),
)
# Turkish months typed without Turkish letters that dateparser does not know ("5 mayis 1991");
# read only between a day and a year, since "Kasım" and "Ekim" are also first names.
_TURKISH_ASCII_MONTHS = (("mayis", 5), ("kasim", 11), ("aralik", 12))
# Month names typed in Latin letters for another script: Russian and Ukrainian transliterated
# ("16 marta 1989", "5 bereznya"), Levantine and Egyptian/Gulf Arabic in Arabizi ("15 adar",
# "3 7zeran", "yanayer"), German without umlauts ("Maerz"). Read only between a day and a year:
# "mart", "ab" or "may" are other words elsewhere. Persian months in Finglish are Solar.
_LATIN_MONTHS = {
    1: "yanvar yanvarya yanvaria janvar janvarja sichen sichnya sichnia sichnja kanun kanoun "
       "kanoon yanayer yanayir yanair",
    2: "fevral fevralya fevralia fevralja lyutyy lyutyi lyutoho liutoho ljutogo lyutogo shbat "
       "shubat sbat febrayer febrayir fabrayer",
    3: "mart marta berezen bereznya bereznia bereznja adar azar athar aazar mares maris maerz "
       "marz",
    4: "aprel aprelya aprelia aprelja kviten kvitnya kvitnia kvitnja nisan neesan nissan abril "
       "ebril",
    5: "may maya maja maia traven travnya travnia travnja ayyar ayar iyar mayo mayu",
    6: "iyun iyunya iyunia ijun ijunja iyuna cherven chervnya chervnia chervnja hzeran "
       "7zeran hziran haziran huzairan yonyo yunyu yunyo younyo",
    7: "iyul iyulya iyulia ijul ijulja iyula lypen lypnya lypnia lypnja lipen lipnya tammuz "
       "tamuz tamouz tammouz yolyo yulyu yulyo youlyo",
    8: "avgust avgusta serpen serpnya serpnia serpnja ab aab aghostos aghustus oghostos "
       "aghustos",
    9: "sentyabr sentyabrya sentiabria sentjabrja veresen veresnya veresnia veresnja aylul "
       "eylul ailoul sebtamber sibtambir september",
    10: "oktyabr oktyabrya oktiabria oktjabrja zhovten zhovtnya zhovtnia zhovtnja oktobar "
        "octobar uktubar",
    11: "noyabr noyabrya noiabria nojabrja lystopad lystopada listopad listopada nofamber "
        "novamber nufambir",
    12: "dekabr dekabrya dekabria dekabrja hruden hrudnya hrudnia grudnya grudnia grudnja "
        "desamber disambir december",
}
# French month names, often typed without accents by people schooled in French (Maghreb,
# Lebanon, Syria): "5 aout 1990", "12 fevrier 1988". Same rule: between a day and a year.
for _month, _names in enumerate("janvier fevrier mars avril mai juin juillet aout septembre "
                                "octobre novembre decembre".split(), start=1):
    _LATIN_MONTHS[_month] += f" {_names}"
_LATIN_MONTHS[2] += " février"
_LATIN_MONTHS[8] += " août"
_LATIN_MONTHS[12] += " décembre"
# Levantine two-word months in Arabizi ("tishreen el awwal", "kanoon el tani").
_LATIN_TWO_WORD = (
    (r"ti?shr[ie]+n\s+(?:e?l\s*|al\s*)?(?:awwal|awal|awel|2awwal|2awal|oula)", 10),
    (r"ti?shr[ie]+n\s+(?:e?l\s*|al\s*)?(?:tani|thani|tane|thane)", 11),
    (r"kan[ou]+n\s+(?:e?l\s*|al\s*)?(?:tani|thani|tane|thane)", 1),
    (r"kan[ou]+n\s+(?:e?l\s*|al\s*)?(?:awwal|awal|awel|2awwal|2awal)", 12),
)
_LATIN_MONTH = re.compile(
    r"(?<=\d)([\s./\-]*(?:of\s+|min\s+|men\s+)?)(" + "|".join(
        sorted({w for names in _LATIN_MONTHS.values() for w in names.split()}, key=len,
               reverse=True)) + r")(?=[\s./\-,]*(?:\d{4}|\d{2}(?!\d)))", re.IGNORECASE)
_LATIN_NUMBER = {w: m for m, names in _LATIN_MONTHS.items() for w in names.split()}
# The same names written before the day ("fevral 5 1990", "نيسان 5 1990"): moved after it, so
# the digits read day-month-year and "5" is never taken for the month.
_NAME_FIRST = re.compile(
    r"(?<!\w)(" + "|".join(sorted({w for names in _LATIN_MONTHS.values() for w in names.split()}
                                  | {n for n, _ in _LEVANTINE_MONTHS}, key=len, reverse=True))
    + r")[\s./\-,]+(\d{1,2})(?:st|nd|rd|th)?(?=[\s./\-,]+(?:\d{4}|\d{2})(?!\d))",
    re.IGNORECASE)
_NAME_NUMBER = _LATIN_NUMBER | {n: m for n, m in _LEVANTINE_MONTHS}
# "تشرين" and "كانون" alone are two months each (October/November, December/January).
_HALF_NAMED = re.compile(
    r"(?<!\w)(?:(?:تشرين|كانون)(?!\w)(?!\s+(?:ال|أل|ا?ل?(?:أول|اول|ثاني)))"
    r"|ti?sh?r[ie]+n(?!\w)(?!\s+(?:e?l\s*|al\s*)?(?:2?aw+[ae]l|oula|th?an[ie])))", re.IGNORECASE)
_NUMERIC = re.compile(r"^\s*(\d{1,4})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,4})\s*$")
# A day-month-year triple anywhere in a sentence: with separators ("12.4.1995", "1990/3/15"),
# or with spaces when a four-digit year ends it (a month name replaced: "15 3 1992").
_NUMERIC_IN_TEXT = re.compile(
    r"(?<![\d./\-])(?:\d{1,4}\s*([./\-])\s*\d{1,2}\s*\1\s*\d{1,4}|\d{1,2}\s+\d{1,2}\s+\d{4})"
    r"(?![\d]|[./\-]\d)")
# Case endings glued to a number with an apostrophe: Turkish "1990'da", "1990’dan".
_GLUED_SUFFIX = re.compile(r"(?<=\d)['’`´]\w+")
# Russian and Ukrainian glue the year's ending to its number: "85го", "85-го", "1985г.", "1996р."
_SLAVIC_YEAR_SUFFIX = re.compile(r"(?<=\d)-?(?:го|ого|й|года|году|г|року|рік|р)\.?(?![^\W\d_])")
# The year said first, then the day and month in words ("god 1974, 28 fevralya", "1990, 5
# Mai"): read with the year moved to the end, where the month names are looked for.
_YEAR_FIRST = re.compile(r"^(\D*?)(\d{4})(?:\s*[,;]\s*|\s+)(?=\D*\d{1,2}\s*[^\W\d_])([^\d]*\d{1,2}\D*)$")
# "day" right before the day's number makes dateparser's search give up ("يوم ٥ مايو ١٩٩١").
_DAY_WORD = re.compile(r"(?<!\w)(?:يوم|بيوم|روز|day|tag|день|дня|gün|gun|günü|gunu)\s+(?=\d)",
                       re.IGNORECASE)
# A date right after these words is someone else's (husband, wife, child) or an event's
# (arrival): "12.06.1985, а чоловіка 03.01.1983", "meine 1990, mein Mann 1988".
_SOMEONE_ELSE = frozenset(fold_word(w) for w in """
    husband wife son daughter child kids children arrived arrival came mann frau sohn tochter
    kind kinder ehemann ehefrau einreise angekommen eingereist муж мужа жена жены сын сына дочь
    дочери ребенок ребенка ребёнка дети детей приехали приехал приехала чоловік чоловіка дружина
    дружини син сина донька доньки дочка дочки дитина дитини діти дітей приїхали приїхав приїхала
    زوجي زوجتي جوزي مرتي ابني بنتي ولادي اولادي وصلنا وصلت ووصلت ووصلنا اجيت جيت شوهرم همسرم
    زنم پسرم دخترم بچه بچم رسیدیم رسیدم آمدم اومدم eşim esim eşimin esimin kocam kocamın kocamin
    oğlum oglum oğlumun oglumun kızım kizim kızımın kizimin geldik geldim
""".split())
_OTHER_REACH = 3
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
# Date separators of Persian and Arabic keyboards (decimal and thousands separators, comma).
_SEPARATORS = str.maketrans({"\u066b": "/", "\u066c": "/", "\u060c": " ", "\u2044": "/",
                             "\uff0f": "/", "\u2010": "-", "\u2011": "-", "\u2212": "-"})

# --- Solar Hijri ---------------------------------------------------------------------------
SOLAR_YEARS = range(1290, 1411)  # 1911-2032 Gregorian: every plausible birth year
# Iranian names, Afghan (Dari) zodiac names, Pashto names, and Latin transliterations.
_SOLAR_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("فروردین", "حمل", "وری", "farvardin", "farwardin", "hamal"),
    2: ("اردیبهشت", "اردی بهشت", "ثور", "غویی", "ordibehesht", "ordibehest", "sawr", "saur",
        "sowr"),
    3: ("خرداد", "جوزا", "جوزاء", "غبرگولی", "khordad", "khurdad", "jawza", "jauza", "jowza"),
    4: ("تیر", "سرطان", "چنگاښ", "tir", "saratan"),
    5: ("مرداد", "امرداد", "اسد", "زمری", "mordad", "amordad", "murdad", "asad"),
    6: ("شهریور", "سنبله", "وږی", "shahrivar", "shahriwar", "sonbola", "sunbula", "sombola"),
    7: ("مهر", "میزان", "تله", "mehr", "mizan"),
    8: ("آبان", "ابان", "عقرب", "لړم", "aban", "aqrab", "akrab"),
    9: ("آذر", "اذر", "قوس", "لیندۍ", "azar", "qaws", "qaus", "qous"),
    10: ("دی", "جدی", "مرغومی", "dey", "dei", "jadi", "jaddi"),
    11: ("بهمن", "دلو", "سلواغه", "bahman", "dalw", "dalv"),
    12: ("اسفند", "حوت", "کب", "esfand", "isfand", "esfend", "hut", "hoot"),
}
# Islamic lunar month names (Arabic); with one of them the year is a lunar Hijri year.
_LUNAR_MONTHS = (
    "محرم", "صفر", "ربيع الأول", "ربيع الاول", "ربيع الثاني", "ربيع الآخر", "ربيع الاخر",
    "جمادى الأولى", "جمادى الاولى", "جمادى الآخرة", "جمادى الاخرة", "جمادى الثانية", "رجب",
    "شعبان", "رمضان", "شوال", "ذو القعدة", "ذي القعدة", "ذو الحجة", "ذي الحجة",
)
# Every month name known here, for reading a mistyped one (month_typos.py); Solar and lunar
# names are rivals, so that a slip in one of them is never read as a Gregorian month.
_KNOWN_MONTHS = {
    **{w: m for m, names in _LATIN_MONTHS.items() for w in names.split()},
    **{n: m for n, m in (*_LEVANTINE_MONTHS, *_TURKISH_ASCII_MONTHS)},
    **{n: NOT_GREGORIAN for names in _SOLAR_MONTHS.values() for n in names},
    **{n: NOT_GREGORIAN for n in _LUNAR_MONTHS},
}
_KEY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u0640": "", "\u200c": "",
                      "\u200d": "", "إ": "ا", "أ": "ا", "آ": "ا"})


def _key(text: str) -> str:
    """Arabic-keyboard letters as Persian ones, no tatweel/ZWNJ, hamza seats plain, lower case."""
    return " ".join(text.casefold().translate(_KEY).split())


def _word_pattern(names: list[str]) -> re.Pattern[str]:
    # Longest first ("اردی بهشت" before "دی"); "ماه" (month) may follow a month name.
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?:\s*ماه)?(?!\w)")


_SOLAR_NAME = _word_pattern([_key(n) for names in _SOLAR_MONTHS.values() for n in names])
_SOLAR_NUMBER = {_key(n): month for month, names in _SOLAR_MONTHS.items() for n in names}
_LUNAR_NAME = _word_pattern([_key(n) for n in _LUNAR_MONTHS])
# "ه" / "هـ" / "ه.ق" / "قمری" after a year mark the lunar calendar, "ه.ش" / "شمسی" the solar one.
_SOLAR_MARK = re.compile(r"(?<!\w)(?:ه\s*\.?\s*ش|هجری\s+شمسی|شمسی|خورشیدی)(?!\w)")
_LUNAR_MARK = re.compile(r"(?<!\w)(?:ه\s*\.?\s*ق|هجری\s+قمری|قمری|هجری|ه)(?!\w)")
# "year", "month", "day" written between the numbers ("سال ۱۳۷۰ ماه ۵ روز ۱۲").
_UNIT_WORDS = re.compile(r"(?<!\w)(?:سال|ماه|روز)(?!\w)")
_SOLAR_NUMERIC = re.compile(
    r"(?<!\d)(\d{1,4})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,4})(?!\d)")


def _solar(year: int, month: int, day: int) -> date | str:
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return "impossible"  # e.g. 31 Esfand, or 30 Esfand outside a leap year


def _non_gregorian(text: str, lang: str, persian_digits: bool) -> date | str | None:
    """A Solar Hijri date converted to Gregorian, 'impossible', 'unparsed', or None if none."""
    key = _key(text)
    # Letters glued to digits ("1370هـ", "۱۲مرداد") are separate words.
    key = re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", key)
    numbers = [int(n) for n in re.findall(r"\d+", key)]
    if not numbers:
        return None
    solar_mark = _SOLAR_MARK.search(key)
    lunar = _LUNAR_NAME.search(key) or (not solar_mark and _LUNAR_MARK.search(key))
    if lunar and any(1300 <= n <= 1460 for n in numbers):
        return "unparsed"  # an Islamic lunar date: not converted (see the module docstring)
    names = _SOLAR_NAME.findall(key)
    if names:
        if len(names) != 1 or len(numbers) != 2:
            return "unparsed" if not names[0].isascii() else None
        month = _SOLAR_NUMBER[names[0]]
        years = [n for n in numbers if n in SOLAR_YEARS]
        days = [n for n in numbers if n < 100]
        if not years and len([n for n in numbers if n <= 31]) == 1:
            # "۱۵ فروردین ۷۰", "پانزده فروردین هفتاد": the "13" of the year dropped; a number
            # above 31 can only be that year, next to a Solar month name
            years = [1300 + n for n in numbers if 31 < n < 100]
            days = [n for n in numbers if n <= 31]
        if len(years) == 1 and len(days) == 1:
            return _solar(years[0], month, days[0])
        # A Persian month name with a Gregorian year is a mix-up, not a Gregorian date.
        return None if names[0].isascii() else "unparsed"
    if len(numbers) != 3:
        return None
    match = _SOLAR_NUMERIC.search(_UNIT_WORDS.sub(" ", key))
    if not match:
        return None
    first, month, last = (int(g) for g in match.groups())
    if len(match.group(1)) == 4 and first in SOLAR_YEARS:
        return _solar(first, month, last)
    if len(match.group(3)) == 4 and last in SOLAR_YEARS:
        return _solar(last, month, first)
    # "۷۰/۵/۱۲": Iranians often drop the "13" of the year; a first number above 31 is no day.
    short = len(match.group(1)) == 2 and first > 31 and len(match.group(3)) <= 2
    if short and (lang == "fa" or persian_digits or solar_mark):
        return _solar(1300 + first, month, last)
    return None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _numeric(text: str, today: date) -> date | None | str:
    """A date from digits; 'impossible' for a triple that is no calendar day."""
    match = _NUMERIC.match(text)
    if not match:
        return None
    a, b, c = match.groups()
    if len(a) == 4:  # year first (ISO style)
        year, month, day = int(a), int(b), int(c)
    else:
        day, month, year = int(a), int(b), int(c)
        if len(c) == 2:
            year += 2000 if year <= today.year % 100 else 1900
        if month > 12 >= day:
            day, month = month, day  # "12/23/1989": month first, as on US and UN papers
    try:
        return date(year, month, day)
    except ValueError:
        return "impossible"


# A date told part by part ("مواليد ١٩٩٢ شهر سبعة يوم واحد", "Jahr 1990, Monat 3, Tag 5"):
# the number after the word for the month, the one after the word for the day, and a year.
_MONTH_LABEL = re.compile(r"(?<!\w)(?:month|monat|شهر|ماه|mah|месяц|месяца|місяць|місяця|ay|ayi|"
                          r"ayın|ayin)\s*(\d{1,2})(?!\d)", re.IGNORECASE)
_DAY_LABEL = re.compile(r"(?<!\w)(?:day|tag|يوم|روز|rooz|rouz|день|дня|gün|gun|günü|gunu)\s*"
                        r"(\d{1,2})(?!\d)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _labelled(text: str) -> date | str | None:
    month, day, year = _MONTH_LABEL.findall(text), _DAY_LABEL.findall(text), _YEAR.findall(text)
    if len(month) != 1 or len(day) != 1 or len(year) != 1:
        return None
    try:
        return date(int(year[0]), int(month[0]), int(day[0]))
    except ValueError:
        return "impossible"


def _gregorian(text: str, lang: str, today: date) -> date | str:
    if _HALF_NAMED.search(text):
        return "unparsed"
    labelled = _labelled(text)
    if labelled is not None:
        return labelled
    text = correct_month_typos(text, _KNOWN_MONTHS, lang)
    text = _YEAR_FIRST.sub(lambda m: f"{m.group(1)}{m.group(3)} {m.group(2)}", text)
    text = _NAME_FIRST.sub(lambda m: f"{m.group(2)} {_NAME_NUMBER[m.group(1).lower()]}", text)
    for name, number in _LEVANTINE_MONTHS:
        text = re.sub(rf"(?<!\w){name}(?!\w)", f" {number} ", text)
    for pattern, number in _LATIN_TWO_WORD:
        text = re.sub(rf"(?<=\d)([\s./\-]*){pattern}(?=[\s./\-,]*\d)", rf"\g<1> {number} ",
                      text, flags=re.IGNORECASE)
    text = _LATIN_MONTH.sub(lambda m: f"{m.group(1)} {_LATIN_NUMBER[m.group(2).lower()]} ",
                            text)
    # "15 من 3 عام 1992", "15 of 3 1992": words between the numbers of a date
    text = re.sub(r"(?<=\d)\s+(?:من|عام|سنة|سنه|of|year)\s+(?=\d)", " ", text)
    for name, number in _TURKISH_ASCII_MONTHS:
        text = re.sub(rf"(?<=\d)(\.?\s*){name}(?=\s*\d)", rf"\g<1> {number} ", text,
                      flags=re.IGNORECASE)
    text = " ".join(text.split())
    parsed = _numeric(text, today)
    if parsed is not None:
        return parsed
    languages = list(dict.fromkeys([lang, "en", "de"]))
    found = dateparser.parse(text, languages=languages, settings=_DATEPARSER_SETTINGS)
    # A relative reading ("34 سنة": 34 years ago) has no year written in the text.
    if found is not None and _year_written(found.year, text):
        return found.date()
    return _in_sentence(text, languages, today)


def _year_written(year: int, text: str) -> bool:
    return bool(re.search(rf"(?<!\d)(?:{year}|{year % 100:02d})(?!\d)", text))


def _in_sentence(text: str, languages: list[str], today: date) -> date | str:
    """The one date written inside a sentence; 'unparsed' for none or two different ones
    (the birth date and the day of arrival cannot be told apart), 'impossible' for 31.02."""
    text = _DAY_WORD.sub("", _GLUED_SUFFIX.sub("", text))
    readings: set[date | str] = set()
    others: set[date | str] = set()  # dates said of someone else ("а чоловіка 03.01.1983")
    for match in _NUMERIC_IN_TEXT.finditer(text):
        reading = _numeric(match.group(0), today)
        if reading is not None:
            before = folded_words(text[:match.start()])[-_OTHER_REACH:]
            (others if any(w in _SOMEONE_ELSE for w in before) else readings).add(reading)
    if not readings and others:
        readings = others  # "my husband's is …" alone: asked back below like any other
    # Digit triples are read above, in day-month-year order; dateparser reads the month names.
    rest = _NUMERIC_IN_TEXT.sub(" ; ", text)
    for words, found in search_dates(rest, languages=languages,
                                     settings=_DATEPARSER_SETTINGS) or []:
        # A relative date ("today", "in 2 days") carries no year written in the words.
        if _year_written(found.year, words):
            readings.add(found.date())
    if len(readings) != 1:
        return "unparsed"
    return readings.pop()


def _read(text: str, lang: str, today: date, persian_digits: bool) -> date | str:
    parsed = _non_gregorian(text, lang, persian_digits)
    if parsed is None:
        parsed = _gregorian(text, lang, today)
    return parsed


def _written(found: date, text: str, solar: bool) -> bool:
    """Whether the day and the year (all four digits, or the last two: "девяносто второго")
    of a date read from number words are written in `text`."""
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    shamsi = jdatetime.date.fromgregorian(date=found)
    return any(day in numbers and (year in numbers or year % 100 in numbers)
               for day, year in ((found.day, found.year), (shamsi.day, shamsi.year)))


def parse_birth_date(raw: str, lang: str, today: date | None = None) -> Result:
    today = today or date.today()
    cleaned = clean(raw)
    persian_digits = any("\u06f0" <= ch <= "\u06f9" for ch in cleaned)
    text = _SLAVIC_YEAR_SUFFIX.sub("", normalise_digits(cleaned).translate(_SEPARATORS))
    parsed = _read(text, lang, today, persian_digits)
    if parsed == "unparsed" and not _HALF_NAMED.search(text):
        # Numbers in words: "vierzehnten Juli neunzehnhundertneunzig", "twenty first of may"
        spelled = spell_out_as_digits(text, lang)
        if spelled != text:
            reread = _read(spelled, lang, today, persian_digits)
            # only a date whose day and year are written there ("в 90 году" is no 1936)
            if not isinstance(reread, date) or _written(reread, spelled, persian_digits):
                parsed = reread
    if parsed == "impossible":
        return Result.reject("invalid.date_impossible")
    if parsed == "unparsed":
        return Result.reject("invalid.date_unparsed")
    assert isinstance(parsed, date)
    if parsed > today:
        return Result.reject("invalid.date_future")
    age = _age(parsed, today)
    if age < MIN_AGE:
        return Result.reject("invalid.age_too_young")
    if age > MAX_AGE:
        return Result.reject("invalid.age_too_old")
    return Result(value=parsed.isoformat())
