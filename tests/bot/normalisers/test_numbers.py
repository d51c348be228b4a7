"""Numbers as people type them: words, digits of any script, halves, spans of years."""

import datetime as dt

import pytest

from bot.normalisers.choices import normalise_years
from bot.normalisers.numbers import read_years

TODAY = dt.date(2026, 12, 6)

# (lang, typed, years)
YEARS = [
    # English
    ("en", "seven years", 7), ("en", "Seven yrs", 7), ("en", "twenty-one", 21),
    ("en", "about 5", 5), ("en", "around 3 years I think", 3), ("en", "half a year", 0.5),
    ("en", "3 years and 6 months", 3.5), ("en", "five and a half years", 5.5),
    ("en", "18 months", 1.5), ("en", "a year", 1), ("en", "~4 yrs", 4),
    ("en", "i worked there for twelve years", 12), ("en", "nearly ten years", 10),
    ("en", "two years 😊", 2), ("en", "thirty five", 35), ("en", "6 months", 0.5),
    # German
    ("de", "sieben Jahre", 7), ("de", "einundzwanzig", 21), ("de", "ca. 5 Jahre", 5),
    ("de", "anderthalb Jahre", 1.5), ("de", "ein halbes Jahr", 0.5),
    ("de", "zweieinhalb jahre", 2.5), ("de", "ungefähr zehn", 10),
    ("de", "2 Jahre und 3 Monate", 2.25), ("de", "drei jahre lang", 3),
    ("de", "fünf", 5), ("de", "zwölf Jahre", 12), ("de", "zwanzig jahre", 20),
    # Arabic (Syrian and standard), Arabic-Indic digits
    ("ar", "سبع سنين", 7), ("ar", "تمان سنين", 8), ("ar", "تقريبا خمس سنين", 5), ("ar", "٥ سنوات", 5),
    ("ar", "سنتين", 2), ("ar", "خمس سنين ونص", 5.5), ("ar", "واحد وعشرين", 21),
    ("ar", "اشتغلت سنة", 1), ("ar", "حوالي عشر سنوات", 10), ("ar", "ثلاث عشرة سنة", 13),
    ("ar", "شي ست سنين", 6), ("ar", "تلات سنين", 3), ("ar", "نص سنة", 0.5),
    ("ar", "اتنعش سنة", 12), ("ar", "٣ سنين و ٦ شهور", 3.5), ("ar", "ثمان سنوات", 8),
    # Persian / Dari, Persian digits
    ("fa", "هفت سال", 7), ("fa", "بیست و یک", 21), ("fa", "نیم سال", 0.5),
    ("fa", "۵ سال", 5), ("fa", "تقریبا ده سال", 10), ("fa", "دو سال و نیم", 2.5),
    ("fa", "یک سال", 1), ("fa", "حدود ۳ سال", 3), ("fa", "یه سال و شش ماه", 1.5),
    ("fa", "چهار سال", 4), ("fa", "پونزده سال", 15), ("fa", "نه سال", 9),
    # Ukrainian
    ("uk", "сім років", 7), ("uk", "двадцять один", 21), ("uk", "пів року", 0.5),
    ("uk", "близько п'яти років", 5), ("uk", "півтора року", 1.5), ("uk", "п’ять років", 5),
    ("uk", "два роки", 2), ("uk", "десь 10 років", 10), ("uk", "шість", 6),
    ("uk", "три роки і шість місяців", 3.5), ("uk", "дванадцять років", 12),
    # Russian
    ("ru", "около пяти лет", 5), ("ru", "полгода", 0.5), ("ru", "полтора года", 1.5),
    ("ru", "пять с половиной лет", 5.5), ("ru", "три года", 3), ("ru", "примерно 7 лет", 7),
    ("ru", "двадцать один год", 21), ("ru", "восемь лет", 8), ("ru", "год", 1),
    # Turkish
    ("tr", "yedi yıl", 7), ("tr", "yirmi bir", 21), ("tr", "yarım yıl", 0.5),
    ("tr", "beş buçuk yıl", 5.5), ("tr", "yaklaşık 4 yıl", 4), ("tr", "yedi yil", 7),
    ("tr", "on iki yıl", 12), ("tr", "üç yıldır", 3), ("tr", "2 sene", 2),
    ("tr", "6 ay", 0.5), ("tr", "iki yıl altı ay", 2.5),
]

SPANS = [
    ("en", "since 2015", 11), ("en", "from 2010 to 2016", 6), ("en", "2010-2016", 6),
    ("de", "seit 2018", 8), ("de", "von 2010 bis 2016", 6), ("ar", "من ٢٠١٠ الى ٢٠١٦", 6),
    ("ar", "منذ 2020", 6), ("fa", "از ۱۳۹۵ تا الان", 10), ("fa", "از سال ۱۳۹۰ تا ۱۳۹۵", 5),
    ("uk", "з 2015 року", 11), ("uk", "з 2012 по 2020", 8), ("ru", "с 2019 года", 7),
    ("ru", "с 2010 по 2016", 6), ("tr", "2015'ten beri", 11), ("tr", "2010'dan 2016'ya kadar", 6),
]


@pytest.mark.parametrize(("lang", "typed", "expected"), YEARS)
def test_years_in_words_and_digits(lang, typed, expected):
    result = normalise_years(typed, lang)
    assert result.ok, (typed, result)
    assert result.value == expected


@pytest.mark.parametrize(("lang", "typed", "expected"), SPANS)
def test_spans_of_years(lang, typed, expected):
    assert read_years(typed, lang, today=TODAY).years == expected


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "about 5"), ("ru", "около пяти лет"), ("ar", "تقريبا خمس سنين"), ("tr", "yaklaşık 4 yıl"),
    ("fa", "حدود ۳ سال"), ("uk", "приблизно 6 років"), ("de", "etwa 3 Jahre"),
])
def test_approximate_is_noticed(lang, typed):
    assert read_years(typed, lang).approximate


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "3 or 4"), ("de", "3-4 Jahre"), ("ar", "٣ او ٤ سنين"), ("fa", "۳ یا ۴ سال"),
    ("uk", "5 або 6 років"), ("ru", "два или три года"), ("tr", "3 veya 4 yıl"),
])
def test_a_range_asks_for_one_number(lang, typed):
    assert normalise_years(typed, lang).error == "extraction.one_number"


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "many"), ("en", "I worked 5 years in Syria and 2 in Turkey"), ("de", "viele"),
    ("de", "1990"), ("ar", "كتير"), ("fa", "خیلی"), ("fa", "نه"), ("uk", "багато"),
    ("ru", "много лет"), ("tr", "çok"), ("en", "since 2035"), ("en", "-3"),
])
def test_no_single_number_is_asked_again(lang, typed):
    assert not normalise_years(typed, lang).ok


def test_solar_hijri_years_count_in_their_own_calendar():
    # 1395 SH began in March 2016; in December 2026 it is 1405 SH
    assert read_years("از ۱۳۹۵", "fa", today=TODAY).years == 10


# The same length said twice (months, then years) is one length; a lone singular unit before
# "and" counts one ("a year and a half"). Round-2 development failures first.
RESTATED_AND_HALVES = [
    ("en", "ten and half years", 10.5), ("fa", "فقط شش ماه، نیم سال", 0.5),
    ("en", "6 months, so half a year", 0.5), ("en", "a year and a half", 1.5),
    ("en", "a year and a half, 18 months", 1.5), ("en", "year and half", 1.5),
    ("en", "two and a half", 2.5), ("en", "ten and a half", 10.5),
    ("de", "sechs Monate, also ein halbes Jahr", 0.5), ("de", "ein Jahr und sechs Monate", 1.5),
    ("ar", "ستة أشهر يعني نص سنة", 0.5), ("ar", "سنة و ستة أشهر", 1.5), ("ar", "ستة أشهر", 0.5),
    ("ar", "سنتين ونص", 2.5), ("ar", "نص سنة", 0.5), ("ar", "sitt shhur", 0.5),
    ("fa", "شش ماه یعنی نیم سال", 0.5), ("fa", "سال و نیم", 1.5), ("fa", "دو سال و نیم", 2.5),
    ("fa", "shesh mah", 0.5), ("fa", "nim sal", 0.5),
    ("uk", "пів року, шість місяців", 0.5), ("uk", "шість місяців", 0.5),
    ("uk", "два з половиною роки", 2.5), ("uk", "пів року", 0.5),
    ("ru", "шесть месяцев, полгода", 0.5), ("ru", "год и три месяца", 1.25),
    ("ru", "два с половиной", 2.5), ("ru", "polgoda", 0.5),
    ("tr", "altı ay yani yarım yıl", 0.5), ("tr", "alti ay", 0.5), ("tr", "yarim yil", 0.5),
    ("tr", "iki buçuk", 2.5), ("tr", "yıl ve 6 ay", 1.5),
]


@pytest.mark.parametrize(("lang", "typed", "expected"), RESTATED_AND_HALVES)
def test_lengths_said_twice_and_halves(lang, typed, expected):
    assert normalise_years(typed, lang).value == expected


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "2 years, 18 months"),  # two different lengths: asked again, never summed
    ("en", "1 year, 18 months"), ("ru", "два года, восемнадцать месяцев"),
    ("fa", "سال ۱۳۹۰"),  # a calendar year is no length
    ("tr", "3 yıl, 5 yıl"),
])
def test_two_different_lengths_are_asked_again(lang, typed):
    assert not normalise_years(typed, lang).ok


@pytest.mark.parametrize(("lang", "typed", "expected"), [
    ("en", "started at age 16, stopped when I was 25 years old", 9),
    ("de", "mit 17 angefangen, mit 29 weg aus Syrien", 12),
    ("ar", "من وانا عمري ١٦ لعمري ٢٢", 6),
    ("tr", "14 yaşında başladım, 20 yaşında bıraktım", 6),
    ("en", "2009 to 2014 and again 2016 to 2020", 9),
    ("de", "2005-2010, dann 2012-2015", 8),
    # round 6: school from age six, ages as "from … to", Levantine teens
    ("en", "from age 6 until 16", 10),
    ("ru", "с 6 лет до 15", 9),
    ("ar", "من عمري سبع سنين لعمري ستطعش", 9),
])
def test_years_between_two_ages_or_several_spans(lang, typed, expected):
    assert normalise_years(typed, lang).value == expected


@pytest.mark.parametrize(("lang", "typed"), [("en", "3 or 4 years"), ("de", "mit 2 Kollegen, 5 Jahre"),
                                             ("en", "from 3 to 5 years")])
def test_two_numbers_without_ages_are_no_span(lang, typed):
    assert normalise_years(typed, lang).value != 3
