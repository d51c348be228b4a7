"""A person who refused consent and now wants a profile after all, in their own words.

After a refusal the assistant says: write "start" if you want a profile later. People rather
write "ok ich stimme doch zu", "kabul ediyorum", "خلص موافق", "я передумала, давайте анкету",
"you can save my data now". Those open the consent question again (the person still confirms
with its buttons, so a wrong guess costs one question, never a stored word). Agreement in a
question ("why should I agree?", "what happens if I agree?"), a negated one ("I don't agree",
"موافق نیستم", "kabul etmiyorum") and a mere "ok" or "thanks" are no such request.

Word rules come first (agreement words, a profile named with a verb of making, permission to
store). What they do not know ("ok ask me your questions", "I trust you now, go ahead") is read
by meaning: a small classifier (nlu/meaning_classifier.py) over outsiders' labelled messages in
`profile_requests.yml`, only for a message that asks nothing, negates nothing and speaks of
nobody else, with a conservative threshold. Figures: `pytest tests/nlu/test_profile_requests.py
-s` (a development set and a held-out set, both written by outsiders).
"""

from __future__ import annotations

import re
from pathlib import Path

from nlu.meaning_classifier import MeaningClassifier, labelled_examples, query_text
from nlu.questions import WORLD_QUESTION_WORDS, fold_words, mentions, reads_as_question

DATA = Path(__file__).with_name("profile_requests.yml")
LABELS = ("profile", "other")
# P(profile) from which the classifier alone decides; a wrong "yes" costs one consent question.
THRESHOLD = 0.7
# Inverse regularisation of the classifier (as for the other meaning classifiers).
C = 16.0
# Longer messages tell a situation or ask; they are not read by meaning (bounded cost).
MAX_WORDS = 30


def _words(block: str) -> frozenset[str]:
    return frozenset(" ".join(fold_words(line)) for line in block.strip().splitlines()
                     if line.strip())


# Saying yes to storing: agreement words (single words match as stems from four letters, so
# "zustimmen", "согласна", "погоджуюсь", "موافقم" are found) and permission to store.
_AGREEMENT = _words("""
agree
i agree
consent
einverstanden
zustimm
stimme
willige ein
einwillig
موافق
اوافق
أوافق
بوافق
mwafe2
mowafe2
mwafeq
mowafeq
muwafiq
قبول دارم
قبول میکنم
قبول می کنم
قبوله
راضی
movafegham
movafeqam
movafegh
movafeq
ghabool
ghabul
ghabol
згод
погоджу
zgod
zghod
zhod
соглас
соглаш
soglasen
soglasna
kabul
onayliyorum
onay veriyorum
onay veririm
izin veriyorum
izin veririm
raziyim
you can save
you can store
can save my
can store my
save my data
store my data
save my answers
store my answers
keep my data
speichern sie
dürfen speichern
darfst speichern
können speichern
kannst speichern
احفظ
سجل معلوماتي
سجل بياناتي
ذخیره کن
ذخیره کنید
سیو کن
зберігайте
зберігай
збережіть
сохраняйте
сохраняй
сохраните
kaydedebilirsin
kaydedebilirsiniz
kaydet
""")
# Storing allowed in other words: a verb of storing beside a word of permission ("sie dürfen
# meine Daten speichern", "mozhno sohranit moi otvety", "verilerimi kaydedebilirsin").
_STORING = _words("""
save
store
keep
speicher
ثبت
ذخیره
سجل
احفظ
зберіг
збереж
zberih
zberez
сохран
sohran
sokhran
kayded
kaydet
sakla
""")
_PERMISSION = _words("""
can
may
darf
darfst
dürfen
dürft
kannst
können
könnt
ok
okay
میتونی
میتونید
میتونین
می توانید
کنین
کنید
کن
можна
можно
mozhna
mozhno
можете
можешь
izin
ebilirsin
ebilirsiniz
""")
# Having changed one's mind, which with a refusal behind it means the profile.
_CHANGED_MIND = _words("""
changed my mind
change my mind
meinung geändert
anders überlegt
es mir überlegt
غيرت رأيي
غيرت رايي
غيرت رأي
نظرم عوض شد
نظرم برگشت
پشیمون شدم
передум
peredum
nazaram avaz
nazaram awaz
fikrimi değiştirdim
fikrim değişti
""")
# A profile named with a wish to make it: "make my profile", "давайте анкету", "profil
# oluşturalım", "بدي اعمل ملف".
_PROFILE_NOUNS = _words("""
profile
profil
lebenslauf
ملف
بروفايل
پروفایل
پرونده
анкет
профіл
профил
""")
_MAKING = _words("""
make
create
do
want
wanna
lets
let us
fill
build
go
erstell
anleg
mach
möchte
will
doch
lass
start
anfang
بدي
بدّي
ابغى
اريد
أريد
عايز
عاوز
اعمل
سوي
نعمل
ابدا
ابدأ
نبدا
نبدأ
نبلش
يلا
میخوام
میخواهم
می خوام
بساز
درست
شروع
بریم
хочу
давай
созда
сдела
заполн
начн
начат
створ
зроб
заповн
почн
istiyorum
isterim
oluştur
olustur
yapalım
besaz
besazim
dorost
robit
robyty
zrobit
sdelat
davai
davaite
yapalim
yap
başla
basla
doldur
""")
# A negation beside the agreement undoes it ("I don't agree", "nicht einverstanden", "مش
# موافق", "موافق نیستم", "не согласна", "kabul etmiyorum").
_NEGATIONS = _words("""
not
dont
don
no
never
nicht
kein
keine
nein
لا
ما
مش
مو
mish
msh
mesh
نه
نیستم
نیست
ندارم
نمیکنم
نمی
nistam
nadaram
nemikonam
не
ні
нет
ni
net
ne
değil
degil
without
ohne
بدون
بلا
без
bez
etmiyorum
etmem
etmiyom
istemiyorum
yok
""")
# Words that make the agreement a condition or somebody else's ("if I agree", "my husband
# agreed"): no request of the person's own.
_CONDITIONS = _words("""
if
wenn
falls
اذا
إذا
لو
اگر
agar
если
якщо
eğer
eger
""")
# Somebody else agreed, not the person ("my husband agreed, not me", "муж согласился, а я
# нет", "kocam kabul etti ben değil"): a negation beside "me".
_NOT_ME = frozenset({("not", "me"), ("na", "man"), ("نه", "من"), ("я", "нет"), ("я", "ні"),
                     ("ben", "degil"), ("ich", "nicht"), ("nicht", "ich"), ("مش", "انا"),
                     ("مو", "انا"), ("لا", "انا"), ("man", "na"), ("من", "نه")})
# Persian copulas: with one, "ما" is "we" ("ما موافق استیم"), not the Arabic negation.
_PERSIAN_COPULAS = frozenset({"است", "استیم", "هستیم", "هستم", "هست", "ایم", "استم"})
# Phrases whose words would mislead: "no problem, I agree" (a "no" that negates nothing),
# "ثبت نام" (registering for something, not storing).
_MISLEADING = re.compile(r"\b(?:ثبت نام|no problem|kein problem|нет проблем|без проблем|مشکلی نیست|"
                         r"مافي مشكلة|ما في مشكلة|sorun yok|problem yok)\b")
_NEGATION_REACH = 2
# A verb of making counts for the profile this near it ("давайте всё-таки заполним анкету").
_MAKING_REACH = 3
# Openings of a question about the agreement, not a request for the profile.
_WHY = _words("""
why
warum
wieso
ليش
ليه
لماذا
چرا
почему
зачем
чому
навіщо
neden
niye
niçin
""")
_WHAT = _words("""
what
was
شو
ايش
چی
что
що
ne
""")


def _hits(words: list[str], phrases: frozenset[str]) -> list[int]:
    """Where in `words` one of `phrases` starts (a phrase of several words whole, a single
    word as a stem, as `mentions` reads them)."""
    return [i for i in range(len(words))
            if any(mentions(words[i:i + len(phrase.split())], {phrase}) for phrase in phrases)]


# A request put as a question ("can we start now?", "können wir jetzt anfangen?", "میشه
# شروع کنیم؟", "можно начать?", "başlayabilir miyiz?"): read by meaning like a statement.
_REQUEST_OPENINGS = _words("""
can we
could we
can you
could you
can i
shall we
may i
können wir
koennen wir
kannst du
können sie
darf ich
sollen wir
ممكن
بنقدر
فينا
نقدر
ينفع
momken
mumkin
میشه
میشود
می شه
میتونیم
میتونی
mishe
можно
можем
можна
можемо
mozhno
mozhna
""")


def _asks_as_a_request(words: list[str]) -> bool:
    if any(" ".join(words[:len(p.split())]) == p for p in _REQUEST_OPENINGS):
        return True
    # Turkish: "…-ebilir miyiz?", "olur mu?"
    return words[-1] in {"mi", "miyiz", "misin", "misiniz", "mu"} and any(
        "abil" in word or "ebil" in word or word == "olur" for word in words[:-1])


def _negated(words: list[str], at: int) -> bool:
    near = words[max(0, at - _NEGATION_REACH):at] + words[at + 1:at + 1 + _NEGATION_REACH]
    persian = any(word in _PERSIAN_COPULAS for word in words)
    return any(word in _NEGATIONS and not (persian and word == "ما") for word in near)


def examples(path: Path = DATA) -> list[tuple[str, str, str]]:
    """(written language, label, text) of every labelled message in `path`."""
    return labelled_examples(path, LABELS)


_CLASSIFIER = MeaningClassifier(
    "profile-requests", lambda: [(text, label) for _, label, text in examples()],
    key=query_text, c=C)
model = _CLASSIFIER.model


def probability(text: str) -> float:
    """P(profile) of a message."""
    return _CLASSIFIER.probabilities(text).get("profile", 0.0)


def _own_words(text: str) -> list[str]:
    """The folded words of a message that may speak for the person; none for a button
    payload, a condition ("if I agree") or somebody else's agreement ("… not me")."""
    words = _MISLEADING.sub(" ", " ".join(fold_words(text or ""))).split()
    if not words or (text or "").lstrip().startswith("/") \
            or any(word in _CONDITIONS for word in words) \
            or any(pair in _NOT_ME for pair in zip(words, words[1:], strict=False)):
        return []
    return words


def agrees_in_words(text: str) -> bool:
    """Agreement to the storing said in words, by the word rules alone ("ok, قبول دارم",
    "ich bin einverstanden", "kabul ediyorum"): an answer to the consent question. Not in a
    question, a condition, a negation or about somebody else."""
    words = _own_words(text)
    if not words or reads_as_question(text):
        return False
    agreed = _hits(words, _AGREEMENT)
    return bool(agreed) and not any(_negated(words, i) for i in agreed)


def wants_a_profile(text: str, *, by_meaning: bool = True) -> bool:
    """Whether a message after a refusal asks for the profile after all; `by_meaning` False
    leaves out the classifier (the word rules alone)."""
    words = _own_words(text)
    if not words:
        return False
    nouns = _hits(words, _PROFILE_NOUNS)
    making = [i for i in _hits(words, _MAKING) if any(abs(i - n) <= _MAKING_REACH for n in nouns)]
    if making and words[0] not in _WHY \
            and not any(_negated(words, i) for i in nouns + making):
        return True  # "can we make the profile after all?" asks for it
    if words[0] in WORLD_QUESTION_WORDS or words[0] in _WHY | _WHAT:
        return False  # "why should I agree?", "what happens if I agree"
    request = _asks_as_a_request(words)
    if reads_as_question(text) and not request:
        return False  # "do I have to agree?", "is it safe if I agree"
    agreed = _hits(words, _AGREEMENT | _CHANGED_MIND)
    storing = _hits(words, _STORING)
    if storing and _hits(words, _PERMISSION):
        agreed += storing
    if agreed and not request:
        return not any(_negated(words, i) for i in agreed)
    # by meaning: only what asks nothing, negates nothing and has words to read
    if not by_meaning or len(words) > MAX_WORDS or any(word in _NEGATIONS for word in words) \
            or not any(ch.isalpha() for ch in text):
        return False
    return probability(text) >= THRESHOLD
