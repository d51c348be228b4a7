"""Checks every typed answer must pass: not empty, not too long, not markup, not mash."""

from __future__ import annotations

import re
import unicodedata

DIGITS = {ord(ch): str(unicodedata.digit(ch)) for ch in "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"}
# A tag starts right after "<" ("a < b > c" is arithmetic, not markup); script-bearing tags
# are caught even with spaces, and so are DOM event handlers and javascript: URLs.
_TAG = re.compile(
    r"</?[a-zA-Z!][^>]*>"
    r"|<\s*/?\s*(?:script|iframe|img|svg|object|embed|style|link|meta|body|form|input)\b[^>]*>"
    r"|\bon(?:error|load|click|dblclick|mouse\w+|key\w+|focus\w*|blur|submit|change|input"
    r"|pointer\w+|animation\w+|toggle|begin|wheel|drag\w*|touch\w+)\s*="
    r"|javascript:",
    re.IGNORECASE,
)
_KEEP_FORMAT = {"\u200c", "\u200d"}  # ZWNJ/ZWJ are part of Persian and Kurdish spelling
_REPEAT = re.compile(r"(.)\1{3,}")
# Five neighbouring keys of a keyboard row are typed by mashing, hardly ever in a real answer.
_ROWS = ("qwertyuiop", "qwertzuiop", "asdfghjkl", "yxcvbnm", "zxcvbnm", "йцукенгшщзх",
         "фывапролджэ", "ячсмитьбю", "ضصثقفغعهخحج", "شسیبلاتنمکگ", "شسيبلاتنمك")
_MASH_RUNS = {row[i:i + 5] for row in _ROWS for i in range(len(row) - 4)}
_VOWELS = set("aeiouyäöüáéíóúàèìòùâêîôûıəåæø")


def normalise_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits."""
    return text.translate(DIGITS)


def clean(text: str) -> str:
    """NFC, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text
                   if unicodedata.category(ch)[0] != "C" or ch in "\n\t" or ch in _KEEP_FORMAT)
    return " ".join(text.split())


def has_markup(text: str) -> bool:
    return bool(_TAG.search(text))


def is_binary(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"}
                   and ch not in "\n\r\t")
    return "\x00" in text or (len(text) > 0 and controls / len(text) > 0.1)


def has_words(text: str) -> bool:
    """True when the text holds at least one letter or digit (emoji and symbols don't count)."""
    return any(unicodedata.category(ch)[0] in {"L", "N"} for ch in text)


def is_periodic(text: str, min_repeats: int = 3) -> bool:
    """One chunk of up to 5 letters said over and over ("blablabla", "lololo", "asdasdasd",
    "بلابلابلا"), in any script; a trailing part of the chunk may follow ("blablabl")."""
    letters = "".join(ch for ch in text.casefold() if ch.isalpha())
    for size in range(1, 6):
        if len(letters) < size * min_repeats:
            break
        chunk = letters[:size]
        if (chunk * (len(letters) // size + 1)).startswith(letters):
            return True
    return False


def looks_like_mash(text: str) -> bool:
    lowered = text.casefold()
    if _REPEAT.search(lowered.replace(" ", "")):
        return True
    compact = re.sub(r"\s+", "", lowered)
    # one word of three rounds at least: "Nana", "Lulu" are names, "lalala", "blablabla" are
    # not; words said again ("no no no", "да да да") are a firm answer, no mash
    if any(len(word) >= 6 and is_periodic(word) for word in lowered.split()):
        return True
    if any(run in compact for run in _MASH_RUNS):
        return True
    for word in re.findall(r"[a-z]{6,}", lowered):
        if not _VOWELS.intersection(word):
            return True
    return False


def check_text(raw: str | None, max_length: int) -> str | None:
    """The catalogue key of the first problem with a typed answer, or None."""
    if raw is None or not raw.strip():
        return "invalid.empty"
    if is_binary(raw):
        return "invalid.not_text"
    if len(raw) > max_length:
        return "invalid.too_long"
    if has_markup(raw):
        return "invalid.html"
    if not has_words(raw):
        return "invalid.emoji_only"
    return None
