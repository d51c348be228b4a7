"""Installing `.argosmodel` packages from a file or a URL, safely and atomically.

An archive is checked before anything is written where packages are read from: it must be a
zip with exactly one top-level folder holding `metadata.json`, `sentencepiece.model` and
`model/model.bin`; member paths may not escape that folder (no `..`, no absolute paths, no
symlinks or device files) and sizes are capped, so a hostile or broken archive is refused. It
is extracted into a hidden temporary directory next to the installed packages (same filesystem)
and moved into place with `os.replace` only when complete; an older version of the same pair
stays in use until then.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import shutil
import stat
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from translation.packages import (
    MAX_METADATA_BYTES,
    METADATA,
    REQUIRED_MEMBERS,
    Package,
    PackageError,
    installed_packages,
    package_name,
    parse_metadata,
    project_packages_dir,
    read_package,
)

logger = logging.getLogger(__name__)

# Real packages are 50-200 MB; the caps leave room while refusing zip bombs.
MAX_ARCHIVE_BYTES = 2 << 30
MAX_MEMBER_BYTES = 2 << 30
MAX_TOTAL_BYTES = 4 << 30
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # uncompressed/compressed; model weights compress about 1.1:1
URL_SCHEMES = ("http", "https", "file")
_CHUNK = 1 << 20
_STALE_SECONDS = 24 * 3600


class InstallError(Exception):
    """Installing failed; the message is meant for an operator, nothing was left installed."""


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in URL_SCHEMES


def _check_sha256(expected: str | None) -> str | None:
    if expected is None:
        return None
    expected = expected.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", expected):
        raise InstallError("--sha256 must be 64 hexadecimal digits")
    return expected


def download(url: str, destination: Path, *, timeout: float = 60.0,
             max_bytes: int = MAX_ARCHIVE_BYTES) -> str:
    """Fetch `url` into `destination`; returns the sha256 of what was written."""
    if urllib.parse.urlsplit(url).scheme not in URL_SCHEMES:
        raise InstallError(f"unsupported URL scheme: {url}")
    digest = hashlib.sha256()
    written = 0
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, \
                destination.open("wb") as out:  # noqa: S310 - scheme checked above
            while chunk := response.read(_CHUNK):
                written += len(chunk)
                if written > max_bytes:
                    raise InstallError(f"download larger than {max_bytes} bytes: {url}")
                digest.update(chunk)
                out.write(chunk)
    except InstallError:
        raise
    except (OSError, ValueError) as exc:  # URLError and HTTPError are OSErrors
        raise InstallError(f"cannot download {url}: {exc}") from exc
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _member_parts(info: zipfile.ZipInfo) -> tuple[str, ...]:
    name = info.filename
    if "\\" in name or "\x00" in name:
        raise PackageError(f"archive member has an unsafe name: {name!r}")
    path = PurePosixPath(name)
    if path.is_absolute() or re.match(r"^[A-Za-z]:", name):
        raise PackageError(f"archive member has an absolute path: {name!r}")
    parts = tuple(p for p in path.parts if p not in ("", "."))
    if ".." in parts:
        raise PackageError(f"archive member leaves the package folder: {name!r}")
    if not parts:
        raise PackageError(f"archive member has an empty name: {name!r}")
    # Unix file type bits, when the archiver recorded them (Python's writestr does not).
    kind_bits = stat.S_IFMT(info.external_attr >> 16)
    if kind_bits not in (0, stat.S_IFREG, stat.S_IFDIR):
        kind = "a symlink" if kind_bits == stat.S_IFLNK else "not a regular file"
        raise PackageError(f"archive member is {kind}: {name!r}")
    return parts


def inspect_archive(archive: zipfile.ZipFile) -> tuple[str, list[tuple[zipfile.ZipInfo, tuple[str, ...]]]]:
    """The single top-level folder and every member with its path parts; PackageError if unsafe."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"archive has more than {MAX_MEMBERS} members")
    members, tops, seen, total = [], set(), set(), 0
    for info in infos:
        parts = _member_parts(info)
        if parts in seen:
            raise PackageError(f"archive member appears twice: {info.filename!r}")
        seen.add(parts)
        tops.add(parts[0])
        if len(parts) == 1 and not info.is_dir():
            raise PackageError(f"file outside the package folder: {info.filename!r}")
        if info.file_size > MAX_MEMBER_BYTES:
            raise PackageError(f"archive member too large: {info.filename!r}")
        if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(f"archive member compressed suspiciously well (zip bomb?): "
                               f"{info.filename!r}")
        total += info.file_size
        members.append((info, parts))
    if total > MAX_TOTAL_BYTES:
        raise PackageError("archive unpacks to more than the size limit")
    if len(tops) != 1:
        raise PackageError(f"archive must hold exactly one top-level folder, found {len(tops)}")
    top = tops.pop()
    files = {"/".join(parts[1:]) for info, parts in members if not info.is_dir()}
    missing = [m for m in REQUIRED_MEMBERS if m not in files]
    if missing:
        raise PackageError(f"not a translation package: {', '.join(missing)} missing")
    return top, members


def _extract(archive: zipfile.ZipFile, members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]],
             destination: Path) -> None:
    """Extract member by member into `destination`, never writing more than a member declares."""
    for info, parts in members:
        target = destination.joinpath(*parts[1:]) if len(parts) > 1 else destination
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with archive.open(info) as source, target.open("wb") as out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise PackageError(f"archive member larger than declared: {info.filename!r}")
                out.write(chunk)


def check_loadable(package: Package) -> None:
    """Load the model and tokenizer once and translate a token, as the runtime will."""
    import ctranslate2
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_path))
        model = ctranslate2.Translator(str(package.model_dir), device="cpu",
                                       inter_threads=1, intra_threads=1)
        prefix = [[package.target_prefix]] if package.target_prefix else None
        model.translate_batch([processor.encode("ok", out_type=str)], target_prefix=prefix,
                              max_decoding_length=4, beam_size=1)
    except Exception as exc:  # noqa: BLE001 - any library error means "not loadable"
        raise PackageError(f"model does not load: {exc}") from exc


def _directory_name(metadata: dict) -> str:
    version = re.sub(r"[^A-Za-z0-9]+", "_", str(metadata["package_version"])).strip("_") or "0"
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{package_name(metadata)}-{version}")


@contextmanager
def _install_lock(target_dir: Path) -> Iterator[None]:
    """One installation at a time per directory, across processes."""
    with (target_dir / ".install.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_temporaries(target_dir: Path) -> None:
    """Leftovers of installations killed half-way."""
    for path in target_dir.glob(".tmp-*"):
        try:
            if time.time() - path.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def install_archive(archive_path: Path, *, sha256: str | None = None, target_dir: Path | None = None,
                    check_model: bool = True, actual_sha256: str | None = None) -> Package:
    """Install a local `.argosmodel` file into `target_dir` (default: the project's directory)."""
    expected = _check_sha256(sha256)
    target_dir = (target_dir or project_packages_dir()).resolve()
    if not archive_path.is_file():
        raise InstallError(f"no such file: {archive_path}")
    if archive_path.stat().st_size > MAX_ARCHIVE_BYTES:
        raise InstallError(f"{archive_path} is larger than {MAX_ARCHIVE_BYTES} bytes")
    if expected is not None:
        actual = actual_sha256 or file_sha256(archive_path)
        if actual != expected:
            raise InstallError(f"sha256 mismatch for {archive_path.name}: expected {expected}, "
                               f"got {actual}")
    if not zipfile.is_zipfile(archive_path):
        raise InstallError(f"{archive_path.name} is not a zip archive (truncated or corrupted?)")
    target_dir.mkdir(parents=True, exist_ok=True)
    with _install_lock(target_dir):
        _remove_stale_temporaries(target_dir)
        work = Path(tempfile.mkdtemp(prefix=".tmp-install-", dir=target_dir))
        try:
            staged = work / "package"
            try:
                with zipfile.ZipFile(archive_path) as archive:
                    _, members = inspect_archive(archive)
                    metadata = parse_metadata(_read_small(archive, members, METADATA))
                    _extract(archive, members, staged)
                package = read_package(staged, target_dir)
                if check_model:
                    check_loadable(package)
            except (PackageError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error,
                    NotImplementedError) as exc:  # NotImplementedError: unknown compression
                raise InstallError(f"{archive_path.name}: {exc}") from exc
            except OSError as exc:  # e.g. disk full while extracting
                raise InstallError(f"{archive_path.name}: cannot extract: {exc}") from exc
            final = target_dir / _directory_name(metadata)
            _move_into_place(staged, final, work)
            _remove_other_versions(final, target_dir, package, work)
            installed = read_package(final, target_dir)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    logger.info("installed translation package %s %s at %s", installed.name,
                installed.package_version, installed.path)
    return installed


def _read_small(archive: zipfile.ZipFile, members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]],
                relative: str) -> bytes:
    for info, parts in members:
        if "/".join(parts[1:]) == relative:
            if info.file_size > MAX_METADATA_BYTES:
                raise PackageError(f"{relative} is too large")
            return archive.read(info)
    raise PackageError(f"{relative} missing")


def _move_into_place(staged: Path, final: Path, work: Path) -> None:
    """Same-version reinstall: the old directory is swapped out only once the new one is ready."""
    if final.exists():
        retired = work / "retired"
        os.replace(final, retired)
        try:
            os.replace(staged, final)
        except OSError:
            os.replace(retired, final)
            raise
    else:
        os.replace(staged, final)


def _remove_other_versions(final: Path, target_dir: Path, package: Package, work: Path) -> None:
    """The newly installed package replaces any other version of its pair in the same directory."""
    for other in installed_packages([target_dir]):
        if other.pair == package.pair and other.path != final:
            logger.info("removing %s %s (replaced)", other.name, other.package_version)
            os.replace(other.path, work / f"retired-{other.path.name}")


def install(source: str | Path, *, sha256: str | None = None, target_dir: Path | None = None,
            check_model: bool = True, timeout: float = 60.0) -> Package:
    """Install from a local path or an http(s)/file URL."""
    text = str(source)
    if not is_url(text):
        return install_archive(Path(text).expanduser(), sha256=sha256, target_dir=target_dir,
                               check_model=check_model)
    _check_sha256(sha256)
    target_dir = (target_dir or project_packages_dir()).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    # Downloads land next to the packages so nothing half-downloaded is ever read as one.
    work = Path(tempfile.mkdtemp(prefix=".tmp-download-", dir=target_dir))
    try:
        name = Path(urllib.parse.urlsplit(text).path).name or "package.argosmodel"
        archive = work / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        actual = download(text, archive, timeout=timeout)
        return install_archive(archive, sha256=sha256, target_dir=target_dir,
                               check_model=check_model, actual_sha256=actual)
    finally:
        shutil.rmtree(work, ignore_errors=True)
