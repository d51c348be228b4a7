"""Profile snapshots for the document tests (tests/fixtures/profiles/cv_*.json)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

PROFILES = Path(__file__).resolve().parents[1] / "fixtures" / "profiles"
CV_PROFILES = ("cv_syrian", "cv_ukrainian", "cv_afghan", "cv_german_minimal")


def load_profile(name: str) -> dict[str, Any]:
    return json.loads((PROFILES / f"{name}.json").read_text(encoding="utf-8"))


def hostile_snapshot() -> dict[str, Any]:
    """What a broken import or a playful user could leave in a snapshot."""
    snapshot = copy.deepcopy(load_profile("cv_syrian"))
    fields = snapshot["fields"]
    for row in fields:
        if row["field"] == "given_names":
            row["value"] = "<script>alert(1)</script><b>Ahmad</b> 😀🇸🇾"
        if row["field"] == "job_title" and row["item_index"] == 0:
            row["original_text"] = "نجار " * 1000  # 5,000 characters
            row["machine_translation"] = {"text": "Tischler" + "x" * 5000}
        if row["field"] == "municipality":
            row["value"] = "__skipped__"  # a placeholder that must never be printed
        if row["field"] == "goals":
            row["value"] = row["original_text"] = "\u0000\u200b" + "🙂" * 50 + "&lt;b&gt;"
            row["original_language"] = "de"
    fields += [
        {"field": "job_title", "item_index": 7, "status": "given"},  # most keys missing
        {"field": "job_years", "item_index": 7, "status": "given", "value": "viele"},
        {"field": "job_country", "item_index": 7, "status": "given", "value": ["SY"]},
        {"field": "job_occupation", "item_index": 8, "status": "given", "value": {"kldb": 22342}},
        {"field": "spoken_language", "item_index": 5, "status": "given", "value": "Klingonisch"},
        {"field": "spoken_language_level", "item_index": 5, "status": "given", "value": "expert"},
        {"field": "school_years", "item_index": 0, "status": "given", "value": {"years": "zwölf"}},
        {"field": "date_of_birth", "item_index": 0, "status": "given", "value": "1990-13-45"},
        {"field": "contact", "item_index": 0, "status": "given", "value": {"type": "email", "value": "x@"}},
        {"item_index": 0, "value": "no field name"},
        "not a row",
        {"field": "availability", "item_index": None, "status": "given", "value": 42},
    ]
    return snapshot


@pytest.fixture
def profile() -> Any:  # noqa: ANN401
    return load_profile
