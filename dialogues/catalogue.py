"""The curated text catalogue: every sentence the assistant says, per interface language.

Texts live in dialogues/texts/<lang>.yml (English is the source), and the texts of one
feature in dialogues/texts/<topic>/<lang>.yml (occupation, schooling, cv, ...) so that a feature's
texts can be reviewed together; a key defined twice is an error. Runtime lookups never
fall back to machine translation; a key missing in a language (which a test forbids) falls
back to English and is logged.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

import yaml

from dialogues.languages import CODES, DEFAULT_LANGUAGE
from nlu.folding import fold

logger = logging.getLogger(__name__)
TEXTS_DIR = Path(__file__).resolve().parent / "texts"
SOURCE_LANGUAGE = "en"


def text_files(lang: str) -> list[Path]:
    """The core file of `lang`, then its topic files."""
    return [TEXTS_DIR / f"{lang}.yml", *sorted(TEXTS_DIR.glob(f"*/{lang}.yml"))]


def _read(path: Path, lang: str) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if data.get("language") != lang:
        raise ValueError(f"{path} declares language {data.get('language')!r}, expected {lang!r}")
    return data


@cache
def _load(lang: str) -> dict:
    core, *topics = text_files(lang)
    data = _read(core, lang)
    texts = dict(data["texts"])
    for path in topics:
        for key, value in (_read(path, lang).get("texts") or {}).items():
            if key in texts:
                raise ValueError(f"{path}: key {key!r} is already defined for {lang!r}")
            texts[key] = value
    return {**data, "texts": texts}


def available_languages() -> list[str]:
    return sorted(p.stem for p in TEXTS_DIR.glob("*.yml"))


def keys(lang: str = SOURCE_LANGUAGE) -> list[str]:
    return list(_load(lang)["texts"])


def text(lang: str | None, key: str, **params: object) -> str:
    """The curated text for `key` in `lang`, with {placeholders} filled."""
    lang = lang if lang in CODES else DEFAULT_LANGUAGE
    texts = _load(lang)["texts"]
    template = texts.get(key)
    if template is None:
        logger.error("catalogue key %s missing in %s; using %s", key, lang, SOURCE_LANGUAGE)
        template = _load(SOURCE_LANGUAGE)["texts"][key]
    return template.format(**params) if params else template


def normalise_word(value: str) -> str:
    """The form in which typed words and lexicon entries are compared."""
    return fold(value)


@cache
def lexicon(lang: str, name: str) -> frozenset[str]:
    """Words typed for a closed answer (yes, no, none, skip) in `lang`, plus English."""
    words: set[str] = set()
    for code in {lang if lang in CODES else DEFAULT_LANGUAGE, SOURCE_LANGUAGE}:
        words.update(normalise_word(w) for w in _load(code).get("lexicon", {}).get(name, []))
    return frozenset(words)


def matches_lexicon(lang: str, name: str, value: str) -> bool:
    word = normalise_word(value)
    return bool(word) and word in lexicon(lang, name)


def consent_version(lang: str) -> str:
    """Identifies the exact consent wording a person agreed to."""
    body = text(lang, "consent.explain") + "\n" + text(lang, "consent.question")
    return f"{lang}-{hashlib.sha256(body.encode('utf-8')).hexdigest()[:12]}"
