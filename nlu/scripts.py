"""Unicode-script rules for language identification.

Which script a message is written in, and the letters that only some languages of that script
use: Ukrainian і/ї/є/ґ against Russian ы/э/ъ/ё, Pashto ټ/ښ/ړ against Persian, Sorani Kurdish
ڕ/ڵ/ێ/ۆ/ە, Urdu ٹ/ں/ے, Turkish ğ/ı, German ß/ä, Tigrinya's ቐ and ኸ rows. fastText confuses
exactly these pairs on short text; a single such letter settles them.

A rule is a likelihood ratio on candidate languages, not a verdict: the identifier multiplies
it into fastText's probabilities, so a rule decides where its letters are exclusive and only
tilts where they are shared (ş is Turkish and Kurmanji; چ and گ are Persian and Iraqi Arabic).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

# ISO 15924 codes of the scripts the rules know by range; others come from Unicode names.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latn"), (0x1E00, 0x1EFF, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1200, 0x139F, "Ethi"), (0x2D80, 0x2DDF, "Ethi"), (0xAB00, 0xAB2F, "Ethi"),
)
_NAMED = {"DEVANAGARI": "Deva", "BENGALI": "Beng", "GURMUKHI": "Guru", "TAMIL": "Taml",
          "THAI": "Thai", "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
          "HANGUL": "Hang", "SYRIAC": "Syrc", "THAANA": "Thaa", "TIFINAGH": "Tfng"}

# Scripts in which a language can be written (only for languages whose fastText scores the
# identifier must be able to rule out); unlisted languages are not restricted.
LANGUAGE_SCRIPTS: dict[str, frozenset[str]] = {
    lang: frozenset(scripts) for lang, scripts in {
        "de": {"Latn"}, "en": {"Latn"}, "tr": {"Latn"}, "so": {"Latn"}, "ku": {"Latn", "Arab"},
        "ar": {"Arab"}, "fa": {"Arab"}, "prs": {"Arab"}, "ps": {"Arab"}, "ur": {"Arab"},
        "ug": {"Arab"}, "sd": {"Arab"}, "pnb": {"Arab"}, "azb": {"Arab"}, "mzn": {"Arab"},
        "lrc": {"Arab"}, "uk": {"Cyrl"}, "ru": {"Cyrl"}, "be": {"Cyrl"}, "bg": {"Cyrl"},
        "ti": {"Ethi"}, "am": {"Ethi"},
    }.items()
}


def script_of(ch: str) -> str | None:
    """ISO 15924 code of a letter's script; None for anything that is not a letter."""
    if not ch.isalpha():
        return None
    point = ord(ch)
    for low, high, script in _RANGES:
        if low <= point <= high:
            return script
    first_word = unicodedata.name(ch, "").split(" ", 1)[0]
    return _NAMED.get(first_word, "Zzzz")


@dataclass(frozen=True)
class ScriptProfile:
    """Letters of a text counted per script; `dominant` is the script with most letters."""

    counts: dict[str, int]
    letters: int
    dominant: str | None


def profile(text: str) -> ScriptProfile:
    counts = Counter(script for script in map(script_of, text) if script)
    dominant = counts.most_common(1)[0][0] if counts else None
    return ScriptProfile(dict(counts), sum(counts.values()), dominant)


@dataclass(frozen=True)
class LetterRule:
    """Letters that favour some languages of a script over others."""

    script: str
    letters: frozenset[str]
    favours: tuple[str, ...]
    factor: float
    disfavours: tuple[str, ...]
    against: float
    reason: str
    # Letters whose presence switches the rule off (the text mixes both sides).
    unless: frozenset[str] = frozenset()


def _rule(script: str, letters: str, favours: str, factor: float, disfavours: str, against: float,
          reason: str, unless: str = "") -> LetterRule:
    return LetterRule(script, frozenset(letters), tuple(favours.split()), factor,
                      tuple(disfavours.split()), against, reason, frozenset(unless))


_PERSIAN_FAMILY = "پچژگیک"
_ARABIC_ONLY = "ةى"
_UK_ONLY = "іїєґІЇЄҐ"
_RU_ONLY = "ыэъёЫЭЪЁ"

RULES: tuple[LetterRule, ...] = (
    # Cyrillic: і is Ukrainian and Belarusian; ў only Belarusian; ы/э also Belarusian.
    _rule("Cyrl", _UK_ONLY, "uk", 20, "ru bg", 0.05, "Ukrainian letters", unless=_RU_ONLY),
    _rule("Cyrl", _RU_ONLY, "ru", 20, "uk", 0.05, "Russian letters", unless=_UK_ONLY),
    _rule("Cyrl", "ўЎ", "be", 20, "uk ru", 0.1, "Belarusian ў"),
    # Arabic script.
    _rule("Arab", "ټډړښږځڅۍېڼګ", "ps", 30, "fa prs ar ur ku", 0.1, "Pashto letters"),
    _rule("Arab", "ڕڵێۆە", "ku", 30, "fa prs ar ps ur", 0.1, "Sorani Kurdish letters"),
    _rule("Arab", "ٹڈڑںےۓ", "ur", 30, "fa prs ar ps", 0.1, "Urdu letters"),
    # چ and گ are written in Iraqi and Gulf Arabic too, so Arabic is only pushed down.
    _rule("Arab", _PERSIAN_FAMILY, "fa prs ps ku ur", 1, "ar", 0.1, "Persian-alphabet letters"),
    _rule("Arab", _ARABIC_ONLY, "ar", 5, "fa prs", 0.2, "Arabic-only letters ة/ى",
          unless=_PERSIAN_FAMILY),
    # Latin script.
    _rule("Latn", "ğĞıİ", "tr", 10, "de en so", 0.2, "Turkish letters ğ/ı", unless="əƏ"),
    _rule("Latn", "əƏ", "az", 20, "tr", 0.2, "Azerbaijani ə"),
    _rule("Latn", "êÊîÎûÛ", "ku", 5, "", 1, "Kurmanji letters ê/î/û", unless="ğĞıİ"),
    _rule("Latn", "şŞçÇ", "tr ku", 3, "de en so", 0.3, "letters ş/ç (Turkish, Kurmanji)"),
    _rule("Latn", "ßäÄ", "de", 5, "tr en so", 0.2, "German letters ß/ä"),
    # Ethiopic: the ቐ and ኸ rows are Tigrinya, not Amharic.
    _rule("Ethi", "ቐቑቒቓቔቕቖኸኹኺኻኼኽኾ", "ti", 10, "am", 0.1, "Tigrinya letters ቐ/ኸ"),
)


# Letters a language's running text can hardly do without: Urdu writes ے, ں or ہ in nearly
# every sentence ("ہے", "میں"), so several Arabic-script words with none of them are not Urdu.
ABSENT_LETTER_RULES: tuple[tuple[str, frozenset[str], str, float, int], ...] = (
    ("Arab", frozenset("ٹڈڑںےۓہ"), "ur", 0.1, 8),
)


def absent_letter_factors(text: str, script: str | None, letters: int) -> dict[str, float]:
    """Factors for languages whose indispensable letters are missing from a long enough text."""
    present = set(text)
    return {lang: factor for rule_script, needed, lang, factor, min_letters in ABSENT_LETTER_RULES
            if rule_script == script and letters >= min_letters and not present & needed}


def matching_rules(text: str, script: str | None) -> list[tuple[LetterRule, str]]:
    """Rules for `script` whose letters occur in `text`, each with the letters found."""
    present = set(text)
    found = []
    for rule in RULES:
        if rule.script != script or present & rule.unless:
            continue
        letters = "".join(sorted(present & rule.letters))
        if letters:
            found.append((rule, letters))
    return found
