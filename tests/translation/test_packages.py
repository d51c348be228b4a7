"""Where installed packages are found and which one serves a pair."""

import json
import shutil
from pathlib import Path

import pytest

from translation.packages import (
    PackageError,
    active_packages,
    argos_packages_dir,
    default_package_dirs,
    find_package,
    installed_packages,
    project_packages_dir,
    read_package,
    validate_metadata,
)


def copy_package(source: Path, directory: Path, name: str, **metadata_updates) -> Path:
    target = directory / name
    shutil.copytree(source, target)
    metadata = json.loads((target / "metadata.json").read_text())
    (target / "metadata.json").write_text(json.dumps({**metadata, **metadata_updates}))
    return target


def test_project_dir_from_environment_or_var_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("LOTSE_TRANSLATION_DIR", str(tmp_path / "mine"))
    assert project_packages_dir() == (tmp_path / "mine").resolve()
    monkeypatch.delenv("LOTSE_TRANSLATION_DIR")
    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path / "var"))
    assert project_packages_dir() == (tmp_path / "var").resolve() / "translation-packages"


def test_argos_dir_resolved_like_argostranslate(monkeypatch, tmp_path):
    for name in ("ARGOS_PACKAGES_DIR", "ARGOS_TRANSLATE_PACKAGES_DIR", "XDG_DATA_HOME", "SNAP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert argos_packages_dir() == tmp_path / "home" / ".local/share/argos-translate/packages"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert argos_packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    monkeypatch.setenv("ARGOS_TRANSLATE_PACKAGES_DIR", str(tmp_path / "legacy"))
    assert argos_packages_dir() == tmp_path / "legacy"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    assert argos_packages_dir() == tmp_path / "argos"
    assert default_package_dirs()[1] == tmp_path / "argos"


def test_packages_from_both_directories_highest_version_wins(packages_dir, tmp_path):
    ours, argos = tmp_path / "ours", tmp_path / "argos"
    ours.mkdir()
    argos.mkdir()
    ar_en = packages_dir / "translate-ar_en-1_0"
    copy_package(ar_en, ours, "ar_en_old", package_version="1.0")
    copy_package(ar_en, argos, "ar_en_new", package_version="1.10")
    copy_package(packages_dir / "translate-uk_en-1_0", argos, "uk_en")
    found = installed_packages([ours, argos])
    assert sorted((p.pair, p.source_dir.name) for p in found) == [
        (("ar", "en"), "argos"), (("ar", "en"), "ours"), (("uk", "en"), "argos")]
    active = active_packages(found)
    # 1.10 is newer than 1.9 and 1.0: versions compare as versions, not as strings.
    assert active[("ar", "en")].package_version == "1.10"
    assert active[("uk", "en")].source_dir == argos
    assert find_package("de", "en", [ours, argos]) is None


def test_same_version_in_both_directories_prefers_the_project_one(packages_dir, tmp_path):
    ours, argos = tmp_path / "ours", tmp_path / "argos"
    ours.mkdir()
    argos.mkdir()
    copy_package(packages_dir / "translate-ar_en-1_0", argos, "a")
    copy_package(packages_dir / "translate-ar_en-1_0", ours, "b")
    assert find_package("ar", "en", [ours, argos]).source_dir == ours


def test_broken_hidden_and_stray_entries_are_skipped(packages_dir, tmp_path, caplog):
    directory = tmp_path / "pkgs"
    directory.mkdir()
    copy_package(packages_dir / "translate-de_en-1_0", directory, "good")
    broken = copy_package(packages_dir / "translate-en_de-1_0", directory, "broken")
    (broken / "sentencepiece.model").unlink()
    bad_json = copy_package(packages_dir / "translate-uk_en-1_0", directory, "bad-json")
    (bad_json / "metadata.json").write_text("{not json")
    copy_package(packages_dir / "translate-ar_en-1_0", directory, ".tmp-install-123")
    (directory / "notes.txt").write_text("not a package")
    assert [p.path.name for p in installed_packages([directory])] == ["good"]
    assert "sentencepiece.model missing" in caplog.text and "not valid JSON" in caplog.text


def test_package_fields_come_from_metadata(packages_dir):
    package = read_package(packages_dir / "translate-ar_en-1_0")
    assert (package.from_code, package.to_code, package.package_version, package.name) == (
        "ar", "en", "1.0", "translate-ar_en")
    assert package.as_dict()["source_dir"] == str(packages_dir)
    assert (package.model_dir / "model.bin").is_file()


@pytest.mark.parametrize("metadata, message", [
    ([], "not a JSON object"),
    ({"from_code": "ar", "package_version": "1"}, "to_code"),
    ({"from_code": "Arabic", "to_code": "en", "package_version": "1"}, "from_code"),
    ({"from_code": "ar", "to_code": "en"}, "package_version"),
    ({"from_code": "ar", "to_code": "en", "package_version": "1", "type": "sbd"}, "not a translation"),
    ({"from_code": "ar", "to_code": "en", "package_version": "1", "target_prefix": 3}, "target_prefix"),
])
def test_invalid_metadata_is_refused(metadata, message):
    with pytest.raises(PackageError, match=message):
        validate_metadata(metadata)
