"""`lotse occupation` through a real subprocess: JSON out, whatever the query."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LOTSE = str(Path(sys.executable).with_name("lotse"))
pytestmark = pytest.mark.usefixtures("occupation_index")


def run(*args: str) -> subprocess.CompletedProcess:
    # the session's LOTSE_VAR_DIR (set by lotse_env) holds the built index
    return subprocess.run([LOTSE, "occupation", *args], capture_output=True, text=True, timeout=300,
                          env=os.environ.copy())


def test_json_list_of_matches():
    done = run("Tischler")
    assert done.returncode == 0, done.stderr
    matches = json.loads(done.stdout)
    assert len(matches) == 5
    first = matches[0]
    assert {"kldb", "title_de", "isco", "score", "job_title_de", "esco_uri", "title_en"} <= set(first)
    assert first["kldb"] == "22342" and first["isco"] == "7522" and first["score"] > 0.8
    assert first["job_title_de"] == "Tischler/Tischlerin"
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)


def test_words_lang_and_top():
    done = run("I", "was", "a", "taxi", "driver", "--lang", "en", "--top", "2")
    assert done.returncode == 0, done.stderr
    matches = json.loads(done.stdout)
    assert len(matches) == 2 and matches[0]["kldb"] == "52112"
    done = run("кухар", "--top", "1")
    assert json.loads(done.stdout)[0]["kldb"] == "29302"
    assert "кухар" not in done.stdout or "\\u" not in done.stdout  # UTF-8, not escapes


def test_nothing_to_search():
    done = run("🙂")
    assert done.returncode == 0 and json.loads(done.stdout) == []
    done = run()
    assert done.returncode == 2 and "QUERY" in done.stderr


def test_build_index_finds_the_built_one(occupation_index):
    done = run("--build-index")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert Path(result["index"]) == occupation_index and result["seconds"] < 60
