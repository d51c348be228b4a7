"""Conversation fixtures (tests/fixtures/conversations/*.yml) played through the chat.

A fixture lists turns: what the user writes and the catalogue keys the assistant must say
in reply (in the conversation's language; `expect_any`: at least one of them), and at the end
the profile that must be stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dialogues.interview import load_interview
from tests.helpers.chat import Chat, said

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conversations"


@dataclass
class Conversation:
    name: str
    language: str
    turns: list[dict[str, Any]]
    profile: dict[str, Any]
    status: str | None
    path: Path
    answer_languages: dict[str, str] = field(default_factory=dict)
    machine_translated: list[str] = field(default_factory=list)


def load_conversations() -> list[Conversation]:
    conversations = []
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        conversations.append(Conversation(
            name=path.stem, language=data["language"], turns=data["turns"],
            profile=data.get("profile", {}), status=data.get("status"), path=path,
            answer_languages=data.get("answer_languages", {}),
            machine_translated=data.get("machine_translated", [])))
    return conversations


def user_message(user: str | dict[str, Any]) -> str:
    """The text to send; `{repeat: "a", times: 5000}` spells out a long message."""
    if isinstance(user, dict):
        return str(user["repeat"]) * int(user["times"])
    return str(user)


def play(chat: Chat, conversation: Conversation) -> None:
    """Send every turn; fail with the transcript when a reply lacks an expected text."""
    lang = conversation.language
    for number, turn in enumerate(conversation.turns, start=1):
        replies = chat.send(user_message(turn["user"]))
        for key in turn.get("expect", []):
            assert said(replies, *_in_language(key, turn.get("lang", lang))), (
                f"{conversation.name} turn {number}: expected {key!r}\n{chat.dump()}")
        if turn.get("expect_any"):  # one of these: an answer, a choice or "I don't know"
            assert any(said(replies, *_in_language(key, turn.get("lang", lang)))
                       for key in turn["expect_any"]), (
                f"{conversation.name} turn {number}: expected one of {turn['expect_any']!r}\n"
                f"{chat.dump()}")
        for key in turn.get("not_expect", []):
            assert not said(replies, *_in_language(key, turn.get("lang", lang))), (
                f"{conversation.name} turn {number}: unexpected {key!r}\n{chat.dump()}")


def _in_language(key: str, default: str) -> tuple[str, str]:
    """`ar:language.switch_offer` names a text in another language than the turn's."""
    lang, _, name = key.rpartition(":")
    return (lang or default), name



def expects_nothing_stored(conversation: Conversation) -> bool:
    """A fixture with `stored: false`: nothing about the person may be stored."""
    data = yaml.safe_load(conversation.path.read_text(encoding="utf-8"))
    return data.get("stored", True) is False

def stored_values(snapshot: dict[str, Any]) -> dict[str, Any]:
    """{field or field[index]: value} of a repository snapshot."""
    values: dict[str, Any] = {}
    for row in snapshot["fields"]:
        key = row["field"] if row["item_index"] == 0 else f"{row['field']}[{row['item_index']}]"
        values[key] = row["value"] if row["status"] != "skipped" else "__skipped__"
    return values


def assert_answer_languages(expected: dict[str, str], snapshot: dict[str, Any]) -> None:
    """The language each named answer was stored in (`field` or `field[index]`)."""
    stored = {(r["field"] if r["item_index"] == 0 else f"{r['field']}[{r['item_index']}]"):
              r["original_language"] for r in snapshot["fields"]}
    for key, want in expected.items():
        assert stored.get(key) == want, f"{key} stored in {stored.get(key)!r}, expected {want!r}"


def assert_machine_translations(expected: list[str], snapshot: dict[str, Any]) -> list[str]:
    """Fields of `expected` still lacking a labelled German translation; German answers and
    structured answers must never carry one."""
    missing = []
    for row in snapshot["fields"]:
        translation = row.get("machine_translation")
        if row["original_language"] == "de" or row["field"] not in FREE_TEXT_FIELDS:
            assert translation is None, f"{row['field']} ({row['original_language']}) was translated"
        elif translation is not None:
            assert translation["language"] == "de" and translation["machine_translated"] is True
            assert translation["model"] and "translate-" in translation["model"], translation
    stored = {r["field"]: r for r in snapshot["fields"]}
    for name in expected:
        assert name in stored, f"{name} not stored"
        if stored[name].get("machine_translation") is None:
            missing.append(name)
    return missing


FREE_TEXT_FIELDS = frozenset(f.slot for f in load_interview().fields if f.kind == "free_text")


def _subset(got: Any, want: Any) -> Any:  # noqa: ANN401 - stored JSON
    """The keys of `got` that `want` names, at every level of nested dicts."""
    if isinstance(want, dict) and isinstance(got, dict):
        return {k: _subset(got.get(k), v) for k, v in want.items()}
    return got


def assert_profile(expected: dict[str, Any], snapshot: dict[str, Any]) -> None:
    values = stored_values(snapshot)
    for key, want in expected.items():
        assert key in values, f"{key} not stored; stored: {sorted(values)}"
        got = values[key]
        if isinstance(want, str) and isinstance(got, dict) and "structured" in got:
            got = got.get("text")  # free text stored with what was read from it
        if isinstance(want, dict):
            for sub_key, sub_want in want.items():
                sub_got = _subset(got.get(sub_key), sub_want)
                assert sub_got == sub_want, f"{key}.{sub_key}: {got!r} != {sub_want!r}"
        else:
            assert got == want, f"{key}: {got!r} != {want!r}"
