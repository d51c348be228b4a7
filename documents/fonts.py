"""Fonts for documents, found on the system at run time (nothing is bundled or downloaded).

Preferred: Noto Sans (Latin, Cyrillic, Greek) with Noto Naskh Arabic for Arabic, Persian, Pashto and
Urdu, Noto Sans Ethiopic for Tigrinya/Amharic, all from Debian's `fonts-noto-core`. DejaVu Sans
(`fonts-dejavu-core`) is the fallback: it covers Latin, Cyrillic and basic Arabic. `LOTSE_FONT_DIR`
(one or more directories separated by ":") is searched before the system directories.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
)
DEBIAN_PACKAGES = "fonts-noto-core (or at least fonts-dejavu-core)"

# family -> candidates (regular file, bold file), best first
MAIN = (("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"), ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
FALLBACKS = {
    "arabic": (("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
               ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")),
    "ethiopic": (("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),),
    "georgian": (("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),),
    "armenian": (("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),),
    # symbols and, without Noto, basic Arabic script
    "dejavu": (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),),
}


class FontsMissingError(RuntimeError):
    """No usable font for documents on this system."""


@dataclass(frozen=True)
class Face:
    family: str
    regular: Path
    bold: Path | None


@dataclass(frozen=True)
class FontSet:
    main: Face
    fallbacks: tuple[Face, ...]


def font_dirs() -> tuple[Path, ...]:
    configured = os.environ.get("LOTSE_FONT_DIR", "")
    return tuple(Path(p) for p in configured.split(os.pathsep) if p) + SYSTEM_FONT_DIRS


@lru_cache(maxsize=8)
def _index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """File name -> path of every TrueType font under `dirs`; the first directory wins."""
    found: dict[str, Path] = {}
    for directory in dirs:
        if not directory.is_dir():
            continue
        for root, _subdirs, files in os.walk(directory):
            for name in files:
                if name.lower().endswith(".ttf"):
                    found.setdefault(name, Path(root) / name)
    return found


def _face(family: str, candidates: tuple[tuple[str, str], ...], index: dict[str, Path]) -> Face | None:
    for regular, bold in candidates:
        if regular in index:
            return Face(family, index[regular], index.get(bold))
    return None


def find_fonts(dirs: tuple[Path, ...] | None = None) -> FontSet:
    """The fonts to use; raises FontsMissingError naming the Debian packages when there are none."""
    search = tuple(dirs) if dirs is not None else font_dirs()
    index = _index(search)
    main = _face("sans", MAIN, index)
    if main is None:
        raise FontsMissingError(
            "No font for documents found (looked for Noto Sans or DejaVu Sans in "
            + ", ".join(str(d) for d in search)
            + f"). Install the Debian package {DEBIAN_PACKAGES}: "
            "`apt-get install fonts-noto-core`, or set LOTSE_FONT_DIR to a directory with "
            "NotoSans-Regular.ttf and NotoNaskhArabic-Regular.ttf."
        )
    fallbacks = []
    for family, candidates in FALLBACKS.items():
        face = _face(family, candidates, index)
        if face and face.regular != main.regular:
            fallbacks.append(face)
    return FontSet(main, tuple(fallbacks))
