"""Sentence splitting with spaCy's rule-based sentencizer."""

import subprocess
import sys
import threading

import pytest
import yaml

from tests.translation.support import DATA
from translation.sentences import spacy_language, split_sentences

CASES = yaml.safe_load((DATA / "sentences.yml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{i}" for i, c in enumerate(CASES)])
def test_sentences_and_lines(case):
    pieces = split_sentences(case["text"], case["lang"])
    assert "".join(pieces) == case["text"]  # whitespace and line breaks are kept
    assert [p.strip() for p in pieces if p.strip()] == case["sentences"]


def test_languages_without_a_spacy_tokenizer_use_the_multilingual_one():
    assert spacy_language("de") == "de"
    assert spacy_language("fa") == "fa"
    assert spacy_language("ps") == "xx"
    assert spacy_language("ku") == "xx"
    assert spacy_language("not a code") == "xx"


def test_empty_and_blank_text():
    assert split_sentences("", "de") == []
    assert split_sentences("  \n ", "de") == ["  \n "]


def test_concurrent_splitting_gives_the_same_result():
    text = "Ich heiße Anna. Ich wohne in Leipzig. Wo wohnen Sie? " * 20
    expected = split_sentences(text, "de")
    results = []

    def run():
        results.extend(split_sentences(text, "de") == expected for _ in range(20))

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 160


def test_splitting_does_not_import_tensorflow_but_leaves_it_importable():
    """thinc would import TensorFlow (seconds, hundreds of MB) for a rule-based sentencizer;
    Rasa in the same process must still be able to import it afterwards."""
    code = ("import sys\nfrom translation.sentences import split_sentences\n"
            "assert len(split_sentences('Eins. Zwei.', 'de')) == 2\n"
            "print('spacy' in sys.modules, 'tensorflow' in sys.modules)\n"
            "import tensorflow\nprint(hasattr(tensorflow, 'constant'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "True"]
