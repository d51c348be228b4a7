"""Where a typed message goes when the classifier's intent may be wrong: command, question or
nothing at all.

The classifier has to pick one of its intents for every message, also for a question about life
in Germany ("where can I find a free German course?" came out as `affirm` at the summary and
finished the interview) and for nonsense (700 times "я" came out as `correct_field`). So:

- a command (correct a field, pause, delete, show data, skip, CV, ...) only counts when the
  message plausibly is that command: a curated command phrase, or a short message, or one with
  the command's own words (`command_plausible`); never nonsense (`looks_like_nonsense`);
- a message that `nlu/questions.py` reads as a real question goes to the knowledge base unless
  it carries the command's words ("can I see my data?" is still `show_my_data`);
- outside the forms (summary, after a refusal, paused, deleting, done), the actions the rules
  run for a command first check this (`handle_misrouted`): a question gets the knowledge base's
  answer, its "did you mean" or an honest "I don't know", nonsense gets "I did not
  understand"; then the question of the stage again, and the turn is forgotten
  (UserUtteranceReverted), so nothing changes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.conversation import (
    button,
    is_button_payload,
    latest_intent,
    latest_text,
    say,
    ui_language,
)
from bot.actions.knowledge import answer_question, find_answer
from bot.actions.language_choice import adopt_language, requested_switch
from bot.normalisers.text_quality import looks_like_mash
from dialogues import catalogue
from nlu.commands import curated_intent
from nlu.profile_requests import wants_a_profile
from nlu.questions import (
    asks_about_the_data,
    fold_words,
    is_real_question,
    leading_asides,
    mentions,
    tells_a_situation,
)

# A command is said in a few words: up to this many, any confident command counts.
SHORT_COMMAND_WORDS = 4
# Beyond this many words a message is never a command, whatever words it holds.
LONG_COMMAND_WORDS = 25
# A message of at least this many words, with at most this share of distinct words, is
# repetition ("я я я ...", "ok ok ok ok ok ok"), not language.
REPETITION_MIN_WORDS = 6
REPETITION_MAX_DISTINCT = 0.25
# Emoji or punctuation alone, this many characters or more, is no message ("👍" is).
MIN_SYMBOLS = 4

# The commands' own words, folded like nlu/questions.py (case, accents and short vowels off).
# A word counts when a message word starts with it (stems of four letters or more) or equals
# it; entries with a space are matched as a phrase. Field names ("address", "phone") are not
# command words: "where do I register my address?" is no correction.
_COMMAND_WORDS: dict[str, tuple[str, ...]] = {
    "correct_field": (
        "change", "correct", "wrong", "mistake", "fix", "edit", "update", "modify",
        "ander", "aender", "korrigier", "falsch", "fehler", "berichtig",
        "غلط", "غلطت", "صحح", "عدل", "تعديل", "تعدیل", "تصحيح", "تصحیح", "اصلاح", "إصلاح",
        "تغيير", "تغییر", "غير", "غیر", "خطا", "خطأ", "اشتباه", "عوض", "ویرایش",
        "виправ", "змін", "помил", "неправильн", "невірн", "исправ", "измен", "поменя",
        "ошиб", "неверн",
        "duzelt", "degis", "yanlis", "hata",
    ),
    "show_my_data": (
        "show", "see", "saved", "stored", "data", "profile", "know about me",
        "zeig", "anzeig", "gespeichert", "daten", "sehen", "profil",
        "اعرض", "شوف", "بيانات", "بیانات", "معلومات", "حفظت", "ملفي", "ملفی", "نمایش", "ببینم",
        "اطلاعات", "ذخیره", "پروفایل",
        "покаж", "показ", "дані", "данн", "збер", "сохран", "записал", "анкет",
        "goster", "bilgi", "veri", "kayit",
    ),
    "delete_my_data": (
        "delete", "erase", "remove", "forget", "wipe",
        "losch", "loesch", "entfern", "vergiss",
        "احذف", "امسح", "حذف", "مسح", "انساني", "پاک", "فراموش",
        "видал", "зітр", "стер", "удал", "сотр", "забудь",
        "sil", "silin", "unut",
    ),
    "stop_interview": (
        "stop", "pause", "later", "break", "enough", "quit",
        "stopp", "aufhor", "aufhoer", "spater", "spaeter", "genug", "abbrech",
        "وقف", "توقف", "بعدين", "لاحقا", "خلص", "استراحة", "بسه", "بعدا", "بعداً", "بعدن",
        "стоп", "зупин", "пауз", "потім", "пізніше", "досить", "останов", "позже", "потом",
        "хватит",
        "dur", "durdur", "mola", "sonra", "yeter",
    ),
    "skip_question": (
        "skip", "next", "pass", "dont know", "don t know", "idk", "no idea",
        "uberspring", "ueberspring", "nachste", "naechste", "weiss nicht", "keine ahnung",
        "تخطى", "تخطي", "تخطی", "التالي", "التالی", "بعرف", "اعرف", "فكرة", "فکرة", "بعدی",
        "بگذر", "نمیدونم", "نمی دونم", "نمیدانم", "نمی دانم",
        "пропуст", "далі", "наступн", "не знаю", "следующ",
        "atla", "gec", "bilmiyorum", "sonraki",
    ),
    "request_cv": (
        "cv", "resume", "lebenslauf", "سيرة", "سیرة", "سی وی", "رزومه", "резюме", "ozgecmis",
    ),
    "resume_interview": (
        "continue", "resume", "start", "profile", "go on",
        "weiter", "fortsetz", "profil", "anlegen",
        "كمل", "کمل", "نكمل", "نکمل", "ملف", "بروفايل", "بروفایل", "ادامه", "پروفایل", "شروع",
        "продовж", "анкет", "профіл", "продолж", "профил", "почн", "начн",
        "devam", "basla",
    ),
    "ask_why": (
        "why", "wozu", "warum", "wieso", "weshalb", "wofur", "wofuer",
        "ليش", "لیش", "لماذا", "ليه", "چرا", "برای چی",
        "навіщо", "чому", "зачем", "почему",
        "neden", "niye", "nicin",
    ),
    # A longer "why" question is the command only with one of these words: the asking, the
    # need, the person's data ("why do you need my birthday?", "wozu fragen Sie das?").
    "ask_why_about_asking": (
        "you", "ask", "asking", "data", "information", "question",
        "sie", "ihr", "du", "frag", "daten", "wissen",
        "بدك", "بدكم", "تحتاج", "تحتاجون", "تسأل", "تسال", "تسألني", "سؤال", "معلومات", "بيانات",
        "عايز", "عايزين", "انتم", "انت",
        "شما", "میپرسید", "میپرسی", "پرسید", "سوال", "اطلاعات", "میخواهید", "میخواید",
        "вам", "вас", "вы", "ви", "тобі", "тебе", "ты", "ти", "спрашива", "пита", "данн", "дані",
        "інформац", "информац",
        "sen", "siz", "soru", "bilgi", "veri", "istiyor",
    ),
    "goodbye": (
        "bye", "tschuss", "tschuess", "wiedersehen", "مع السلامة", "خداحافظ", "باي",
        "до побачення", "пока", "до свидания", "hosca", "gorusuruz",
    ),
}


@cache
def _folded_command_words(intent: str) -> tuple[str, ...]:
    """The command's words folded once, not for every message."""
    return tuple(" ".join(fold_words(stem)) for stem in _COMMAND_WORDS.get(intent, ()))


def has_command_words(text: str, intent: str | None) -> bool:
    """Whether the message holds one of the command's own words (`_COMMAND_WORDS`)."""
    return mentions(fold_words(text), _folded_command_words(intent or ""))


def is_repetition(text: str) -> bool:
    """Many words, few of them different ("я я я я ...", "😀 😀 😀 😀 😀 😀"); or one
    character typed over and over with nothing else ("ааааааааааа", "😀😀😀😀😀😀")."""
    words = (text or "").split()
    if len(words) >= REPETITION_MIN_WORDS \
            and len(set(words)) / len(words) <= REPETITION_MAX_DISTINCT:
        return True
    compact = "".join(words)
    return len(compact) >= 8 and len(set(compact)) <= 2


def looks_like_nonsense(text: str) -> bool:
    """No language in it: repetition, keyboard mash ("asdfgh", "фывапр"), or no letter or
    digit at all (emoji, punctuation). A button payload is never nonsense."""
    stripped = (text or "").strip()
    if not stripped or stripped.startswith("/"):
        return False
    if not any(unicodedata.category(ch)[0] in "LN" for ch in stripped):
        # a thumbs-up or two is an answer; a row of emoji or punctuation is not
        return len("".join(stripped.split())) >= MIN_SYMBOLS

    if is_repetition(stripped):
        return True
    if looks_like_mash(stripped):
        # a stretched word ("stoooop", "10000") is still that word: mash survives the squeeze
        return looks_like_mash(re.sub(r"(.)\1{2,}", r"\1\1", stripped.casefold()))
    return False


def command_plausible(text: str, intent: str | None) -> bool:
    """Whether a typed message classified as command `intent` plausibly is that command: one of
    its curated phrases, or a short message, or one that holds the command's words (yes, no,
    greetings: any sentence) - never nonsense and never a long text."""
    if is_button_payload(text):
        return True
    if curated_intent(text) == intent:
        return True
    if looks_like_nonsense(text):
        return False
    count = len(text.split())
    if count <= SHORT_COMMAND_WORDS:
        return True
    if intent not in _COMMAND_WORDS:
        # yes, no, greetings, thanks: said in a sentence too ("ja, das passt alles so")
        return count <= LONG_COMMAND_WORDS
    return count <= LONG_COMMAND_WORDS and has_command_words(text, intent)


def question_for_knowledge(text: str, intent: str | None) -> bool:
    """Whether a typed message is a question for the knowledge base rather than the command or
    answer it was classified as: a real question (nlu/questions.py) that is no curated command
    phrase and lacks the command's words ("where can I find a free German course?" taken for
    `affirm`; "can I see my data?" stays `show_my_data`)."""
    if not text or is_button_payload(text) or curated_intent(text) == intent:
        return False
    if not is_real_question(text):
        return False
    if intent == "ask_why":
        # "why is the Jobcenter closed on Friday?" asks about the world; "why do you need my
        # birthday?" and "who sees my data?" ask about the interview: they name the asking or
        # the data.
        about_asking = has_command_words(text, "ask_why_about_asking")
        if len(text.split()) > SHORT_COMMAND_WORDS:
            return not about_asking
        return not (about_asking or has_command_words(text, intent))
    return not has_command_words(text, intent)


def misrouted(tracker: Tracker) -> str | None:
    """For an action a rule runs on the latest message outside the forms: "question" when the
    message is a question for the knowledge base, "nonsense" when it is no plausible command,
    else None (the action does what it is for)."""
    if tracker.active_loop.get("name") or tracker.latest_action_name != "action_listen":
        return None  # inside a form the form's validation decided; after an action, no message
    text = latest_text(tracker).strip()
    if not text or is_button_payload(text):
        return None
    intent = latest_intent(tracker)[0]
    if asks_about_the_data(text):
        return "question"  # "who sees my data?" taken for "show my data": see answer_question
    if question_for_knowledge(text, intent) or _situation_for_knowledge(tracker, text, intent):
        return "question"
    if not command_plausible(text, intent):
        # where only questions are left to ask (after a refusal, after the interview) or only
        # a yes or no is (the summary) a sentence is a question, answered or honestly not
        # known; elsewhere it is not understood
        return "question" if situation_told_where_only_questions_are(tracker, text) else "nonsense"
    return None


def situation_told_where_only_questions_are(tracker: Tracker, text: str) -> bool:
    """A sentence (no nonsense, no repetition) at a stage where the person has only their own
    questions to ask or a yes or no to give (QUESTION_STAGES)."""
    return tracker.get_slot("stage") in QUESTION_STAGES and tells_a_situation(text) \
        and not looks_like_nonsense(text)


# Intents of messages that may be long and still ask nothing.
_SMALL_TALK = frozenset({"thank", "greet", "goodbye", "affirm", "deny"})
# Stages where only the person's own questions are left: after a refusal, after the interview.
ASKING_STAGES = frozenset({"declined", "done"})
# Stages where a sentence that is no command is the person's own question: those, and the
# summary (which asks only for a yes or a no).
QUESTION_STAGES = ASKING_STAGES | {"summary"}


def _situation_for_knowledge(tracker: Tracker, text: str, intent: str | None) -> bool:
    """A sentence telling the person's situation ("all correct. but my tax ID never came",
    "الشغل بدهم رقم الضريبة وما وصلني") that the knowledge base has something for, whatever
    command the classifier guessed; not one with the command's own words, and not a yes or
    no at the summary (a correction follows a no; the summary is done with a yes, and then
    what follows it is answered)."""
    if curated_intent(text) == intent or not tells_a_situation(text):
        return False
    stage = tracker.get_slot("stage")
    if intent in _COMMAND_WORDS and has_command_words(text, intent) \
            and not (stage == "declined" and intent == "correct_field"):
        return False  # after a refusal there is nothing to correct ("خايف اقول شي غلط")
    if stage == "summary" and (intent == "affirm" or (
            intent == "deny" and not _confirmed_in_words(tracker, text))):
        # a correction follows a no; but "всё верно. и ещё — мы разводимся, мне нужен
        # адвокат" taken for a no is the person's own concern after a yes in words
        return False
    # where only the person's own questions are left, the closest entries are offered as for
    # a question ("kira sözleşmem bitiyor, ev sahibi depozitoyu vermiyor" taken for the pass-on
    # button); not for what reads as thanks, a greeting or a yes ("thank you so much for all
    # your help, my friend"): that needs a plausible entry
    surely = stage in ASKING_STAGES and intent not in _SMALL_TALK
    return find_answer(text, ui_language(tracker), surely_question=surely) is not None


def _confirmed_in_words(tracker: Tracker, text: str) -> bool:
    """Whether the message opens with "all correct" in words ("всё верно", "alles richtig"):
    what follows is then no correction ("alles richtig, nur der Name ist falsch" has no entry
    near it and stays one)."""
    asides = leading_asides(text)
    return bool(asides) and catalogue.matches_lexicon(ui_language(tracker), "correct", asides[0])


def repeat_stage_question(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str,
                          after_answer: bool = False) -> None:
    """What the person can answer right now, again: the summary question, the resume offer,
    the deletion confirmation. After an answer from the knowledge base the stages without a
    question (done, after a refusal) need nothing more."""
    stage = tracker.get_slot("stage")
    if stage == "paused":
        say(dispatcher, lang, "interview.resume_offer",
            [button(lang, "button.yes", "/affirm"), button(lang, "button.no", "/deny")])
    elif stage == "summary":
        say(dispatcher, lang, "summary.question",
            [button(lang, "summary.all_correct", "/affirm"),
             button(lang, "summary.change", "/deny")])
    elif stage == "deleting":
        say(dispatcher, lang, "data.delete_confirm",
            [button(lang, "data.delete_yes", "/affirm"),
             button(lang, "data.delete_no", "/deny")])
    elif after_answer:
        return
    elif stage == "done":
        say(dispatcher, lang, "greeting.done")
    elif stage == "declined":
        say(dispatcher, lang, "dialogue.declined_help")


def switch_on_request(dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> list[dict[str, Any]] | None:
    """A typed request for another language, carried out whatever the classifier made of it (a
    command, a question, a fallback): "yes, but in English please" at the summary is no "yes",
    "can you write Arabic?" mid-interview no question for the knowledge base. The language
    changes and the open question comes again in it (a form asks its own); nothing else
    changes. None when the message asks for no other language, and in the language form,
    which decides itself."""
    loop = tracker.active_loop.get("name")
    if loop == "language_form":
        return None
    code = requested_switch(tracker)
    if not code:
        return None
    adopt_language(dispatcher, tracker, code)
    if loop:
        return [SlotSet("language", code)]
    repeat_stage_question(dispatcher, tracker, code, after_answer=True)
    return [UserUtteranceReverted(), SlotSet("language", code)]


# Commands a person may give after a refusal, which a wish for the profile by meaning does not
# override.
_KEPT_COMMANDS = frozenset({"show_my_data", "delete_my_data", "change_language", "choose_language",
                            "stop_interview", "goodbye", "ask_why", "request_cv",
                            "pass_on_question", "correct_field", "greet", "thank"})


def profile_on_request(tracker: Tracker) -> list[dict[str, Any]] | None:
    """After a refusal, a message asking for the profile after all ("ok ich stimme doch zu",
    "kabul ediyorum", "я передумала, давайте анкету", the old consent button tapped) opens
    the consent question again, whatever the classifier made of it; the person confirms there.
    None at other stages and for other messages."""
    if tracker.get_slot("stage") != "declined" or tracker.active_loop.get("name"):
        return None
    text = latest_text(tracker)
    intent = latest_intent(tracker)[0]
    # "meine Daten anzeigen" is the command it was taken for: only the word rules may say
    # otherwise, not a guess by meaning
    command = intent in _KEPT_COMMANDS and command_plausible(text, intent)
    if text.strip() != "/affirm" and (is_button_payload(text)
                                      or not wants_a_profile(text, by_meaning=not command)):
        return None
    return [SlotSet("stage", "consent"), SlotSet("consent_given", None),
            FollowupAction("consent_form")]


def handle_misrouted(dispatcher: CollectingDispatcher,
                     tracker: Tracker) -> list[dict[str, Any]] | None:
    """Answer a question, or say "not understood" to nonsense, instead of running a command the
    classifier guessed; then the stage's question again, with the turn forgotten so nothing
    changes. A request for another language or, after a refusal, for the profile is carried
    out instead. None when the message is what the action is for."""
    if tracker.latest_action_name == "action_listen":
        switched = switch_on_request(dispatcher, tracker)
        if switched is not None:
            return switched
        profile = profile_on_request(tracker)
        if profile is not None:
            return profile
    kind = misrouted(tracker)
    if kind is None:
        return None
    lang = ui_language(tracker)
    if kind == "question":
        answer_question(dispatcher, tracker, lang)
        repeat_stage_question(dispatcher, tracker, lang, after_answer=True)
    else:
        say(dispatcher, lang, "interview.not_understood")
        repeat_stage_question(dispatcher, tracker, lang)
    return [UserUtteranceReverted()]
