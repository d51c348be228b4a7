"""Fixtures for translation tests: packages installed from the committed fixture archives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.translation.support import delete_prefix, fixture_packages, unique_prefix
from translation.installer import install_archive
from translation.translator import Translator


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All fixture packages (ar_en, en_de, de_en, uk_en), installed once per session."""
    from tests.translation.support import FIXTURES

    directory = tmp_path_factory.mktemp("translation-packages")
    for entry in fixture_packages():
        install_archive(FIXTURES / entry["file"], sha256=entry["sha256"], target_dir=directory)
    return directory


@pytest.fixture
def translator(packages_dir: Path) -> Translator:
    """A translator over the fixture packages without a cache, so every call runs the models."""
    return Translator(package_dirs=[packages_dir], cache=None)


@pytest.fixture
def redis_prefix():
    prefix = unique_prefix()
    yield prefix
    delete_prefix(prefix)


@pytest.fixture(autouse=True)
def _no_ambient_packages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read packages installed on the machine running them."""
    monkeypatch.setenv("LOTSE_TRANSLATION_DIR", str(tmp_path / "lotse-packages"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
