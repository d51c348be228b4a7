"""KldB 2010 occupation types with their ISCO-08 match, BA job titles and ESCO occupations.

Read once per process from `classifications/data/` (see NOTICE.md there for sources):
- `kldb2010.tsv`: 5-digit types and 3-digit groups, German/English titles, ISCO-08 crosswalk
- `kldb2010_job_titles.tsv`: BA job titles (Berufsbenennungen) of each type
- `esco_job_titles.tsv`: BA mapping of job titles to ESCO occupations
- `occupation_names.yml` (optional): everyday names per type in the supported languages
"""

from __future__ import annotations

import csv
import functools
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from nlu.folding import fold

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
KLDB_FILE = DATA_DIR / "kldb2010.tsv"
JOB_TITLES_FILE = DATA_DIR / "kldb2010_job_titles.tsv"
ESCO_FILE = DATA_DIR / "esco_job_titles.tsv"
NAMES_FILE = DATA_DIR / "occupation_names.yml"
ESCO_PREFIX = "http://data.europa.eu/esco/"
LANGUAGES = ("de", "en", "ar", "fa", "uk", "ru", "tr")
# SKOS relation of a BA job title to an ESCO occupation, best first.
RELATIONS = ("exact", "close", "narrow", "broad")
# Weight of a relation when choosing one ESCO occupation for a whole KldB type.
_RELATION_WEIGHT = {"exact": 4.0, "close": 3.0, "narrow": 2.0, "broad": 1.0}


@dataclass(frozen=True)
class EscoOccupation:
    uri: str
    title_de: str
    relation: str  # how the BA job title maps to it: exact, close, narrow (ESCO narrower), broad


@dataclass(frozen=True)
class JobTitle:
    id: str  # "22342-102": KldB type + running number
    kldb: str
    title_de: str  # short form as in the KldB listing: "Tischler/in"
    title_de_full: str | None  # full gender forms where the ESCO table lists it: "Tischler/Tischlerin"
    esco: tuple[EscoOccupation, ...] = ()  # best relation first

    @property
    def display_de(self) -> str:
        return self.title_de_full or self.title_de


@dataclass(frozen=True)
class Occupation:
    kldb: str  # 5 digits; the 5th is the requirement level (1 helper ... 4 expert)
    title_de: str
    short_title_de: str
    group_title_de: str  # title of the 3-digit group (Berufsgruppe)
    title_en: str | None
    isco: str | None  # ISCO-08 4-digit, the crosswalk's recommended match
    isco_other: tuple[str, ...]
    job_titles: tuple[JobTitle, ...]
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> everyday names
    esco: EscoOccupation | None = None  # the ESCO occupation most strongly mapped to the type

    @property
    def group(self) -> str:
        return self.kldb[:3]

    @property
    def level(self) -> int:
        return int(self.kldb[4])


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """TSV rows after the '#' provenance header."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def load_names(path: Path = NAMES_FILE,
               known: set[str] | None = None) -> dict[str, dict[str, tuple[str, ...]]]:
    """kldb -> lang -> names from occupation_names.yml. A missing, partial or broken file gives
    what it validly holds (the file is curated by hand and may be mid-edit)."""
    if not path.exists():
        return {}
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        logger.warning("%s unreadable, ignored: %s", path, exc)
        return {}
    if isinstance(content, dict):  # tolerate a top-level key holding the list
        content = next((v for v in content.values() if isinstance(v, list)), [])
    result: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item in content if isinstance(content, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("names"), dict):
            continue
        code = str(item.get("kldb", "")).strip().zfill(5)
        if known is not None and code not in known:
            logger.warning("%s: unknown KldB code %r ignored", path.name, item.get("kldb"))
            continue
        for lang, names in item["names"].items():
            names = [names] if isinstance(names, str) else names
            for name in names if isinstance(names, list) else []:
                if isinstance(name, str) and name.strip() and name.strip() not in result[code][lang]:
                    result[code][str(lang)].append(name.strip())
    return {code: {lang: tuple(names) for lang, names in langs.items() if names}
            for code, langs in result.items()}


def _code_esco(job_titles: list[JobTitle]) -> EscoOccupation | None:
    weights: Counter[str] = Counter()
    by_uri: dict[str, EscoOccupation] = {}
    for job in job_titles:
        for esco in job.esco:
            weights[esco.uri] += _RELATION_WEIGHT[esco.relation]
            best = by_uri.get(esco.uri)
            if best is None or RELATIONS.index(esco.relation) < RELATIONS.index(best.relation):
                by_uri[esco.uri] = esco
    if not weights:
        return None
    uri = min(weights, key=lambda u: (-weights[u], u))
    return by_uri[uri]


@functools.lru_cache(maxsize=1)
def occupations() -> dict[str, Occupation]:
    """All 5-digit KldB types by code (loaded once per process)."""
    groups: dict[str, str] = {}
    types: list[dict[str, str]] = []
    for row in _rows(KLDB_FILE):
        if row["level"] == "3":
            groups[row["kldb"]] = row["title_de"]
        elif row["level"] == "5":
            types.append(row)

    esco: dict[str, list[EscoOccupation]] = defaultdict(list)
    for row in _rows(ESCO_FILE):
        if row["relation"] in RELATIONS:
            esco[row["job_title_id"]].append(
                EscoOccupation(ESCO_PREFIX + row["esco_uri"], row["esco_title_de"], row["relation"]))
    jobs: dict[str, list[JobTitle]] = defaultdict(list)
    for row in _rows(JOB_TITLES_FILE):
        # Among equally related ESCO occupations the one named most like the job title first.
        title = fold(row["title_de_full"] or row["title_de"])
        mapped = sorted(esco.get(row["id"], []), key=lambda e: (
            RELATIONS.index(e.relation), -fuzz.ratio(title, fold(e.title_de)), e.uri))
        jobs[row["kldb"]].append(JobTitle(row["id"], row["kldb"], row["title_de"],
                                          row["title_de_full"] or None, tuple(mapped)))

    known = {row["kldb"] for row in types}
    names = load_names(NAMES_FILE, known)
    result = {}
    for row in types:
        code = row["kldb"]
        isco_other = tuple(c for c in row["isco08_other"].split(",") if c)
        result[code] = Occupation(
            kldb=code, title_de=row["title_de"], short_title_de=row["short_title_de"],
            group_title_de=groups.get(code[:3], ""), title_en=row["title_en"] or None,
            isco=row["isco08"] or None, isco_other=isco_other, job_titles=tuple(jobs.get(code, ())),
            names=names.get(code, {}), esco=_code_esco(jobs.get(code, [])))
    return result


def get(kldb: str) -> Occupation | None:
    return occupations().get(kldb)


def reload() -> None:
    """Forget the loaded data (after the files changed; tests)."""
    occupations.cache_clear()


def data_files() -> list[Path]:
    """The files the records are read from (those that exist)."""
    return [path for path in (KLDB_FILE, JOB_TITLES_FILE, ESCO_FILE, NAMES_FILE) if path.exists()]


def data_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in data_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
