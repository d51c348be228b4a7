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
from nlu.questions import CONTRAST_WORDS

_NEGATIONS = {
    "en": "no none nope nah nothing never not dont don't doesnt didnt havent haven't hasnt "
          "without n/a na nobody neither nor noo nooo non",
    "de": "nein nee nö noe ne kein keine keinen keiner keins keinem nichts nie niemals ohne "
          "nicht garnichts",
    "ar": "لا ما مافی ماکو مش مو لیس لیست لایوجد ولا بدون ابدا معندیش ماعندی معندی مفیش "
          "لاشی لم لن ماشتغلت مااشتغلت ماشتغلتش مشتغلتش مشتغلت مادرست مااشتغل",
    "fa": "نمی نه نخیر ندارم نداره نداشتم نیست نیس هیچ هیچی هیچوقت هرگز بدون نکردم نکرده نرفتم "
          "نخوندم ندیدم نگرفتم نه‌خیر",
    "uk": "ні немає нема нема немаю нічого ніколи не без ніякої ніякого ніяких жодної "
          "жодного жодних",
    "ru": "нет нету ничего никогда не без никакой никакого никаких ни",
    "tr": "yok hayır hayir hiç hiçbir hiçbiri değil yoktur olmadı almadım görmedim asla "
          "yoktu bitirmedim çalışmadım calismadim çalışmamıştım yapmadım olmadı yapmadim",
    # Latin transliteration as typed on phones without the script: Arabizi (digits for letters),
    # Finglish (Iran, Afghanistan), Russian and Ukrainian in Latin letters.
    "ar_latn": "la laa ma maa mafi mafee mafish mafeesh mish mesh mush mu mo abadan abadn "
               "ma3ndi ma3andi m3ndi ma3indi maandi mandi makoo mako maku lam bidun bdun wala "
               "wla mashtaghalt mashtghlt mashtaghaltsh mshtghltsh ma3mri",
    "fa_latn": "na nah nakhair nakheir nadaram nadarum nadarom nadashtam nadashtom nist nis "
               "hich hichi hichvaght hichwaqt hichvaqt hargez bedoone bedune bedun nakardam "
               "nakardom nakadom nakardim naraftam narftam nakhundam nakhandam nadidam "
               "nagereftam nagiriftam",
    "ru_latn": "net netu nichego nikogda ne bez nikakogo nikakoy nikakih nikakikh ni nigde",
    "uk_latn": "ni nemaye nemae nema nemaie nemaje nichoho nikoly ne bez zhodnoho niyakoho nide",
}
_FILLERS = {
    "en": "i i'm im have has had got a an any one some of it them that this kind like sort "
          "really unfortunately sorry yet still so at all currently right now thanks thank you "
          "please ok okay no i've ive do does did am is are was were yes my me the for there "
          "email e-mail mail address phone number telephone mobile cell contact whatsapp "
          "training vocational apprenticeship course courses education certificate diploma "
          "qualification degree job jobs work worked working experience ever before done "
          "received completed any just anywhere life in my experiences employment employed "
          "professional previous prior career yet until far been",
    "de": "ich habe hab hatte hab's habs eine einen ein einem es gibt gab leider noch bisher "
          "sorry danke bitte so etwas was sowas dafür jetzt momentan gerade zurzeit besitze "
          "mail email e-mail adresse telefon handy nummer telefonnummer handynummer "
          "ausbildung berufsausbildung lehre abschluss kurs kurse gemacht arbeit gearbeitet "
          "job beruf erfahrung je jemals auch mehr irgendwo war meinem leben gehabt "
          "berufserfahrung arbeitserfahrung praxis keinerlei berufstätig gearbeitet "
          "bis vorher davor früher arbeitsstelle stelle",
    "ar": "انا و عندی لدی عندنا ای اي شی شیء ایمیل ایمیلی امیل برید الکترونی هاتف موبایل "
          "تلفون تلیفون رقم جوال واتس تدریب مهنی مهنیه دوره دورات تدریبی شهاده عمل شغل "
          "اشتغلت للاسف حالیا یوجد فی شکرا هیک اشی حاجه اخذت عملت درست اشتغل دراسه دراسة "
          "اشتغلتش مهنه صنعه حرفه قبل بحیاتی بعمری خالص مره خبره خبرات خبرتی خبره عملیه "
          "وظیفه وظیفتی شغلی عملی سابقا سابق اطلاقا نهاییا من قبل",
    "fa": "من و ایمیل ایمیلی ای‌میل ایمل شماره تلفن تلفنی موبایل تماس اموزش فنی حرفه حرفه‌ای ای "
          "دوره کاراموزی مدرک کار متاسفانه فعلا هم ام را رو ممنون مرسی وقت چیزی یک دیگه "
          "هنوز اصلا ندیده‌ام گذراندم ندیدم ولی خب تا حالا تاحالا الان قبلا جایی تجربه "
          "تجربه‌ای کاری سابقه شغل شغلی وظیفه هیچ‌وقت هیچگونه",
    "uk": "я у мене в є маю мав мала пошти пошта поштової електронної email імейл імейлу мейлу телефону "
          "телефон номер номера мобільного навчання професійного освіти професійної курсів "
          "курси роботи на жаль поки що дякую мав мала проходив проходила було вчився "
          "вчилася жодної такого ще працював працювала працювати роботою раніше взагалі "
          "ніде на професію професії досвіду досвід досвідом стажу стаж трудового "
          "робочого мав мала",
    "ru": "я у меня в есть имел имела почты почта электронной email имейла имейл мейла телефона телефон "
          "номера номер обучения профессионального образования курсов курсы работы к "
          "сожалению пока спасибо было проходил проходила имею училась учился такого еще "
          "работал работала работать работу раньше вообще нигде на профессию профессии "
          "опыта опыт опытом стажа стаж трудового рабочего",
    "tr": "ben benim e-posta e-postam eposta epostam e-mailim "
          " mail mailim email adres adresim telefon telefonum numara "
          "numaram numarası mesleki meslek eğitim eğitimim eğitimi kurs kursu iş işim şey "
          "şu an için teşekkürler maalesef ama hem de da bir öyle henüz almadım daha önce "
          "yerde hayatımda deneyim deneyimim deneyimi tecrübe tecrübem tecrübesi iş "
          "işte çalışma çalıştığım hiçbir yerde olmadı",
}
_FILLERS |= {
    "ar_latn": "ana 3andi 3ndi andi 3indi eshtaghalt ishtaghalt shtaghalt eshtghlt shtghlt "
               "ishtghalt shi shee eshi ay ayy shoghl shughl shogl shi8l 3amal 3mal 5ebra "
               "khebra khibra khbra 5ibra 7erfa herfa mehna mihna tadreeb tadrib dawra dawrat "
               "derast drast abel 2abel qabl gabel ba7yati b7yati bhayati 3omri 3mri email "
               "emil telefon talafon mobile raqam ra2em rakam lel2asaf lilasaf khales 5ales "
               "marra mara wazife wazifa",
    "fa_latn": "man kar kaar tajrobe tajrobeh tajruba tajroba tajrube tajrobei kari kaari "
               "sabeghe sabeqe shoghl shogl dore doreh amoozesh amuzesh fanni herfei madrak "
               "email imel shomare telefon mobail mobile ta hala tahala alan ghablan qablan "
               "hanuz hanoz aslan jaei jayi motasefane mamnoon merci ham ro ra ke ye yek chizi",
    "ru_latn": "ya u menya mne opyta opyt opit opita raboty rabota raboti rabotal rabotala "
               "rabotat ranshe voobshe voobshche vobshe obucheniya kursov kursy pochty pochta "
               "telefona nomera email k sozhaleniyu sojaleniyu poka spasibo bylo bilo byl "
               "byla stazha stazh professii na professiyu ucheby est imel",
    "uk_latn": "ya u mene meni dosvidu dosvid roboty robota pratsyuvav pratsiuvav "
               "pratsyuvala pratsiuvala pratsuvav ranishe vzahali navchannya kursiv poshty "
               "telefonu nomera na zhal poky shcho shche dyakuyu bulo buv bula mav mala stazhu "
               "profesiyu",
}
# Oaths that only stress ("والله", "vallahi") and the German word "Ausbildung" as newcomers
# write it in their own script ("ما عملت اوسبيلدونغ", "аусбільдунг не робила").
for _code, _extra in {
    "en": "ausbildung",
    "ar": "والله وﷲ اوسبيلدونغ اوسبيلدونج اوسبلدونغ اوسبيلدونك اوسبلدونج",
    "fa": "اوسبیلدونگ آوسبیلدونگ اوسبلدونگ والا والله به خدا",
    "uk": "аусбільдунг аусбилдунг аусбільдунгу робив робила",
    "ru": "аусбильдунг аусбилдунг аусбильдунга делал делала",
    "tr": "ausbildung ausbildungum vallahi valla",
    "ar_latn": "wallah walla wallahi ausbildung a5adt akhadt 5adt khadt",
    "fa_latn": "vallah valla ausbildung",
    "ru_latn": "ausbildung", "uk_latn": "ausbildung",
}.items():
    _FILLERS[_code] += f" {_extra}"
# "No job, I was a student", "never worked, I'm a housewife": at the job question a clause
# that only states what the person was instead (pupil, student, housewife, mother at home,
# retired, too young) leaves the answer a "none"; at the school and degree questions being a
# pupil or student is no "none". Words of work ("helped my father in his shop") stay content.
_STATUS = {
    "en": "student pupil studying study school schoolgirl schoolboy housewife homemaker "
          "house home wife mother mom mum stay stayed at with kids children child family "
          "retired pensioner unemployed young little kid too only just high",
    "de": "schüler schülerin student studentin schule studiert studium hausfrau hausmann "
          "mutter mama zuhause zu hause daheim kinder kindern kind bei den meinen mit "
          "rentner rentnerin rente arbeitslos jung klein nur bin war in der die ging",
    "ar": "كنت طالب طالبه بالمدرسه بالجامعه مدرسه المدرسه جامعه الجامعه تلميذ تلميذه ادرس "
          "بدرس ربه ست بيت البيت بالبيت منزل المنزل اولادي ولادي الاولاد اطفالي مع متقاعد "
          "صغير صغيره زوجتي زوجي امي ام بس فقط عم talib taleb talba madrase madraseh "
          "jam3a jamea bel bet bayt sett kont kunt",
    "fa": "دانشجو دانش‌اموز دانش‌آموز دانشاموز دانش اموز محصل شاگرد مکتب مکتبی مدرسه "
          "پوهنتون دانشگاه بودم بودیم هستم هستیم میرفتم درس میخوندم خانه‌دار خانه دار "
          "خانم خانواده خونه خانه‌داری خونه‌دار مادر بچه بچه‌ها بچه‌هام بچه‌ها با در "
          "بازنشسته کوچک کوچیک فقط daneshjoo daneshju daneshamooz shagerd shagird maktab "
          "madrese khanedar khane khune dar boodam budam hastam",
    "uk": "студент студентка був була навчався навчалася школяр школярка учень учениця "
          "школі школа школу домогосподарка вдома з дітьми дітьми мама мамою декреті "
          "декреті пенсіонер пенсіонерка пенсії малий мала молодий молода тільки лише "
          "сиділа сидів ходила ходив "
          "я student studentka shkoli domohospodarka vdoma",
    "ru": "студент студентка был была школьник школьница ученик ученица школе школа "
          "учился училась домохозяйка дома с детьми мама декрете пенсионер пенсионерка "
          "пенсии маленький маленькая молодой молодая только сидела сидел ходила ходил в "
          "student studentka shkole "
          "shkolnik domohozyayka doma",
    "tr": "öğrenciydim öğrenci öğrenciyim okul okulda okuldaydım okuyordum okudum ev "
          "hanımı hanımıyım hanımıydım kadını kadınıyım evde çocuklarla çocuklarımla "
          "çocuklarım annesiyim anneyim emekli emekliyim küçüktüm küçük gençtim sadece "
          "sadace okula gidiyordum gittim giderdim",
}
_MORE_FILLERS = {"job_title": _STATUS}
# Latin transliteration only with its own script's languages: "man" (Persian "I") or "ne" are
# content in English and German answers.
_READ_WITH = {"de": ("de", "en"), "en": ("en",),
              "ar": ("ar", "fa", "en", "ar_latn", "fa_latn"),
              "fa": ("fa", "ar", "en", "fa_latn", "ar_latn"),
              "uk": ("uk", "ru", "en", "uk_latn", "ru_latn"),
              "ru": ("ru", "uk", "en", "ru_latn", "uk_latn"), "tr": ("tr", "en")}
# A word may hold digits for letters (Arabizi "3andi", "ma3i"); digits alone are a number.
_WORD = re.compile(r"[^\W_]*[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*|\d+|[/]")


# Negated verbs built by rule rather than listed form by form, so that persons, tenses and
# slips are covered: Persian/Dari "ن" + a past or present stem + a personal ending ("نکردیم",
# Dari "نکدیم", "نرفتن", "نخواندم"), the same in Finglish ("nakadim"), Turkish stem + "-ma/-me"
# + past ("çalışmadım", "okumadık", "gitmedim", "yapmamıştım"), folded. Only stems of working,
# learning, going, taking, having: a negation of those is what "none" is made of.
_NEGATED_VERB = re.compile(
    r"^(?:ن(?:می)?(?:کرد|کد|کن|رفت|رف|خوند|خواند|خاند|خون|دید|گرفت|گرف|داشت|دار|بود|شد|زد)"
    r"(?:م|ی|یم|ید|ین|ن|ند|ه|ام|ایم)?"
    r"|na(?:mi)?(?:kard|kad|kon|raft|rafd|khund|khond|khand|khan|did|gereft|girift|dasht|bud|"
    r"bood|shod)(?:am|om|um|em|im|i|in|id|an|and|e)?"
    r"|(?:calis|oku|yap|git|al|gor|bitir|ogren|gec|katil|ugras|kazan|et|ol)m[ae]"
    r"(?:d[iu]|m[iu]s|y[iu]p)[a-z]{0,6})$")
# A stand-in for a negated verb among the negation words.
_NEGATED = "\x00negated"


def _words(spec: str) -> set[str]:
    return {fold_word(w) for w in spec.split()}


@cache
def _table(lang: str, slot: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    negations: set[str] = set()
    fillers: set[str] = set()
    more = _MORE_FILLERS.get(slot or "", {})
    for code in _READ_WITH.get(lang, ("en",)):
        negations |= _words(_NEGATIONS[code])
        fillers |= _words(_FILLERS[code]) | _words(more.get(code.removesuffix("_latn"), ""))
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
    words = [_NEGATED if _NEGATED_VERB.match(w) else w for w in folded_words(text)]
    return only_negation(words, negations | {_NEGATED}, fillers)


# A message of several clauses ("ما عندي ايميل، والرقم الالماني لسا ما طلعتو": no e-mail, and
# the German number not issued yet) says none when each clause does: every clause needs its own
# negation, so "no e-mail, German number: …" is never read as none. Inside such clauses the
# question may allow more words than a bare "none" (German, yet, issued, SIM card).
_CLAUSE = re.compile(r"[,،;؛.!?؟]+|\s(?:and|und|but|aber|also|и|і|та|а|але|но|ve|ama|hem|و|اما|ولی|بس)\s",
                     re.IGNORECASE)
_CLAUSE_FILLERS = {
    "contact": {
        "en": "german germany here yet got get sim card number the a line new",
        "de": "deutsche deutschen deutsch deutschland hier noch bekommen sim karte simkarte "
              "nummer neue",
        "ar": "الرقم رقم الالمانی المانی الماني الالماني المانيا بالمانيا هون هنا لسا لسه لسع "
              "لسى لسا بعد طلعت طلعتو طلعته طلعتها طلعلی جبت جبتو اخدت اخذت خط شریحه سیم "
              "الایمیل ایمیل حالیا",
        "fa": "المانی المان شماره سیمکارت سیم کارت خط اینجا هنوز گرفتم نگرفتم ایمیل هم",
        "uk": "німецького німецький німецька німеччині тут ще поки отримав отримала сім карти "
              "картки номер номера",
        "ru": "немецкого немецкий немецкая германии здесь еще пока получил получила сим карты "
              "номер номера",
        "tr": "alman almanya burada henüz daha hat numara numaram numarası aldım",
    },
}


def _clause_words(text: str) -> list[list[str]]:
    return [words for part in _CLAUSE.split(f" {text} ") if (words := folded_words(part))]


@cache
def _clause_table(lang: str, slot: str) -> frozenset[str]:
    more = _CLAUSE_FILLERS.get(slot, {})
    return _table(lang, slot)[1] | frozenset(
        w for code in _READ_WITH.get(lang, ("en",)) for w in _words(more.get(code, "")))


def says_none_in_clauses(text: str, lang: str, slot: str | None) -> bool:
    """'I have none' said clause by clause, each with its own negation (see _CLAUSE_FILLERS)."""
    if slot not in _CLAUSE_FILLERS:
        return False
    clauses = _clause_words(text)
    negations = _table(lang, slot)[0]
    allowed = _clause_table(lang, slot)
    # negated verbs read by rule ("نگرفتم", "almadim") as in says_none
    clauses = [[_NEGATED if _NEGATED_VERB.match(w) else w for w in c] for c in clauses]
    return bool(clauses) and all(only_negation(c, negations | {_NEGATED}, allowed) for c in clauses)


# "ما عندي موبايل هلق انكسر", "телефона нема поки, сімку ще не купила": a clause that negates
# and names a way of being reached says there is none, whatever explains it around it (the
# caller first makes sure the message holds no number or address). Prefixes of the folded words.
_CONTACT_NOUNS = tuple(fold_word(w) for w in """
phone handy telefon tel mobil nummer number numara mail email e-mail eposta e-posta whatsapp
watsap watsapp sim telegram raqam ra2m shomare mobail imeil imeyl nomer
телефон номер мобил мобіл пошт почт мейл имейл імейл сим сімк симк вайбер ватсап
موبایل تلفون تلفن تیلفون هاتف جوال رقم ایمیل ايميل برید بريد شماره واتس سیم
""".split())


def says_no_contact(text: str, lang: str) -> bool:
    """Whether a clause of `text` says there is no phone or e-mail: a negation beside one."""
    negations = negation_words(lang) | negation_words("en")
    for clause in _clause_words(text):
        if any(w.startswith(_CONTACT_NOUNS) for w in clause) and (
                any(w in negations or _NEGATED_VERB.match(w) for w in clause)):
            return True
    return False


# "I don't want to give my number, let's go without it": a refusal, clause by clause. A clause
# refuses when it holds "not" + "want" (or a verb that is both: "نمیخوام", "istemiyorum") and
# otherwise only words of giving and of the thing asked; a clause "let's go without / skip it"
# may follow. Nothing else may be in the message: "I don't want to give my number, it's 0176…"
# holds a value.
_WANT = {
    "en": "want wanna like prefer rather", "de": "will möchte möchten mag wollen",
    "ar": "بدی ابدی ابغی اریید اريد ارید حابب حاب بحب بدیش مابدی",
    "fa": "میخوام میخواهم نمیخوام نمیخواهم نمیخواهم میخام نمیخام دوست",
    "uk": "хочу хотів хотіла бажаю хотілося хотілось", "ru": "хочу хотел хотела желаю хотелось",
    "tr": "istemiyorum istemem istemiyoruz",
}
_SELF_NEGATED_WANT = {fold_word(w) for w in "بدیش مابدی نمیخوام نمیخواهم نمیخام istemiyorum "
                      "istemem istemiyoruz".split()}
_GIVE = {
    "en": "to give share say tell write provide my number phone email e-mail mail contact it "
          "this that you sorry please i do not",
    "de": "ich geben angeben sagen teilen meine nummer handynummer telefonnummer mail email "
          "adresse die das es ihnen dir sorry bitte leider",
    "ar": "انا اعطی اعطیک اعطیکم عطی اعطي اقول اقلک احکی اشارک رقمی رقم ایمیلی ایمیل الرقم "
          "الایمیل هاد هذا هیدا اسف عفوا",
    "fa": "من بدم بدهم بگم بگویم شمارمو شمارم شماره ایمیلمو ایمیلم ایمیل رو را اینو این ببخشید",
    "uk": "я давати дати казати сказати ділитися свій свою мій мою номер номера пошту пошти "
          "телефон телефону вам це вибачте",
    "ru": "я давать дать говорить сказать делиться свой свою мой мою номер номера почту почты "
          "телефон телефона вам это извините",
    "tr": "vermek söylemek paylaşmak numaramı numara numaramı mailimi maili emailimi bunu "
          "sizinle size pardon",
}
_WITHOUT = {
    "en": "without skip next lets let's go on it this that please", "de": "ohne lieber weiter "
          "überspringen bitte das es machen wir", "ar": "بدون بلاش خلیها خلینا خلی نکمل کمل "
          "بدونه عدیها هاد هذا", "fa": "بدون بیخیال بیخیالش رد بریم بعدی شو کن این",
    "uk": "без давайте давай цього цього далі пропустимо пропустіть це", "ru": "без давайте "
          "давай этого дальше пропустим пропустите это", "tr": "olmadan geç geçelim geçin "
          "atla atlayalım bunu sonraki",
}
_WITHOUT_MARKS = {fold_word(w) for w in "without skip next ohne weiter überspringen بدون بلاش "
                  "عدیها بیخیال بیخیالش بعدی без далі дальше пропустимо пропустіть пропустим "
                  "пропустите olmadan geç geçelim geçin atla atlayalım".split()}


@cache
def _refusal_tables(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    codes = [c for c in _READ_WITH.get(lang, ("en",)) if not c.endswith("_latn")]
    want = frozenset(w for c in codes for w in _words(_WANT.get(c, "")))
    give = frozenset(w for c in codes for w in _words(_GIVE.get(c, "")))
    without = frozenset(w for c in codes for w in _words(_WITHOUT.get(c, "")))
    return want, give | want, without


def says_refusal(text: str, lang: str) -> bool:
    """'I don't want to give my number', 'не хочу давати номер, давайте без цього'."""
    negations = _table(lang)[0]
    want, giving, without = _refusal_tables(lang)
    refused = False
    for clause in _clause_words(text):
        if len(clause) > 10:
            return False
        if all(w in giving or w in negations for w in clause) and (
                any(w in _SELF_NEGATED_WANT for w in clause)
                or (any(w in want for w in clause) and any(w in negations for w in clause))):
            refused = True
        elif not (any(w in _WITHOUT_MARKS for w in clause) and all(w in without for w in clause)):
            return False
    return refused


# "I don't know" in a person's own words, with what people add to it ("keine Ahnung ehrlich
# gesagt", "والله ما بعرف", "хз, не пам'ятаю"): at a question it asks for help, it is no value.
# Read only where the words gave no value, so "ich weiß nicht, vielleicht Syrien" keeps Syria.
_DONT_KNOW = {
    "en": "dont know|don't know|do not know|dunno|idk|no idea|no clue|not sure|forgot|i forget|"
          "cant remember|can't remember|cannot remember|dont remember|don't remember|"
          "do not remember|have no idea",
    "de": "weiss nicht|weiß nicht|weiss ich nicht|weiß ich nicht|keine ahnung|kein plan|"
          "keinen plan|nicht sicher|vergessen|erinnere mich nicht|weis nicht|wei nicht|k a|"
          "kp|kA|weiß es nicht|weiss es nicht",
    "ar": "ما بعرف|مابعرف|ما اعرف|ما أعرف|لا اعرف|لا أعرف|ما بعرفش|مش عارف|مش عارفه|معرفش|"
          "ماعرف|مدري|ما ادري|ما أدري|لا ادري|لا أدري|ماادري|ناسي|ناسية|نسيت|مو متأكد|"
          "مش متأكد|ما عندي فكرة|ما في فكرة|معنديش فكرة|ما بتذكر|مش فاكر",
    "fa": "نمیدونم|نمی دونم|نمیدانم|نمی دانم|نمی‌دانم|نمی‌دونم|نمیفامم|نمی فامم|نمیفهمم|"
          "خبر ندارم|یادم نیست|یادم نمیاد|یادم رفته|مطمئن نیستم|نمی دانم|نمیدانوم|نمی‌دانوم",
    "uk": "не знаю|без поняття|не пам'ятаю|не памятаю|хз|не впевнений|не впевнена|забув|"
          "забула|не пригадую",
    "ru": "не знаю|без понятия|не помню|хз|не уверен|не уверена|забыл|забыла|понятия не имею|"
          "не вспомню",
    "tr": "bilmiyorum|bilmiyom|bilmiorum|bilmem|hatirlamiyorum|hatırlamıyorum|emin degilim|"
          "emin değilim|fikrim yok|hic bilmiyorum|unuttum",
}


@cache
def _dont_know_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    """The phrases of `lang` (and those read with it) over folded words; one word may stand
    between a phrase's words ("weiß ich leider nicht", "не знаю точно")."""
    codes = {c.removesuffix("_latn") for c in _READ_WITH.get(lang, ("en",))} | {"en"}
    phrases = {tuple(folded_words(p)) for c in codes for p in _DONT_KNOW.get(c, "").split("|")}
    return tuple(re.compile(r"(?:^| )" + r"(?: \S+)? ".join(map(re.escape, p)) + r"(?: |$)")
                 for p in sorted(phrases) if p)


def says_dont_know(text: str, lang: str) -> bool:
    """'I don't know' with or without fillers, in a short message that asks nothing."""
    if "?" in text or "؟" in text:
        return False
    words = folded_words(text)
    if not words or len(words) > 8:
        return False
    line = " ".join(words)
    return any(pattern.search(line) for pattern in _dont_know_patterns(lang))


# "Not here" limits a "none" to Germany: "aşçıydım, hiç çalışmadım burada", "hier habe ich noch
# nicht gearbeitet", "тут ещё не работал" say nothing against work before.
_ONLY_HERE = frozenset(fold_word(w) for w in """
    here hier burada burda здесь тут тут هنا هون هين اینجا اینجه injā inja
    germany deutschland almanya almanyada германии німеччині المانيا بالمانيا آلمان
""".split())


def says_only_here(text: str) -> bool:
    """Whether the words limit what they say to here, to Germany."""
    return bool(_ONLY_HERE.intersection(folded_words(text)))


# Words that take a "none" back in what follows it: "no, but I did a welding course".
_TAKEN_BACK = frozenset(fold_word(w) for w in CONTRAST_WORDS)
_FIRST_CLAUSE = re.compile(r"[,،;؛.!?؟\n]+")
# A clause this short that names here ("nicht in Deutschland") limits the none to here; in a
# longer one "here" belongs to the story ("I was in school, then came here").
SHORT_CLAUSE_WORDS = 4


def says_none_then_explains(text: str, lang: str, slot: str | None) -> bool:
    """A first clause that says none and then what explains it: "no training. I only helped my
    uncle in his shop", "Нет никакого, только школа", "ما اشتغلت ولا مرة، كنت طالبة". Not when
    the rest takes it back ("no, but …") or the none is only here ("nicht in Deutschland, …");
    whether the rest names what the question asks for is the caller's to check."""
    parts = [part for part in _FIRST_CLAUSE.split(text) if part.strip()]
    if len(parts) < 2 or not says_none(parts[0], lang, slot):
        return False
    if any(says_only_here(part) for part in parts if part is parts[0]
           or len(part.split()) <= SHORT_CLAUSE_WORDS):
        return False  # "no, not in Germany. In Syria I was a teacher"
    return not _TAKEN_BACK.intersection(folded_words(" ".join(parts[1:])))


# Words that make a none absolute: "never worked", "нигде не работала", "ما اشتغلت ولا مرة".
_ABSOLUTE = frozenset(fold_word(w) for w in """
    never nowhere nie niemals nirgends nirgendwo никогда нигде ніколи ніде hiç hic asla
    hichvaght hichvakht hargez abadan ابدا أبدا ابداً هرگز هیچوقت
""".split())
_ABSOLUTE_PHRASES = tuple(" ".join(fold_word(w) for w in phrase.split()) for phrase in (
    "not once", "not a single day", "noch nie", "ни разу", "ни дня", "жодного разу", "жодного дня",
    "ولا مرة", "ولا يوم", "هیچ وقت", "هیچ جا", "bir gün bile",
))
# ... and what says that something was done after all: "никогда не работала, только дома шила".
_ONLY = frozenset(fold_word(w) for w in """
    only just except nur außer ausser только кроме тільки лише крім sadece yalnız yalniz
    فقط بس غير الا إلا faqat faghat
""".split())


def never_then_explains(text: str, lang: str, slot: str | None) -> str | None:
    """The explanation after an absolute none ("never worked, I was in school then came here",
    "нигде не работала, сразу после школы замуж"), or None. At the job question a plain none
    and its explanation is often the work itself ("не работала, сидела в магазине кассиром"):
    only an absolute none with nothing "only" or "but" after it counts; whether the
    explanation still names work ("nie gearbeitet, war in der Bäckerei") is the caller's to
    check."""
    if not says_none_then_explains(text, lang, slot):
        return None
    first, *rest = [part for part in _FIRST_CLAUSE.split(text) if part.strip()]
    words = folded_words(first)
    joined = " ".join(words)
    absolute = _ABSOLUTE.intersection(words) or any(
        f" {phrase} " in f" {joined} " for phrase in _ABSOLUTE_PHRASES)
    explanation = ", ".join(part.strip() for part in rest)
    if not absolute or _ONLY.intersection(folded_words(explanation)):
        return None
    return explanation

