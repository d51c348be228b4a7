"""The profile pages: the organisation's list, one profile, its JSON export and CV downloads."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import quote, urlencode

from anyascii import anyascii
from sanic import Request, Sanic, response
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse

from dialogues.completeness import assess
from documents.transliteration import name_to_latin
from portal import display, queries
from portal.auth import blocking, current_user, home_url, login_required, read_session
from portal.rendering import render
from storage import audit
from storage.documents import DocumentMailbox
from storage.profiles import ProfileRepository

logger = logging.getLogger(__name__)
_AGS = re.compile(r"\d{8}")
READERS = ("caseworker", "admin")
LIST_COLUMNS = (
    ("language", "Sprache"),
    ("origin", "Herkunft"),
    ("municipality", "Wohnort"),
    ("completeness", "Vollständigkeit"),
    ("open", "Offene Punkte"),
    ("status", "Status"),
    ("activity", "Letzte Aktivität"),
)


def _database(request: Request) -> str:
    return request.app.ctx.settings.database_url


async def _audit(request: Request, action: str, person_id: str | None = None) -> None:
    user = request.ctx.user
    await blocking(audit.record, _database(request), user_id=user["id"],
                   username=user["username"], action=action, person_id=person_id)


async def _snapshot_of_own_person(request: Request, person_id: str) -> dict:
    """The person's data if they belong to the user's organisation; otherwise 404.

    404 and not 403: a caseworker must not learn that an id exists elsewhere.
    """
    database = _database(request)
    if len(person_id) > 64 or not await blocking(
        queries.person_in_organisation, database, person_id, request.ctx.user["organisation_id"]
    ):
        raise NotFound("no such person in this organisation")
    snapshot = await blocking(ProfileRepository(database).snapshot, person_id)
    if snapshot is None:
        raise NotFound("person erased meanwhile")
    return snapshot


async def home(request: Request) -> HTTPResponse:
    return response.redirect(home_url(await current_user(request, read_session(request))), status=302)


@dataclass(frozen=True)
class ListOptions:
    sort: str
    order: str
    only_open: bool
    ags: str | None  # only persons living in this municipality


def _list_options(request: Request) -> ListOptions:
    """Sort column, order and the filters from the query; unknown values: defaults."""
    sort = request.args.get("sort")
    if sort not in queries.SORT_COLUMNS:
        sort, order = queries.DEFAULT_SORT
    else:
        order = request.args.get("order")
        if order not in ("asc", "desc"):
            order = queries.SORT_COLUMNS[sort].first_order
    ags = request.args.get("gemeinde")
    return ListOptions(sort, order, request.args.get("open") == "1",
                       ags if ags and _AGS.fullmatch(ags) else None)


def _list_url(options: ListOptions, sort: str, order: str) -> str:
    params = {"sort": sort, "order": order, **({"open": "1"} if options.only_open else {}),
              **({"gemeinde": options.ags} if options.ags else {})}
    return "/portal/profiles?" + urlencode(params)


def _column_headers(options: ListOptions) -> list[dict[str, Any]]:
    headers = []
    for key, label in LIST_COLUMNS:
        active = key == options.sort
        # A click on the sorted column reverses it; on another column gives its natural order.
        next_order = ("desc" if options.order == "asc" else "asc") if active \
            else queries.SORT_COLUMNS[key].first_order
        headers.append({
            "key": key, "label": label, "href": _list_url(options, key, next_order),
            "aria_sort": ("ascending" if options.order == "asc" else "descending") if active else None,
        })
    return headers


@login_required(*READERS)
async def profile_list(request: Request) -> HTTPResponse:
    options = _list_options(request)
    persons = await blocking(queries.list_persons, _database(request),
                             request.ctx.user["organisation_id"])
    total = len(persons)
    municipalities = queries.municipality_options(persons)
    if options.only_open:
        persons = [p for p in persons if p["open_points"]]
    if options.ags:
        persons = [p for p in persons if p["municipality_ags"] == options.ags]
    persons = queries.sort_persons(persons, options.sort, options.order)
    # Written before the page leaves: no data without a trace in the log.
    await _audit(request, "profile.list")
    return render(request, "profiles.html", persons=persons, total=total,
                  columns=_column_headers(options), sort=options.sort, order=options.order,
                  only_open=options.only_open, municipalities=municipalities,
                  municipality=options.ags, filtered=options.only_open or bool(options.ags))


@login_required(*READERS)
async def profile_detail(request: Request, person_id: str) -> HTTPResponse:
    snapshot = await _snapshot_of_own_person(request, person_id)
    await _audit(request, "profile.read", person_id)
    person = snapshot["person"]
    return render(
        request, "profile_detail.html",
        person=person,
        language=display.language_label(person["ui_language"]),
        person_status=display.PERSON_STATUS.get(person["status"], person["status"]),
        created=display.timestamp(person["created_at"]),
        last_activity=display.timestamp(person["last_activity_at"]),
        completed=display.timestamp(person["completed_at"]),
        sections=display.profile_sections(snapshot),
        completeness=display.open_points(snapshot, assess(snapshot)),
        documents=[
            {"id": d["id"], "filename": d["filename"], "kind": display.document_kind(d["media_type"]),
             "size": display.file_size(d["size"]), "channel": display.channel_label(d["channel"]),
             "sent": display.timestamp(d["sent_at"])}
            for d in snapshot["documents"]
        ],
        consents=[
            {"version": c["text_version"], "language": display.language_label(c["language"]),
             "language_code": c["language"], "given": display.timestamp(c["given_at"])}
            for c in snapshot["consents"]
        ],
    )


@login_required(*READERS)
async def profile_export(request: Request, person_id: str) -> HTTPResponse:
    snapshot = await _snapshot_of_own_person(request, person_id)
    await _audit(request, "profile.export", person_id)
    body = json.dumps(snapshot, ensure_ascii=False, indent=2)
    return response.raw(
        body.encode("utf-8"),
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition":
                 f'attachment; filename="lotse-profil-{snapshot["person"]["id"]}.json"'},
    )


def _ascii_name(snapshot: dict[str, Any]) -> str:
    """The person's name for a file name: in Latin letters (as on the CV), ASCII, at most 60 chars."""
    parts = []
    for row in snapshot["fields"]:
        if row["field"] in ("given_names", "family_name") and row["item_index"] == 0 \
                and row["status"] != "skipped" and isinstance(row["value"], str):
            parts.append((row["field"] != "given_names",
                          name_to_latin(row["value"], row.get("original_language"))))
    name = " ".join(latin for _, latin in sorted(parts))
    # anyascii catches what the transliteration leaves (e.g. Turkish "Ş"): HTTP headers are ASCII.
    return re.sub(r"[^A-Za-z0-9]+", "-", anyascii(name)).strip("-")[:60].strip("-")


def _pdf(anonymised: bool) -> Callable[[dict[str, Any]], bytes]:
    def make(snapshot: dict[str, Any]) -> bytes:
        # Imported on the first download: the PDF libraries need not load at portal start.
        from documents import lebenslauf_pdf

        return lebenslauf_pdf.render(snapshot, anonymised=anonymised)

    return make


def _json_resume(snapshot: dict[str, Any]) -> bytes:
    from documents import json_resume

    return json.dumps(json_resume.build(snapshot), ensure_ascii=False, indent=2).encode("utf-8")


# route suffix -> (audit action, builder, content type, file name stem, with the person's name)
DOWNLOADS: dict[str, tuple[str, Callable[[dict[str, Any]], bytes], str, str, bool]] = {
    "cv.pdf": ("profile.export_cv_pdf", _pdf(False), "application/pdf", "Lebenslauf", True),
    "cv-anonymisiert.pdf": ("profile.export_cv_anonymised", _pdf(True), "application/pdf",
                            "Lebenslauf-anonymisiert", False),
    "cv.json": ("profile.export_json_resume", _json_resume, "application/json; charset=utf-8",
                "Lebenslauf", True),
}


@login_required(*READERS)
async def document_download(request: Request, person_id: str, document_id: str) -> HTTPResponse:
    """A file from the person's document mailbox, as they sent it (type checked on arrival)."""
    await _snapshot_of_own_person(request, person_id)
    found = await blocking(DocumentMailbox(_database(request)).content, person_id, document_id[:64])
    if found is None:
        raise NotFound("no such document")
    document, body = found
    await _audit(request, "profile.document.read", person_id)
    return response.raw(body, content_type=document.media_type, headers={
        # attachment + nosniff: a file from outside is never rendered inside the portal
        "Content-Disposition": "attachment; filename*=UTF-8''" + quote(document.filename),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    })


def _download_filename(snapshot: dict[str, Any], stem: str, with_name: bool, suffix: str) -> str:
    # The anonymised CV is passed on without the name: its file name must not carry it either.
    name = _ascii_name(snapshot) if with_name else ""
    tail = name or snapshot["person"]["id"][:8]
    return f"{stem}-{tail}.{suffix.rsplit('.', 1)[1]}"


def _download_route(suffix: str) -> Callable[..., Any]:
    action, build, content_type, stem, with_name = DOWNLOADS[suffix]

    @login_required(*READERS)
    async def download(request: Request, person_id: str) -> HTTPResponse:
        snapshot = await _snapshot_of_own_person(request, person_id)
        try:
            body = await blocking(build, snapshot)
        except Exception:
            # Logged with the stack; the browser gets a German page without details.
            logger.exception("%s failed for person %s", action, person_id)
            return render(request, "error.html", status=500,
                          title="Lebenslauf konnte nicht erstellt werden",
                          message="Beim Erstellen des Dokuments ist ein Fehler aufgetreten. "
                                  "Bitte versuchen Sie es später noch einmal oder wenden Sie "
                                  "sich an die Administration.")
        await _audit(request, action, person_id)
        filename = _download_filename(snapshot, stem, with_name, suffix)
        return response.raw(body, content_type=content_type, headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        })

    return download


def register(app: Sanic) -> None:
    app.add_route(home, "/", methods=["GET"], name="home")
    app.add_route(home, "/portal", methods=["GET"], name="portal_home")
    app.add_route(profile_list, "/portal/profiles", methods=["GET"], name="profile_list")
    app.add_route(profile_detail, "/portal/profiles/<person_id:str>", methods=["GET"],
                  name="profile_detail")
    app.add_route(profile_export, "/portal/profiles/<person_id:str>/export", methods=["GET"],
                  name="profile_export")
    app.add_route(document_download,
                  "/portal/profiles/<person_id:str>/documents/<document_id:str>",
                  methods=["GET"], name="profile_document")
    for suffix, (action, *_rest) in DOWNLOADS.items():
        app.add_route(_download_route(suffix), f"/portal/profiles/<person_id:str>/{suffix}",
                      methods=["GET"], name=action.replace(".", "_"))
