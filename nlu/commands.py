"""The curated command phrases: NLU training examples of the intents that interrupt.

At a question whose answer can be almost anything (a name, a town, free text), the text
only counts as a command when it is one of these curated phrases; a classifier's guess
alone would turn names like "Salam" (greet) or "Yusuf" (stop) into commands.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from nlu.folding import fold

NLU_DIR = Path(__file__).resolve().parent.parent / "bot" / "data" / "nlu"
# [text]{...} or [text](...) entity annotations keep their text.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


@cache
def command_phrases() -> dict[str, str]:
    """{folded example text: intent} over every language's training file."""
    phrases: dict[str, str] = {}
    for path in sorted(NLU_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []):
            intent = block.get("intent")
            if not intent:
                continue
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    phrases.setdefault(fold(_ANNOTATION.sub(r"\1", line[2:])), intent)
    return phrases


def curated_intent(text: str) -> str | None:
    """The intent whose curated example this text is, if any."""
    return command_phrases().get(fold(text))
