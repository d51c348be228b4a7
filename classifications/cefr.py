"""CEFR language levels (Common European Framework of Reference): codes, order, plain words.

The interview stores a spoken language's level as "native" or a CEFR level, and the German
level as "none" or a CEFR level. People choose from plain "I can …" statements (curated texts
level.<level> and german.<level> in dialogues/texts/levels/), not from codes they may not know.

A level described in words ("a little", "ganz gut", "biraz") is stored as approximate, with the
marker every doubtful value carries (bot/normalisers/result.py, read by
dialogues/completeness.py): {"level": "B1", "check": "approximate", "words": "ganz gut"}
(bot/normalisers/levels.py). `level_of` reads the level out of either shape; a reader shows
"about B1" / "ca. B1" while `is_approximate` and nobody has verified the answer.
"""

from __future__ import annotations

import re
from typing import Any

from dialogues import catalogue

LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
NATIVE = "native"
NONE = "none"
# The options in the order the buttons show them: the highest first for a spoken language
# (most people name their mother tongue first), the lowest first for German.
SPOKEN_OPTIONS: tuple[str, ...] = (NATIVE, *reversed(LEVELS))
GERMAN_OPTIONS: tuple[str, ...] = (NONE, *LEVELS)
_RANK = {NONE: 0, **{level: i + 1 for i, level in enumerate(LEVELS)}, NATIVE: len(LEVELS) + 1}
# The "check" reason of a level guessed from words (bot/normalisers/result.py CHECK_REASONS_DE).
APPROXIMATE = "approximate"
# "b1", "B 1", "B1.2", "B1+", "Niveau B1": the level and nothing finer.
_TYPED = re.compile(r"(?<![a-z])([abc])\s*([12])(?:[.,]\d|\+)?(?!\d)", re.IGNORECASE)


def is_level(value: object) -> bool:
    """True for "A1" … "C2" (not for "native" or "none")."""
    return value in LEVELS


def level_of(value: Any) -> str | None:  # noqa: ANN401 - a stored JSON value
    """The level of a stored answer: "B1", "native", "none", or the level of an approximate
    answer; None for anything else (a skipped answer, an older or broken value)."""
    if isinstance(value, dict):
        value = value.get("level")
    return value if isinstance(value, str) and value in _RANK else None


def is_approximate(value: Any) -> bool:  # noqa: ANN401 - a stored JSON value
    """True for a level guessed from the person's words and not yet confirmed in the value."""
    return isinstance(value, dict) and value.get("check") == APPROXIMATE \
        and level_of(value) is not None


def describe_approximate(level: str, lang: str) -> str:
    """A guessed level in `lang` for the person, e.g. "about B1"."""
    if level not in LEVELS:
        raise ValueError(f"not a CEFR level: {level!r}")
    return catalogue.text(lang, "level.approximate", level=level)


def rank(value: str) -> int:
    """0 for "none", 1 (A1) … 6 (C2), 7 for "native"; ValueError for anything else."""
    try:
        return _RANK[value]
    except KeyError:
        raise ValueError(f"not a language level: {value!r}") from None


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as level `a` is below, equal to or above level `b`."""
    return (rank(a) > rank(b)) - (rank(a) < rank(b))


def at_least(value: str, minimum: str) -> bool:
    """True when `value` reaches `minimum` ("B2" is at least "B1"; "native" reaches any level)."""
    return rank(value) >= rank(minimum)


def highest(values: list[str]) -> str | None:
    """The highest of the given levels, or None for none."""
    return max(values, key=rank) if values else None


def parse(text: str) -> str | None:
    """The CEFR level written in `text` ("b1", "B 1", "B1.2", "Niveau B1+"), or None."""
    matches = {f"{m.group(1).upper()}{m.group(2)}" for m in _TYPED.finditer(text or "")}
    return matches.pop() if len(matches) == 1 else None


def describe(level: str, lang: str) -> str:
    """The curated plain-word description of a spoken language's level in `lang`,
    e.g. "I can talk about everyday things (B1)"; "native" gives "My mother tongue"."""
    if level not in SPOKEN_OPTIONS:
        raise ValueError(f"not a spoken language level: {level!r}")
    return catalogue.text(lang, f"level.{level}")


def describe_german(level: str, lang: str) -> str:
    """The curated plain-word description of a German level ("none" or A1 … C2) in `lang`."""
    if level not in GERMAN_OPTIONS:
        raise ValueError(f"not a German level: {level!r}")
    return catalogue.text(lang, f"german.{level}")
