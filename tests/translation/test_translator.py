"""The translator end to end with the fixture packages (tiny random models: they prove the
load, split, batch, translate, pivot, restore and cache path, not translation quality)."""

import json
import shutil
import threading

import ctranslate2
import pytest
import yaml

from tests.translation.support import DATA, REDIS_URL, unused_port
from translation.cache import TranslationCache
from translation.glossary import load_glossary, parse_glossary
from translation.installer import install
from translation.packages import read_package
from translation.placeholders import protect
from translation.sentences import split_sentences
from translation.translator import LoadedModel, Translator, get_translator, load_model

PLACEHOLDER_CASES = yaml.safe_load((DATA / "placeholders.yml").read_text())
PARAGRAPH = ("Ich heiße Anna und wohne seit 2015 in Leipzig. Ich war gestern beim Jobcenter. "
             "Meine Nummer ist 0341 123456!\nNeue Zeile ohne Punkt")


def model_calls(translator: Translator, *pairs: tuple[str, str]) -> int:
    return sum(load_model(translator.packages()[pair]).batcher.batches for pair in pairs)


def test_full_path_install_load_split_translate_cache(tmp_path, packages_dir):
    from tests.translation.support import fixture_file

    target = tmp_path / "pkgs"
    install(str(fixture_file("de_en")), target_dir=target)
    translator = Translator(package_dirs=[target], cache=TranslationCache())
    assert translator.pairs() == [("de", "en")]
    calls = model_calls(translator, ("de", "en"))
    first = translator.translate(PARAGRAPH, "de", "en")
    assert first.translated and not first.cached and first.reason is None
    assert (first.model, first.model_version, first.pivot) == ("translate-de_en", "1.0", None)
    assert first.text and first.text != PARAGRAPH
    assert "\n" in first.text  # the line break between the two paragraphs is kept
    # All four sentences went to the model in one call.
    assert len([p for p in split_sentences(PARAGRAPH, "de") if p.strip()]) == 4
    assert model_calls(translator, ("de", "en")) == calls + 1
    second = translator.translate(PARAGRAPH, "de", "en")
    assert second.cached and second.text == first.text
    assert model_calls(translator, ("de", "en")) == calls + 1
    # The model was loaded once for the process.
    assert load_model(translator.packages()[("de", "en")]) is \
        load_model(read_package(target / "translate-de_en-1_0", target))


def test_result_fields_and_dict(translator):
    result = translator.translate("Hallo.", "de", "en")
    data = result.as_dict()
    assert set(data) == {"text", "source", "target", "translated", "model", "model_version",
                         "pivot", "cached", "reason", "truncated"}
    assert json.loads(json.dumps(data)) == data
    with pytest.raises(AttributeError):
        result.text = "x"  # frozen


def test_language_codes_are_normalised(translator):
    result = translator.translate("Hallo.", " DE", "En ")
    assert result.translated and (result.source, result.target) == ("de", "en")


def test_pivot_through_english(translator):
    calls = model_calls(translator, ("ar", "en"), ("en", "de"))
    result = translator.translate("مرحبا. أنا من سوريا وأعمل نجاراً.", "ar", "de")
    assert result.translated and result.pivot == "en"
    assert result.model == "translate-ar_en+translate-en_de"
    assert result.model_version == "1.0+1.0"
    assert model_calls(translator, ("ar", "en"), ("en", "de")) == calls + 2  # one call per leg
    direct = translator.translate("Hello. I am from Syria.", "en", "de")
    assert direct.pivot is None and direct.model == "translate-en_de"


@pytest.mark.parametrize("source, target, reason", [
    ("en", "ar", "no translation package for en->ar"),
    ("fa", "de", "no translation package for fa->de (nor through en)"),
    ("zz", "de", "no translation package for zz->de"),
    ("not a language", "de", "unsupported language code 'not a language'"),
    ("", "de", "unsupported language code ''"),
    ("de", "de", "same language"),
])
def test_missing_pairs_and_unknown_codes_are_untranslated(translator, source, target, reason):
    result = translator.translate("Ein Text. Noch einer.", source, target)
    assert not result.translated and result.text == "Ein Text. Noch einer."
    assert reason in result.reason and result.model is None


def test_a_failing_model_gives_an_untranslated_result(tmp_path, packages_dir, caplog):
    target = tmp_path / "pkgs"
    broken = shutil.copytree(packages_dir / "translate-uk_en-1_0", target / "uk_en")
    (broken / "model" / "model.bin").write_bytes(b"not a model")
    result = Translator(package_dirs=[target]).translate("Привіт. Як справи?", "uk", "en")
    assert not result.translated and result.text == "Привіт. Як справи?"
    assert result.reason.startswith("translation failed")
    assert "Привіт" not in caplog.text  # no personal text in the log


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_and_blank_text(translator, text):
    result = translator.translate(text, "de", "en")
    assert result.text == text and not result.translated and result.reason == "nothing to translate"


def test_very_long_text_is_capped_and_says_so(translator):
    text = ("Ich heiße Anna und wohne in Leipzig. " * 1400)[:50_000]
    result = translator.translate(text, "de", "en")
    assert result.translated and result.truncated
    assert "50000 characters" in result.reason and "only the beginning" in result.reason
    assert len(text) > translator.max_chars


def test_html_and_emoji_survive(translator):
    text = "<p>Bitte bringen Sie <b>den Pass</b> mit 🙂</p>"
    result = translator.translate(text, "de", "en")
    assert result.translated
    for part in ("<p>", "<b>", "</b>", "</p>", "🙂"):
        assert part in result.text
    only = translator.translate("🙂👍🏽", "de", "en")
    assert only.text == "🙂👍🏽"  # nothing for a model there


@pytest.mark.parametrize("case", [c for c in PLACEHOLDER_CASES],
                         ids=[f"{c['source']}-{c['target']}-{i}" for i, c in enumerate(PLACEHOLDER_CASES)])
def test_protected_text_survives_the_random_model(translator, case):
    result = translator.translate(case["text"], case["source"], case["target"],
                                  names=case.get("names", ()))
    if translator.route(case["source"], case["target"]) is None:
        assert not result.translated and result.text == case["text"]
        return
    assert result.translated and result.text.count("｟") == case["text"].count("｟")
    for text in case["keep"].values():
        assert text in result.text


@pytest.mark.parametrize("source, target, text, kept", [
    ("de", "en", "Ich war beim Jobcenter. Das Jobcenter hat geschrieben.",
     ["Jobcenter (job centre for basic income support and job search)"]),
    ("ar", "de", "ذهبت إلى الجوب سنتر وعندي دولدونغ.", ["Jobcenter", "Duldung"]),
    ("uk", "de", "Я був у джобцентрі.", ["Jobcenter"]),
])
def test_glossary_terms_in_translations(translator, source, target, text, kept):
    result = translator.translate(text, source, target)
    assert result.translated
    for term in kept:
        assert term in result.text
    assert result.text.count("(job centre") <= 1


def test_names_and_glossary_change_the_cache_key(packages_dir):
    cache = TranslationCache()
    translator = Translator(package_dirs=[packages_dir], cache=cache)
    translator.translate("Ahmad wohnt hier.", "de", "en")
    named = translator.translate("Ahmad wohnt hier.", "de", "en", names=["Ahmad"])
    assert not named.cached and "Ahmad" in named.text
    assert translator.translate("Ahmad wohnt hier.", "de", "en", names=["Ahmad"]).cached
    other = Translator(package_dirs=[packages_dir], cache=cache,
                       glossary=parse_glossary({"terms": []}, "empty"))
    assert not other.translate("Ahmad wohnt hier.", "de", "en").cached


def test_redis_cache_is_shared_between_translators(packages_dir, redis_prefix):
    first = Translator(package_dirs=[packages_dir],
                       cache=TranslationCache(redis_url=REDIS_URL, prefix=redis_prefix))
    second = Translator(package_dirs=[packages_dir],
                        cache=TranslationCache(redis_url=REDIS_URL, prefix=redis_prefix))
    original = first.translate("Ich komme aus Syrien. Ich bin Tischler.", "de", "en")
    assert not original.cached
    shared = second.translate("Ich komme aus Syrien. Ich bin Tischler.", "de", "en")
    assert shared.cached and shared.text == original.text and shared.model == "translate-de_en"


def test_redis_down_still_translates(packages_dir):
    cache = TranslationCache(redis_url=f"redis://127.0.0.1:{unused_port()}/0", timeout=0.2)
    translator = Translator(package_dirs=[packages_dir], cache=cache)
    result = translator.translate("Guten Morgen. Wie geht es?", "de", "en")
    assert result.translated and not result.cached
    assert translator.translate("Guten Morgen. Wie geht es?", "de", "en").cached  # from memory


def test_concurrent_translations_equal_sequential_ones(translator):
    texts = [f"Ich heiße Anna und wohne seit {i} Jahren hier. Satz {i}! Kurz." if i % 2 else
             f"Привіт {i}. Я з Харкова." for i in range(20)]
    pairs = [("de", "en") if i % 2 else ("uk", "de") for i in range(20)]
    expected = [translator.translate(t, *p).text for t, p in zip(texts, pairs, strict=True)]
    results: dict[int, list[str]] = {}

    def work(n):
        results[n] = [translator.translate(t, *p).text for t, p in zip(texts, pairs, strict=True)]

    calls = model_calls(translator, ("de", "en"), ("uk", "en"), ("en", "de"))
    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[n] == expected for n in range(8))
    # 8 x 20 requests, 30 model calls each round sequentially: batching shares calls.
    assert model_calls(translator, ("de", "en"), ("uk", "en"), ("en", "de")) - calls < 8 * 30


def test_translate_many_uses_one_call_per_leg(translator):
    calls = model_calls(translator, ("de", "en"))
    results = translator.translate_many(["Eins. Zwei.", "", "Drei."], "de", "en")
    assert [r.translated for r in results] == [True, False, True]
    assert model_calls(translator, ("de", "en")) == calls + 1


def test_a_package_installed_later_is_used_without_restart(tmp_path):
    from tests.translation.support import fixture_file

    target = tmp_path / "pkgs"
    translator = Translator(package_dirs=[target])
    assert not translator.translate("Hallo.", "de", "en").translated
    install(str(fixture_file("de_en")), target_dir=target)
    assert translator.translate("Hallo.", "de", "en").translated


def test_target_prefix_is_passed_and_removed(tmp_path, packages_dir):
    package_dir = shutil.copytree(packages_dir / "translate-en_de-1_0", tmp_path / "prefixed")
    vocabulary = json.loads((package_dir / "model" / "shared_vocabulary.json").read_text())
    prefix = next(token for token in vocabulary[10:] if token.isalpha())
    metadata = json.loads((package_dir / "metadata.json").read_text())
    (package_dir / "metadata.json").write_text(json.dumps({**metadata, "target_prefix": prefix}))
    package = read_package(package_dir, tmp_path)
    model = LoadedModel(package, inter_threads=1, intra_threads=1, beam_size=2)
    (output,) = model.translate(["Hello world."])
    # The same call by hand: the hypothesis starts with the prefix, which the output leaves out.
    tokens = model.processor.encode("Hello world.", out_type=str)
    raw = ctranslate2.Translator(str(package.model_dir)).translate_batch(
        [tokens], target_prefix=[[prefix]], beam_size=2, length_penalty=0.2, replace_unknowns=True,
        max_decoding_length=2 * len(tokens) + 11)[0].hypotheses[0]
    assert raw[0] == prefix
    assert output == "".join(raw[1:2 * len(tokens) + 11]).replace("▁", " ").strip()


def test_process_wide_translator_reads_the_environment(monkeypatch, packages_dir):
    import translation.translator as module

    monkeypatch.setattr(module, "_default", None)
    monkeypatch.setenv("LOTSE_TRANSLATION_DIR", str(packages_dir))
    monkeypatch.delenv("LOTSE_REDIS_URL", raising=False)
    translator = get_translator()
    assert translator is get_translator()
    assert ("ar", "en") in translator.pairs()
    assert translator.cache is not None and not translator.cache.redis_enabled


def test_sentences_are_found_in_the_original_and_cut_in_the_protected_text(translator):
    """Dates, times and URLs with dots, and sentences that end in a protected span."""
    text = "Termin am 03.05.2024 um 10.30 Uhr, siehe www.leipzig.de/amt. Danke. Ich heiße Ahmad."
    protected = protect(text, source="de", target="en", names=["Ahmad"], glossary=load_glossary())
    assert protected.split_like(split_sentences(text, "de")) == [
        "Termin am ｟0｠ um ｟1｠ Uhr, siehe ｟2｠. ", "Danke. ", "Ich heiße ｟3｠."]
    calls = model_calls(translator, ("de", "en"))
    result = translator.translate(text, "de", "en", names=["Ahmad"])
    assert model_calls(translator, ("de", "en")) == calls + 1
    for part in ("03.05.2024", "10.30", "www.leipzig.de/amt", "Ahmad"):
        assert part in result.text
