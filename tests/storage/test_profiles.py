"""The profile repository on real SQLite and PostgreSQL databases."""

import sqlalchemy as sa

from storage.database import engine_for
from storage.profiles import ProfileRepository


def _person(repo: ProfileRepository, external_id: str = "sender-0001") -> str:
    return repo.register_consent(channel="web", external_id=external_id, language="ar",
                                 text_version="ar-abc", organisation_slug="jobcenter-leipzig")


def test_consent_creates_person_and_record(database_url):
    repo = ProfileRepository(database_url)
    pid = _person(repo)
    assert repo.person_for("web", "sender-0001") == pid
    snap = repo.snapshot(pid)
    assert snap["person"]["organisation"] == "jobcenter-leipzig"
    assert snap["consents"][0]["text_version"] == "ar-abc"
    # consenting again (e.g. after a language change) keeps the same person
    assert _person(repo) == pid
    assert len(repo.snapshot(pid)["consents"]) == 2


def test_answers_are_upserted_and_encrypted(database_url):
    repo = ProfileRepository(database_url)
    pid = _person(repo)
    repo.save_answer(pid, "given_names", original_text="احمد", language="ar", value="احمد")
    repo.save_answer(pid, "given_names", original_text="Ahmad-Marker-7781", language="ar",
                     value="Ahmad-Marker-7781", attempts=2)
    repo.save_answer(pid, "spoken_language", original_text="عربي", language="ar",
                     value={"code": "ar"}, item_index=1)
    fields = {(f["field"], f["item_index"]): f for f in repo.snapshot(pid)["fields"]}
    assert fields[("given_names", 0)]["value"] == "Ahmad-Marker-7781"
    assert fields[("given_names", 0)]["attempts"] == 2
    assert fields[("spoken_language", 1)]["value"] == {"code": "ar"}
    with engine_for(database_url).connect() as connection:
        raw = connection.execute(sa.text("SELECT original_text, value FROM profile_fields")).all()
    assert raw and all("Marker-7781" not in (a or "") + (b or "") for a, b in raw)


def test_clear_fields_and_status(database_url):
    repo = ProfileRepository(database_url)
    pid = _person(repo)
    repo.save_answer(pid, "job_title", original_text="نجار", language="ar", value="نجار")
    repo.save_answer(pid, "job_years", original_text="5", language="ar", value=5)
    repo.clear_fields(pid, ["job_title", "job_years"])
    assert repo.snapshot(pid)["fields"] == []
    repo.set_status(pid, "complete")
    assert repo.snapshot(pid)["person"]["completed_at"]


def test_delete_person_removes_everything(database_url):
    repo = ProfileRepository(database_url)
    pid = _person(repo)
    other = _person(repo, "sender-0002")
    repo.save_answer(pid, "family_name", original_text="X", language="ar", value="X")
    assert repo.delete_person(pid) is True
    assert repo.snapshot(pid) is None
    assert repo.person_for("web", "sender-0001") is None
    with engine_for(database_url).connect() as connection:
        for table in ("profile_fields", "consent_records", "channel_identities"):
            count = connection.execute(
                sa.text(f"SELECT count(*) FROM {table} WHERE person_id = :p"), {"p": pid}
            ).scalar()
            assert count == 0, table
    assert repo.snapshot(other) is not None
    assert repo.delete_person(pid) is False


def test_organisation_exists(database_url):
    repo = ProfileRepository(database_url)
    assert not repo.organisation_exists("jobcenter-leipzig")
    _person(repo)
    assert repo.organisation_exists("jobcenter-leipzig")


def test_machine_translation_is_kept_encrypted_and_dropped_by_a_new_answer(database_url):
    repo = ProfileRepository(database_url)
    pid = _person(repo)
    repo.save_answer(pid, "career_goal", original_text="أريد أن أعمل نجاراً", language="ar",
                     value="أريد أن أعمل نجاراً", language_confidence=0.97)
    assert repo.save_translation(pid, "career_goal", text="Ich möchte als Tischler-Marker-55 arbeiten",
                                 language="de", model="translate-ar_en-1_0 + translate-en_de-1_0",
                                 model_version="1.0")
    field = repo.snapshot(pid)["fields"][0]
    assert field["language_confidence"] == 0.97
    translation = field["machine_translation"]
    assert translation["text"] == "Ich möchte als Tischler-Marker-55 arbeiten"
    assert translation["machine_translated"] is True
    assert translation["model"].startswith("translate-ar_en")
    with engine_for(database_url).connect() as connection:
        raw = connection.execute(sa.text("SELECT translation_text FROM profile_fields")).scalar()
    assert "Marker-55" not in raw
    # the person answers again: the old translation no longer describes the answer
    repo.save_answer(pid, "career_goal", original_text="Koch", language="de", value="Koch")
    assert repo.snapshot(pid)["fields"][0]["machine_translation"] is None
    # an answer erased meanwhile cannot receive a translation
    assert not repo.save_translation(pid, "family_name", text="x", language="de", model="m",
                                     model_version=None)
