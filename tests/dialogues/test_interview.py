"""dialogues/interview.yml agrees with the Rasa domain and with the answer checks."""

from pathlib import Path

import pytest
import yaml

from bot.normalisers.answer import normalise_answer
from dialogues.interview import Field, load_interview

DOMAIN = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "bot" / "domain.yml").read_text(encoding="utf-8"))
INTERVIEW = load_interview()
KINDS = sorted({f.kind for f in INTERVIEW.fields})


def test_slots_are_the_profile_form_in_the_same_order():
    assert INTERVIEW.slots == DOMAIN["forms"]["profile_form"]["required_slots"]


def test_slots_are_unique():
    assert len(INTERVIEW.slots) == len(set(INTERVIEW.slots))


@pytest.mark.parametrize("slot", INTERVIEW.slots)
def test_every_slot_is_a_domain_slot(slot):
    assert slot in DOMAIN["slots"]


@pytest.mark.parametrize("slot", INTERVIEW.slots)
def test_every_slot_has_an_ask_action(slot):
    assert f"action_ask_{slot}" in DOMAIN["actions"]


@pytest.mark.parametrize("group", INTERVIEW.groups.values(), ids=lambda g: g.name)
def test_group_counters_are_domain_slots(group):
    assert group.counter in DOMAIN["slots"]
    assert group.counter not in INTERVIEW.slots


@pytest.mark.parametrize("group", INTERVIEW.groups.values(), ids=lambda g: g.name)
def test_groups_have_slots_and_at_most_one_repeat_question_last(group):
    fields = [INTERVIEW.field(slot) for slot in group.slots]
    assert fields
    repeats = [f for f in fields if f.repeat]
    if not repeats:
        return  # a group asked once (schooling): corrected as a whole
    assert len(repeats) == 1
    assert repeats[0] is fields[-1]
    assert repeats[0].kind == "yes_no"


def test_every_field_group_is_declared():
    assert {f.group for f in INTERVIEW.fields if f.group} == set(INTERVIEW.groups)


@pytest.mark.parametrize("field", [f for f in INTERVIEW.fields if f.kind == "choice"],
                         ids=lambda f: f.slot)
def test_choices_have_options_and_labels(field):
    assert field.options
    assert "{option}" in field.option_label


def test_profile_fields_show_each_group_once():
    names = INTERVIEW.profile_fields()
    assert len(names) == len(set(names))
    for group in INTERVIEW.groups:
        assert group in names
        assert INTERVIEW.slots_of(group) == list(INTERVIEW.groups[group].slots)
    assert INTERVIEW.slots_of("given_names") == ["given_names"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_handled_by_normalise_answer(kind):
    field = next(f for f in INTERVIEW.fields if f.kind == kind)
    normalise_answer(field, "Syrien", "de")  # raises ValueError for an unknown kind


def test_an_unhandled_kind_would_be_noticed():
    with pytest.raises(ValueError):
        normalise_answer(Field(slot="x", kind="no_such_kind"), "Syrien", "de")


def test_max_attempts():
    assert INTERVIEW.max_attempts >= 1
