"""Personal names in any script."""

from __future__ import annotations

import unicodedata

from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, looks_like_mash

_ALLOWED_PUNCTUATION = set(" -'’.‐\u200c\u200d")


def normalise_name(raw: str) -> Result:
    text = clean(raw)
    letters = [ch for ch in text if unicodedata.category(ch)[0] in {"L", "M"}]
    if len(letters) < 1:
        return Result.reject("invalid.name")
    for ch in text:
        if unicodedata.category(ch)[0] not in {"L", "M"} and ch not in _ALLOWED_PUNCTUATION:
            return Result.reject("invalid.name")
    if looks_like_mash(text):
        return Result.reject("invalid.mash")
    # People typing on a phone often write all lower case; capitalise only then.
    if text == text.lower() and any(ch.isalpha() and ch.isascii() for ch in text):
        text = " ".join(part[:1].upper() + part[1:] for part in text.split(" "))
    return Result(value=text)
