"""What one message can cost the server, and what an attacker's messages cost everyone else.

- worst_case: messages at the channels' length cap (channels/limits.py), in the scripts and
  shapes that cost most (one token per character pair, one very long token, Arabic, CJK
  without spaces, emoji), each in a fresh web conversation: wall time, and growth of resident
  and peak memory of the Rasa server and the action server.
- over_cap: a 20,000-character message through the channel now (answered by the channel) and
  what its NLU alone costs (/model/parse, what every channel paid before the cap).
- latency: an ordinary interview's turns (p50/p95) alone, and while an attacker sends
  worst-case messages at the cap in parallel as a client behind the reverse proxy would
  (X-Forwarded-For, so the rate limits apply).

`run` starts its own stack like `lotse bench turn-latency` (throw-away SQLite and key);
`measure` works on any running stack (the tests use the session's).
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from lotse.benchmarks.stats import summarise

TOKEN_HEADER = "X-Lotse-Token"  # noqa: S105 - a header name
OPENING = ["hallo", '/choose_language{"language":"de"}', "/affirm"]
ANSWERS = ["Ahmad", "Al-Hassan", "23.04.1990", "Syrien", "Leipzig", "0176 12345678", "Arabisch",
           '/inform{"option":"native"}', "nein", "12 Jahre Schule", "Syrien", "Tischlerlehre"]


def shapes(cap: int) -> dict[str, str]:
    """Messages of exactly `cap` characters that are expensive in different ways."""
    def fill(unit: str) -> str:
        return (unit * (cap // len(unit) + 1))[:cap]

    from channels.limits import MAX_MESSAGE_WORDS

    words = "a " * (MAX_MESSAGE_WORDS - 1)
    return {
        # the most tokens the cap lets through, the rest one long token
        "most_words_allowed": (words + "x" * cap)[:cap],
        "one_letter_words": fill("a "),  # over the word cap: refused before NLU
        "short_mixed_words": fill("ab Ж7 ك؟ "),
        "one_long_token": "x" * cap,
        "arabic_words": fill("مرحبا بكم في لايبزيغ "),
        "cjk_without_spaces": fill("我们在莱比锡工作学习"),
        "emoji": fill("😀🙂"),
        "german_sentences": fill("Ich habe zwölf Jahre als Tischler in Aleppo gearbeitet. "),
    }


def _post(url: str, payload: dict[str, Any], headers: dict[str, str] | None = None,
          timeout: float = 300) -> tuple[int, float, Any]:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(),  # noqa: S310
                                     headers={"Content-Type": "application/json", **(headers or {})})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - localhost
            status, body = response.status, response.read()
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read()
    elapsed = (time.perf_counter() - started) * 1000
    try:
        return status, elapsed, json.loads(body or b"null")
    except ValueError:
        return status, elapsed, None


def _memory_mb(pid: int) -> dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line.split(":")[0]] = round(int(line.split()[1]) / 1024, 1)
    return {"rss": values.get("VmRSS", 0.0), "peak": values.get("VmHWM", 0.0)}


class Web:
    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        self.base, self.extra = base, headers or {}
        _, _, session = _post(f"{base}/webhooks/web/session", {}, self.extra)
        self.sender, self.token = session["sender"], session["token"]

    def send(self, text: str) -> tuple[int, float, Any]:
        return _post(f"{self.base}/webhooks/web/webhook", {"sender": self.sender, "message": text},
                     {TOKEN_HEADER: self.token, **self.extra})


def _one(base: str, text: str, pids: dict[str, int]) -> dict[str, Any]:
    chat = Web(base)
    for opening in OPENING:
        chat.send(opening)
    before = {name: _memory_mb(pid) for name, pid in pids.items()}
    status, ms, replies = chat.send(text)
    after = {name: _memory_mb(pid) for name, pid in pids.items()}
    return {
        "status": status, "ms": round(ms, 1),
        "rss_growth_mb": {n: round(after[n]["rss"] - before[n]["rss"], 1) for n in pids},
        "peak_growth_mb": {n: round(after[n]["peak"] - before[n]["peak"], 1) for n in pids},
        "reply": (replies[0].get("text", "")[:60] if isinstance(replies, list) and replies else None),
    }


def _interview_turns(base: str, turns: int, stop: threading.Event | None = None) -> list[float]:
    timings: list[float] = []
    while len(timings) < turns and not (stop and stop.is_set()):
        chat = Web(base)
        for text in OPENING + ANSWERS:
            if len(timings) >= turns:
                break
            status, ms, _ = chat.send(text)
            if status == 200:
                timings.append(ms)
    return timings


def _attacker(base: str, text: str, stop: threading.Event, counts: dict[str, int]) -> None:
    # a client on the internet, relayed by the reverse proxy in front of lotse
    headers = {"X-Forwarded-For": "203.0.113.66"}
    chat = Web(base, headers)
    while not stop.is_set():
        status, _, _ = chat.send(text)
        counts[str(status)] = counts.get(str(status), 0) + 1
        if status == 429:
            time.sleep(0.05)


def measure(base: str, pids: dict[str, int], api_token: str | None, *, turns: int = 40,
            repeat: int = 1) -> dict[str, Any]:
    from channels.limits import MAX_MESSAGE_CHARS

    worst: dict[str, Any] = {}
    for name, text in shapes(MAX_MESSAGE_CHARS).items():
        runs = [_one(base, text, pids) for _ in range(repeat)]
        worst[name] = max(runs, key=lambda r: r["ms"])
    slowest = max(worst, key=lambda n: worst[n]["ms"])

    long_text = shapes(20_000)["one_letter_words"]
    over_cap = {"channel": _one(base, long_text, pids)}
    if api_token:
        for label, text in (("parse_20000", long_text),
                            ("parse_at_cap", shapes(MAX_MESSAGE_CHARS)["one_letter_words"])):
            before = {n: _memory_mb(p) for n, p in pids.items()}
            status, ms, _ = _post(f"{base}/model/parse?token={api_token}", {"text": text})
            after = {n: _memory_mb(p) for n, p in pids.items()}
            over_cap[label] = {"status": status, "ms": round(ms, 1), "peak_growth_mb": {
                n: round(after[n]["peak"] - before[n]["peak"], 1) for n in pids}}

    alone = _interview_turns(base, turns)
    stop, counts = threading.Event(), {}
    attacker = threading.Thread(target=_attacker, args=(base, shapes(MAX_MESSAGE_CHARS)[slowest],
                                                        stop, counts), daemon=True)
    attacker.start()
    try:
        under_attack = _interview_turns(base, turns)
    finally:
        stop.set()
        attacker.join(timeout=120)
    return {
        "cap_chars": MAX_MESSAGE_CHARS,
        "worst_case_at_cap": worst,
        "slowest_shape": slowest,
        "over_cap": over_cap,
        "turn_ms_alone": summarise(alone),
        "turn_ms_under_attack": summarise(under_attack),
        "attacker_responses": counts,
        "server_memory_mb": {n: _memory_mb(p) for n, p in pids.items()},
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from lotse.benchmarks.scratch import scratch_environment
    from lotse.settings import PROJECT_ROOT
    from lotse.supervisor import Stack
    from lotse.training import train

    with scratch_environment("lotse-bench-") as settings:
        # the model `lotse run` uses (or, with --epochs, the test suite's cached one)
        model_dir = PROJECT_ROOT / "var" / "test-models" if args.epochs else settings.model_dir
        model = train(model_dir, epochs=args.epochs)
        stack = Stack(settings=settings, model=model, with_portal=False, enable_api=True)
        stack.start()
        try:
            pids = {s.name: s.process.pid for s in stack.services}
            result = measure(settings.rasa_url, pids, stack.api_token,
                             turns=args.turns if args.turns != 200 else 40, repeat=args.repeat or 1)
        finally:
            stack.stop()
    return {"benchmark": "cost", **result, "cpu_count": os.cpu_count()}
