"""The dialogue benchmark's harness: its data loads, and it judges real replies both ways."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lotse.benchmarks import dialogue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dialogue_bench"


def test_the_shipped_cases_cover_every_language_and_class():
    cases = dialogue.load_cases()
    assert len(cases) >= 300
    by_lang = Counter(case.lang for case in cases)
    assert set(by_lang) == {"de", "en", "ar", "fa", "uk", "ru", "tr"}
    assert min(by_lang.values()) >= 40
    classes = Counter(case.cls for case in cases)
    for cls in ("value_in_sentence", "number_words", "none_answer", "kb_question",
                "language_name_as_content", "explicit_language_change"):
        assert classes[cls] >= 7, cls
    assert {case.stage for case in cases} == set(dialogue.STAGES)
    assert all(case.field for case in cases if case.stage == "interview")


def test_the_strangers_set_loads_in_every_language():
    cases = dialogue.load_cases(dialogue.DATA_DIR.parent / "dialogue_strangers")
    assert len(cases) >= 300
    assert set(Counter(case.lang for case in cases)) == {"de", "en", "ar", "fa", "uk", "ru", "tr"}
    kinds = Counter(str(case.expect["kind"]) for case in cases)
    assert {"value", "approximate", "none", "stored", "reask", "question", "language_change"} \
        <= set(kinds)


def test_the_newcomers_set_loads_in_every_language():
    cases = dialogue.load_cases(dialogue.DATA_DIR.parent / "dialogue_newcomers")
    assert len(cases) >= 300
    assert set(Counter(case.lang for case in cases)) == {"de", "en", "ar", "fa", "uk", "ru", "tr"}
    assert {case.stage for case in cases} == set(dialogue.STAGES)


def test_a_choice_for_an_unanswerable_question_is_handled_but_not_right():
    def outcome(kind: str, verdict: str, ok: bool) -> dialogue.Outcome:
        case = dialogue.Case(id=verdict, lang="en", cls="kb_question_unknown", stage="before_consent",
                             message="how much is a flight to beirut", expect={"kind": kind})
        return dialogue.Outcome(case, ok, verdict)

    report = dialogue.summarise_outcomes([outcome("idk", "clarify_unanswerable", False),
                                          outcome("idk", "no_answer", False),
                                          outcome("idk", "idk", True),
                                          outcome("kb_answer", "kb_wrong_answer", False)])
    assert report["questions"] == 4
    assert report["questions_answered_clarified_or_idk"] == 0.75  # all but the silent one
    assert report["questions_right_answer_or_choice"] == 0.25
    assert report["kb_wrong_answers"] == 0.25


def test_an_unknown_stage_is_refused(tmp_path: Path):
    (tmp_path / "xx.yml").write_text(
        "language: en\ncases:\n  - {id: a, class: c, stage: later, message: hi, expect: {kind: idk}}\n",
        encoding="utf-8")
    with pytest.raises(ValueError, match="unknown stage"):
        dialogue.load_cases(tmp_path)


@pytest.mark.server
def test_the_harness_plays_cases_and_judges_them_both_ways(stack):
    cases = {case.id: case for case in dialogue.load_cases(FIXTURES)}
    outcomes = {o.case.id: o for o in dialogue.play(list(cases.values()), stack.settings.rasa_url,
                                                    stack.settings.database_url)}
    assert outcomes["t-name"].ok, outcomes["t-name"]
    wrong = outcomes["t-name-wrong-expectation"]
    assert not wrong.ok and wrong.verdict == "value_wrong"
    assert outcomes["t-years"].ok, outcomes["t-years"]
    assert outcomes["t-switch"].ok, outcomes["t-switch"]
    assert outcomes["t-reask"].ok and outcomes["t-reask"].verdict == "reasked", outcomes["t-reask"]
    stored = outcomes["t-reask-wrong-expectation"]
    assert not stored.ok and stored.verdict == "stored_instead"
    assert outcomes["t-question"].ok and outcomes["t-question"].verdict == "answered", \
        outcomes["t-question"]
    assert outcomes["t-stored"].ok, outcomes["t-stored"]
    report = dialogue.summarise_outcomes(list(outcomes.values()))
    assert report["cases"] == 8
    assert report["by_class"]["value_in_sentence"] == {"n": 2, "accuracy": 0.5}
    assert report["questions"] == 1 and report["questions_answered_clarified_or_idk"] == 1.0


def test_dari_stored_as_prs_answers_an_expected_persian():
    # the writer expects the macrolanguage (fa); Dari is stored precisely as ISO 639-3 prs
    rows = [{"status": "given", "value": {"code": code}} for code in ("prs", "ps", "ur")]
    assert dialogue._value_matches("spoken_language", ["fa", "ps", "ur"], rows)[0]
    assert not dialogue._value_matches("spoken_language", ["fa", "ar"], rows)[0]


def test_no_degree_is_stored_as_none_and_judged_so():
    # the "none" button and a degree described as unfinished store {"none": true}
    rows = [{"status": "given", "value": {"none": True, "check": "unfinished_degree"}}]
    assert dialogue._value_matches("higher_education", "incomplete_university", rows)[0]
    assert dialogue._value_matches("higher_education", "none", [{"status": "given",
                                                                "value": {"none": True}}])[0]
    assert not dialogue._value_matches("higher_education", "bachelor", rows)[0]


def test_a_phone_number_is_judged_by_the_number_not_its_writing():
    # stored in international form, expected as typed: the same number for a caseworker
    rows = [{"status": "given", "value": {"type": "phone", "value": "+4917623458190"}}]
    assert dialogue._value_matches("contact", "017623458190", rows)[0]
    assert not dialogue._value_matches("contact", "017623458191", rows)[0]
    mail = [{"status": "given", "value": {"type": "email", "value": "rasha.k@gmail.com"}}]
    assert dialogue._value_matches("contact", "Rasha.K@gmail.com", mail)[0]
