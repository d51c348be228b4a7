"""A phone number (E.164, German numbers by default) or an e-mail address."""

from __future__ import annotations

import re

import phonenumbers

from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, normalise_digits

# Syntax only: deliverability cannot be checked offline, the caseworker confirms it.
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")


def normalise_contact(raw: str) -> Result:
    text = normalise_digits(clean(raw))
    if "@" in text:
        address = text.strip(" .,;")
        if _EMAIL.match(address):
            return Result(value={"type": "email", "value": address.lower()})
        return Result.reject("invalid.contact")
    candidate = re.sub(r"[^\d+]", "", text)
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, "DE")
    except phonenumbers.NumberParseException:
        return Result.reject("invalid.contact")
    if not phonenumbers.is_valid_number(number):
        return Result.reject("invalid.contact")
    return Result(value={"type": "phone",
                         "value": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)})
