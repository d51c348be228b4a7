"""Answers at questions where "I have none" or "I'd rather not say" are answers: are they told
apart from real answers?

Reads `data/none_answers/*.yml` (each `language: xx` and `cases: [{id, field, message, expect:
{label: none | refuse | content}}]`; `--data DIR` replaces the folder), written by an outsider
(see its SOURCES.md). Each message goes through what the interview decides for typed words,
without the intent classifier: `typed_decline` (the rules, then the meaning classifier), then
the field's normaliser. The outcome is one of:

- `none`: nothing to give (stored as "none", or the contact question skipped);
- `refuse`: not saying (skipped, or asked again with the Skip button at a needed question);
- `content`: stored as the answer;
- `asked_again`: refused by the normaliser (the person is asked again, nothing is lost).

Reported overall, per expected label, per field and per language: the share right, content
lost to a decline (the costly error), a decline stored as content, and the time per answer.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from lotse.benchmarks.stats import summarise

DATA_DIR = Path(__file__).parent / "data" / "none_answers"
LABELS = ("none", "refuse", "content")


def load_cases(directory: Path = DATA_DIR) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lang = str(content.get("language") or path.stem)
        for raw in content.get("cases") or []:
            label = str((raw.get("expect") or {}).get("label"))
            if not raw.get("message") or not raw.get("field") or label not in LABELS:
                raise ValueError(f"{path.name} {raw.get('id')}: needs field, message, expect.label")
            cases.append({"id": str(raw["id"]), "lang": lang, "field": str(raw["field"]),
                          "message": str(raw["message"]), "label": label})
    if not cases:
        raise ValueError(f"{directory}: no cases")
    return cases


def outcome(field_name: str, message: str, lang: str) -> str:
    """What the interview makes of `message` typed at `field_name` (see the module docstring)."""
    from bot.normalisers.answer import normalise_answer, typed_decline
    from dialogues.interview import load_interview

    field = load_interview().field(field_name)
    decline = typed_decline(field, message, lang)
    if decline:
        return decline
    result = normalise_answer(field, message, lang)
    if not result.ok:
        return "asked_again"
    value = result.value
    if value is None or (isinstance(value, dict) and (value.get("none") or value.get("id") == "none")):
        return "none"
    return "content"


def _share(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


def run(args: argparse.Namespace) -> dict[str, Any]:
    directory = Path(args.data) if getattr(args, "data", None) else DATA_DIR
    cases = load_cases(directory)
    outcome(cases[0]["field"], "warm up", cases[0]["lang"])  # models and indexes load once
    latency_ms: list[float] = []
    by: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    confusion: Counter[tuple[str, str]] = Counter()
    lost, stored, wrong_ids = [], [], []
    for case in cases:
        started = time.perf_counter()
        got = outcome(case["field"], case["message"], case["lang"])
        latency_ms.append((time.perf_counter() - started) * 1000)
        ok = got == case["label"]
        confusion[(case["label"], got)] += 1
        for key in ("all", f"label:{case['label']}", f"field:{case['field']}",
                    f"lang:{case['lang']}"):
            by[key.split(":")[0]][key.split(":")[-1]].append(ok)
        if not ok:
            wrong_ids.append(f"{case['id']} {case['label']}->{got}")
        if case["label"] == "content" and got in ("none", "refuse"):
            lost.append(case["id"])
        if case["label"] != "content" and got == "content":
            stored.append(case["id"])
    content = sum(1 for c in cases if c["label"] == "content")
    return {
        "cases": len(cases),
        "accuracy": _share(sum(by["all"]["all"]), len(cases)),
        "by_label": {k: _share(sum(v), len(v)) for k, v in sorted(by["label"].items())},
        "by_field": {k: _share(sum(v), len(v)) for k, v in sorted(by["field"].items())},
        "by_language": {k: _share(sum(v), len(v)) for k, v in sorted(by["lang"].items())},
        # the costly error: a real answer dropped as "none" or as a refusal
        "content_lost": {"count": len(lost), "share_of_content": _share(len(lost), content),
                         "ids": lost},
        # a "none" or a refusal stored as if it were the answer (the caseworker reads it)
        "decline_stored_as_content": {"count": len(stored), "ids": stored},
        "confusion": {f"{want}->{got}": n for (want, got), n in sorted(confusion.items())},
        "wrong": wrong_ids,
        "latency_ms": summarise(latency_ms),
    }

