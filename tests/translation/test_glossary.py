"""German administrative terms: recognised in many spellings, kept German, explained once."""

import pytest
import yaml

from tests.translation.support import DATA
from translation.glossary import load_glossary, parse_glossary

CASES = yaml.safe_load((DATA / "glossary.yml").read_text())
LANGUAGES = ("en", "ar", "fa", "uk", "ru", "tr")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{i}" for i, c in enumerate(CASES)])
def test_mentions_are_found(glossary, case):
    assert [m.term.term for m in glossary.find(case["text"], case["lang"])] == case["terms"]


def test_every_term_is_explained_in_every_interview_language(glossary):
    assert len(glossary.terms) >= 20
    for term in glossary.terms:
        assert term.description, term.term
        assert term.forms, term.term
        for lang in LANGUAGES:
            assert term.explanation(lang), (term.term, lang)
        assert term.explanation("de") == term.description


def test_a_spelling_names_one_term_only(glossary):
    """An ambiguous spelling would turn a person's words into the wrong German term."""
    seen = {}
    for term in glossary.terms:
        for lang, spellings in term.spellings.items():
            for spelling in spellings:
                key = (lang, spelling.casefold())
                assert seen.setdefault(key, term.term) == term.term, key


def test_rendering_out_of_and_into_german(glossary):
    text = "Die Jobcenters schicken Post; das Jobcenter antwortet."
    first, second = glossary.find(text, "de")
    assert glossary.rendering(first, "Jobcenters", "ar", explain=True) == \
        "Jobcenters (مركز العمل، للإعانة الأساسية والبحث عن عمل)"
    assert glossary.rendering(second, "Jobcenter", "ar", explain=False) == "Jobcenter"
    (arabic,) = glossary.find("ذهبت إلى الجوب سنتر", "ar")
    assert glossary.rendering(arabic, "الجوب سنتر", "de", explain=True) == "Jobcenter"
    assert glossary.rendering(arabic, "الجوب سنتر", "en", explain=True) == \
        "Jobcenter (job centre for basic income support and job search)"
    # A language without an explanation still keeps the German term.
    assert glossary.rendering(arabic, "الجوب سنتر", "so", explain=True) == "Jobcenter"


def test_glossary_digest_changes_with_content():
    data = {"terms": [{"term": "Wohngeld", "description": "x", "explanations": {"en": "housing benefit"}}]}
    one = parse_glossary(data, "a")
    assert [m.term.term for m in one.find("Antrag auf Wohngeld", "de")] == ["Wohngeld"]
    assert load_glossary().digest and len(load_glossary().digest) == 16
