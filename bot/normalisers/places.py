"""Countries (ISO 3166 codes, names from CLDR in every interface language) and towns.

Towns are German municipalities found by classifications/municipalities.py.

A country is recognised by its CLDR name in the interface languages and in the languages
newcomers write (Pashto, Kurdish, Tigrinya, Amharic, Somali, Urdu, Dari, French), by its
endonyms (its name in its own main languages: "Україна", "ኤርትራ", "Soomaaliya"), and by common
spellings and Latin-script transliterations of Arabic and Persian ("souriya", "3iraq", "masr").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, looks_like_mash
from classifications.municipalities import Match, find_municipality, names_place_abroad
from dialogues.languages import CODES
from nlu.folding import fold
from nlu.questions import CONTRAST_WORDS


def _fold(text: str) -> str:
    # Turkish dotless ı: "KIRGIZISTAN" folds to "kirgizistan", so "Kırgızistan" must too.
    return fold(text).replace("ı", "i")


_CITIES = Path(__file__).resolve().parents[2] / "classifications" / "data" / "cities_of_origin.yml"
# Languages whose country names people type besides the interface languages.
_WRITTEN_LANGUAGES = ("fr", "ps", "ckb", "ku", "ti", "am", "so", "ur", "fa_AF")
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}
# Spellings people use that CLDR does not list (transliterations, short and old names).
_ALIASES = {
    "SY": ("souria", "souriya", "souriyah", "sourya", "surya", "suria", "suriya", "suriyah", "sooriya",
           "siria", "syria", "syrie", "sham", "al sham", "ash sham", "esh sham", "bilad al sham",
           "سورية", "سوريه", "الشام", "شام", "سوريا الحبيبة"),
    "IQ": ("iraq", "irak", "3iraq", "3erak", "3eraq", "al iraq", "el iraq", "eraq", "erak",
           "araq", "عراق"),
    "AF": ("afghanistan", "afganistan", "avganistan", "afghanestan", "afqanistan", "afghanstan",
           "afghanistaan", "owghanistan", "افغانستان", "أفغانستان", "افغانستان عزیز"),
    "IR": ("iran", "eran", "irán", "persia", "jomhuri eslami", "ايران", "ایران"),
    "LB": ("loubnan", "lubnan", "libnan", "lebnan", "lebanon", "liban", "لبنان"),
    "EG": ("masr", "misr", "masir", "egypt", "egipt", "مصر"),
    "JO": ("urdun", "al urdun", "ordon", "ordun", "jordan", "الأردن", "الاردن"),
    "PS": ("palestine", "palästina", "falastin", "filastin", "falesteen", "filistin",
           "فلسطين", "فلسطین", "палестина", "gaza", "غزة"),
    "YE": ("yemen", "yaman", "al yaman", "el yemen", "اليمن", "یمن"),
    "SD": ("sudan", "soudan", "as sudan", "el sudan", "السودان"),
    "SA": ("saudi", "saudia", "saudi arabia", "su3udiya", "saudiya", "ksa", "السعودية",
           "عربستان"),
    "LY": ("libya", "libia", "leebya", "ليبيا"),
    "TN": ("tunis", "tounes", "tunes", "تونس"),
    "DZ": ("jazair", "djazair", "dzair", "el djazair", "algeria", "الجزائر"),
    "MA": ("maghrib", "el maghrib", "morocco", "maroc", "المغرب"),
    "AE": ("emirates", "uae", "imarat", "al imarat", "الإمارات", "الامارات", "امارات"),
    "TR": ("turkiye", "türkiye", "turkiya", "turkia", "torkiye", "torkie", "turkey", "türkei",
           "ترکیه", "تركيا"),
    "PK": ("pakistan", "pakestan", "پاکستان"),
    "ER": ("eritrea", "ertra", "ertrea", "eritria", "eritrya", "ኤርትራ"),
    "ET": ("ethiopia", "etiopia", "ityopya", "ityopia", "habesha", "ኢትዮጵያ"),
    "SO": ("soomaaliya", "somalia", "somaliya", "soomaliya"),
    "GE": ("sakartvelo", "georgia"),
    "BA": ("bosnia", "bosnia and herzegovina", "bosna", "bosna i hercegovina", "bosnien"),
    "AM": ("hayastan", "armenia"),
    "AZ": ("azerbaycan", "azerbaijan"),
    "RU": ("rossiya", "rossija", "rasiya", "rusya", "russia"),
    "UA": ("ukraina", "ukrajina", "ukrayina", "ukrayna"),
    "US": ("usa", "amerika", "america", "amrika", "أمريكا", "امریکا"),
    "GB": ("uk", "england", "britain", "great britain", "ingiltere"),
    "DE": ("almanya", "almania", "almanya", "germania", "المانيا"),
}
# The people of a country, where no ending rule finds them ("Syrer", "сириец", "афганка").
_PEOPLE = {
    "SY": ("syrer", "syrerin", "сириец", "сирийка", "сирієць", "сирійка", "suriyeli"),
    "IQ": ("iraker", "irakerin", "иракец", "иракчанка", "іракець", "іракчанка", "iraklı"),
    "AF": ("afghan", "afghane", "afghanin", "афганец", "афганка", "афганець", "афганка", "afganlı"),
    "UA": ("ukrainer", "ukrainerin", "украинец", "украинка", "українець", "українка"),
    "IR": ("iranerin", "иранец", "иранка", "іранець", "іранка", "iranlı"),
}
# Continents and regions are no answer, however near a country's name they are typed.
_NOT_COUNTRIES_TYPED = frozenset(_fold(word) for word in (
    "afrika", "africa", "afrique", "африка", "افريقيا", "آفریقا", "europa", "europe", "европа",
    "اوروبا", "اروپا", "avrupa", "asien", "asia", "asie", "азия", "азія", "اسيا", "آسیا", "asya",
    "kurdistan", "kurdistana", "kürdistan", "курдистан", "كردستان", "کوردستان",
    "arabien", "arabia", "arab", "عرب",
))
# Where most newcomers in Germany come from. A short word one letter away from a name is
# taken for a typing mistake only for these ("tschau" is no "Tschad", "surname" no "Suriname").
_FREQUENT_ORIGINS = frozenset({
    "SY", "AF", "IQ", "IR", "TR", "UA", "RU", "BY", "ER", "SO", "ET", "NG", "PK", "IN", "BD",
    "LK", "GE", "AM", "AZ", "AL", "RS", "XK", "MK", "BA", "ME", "MD", "RO", "BG", "PL", "HR",
    "HU", "GR", "IT", "ES", "LB", "PS", "EG", "YE", "SD", "SS", "LY", "TN", "DZ", "MA", "JO",
    "SA", "VN", "CN", "GN", "GM", "CM", "CI", "SN", "GH", "CD", "VE", "CO", "KZ", "UZ", "TJ",
    "KG", "TM", "DE", "US", "GB", "FR",
})
_LONG_WORD = 8
_ARTICLE = re.compile(r"^(?:al|el|as|ash|ال)\s+")
# Case endings of Ukrainian and Russian ("з Сирії", "из России", "з Іраку").
_SLAVIC_ENDINGS = ("ія", "ия", "ії", "ии", "ію", "ию", "ією", "ией", "і", "и", "ы", "у", "ю",
                   "е", "а", "я", "ой", "ою", "ом", "ові", "ь", "ыи", "ого", "ому")
_MIN_STEM = 4
# Arabic letters glued before a word: "in", "and", "for", "and in" ("بتركيا", "وسوريا").
_GLUED = ("وب", "ول", "ب", "و", "ل")
# Arabic and Persian say the people of a country with -ي/-ية/-يين, Persian "I am" with -یم
# ("عراقي", "سورية", "افغانی", "ایرانیم"); the country's name is the word without it, or with
# the ending a name has ("سوری" / "سوریا", "ترکی" / "ترکیه", "پاکستانی" / "پاکستان").
_ARABIC_DEMONYM_ENDINGS = ("یین", "یون", "یة", "یه", "یم", "ی")
_ARABIC_NAME_ENDINGS = ("", "ا", "یا", "یه", "ستان")
# Turkish case and origin endings (after folding: "Suriye'den", "Afganistanlıyım"), German
# and English ones for the people of a country ("Iraner", "Syrer" aside, "Iraqi", "Pakistani").
_SUFFIXES = tuple(sorted({
    "dan", "den", "tan", "ten", "da", "de", "ta", "te", "ya", "ye", "yi", "li", "lu",
    "liyim", "luyum", "liyiz", "luyuz", "liler", "yim",
    "er", "erin", "isch", "ische", "ischer", "n", "an", "ian", "ese", "i", "ni", "ish",
}, key=len, reverse=True))


def _main_languages(code: str) -> list[str]:
    """Official languages of territory `code` and those spoken by at least a tenth there."""
    spoken = get_global("territory_languages").get(code, {})
    return [lang for lang, info in spoken.items()
            if info.get("official_status") in {"official", "de_facto_official"}
            or info.get("population_percent", 0) >= 10]


def _endonyms(code: str) -> list[str]:
    names = []
    for lang in _main_languages(code):
        for locale in (f"{lang}_{code}", lang):
            try:
                name = Locale.parse(locale).territories.get(code)
            except (UnknownLocaleError, ValueError):
                continue
            if name:
                names.append(name)
                break
    return names


def _is_country(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, str], dict[str, str]]:
    """Folded name -> ISO code, for exact matching and for typing mistakes.

    The first language to use a name keeps it. Typing mistakes are only forgiven against the
    names in the interface languages, endonyms and aliases: the many names in other languages
    would turn ordinary words into countries.
    """
    exact: dict[str, str] = {}
    near: dict[str, str] = {}

    def add(name: str, code: str, *, fuzzy: bool) -> None:
        folded = _fold(name)
        # Two letters only in scripts without short Latin words ("中国"), and the alias "uk".
        if len(folded) >= 3 or (len(folded) == 2 and not folded.isascii()) or folded == "uk":
            exact.setdefault(folded, code)
            if fuzzy and exact[folded] == code:
                near.setdefault(folded, code)

    countries = [code for code in Locale.parse("en").territories if _is_country(code)]
    for display in CODES:
        for code, name in Locale.parse(display).territories.items():
            if _is_country(code):
                add(name, code, fuzzy=True)
    for code in countries:
        for name in _endonyms(code):
            add(name, code, fuzzy=True)
    for code, aliases in [*_ALIASES.items(), *_PEOPLE.items()]:
        for alias in aliases:
            add(alias, code, fuzzy=True)
    for display in _WRITTEN_LANGUAGES:
        for code, name in Locale.parse(display).territories.items():
            if _is_country(code):
                add(name, code, fuzzy=False)
    return exact, near


def _country_index() -> dict[str, str]:
    return _indexes()[0]


def _stem(word: str) -> str:
    for ending in sorted(_SLAVIC_ENDINGS, key=len, reverse=True):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


@lru_cache(maxsize=1)
def _stem_index() -> dict[str, str]:
    """Stems of Cyrillic names, so that declined forms ("України", "России") are found."""
    stems: dict[str, str] = {}
    for name, code in _country_index().items():
        if " " not in name and _is_cyrillic(name):
            stems.setdefault(_stem(name), code)
    return stems


def _declined(word: str) -> str | None:
    """The code of a Cyrillic country name in another grammatical case ("з Іраку")."""
    stem = _stem(word)
    if stem == word or " " in word or not _is_cyrillic(word):
        return None  # "дані" is a word of its own, not "Данія" without its ending
    return _stem_index().get(stem)


def _max_edits(text: str) -> int:
    """Typing mistakes allowed in a whole answer: none in short words ("дані" is no "Данія")."""
    length = len(text.replace(" ", ""))
    return 0 if length <= 5 else 1 if length <= 9 else 2 if length <= 14 else 3


_TURKISH_CASE_ENDINGS = ("ndaki", "ndeki", "nda", "nde", "ndan", "nden", "daki", "deki", "dan",
                         "den", "tan", "ten", "da", "de", "ta", "te")


def _variants(text: str) -> list[str]:
    """The folded text, without an Arabic article, and with Arabizi digits left out."""
    variants = [text]
    without_article = _ARTICLE.sub("", text)
    if without_article != text and len(without_article) >= 3:
        variants.append(without_article)
    if text.startswith("ال") and len(text) > 4:
        variants.append(text[2:])  # "الصومال" / "صومال"
    elif re.match(r"[\u0600-\u06ff]", text):
        variants.append("ال" + text)
        # "in", "and", "for" glued to the name: "بتركيا", "وسوريا", "بالعراق", "للعراق"
        for prefix in _GLUED:
            rest = text[len(prefix):]
            if text.startswith(prefix) and len(rest) >= 3:
                variants.extend((rest, rest[2:]) if rest.startswith("ال") else (rest, "ال" + rest))
                break
    if re.search(r"\d", text) and re.search(r"[^\W\d_]", text):
        variants.append(re.sub(r"\d", "", text))  # "3iraq" -> "iraq", "su3udiya" -> "suudiya"
    if " " in text and text.isascii():
        # a Turkish case ending on a name of two words: "Suudi Arabistanda", "Birleşik Arap
        # Emirliklerinde"
        variants += [text[: -len(e)] for e in _TURKISH_CASE_ENDINGS
                     if text.endswith(e) and len(text.rsplit(" ", 1)[1]) - len(e) >= 4]
    return variants


def _fuzzy(text: str, max_edits: int) -> str | None:
    """The code of the nearest name within `max_edits` (a swap of two letters is one edit);
    None when two countries are as near. The first letter must be right: "країна" (country)
    is no mistyped "Україна", and people seldom get a name's first letter wrong."""
    if max_edits == 0:
        return None
    near = _indexes()[1]
    names = [name for name, code in near.items() if name[0] == text[0]
             and (len(text) >= _LONG_WORD or code in _FREQUENT_ORIGINS)]
    matches = process.extract(text, names, scorer=OSA.distance,
                              score_cutoff=max_edits, limit=10)
    if not matches:
        return None
    best = min(distance for _, distance, _ in matches)
    codes = {near[name] for name, distance, _ in matches if distance == best}
    return codes.pop() if len(codes) == 1 else None


def _with_suffix(word: str, index: dict[str, str] | None = None) -> str | None:
    """A Latin-script name with a suffix: "Afganistanlıyım", "Suriyeden", "Iraner", "Iraqi";
    with `index` (cities) "Istanbulda", "Halepten"."""
    if len(word) < 5 or not all("a" <= ch <= "z" for ch in word):
        return None
    index = _country_index() if index is None else index
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            code = index.get(word[: -len(suffix)])
            if code:
                return code
    return None


# Russian and Ukrainian words for the people of the countries most newcomers come from
# ("ми українці", "я сириец", "мы афганцы"), and the adjectives of their citizenship and papers
# ("громадянство українське", "паспорт сирийский"): their stems. "русский" names a language
# and a people, not a citizenship: left out.
_SLAVIC_DEMONYMS = {
    "UA": ("украинец", "украинк", "украинц", "українець", "українк", "українц", "українськ",
           "украинск"),
    "SY": ("сириец", "сирийк", "сирийц", "сирієць", "сирійк", "сирійц", "сирийск", "сирійськ"),
    "AF": ("афганец", "афганк", "афганц", "афганск", "афганськ"),
    "IQ": ("иракец", "иракчанк", "иракц", "іракець", "іракц", "іракчанк", "иракск", "іракськ"),
    "IR": ("иранец", "иранк", "иранц", "іранець", "іранк", "іранц", "иранск", "іранськ"),
    "GE": ("грузин",), "MD": ("молдаван", "молдован", "молдавск", "молдовськ"),
    "BY": ("белорус", "білорус"), "RU": ("россиян", "росіян", "российск", "російськ"),
    "ER": ("эритре", "еритре"),
}


_SLAVIC_DEMONYM_STEMS = {code: tuple(_fold(stem) for stem in stems)
                         for code, stems in _SLAVIC_DEMONYMS.items()}


def _slavic_demonym(word: str) -> str | None:
    for code, stems in _SLAVIC_DEMONYM_STEMS.items():
        if word.startswith(stems):
            return code
    return None


def _demonym(word: str) -> str | None:
    """The country of an Arabic or Persian word for its people: "عراقي", "سوريين", "ایرانیم";
    of a Russian or Ukrainian one: "українці", "сириец"."""
    if _is_cyrillic(word):
        return _slavic_demonym(word)
    if not re.match(r"[\u0600-\u06ff]", word):
        return None
    index = _country_index()
    for ending in _ARABIC_DEMONYM_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            if stem in _NOT_COUNTRIES_TYPED:
                return None  # "عربي" is no "عربستان"
            for name in (stem + end for end in _ARABIC_NAME_ENDINGS):
                for variant in (name, "ال" + name):
                    if variant in index and variant not in _NOT_COUNTRIES_TYPED:
                        return index[variant]
            return None
    return None


@lru_cache(maxsize=1)
def _city_index() -> tuple[dict[str, str], dict[str, str]]:
    """Folded city name -> ISO code (classifications/data/cities_of_origin.yml), and the stems
    of the Cyrillic names, for their other cases ("з Харкова", "из Запорожья")."""
    data = yaml.safe_load(_CITIES.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for code, cities in data.items():
        for line in cities:
            for name in line.split(","):
                names.setdefault(_fold(name), code)
    stems = {_stem(name): code for name, code in names.items()
             if " " not in name and _is_cyrillic(name) and _stem(name) != name}
    return names, stems


def match_city(text: str) -> str | None:
    """The country of a well-known city named in `text` ("з Запоріжжя я", "من حلب"), exactly
    as a name is listed, or in another case; None when none is, or cities of two countries."""
    names, stems = _city_index()
    found = set()
    for phrase in _phrases(_fold(text).split()):
        for variant in _variants(phrase):
            code = names.get(variant) or (
                stems.get(_stem(variant)) or names.get(_stem(variant))
                if _is_cyrillic(variant) and " " not in variant else None) or (
                _with_suffix(variant, names) if " " not in variant else None)
            if code:
                found.add(code)
                break
    return found.pop() if len(found) == 1 else None


def _phrases(words: list[str]) -> list[str]:
    """Runs of one to three words, longest first ("sri lanka", "saudi arabia")."""
    return [" ".join(words[i:i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)]


def match_country(text: str) -> str | None:
    """The ISO 3166 code of the country named in `text`, or None."""
    folded = _fold(text)
    if not folded or folded in _NOT_COUNTRIES_TYPED:
        return None
    index = _country_index()
    for variant in _variants(folded):
        if variant in index:
            return index[variant]
    words = folded.split()
    if len(words) == 1:
        code = _declined(folded) or _with_suffix(folded) or _demonym(folded)
        if code:
            return code
        return match_city(folded) or _fuzzy(folded, _max_edits(folded))
    # A sentence around the name ("I come from Syria", "Я з України"): the first clause that
    # names a country or a well-known city decides ("أنا من الموصل، بس قعدنا سنتين بتركيا",
    # "Schule in Teheran, bin aber Afghane"); in a clause a country's name, then a city, then
    # its people ("an Afghan refugee school in Quetta" was in Pakistan).
    for clause in _clauses(text):
        named = _named_in_phrases(clause, demonyms=False)
        code = named[0] if named else match_city(" ".join(clause))
        if code is None:
            named = _named_in_phrases(clause, demonyms=True)
            code = named[0] if named else None
        if code:
            return code
    named = _named_in_phrases(words, demonyms=True)
    if named:
        return named[0]
    # a well-known city names its country ("з Запоріжжя я", "من حلب")
    code = match_city(folded) or _fuzzy(folded, _max_edits(folded))
    if code:
        return code
    for word in words:
        if len(word) >= 6:
            code = _fuzzy(word, 1)
            if code:
                return code
    return None


_CLAUSE_PUNCTUATION = re.compile(r"[,;.!?؟،؛\n]+")
# Words that start another clause of a story: "from Mosul, but we stayed in Turkey", "в школу
# ходил в Душанбе, а институт уже в Москве".
_CLAUSE_TURNS = frozenset(_fold(w) for w in (*CONTRAST_WORDS, *"""
    then later dann danach später sonra а потім потом затем بعدين ثم بعدا
""".split()))


def _clauses(text: str) -> list[list[str]]:
    """The folded words of each clause, in order."""
    clauses: list[list[str]] = []
    for piece in _CLAUSE_PUNCTUATION.split(text):
        current: list[str] = []
        for word in _fold(piece).split():
            if word in _CLAUSE_TURNS and current:
                clauses.append(current)
                current = []
            else:
                current.append(word)
        if current:
            clauses.append(current)
    return clauses


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    return frozenset(_fold(alias) for aliases in _PEOPLE.values() for alias in aliases)


def _named_in_phrases(words: list[str], *, demonyms: bool) -> tuple[str, str] | None:
    """The country a run of words names exactly, in another case, with a suffix or (with
    `demonyms`) by its people ("Afghan", "сириец", "عراقي"), and that run."""
    index = _country_index()
    people = _people_words()
    for phrase in _phrases(words):
        for variant in _variants(phrase):
            code = (index.get(variant) if demonyms or variant not in people else None) \
                or _declined(variant) or _with_suffix(variant) \
                or (_demonym(variant) if demonyms else None)
            if code:
                return code, phrase
    return None


def named_country(text: str) -> tuple[str, str] | None:
    """The country a place answer names by its name ("Украина", "in Syrien", "I live in
    Germany") and the words that name it, never by a guess: a German village typed by ear must
    not be taken for a country."""
    folded = _fold(text)
    if not folded or folded in _NOT_COUNTRIES_TYPED:
        return None
    return _named_in_phrases(folded.split(), demonyms=False)


def country_name(code: str, lang: str) -> str:
    return Locale.parse(lang if lang in CODES else "de").territories.get(code, code)


def normalise_country(raw: str, lang: str) -> Result:
    code = match_country(clean(raw))
    if code is None:
        return Result.reject("invalid.country")
    return Result(value={"code": code, "name_de": country_name(code, "de")})


# Punctuation a town's name or a sentence around it may hold ("Halle (Saale)", "Leipzig’de").
_PLACE_PUNCTUATION = "-().,'/’:،"  # also "Wohnort: Leipzig", Arabic-script comma
_JOINERS = "\u200c\u200d"  # Persian zero-width (non-)joiner: "می‌کنم"
# Unicode categories of emoji and their modifiers, and of direction and joining marks; the
# variation selectors that follow emoji
_NO_PLACE_SYMBOLS = frozenset({"So", "Sk", "Cf"})
_VARIATION_SELECTORS = "\ufe0e\ufe0f"


def place_value(text: str, match: Match | None) -> dict[str, Any]:
    """The stored answer: the official municipality beside the words typed, or the words alone.

    status "found": sure; "uncertain": a guess (a typing mistake, a transliteration, a name
    several towns share) or "near" the place; "confirmed": a guess the person confirmed in the
    chat; "unknown": no German municipality. The caseworker
    checks all but "found" (dialogues/completeness.py).
    """
    if match is None:
        return {"typed": text, "status": "unknown"}
    return {
        "typed": text, "name_de": match.name, "ags": match.ags, "district": match.district,
        "state": match.state, "score": match.score, "via": match.via, "near": match.near,
        "status": "uncertain" if match.uncertain or match.near else "found",
    }


def place_label(value: dict[str, Any]) -> str:
    """How the person is asked about a guessed town: "Delitzsch (Landkreis Nordsachsen,
    Sachsen)", "Leipzig (Sachsen)" for a town that is its own district."""
    district = value.get("district") or ""
    where = [value.get("state") or ""] if district in ("kreisfreie Stadt", "Stadtstaat") \
        else [district, value.get("state") or ""]
    inside = ", ".join(part for part in where if part and part != value.get("name_de"))
    return f"{value.get('name_de')} ({inside})" if inside else str(value.get("name_de"))


def normalise_place(raw: str, lang: str = "de") -> Result:
    """A place of residence in Germany: typed name, sentence or postcode -> municipality."""
    # emoji and their modifiers say nothing about the place ("Leipzig 😊", "… hatırlamıyorum 😅")
    text = "".join(ch for ch in clean(raw) if (unicodedata.category(ch) not in _NO_PLACE_SYMBOLS
                                               or ch in _JOINERS) and ch not in _VARIATION_SELECTORS)
    text = " ".join(text.split()).strip(" .!?,;:")
    letters = [ch for ch in text if unicodedata.category(ch)[0] == "L"]
    if any(unicodedata.category(ch)[0] not in {"L", "M", "N", "Z"}
           and ch not in _PLACE_PUNCTUATION and ch not in _JOINERS for ch in text):
        return Result.reject("invalid.place")
    match = find_municipality(text, lang) if text else None
    if len(letters) < 2 and (match is None or match.via != "postcode"):
        return Result.reject("invalid.place")  # digits only: a known postcode or nothing
    if looks_like_mash(text) and (match is None or match.uncertain):
        return Result.reject("invalid.place")
    country = named_country(text) if match is None or match.uncertain else None
    if country is not None:
        # "Украина", "I live in Germany": a country where a town is asked. A town beside it
        # ("Lipzig in Germany") is the answer; else the person is asked for the town.
        rest = " ".join(_fold(text).replace(country[1], " ").split())
        match = find_municipality(rest, lang) if rest else None
        if match is None or (country[0] != "DE" and match.uncertain):
            # "Strazburg'da oturuyorum, Fransa": a guess beside another country is no answer
            return Result.reject("invalid.place_not_in_germany")
    if (match is None or match.uncertain or match.near) and names_place_abroad(text):
        # "in Zürich bei meinem Onkel"; "пока в Риге у сестры" (no "Seester" out of "сестры");
        # "in Kreuzlingen, direkt bei Konstanz"
        return Result.reject("invalid.place_not_in_germany")
    if match is not None and match.several:
        # "Berlin oder Leipzig": storing either may be wrong; the person says which is home.
        return Result.reject("invalid.place_several")
    # A guess by spelling or transliteration is put to the person ("Do you live in Delitzsch?")
    # before it is stored; a town near a named one is a fact the caseworker checks.
    return Result(value=place_value(text, match),
                  confirm=match is not None and match.uncertain and not match.near)
