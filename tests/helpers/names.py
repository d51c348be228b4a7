"""Unique names for tests that look for a person's name on disk, in logs or in replies."""

from __future__ import annotations

import uuid

_CONSONANTS = "bcdfghjklmnprstv"  # one per hex digit
_VOWELS = "aeiou"


def marker_name(prefix: str) -> str:
    """`prefix` plus eight consonant-vowel syllables, unique per call. Shaped like a name: random
    letters made "Zaynabdfffffah" one run in a thousand, which the mash check rightly refuses."""
    return prefix + "".join(f"{_CONSONANTS[int(c, 16)]}{_VOWELS[i % len(_VOWELS)]}"
                            for i, c in enumerate(uuid.uuid4().hex[:8]))
