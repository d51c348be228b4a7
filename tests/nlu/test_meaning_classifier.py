"""The shared small classifier: fitted once on its examples, their vectors cached on disk."""

import stat
from pathlib import Path

import pytest

from nlu.meaning_classifier import MeaningClassifier, labelled_examples

EXAMPLES = [
    ("I have no e-mail", "none"), ("no phone yet", "none"), ("nothing like that", "none"),
    ("ich habe keine", "none"), ("my e-mail is hamid at gmail", "content"),
    ("I worked as a baker for five years", "content"), ("carpenter in Aleppo", "content"),
    ("Krankenpfleger in Kiew", "content"),
]


def test_fits_once_and_caches_the_vectors(tmp_path: Path) -> None:
    calls = []

    def examples() -> list[tuple[str, str]]:
        calls.append(1)
        return EXAMPLES

    classifier = MeaningClassifier("test-meaning", examples, key=str.strip, c=16.0,
                                   var_dir=lambda: tmp_path)
    probs = classifier.probabilities("sorry, I don't have an e-mail")
    assert set(probs) == {"none", "content"} and abs(sum(probs.values()) - 1) < 1e-6
    assert probs["none"] > probs["content"]
    assert classifier.probabilities("I was a tailor in Herat")["content"] > 0.5
    assert calls == [1]  # fitted once per process
    files = list((tmp_path / "test-meaning").glob("examples-*.npz"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) & 0o077 == 0  # owner-only under var/


def test_vectors_keep_the_order_of_the_texts(tmp_path: Path) -> None:
    classifier = MeaningClassifier("test-meaning", lambda: EXAMPLES, key=str.strip, c=16.0,
                                   var_dir=lambda: tmp_path)
    texts = ["b text", "a text", "b text"]
    vectors = classifier.vectors(texts)
    assert vectors.shape[0] == 3
    assert (vectors[0] == vectors[2]).all() and not (vectors[0] == vectors[1]).all()


def test_labelled_examples_read_every_language_and_refuse_unknown_labels(tmp_path):
    path = tmp_path / "examples.yml"
    path.write_text("en:\n  agree: [ok fine]\n  refuse: [never]\nde:\n  agree: [na gut]\n",
                    encoding="utf-8")
    assert labelled_examples(path, ("agree", "refuse")) == [
        ("en", "agree", "ok fine"), ("en", "refuse", "never"), ("de", "agree", "na gut")]
    with pytest.raises(ValueError, match="unknown labels"):
        labelled_examples(path, ("agree",))
