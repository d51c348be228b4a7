"""Everything under var/ is owner-only: database, logs, caches, indexes, secrets, run dir."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.security.conversation import run_marked_conversation

pytestmark = pytest.mark.server


def _open_to_others(root: Path) -> list[str]:
    found = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:  # a SQLite journal that came and went
            continue
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            found.append(f"{path.relative_to(root)} {stat.filemode(mode)}")
    return found


def test_nothing_under_var_is_readable_by_others(stack):
    run_marked_conversation(stack.settings.rasa_url)
    var = stack.settings.var_dir
    assert (var / "log" / "rasa.log").is_file() and any(var.glob("lotse.db*"))
    assert _open_to_others(var) == []
