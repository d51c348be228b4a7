"""A small classifier over sentence embeddings, for what word rules cannot list.

Where the wording varies without end ("I have none", a request for another chat language), a few
hundred labelled messages decide by meaning behind the rules:

- The examples' multilingual-e5 vectors (sentence_embeddings.py, "query" side) are kept in a file
  cache under the var dir (embedding_cache.py): embedded once, in seconds; an edited example costs
  one embedding.
- A balanced LogisticRegression (lbfgs: deterministic, no sampling) is fitted on them at first
  use, in a fraction of a second, and kept in memory for the process.
- A message is embedded through the encoder's cache of recent messages under the same key the
  other searches use, so a turn embeds it once whatever asks; the prediction costs well under a
  millisecond.

Each use (bot/normalisers/none_meaning.py, nlu/language_request_meaning.py) keeps its examples,
thresholds and gates; this module only holds what they share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from nlu import embedding_cache, sentence_embeddings

__all__ = ["MeaningClassifier", "labelled_examples", "query_text"]


def labelled_examples(path: Path, labels: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(written language, label, text) of every message in a file of the shape
    {language: {label: [text, ...]}}; a label outside `labels` is an error."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [(lang, label, str(text)) for lang, by_label in data.items()
             for label, texts in by_label.items() for text in texts]
    unknown = {label for _, label, _ in found} - set(labels)
    if unknown:
        raise ValueError(f"{path}: unknown labels {sorted(unknown)}")
    return found


def query_text(text: str) -> str:
    """A message as embedded: one line, bounded."""
    return " ".join(text.split())[:200]


def _var_dir() -> Path:
    from lotse.settings import load_settings

    return load_settings().var_dir


class MeaningClassifier:
    """Labelled `(text, label)` examples -> P(label) of a message, fitted once per process."""

    def __init__(self, name: str, examples: Callable[[], list[tuple[str, str]]],
                 key: Callable[[str], str], c: float,
                 var_dir: Callable[[], Path] = _var_dir) -> None:
        self.name = name
        self._examples = examples
        self.key = key
        self.c = c
        self._var_dir = var_dir
        self._model: Any = None
        self._lock = threading.Lock()

    def _cache(self) -> embedding_cache.EmbeddingCache:
        return embedding_cache.EmbeddingCache(
            directory=self._var_dir() / self.name,
            model=f"{sentence_embeddings.fingerprint()};query",
            dimension=sentence_embeddings.DIMENSION, prefix="examples-", name=self.name)

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of `texts` (in order), from the file cache, embedded once."""
        keys = sorted({self.key(t) for t in texts})
        _, vectors = self._cache().vectors(
            keys, lambda batch: sentence_embeddings.embed(batch, kind="query"))
        row = {key: i for i, key in enumerate(keys)}
        return vectors[[row[self.key(t)] for t in texts]]

    def fit(self, vectors: np.ndarray, labels: list[str]) -> Any:  # noqa: ANN401 - sklearn
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.c, max_iter=2000, class_weight="balanced").fit(
            vectors, labels)

    def model(self) -> Any:  # noqa: ANN401 - a fitted sklearn model
        """The classifier fitted on all examples, once per process."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    known = self._examples()
                    self._model = self.fit(self.vectors([text for text, _ in known]),
                                           [label for _, label in known])
        return self._model

    def probabilities(self, text: str) -> dict[str, float]:
        """P(label) of a message."""
        fitted = self.model()
        vector = sentence_embeddings.embed([self.key(text)], kind="query")
        return dict(zip(fitted.classes_, (float(p) for p in fitted.predict_proba(vector)[0]),
                        strict=True))
