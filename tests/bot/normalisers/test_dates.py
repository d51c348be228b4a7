"""Dates of birth in many formats and languages, checked against a fixed `today`."""

from datetime import date

import pytest

from bot.normalisers.dates import parse_birth_date

TODAY = date(2026, 11, 22)


def parse(raw, lang="de"):
    return parse_birth_date(raw, lang, today=TODAY)


@pytest.mark.parametrize(("raw", "lang", "expected"), [
    # digits
    ("23.04.1990", "de", "1990-04-23"),
    ("23.4.1990", "de", "1990-04-23"),
    ("1.1.1990", "de", "1990-01-01"),
    ("23/04/1990", "en", "1990-04-23"),
    ("23-04-1990", "de", "1990-04-23"),
    ("23 04 1990", "de", "1990-04-23"),
    ("23.04.1990.", "de", "1990-04-23"),
    (" 23 . 04 . 1990 ", "de", "1990-04-23"),
    ("1990-04-23", "en", "1990-04-23"),
    ("1990/04/23", "de", "1990-04-23"),
    ("1990-4-23", "en", "1990-04-23"),
    ("٢٣/٠٤/١٩٩٠", "ar", "1990-04-23"),
    ("١٩٩٠-٠٤-٢٣", "ar", "1990-04-23"),
    ("۲۳/۰۴/۱۹۹۰", "fa", "1990-04-23"),
    ("۲۳.۰۴.۱۹۹۰", "fa", "1990-04-23"),
    # month names
    ("5 May 1988", "en", "1988-05-05"),
    ("May 5, 1988", "en", "1988-05-05"),
    ("5 May 1988", "ar", "1988-05-05"),  # English works in every interface language
    ("5. Mai 1988", "de", "1988-05-05"),
    ("23. April 1990", "de", "1990-04-23"),
    ("23 апреля 1990", "ru", "1990-04-23"),
    ("23 апреля 1990 г.", "ru", "1990-04-23"),
    ("5 мая 1988", "ru", "1988-05-05"),
    ("23 квітня 1990", "uk", "1990-04-23"),
    ("5 травня 1988 року", "uk", "1988-05-05"),
    ("23 Nisan 1990", "tr", "1990-04-23"),
    ("23 Mayıs 1988", "tr", "1988-05-23"),
    ("23 أبريل 1990", "ar", "1990-04-23"),
    ("23 ابريل 1990", "ar", "1990-04-23"),
    ("٢٣ أبريل ١٩٩٠", "ar", "1990-04-23"),
    ("5 مايو 1988", "ar", "1988-05-05"),
    ("23 آوریل 1990", "fa", "1990-04-23"),
    ("۲۳ آوریل ۱۹۹۰", "fa", "1990-04-23"),
    ("23 اپریل 1990", "fa", "1990-04-23"),  # Dari spelling
    ("5 مه 1988", "fa", "1988-05-05"),
])
def test_valid_dates(raw, lang, expected):
    result = parse(raw, lang)
    assert result.ok, result
    assert result.value == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("23 نيسان 1990", "1990-04-23"),
    ("٢٣ نيسان ١٩٩٠", "1990-04-23"),
    ("5 أيار 1988", "1988-05-05"),
    ("23 حزيران 1990", "1990-06-23"),
    ("23 شباط 1990", "1990-02-23"),
])
def test_levantine_arabic_month_names(raw, expected):
    # Syria, Iraq, Lebanon and Jordan name the months نيسان, أيار, حزيران, شباط ...
    # rather than أبريل, مايو; many people from Syria write their birth date this way.
    result = parse(raw, "ar")
    assert result.ok, result
    assert result.value == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("23.04.90", "1990-04-23"),
    ("23/04/85", "1985-04-23"),
    ("01.01.05", "2005-01-01"),  # up to this year's two digits: this century
    ("23.04.27", "1927-04-23"),  # above: last century
])
def test_two_digit_years(raw, expected):
    assert parse(raw).value == expected


def test_two_digit_year_of_this_year_is_this_century():
    assert parse("23.04.26").error == "invalid.age_too_young"


@pytest.mark.parametrize("raw", [
    "31.02.1990",
    "29.02.2001",
    "30.02.2000",
    "31.04.1990",
    "32.01.1990",
    "13.13.1990",
    "00.01.1990",
    "1990-02-30",
    "٣١/٠٢/١٩٩٠",
])
def test_impossible_dates(raw):
    assert parse(raw).error == "invalid.date_impossible"


def test_leap_day_in_a_leap_year():
    assert parse("29.02.2000").value == "2000-02-29"
    assert parse("29.02.1996").value == "1996-02-29"


def test_american_order_is_no_calendar_day():
    # Day-month-year is assumed; "04/23/1990" has month 23.
    assert parse("04/23/1990", "en").error == "invalid.date_impossible"


@pytest.mark.parametrize("raw", ["23.11.2026", "01.01.2027", "23.04.2090", "2030-01-01"])
def test_future(raw):
    assert parse(raw).error == "invalid.date_future"


def test_today_is_not_the_future_but_too_young():
    assert parse("22.11.2026").error == "invalid.age_too_young"


@pytest.mark.parametrize("raw", ["01.01.2015", "23.11.2011", "2020-05-05"])
def test_under_15(raw):
    assert parse(raw).error == "invalid.age_too_young"


def test_fifteenth_birthday_today_is_accepted():
    assert parse("22.11.2011").value == "2011-11-22"


@pytest.mark.parametrize("raw", ["22.11.1925", "01.01.1900", "1850-01-01", "23.04.0090"])
def test_over_100(raw):
    assert parse(raw).error == "invalid.age_too_old"


def test_age_100_is_accepted():
    assert parse("23.11.1925").value == "1925-11-23"
    assert parse("22.11.1926").value == "1926-11-22"


@pytest.mark.parametrize(("raw", "lang"), [
    ("blabla", "de"),
    ("asdf qwer", "en"),
    ("ich weiß nicht", "de"),
    ("لا أعرف", "ar"),
    ("1990", "de"),  # a year alone is no date of birth
    ("April 1990", "en"),
    ("23 April", "en"),
    ("23.04", "de"),
    ("?", "de"),
])
def test_unparsed(raw, lang):
    assert parse(raw, lang).error == "invalid.date_unparsed"


def test_value_is_iso_text():
    value = parse("1.2.1990").value
    assert isinstance(value, str)
    assert date.fromisoformat(value) == date(1990, 2, 1)


def test_default_today_is_the_real_date():
    # Without `today` a date of birth a hundred years in the future is always rejected.
    assert parse_birth_date("01.01.2999", "de").error == "invalid.date_future"
