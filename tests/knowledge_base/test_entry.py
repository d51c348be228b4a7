"""Entries as files: loading, the canonical YAML form, the German source hash, statuses."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from knowledge_base.entry import (
    ENTRIES_DIR,
    LANGUAGES,
    Entry,
    EntryFormatError,
    Service,
    Translation,
    content_hash,
    dump_entry,
    entry_files,
    load_entries,
    load_entry,
    loads_entry,
    write_entry,
)
from lotse.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "knowledge_base"


def library() -> Entry:
    return load_entry(FIXTURES / "valid" / "leipzig-test-library-card.yml")


def test_load_a_valid_entry():
    entry = library()
    assert entry.id == "leipzig-test-library-card" and entry.category == "everyday"
    assert entry.region == {"municipality": "Leipzig", "state": "Sachsen", "ags": "14713000"}
    assert entry.reviewed_at == date(2026, 11, 1) and entry.valid_until is None
    assert entry.service == Service(name="Leipziger Städtische Bibliotheken",
                                    address="Wilhelm-Leuschner-Platz 10/11, 04107 Leipzig",
                                    web="https://www.stadtbibliothek.leipzig.de", languages=("de", "en"))
    assert list(entry.translations) == list(LANGUAGES)
    ar = entry.translations["ar"]
    assert ar.questions[1] == "hal a2dar asta3ir kutub min al maktaba?"
    assert ar.source_hash == entry.source_hash() and len(entry.source_hash()) == 16
    assert entry.translations["de"].source_hash is None
    assert set(entry.statuses().values()) == {"curated"}


def test_load_entries_sorted_by_id():
    entries = load_entries(FIXTURES / "valid")
    assert [e.id for e in entries] == ["leipzig-test-library-card", "leipzig-test-waste"]
    assert ENTRIES_DIR.name == "entries" and len(load_entries()) >= 40


def test_shipped_entries_are_in_canonical_form():
    """What `lotse kb export` would write is what is committed: no churn in git."""
    for path in entry_files(ENTRIES_DIR):
        assert dump_entry(load_entry(path)) == path.read_text(encoding="utf-8"), path.name


def test_dump_is_readable_yaml():
    text = dump_entry(library())
    assert 'region: {municipality: Leipzig, state: Sachsen, ags: "14713000"}' in text
    assert "    answer: |\n      Mit **Pass** und **Meldebescheinigung**" in text
    assert "      - \"چطور کارت کتابخانه بگیرم؟\"" in text
    assert "می\u200cتوانم" in text and "\\u" not in text and "\\x" not in text
    assert "languages: [de, en]" in text and "more_sources: []" in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert keys == ["id", "category", "region", "source_url", "more_sources", "reviewed_at",
                    "reviewer", "valid_from", "valid_until", "service", "translations"]
    en = text[text.index("  en:"):]
    assert en.index("status:") < en.index("source_hash:") < en.index("title:") < en.index("answer:")


TRICKY = ["yes", "112", "null", "2026-01-01", "Notruf: 112", "- Liste", "# Titel", "'so'", '"so"',
          "a \\ b", "emoji 🚑", "تلفن\u200cها", "   ", "{x: 1}", "1e3", "~", "@home", "%20"]


@pytest.mark.parametrize("text", TRICKY)
def test_round_trip_of_tricky_texts(text):
    answer = f"{text}\n\n  eingerückt\n# {text}\n---\n..."
    entry = replace(library(), reviewer=text.strip() or "x",
                    service=Service(name=text, phone=text, opening_hours=text, address=text),
                    translations={"de": Translation("de", "curated", text, (text, f"{text}?"), answer)})
    dumped = dump_entry(entry)
    assert loads_entry(dumped) == entry
    assert "answer: |" in dumped


def test_answers_stay_block_scalars_despite_trailing_blanks_tabs_and_crlf():
    messy = "Zeile mit Leerzeichen   \r\n\tmit Tab\r\n\r\nEnde  "
    t = Translation("de", "curated", "  Titel ", ["  Frage?  "], messy)
    assert t.answer == "Zeile mit Leerzeichen\n    mit Tab\n\nEnde\n"
    assert t.title == "Titel" and t.questions == ("Frage?",)
    entry = replace(library(), translations={"de": t})
    assert "answer: |\n      Zeile mit Leerzeichen\n" in dump_entry(entry)


def test_source_hash_follows_the_german_text_only():
    entry = library()
    de = entry.translations["de"]
    assert entry.source_hash() == content_hash(de.title, de.questions, de.answer)
    # normalisation: line endings and trailing blanks do not count as a change
    assert content_hash(de.title + " ", de.questions, de.answer.replace("\n", "\r\n") + "  ") \
        == entry.source_hash()
    english_changed = replace(entry, translations={
        **entry.translations, "en": replace(entry.translations["en"], answer="Other.")})
    assert english_changed.source_hash() == entry.source_hash()
    german_changed = replace(entry, translations={
        **entry.translations, "de": replace(de, questions=(*de.questions, "Neue Frage?"))})
    assert german_changed.source_hash() != entry.source_hash()
    assert replace(entry, translations={}).source_hash() is None


def test_statuses_are_computed():
    entry = load_entry(FIXTURES / "outdated" / "leipzig-test-library-card.yml")
    statuses = entry.statuses()
    assert statuses == {"de": "curated", "en": "machine_draft", "ar": "outdated", "fa": "curated",
                        "uk": "curated", "ru": "curated", "tr": "missing"}
    assert entry.translation("ar").status == "outdated"
    assert entry.translations["ar"].status == "curated"  # stored as written
    assert entry.translation("tr") is None
    assert entry.translation("en").status == "machine_draft"
    no_hash = replace(entry, translations={
        **entry.translations, "fa": replace(entry.translations["fa"], source_hash=None)})
    assert no_hash.status("fa") == "outdated"


def test_validity_period():
    entry = replace(library(), valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31))
    assert entry.is_valid_on(date(2026, 1, 1)) and entry.is_valid_on(date(2026, 12, 31))
    assert not entry.is_valid_on(date(2025, 12, 31)) and not entry.is_valid_on(date(2027, 1, 1))
    assert replace(entry, valid_from=None, valid_until=None).is_valid_on(date(1999, 1, 1))


def test_broken_files_raise_with_every_reason():
    with pytest.raises(EntryFormatError, match="not valid YAML"):
        load_entry(FIXTURES / "broken" / "not-yaml.yml")
    with pytest.raises(EntryFormatError) as info:
        load_entry(FIXTURES / "broken" / "leipzig-test-missing-fields.yml")
    assert info.value.messages == [
        "entry: unknown keys opening_hours", "source_url: missing", "reviewer: missing",
        "translations.de.answer: missing", "translations.en.questions: a list expected"]
    assert str(info.value).startswith("leipzig-test-missing-fields.yml: ")
    with pytest.raises(EntryFormatError, match="leipzig-test-missing-fields.yml"):
        load_entries(FIXTURES / "broken")


@pytest.mark.parametrize("text, message", [
    ("- a list", "not a mapping"),
    ("id: x\nreviewed_at: yesterday", "reviewed_at: not a date"),
    ("id: x\nreviewed_at: 2026-01-01 10:00:00", "without time"),
    ("id: x\ntranslations: [de]", "translations: a mapping"),
    ("id: x\ntranslations: {de: {status: curated, title: yes, questions: [a], answer: b}}",
     "translations.de.title: text expected, got bool"),
    ("id: x\nservice: {phone: 110}", "service.name: missing"),
    ("id: x\nregion: Leipzig", "region: a mapping expected"),
])
def test_format_errors(text, message):
    with pytest.raises(EntryFormatError, match=message):
        loads_entry(text)


def test_write_entry_only_when_changed(tmp_path: Path):
    entry = library()
    assert write_entry(entry, tmp_path) is True
    path = tmp_path / "leipzig-test-library-card.yml"
    assert path.read_text(encoding="utf-8") == (FIXTURES / "valid" / path.name).read_text("utf-8")
    assert write_entry(entry, tmp_path) is False
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
