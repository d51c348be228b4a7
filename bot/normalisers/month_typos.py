"""Month names typed with a slip ("dezemer", "febuary", "mays", "жовнтя"), put right.

A word is taken for a month only where a month stands in a date: after a day and before a
year ("15 dezemer 1996") or before a day and a year ("febuary 2, 1989"); it must be four letters
or more, within one edit (two from seven letters) of a month name of the seven languages or
their transliterations, and its closest names must all be the same month. Names of the Solar
and lunar calendars take part as rivals: a slip in "مرداد" is never read as a Gregorian month.
Ordinary words next to dates ("seit", "jahre", number words) never become months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from dateparser.languages.loader import default_loader
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.normalisers.numbers import _CARDINALS, _UNITS, fold_word

_LANGUAGES = ("en", "de", "ar", "fa", "uk", "ru", "tr")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
ENGLISH = dict(enumerate(_MONTH_KEYS, start=1))
# A rival that is no Gregorian month: a Solar or lunar month name, or half of a two-word one.
NOT_GREGORIAN = 0
# Words seen next to dates that are no month, whatever their spelling distance to one.
_ORDINARY = {fold_word(w) for w in (
    "seit jahre jahren jahr geboren years year born since from until till in the of and "
    "года году роки року років рік лет год родился родилась народився народилася "
    "yılında yilinda doğdum dogdum doğumlu dogumlu tarihinde sene senesi "
    "سنة سنه عام مواليد مواليدي تولد متولد متولدم سال ماه روز "
    "saal sal sene sana").split()}
_SEP = r"[\s./\-,]*"
# A word glued to a digit on its left is Arabizi ("7zeran": the 7 is a letter), never a slip.
_WORD = re.compile(
    rf"(?:(?<=\d)[\s./\-,]+(?:of\s+|min\s+|men\s+|من\s+)?)([^\W\d_]{{4,}})(?={_SEP}\d)"
    rf"|(?<![^\W_])([^\W\d_]{{4,}})(?={_SEP}\d{{1,2}}(?:st|nd|rd|th)?[\s./\-,]+\d{{2,4}}(?!\d))")


def _dateparser_names(languages: Iterable[str] = _LANGUAGES) -> Iterable[tuple[str, int]]:
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for month, key in ENGLISH.items():
            for name in info.get(key, []):
                yield name, month


@cache
def _own_names(lang: str) -> frozenset[str]:
    """The folded month names of the message's own language: they settle a tie ("mays" is
    one letter from Turkish "mayıs" and from French "mars"; a Turk means May)."""
    if lang not in _LANGUAGES:
        return frozenset()
    return frozenset(fold_word(name) for name, _ in _dateparser_names((lang,)))


@cache
def _vocabulary(extra: tuple[tuple[str, int], ...]) -> dict[str, int]:
    names: dict[str, set[int]] = {}
    for name, month in (*_dateparser_names(), *extra):
        for word in name.split():  # two-word names: each word leads to the month (or rival)
            folded = fold_word(word)
            if len(folded) >= 3 and not folded.isdigit():
                names.setdefault(folded, set()).add(month if " " not in name else NOT_GREGORIAN)
    return {word: months.pop() if len(months) == 1 else NOT_GREGORIAN
            for word, months in names.items()}


@cache
def _raw_names(extra: tuple[tuple[str, int], ...]) -> frozenset[str]:
    return frozenset(word.casefold() for name, _ in (*_dateparser_names(), *extra)
                     for word in name.split())


@cache
def _ordinary() -> frozenset[str]:
    numbers = {fold_word(item.partition("=")[0]) for spec in _CARDINALS.values()
               for item in spec.split()}
    units = {fold_word(item.partition("=")[0]) for spec in _UNITS.values()
             for item in spec.split()}
    return frozenset(_ORDINARY | numbers | units)


@cache
def _written_name(month: int, lang: str) -> str:
    """The month's full name in the message's language (dateparser reads a date in one
    script better than a mix), English for a language dateparser is not asked about."""
    if lang not in _LANGUAGES:
        return ENGLISH[month]
    names = default_loader.get_locale(lang).info.get(ENGLISH[month], [])
    return max(names, key=len, default=ENGLISH[month])


def month_of_typo(word: str, extra: Mapping[str, int] | None = None, lang: str = "") -> int | None:
    """The month a mistyped word surely names, or None (a name as written, no month, a doubt)."""
    known = tuple(sorted((extra or {}).items()))
    vocabulary = _vocabulary(known)
    folded = fold_word(word)
    if len(folded) < 4 or folded in _ordinary():
        return None
    if folded in vocabulary:
        # A known name in other letters ("جولاي" with the Arabic yeh for Persian "جولای",
        # "subat" for "şubat"): written as dateparser knows it; a name as written is left alone.
        month = vocabulary[folded]
        return month if month and word.casefold() not in _raw_names(known) else None
    limit = 1 if len(folded) < 7 else 2
    matches = process.extract(folded, list(vocabulary), scorer=OSA.distance,
                              score_cutoff=limit, limit=None)
    if not matches:
        return None
    best = min(distance for _, distance, _ in matches)
    closest = [name for name, distance, _ in matches if distance == best]
    months = {vocabulary[name] for name in closest}
    own = {vocabulary[name] for name in closest if name in _own_names(lang)}
    if len(months) > 1 and len(own) == 1:
        months = own
    if len(months) != 1 or NOT_GREGORIAN in months:
        return None
    return months.pop()


def correct_month_typos(text: str, extra: Mapping[str, int] | None = None,
                        lang: str = "") -> str:
    """`text` with a mistyped month name inside a date replaced by its name in `lang`."""
    def replace(match: re.Match[str]) -> str:
        group = 1 if match.group(1) else 2
        month = month_of_typo(match.group(group), extra, lang)
        if month is None:
            return match.group(0)
        start, end = match.span(group)
        whole = match.group(0)
        offset = match.start(0)
        return whole[:start - offset] + _written_name(month, lang) + whole[end - offset:]

    return _WORD.sub(replace, text)
