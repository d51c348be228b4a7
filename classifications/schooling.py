"""School systems of the main countries of origin: school types, ISCED 2011 level, nearest German equivalent.

The curated table is classifications/data/schooling.yml (sources and the rules behind every German
equivalent are documented there). The German equivalent is the nearest COMPARABLE German school-leaving
qualification by level and years; it is never a recognition decision (see RECOGNITION_NOTE_DE).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "schooling.yml"
LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "uk", "ru", "tr")
DEFAULT_SYSTEM = "default"
NO_SCHOOL = "no_school"
OTHER = "other"  # the "Another school" button: no type, so no level is guessed
GERMAN_EQUIVALENTS: tuple[str, ...] = (
    "ohne_abschluss",
    "erster_schulabschluss",
    "mittlerer_schulabschluss",
    "fachhochschulreife",
    "allgemeine_hochschulreife",
)
HIGHER_EDUCATION_IDS: tuple[str, ...] = (
    "none", "vocational", "post_secondary", "short_tertiary", "bachelor", "master", "doctorate",
)
_RANK = {eq: rank for rank, eq in enumerate(GERMAN_EQUIVALENTS)}
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def _label(names: Mapping[str, str], lang: str | None) -> str:
    # English is the catalogue's source language; German always exists for caseworkers.
    return names.get(lang or "") or names.get("en") or names["de"]


@dataclass(frozen=True)
class SchoolType:
    id: str
    system: str | None  # "SY", ..., "default"; None for the shared no_school type
    names: Mapping[str, str] = field(hash=False, compare=False)
    years: int
    isced: int
    german_equivalent: str
    incomplete_equivalent: str
    local_name: str | None = None
    after: str | None = None
    note_de: str | None = None
    # How people name it in a chat ("دیپلم ریاضی", "بكالوريا"): typed answers match these too.
    aliases: tuple[str, ...] = ()

    @property
    def name_de(self) -> str:
        return self.names["de"]

    def label(self, lang: str | None) -> str:
        return _label(self.names, lang)

    def to_value(self, country: str | None = None) -> dict:
        """The stored school_type value; `country` is the person's school country (types of the
        default system are used for many countries)."""
        if self.id == NO_SCHOOL:
            return {"none": True}
        system = self.system if self.system != DEFAULT_SYSTEM else None
        return {"country": (country or system or "").upper() or None, "id": self.id,
                "name_de": self.name_de, "isced": self.isced, "years": self.years,
                "german_equivalent": self.german_equivalent}


@dataclass(frozen=True)
class HigherEducation:
    id: str
    isced: int | None  # None for "none"
    name_de: str
    names: Mapping[str, str] = field(hash=False, compare=False)
    note_de: str | None = None

    def label(self, lang: str | None) -> str:
        return _label(self.names, lang)

    def to_value(self) -> dict:
        """The stored higher_education value."""
        if self.id == "none":
            return {"none": True}
        return {"id": self.id, "isced": self.isced, "name_de": self.name_de}


@dataclass(frozen=True)
class SchoolSystem:
    code: str  # ISO 3166-1 alpha-2, or "default"
    name_de: str
    system_de: str
    sources: tuple[str, ...]
    reviewed: _dt.date
    types: tuple[SchoolType, ...]


@dataclass(frozen=True)
class _Data:
    recognition_note_de: str
    equivalent_names: Mapping[str, str]
    no_school: SchoolType
    higher_education: tuple[HigherEducation, ...]
    systems: Mapping[str, SchoolSystem]
    types: Mapping[str, SchoolType]


class SchoolingDataError(ValueError):
    """schooling.yml breaks a rule that the dialogue and the documents rely on."""


def _names(raw: object, where: str) -> Mapping[str, str]:
    if not isinstance(raw, dict):
        raise SchoolingDataError(f"{where}: names must be a mapping")
    missing = [lang for lang in LANGUAGES if not isinstance(raw.get(lang), str) or not raw[lang].strip()]
    if missing:
        raise SchoolingDataError(f"{where}: names missing in {missing}")
    return MappingProxyType({lang: raw[lang].strip() for lang in LANGUAGES})


def _school_type(raw: dict, system: str | None) -> SchoolType:
    where = raw.get("id", "?")
    try:
        item = SchoolType(
            id=raw["id"], system=system, names=_names(raw.get("names"), where), years=raw["years"],
            isced=raw["isced"], german_equivalent=raw["german_equivalent"],
            incomplete_equivalent=raw["incomplete_equivalent"], local_name=raw.get("local_name"),
            after=raw.get("after"), note_de=raw.get("note_de"),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        )
    except KeyError as exc:
        raise SchoolingDataError(f"{where}: missing field {exc}") from exc
    if system is not None and not item.id.startswith(f"{system.lower()}."):
        raise SchoolingDataError(f"{where}: id must start with {system.lower()}.")
    if not isinstance(item.years, int) or not 0 <= item.years <= 14:
        raise SchoolingDataError(f"{where}: years must be a whole number 0..14")
    if not isinstance(item.isced, int) or not 0 <= item.isced <= 4:
        raise SchoolingDataError(f"{where}: isced must be a school level 0..4")
    for eq in (item.german_equivalent, item.incomplete_equivalent):
        if eq not in _RANK:
            raise SchoolingDataError(f"{where}: unknown German equivalent {eq!r}")
    if _RANK[item.incomplete_equivalent] > _RANK[item.german_equivalent]:
        raise SchoolingDataError(f"{where}: incomplete_equivalent above german_equivalent")
    return item


def _system(code: str, raw: dict) -> SchoolSystem:
    sources = tuple(raw.get("sources") or ())
    if not sources or not all(isinstance(url, str) and _URL.match(url) for url in sources):
        raise SchoolingDataError(f"{code}: sources must be a non-empty list of URLs")
    reviewed = raw.get("reviewed")
    if isinstance(reviewed, str):
        reviewed = _dt.date.fromisoformat(reviewed)
    if not isinstance(reviewed, _dt.date):
        raise SchoolingDataError(f"{code}: reviewed must be a date YYYY-MM-DD")
    types = tuple(_school_type(t, code) for t in raw.get("school_types") or ())
    if not 4 <= len(types) <= 7:
        raise SchoolingDataError(f"{code}: expected 4 to 7 school types, found {len(types)}")
    by_id = {t.id: t for t in types}
    for item in types:
        if item.isced >= 2 and item.after is None:
            raise SchoolingDataError(f"{item.id}: a secondary type needs `after` (the stage it builds on)")
        if item.after is not None:
            stage = by_id.get(item.after)
            if stage is None or stage.years >= item.years or stage.isced > item.isced:
                raise SchoolingDataError(f"{item.id}: `after` must be an earlier stage of the same system")
    return SchoolSystem(code=code, name_de=raw["name_de"], system_de=raw["system_de"], sources=sources,
                        reviewed=reviewed, types=types)


def _parse(doc: dict) -> _Data:
    equivalents = {e["id"]: e["name_de"] for e in doc["german_equivalents"]}
    if tuple(equivalents) != GERMAN_EQUIVALENTS:
        raise SchoolingDataError(f"german_equivalents must be, in this order: {GERMAN_EQUIVALENTS}")
    no_school = _school_type(doc["no_school"], None)
    if no_school.id != NO_SCHOOL or no_school.isced != 0 or no_school.german_equivalent != "ohne_abschluss":
        raise SchoolingDataError("no_school must be ISCED 0 without a school-leaving qualification")
    higher = tuple(
        HigherEducation(id=h["id"], isced=h["isced"], name_de=h["name_de"],
                        names=_names(h.get("names"), h["id"]), note_de=h.get("note_de"))
        for h in doc["higher_education"]
    )
    if any(h.names["de"] != h.name_de for h in higher[1:]):
        # The person's German button and the stored name_de must not say different things.
        raise SchoolingDataError("higher_education: names.de must equal name_de")
    if tuple(h.id for h in higher) != HIGHER_EDUCATION_IDS:
        raise SchoolingDataError(f"higher_education ids must be, in this order: {HIGHER_EDUCATION_IDS}")
    levels = [h.isced for h in higher[1:]]
    if higher[0].isced is not None or levels != sorted(levels) or not all(3 <= lv <= 8 for lv in levels):
        raise SchoolingDataError("higher_education isced levels must rise from 3 to 8 (none has no level)")
    systems = {code: _system(code, raw) for code, raw in doc["systems"].items()}
    if DEFAULT_SYSTEM not in systems:
        raise SchoolingDataError("a `default` system is required for countries without an entry")
    types: dict[str, SchoolType] = {NO_SCHOOL: no_school}
    for system in systems.values():
        for item in system.types:
            if item.id in types or item.id == OTHER:
                raise SchoolingDataError(f"school type id {item.id!r} is used twice")
            types[item.id] = item
    return _Data(
        recognition_note_de=doc["recognition_note_de"].strip(),
        equivalent_names=MappingProxyType(equivalents), no_school=no_school, higher_education=higher,
        systems=MappingProxyType(systems), types=MappingProxyType(types),
    )


@cache
def _data() -> _Data:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return _parse(yaml.safe_load(handle))


def __getattr__(name: str) -> str:
    # RECOGNITION_NOTE_DE lives in the YAML next to the equivalents it qualifies; read it lazily.
    if name == "RECOGNITION_NOTE_DE":
        return _data().recognition_note_de
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def systems() -> dict[str, SchoolSystem]:
    return dict(_data().systems)


def system_for(country_code: str | None) -> SchoolSystem:
    """The school system of a country (ISO 3166-1 alpha-2), else the generic `default` system."""
    table = _data().systems
    code = (country_code or "").strip().upper()
    return table.get(code) or table[DEFAULT_SYSTEM]


def school_types(country_code: str | None) -> list[SchoolType]:
    """The choices for a school country: no_school first, then the country's (or default) types."""
    return [_data().no_school, *system_for(country_code).types]


def school_type(type_id: str) -> SchoolType:
    """A school type by id ("none" is accepted for no_school); KeyError if unknown."""
    types = _data().types
    if type_id == "none":
        type_id = NO_SCHOOL
    if type_id not in types:
        raise KeyError(f"unknown school type {type_id!r}")
    return types[type_id]


def type_label(school: SchoolType | HigherEducation | str, lang: str | None) -> str:
    """The button label of a school type (or higher-education option) in the interface language;
    English, then German, if that language is missing. A str is a school type id."""
    item = school_type(school) if isinstance(school, str) else school
    return item.label(lang)


def derive(type_id: str, years: int | None) -> dict:
    """The school_years value {"years", "completed", "isced", "german_equivalent"}.

    years >= the type's years (or not given): completed, the type's level and equivalent; years not
    given are stored as the type's nominal years. Fewer years: not completed; the level is that of the
    last stage the person can have completed (walking the `after` chain: 11 years of a 12-year
    secondary school is the 9-year basic stage), ISCED 0 below every stage, and the equivalent is the
    lower of that stage's equivalent and the type's incomplete_equivalent. "other" (another school) has
    no table entry: completed, level and equivalent stay None for the caseworker to assess.
    """
    if years is not None and (not isinstance(years, int) or isinstance(years, bool) or years < 0):
        raise ValueError(f"years must be a whole number >= 0, not {years!r}")
    if type_id == OTHER:
        return {"years": years, "completed": None, "isced": None, "german_equivalent": None}
    item = school_type(type_id)
    if years is None or years >= item.years:
        return {"years": item.years if years is None else years, "completed": True, "isced": item.isced,
                "german_equivalent": item.german_equivalent}
    stage = _completed_stage(item, years)
    isced = stage.isced if stage else 0
    equivalent = stage.german_equivalent if stage else "ohne_abschluss"
    if _RANK[item.incomplete_equivalent] < _RANK[equivalent]:
        equivalent = item.incomplete_equivalent
    return {"years": years, "completed": False, "isced": isced, "german_equivalent": equivalent}


def _completed_stage(item: SchoolType, years: int) -> SchoolType | None:
    types = _data().types
    stage = types[item.after] if item.after else None
    while stage is not None and stage.years > years:
        stage = types[stage.after] if stage.after else None
    return stage


def higher_education_options() -> list[HigherEducation]:
    """The higher_education choices, from none to doctorate."""
    return list(_data().higher_education)


def higher_education(he_id: str) -> HigherEducation:
    for option in _data().higher_education:
        if option.id == he_id:
            return option
    raise KeyError(f"unknown higher_education id {he_id!r}")


def german_equivalent_label(equivalent_id: str) -> str:
    """German display name of an equivalent id, e.g. "Mittlerer Schulabschluss (Realschulabschluss)"."""
    return _data().equivalent_names[equivalent_id]


def german_equivalent_rank(equivalent_id: str) -> int:
    """0 (ohne_abschluss) .. 4 (allgemeine_hochschulreife), to compare equivalents."""
    return _RANK[equivalent_id]
