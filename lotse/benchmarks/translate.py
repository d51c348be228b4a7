"""Machine translation around the model: sentence splitting, placeholder protect/restore,
cache hits (memory, Redis), cache misses through the whole path, direct against pivot, and
concurrent requests.

Runs the committed fixture packages (tests/fixtures/translation), installed into a temporary
directory. They are tiny random-weight models: the figures are the cost of everything lotse
does around a model; a real Argos model's inference adds on top of the cache-miss figures.
`--data` replaces the shipped texts (YAML list of lang, kind, text); `--repeat` sets how often
each text is timed (default 5).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from lotse.benchmarks.stats import summarise
from lotse.settings import PROJECT_ROOT

DATA_FILE = Path(__file__).parent / "data" / "translate" / "texts.yml"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "translation"
# (source, target) per text language: a direct pair and, where there is one, a pivot.
DIRECT = {"de": "en", "ar": "en", "uk": "en", "en": "de"}
PIVOT = {"ar": "de", "uk": "de"}
NOTE = ("Fixture models are tiny random-weight models (a few hundred kB) that decode up to the "
        "length cap: cache-miss figures are lotse's own cost around a model plus a near-free "
        "model. Inference of a real Argos model adds on top of them; cache hits, splitting and "
        "placeholders do not depend on the model.")


def load_texts(path: Path) -> list[dict[str, str]]:
    rows = [r for r in yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if isinstance(r, dict) and r.get("lang") and r.get("text")]
    if not rows:
        raise ValueError(f"{path}: no entries with lang and text")
    return rows


def _timed(samples: list[float], call: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = call()
    samples.append((time.perf_counter() - started) * 1000)
    return result


def _summary(samples: list[float]) -> dict[str, Any]:
    total = sum(samples) / 1000
    return {**summarise(samples), "texts_per_second": round(len(samples) / total, 1) if total else None}


def _by_kind(rows: list[dict[str, str]], measure: Callable[[dict[str, str]], float | None],
             repeat: int) -> dict[str, Any]:
    samples: dict[str, list[float]] = {}
    for _ in range(repeat):
        for row in rows:
            value = measure(row)
            if value is not None:
                samples.setdefault(row.get("kind", "text"), []).append(value)
                samples.setdefault("all", []).append(value)
    return {kind: _summary(samples[kind]) for kind in ["all", *sorted(set(samples) - {"all"})]
            if kind in samples}


class _ModelClock:
    """Wraps a loaded CTranslate2 model to add up the time spent inside it."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.ms = 0.0

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.model.translate_batch(*args, **kwargs)
        finally:
            self.ms += (time.perf_counter() - started) * 1000


def _install_fixtures(directory: Path) -> list[dict[str, Any]]:
    from translation.installer import install_archive

    listing = json.loads((FIXTURES / "fixtures.json").read_text())["packages"]
    loaded = []
    for entry in listing:
        started = time.perf_counter()
        install_archive(FIXTURES / entry["file"], sha256=entry["sha256"], target_dir=directory)
        elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        loaded.append({"package": entry["code"], "install_ms": elapsed_ms})
    return loaded


def _redis_url() -> str | None:
    import redis

    url = os.environ.get("LOTSE_REDIS_URL", "").strip() or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return url


def run(args: argparse.Namespace) -> dict[str, Any]:
    from translation.cache import TranslationCache
    from translation.glossary import load_glossary
    from translation.placeholders import protect, restore
    from translation.sentences import split_sentences
    from translation.translator import Translator, load_model

    repeat = max(1, getattr(args, "repeat", None) or 5)
    data = Path(args.data) if getattr(args, "data", None) else DATA_FILE
    rows = load_texts(data)
    glossary = load_glossary()
    result: dict[str, Any] = {"benchmark": "translate", "texts": len(rows), "repeat": repeat,
                              "data": str(data), "cpu_count": os.cpu_count(), "note": NOTE}

    started = time.perf_counter()
    split_sentences("Eins. Zwei.", "de")
    result["first_split_ms_including_spacy_import"] = round((time.perf_counter() - started) * 1000, 1)
    for lang in {r["lang"] for r in rows}:
        split_sentences("Warm. Up.", lang)  # one blank pipeline per language, built once

    def split(row: dict[str, str]) -> float:
        samples: list[float] = []
        _timed(samples, lambda: split_sentences(row["text"], row["lang"]))
        return samples[0]

    def protect_restore(row: dict[str, str]) -> float:
        target = DIRECT.get(row["lang"], "de")
        samples: list[float] = []

        def work() -> str:
            protected = protect(row["text"], source=row["lang"], target=target, glossary=glossary)
            # The identity "model": every piece comes back as it went in.
            return "".join(restore(p, p, protected) for p in protected.split_like([row["text"]]))

        _timed(samples, work)
        return samples[0]

    result["sentence_split_ms"] = _by_kind(rows, split, repeat)
    result["protect_restore_ms"] = _by_kind(rows, protect_restore, repeat)

    with tempfile.TemporaryDirectory(prefix="lotse-bench-translate-") as tmp:
        packages = Path(tmp)
        result["install"] = _install_fixtures(packages)
        plain = Translator(package_dirs=[packages], cache=None)
        load_ms, clocks = {}, []
        for pair, package in sorted(plain.packages().items()):
            started = time.perf_counter()
            loaded = load_model(package)
            load_ms["->".join(pair)] = round((time.perf_counter() - started) * 1000, 1)
            loaded.model = _ModelClock(loaded.model)
            clocks.append(loaded.model)
        result["model_load_ms"] = load_ms

        def miss(routes: dict[str, str], outside: list[tuple[str, float]]
                 ) -> Callable[[dict[str, str]], float | None]:
            def measure(row: dict[str, str]) -> float | None:
                target = routes.get(row["lang"])
                if target is None:
                    return None
                samples: list[float] = []
                in_model = sum(c.ms for c in clocks)
                outcome = _timed(samples, lambda: plain.translate(row["text"], row["lang"], target))
                assert outcome.translated, outcome.reason  # type: ignore[attr-defined]
                outside.append((row.get("kind", "text"), samples[0] - (sum(c.ms for c in clocks) - in_model)))
                return samples[0]
            return measure

        for name, routes in (("direct", DIRECT), ("pivot", PIVOT)):
            outside: list[tuple[str, float]] = []
            result[f"cache_miss_{name}_ms"] = _by_kind(rows, miss(routes, outside), repeat)
            # The same requests without the time spent inside translate_batch: lotse's own share.
            result[f"cache_miss_{name}_outside_model_ms"] = {
                kind: summarise([ms for k, ms in outside if kind in ("all", k)])
                for kind in ["all", *sorted({k for k, _ in outside})]}
        for clock in clocks:
            clock.ms = 0.0

        def hit(translator: Translator, before: Callable[[], None]) -> Callable[[dict[str, str]], float]:
            def measure(row: dict[str, str]) -> float:
                target = DIRECT[row["lang"]]
                translator.translate(row["text"], row["lang"], target)  # fills the cache
                before()
                samples: list[float] = []
                outcome = _timed(samples, lambda: translator.translate(row["text"], row["lang"], target))
                assert outcome.cached  # type: ignore[attr-defined]
                return samples[0]
            return measure

        memory = Translator(package_dirs=[packages], cache=TranslationCache())
        result["cache_hit_memory_ms"] = _by_kind(rows, hit(memory, lambda: None), repeat)

        redis_url = _redis_url()
        if redis_url is None:
            result["cache_hit_redis_ms"] = "skipped: Redis not reachable"
        else:
            prefix = f"lotse-bench-mt-{uuid.uuid4().hex}:"
            cache = TranslationCache(redis_url=redis_url, prefix=prefix)
            shared = Translator(package_dirs=[packages], cache=cache)
            try:
                # Memory is emptied before each hit, so every hit is a Redis round trip.
                result["cache_hit_redis_ms"] = _by_kind(rows, hit(shared, cache.clear_memory), repeat)
            finally:
                import redis

                client = redis.Redis.from_url(redis_url)
                keys = list(client.scan_iter(match=f"{prefix}*"))
                if keys:
                    client.delete(*keys)

        result["concurrency"] = _concurrency(plain, rows, repeat)
    return result


def _concurrency(translator: Any, rows: list[dict[str, str]], repeat: int) -> dict[str, Any]:
    """The same requests one after another and from 8 threads (as an action server's
    conversations would): concurrent requests share model calls."""
    requests = [(r["text"], r["lang"], DIRECT[r["lang"]]) for r in rows if r["lang"] in DIRECT] * repeat
    started = time.perf_counter()
    for request in requests:
        translator.translate(*request)
    sequential = time.perf_counter() - started

    threads, chunks = 8, [requests[i::8] for i in range(8)]
    workers = [threading.Thread(target=lambda c=c: [translator.translate(*r) for r in c]) for c in chunks]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    concurrent = time.perf_counter() - started
    return {"requests": len(requests), "threads": threads,
            "sequential_texts_per_second": round(len(requests) / sequential, 1),
            "concurrent_texts_per_second": round(len(requests) / concurrent, 1)}
