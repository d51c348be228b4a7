"""Folding typed words for matching: case, accents, Arabic/Persian letter variants, spacing."""

from __future__ import annotations

import re
import unicodedata

# Arabic-keyboard yeh/kaf typed for the Persian ones; ZWNJ typed or not.
_LETTER_VARIANTS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u0640": ""})


def fold(text: str) -> str:
    """'Türkçe!', 'TURKCE' and 'turkce' fold alike; so do 'أيار' and 'ايار'."""
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_LETTER_VARIANTS)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())
