"""Benchmarks that start the whole stack run it on a throw-away var dir: its own SQLite
database, data key and ports, and a copy of the occupation index (not rebuilt)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lotse.settings import Settings


def seed_occupation_index(var: Path) -> None:
    """Copy the project's or the test suite's occupation index into `var` (building it takes
    minutes and would compete with what is measured); `build_index` then only checks it."""
    from classifications.occupation_search import build_index
    from lotse.settings import PROJECT_ROOT

    target = var / "occupation-index"
    target.mkdir(parents=True, exist_ok=True)
    for seed in (PROJECT_ROOT / "var" / "occupation-index",
                 PROJECT_ROOT / "var" / "test-models" / "occupation-index"):
        for path in seed.glob("*.npz"):
            if not (target / path.name).exists():
                shutil.copyfile(path, target / path.name)
    build_index(directory=target)


@contextmanager
def scratch_environment(prefix: str, **env: str) -> Iterator[Settings]:
    """Settings of a fresh, migrated var dir (deleted afterwards); `env` adds variables."""
    from lotse.settings import load_settings
    from lotse.supervisor import free_port
    from storage.database import migrate
    from storage.encryption import generate_key, set_cipher, write_key_file

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        var = Path(tmp)
        os.environ.update({
            "LOTSE_VAR_DIR": str(var), "LOTSE_DATABASE_URL": f"sqlite:///{var / 'lotse.db'}",
            "LOTSE_DATA_KEY_FILE": str(var / "secrets" / "data.key"),
            "LOTSE_RASA_PORT": str(free_port()), "LOTSE_ACTIONS_PORT": str(free_port()),
            "LOTSE_PORTAL_PORT": str(free_port()), **env,
        })
        os.environ.pop("LOTSE_DATA_KEYS", None)
        settings = load_settings()
        write_key_file(settings.data_key_file, [generate_key()])
        set_cipher(None)
        migrate(settings.database_url)
        seed_occupation_index(var)
        yield settings
