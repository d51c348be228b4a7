"""The shared passage-embedding cache: reuse, atomic rebuilds, damaged files, other encoders."""

from __future__ import annotations

import numpy as np

from nlu.embedding_cache import EmbeddingCache, read


def _embedder(log: list[str]):
    def embed(batch: list[str]) -> list[np.ndarray]:
        log.extend(batch)
        return [np.full(4, float(len(text)), dtype=np.float32) for text in batch]

    return embed


def test_built_once_then_read(tmp_path):
    log: list[str] = []
    cache = EmbeddingCache(tmp_path, model="enc-1", dimension=4, batch=2)
    path, vectors = cache.vectors(["a", "bb", "ccc"], _embedder(log))
    assert log == ["a", "bb", "ccc"] and vectors.shape == (3, 4) and vectors[2][0] == 3.0
    again, vectors_again = cache.vectors(["a", "bb", "ccc"], _embedder(log))
    assert again == path and len(log) == 3 and np.array_equal(vectors, vectors_again)
    assert read(path)[:2] == ("enc-1", ["a", "bb", "ccc"])


def test_a_changed_set_embeds_only_the_new_keys_and_removes_the_old_file(tmp_path):
    log: list[str] = []
    cache = EmbeddingCache(tmp_path, model="enc-1", dimension=4)
    first, _ = cache.vectors(["a", "bb"], _embedder(log))
    second, vectors = cache.vectors(["a", "bb", "dddd"], _embedder(log))
    assert log == ["a", "bb", "dddd"] and second != first and not first.exists()
    assert vectors[2][0] == 4.0


def test_another_encoder_reuses_nothing_and_damaged_files_are_rebuilt(tmp_path):
    log: list[str] = []
    EmbeddingCache(tmp_path, model="enc-1", dimension=4).vectors(["a"], _embedder(log))
    other = EmbeddingCache(tmp_path, model="enc-2", dimension=4)
    path, _ = other.vectors(["a"], _embedder(log))
    assert log == ["a", "a"]
    path.write_bytes(b"not a zip file")
    _, vectors = other.vectors(["a"], _embedder(log))
    assert log == ["a", "a", "a"] and vectors.shape == (1, 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", path.name]


def test_an_empty_set(tmp_path):
    path, vectors = EmbeddingCache(tmp_path, model="m", dimension=4).vectors([], _embedder([]))
    assert vectors.shape == (0, 4) and path.exists()
