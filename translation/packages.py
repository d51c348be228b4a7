"""Installed Argos Translate packages: where they live and what their metadata says.

A package is a directory holding `metadata.json`, `sentencepiece.model` and `model/` (a
CTranslate2 model). Packages are read from the project's own directory (`LOTSE_TRANSLATION_DIR`,
default `<var>/translation-packages`) and from the directory `argospm` installs into, so a
package installed either way is used.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.version import parse as parse_version

logger = logging.getLogger(__name__)

METADATA = "metadata.json"
SENTENCEPIECE = "sentencepiece.model"
MODEL_DIR = "model"
MODEL_WEIGHTS = "model/model.bin"
REQUIRED_MEMBERS = (METADATA, SENTENCEPIECE, MODEL_WEIGHTS)

# ISO 639-1/-3 codes, optionally with a region or script (Argos uses e.g. `pt_BR`, `zt`).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
MAX_METADATA_BYTES = 1 << 20


class PackageError(ValueError):
    """A package (archive or directory) that cannot be used; the message says why."""

    log_safe = True  # the message names package files only (lotse/log_privacy.py keeps it)


@dataclass(frozen=True)
class Package:
    """One installed translation package."""

    path: Path
    source_dir: Path
    from_code: str
    to_code: str
    package_version: str
    name: str
    target_prefix: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def model_dir(self) -> Path:
        return self.path / MODEL_DIR

    @property
    def sentencepiece_path(self) -> Path:
        return self.path / SENTENCEPIECE

    @property
    def pair(self) -> tuple[str, str]:
        return self.from_code, self.to_code

    def as_dict(self) -> dict[str, str]:
        return {"from": self.from_code, "to": self.to_code, "name": self.name,
                "version": self.package_version, "path": str(self.path),
                "source_dir": str(self.source_dir)}


def project_packages_dir() -> Path:
    """The project's own package directory (where `lotse models install` writes)."""
    configured = os.environ.get("LOTSE_TRANSLATION_DIR", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    from lotse.settings import load_settings

    return load_settings().var_dir / "translation-packages"


def argos_packages_dir() -> Path:
    """Where `argospm` installs packages, resolved as argostranslate.settings does."""
    for variable in ("ARGOS_PACKAGES_DIR", "ARGOS_TRANSLATE_PACKAGES_DIR"):  # the latter: before 1.2
        configured = os.environ.get(variable, "").strip()
        if configured:
            return Path(configured).expanduser()
    home = Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()
    data_home = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(data_home) if data_home else home / ".local" / "share") / "argos-translate" / "packages"


def default_package_dirs() -> list[Path]:
    """Package directories in order of precedence (the project's own first)."""
    dirs: list[Path] = []
    for directory in (project_packages_dir(), argos_packages_dir()):
        if directory not in dirs:
            dirs.append(directory)
    return dirs


def version_key(version: str) -> Any:
    return parse_version(version or "0")


def validate_metadata(metadata: Any, *, require_version: bool = True) -> dict[str, Any]:
    """The metadata as a dict if it describes a usable translation package, else PackageError."""
    if not isinstance(metadata, dict):
        raise PackageError("metadata.json is not a JSON object")
    kind = metadata.get("type", "translate")
    if kind != "translate":
        raise PackageError(f"package type {kind!r} is not a translation package")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
            raise PackageError(f"metadata.json: {key} missing or not a language code: {value!r}")
    version = metadata.get("package_version")
    if require_version and (not isinstance(version, str) or not version.strip()):
        raise PackageError("metadata.json: package_version missing")
    prefix = metadata.get("target_prefix", "")
    if not isinstance(prefix, str) or len(prefix) > 200:
        raise PackageError("metadata.json: target_prefix must be a short string")
    return metadata


def parse_metadata(raw: bytes, *, require_version: bool = True) -> dict[str, Any]:
    if len(raw) > MAX_METADATA_BYTES:
        raise PackageError("metadata.json is too large")
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"metadata.json is not valid JSON: {exc}") from exc
    return validate_metadata(metadata, require_version=require_version)


def package_name(metadata: Mapping[str, Any]) -> str:
    """Argos' own name for a package (`translate-ar_en`), from `code` when the index gave one."""
    code = metadata.get("code")
    if isinstance(code, str) and re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", code):
        return code
    return f"translate-{metadata['from_code']}_{metadata['to_code']}"


def read_package(path: Path, source_dir: Path | None = None) -> Package:
    """The package installed at `path`; PackageError when a required file is missing or invalid."""
    for member in REQUIRED_MEMBERS:
        if not (path / member).is_file():
            raise PackageError(f"{path}: {member} missing")
    # Argos packages ship `package_version`; an unversioned one still works, as in argos.
    metadata = parse_metadata((path / METADATA).read_bytes(), require_version=False)
    return Package(path=path, source_dir=source_dir or path.parent,
                   from_code=metadata["from_code"], to_code=metadata["to_code"],
                   package_version=str(metadata.get("package_version") or "0"),
                   name=package_name(metadata), target_prefix=metadata.get("target_prefix", ""),
                   metadata=metadata)


def installed_packages(dirs: Sequence[Path] | None = None) -> list[Package]:
    """Every readable package in `dirs` (default: the project's, then argospm's), in that order.

    Broken packages are skipped with a warning so one bad directory never disables the rest;
    hidden directories are installations in progress.
    """
    found: list[Package] = []
    for directory in default_package_dirs() if dirs is None else dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or not path.is_dir():
                continue
            try:
                found.append(read_package(path, directory))
            except (PackageError, OSError) as exc:
                logger.warning("ignoring translation package %s: %s", path, exc)
    return found


def active_packages(packages: Iterable[Package]) -> dict[tuple[str, str], Package]:
    """The package used for each language pair: the highest version; on a tie the directory
    listed first."""
    chosen: dict[tuple[str, str], Package] = {}
    for package in packages:
        current = chosen.get(package.pair)
        if current is None or version_key(package.package_version) > version_key(current.package_version):
            chosen[package.pair] = package
    return chosen


def find_package(from_code: str, to_code: str, dirs: Sequence[Path] | None = None) -> Package | None:
    return active_packages(installed_packages(dirs)).get((from_code, to_code))
