"""The process-wide e5 encoder: shapes, normalisation, prefixes, length cap, cross-lingual sense."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest
import yaml

from nlu import sentence_embeddings

PAIRS = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "nlu" / "sentence_embedding_pairs.yml")
                       .read_text(encoding="utf-8"))["pairs"]


def test_embed_returns_normalised_float32_rows():
    vectors = sentence_embeddings.embed(["hallo", "مرحبا", "привіт"])
    assert vectors.shape == (3, sentence_embeddings.DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert len({vector.tobytes() for vector in vectors}) == 3


def test_single_text_and_batch_agree():
    texts = ["ich möchte meine daten sehen", "شو بتعرف عني"]
    batch = sentence_embeddings.embed(texts)
    one_by_one = np.vstack([sentence_embeddings.embed([text]) for text in texts])
    np.testing.assert_allclose(batch, one_by_one, atol=1e-3)


def test_empty_list_gives_empty_matrix():
    assert sentence_embeddings.embed([]).shape == (0, sentence_embeddings.DIMENSION)


def test_query_and_passage_prefixes_differ():
    text = ["Wo finde ich das Jobcenter?"]
    query = sentence_embeddings.embed(text, kind="query")[0]
    passage = sentence_embeddings.embed(text, kind="passage")[0]
    assert not np.allclose(query, passage, atol=1e-3)
    assert float(query @ passage) > 0.8  # same text, only the e5 prefix differs


def test_rejects_unknown_kind_and_bare_string():
    with pytest.raises(ValueError, match="kind"):
        sentence_embeddings.embed(["x"], kind="document")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sentence_embeddings.embed("a string, not a list")  # type: ignore[arg-type]


def test_length_is_capped():
    sentence = "Ich habe zehn Jahre als Tischler in Aleppo gearbeitet. "
    capped = sentence * (sentence_embeddings.MAX_CHARS // len(sentence) + 1)
    longer = capped + "Danach war ich zwei Jahre arbeitslos und habe Deutsch gelernt. " * 40
    np.testing.assert_allclose(sentence_embeddings.embed([capped]), sentence_embeddings.embed([longer]),
                               atol=1e-5)


@pytest.mark.parametrize("unit", ["😀", "我们在莱比锡工作", "مرحبا بكم في لايبزيغ ", "ab Ж7 ك؟ "])
def test_a_query_is_cut_at_its_token_limit_and_a_passage_is_not(unit):
    # What a long message costs is bounded by its tokens, whatever its script (issue 13).
    encoder = sentence_embeddings.get_encoder()
    text = unit * 400
    cut = sentence_embeddings._prepare(text, "query", encoder)
    assert encoder.token_count(cut, True) <= sentence_embeddings.MAX_QUERY_TOKENS
    assert encoder.token_count(text[:len(cut) + len(unit)], True) \
        > sentence_embeddings.MAX_QUERY_TOKENS  # the longest start that fits
    assert sentence_embeddings._prepare(text, "passage", encoder) \
        == " ".join(text.split())[:sentence_embeddings.MAX_CHARS]
    np.testing.assert_allclose(sentence_embeddings.embed([text]), sentence_embeddings.embed([cut]),
                               atol=1e-5)


def test_a_message_searched_twice_is_embedded_once(monkeypatch):
    sentence_embeddings.forget_recent()
    calls: list[list[str]] = []
    encoder = sentence_embeddings.get_encoder()
    original = encoder.encode
    monkeypatch.setattr(encoder, "encode", lambda texts, **kw: calls.append(texts) or original(texts, **kw))
    first = sentence_embeddings.embed(["wo ist das Jobcenter?"])
    first[0, 0] = 42.0  # the caller's copy: the cache keeps its own
    second = sentence_embeddings.embed(["wo ist das Jobcenter?"])
    assert len(calls) == 1 and second[0, 0] != 42.0
    sentence_embeddings.forget_recent()
    sentence_embeddings.embed(["wo ist das Jobcenter?"])
    assert len(calls) == 2


def test_a_short_query_is_embedded_whole():
    encoder = sentence_embeddings.get_encoder()
    text = "wo kann ich mich in Leipzig anmelden?"
    assert sentence_embeddings._prepare(text, "query", encoder) == text


def test_whitespace_is_collapsed():
    np.testing.assert_allclose(sentence_embeddings.embed(["  danke \n schön "]),
                               sentence_embeddings.embed(["danke schön"]), atol=1e-5)


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["anchor"] for pair in PAIRS])
def test_translations_are_closer_than_unrelated_sentences(pair):
    languages = list(pair["translations"])
    vectors = sentence_embeddings.embed([pair["anchor"], pair["unrelated"],
                                         *pair["translations"].values()])
    anchor, unrelated, translations = vectors[0], vectors[1], vectors[2:]
    to_unrelated = float(anchor @ unrelated)
    for language, translation in zip(languages, translations, strict=True):
        assert float(anchor @ translation) > to_unrelated, language


def test_one_encoder_per_process_even_under_concurrent_first_use(monkeypatch):
    monkeypatch.setattr(sentence_embeddings, "_encoder", None)  # as if nothing had loaded it yet
    encoders: list[object] = []
    results: list[np.ndarray] = []
    start = threading.Barrier(4)

    def use() -> None:
        start.wait()
        encoders.append(sentence_embeddings.get_encoder())
        results.append(sentence_embeddings.embed(["dankeschön"]))

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(encoders) == 4 and all(encoder is encoders[0] for encoder in encoders)
    assert sentence_embeddings.is_loaded()
    for result in results[1:]:
        np.testing.assert_allclose(result, results[0], atol=1e-5)


def test_fingerprint_is_stable_and_short():
    assert sentence_embeddings.fingerprint() == sentence_embeddings.fingerprint()
    assert len(sentence_embeddings.fingerprint()) == 16


def test_engine_environment_adds_passive_openmp_waiting_without_overriding():
    assert sentence_embeddings.engine_environment({"PATH": "/bin"}) == {
        "PATH": "/bin", "OMP_WAIT_POLICY": "passive"}
    assert sentence_embeddings.engine_environment({"OMP_WAIT_POLICY": "active"}) == {
        "OMP_WAIT_POLICY": "active"}


def test_loading_leaves_the_process_environment_as_it_was(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    monkeypatch.setattr(sentence_embeddings, "_encoder", None)
    sentence_embeddings.get_encoder()
    assert "OMP_WAIT_POLICY" not in os.environ
