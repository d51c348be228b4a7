"""`lotse bench occupation` on a tiny data folder: structure, and figures computed from the items."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from classifications.occupation_search import search
from lotse.benchmarks.occupation import load_items

LOTSE = str(Path(sys.executable).with_name("lotse"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "occupation"
    folder.mkdir()
    (folder / "de.yml").write_text(
        "language: de\nitems:\n"
        "- {text: Tischler, kldb: '22342'}\n"
        "- {text: Elektriker, kldb: '26212'}\n"
        "- {text: Koch, kldb: '12345'}\n", encoding="utf-8")  # labelled wrongly on purpose
    (folder / "uk.yml").write_text(
        "language: uk\nitems:\n- {text: кухар, kldb: '29302'}\n- {text: '', kldb: '29302'}\n",
        encoding="utf-8")
    (folder / "README.md").write_text("not data", encoding="utf-8")
    return folder


def test_bench_occupation_on_a_tiny_folder(data: Path, occupation_index):
    done = subprocess.run([LOTSE, "bench", "occupation", "--data", str(data)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    items = load_items(data)
    assert result["benchmark"] == "occupation" and result["items"] == len(items) == 4
    assert result["index"]["file"] == occupation_index.name and result["index"]["passages"] > 20000
    for variant in ("hybrid", "lexical_only", "embedding_only", "without_names"):
        accuracy = result["accuracy"][variant]
        assert set(accuracy["by_language"]) == {"de", "uk"}
        assert accuracy["overall"]["n"] == 4 and accuracy["by_language"]["de"]["n"] == 3
        for key in ("top1", "top5", "top1_3digit", "top5_3digit"):
            assert 0 <= accuracy["overall"][key] <= 1
    # the figures are the items' own: recompute the hybrid ones here
    hits = [search(text, lang)[0].kldb == kldb for lang, text, kldb in items]
    assert result["accuracy"]["hybrid"]["overall"]["top1"] == round(sum(hits) / 4, 3) == 0.75
    assert result["accuracy"]["hybrid"]["by_language"]["de"]["top1"] == round(2 / 3, 3)
    assert [m["text"] for m in result["misses"]] == ["Koch"]
    latency = result["latency_ms"]
    assert latency["n"] == 4 and 0 < latency["median"] <= latency["p95"]
    assert result["threshold"]["non_occupations_accepted"] <= 1


def test_empty_folder_is_an_error(tmp_path: Path):
    with pytest.raises(ValueError):
        load_items(tmp_path)
