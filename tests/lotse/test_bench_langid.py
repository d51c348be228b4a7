"""`lotse bench langid` on a tiny data file: structure, and numbers computed from the rows."""

import json
import subprocess
import sys
from pathlib import Path

from lotse.benchmarks.langid import bucket, load_rows
from nlu.language_identification import detect, fasttext_scores

LOTSE = str(Path(sys.executable).with_name("lotse"))
TINY = Path(__file__).parents[1] / "fixtures" / "langid" / "bench_tiny.tsv"


def test_bench_langid_on_a_tiny_data_file():
    done = subprocess.run([LOTSE, "bench", "langid", "--data", str(TINY), "--repeat", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    rows = load_rows(TINY)
    langs = {row["lang"] for row in rows}

    assert result["benchmark"] == "langid" and result["rows"] == len(rows) == 9
    assert result["model"]["file"] == "lid.176.ftz" and result["model"]["load_ms"] > 0
    for method in ("lotse", "lid176_top1"):
        accuracy = result["accuracy"][method]
        assert 0 <= accuracy["overall"] <= 1
        assert set(accuracy["by_language"]) == langs
        assert set(accuracy["by_bucket"]) == {"word", "two_words", "sentence"}
        for numbers in accuracy["by_language"].values():
            assert numbers["n"] >= 1 and 0 <= numbers["all"] <= 1
        latency = result["latency_ms"][method]
        assert latency["n"] == 2 * len(rows) and 0 < latency["median"] <= latency["p95"]

    # The figures are the rows' own: recompute them here.
    ours = [detect(row["text"]).lang == row["lang"] for row in rows]
    raw = [fasttext_scores(row["text"], k=1)[0][0] == row["lang"] for row in rows]
    assert result["accuracy"]["lotse"]["overall"] == round(sum(ours) / len(rows), 3)
    assert result["accuracy"]["lid176_top1"]["overall"] == round(sum(raw) / len(rows), 3)
    assert result["accuracy"]["lotse"]["overall"] < 1  # one row is labelled wrongly on purpose
    assert result["accuracy"]["lid176_top1"]["by_language"]["ti"]["all"] == 0  # no Tigrinya label
    assert result["accuracy"]["lotse"]["by_language"]["ti"]["all"] == 1
    assert result["rows_per_language"]["de"] == {"sentence": 1, "word": 1, "two_words": 1}


def test_length_buckets():
    assert [bucket(t) for t in ("danke", "Guten Morgen", "Ich bin hier", "a b c d e")] == \
        ["word", "two_words", "sentence", "sentence"]
