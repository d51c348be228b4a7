"""Recognise a language from its name as people type it, in any interface language.

Names come from CLDR (Babel) in every interface language plus each language's own name
(endonym); names CLDR lacks (Dari, Kurmanji, Hazaragi, colloquial and transliterated names)
are listed here. Codes are ISO 639-1 where one exists, else ISO 639-3 ("prs" = Dari).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from rapidfuzz import process
from rapidfuzz.distance import OSA

from dialogues.languages import CODES
from nlu.folding import fold


def _fold(text: str) -> str:
    # Turkish dotless ı: "KIRGIZCA" folds to "kirgizca", so "Kırgızca" must too.
    return fold(text).replace("ı", "i")

# Names people type that CLDR does not list (or lists only in another form).
_EXTRA_NAMES = {
    "prs": ["dari", "دری", "دري", "дари", "дарі", "darice", "farsi dari", "الدارية", "فارسی دری",
            "dari persisch", "dari persian", "afghan persian"],
    "fa": ["farsi", "فارسى", "parsi", "فارسي", "фарси", "persian farsi", "farsi iran"],
    "ps": ["pashto", "pushto", "pashtu", "pachto", "paschto", "paschtu", "پشتو", "پښتو",
           "пушту", "peştuca", "puştuca", "peştunca", "البشتونية"],
    "ckb": ["sorani", "soranî", "سۆرانی", "سورانی", "کوردی سۆرانی", "کردی سورانی", "сорані",
            "сорани", "soranca", "kurdisch sorani", "kurdish sorani", "السورانية", "zentralkurdisch"],
    "kmr": ["kurmanji", "kurmancî", "kurmanci", "kurmandschi", "курманджи", "курманджі",
            "کرمانجی", "الكرمانجية", "kurdisch kurmanci", "kurdish kurmanji",
            "kurdisch kurmandschi", "kurdî kurmancî"],
    "ku": ["kurdi", "kurdî", "كردي", "کردی", "کوردی", "kurdisch", "kürtçe", "kurdce"],
    "haz": ["hazaragi", "hazaragi", "hazaragî", "هزارگی", "الهزارجية", "хазарагі", "хазараги",
            "hazaraca", "hazara"],
    "ar": ["arabi", "3arabi", "عربي", "عربى", "arapca", "arabisch", "arabe"],
    "uk": ["ukrainisch", "ukrainian", "ukrainski", "ukrayinska", "украинский", "українська мова",
           "ukrainskoyu", "ukrainskoju", "ukrayinskoyu", "ukrainskom"],
    "ru": ["russki", "russkiy", "russkij", "rusca", "руский", "russkom", "руські", "руська",
           "rosiyskoyu", "rosiiskoiu"],
    "tr": ["turkce", "türkisch", "turki", "ترکی", "تركي", "турецкий"],
    "de": ["almani", "ألماني", "آلمانی", "nemetskiy", "almanca", "deutsch", "nemecki",
           "nemetski", "nemeckom", "nemetskom", "nemeckij", "nimecku", "nimetskoyu"],
    "en": ["inglisi", "انجليزي", "انگلیسی", "ingilizce", "english", "englisch", "angliyski",
           "angliiski", "angliyskom", "angliiskom", "angliyskiy", "engelisi", "انكليزي",
           "انكليزية", "انقليزي", "englisi", "ingilisi", "anhliyskoyu", "angliyskoyu",
           "anhliiskoiu"],
    "fr": ["fransawi", "فرنسي", "فرانسوی", "fransızca", "francais", "französisch"],
    "ti": ["tigrinya", "tigrinja", "tigrigna", "tigrinisch", "ትግርኛ", "tigrinya dili", "تيغرينيا"],
    "so": ["somali", "somalisch", "soomaali", "af soomaali", "somalice", "الصومالي"],
    "am": ["amharic", "amharisch", "amharigna", "አማርኛ", "amharca", "امهری"],
    "ur": ["urdu", "اردو", "الأوردو", "urduca"],
    "sq": ["shqip", "shqipe", "albanisch", "arnavutca"],
    "sr": ["srpski", "serbisch", "serbian", "српски"],
    "ro": ["romana", "rumänisch", "moldovenească", "moldauisch"],
    "pl": ["polski", "polnisch", "polonyaca"],
    "ka": ["kartuli", "georgisch", "ქართული"],
    "hy": ["hayeren", "armenisch", "հայերեն"],
    # Azerbaijani is "Azeri Turkish" to many ("ترکی آذری", "azeri türkçesi"): the pair names
    # it, not Turkish.
    "az": ["azeri", "azerice", "azerbaycanca", "aserbaidschanisch", "آذری", "اذری", "ترکی آذری",
           "ترکی آذربایجانی", "آذربایجانی", "تركي اذري", "الأذرية", "الاذرية", "اذربيجاني",
           "azeri turkcesi", "azeri türkçesi", "azerbaycan türkçesi", "azeri turkish",
           "azerbaijani turkish", "азербайджанский", "азербайджанська", "азербайджанську",
           "азери", "aserbaidschanisch türkisch", "torki azari", "turki azari"],
    "om": ["afaan oromoo", "oromo", "oromiffa", "oromigna"],
}
# Languages newcomers in Germany speak that have no two-letter code: only these three-letter
# codes are indexed; every CLDR language would let fuzzy matching turn typos into rare ones.
_THREE_LETTER_CODES = ("ckb", "kmr", "prs", "haz", "tig", "zza", "bal", "rom", "sdh", "kab",
                       "zgh", "fil", "yue", "arc")
# Languages newcomers in Germany often speak (besides the interface languages).
COMMON_LANGUAGES: tuple[str, ...] = (
    *CODES, "ku", "kmr", "ckb", "prs", "ps", "haz", "ti", "tig", "so", "am", "om", "ur", "pa",
    "hi", "bn", "ta", "ka", "hy", "az", "sq", "sr", "bs", "hr", "mk", "ro", "bg", "pl", "el",
    "fr", "es", "it", "be", "uz", "tg", "tk", "kk", "ky", "zh", "vi", "sw", "ha", "yo", "ig",
    "ln", "wo", "ff", "ce", "sdh", "zza", "rom",
)
_LONG_WORD = 8
# Kurdish and Persian name the group; Kurmanji, Sorani and Dari say more ("Kurdisch Sorani").
_MORE_PRECISE = {"ku": ("kmr", "ckb", "sdh"), "fa": ("prs",)}
# Names CLDR lacks, per interface language.
_NAMES_NOT_IN_CLDR = {
    "prs": {"de": "Dari", "en": "Dari", "ar": "الدارية", "fa": "دری", "uk": "дарі",
            "ru": "дари", "tr": "Darice"},
    "kmr": {"de": "Kurmandschi", "en": "Kurmanji", "ar": "الكرمانجية", "fa": "کرمانجی",
            "uk": "курманджі", "ru": "курманджи", "tr": "Kurmanci"},
    "haz": {"de": "Hazaragi", "en": "Hazaragi", "ar": "الهزارجية", "fa": "هزارگی",
            "uk": "хазарагі", "ru": "хазараги", "tr": "Hazaraca"},
}


def _endonym(code: str) -> str | None:
    try:
        return Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError):
        return None  # CLDR has no locale data for the language


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Folded name -> code; curated names first, then CLDR names, then endonyms."""
    index: dict[str, str] = {}
    for code, names in _EXTRA_NAMES.items():
        for name in names:
            index.setdefault(_fold(name), code)
    for code, names in _NAMES_NOT_IN_CLDR.items():
        for name in names.values():
            index.setdefault(_fold(name), code)
    wanted = {c for c in Locale.parse("en").languages if len(c) == 2 and c.isalpha()}
    wanted |= set(_THREE_LETTER_CODES) | set(_EXTRA_NAMES)
    for display in CODES:
        names = Locale.parse(display).languages
        for code in sorted(wanted):
            if code in names:
                index.setdefault(_fold(names[code]), code)
    for code in sorted(wanted):
        own = _endonym(code)
        if own:
            index.setdefault(_fold(own), code)
            # "kurdî (kurmancî)", "کوردیی ناوەندی": the first word alone names it too.
            first = _fold(own).split()[0]
            if len(first) >= 4:
                index.setdefault(first, code)
    return index


def _max_edits(text: str) -> int:
    """Typing mistakes forgiven: none in short words (Arabic-script words are shorter and
    differ by one letter: "المهنی" is no "المانی"), one up to eight letters, then two."""
    shortest = 7 if any("\u0600" <= ch <= "\u06ff" for ch in text) else 5
    return 0 if len(text) < shortest else 1 if len(text) <= 8 else 2


def _fuzzy(text: str, index: dict[str, str]) -> str | None:
    """The nearest name's code; the first letter must be right and the nearest unambiguous.
    A short word is only taken for a mistyped name of a language newcomers often speak
    ("finish" is no "Finnish")."""
    edits = _max_edits(text)
    if edits == 0:
        return None
    names = [name for name, code in index.items() if name[:1] == text[:1]
             and (len(text) >= _LONG_WORD or code in COMMON_LANGUAGES)]
    matches = process.extract(text, names, scorer=OSA.distance, score_cutoff=edits, limit=10)
    if not matches:
        return None
    best = min(distance for _, distance, _ in matches)
    codes = {index[name] for name, distance, _ in matches if distance == best}
    return codes.pop() if len(codes) == 1 else None


def _precise(codes: list[str]) -> str:
    """The first code, or a more precise one named next to it ("Kurdisch (Sorani)")."""
    first = codes[0]
    return next((c for c in codes if c in _MORE_PRECISE.get(first, ())), first)


def match_language(text: str, allowed: tuple[str, ...] | None = None) -> str | None:
    """The language code a typed name means, or None; `allowed` restricts the result."""
    folded = _fold(text)
    if not folded:
        return None
    index = _index()
    if allowed is not None:
        index = {name: code for name, code in index.items() if code in allowed}
    if folded in index:
        return index[folded]
    words = folded.split()
    pairs = [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]
    found = [index[w] for w in pairs if w in index]
    # "لغتي الام العربي": the name with the article or a glued "and"/"in" ("العربي", "بالتركي")
    found += [code for code in (_glued(w, index) for w in words) if code]
    if found:
        return _precise(found)
    for candidate in dict.fromkeys([folded, *words]):
        code = _fuzzy(candidate, index)
        if code:
            return code
    return None


def language_name(code: str, lang: str) -> str:
    """The CLDR name of language `code` in interface language `lang` (German if unknown)."""
    lang = lang if lang in CODES else "de"
    if code in _NAMES_NOT_IN_CLDR:
        return _NAMES_NOT_IN_CLDR[code][lang]
    return Locale.parse(lang).languages.get(code, code)


# Words around a language name that still make the message nothing but a language choice
# ("English please", "switch to Turkish", "можно по-русски?", "به فارسی لطفا"), folded.
CHOICE_WORDS = frozenset(_fold(w) for w in """
    please pls plz in into to switch change changing language lang speak talk can could we you
    i want would like let lets us the use continue go on only prefer do write with me answer ok
    okay hi hello hey again better instead now lets s rather
    bitte auf in sprache wechseln ändern umstellen sprechen können wir ich möchte will gerne
    lieber weiter nur mit mir schreiben hallo zu doch jetzt mal geht das bei wechsle könnten
    من فضلك لو سمحت اللغة باللغة لغة تكلم تحدث احكي نحكي بدي أريد اريد ممكن رجاء الى إلى
    غير غيّر تغيير مرحبا مع فقط خلينا نتكلم هلا
    لطفا لطفاً به زبان صحبت کنیم کن میخوام میخواهم می خوام خواهش عوض تغییر با من سلام فقط
    بریم ادامه بده میشه می شه حرف بزنیم بزن خواهشا
    будь ласка мова мову мовою перейти перейдімо давай давайте можна говорити розмовляти на по
    хочу я змінити привіт будь-ласка говорімо
    пожалуйста можно по на язык языке давай давайте говорить перейти хочу я сменить поменять
    привет мне перейдем перейдём
    lütfen dil dili dilinde dilde konuş konuşalım konuşabilir miyiz geç geçelim değiştir
    istiyorum ben ile devam edelim merhaba yazalım
    continue continuing carry keep weitermachen fortfahren fortsetzen weiter
    نكمل كمل نكملها نكمّل نتابع كملي كملوا nkammel nkamel nkmel nkamil bil bel
    ادامه بدیم بدید دیگه
    дальше далее продолжим продолжать продолжить далі продовжимо продовжувати продовжити
    devam edebilir miyiz mıyız edelim dalshe na po edame bedim
""".split())
# Arabic and Persian glue "and", "in", "with" and the article to the next word ("والتركية",
# "بالعربي", "العربي").
# Levantine "على ال" is glued too: "حولها عالالماني" (switch it to German).
_GLUED_PREFIXES = ("وبال", "بال", "وعال", "عال", "وال", "ال", "لل", "ول", "ل", "و", "ب")
# Turkish names a language with case endings ("türkçeye dön", "almancası yok mu", "ingilizcede").
_TURKISH_CASES = re.compile(r"^(\w+?c[ae])(?:y[ae]|s[ii]|n[ii]n|d[ae]n|d[ae]|y[ii]|m)$")


# Russian and Ukrainian name a language as an adjective in the case the sentence needs ("на
# немецком", "немецкого", "перською"): the ending of the form the names list.
_CYRILLIC_CASES = tuple((fold(ending), fold(listed)) for ending, listed in (
    ("ом", "ий"), ("ого", "ий"), ("ому", "ий"), ("ым", "ий"), ("ой", "ий"), ("ою", "а"),
    ("ій", "а"), ("ої", "а"), ("у", "а")))


_CYRILLIC_NOUN_ENDINGS = tuple(fold(e) for e in ("ом", "ем", "е", "а", "у", "і", "и"))


def _glued(word: str, index: dict[str, str]) -> str | None:
    """The language a single typed word names exactly, also with a glued Arabic prefix or in
    another grammatical case (Russian, Ukrainian)."""
    if word in index:
        return index[word]
    if len(word) >= 6 and "\u0400" <= word[-1] <= "\u04ff":
        for ending, listed in _CYRILLIC_CASES:
            if word.endswith(ending) and word[: -len(ending)] + listed in index:
                return index[word[: -len(ending)] + listed]
        # nouns, not adjectives: "на иврите", "ивритом", "на ідиші"
        for ending in _CYRILLIC_NOUN_ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 4 and stem in index:
                return index[stem]
    turkish = _TURKISH_CASES.match(word)
    if turkish and turkish.group(1) in index:
        return index[turkish.group(1)]
    for prefix in ("", *_GLUED_PREFIXES):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            rest = word[len(prefix):]
            candidates = [rest, "ال" + rest] if prefix.endswith("ال") else [rest]
            # the feminine "كردية", "تركيه" of the adjective the names list ("كردي")
            candidates += [c[:-1] for c in candidates if c[-1] in "ةه" and len(c) > 4]
            for candidate in candidates:
                if candidate in index:
                    return index[candidate]
    return None


def _word_codes(word: str, index: dict[str, str]) -> str | None:
    """The language a single typed word names, also with a glued Arabic prefix or a typo."""
    return _glued(word, index) or _fuzzy(word, index)


def _scan(folded: str, index: dict[str, str]) -> list[tuple[int, int, str]]:
    """(first word, word count, code) of every language name in the text, in order; a more
    precise name right after a general one ("Kurdisch Sorani") replaces it."""
    words = folded.split()
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2]) if i + 1 < len(words) else ""
        if pair and pair in index:
            hit = (i, 2, index[pair])
        else:
            code = None if words[i] in CHOICE_WORDS and words[i] not in index \
                else _word_codes(words[i], index)
            hit = (i, 1, code) if code else None
        if hit is None:
            i += 1
            continue
        if found and found[-1][0] + found[-1][1] == i \
                and hit[2] in _MORE_PRECISE.get(found[-1][2], ()):
            found[-1] = (found[-1][0], found[-1][1] + hit[1], hit[2])
        else:
            found.append(hit)
        i += hit[1]
    return found


def match_languages(text: str) -> list[str]:
    """Every language named in a message, in order, without repeats
    ("Kurdish, Arabic and some Turkish" -> ["ku", "ar", "tr"])."""
    folded = _fold(text)
    if not folded:
        return []
    return list(dict.fromkeys(code for _, _, code in _scan(folded, _index())))


def only_language_choice(text: str, allowed: tuple[str, ...] = CODES) -> str | None:
    """The language a message chooses when it says nothing else ("English please",
    "العربية", "switch to Turkish", "можно по-русски?"); None when it names no language,
    several, one not in `allowed`, or says anything more ("do you know a psychologist who
    speaks Russian?", "I studied French literature")."""
    folded = _fold(text)
    words = folded.split()
    if not words or len(words) > 8:
        return None
    hits = _scan(folded, _index())
    named = {i for start, count, _ in hits for i in range(start, start + count)}
    if any(i not in named and w not in CHOICE_WORDS for i, w in enumerate(words)):
        return None
    codes = {"fa" if code == "prs" else code for _, _, code in hits}
    if len(codes) != 1:
        return None
    code = codes.pop()
    return code if code in allowed else None


def fold_name(text: str) -> str:
    """`text` folded as the names are compared (case, diacritics, letter variants)."""
    return _fold(text)


def scan_names(folded: str) -> list[tuple[int, int, str]]:
    """(first word, word count, code) of every language named in already folded text."""
    return _scan(folded, _index())


# Plural adjectives name things, not the language ("українські права", "немецкие документы"):
# a language is "українська", "на немецком", "по-русски".
_CYRILLIC_PLURAL = tuple(fold(e) for e in ("кі", "кие"))
# Read by meaning, a typo-near word this short is more often another word ("parasi" is Turkish
# money, not "parsi").
_MIN_GUESSED_LETTERS = 7


def named_as_typed(folded_word: str) -> bool:
    """Whether a word that names a language names it surely: as listed (any case, a glued
    prefix, a Cyrillic case ending), or a long typo of a name that is no Cyrillic plural."""
    index = _index()
    if _glued(folded_word, index):
        return True
    return len(folded_word) >= _MIN_GUESSED_LETTERS and not folded_word.endswith(_CYRILLIC_PLURAL)
