"""`validate`: every rule on small fixture files and on entries built in the test."""

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from knowledge_base.entry import ENTRIES_DIR, Translation, load_entry
from knowledge_base.validation import (
    Problem,
    check_entry,
    months_before,
    slug,
    url_problem,
    validate,
    validate_directory,
)
from lotse.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "knowledge_base"
TODAY = date(2026, 11, 22)


def library():
    return load_entry(FIXTURES / "valid" / "leipzig-test-library-card.yml")


def codes(problems: list[Problem]) -> Counter:
    return Counter((p.entry_id, p.level, p.code) for p in problems)


def test_valid_fixtures_have_no_problem():
    entries, problems = validate_directory(FIXTURES / "valid", TODAY)
    assert len(entries) == 2 and problems == []


def test_shipped_entries_have_no_errors():
    entries, problems = validate_directory(ENTRIES_DIR, TODAY)
    assert len(entries) >= 40
    assert [p for p in problems if p.level == "error"] == []
    assert {e.category for e in entries} >= {"registration", "jobcenter", "housing", "health"}


def test_outdated_machine_draft_and_missing_language():
    _, problems = validate_directory(FIXTURES / "outdated", TODAY)
    entry = "leipzig-test-library-card"
    assert [(p.level, p.code, p.message) for p in problems] == [
        ("warning", "machine_draft", "en: machine translation not yet approved by an editor"),
        ("warning", "missing_language", "tr: no translation"),
        ("warning", "outdated_translation", "ar: the German text changed since it was translated"),
    ]
    assert all(p.entry_id == entry for p in problems)


def test_duplicate_and_near_duplicate_questions():
    _, problems = validate_directory(FIXTURES / "duplicate", TODAY)
    assert codes(problems) == Counter({
        ("leipzig-test-library-card", "error", "duplicate_question"): 2,
        ("leipzig-test-waste", "error", "duplicate_question"): 2,
        ("leipzig-test-library-card", "warning", "near_duplicate_question"): 1,
    })
    near = next(p for p in problems if p.code == "near_duplicate_question")
    assert "How do I get a libary card" in near.message and "leipzig-test-waste" in near.message
    # "How do I get a library-card?!" folds to the same question as "How do I get a library card?"
    assert any("How do I get a library card?" in p.message for p in problems
               if p.code == "duplicate_question" and p.entry_id == "leipzig-test-waste")


def test_stale_entry():
    _, problems = validate_directory(FIXTURES / "stale", TODAY)
    assert sorted((p.level, p.code) for p in problems) == [
        ("error", "expired"), ("error", "invalid_url"), ("warning", "insecure_url"),
        ("warning", "review_overdue")]
    # the same files, checked on the day they were last reviewed
    _, earlier = validate_directory(FIXTURES / "stale", date(2026, 3, 1))
    assert sorted(p.code for p in earlier) == ["insecure_url", "invalid_url"]


def test_broken_files_are_reported_and_the_rest_still_checked():
    entries, problems = validate_directory(FIXTURES / "broken", TODAY)
    assert sorted(e.id for e in entries) == ["leipzig-test-another-name", "leipzig-test-wrong-values"]
    schema = [p for p in problems if p.code == "schema"]
    assert all(p.level == "error" for p in schema)
    by_entry = Counter(p.entry_id for p in schema)
    assert by_entry == {"not-yaml": 1, "leipzig-test-missing-fields": 5,
                        "leipzig-test-another-name": 1, "leipzig-test-wrong-values": 8}
    messages = " | ".join(p.message for p in schema)
    for expected in ("must be named leipzig-test-another-name.yml", "unknown category 'shopping'",
                     "region.ags must be the 8-digit", "'deutsch' is not an ISO 639 code",
                     "German source must be curated", "source_hash must be 16 hex digits",
                     "missing and outdated are computed", "translations.fr: unsupported language",
                     "valid_from is after valid_until", "not valid YAML"):
        assert expected in messages
    assert "\n" not in messages


def test_review_age_boundaries():
    entry = library()
    six_months_ago = months_before(TODAY, 6)
    assert six_months_ago == date(2026, 5, 22)
    assert validate([replace(entry, reviewed_at=six_months_ago)], TODAY) == []
    overdue = validate([replace(entry, reviewed_at=date(2026, 5, 21))], TODAY)
    assert [p.code for p in overdue] == ["review_overdue"]
    future = validate([replace(entry, reviewed_at=date(2026, 11, 23))], TODAY)
    assert [p.code for p in future] == ["review_in_future"]
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 31), 13) == date(2025, 2, 28)
    assert months_before(date(2024, 8, 29), 6) == date(2024, 2, 29)


def test_validity_dates():
    entry = library()
    assert [p.code for p in validate([replace(entry, valid_until=TODAY)], TODAY)] == ["expires_soon"]
    assert validate([replace(entry, valid_until=date(2027, 1, 1))], TODAY) == []
    assert [(p.level, p.code) for p in validate([replace(entry, valid_until=date(2026, 11, 21))],
                                                TODAY)] == [("error", "expired")]
    assert [p.code for p in validate([replace(entry, valid_from=date(2026, 12, 1))], TODAY)] \
        == ["not_yet_valid"]


def test_missing_german_is_an_error():
    entry = library()
    without = {k: v for k, v in entry.translations.items() if k != "de"}
    problems = validate([replace(entry, translations=without)], TODAY)
    assert [(p.level, p.code) for p in problems] == [("error", "missing_language")]


def test_ids_and_duplicate_ids():
    entry = library()
    assert [p.message for p in check_entry(replace(entry, id="Leipzig_Bibliothek"))] == [
        "id must be lowercase ASCII words joined by '-'"]
    assert [(p.level, p.message) for p in check_entry(replace(entry, id="dresden-library"))] == [
        ("warning", "id should start with the municipality slug 'leipzig'")]
    problems = validate([entry, entry], TODAY)
    assert ("error", "duplicate_id") in {(p.level, p.code) for p in problems}
    assert slug("Frankfurt am Main") == "frankfurt-am-main" and slug("Köln") == "koeln"


def test_the_same_question_in_two_languages_of_one_entry_is_fine():
    entry = library()
    de = entry.translations["de"]
    tr = entry.translations["tr"]
    same = replace(entry, translations={
        **entry.translations,
        "de": replace(de, questions=(*de.questions, "Kita?")),
        "tr": replace(tr, questions=(*tr.questions, "kita")),
    })
    fixed = replace(same, translations={
        lang: (t if lang == "de" else replace(t, source_hash=same.source_hash()))
        for lang, t in same.translations.items()})
    assert validate([fixed], TODAY) == []
    twice = replace(fixed, translations={**fixed.translations, "tr": replace(
        fixed.translations["tr"], questions=(*fixed.translations["tr"].questions, "KITA"))})
    assert [(p.level, p.code) for p in validate([twice], TODAY)] == [("warning", "duplicate_question")]


def test_near_duplicate_threshold():
    def entry_with(entry_id: str, question: str):
        base = library()
        translations = {"de": Translation("de", "curated", "T", (question,), "A")}
        return replace(base, id=entry_id, translations=translations)

    def duplicates(entries):
        return {(p.level, p.code) for p in validate(entries, TODAY) if "duplicate" in p.code}

    close = [entry_with("leipzig-a", "Wo ist das Bürgerbüro in Grünau?"),
             entry_with("leipzig-b", "Wo ist das Bürgerbüro in Grünau")]
    assert duplicates(close) == {("error", "duplicate_question")}  # the same once folded
    close[1] = entry_with("leipzig-b", "wo ist das burgerburo in grunau")  # accents fold too
    assert duplicates(close) == {("error", "duplicate_question")}
    close[1] = entry_with("leipzig-b", "Wo ist das Bürgerbüro in Gohlis?")
    assert duplicates(close) == set()
    close[1] = entry_with("leipzig-b", "Wo ist das Bürgerbüro in Grünauu?")
    found = [p for p in validate(close, TODAY) if p.code == "near_duplicate_question"]
    assert [(p.entry_id, p.level) for p in found] == [("leipzig-a", "warning")]


@pytest.mark.parametrize("url, reason", [
    ("https://www.leipzig.de/buergerservice", None),
    ("http://www.leipzig.de", None),
    ("www.leipzig.de", "not an http(s) link"),
    ("https://leipzig", "no valid host name"),
    ("https://www.leipzig.de/a b", "empty or contains spaces"),
    ("", "empty or contains spaces"),
    ("mailto:info@leipzig.de", "not an http(s) link"),
])
def test_urls(url, reason):
    assert url_problem(url) == reason


def test_service_web_is_checked():
    entry = library()
    broken = replace(entry, service=replace(entry.service, web="stadtbibliothek.leipzig.de"))
    assert [p.message for p in validate([broken], TODAY)] == [
        "service.web: not an http(s) link: 'stadtbibliothek.leipzig.de'"]
