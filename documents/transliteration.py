"""Latin transliteration of names and short texts for German documents.

- Ukrainian: the official Ukrainian system (Cabinet of Ministers resolution No. 55 of 2010, "KMU 2010"),
  which Ukrainian passports use.
- Russian: the system of Russian international passports since 2014 (ICAO Doc 9303; translitua's
  `RussianICAO`; `RussianInternationalPassport` there is the older 1997 table, e.g. "Yuliya" for "Iuliia").
- Arabic script (Arabic, Persian/Dari, Pashto, Urdu, ...) and every other script: `anyascii`, with a few
  tweaks for readability. This is a readable approximation, NOT an official romanisation: Arabic script
  writes no short vowels, so "محمد" becomes "Mhmd", not "Mohammed".
- Latin input (also with diacritics such as Turkish "Şükrü") is returned unchanged.

The spelling in the person's passport always applies; documents say so next to every transliteration.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from translitua import RussianICAO, UkrainianKMU, translit

UKRAINIAN_SCHEME = "KMU 2010"
RUSSIAN_SCHEME = "Reisepass (ICAO)"
APPROXIMATE_SCHEME = "automatische Näherung"

_CYRILLIC_LANGS = {"uk": "uk", "ukr": "uk", "ru": "ru", "rus": "ru"}
_SCRIPT_HINTS = {"cyrl": "cyrl", "arab": "arab", "latn": "latn"}
# Letters only one of the two languages writes: decide when no usable language hint is given.
_UKRAINIAN_ONLY = set("ІіЇїЄєҐґ")
_RUSSIAN_ONLY = set("ЫыЭэЪъЁё")

# anyascii writes alef as "" and hamza-alef as "'"; names read better with a vowel ("Ahmd", not "'hmd").
_ARABIC_PREMAP = str.maketrans({"ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "\u200c": "-"})
_WORD_START = r"(?<![\w\u0600-\u06ff])"
_ARABIC_ARTICLE = re.compile(_WORD_START + r"ال(?=[\u0621-\u064a\u066e-\u06d3])")
_INITIAL_AIN = re.compile(_WORD_START + "ع")


def _script(char: str) -> str:
    """'latn', 'cyrl', 'arab', 'other' for a letter; 'neutral' for digits, spaces and punctuation."""
    if not char.isalpha() and not unicodedata.category(char).startswith("M"):
        return "neutral"
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F or 0xA720 <= code <= 0xA7FF:
        return "latn"
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0x2DE0 <= code <= 0x2DFF \
            or 0xA640 <= code <= 0xA69F:
        return "cyrl"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x0870 <= code <= 0x08FF \
            or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "arab"
    return "other"


def _runs(text: str) -> list[tuple[str, str]]:
    """Split into (script, chunk) runs; neutral characters join the run they sit in."""
    runs: list[tuple[str, str]] = []
    for char in text:
        script = _script(char)
        if runs and (script == "neutral" or runs[-1][0] in (script, "neutral")):
            previous, chunk = runs[-1]
            runs[-1] = (script if previous == "neutral" else previous, chunk + char)
        else:
            runs.append((script, char))
    return runs


def scripts(text: str) -> set[str]:
    """The scripts of the letters in `text` ('latn', 'cyrl', 'arab', 'other')."""
    return {_script(c) for c in text} - {"neutral"}


def is_latin(text: str) -> bool:
    return scripts(text) <= {"latn"}


def cyrillic_language(text: str, lang_or_script: str | None) -> str:
    """'uk' or 'ru': the language hint if it names one, else letters only one language uses, else 'ru'."""
    hint = _CYRILLIC_LANGS.get((lang_or_script or "").lower().split("-")[0].split("_")[0])
    if hint:
        return hint
    letters = set(text)
    if letters & _UKRAINIAN_ONLY and not letters & _RUSSIAN_ONLY:
        return "uk"
    return "ru"


def _cyrillic(chunk: str, language: str) -> str:
    if language == "uk":
        return translit(chunk, UkrainianKMU)
    return translit(chunk, RussianICAO)


def _arabic(chunk: str) -> str:
    # "Allah" in names (Abdullah, Zabihullah) before the article rule would split it as "al-lh"
    chunk = chunk.replace("الله", "allah")
    chunk = _INITIAL_AIN.sub("a", _ARABIC_ARTICLE.sub("al-", chunk))
    return anyascii(chunk.translate(_ARABIC_PREMAP))


def scheme(text: str, lang_or_script: str | None) -> str | None:
    """The name of the system `to_latin` uses for `text`, None when nothing needs transliterating."""
    found = scripts(text) - {"latn"}
    if not found:
        return None
    if found == {"cyrl"}:
        return UKRAINIAN_SCHEME if cyrillic_language(text, lang_or_script) == "uk" else RUSSIAN_SCHEME
    return APPROXIMATE_SCHEME


def to_latin(text: str, lang_or_script: str | None = None) -> str:
    """`text` in Latin letters. `lang_or_script` is a language code ("uk", "ru", "ar", "fa", ...) or an
    ISO 15924 script code ("Cyrl", "Arab", "Latn"); it only decides between the Ukrainian and Russian
    systems for Cyrillic, the script of each run of letters decides the rest."""
    text = unicodedata.normalize("NFC", text or "")
    if is_latin(text):
        return text
    hint = _SCRIPT_HINTS.get((lang_or_script or "").lower())
    language = cyrillic_language(text, None if hint else lang_or_script)
    parts = []
    for script, chunk in _runs(text):
        if script in ("latn", "neutral"):
            parts.append(chunk)
        elif script == "cyrl":
            parts.append(_cyrillic(chunk, language))
        elif script == "arab":
            parts.append(_arabic(chunk))
        else:
            parts.append(anyascii(chunk))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def name_to_latin(name: str, lang_or_script: str | None = None) -> str:
    """A name in Latin letters, each part capitalised ("محمد أحمد" -> "Mhmd Ahmd")."""
    if is_latin(name):
        return name
    latin = to_latin(name, lang_or_script)
    if scripts(name) - {"latn", "cyrl"}:
        # anyascii marks hamza and ain with ' and `: noise in a name written without vowels anyway
        latin = re.sub(r"['`]", "", latin)
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:], latin)
