"""The knowledge-base editor pages: list, one entry in all languages side by side, new entries,
machine drafts and the questions newcomers asked that the base could not answer.

Entries are shared by all organisations (they describe one municipality's services); the
unanswered questions are personal data, so an editor sees only those asked by persons of their
own organisation (and those asked before any profile existed, which belong to no one).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Mapping
from urllib.parse import urlencode

import sqlalchemy as sa
from sanic import Request, Sanic, response
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse

from dialogues import languages
from knowledge_base.entry import (
    CATEGORIES,
    LANGUAGES,
    SOURCE_LANGUAGE,
    STATUSES,
    Entry,
    Service,
    Translation,
    dump_entry,
)
from knowledge_base.store import InvalidEntry, KnowledgeBaseStore, UnansweredQuestion, UnknownEntry
from knowledge_base.validation import ERROR, months_before, slug, url_problem, validate
from portal import display
from portal.auth import blocking, check_csrf, login_required
from portal.rendering import render
from storage import audit
from storage.database import session_scope
from storage.models import Person

EDITORS = ("editor", "admin")
KB_URL = "/portal/kb"
REVIEW_MONTHS = 6

LANGUAGE_NAMES = {"de": "Deutsch", "en": "Englisch", "ar": "Arabisch", "fa": "Persisch",
                  "uk": "Ukrainisch", "ru": "Russisch", "tr": "Türkisch"}
CATEGORY_LABELS = {
    "registration": "Anmeldung und Meldewesen",
    "jobcenter": "Jobcenter und Bürgergeld",
    "residence": "Aufenthalt",
    "housing": "Wohnen",
    "health": "Gesundheit",
    "language_courses": "Sprach- und Integrationskurse",
    "childcare_school": "Kita und Schule",
    "counselling": "Beratung",
    "work_recognition": "Arbeit und Anerkennung",
    "emergencies": "Notfälle",
    "money_banking": "Geld und Bank",
    "transport": "Verkehr",
    "everyday": "Alltag",
}
STATUS_LABELS = {
    "curated": "Geprüft",
    "machine_draft": "Maschineller Entwurf – nicht freigegeben",
    "missing": "Fehlt",
    "outdated": "Veraltet",
}
STATUS_HINTS = {
    "outdated": "Der deutsche Text wurde geändert, seit diese Übersetzung entstand.",
    "machine_draft": "Maschinell übersetzt: bitte prüfen, korrigieren und freigeben.",
    "missing": "Noch keine Übersetzung.",
}
ACTION_LABELS = {
    "create": "Eintrag angelegt",
    "update": "bearbeitet",
    "import": "aus Dateien importiert",
    "review": "als geprüft markiert",
    "approve_translation": "Übersetzung freigegeben",
    "delete": "gelöscht",
    "unanswered.answered": "unbeantwortete Frage damit beantwortet",
    "unanswered.dismissed": "unbeantwortete Frage erledigt",
}
FIELD_LABELS = {
    "id": "ID", "category": "Kategorie", "source_url": "Quelle", "more_sources": "Weitere Quellen",
    "reviewed_at": "Geprüft am", "reviewer": "Geprüft von", "valid_from": "Gültig ab",
    "valid_until": "Gültig bis", "service": "Dienststelle", "region": "Region",
    "municipality": "Gemeinde", "state": "Land", "ags": "AGS", "name": "Name",
    "address": "Adresse", "opening_hours": "Öffnungszeiten", "phone": "Telefon", "web": "Web",
    "languages": "Sprachen", "accessibility": "Barrierefreiheit", "status": "Status",
    "source_hash": "Quellstand", "title": "Titel", "questions": "Fragen", "answer": "Antwort",
    "unanswered_id": "unbeantwortete Frage Nr.",
}
# Notices after a redirect: the query names one of these, it never carries text of its own.
NOTICES = {
    "gespeichert": ("ok", "Änderungen gespeichert."),
    "unveraendert": ("ok", "Keine Änderungen – nichts gespeichert."),
    "angelegt": ("ok", "Eintrag angelegt."),
    "geprueft": ("ok", "Als geprüft markiert."),
    "freigegeben": ("ok", "Übersetzung freigegeben."),
    "entwurf": ("ok", "Maschineller Entwurf erstellt. Bitte prüfen, korrigieren und freigeben."),
    "kein-paket": ("alert", "Für diese Sprache ist kein Übersetzungspaket installiert."),
    "entwurf-fehlgeschlagen": ("alert", "Die maschinelle Übersetzung ist fehlgeschlagen."),
    "entwurf-unnoetig": ("alert", "Diese Sprache hat schon eine aktuelle Übersetzung."),
    "erledigt": ("ok", "Frage als erledigt markiert."),
}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_AGS = re.compile(r"^\d{8}$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
MAX_ID = 120
MAX_LINE = 500
MAX_TITLE = 300
MAX_ANSWER = 8000
MAX_QUESTIONS = 20
MAX_SEARCH = 200
TRANSLATION_FIELDS = ("title", "questions", "answer")
SERVICE_FIELDS = ("name", "address", "opening_hours", "phone", "web", "languages", "accessibility")
META_FIELDS = ("id", "category", "source_url", "more_sources", "region_municipality", "region_state",
               "region_ags", "valid_from", "valid_until", "version", "unanswered_id")


def _database(request: Request) -> str:
    return request.app.ctx.settings.database_url


def _store(request: Request) -> KnowledgeBaseStore:
    return KnowledgeBaseStore(_database(request))


def _today() -> date:
    # Review dates are calendar days in Germany, not in UTC.
    return datetime.now(display.LOCAL_ZONE).date()


def _version(entry: Entry) -> str:
    """A fingerprint of the stored entry: a save based on an older one is refused."""
    return hashlib.sha256(dump_entry(entry).encode("utf-8")).hexdigest()[:16]


def _notice(request: Request) -> tuple[str, str] | None:
    return NOTICES.get(request.args.get("meldung") or "")


def _entry_url(entry_id: str, notice: str | None = None, anchor: str = "") -> str:
    query = "?" + urlencode({"meldung": notice}) if notice else ""
    return f"{KB_URL}/{entry_id}{query}{anchor}"


def _check_id(entry_id: str) -> None:
    if len(entry_id) > MAX_ID or not _ID.match(entry_id):
        raise NotFound("no such entry")


async def _entry_or_404(request: Request, entry_id: str) -> Entry:
    _check_id(entry_id)
    entry = await blocking(_store(request).entry, entry_id)
    if entry is None:
        raise NotFound("no such entry")
    return entry


def _review_overdue(entry: Entry, today: date) -> bool:
    return entry.reviewed_at < months_before(today, REVIEW_MONTHS)


def _language(code: str) -> dict[str, str]:
    return {"code": code, "name": LANGUAGE_NAMES.get(code, display.language_label(code)),
            "native": languages.native_name(code) if languages.is_supported(code) else code,
            "dir": languages.direction(code)}


def _status(code: str) -> dict[str, str]:
    return {"code": code, "label": STATUS_LABELS[code]}


# --- the list ------------------------------------------------------------------------------
@login_required(*EDITORS)
async def kb_list(request: Request) -> HTTPResponse:
    search = (request.args.get("q") or "").strip()[:MAX_SEARCH]
    category = request.args.get("kategorie") or ""
    category = category if category in CATEGORIES else ""
    status = request.args.get("status") or ""
    status = status if status in STATUSES else ""
    only_overdue = request.args.get("pruefung") == "alt"
    entries = await blocking(_store(request).entries, category=category or None,
                             status=status or None, search=search or None)
    today = _today()
    if only_overdue:
        entries = [e for e in entries if _review_overdue(e, today)]
    open_questions = len(await _visible_questions(request))
    rows = []
    for entry in entries:
        german = entry.translations.get(SOURCE_LANGUAGE)
        rows.append({
            "id": entry.id,
            "title": german.title if german else entry.id,
            "category": CATEGORY_LABELS.get(entry.category, entry.category),
            "statuses": [{"lang": lang, **_status(s)} for lang, s in entry.statuses().items()
                         if lang in LANGUAGES],
            "reviewed_at": entry.reviewed_at.strftime("%d.%m.%Y"),
            "reviewer": entry.reviewer,
            "overdue": _review_overdue(entry, today),
        })
    # (`status` is render's HTTP status)
    return render(request, "kb_list.html", rows=rows, search=search, category=category,
                  status_filter=status, only_overdue=only_overdue, open_questions=open_questions,
                  categories=CATEGORY_LABELS, statuses=STATUS_LABELS, notice=_notice(request),
                  filtered=bool(search or category or status or only_overdue))


# --- one entry -----------------------------------------------------------------------------
def _values_of(entry: Entry | None) -> dict[str, str]:
    """The form's fields as the entry holds them."""
    values = {key: "" for key in META_FIELDS}
    for key in SERVICE_FIELDS:
        values[f"service_{key}"] = ""
    for lang in LANGUAGES:
        for key in TRANSLATION_FIELDS:
            values[f"{lang}_{key}"] = ""
    if entry is None:
        return values
    values.update({
        "id": entry.id, "category": entry.category, "source_url": entry.source_url,
        "more_sources": "\n".join(entry.more_sources),
        "region_municipality": entry.region.get("municipality", ""),
        "region_state": entry.region.get("state", ""), "region_ags": entry.region.get("ags", ""),
        "valid_from": entry.valid_from.isoformat() if entry.valid_from else "",
        "valid_until": entry.valid_until.isoformat() if entry.valid_until else "",
        "version": _version(entry),
    })
    if entry.service is not None:
        for key in SERVICE_FIELDS:
            value = getattr(entry.service, key)
            values[f"service_{key}"] = ", ".join(value) if key == "languages" else (value or "")
    for lang, t in entry.translations.items():
        if lang in LANGUAGES:
            values.update({f"{lang}_title": t.title, f"{lang}_questions": "\n".join(t.questions),
                           f"{lang}_answer": t.answer})
    return values


def _values_from_form(form: Mapping[str, Any] | None) -> dict[str, str]:
    values = _values_of(None)
    for key in values:
        raw = form.get(key) if form else None
        values[key] = raw.replace("\r\n", "\n") if isinstance(raw, str) else ""
    return values


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _parse_date(text: str, label: str, errors: list[str]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors.append(f"{label}: bitte ein Datum (JJJJ-MM-TT) angeben.")
        return None


def _service_from(values: dict[str, str], errors: list[str]) -> Service | None:
    fields = {key: values[f"service_{key}"].strip() for key in SERVICE_FIELDS}
    if not any(fields.values()):
        return None
    if not fields["name"]:
        errors.append("Dienststelle: Bitte einen Namen angeben oder alle Felder der Dienststelle leeren.")
    if fields["web"] and url_problem(fields["web"]):
        errors.append("Dienststelle, Web: bitte einen vollständigen http(s)-Link angeben.")
    codes = [c for c in re.split(r"[\s,;]+", fields["languages"].lower()) if c]
    bad = [c for c in codes if not _LANGUAGE_CODE.match(c)]
    if bad:
        errors.append("Dienststelle, Sprachen: bitte Sprachcodes wie de, en, ar angeben.")
    for key in ("name", "address", "opening_hours", "phone", "web", "accessibility"):
        if len(fields[key]) > MAX_LINE:
            errors.append(f"Dienststelle, {FIELD_LABELS[key]}: höchstens {MAX_LINE} Zeichen.")
    return Service(name=fields["name"], address=fields["address"] or None,
                   opening_hours=fields["opening_hours"] or None, phone=fields["phone"] or None,
                   web=fields["web"] or None, languages=tuple(codes) or (SOURCE_LANGUAGE,),
                   accessibility=fields["accessibility"] or None)


def _translations_from(values: dict[str, str], existing: Entry | None,
                       errors: list[str]) -> dict[str, Translation]:
    """The languages of the form. A changed text keeps its status (a machine draft stays one
    until approved, a translation whose German source changed stays outdated until approved);
    a language written afresh by the editor counts as curated from the current German text."""
    texts: dict[str, tuple[str, tuple[str, ...], str]] = {}
    for lang in LANGUAGES:
        name = LANGUAGE_NAMES[lang]
        title = values[f"{lang}_title"].strip()
        questions = tuple(_lines(values[f"{lang}_questions"]))
        answer = values[f"{lang}_answer"].strip()
        if not (title or questions or answer):
            if lang == SOURCE_LANGUAGE:
                errors.append("Deutsch: Titel, mindestens eine Frage und die Antwort sind nötig "
                              "– der deutsche Text ist die Quelle aller Übersetzungen.")
            continue
        if not (title and questions and answer):
            errors.append(f"{name}: bitte Titel, mindestens eine Frage und die Antwort ausfüllen "
                          "– oder alle drei Felder leeren.")
        if len(title) > MAX_TITLE:
            errors.append(f"{name}, Titel: höchstens {MAX_TITLE} Zeichen.")
        if len(questions) > MAX_QUESTIONS or any(len(q) > MAX_LINE for q in questions):
            errors.append(f"{name}, Fragen: höchstens {MAX_QUESTIONS} Fragen mit je höchstens "
                          f"{MAX_LINE} Zeichen.")
        if len(answer) > MAX_ANSWER:
            errors.append(f"{name}, Antwort: höchstens {MAX_ANSWER} Zeichen.")
        texts[lang] = (title, questions, answer)
    if SOURCE_LANGUAGE not in texts:
        return {}
    german = Translation(SOURCE_LANGUAGE, "curated", *texts[SOURCE_LANGUAGE])
    source_hash = german.content_hash()
    result = {SOURCE_LANGUAGE: german}
    for lang, (title, questions, answer) in texts.items():
        if lang == SOURCE_LANGUAGE:
            continue
        old = existing.translations.get(lang) if existing else None
        fresh = Translation(lang, "curated", title, questions, answer, source_hash)
        if old is None:
            result[lang] = fresh
        elif (old.title, old.questions, old.answer) == (fresh.title, fresh.questions, fresh.answer):
            result[lang] = old
        else:
            result[lang] = replace(fresh, status=old.status, source_hash=old.source_hash)
    return result


def _entry_from(values: dict[str, str], existing: Entry | None, user: Mapping[str, Any],
                today: date) -> tuple[Entry | None, list[str]]:
    """The entry the form describes, or the German reasons it does not describe one."""
    errors: list[str] = []
    entry_id = existing.id if existing else values["id"].strip()
    if existing is None and (len(entry_id) > MAX_ID or not _ID.match(entry_id)):
        errors.append("ID: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. "
                      "„leipzig-jobcenter-termin“.")
    category = values["category"]
    if category not in CATEGORIES:
        errors.append("Kategorie: bitte eine Kategorie wählen.")
    source_url = values["source_url"].strip()
    if url_problem(source_url):
        errors.append("Quelle: bitte einen vollständigen http(s)-Link auf die Seite angeben, "
                      "aus der die Angaben stammen.")
    more_sources = _lines(values["more_sources"])
    if any(url_problem(url) for url in more_sources):
        errors.append("Weitere Quellen: bitte je Zeile einen vollständigen http(s)-Link angeben.")
    region = {"municipality": values["region_municipality"].strip(),
              "state": values["region_state"].strip(), "ags": values["region_ags"].strip()}
    if not (region["municipality"] and region["state"]):
        errors.append("Region: Gemeinde und Bundesland sind nötig.")
    if not _AGS.match(region["ags"]):
        errors.append("Region: der Amtliche Gemeindeschlüssel (AGS) hat 8 Ziffern.")
    valid_from = _parse_date(values["valid_from"], "Gültig ab", errors)
    valid_until = _parse_date(values["valid_until"], "Gültig bis", errors)
    if valid_from and valid_until and valid_from > valid_until:
        errors.append("Gültigkeit: „Gültig ab“ liegt nach „Gültig bis“.")
    if len(source_url) > 2000 or any(len(url) > 2000 for url in more_sources):
        errors.append("Quelle: Links mit höchstens 2000 Zeichen.")
    service = _service_from(values, errors)
    translations = _translations_from(values, existing, errors)
    if errors:
        return None, errors
    reviewer = str(user.get("display_name") or user.get("username"))
    entry = Entry(id=entry_id, category=category, region=region, source_url=source_url,
                  more_sources=tuple(more_sources),
                  # A new entry is written by an editor from its sources: reviewed today.
                  reviewed_at=existing.reviewed_at if existing else today,
                  reviewer=existing.reviewer if existing else reviewer,
                  valid_from=valid_from, valid_until=valid_until, service=service,
                  translations=translations)
    return entry, []


def _blocking_problems(store: KnowledgeBaseStore, entry: Entry, today: date) -> list[str]:
    """Errors the whole base would have with this entry in it (a question two entries share:
    retrieval could not tell them apart); `lotse kb validate` would fail on them."""
    others = [e for e in store.export_entries() if e.id != entry.id]
    return [f"Doppelte Frage: {p.message}" for p in validate([*others, entry], today)
            if p.entry_id == entry.id and p.level == ERROR and p.code == "duplicate_question"]


def _translator_routes(targets: list[str]) -> dict[str, bool]:
    """Which languages a machine draft can be made for (a package installed from German)."""
    from translation import get_translator

    translator = get_translator()
    return {lang: translator.route(SOURCE_LANGUAGE, lang) is not None for lang in targets}


def _columns(entry: Entry | None, values: dict[str, str], routes: dict[str, bool]) -> list[dict]:
    columns = []
    for lang in LANGUAGES:
        status = entry.status(lang) if entry else "missing"
        stored = entry.translations.get(lang) if entry else None
        columns.append({
            **_language(lang),
            "status": _status(status),
            "hint": STATUS_HINTS.get(status) if lang != SOURCE_LANGUAGE else
                    "Quelle aller Übersetzungen.",
            "title": values[f"{lang}_title"],
            "questions": values[f"{lang}_questions"],
            "answer": values[f"{lang}_answer"],
            "can_approve": stored is not None and status in ("machine_draft", "outdated"),
            "can_draft": entry is not None and lang != SOURCE_LANGUAGE
                         and status in ("missing", "outdated") and routes.get(lang, False),
            "no_package": entry is not None and lang != SOURCE_LANGUAGE
                          and status in ("missing", "outdated") and not routes.get(lang, False),
        })
    return columns


def _short(value: Any) -> str:  # noqa: ANN401 - any JSON value of a diff
    if value is None or value == "" or value == []:
        return display.EMPTY
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= 120 else text[:119] + "…"


def _field_label(path: str) -> str:
    parts = path.split(".")
    if parts[0] == "translations" and len(parts) >= 2:
        name = LANGUAGE_NAMES.get(parts[1], parts[1])
        return " · ".join([name, *(FIELD_LABELS.get(p, p) for p in parts[2:])])
    return " · ".join(FIELD_LABELS.get(p, p) for p in parts)


def _change_row(change: dict[str, Any]) -> dict[str, Any]:
    diff = change.get("diff") or {}
    action = ACTION_LABELS.get(change["action"], change["action"])
    drafted = [path.split(".")[1] for path, d in diff.items()
               if path.startswith("translations.") and path.endswith(".status")
               and isinstance(d, dict) and d.get("new") == "machine_draft"]
    if drafted:
        action = "maschineller Entwurf erstellt (" + ", ".join(
            LANGUAGE_NAMES.get(lang, lang) for lang in drafted) + ")"
    fields = []
    for path, values in diff.items():
        if isinstance(values, dict) and ("old" in values or "new" in values):
            fields.append({"label": _field_label(path), "old": _short(values.get("old")),
                           "new": _short(values.get("new"))})
        else:
            fields.append({"label": _field_label(path), "old": "", "new": _short(values)})
    return {"at": display.timestamp(change["at"]), "who": change["username"] or display.EMPTY,
            "action": action, "fields": fields}


async def _render_entry(request: Request, entry: Entry, *, values: dict[str, str] | None = None,
                        errors: list[str] | None = None, status: int = 200,
                        notice: tuple[str, str] | None = None) -> HTTPResponse:
    store = _store(request)
    changes = await blocking(store.changes, entry.id, 100)
    routes = await blocking(_translator_routes, [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
    values = values or _values_of(entry)
    values["version"] = _version(entry)
    today = _today()
    german = entry.translations.get(SOURCE_LANGUAGE)
    return render(request, "kb_entry.html", status=status, is_new=False, entry_id=entry.id,
                  title=german.title if german else entry.id, values=values, errors=errors or [],
                  columns=_columns(entry, values, routes), categories=CATEGORY_LABELS,
                  reviewed_at=entry.reviewed_at.strftime("%d.%m.%Y"), reviewer=entry.reviewer,
                  overdue=_review_overdue(entry, today),
                  changes=[_change_row(c) for c in changes], notice=notice or _notice(request),
                  question=None)


@login_required(*EDITORS)
async def kb_entry(request: Request, entry_id: str) -> HTTPResponse:
    entry = await _entry_or_404(request, entry_id)
    return await _render_entry(request, entry)


@login_required(*EDITORS)
async def kb_entry_save(request: Request, entry_id: str) -> HTTPResponse:
    check_csrf(request, request.ctx.session)
    entry = await _entry_or_404(request, entry_id)
    values = _values_from_form(request.form)
    if values["version"] != _version(entry):
        # Someone saved meanwhile: saving this form would silently undo their change.
        return await _render_entry(request, entry, status=409, notice=(
            "alert", "Der Eintrag wurde inzwischen von jemand anderem geändert. Ihre Änderungen "
                     "wurden nicht gespeichert – unten steht der aktuelle Stand."))
    user = request.ctx.user
    store = _store(request)
    today = _today()
    updated, errors = _entry_from(values, entry, user, today)
    if updated is not None:
        errors = await blocking(_blocking_problems, store, updated, today)
    if not errors:
        try:
            diff = await blocking(store.save_entry, updated, user)
        except InvalidEntry as exc:
            errors = [p.message for p in exc.problems]
    if errors:
        return await _render_entry(request, entry, values=values, errors=errors, status=400)
    notice = "gespeichert" if diff else "unveraendert"
    approve = request.form.get("approve")
    if approve in LANGUAGES:
        try:
            await blocking(store.approve_translation, entry_id, approve, user)
            notice = "freigegeben"
        except UnknownEntry:
            pass  # nothing in that language to approve: the save alone stands
    return response.redirect(_entry_url(entry_id, notice), status=303)


@login_required(*EDITORS)
async def kb_entry_reviewed(request: Request, entry_id: str) -> HTTPResponse:
    check_csrf(request, request.ctx.session)
    await _entry_or_404(request, entry_id)
    await blocking(_store(request).mark_reviewed, entry_id, request.ctx.user, _today())
    return response.redirect(_entry_url(entry_id, "geprueft"), status=303)


def _machine_draft(entry: Entry, lang: str) -> Translation | None:
    """Title, questions and answer translated from German, or None when that cannot be done."""
    from translation import get_translator

    german = entry.translations[SOURCE_LANGUAGE]
    texts = [german.title, *german.questions, german.answer]
    results = get_translator().translate_many(texts, SOURCE_LANGUAGE, lang)
    if not all(r.translated and r.text.strip() for r in results):
        return None
    title, *questions, answer = (r.text.strip() for r in results)
    return Translation(lang, "machine_draft", title, tuple(questions), answer, entry.source_hash())


@login_required(*EDITORS)
async def kb_entry_draft(request: Request, entry_id: str, lang: str) -> HTTPResponse:
    check_csrf(request, request.ctx.session)
    entry = await _entry_or_404(request, entry_id)
    if lang not in LANGUAGES or lang == SOURCE_LANGUAGE:
        raise NotFound("no such language")
    anchor = f"#sprache-{lang}"
    if entry.status(lang) not in ("missing", "outdated"):
        return response.redirect(_entry_url(entry_id, "entwurf-unnoetig", anchor), status=303)
    routes = await blocking(_translator_routes, [lang])
    if not routes[lang]:
        return response.redirect(_entry_url(entry_id, "kein-paket", anchor), status=303)
    draft = await blocking(_machine_draft, entry, lang)
    if draft is None:
        return response.redirect(_entry_url(entry_id, "entwurf-fehlgeschlagen", anchor), status=303)
    # Read again: the translation took a while and someone may have saved meanwhile.
    current = await _entry_or_404(request, entry_id)
    if current.source_hash() != entry.source_hash() or current.status(lang) not in ("missing", "outdated"):
        return response.redirect(_entry_url(entry_id, "entwurf-unnoetig", anchor), status=303)
    updated = replace(current, translations={**current.translations, lang: draft})
    await blocking(_store(request).save_entry, updated, request.ctx.user)
    return response.redirect(_entry_url(entry_id, "entwurf", anchor), status=303)


# --- new entries -----------------------------------------------------------------------------
async def _default_region(request: Request) -> dict[str, str]:
    """The municipality the base is about: the region of the entries already there."""
    entries = await blocking(_store(request).entries)
    return dict(entries[0].region) if entries else {}


async def _question_for(request: Request, raw_id: str | None,
                        strict: bool = True) -> UnansweredQuestion | None:
    """An open question the editor may see; 404 (or None when not `strict`) for any other."""
    if not raw_id or not raw_id.isdigit() or len(raw_id) > 12:
        return None
    question_id = int(raw_id)
    found = next((q for q in await _visible_questions(request) if q.id == question_id), None)
    if found is None and strict:
        raise NotFound("no such open question")
    return found


def _render_new(request: Request, values: dict[str, str], question: UnansweredQuestion | None,
                errors: list[str] | None = None, status: int = 200) -> HTTPResponse:
    return render(request, "kb_entry.html", status=status, is_new=True, entry_id="",
                  title="Neuer Eintrag", values=values, errors=errors or [],
                  columns=_columns(None, values, {}), categories=CATEGORY_LABELS,
                  reviewed_at="", reviewer="", overdue=False, changes=[], notice=None,
                  question=_question_row(question) if question else None)


@login_required(*EDITORS)
async def kb_new(request: Request) -> HTTPResponse:
    values = _values_of(None)
    region = await _default_region(request)
    values.update({"region_municipality": region.get("municipality", ""),
                   "region_state": region.get("state", ""), "region_ags": region.get("ags", ""),
                   "id": f"{slug(region.get('municipality', ''))}-" if region else ""})
    question = await _question_for(request, request.args.get("frage"))
    if question is not None:
        await _audit(request, "kb.unanswered.read", question.person_id)
        lang = question.language if question.language in LANGUAGES else SOURCE_LANGUAGE
        values[f"{lang}_questions"] = question.text
        values["unanswered_id"] = str(question.id)
    return _render_new(request, values, question)


@login_required(*EDITORS)
async def kb_create(request: Request) -> HTTPResponse:
    check_csrf(request, request.ctx.session)
    values = _values_from_form(request.form)
    # A question someone else closed meanwhile must not cost the editor the new entry.
    question = await _question_for(request, values["unanswered_id"] or None, strict=False)
    user = request.ctx.user
    store = _store(request)
    today = _today()
    entry, errors = _entry_from(values, None, user, today)
    if entry is not None:
        if await blocking(store.entry, entry.id) is not None:
            errors = ["ID: diese ID ist schon vergeben – bitte eine andere wählen."]
        else:
            errors = await blocking(_blocking_problems, store, entry, today)
    if not errors:
        try:
            await blocking(store.save_entry, entry, user)
        except InvalidEntry as exc:
            errors = [p.message for p in exc.problems]
    if errors:
        return _render_new(request, values, question, errors, status=400)
    if question is not None:
        await blocking(store.resolve_unanswered, question.id, entry.id, user)
    return response.redirect(_entry_url(entry.id, "angelegt"), status=303)


# --- unanswered questions --------------------------------------------------------------------
def _organisation_persons(database_url: str, organisation_id: int, person_ids: list[str]) -> set[str]:
    if not person_ids:
        return set()
    with session_scope(database_url) as session:
        return set(session.execute(
            sa.select(Person.id).where(Person.organisation_id == organisation_id,
                                       Person.id.in_(person_ids))
        ).scalars())


async def _visible_questions(request: Request) -> list[UnansweredQuestion]:
    """Open questions of the editor's organisation (and those asked before any profile)."""
    questions = await blocking(_store(request).unanswered, "open")
    own = await blocking(_organisation_persons, _database(request),
                         request.ctx.user["organisation_id"],
                         sorted({q.person_id for q in questions if q.person_id}))
    return [q for q in questions if q.person_id is None or q.person_id in own]


def _question_row(question: UnansweredQuestion) -> dict[str, Any]:
    lang = question.language
    supported = languages.is_supported(lang)
    return {"id": question.id, "text": question.text,
            "asked": display.timestamp(question.asked_at),
            "language": LANGUAGE_NAMES.get(lang) or display.language_label(lang),
            "code": lang, "lang_attr": lang if supported else "",
            "dir": languages.direction(lang) if supported else "auto"}


async def _audit(request: Request, action: str, person_id: str | None = None) -> None:
    # Reading a newcomer's question is reading personal data: it leaves a trace like a profile.
    user = request.ctx.user
    await blocking(audit.record, _database(request), user_id=user["id"],
                   username=user["username"], action=action, person_id=person_id)


@login_required(*EDITORS)
async def kb_unanswered(request: Request) -> HTTPResponse:
    questions = await _visible_questions(request)
    await _audit(request, "kb.unanswered.list")
    return render(request, "kb_unanswered.html", questions=[_question_row(q) for q in questions],
                  notice=_notice(request))


@login_required(*EDITORS)
async def kb_unanswered_done(request: Request, question_id: int) -> HTTPResponse:
    check_csrf(request, request.ctx.session)
    question = await _question_for(request, str(question_id))
    if question is not None:
        await blocking(_store(request).resolve_unanswered, question.id, None, request.ctx.user)
    return response.redirect(f"{KB_URL}/unanswered?meldung=erledigt", status=303)


def register(app: Sanic) -> None:
    app.add_route(kb_list, KB_URL, methods=["GET"], name="kb_list")
    app.add_route(kb_new, f"{KB_URL}/new", methods=["GET"], name="kb_new")
    app.add_route(kb_create, f"{KB_URL}/new", methods=["POST"], name="kb_create")
    app.add_route(kb_unanswered, f"{KB_URL}/unanswered", methods=["GET"], name="kb_unanswered")
    app.add_route(kb_unanswered_done, f"{KB_URL}/unanswered/<question_id:int>/done",
                  methods=["POST"], name="kb_unanswered_done")
    app.add_route(kb_entry, f"{KB_URL}/<entry_id:str>", methods=["GET"], name="kb_entry")
    app.add_route(kb_entry_save, f"{KB_URL}/<entry_id:str>", methods=["POST"], name="kb_entry_save")
    app.add_route(kb_entry_reviewed, f"{KB_URL}/<entry_id:str>/reviewed", methods=["POST"],
                  name="kb_entry_reviewed")
    app.add_route(kb_entry_draft, f"{KB_URL}/<entry_id:str>/draft/<lang:str>", methods=["POST"],
                  name="kb_entry_draft")
