"""The knowledge-base store on real SQLite and PostgreSQL databases."""

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command

from knowledge_base.entry import load_entries, load_entry
from knowledge_base.store import InvalidEntry, KnowledgeBaseStore, UnknownEntry, entry_diff
from lotse.settings import PROJECT_ROOT
from storage.accounts import create_user
from storage.database import alembic_config, engine_for
from storage.profiles import ProfileRepository

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "knowledge_base"
LIBRARY = "leipzig-test-library-card"


@pytest.fixture
def store(database_url):
    return KnowledgeBaseStore(database_url)


@pytest.fixture
def editor(database_url):
    user_id = create_user(database_url, username="erika", password="a-long-password-1234",
                          role="editor", organisation_slug="default",
                          display_name="Erika Editorin")
    return {"id": user_id, "username": "erika", "display_name": "Erika Editorin"}


def valid_entries():
    return load_entries(FIXTURES / "valid")


def test_shipped_entries_survive_the_round_trip(store):
    shipped = load_entries()
    assert store.import_entries(shipped) == {"created": len(shipped), "updated": 0, "unchanged": 0}
    assert store.export_entries() == shipped
    assert store.import_entries(shipped) == {"created": 0, "updated": 0, "unchanged": len(shipped)}
    assert [c["action"] for c in store.changes(limit=1000)] == ["import"] * len(shipped)


def test_import_updates_by_id_and_keeps_the_rest(store):
    library, waste = valid_entries()
    store.import_entries([library, waste])
    changed = replace(library, reviewer="jemand anderes",
                      translations={k: v for k, v in library.translations.items() if k != "tr"})
    assert store.import_entries([changed]) == {"created": 0, "updated": 1, "unchanged": 0}
    assert store.entry(LIBRARY) == changed
    assert store.entry("leipzig-test-waste") == waste
    assert store.changes(LIBRARY)[0]["diff"]["reviewer"] == {"old": "test-redaktion",
                                                             "new": "jemand anderes"}


def test_import_is_all_or_nothing(store):
    library, waste = valid_entries()
    broken = replace(waste, category="shopping")
    with pytest.raises(InvalidEntry, match="unknown category"):
        store.import_entries([library, broken])
    assert store.export_entries() == []


def test_filters(store):
    shipped = load_entries()
    outdated = load_entry(FIXTURES / "outdated" / f"{LIBRARY}.yml")
    store.import_entries([*shipped, outdated])
    jobcenter = store.entries(category="jobcenter")
    assert jobcenter and all(e.category == "jobcenter" for e in jobcenter)
    assert [e.id for e in store.entries(status="outdated")] == [LIBRARY]
    assert [e.id for e in store.entries(status="missing")] == [LIBRARY]
    assert [e.id for e in store.entries(status="machine_draft")] == [LIBRARY]
    assert len(store.entries(status="curated")) == len(shipped) + 1
    # folded search: no umlauts, any language, any case
    found = {e.id for e in store.entries(search="BURGERGELD")}
    assert "leipzig-jobcenter-buergergeld-application" in found
    assert LIBRARY in {e.id for e in store.entries(search="کتابخانه")}
    assert store.entries(category="jobcenter", search="kita") == []
    with pytest.raises(ValueError):
        store.entries(status="nonsense")


def test_save_entry_records_the_changed_fields(store, editor):
    library, _ = valid_entries()
    diff = store.save_entry(library, editor)
    assert diff["category"] == {"old": None, "new": "everyday"}
    de = library.translations["de"]
    edited = replace(library, translations={
        **library.translations,
        "de": replace(de, answer=de.answer + "Neu: auch sonntags geöffnet.\n")})
    diff = store.save_entry(edited, editor)
    assert list(diff) == ["translations.de.answer"]
    assert diff["translations.de.answer"]["new"].endswith("sonntags geöffnet.\n")
    assert store.save_entry(edited, editor) == {}
    stored = store.entry(LIBRARY)
    assert stored == edited
    assert set(stored.statuses().values()) == {"curated", "outdated"}  # German changed
    changes = store.changes(LIBRARY)
    assert [c["action"] for c in changes] == ["update", "create"]
    assert changes[0]["username"] == "erika" and changes[0]["user_id"] == editor["id"]
    assert changes[0]["at"].endswith("Z")


def test_save_entry_rejects_schema_errors(store, editor):
    library, _ = valid_entries()
    with pytest.raises(InvalidEntry, match="id must be lowercase"):
        store.save_entry(replace(library, id="Leipzig Bibliothek"), editor)
    assert store.export_entries() == []


def test_languages_can_be_added_and_removed(store, editor):
    library, _ = valid_entries()
    store.save_entry(library, editor)
    fewer = replace(library, translations={k: v for k, v in library.translations.items()
                                           if k in ("de", "en")})
    store.save_entry(fewer, editor)
    assert list(store.entry(LIBRARY).translations) == ["de", "en"]
    store.save_entry(library, editor)
    assert store.entry(LIBRARY) == library


def test_mark_reviewed(store, editor):
    library, _ = valid_entries()
    store.import_entries([library])
    reviewed = store.mark_reviewed(LIBRARY, editor, date(2026, 12, 1))
    assert reviewed.reviewed_at == date(2026, 12, 1) and reviewed.reviewer == "Erika Editorin"
    assert store.entry(LIBRARY) == reviewed
    change = store.changes(LIBRARY)[0]
    assert change["action"] == "review" and set(change["diff"]) == {"reviewed_at", "reviewer"}
    with pytest.raises(UnknownEntry):
        store.mark_reviewed("leipzig-nothing", editor, date(2026, 12, 1))


def test_approve_translation(store, editor):
    outdated = load_entry(FIXTURES / "outdated" / f"{LIBRARY}.yml")
    store.import_entries([outdated])
    approved = store.approve_translation(LIBRARY, "en", editor)
    assert approved.status("en") == "curated"
    approved = store.approve_translation(LIBRARY, "ar", editor)  # outdated -> checked again
    assert approved.status("ar") == "curated"
    assert approved.translations["ar"].source_hash == approved.source_hash()
    assert store.entry(LIBRARY).statuses() == {"de": "curated", "en": "curated", "ar": "curated",
                                               "fa": "curated", "uk": "curated", "ru": "curated",
                                               "tr": "missing"}
    assert [c["action"] for c in store.changes(LIBRARY)][:2] == ["approve_translation"] * 2
    with pytest.raises(UnknownEntry):
        store.approve_translation(LIBRARY, "tr", editor)


def test_delete_entry_keeps_the_trail(store, editor):
    library, _ = valid_entries()
    store.import_entries([library])
    question = store.add_unanswered("Wo kann ich Bücher ausleihen?", "de")
    store.resolve_unanswered(question, LIBRARY, editor)
    assert store.delete_entry(LIBRARY, editor) is True
    assert store.entry(LIBRARY) is None and store.delete_entry(LIBRARY, editor) is False
    assert store.unanswered(status="answered")[0].entry_id is None
    actions = [c["action"] for c in store.changes(LIBRARY)]
    assert actions == ["delete", "unanswered.answered", "import"]
    with engine_for(store.database_url).connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM kb_translations")).scalar() == 0


def test_unanswered_questions(store, editor, database_url):
    library, _ = valid_entries()
    store.import_entries([library])
    first = store.add_unanswered("Wo ist das Schwimmbad? Marker-5521", "de")
    second = store.add_unanswered("  وين بلاقي مسبح؟ \n", "ar")
    third = store.add_unanswered("x" * 5000, "en")
    open_questions = store.unanswered()
    assert [q.id for q in open_questions] == [third, second, first]
    assert open_questions[1].text == "وين بلاقي مسبح؟" and len(open_questions[0].text) == 2000
    assert store.resolve_unanswered(first, LIBRARY, editor) is True
    assert store.resolve_unanswered(second, None, editor) is True
    assert store.resolve_unanswered(999999, None, editor) is False
    with pytest.raises(UnknownEntry):
        store.resolve_unanswered(third, "leipzig-nothing", editor)
    assert [q.id for q in store.unanswered()] == [third]
    answered = store.unanswered("answered")
    assert answered[0].entry_id == LIBRARY and answered[0].resolved_at is not None
    assert store.unanswered("dismissed")[0].id == second
    assert len(store.unanswered(None)) == 3
    # personal data: encrypted at rest, and the trail names the question by id only
    with engine_for(database_url).connect() as connection:
        raw = connection.execute(sa.text("SELECT text FROM kb_unanswered_questions")).scalars().all()
        trail = connection.execute(sa.text("SELECT CAST(diff AS TEXT) FROM kb_changes")).scalars().all()
    assert raw and all("Marker-5521" not in value for value in raw)
    assert not any("Marker-5521" in (value or "") for value in trail)


def test_deleting_a_person_deletes_their_questions(store, database_url):
    repo = ProfileRepository(database_url)
    pid = repo.register_consent(channel="web", external_id="kb-1", language="ar",
                                text_version="ar-1", organisation_slug="default")
    other = repo.register_consent(channel="web", external_id="kb-2", language="uk",
                                  text_version="uk-1", organisation_slug="default")
    store.add_unanswered("سؤال شخصي", "ar", person_id=pid)
    store.add_unanswered("особисте питання", "uk", person_id=other)
    store.add_unanswered("anonymous question", "en")
    assert repo.delete_person(pid) is True
    remaining = store.unanswered()
    assert sorted(q.language for q in remaining) == ["en", "uk"]
    assert all(q.person_id != pid for q in remaining)


def test_entry_diff_paths():
    library, _ = valid_entries()
    no_service = replace(library, service=None)
    diff = entry_diff(library, no_service)
    assert diff["service.name"] == {"old": "Leipziger Städtische Bibliotheken", "new": None}
    assert diff["service.languages"] == {"old": ["de", "en"], "new": None}
    assert entry_diff(library, library) == {}
    assert "translations.ar.questions" in entry_diff(None, library)


def test_migration_adds_and_removes_the_tables(database_url):
    tables = set(sa.inspect(engine_for(database_url)).get_table_names())
    assert {"kb_entries", "kb_translations", "kb_unanswered_questions", "kb_changes"} <= tables
    command.downgrade(alembic_config(database_url), "0002")
    assert "kb_entries" not in sa.inspect(engine_for(database_url)).get_table_names()
    command.upgrade(alembic_config(database_url), "head")
    assert "kb_changes" in sa.inspect(engine_for(database_url)).get_table_names()


def test_pass_on_only_by_the_person_who_asked(store, database_url):
    repo = ProfileRepository(database_url)
    pid = repo.register_consent(channel="web", external_id="kb-3", language="fa",
                                text_version="fa-1", organisation_slug="default")
    mine = store.add_unanswered("سوال من", "fa", person_id=pid)
    anonymous = store.add_unanswered("a question before consent", "en")
    assert store.pass_on_unanswered(mine, "someone-else") is False
    assert store.pass_on_unanswered(mine, None) is False
    assert store.pass_on_unanswered(mine, pid) is True
    assert store.pass_on_unanswered(anonymous, None) is True
    assert store.pass_on_unanswered(999999, pid) is False
    assert all(q.passed_on_at is not None for q in store.unanswered())
