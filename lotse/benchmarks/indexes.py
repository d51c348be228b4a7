"""Benchmarks run on a throw-away var dir; the occupation index there is copied, not rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path


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
