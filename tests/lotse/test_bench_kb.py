"""`lotse bench kb` on a tiny data folder: structure, and figures computed from the items."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge_base.entry import load_entries
from knowledge_base.retrieval import CONFIDENCE_THRESHOLD, KnowledgeBaseIndex
from lotse.benchmarks.kb import load_items
from lotse.settings import PROJECT_ROOT

LOTSE = str(Path(sys.executable).with_name("lotse"))
CACHE = PROJECT_ROOT / "var" / "test-models" / "kb-index"  # shared with tests/knowledge_base


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "de.yml").write_text(
        "language: de\nitems:\n"
        "- {question: 'Wie melde ich meine Wohnung in Leipzig an?', entry: leipzig-registration-anmeldung}\n"
        # labelled wrongly on purpose
        "- {question: 'Wie bekomme ich meine Steuer-ID?', entry: leipzig-childcare-kita-costs}\n"
        "- {question: 'Wie wird das Wetter morgen?', entry: null}\n"
        "- {question: 'Wo ist der Bahnhof?', entry: leipzig-no-such-entry}\n", encoding="utf-8")
    (folder / "ar.yml").write_text(
        "language: ar\nitems:\n- {question: 'shu ra2m el police', entry: leipzig-health-emergency-112}\n"
        "- {question: '', entry: leipzig-health-emergency-112}\n", encoding="utf-8")
    (folder / "README.md").write_text("not data", encoding="utf-8")
    return folder


def test_bench_kb_on_a_tiny_folder(data: Path):
    done = subprocess.run([LOTSE, "bench", "kb", "--data", str(data)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert len(load_items(data)) == 5
    assert result["benchmark"] == "kb" and result["items"] == 4  # the unknown entry is left out
    assert result["unknown_entries"] == ["leipzig-no-such-entry"]
    assert result["entries"] == len(load_entries()) and result["index"]["passages"] > 1000
    assert result["index"]["build_s"] > 0 and result["threshold"] == CONFIDENCE_THRESHOLD

    overall = result["overall"]
    assert (overall["items"], overall["unanswerable"], overall["answerable_n"]) == (4, 1, 3)
    # the figures are the items' own: recompute them with the same index here
    index = KnowledgeBaseIndex.build(load_entries(), directory=CACHE)
    items = [(lang, q, e) for lang, q, e in load_items(data) if e != "leipzig-no-such-entry"]
    top1 = [index.search(q, lang, top=1)[0].entry_id == e for lang, q, e in items if e]
    assert top1 == [True, True, False] and overall["answerable_top1"] == round(2 / 3, 3)
    assert overall["answerable_mrr5"] < 1
    decisions = overall["decisions"]
    assert decisions["answered_correct"] == 2 and decisions["answered_wrong"] == 1
    assert decisions["idk_unanswerable"] == 1 and decisions["answered_unanswerable"] == 0
    assert decisions["idk_recall"] == 1.0 and decisions["idk_precision"] == 1.0
    assert sum(decisions[k] for k in ("answered_correct", "answered_wrong", "idk_answerable",
                                      "idk_unanswerable", "answered_unanswerable")) == 4
    assert set(result["by_language"]) == {"ar", "de"}
    assert result["by_language"]["ar"]["answerable_top1"] == 1.0
    assert set(result["signals"]) == {"embedding_only", "lexical_only"}
    assert result["threshold_sweep"][str(CONFIDENCE_THRESHOLD)] == decisions
    # what the person is shown: recomputed from the same index's answer or suggestions
    replies = overall["replies"]
    shown = [index.find(q, lang) for lang, q, _ in items]
    assert replies["answered_correct"] + replies["answered_wrong"] + replies["answered_unanswerable"] \
        == sum(1 for answer, _ in shown if answer is not None)
    assert replies["offered_with_entry"] + replies["offered_without_entry"] \
        + replies["offered_unanswerable"] == sum(1 for answer, offered in shown if answer is None and offered)
    assert sum(v for k, v in replies.items() if k not in ("answerable_reached", "wrong_answers")) == 4
    assert replies["wrong_answers"] == round((replies["answered_wrong"]
                                              + replies["answered_unanswerable"]) / 4, 3)
    assert [w["question"] for w in result["wrong_decisions"]] == ["Wie bekomme ich meine Steuer-ID?"]
    latency = result["latency_ms"]
    assert latency["n"] == 4 and 0 < latency["median"] <= latency["p95"]


def test_empty_folder_is_an_error(tmp_path: Path):
    with pytest.raises(ValueError):
        load_items(tmp_path)
