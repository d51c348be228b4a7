"""`lotse bench translate` runs on the fixture packages and reports every measurement."""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from lotse.benchmarks.translate import run
from lotse.settings import PROJECT_ROOT
from tests.translation.support import DATA

TIMINGS = ("sentence_split_ms", "protect_restore_ms", "cache_miss_direct_ms", "cache_miss_pivot_ms",
           "cache_hit_memory_ms", "cache_miss_direct_outside_model_ms")


def test_benchmark_measures_every_stage():
    result = run(argparse.Namespace(repeat=2, data=str(DATA / "bench_texts.yml")))
    assert result["benchmark"] == "translate" and result["texts"] == 4 and result["repeat"] == 2
    assert "real Argos model adds on top" in result["note"]
    for name in TIMINGS:
        assert result[name]["all"]["n"] > 0 and result[name]["all"]["median"] > 0, name
    assert result["sentence_split_ms"]["all"]["n"] == 8
    assert result["sentence_split_ms"]["short"]["n"] == 4
    # Pivot texts are the ar and uk ones.
    assert result["cache_miss_pivot_ms"]["all"]["n"] == 4
    # A memory hit does no model work: far cheaper than a miss.
    assert result["cache_hit_memory_ms"]["all"]["median"] < result["cache_miss_direct_ms"]["all"]["median"]
    assert result["cache_miss_direct_outside_model_ms"]["all"]["median"] <= \
        result["cache_miss_direct_ms"]["all"]["median"]
    assert set(result["model_load_ms"]) == {"ar->en", "de->en", "en->de", "uk->en"}
    redis_hits = result["cache_hit_redis_ms"]
    assert isinstance(redis_hits, str) or redis_hits["all"]["n"] == 8
    assert result["concurrency"]["requests"] == 8


def test_cli_prints_json():
    out = subprocess.run(
        [str(Path(sys.executable).with_name("lotse")), "bench", "translate", "--repeat", "1",
         "--data", str(DATA / "bench_texts.yml")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["cache_hit_memory_ms"]["all"]["n"] == 4
