"""Train the Rasa model only when domain, config or training data changed."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from lotse.settings import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"
DOMAIN = BOT_DIR / "domain.yml"
CONFIG = BOT_DIR / "config.yml"
DATA_DIR = BOT_DIR / "data"


# Custom NLU components named in bot/config.yml: their code shapes the trained model too.
CUSTOM_COMPONENTS = [PROJECT_ROOT / "nlu" / "sentence_embedding_featurizer.py",
                     PROJECT_ROOT / "nlu" / "sentence_embeddings.py"]


def _training_inputs() -> list[Path]:
    return [DOMAIN, CONFIG, *sorted(p for p in DATA_DIR.rglob("*.yml")), *CUSTOM_COMPONENTS]


def fingerprint(epochs: int | None = None) -> str:
    """Hash of everything the model is trained from (and the epochs, when overridden)."""
    digest = hashlib.sha256()
    for path in _training_inputs():
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(f"epochs={epochs}".encode())
    return digest.hexdigest()[:16]


def model_path(model_dir: Path, epochs: int | None = None) -> Path:
    return model_dir / f"lotse-{fingerprint(epochs)}.tar.gz"


def _config_with_epochs(epochs: int, workdir: Path) -> Path:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    for component in config.get("pipeline", []):
        if "epochs" in component:
            component["epochs"] = epochs
    path = workdir / "config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def rasa_env() -> dict[str, str]:
    """Environment for Rasa and action-server processes: every one of them may embed text."""
    from nlu.sentence_embeddings import engine_environment

    env = engine_environment()
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("PYTHONWARNINGS", "ignore")
    return env


def train(model_dir: Path, *, epochs: int | None = None, force: bool = False,
          cache_dir: Path | None = None) -> Path:
    """Train unless a model with the same fingerprint exists; returns the model path.

    `cache_dir` replaces Rasa's training cache (an empty one measures training from scratch).
    """
    target = model_path(model_dir, epochs)
    if target.is_file() and not force:
        return target
    model_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = _config_with_epochs(epochs, Path(tmp)) if epochs else CONFIG
        command = [
            str(Path(sys.executable).with_name("rasa")), "train",
            "--domain", str(DOMAIN), "--config", str(config), "--data", str(DATA_DIR),
            "--out", str(model_dir), "--fixed-model-name", target.name[: -len(".tar.gz")],
        ]
        env = rasa_env()
        if cache_dir is not None:
            env["RASA_CACHE_DIRECTORY"] = str(cache_dir)
        subprocess.run(command, check=True, env=env, cwd=PROJECT_ROOT)
    if not target.is_file():
        raise RuntimeError(f"rasa train did not write {target}")
    return target
