"""`lotse translate --from L --to L`: stdin to stdout, never failing for a missing package."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lotse.settings import PROJECT_ROOT
from tests.translation.support import fixture_file
from translation.installer import install

LOTSE = str(Path(sys.executable).with_name("lotse"))


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    packages = tmp_path_factory.mktemp("packages")
    for pair in ("de_en", "ar_en", "en_de"):
        install(str(fixture_file(pair)), target_dir=packages)
    return {"LOTSE_TRANSLATION_DIR": str(packages),
            "ARGOS_PACKAGES_DIR": str(tmp_path_factory.mktemp("argos")),
            "LOTSE_REDIS_URL": "", "PYTHONPATH": str(PROJECT_ROOT)}


def translate(env, *args, stdin):
    return subprocess.run([LOTSE, "translate", *args], input=stdin, capture_output=True, text=True,
                          timeout=180, env={**os.environ, **env})


def test_stdin_to_stdout(env):
    text = "Ich war beim Jobcenter. Meine Nummer ist 0341 123456.\n"
    result = translate(env, "--from", "de", "--to", "en", stdin=text)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.endswith("\n") and result.stdout != text
    assert "0341 123456" in result.stdout and "Jobcenter (job centre" in result.stdout


def test_json_output_and_names(env):
    result = translate(env, "--from", "ar", "--to", "de", "--json", "--name", "أحمد",
                       stdin="اسمي أحمد.")
    data = json.loads(result.stdout)
    assert data["translated"] and data["pivot"] == "en" and "أحمد" in data["text"]
    assert data["model"] == "translate-ar_en+translate-en_de"


def test_missing_pair_writes_the_original_and_a_notice(env):
    result = translate(env, "--from", "fa", "--to", "de", stdin="سلام، حال شما چطور است؟\n")
    assert result.returncode == 0
    assert result.stdout == "سلام، حال شما چطور است؟\n"
    assert result.stderr.strip() == \
        "lotse: not translated: no translation package for fa->de (nor through en)"


def test_unknown_language_code(env):
    result = translate(env, "--from", "klingon!", "--to", "de", stdin="nuqneH")
    assert result.returncode == 0 and result.stdout == "nuqneH"
    assert "unsupported language code" in result.stderr and "Traceback" not in result.stderr


def test_long_input_is_capped_with_a_notice(env):
    result = translate(env, "--from", "de", "--to", "en", "--max-chars", "200",
                       stdin="Ein Satz über das Wetter. " * 40)
    assert result.returncode == 0 and result.stdout
    assert "only the beginning was translated" in result.stderr
