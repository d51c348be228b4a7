"""A wish for the profile after a refusal, in the person's own words (nlu/profile_requests.py).

The cases below are the engineer's own wording. The sets in tests/data/after_refusal/
(development: read and worked on) and tests/data/after_refusal_heldout/ (held out: run, not
read) were written by outsiders; see their SOURCES.md. `-s` prints the figures."""

import json
from pathlib import Path

import pytest
import yaml

from nlu.profile_requests import wants_a_profile

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("text", [
    "alright, I agree after all",
    "i thought again, u can store my answers",
    "lets make the profile then",
    "Na gut, ich bin einverstanden",
    "dann doch ein Profil anlegen bitte",
    "ok xalas ana mwafe2",
    "طيب بدي اعمل ملف",
    "باشه موافقم",
    "ok movafegham",
    "гаразд, я згодна",
    "давайте всё-таки заполним анкету",
    "tamam onay veriyorum",
    "fikrimi değiştirdim, profil oluşturalım",
    "no problem, I agree",
])
def test_a_wish_for_the_profile(text: str) -> None:
    assert wants_a_profile(text)


@pytest.mark.parametrize("text", [
    "ok",
    "👍",
    "thanks a lot",
    "I do not agree",
    "why should I agree to that?",
    "what happens if I agree",
    "my wife agreed, not me",
    "nicht einverstanden",
    "مش موافق",
    "موافق نیستم",
    "не согласен",
    "kabul etmiyorum",
    "kocam kabul etti ben değil",
    "wo kann ich mich für einen Deutschkurs anmelden",
    "ثبت نام کلاس زبان کجاست",
    "ok ohne Profil. aber wie mache ich die Steuererklärung für letztes Jahr",
    "/affirm",
    "",
])
def test_no_wish_for_the_profile(text: str) -> None:
    assert not wants_a_profile(text)


def _figures(folder: str) -> dict[str, object]:
    rows = yaml.safe_load((DATA / folder / "messages.yml").read_text(encoding="utf-8"))
    right = {"profile": 0, "other": 0}
    total = {"profile": 0, "other": 0}
    for row in rows:
        total[row["kind"]] += 1
        right[row["kind"]] += wants_a_profile(row["text"]) == (row["kind"] == "profile")
    return {"set": folder, "found": f"{right['profile']}/{total['profile']}",
            "others_left": f"{right['other']}/{total['other']}",
            "accuracy": round(sum(right.values()) / sum(total.values()), 3)}


@pytest.mark.parametrize("folder, at_least", [("after_refusal", 0.95),
                                               ("after_refusal_heldout", 0.8)])
def test_figures_on_the_outsiders_sets(folder: str, at_least: float) -> None:
    figures = _figures(folder)
    print(json.dumps(figures))
    assert figures["accuracy"] >= at_least
