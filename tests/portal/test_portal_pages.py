"""The portal over real HTTP: login, sessions, CSRF, organisation isolation, audit, export."""

from __future__ import annotations

import html
import json
import re
import time

from dialogues.completeness import assess
from portal.sessions import Session, SessionCodec, load_or_create_key
from storage import accounts, audit
from storage.encryption import Cipher, generate_key, set_cipher
from storage.profiles import ProfileRepository

from .conftest import (
    PASSWORD,
    Browser,
    audit_actions,
    csrf_token,
    logged_in,
    store_person,
    text_of,
)

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'"


_logged_in = logged_in
_text_of = text_of
_actions = audit_actions


def test_root_and_pages_redirect_to_login_without_session(portal, world):
    browser = Browser(portal.url)
    root = browser.get("/")
    assert root.status in (301, 302, 303)
    assert root.header("location") == "/portal/profiles"
    for path in ("/portal/profiles", f"/portal/profiles/{world.person_a}",
                 f"/portal/profiles/{world.person_a}/export"):
        reply = browser.get(path)
        assert reply.status == 303, path
        assert reply.header("location") == "/portal/login"


def test_login_success_sets_a_strict_http_only_cookie(portal, world):
    browser = Browser(portal.url)
    page = browser.get("/portal/login")
    assert page.status == 200
    assert "Benutzername" in page.text and "Passwort" in page.text
    anonymous = browser.session_cookie()
    reply = browser.post("/portal/login", {"username": world.caseworker_a, "password": PASSWORD,
                                           "csrf_token": csrf_token(page.text)})
    assert reply.status == 303
    assert reply.header("location") == "/portal/profiles"
    assert browser.session_cookie() != anonymous  # a new session id at login
    cookie = browser.set_cookie_headers[-1].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    assert "path=/portal" in cookie
    listing = browser.get("/portal/profiles")
    assert listing.status == 200
    assert "Frau CW_A" in listing.text
    assert ("login", None) in _actions(portal.database_url, world.caseworker_a)


def test_login_failure_is_401_and_logged(portal, world):
    browser = Browser(portal.url)
    reply = browser.login(world.caseworker_a, "wrong password!!")
    assert reply.status == 401
    assert "Anmeldung fehlgeschlagen" in reply.text
    assert browser.get("/portal/profiles").status == 303
    unknown = browser.login("nobody-" + world.org_a)
    assert unknown.status == 401
    assert ("login.failed", None) in _actions(portal.database_url, world.caseworker_a)
    assert ("login.failed", None) in _actions(portal.database_url, "nobody-" + world.org_a)


def test_inactive_account_cannot_log_in_and_loses_its_session(portal, world):
    browser = _logged_in(portal, world.admin_a)
    user_id = accounts.authenticate(portal.database_url, world.admin_a, PASSWORD)["id"]
    accounts.set_active(portal.database_url, user_id, False)
    try:
        assert browser.get("/portal/profiles").status == 303
        assert Browser(portal.url).login(world.admin_a).status == 401
    finally:
        accounts.set_active(portal.database_url, user_id, True)


def test_csrf_token_is_required(portal, world):
    browser = Browser(portal.url)
    browser.get("/portal/login")
    no_token = browser.post("/portal/login", {"username": world.caseworker_a,
                                              "password": PASSWORD})
    assert no_token.status == 403
    assert "Zugriff verweigert" in no_token.text
    forged = browser.post("/portal/login", {"username": world.caseworker_a,
                                            "password": PASSWORD, "csrf_token": "0" * 64})
    assert forged.status == 403
    # Without the cookie from the login page a token is worthless.
    stranger = Browser(portal.url)
    assert stranger.post("/portal/login", {"username": world.caseworker_a, "password": PASSWORD,
                                           "csrf_token": browser.csrf()}).status == 403

    logged_in = _logged_in(portal, world.caseworker_a)
    assert logged_in.post("/portal/logout", {}).status == 403
    assert logged_in.get("/portal/profiles").status == 200  # still logged in


def test_logout_ends_the_session_even_for_a_copied_cookie(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    page = browser.get("/portal/profiles")
    stolen = browser.session_cookie()
    reply = browser.post("/portal/logout", {"csrf_token": csrf_token(page.text)})
    assert reply.status == 303
    assert reply.header("location") == "/portal/login"
    assert browser.get("/portal/profiles").status == 303

    replay = Browser(portal.url)
    replay.get("/portal/login")
    for cookie in replay.cookies:
        cookie.value = stolen
    assert replay.get("/portal/profiles").status == 303


def test_expired_or_tampered_session_is_refused(portal, world):
    user_id = accounts.authenticate(portal.database_url, world.caseworker_a, PASSWORD)["id"]
    codec = SessionCodec(load_or_create_key(portal.settings.session_key_file))
    session = codec.new(user_id)
    accounts.start_session(portal.database_url, session.sid, user_id, accounts.expiry(3600))
    valid = codec.encode(session)
    # Signed with the right key but never recorded (e.g. minted with a leaked key): refused.
    unrecorded = codec.encode(codec.new(user_id))
    expired = codec.encode(Session(sid="old", user_id=user_id, expires=int(time.time()) - 1))
    forged = SessionCodec(b"k" * 32).encode(codec.new(user_id))
    body, signature = valid.split(".")
    tampered = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + signature
    for token, expected in ((valid, 200), (unrecorded, 303), (expired, 303), (forged, 303),
                            (tampered, 303)):
        browser = Browser(portal.url)
        browser.get("/portal/login")
        for cookie in browser.cookies:
            cookie.value = token
        assert browser.get("/portal/profiles").status == expected


def test_session_key_file_is_private(portal):
    key_file = portal.settings.session_key_file
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_bytes()) == 32


def test_list_shows_only_own_organisation(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    page = browser.get("/portal/profiles")
    assert page.status == 200
    assert world.person_a in page.text
    assert world.person_b not in page.text
    for column in ("Sprache", "Herkunft", "Vollständigkeit", "Status", "Letzte Aktivität"):
        assert column in page.text
    row = re.search(rf"<tr>(?:(?!</tr>).)*{world.person_a}(?:(?!</tr>).)*</tr>", page.text, re.S)
    assert row, "no row for the person"
    cells = _text_of(row.group(0))
    assert "العربية" in cells
    assert "Syrien" in cells
    # dialogues.completeness decides; the list shows its score and the number of open points
    expected = assess(ProfileRepository(portal.database_url).snapshot(world.person_a))
    assert f"{expected.score} %" in cells.replace("\xa0", " ")
    assert f"{expected.open_points} ({len(expected.missing)} fehlt, 0 zu prüfen)" in cells
    assert "In Bearbeitung" in cells

    other = _logged_in(portal, world.caseworker_b)
    other_page = other.get("/portal/profiles")
    assert world.person_b in other_page.text and world.person_a not in other_page.text
    assert "Ukraine" in other_page.text


def test_other_organisation_gets_404_not_403(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    for path in (f"/portal/profiles/{world.person_b}", f"/portal/profiles/{world.person_b}/export",
                 "/portal/profiles/00000000-0000-0000-0000-000000000000",
                 "/portal/profiles/" + "x" * 200):
        reply = browser.get(path)
        assert reply.status == 404, path
        assert "Seite nicht gefunden" in reply.text
        assert "Olena" not in reply.text
    reads = _actions(portal.database_url, world.caseworker_a)
    assert ("profile.read", world.person_b) not in reads
    assert ("profile.export", world.person_b) not in reads


def test_editor_gets_403(portal, world):
    browser = _logged_in(portal, world.editor_a)
    for path in ("/portal/profiles", f"/portal/profiles/{world.person_a}",
                 f"/portal/profiles/{world.person_a}/export"):
        reply = browser.get(path)
        assert reply.status == 403, path
        assert "Zugriff verweigert" in reply.text
        assert "أحمد" not in reply.text
    assert not [a for a in _actions(portal.database_url, world.editor_a) if a[0] != "login"]


def test_admin_reads_own_organisation(portal, world):
    browser = _logged_in(portal, world.admin_a)
    assert world.person_a in browser.get("/portal/profiles").text
    assert browser.get(f"/portal/profiles/{world.person_a}").status == 200
    assert browser.get(f"/portal/profiles/{world.person_b}").status == 404


def test_detail_shows_original_answer_beside_normalised_value(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    page = browser.get(f"/portal/profiles/{world.person_a}")
    assert page.status == 200
    rows = [
        (m.group(1), _text_of(m.group(2)))
        for m in re.finditer(r'<tr class="field-row[^"]*" data-field="([^"]+)">(.*?)</tr>',
                             page.text, re.S)
    ]
    one = dict(rows)
    assert one["country_of_origin"] == "Herkunftsland سوريا ar – Syrien angegeben"
    assert one["date_of_birth"] == "Geburtsdatum ٣ آذار ١٩٩٠ ar – 03.03.1990 angegeben"
    assert one["german_level"] == "Deutschniveau A2 - جمل بسيطة ar – A2 (einfache Sätze) angegeben"
    assert one["contact"] == "Telefon oder E-Mail überspringen ar – – übersprungen"
    assert one["goals"] == "Ziele noch nicht beantwortet"
    assert [text for field, text in rows if field == "languages_spoken"] == [
        "Sprachen 1. Sprache عربي ar – Arabisch angegeben",
        "1. Niveau اللغة الأم ar – Muttersprache angegeben",
    ]
    # Every profile field appears once or once per stored answer, in interview order.
    assert [f for f, _ in rows][:4] == ["given_names", "family_name", "date_of_birth",
                                        "country_of_origin"]
    assert 'lang="ar" dir="rtl"' in page.text
    # The consent record.
    assert "Einwilligungen" in page.text and "ar-test1234" in page.text
    assert ("profile.read", world.person_a) in _actions(portal.database_url, world.caseworker_a)


def test_detail_shows_machine_translation_labelled_beside_the_original(portal, world):
    repo = ProfileRepository(portal.database_url)
    repo.save_answer(world.person_a, "goals", original_text="درست ١٢ سنة في حلب",
                     language="ar", value="درست ١٢ سنة في حلب", language_confidence=0.98)
    repo.save_translation(world.person_a, "goals", text="Ich habe 12 Jahre in Aleppo gelernt",
                          language="de", model="translate-ar_en-1_0 → translate-en_de-1_0",
                          model_version="1.0")
    repo.save_answer(world.person_a, "vocational_training", original_text="نجارة", language="ar",
                     value="نجارة")
    page = _logged_in(portal, world.caseworker_a).get(f"/portal/profiles/{world.person_a}")
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r'<tr class="field-row[^"]*" data-field="([^"]+)">(.*?)</tr>', page.text, re.S)}
    goals = rows["goals"]
    assert 'lang="ar" dir="rtl">درست ١٢ سنة في حلب<' in goals
    assert '<span class="translation-text" lang="de">Ich habe 12 Jahre in Aleppo gelernt</span>' in goals
    assert "Maschinell übersetzt, nicht geprüft · translate-ar_en-1_0 → translate-en_de-1_0 (Version 1.0)" \
        in html.unescape(goals)
    # a free-text answer without a translation says so; it is never shown as German text
    assert "nicht übersetzt" in _text_of(rows["vocational_training"])
    assert "translation-text" not in rows["vocational_training"]


def test_export_is_a_decrypted_json_attachment(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    reply = browser.get(f"/portal/profiles/{world.person_a}/export")
    assert reply.status == 200
    assert reply.header("content-type").startswith("application/json")
    assert reply.header("content-disposition").startswith("attachment;")
    assert world.person_a in reply.header("content-disposition")
    assert reply.header("cache-control") == "no-store"
    data = json.loads(reply.body)
    assert data["person"]["id"] == world.person_a
    fields = {f["field"]: f for f in data["fields"] if f["item_index"] == 0}
    assert fields["given_names"]["original_text"] == "أحمد"
    assert fields["country_of_origin"]["value"] == {"code": "SY", "name_de": "Syrien"}
    assert fields["contact"]["status"] == "skipped"
    assert data["consents"][0]["text_version"] == "ar-test1234"


def test_list_read_and_export_are_audited(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    browser.get("/portal/profiles")
    browser.get(f"/portal/profiles/{world.person_a}")
    browser.get(f"/portal/profiles/{world.person_a}/export")
    actions = _actions(portal.database_url, world.caseworker_a)
    assert ("profile.list", None) in actions
    assert ("profile.read", world.person_a) in actions
    assert ("profile.export", world.person_a) in actions
    about = audit.entries(portal.database_url, person_id=world.person_a)
    assert {e["action"] for e in about} >= {"profile.read", "profile.export"}
    assert all(e["user_id"] is not None for e in about)


def test_security_headers_everywhere(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    for path in ("/portal/login", "/portal/profiles", f"/portal/profiles/{world.person_a}",
                 "/portal/static/portal.css", "/portal/no-such-page"):
        reply = browser.get(path)
        assert reply.header("content-security-policy") == CSP, path
        assert reply.header("x-content-type-options") == "nosniff", path
        assert reply.header("referrer-policy") == "no-referrer", path
        if "static" not in path:
            assert reply.header("cache-control") == "no-store", path
            assert "<script" not in reply.text, path
    assert browser.get("/portal/static/portal.css").header("content-type").startswith("text/css")


def test_errors_are_german_pages_without_stack_traces(portal, world):
    browser = _logged_in(portal, world.caseworker_a)
    missing = browser.get("/portal/no-such-page")
    assert missing.status == 404
    assert "Seite nicht gefunden" in missing.text
    wrong_method = browser.post("/portal/profiles", {"csrf_token": "x"})
    assert wrong_method.status == 405
    assert "Aktion nicht erlaubt" in wrong_method.text
    for reply in (missing, wrong_method):
        assert "Traceback" not in reply.text and "sanic" not in reply.text.lower()
    traversal = browser.get("/portal/static/../app.py")
    assert traversal.status == 404
    assert "create_app" not in traversal.text


def test_undecryptable_profile_gives_a_german_500_without_details(portal, world, data_key):
    # A row written with a key the portal does not have: reading it must fail safely.
    set_cipher(Cipher([generate_key()]))
    try:
        person = store_person(portal.database_url, world.org_a,
                              [("given_names", "Samir", "ar", "Samir")])
    finally:
        set_cipher(Cipher([data_key]))
    browser = _logged_in(portal, world.caseworker_a)
    reply = browser.get(f"/portal/profiles/{person}")
    assert reply.status == 500
    assert "Interner Fehler" in reply.text
    for leak in ("Traceback", "DecryptionError", "InvalidToken", "File \"", "Samir"):
        assert leak not in reply.text
    assert reply.header("content-security-policy") == CSP


def test_repeated_wrong_passwords_lock_the_name_for_a_while(portal, world):
    from portal.throttle import BY_NAME

    victim = "locktarget-" + world.org_a
    accounts.create_user(portal.database_url, username=victim, password=PASSWORD,
                         role="caseworker", organisation_slug=world.org_a, display_name="L")
    browser = Browser(portal.url)
    for _ in range(BY_NAME.free):
        assert browser.login(victim, "wrong password!!").status == 401
    locked = browser.login(victim)  # even the right password is refused while the wait runs
    assert locked.status == 429
    assert int(locked.header("retry-after")) > 0
    assert "Zu viele Fehlversuche" in locked.text
    assert browser.get("/portal/profiles").status == 303
    # other accounts are not affected
    assert Browser(portal.url).login(world.caseworker_a).status in (200, 303)
