"""`lotse models install | list | index` as an operator uses them (subprocesses, real files,
a real local HTTP server)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lotse.settings import PROJECT_ROOT
from tests.translation.support import fixture_file, fixture_packages, rebuild, serve_directory

LOTSE = str(Path(sys.executable).with_name("lotse"))


@pytest.fixture
def dirs(tmp_path):
    return {"LOTSE_TRANSLATION_DIR": str(tmp_path / "lotse-packages"),
            "ARGOS_PACKAGES_DIR": str(tmp_path / "argos-packages"),
            # The package may be newer than the environment's editable install.
            "PYTHONPATH": str(PROJECT_ROOT)}


def lotse(env, *args):
    return subprocess.run([LOTSE, *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, **env})


def assert_clean_failure(result, message):
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_install_then_list(dirs, tmp_path):
    sha = {p["file"]: p["sha256"] for p in fixture_packages()}["translate-ar_en-1_0.argosmodel"]
    installed = lotse(dirs, "models", "install", str(fixture_file("ar_en")), "--sha256", sha)
    assert installed.returncode == 0, installed.stderr
    package = json.loads(installed.stdout)
    assert (package["from"], package["to"], package["version"]) == ("ar", "en", "1.0")
    assert package["source_dir"] == dirs["LOTSE_TRANSLATION_DIR"]
    # A package installed by argospm is listed too.
    argos = Path(dirs["ARGOS_PACKAGES_DIR"])
    argos.mkdir()
    shutil.copytree(package["path"], argos / "ar_en")
    listed = [json.loads(line) for line in lotse(dirs, "models", "list").stdout.splitlines()]
    assert [(p["name"], p["source_dir"], p["active"]) for p in listed] == [
        ("translate-ar_en", dirs["LOTSE_TRANSLATION_DIR"], True),
        ("translate-ar_en", dirs["ARGOS_PACKAGES_DIR"], False)]


def test_install_refusals_are_one_line_errors(dirs, tmp_path):
    assert_clean_failure(lotse(dirs, "models", "install", str(fixture_file("ar_en")), "--sha256", "0" * 64),
                         "sha256 mismatch")
    broken = rebuild(fixture_file("ar_en"), tmp_path / "broken.argosmodel",
                     lambda name, data: None if "/model/" in name else (name, data))
    assert_clean_failure(lotse(dirs, "models", "install", str(broken)), "model/model.bin missing")
    assert_clean_failure(lotse(dirs, "models", "install", str(tmp_path / "none.argosmodel")), "no such file")
    assert lotse(dirs, "models", "list").stdout == ""


def test_install_by_url_and_from_an_index(dirs, tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    for pair in ("ar_en", "en_de", "de_en"):
        shutil.copy(fixture_file(pair), served / f"translate-{pair}-1_0.argosmodel")
    index = [{"from_code": p.split("_")[0], "to_code": p.split("_")[1], "package_version": "1.0",
              "code": f"translate-{p}", "links": [f"translate-{p}-1_0.argosmodel"]}
             for p in ("ar_en", "en_de")]
    (served / "index.json").write_text(json.dumps(index))
    with serve_directory(served) as base:
        by_url = lotse(dirs, "models", "install", f"{base}translate-de_en-1_0.argosmodel")
        assert by_url.returncode == 0, by_url.stderr
        listing = lotse(dirs, "models", "index", f"{base}index.json")
        assert [json.loads(line)["name"] for line in listing.stdout.splitlines()] == [
            "translate-ar_en", "translate-en_de"]
        pivot = lotse(dirs, "models", "index", f"{base}index.json", "--install", "ar", "de")
        assert pivot.returncode == 0, pivot.stderr
        assert [json.loads(line)["name"] for line in pivot.stdout.splitlines()] == [
            "translate-ar_en", "translate-en_de"]
        assert_clean_failure(lotse(dirs, "models", "index", f"{base}index.json", "--install", "fa", "de"),
                             "no package for fa->de")
        assert_clean_failure(lotse(dirs, "models", "install", f"{base}missing.argosmodel"), "404")
    names = {json.loads(line)["name"] for line in lotse(dirs, "models", "list").stdout.splitlines()}
    assert names == {"translate-de_en", "translate-ar_en", "translate-en_de"}
