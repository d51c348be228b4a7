"""German administrative terms kept German in translations (data: glossary.yml).

Translating out of German (or any text that uses the German term), the term stays as written
and its first mention gets a short explanation in the target language: "Jobcenter (job centre
for basic income support and job search)". Translating into German, the spellings people use
in their own language or script ("جاب سنتر", "джобцентр") become the German term.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("glossary.yml")
GERMAN = "de"

# German inflection endings (Jobcenters, Krankenkassen, Integrationskurses, Duldungen).
_GERMAN_ENDING = r"(?:es|en|s|n|e)?"
# Cyrillic case endings on the last word (джобцентре, джобцентру, джобцентром).
_CYRILLIC_ENDING = r"[а-яёіїєґ]{0,3}"
# Arabic proclitics written together with the word (and, with, for, the).
_ARABIC_PREFIX = r"(?:و|ف)?(?:بال|لل|ال|ب|ل|ك)?"
# Letters typed interchangeably on Arabic and Persian keyboards.
_ARABIC_LETTERS = {
    "ی": "[یيى]", "ي": "[یيى]", "ى": "[یيى]", "ک": "[کك]", "ك": "[کك]",
    "ه": "[هة]", "ة": "[هة]", "ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]",
    "\u0654": "\u0654?", "\u200c": "[\\s\u200c]?", " ": "[\\s\u200c]+",
}
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC_SCRIPT = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Term:
    term: str
    description: str
    forms: tuple[str, ...]
    explanations: Mapping[str, str] = field(default_factory=dict)
    spellings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def explanation(self, lang: str) -> str | None:
        return self.description if lang == GERMAN else self.explanations.get(lang)


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: Term
    german: bool  # the text used a German form (else a spelling in another language)


def _german_pattern(form: str) -> re.Pattern[str]:
    # Acronyms (BAMF, eGK, WBS) only match as written; words in any case.
    acronym = len(form) <= 5 and form != form.capitalize() and form != form.lower()
    flags = 0 if acronym else re.IGNORECASE
    words = r"[\s-]+".join(re.escape(word) for word in form.split())
    return re.compile(rf"(?<![\w-]){words}{_GERMAN_ENDING}(?![\w])", flags)


def _spelling_pattern(spelling: str) -> re.Pattern[str]:
    if _ARABIC_SCRIPT.search(spelling):
        body = "".join(_ARABIC_LETTERS.get(ch, re.escape(ch)) for ch in spelling)
        prefix = "" if spelling.startswith("ال") else _ARABIC_PREFIX
        # Word characters and Arabic vowel marks continue a word; Arabic punctuation does not.
        return re.compile(rf"(?<![\w\u064b-\u065f\u0670]){prefix}{body}(?![\w\u064b-\u065f\u0670])")
    words = r"[\s-]+".join(re.escape(word) for word in spelling.split())
    ending = _CYRILLIC_ENDING if _CYRILLIC_SCRIPT.search(spelling) else r"(?:'?[a-zçğıöşü]{0,4})?"
    return re.compile(rf"(?<!\w){words}{ending}(?!\w)", re.IGNORECASE)


class Glossary:
    """The terms, and where they occur in a text."""

    def __init__(self, terms: Sequence[Term], digest: str = "") -> None:
        self.terms = tuple(terms)
        self.digest = digest
        self._german = [(_german_pattern(form), term) for term in self.terms for form in term.forms]
        self._spellings: dict[str, list[tuple[re.Pattern[str], Term]]] = {}
        for term in self.terms:
            for lang, spellings in term.spellings.items():
                self._spellings.setdefault(lang, []).extend(
                    (_spelling_pattern(spelling), term) for spelling in spellings)

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Mentions of terms in `text` written in `lang`, longest first where they overlap."""
        found = [TermMatch(m.start(), m.end(), term, True)
                 for pattern, term in self._german for m in pattern.finditer(text)]
        found += [TermMatch(m.start(), m.end(), term, False)
                  for pattern, term in self._spellings.get(lang, ()) for m in pattern.finditer(text)]
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[TermMatch] = []
        for match in found:
            if not chosen or match.start >= chosen[-1].end:
                chosen.append(match)
        return chosen

    def rendering(self, match: TermMatch, surface: str, target: str, *, explain: bool) -> str:
        """What the translation shows for a mention: the German term as the text wrote it (or the
        canonical one for a foreign spelling), explained when `explain` and not into German."""
        shown = surface if match.german else match.term.term
        explanation = match.term.explanation(target) if explain and target != GERMAN else None
        return f"{shown} ({explanation})" if explanation else shown


def parse_glossary(data: Mapping, digest: str = "") -> Glossary:
    terms = []
    for entry in data.get("terms") or ():
        term = str(entry["term"])
        terms.append(Term(
            term=term, description=str(entry.get("description", "")),
            forms=tuple(str(f) for f in entry.get("forms") or (term,)),
            explanations={str(k): str(v) for k, v in (entry.get("explanations") or {}).items()},
            spellings={str(k): tuple(str(s) for s in v)
                       for k, v in (entry.get("spellings") or {}).items()}))
    return Glossary(terms, digest)


@lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    raw = path.read_bytes()
    return parse_glossary(yaml.safe_load(raw) or {}, hashlib.sha256(raw).hexdigest()[:16])
