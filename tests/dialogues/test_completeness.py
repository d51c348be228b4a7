"""Completeness of a profile: score, missing required fields, answers a caseworker must check."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from dialogues.completeness import Completeness, assess, field_name, split_name, value_fields
from dialogues.interview import load_interview

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"


def snapshot(name: str) -> dict:
    return json.loads((FIXTURES / f"completeness_{name}.json").read_text(encoding="utf-8"))


def required_profile_fields() -> list[str]:
    """Profile fields (a group counts once) with at least one required question."""
    interview = load_interview()
    return [name for name in interview.profile_fields()
            if any(not interview.field(s).optional and not interview.field(s).repeat
                   for s in interview.slots_of(name))]


def without(snap: dict, *fields: str) -> dict:
    snap = copy.deepcopy(snap)
    snap["fields"] = [r for r in snap["fields"] if r["field"] not in fields]
    return snap


def row_of(snap: dict, field: str, index: int = 0) -> dict:
    return next(r for r in snap["fields"] if r["field"] == field and r["item_index"] == index)


def test_complete_profile_has_nothing_open():
    result = assess(snapshot("complete"))
    assert result == Completeness(score=100, missing=[], to_check=[])
    assert result.open_points == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 3


def test_empty_profile_misses_every_required_question_in_interview_order():
    result = assess(snapshot("empty"))
    assert result.score == 0
    interview = load_interview()
    expected = [f.slot for f in interview.fields if not f.optional and not f.repeat]
    assert result.missing == expected
    # optional questions and the "one more?" questions are never required
    assert "contact" not in result.missing and "vocational_training" not in result.missing
    assert "more_jobs" not in result.missing and "more_languages" not in result.missing
    assert {"job_occupation", "school_type", "school_years", "higher_education"} <= set(expected)
    assert result.to_check == []


def test_partial_profile_counts_a_half_answered_group_as_half():
    result = assess(snapshot("partial"))
    # four plain fields answered, half of the languages group, half of the work group
    assert result.score == round(100 * 5 / len(required_profile_fields()))
    assert result.missing == [
        "municipality", "spoken_language_level", "school_country", "school_type", "school_years",
        "higher_education", "job_years", "job_country", "german_level", "goals", "availability",
    ]
    # contact is optional and was skipped on the first question: the person's choice
    assert result.to_check == []


def test_real_problems_are_to_check_and_unfinished_later_items_are_missing():
    result = assess(snapshot("to_check"))
    assert result.to_check == ["municipality", "contact", "school_type", "job_occupation", "goals"]
    # the second job was begun (title) but not finished
    assert result.missing == ["job_occupation#1", "job_years#1", "job_country#1"]
    # a skipped required field is not answered; "other" school and no occupation chosen are
    n = len(required_profile_fields())
    assert result.score == round(100 * (n - 1) / n)
    assert result.open_points == 8


def test_none_answers_fill_their_group_and_what_follows():
    result = assess(snapshot("no_school_no_work"))
    assert result == Completeness(score=100, missing=[], to_check=[])


def test_skipping_the_first_work_question_skips_the_group_but_must_be_checked():
    snap = without(snapshot("complete"), "job_occupation", "job_years", "job_country")
    title = row_of(snap, "job_title")
    title.update(status="skipped", value=None, attempts=4)
    result = assess(snap)
    assert result.missing == []
    assert result.to_check == ["job_title"]
    assert result.score == round(100 * (len(required_profile_fields()) - 1)
                                 / len(required_profile_fields()))


def test_only_low_confidence_free_text_is_to_check():
    snap = snapshot("complete")
    row_of(snap, "availability")["language_confidence"] = 0.49
    row_of(snap, "goals")["language_confidence"] = 0.5  # the threshold itself is fine
    row_of(snap, "given_names")["language_confidence"] = 0.1  # not free text
    row_of(snap, "vocational_training")["language_confidence"] = None  # language assumed
    assert assess(snap).to_check == ["availability"]


def test_a_verified_answer_counts_as_answered_and_unknown_rows_are_ignored():
    snap = snapshot("complete")
    row_of(snap, "goals")["status"] = "verified"
    snap["fields"].append({**row_of(snap, "goals"), "field": "school_education_legacy",
                           "status": "skipped"})
    assert assess(snap) == Completeness(score=100, missing=[], to_check=[])


def test_names_with_item_index():
    assert field_name("job_years") == "job_years"
    assert field_name("job_years", 2) == "job_years#2"
    assert split_name("job_years#2") == ("job_years", 2)
    assert split_name("goals") == ("goals", 0)


def test_value_fields_are_those_whose_values_decide():
    fields = value_fields()
    assert {"job_title", "job_occupation", "school_type"} <= fields
    assert "given_names" not in fields and "goals" not in fields
    # assessing with only those values decrypted gives the same result
    for name in ("complete", "partial", "to_check", "no_school_no_work"):
        snap = snapshot(name)
        stripped = copy.deepcopy(snap)
        for row in stripped["fields"]:
            if row["field"] not in fields:
                row["value"] = row["original_text"] = None
        assert assess(stripped) == assess(snap), name


@pytest.mark.parametrize(("field", "value"), [
    ("school_type", {"country": "SY", "id": "sy.basic", "check": "inferred_from_years"}),
    ("school_years", {"years": 10, "completed": True, "isced": 3, "check": "approximate"}),
    ("higher_education", {"none": True, "check": "unfinished_degree"}),
])
def test_a_value_read_out_of_words_is_to_check_but_answered(field, value):
    snap = copy.deepcopy(snapshot("complete"))
    row_of(snap, field).update(value=value)
    result = assess(snap)
    assert result.to_check == [field] and result.missing == []
