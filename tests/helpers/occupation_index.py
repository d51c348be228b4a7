"""One occupation index per test session, in the test var dir (the stack's action server and the
occupation tests search it).

Building embeds ~28,000 passages (minutes on two cores), so a session seeds its var dir from the
indexes that already exist (the project's own, or the one an earlier test session built, kept
like the trained test model under var/test-models) and `build_index` embeds only what is new.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from lotse.settings import PROJECT_ROOT

INDEX_CACHE = PROJECT_ROOT / "var" / "test-models" / "occupation-index"


def _copy(source: Path, target: Path) -> None:
    """Atomic, so that a concurrent session never sees half a file under the final name."""
    temporary = target.with_name(f".copy-{os.getpid()}-{target.name}")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def ensure_index(var_dir: Path) -> Path:
    from classifications import occupation_search

    directory = var_dir / occupation_search.INDEX_DIRNAME
    directory.mkdir(parents=True, exist_ok=True)
    wanted = directory / f"{occupation_search.INDEX_PREFIX}" \
        f"{occupation_search.index_fingerprint(occupation_search.passage_texts())}.npz"
    if not wanted.exists():
        for seed in (INDEX_CACHE, PROJECT_ROOT / "var" / occupation_search.INDEX_DIRNAME):
            for path in seed.glob(f"{occupation_search.INDEX_PREFIX}*.npz"):
                _copy(path, directory / path.name)
    path = occupation_search.build_index(directory=directory)
    INDEX_CACHE.mkdir(parents=True, exist_ok=True)
    if not (INDEX_CACHE / path.name).exists():
        for old in INDEX_CACHE.glob(f"{occupation_search.INDEX_PREFIX}*.npz"):
            old.unlink(missing_ok=True)
        _copy(path, INDEX_CACHE / path.name)
    occupation_search.reset()  # search() reads the index of this var dir from now on
    return path
