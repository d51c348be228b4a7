"""Language identification: lotse's identifier against raw lid.176 on one labelled data set.

Accuracy per language and per length bucket (one word, two words, a sentence of three or more)
for both, latency per message for both, and the time to read the model file. The data set is a
TSV with columns lang, text, source (and optional note); `--data` replaces the shipped one.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from lotse.benchmarks.stats import summarise

DATA_FILE = Path(__file__).parent / "data" / "langid" / "langid.tsv"
BUCKETS = ("word", "two_words", "sentence")


def bucket(text: str) -> str:
    words = len(text.split())
    return BUCKETS[min(words, 3) - 1] if words else BUCKETS[0]


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row.get("lang") and row.get("text")]
    if not rows:
        raise ValueError(f"{path}: no rows with lang and text")
    return rows


def _accuracy(results: list[tuple[str, str, str | None]]) -> dict[str, Any]:
    """results: (expected, bucket, predicted) -> overall, per bucket, per language."""
    def share(items: list[tuple[str, str, str | None]]) -> float | None:
        return round(sum(1 for exp, _, got in items if got == exp) / len(items), 3) if items else None

    by_lang: dict[str, Any] = {}
    for lang in sorted({exp for exp, _, _ in results}):
        mine = [r for r in results if r[0] == lang]
        by_lang[lang] = {"all": share(mine), "n": len(mine)}
        by_lang[lang].update({b: share([r for r in mine if r[1] == b]) for b in BUCKETS})
    answered = [r for r in results if r[2] is not None]
    return {
        "overall": share(results),
        # How often a language was named at all, and how often it was right when named.
        "answered": round(len(answered) / len(results), 3) if results else None,
        "precision_when_answered": share(answered),
        "by_bucket": {b: share([r for r in results if r[1] == b]) for b in BUCKETS},
        "by_language": by_lang,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from nlu import language_identification as langid

    path = Path(args.data) if getattr(args, "data", None) else DATA_FILE
    repeat = max(1, getattr(args, "repeat", None) or 1)
    rows = load_rows(path)

    started = time.perf_counter()
    langid.read_model(langid.model_path())
    load_ms = (time.perf_counter() - started) * 1000
    langid.load_model()

    ours: list[tuple[str, str, str | None]] = []
    raw: list[tuple[str, str, str | None]] = []
    ours_ms: list[float] = []
    raw_ms: list[float] = []
    confusions: Counter[str] = Counter()
    abstained = 0
    for round_no in range(repeat):
        for row in rows:
            text, expected = row["text"], row["lang"]
            started = time.perf_counter()
            detection = langid.detect(text)
            ours_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            top = langid.fasttext_scores(text, k=1)
            raw_ms.append((time.perf_counter() - started) * 1000)
            if round_no:
                continue
            ours.append((expected, bucket(text), detection.lang))
            raw.append((expected, bucket(text), top[0][0] if top else None))
            if detection.lang is None:
                abstained += 1
            elif detection.lang != expected:
                confusions[f"{expected}->{detection.lang}"] += 1

    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for expected, size, _ in ours:
        counts[expected][size] += 1
    return {
        "benchmark": "langid",
        "data": str(path),
        "rows": len(rows),
        "rows_per_language": {lang: dict(c) for lang, c in sorted(counts.items())},
        "model": {"file": langid.model_path().name, "load_ms": round(load_ms, 2)},
        "accuracy": {"lotse": _accuracy(ours), "lid176_top1": _accuracy(raw)},
        "lotse_abstained": abstained,
        "lotse_confusions": dict(confusions.most_common(15)),
        "latency_ms": {"lotse": summarise(ours_ms), "lid176_top1": summarise(raw_ms)},
        "repeat": repeat,
    }
