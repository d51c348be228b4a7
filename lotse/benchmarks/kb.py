"""Knowledge-base retrieval: newcomers' questions in seven languages against the entries that answer them.

Reads `data/kb/*.yml` (each `language: xx` and `items: [{question, entry}]`, `entry` being an
entry id, or null for a question the base cannot answer; `--data DIR` replaces the folder) and
reports, per language and overall:

- ranking, on answerable questions: top-1 accuracy and MRR@5, for the hybrid search and for its
  two signals alone (embedding margin only, BM25 only);
- replies as the person sees them (`find`): answered (right, wrong), "Did you mean ...?" (with
  the right entry among the offered ones or not) or "I don't know", the share of answerable
  questions that reach their entry and the share of wrong answers;
- decisions at CONFIDENCE_THRESHOLD (with ANSWER_MARGIN over the second entry, as `find`
  answers), on all questions: answered correctly, answered wrongly,
  "I don't know" on an answerable question, "I don't know" on an unanswerable one (a correct
  refusal), an unanswerable question answered; precision and recall of "I don't know" for the
  unanswerable questions; the same counts at other thresholds (the sweep);
- the time to build the index from scratch (every passage embedded, in a temporary folder), to
  find it built, and search latency (median, p95).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from lotse.benchmarks.stats import summarise

DATA_DIR = Path(__file__).parent / "data" / "kb"
TOP = 5
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)

Item = tuple[str, str, str | None]  # language, question, expected entry id (None: unanswerable)


def load_items(directory: Path) -> list[Item]:
    """(language, question, entry id or None) of every item in the folder's YAML files."""
    items: list[Item] = []
    for path in sorted(directory.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lang = str(content.get("language") or path.stem)
        for item in content.get("items") or []:
            if isinstance(item, dict) and item.get("question"):
                entry = item.get("entry")
                items.append((lang, str(item["question"]), str(entry) if entry else None))
    if not items:
        raise ValueError(f"{directory}: no items (files *.yml with language and items)")
    return items


def _decisions(rows: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    """Counts of what answer() would do at `threshold` (the margin over the second entry as there)."""
    from knowledge_base.retrieval import answers_directly

    counts = {"answered_correct": 0, "answered_wrong": 0, "idk_answerable": 0, "idk_unanswerable": 0,
              "answered_unanswerable": 0}
    for row in rows:
        answered = answers_directly(row["score"], row["second"], threshold)
        if row["expected"] is None:
            counts["answered_unanswerable" if answered else "idk_unanswerable"] += 1
        elif not answered:
            counts["idk_answerable"] += 1
        else:
            counts["answered_correct" if row["ranked"][:1] == [row["expected"]] else "answered_wrong"] += 1
    refusals = counts["idk_answerable"] + counts["idk_unanswerable"]
    unanswerable = counts["idk_unanswerable"] + counts["answered_unanswerable"]
    counts["idk_precision"] = round(counts["idk_unanswerable"] / refusals, 3) if refusals else None
    counts["idk_recall"] = round(counts["idk_unanswerable"] / unanswerable, 3) if unanswerable else None
    correct = counts["answered_correct"] + counts["idk_unanswerable"]
    counts["correct_decisions"] = round(correct / len(rows), 3) if rows else None
    return counts


def _replies(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """What the person is shown (`find`): the answer, "Did you mean ...?" or "I don't know"."""
    counts = dict.fromkeys(("answered_correct", "answered_wrong", "answered_unanswerable",
                            "offered_with_entry", "offered_without_entry", "offered_unanswerable",
                            "idk_answerable", "idk_unanswerable"), 0)
    for row in rows:
        expected, answer, offered = row["expected"], row["answer"], row["offered"]
        if answer is not None:
            key = "answered_unanswerable" if expected is None else \
                "answered_correct" if answer == expected else "answered_wrong"
        elif offered:
            key = "offered_unanswerable" if expected is None else \
                "offered_with_entry" if expected in offered else "offered_without_entry"
        else:
            key = "idk_unanswerable" if expected is None else "idk_answerable"
        counts[key] += 1
    answerable = sum(1 for row in rows if row["expected"] is not None)
    reached = counts["answered_correct"] + counts["offered_with_entry"]
    wrong = counts["answered_wrong"] + counts["answered_unanswerable"]
    counts["answerable_reached"] = round(reached / answerable, 3) if answerable else None
    counts["wrong_answers"] = round(wrong / len(rows), 3) if rows else None
    return counts


def _ranking(rows: list[dict[str, Any]], key: str = "ranked") -> dict[str, Any]:
    answerable = [row for row in rows if row["expected"] is not None]
    n = len(answerable)
    top1 = sum(1 for row in answerable if row[key][:1] == [row["expected"]])
    mrr = sum(1 / (row[key][:TOP].index(row["expected"]) + 1) for row in answerable
              if row["expected"] in row[key][:TOP])
    return {"n": n, "top1": round(top1 / n, 3) if n else None, "mrr5": round(mrr / n, 3) if n else None}


def _figures(rows: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    return {"items": len(rows), "unanswerable": sum(1 for row in rows if row["expected"] is None),
            **{f"answerable_{k}": v for k, v in _ranking(rows).items()},
            "decisions": _decisions(rows, threshold), "replies": _replies(rows)}


def _ranked(ids: list[str], values: np.ndarray) -> list[str]:
    return [ids[i] for i in np.argsort(-values, kind="stable")[:TOP]]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from knowledge_base import retrieval
    from knowledge_base.entry import load_entries
    from nlu import sentence_embeddings

    directory = Path(args.data) if getattr(args, "data", None) else DATA_DIR
    items = load_items(directory)
    entries = load_entries()

    started = time.perf_counter()
    sentence_embeddings.warm_up()
    encoder_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as cache:
        started = time.perf_counter()
        retrieval.KnowledgeBaseIndex.build(entries, directory=Path(cache))
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        index = retrieval.KnowledgeBaseIndex.build(entries, directory=Path(cache))
        find_s = time.perf_counter() - started

    known = set(index.entry_ids)
    unknown = sorted({entry for _, _, entry in items if entry is not None and entry not in known})
    threshold = retrieval.CONFIDENCE_THRESHOLD
    rows: list[dict[str, Any]] = []
    latency_ms: list[float] = []
    for lang, question, expected in items:
        if expected is not None and expected not in known:
            continue  # reported under unknown_entries, not counted
        started = time.perf_counter()
        hits = index.search(question, lang, top=TOP)
        latency_ms.append((time.perf_counter() - started) * 1000)
        answer, offered = index.find(question, lang)
        scores = index.scores(question)
        by_signal: dict[str, list[str]] = {"embedding_only": [], "lexical_only": []}
        if scores is not None:
            _, margin, lexical, _ = scores
            by_signal = {"embedding_only": _ranked(index.entry_ids, margin),
                         "lexical_only": _ranked(index.entry_ids, lexical)}
        rows.append({"lang": lang, "question": question, "expected": expected,
                     "ranked": [hit.entry_id for hit in hits], "score": hits[0].score if hits else 0.0,
                     "second": hits[1].score if len(hits) > 1 else 0.0,
                     "answer": answer.entry_id if answer else None,
                     "offered": [hit.entry_id for hit in offered],
                     **by_signal})

    def per_language(figures: Callable[[list[dict[str, Any]]], dict[str, Any]]) -> dict[str, Any]:
        return {lang: figures([row for row in rows if row["lang"] == lang])
                for lang in sorted({row["lang"] for row in rows})}

    def answered(row: dict[str, Any]) -> bool:
        return retrieval.answers_directly(row["score"], row["second"], threshold)

    wrong = [{"lang": row["lang"], "question": row["question"], "expected": row["expected"],
              "got": row["ranked"][0] if row["ranked"] else None, "score": row["score"],
              "second": row["second"]}
             for row in rows
             if (row["expected"] is None and answered(row))
             or (row["expected"] is not None and (row["ranked"][:1] != [row["expected"]]
                                                  or not answered(row)))]
    return {
        "benchmark": "kb",
        "data": str(directory),
        "items": len(rows),
        "entries": len(index),
        "unknown_entries": unknown,
        "index": {"passages": len(index.passages), "encoder_load_s": round(encoder_s, 2),
                  "build_s": round(build_s, 2), "find_built_s": round(find_s, 3)},
        "threshold": threshold,
        "answer_margin": retrieval.ANSWER_MARGIN,
        "overall": _figures(rows, threshold),
        "by_language": per_language(lambda part: _figures(part, threshold)),
        "signals": {signal: _ranking(rows, signal) for signal in ("embedding_only", "lexical_only")},
        "threshold_sweep": {str(t): _decisions(rows, t) for t in SWEEP},
        "latency_ms": summarise(latency_ms),
        "wrong_decisions": wrong[:40],
    }
