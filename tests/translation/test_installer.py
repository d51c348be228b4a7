"""Installing packages: checked before anything is written, atomic, from files and URLs."""

import hashlib
import os
import shutil
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from tests.translation.support import (
    fixture_file,
    fixture_packages,
    rebuild,
    serve_directory,
    with_metadata,
)
from translation.installer import MAX_RATIO, InstallError, install, install_archive
from translation.packages import installed_packages
from translation.translator import Translator


def entries(directory: Path) -> list[str]:
    """Everything in a package directory except the lock file."""
    return sorted(p.name for p in directory.iterdir() if p.name != ".install.lock") \
        if directory.exists() else []


def test_install_from_path_with_sha256(tmp_path):
    target = tmp_path / "pkgs"
    expected = {p["file"]: p["sha256"] for p in fixture_packages()}
    package = install_archive(fixture_file("ar_en"), target_dir=target,
                              sha256=expected["translate-ar_en-1_0.argosmodel"].upper())
    assert (package.from_code, package.to_code, package.package_version) == ("ar", "en", "1.0")
    assert package.path == target / "translate-ar_en-1_0"
    assert (package.path / "model" / "model.bin").is_file()
    assert entries(target) == ["translate-ar_en-1_0"]  # no temporary leftovers


def test_sha256_mismatch_is_refused(tmp_path):
    target = tmp_path / "pkgs"
    with pytest.raises(InstallError, match="sha256 mismatch"):
        install(str(fixture_file("ar_en")), target_dir=target, sha256="0" * 64)
    assert entries(target) == []


def test_malformed_sha256_is_refused(tmp_path):
    with pytest.raises(InstallError, match="64 hexadecimal"):
        install(str(fixture_file("ar_en")), target_dir=tmp_path, sha256="abc")


def drop(fragment):
    return lambda name, data: None if fragment in name else (name, data)


def bad_metadata(name, data):
    return (name, b"{\"from_code\": \"ar\", ") if name.endswith("metadata.json") else (name, data)


def truncate(source: Path, destination: Path) -> Path:
    destination.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    return destination


def flip_bytes(source: Path, destination: Path) -> Path:
    """Damage the stored data of the largest member; the zip directory stays intact."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        largest = max(archive.infolist(), key=lambda i: i.compress_size)
    middle = largest.header_offset + 100 + largest.compress_size // 2
    data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
    destination.write_bytes(bytes(data))
    return destination


def corrupt_weights(name, data):
    return (name, os.urandom(len(data))) if name.endswith("model.bin") else (name, data)


@pytest.mark.parametrize("make, message", [
    (lambda src, dst: truncate(src, dst), "not a zip archive"),
    (lambda src, dst: flip_bytes(src, dst), "(Bad CRC|Error -3|invalid)"),
    (lambda src, dst: rebuild(src, dst, drop("/model/")), "model/model.bin missing"),
    (lambda src, dst: rebuild(src, dst, drop("sentencepiece.model")), "sentencepiece.model missing"),
    (lambda src, dst: rebuild(src, dst, bad_metadata), "metadata.json is not valid JSON"),
    (lambda src, dst: with_metadata(src, dst, from_code=None), "from_code"),
    (lambda src, dst: with_metadata(src, dst, package_version=""), "package_version"),
    (lambda src, dst: rebuild(src, dst, corrupt_weights), "model does not load"),
], ids=["truncated", "damaged-data", "no-model", "no-sentencepiece", "bad-json", "no-from-code", "no-version",
        "corrupt-weights"])
def test_corrupted_packages_are_refused_and_nothing_is_left(tmp_path, make, message):
    archive = make(fixture_file("de_en"), tmp_path / "broken.argosmodel")
    target = tmp_path / "pkgs"
    with pytest.raises(InstallError, match=message):
        install(str(archive), target_dir=target)
    assert entries(target) == []
    assert installed_packages([target]) == []


def write_zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> Path:
    """A package archive with the fixture's real members plus `members` (name -> data)."""
    with zipfile.ZipFile(fixture_file("de_en")) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            if not info.is_dir():
                out.writestr(info.filename, source.read(info))
        for name, data in members.items():
            out.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            out.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("members, symlink, message", [
    ({"translate-de_en-1_0/../../evil.txt": b"x"}, None, "leaves the package folder"),
    ({"../evil.txt": b"x"}, None, "leaves the package folder"),
    ({"/tmp/evil.txt": b"x"}, None, "absolute path"),
    ({"translate-de_en-1_0\\..\\evil.txt": b"x"}, None, "unsafe name"),
    ({}, "translate-de_en-1_0/link", "symlink"),
    ({"other/README.md": b"x"}, None, "exactly one top-level folder"),
    ({"README.md": b"x"}, None, "outside the package folder"),
], ids=["dotdot-inside", "dotdot", "absolute", "backslash", "symlink", "two-folders", "top-level-file"])
def test_unsafe_archives_are_refused(tmp_path, members, symlink, message):
    archive = write_zip(tmp_path / "evil.argosmodel", members, symlink=symlink)
    target = tmp_path / "pkgs"
    with pytest.raises(InstallError, match=message):
        install(str(archive), target_dir=target, check_model=False)
    assert entries(target) == []
    assert not (tmp_path / "evil.txt").exists()


def test_zip_bomb_is_refused(tmp_path):
    archive = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(fixture_file("de_en")) as source, \
            zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if not info.is_dir():
                out.writestr(info.filename, source.read(info))
        out.writestr("translate-de_en-1_0/padding.bin", b"\0" * (64 << 20))
    info = zipfile.ZipFile(archive).getinfo("translate-de_en-1_0/padding.bin")
    assert info.file_size > MAX_RATIO * info.compress_size
    with pytest.raises(InstallError, match="zip bomb"):
        install(str(archive), target_dir=tmp_path / "pkgs", check_model=False)
    assert entries(tmp_path / "pkgs") == []


def test_failed_reinstall_keeps_the_working_package(tmp_path, packages_dir):
    target = tmp_path / "pkgs"
    install(str(fixture_file("de_en")), target_dir=target)
    before = Translator(package_dirs=[target]).translate("Hallo Welt.", "de", "en")
    broken = rebuild(fixture_file("de_en"), tmp_path / "broken.argosmodel", corrupt_weights)
    with pytest.raises(InstallError):
        install(str(broken), target_dir=target)
    assert entries(target) == ["translate-de_en-1_0"]
    after = Translator(package_dirs=[target]).translate("Hallo Welt.", "de", "en")
    assert after.translated and after.text == before.text


def test_new_version_replaces_the_old_one(tmp_path):
    target = tmp_path / "pkgs"
    install(str(fixture_file("de_en")), target_dir=target)
    newer = with_metadata(fixture_file("de_en"), tmp_path / "de_en-1_1.argosmodel", package_version="1.1")
    package = install(str(newer), target_dir=target)
    assert package.package_version == "1.1"
    assert entries(target) == ["translate-de_en-1_1"]
    # Reinstalling the same version swaps the directory for a complete new one.
    again = install(str(newer), target_dir=target)
    assert again.path == package.path and entries(target) == ["translate-de_en-1_1"]


def test_concurrent_installs_of_one_package_leave_one_complete_copy(tmp_path):
    target = tmp_path / "pkgs"
    errors = []

    def run():
        try:
            install(str(fixture_file("uk_en")), target_dir=target)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert entries(target) == ["translate-uk_en-1_0"]
    assert [p.pair for p in installed_packages([target])] == [("uk", "en")]


def test_install_from_url(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(fixture_file("en_de"), served / "translate-en_de-1_0.argosmodel")
    digest = hashlib.sha256((served / "translate-en_de-1_0.argosmodel").read_bytes()).hexdigest()
    target = tmp_path / "pkgs"
    with serve_directory(served) as base:
        package = install(f"{base}translate-en_de-1_0.argosmodel", target_dir=target, sha256=digest)
        assert package.pair == ("en", "de")
        with pytest.raises(InstallError, match="cannot download .*404"):
            install(f"{base}missing.argosmodel", target_dir=target)
        with pytest.raises(InstallError, match="sha256 mismatch"):
            install(f"{base}translate-en_de-1_0.argosmodel", target_dir=tmp_path / "other",
                    sha256="1" * 64)
    assert entries(target) == ["translate-en_de-1_0"]
    assert entries(tmp_path / "other") == []


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InstallError, match="no such file"):
        install(str(tmp_path / "nothing.argosmodel"), target_dir=tmp_path / "pkgs")
