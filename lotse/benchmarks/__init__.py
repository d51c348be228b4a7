"""Benchmarks behind `lotse bench NAME`; each module's `run(args)` returns a JSON-serialisable dict."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

# bench name -> module in lotse.benchmarks
BENCHMARKS = {
    "turn-latency": "turn_latency",
    "langid": "langid",
    "nlu-crosslingual": "nlu_crosslingual",
    "translate": "translate",
    "occupation": "occupation",
    "places": "places",
    "kb": "kb",
    "channels": "channels",
    "dialogue": "dialogue",
    "cost": "cost",
    "none-answers": "none_answers",
}


def run_benchmark(name: str, args: argparse.Namespace) -> dict[str, Any]:
    if name not in BENCHMARKS:
        raise ValueError(f"unknown benchmark {name!r}")
    module = importlib.import_module(f"lotse.benchmarks.{BENCHMARKS[name]}")
    return module.run(args)
