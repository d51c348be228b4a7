"""Places: answers to "where do you live?" against the official municipality (AGS).

Reads `data/places/*.yml` (`--data` replaces the folder, or names one file): `cases`, each with
`message`, `lang`, `kind` (district, exonym, postcode, sentence, nearby_town, unknown, ...) and
`expect: {ags: "14713000"}` or `expect: {unknown: true}`. Every message goes through the product's
normaliser (bot/normalisers/places.py), as at the municipality question. Reports accuracy overall,
per language and per kind; of the misses, how many stored a different municipality ("wrong": the
worst, a false value in the profile) and how many stored none ("unmatched": kept as typed or asked
again, for the caseworker); how many right answers were marked for checking; and latency.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import yaml

from lotse.benchmarks.stats import summarise

DATA_DIR = Path(__file__).parent / "data" / "places"


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The cases of one YAML file or of every `*.yml` in a folder (a list, or a dict with `cases`)."""
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    cases: list[dict[str, Any]] = []
    for file in files:
        content = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        items = content.get("cases", []) if isinstance(content, dict) else content
        # the file's language (`language: xx`, else its name) unless a case names its own
        file_lang = str((content.get("language") if isinstance(content, dict) else None)
                        or (file.stem if len(file.stem) == 2 else "de"))
        for item in items or []:
            if not (isinstance(item, dict) and item.get("message")
                    and isinstance(item.get("expect"), dict)):
                continue
            expect = item["expect"]
            ags = str(expect["ags"]).zfill(8) if expect.get("ags") is not None else None
            cases.append({"message": str(item["message"]), "lang": str(item.get("lang") or file_lang),
                          "kind": str(item.get("kind") or ("unknown" if ags is None else "other")),
                          "ags": ags, "file": file.name})
    if not cases:
        raise ValueError(f"{path}: no cases (files *.yml with cases: message, lang, expect)")
    return cases


def judge(case: dict[str, Any], stored: str | None) -> str:
    """right | wrong (another municipality stored) | unmatched (none stored where one was expected)."""
    if case["ags"] is None:
        return "right" if stored is None else "wrong"
    if stored == case["ags"]:
        return "right"
    return "unmatched" if stored is None else "wrong"


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    right = sum(r["outcome"] == "right" for r in rows)
    return {"n": n, "accuracy": round(right / n, 3) if n else 0.0,
            "wrong": sum(r["outcome"] == "wrong" for r in rows),
            "unmatched": sum(r["outcome"] == "unmatched" for r in rows)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bot.normalisers.places import normalise_place
    from classifications import municipalities

    path = Path(args.data) if getattr(args, "data", None) else DATA_DIR
    cases = load_cases(path)

    started = time.perf_counter()
    municipalities._index.cache_clear()
    municipalities._index()
    load_s = time.perf_counter() - started

    rows: list[dict[str, Any]] = []
    latency_ms: list[float] = []
    for case in cases:
        municipalities.find_municipality.cache_clear()  # each answer as if typed the first time
        started = time.perf_counter()
        result = normalise_place(case["message"], case["lang"])
        latency_ms.append((time.perf_counter() - started) * 1000)
        value = result.value if result.ok else None
        stored = value.get("ags") if value else None
        rows.append({**case, "stored": stored, "outcome": judge(case, stored),
                     "status": value.get("status") if value else f"asked again ({result.error})",
                     "got": value.get("name_de") if value else None})

    right = [r for r in rows if r["outcome"] == "right" and r["ags"] is not None]
    misses = [{"message": r["message"], "lang": r["lang"], "kind": r["kind"], "expected": r["ags"],
               "stored": r["stored"], "got": r["got"], "status": r["status"], "outcome": r["outcome"]}
              for r in rows if r["outcome"] != "right"]
    return {
        "benchmark": "places",
        "data": str(path),
        "cases": len(rows),
        "overall": _figures(rows),
        "by_language": {lang: _figures([r for r in rows if r["lang"] == lang])
                        for lang in sorted({r["lang"] for r in rows})},
        "by_kind": {kind: _figures([r for r in rows if r["kind"] == kind])
                    for kind in sorted({r["kind"] for r in rows})},
        # Right answers the caseworker is still asked to check (a guess, "near", a shared name).
        "right_but_uncertain": sum(r["status"] == "uncertain" for r in right),
        "index_load_s": round(load_s, 3),
        "latency_ms": summarise(latency_ms),
        "misses": misses[:40],
    }
