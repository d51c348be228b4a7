"""The translator: installed Argos packages run with CTranslate2 and SentencePiece.

A request is protected (placeholders.py), cut into sentences (sentences.py), and all its
sentences go to the model in one `translate_batch` call, together with those of requests
from other threads that arrive meanwhile (batching.py). Without a direct package it pivots
through English. Results are cached (cache.py). Nothing here raises to the caller: a missing
package, an unknown language code or a failing model give an untranslated result with the
original text and the reason.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from translation.batching import MicroBatcher
from translation.cache import TranslationCache
from translation.glossary import Glossary, load_glossary
from translation.packages import (
    LANGUAGE_CODE,
    Package,
    active_packages,
    default_package_dirs,
    installed_packages,
)
from translation.placeholders import only_tokens, protect, restore
from translation.sentences import split_sentences

logger = logging.getLogger(__name__)

PIVOT = "en"
MAX_CHARS = 10_000  # a chat answer is far shorter; this bounds the work one request can cause
MAX_SOURCE_TOKENS = 200  # longer sentences are translated in pieces of this many tokens
MAX_DECODING_TOKENS = 512
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


@dataclass(frozen=True)
class Translation:
    """`text` is the translation, or the original text when `translated` is False."""

    text: str
    source: str
    target: str
    translated: bool
    model: str | None = None
    model_version: str | None = None
    pivot: str | None = None
    cached: bool = False
    reason: str | None = None
    truncated: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class LoadedModel:
    """One package in memory. Loaded once per process and shared by all Translators."""

    def __init__(self, package: Package, *, inter_threads: int, intra_threads: int,
                 beam_size: int) -> None:
        import ctranslate2
        import sentencepiece

        self.package = package
        self.beam_size = beam_size
        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_path))
        self.model = ctranslate2.Translator(str(package.model_dir), device="cpu",
                                            inter_threads=inter_threads, intra_threads=intra_threads)
        self.batcher: MicroBatcher[str, str] = MicroBatcher(self._run)

    def translate(self, sentences: list[str]) -> list[str]:
        return self.batcher.submit(sentences)

    def _run(self, sentences: list[str]) -> list[str]:
        chunks: list[list[str]] = []
        owners: list[int] = []
        for index, sentence in enumerate(sentences):
            tokens = self.processor.encode(sentence, out_type=str) if sentence.strip() else []
            for offset in range(0, len(tokens), MAX_SOURCE_TOKENS):
                chunks.append(tokens[offset:offset + MAX_SOURCE_TOKENS])
                owners.append(index)
        outputs: list[list[str]] = [[] for _ in sentences]
        if not chunks:
            return ["" for _ in sentences]
        prefix = [self.package.target_prefix] if self.package.target_prefix else []
        limits = [min(MAX_DECODING_TOKENS, 2 * len(chunk) + 10) for chunk in chunks]
        results = self.model.translate_batch(
            chunks, target_prefix=[prefix] * len(chunks) if prefix else None,
            beam_size=self.beam_size, num_hypotheses=1, length_penalty=0.2,
            replace_unknowns=True, max_decoding_length=max(limits) + len(prefix),
            max_batch_size=32)
        for owner, limit, result in zip(owners, limits, results, strict=True):
            tokens = list(result.hypotheses[0])
            if prefix and tokens[:len(prefix)] == prefix:
                tokens = tokens[len(prefix):]
            # One long sentence in a batch raises the batch's limit; each output keeps its own.
            outputs[owner].append(_detokenize(tokens[:limit]))
        return [" ".join(part for part in parts if part) for parts in outputs]


def _detokenize(tokens: list[str]) -> str:
    # Joined as Argos does: tokens copied from the source by replace_unknowns (e.g. ｟) are not
    # in the SentencePiece vocabulary, and SentencePiece's decode would turn them into ⁇.
    return "".join(tokens).replace("▁", " ").strip()


_models: dict[tuple[Path, str], LoadedModel] = {}
_models_lock = threading.Lock()


def load_model(package: Package, *, inter_threads: int = 1, intra_threads: int = 2,
               beam_size: int = 2) -> LoadedModel:
    """The process-wide loaded model for a package (loaded on first use; the thread and beam
    settings of that first use apply for the life of the process)."""
    key = (package.path, package.package_version)
    with _models_lock:
        model = _models.get(key)
        if model is None:
            logger.info("loading translation package %s %s", package.name, package.package_version)
            model = LoadedModel(package, inter_threads=inter_threads, intra_threads=intra_threads,
                                beam_size=beam_size)
            _models[key] = model
        return model


def _normalise_code(code: object) -> str:
    return str(code or "").strip().lower()


class Translator:
    """Translate between any two languages for which packages are installed."""

    def __init__(self, *, package_dirs: Sequence[Path] | None = None,
                 cache: TranslationCache | None = None, glossary: Glossary | None = None,
                 max_chars: int = MAX_CHARS, beam_size: int = 2, intra_threads: int | None = None) -> None:
        self.package_dirs = list(package_dirs) if package_dirs is not None else default_package_dirs()
        self.cache = cache
        self.glossary = glossary if glossary is not None else load_glossary()
        self.max_chars = max_chars
        self.beam_size = beam_size
        self.intra_threads = intra_threads or int(os.environ.get("LOTSE_TRANSLATION_THREADS", "2"))
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._active: dict[tuple[str, str], Package] = {}

    # -- packages ---------------------------------------------------------------------------

    def _directory_stamp(self) -> tuple:
        stamp = []
        for directory in self.package_dirs:
            try:
                stamp.append((str(directory), directory.stat().st_mtime_ns))
            except OSError:
                stamp.append((str(directory), None))
        return tuple(stamp)

    def packages(self) -> dict[tuple[str, str], Package]:
        """The package used per pair; rescanned when a package directory changed, so a package
        installed while the process runs is used without a restart."""
        stamp = self._directory_stamp()
        with self._lock:
            if stamp != self._stamp:
                self._active = {(f.lower(), t.lower()): p for (f, t), p in
                                active_packages(installed_packages(self.package_dirs)).items()}
                self._stamp = stamp
            return self._active

    def route(self, source: str, target: str) -> list[Package] | None:
        """The packages to chain: the direct one, else two through English; None if neither."""
        source, target = _normalise_code(source), _normalise_code(target)
        active = self.packages()
        direct = active.get((source, target))
        if direct is not None:
            return [direct]
        if PIVOT in (source, target):
            return None
        first, second = active.get((source, PIVOT)), active.get((PIVOT, target))
        return [first, second] if first and second else None

    def pairs(self) -> list[tuple[str, str]]:
        return sorted(self.packages())

    # -- translating ------------------------------------------------------------------------

    def translate(self, text: str, source: str, target: str, *,
                  names: Sequence[str] = ()) -> Translation:
        return self.translate_many([text], source, target, names=names)[0]

    def translate_many(self, texts: Sequence[str], source: str, target: str, *,
                       names: Sequence[str] = ()) -> list[Translation]:
        """Translate several texts of one language pair with one model call per package."""
        source, target = _normalise_code(source), _normalise_code(target)
        texts = [text if isinstance(text, str) else "" for text in texts]
        try:
            return self._translate_many(texts, source, target, names)
        except Exception as exc:  # noqa: BLE001 - a translation problem never reaches the caller
            logger.exception("translation %s->%s failed", source, target)
            reason = f"translation failed: {type(exc).__name__}"
            return [Translation(t, source, target, False, reason=reason) for t in texts]

    def _translate_many(self, texts: list[str], source: str, target: str,
                        names: Sequence[str]) -> list[Translation]:
        for code in (source, target):
            if not LANGUAGE_CODE.match(code):
                return [Translation(t, source, target, False, reason=f"unsupported language code {code!r}")
                        for t in texts]
        if source == target:
            return [Translation(t, source, target, False, reason="source and target are the same language")
                    for t in texts]
        route = self.route(source, target)
        if route is None:
            reason = (f"no translation package for {source}->{target}" +
                      ("" if PIVOT in (source, target) else f" (nor through {PIVOT})"))
            return [Translation(t, source, target, False, reason=reason) for t in texts]
        model = "+".join(p.name for p in route)
        version = "+".join(p.package_version for p in route)
        identity = "+".join(f"{p.name}@{p.package_version}" for p in route)
        pivot = PIVOT if len(route) > 1 else None

        results: list[Translation | None] = [None] * len(texts)
        work: list[tuple[int, str, bool, str]] = []  # index, text to translate, truncated, cache key
        for index, text in enumerate(texts):
            if not text.strip():
                results[index] = Translation(text, source, target, False, reason="nothing to translate")
                continue
            cut, truncated = self._cap(text)
            key = ""
            if self.cache is not None:
                request = json.dumps([cut, sorted({str(n) for n in names}), self.glossary.digest],
                                     ensure_ascii=False)
                key = self.cache.key(source, target, identity, request)
                hit, _ = self.cache.get(key)
                if hit is not None and isinstance(hit.get("text"), str):
                    results[index] = Translation(hit["text"], source, target, True, model, version, pivot,
                                                 cached=True, reason=self._reason(text, truncated),
                                                 truncated=truncated)
                    continue
            work.append((index, cut, truncated, key))

        if work:
            translated = self._run(route, [cut for _, cut, _, _ in work], source, target, names)
            for (index, _, truncated, key), output in zip(work, translated, strict=True):
                if self.cache is not None:
                    self.cache.set(key, {"text": output})
                results[index] = Translation(output, source, target, True, model, version, pivot,
                                             reason=self._reason(texts[index], truncated),
                                             truncated=truncated)
        return [r for r in results if r is not None]

    def _cap(self, text: str) -> tuple[str, bool]:
        if len(text) <= self.max_chars:
            return text, False
        cut = text[:self.max_chars]
        # End at a sentence or word boundary near the limit rather than inside a word.
        boundary = max(cut.rfind(". "), cut.rfind("\n"), cut.rfind(" "))
        return (cut[:boundary + 1] if boundary > self.max_chars * 0.8 else cut), True

    def _reason(self, text: str, truncated: bool) -> str | None:
        if not truncated:
            return None
        return (f"text of {len(text)} characters is longer than {self.max_chars}: only the "
                "beginning was translated")

    def _run(self, route: list[Package], texts: list[str], source: str, target: str,
             names: Sequence[str]) -> list[str]:
        """Protect, split, translate every sentence of every text leg by leg, restore."""
        protected = [protect(text, source=source, target=target, names=names, glossary=self.glossary)
                     for text in texts]
        # (text index, leading space, sentence, trailing space, send to the model?)
        pieces: list[tuple[int, str, str, str, bool]] = []
        for index, item in enumerate(protected):
            for piece in item.split_like(split_sentences(item.original, source)):
                lead, core, trail = _EDGES.match(piece).groups()  # type: ignore[union-attr]
                pieces.append((index, lead, core, trail, bool(core) and not only_tokens(core)))
        sentences = [core for _, _, core, _, to_model in pieces if to_model]
        for package in route:
            if not sentences:
                break
            sentences = load_model(package, intra_threads=self.intra_threads,
                                   beam_size=self.beam_size).translate(sentences)
        outputs = iter(sentences)
        parts: list[list[str]] = [[] for _ in texts]
        for index, lead, core, trail, to_model in pieces:
            translated = next(outputs) if to_model else core
            restored = restore(translated, core, protected[index]) if core else ""
            parts[index].append(f"{lead}{restored}{trail}")
        return ["".join(p) for p in parts]


_default: Translator | None = None
_default_lock = threading.Lock()


def get_translator() -> Translator:
    """The process-wide translator (packages from the default directories, cache from the
    environment: `LOTSE_REDIS_URL`)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Translator(cache=TranslationCache.from_env())
        return _default
