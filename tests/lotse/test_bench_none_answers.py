"""`lotse bench none-answers` on a tiny data folder: each outcome counted where it belongs."""

import argparse
from pathlib import Path

import pytest

from lotse.benchmarks import none_answers

pytestmark = pytest.mark.usefixtures("occupation_index")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "none_answers"
    folder.mkdir()
    (folder / "en.yml").write_text(
        "language: en\ncases:\n"
        "- {id: a, field: contact, message: 'i have no email', expect: {label: none}}\n"
        "- {id: b, field: contact, message: 'anna.k@example.org', expect: {label: content}}\n"
        # labelled wrongly on purpose: a real answer counted as lost content
        "- {id: c, field: contact, message: 'no phone', expect: {label: content}}\n"
        "- {id: d, field: job_title, message: 'welder in Herat, 6 years', expect: {label: content}}\n"
        "- {id: e, field: job_title, message: 'never worked', expect: {label: none}}\n",
        encoding="utf-8")
    (folder / "de.yml").write_text(
        "language: de\ncases:\n"
        "- {id: f, field: vocational_training, message: 'keine Ausbildung', expect: {label: none}}\n"
        "- {id: g, field: contact, message: 'überspringen bitte', expect: {label: refuse}}\n",
        encoding="utf-8")
    return folder


def test_bench_counts_outcomes_by_label_field_and_language(data: Path):
    report = none_answers.run(argparse.Namespace(data=str(data)))
    assert report["cases"] == 7
    assert report["content_lost"] == {"count": 1, "share_of_content": round(1 / 3, 3), "ids": ["c"]}
    assert "c content->none" in report["wrong"]
    assert report["by_label"]["none"] == 1.0
    assert report["by_language"]["en"] == 0.8
    assert report["confusion"]["content->content"] == 2
    assert report["latency_ms"]["n"] == 7


def test_a_case_without_its_label_is_refused(tmp_path: Path):
    (tmp_path / "en.yml").write_text(
        "language: en\ncases:\n- {id: a, field: contact, message: 'x', expect: {}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expect.label"):
        none_answers.load_cases(tmp_path)
