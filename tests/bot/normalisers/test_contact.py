"""Phone numbers (E.164, German by default) and e-mail addresses."""

import pytest

from bot.normalisers.contact import normalise_contact

MOBILE = "+4915123456789"


@pytest.mark.parametrize("raw", [
    "015123456789",
    "0151 23456789",
    "01512 3456789",
    "0151/23456789",
    "0151-234 567 89",
    "+49 151 23456789",
    "+4915123456789",
    "0049 151 23456789",
    "+49 (0)151 23456789",
    "+49 0151 23456789",
    "٠١٥١٢٣٤٥٦٧٨٩",
    "٠١٥١ ٢٣٤٥٦٧٨٩",
    "+٤٩ ١٥١ ٢٣٤٥٦٧٨٩",
    "۰۱۵۱۲۳۴۵۶۷۸۹",
    "tel: 0151 23456789",
    "meine Nummer ist 0151 23456789",
])
def test_german_mobile_numbers(raw):
    result = normalise_contact(raw)
    assert result.ok, result
    assert result.value == {"type": "phone", "value": MOBILE}


@pytest.mark.parametrize(("raw", "expected"), [
    ("030 1234567", "+49301234567"),
    ("(030) 12345678", "+493012345678"),
    ("+49 30 1234567", "+49301234567"),
    ("0049 30 1234567", "+49301234567"),
    ("0341 1234567", "+493411234567"),
    ("0345/1234567", "+493451234567"),
    ("0221 12345678", "+4922112345678"),
])
def test_german_landline_numbers(raw, expected):
    assert normalise_contact(raw).value == {"type": "phone", "value": expected}


@pytest.mark.parametrize(("raw", "expected"), [
    ("+963 944 123 456", "+963944123456"),
    ("00380 67 123 4567", "+380671234567"),
    ("+90 532 123 45 67", "+905321234567"),
])
def test_foreign_numbers_with_country_code(raw, expected):
    assert normalise_contact(raw).value == {"type": "phone", "value": expected}


@pytest.mark.parametrize(("raw", "expected"), [
    ("ahmad@example.com", "ahmad@example.com"),
    ("Ahmad.Ali@Example.DE", "ahmad.ali@example.de"),
    ("  ahmad+jobs@mail.example.org  ", "ahmad+jobs@mail.example.org"),
    ("ahmad@example.com.", "ahmad@example.com"),
    ("o.kovalenko@ukr.net", "o.kovalenko@ukr.net"),
])
def test_email_addresses(raw, expected):
    assert normalise_contact(raw).value == {"type": "email", "value": expected}


@pytest.mark.parametrize("raw", [
    "ahmad@example",
    "ahmad@@example.com",
    "@example.com",
    "ahmad@",
    "ahmad example.com",
    "<ahmad@example.com>",
    "ahmad@example.c",
    "12345",
    "0151",
    "+49 151",
    "110",
    "0000000000",
    "abc",
    "keine Ahnung",
    "",
])
def test_invalid_contacts(raw):
    assert normalise_contact(raw).error == "invalid.contact"
