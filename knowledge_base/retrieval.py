"""Finding the knowledge-base entry that answers a newcomer's question, in any language.

Two signals per entry, fused into one calibrated confidence (0..1):

- embedding: multilingual-e5 cosine of the question and the entry's best passage, a passage being
  one of its questions, its title or the first sentence of its answer, in every language the entry
  has (so an Arabic question finds an entry whose Arabic questions use other words, through its
  German or English ones). Raw e5 cosines are high even for nonsense ("hello" reaches 0.8), so the
  evidence is the margin of the entry's score over the question's own background (the mean of its
  top BACKGROUND_K passage cosines), as in classifications/occupation_search.py;
- lexical: BM25 (bm25s) over the words of every entry's titles and questions in all languages as
  knowledge_base/wording.py reduces them (folded letter variants, dialect function words dropped,
  Arabic-script stems, and a consonant skeleton shared by all scripts, so arabizi, Finglish and
  transliterated Cyrillic find the entries' own script), plus word prefixes (inflection:
  "поменять" and "поменяла" share "помен"). Typing errors are mapped to the nearest known word
  (rapidfuzz). German administrative words (Jobcenter, Kita, Anmeldung) appear in every
  language's entries, so they match in arabizi too. The BM25 score is divided by the most the
  question's words could score (each word with the tokens the index knows of it), which gives the
  share of the question's (idf-weighted) words the entry explains.

Confidence = logistic(EMBEDDING_WEIGHT * margin + LEXICAL_WEIGHT * lexical + BIAS); entries are
ranked by it. `answer()` answers directly only when the best entry reaches CONFIDENCE_THRESHOLD
and leads the next entry by ANSWER_MARGIN or reaches CERTAIN_THRESHOLD (`answers_directly`, the
one rule, applied in `find`, which every caller goes through); else `suggestions()` offers the
closest entries ("Did you mean ...?", best first) if the best one reaches SUGGESTION_THRESHOLD;
below that, "I don't know".

Passage vectors are cached in `<var>/kb-index/passages-<fingerprint>.npz`, keyed by the encoder's
fingerprint and the passage texts themselves: an edited entry gives a new file in which only the
new texts are embedded. Writing is atomic and serialised by a lock file.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from knowledge_base import wording
from nlu import embedding_cache, sentence_embeddings

if TYPE_CHECKING:
    from knowledge_base.entry import Entry

logger = logging.getLogger(__name__)

INDEX_DIRNAME = "kb-index"
INDEX_PREFIX = "passages-"
# Questions are matched with questions (a symmetric task), for which e5 wants "query: " on both
# sides; the answer's first sentence is a document ("passage: ").
PASSAGE_KIND: dict[str, sentence_embeddings.Kind] = {"title": "query", "question": "query",
                                                     "answer": "passage"}
BATCH = 64
# A question is a sentence or two; more only costs embedding time (and a pasted text is cut).
MAX_QUERY_CHARS = 500
MAX_QUERY_TOKENS = 60
MAX_ANSWER_SENTENCE_CHARS = 300

# --- the fused score -------------------------------------------------------------------------
# First fitted as a logistic regression (is the best entry the right answer?) on 138 development
# questions of our own in 7 languages (a third unanswerable): 120 / 22 / -6. The benchmark set
# (`lotse bench kb`, 236 questions) then showed that too strict (its answerable questions are worded
# further from the entries: 124 of 201 got "I don't know"), so the lexical weight and the bias were
# moved on aggregate figures of both sets together, counting a wrong answer twice as bad as an
# "I don't know": lexical 22 -> 30 (benchmark top-1 0.771 -> 0.781), bias -6 -> -5.7.
BACKGROUND_K = 40
# An entry's embedding score: its best passage, plus a little of its second best (several
# variants of the entry agreeing is evidence too; top-1 0.90 against 0.885 without).
SECOND_PASSAGE_SHARE = 0.3
EMBEDDING_WEIGHT = 120.0
LEXICAL_WEIGHT = 30.0
BIAS = -5.7
# Answering with a wrong entry is worse than asking "Did you mean ...?" (one more tap), so only a
# clear best entry is answered. On the benchmark set (`lotse bench kb`, 236 questions) answering
# from 0.5 gave 8 wrong answers of 107 (7.5 %); from 0.7 it gave 3 of 82, and 17 of the 20
# questions in 0.5-0.7 have their entry among the offered ones. Newcomers' own wording is further
# from the entries than that set's: on 511 development questions written by outsiders (the
# dialogue development sets and tests/data/kb_dev/, a third of them about topics the base does
# not cover but in the frames of real questions: bringing a dog from Syria reached the driving
# licence at 0.78, car insurance prices too at 0.83) answering from 0.7 gave 10 wrong answers of
# 180, from 0.9 it gives 3 of 136; the 37 right answers that became choices offer the right
# entry first (round 5 of issue 12).
CONFIDENCE_THRESHOLD = 0.9
# ... and only when it clearly leads the next entry by ANSWER_MARGIN or is all but certain
# (CERTAIN_THRESHOLD): entries close together (a question between two topics, or entries whose
# question variants overlap) are offered as a choice, best first. On the benchmark set 27 of the
# 46 answerable questions whose best entry leads by less than 0.12 have the wrong best entry (6 of
# the 155 above), and 35 of the 46 have their entry among the first three; from 0.7 the rule turns
# 2 of the 4 wrong answers (0.848 against 0.793, 0.975 against 0.886) into choices with the right
# entry and no right answer into a choice (the closest: 0.733 against 0.599; 0.15 costs it).
# Near 1 the confidence saturates and the margin says nothing ("Wie melde ich meine Wohnung in
# Leipzig an?": registration 1.000, finding a flat 0.987): none of the 29 answers from 0.985 up is
# wrong, 4 of the 80 in 0.7-0.985 are.
ANSWER_MARGIN = 0.12
CERTAIN_THRESHOLD = 0.985
# Between SUGGESTION_THRESHOLD and CONFIDENCE_THRESHOLD the best entry is plausible, not certain:
# the assistant offers the closest entries ("Did you mean ...?", with "none of these") instead of
# "I don't know". From 0.3 down to 0.1 the same set offers choices for 37 more answerable
# questions (their entry among them for 37 of 46 questions in that band); 6 of its 35
# unanswerable questions get choices instead of "I don't know". Below 0.1 choices are mostly wrong.
SUGGESTION_THRESHOLD = 0.1
# Where a question may itself be the answer (an open interview question: "can I work as a nurse
# again?" at the goals), only a plausible entry makes it a question for the knowledge base.
PLAUSIBLE_THRESHOLD = 0.3
SUGGESTIONS = 3
# A suggestion far below the best one is noise; the best two are always offered.
SUGGESTION_MIN_SCORE = 0.05

# BM25 (Lucene variant) parameters; word prefixes count less than whole words.
BM25_K1 = 1.2
BM25_B = 0.75
PREFIX_CHARS = 5
PREFIX_MARK = "~"
SKELETON_MARK = "#"
# A content word the index knows in no form counts as unexplained with this share of the idf of
# an unseen token (1.5 and 2 cost answerable questions and refused no unanswerable one more).
UNKNOWN_WORD_WEIGHT = 1.5
FUZZY_CUTOFF = 85
FUZZY_MIN_CHARS = 5
_MARKDOWN = re.compile(r"\*\*|__|`|^#+\s*|^\s*[-*]\s+", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?؟।])\s+")


@dataclass(frozen=True)
class Hit:
    """One entry found for a question: `score` is the calibrated confidence (0..1);
    `matched_text` is the entry's passage closest to the question, in `matched_lang`."""

    entry_id: str
    score: float
    matched_text: str
    matched_lang: str


def answers_directly(best: float, second: float, threshold: float = CONFIDENCE_THRESHOLD) -> bool:
    """Whether the best entry (confidence `best`) is the answer, not one of the choices: it
    reaches `threshold` and leads the next entry (`second`, 0 if there is none) by ANSWER_MARGIN,
    or is all but certain (CERTAIN_THRESHOLD)."""
    return best >= threshold and (best - second >= ANSWER_MARGIN or best >= CERTAIN_THRESHOLD)


@dataclass(frozen=True)
class _Passage:
    entry: int  # position in KnowledgeBaseIndex.entry_ids
    lang: str
    field: str  # a PASSAGE_KIND key
    text: str

    @property
    def kind(self) -> sentence_embeddings.Kind:
        return PASSAGE_KIND[self.field]


# --- passages and tokens -------------------------------------------------------------------------

def first_sentence(markdown: str) -> str:
    """The answer's first sentence without Markdown ("**Jobcenter** pays ..." -> "Jobcenter pays ...")."""
    text = _MARKDOWN.sub("", _LINK.sub(r"\1", markdown or ""))
    paragraph = next((p for p in re.split(r"\n\s*\n", text) if p.strip()), "")
    sentence = _SENTENCE_END.split(" ".join(paragraph.split()), maxsplit=1)[0]
    return sentence[:MAX_ANSWER_SENTENCE_CHARS]


def _passages(entries: Sequence[Any]) -> list[_Passage]:
    passages: list[_Passage] = []
    for position, entry in enumerate(entries):
        for lang, translation in sorted(entry.translations.items()):
            if getattr(translation, "status", None) == "missing":
                continue
            texts = [("title", translation.title or "")]
            texts += [("question", question or "") for question in translation.questions or ()]
            texts.append(("answer", first_sentence(translation.answer or "")))
            seen: set[str] = set()
            for field, text in texts:
                text = " ".join(text.split())
                if text and text not in seen:
                    seen.add(text)
                    passages.append(_Passage(position, lang, field, text))
    return passages


def _words(text: str) -> list[str]:
    return wording.words(text)


@functools.lru_cache(maxsize=65536)  # words repeat across passages, languages and questions
def _word_features(word: str) -> tuple[str, ...]:
    """BM25 tokens of one folded word: the word, its stems, their prefixes, its skeleton."""
    tokens = [word]
    for form in [word, *wording.stems(word)]:
        if form != word:
            tokens.append(form)
        if len(form) > PREFIX_CHARS and not form.isdigit():
            tokens.append(PREFIX_MARK + form[:PREFIX_CHARS])
    key = wording.skeleton(word)
    if key:
        tokens.append(SKELETON_MARK + key)
    return tuple(dict.fromkeys(tokens))


def _features(words: Iterable[str]) -> list[str]:
    return [token for word in words for token in _word_features(word)]


# --- the embedding cache -------------------------------------------------------------------------

def index_dir() -> Path:
    from lotse.settings import load_settings

    return load_settings().var_dir / INDEX_DIRNAME


def _model() -> str:
    return f"{sentence_embeddings.fingerprint()};" + ",".join(f"{k}={v}" for k, v in PASSAGE_KIND.items())


def _keys(passages: Sequence[_Passage]) -> list[str]:
    """Unique (kind, text) keys, sorted: what is embedded and what the fingerprint covers."""
    return sorted({f"{p.kind}\t{p.text}" for p in passages})


def _cache(directory: Path) -> embedding_cache.EmbeddingCache:
    return embedding_cache.EmbeddingCache(
        directory=directory, model=_model(), dimension=sentence_embeddings.DIMENSION,
        prefix=INDEX_PREFIX, name="knowledge-base", batch=BATCH)


def passages_fingerprint(keys: Sequence[str]) -> str:
    return embedding_cache.fingerprint(_model(), keys)


def _embed(keys: list[str]) -> list[np.ndarray]:
    """Vectors of "kind\ttext" keys, in order (each kind embedded with its own prefix)."""
    vectors: dict[str, np.ndarray] = {}
    for kind in sentence_embeddings.KINDS:
        texts = [key for key in keys if key.startswith(f"{kind}\t")]
        if texts:
            embedded = sentence_embeddings.embed([key.split("\t", 1)[1] for key in texts], kind=kind)
            vectors.update(zip(texts, embedded, strict=True))
    return [vectors[key] for key in keys]


def _cached_vectors(keys: list[str], directory: Path) -> tuple[Path, np.ndarray]:
    """Vectors of `keys` (in order) from the cache in `directory`, built if needed."""
    return _cache(directory).vectors(keys, _embed)


def _empty() -> np.ndarray:
    return np.zeros((0, sentence_embeddings.DIMENSION), dtype=np.float32)


# --- the index -----------------------------------------------------------------------------------

def _clean_query(question: object) -> str:
    if not isinstance(question, str):
        return ""
    text = "".join(ch for ch in question[:MAX_QUERY_CHARS * 4]
                   if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


class KnowledgeBaseIndex:
    """Hybrid (embedding + BM25) search over knowledge-base entries in all their languages."""

    def __init__(self, entries: Sequence[Any], passages: list[_Passage], vectors: np.ndarray,
                 cache_file: Path | None) -> None:
        self.entries = list(entries)
        self.entry_ids = [entry.id for entry in self.entries]
        self._by_id = dict(zip(self.entry_ids, self.entries, strict=True))
        self.passages = passages
        self.vectors = vectors
        self.cache_file = cache_file
        self.fingerprint = cache_file.stem.removeprefix(INDEX_PREFIX) if cache_file else ""
        self._passage_entry = np.array([p.entry for p in passages], dtype=np.int64)
        # passages grouped by entry (built in entry order), for np.maximum.reduceat
        self._starts = np.searchsorted(self._passage_entry, np.arange(len(self.entries)))
        self._has_passages = np.bincount(self._passage_entry, minlength=len(self.entries)) > 0
        self._lexical_index()

    @classmethod
    def build(cls, entries: Iterable[Entry], directory: Path | None = None) -> KnowledgeBaseIndex:
        """Index `entries` (Entry objects, or anything with `id` and `translations`); passage
        vectors come from (or go to) the cache in `directory` (default `<var>/kb-index`)."""
        entries = list(entries)
        passages = _passages(entries)
        keys = _keys(passages)
        path, vectors = _cached_vectors(keys, index_dir() if directory is None else directory)
        row = {key: i for i, key in enumerate(keys)}
        rows = np.array([row[f"{p.kind}\t{p.text}"] for p in passages], dtype=np.int64)
        return cls(entries, passages, vectors[rows] if len(rows) else _empty(), path)

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, entry_id: str) -> Any:
        """The indexed entry with this id (KeyError if there is none)."""
        return self._by_id[entry_id]

    # lexical side

    def _lexical_index(self) -> None:
        documents: list[list[str]] = [[] for _ in self.entries]
        for passage in self.passages:
            if passage.field != "answer":  # answers name too many things in passing
                documents[passage.entry] += _features(_words(passage.text))
        self._bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B, method="lucene")
        if self.entries:
            self._bm25.index([doc or [""] for doc in documents], show_progress=False)
        frequency = Counter(token for doc in documents for token in set(doc))
        n = max(1, len(documents))
        self._idf = {token: math.log(1 + (n - df + 0.5) / (df + 0.5)) for token, df in frequency.items()}
        self._unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        self._vocabulary = sorted(token for token in frequency if len(token) >= FUZZY_MIN_CHARS
                                  and not token.startswith((PREFIX_MARK, SKELETON_MARK)))

    def _correct(self, word: str) -> str:
        """A word the index does not know, replaced by the closest one it does ("Aufenthaltstiel")."""
        if word in self._idf or len(word) < FUZZY_MIN_CHARS or word.isdigit():
            return word
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return found[0] if found else word

    def _lexical(self, text: str) -> np.ndarray:
        """Per entry, 0..1: the idf-weighted share of the question's words the entry explains.

        A word is explained as far as the entry scores on the tokens the index knows of it (its
        form, stems, prefix, skeleton) out of the most those could score; it weighs the idf of
        its rarest known token, so an arabizi word known only by its skeleton counts like the
        word in its own script, and a word known in several forms no more than one known in one.
        A word the index knows in no form is unexplained, with UNKNOWN_WORD_WEIGHT times the idf
        of an unseen token.
        """
        words = [self._correct(word) for word in _words(text)[:MAX_QUERY_TOKENS]]
        total = np.zeros(len(self.entries), dtype=np.float64)
        if not words or not self.entries:
            return total.astype(np.float32)
        weight = 0.0
        for word in dict.fromkeys(words):
            known = [t for t in _word_features(word) if t in self._idf]
            if not known:
                weight += UNKNOWN_WORD_WEIGHT * self._unknown_idf
                continue
            ceiling = sum(self._idf[t] for t in known) * (BM25_K1 + 1)
            share = np.asarray(self._bm25.get_scores(known), dtype=np.float64) / ceiling
            idf = max(self._idf[t] for t in known)
            total += idf * share
            weight += idf
        return np.clip(total / weight, 0.0, 1.0).astype(np.float32)

    # embedding side

    def _embedding(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(per-entry score minus the question's background, per-passage cosines)."""
        vector = sentence_embeddings.embed([text], kind="query")[0]
        sims = self.vectors @ vector
        k = min(BACKGROUND_K, len(sims))
        background = float(np.partition(sims, len(sims) - k)[-k:].mean())
        best = np.full(len(self.entries), -1.0, dtype=np.float32)
        second = np.full(len(self.entries), -1.0, dtype=np.float32)
        for position in np.flatnonzero(self._has_passages):
            begin = self._starts[position]
            end = self._starts[position + 1] if position + 1 < len(self.entries) else len(sims)
            own = sims[begin:end]
            if len(own) >= 2:
                top2 = np.partition(own, len(own) - 2)[-2:]
                best[position], second[position] = top2[1], top2[0]
            else:
                best[position] = second[position] = own[0]
        score = (1 - SECOND_PASSAGE_SHARE) * best + SECOND_PASSAGE_SHARE * second
        return np.where(self._has_passages, score - background, -1.0).astype(np.float32), sims

    # search

    def scores(self, question: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """(confidence, embedding margin, lexical, passage cosines) per entry, or None for a
        question with nothing to search for (empty, symbols, emoji). For benchmarks and tuning."""
        text = _clean_query(question)
        if not self.entries or not len(self.passages) or not any(ch.isalpha() for ch in text):
            return None
        margin, sims = self._embedding(text)
        lexical = self._lexical(text)
        confidence = _sigmoid(EMBEDDING_WEIGHT * margin + LEXICAL_WEIGHT * lexical + BIAS)
        return confidence, margin, lexical, sims

    def search(self, question: str, lang: str | None = None, top: int = 5) -> list[Hit]:
        """The `top` entries most likely to answer `question`, best first, each with its confidence.

        Never raises on odd input: empty, symbol- or emoji-only or non-text input gives [].
        `lang` (the asker's language) only chooses the matched passage among equally close ones.
        """
        try:
            top = int(top)
            found = self.scores(question) if top > 0 else None
        except Exception:  # noqa: BLE001 - a question must never break the conversation
            logger.exception("knowledge-base search failed")
            return []
        if found is None:
            return []
        confidence, _, _, sims = found
        order = np.argsort(-confidence, kind="stable")[:top]
        return [self._hit(int(i), float(confidence[i]), sims, lang) for i in order
                if self._has_passages[i]]

    def answer(self, question: str, lang: str | None = None) -> Hit | None:
        """The best entry if it is answered directly (`answers_directly`), else None."""
        return self.find(question, lang)[0]

    def suggestions(self, question: str, lang: str | None = None) -> list[Hit]:
        """The closest entries when the best one is plausible but not answered directly (below
        CONFIDENCE_THRESHOLD down to SUGGESTION_THRESHOLD, or less than ANSWER_MARGIN ahead of
        the next entry and below CERTAIN_THRESHOLD), best first; [] otherwise."""
        return self.find(question, lang)[1]

    def find(self, question: str, lang: str | None = None,
             floor: float = SUGGESTION_THRESHOLD) -> tuple[Hit | None, list[Hit]]:
        """`answer` and `suggestions` from one search (one embedding of the question): at most
        one of them is non-empty. `floor` raises the lowest confidence that still gives
        suggestions (PLAUSIBLE_THRESHOLD where the question may be the answer itself)."""
        hits = self.search(question, lang, top=SUGGESTIONS)
        if hits and answers_directly(hits[0].score, hits[1].score if len(hits) > 1 else 0.0):
            return hits[0], []
        if not hits or hits[0].score < max(floor, SUGGESTION_THRESHOLD):
            return None, []
        return None, [hit for i, hit in enumerate(hits) if i < 2 or hit.score >= SUGGESTION_MIN_SCORE]

    def _hit(self, position: int, confidence: float, sims: np.ndarray, lang: str | None) -> Hit:
        begin = int(self._starts[position])
        end = int(self._starts[position + 1]) if position + 1 < len(self.entries) else len(sims)
        own = sims[begin:end] + np.array([0.01 if p.lang == lang else 0.0
                                          for p in self.passages[begin:end]], dtype=np.float32)
        passage = self.passages[begin + int(np.argmax(own))]
        return Hit(self.entry_ids[position], round(confidence, 4), passage.text, passage.lang)


# --- the process-wide index of knowledge_base/entries/ --------------------------------------------

_default: KnowledgeBaseIndex | None = None
_default_stamp: tuple[Any, ...] | None = None
_default_lock = threading.Lock()


def _stamp(directory: Path) -> tuple[Any, ...]:
    """Changes whenever an entry file is added, removed or written."""
    stamp = []
    for path in sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")]):
        with contextlib.suppress(OSError):
            stat = path.stat()
            stamp.append((path.name, stat.st_size, stat.st_mtime_ns))
    return (str(directory), *stamp)


def default_index(entries_dir: Path | None = None) -> KnowledgeBaseIndex:
    """The index of the entry files (default knowledge_base/entries/), rebuilt when they change
    (only new or edited texts are embedded again). A directory that cannot be read keeps the
    index loaded before, if there is one."""
    global _default, _default_stamp
    from knowledge_base.entry import ENTRIES_DIR, load_entries

    directory = Path(entries_dir) if entries_dir is not None else ENTRIES_DIR
    stamp = _stamp(directory)
    if _default is not None and stamp == _default_stamp:
        return _default
    with _default_lock:
        if _default is None or stamp != _default_stamp:
            try:
                _default = KnowledgeBaseIndex.build(load_entries(directory))
            except Exception:
                if _default is None:
                    raise
                logger.exception("knowledge-base entries unreadable: keeping the loaded index")
            _default_stamp = stamp
        return _default


def reset() -> None:
    """Forget the process-wide index (tests)."""
    global _default, _default_stamp
    with _default_lock:
        _default, _default_stamp = None, None
