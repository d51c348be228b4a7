"""'Did you mean ...?' through the real stack: a question whose best entry is plausible but not
certain gets the closest entries as buttons (titled in the person's language) and "none of
these"; a title sends that entry's curated answer (named in `custom.kb_entry`); "none of these"
leads to the honest "I don't know" with the offer to pass the question on."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from dialogues import catalogue
from knowledge_base.entry import load_entries
from knowledge_base.retrieval import PLAUSIBLE_THRESHOLD, KnowledgeBaseIndex
from lotse.settings import PROJECT_ROOT
from tests.helpers.chat import Chat, said

pytestmark = pytest.mark.server

CACHE = PROJECT_ROOT / "var" / "test-models" / "kb-index"
# Asked during the interview, at the name question, as a stranger would.
UNSURE_DE = "Ich kriege keinen Termin beim Amt, was soll ich tun?"
UNSURE_DE_ENTRY = "leipzig-residence-auslaenderbehoerde"
# nothing covers it; near entries are offered (the Deutschlandticket entry now answers "cheap
# by train to Berlin", the example before)
UNSURE_DE_OTHER = "Gibt es hier ein Schwimmbad für Frauen?"
SURE_DE = "Wie melde ich meine Wohnung in Leipzig an?"
_PAYLOAD = re.compile(r"^/ask_kb(\{.*\})$")


@pytest.fixture(scope="module")
def titles() -> dict[str, str]:
    return {entry.id: entry.translation("de").title for entry in load_entries()}


def _entry_ids(reply: dict[str, Any]) -> list[str]:
    found = []
    for button in reply.get("buttons") or []:
        match = _PAYLOAD.match(button["payload"])
        assert match, button
        found.append(json.loads(match.group(1))["entry_id"])
    return found


def _custom(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r["custom"] for r in replies if isinstance(r.get("custom"), dict)]


def test_the_questions_fall_where_the_test_needs_them():
    kb = KnowledgeBaseIndex.build(load_entries(), directory=CACHE)
    assert kb.answer(UNSURE_DE, "de") is None
    assert UNSURE_DE_ENTRY in [hit.entry_id for hit in kb.suggestions(UNSURE_DE, "de")]
    assert kb.answer(UNSURE_DE_OTHER, "de") is None and kb.suggestions(UNSURE_DE_OTHER, "de")
    assert kb.answer(SURE_DE, "de") is not None


def test_one_search_gives_the_answer_or_the_suggestions():
    kb = KnowledgeBaseIndex.build(load_entries(), directory=CACHE)
    for question in (UNSURE_DE, UNSURE_DE_OTHER, SURE_DE, "und dann?", "😀"):
        hit, suggestions = kb.find(question, "de")
        assert (hit, suggestions) == (kb.answer(question, "de"), kb.suggestions(question, "de"))
        assert hit is None or not suggestions


def test_a_question_that_may_be_an_answer_needs_a_plausible_entry():
    # "I want to work as an electrician again, is that possible?" at the goals question is the
    # person's goal: only weakly like the work entries, it gets suggestions where it can only be
    # a question, none where it may be the answer.
    kb = KnowledgeBaseIndex.build(load_entries(), directory=CACHE)
    question = "Ich möchte wieder als Elektriker arbeiten, geht das?"
    assert kb.find(question, "de")[1]
    assert kb.find(question, "de", floor=PLAUSIBLE_THRESHOLD) == (None, [])
    assert kb.find(SURE_DE, "de", floor=PLAUSIBLE_THRESHOLD)[0] is not None


def test_did_you_mean_then_the_chosen_answer_then_none_of_these(stack, titles):
    chat = Chat(stack.settings.rasa_url, channel="rest")  # REST keeps `custom` as it is
    chat.send('/choose_language{"language": "de"}')
    assert said(chat.send("/affirm"), "de", "ask.given_names"), chat.dump()

    replies = chat.send(UNSURE_DE)
    offer = next((r for r in replies if said([r], "de", "kb.did_you_mean")), None)
    assert offer is not None, chat.dump()
    assert not said(replies, "de", "kb.source") and not said(replies, "de", "kb.dont_know")
    ids = _entry_ids(offer)
    assert 3 <= len(ids) <= 4 and ids[-1] == "none" and UNSURE_DE_ENTRY in ids
    assert [b["title"] for b in offer["buttons"][:-1]] == [titles[i] for i in ids[:-1]]
    assert offer["buttons"][-1]["title"] == catalogue.text("de", "kb.none_of_these")
    assert said(replies, "de", "ask.given_names")  # the interview goes on where it was

    chosen = next(b["payload"] for b in offer["buttons"] if UNSURE_DE_ENTRY in b["payload"])
    replies = chat.send(chosen)
    answer = next(r for r in replies if r.get("text", "").startswith("**"))
    assert answer["text"].startswith(f"**{titles[UNSURE_DE_ENTRY]}**")  # the Markdown source
    assert said(replies, "de", "kb.source") and said(replies, "de", "ask.given_names")
    assert {"lang": "de", "dir": "ltr", "kb_entry": UNSURE_DE_ENTRY} in _custom(replies)

    replies = chat.send(UNSURE_DE_OTHER)
    offer = next(r for r in replies if said([r], "de", "kb.did_you_mean"))
    replies = chat.send(offer["buttons"][-1]["payload"])
    assert said(replies, "de", "kb.dont_know"), chat.dump()
    assert not said(replies, "de", "kb.source")
    assert all("kb_entry" not in custom for custom in _custom(replies))
    pass_on = next(r for r in replies if said([r], "de", "kb.dont_know"))
    assert [b["title"] for b in pass_on["buttons"]] == [catalogue.text("de", "kb.pass_on_yes"),
                                                         catalogue.text("de", "kb.pass_on_no")]
    assert said(chat.send(pass_on["buttons"][0]["payload"]), "de", "kb.passed_on")

    replies = chat.send(SURE_DE)
    assert said(replies, "de", "kb.source") and not said(replies, "de", "kb.did_you_mean")
    assert {"lang": "de", "dir": "ltr", "kb_entry": "leipzig-registration-anmeldung"} in _custom(replies)


def test_a_forged_or_stale_choice_gets_an_honest_reply(stack):
    chat = Chat(stack.settings.rasa_url, channel="rest")
    chat.send('/choose_language{"language": "de"}')
    chat.send("/affirm")
    for payload in ('/ask_kb{"entry_id": "no-such-entry"}', '/ask_kb{"entry_id": "../../etc"}', "/ask_kb"):
        replies = chat.send(payload)
        assert said(replies, "de", "kb.dont_know_short"), chat.dump()
        assert said(replies, "de", "ask.given_names")
