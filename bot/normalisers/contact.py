"""A phone number (E.164, German numbers by default) or an e-mail address, also inside a
sentence ("meine mail ist ali@web.de", "my number is 0176 1234567") and with "at"/"dot" spelled
out ("sara at gmail dot com", "ali (at) web (dot) de", "dmitrij собака mail точка ru")."""

from __future__ import annotations

import re

import phonenumbers

from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, normalise_digits

# Syntax only: deliverability cannot be checked offline, the caseworker confirms it.
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")
# An address inside a sentence: ASCII only, as addresses people have are.
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# "@" and "." said as words, bracketed or alone, in the interview's languages.
_AT_WORDS = r"at|ät|ات|اَت|собака|sobaka|sobachka|собачка|равлик"
_DOT_WORDS = r"dot|punkt|nokta|точка|tochka|krapka|крапка|نقطه|نقطة|دات|دوت"
_AT = re.compile(rf"\s*(?:[(\[{{<]\s*(?:{_AT_WORDS}|@)\s*[)\]}}>]|\s(?:{_AT_WORDS})\s|@)\s*",
                 re.IGNORECASE)
_DOT = re.compile(rf"\s*(?:[(\[{{<]\s*(?:{_DOT_WORDS})\s*[)\]}}>]|\s(?:{_DOT_WORDS})\s)\s*",
                  re.IGNORECASE)
# A spelled address: name at domain dot tld; the parts are ASCII so an Arabic "ات" or a Russian
# "собака" in a sentence about something else never makes one.
_SPELLED = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# Where a number may be written: digits, "+", and the separators people put between them.
_NUMBER_SPAN = re.compile(r"\+?\d(?:[\d\s/().\-]*\d)?")


def find_email(text: str) -> str | None:
    """The one e-mail address in `text` (written or spelled out), else None."""
    found = set(_EMAIL_IN_TEXT.findall(text))
    if not found and "@" not in text:
        spelled = _DOT.sub(".", _AT.sub("@", f" {text} "))
        # "write to me at ali dot hassan at gmail dot com": two "at", which one is the address's?
        found = set(_SPELLED.findall(spelled)) if spelled.count("@") == 1 else set()
    if len(found) != 1 or text.count("@") > 1:
        return None  # two addresses, or a second one broken: which one is meant?
    address = found.pop().strip(".")
    return address.lower() if _EMAIL.match(address) else None


def _phone(candidate: str) -> str | None:
    candidate = re.sub(r"[^\d+]", "", candidate)
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, "DE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phone(text: str) -> str | None:
    """The one phone number in `text`: the one run of digits and separators that is a valid
    number ("my number is 0176 1234567, I am 30")."""
    numbers = {number for span in _NUMBER_SPAN.findall(text) if (number := _phone(span))}
    return numbers.pop() if len(numbers) == 1 else None


def normalise_contact(raw: str) -> Result:
    text = normalise_digits(clean(raw))
    if "<" in text or ">" in text:
        return Result.reject("invalid.contact")  # markup around an address is never stored
    if "@" in text or _AT.search(f" {text} "):
        address = find_email(text)
        if address:
            return Result(value={"type": "email", "value": address})
        if "@" in text:
            return Result.reject("invalid.contact")
    number = find_phone(text)
    if number is None:
        return Result.reject("invalid.contact")
    return Result(value={"type": "phone", "value": number})
