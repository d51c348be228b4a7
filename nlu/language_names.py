"""Recognise a language from its name as people type it, in any interface language.

Names come from CLDR (Babel) in every interface language plus each language's own name;
a few names CLDR lacks (Dari, Sorani, transliterations) are listed here.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from rapidfuzz import fuzz, process

from dialogues.languages import CODES
from nlu.folding import fold

_EXTRA_NAMES = {
    "prs": ["dari", "دری", "دري", "дари", "дарі", "darice", "farsi dari", "الدارية"],
    "fa": ["farsi", "فارسى", "parsi", "فارسي"],
    "ps": ["pashto", "pushto", "پشتو", "پښتو", "пушту"],
    "ckb": ["sorani", "سۆرانی", "سورانی"],
    "kmr": ["kurmanji", "kurmancî", "kurmanci", "курманджи", "курманджі", "کرمانجی", "الكرمانجية"],
    "ku": ["kurdi", "kurdî", "كردي", "کردی", "kurdisch", "kürtçe"],
    "ar": ["arabi", "3arabi", "عربي", "عربى", "arapca"],
    "uk": ["ukrainisch", "ukrainian", "ukrainski", "ukrayinska"],
    "ru": ["russki", "russkiy", "rusca"],
    "tr": ["turkce", "türkisch", "turki", "ترکی", "تركي"],
    "de": ["almani", "ألماني", "آلمانی", "nemetskiy", "almanca"],
    "en": ["inglisi", "انجليزي", "انگلیسی", "ingilizce", "english"],
    "ti": ["tigrinya", "ትግርኛ", "tigrigna"],
    "so": ["somali", "soomaali", "af soomaali"],
}
# Languages with a two-letter code, plus the ones above: an index of every CLDR language
# would let fuzzy matching turn typos into rare languages.
_EXTRA_CODES = tuple(_EXTRA_NAMES)




@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    wanted = None
    for display in CODES:
        names = Locale.parse(display).languages
        if wanted is None:
            wanted = {c for c in names if (len(c) == 2 and c.isalpha())} | set(_EXTRA_CODES)
        for code in wanted:
            if code in names:
                index.setdefault(fold(names[code]), code)
    for code in sorted(wanted or ()):
        try:
            own = Locale.parse(code).get_display_name(code)
        except (ValueError, TypeError, Exception):  # noqa: BLE001 - CLDR has no locale data
            own = None
        if own:
            index.setdefault(fold(own), code)
    for code, names in _EXTRA_NAMES.items():
        for name in names:
            index[fold(name)] = code
    return index


def match_language(text: str, allowed: tuple[str, ...] | None = None) -> str | None:
    """The language code a typed name means, or None; `allowed` restricts the result."""
    folded = fold(text)
    if not folded:
        return None
    index = _index()
    if allowed is not None:
        index = {name: code for name, code in index.items() if code in allowed}
    if folded in index:
        return index[folded]
    for candidate in [folded, *folded.split()]:
        if candidate in index:
            return index[candidate]
    for candidate in [folded, *folded.split()]:
        if len(candidate) < 4:
            continue
        match = process.extractOne(candidate, index.keys(), scorer=fuzz.ratio, score_cutoff=84)
        if match:
            return index[match[0]]
    return None


# Names CLDR lacks, per interface language.
_NAMES_NOT_IN_CLDR = {
    "prs": {"de": "Dari", "en": "Dari", "ar": "الدارية", "fa": "دری", "uk": "дарі",
            "ru": "дари", "tr": "Darice"},
    "kmr": {"de": "Kurmandschi", "en": "Kurmanji", "ar": "الكرمانجية", "fa": "کرمانجی",
            "uk": "курманджі", "ru": "курманджи", "tr": "Kurmanci"},
}


def language_name(code: str, lang: str) -> str:
    """The name of language `code` in interface language `lang`."""
    lang = lang if lang in CODES else "de"
    if code in _NAMES_NOT_IN_CLDR:
        return _NAMES_NOT_IN_CLDR[code][lang]
    return Locale.parse(lang).languages.get(code, code)
