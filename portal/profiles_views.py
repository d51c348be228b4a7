"""The profile pages: the organisation's list, one profile, its JSON export."""

from __future__ import annotations

import json

from sanic import Request, Sanic, response
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse

from portal import display, queries
from portal.auth import HOME_URL, blocking, login_required
from portal.rendering import render
from storage import audit
from storage.profiles import ProfileRepository

READERS = ("caseworker", "admin")


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
    return response.redirect(HOME_URL, status=302)


@login_required(*READERS)
async def profile_list(request: Request) -> HTTPResponse:
    persons = await blocking(queries.list_persons, _database(request),
                             request.ctx.user["organisation_id"])
    # Written before the page leaves: no data without a trace in the log.
    await _audit(request, "profile.list")
    return render(request, "profiles.html", persons=persons)


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


def register(app: Sanic) -> None:
    app.add_route(home, "/", methods=["GET"], name="home")
    app.add_route(home, "/portal", methods=["GET"], name="portal_home")
    app.add_route(profile_list, "/portal/profiles", methods=["GET"], name="profile_list")
    app.add_route(profile_detail, "/portal/profiles/<person_id:str>", methods=["GET"],
                  name="profile_detail")
    app.add_route(profile_export, "/portal/profiles/<person_id:str>/export", methods=["GET"],
                  name="profile_export")
