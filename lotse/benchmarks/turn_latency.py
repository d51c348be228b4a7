"""Interview-turn latency through the web channel (action server and database in the loop)
against a bare /model/parse, in one run; plus server memory and training time.

Runs on a throw-away SQLite database and key under a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from lotse.benchmarks.stats import summarise

# One interview: what a person types at each question (German, valid answers).
ANSWERS = ["Ahmad", "Al-Hassan", "23.04.1990", "Syrien", "Leipzig", "0176 12345678",
           "Arabisch", '/inform{"option":"native"}', "nein", "12 Jahre Schule",
           "Syrien", "Tischlerlehre", "Tischler", "5", "Syrien", "nein",
           '/inform{"option":"A2"}', "Als Tischler arbeiten", "ab sofort, 30 Stunden"]


def _post(url: str, payload: dict[str, Any]) -> float:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(),  # noqa: S310
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - localhost
        response.read()
    return (time.perf_counter() - start) * 1000


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def run(args: argparse.Namespace) -> dict[str, Any]:
    turns, epochs = args.turns, args.epochs
    from lotse.benchmarks.scratch import scratch_environment
    from lotse.supervisor import Stack
    from lotse.training import train

    with scratch_environment("lotse-bench-") as settings:
        var = settings.var_dir
        started = time.perf_counter()
        model = train(var / "models", epochs=epochs, force=True, cache_dir=var / "rasa-cache")
        training_seconds = round(time.perf_counter() - started, 1)

        # the only user of Rasa's HTTP API: switched on for this run, its token in a 0600 file
        stack = Stack(settings=settings, model=model, with_portal=False, enable_api=True)
        started = time.perf_counter()
        stack.start()
        startup_seconds = round(time.perf_counter() - started, 1)
        try:
            webhook = f"{settings.rasa_url}/webhooks/web/webhook"
            parse = f"{settings.rasa_url}/model/parse?token={stack.api_token}"
            turn_ms: list[float] = []
            parse_ms: list[float] = []
            while len(turn_ms) < turns:
                sender = f"bench-{uuid.uuid4().hex}"
                for opening in ("hallo", '/choose_language{"language":"de"}', "/affirm"):
                    _post(webhook, {"sender": sender, "message": opening})
                for answer in ANSWERS:
                    if len(turn_ms) >= turns:
                        break
                    turn_ms.append(_post(webhook, {"sender": sender, "message": answer}))
                    parse_ms.append(_post(parse, {"text": answer}))
            rss = {s.name: _rss_mb(s.process.pid) for s in stack.services}
        finally:
            stack.stop()
        turn, bare = summarise(turn_ms), summarise(parse_ms)
        return {
            "benchmark": "turn-latency",
            "interview_turn_ms": turn,
            "model_parse_ms": bare,
            "ratio_turn_to_parse_median": round(turn["median"] / bare["median"], 2),
            "server_rss_mb": rss,
            "training_seconds": training_seconds,
            "training_epochs": epochs or "config default",
            "startup_seconds": startup_seconds,
            "database": "sqlite",
            "cpu_count": os.cpu_count(),
        }
