"""One knowledge-base entry: the data model, reading it from YAML and writing it back.

German is the source language: every other translation records `source_hash`, the hash of the
German title, questions and answer it was translated from. When the German text changes, the
hash no longer matches and the translation counts as "outdated" (computed, never stored).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

ENTRIES_DIR = Path(__file__).resolve().parent / "entries"

SOURCE_LANGUAGE = "de"
LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "uk", "ru", "tr")
CATEGORIES: tuple[str, ...] = (
    "registration", "jobcenter", "residence", "housing", "health", "language_courses",
    "childcare_school", "counselling", "work_recognition", "emergencies", "money_banking",
    "transport", "everyday",
)
# What a translation can be; "missing" and "outdated" are computed, only the others are stored.
STATUSES: tuple[str, ...] = ("curated", "machine_draft", "missing", "outdated")
STORED_STATUSES: tuple[str, ...] = ("curated", "machine_draft")

_ENTRY_KEYS = ("id", "category", "region", "source_url", "more_sources", "reviewed_at", "reviewer",
               "valid_from", "valid_until", "service", "translations")
_REQUIRED_KEYS = ("id", "category", "region", "source_url", "reviewed_at", "reviewer",
                  "translations")
_SERVICE_KEYS = ("name", "address", "opening_hours", "phone", "web", "languages", "accessibility")
_TRANSLATION_KEYS = ("status", "source_hash", "title", "questions", "answer")


class EntryFormatError(ValueError):
    """A file or mapping that is not an entry; `messages` says every reason found."""

    def __init__(self, messages: list[str], source: str | None = None) -> None:
        self.messages = messages
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + "; ".join(messages))


def normalize_text(text: str) -> str:
    """One-line texts: NFC (the same letters typed on different keyboards compare equal)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def normalize_answer(text: str) -> str:
    """Markdown answers: NFC, no trailing blanks or tabs, one final newline. Trailing blanks
    and tabs would stop YAML from writing the answer as a readable `|` block."""
    text = normalize_text(text).replace("\t", "    ")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return text + "\n" if text else ""


def content_hash(title: str, questions: Iterable[str], answer: str) -> str:
    """sha256 (first 16 hex digits) of title, questions and answer, after normalisation."""
    payload = json.dumps([normalize_text(title), [normalize_text(q) for q in questions],
                          normalize_answer(answer)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Service:
    name: str
    address: str | None = None
    opening_hours: str | None = None
    phone: str | None = None
    web: str | None = None
    languages: tuple[str, ...] = ("de",)
    accessibility: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", tuple(self.languages))


@dataclass(frozen=True)
class Translation:
    lang: str
    status: str
    title: str
    questions: tuple[str, ...]
    answer: str
    source_hash: str | None = None  # the German content hash it was translated from

    def __post_init__(self) -> None:
        # Normalised on construction, so equality, hashes and the written file agree.
        object.__setattr__(self, "title", normalize_text(self.title))
        object.__setattr__(self, "questions", tuple(normalize_text(q) for q in self.questions))
        object.__setattr__(self, "answer", normalize_answer(self.answer))

    def content_hash(self) -> str:
        return content_hash(self.title, self.questions, self.answer)


def _language_order(lang: str) -> tuple[int, str]:
    return (LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES), lang)


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    region: dict[str, str]
    source_url: str
    more_sources: tuple[str, ...]
    reviewed_at: date
    reviewer: str
    valid_from: date | None = None
    valid_until: date | None = None
    service: Service | None = None
    translations: dict[str, Translation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "more_sources", tuple(self.more_sources))
        ordered = sorted(self.translations.items(), key=lambda item: _language_order(item[0]))
        object.__setattr__(self, "translations", dict(ordered))

    def source_hash(self) -> str | None:
        """The hash of the current German text (None while there is no German text)."""
        german = self.translations.get(SOURCE_LANGUAGE)
        return german.content_hash() if german else None

    def status(self, lang: str) -> str:
        """curated | machine_draft | missing | outdated (the German source changed since)."""
        translation = self.translations.get(lang)
        if translation is None:
            return "missing"
        if lang != SOURCE_LANGUAGE and translation.source_hash != self.source_hash():
            return "outdated"
        return translation.status

    def statuses(self) -> dict[str, str]:
        """The status of every supported language, and of any further one the entry has."""
        langs = list(LANGUAGES) + [lang for lang in self.translations if lang not in LANGUAGES]
        return {lang: self.status(lang) for lang in langs}

    def translation(self, lang: str) -> Translation | None:
        """The translation with its computed status ("outdated" when the source changed)."""
        translation = self.translations.get(lang)
        if translation is None:
            return None
        status = self.status(lang)
        return translation if status == translation.status else replace(translation, status=status)

    def is_valid_on(self, day: date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


# --- reading -------------------------------------------------------------------------------
def _date(value: Any, name: str, errors: list[str]) -> date | None:  # noqa: ANN401
    if value is None:
        return None
    if isinstance(value, datetime):
        errors.append(f"{name}: a date (YYYY-MM-DD) without time expected")
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    errors.append(f"{name}: not a date (YYYY-MM-DD): {value!r}")
    return None


def _text(value: Any, name: str, errors: list[str], required: bool = True) -> str | None:  # noqa: ANN401
    if value is None:
        if required:
            errors.append(f"{name}: missing")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        errors.append(f"{name}: text expected, got {type(value).__name__} (quote it)")
        return None
    return str(value)


def _texts(value: Any, name: str, errors: list[str]) -> tuple[str, ...]:  # noqa: ANN401
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(f"{name}: a list expected")
        return ()
    texts = [_text(item, f"{name}[{i}]", errors) for i, item in enumerate(value)]
    return tuple(t for t in texts if t is not None)


def _unknown_keys(data: Mapping, allowed: tuple[str, ...], name: str, errors: list[str]) -> None:
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        errors.append(f"{name}: unknown keys {', '.join(unknown)}")


def _service(data: Any, errors: list[str]) -> Service | None:  # noqa: ANN401
    if data is None:
        return None
    if not isinstance(data, dict):
        errors.append("service: a mapping or null expected")
        return None
    _unknown_keys(data, _SERVICE_KEYS, "service", errors)
    name = _text(data.get("name"), "service.name", errors)
    optional = {key: _text(data.get(key), f"service.{key}", errors, required=False)
                for key in ("address", "opening_hours", "phone", "web", "accessibility")}
    languages = _texts(data.get("languages"), "service.languages", errors) or (SOURCE_LANGUAGE,)
    if name is None:
        return None
    return Service(name=name, languages=languages, **optional)


def _translation(lang: str, data: Any, errors: list[str]) -> Translation | None:  # noqa: ANN401
    name = f"translations.{lang}"
    if not isinstance(data, dict):
        errors.append(f"{name}: a mapping expected")
        return None
    _unknown_keys(data, _TRANSLATION_KEYS, name, errors)
    count = len(errors)
    status = _text(data.get("status"), f"{name}.status", errors)
    title = _text(data.get("title"), f"{name}.title", errors)
    if "questions" not in data:
        errors.append(f"{name}.questions: missing")
    questions = _texts(data.get("questions"), f"{name}.questions", errors)
    answer = _text(data.get("answer"), f"{name}.answer", errors)
    source_hash = _text(data.get("source_hash"), f"{name}.source_hash", errors, required=False)
    if len(errors) > count:
        return None
    return Translation(lang=lang, status=status, title=title, questions=questions, answer=answer,
                       source_hash=source_hash)


def parse_entry(data: Any, source: str | None = None) -> Entry:  # noqa: ANN401
    """An Entry from the mapping a YAML file holds; EntryFormatError lists what is wrong.
    Only the structure is checked here; `validation.validate` judges the content."""
    if not isinstance(data, dict):
        raise EntryFormatError(["not a mapping of entry fields"], source)
    errors: list[str] = []
    _unknown_keys(data, _ENTRY_KEYS, "entry", errors)
    for key in _REQUIRED_KEYS:
        if data.get(key) is None:
            errors.append(f"{key}: missing")
    entry_id = _text(data.get("id"), "id", [])
    category = _text(data.get("category"), "category", [])
    source_url = _text(data.get("source_url"), "source_url", [])
    reviewer = _text(data.get("reviewer"), "reviewer", [])
    for key, value in (("id", entry_id), ("category", category), ("source_url", source_url),
                       ("reviewer", reviewer)):
        if data.get(key) is not None and value is None:
            errors.append(f"{key}: text expected")
    region = data.get("region")
    if region is not None and not isinstance(region, dict):
        errors.append("region: a mapping expected")
    region = {str(k): str(v) for k, v in region.items()} if isinstance(region, dict) else {}
    more_sources = _texts(data.get("more_sources"), "more_sources", errors)
    reviewed_at = _date(data.get("reviewed_at"), "reviewed_at", errors)
    valid_from = _date(data.get("valid_from"), "valid_from", errors)
    valid_until = _date(data.get("valid_until"), "valid_until", errors)
    service = _service(data.get("service"), errors)
    translations: dict[str, Translation] = {}
    raw_translations = data.get("translations")
    if raw_translations is not None and not isinstance(raw_translations, dict):
        errors.append("translations: a mapping of language codes expected")
    elif raw_translations:
        for lang, value in raw_translations.items():
            translation = _translation(str(lang), value, errors)
            if translation is not None:
                translations[str(lang)] = translation
    if errors:
        raise EntryFormatError(errors, source or (entry_id if entry_id else None))
    return Entry(id=entry_id, category=category, region=region, source_url=source_url,
                 more_sources=more_sources, reviewed_at=reviewed_at, reviewer=reviewer,
                 valid_from=valid_from, valid_until=valid_until, service=service,
                 translations=translations)


def loads_entry(text: str, source: str | None = None) -> Entry:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        # One line: problems are listed one per line.
        raise EntryFormatError([f"not valid YAML: {' '.join(str(exc).split())}"], source) from exc
    return parse_entry(data, source)


def load_entry(path: Path | str) -> Entry:
    path = Path(path)
    return loads_entry(path.read_text(encoding="utf-8"), source=path.name)


def entry_files(directory: Path | str = ENTRIES_DIR) -> list[Path]:
    directory = Path(directory)
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def load_entries(directory: Path | str = ENTRIES_DIR) -> list[Entry]:
    """Every entry of the directory, sorted by id; raises EntryFormatError on a broken file."""
    return sorted((load_entry(path) for path in entry_files(directory)), key=lambda e: e.id)


# --- writing -------------------------------------------------------------------------------
def entry_to_data(entry: Entry) -> dict[str, Any]:
    """Plain data in the canonical key order (what the YAML file holds)."""
    service = None
    if entry.service is not None:
        service = {"name": entry.service.name, "address": entry.service.address,
                   "opening_hours": entry.service.opening_hours, "phone": entry.service.phone,
                   "web": entry.service.web, "languages": list(entry.service.languages),
                   "accessibility": entry.service.accessibility}
    translations = {}
    for lang, t in entry.translations.items():
        data: dict[str, Any] = {"status": t.status}
        if t.source_hash is not None:
            data["source_hash"] = t.source_hash
        data.update({"title": t.title, "questions": list(t.questions), "answer": t.answer})
        translations[lang] = data
    return {"id": entry.id, "category": entry.category, "region": dict(entry.region),
            "source_url": entry.source_url, "more_sources": list(entry.more_sources),
            "reviewed_at": entry.reviewed_at, "reviewer": entry.reviewer,
            "valid_from": entry.valid_from, "valid_until": entry.valid_until,
            "service": service, "translations": translations}


class _Flow(dict):
    """A mapping written on one line: `{municipality: Leipzig, ...}`."""


class _FlowList(list):
    """A list written on one line: `[de, ar]`."""


class _Quoted(str):
    """A text always written in double quotes (titles, questions)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key, as people write them by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    # A text that would read back as a number, date or boolean gets double quotes.
    if dumper.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v),
                                                                 style='"'))
_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v,
                                                                flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v,
                                                                     flow_style=True))


def dump_entry(entry: Entry) -> str:
    """The entry as YAML in the canonical form: stable key order, answers as `|` blocks,
    non-ASCII text as is; `loads_entry(dump_entry(e)) == e`."""
    data = entry_to_data(entry)
    data["region"] = _Flow(data["region"])
    if data["service"] is not None:
        service = data["service"]
        service["languages"] = _FlowList(service["languages"])
        for key in ("name", "opening_hours", "phone", "accessibility"):  # free text: quoted
            if service[key] is not None:
                service[key] = _Quoted(service[key])
    for translation in data["translations"].values():
        translation["title"] = _Quoted(translation["title"])
        translation["questions"] = [_Quoted(q) for q in translation["questions"]]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000)


def write_entry(entry: Entry, directory: Path | str = ENTRIES_DIR) -> bool:
    """Write `<id>.yml` atomically; False when the file already held exactly this text."""
    path = Path(directory) / f"{entry.id}.yml"
    text = dump_entry(entry)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True
