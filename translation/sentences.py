"""Sentence splitting for translation: spaCy's rule-based `sentencizer` on a blank pipeline.

The models translate sentence by sentence, so a paragraph is cut into sentences (and lines)
first. No trained spaCy pipeline is used (none is installable offline); languages spaCy has
no tokenizer for use the multilingual `xx` one.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
from types import ModuleType
from typing import Any

_LINES = re.compile(r"(\s*\n\s*)")
_pipelines: dict[str, tuple[Any, threading.Lock]] = {}
_pipelines_lock = threading.Lock()
_import_lock = threading.Lock()


def _import_spacy() -> ModuleType:
    """spaCy, imported without TensorFlow when the process has not imported TensorFlow yet.

    thinc (under spaCy) imports TensorFlow if it is installed, as it is next to Rasa: 4-9 s and
    ~360 MB in processes (action server, CLI) that need only a rule-based sentencizer. A
    `None` entry in sys.modules makes that optional import fail fast; it is removed again, so
    a later `import tensorflow` elsewhere works as usual.
    """
    with _import_lock:
        if "spacy" in sys.modules or "tensorflow" in sys.modules:
            return importlib.import_module("spacy")
        sys.modules["tensorflow"] = None  # type: ignore[assignment]
        try:
            return importlib.import_module("spacy")
        finally:
            if "tensorflow" in sys.modules and sys.modules["tensorflow"] is None:
                del sys.modules["tensorflow"]


def spacy_language(lang: str) -> str:
    """The spaCy language code used for `lang`: itself when spaCy has it, else `xx`."""
    base = re.split(r"[-_]", lang.strip().lower())[0]
    if not re.fullmatch(r"[a-z]{2,3}", base):
        return "xx"
    _import_spacy()
    try:
        importlib.import_module(f"spacy.lang.{base}")
    except ImportError:
        return "xx"
    return base


def _pipeline(lang: str) -> tuple[Any, threading.Lock]:
    with _pipelines_lock:
        entry = _pipelines.get(lang)
        if entry is None:
            code = spacy_language(lang)
            entry = _pipelines.get(code)
            if entry is None:
                nlp = _import_spacy().blank(code)
                nlp.add_pipe("sentencizer")
                # spaCy does not promise that a Language object is thread-safe: one lock each.
                entry = (nlp, threading.Lock())
                _pipelines[code] = entry
            _pipelines[lang] = entry
        return entry


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences and line breaks of `text`, with their whitespace, so `"".join(result) == text`."""
    if not text:
        return []
    nlp, lock = _pipeline(lang)
    pieces: list[str] = []
    for part in _LINES.split(text):
        if not part:
            continue
        if not part.strip() or "\n" in part:
            pieces.append(part)
            continue
        with lock:
            doc = nlp(part)
        pieces.extend(sentence.text_with_ws for sentence in doc.sents)
    return pieces
