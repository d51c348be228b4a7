"""Personal data through the real stack: encrypted at rest, erasable from the chat."""

import json
import uuid

import pytest
import sqlalchemy as sa

from storage.database import engine_for
from storage.encryption import get_cipher
from tests.helpers.chat import Chat, said
from tests.helpers.names import marker_name

pytestmark = pytest.mark.server


def _start_interview(chat: Chat, lang: str = "de") -> None:
    chat.send("hallo")
    chat.send(f'/choose_language{{"language":"{lang}"}}')
    replies = chat.send("/affirm")
    assert said(replies, lang, "ask.given_names"), chat.dump()


def _raw_database(settings) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(settings.var_dir.glob("lotse.db*")))


def _decrypted_events(settings) -> list[dict]:
    with engine_for(settings.database_url).connect() as connection:
        rows = connection.execute(sa.text("SELECT sender_id, data FROM events")).all()
    return [{"sender_id": s, **json.loads(get_cipher().decrypt(d))} for s, d in rows]


def _marker_name() -> str:
    return marker_name("Zaynab")


def test_names_never_reach_the_disk_in_plaintext(chat, stack, repository):
    name = _marker_name()
    _start_interview(chat)
    chat.send(name)
    pid = repository.person_for("web", chat.sender)
    stored = {f["field"]: f for f in repository.snapshot(pid)["fields"]}
    assert stored["given_names"]["value"] == name
    assert stored["given_names"]["original_text"] == name
    assert name.encode() not in _raw_database(stack.settings)
    # the conversation itself (tracker events) is stored, but encrypted
    texts = [e.get("text") for e in _decrypted_events(stack.settings)
             if e["sender_id"] == f"web:{chat.sender}"]
    assert name in texts


def test_delete_my_data_erases_person_and_conversation(chat, stack, repository):
    name = _marker_name()
    _start_interview(chat)
    chat.send(name)
    assert repository.person_for("web", chat.sender)
    replies = chat.send("Ich möchte meine Daten löschen")
    assert said(replies, "de", "data.delete_confirm"), chat.dump()
    replies = chat.send("/affirm")
    assert said(replies, "de", "data.deleted"), chat.dump()

    assert repository.person_for("web", chat.sender) is None
    events = _decrypted_events(stack.settings)
    assert not [e for e in events if e["sender_id"] == f"web:{chat.sender}"]
    assert not [e for e in events if name in json.dumps(e, ensure_ascii=False)]
    raw = _raw_database(stack.settings)
    assert chat.sender.encode() not in raw
    # writing again starts from the beginning
    assert "Lotse" in chat.send("hallo")[0]["text"]


def test_cancelled_deletion_keeps_data_and_resumes(chat, repository):
    _start_interview(chat)
    chat.send("Ahmad")
    chat.send("lösche meine Daten")
    replies = chat.send("/deny")
    assert said(replies, "de", "data.delete_cancelled"), chat.dump()
    assert said(replies, "de", "ask.family_name"), chat.dump()
    assert repository.person_for("web", chat.sender)


def test_refused_consent_stores_nothing(chat, stack, repository):
    chat.send("hello")
    chat.send('/choose_language{"language":"en"}')
    replies = chat.send("/deny")
    assert said(replies, "en", "consent.declined"), chat.dump()
    assert repository.person_for("web", chat.sender) is None
    # The refusal is respected without erasing the (encrypted) conversation, else the next
    # message would start over; asking to delete erases it at once, no profile needed.
    conversation = f"web:{chat.sender}"
    assert [e for e in _decrypted_events(stack.settings) if e["sender_id"] == conversation]
    replies = chat.send("delete my data")
    assert said(replies, "en", "data.nothing_erased"), chat.dump()
    assert not [e for e in _decrypted_events(stack.settings) if e["sender_id"] == conversation]
    assert repository.person_for("web", chat.sender) is None


def test_no_question_before_consent(chat):
    chat.send("hallo")
    chat.send('/choose_language{"language":"de"}')
    # anything but yes/no at the consent question gets the consent reminder, not a question
    replies = chat.send("Ahmad")
    assert said(replies, "de", "consent.required"), chat.dump()
    assert not any(said(replies, "de", "ask.given_names") for _ in [0])


def test_show_my_data_lists_everything_stored(chat):
    _start_interview(chat)
    chat.send("Olena")
    chat.send("Kovalenko")
    replies = chat.send("zeig mir meine Daten")
    assert said(replies, "de", "data.intro"), chat.dump()
    text = "\n".join(r["text"] for r in replies)
    assert "Olena" in text and "Kovalenko" in text
    assert said(replies, "de", "data.consent_line")
    assert said(replies, "de", "ask.date_of_birth")


def test_chat_users_land_in_known_organisations_only(stack, repository):
    from channels.identity import signed_organisation
    from storage.profiles import ensure_organisation

    ensure_organisation(stack.settings.database_url, "jobcenter-known")
    for slug, expected in (("jobcenter-known", "jobcenter-known"), ("made-up-org", "default")):
        # a signed link names the organisation (`lotse orgs link`); one that does not exist
        # is not created by a chat
        chat = Chat(stack.settings.rasa_url, org=signed_organisation(slug))
        _start_interview(chat)
        pid = repository.person_for("web", chat.sender)
        assert repository.snapshot(pid)["person"]["organisation"] == expected
    assert not repository.organisation_exists("made-up-org")


def test_unanswered_questions_are_kept_encrypted_passed_on_and_erased(chat, stack, repository):
    from knowledge_base.store import KnowledgeBaseStore

    marker = uuid.uuid4().hex[:8]
    question = f"Wie bekomme ich einen Angelschein für den See {marker}?"
    store = KnowledgeBaseStore(stack.settings.database_url)
    # Before consent a question is answered honestly but not kept.
    chat.send("hallo")
    chat.send('/choose_language{"language":"de"}')
    replies = chat.send(question)
    assert not any(marker in q.text for q in store.unanswered())
    chat.send("/affirm")
    replies = chat.send(question)
    assert said(replies, "de", "kb.dont_know"), chat.dump()
    buttons = next(r["buttons"] for r in replies if r.get("buttons"))
    stored = [q for q in store.unanswered() if marker in q.text]
    assert len(stored) == 1 and stored[0].language == "de" and stored[0].passed_on_at is None
    assert marker.encode() not in _raw_database(stack.settings)
    replies = chat.send(buttons[0]["payload"])
    assert said(replies, "de", "kb.passed_on"), chat.dump()
    assert said(replies, "de", "ask.given_names"), chat.dump()  # the interview goes on
    assert [q.passed_on_at is not None for q in store.unanswered() if marker in q.text] == [True]
    pid = repository.person_for("web", chat.sender)
    assert [q["text"] for q in repository.snapshot(pid)["questions"]] == [question]
    chat.send("Lösche meine Daten")
    chat.send("/affirm")
    assert not any(marker in q.text for q in store.unanswered(status=None))
