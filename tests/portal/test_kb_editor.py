"""The knowledge-base editor pages over real HTTP: roles, CSRF, editing with its audit trail,
reviews, machine drafts and turning unanswered questions into entries."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from knowledge_base.entry import Entry, Service, Translation, load_entries
from knowledge_base.store import KnowledgeBaseStore
from lotse.settings import PROJECT_ROOT
from portal.kb_views import _today
from storage import audit
from tests.helpers.ports import free_port

from .conftest import Browser, csrf_token, logged_in, make_settings, running_portal, text_of

TRANSLATION_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "translation"
# de->en is installed directly; de->ar is not (neither directly nor through English).
PAIRS = ("ar_en", "uk_en", "en_de", "de_en")
REGION = {"municipality": "Leipzig", "state": "Sachsen", "ags": "14713000"}


@pytest.fixture(scope="module")
def kb_portal(database_url, data_key, tmp_path_factory):
    """A portal process that sees only the test translation packages, over a base holding
    the project's real entries."""
    from translation import install

    var = tmp_path_factory.mktemp("kb-portal-var")
    packages = var / "translation-packages"
    for pair in PAIRS:
        install(TRANSLATION_FIXTURES / f"translate-{pair}-1_0.argosmodel", target_dir=packages)
    KnowledgeBaseStore(database_url).import_entries(load_entries())
    settings = make_settings(var, database_url, free_port())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOTSE_TRANSLATION_DIR", str(packages))
        patch.setenv("ARGOS_PACKAGES_DIR", str(var / "argos-packages"))
        patch.delenv("LOTSE_REDIS_URL", raising=False)
        with running_portal(settings, data_key) as running:
            yield running


@pytest.fixture
def store(kb_portal) -> KnowledgeBaseStore:
    return KnowledgeBaseStore(kb_portal.database_url)


def make_entry(suffix: str, langs: tuple[str, ...] = ("de", "en", "ar"),
               reviewed_at: date | None = None) -> Entry:
    """A small entry whose questions no other entry has."""
    texts = {
        "de": ("Testeintrag Fahrradwerkstatt", f"Wo repariere ich mein Fahrrad {suffix}?",
               "Die **Fahrradwerkstatt** hilft montags."),
        "en": ("Test entry bike workshop", f"Where can I repair my bike {suffix}?",
               "The **bike workshop** helps on Mondays."),
        "ar": ("ورشة الدراجات", f"أين أصلح دراجتي {suffix}؟", "ورشة الدراجات تساعد يوم الاثنين."),
        "uk": ("Велосипедна майстерня", f"Де полагодити велосипед {suffix}?",
               "Майстерня допомагає щопонеділка."),
    }
    german = Translation("de", "curated", texts["de"][0], (texts["de"][1],), texts["de"][2])
    translations = {"de": german}
    for lang in langs:
        if lang != "de":
            title, question, answer = texts[lang]
            translations[lang] = Translation(lang, "curated", title, (question,), answer,
                                             german.content_hash())
    return Entry(id=f"leipzig-test-{suffix}", category="everyday", region=dict(REGION),
                 source_url="https://www.leipzig.de/", more_sources=(),
                 reviewed_at=reviewed_at or _today(), reviewer="lotse-test",
                 service=Service(name="Fahrradwerkstatt Test", phone=None, web="https://example.org"),
                 translations=translations)


def stored_entry(store: KnowledgeBaseStore, **kwargs) -> Entry:
    entry = make_entry(secrets.token_hex(4), **kwargs)
    store.save_entry(entry, None)
    return entry


class _FormParser(HTMLParser):
    """The fields a browser would send for one form (submit buttons excluded)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "checkbox"):
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self.fields.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def edit_form(html: str, form_id: str = "kb-edit") -> dict[str, str]:
    parser = _FormParser(form_id)
    parser.feed(html)
    assert parser.fields, f"no form {form_id}"
    return parser.fields


def changes_of(store: KnowledgeBaseStore, entry_id: str) -> list[dict]:
    return store.changes(entry_id)


KB_PAGES = ("/portal/kb", "/portal/kb/unanswered", "/portal/kb/new")


def test_anonymous_visitors_are_sent_to_the_login(kb_portal, store):
    entry = stored_entry(store)
    browser = Browser(kb_portal.url)
    for path in (*KB_PAGES, f"/portal/kb/{entry.id}"):
        reply = browser.get(path)
        assert reply.status == 303, path
        assert reply.header("location") == "/portal/login"
    token = browser.csrf()
    for path in (f"/portal/kb/{entry.id}", f"/portal/kb/{entry.id}/reviewed",
                 f"/portal/kb/{entry.id}/draft/en", "/portal/kb/new"):
        reply = browser.post(path, {"csrf_token": token})
        assert reply.status == 303, path
        assert reply.header("location") == "/portal/login"
    assert changes_of(store, entry.id)[0]["username"] is None  # only the fixture's creation


def test_caseworkers_get_403_and_change_nothing(kb_portal, store, world):
    entry = stored_entry(store)
    question = store.add_unanswered("Wo ist das Fundbüro?", "de", world.person_a)
    caseworker = logged_in(kb_portal, world.caseworker_a)
    token = caseworker.csrf("/portal/profiles")
    for path in (*KB_PAGES, f"/portal/kb/{entry.id}", f"/portal/kb/new?frage={question}"):
        reply = caseworker.get(path)
        assert reply.status == 403, path
        assert "Zugriff verweigert" in reply.text
    for path in (f"/portal/kb/{entry.id}", f"/portal/kb/{entry.id}/reviewed",
                 f"/portal/kb/{entry.id}/draft/en", "/portal/kb/new",
                 f"/portal/kb/unanswered/{question}/done"):
        assert caseworker.post(path, {"csrf_token": token}).status == 403, path
    assert len(changes_of(store, entry.id)) == 1
    assert any(q.id == question for q in store.unanswered("open"))
    # The caseworker's navigation has no editor link; the editor's has no profile link.
    assert 'href="/portal/kb"' not in caseworker.get("/portal/profiles").text
    editor_page = logged_in(kb_portal, world.editor_a).get("/portal/kb").text
    assert 'href="/portal/kb"' in editor_page and 'href="/portal/profiles"' not in editor_page


def test_editor_and_admin_see_the_list_with_search_and_filters(kb_portal, store, world):
    overdue = stored_entry(store, langs=("de", "en"), reviewed_at=_today() - timedelta(days=200))
    editor = logged_in(kb_portal, world.editor_a)
    listing = editor.get("/portal/kb")
    assert listing.status == 200
    assert "Wissensdatenbank" in listing.text
    assert listing.text.count("<tr data-entry=") >= 42  # the project's entries and the tests'
    assert logged_in(kb_portal, world.admin_a).get("/portal/kb").status == 200

    # Search in any language: an Arabic word of the test entries, and a German one of the real.
    suffix = overdue.id.rsplit("-", 1)[1]
    arabic = editor.get("/portal/kb?q=" + quote("دراجتي")).text
    assert "leipzig-test-" in arabic and "leipzig-jobcenter" not in arabic
    found = editor.get(f"/portal/kb?q={suffix}").text
    assert f'data-entry="{overdue.id}"' in found and found.count("<tr data-entry=") == 1
    assert "Keine Einträge" in editor.get("/portal/kb?q=zzqxv-nichts").text

    by_category = editor.get("/portal/kb?kategorie=everyday").text
    assert f'data-entry="{overdue.id}"' in by_category
    assert f'data-entry="{overdue.id}"' not in editor.get("/portal/kb?kategorie=health").text
    missing = editor.get("/portal/kb?status=missing").text
    assert f'data-entry="{overdue.id}"' in missing  # ar, fa, uk, ru, tr are missing
    assert f'data-entry="{overdue.id}"' not in editor.get("/portal/kb?status=machine_draft").text

    old = editor.get("/portal/kb?pruefung=alt").text
    assert f'<tr data-entry="{overdue.id}" class="overdue">' in old
    assert "älter als 6 Monate" in old
    assert editor.get("/portal/kb?kategorie=<script>&status=x").status == 200  # unknown: ignored


def test_every_post_needs_the_csrf_token(kb_portal, store, world):
    entry = stored_entry(store)
    editor = logged_in(kb_portal, world.editor_a)
    form = edit_form(editor.get(f"/portal/kb/{entry.id}").text)
    form["de_answer"] = "Geändert ohne Token."
    for token in (None, "0" * 64):
        data = {k: v for k, v in form.items() if k != "csrf_token"}
        if token:
            data["csrf_token"] = token
        assert editor.post(f"/portal/kb/{entry.id}", data).status == 403
        assert editor.post(f"/portal/kb/{entry.id}/reviewed", {k: v for k, v in data.items()
                                                                 if k == "csrf_token"}).status == 403
        assert editor.post("/portal/kb/new", data).status == 403
    assert store.entry(entry.id) == entry
    assert len(changes_of(store, entry.id)) == 1


def test_editing_saves_and_audits_who_when_what(kb_portal, store, world):
    entry = stored_entry(store)
    editor = logged_in(kb_portal, world.editor_a)
    page = editor.get(f"/portal/kb/{entry.id}")
    assert page.status == 200
    # All seven languages side by side, German first, Arabic and Persian right to left.
    assert re.findall(r'id="sprache-(\w+)"', page.text) == ["de", "en", "ar", "fa", "uk", "ru", "tr"]
    assert 'name="ar_answer" lang="ar" dir="rtl"' in page.text
    assert 'name="fa_answer" lang="fa" dir="rtl"' in page.text
    assert 'name="uk_answer" lang="uk" dir="ltr"' in page.text

    form = edit_form(page.text)
    form["ar_answer"] = "ورشة الدراجات تساعد يوم الثلاثاء أيضاً."
    form["service_phone"] = "0341 123-4567"
    form["uk_title"] = "Велосипедна майстерня"
    form["uk_questions"] = "Де полагодити велосипед?\nЧи є майстерня для велосипедів?"
    form["uk_answer"] = "Майстерня допомагає щопонеділка."
    reply = editor.post(f"/portal/kb/{entry.id}", form)
    assert reply.status == 303, text_of(reply.text)
    assert reply.header("location") == f"/portal/kb/{entry.id}?meldung=gespeichert"

    saved = store.entry(entry.id)
    assert saved.translations["ar"].answer.startswith("ورشة الدراجات تساعد يوم الثلاثاء")
    assert saved.status("ar") == "curated"  # edited text of a current translation stays current
    assert saved.status("uk") == "curated"  # written afresh against the current German text
    assert saved.service.phone == "0341 123-4567"
    assert saved.reviewed_at == entry.reviewed_at  # editing is not reviewing

    change = changes_of(store, entry.id)[0]
    assert change["username"] == world.editor_a and change["action"] == "update"
    assert {"translations.ar.answer", "service.phone", "translations.uk.title"} <= set(change["diff"])
    page = editor.get(reply.header("location")).text
    assert "Änderungen gespeichert." in page
    changes = text_of(page.split('id="changes"', 1)[1])
    assert world.editor_a in changes
    assert "Arabisch · Antwort" in changes and "Dienststelle · Telefon" in changes
    assert "0341 123-4567" in changes

    # The same form again changes nothing and records nothing.
    again = editor.post(f"/portal/kb/{entry.id}", edit_form(page))
    assert again.header("location").endswith("meldung=unveraendert")
    assert len(changes_of(store, entry.id)) == 2


def test_german_change_outdates_translations_until_approved(kb_portal, store, world):
    entry = stored_entry(store)
    editor = logged_in(kb_portal, world.editor_a)
    form = edit_form(editor.get(f"/portal/kb/{entry.id}").text)
    form["de_answer"] = "Die **Fahrradwerkstatt** hilft montags und mittwochs."
    assert editor.post(f"/portal/kb/{entry.id}", form).status == 303
    assert store.entry(entry.id).status("en") == "outdated"
    page = editor.get(f"/portal/kb/{entry.id}").text
    assert "Veraltet" in page and 'name="approve" value="en"' in page

    form = edit_form(page)
    form["en_answer"] = "The **bike workshop** helps on Mondays and Wednesdays."
    reply = editor.post(f"/portal/kb/{entry.id}", {**form, "approve": "en"})
    assert reply.header("location").endswith("meldung=freigegeben")
    saved = store.entry(entry.id)
    assert saved.status("en") == "curated" and "Wednesdays" in saved.translations["en"].answer
    assert saved.status("ar") == "outdated"
    assert [c["action"] for c in changes_of(store, entry.id)[:2]] == ["approve_translation", "update"]


def test_stale_or_invalid_forms_are_refused_in_german(kb_portal, store, world):
    entry = stored_entry(store)
    editor = logged_in(kb_portal, world.editor_a)
    stale = edit_form(editor.get(f"/portal/kb/{entry.id}").text)
    store.mark_reviewed(entry.id, None, _today() - timedelta(days=1))  # someone else saved
    stale["de_title"] = "Veralteter Stand"
    conflict = editor.post(f"/portal/kb/{entry.id}", stale)
    assert conflict.status == 409
    assert "inzwischen von jemand anderem geändert" in conflict.text
    assert store.entry(entry.id).translations["de"].title == entry.translations["de"].title

    form = edit_form(editor.get(f"/portal/kb/{entry.id}").text)
    bad = {**form, "source_url": "leipzig.de ohne Schema", "ar_answer": "", "region_ags": "123"}
    reply = editor.post(f"/portal/kb/{entry.id}", bad)
    assert reply.status == 400
    text = text_of(reply.text)
    assert "Nicht gespeichert" in text and "Quelle:" in text and "Arabisch:" in text
    assert "AGS" in text
    assert 'value="leipzig.de ohne Schema"' in reply.text  # the editor's input is kept
    # A question another entry already has: retrieval could not tell them apart.
    other = next(e for e in store.entries() if e.id.startswith("leipzig-jobcenter"))
    duplicate = {**form, "de_questions": other.translations["de"].questions[0]}
    reply = editor.post(f"/portal/kb/{entry.id}", duplicate)
    assert reply.status == 400 and "Doppelte Frage" in reply.text
    assert store.entry(entry.id).source_url == entry.source_url


def test_mark_reviewed_sets_today_and_the_editor(kb_portal, store, world):
    entry = stored_entry(store, reviewed_at=_today() - timedelta(days=400))
    editor = logged_in(kb_portal, world.editor_a)
    page = editor.get(f"/portal/kb/{entry.id}").text
    assert "älter als 6 Monate" in page
    reply = editor.post(f"/portal/kb/{entry.id}/reviewed", {"csrf_token": edit_form(page)["csrf_token"]})
    assert reply.status == 303
    saved = store.entry(entry.id)
    assert saved.reviewed_at == _today() and saved.reviewer == "Frau EDITOR_A"
    change = changes_of(store, entry.id)[0]
    assert (change["action"], change["username"]) == ("review", world.editor_a)
    page = editor.get(reply.header("location")).text
    assert "Als geprüft markiert." in page and "älter als 6 Monate" not in page
    assert "als geprüft markiert" in text_of(page.split('id="changes"', 1)[1])


def test_machine_draft_is_labelled_until_approved(kb_portal, store, world):
    entry = stored_entry(store, langs=("de",))
    editor = logged_in(kb_portal, world.editor_a)
    page = editor.get(f"/portal/kb/{entry.id}").text
    token = edit_form(page)["csrf_token"]
    # de->en is installed, de->ar is not: only English offers a draft.
    assert f'action="/portal/kb/{entry.id}/draft/en"' in page
    assert f'action="/portal/kb/{entry.id}/draft/ar"' not in page
    assert "Kein Übersetzungspaket Deutsch → Arabisch installiert" in page

    no_package = editor.post(f"/portal/kb/{entry.id}/draft/ar", {"csrf_token": token})
    assert no_package.status == 303 and "meldung=kein-paket" in no_package.header("location")
    assert "kein Übersetzungspaket installiert" in editor.get(no_package.header("location")).text
    assert store.entry(entry.id).status("ar") == "missing"

    reply = editor.post(f"/portal/kb/{entry.id}/draft/en", {"csrf_token": token})
    assert reply.status == 303 and "meldung=entwurf" in reply.header("location")
    drafted = store.entry(entry.id)
    assert drafted.status("en") == "machine_draft"
    english = drafted.translations["en"]
    assert english.title and english.questions and english.answer
    assert english.source_hash == drafted.source_hash()
    page = editor.get(reply.header("location")).text
    assert "Maschineller Entwurf – nicht freigegeben" in page
    assert "maschineller Entwurf erstellt (Englisch)" in page
    # A draft is not made twice over a draft.
    again = editor.post(f"/portal/kb/{entry.id}/draft/en", {"csrf_token": token})
    assert "meldung=entwurf-unnoetig" in again.header("location")

    # Correcting the draft keeps it a draft; only "Freigeben" makes it curated.
    form = edit_form(page)
    form["en_title"] = "Bike workshop"
    editor.post(f"/portal/kb/{entry.id}", form)
    assert store.entry(entry.id).status("en") == "machine_draft"
    form = edit_form(editor.get(f"/portal/kb/{entry.id}").text)
    reply = editor.post(f"/portal/kb/{entry.id}", {**form, "approve": "en"})
    assert store.entry(entry.id).status("en") == "curated"
    assert "Maschineller Entwurf – nicht freigegeben" not in editor.get(reply.header("location")).text
    assert editor.post(f"/portal/kb/{entry.id}/draft/xx", {"csrf_token": token}).status == 404


def test_unanswered_question_becomes_a_new_entry(kb_portal, store, world):
    suffix = secrets.token_hex(3)
    own = store.add_unanswered(f"هل يوجد مقهى لإصلاح الدراجات {suffix}؟", "ar", world.person_a)
    foreign = store.add_unanswered(f"Де знайти бюро знахідок {suffix}?", "uk", world.person_b)
    editor = logged_in(kb_portal, world.editor_a)
    page = editor.get("/portal/kb/unanswered")
    assert page.status == 200
    assert f"هل يوجد مقهى لإصلاح الدراجات {suffix}" in page.text  # the text is shown
    assert f'data-question="{own}"' in page.text
    assert f"бюро знахідок {suffix}" not in page.text  # another organisation's newcomer
    assert world.person_a not in page.text  # never the person
    assert ("kb.unanswered.list", None) in [(e["action"], e["person_id"])
                                            for e in audit.entries(kb_portal.database_url, limit=500)
                                            if e["username"] == world.editor_a]
    assert editor.get(f"/portal/kb/new?frage={foreign}").status == 404
    token = csrf_token(page.text)
    assert editor.post(f"/portal/kb/unanswered/{foreign}/done", {"csrf_token": token}).status == 404

    new = editor.get(f"/portal/kb/new?frage={own}")
    assert new.status == 200
    form = edit_form(new.text)
    assert form["ar_questions"] == f"هل يوجد مقهى لإصلاح الدراجات {suffix}؟"
    assert form["unanswered_id"] == str(own) and form["region_ags"] == "14713000"
    form.update({
        "id": f"leipzig-test-repair-cafe-{suffix}", "category": "everyday",
        "source_url": "https://www.leipzig.de/freizeit-kultur-und-tourismus/",
        "de_title": "Reparatur-Café", "de_questions": f"Gibt es ein Reparatur-Café {suffix}?",
        "de_answer": "In Leipzig gibt es **Reparatur-Cafés**. Termine stehen auf der Quellseite.",
        "ar_title": "مقهى الإصلاح",
        "ar_answer": "في لايبزيغ توجد **مقاهي إصلاح**. المواعيد على صفحة المصدر.",
    })
    reply = editor.post("/portal/kb/new", form)
    assert reply.status == 303, text_of(reply.text)
    entry_id = f"leipzig-test-repair-cafe-{suffix}"
    assert reply.header("location") == f"/portal/kb/{entry_id}?meldung=angelegt"
    created = store.entry(entry_id)
    assert created.status("ar") == "curated" and created.status("en") == "missing"
    assert created.reviewer == "Frau EDITOR_A"
    resolved = next(q for q in store.unanswered(None) if q.id == own)
    assert (resolved.status, resolved.entry_id) == ("answered", entry_id)
    assert f'data-question="{own}"' not in editor.get("/portal/kb/unanswered").text
    actions = [c["action"] for c in changes_of(store, entry_id)]
    assert actions == ["unanswered.answered", "create"]
    # The same id cannot be taken twice.
    twice = editor.post("/portal/kb/new", {**form, "unanswered_id": ""})
    assert twice.status == 400 and "schon vergeben" in twice.text


def test_unanswered_question_can_be_dismissed(kb_portal, store, world):
    question = store.add_unanswered("Wie spät ist es?", "de", world.person_a)
    editor = logged_in(kb_portal, world.editor_a)
    page = editor.get("/portal/kb/unanswered").text
    token = csrf_token(page)
    assert editor.post(f"/portal/kb/unanswered/{question}/done", {}).status == 403
    reply = editor.post(f"/portal/kb/unanswered/{question}/done", {"csrf_token": token})
    assert reply.status == 303 and reply.header("location").endswith("meldung=erledigt")
    assert next(q for q in store.unanswered(None) if q.id == question).status == "dismissed"
    page = editor.get(reply.header("location")).text
    assert f'data-question="{question}"' not in page and "Frage als erledigt markiert." in page


def test_new_entry_needs_a_german_source_and_a_valid_id(kb_portal, store, world):
    editor = logged_in(kb_portal, world.editor_a)
    form = edit_form(editor.get("/portal/kb/new").text)
    assert form["id"] == "leipzig-"
    form.update({"id": "Leipzig Test!", "category": "everyday",
                 "source_url": "https://www.leipzig.de/", "en_title": "Only English",
                 "en_questions": "Is there only English?", "en_answer": "Yes."})
    reply = editor.post("/portal/kb/new", form)
    assert reply.status == 400
    text = text_of(reply.text)
    assert "ID:" in text and "Deutsch:" in text
    assert store.entry("leipzig-test") is None


def test_editors_start_at_the_knowledge_base_caseworkers_at_the_profiles(kb_portal, world):
    editor = Browser(kb_portal.url)
    assert editor.login(world.editor_a).headers["location"] == "/portal/kb"
    assert editor.get("/portal/login").headers["location"] == "/portal/kb"
    caseworker = Browser(kb_portal.url)
    assert caseworker.login(world.caseworker_a).headers["location"] == "/portal/profiles"
