"""Benchmarks behind `lotse bench NAME`; each returns a JSON-serialisable dict."""

from __future__ import annotations

import argparse
from typing import Any


def run_benchmark(name: str, args: argparse.Namespace) -> dict[str, Any]:
    if name == "turn-latency":
        from lotse.benchmarks.turn_latency import run

        return run(turns=args.turns, epochs=args.epochs)
    raise ValueError(f"unknown benchmark {name!r}")
