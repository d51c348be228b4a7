"""Checks of the whole knowledge base, for `lotse kb validate`, the editor pages and CI.

Errors make an entry unfit to answer with (broken schema, a question two entries share, an
expired entry, a broken link); warnings ask an editor to act (a language missing, a translation
outdated or not yet approved, a review older than six months, a question almost the same as
another entry's).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from knowledge_base.entry import (
    CATEGORIES,
    ENTRIES_DIR,
    LANGUAGES,
    SOURCE_LANGUAGE,
    STORED_STATUSES,
    Entry,
    EntryFormatError,
    entry_files,
    load_entry,
)
from nlu.folding import fold

REVIEW_MONTHS = 6
EXPIRY_NOTICE_DAYS = 30
NEAR_DUPLICATE_SCORE = 95.0

ERROR = "error"
WARNING = "warning"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HASH = re.compile(r"^[0-9a-f]{16}$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_AGS = re.compile(r"^\d{8}$")


@dataclass(frozen=True)
class Problem:
    entry_id: str
    level: str  # "error" | "warning"
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"entry_id": self.entry_id, "level": self.level, "code": self.code,
                "message": self.message}


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def slug(text: str) -> str:
    """'Leipzig' -> 'leipzig', 'Frankfurt am Main' -> 'frankfurt-am-main', 'Köln' -> 'koeln'."""
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", text))


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable web link, or None."""
    if not url or any(ch.isspace() for ch in url):
        return "empty or contains spaces"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "not an http(s) link"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return "no valid host name"
    return None


def check_entry(entry: Entry) -> list[Problem]:
    """The content rules of one entry on its own (everything but time, duplicates and links)."""
    problems: list[Problem] = []

    def add(level: str, code: str, message: str) -> None:
        problems.append(Problem(entry.id, level, code, message))

    if not _ID.match(entry.id):
        add(ERROR, "schema", "id must be lowercase ASCII words joined by '-'")
    if entry.category not in CATEGORIES:
        add(ERROR, "schema", f"unknown category {entry.category!r} (one of {', '.join(CATEGORIES)})")
    for key in ("municipality", "state", "ags"):
        if not entry.region.get(key, "").strip():
            add(ERROR, "schema", f"region.{key} missing")
    if entry.region.get("ags") and not _AGS.match(entry.region["ags"]):
        add(ERROR, "schema", "region.ags must be the 8-digit municipality key")
    municipality = slug(entry.region.get("municipality", ""))
    if municipality and _ID.match(entry.id) and not entry.id.startswith(municipality + "-"):
        add(WARNING, "schema", f"id should start with the municipality slug {municipality!r}")
    if not entry.reviewer.strip():
        add(ERROR, "schema", "reviewer missing")
    if entry.valid_from and entry.valid_until and entry.valid_from > entry.valid_until:
        add(ERROR, "schema", "valid_from is after valid_until")
    if entry.service is not None:
        if not entry.service.name.strip():
            add(ERROR, "schema", "service.name is empty")
        for code in entry.service.languages:
            if not _LANGUAGE_CODE.match(code):
                add(ERROR, "schema", f"service.languages: {code!r} is not an ISO 639 code")
    for lang, t in entry.translations.items():
        where = f"translations.{lang}"
        if lang not in LANGUAGES:
            add(ERROR, "schema", f"{where}: unsupported language (one of {', '.join(LANGUAGES)})")
        if t.status not in STORED_STATUSES:
            add(ERROR, "schema", f"{where}.status must be one of {', '.join(STORED_STATUSES)} "
                                 "(missing and outdated are computed)")
        if not t.title:
            add(ERROR, "schema", f"{where}.title is empty")
        if not t.questions:
            add(ERROR, "schema", f"{where}.questions: at least one question needed")
        if any(not q for q in t.questions):
            add(ERROR, "schema", f"{where}.questions: empty question")
        if not t.answer:
            add(ERROR, "schema", f"{where}.answer is empty")
        if lang == SOURCE_LANGUAGE:
            if t.status != "curated":
                add(ERROR, "schema", f"{where}: the German source must be curated")
            if t.source_hash is not None:
                add(WARNING, "schema", f"{where}.source_hash: German is the source, it has none")
        elif t.source_hash is not None and not _HASH.match(t.source_hash):
            add(ERROR, "schema", f"{where}.source_hash must be 16 hex digits")
        folded = [fold(q) for q in t.questions]
        for question in sorted({q for q in folded if folded.count(q) > 1 and q}):
            add(WARNING, "duplicate_question", f'{where}: question repeated: "{question}"')
    return problems


def _translation_problems(entry: Entry) -> list[Problem]:
    problems: list[Problem] = []
    if SOURCE_LANGUAGE not in entry.translations:
        problems.append(Problem(entry.id, ERROR, "missing_language",
                                "no German text: German is the source of every translation"))
        return problems
    for lang, status in entry.statuses().items():
        if status == "missing":
            problems.append(Problem(entry.id, WARNING, "missing_language", f"{lang}: no translation"))
        elif status == "outdated":
            reason = ("has no source_hash" if entry.translations[lang].source_hash is None
                      else "the German text changed since it was translated")
            problems.append(Problem(entry.id, WARNING, "outdated_translation", f"{lang}: {reason}"))
        elif status == "machine_draft":
            problems.append(Problem(entry.id, WARNING, "machine_draft",
                                    f"{lang}: machine translation not yet approved by an editor"))
    return problems


def _time_problems(entry: Entry, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if entry.reviewed_at < months_before(today, REVIEW_MONTHS):
        problems.append(Problem(entry.id, WARNING, "review_overdue",
                                f"last reviewed {entry.reviewed_at.isoformat()}, more than "
                                f"{REVIEW_MONTHS} months ago"))
    elif entry.reviewed_at > today:
        problems.append(Problem(entry.id, WARNING, "review_in_future",
                                f"reviewed_at {entry.reviewed_at.isoformat()} is in the future"))
    if entry.valid_until is not None:
        if entry.valid_until < today:
            problems.append(Problem(entry.id, ERROR, "expired",
                                    f"valid until {entry.valid_until.isoformat()}: update or remove"))
        elif entry.valid_until <= today + timedelta(days=EXPIRY_NOTICE_DAYS):
            problems.append(Problem(entry.id, WARNING, "expires_soon",
                                    f"valid until {entry.valid_until.isoformat()}"))
    if entry.valid_from is not None and entry.valid_from > today:
        problems.append(Problem(entry.id, WARNING, "not_yet_valid",
                                f"valid from {entry.valid_from.isoformat()}: not answered before"))
    return problems


def _url_problems(entry: Entry) -> list[Problem]:
    problems: list[Problem] = []
    urls = [("source_url", entry.source_url)]
    urls += [(f"more_sources[{i}]", url) for i, url in enumerate(entry.more_sources)]
    if entry.service is not None and entry.service.web is not None:
        urls.append(("service.web", entry.service.web))
    for name, url in urls:
        reason = url_problem(url)
        if reason:
            problems.append(Problem(entry.id, ERROR, "invalid_url", f"{name}: {reason}: {url!r}"))
        elif urlsplit(url).scheme == "http":
            problems.append(Problem(entry.id, WARNING, "insecure_url", f"{name}: use https: {url}"))
    return problems


def _duplicate_problems(entries: list[Entry]) -> list[Problem]:
    """The same folded question in two entries (error: retrieval cannot tell them apart), and
    questions of two entries that are nearly the same within a language (warning)."""
    problems: list[Problem] = []
    owners: dict[str, set[str]] = defaultdict(set)
    by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
    original: dict[str, str] = {}
    for entry in entries:
        for lang, t in entry.translations.items():
            for question in t.questions:
                folded = fold(question)
                if folded:
                    owners[folded].add(entry.id)
                    by_language[lang].append((entry.id, folded))
                    original.setdefault(folded, question)
    exact = {q for q, ids in owners.items() if len(ids) > 1}
    for question in sorted(exact):
        ids = sorted(owners[question])
        for entry_id in ids:
            others = ", ".join(i for i in ids if i != entry_id)
            problems.append(Problem(entry_id, ERROR, "duplicate_question",
                                    f'"{original[question]}" is also a question of {others}'))
    seen: set[tuple[str, str, str, str]] = set()
    for lang, items in sorted(by_language.items()):
        texts = [q for _, q in items]
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE_SCORE)
        for i, j in zip(*scores.nonzero(), strict=True):
            (id_a, q_a), (id_b, q_b) = items[i], items[j]
            if i >= j or id_a == id_b or q_a == q_b:
                continue
            key = (id_a, q_a, id_b, q_b) if id_a < id_b else (id_b, q_b, id_a, q_a)
            if key in seen:
                continue
            seen.add(key)
            score = round(float(scores[i, j]), 1)
            problems.append(Problem(key[0], WARNING, "near_duplicate_question",
                                    f'{lang}: "{original[key[1]]}" ~ "{original[key[3]]}" of {key[2]} '
                                    f"(similarity {score})"))
    return problems


def validate(entries: Iterable[Entry], today: date) -> list[Problem]:
    """Every problem of the base, sorted by entry, then errors before warnings."""
    entries = list(entries)
    problems: list[Problem] = []
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[entry.id] += 1
    for entry_id in sorted(i for i, n in counts.items() if n > 1):
        problems.append(Problem(entry_id, ERROR, "duplicate_id", f"{counts[entry_id]} entries share it"))
    for entry in entries:
        problems += check_entry(entry)
        problems += _translation_problems(entry)
        problems += _time_problems(entry, today)
        problems += _url_problems(entry)
    problems += _duplicate_problems(entries)
    order = {ERROR: 0, WARNING: 1}
    return sorted(problems, key=lambda p: (p.entry_id, order.get(p.level, 2), p.code, p.message))


def validate_directory(directory: Path | str = ENTRIES_DIR,
                       today: date | None = None) -> tuple[list[Entry], list[Problem]]:
    """Load every file of `directory` and validate the base; a file that cannot be read is
    an error of its own and the others are still checked."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in entry_files(directory):
        try:
            entry = load_entry(path)
        except (EntryFormatError, UnicodeDecodeError) as exc:
            messages = exc.messages if isinstance(exc, EntryFormatError) else [str(exc)]
            problems += [Problem(path.stem, ERROR, "schema", f"{path.name}: {m}") for m in messages]
            continue
        if entry.id != path.stem:
            problems.append(Problem(entry.id, ERROR, "schema",
                                    f"file {path.name} must be named {entry.id}.yml"))
        entries.append(entry)
    problems += validate(entries, today or date.today())
    order = {ERROR: 0, WARNING: 1}
    return (sorted(entries, key=lambda e: e.id),
            sorted(problems, key=lambda p: (p.entry_id, order.get(p.level, 2), p.code, p.message)))
