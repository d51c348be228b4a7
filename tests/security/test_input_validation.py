"""Answers are checked the same way whatever path they take: a button payload typed into the
chat (`/inform{...} <text>`) passes the checks of typed answers and names only options the
question offers; and the assistant never claims an action the store refused."""

from __future__ import annotations

import json
import uuid

import pytest

from bot.actions.interview import NOT_OFFERED, payload_refusal
from bot.normalisers.schooling import school_type_options
from dialogues import catalogue
from dialogues.interview import load_interview
from tests.helpers.chat import Chat, said

FIELD = load_interview().field
SYRIA = {"school_country": {"code": "SY", "name_de": "Syrien"}}
CANDIDATES = {"occupation_candidates": [
    {"kldb": "62102", "label": "بائع – Verkäufer/in", "query": "بياع"},
    {"kldb": "63302", "label": "طباخ – Koch/Köchin", "query": "بياع"}]}


def _inform(option: object, after: str = "") -> str:
    return "/inform" + json.dumps({"option": option}, ensure_ascii=False) + after


@pytest.mark.parametrize("slot, payload, slots, expected", [
    # what the buttons of each question send
    ("spoken_language_level", _inform("C1"), {}, None),
    ("german_level", _inform("none"), {}, None),
    ("school_type", _inform("sy.basic"), SYRIA, None),
    ("higher_education", _inform("vocational"), {}, None),
    ("job_occupation", _inform("63302"), CANDIDATES, None),
    ("job_occupation", _inform("none"), CANDIDATES, None),
    ("job_title", _inform("none"), {}, None),
    ("more_languages", "/affirm", {}, None),
    ("more_jobs", "/deny", {}, None),
    ("contact", "/skip_question", {}, None),
    # typed words after a payload: never past the checks
    ("spoken_language_level", _inform("C1", " <script>alert(1)</script>"), {}, NOT_OFFERED),
    ("goals", _inform("x", " " + "Ich möchte als Pflegerin arbeiten. " * 90), {}, NOT_OFFERED),
    ("contact", "/skip_question <b>0176 1234567</b>", {}, NOT_OFFERED),
    # values with markup or too long: the same refusal a typed answer gets
    ("spoken_language_level", _inform("<b>C1</b>"), {}, "invalid.html"),
    ("goals", _inform('<img src=x onerror="alert(1)">'), {}, "invalid.html"),
    ("given_names", _inform("x" * 3000), {}, "invalid.too_long"),
    ("job_title", _inform("\x00\x01\x02"), {}, "invalid.not_text"),
    # options this question does not offer
    ("spoken_language_level", _inform("Z9"), {}, NOT_OFFERED),
    ("school_type", _inform("de.mittlerer_schulabschluss"), SYRIA, NOT_OFFERED),
    ("job_occupation", _inform("81302"), CANDIDATES, NOT_OFFERED),
    ("given_names", _inform("Ahmad"), {}, NOT_OFFERED),
    ("goals", _inform("none"), {}, NOT_OFFERED),  # no "none" at a question without one
    ("spoken_language_level", _inform(["C1", "C2"]), {}, NOT_OFFERED),
    ("spoken_language_level", _inform({"C1": 1}), {}, NOT_OFFERED),
    ("spoken_language_level", '/inform{"option":"C1","language":"de"}', {}, NOT_OFFERED),
    ("spoken_language_level", '/inform{"option": C1}', {}, NOT_OFFERED),
    ("given_names", "/affirm", {}, NOT_OFFERED),  # yes/no only where it is asked
    ("more_jobs", '/affirm{"option":"x"}', {}, NOT_OFFERED),
    ("given_names", "/greetings_from_mars", {}, NOT_OFFERED),
])
def test_payload_refusal(slot, payload, slots, expected):
    assert payload_refusal(FIELD(slot), payload, "de", slots) == expected


def test_every_offered_school_type_is_taken():
    for option, _label in school_type_options("SY", "ar"):
        assert payload_refusal(FIELD("school_type"), _inform(option), "ar", SYRIA) is None


# --- through the real stack ----------------------------------------------------------------------

def _consented(chat: Chat) -> None:
    chat.send("Hallo")
    chat.send('/choose_language{"language":"de"}')
    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()


def _stored(repository, chat: Chat) -> dict[str, dict]:
    pid = repository.person_for("web", chat.sender)
    return {(f["field"], f["item_index"]): f for f in repository.snapshot(pid)["fields"]}


def _refused(replies: list[dict], key: str, next_question: str) -> bool:
    return said(replies, "de", key) and said(replies, "de", next_question)


@pytest.mark.server
def test_typed_payloads_are_refused_and_buttons_still_work(chat, repository):
    _consented(chat)
    # a payload with a name after it, HTML in the value, values too long for the question
    replies = chat.send(_inform("x", " <b>Ahmad</b><script>alert(1)</script>"))
    assert _refused(replies, NOT_OFFERED, "ask.given_names"), chat.dump()
    replies = chat.send(_inform("<img src=x onerror=alert(document.cookie)>"))
    assert _refused(replies, "invalid.html", "ask.given_names"), chat.dump()
    # over the question's limit (200), under the channels' cap (which answers before NLU)
    replies = chat.send(_inform("Ahmad " * 250))
    assert _refused(replies, "invalid.too_long", "ask.given_names"), chat.dump()
    replies = chat.send(_inform("Ahmad " * 600))
    assert said(replies, "de", "limits.message_too_long"), chat.dump()
    assert _stored(repository, chat) == {}

    chat.send("Ahmad")
    chat.send("Al-Hassan")
    chat.send("3.4.1990")
    chat.send("Syrien")
    chat.send("Leipzig")
    assert said(chat.send("/skip_question"), "de", "ask.spoken_language"), chat.dump()
    assert said(chat.send("Arabisch"), "de", "ask.spoken_language_level"), chat.dump()
    # a level that is not offered, a real one with typed words after it
    replies = chat.send(_inform("Z9"))
    assert _refused(replies, NOT_OFFERED, "ask.spoken_language_level"), chat.dump()
    replies = chat.send(_inform("C2", " und außerdem <iframe src=//evil>"))
    assert _refused(replies, NOT_OFFERED, "ask.spoken_language_level"), chat.dump()
    # the button itself
    assert said(chat.send(_inform("native")), "de", "ask.more_languages"), chat.dump()
    replies = chat.send('/affirm{"option":"<b>x</b>"}')
    assert _refused(replies, NOT_OFFERED, "ask.more_languages"), chat.dump()
    assert said(chat.send("/deny"), "de", "ask.school_country"), chat.dump()
    chat.send("Syrien")
    # a German school type at the Syrian question (a stale or forged button)
    replies = chat.send(_inform("de.mittlerer_schulabschluss"))
    assert _refused(replies, NOT_OFFERED, "ask.school_type"), chat.dump()
    assert said(chat.send(_inform("sy.basic")), "de", "ask.school_years"), chat.dump()
    assert said(chat.send("9"), "de", "ask.higher_education"), chat.dump()
    assert said(chat.send(_inform("none")), "de", "ask.vocational_training"), chat.dump()
    # a free-text question offers no buttons at all
    replies = chat.send(_inform("Elektriker", " " + "Ich habe viel gelernt. " * 100))
    assert _refused(replies, NOT_OFFERED, "ask.vocational_training"), chat.dump()
    assert said(chat.send("/skip_question"), "de", "ask.job_title"), chat.dump()
    assert said(chat.send(_inform("none")), "de", "ask.german_level"), chat.dump()
    chat.send(_inform("B1"))

    stored = _stored(repository, chat)
    assert stored[("spoken_language_level", 0)]["value"] == "native"
    # what the person pressed is stored as the button's label, never as the payload
    assert stored[("spoken_language_level", 0)]["original_text"] == catalogue.text(
        "de", FIELD("spoken_language_level").option_key("native"))
    assert stored[("school_type", 0)]["value"]["id"] == "sy.basic"
    assert stored[("higher_education", 0)]["value"] == {"none": True}
    assert stored[("vocational_training", 0)]["original_text"] == catalogue.text("de", "button.skip")
    assert stored[("vocational_training", 0)]["status"] == "skipped"
    assert stored[("german_level", 0)]["value"] == "B1"
    for row in stored.values():
        original = row["original_text"] or ""
        assert "<" not in original and not original.startswith("/") and len(original) < 300, row
        assert "<" not in json.dumps(row["value"], ensure_ascii=False), row


@pytest.mark.server
def test_passing_on_is_claimed_only_when_it_happened(chat, repository, stack):
    from knowledge_base.store import KnowledgeBaseStore

    store = KnowledgeBaseStore(stack.settings.database_url)
    someone_else = repository.register_consent(
        channel="web", external_id=f"other-{uuid.uuid4().hex}", language="de",
        text_version="v", organisation_slug="default")
    theirs = store.add_unanswered("Wo kann ich meinen Hund anmelden?", "de", someone_else)
    nobodys = store.add_unanswered("Gibt es im Winter einen Kältebus?", "de", None)
    # before consent nothing is kept, so nothing can be passed on (the consent comes first)
    chat.send("Hallo")
    chat.send('/choose_language{"language":"de"}')
    replies = chat.send(f'/pass_on_question{{"question_id":"{nobodys}"}}')
    assert not said(replies, "de", "kb.passed_on"), chat.dump()
    chat.send("/affirm")
    # another person's question, and one that does not exist
    for question_id in (theirs, 987654321, "99999999999999999999999"):
        replies = chat.send(f'/pass_on_question{{"question_id":"{question_id}"}}')
        assert said(replies, "de", "kb.pass_on_failed"), chat.dump()
        assert not said(replies, "de", "kb.passed_on"), chat.dump()
    assert all(q.passed_on_at is None for q in store.unanswered() if q.id in (theirs, nobodys))
    # declining is no claim
    assert said(chat.send('/pass_on_question{"question_id":"no"}'), "de", "kb.not_passed_on")
    # the person's own question, passed on with the button they were given
    marker = uuid.uuid4().hex[:6]
    replies = chat.send(f"Wie bekomme ich eine Genehmigung für ein Boot auf dem See {marker}?")
    assert said(replies, "de", "kb.dont_know"), chat.dump()
    button = next(b for r in replies for b in r.get("buttons") or [] if "question_id" in b["payload"])
    assert said(chat.send(button["payload"]), "de", "kb.passed_on"), chat.dump()
    assert [q.passed_on_at is not None for q in store.unanswered() if marker in q.text] == [True]


def _tracker(sender: str, text: str, entities: list[dict]):
    from rasa_sdk import Tracker

    return Tracker(sender, {"language": "de"}, {"text": text, "entities": entities,
                                               "intent": {"name": "pass_on_question"}},
                   [], False, None, {}, "web")


def test_no_pass_on_claim_for_someone_without_consent(lotse_env):
    """The action itself, for a conversation without a consenting person (reached, e.g., by a
    typed payload after declining): even a question kept without a person is not passed on."""
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from bot.actions import conversation, knowledge
    from knowledge_base.store import KnowledgeBaseStore

    conversation.repository.cache_clear()
    knowledge._store.cache_clear()
    store = KnowledgeBaseStore(lotse_env.database_url)
    kept = store.add_unanswered("Wo ist das Bürgeramt?", "de", None)
    dispatcher = CollectingDispatcher()
    tracker = _tracker(f"nobody-{uuid.uuid4().hex}", f'/pass_on_question{{"question_id":"{kept}"}}',
                       [{"entity": "question_id", "value": str(kept)}])
    asyncio.run(knowledge.ActionPassOnQuestion().run(dispatcher, tracker, {}))
    texts = [m["text"] for m in dispatcher.messages]
    assert texts == [catalogue.text("de", "kb.pass_on_failed")]
    assert next(q for q in store.unanswered() if q.id == kept).passed_on_at is None


def test_a_sender_id_with_a_lone_surrogate_does_not_stop_the_server(lotse_env):
    """Rasa's SQL tracker store took the database error for a missing schema and exited the
    whole Rasa server (SystemExit) on a REST message with "\\ud800" as sender."""
    import asyncio

    from storage.tracker_store import EncryptedSQLTrackerStore

    store = EncryptedSQLTrackerStore(database_url=lotse_env.database_url)
    for call in (lambda: asyncio.run(store.retrieve("\ud800")), lambda: store.erase("x\udfff")):
        with pytest.raises(ValueError, match="sender id"):
            call()
    assert asyncio.run(store.retrieve(f"fuzz-{uuid.uuid4().hex}")) is None
