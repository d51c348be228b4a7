"""'I have none': answers that say there is nothing to give (no e-mail, no training, never).

A message is such an answer when it holds a word of negation and otherwise only words that
name what is missing or fill the sentence ("I don't have an e-mail, sorry", "ما عندي ايميل",
"у мене немає пошти", "mesleki eğitimim yok"). Any other word (a trade, a place, a number)
makes it an answer with content: "no training, but I worked as a carpenter" is kept as text.
"""

from __future__ import annotations

import re
from functools import cache

from bot.normalisers.numbers import fold_word

_NEGATIONS = {
    "en": "no none nope nah nothing never not dont don't doesnt didnt havent haven't hasnt "
          "without n/a na nobody neither nor noo nooo non",
    "de": "nein nee nö noe ne kein keine keinen keiner keins keinem nichts nie niemals ohne "
          "nicht garnichts",
    "ar": "لا ما مافی ماکو مش مو لیس لیست لایوجد ولا بدون ابدا معندیش ماعندی معندی مفیش "
          "لاشی لم لن مابعرف ماشتغلت مااشتغلت ماشتغلتش مشتغلتش مشتغلت مادرست مااشتغل",
    "fa": "نه نخیر ندارم نداره نداشتم نیست نیس هیچ هیچی هیچوقت هرگز بدون نکردم نکرده نرفتم "
          "نخوندم ندیدم نگرفتم نه‌خیر",
    "uk": "ні немає нема нема немаю нічого ніколи не без ніякої ніякого ніяких жодної "
          "жодного жодних",
    "ru": "нет нету ничего никогда не без никакой никакого никаких ни",
    "tr": "yok hayır hayir hiç hiçbir hiçbiri değil yoktur olmadı almadım görmedim asla "
          "yoktu bitirmedim çalışmadım calismadim çalışmamıştım yapmadım",
}
_FILLERS = {
    "en": "i i'm im have has had got a an any one some of it them that this kind like sort "
          "really unfortunately sorry yet still so at all currently right now thanks thank you "
          "please ok okay no i've ive do does did am is are was were yes my me the for there "
          "email e-mail mail address phone number telephone mobile cell contact whatsapp "
          "training vocational apprenticeship course courses education certificate diploma "
          "qualification degree job jobs work worked working experience ever before done "
          "received completed any just anywhere life in my",
    "de": "ich habe hab hatte hab's habs eine einen ein einem es gibt gab leider noch bisher "
          "sorry danke bitte so etwas was sowas dafür jetzt momentan gerade zurzeit besitze "
          "mail email e-mail adresse telefon handy nummer telefonnummer handynummer "
          "ausbildung berufsausbildung lehre abschluss kurs kurse gemacht arbeit gearbeitet "
          "job beruf erfahrung je jemals auch mehr irgendwo war meinem leben",
    "ar": "انا و عندی لدی عندنا ای اي شی شیء ایمیل ایمیلی امیل برید الکترونی هاتف موبایل "
          "تلفون تلیفون رقم جوال واتس تدریب مهنی مهنیه دوره دورات تدریبی شهاده عمل شغل "
          "اشتغلت للاسف حالیا یوجد فی شکرا هیک اشی حاجه اخذت عملت درست بعرف اشتغل "
          "اشتغلتش مهنه صنعه حرفه قبل بحیاتی بعمری خالص مره",
    "fa": "من و ایمیل ایمیلی ای‌میل ایمل شماره تلفن تلفنی موبایل تماس اموزش فنی حرفه حرفه‌ای ای "
          "دوره کاراموزی مدرک کار متاسفانه فعلا هم ام را رو ممنون مرسی وقت چیزی یک دیگه "
          "هنوز اصلا ندیده‌ام گذراندم ندیدم ولی خب تا حالا تاحالا الان قبلا جایی",
    "uk": "я у мене в є маю мав мала пошти пошта поштової електронної email імейл імейлу мейлу телефону "
          "телефон номер номера мобільного навчання професійного освіти професійної курсів "
          "курси роботи на жаль поки що дякую мав мала проходив проходила було вчився "
          "вчилася жодної такого ще працював працювала працювати роботою раніше взагалі "
          "ніде на професію професії",
    "ru": "я у меня в есть имел имела почты почта электронной email имейла имейл мейла телефона телефон "
          "номера номер обучения профессионального образования курсов курсы работы к "
          "сожалению пока спасибо было проходил проходила имею училась учился такого еще "
          "работал работала работать работу раньше вообще нигде на профессию профессии",
    "tr": "ben benim e-posta e-postam eposta epostam e-mailim "
          " mail mailim email adres adresim telefon telefonum numara "
          "numaram numarası mesleki meslek eğitim eğitimim eğitimi kurs kursu iş işim şey "
          "şu an için teşekkürler maalesef ama hem de da bir öyle henüz almadım daha önce "
          "yerde hayatımda",
}
# "No job, I was a student": at the job question only; at the school and degree questions
# being a pupil or student is no "none".
_STUDENT = {
    "en": "student pupil studying school", "de": "schüler schülerin student studentin",
    "ar": "کنت طالب طالبه بالمدرسه بالجامعه", "fa": "دانشجو دانش‌اموز دانش‌آموز محصل بودم",
    "uk": "студент студентка був була навчався навчалася",
    "ru": "студент студентка был была", "tr": "öğrenciydim öğrenci",
}
_MORE_FILLERS = {"job_title": _STUDENT}
_READ_WITH = {"de": ("de", "en"), "en": ("en",), "ar": ("ar", "fa", "en"), "fa": ("fa", "ar", "en"),
              "uk": ("uk", "ru", "en"), "ru": ("ru", "uk", "en"), "tr": ("tr", "en")}
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[/]")


def _words(spec: str) -> set[str]:
    return {fold_word(w) for w in spec.split()}


@cache
def _table(lang: str, slot: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    negations: set[str] = set()
    fillers: set[str] = set()
    more = _MORE_FILLERS.get(slot or "", {})
    for code in _READ_WITH.get(lang, ("en",)):
        negations |= _words(_NEGATIONS[code])
        fillers |= _words(_FILLERS[code]) | _words(more.get(code, ""))
    return frozenset(negations), frozenset(fillers)


def folded_words(text: str) -> list[str]:
    """The words of `text` in the form the tables are compared in ("n/a" is one word)."""
    words = [fold_word(w) for w in _WORD.findall(text.replace("n/a", "na").replace("N/A", "na"))]
    return [w for w in words if w and w != "/"]


def negation_words(lang: str) -> frozenset[str]:
    """The folded words that negate in `lang` and the languages read with it."""
    return _table(lang)[0]


def _known(word: str, negations: frozenset[str], allowed: frozenset[str]) -> bool:
    if word in negations or word in allowed:
        return True
    # Arabic and Persian write "and" before the word ("وما") and pronouns after it ("ایمیلم")
    return bool(re.match(r"^[\u0600-\u06ff]", word)) and (
        word[1:] in negations or word[1:] in allowed or word[:-1] in allowed
        or word[:-2] in allowed)


def only_negation(words: list[str], negations: frozenset[str], allowed: frozenset[str]) -> bool:
    """True when `words` hold a negation and otherwise only negations and `allowed` words."""
    if not words or len(words) > 14 or not any(w in negations for w in words):
        return False
    return all(_known(word, negations, allowed) for word in words)


def says_none(text: str, lang: str, slot: str | None = None) -> bool:
    """'no', 'I have none', 'no e-mail', 'ما عندي', 'немає', 'yok', 'mesleki eğitimim yok';
    `slot` (the question) may allow more words: "no job, I was a student"."""
    stripped = text.strip()
    if stripped in ("-", "—", "–", "/", "n/a", "N/A", "0"):
        return True
    negations, fillers = _table(lang, slot)
    return only_negation(folded_words(text), negations, fillers)
