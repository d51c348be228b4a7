"""`lotse bench nlu-crosslingual`: its test data and a real (one-epoch) run on a tiny test set."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

from lotse.benchmarks import nlu_crosslingual
from lotse.training import DOMAIN

FIXTURE = Path(__file__).parents[1] / "fixtures" / "nlu_crosslingual"
TEST_LANGUAGES = {"ar", "fa", "uk", "ru", "tr"}
# Intents phrased in words that the shipped test data must cover; choose_language and inform are
# covered too, with fewer examples.
WORD_INTENTS = {"greet", "goodbye", "thank", "affirm", "deny", "stop_interview", "resume_interview",
                "ask_why", "change_language", "show_my_data", "delete_my_data", "correct_field",
                "skip_question", "out_of_scope"}


def _normalised(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _examples(path: Path) -> list[tuple[str, str]]:
    return [(m.get("intent"), m.get("text")) for m in load_data(str(path)).intent_examples]


def test_shipped_test_data_covers_every_language_and_intent():
    files = {path.stem: path for path in nlu_crosslingual.DATA_DIR.glob("*.yml")}
    assert set(files) == TEST_LANGUAGES
    domain_intents = set(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"])
    for language, path in files.items():
        counts = Counter(intent for intent, _ in _examples(path))
        assert set(counts) <= domain_intents, language
        assert WORD_INTENTS <= set(counts), (language, WORD_INTENTS - set(counts))
        assert all(8 <= counts[intent] <= 12 for intent in WORD_INTENTS), (language, counts)


def test_shipped_test_data_is_new():
    """No test example equals (up to case and punctuation) a training example of the bot, nor
    another test example."""
    trained = {_normalised(text) for path in nlu_crosslingual.NLU_DIR.glob("*.yml")
               for _, text in _examples(path)}
    for path in nlu_crosslingual.DATA_DIR.glob("*.yml"):
        texts = [_normalised(text) for _, text in _examples(path)]
        assert not set(texts) & trained, (path.name, sorted(set(texts) & trained))
        assert len(texts) == len(set(texts)), path.name


def test_training_files_are_german_english_and_language_neutral_files():
    names = {path.name for path in nlu_crosslingual.training_files()}
    assert {"de.yml", "en.yml"} <= names
    for path in nlu_crosslingual.NLU_DIR.glob("*.yml"):
        if path.stem not in nlu_crosslingual.TRAIN_LANGUAGES and _examples(path):
            assert path.name not in names


@pytest.mark.parametrize("with_featurizer", [True, False])
def test_pipeline_config_differs_only_by_the_featurizer(with_featurizer):
    config = nlu_crosslingual.pipeline_config(with_featurizer, epochs=7)
    names = [component["name"] for component in config["pipeline"]]
    assert (nlu_crosslingual.FEATURIZER in names) is with_featurizer
    if with_featurizer:
        assert names.index(nlu_crosslingual.FEATURIZER) < names.index("DIETClassifier")
    other = nlu_crosslingual.pipeline_config(not with_featurizer, epochs=7)
    assert [n for n in names if n != nlu_crosslingual.FEATURIZER] == \
        [c["name"] for c in other["pipeline"] if c["name"] != nlu_crosslingual.FEATURIZER]
    diet = next(c for c in config["pipeline"] if c["name"] == "DIETClassifier")
    assert diet["epochs"] == 7
    assert "policies" not in config


def _in_unit_interval(scores: dict) -> None:
    for key in ("accuracy", "macro_f1", "accepted_accuracy"):
        assert 0.0 <= scores[key] <= 1.0, key


def test_benchmark_runs_on_a_tiny_test_set():
    result = nlu_crosslingual.run(argparse.Namespace(epochs=1, data=str(FIXTURE), repeat=2))

    expected = {path.stem: len(_examples(path)) for path in FIXTURE.glob("*.yml")}
    assert result["benchmark"] == "nlu-crosslingual"
    assert result["epochs"] == 1
    assert result["test_examples"] == expected
    assert set(result["intent"]) == {*expected, "overall"}
    for language, scores in result["intent"].items():
        for variant in nlu_crosslingual.VARIANTS:
            _in_unit_interval(scores[variant])
            assert scores[variant]["n"] == expected.get(language, sum(expected.values()))
        for key, delta in scores["delta"].items():
            assert delta == pytest.approx(scores["featurizer"][key] - scores["baseline"][key], abs=1e-3)

    total = sum(expected.values())
    for variant in nlu_crosslingual.VARIANTS:
        assert result["training_seconds"][variant] > 0
        assert result["parse_ms"][variant]["n"] == 2 * total
        assert 0 < result["parse_ms"][variant]["median"] <= result["parse_ms"][variant]["p95"]
    assert result["featurizer_ms_per_message"]["n"] == 2 * total
    assert result["featurizer_ms_per_message"]["median"] > 0
    # Parsing with the featurizer includes computing the embedding.
    assert result["parse_ms"]["featurizer"]["median"] > result["featurizer_ms_per_message"]["median"]

    # Texts that occur in several language files ("ok") are one training example.
    bot_examples = len({m.get("text") for p in nlu_crosslingual.NLU_DIR.glob("*.yml")
                        for m in load_data(str(p)).intent_examples})
    production = result["production_training_embedding"]
    assert production["examples"] == bot_examples
    assert production["seconds"] > 0
    train = len({m.get("text") for p in nlu_crosslingual.training_files()
                 for m in load_data(str(p)).intent_examples})
    assert result["train_examples"] == train
