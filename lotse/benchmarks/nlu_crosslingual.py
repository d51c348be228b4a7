"""Cross-lingual intent recognition with and without the multilingual sentence-embedding featurizer.

Two NLU models are trained from the bot's German and English examples only (plus the files that
hold no examples: synonyms, regexes, lookups), with the production pipeline once without and once
with `MultilingualSentenceFeaturizer`. Both are evaluated the way `rasa test nlu` does (Rasa's own
`run_evaluation`) on examples in Arabic, Farsi, Ukrainian, Russian and Turkish that neither model
has seen (`data/nlu_crosslingual/<lang>.yml`, written for this benchmark).

Reported per test language and overall: intent accuracy, macro-F1 over the intents of the test
data, and "accepted accuracy" (right and above the FallbackClassifier's threshold: what the
person actually gets, since `rasa test nlu` undoes fallback predictions). Also the training time
of both models, the in-process parse latency of each, the featurizer's own cost per message and
the time the featurizer adds to training on the bot's full data (fit + embed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from lotse.benchmarks.stats import summarise
from lotse.training import BOT_DIR, CONFIG, DOMAIN, rasa_env

DATA_DIR = Path(__file__).parent / "data" / "nlu_crosslingual"
NLU_DIR = BOT_DIR / "data" / "nlu"
TRAIN_LANGUAGES = ("de", "en")
FEATURIZER = "nlu.sentence_embedding_featurizer.MultilingualSentenceFeaturizer"
# Fixed for both models, so that the difference is the featurizer's and not the initialisation's.
RANDOM_SEED = 42
VARIANTS = ("baseline", "featurizer")
TOP_CONFUSIONS = 8


def _has_examples(path: Path) -> bool:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return any("intent" in item for item in content.get("nlu") or [])


def training_files(nlu_dir: Path = NLU_DIR) -> list[Path]:
    """The German and English example files and every file without examples (synonyms,
    regexes, lookups), which belongs to no language."""
    return [path for path in sorted(nlu_dir.glob("*.yml"))
            if path.stem in TRAIN_LANGUAGES or not _has_examples(path)]


def pipeline_config(with_featurizer: bool, epochs: int | None) -> dict[str, Any]:
    """The production NLU config, with or without the featurizer (inserted before
    DIETClassifier when production lacks it), DIET's epochs and a fixed seed."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    config.pop("policies", None)
    pipeline = [component for component in config["pipeline"] if component["name"] != FEATURIZER]
    if with_featurizer:
        diet = next(i for i, c in enumerate(pipeline) if c["name"] == "DIETClassifier")
        production = next((c for c in config["pipeline"] if c["name"] == FEATURIZER), None)
        pipeline.insert(diet, dict(production or {"name": FEATURIZER}))
    for component in pipeline:
        if component["name"] == "DIETClassifier":
            component["random_seed"] = RANDOM_SEED
            if epochs:
                component["epochs"] = epochs
    config["pipeline"] = pipeline
    return config


def _diet_epochs(config: dict[str, Any]) -> int:
    return next(c.get("epochs", 300) for c in config["pipeline"] if c["name"] == "DIETClassifier")


def _fallback_threshold(config: dict[str, Any]) -> float | None:
    return next((c.get("threshold", 0.3) for c in config["pipeline"]
                 if c["name"] == "FallbackClassifier"), None)


@contextlib.contextmanager
def _quiet_rasa() -> Iterator[None]:
    """Rasa prints progress and results on stdout, which must carry only the JSON; its debug
    log line per parsed message would also be timed with the parse."""
    import structlog

    saved = structlog.get_config()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        structlog.configure(**saved)


def _train(config: dict[str, Any], data_dir: Path, out: Path, name: str) -> tuple[Path, float]:
    from rasa.model_training import train_nlu

    config_path = out / f"{name}-config.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
    # No training cache: both models are timed from scratch and share nothing.
    previous = os.environ.get("RASA_MAX_CACHE_SIZE")
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"
    try:
        started = time.perf_counter()
        model = train_nlu(str(config_path), str(data_dir), str(out), fixed_model_name=name)
        seconds = time.perf_counter() - started
    finally:
        if previous is None:
            os.environ.pop("RASA_MAX_CACHE_SIZE", None)
        else:
            os.environ["RASA_MAX_CACHE_SIZE"] = previous
    if not model:
        raise RuntimeError(f"training the {name} model failed")
    return Path(model), round(seconds, 1)


def _scores(predictions: list[dict[str, Any]], threshold: float | None) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score

    targets = [p["intent"] for p in predictions]
    predicted = [p["predicted"] or "" for p in predictions]
    accepted = [p["intent"] == p["predicted"] and (threshold is None or p["confidence"] >= threshold)
                for p in predictions]
    return {
        "accuracy": round(float(accuracy_score(targets, predicted)), 4),
        # Over the intents the test data has: an intent the test data lacks (inform, say) has no
        # F1 worth averaging, its wrong predictions already lower the others' precision.
        "macro_f1": round(float(f1_score(targets, predicted, labels=sorted(set(targets)),
                                         average="macro", zero_division=0)), 4),
        "accepted_accuracy": round(sum(accepted) / len(accepted), 4),
        "n": len(predictions),
    }


async def _evaluate(model: Path, test_files: dict[str, Path], threshold: float | None,
                    repeat: int) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.nlu.test import run_evaluation

    from nlu import sentence_embeddings

    agent = Agent.load(str(model))
    per_language: dict[str, Any] = {}
    pooled: list[dict[str, Any]] = []
    for language, path in test_files.items():
        result = await run_evaluation(str(path), agent.processor, disable_plotting=True,
                                      report_as_dict=True, domain_path=str(DOMAIN))
        predictions = result["intent_evaluation"]["predictions"]
        per_language[language] = _scores(predictions, threshold)
        pooled += predictions
    parse_ms: list[float] = []
    texts = [p["text"] for p in pooled]
    for _ in range(repeat):
        for text in texts:
            sentence_embeddings.forget_recent()  # each parse as of a new message
            started = time.perf_counter()
            await agent.parse_message(text)
            parse_ms.append((time.perf_counter() - started) * 1000)
    confusions = Counter(f"{p['intent']} -> {p['predicted']}" for p in pooled
                         if p["intent"] != p["predicted"])
    return {"per_language": per_language, "overall": _scores(pooled, threshold),
            "parse_ms": summarise(parse_ms), "texts": texts,
            "top_confusions": dict(confusions.most_common(TOP_CONFUSIONS))}


def _featurizer_ms(texts: list[str], repeat: int) -> dict[str, float]:
    from nlu import sentence_embeddings

    sentence_embeddings.warm_up()
    samples: list[float] = []
    for _ in range(repeat):
        for text in texts:
            sentence_embeddings.forget_recent()  # the embedding's cost, not the cache's
            started = time.perf_counter()
            sentence_embeddings.embed([text])
            samples.append((time.perf_counter() - started) * 1000)
    return summarise(samples)


def _production_embedding() -> dict[str, Any]:
    """What the featurizer adds to `lotse train`: fitting its standardisation and embedding all
    of the bot's NLU examples."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.shared.nlu.constants import TEXT

    from nlu.sentence_embedding_featurizer import MultilingualSentenceFeaturizer

    data = TrainingDataImporter.load_from_dict(training_data_paths=[str(NLU_DIR)]).get_nlu_data()
    config = MultilingualSentenceFeaturizer.get_default_config()
    with tempfile.TemporaryDirectory(prefix="lotse-bench-featurizer-") as tmp:
        featurizer = MultilingualSentenceFeaturizer.create(
            config, LocalModelStorage(Path(tmp)), Resource("featurizer"),
            ExecutionContext(GraphSchema({}), node_name="featurizer"))
        started = time.perf_counter()
        featurizer.train(data)
        fitted = time.perf_counter()
        featurizer.process_training_data(data)
        done = time.perf_counter()
    examples = sum(1 for message in data.training_examples if message.get(TEXT))
    return {"examples": examples, "seconds": round(done - started, 2),
            "fit_seconds": round(fitted - started, 2), "embed_seconds": round(done - fitted, 2),
            "embed_ms_per_example": round((done - fitted) * 1000 / max(examples, 1), 2),
            "batch_size": config["batch_size"], "fit_examples": config["fit_examples"]}


def _delta(base: dict[str, Any], feat: dict[str, Any]) -> dict[str, float]:
    return {key: round(feat[key] - base[key], 4) for key in ("accuracy", "macro_f1", "accepted_accuracy")}


def run(args: argparse.Namespace) -> dict[str, Any]:
    # The environment the Rasa processes get, set before Rasa loads OpenMP (see ENGINE_ENVIRONMENT).
    for name, value in rasa_env().items():
        os.environ.setdefault(name, value)
    data_dir = Path(args.data) if getattr(args, "data", None) else DATA_DIR
    repeat = getattr(args, "repeat", None) or 1
    test_files = {path.stem: path for path in sorted(data_dir.glob("*.yml"))}
    if not test_files:
        raise ValueError(f"no test files (<lang>.yml) in {data_dir}")
    configs = {variant: pipeline_config(variant == "featurizer", getattr(args, "epochs", None))
               for variant in VARIANTS}
    threshold = _fallback_threshold(configs["baseline"])

    with tempfile.TemporaryDirectory(prefix="lotse-bench-nlu-") as tmp, _quiet_rasa():
        work = Path(tmp)
        train_dir = work / "data"
        train_dir.mkdir()
        for path in training_files():
            shutil.copy(path, train_dir / path.name)
        trained = {variant: _train(configs[variant], train_dir, work, variant) for variant in VARIANTS}
        results = {variant: asyncio.run(_evaluate(trained[variant][0], test_files, threshold, repeat))
                   for variant in VARIANTS}
        featurizer_ms = _featurizer_ms(results["featurizer"]["texts"], repeat)
        production = _production_embedding()
        from rasa.shared.importers.importer import TrainingDataImporter

        train_examples = len(TrainingDataImporter.load_from_dict(
            training_data_paths=[str(train_dir)]).get_nlu_data().intent_examples)

    languages = list(test_files)
    base, feat = results["baseline"], results["featurizer"]
    return {
        "benchmark": "nlu-crosslingual",
        "train_languages": list(TRAIN_LANGUAGES),
        "train_files": [path.name for path in training_files()],
        "train_examples": train_examples,
        "test_data": str(data_dir),
        "test_examples": {lang: base["per_language"][lang]["n"] for lang in languages},
        "epochs": _diet_epochs(configs["baseline"]),
        "fallback_threshold": threshold,
        "intent": {
            **{lang: {"baseline": base["per_language"][lang], "featurizer": feat["per_language"][lang],
                      "delta": _delta(base["per_language"][lang], feat["per_language"][lang])}
               for lang in languages},
            "overall": {"baseline": base["overall"], "featurizer": feat["overall"],
                        "delta": _delta(base["overall"], feat["overall"])},
        },
        "training_seconds": {variant: trained[variant][1] for variant in VARIANTS},
        "parse_ms": {variant: results[variant]["parse_ms"] for variant in VARIANTS},
        "featurizer_ms_per_message": featurizer_ms,
        "production_training_embedding": production,
        "top_confusions": {variant: results[variant]["top_confusions"] for variant in VARIANTS},
        "repeat": repeat,
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "cpu_count": os.cpu_count(),
    }
