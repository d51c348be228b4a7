"""Held-out dialogue turns as newcomers write them, played through the running product.

Reads `data/dialogue/*.yml` (written for this benchmark by someone who wrote neither the NLU
data nor the normalisers' word lists; see its SOURCES.md). Each case names a stage (before the
language choice, before consent, after refusing consent, at an interview question, at the
summary), a message and what must happen: a stored value, a clean "none"/skip, a knowledge-base
answer (or a "did you mean" choice containing the right entry), an honest "I don't know", no
language change, or a language change.

The harness starts the whole stack (trained model, action server, database) on a throw-away
database with the REST channel on (loopback), brings a fresh conversation to the case's stage
with plain answers, sends the case's message and judges the replies and the stored profile.
It reports accuracy per class and per language, the share of values right, language switches on
content, the share of questions that end in an answer, a clarifying choice or an honest "I don't
know", and the share of wrong knowledge-base answers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data" / "dialogue"
STAGES = ("before_language", "before_consent", "after_refusal", "interview", "summary")
# The benchmark's degree words -> the stored higher_education ids that count as right.
DEGREES = {
    "none": {"none"},
    "vocational_diploma": {"vocational", "post_secondary", "short_tertiary"},
    "bachelor": {"bachelor"},
    "master": {"master"},
    "doctorate": {"doctorate"},
    "incomplete_university": {"none", "post_secondary", "short_tertiary"},
}
# A person who says they have none: stored as skipped, or as the value "none".
NONE_STATUSES = {"skipped", "none"}
# Replies that ask the person to confirm what was understood (answered "yes" by the harness).
CONFIRM_KEY_PREFIXES = ("confirm.", "extraction.confirm")
MAX_FORWARD_TURNS = 60


@dataclass
class Case:
    id: str
    lang: str
    cls: str
    stage: str
    message: str
    expect: dict[str, Any]
    field: str | None = None


@dataclass
class Outcome:
    case: Case
    ok: bool
    verdict: str
    detail: str = ""
    replies: list[dict[str, Any]] = field(default_factory=list)


def load_cases(directory: Path = DATA_DIR) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lang = str(content.get("language") or path.stem)
        for raw in content.get("cases") or []:
            if not isinstance(raw, dict) or not raw.get("message") or not raw.get("expect"):
                continue
            stage = str(raw.get("stage") or "interview")
            if stage not in STAGES:
                raise ValueError(f"{path.name} {raw.get('id')}: unknown stage {stage!r}")
            cases.append(Case(id=str(raw.get("id")), lang=lang, cls=str(raw.get("class")),
                              stage=stage, message=str(raw["message"]), expect=dict(raw["expect"]),
                              field=raw.get("field")))
    if not cases:
        raise ValueError(f"{directory}: no cases")
    return cases


# --- reading replies -------------------------------------------------------------------------
@cache
def _pattern(lang: str, key: str) -> re.Pattern[str]:
    from dialogues import catalogue

    parts = re.split(r"\{[a-z_]+\}", catalogue.text(lang, key))
    return re.compile("(?s)" + ".+?".join(re.escape(p.strip()) for p in parts if p.strip()))


@cache
def _keys(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    from dialogues import catalogue

    return tuple(k for k in catalogue.keys() if k.startswith(prefixes))


def said(replies: list[dict[str, Any]], lang: str, key: str) -> bool:
    pattern = _pattern(lang, key)
    return any(pattern.search(r.get("text") or "") for r in replies)


def asked_field(replies: list[dict[str, Any]], lang: str) -> str | None:
    """The interview field whose question the replies end with."""
    from dialogues.interview import load_interview

    found = None
    for field_ in load_interview().fields:
        if said(replies[-2:], lang, f"ask.{field_.slot}"):
            found = field_.slot
    return found


def reply_language(replies: list[dict[str, Any]]) -> str | None:
    langs = [(r.get("custom") or {}).get("lang") for r in replies]
    langs = [lang for lang in langs if lang]
    return langs[-1] if langs else None


@lru_cache(maxsize=1)
def _entries() -> dict[str, Any]:
    from knowledge_base.entry import load_entries

    return {entry.id: entry for entry in load_entries()}


def kb_entries_answered(replies: list[dict[str, Any]], lang: str) -> set[str]:
    """Entries whose answer the replies carry (by the entry id the reply names, else its title)."""
    found: set[str] = set()
    for reply in replies:
        custom = reply.get("custom") or {}
        if isinstance(custom.get("kb_entry"), str):
            found.add(custom["kb_entry"])
            continue
        text = reply.get("text") or ""
        for entry_id, entry in _entries().items():
            for code in (lang, "de"):
                translation = entry.translation(code)
                if translation is not None and f"**{translation.title}**" in text:
                    found.add(entry_id)
    return found


def kb_entries_offered(replies: list[dict[str, Any]]) -> set[str]:
    """Entries offered as "did you mean" buttons (their payload names the entry)."""
    offered: set[str] = set()
    for reply in replies:
        for button in reply.get("buttons") or []:
            match = re.search(r'"(?:entry|entry_id|kb_entry)"\s*:\s*"([^"]+)"', button.get("payload") or "")
            if match:
                offered.add(match.group(1))
    return offered


def said_dont_know(replies: list[dict[str, Any]], lang: str) -> bool:
    return any(said(replies, lang, key) for key in _keys(("kb.dont_know",)))


# --- the conversation ------------------------------------------------------------------------
class Conversation:
    def __init__(self, base_url: str, lang: str) -> None:
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = f"bench-{uuid.uuid4().hex}"
        self.lang = lang
        self.last: list[dict[str, Any]] = []
        self.turns = 0

    def send(self, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(self.url, data=body,  # noqa: S310 - loopback
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            self.last = json.load(response)
        self.turns += 1
        return self.last


@cache
def _babel_name(lang: str, kind: str, code: str) -> str:
    from babel import Locale

    names = Locale.parse(lang).territories if kind == "territory" else Locale.parse(lang).languages
    return names.get(code, code)


# Plain answers to bring a conversation forward (free text in the person's language).
FREE_TEXT = {
    "job_title": {"de": "Tischler", "en": "carpenter", "ar": "نجار", "fa": "نجار",
                  "uk": "столяр", "ru": "столяр", "tr": "marangoz"},
    "goals": {"de": "Ich möchte als Tischler arbeiten", "en": "I want to work as a carpenter",
              "ar": "أريد أن أعمل نجارا", "fa": "می‌خواهم نجار کار کنم",
              "uk": "Я хочу працювати столяром", "ru": "Я хочу работать столяром",
              "tr": "Marangoz olarak çalışmak istiyorum"},
    "availability": {"de": "ab sofort, 30 Stunden", "en": "from now on, 30 hours a week",
                     "ar": "من الآن، ٣٠ ساعة في الأسبوع", "fa": "از همین حالا، ۳۰ ساعت در هفته",
                     "uk": "одразу, 30 годин на тиждень", "ru": "сразу, 30 часов в неделю",
                     "tr": "hemen, haftada 30 saat"},
}


def _plain_answer(slot: str, lang: str, replies: list[dict[str, Any]], attempt: int) -> str:
    buttons = [b for r in replies for b in (r.get("buttons") or [])]
    skip = next((b["payload"] for b in buttons if "skip" in (b.get("payload") or "")), None)
    if attempt >= 2 and skip:
        return skip
    if attempt >= 1 and buttons:
        return buttons[0]["payload"]
    if slot == "school_type" and buttons:  # a school, so that the years are asked too
        return next((b["payload"] for b in buttons
                     if "no_school" not in (b.get("payload") or "")), buttons[0]["payload"])
    answers = {
        "given_names": "Amal", "family_name": "Nasser", "date_of_birth": "01.02.1990",
        "country_of_origin": _babel_name(lang, "territory", "SY"), "municipality": "Leipzig",
        "contact": "+49 176 12345678", "spoken_language": _babel_name(lang, "language", "ar"),
        "spoken_language_level": '/inform{"option":"native"}', "more_languages": "/deny",
        "school_country": _babel_name(lang, "territory", "SY"), "school_years": "12",
        "job_years": "5", "job_country": _babel_name(lang, "territory", "SY"), "more_jobs": "/deny",
        "german_level": '/inform{"option":"A2"}',
    }
    if slot in FREE_TEXT:
        return FREE_TEXT[slot].get(lang, FREE_TEXT[slot]["en"])
    if slot in answers:
        return answers[slot]
    return buttons[0]["payload"] if buttons else (skip or "/skip_question")


def setup_language(case: Case) -> str:
    """The conversation's language before the case's message: the writer's own, except where
    the message asks for that very language (then the chat runs in another one first)."""
    if str(case.expect.get("kind")) == "language_change" and str(case.expect.get("value")) == case.lang:
        return "en" if case.lang != "en" else "de"
    return case.lang


def bring_to_stage(chat: Conversation, case: Case) -> list[dict[str, Any]]:
    """Brings a fresh conversation to the case's stage; returns the last replies."""
    if case.stage == "before_language":
        return []
    replies = chat.send(f'/choose_language{{"language":"{chat.lang}"}}')
    if case.stage == "before_consent":
        return replies
    if case.stage == "after_refusal":
        return chat.send("/deny")
    replies = chat.send("/affirm")
    attempts: dict[str, int] = defaultdict(int)
    while chat.turns < MAX_FORWARD_TURNS:
        slot = asked_field(replies, chat.lang)
        if case.stage == "interview" and slot == case.field:
            return replies
        if slot is None:
            if said(replies, chat.lang, "summary.question"):
                if case.stage == "summary":
                    return replies
                raise RuntimeError(f"reached the summary before {case.field}")
            raise RuntimeError("lost track of the interview: "
                               + " | ".join((r.get("text") or "")[:80] for r in replies))
        replies = chat.send(_plain_answer(slot, chat.lang, replies, attempts[slot]))
        attempts[slot] += 1
    raise RuntimeError(f"did not reach {case.stage} {case.field} in {MAX_FORWARD_TURNS} turns")


# --- judging ---------------------------------------------------------------------------------
def _fields(database_url: str, sender: str) -> dict[str, list[dict[str, Any]]] | None:
    from storage.profiles import ProfileRepository

    repository = ProfileRepository(database_url)
    person = repository.person_for("rest", sender) or repository.person_for("rest", f"rest:{sender}")
    if person is None:
        return None
    snapshot = repository.snapshot(person) or {}
    stored: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in snapshot.get("fields") or []:
        stored[row["field"]].append(row)
    return stored


def _means_none(row: dict[str, Any]) -> bool:
    """A stored "I have none": skipped, the "none" value, or the country's "no school"."""
    value = row.get("value")
    if row.get("status") in NONE_STATUSES or value in ("none", None):
        return True
    return isinstance(value, dict) and (value.get("none") is True
                                        or str(value.get("id", "")).endswith("no_school"))


def _norm(text: Any) -> str:  # noqa: ANN401 - stored values are JSON
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _same_contact(stored: Any, expected: Any) -> bool:  # noqa: ANN401 - stored values are JSON
    """The same e-mail, or the same phone number however written ("0176 …" is "+49176 …")."""
    import phonenumbers

    if _norm(stored).replace(" ", "") == _norm(expected).replace(" ", ""):
        return True
    try:
        return phonenumbers.parse(str(stored), "DE") == phonenumbers.parse(str(expected), "DE")
    except phonenumbers.NumberParseException:
        return False


MACROLANGUAGES = {"prs": "fa", "kmr": "ku", "ckb": "ku", "sdh": "ku"}


def _value_matches(slot: str, expected: Any, rows: list[dict[str, Any]]) -> tuple[bool, str]:  # noqa: ANN401, C901, PLR0911, PLR0912
    given = [r for r in rows if r.get("status") not in NONE_STATUSES]
    values = [r.get("value") for r in given]
    shown = json.dumps(values, ensure_ascii=False)[:200]
    if not given:
        return False, "nothing stored"
    value = values[-1]
    if slot in ("given_names", "family_name"):
        return _norm(value) == _norm(expected), shown
    if slot == "date_of_birth":
        return str(value) == str(expected), shown
    if slot in ("country_of_origin", "school_country", "job_country"):
        return isinstance(value, dict) and value.get("code") == expected, shown
    if slot == "municipality":
        want = expected if isinstance(expected, dict) else {"name": expected}
        if not isinstance(value, dict):
            return False, shown
        if want.get("ags") and value.get("ags"):
            return str(value["ags"]) == str(want["ags"]), shown
        return _norm(value.get("name_de") or value.get("name")) == _norm(want.get("name")), shown
    if slot == "contact":
        stored = value.get("value") if isinstance(value, dict) else value
        return _same_contact(stored, expected), shown
    if slot == "spoken_language":
        want = set(expected if isinstance(expected, list) else [expected])
        got = {v.get("code") for v in values if isinstance(v, dict)}
        # Dari (ISO 639-3 prs) is Persian (fa) to a writer who expects the macrolanguage
        got |= {MACROLANGUAGES[c] for c in got if c in MACROLANGUAGES}
        return want <= got, shown
    if slot in ("spoken_language_level", "german_level"):
        # a level guessed from words is {"level": "B1", "check": "approximate", ...}
        level = value.get("level") if isinstance(value, dict) else value
        return str(level) == str(expected), shown
    if slot in ("school_years", "job_years"):
        number = value.get("years") if isinstance(value, dict) else value
        try:
            return abs(float(number) - float(expected)) < 0.01, shown
        except (TypeError, ValueError):
            return False, shown
    if slot == "higher_education":
        # "no degree" is stored as {"none": true} (the button's value), also when marked
        stored = ("none" if value.get("none") else value.get("id")) if isinstance(value, dict) \
            else value
        return stored in DEGREES.get(str(expected), {str(expected)}), shown
    # free descriptions (school type, training, goals, availability): stored as a value
    return True, shown


def judge(case: Case, chat: Conversation, replies: list[dict[str, Any]], before_lang: str | None,
          database_url: str) -> Outcome:  # noqa: C901, PLR0911, PLR0912
    kind = str(case.expect.get("kind"))
    lang = chat.lang
    out_lang = reply_language(replies)
    picker = said(replies, lang, "language.choose") and case.stage != "before_language"
    if kind == "language_change":
        target = str(case.expect.get("value"))
        ok = out_lang == target
        return Outcome(case, ok, "language_changed" if ok else "language_not_changed", str(out_lang), replies)
    switched = before_lang is not None and out_lang is not None and out_lang != before_lang
    if kind in ("kb_answer", "idk", "clarify_or_answer"):
        answered = kb_entries_answered(replies, lang)
        offered = kb_entries_offered(replies)
        want = {str(e) for e in case.expect.get("kb_entries") or []}
        if kind == "idk":
            if answered:
                return Outcome(case, False, "kb_wrong_answer", ",".join(sorted(answered)), replies)
            ok = said_dont_know(replies, lang)
            if not ok and offered:
                # "Did you mean ...?" with "none of these": a clarifying choice, not the honest
                # "I don't know" this case expects, but no wrong answer either
                return Outcome(case, False, "clarify_unanswerable", ",".join(sorted(offered)), replies)
            return Outcome(case, ok, "idk" if ok else "no_answer", "", replies)
        if answered & want:
            return Outcome(case, True, "kb_answer", ",".join(sorted(answered)), replies)
        if answered:
            return Outcome(case, False, "kb_wrong_answer", ",".join(sorted(answered)), replies)
        if offered & want:
            return Outcome(case, True, "clarify", ",".join(sorted(offered)), replies)
        if offered:
            return Outcome(case, False, "clarify_wrong", ",".join(sorted(offered)), replies)
        if said_dont_know(replies, lang):
            return Outcome(case, False, "idk_answerable", "", replies)
        shown = " | ".join((r.get("text") or "")[:60] for r in replies)
        return Outcome(case, False, "no_answer", shown, replies)
    if kind in ("question", "reask") and case.stage == "interview" and case.field:
        return _judge_kept_question(case, chat, replies, database_url, switched or picker)
    if kind == "no_language_change" and (switched or picker):
        return Outcome(case, False, "language_switch_on_content", str(out_lang), replies)
    if case.stage != "interview" or not case.field:
        ok = not (switched or picker)
        return Outcome(case, ok, "no_language_change" if ok else "language_switch_on_content", "", replies)
    # confirm what was understood, as a person who wrote it would
    if any(said(replies, lang, key) for key in _keys(CONFIRM_KEY_PREFIXES)):
        replies = chat.send("/affirm")
    if case.field == "spoken_language":
        # several languages: each is stored once its level is answered, asked in turn
        for _ in range(6):
            if asked_field(replies, lang) != "spoken_language_level":
                break
            replies = chat.send('/inform{"option":"B1"}')
    stored = _fields(database_url, chat.sender) or {}
    rows = stored.get(case.field, [])
    if kind in ("none", "skip"):
        ok = any(_means_none(r) for r in rows) or case.field in ("more_languages", "more_jobs")
        if not rows:  # nothing stored, and the interview went on to the next question
            ok = asked_field(replies, lang) not in (case.field, "job_occupation", None)
        return Outcome(case, ok, "none" if ok else "none_not_understood",
                       json.dumps([r.get("value") for r in rows], ensure_ascii=False)[:200], replies)
    expected = case.expect.get("value")
    if case.field in ("more_languages", "more_jobs"):
        next_field = asked_field(replies, lang)
        if isinstance(expected, dict) and expected.get("next_language"):
            ok, shown = _value_matches("spoken_language", [expected["next_language"]],
                                       stored.get("spoken_language", []))
            return Outcome(case, ok, "value" if ok else "value_wrong", shown, replies)
        want_next = {"more_languages": ("spoken_language", "school_country"),
                     "more_jobs": ("job_title", "german_level")}[case.field]
        ok = next_field == (want_next[0] if str(expected).lower() in ("yes", "true") else want_next[1])
        return Outcome(case, ok, "value" if ok else "value_wrong", str(next_field), replies)
    if case.field == "job_title" and isinstance(expected, dict) and expected.get("kldb"):
        code = str(expected["kldb"])
        offered = [b.get("payload") or "" for r in replies for b in (r.get("buttons") or [])]
        chosen = [r.get("value") for r in stored.get("job_occupation", [])]
        ok = any(code in p for p in offered) or any(
            isinstance(v, dict) and str(v.get("kldb", "")).startswith(code) for v in chosen)
        return Outcome(case, ok, "value" if ok else "value_wrong", "; ".join(offered)[:200], replies)
    if kind == "stored":  # the person's own words are the answer (not "none", not refused)
        given = [r for r in rows if not _means_none(r)]
        shown = json.dumps([r.get("value") for r in rows], ensure_ascii=False)[:200]
        return Outcome(case, bool(given), "stored" if given else "not_stored", shown, replies)
    ok, shown = _value_matches(case.field, expected, rows)
    if kind == "approximate":  # a level described in words: stored, and marked as approximate
        last = rows[-1].get("value") if rows else None
        ok = ok and isinstance(last, dict) and last.get("check") == "approximate"
        return Outcome(case, ok, "approximate" if ok else "approximate_wrong", shown, replies)
    return Outcome(case, ok, "value" if ok else "value_wrong", shown, replies)


def _judge_kept_question(case: Case, chat: Conversation, replies: list[dict[str, Any]],
                         database_url: str, switched: bool) -> Outcome:
    """A question asked instead of an answer (kind "question": answered, offered a choice or an
    honest "I don't know") or an answer of the wrong kind ("reask": asked again, never taken for
    a question): either way nothing is stored and the same interview question comes again."""
    lang = chat.lang
    rows = (_fields(database_url, chat.sender) or {}).get(str(case.field), [])
    shown = json.dumps([r.get("value") for r in rows], ensure_ascii=False)[:200]
    if switched:
        return Outcome(case, False, "language_switch_on_content", "", replies)
    if rows:
        return Outcome(case, False, "stored_instead", shown, replies)
    idk = said_dont_know(replies, lang)
    handled = bool(kb_entries_answered(replies, lang) or kb_entries_offered(replies) or idk)
    again = asked_field(replies, lang) == case.field
    if case.expect.get("kind") == "question":
        ok = handled and again
        verdict = "answered" if ok else ("not_asked_again" if handled else "no_answer")
    else:
        ok = again and not idk
        verdict = "reasked" if ok else ("taken_for_question" if idk else "not_asked_again")
    detail = " | ".join((r.get("text") or "")[:60] for r in replies)[:300]
    return Outcome(case, ok, verdict, detail, replies)


# --- the run ---------------------------------------------------------------------------------
def _share(ok: int, n: int) -> float | None:
    return round(ok / n, 3) if n else None


def summarise_outcomes(outcomes: list[Outcome]) -> dict[str, Any]:
    by_class: dict[str, list[bool]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    verdicts: dict[str, int] = defaultdict(int)
    for o in outcomes:
        by_class[o.case.cls].append(o.ok)
        by_lang[o.case.lang].append(o.ok)
        verdicts[o.verdict] += 1
    value_cases = [o for o in outcomes if o.case.stage == "interview" and o.case.field
                   and str(o.case.expect.get("kind")) in ("value", "none", "skip", "no_language_change",
                                                          "approximate", "stored", "reask")]
    questions = [o for o in outcomes
                 if str(o.case.expect.get("kind")) in ("kb_answer", "idk", "clarify_or_answer",
                                                       "question")]
    # an answer (right or wrong), a clarifying choice or an honest "I don't know"
    handled = [o for o in questions
               if o.verdict in ("kb_answer", "clarify", "clarify_wrong", "clarify_unanswerable", "idk",
                                "idk_answerable", "kb_wrong_answer", "answered", "not_asked_again")]
    wrong_kb = [o for o in questions if o.verdict in ("kb_wrong_answer",)]
    return {
        "cases": len(outcomes),
        "accuracy": _share(sum(o.ok for o in outcomes), len(outcomes)),
        "by_class": {k: {"n": len(v), "accuracy": _share(sum(v), len(v))}
                     for k, v in sorted(by_class.items())},
        "by_language": {k: {"n": len(v), "accuracy": _share(sum(v), len(v))}
                        for k, v in sorted(by_lang.items())},
        "values_right": _share(sum(o.ok for o in value_cases), len(value_cases)),
        "value_cases": len(value_cases),
        "language_switches_on_content": verdicts.get("language_switch_on_content", 0),
        "questions": len(questions),
        "questions_answered_clarified_or_idk": _share(len(handled), len(questions)),
        "questions_right_answer_or_choice": _share(sum(o.ok for o in questions), len(questions)),
        "kb_wrong_answers": _share(len(wrong_kb), len(questions)),
        "verdicts": dict(sorted(verdicts.items())),
    }


def play(cases: list[Case], base_url: str, database_url: str) -> list[Outcome]:
    outcomes = []
    for case in cases:
        chat = Conversation(base_url, setup_language(case))
        try:
            before = bring_to_stage(chat, case)
            before_lang = reply_language(before) if before else None
            replies = chat.send(case.message)
            outcomes.append(judge(case, chat, replies, before_lang, database_url))
        except Exception as error:  # noqa: BLE001 - one broken case must not end the run
            outcomes.append(Outcome(case, False, "harness_error", f"{type(error).__name__}: {error}"[:300]))
    return outcomes


def run(args: argparse.Namespace) -> dict[str, Any]:
    from lotse.benchmarks.scratch import scratch_environment
    from lotse.settings import load_settings
    from lotse.supervisor import Stack
    from lotse.training import train

    cases = load_cases(Path(args.data) if getattr(args, "data", None) else DATA_DIR)
    limit = getattr(args, "limit", None)
    if limit:  # an even sample across the files, for quick runs
        step = max(1, len(cases) // limit)
        cases = cases[::step][:limit]
    model_dir = Path(os.environ.get("LOTSE_MODEL_DIR") or load_settings().model_dir)
    with scratch_environment("lotse-bench-dialogue-", LOTSE_REST_CHANNEL="on") as settings:
        model = train(model_dir, epochs=args.epochs)
        stack = Stack(settings=settings, model=model, with_portal=False)
        stack.start()
        started = time.perf_counter()
        try:
            outcomes = play(cases, settings.rasa_url, settings.database_url)
        finally:
            stack.stop()
        seconds = round(time.perf_counter() - started, 1)
    report = summarise_outcomes(outcomes)
    report.update({
        "benchmark": "dialogue",
        "model": model.name,
        "seconds": seconds,
        "date": date.today().isoformat(),
        "failures": [{"id": o.case.id, "class": o.case.cls, "stage": o.case.stage, "field": o.case.field,
                      "verdict": o.verdict, "detail": o.detail} for o in outcomes if not o.ok],
    })
    return report
