"""The curated text catalogue: complete and consistent in every interface language."""

import hashlib
import re
import string

import pytest
import yaml

from dialogues import catalogue
from dialogues.interview import load_interview
from dialogues.languages import CODES, DEFAULT_LANGUAGE, direction

TEXTS_DIR = catalogue.TEXTS_DIR
LEXICON_NAMES = ("yes", "no", "none", "skip", "correct")


class _UniqueKeyLoader(yaml.SafeLoader):
    """safe_load, but a key written twice in one mapping is an error, not a silent overwrite."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506


def load(lang):
    """The core file with the texts of every topic file merged in (a key twice fails)."""
    core, *topics = catalogue.text_files(lang)
    data = _read(core)
    for path in topics:
        topic = _read(path)
        assert topic["language"] == lang, path
        assert topic["status"] == "reviewed", path
        twice = set(topic["texts"]) & set(data["texts"])
        assert not twice, f"{path} repeats {sorted(twice)}"
        data["texts"].update(topic["texts"])
    return data


SOURCE = load(catalogue.SOURCE_LANGUAGE)


def placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("lang", CODES)
def test_every_interface_language_has_a_texts_file(lang):
    assert (TEXTS_DIR / f"{lang}.yml").is_file()


def test_no_texts_file_without_an_interface_language():
    assert catalogue.available_languages() == sorted(CODES)
    for topic in (p for p in TEXTS_DIR.iterdir() if p.is_dir()):
        assert sorted(p.stem for p in topic.glob("*.yml")) == sorted(CODES), topic


@pytest.mark.parametrize("lang", CODES)
def test_file_declares_its_language_and_review(lang):
    data = load(lang)
    assert data["language"] == lang
    assert data["status"] == "reviewed"


@pytest.mark.parametrize("lang", CODES)
def test_exactly_the_keys_of_the_source(lang):
    keys = set(load(lang)["texts"])
    source = set(SOURCE["texts"])
    assert not source - keys, f"missing in {lang}: {sorted(source - keys)}"
    assert not keys - source, f"not in en.yml: {sorted(keys - source)}"


@pytest.mark.parametrize("lang", CODES)
def test_same_placeholders_as_the_source(lang):
    texts = load(lang)["texts"]
    wrong = {key: (sorted(placeholders(texts[key])), sorted(placeholders(template)))
             for key, template in SOURCE["texts"].items()
             if key in texts and placeholders(texts[key]) != placeholders(template)}
    assert not wrong, f"{lang}: key -> (placeholders, in en.yml): {wrong}"


@pytest.mark.parametrize("lang", CODES)
def test_no_empty_text(lang):
    texts = load(lang)["texts"]
    empty = [key for key, value in texts.items() if not isinstance(value, str) or not value.strip()]
    assert not empty


@pytest.mark.parametrize("lang", CODES)
def test_every_template_formats(lang):
    for template in load(lang)["texts"].values():
        params = {name: "X" for name in placeholders(template)}
        template.format(**params)  # raises on a broken brace


@pytest.mark.parametrize("lang", CODES)
def test_question_and_explanation_for_every_slot(lang):
    texts = load(lang)["texts"]
    missing = [f"{prefix}.{slot}" for slot in load_interview().slots for prefix in ("ask", "why")
               if f"{prefix}.{slot}" not in texts]
    assert not missing


@pytest.mark.parametrize("lang", CODES)
def test_label_for_every_profile_field(lang):
    texts = load(lang)["texts"]
    missing = [f"field.{name}" for name in load_interview().profile_fields()
               if f"field.{name}" not in texts]
    assert not missing


@pytest.mark.parametrize("lang", CODES)
def test_label_for_every_option(lang):
    texts = load(lang)["texts"]
    choices = [f for f in load_interview().fields if f.options]
    assert choices
    missing = [f.option_key(o) for f in choices for o in f.options if f.option_key(o) not in texts]
    assert not missing


@pytest.mark.parametrize("lang", CODES)
def test_lexicon_lists_in_every_language(lang):
    lexicon = load(lang)["lexicon"]
    # Unquoted `yes:` / `no:` are read by YAML 1.1 as the booleans True / False.
    assert set(lexicon) == set(LEXICON_NAMES), f"lexicon keys: {list(lexicon)}"
    for name in LEXICON_NAMES:
        words = lexicon[name]
        assert isinstance(words, list) and words, name
        assert all(isinstance(w, str) and w.strip() for w in words), (name, words)


@pytest.mark.parametrize("name", LEXICON_NAMES)
@pytest.mark.parametrize("lang", CODES)
def test_lexicon_lookup(lang, name):
    own = load(lang)["lexicon"][name][0]
    assert catalogue.matches_lexicon(lang, name, own)
    assert catalogue.matches_lexicon(lang, name, f"  {own.upper()}!  ")
    # English is understood in every language.
    assert catalogue.matches_lexicon(lang, name, SOURCE["lexicon"][name][0])


@pytest.mark.parametrize("lang", CODES)
def test_yes_and_no_do_not_overlap(lang):
    assert not catalogue.lexicon(lang, "yes") & catalogue.lexicon(lang, "no")


def test_normalise_word():
    assert catalogue.normalise_word("  JA! ") == "ja"
    assert catalogue.normalise_word("نعم،") == "نعم"
    assert catalogue.normalise_word("بلي") == "بلی"  # Arabic yeh typed for Persian yeh
    assert catalogue.normalise_word("نــعم") == "نعم"  # tatweel


def test_consent_version_differs_between_languages():
    versions = [catalogue.consent_version(lang) for lang in CODES]
    assert len(set(versions)) == len(CODES)


@pytest.mark.parametrize("lang", CODES)
def test_consent_version_is_stable(lang):
    first = catalogue.consent_version(lang)
    catalogue._load.cache_clear()
    assert catalogue.consent_version(lang) == first
    assert re.fullmatch(rf"{lang}-[0-9a-f]{{12}}", first)
    texts = load(lang)["texts"]
    body = texts["consent.explain"] + "\n" + texts["consent.question"]
    assert first == f"{lang}-{hashlib.sha256(body.encode('utf-8')).hexdigest()[:12]}"


@pytest.mark.parametrize("lang", CODES)
def test_text_fills_placeholders(lang):
    filled = catalogue.text(lang, "invalid.too_long", max=200)
    assert "200" in filled
    assert "{" not in filled
    for key, template in SOURCE["texts"].items():
        names = placeholders(template)
        if not names:
            continue
        filled = catalogue.text(lang, key, **{name: f"<<{name}>>" for name in names})
        for name in names:
            assert f"<<{name}>>" in filled, (lang, key, name)
            assert "{" + name + "}" not in filled


def test_text_without_params_is_the_template():
    assert catalogue.text("en", "ask.job_years") == SOURCE["texts"]["ask.job_years"]


def test_text_in_an_unknown_language_is_the_default_language():
    assert catalogue.text("xx", "value.empty") == load(DEFAULT_LANGUAGE)["texts"]["value.empty"]
    assert catalogue.text(None, "value.empty") == load(DEFAULT_LANGUAGE)["texts"]["value.empty"]


def test_missing_key_falls_back_to_english(monkeypatch):
    real = catalogue._load

    def without_key(lang):
        data = real(lang)
        if lang != "de":
            return data
        return {**data, "texts": {k: v for k, v in data["texts"].items() if k != "value.none"}}

    monkeypatch.setattr(catalogue, "_load", without_key)
    assert catalogue.text("de", "value.none") == SOURCE["texts"]["value.none"]


def test_right_to_left_languages():
    assert direction("ar") == direction("fa") == "rtl"
    for lang in ("de", "en", "uk", "ru", "tr"):
        assert direction(lang) == "ltr"
    assert direction("xx") == "ltr"
