"""Protected text always survives a translation, whatever the model does with the tokens."""

import re

import pytest
import yaml

from tests.translation.support import DATA
from translation.glossary import load_glossary
from translation.placeholders import TOKEN, protect, restore, token_indices

CASES = yaml.safe_load((DATA / "placeholders.yml").read_text())
IDS = [f"{c['source']}-{c['target']}-{i}" for i, c in enumerate(CASES)]


def protected(case):
    return protect(case["text"], source=case["source"], target=case["target"],
                   names=case.get("names", ()), glossary=load_glossary())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_spans_are_protected_with_their_kind(case):
    result = protected(case)
    found = {(span.kind, span.original) for span in result.spans}
    for key, text in case["keep"].items():
        assert (key.split("_")[0], text) in found
        assert text not in TOKEN.sub("", result.text)  # the model never sees it
    # Tokens stand exactly where the spans were.
    rebuilt = TOKEN.sub(lambda m: result.spans[int(m.group(1))].original, result.text)
    assert rebuilt == case["text"]


def model_outputs(source_piece: str) -> dict[str, str]:
    """What a model may do with the tokens of a sentence."""
    tokens = TOKEN.findall(source_piece)
    spelled = [f"｟{i}｠" for i in tokens]
    return {
        "copied": "Übersetzt " + " und ".join(spelled) + ".",
        "dropped": "Übersetzt ohne alles.",
        "empty": "",
        "reordered": " ".join(reversed(spelled)) + " Übersetzt",
        "mangled": " ".join(f"｟ {i}" if n % 2 else f"{i} ｠" for n, i in enumerate(tokens)) + " Text",
        "repeated": " ".join(spelled * 3),
        "invented": "｟999｠ Text ｟｟ ｠",
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("behaviour", ["copied", "dropped", "empty", "reordered", "mangled",
                                       "repeated", "invented"])
def test_protected_text_survives_any_model_behaviour(case, behaviour):
    result = protected(case)
    output = restore(model_outputs(result.text)[behaviour], result.text, result)
    for text in case["keep"].values():
        assert text in output
    for span in result.spans:
        # Each protected text once: repeats of a token are not restored twice.
        assert output.count(span.replacement) >= case["text"].count(span.original) >= 1
    assert "999" not in output
    if "｟" not in case["text"]:
        assert "｟" not in output and "｠" not in output


def test_copied_tokens_are_restored_in_place():
    result = protect("Ruf 0176 1234567 an, Ahmad.", source="de", target="en", names=["Ahmad"])
    assert result.text == "Ruf ｟0｠ an, ｟1｠."
    assert restore("Call ｟0｠, ｟1｠.", result.text, result) == "Call 0176 1234567, Ahmad."
    assert restore("Call ｟ 0 ｠, please.", result.text, result) == "Call 0176 1234567, please. Ahmad"


def test_only_the_sentence_tokens_are_restored_in_a_sentence():
    result = protect("Eins 1. Zwei 2.", source="de", target="en")
    first, second = "Eins ｟0｠.", "Zwei ｟1｠."
    assert result.text == f"{first} {second}"
    assert restore("One ｟0｠ ｟1｠.", first, result) == "One 1."
    assert restore("Two.", second, result) == "Two. 2"


def test_glossary_terms_are_kept_and_explained_once():
    text = "Das Jobcenter zahlt. Das Jobcenter ist zu."
    result = protect(text, source="de", target="en", glossary=load_glossary())
    replacements = [s.replacement for s in result.spans]
    assert replacements == ["Jobcenter (job centre for basic income support and job search)", "Jobcenter"]
    into_german = protect("ذهبت إلى الجوب سنتر", source="ar", target="de", glossary=load_glossary())
    assert [s.replacement for s in into_german.spans] == ["Jobcenter"]


def test_a_term_inside_a_url_stays_part_of_the_url():
    text = "Siehe https://jobcenter.de/termin und das Jobcenter."
    result = protect(text, source="de", target="en", glossary=load_glossary())
    assert [(s.kind, s.original) for s in result.spans] == [
        ("url", "https://jobcenter.de/termin"), ("glossary", "Jobcenter")]
    # The explanation goes to the first mention in the text, not to the URL.
    assert "(" in result.spans[1].replacement


def test_url_trailing_punctuation_is_not_part_of_the_url():
    result = protect("Mehr unter www.example.org/a?b=1).", source="de", target="en")
    assert result.spans[0].original == "www.example.org/a?b=1"


def test_text_without_anything_to_protect():
    result = protect("Guten Tag", source="de", target="en")
    assert result.text == "Guten Tag" and result.spans == ()
    assert restore("Good day", result.text, result) == "Good day"
    assert token_indices(result.text) == []


def test_many_spans_in_a_long_text():
    text = " ".join(f"Nummer {i}," for i in range(3000))
    result = protect(text, source="de", target="en")
    assert len(result.spans) == 3000
    restored = restore(result.text.replace("Nummer", "Number"), result.text, result)
    assert re.findall(r"\d+", restored) == [str(i) for i in range(3000)]


def test_sentence_cuts_are_carried_over_and_never_split_a_span():
    text = "Ruf 0341 123456 an. Danke."
    result = protect(text, source="de", target="en")
    assert result.split_like(["Ruf 0341 123456 an. ", "Danke."]) == ["Ruf ｟0｠ an. ", "Danke."]
    # A cut inside the phone number is dropped rather than cutting the token.
    assert result.split_like(["Ruf 0341 ", "123456 an. ", "Danke."]) == ["Ruf ｟0｠ an. ", "Danke."]
    assert result.split_like([text]) == [result.text]
