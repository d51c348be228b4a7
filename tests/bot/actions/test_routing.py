"""Command, question or nonsense: what a typed message is when the classifier may be wrong
(bot/actions/routing.py), and how the interview, the consent and the summary use it.

Inputs written for these tests (see tests/SOURCES.md): typed as people type on a phone, with
dialect, transliteration, no diacritics and typing mistakes."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import routing
from bot.actions.interview import _is_interruption
from bot.actions.routing import (
    command_plausible,
    handle_misrouted,
    has_command_words,
    looks_like_nonsense,
    misrouted,
    question_for_knowledge,
)
from dialogues.interview import load_interview

FIELD = load_interview().field
YA_700 = " ".join(["я"] * 700)
NONSENSE = [
    YA_700,
    "я я я я я я я я",
    "ааааааааааааа",
    "asdfghjkl",
    "qwertzuiop asdf",
    "фывапролд",
    "😂😂😂😂😂😂😂😂",
    "😀 😀 😀 😀 😀 😀 😀",
    "!!!!!!!!!!!!",
    "ok ok ok ok ok ok ok ok ok ok",
]
NOT_NONSENSE = [
    "stoooop",
    "10000",
    "👍",
    "ja",
    "ich möchte das Geburtsdatum ändern",
    "شلون اسجل ابني بالروضة",
    "як оформити кіндергельд",
    "mein nachname ist falsch geschrieben",
    '/correct_field{"profile_field":"name"}',
]


@pytest.mark.parametrize("text", NONSENSE)
def test_nonsense(text: str) -> None:
    assert looks_like_nonsense(text)


@pytest.mark.parametrize("text", NOT_NONSENSE)
def test_not_nonsense(text: str) -> None:
    assert not looks_like_nonsense(text)


@pytest.mark.parametrize(("text", "intent", "plausible"), [
    # nonsense and long texts are never commands, whatever the classifier said
    (YA_700, "correct_field", False),
    ("asdfghjkl", "correct_field", False),
    ("😂😂😂😂😂😂😂😂", "stop_interview", False),
    ("ich bin seit drei jahren in deutschland und habe in syrien lange als lehrer an einer "
     "grundschule gearbeitet und moechte das hier auch wieder machen", "correct_field", False),
    # curated phrases and short messages are
    ("stopp", "stop_interview", True),
    ("weiss nicht", "skip_question", True),
    ("geburtsdatum falsch", "correct_field", True),
    # longer messages with the command's own words are
    ("ich habe mich beim geburtsdatum vertan, bitte korrigieren", "correct_field", True),
    ("ik wil mijn data bitte sehen was du gespeichert hast", "show_my_data", True),
    ("ممكن تحذف كل المعلومات يلي عندك عني", "delete_my_data", True),
    ("мне надо сделать паузу, продолжим позже", "stop_interview", True),
    ("dogum tarihimi yanlis yazdim duzeltmek istiyorum", "correct_field", True),
    # ... and without them they are not
    ("where can i find a free german course in leipzig", "correct_field", False),
    ("شلون اسجل ابني بالروضة هون بلايبزيغ", "delete_my_data", False),
    # yes and no in a sentence
    ("ja, das passt alles so wie es ist", "affirm", True),
    ("nein, bei der schule stimmt etwas nicht ganz", "deny", True),
    # a button is what it says
    ('/correct_field{"profile_field":"name"}', "correct_field", True),
])
def test_command_plausible(text: str, intent: str, plausible: bool) -> None:
    assert command_plausible(text, intent) is plausible


@pytest.mark.parametrize(("text", "intent", "question"), [
    # questions about life in Germany the classifier took for a command or a yes/no
    ("where can I find a free German course?", "affirm", True),
    ("شلون اسجل ابني بالروضة", "affirm", True),
    ("як оформити кіндергельд", "correct_field", True),
    ("koja mitunam kelase almani majani peyda konam", "deny", True),
    ("kindergeld nasil alinir", "correct_field", True),
    ("wo kann ich mich ummelden", "stop_interview", True),
    ("wen fi kors almani bbalash", "affirm", True),
    ("gde mozhno otkryt schet v banke", "correct_field", True),
    # questions that carry the command's words are that command
    ("can I see my data?", "show_my_data", False),
    ("kann ich das geburtsdatum noch ändern?", "correct_field", False),
    ("why do you need my phone number?", "ask_why", False),
    ("wozu brauchen sie mein geburtsdatum?", "ask_why", False),
    ("neden dogum tarihimi soruyorsunuz?", "ask_why", False),
    ("зачем вам моя дата рождения?", "ask_why", False),
    ("چرا شما تاریخ تولد منو میخواید؟", "ask_why", False),
    # a short question about who sees the data asks about the interview without a "why"
    ("who sees my data?", "ask_why", False),
    ("кто видит мои данные?", "ask_why", False),
    # a "why" about the world is a question for the knowledge base, not "why do you ask?"
    ("why is the jobcenter closed on friday?", "ask_why", True),
    ("warum ist die ausländerbehörde nie erreichbar?", "ask_why", True),
    ("ليش الجوب سنتر قطعلي المصاري هالشهر؟", "ask_why", True),
    ("почему кіндергельд ще не прийшов на карту?", "ask_why", True),
    ("neden kindergeld hala yatmadi hesabima?", "ask_why", True),
    ("ممكن تحذف معلوماتي؟", "delete_my_data", False),
    # no question at all
    ("ja passt alles", "affirm", False),
    ("Aleppo", "affirm", False),
    ("/affirm", "affirm", False),
])
def test_question_for_knowledge(text: str, intent: str, question: bool) -> None:
    assert question_for_knowledge(text, intent) is question


def test_field_names_are_no_command_words() -> None:
    # "address" names a field, but asking where to register it is no correction
    assert not has_command_words("where do i register my address", "correct_field")
    assert has_command_words("my address is wrong", "correct_field")
    assert has_command_words("ich will das spaeter machen", "stop_interview")


def make_tracker(text: str, intent: str, *, stage: str = "summary", loop: str | None = None,
                 latest_action: str = "action_listen", confidence: float = 0.95,
                 lang: str = "en") -> Tracker:
    return Tracker(
        sender_id="test", slots={"stage": stage, "language": lang, "requested_slot": None},
        latest_message={"text": text, "intent": {"name": intent, "confidence": confidence},
                        "entities": []},
        events=[{"event": "user", "text": text}], paused=False, followup_action=None,
        active_loop={"name": loop} if loop else {}, latest_action_name=latest_action,
    )


@pytest.mark.parametrize(("text", "intent", "kind"), [
    ("where can I find a free German course?", "affirm", "question"),
    ("шлон اسجل ابني بالروضة", "correct_field", None),  # two scripts, no interrogative: no question
    ("شلون اسجل ابني بالروضة", "correct_field", "question"),
    (YA_700, "correct_field", "nonsense"),
    ("yes", "affirm", None),
    ("alles richtig so", "affirm", None),
    ('/correct_field{"profile_field":"name"}', "correct_field", None),
])
def test_misrouted_at_the_summary(text: str, intent: str, kind: str | None) -> None:
    assert misrouted(make_tracker(text, intent)) == kind


@pytest.mark.parametrize(("text", "intent", "stage", "kb_finds", "kind", "surely"), [
    # after a refusal a story is a question, whatever button or command it was taken for
    ("kira sözleşmem bitiyor ve ev sahibi depozitoyu geri vermiyor", "pass_on_question",
     "declined", True, "question", True),
    # nothing near: a sentence that is no plausible command is still a question there
    ("kira sözleşmem bitiyor ve ev sahibi depozitoyu geri vermiyor", "correct_field",
     "declined", False, "question", True),
    # thanks in a sentence needs a plausible entry, not a weak likeness
    ("thank you so much for all your help my friend", "thank", "declined", False, None, False),
    # at the summary a "no" with words is a correction
    ("no my birthday is wrong it is the third of may", "deny", "summary", True, None, None),
])
def test_a_situation_told_where_only_questions_are_left(
        monkeypatch: pytest.MonkeyPatch, text: str, intent: str, stage: str, kb_finds: bool,
        kind: str | None, surely: bool | None) -> None:
    searched: list[bool] = []

    def find_answer(text: str, lang: str, *, surely_question: bool = True) -> object | None:
        searched.append(surely_question)
        return object() if kb_finds else None

    monkeypatch.setattr(routing, "find_answer", find_answer)
    assert misrouted(make_tracker(text, intent, stage=stage)) == kind
    assert (searched[0] if searched else None) is surely


def test_misrouted_leaves_forms_and_later_actions_alone() -> None:
    question = "where can I find a free German course?"
    # inside a form, the form's validation decided already
    assert misrouted(make_tracker(question, "affirm", loop="profile_form")) is None
    # the summary shown after the last answer follows the form, not the message
    assert misrouted(make_tracker(question, "affirm", latest_action="profile_form")) is None


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") or "" for m in dispatcher.messages]


def test_a_question_at_the_summary_is_answered_and_the_summary_asked_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answered: list[str] = []

    def fake_answer(dispatcher: Any, tracker: Tracker, lang: str) -> None:  # noqa: ANN401
        answered.append(tracker.latest_message["text"])
        dispatcher.utter_message(text="ANSWER")

    monkeypatch.setattr(routing, "answer_question", fake_answer)
    dispatcher = CollectingDispatcher()
    events = handle_misrouted(dispatcher, make_tracker("wo kann ich mich ummelden", "affirm"))
    assert answered == ["wo kann ich mich ummelden"]
    assert events == [{"event": "rewind", "timestamp": None}]  # the turn is forgotten
    from dialogues import catalogue

    assert texts(dispatcher)[0] == "ANSWER"
    assert texts(dispatcher)[1] == catalogue.text("en", "summary.question")


def test_nonsense_after_a_refusal_is_not_understood() -> None:
    dispatcher = CollectingDispatcher()
    events = handle_misrouted(dispatcher, make_tracker(YA_700, "correct_field", stage="declined"))
    from dialogues import catalogue

    assert events == [{"event": "rewind", "timestamp": None}]
    assert texts(dispatcher) == [catalogue.text("en", "interview.not_understood"),
                                 catalogue.text("en", "dialogue.declined_help")]


def test_a_plausible_command_runs() -> None:
    dispatcher = CollectingDispatcher()
    assert handle_misrouted(dispatcher, make_tracker("show my data", "show_my_data")) is None
    assert dispatcher.messages == []


@pytest.mark.parametrize(("slot", "text", "intent", "confidence", "valid"), [
    # 700 times "я" at any question: no correction, the field's re-ask
    ("given_names", YA_700, "correct_field", 0.99, False),
    ("date_of_birth", YA_700, "correct_field", 0.99, False),
    ("goals", YA_700, "correct_field", 0.99, False),
    ("municipality", "😂😂😂😂😂😂😂😂😂", "stop_interview", 0.97, False),
    ("country_of_origin", "asdfghjkl", "delete_my_data", 0.95, False),
    # a question about services classified as a command goes to the knowledge base
    ("date_of_birth", "wo kann ich einen kostenlosen deutschkurs machen", "correct_field", 0.95,
     False),
    ("country_of_origin", "kindergeld nasil basvurulur", "show_my_data", 0.9, False),
    ("given_names", "як оформити кіндергельд на дитину", "correct_field", 0.95, False),
])
def test_nonsense_and_questions_never_interrupt(slot: str, text: str, intent: str,
                                                confidence: float, valid: bool) -> None:
    assert not _is_interruption(FIELD(slot), text, intent, confidence, "de", valid)


@pytest.mark.parametrize(("slot", "text", "intent"), [
    ("date_of_birth", "ich habe den vornamen falsch geschrieben, bitte ändern", "correct_field"),
    ("country_of_origin", "kann ich bitte meine daten sehen", "show_my_data"),
    ("given_names", "why do you need my name", "ask_why"),
])
def test_plausible_commands_still_interrupt(slot: str, text: str, intent: str) -> None:
    assert _is_interruption(FIELD(slot), text, intent, 0.95, "de", False)


def test_skip_unlocked_after_i_dont_know() -> None:
    from bot.actions.knowledge import skip_unlocked

    tracker = make_tracker("x", "inform", stage="interview")
    events = skip_unlocked(FIELD("country_of_origin"), tracker)
    assert {"event": "slot", "name": "failed_slot", "value": "country_of_origin",
            "timestamp": None} in events
    attempts = next(e["value"] for e in events if e["name"] == "failed_attempts")
    assert attempts >= load_interview().max_attempts


@pytest.mark.parametrize(("text", "intent", "kb_finds", "asks"), [
    # the same detector as everywhere: no "?" needed, dialect and Latin keyboards count
    ("شلون اسجل ابني بالروضة", "affirm", False, True),
    ("koja mitunam kelase almani majani peyda konam", "deny", False, True),
    ("kindergeld nasil alinir", "inform", False, True),
    ("gde mozhno otkryt schet", "nlu_fallback", False, True),
    # a sentence that is no question: only when the knowledge base has something for it
    ("ich suche eine wohnung in leipzig", "out_of_scope", True, True),
    ("ich suche eine wohnung in leipzig", "out_of_scope", False, False),
    # a short one the classifier took for a yes stays one; a situation told is a question
    # whatever it was taken for, when the base has something for it
    ("suche wohnung in leipzig", "affirm", True, False),
    ("ich suche eine wohnung in leipzig", "affirm", True, True),
    ("der vermieter will dass wir bis ende monat ausziehen", "deny", True, True),
    ("der vermieter will dass wir bis ende monat ausziehen", "deny", False, False),
    # yes, no, a word or two, a button
    ("ja gerne", "affirm", True, False),
    ("wie?", "out_of_scope", True, False),
    ("/affirm", "affirm", True, False),
])
def test_asks_question(monkeypatch: pytest.MonkeyPatch, text: str, intent: str,
                       kb_finds: bool, asks: bool) -> None:
    from bot.actions import knowledge

    searched: list[bool] = []

    def find_answer(text: str, lang: str, *, surely_question: bool = True) -> object | None:
        searched.append(surely_question)
        return object() if kb_finds else None

    monkeypatch.setattr(knowledge, "find_answer", find_answer)
    tracker = make_tracker(text, intent, stage="consent", loop="consent_form")
    assert knowledge.asks_question(tracker) is asks
    # a sentence that may be no question needs a plausible entry, not a weak likeness
    assert not any(searched)


@pytest.mark.parametrize(("text", "intent", "kb_finds", "kind"), [
    # a confirmation in words, then a concern of the person's own taken for a correction
    ("alles richtig. und noch was - mein Sohn hat seit Wochen keinen Schulplatz", "correct_field",
     True, "question"),
    ("all correct. one more thing, my landlord wants us out by friday", "deny", True, "question"),
    # the same opening with a correction after it: nothing near, it stays a correction
    ("alles richtig, nur der Geburtsort ist falsch, es war Aleppo", "correct_field", False, None),
    # a "no" is no confirmation, whatever follows
    ("nein, mein Sohn hat seit Wochen keinen Schulplatz", "deny", True, None),
])
def test_a_confirmation_then_a_concern_at_the_summary(
        monkeypatch: pytest.MonkeyPatch, text: str, intent: str, kb_finds: bool,
        kind: str | None) -> None:
    monkeypatch.setattr(routing, "find_answer",
                        lambda text, lang, *, surely_question=True: object() if kb_finds else None)
    lang = "en" if text.startswith("all ") else "de"
    assert misrouted(make_tracker(text, intent, stage="summary", lang=lang)) == kind



@pytest.mark.parametrize(("text", "intent", "stage", "starts"), [
    ("na gut, ich bin doch einverstanden", "nlu_fallback", "declined", True),
    ("tamam kabul ediyorum", "affirm", "declined", True),
    ("/affirm", "affirm", "declined", True),  # the old consent button, tapped late
    ("ok", "affirm", "declined", False),
    ("show my data", "show_my_data", "declined", False),
    ("meine Daten anzeigen", "show_my_data", "declined", False),
    ("why should I agree?", "ask_why", "declined", False),
    ("ok I agree now", "affirm", "done", False),  # only after a refusal
    ("ok I agree now", "affirm", "summary", False),
])
def test_a_wish_for_the_profile_after_a_refusal(text: str, intent: str, stage: str,
                                                starts: bool) -> None:
    events = routing.profile_on_request(make_tracker(text, intent, stage=stage))
    if not starts:
        assert events is None
        return
    assert events is not None
    assert {"event": "slot", "name": "stage", "value": "consent", "timestamp": None} in events
    assert any(e.get("event") == "followup" and e.get("name") == "consent_form" for e in events)
