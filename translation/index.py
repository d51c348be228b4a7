"""Argos package indexes: the `index.json` served by argospm-index or a mirror of it.

An index is a JSON list of package entries (`from_code`, `to_code`, `package_version`, `links`,
`code`, ...). Links may be relative to the index URL, so a local mirror can be a plain folder
served over HTTP. An entry may carry a `sha256` that is then checked on installation.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from translation.installer import URL_SCHEMES, InstallError, install, is_url
from translation.packages import Package, PackageError, package_name, validate_metadata, version_key

logger = logging.getLogger(__name__)

MAX_INDEX_BYTES = 16 << 20
PIVOT = "en"


@dataclass(frozen=True)
class IndexEntry:
    from_code: str
    to_code: str
    package_version: str
    name: str
    links: tuple[str, ...]
    from_name: str = ""
    to_name: str = ""
    sha256: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["links"] = list(self.links)
        return {"from": data.pop("from_code"), "to": data.pop("to_code"),
                "version": data.pop("package_version"), **data}


def parse_index(data: Any, base_url: str = "") -> list[IndexEntry]:
    """Entries of an index document; entries that are not translation packages are skipped."""
    if not isinstance(data, list):
        raise InstallError("package index is not a JSON list")
    entries = []
    for raw in data:
        try:
            metadata = validate_metadata(raw)
        except PackageError as exc:
            logger.info("skipping index entry %r: %s", raw if not isinstance(raw, dict) else
                        raw.get("code"), exc)
            continue
        links = tuple(urllib.parse.urljoin(base_url, str(link)) for link in metadata.get("links") or ()
                      if isinstance(link, str))
        checksum = metadata.get("sha256")
        entries.append(IndexEntry(
            from_code=metadata["from_code"], to_code=metadata["to_code"],
            package_version=str(metadata["package_version"]), name=package_name(metadata),
            links=links, from_name=str(metadata.get("from_name", "")),
            to_name=str(metadata.get("to_name", "")),
            sha256=checksum if isinstance(checksum, str) else None))
    return entries


def fetch_index(location: str, *, timeout: float = 30.0) -> list[IndexEntry]:
    """Read an index from an http(s)/file URL or a local path."""
    if is_url(location):
        try:
            with urllib.request.urlopen(location, timeout=timeout) as response:  # noqa: S310
                raw = response.read(MAX_INDEX_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise InstallError(f"cannot read package index {location}: {exc}") from exc
        base = location
    else:
        path = Path(location).expanduser()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InstallError(f"cannot read package index {location}: {exc}") from exc
        base = path.resolve().as_uri()
    if len(raw) > MAX_INDEX_BYTES:
        raise InstallError(f"package index {location} is too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InstallError(f"package index {location} is not valid JSON: {exc}") from exc
    return parse_index(data, base)


def select(entries: Sequence[IndexEntry], from_code: str, to_code: str) -> IndexEntry | None:
    """The newest entry for a pair."""
    matching = [e for e in entries if (e.from_code, e.to_code) == (from_code, to_code)]
    return max(matching, key=lambda e: version_key(e.package_version), default=None)


def plan(entries: Sequence[IndexEntry], from_code: str, to_code: str) -> list[IndexEntry]:
    """What to install for a pair: the direct package, else both legs through English."""
    direct = select(entries, from_code, to_code)
    if direct is not None:
        return [direct]
    if PIVOT not in (from_code, to_code):
        legs = [select(entries, from_code, PIVOT), select(entries, PIVOT, to_code)]
        if all(legs):
            return [leg for leg in legs if leg is not None]
    raise InstallError(f"the index has no package for {from_code}->{to_code} "
                       f"(neither direct nor through {PIVOT})")


def install_entry(entry: IndexEntry, *, target_dir: Path | None = None,
                  check_model: bool = True) -> Package:
    """Try the entry's links in turn (ipfs:// and other unsupported ones are skipped)."""
    errors = []
    for link in entry.links:
        if urllib.parse.urlsplit(link).scheme not in URL_SCHEMES:
            continue
        try:
            return install(link, sha256=entry.sha256, target_dir=target_dir, check_model=check_model)
        except InstallError as exc:
            errors.append(str(exc))
    if not errors:
        raise InstallError(f"{entry.name} {entry.package_version}: no http(s) link in the index")
    raise InstallError(f"{entry.name} {entry.package_version}: " + "; ".join(errors))


def install_pair(location: str, from_code: str, to_code: str, *, target_dir: Path | None = None,
                 check_model: bool = True) -> list[Package]:
    """Install what translates `from_code` into `to_code` according to the index at `location`."""
    return [install_entry(entry, target_dir=target_dir, check_model=check_model)
            for entry in plan(fetch_index(location), from_code, to_code)]
