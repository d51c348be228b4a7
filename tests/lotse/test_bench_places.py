"""`lotse bench places` on a tiny fixture: structure, and counts computed from the cases."""

import json
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from lotse.benchmarks.places import judge, load_cases, run

LOTSE = str(Path(sys.executable).with_name("lotse"))
TINY = Path(__file__).resolve().parents[1] / "data" / "places_bench" / "tiny.yml"


def test_cases_are_read_and_expectations_folded():
    cases = load_cases(TINY)
    assert len(cases) == 7  # the case without `expect` is left out
    assert cases[4] == {"message": "Almanya'da yaşıyorum", "lang": "tr", "kind": "unknown",
                        "ags": None, "file": "tiny.yml"}


def test_a_folder_is_read_file_by_file(tmp_path: Path):
    (tmp_path / "a.yml").write_text("- {message: Halle, lang: de, expect: {ags: 15002000}}\n",
                                    encoding="utf-8")
    (tmp_path / "b.yml").write_text("cases: []\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not data", encoding="utf-8")
    assert [c["ags"] for c in load_cases(tmp_path)] == ["15002000"]
    with pytest.raises(ValueError):
        load_cases(tmp_path / "b.yml")


@pytest.mark.parametrize(("expected", "stored", "outcome"), [
    ("14713000", "14713000", "right"), ("14713000", "14612000", "wrong"),
    ("14713000", None, "unmatched"), (None, None, "right"), (None, "14713000", "wrong"),
])
def test_judge(expected, stored, outcome):
    assert judge({"ags": expected}, stored) == outcome


def test_figures_on_the_tiny_fixture():
    result = run(Namespace(data=str(TINY)))
    assert result["benchmark"] == "places" and result["cases"] == 7
    assert result["overall"] == {"n": 7, "accuracy": round(5 / 7, 3), "wrong": 1, "unmatched": 1}
    assert result["by_language"]["ru"] == {"n": 1, "accuracy": 1.0, "wrong": 0, "unmatched": 0}
    assert result["by_kind"]["exonym"] == {"n": 2, "accuracy": 0.5, "wrong": 1, "unmatched": 0}
    assert result["by_kind"]["unknown"]["accuracy"] == 1.0
    assert {m["message"]: m["outcome"] for m in result["misses"]} == {
        "Dresden": "wrong", "keine Ahnung": "unmatched"}
    assert result["latency_ms"]["n"] == 7 and result["latency_ms"]["median"] > 0


def test_the_command_prints_json():
    done = subprocess.run([LOTSE, "bench", "places", "--data", str(TINY)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["overall"]["n"] == 7
