"""Countries (ISO 3166 codes, names from CLDR in every interface language) and towns."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale
from rapidfuzz import fuzz, process

from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, looks_like_mash
from dialogues.languages import CODES
from nlu.folding import fold

# Spellings people use that CLDR does not list (transliterations, short and old names).
_ALIASES = {
    "souria": "SY", "siria": "SY", "syria": "SY", "suriya": "SY", "syrie": "SY", "sham": "SY",
    "al sham": "SY",
    "afganistan": "AF", "avganistan": "AF", "afghanestan": "AF", "afqanistan": "AF",
    "iraq": "IQ", "irak": "IQ", "al iraq": "IQ", "eraq": "IQ",
    "iran": "IR", "persia": "IR", "ukraina": "UA", "ukrajina": "UA",
    "rossiya": "RU", "rusya": "RU", "turkiye": "TR", "türkiye": "TR",
    "eritrea": "ER", "ertra": "ER", "eritria": "ER", "eritrya": "ER", "ertrea": "ER",
    "soomaaliya": "SO", "somalia": "SO",
    "usa": "US", "uk": "GB", "england": "GB", "turkey": "TR", "türkei": "TR",
    "سورية": "SY", "سوريه": "SY", "palestine": "PS", "palästina": "PS", "فلسطين": "PS",
    "فلسطین": "PS", "палестина": "PS", "filistin": "PS",
}




@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for display in (*CODES, "fr"):
        for code, name in Locale.parse(display).territories.items():
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ"}:
                index.setdefault(fold(name), code)
    for alias, code in _ALIASES.items():
        index.setdefault(fold(alias), code)
    return index


def country_name(code: str, lang: str) -> str:
    return Locale.parse(lang if lang in CODES else "de").territories.get(code, code)


def normalise_country(raw: str, lang: str) -> Result:
    text = clean(raw)
    folded = fold(text)
    if not folded:
        return Result.reject("invalid.country")
    index = _country_index()
    code = index.get(folded)
    if code is None:
        # Drop filler words around the name ("I come from Syria") by trying each word too;
        # single words only exactly or nearly so ("дані" must not become "Данія").
        words = folded.split()
        code = next((index[w] for w in words if w in index), None)
        candidates = [(folded, 88)] + [(w, 92) for w in words if len(w) >= 5]
        for candidate, cutoff in candidates:
            if code is not None:
                break
            match = process.extractOne(candidate, index.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
            if match:
                code = index[match[0]]
    if code is None:
        return Result.reject("invalid.country")
    return Result(value={"code": code, "name_de": country_name(code, "de")})


def normalise_place(raw: str) -> Result:
    text = clean(raw).strip(" .!?,;:")
    letters = [ch for ch in text if unicodedata.category(ch)[0] == "L"]
    if len(letters) < 2 or looks_like_mash(text):
        return Result.reject("invalid.place")
    if any(unicodedata.category(ch)[0] not in {"L", "M", "N", "Z"} and ch not in "-().,'/"
           for ch in text):
        return Result.reject("invalid.place")
    return Result(value=text)
