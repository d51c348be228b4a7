"""`lotse kb validate | import | export` through real subprocesses, on a real SQLite file."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge_base.entry import ENTRIES_DIR, entry_files
from lotse.settings import PROJECT_ROOT

LOTSE = str(Path(sys.executable).with_name("lotse"))
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "knowledge_base"
DAY = "2026-11-22"


@pytest.fixture
def env(tmp_path):
    return {"LOTSE_VAR_DIR": str(tmp_path / "var"),
            "LOTSE_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'kb.db'}",
            # the package may be newer than the environment's editable install
            "PYTHONPATH": str(PROJECT_ROOT)}


def lotse(env, *args):
    return subprocess.run([LOTSE, "kb", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, **env})


def test_validate_the_shipped_entries(env):
    done = lotse(env, "validate", "--today", DAY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(entry_files(ENTRIES_DIR))} entries" in done.stderr and "0 errors" in done.stderr


def test_validate_reports_problems_and_fails_on_errors(env):
    done = lotse(env, "validate", "--dir", str(FIXTURES / "stale"), "--today", DAY)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("error   leipzig-test-waste  expired: valid until 2026-10-31")
    assert "2 errors, 2 warnings" in done.stderr


def test_validate_json_lines(env):
    done = lotse(env, "validate", "--dir", str(FIXTURES / "outdated"), "--json", "--today", DAY)
    assert done.returncode == 0  # warnings only
    problems = [json.loads(line) for line in done.stdout.splitlines()]
    assert [p["code"] for p in problems] == ["machine_draft", "missing_language",
                                             "outdated_translation"]
    assert set(problems[0]) == {"entry_id", "level", "code", "message"}


def test_validate_broken_files_without_a_traceback(env):
    done = lotse(env, "validate", "--dir", str(FIXTURES / "broken"), "--json", "--today", DAY)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    problems = [json.loads(line) for line in done.stdout.splitlines()]
    assert {p["entry_id"] for p in problems if p["code"] == "schema"} >= {
        "not-yaml", "leipzig-test-missing-fields", "leipzig-test-wrong-values"}


def test_missing_directory_and_bad_date(env, tmp_path):
    done = lotse(env, "validate", "--dir", str(tmp_path / "nothing"))
    assert done.returncode == 1 and done.stderr.startswith("lotse: no such directory")
    done = lotse(env, "validate", "--today", "tomorrow")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_import_then_export_reproduces_the_files(env, tmp_path):
    imported = lotse(env, "import")
    assert imported.returncode == 0, imported.stderr
    count = len(entry_files(ENTRIES_DIR))
    assert json.loads(imported.stdout)["created"] == count
    again = lotse(env, "import")
    assert json.loads(again.stdout)["unchanged"] == count
    out = tmp_path / "exported"
    exported = lotse(env, "export", "--dir", str(out))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["written"] == count
    for path in entry_files(ENTRIES_DIR):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    assert json.loads(lotse(env, "export", "--dir", str(out)).stdout)["unchanged"] == count


def test_export_reports_and_prunes_stale_files(env, tmp_path):
    directory = tmp_path / "entries"
    shutil.copytree(FIXTURES / "valid", directory)
    assert lotse(env, "import", "--dir", str(directory)).returncode == 0
    shutil.copy(FIXTURES / "stale" / "leipzig-test-waste.yml", directory / "leipzig-old.yml")
    done = lotse(env, "export", "--dir", str(directory))
    assert done.returncode == 0 and "leipzig-old.yml has no entry" in done.stderr
    assert json.loads(done.stdout)["stale"] == ["leipzig-old.yml"]
    assert (directory / "leipzig-old.yml").exists()
    done = lotse(env, "export", "--dir", str(directory), "--prune")
    assert json.loads(done.stdout)["removed"] == ["leipzig-old.yml"]
    assert sorted(p.name for p in directory.iterdir()) == ["leipzig-test-library-card.yml",
                                                          "leipzig-test-waste.yml"]


def test_import_refuses_broken_files_and_export_an_empty_database(env, tmp_path):
    done = lotse(env, "import", "--dir", str(FIXTURES / "broken"))
    assert done.returncode == 1 and done.stderr.startswith("lotse: nothing imported")
    assert len(done.stderr.strip().splitlines()) == 1
    done = lotse(env, "export", "--dir", str(tmp_path / "out"))
    assert done.returncode == 1 and "holds no entries" in done.stderr
    assert not (tmp_path / "out").exists()
