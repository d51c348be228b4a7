"""Whether a message reads as a question, in the seven interface languages.

People rarely type a question mark on a phone ("wo kann ich einen Deutschkurs machen",
"diplomami nerede tanitabilirim"), so a question is a message that ends with "?" / "؟" or
that opens with an interrogative ("where", "kann ich", "وين", "کجا", "де можна", "nasıl").
Turkish, Persian and Arabic often put the question word later in the sentence ("مدرکمو کجا
ترجمه کنم", "Almanca kursu nerede"), so a few of their interrogatives that are never anything
else count anywhere in the message. Words that double as ordinary words ("как"/"як" = "as")
only count as the opening word; some only with their verb (German "was", Turkish "ne" of "ne
yazık ki"), some not at all ("من" = "from", "این" = Persian "this", "چند" = "a few").

Questions typed on a Latin keyboard count too: Arabizi ("wen fi kors almani bbalash"), Finglish
("koja mitunam madrakamo tarjome konam") and transliterated Russian and Ukrainian ("gde
otkryt schet", "yak oformyty kindergeld"). Short transliterations that are also ordinary
words ("de", "ne", "key") are left out or only count with their verb.

Arabic-script words are compared without their short vowels and with Arabic and Persian kaf
alike, but Arabic yeh (ي) is kept apart from Persian yeh (ی): "اين" (Arabic "where") is no
"این" (Persian "this").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from nlu.commands import curated_intent

QUESTION_MARKS = ("?", "؟", "¿")
# A real question is a sentence: a single word or two ("Aleppo", "wie?") is not sent to the
# knowledge base or to the editors as one.
MIN_QUESTION_WORDS = 3

# Hamza and madda are letters here, not accents: "أين" must not become "این".
_KEEP_MARKS = frozenset("\u0653\u0654\u0655")
_LETTERS = str.maketrans({"ك": "ک", "ı": "i", "\u200c": " ", "\u0640": ""})


def _fold(text: str) -> str:
    """Case, Latin accents and Arabic short vowels off; punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    kept = "".join(ch for ch in decomposed
                   if not unicodedata.combining(ch) or ch in _KEEP_MARKS)
    text = unicodedata.normalize("NFC", kept)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def fold_words(text: str) -> list[str]:
    """The words of a message as the interrogatives here are compared (see `_fold`)."""
    return _fold(text).split()


# Arabic-script verbs and nouns carry a prefix ("تحذف", "بحذف", "نكمل", "وبياناتي"): up to two of
# these letters in front of a stem are looked through; "موقف" (a stop, a parking) is no "وقف".
_ARABIC_PREFIXES = re.compile(r"^[وفبلتينا]{1,2}")
# A single word of a table matches as a stem from this many letters ("verilerim" in "verilerimi").
_STEM_LETTERS = 4


def _word_has_stem(word: str, stem: str) -> bool:
    if word == stem or (len(stem) >= _STEM_LETTERS and word.startswith(stem)):
        return True
    if len(stem) >= 3 and "\u0600" <= stem[0] <= "\u06ff":
        bare = _ARABIC_PREFIXES.sub("", word)
        return bare == stem or (bare != word and bare.startswith(stem))
    return False


def mentions(words: list[str], phrases: Iterable[str]) -> bool:
    """Whether folded `words` hold one of the folded `phrases`: a phrase of several words whole,
    a single word as a stem (also behind a glued Arabic prefix)."""
    joined = f" {' '.join(words)} "
    for phrase in phrases:
        if " " in phrase:
            if f" {phrase} " in joined:
                return True
        elif phrase and any(_word_has_stem(word, phrase) for word in words):
            return True
    return False


def _phrases(block: str) -> frozenset[str]:
    return frozenset(_fold(line) for line in block.strip().splitlines() if line.strip())


# Interrogative openings: the message starts with one of these (one or two words), one a line.
# German "was" only with its verb: English answers start with "was" too ("was born in Aleppo").
_OPENINGS = _phrases("""
can
could
should
does
darf man
darf ich
dürfen wir
muss man
soll man
braucht man
brauche ich
bekommt man
bekomme ich
kriege ich
kriegt man
hat man
where
wheres
wher
how
hw
what
whats
wat
when
who
whom
which
why
is there
are there
is it
can i
can we
can you
can my
could i
could you
may i
do i
do you
does
should i
must i
have i
shall i
would it
wen
ween
kif
kaif
shu
sho
shou
fen
feen
leish
lesh
wo
woher
wohin
wie
wieso
weshalb
warum
was muss
was kann
was soll
was ist
was sind
was brauche
was mache
was kostet
was bedeutet
wann
wer
wen
wem
welche
welcher
welches
welchen
kann ich
kann man
können sie
koennen sie
kannst du
darf ich
muss ich
müssen wir
brauche ich
gibt es
ist es
soll ich
bekomme ich
هل
وين
فين
أين
اين
كيف
كيفاش
ازاي
إزاي
شو
ايش
إيش
شنو
شلون
شقد
شكد
قديش
ليش
ليه
لماذا
لیش
ماذا
متى
امتى
إمتى
مين
ممكن
بقدر
فيني
عندكم
کجا
کجاست
چطور
چطوری
چگونه
آیا
ایا
چرا
چی
چیه
چه
کی
کدوم
کدام
چقدر
میشه
می شه
میتونم
می تونم
می توانم
де
як
що
коли
чому
навіщо
куди
звідки
скільки
хто
який
яка
яке
які
чи
можна
можу я
где
как
что
когда
почему
зачем
куда
откуда
сколько
кто
какой
какая
какое
какие
можно
могу ли
нужно ли
надо ли
nerede
nereden
nereye
nerde
nasil
ne zaman
ne kadar
ne yapmam
ne yapmaliyim
ne lazim
ne gerekiyor
neden
niye
nicin
hangi
kim
kac
acaba
izzay
ezay
emta
imta
leh
laish
shlon
shloon
shno
mumkin
momken
koja
kojast
kojaa
chetor
chetori
chera
cheghadr
cheqadr
mishe
mitoonam
mitunam
kodom
gde
kak
chto
shto
kogda
pochemu
zachem
kuda
skolko
mozhno
yak
shcho
koly
chomu
skilky
mozhna
de mozhna
de mozhu
de znayty
""")

# Interrogatives that are never anything else: a question wherever they stand.
_ANYWHERE = _phrases("""
что делать
что мне делать
шо делать
шо робить
шо робити
що робити
що мені робити
что же делать
chto delat
sho robyty
shcho robyty
куда обращаться
куди звертатися
куда обратиться
куди звернутися
kuda obrashchatsya
к кому обратиться
до кого звернутися
was soll ich tun
was soll ich machen
was kann ich tun
was kann ich machen
what should i do
what can i do
what do i do
چیکار کنم
چه کار کنم
چکار کنم
چی کار کنم
chikar konam
chekar konam
che kar konam
شو بعمل
شو لازم اعمل
ايش اسوي
شو اعمل
ne yapmaliyim
ne yapmalıyım
ne yapayim
ne yapayım
ne yapmam lazim
ne yapmam lazım
neler
hangisi
nerden
nerdeyim
nerede
nereden
nereye
nerde
nasil
neden
niye
nicin
hangi
acaba
ne zaman
mi
mı
mu
mü
misin
miyim
miyiz
misiniz
musun
musunuz
muyum
mıyım
mısın
mısınız
müyüm
müsün
mümkün mü
miydi
mıydı
muydu
müydü
midir
mıdır
mudur
müdür
nerden
ne yapmak lazim
ne yapmam lazim
ne yapmak gerek
ne yapmam gerek
ne lazim
ne gerekiyor
soracam
sorucam
sorayim
soracagim
kim
kime
kimin
ne olacak
ne oluyor
ne olur
now what
وين
مين
شو
شنو
ايش
فين
وينو
كيف
كيفاش
ازاي
شلون
قديش
ليش
لماذا
متى
امتى
کجا
کجاست
چطور
چطوری
چگونه
چرا
چقدر
آیا
چی
چیه
کی
где
куда
почему
зачем
сколько
де
навіщо
скільки
ween
izzay
ezay
shlon
leish
koja
kojast
chetor
chetori
chera
cheghadr
gde
pochemu
zachem
skolko
chomu
skilky
""")


# Openings of the last clause that make a question of a message that starts with something
# else ("before i agree, my diploma is from nigeria, how i make it valid"; "i have debts from
# phone contracts, who can help me"). Two words where one is also a relative pronoun or a
# conjunction ("where my brother lives", "знаю, что", "коли я приїхав"): no single "where",
# "who", "when", "что", "коли" here.
_CLAUSE_OPENINGS = _phrases("""
wo suche
wo suchen
wo kriege
wo melde
wie finde
wie melde
wie beantrage
как найти
как устроить
как оформить
как записать
как записаться
как восстановить
как подать
як знайти
як оформити
як записати
як записатися
як відновити
як подати
де оформити
де знайти
де отримати
де взяти
kak naiti
kak najti
kak oformit
kak poluchit
kak sdelat
de oformyty
de znayty
yak znayty
yak oformyty
nasil bulurum
nasil yapabilirim
nasil alabilirim
nerede bulurum
كيف بقدر
كيف اقدر
وين بقدر
وين لازم
چطور میتونم
کجا میتونم
how
how can
how do
how i
how to
how much
how long
how many
where can
where do
where i
where is
where to
where should
who can
who should
who will
who do
who helps
what can
what do
what i
what should
what is
what are
can i
can you
can someone
can anyone
is there
are there
is it possible
do i
should i
do you know
wie kann
wie bekomme
wie lange
wie viel
wie funktioniert
wo kann
wo bekomme
wo muss
wo finde
was muss
was kann
was soll
kann ich
kann man
muss ich
gibt es
brauch ich
brauche ich
darf ich
bekomme ich
krieg ich
kriege ich
an wen
wer hilft
wer kann
где
как мне
как получить
как сделать
как быть
куда
сколько
можно ли
кто может
кто поможет
что делать
что мне делать
де
як мені
як отримати
як зробити
куди
скільки
чи можна
хто може
хто допоможе
що робити
що мені робити
gde
kak mne
kuda
skolko
shcho robyty
надо ли
нужно ли
чи треба
чи потрібно
nado li
nuzhno li
mozhno li
chy mozhna
chy treba
""")
# A clause this short after the comma is an aside ("ok, how?"), not a question worth a search.
MIN_CLAUSE_WORDS = 3
_CLAUSE_BREAK = re.compile(r"[,;:.!\n]+")


def _asks_in_a_clause(text: str) -> bool:
    """A clause of the message that opens a question: the last ("Ich bin Koch, 10 Jahre
    Erfahrung, wo suche ich hier Arbeit"), or any after a greeting or a story ("Здрасьте)
    подскажите, как устроить ребёнка в школу, ему 12")."""
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c.strip()]
    if len(clauses) < 2:
        return False
    for index, clause in enumerate(clauses):
        words = _fold(clause).split()
        while len(words) > 1 and words[0] in _LEADING_CONJUNCTIONS:
            words = words[1:]
        if len(words) < MIN_CLAUSE_WORDS:
            continue
        if words[0] in _CLAUSE_OPENINGS or " ".join(words[:2]) in _CLAUSE_OPENINGS \
                or " ".join(words[:3]) in _CLAUSE_OPENINGS:
            if index == len(clauses) - 1 or words[0] in _CLAUSE_WH:
                return True
    # a sentence after a greeting or a story that opens with an interrogative: "hello good
    # morning! which bin is for the pizza box"
    for sentence in _SENTENCE_END.split(text)[1:]:
        words = _fold(sentence).split()
        if len(words) >= MIN_CLAUSE_WORDS and (words[0] in _OPENINGS or " ".join(words[:2])
                                               in _OPENINGS) and words[0] not in _SUBORDINATING:
            return True
    return False


# Interrogatives that open a question in any clause, never a clause of a statement (unlike
# "when", "what", "which", "что", "ne"): where and how.
_CLAUSE_WH = frozenset(_fold(w) for w in """
where wo wohin woher how wie где куда как де куди як gde kuda kak koja chetor chetori nasil
nerede nerde وين فين كيف شلون ازاي وین فین کیف ازای چطور چطوری کجا
""".split())


# Greetings typed in Latin letters by people whose script is another ("privet, kak …",
# "marhaba, wen …"); the curated `greet` examples hold the greetings in their own scripts.
TRANSLITERATED_GREETINGS = ("marhaba", "marhaban", "ahlan", "ahlen", "privet", "pryvit",
                            "dobryi den", "dobryj den", "dobriy den", "dobryy den", "dobry den",
                            "dobryi vechir", "zdravstvuyte", "zdravstvuite", "zdravstvujte",
                            "merhabalar", "kolay gelsin", "hayirli gunler", "iyi gunler",
                            "salam alekum")


def without_greeting(text: str) -> str:
    """The message without a greeting in front ("السلام عليكم، وين لازم سجل عنواني؟"): the
    greeting is no part of the question. Greetings are the curated `greet` examples and
    TRANSLITERATED_GREETINGS."""
    words = text.split()
    for count in (4, 3, 2, 1):
        head = " ".join(words[:count])
        if len(words) > count and (curated_intent(head) == "greet"
                                   or _fold(head).strip(" ,!.") in TRANSLITERATED_GREETINGS):
            return " ".join(words[count:])
    return text


# Words of a clause that holds no question before one that does: yes, no, thanks, a refusal,
# "I have a question" ("нет, не надо. скажите лучше куда …", "ماشي بس عندي سؤال، البنك …",
# "yes correct. one more, my wife lost her health card"). Such clauses are no part of the
# search, and a first clause that announces a question makes the message one.
_ASIDE_WORDS = frozenset(_fold(w) for w in """
    yes yeah yep no nope ok okay thanks thank you correct right fine all good sure not dont
    don't do want i have a an one more another question also but just only please sorry it is
    its everything looks so well quick small short little
    ja jo nein nee danke alles richtig gut stimmt passt nicht will möchte ich habe eine frage
    noch aber nur bitte das ist kurze kleine
    да нет ок окей спасибо всё все так верно правильно не надо хочу анкету анкета у меня есть
    вопрос ещё еще один лучше скажите подскажите но только пожалуйста ладно хорошо
    ні дякую вірно треба мене є питання ще одне краще скажіть підкажіть але тільки будь ласка
    добре гаразд
    نعم لا اي ايوه ايه تمام ماشي طيب شكرا صح مظبوط ما مابدي بدي بس عندي سؤال سوال كمان واحد
    فقط لكن
    بله نه آره اره باشه ممنون مرسی درسته خوبه نمیخوام نمی‌خوام ولی یک یه دارم سوالی
    evet hayır hayir tamam teşekkürler tesekkurler sağol sagol doğru dogru yok istemiyorum ama
    bir bi soru sorum var sadece şunu sunu soracağım sorcam sorayim önce once
    vse verno pravilno pravylno virno hame dorost doroste dogru
    كلو كله صحيح
""".split())
_QUESTION_NOUNS = frozenset(_fold(w) for w in """
    question questions frage fragen вопрос вопросик питання سؤال سوال soru sorum sual
""".split())


_ASIDE_BREAK = re.compile(r"([,;:.!?؟،\n]+|[\u2600-\u27bf\U0001f000-\U0001faff]+)")


def _aside_clauses(text: str) -> tuple[list[str], str]:
    """The leading clauses that hold no question, and the rest of the message (an emoji ends a
    clause as a comma does: "كلو صحيح 👍 بس …")."""
    parts = _ASIDE_BREAK.split(text)
    asides: list[str] = []
    index = 0
    while index < len(parts) - 2:
        words = _fold(parts[index]).split()
        if not words or not all(w in _ASIDE_WORDS for w in words):
            break
        asides.append(parts[index])
        index += 2
    return asides, "".join(parts[index:]).strip()


def leading_asides(text: str) -> list[str]:
    """The yes, no or thanks clauses a message opens with, after its greeting ("всё верно" of
    "всё верно. и ещё — мы разводимся, мне нужен адвокат")."""
    return _aside_clauses(without_greeting(text))[0]


def question_part(text: str) -> str:
    """The message without a greeting and the yes, no or thanks before the question; the
    whole message when too little would be left."""
    text = without_greeting(text)
    _, rest = _aside_clauses(text)
    return rest if len(rest.split()) >= MIN_QUESTION_WORDS else text


# Words that state a need or a wish to know: "ich brauche Hilfe beim Antrag", "محتاج مساعدة
# برسالة", "мне нужна помощь с письмом" ask without a question word.
_NEED_WORDS = frozenset(_fold(w) for w in """
    need needs help know brauche brauchen benötige hilfe wissen
    нужно нужна нужен надо помощь помогите потрібно потрібна треба допомога допоможіть
    محتاج محتاجه بحاجة بحاجه لازمني مساعدة مساعده ساعدوني بدي اعرف
    لازم دارم کمک میخوام بدونم احتیاج
    lazim lazım ihtiyacim ihtiyacım yardim yardım istiyorum ogrenmek öğrenmek
    want wanna möchte moechte хочу хочемо хотим اريد أريد نريد عايز عاوز ابغى بدنا میخواهم
    میخوایم
    знаю weiß weiss ba3ref ba3rif بعرف bilmiyorum bilmiyoruz نمیدونم نمیدانم
    nado nuzhno nuzhna treba potribno pomogite dopomozhit lazem lazim
""".split())


# ... of which these only say what the person wants: "Добрий день, я шукаю роботу і хочу
# заповнити анкету" wants the interview, not an answer.
_WISH_WORDS = frozenset(_fold(w) for w in """
    want wanna möchte moechte хочу хочемо хотим اريد أريد نريد عايز عاوز ابغى بدنا بدي میخواهم
    میخوایم میخوام دارم istiyorum
""".split())


def states_a_need(text: str) -> bool:
    """A sentence that says what the person needs or wants to know ("I need help with a letter
    from the Jobcenter"): a question when the knowledge base has something for it."""
    words = _fold(text).split()
    return len(words) >= MIN_QUESTION_WORDS and bool(_NEED_WORDS.intersection(words))


# ... and what says that something is not understood ("лист від Familienkasse, нічого не
# розумію"): a lack as well, though no need ("I don't understand" may be about our question).
_NOT_UNDERSTOOD_WORDS = frozenset(_fold(w) for w in """
    understand verstehe понимаю розумію anlamıyorum anlamiyorum نمیفهمم بفهم فاهم anlamadım anlamadim
""".split())


_LACK_WORDS = (_NEED_WORDS - _WISH_WORDS) | _NOT_UNDERSTOOD_WORDS


def states_a_lack(text: str) -> bool:
    """A need that is no mere wish: help, something needed, something not known or not
    understood ("brauche billig Schlüsseldienst", "не знаю номер скорой"); a question even
    where the base has nothing for it."""
    words = _fold(text).split()
    return len(words) >= MIN_QUESTION_WORDS and bool(_LACK_WORDS.intersection(words))


# A message of this many words that is no command tells the person's situation ("the bank
# refused me an account because I only have a Duldung", "صاحب البيت بدو ياني اطلع من الشقة"):
# people state a problem and mean "what can I do?". Whether it is a question for the knowledge
# base is then the base's to say (bot/actions/knowledge.py), not the wording's.
STATEMENT_WORDS = 6


def tells_a_situation(text: str) -> bool:
    """A sentence long enough to tell a situation (STATEMENT_WORDS words without the greeting
    and the yes, no or thanks in front); never a button payload."""
    stripped = (text or "").strip()
    if not stripped or stripped.startswith("/"):
        return False
    return len(fold_words(question_part(stripped))) >= STATEMENT_WORDS


def asks_after_an_aside(text: str) -> bool:
    """A yes, no or thanks and then a question: "nein danke. wo bekomme ich einen Kitaplatz",
    "evet tamam, dil kursu nerede"."""
    asides, rest = _aside_clauses(without_greeting(text))
    return bool(asides) and is_real_question(rest)


def tells_after_an_aside(text: str) -> bool:
    """A yes, no or thanks and then a situation told: "all correct. but my tax ID never
    came", "evet doğru, yalnız ev sahibi depozitoyu geri vermiyor"."""
    asides, rest = _aside_clauses(without_greeting(text))
    return bool(asides) and tells_a_situation(rest)


def concern_after_an_aside(text: str) -> bool:
    """A yes, no or thanks and then a concern: a situation that turns against what was said
    ("كلو صحيح بس رقم الضريبة ما وصلني", "vse verno. a Steuer-ID tak i ne prishla") or says
    what is lacking ("Ja stimmt alles. Noch was, alte Matratze muss weg, ich weiß nicht
    wohin"); not thanks that go on ("yes, thank you for all your patience with me today")."""
    asides, rest = _aside_clauses(without_greeting(text))
    if not asides or not tells_a_situation(rest):
        return False
    words = _fold(rest).split()
    opening = {" ".join(words[:size]) for size in (1, 2, 3)}
    return bool(opening & (_CONCERN_TURNS | _SENTENCE_TURNS)) or states_a_lack(rest)


def _announces_question(text: str) -> bool:
    """'ماشي بس عندي سؤال، البنك رفض …', 'once bi soru: patron …': a question follows."""
    asides, rest = _aside_clauses(text)
    return any(_QUESTION_NOUNS.intersection(_fold(a).split()) for a in asides) \
        and len(rest.split()) >= MIN_QUESTION_WORDS


# Words a follow-up question starts with before its interrogative.
_LEADING_CONJUNCTIONS = frozenset(_fold(w) for w in """
    and but so also ok okay und aber also dann
    و بس طيب طب اوكي
    و ولی اما خب خوب
    и а но і та але ну
    ve ama peki yani
""".split())


def _word_pairs(words: list[str]) -> set[str]:
    return {*words, *(" ".join(words[i:i + 2]) for i in range(len(words) - 1))}


def has_interrogative(text: str) -> bool:
    """An interrogative opening, or an interrogative that is never anything else anywhere in
    the message: a question by its words, whatever the punctuation. A button payload has none."""
    stripped = (text or "").strip()
    if not stripped or stripped.startswith("/"):
        return False
    words = _fold(without_greeting(stripped)).split()
    while len(words) > 1 and words[0] in _LEADING_CONJUNCTIONS:
        words = words[1:]  # "und wo kann ich angeln?", "and how much is it"
    if not words:
        return False
    if (words[0] in _OPENINGS or " ".join(words[:2]) in _OPENINGS) \
            and not _opens_a_subordinate_clause(without_greeting(stripped), words[0]):
        return True
    return bool(_word_pairs(words) & _ANYWHERE) or _asks_in_a_clause(without_greeting(stripped))


# "when" opens a clause before the main one as often as a question: "коли я приїхав, я
# працював кухарем" (when I came, I worked as a cook) is an answer.
_SUBORDINATING = frozenset({"when", "коли", "когда", "kogda", "koly"})


def _opens_a_subordinate_clause(text: str, first: str) -> bool:
    return first in _SUBORDINATING and "," in text and not text.rstrip().endswith(QUESTION_MARKS)


# A sentence of at least two words closed by a question mark, anywhere in the message: people
# add context after the question ("do I have a work permit? I have an Aufenthaltsgestattung").
_SENTENCE_END = re.compile(r"(?<=[.!?؟¿\n])")


# "How are you?" after a greeting asks after the assistant's health, not for an answer.
_HOW_ARE_YOU = frozenset(_fold(w) for w in """
    how are you u wie gehts geht's geht es dir ihnen euch كيفك كيفكم كيف حالك حالكم شلونك شلونكم
    ازيك ازيكم عامل خوبین خوبی خوبید چطوری چطورین حالتون حالت خوب هستید как дела ты вы як справи
    nasılsın nasilsin nasılsınız nasilsiniz naber iyi misin misiniz
""".split())


def _only_how_are_you(sentence: str) -> bool:
    """"سلام خوبین؟", "hi, how are you?": a greeting and "how are you", nothing else."""
    words = _fold(without_greeting(sentence.strip(" ?؟¿!.,"))).split()
    return bool(words) and all(w in _HOW_ARE_YOU for w in words)


def _asks_in_a_sentence(text: str) -> bool:
    return any(sentence.rstrip().endswith(QUESTION_MARKS) and len(sentence.split()) >= 2
               and not _only_how_are_you(sentence)
               for sentence in _SENTENCE_END.split(text))


def reads_as_question(text: str) -> bool:
    """A question mark at the end, a sentence of two words or more closed by one before more
    text, or an interrogative (`has_interrogative`). A button payload is no question."""
    stripped = (text or "").strip()
    if stripped.startswith("/"):
        return False
    return stripped.endswith(QUESTION_MARKS) or _asks_in_a_sentence(stripped) \
        or has_interrogative(stripped) or _announces_question(stripped)


def is_real_question(text: str, min_words: int = MIN_QUESTION_WORDS) -> bool:
    """A question worth answering or keeping for the editors: it reads as a question and is a
    sentence, not a word or two typed at the wrong question."""
    return reads_as_question(text) and len((text or "").split()) >= min_words


# Words that ask where, when, who or how much: about the world, never anything else (also read
# by nlu/language_request_meaning.py: such a question is no request for the chat's language).
WORLD_QUESTION_WORDS = frozenset(_fold(w) for w in """
    where wo wohin woher وين فين وينو اين أين کجا کجاست где куда откуда де куди звідки nerede
    nerde nereye nereden gde kuda koja kojast ween
    when wann متى امتى когда коли kogda
    who wer مين кто хто kim kime kimin
    wieviel قديش چقدر сколько скільки kac skolko
""".split())
# Words that ask for information (where, how much, who, when, why...): a question opened by one
# asks about the world, not about the person's own plans ("can I work as a nurse again?").
_WH_WORDS = WORLD_QUESTION_WORDS | frozenset(_fold(w) for w in """
    wheres how what whats which why whom
    wie was welche welcher welches warum wieso weshalb
    كيف كيفاش ازاي شلون ليش لماذا شو شنو ايش ماذا كم
    چطور چطوری چگونه چرا چی چیه کی کدام کدوم چند
    почему зачем как какой какая какие
    чому навіщо як який яка які
    nasil neden niye nicin hangi ne
    izzay ezay shlon leish chetor chetori chera cheghadr pochemu zachem chomu skilky
""".split())
# Persian and Turkish put the question word late ("کلاس زبان کجاست", "kurs nerede"), spoken
# Arabic, Russian and Ukrainian often after a word or two ("وهلأ شو بصير", "а мне куда идти"):
# these never mean anything else.
_WH_ANYWHERE = frozenset(_fold(w) for w in """
    کجا کجاست چطور چطوری چرا چقدر کی کدام کدوم nerede nereden nereye nerde nasil neden niye
    nicin hangi kim kime kimin kac ne
    وين فين وينو كيف شلون قديش ليش امتى مين شو شنو ايش
    где куда сколько почему зачем де куди скільки чому навіщо
""".split())


def asks_for_information(text: str) -> bool:
    """A question that asks where, how, how much, who, when or why (in any of the languages):
    about the world, not a wish put as a question ("can I study again?", "kann ich im Januar
    anfangen?"), which may answer a question about the person's plans."""
    if not reads_as_question(text):
        return False
    words = _fold(without_greeting(text.strip())).split()
    while len(words) > 1 and words[0] in _LEADING_CONJUNCTIONS:
        words = words[1:]
    return bool(words) and (words[0] in _WH_WORDS or bool(_WH_ANYWHERE.intersection(words)))


# Words that turn from an answer to something else: "mornings only. btw my permit ends …".
_ASIDE_TURNS = _phrases("""
btw
by the way
übrigens
ubrigens
кстати
до речі
bu arada
راستی
بالمناسبة
على فكرة
ع فكرة
""")

def answer_then_question(text: str) -> tuple[str, str] | None:
    """An answer and then a question in one message ("Vormittags. Für die Krippe zahle ich
    250 Euro, kann das Amt helfen?", "mornings only. btw my permit ends in March, what then?"):
    (answer, question), or None when the message is one or the other."""
    stripped = (text or "").strip()
    sentences = [s.strip() for s in _SENTENCE_END.split(stripped) if s.strip()]
    for index in range(1, len(sentences)):
        head, tail = " ".join(sentences[:index]), " ".join(sentences[index:])
        if reads_as_question(head):
            return None
        words = _fold(tail).split()
        for size in (3, 2, 1):
            if " ".join(words[:size]) in _ASIDE_TURNS:
                tail = " ".join(tail.split()[size:]).lstrip(" ,:")
                break
        if is_real_question(tail):
            return head.strip(), tail.strip()
    return _answer_then_last_clause(stripped)


def _answer_then_last_clause(text: str) -> tuple[str, str] | None:
    """One sentence whose last clause opens a question ("ich will Pflegerin werden, brauch ich
    Anerkennung von meinem Diplom", "Koch, 10 Jahre Erfahrung, wo suche ich hier Arbeit"):
    (the clauses before it, the question)."""
    if _SENTENCE_END.search(text) or not _asks_in_a_clause(text):
        return None
    breaks = list(_CLAUSE_BREAK.finditer(text))
    if not breaks:
        return None
    head, tail = text[:breaks[-1].start()].strip(), text[breaks[-1].end():].strip()
    words = _fold(tail).split()
    while len(words) > 1 and words[0] in _LEADING_CONJUNCTIONS:
        words = words[1:]
    opens = any(" ".join(words[:size]) in _CLAUSE_OPENINGS for size in (1, 2, 3))
    if not opens or len(words) < MIN_CLAUSE_WORDS or not head or reads_as_question(head):
        return None
    return head, tail


# Words that turn a sentence against what came before ("no, but I did a welding course", "from
# Mosul, but we stayed in Turkey"), as typed; each user folds them its own way.
CONTRAST_WORDS = tuple("""
    but however aber doch jedoch allerdings но однако але однак ama fakat ancak lakin
    بس لكن ولكن اما ولی vali amma bas
""".split())


# Words that turn from an answer to a worry ("I want to drive a taxi, but my Syrian licence is
# not converted yet", "haftada 20 saat olur, ama minijob'da ne kadar kazanabilirim bilmiyorum").
_CONCERN_TURNS = frozenset(_fold(w) for w in (*CONTRAST_WORDS, *"""
    nur только тільки лише sadece
""".split())) | _ASIDE_TURNS
# ... and what opens a new sentence against a confirmation ("всё верно. а налоговый номер так
# и не пришёл"): the Russian and Ukrainian "a" ("and / but") and "one more thing".
_SENTENCE_TURNS = _phrases("""
а
a
и ещё
і ще
noch was
one more thing
""")
# The worry is a sentence of its own: this many words after the turn.
MIN_CONCERN_WORDS = 4


def answer_then_concern(text: str) -> tuple[str, str] | None:
    """An answer and then a worry without a question word, turned to by "but", "btw" or the
    like: (answer, worry), or None. Whether the worry is something the knowledge base can help
    with is the base's to say; the answer is the whole message."""
    words = (text or "").split()
    folded = [_fold(w) for w in words]
    for index in range(2, len(words) - MIN_CONCERN_WORDS + 1):
        for size in (3, 2, 1):
            if " ".join(folded[index:index + size]) in _CONCERN_TURNS:
                tail = " ".join(words[index + size:]).lstrip(" ,:")
                if len(tail.split()) >= MIN_CONCERN_WORDS:
                    return " ".join(words[:index]).rstrip(" ,;"), tail
                return None
    return None


# Words by which a sentence speaks of the person themselves ("can I start in January?", "kann
# ich Teilzeit arbeiten?", "можу я працювати з понеділка?"): a question about their own plans
# may answer an open question about them; one about the world ("А в лісі можна збирати гриби?")
# does not.
_SELF_WORDS = frozenset(_fold(w) for w in """
    i i'm im i'll ive i've my me mine myself we our us
    ich mich mir mein meine meinen meinem meiner wir uns unser unsere
    я меня мне мной мой моя мои моё мое мы нас нам наш наша
    мене мені мною мій моє ми наші
    ben beni bana benim biz bizim bize miyim mıyım muyum müyüm miyiz
    انا أنا اني إني نحن احنا بدي ابدي فيني بقدر اقدر بشتغل اشتغل
    من ما میتونم میخوام میخواهم میتوانم میشه بتونم
    ana ani ya men man
""".split())


def speaks_of_self(text: str) -> bool:
    """Whether a sentence speaks of the person: a first-person word in any of the languages."""
    return bool(_SELF_WORDS.intersection(_fold(text).split()))


# "Who sees my data?", "куда пойдут мои данные?", "bilgilerimi kim görüyor?": the person's own
# data, and who gets it, where it goes or what is done with it. Phrases of several words are
# matched whole, single words as stems (of four letters or more).
_ABOUT_THE_DATA = tuple(" ".join(fold_words(p)) for p in (
    "my data", "my information", "my answers", "my details", "my personal",
    "meine daten", "meine angaben", "meine antworten", "meinen daten", "meinen angaben",
    "بياناتي", "معلوماتي", "اجوبتي", "اجاباتي", "اطلاعاتم", "اطلاعات من", "جوابهام",
    "мои данные", "моих данных", "мои ответы", "мою информацию", "мої дані", "моїх даних",
    "мої відповіді", "мою інформацію", "verilerim", "bilgilerim", "cevaplarim",
    # the data asked for, pointed at: "who sees this information?", "ای معلومات ره کی میبینه؟"
    "this information", "this data", "these data", "diese daten", "diese angaben",
    "هذه المعلومات", "هاي المعلومات", "هالمعلومات", "معلوماتم", "ای معلومات", "این معلومات",
    "این اطلاعات", "اطلاعاتم", "эти данные", "эту информацию", "ці дані", "цю інформацію",
    "bu bilgiler", "bu veriler", "bu bilgileri", "bu verileri",
))
_WHO_OR_WHERE = tuple(" ".join(fold_words(p)) for p in (
    "who", "whom", "where", "what do you do", "what happens", "wer", "wem", "wohin",
    "was macht", "was passiert", "مين", "منو", "لمين", "وين", "شو بتعملو", "شو رح يصير",
    "کی", "چه کسی", "کجا", "چیکار", "چه کار", "кто", "кому", "куда", "где", "что вы делаете",
    "что будет", "хто", "куди", "де", "що ви робите", "що буде", "kim", "kime", "nereye",
    "nerede", "ne yapiyorsunuz", "ne oluyor", "ne olacak",
))


# "Can I delete it later?", "اگه بعدا بخوایم پاک کنم میشه؟": deleting, later.
_DELETING = tuple(" ".join(fold_words(p)) for p in (
    "delete", "löschen", "losch", "احذف", "حذف", "امسح", "پاک", "удал", "видал", "silebil",
    "silinir", "sildir",
))
_LATER = tuple(" ".join(fold_words(p)) for p in (
    "later", "später", "spater", "بعدين", "بعدا", "بعداً", "بعد", "потом", "позже", "потім",
    "пізніше", "sonra",
))


def asks_about_the_data(text: str) -> bool:
    """A question about who gets the person's own data, where it goes or what is done with it
    ("who sees my data?", "куда пойдут мои данные?"): what the consent text says answers it, not
    the knowledge base. "Can I see my data?" asks no such thing; "where can I get information
    about courses?" is about the world."""
    if not text or text.lstrip().startswith("/") or not is_real_question(text):
        return False
    words = fold_words(text)
    # "can you delete my data?" asks for the deletion now: that is the command, not this
    return (mentions(words, _ABOUT_THE_DATA) and mentions(words, _WHO_OR_WHERE)) or (
        mentions(words, _DELETING) and mentions(words, _LATER))
