"""A request for another chat language by meaning: a small classifier behind the word rules.

The rules (language_requests.py) know a request by its words ("German please", "давайте
по-русски"). People ask in many more ways ("kanste ma auf englisch", "به دری نوشته کو که خانمم
بخوانه", "türkçe biliyor musun?"); a word list that took them all would also take content ("I
want to speak better German" at the goals). So what the rules leave is read here:

- Labelled messages in `language_requests.yml` (7 languages, written as strangers type, each
  naming a language): `request` (asks the assistant to chat in a language, also "do you speak
  Arabic?") and `content` (a language named in an answer, a goal, a job or a question).
- Their multilingual-e5 vectors are cached and a LogisticRegression is fitted on them at first
  use (nlu/meaning_classifier.py: embedding ~1,140 messages takes seconds, once). A turn that asks
  several times embeds the message once.
- Only a message that names a language of the interface, is at most MAX_WORDS words long and
  holds more than the name and no long number is read (a bare name answers "which language?",
  a date or a phone number is content, and the cost of a turn stays bounded). The language
  asked for is the one named that the person does not say they cannot read or do not want ("I
  don't understand German, do you speak Arabic?" asks for Arabic); of several, the one in the
  last clause ("why are you writing German? Arabic please"); otherwise none. Content words
  (learning, a course, translating, a doctor, adding to the profile, a level), a where / when /
  who / how much question and a bare "I want X" leave the decision to the rules.

The threshold is conservative: a wrong switch turns the person's answer into a language change,
a missed request only keeps the language one more turn (the buttons stay). Measured on a separate
development set (tests/data/language_requests/, written by someone who did not see this file):
`python -m pytest tests/nlu/test_language_request_meaning.py -s` prints the figures.
"""

from __future__ import annotations

import re
from pathlib import Path

from dialogues.languages import CODES
from nlu.language_names import fold_name, named_as_typed, scan_names
from nlu.meaning_classifier import MeaningClassifier, labelled_examples, query_text
from nlu.questions import WORLD_QUESTION_WORDS

DATA = Path(__file__).with_name("language_requests.yml")
LABELS = ("request", "content")
THRESHOLD = 0.7
# Where the profile's languages are talked about (the summary: "add English, I speak it too"),
# a request must be clearer.
STRICT_THRESHOLD = 0.85
MAX_WORDS = 20
# Inverse regularisation, as for the "none" classifier (few, close vectors).
C = 16.0

# Words that leave a language rather than ask for it: "I don't understand German", "ما بفهم
# الماني", "kein Englisch" say it before the name; Persian and Turkish say it after ("آلمانی بلد
# نیستم", "almanca anlamıyorum"), so a particle only looks ahead, a verb-final form only back.
_PARTICLES = frozenset(fold_name(w) for w in """
    no not dont don't cant can't cannot never without stop kein keine keinen ohne
    لا ما مش مو مب بدون не ні нет без mish msh mafi mesh
""".split())
_VERB_FINAL = frozenset(fold_name(w) for w in """
    نیستم نیست نمیفهمم نمی‌فهمم نمیفامم فامم نمی بلد نمیدونم
    anlamiyorum anlamıyorum anlamadim anlamadım bilmiyorum yok degil değil
""".split())
_LEAVING_WORDS = frozenset(fold_name(w) for w in """
    understand read hard bad difficult nicht nix verstehe versteh schlecht schwer
    بفهم افهم افتهم فاهم بعرف اعرف بقرا صعب مابفهم مافهمت سخته سخت
    розумію понимаю знаю погано плохо важко трудно zor kotu kötü
    ba3ref ba3rif bafham afham bifham mabafham bfham fahem
    enough weak poorly poor little ضعيف ضعیف rozumiju rozumiyu ponimayu pohano plokho ploho
    b3rf b3ref ba3rf bfham mabfham nemifahmam nemifahmam nemifamam balad nistam baladam
    znayu znaju rozumiiu rozumiu ponimaju слабый слабая слабо слабкий слабка слабенький
    zayif zayıf iyi schwach
""".split())
_LEAVING_BEFORE = _PARTICLES | _LEAVING_WORDS
# Russian and Ukrainian also negate after the name: "английский не знаю", "anhliisku ne rozumiiu".
_LEAVING_AFTER = _VERB_FINAL | _LEAVING_WORDS | frozenset(fold_name(w) for w in "не ні ne ni".split())
# How far after a name its clause is read for leaving it ("немецкий у меня пока слабый").
_AFTER_WORDS = 5
# A new subject ends what is said about the name before it ("english i cant read this").
_SUBJECTS = frozenset(fold_name(w) for w in """
    i ich я мне мені ana انا أنا من ben we wir мы ми biz
""".split())
# Stems of what a language is named for in content (learning it, a course, translating, a
# teacher, a doctor who speaks it, adding it to the profile, its level): with one of them the
# rules alone decide, as a wish to learn
# German is read as a request too often by the vectors alone ("mikham almani yad begiram").
CONTENT_STEMS = tuple(fold_name(w) for w in """
    learn lern studi study course kurs teach lehr transl übersetz dolmetsch interpret doctor arzt
    ärzt lawyer anwalt
    تعلم اتعلم يتعلم دورة دوره كورس ترجم مترجم معلم استاذ دكتور طبيب محامي
    یاد بگیر آموز دوره کورس کلاس ترجم مترجم معلم دکتر داکتر وکیل
    yad begir amuz
    вчи вивч навч курс переклад учител виклад лікар адвокат
    учи выуч изуч обуч курс перев учител препод врач доктор адвокат
    uchi vyuch izuch vivch navch t3allam at3allam yad
    ogren öğren kurs ders cevir çevir terc tercüm ogretmen öğretmen doktor avukat
    add hinzuf ergänz eintrag level niveau ضيف اضف أضف ضف مستوى اضافه سطح добав дода уровен
    рівен ekle seviye
    zero null ноль нуль nol nul sifir sıfır صفر sefr
    literat litterat ادب ادبيات ادبیات литератур філолог филолог filolog edebiyat
    dars drs دروس درس ders
""".split())
# A clause about someone else who speaks a language ("my brother speaks only Arabic, can he use
# this too?", "мой муж говорит только по-турецки") names it as content.
_SOMEONE_ELSE = tuple(tuple(fold_name(p).split()) for p in """
    my brother|my sister|my wife|my husband|my mother|my father|my son|my daughter|my friend|
    he|she|they|mein bruder|meine schwester|meine frau|mein mann|meine mutter|mein vater|
    mein sohn|meine tochter|er|мой брат|моя сестра|моя жена|мой муж|моя мама|мой папа|мой сын|
    моя дочь|он|она|они|мій брат|моя сестра|моя дружина|мій чоловік|моя мама|мій тато|
    мій син|моя донька|він|вона|вони|اخي|اخوي|اختي|مرتي|زوجتي|جوزي|زوجي|امي|ابي|ابوي|ابني|
    بنتي|هو|هي|برادرم|خواهرم|همسرم|شوهرم|زنم|مادرم|پدرم|پسرم|دخترم|او|eşim|esim|kardeşim|
    kardesim|annem|babam|oğlum|oglum|kızım|kizim|o
""".replace("\n", " ").split("|") if p.strip())
# Asking where, when, who or how much is about the world ("gde mozhno besplatno uchit
# nemeckij", "is there an arabic doctor, where?"), never a request for the chat's language;
# "why German?" and "what about Russian?" may be one.
_WHERE_WHEN_WHO = frozenset(fold_name(w) for w in WORLD_QUESTION_WORDS)
# "I want X" alone wants the language as often as the chat in it: the word rules decide.
_WANTING = frozenset(fold_name(w) for w in """
    i want wanna ich will möchte moechte ana انا بدي بدى ابغى ابي اريد أريد من میخوام میخواهم
    я хочу ben istiyorum isterim
""".split())
# A date, a phone number or a year is content; a level ("B1") may be a reason.
_NUMBER = re.compile(r"\d{3,}")

def examples(path: Path = DATA) -> list[tuple[str, str, str]]:
    """(written language, label, text) of every labelled message in `path`."""
    return labelled_examples(path, LABELS)


_CLASSIFIER = MeaningClassifier(
    "language-requests", lambda: [(text, label) for _, label, text in examples()],
    key=query_text, c=C)
model = _CLASSIFIER.model


def probability(text: str) -> float:
    """P(request) of a message."""
    return _CLASSIFIER.probabilities(text).get("request", 0.0)


def _pieces(text: str) -> list[list[str]]:
    """Folded words per clause (punctuation ends one)."""
    return [fold_name(piece).split() for piece in re.split(r"[,.;:!?،؛؟\n]+", text)]


def target(text: str) -> str | None:
    """The interface language a request in `text` would ask for: the one named language the
    person does not leave ("I don't understand German, Arabic please" -> Arabic), of several the
    one in the last clause ("why do you write German? Arabic!"); None when that leaves none or
    several."""
    kept: list[tuple[int, str]] = []
    pieces = [(words, scan_names(" ".join(words))) for words in _pieces(text)]
    if len({code for _, hits in pieces for _, _, code in hits}) > 2:
        return None  # a list of languages ("Pashto, Dari, a bit of Urdu") answers, it asks not
    for clause, (words, hits) in enumerate(pieces):
        previous_end = 0
        starts = [start for start, _, _ in hits]
        for start, count, code in hits:
            code = "fa" if code == "prs" else code
            if code not in CODES:
                continue
            # before the name, back to the previous name at most
            before = words[max(0, start - 3, previous_end):start]
            previous_end = start + count
            # after the name up to a new subject ("english i cant read this" leaves nothing)
            # or the next name ("بالعربي لو سمحت ما بفهم الماني")
            end = min([s for s in starts if s > start] + [start + count + _AFTER_WORDS])
            after: list[str] = []
            for word in words[start + count:end]:
                if word in _SUBJECTS or (end < start + count + _AFTER_WORDS and word in _PARTICLES):
                    break  # a particle before the next name belongs to it
                after.append(word)
            if not (any(w in _LEAVING_BEFORE for w in before)
                    or any(w in _LEAVING_AFTER for w in after)):
                kept.append((clause, code))
    # of names in several clauses, the last clause says what is wanted ("шо ты пишешь на
    # немецком, давай по-русски"); two in one clause stay unclear
    if len({code for _, code in kept}) > 1 and len({clause for clause, _ in kept}) == 1:
        return None
    last = {code for clause, code in kept if clause == max(c for c, _ in kept)} if kept else set()
    return last.pop() if len(last) == 1 else None


def names_for_content(text: str) -> bool:
    """Whether a clause that names a language also says what it is named for (learning, a
    course, translating, a doctor...): "I want to learn German" is content; "ممكن نكمل
    بالإنجليزي؟ عم اتعلم" asks in one clause and gives the reason in another."""
    return any(scan_names(" ".join(words)) and any(w.startswith(CONTENT_STEMS) for w in words)
               for words in _pieces(text))


def _about_someone_else(text: str) -> bool:
    """Whether a clause that names a language starts with someone else ("my brother speaks
    only Arabic")."""
    return any(scan_names(" ".join(words)) and any(tuple(words[:len(p)]) == p for p in _SOMEONE_ELSE)
               for words in _pieces(text))


def requested(text: str, threshold: float = THRESHOLD) -> str | None:
    """The language a message asks the assistant to chat in, read by meaning; None for content,
    for a message too long, with a long number, about learning, courses, translating or people
    who speak a language, naming no interface language, and below `threshold`."""
    if not text or _NUMBER.search(text) or len(text.split()) > MAX_WORDS:
        return None
    folded = fold_name(text).split()
    if names_for_content(text) or _WHERE_WHEN_WHO & set(folded) or _about_someone_else(text):
        return None
    hits = scan_names(" ".join(folded))
    if not any(count > 1 or named_as_typed(folded[start]) for start, count, _ in hits):
        return None  # only typo-near words: "cocuk parasi", "міняти на німецькі"
    named = {i for start, count, _ in hits for i in range(start, start + count)}
    rest = [w for i, w in enumerate(folded) if i not in named]
    if not rest:
        return None  # a bare name ("Arabisch") answers "which language?"; the rules take a choice
    if all(w in _WANTING for w in rest):
        return None  # "بدي الماني", "Almanca istiyorum": German lessons as often as German here
    code = target(text)
    if code is None:
        return None
    return code if probability(text) >= threshold else None
