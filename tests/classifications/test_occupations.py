"""KldB 2010 / ISCO-08 / ESCO records read from classifications/data."""

from pathlib import Path

import pytest

from classifications import occupations
from classifications.occupations import load_names


def test_every_five_digit_type_with_its_group_and_crosswalk():
    records = occupations.occupations()
    assert len(records) == 1301
    assert all(len(code) == 5 and code.isdigit() for code in records)
    # the export lost leading zeros: military codes are re-padded
    officers = records["01104"]
    assert officers.title_de == "Offiziere" and officers.isco == "0110"
    assert all(r.isco and len(r.isco) == 4 for r in records.values())
    assert all(r.title_en for r in records.values())
    assert all(r.group_title_de for r in records.values())


def test_a_type_with_job_titles_and_esco():
    carpentry = occupations.get("22342")
    assert carpentry.title_de.startswith("Berufe im Holz-, Möbel- und Innenausbau")
    assert "&nbsp;" not in carpentry.title_de and "\xa0" not in carpentry.title_de
    assert carpentry.group == "223" and carpentry.group_title_de == "Holzbe- und -verarbeitung"
    assert carpentry.level == 2 and carpentry.isco == "7522"
    assert carpentry.title_en.startswith("Occupations in wood construction")
    titles = {job.id: job for job in carpentry.job_titles}
    assert len(titles) > 50
    tischler = titles["22342-102"]
    assert tischler.title_de == "Tischler/in" and tischler.display_de == "Tischler/Tischlerin"
    # of two equally related ESCO occupations the one named like the job title comes first
    assert tischler.esco[0].title_de == "Tischler/Tischlerin"
    assert tischler.esco[0].uri.startswith("http://data.europa.eu/esco/occupation/")
    assert carpentry.esco is not None
    assert occupations.get("99999") is None


def test_relations_are_ordered_best_first():
    order = occupations.RELATIONS
    for record in list(occupations.occupations().values())[:200]:
        for job in record.job_titles:
            ranks = [order.index(e.relation) for e in job.esco]
            assert ranks == sorted(ranks)


def test_names_file_is_optional_partial_or_broken(tmp_path: Path):
    assert load_names(tmp_path / "missing.yml") == {}
    broken = tmp_path / "broken.yml"
    broken.write_text("- kldb: [unclosed\n", encoding="utf-8")
    assert load_names(broken) == {}
    partial = tmp_path / "partial.yml"
    partial.write_text(
        "- kldb: '22342'\n  names: {de: [Tischler, Tischler], ar: نجار, uk: []}\n"
        "- kldb: 26212\n  names: {en: [electrician]}\n"
        "- kldb: '00000'\n  names: {en: [ghost]}\n"
        "- just a string\n"
        "- kldb: '29302'\n", encoding="utf-8")
    names = load_names(partial, known=set(occupations.occupations()))
    assert names == {"22342": {"de": ("Tischler",), "ar": ("نجار",)},
                     "26212": {"en": ("electrician",)}}


def test_names_reach_the_records(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    names = tmp_path / "occupation_names.yml"
    names.write_text("- kldb: '22342'\n  names: {ar: [نجار], de: [Tischler]}\n", encoding="utf-8")
    monkeypatch.setattr(occupations, "NAMES_FILE", names)
    occupations.reload()
    try:
        assert occupations.get("22342").names == {"ar": ("نجار",), "de": ("Tischler",)}
        assert occupations.get("26212").names == {}
        before = occupations.data_fingerprint()
        names.write_text("- kldb: '22342'\n  names: {ar: [نجار]}\n", encoding="utf-8")
        assert occupations.data_fingerprint() != before
    finally:
        monkeypatch.undo()
        occupations.reload()


def test_shipped_names_file_is_valid():
    """Every entry of the curated names file refers to a real type (nothing silently dropped)."""
    if not occupations.NAMES_FILE.exists():
        pytest.skip("no occupation_names.yml yet")
    import yaml

    content = yaml.safe_load(occupations.NAMES_FILE.read_text(encoding="utf-8")) or []
    codes = {str(item["kldb"]).zfill(5) for item in content}
    assert codes <= set(occupations.occupations())
    assert codes == {code for code, record in occupations.occupations().items() if record.names}
