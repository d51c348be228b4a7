"""Personal names in any script, also when written inside a sentence ("my name is Samira").

A name is never stored with the words around it: greetings, "my name is", "I am", copulas
("… است", "Ayşe'yim") and thanks are taken off. What remains must look like a name; a sentence
never does. When the name had to be cut out of a longer message, or only part of it is a
plausible name, the result asks for confirmation before it is stored.
"""

from __future__ import annotations

import re
import unicodedata

from bot.normalisers.places import match_country
from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean, is_periodic, looks_like_mash
from classifications.municipalities import find_municipality, municipality
from nlu.questions import TRANSLITERATED_GREETINGS

_ALLOWED_PUNCTUATION = set(" -'’.‐\u200c\u200d")
_MAX_NAME_WORDS = 5
# How far into a clause an intro is looked for when it does not start it.
_LATE_INTRO_WORDS = 8
# The longest single names are about 20 letters ("Wolfeschlegelsteinhausen" is the famous
# exception at 24); one word of more than 35 letters is typing, not a name.
_MAX_WORD_LETTERS = 35

# Phrases that introduce a name. Longest first within a language is not needed: all are tried
# and the one that ends last before the name wins. Folded with `_fold` (lower case, ي/ى -> ی,
# ك -> ک, أ/إ/آ -> ا, ة -> ه, ё -> е, apostrophes dropped).
_INTROS = {
    "en": ["my name is", "my names", "my names are", "my first names are", "my name", "name is",
           "name", "my first name is",
           "my first names are", "my first name", "first name is", "first name",
           "my given name is", "my surname is", "my last name is", "my family name is",
           "surname is", "last name is", "family name is", "surname", "last name", "family name",
           "i am", "im", "i m", "iam", "it is", "its", "this is", "its me", "it is me",
           "it s me", "call me", "they call me",
           "people call me", "you can call me", "everyone calls me", "me", "i am called",
           "first names", "first names are", "given names", "given names are", "my last name",
           "my family name", "my surname", "you can say", "everyone says",
           "i am named", "is"],
    "de": ["ich heiße", "ich heisse", "ich heis", "ich heise", "ich heiss", "heiße", "heisse",
           "heise", "mein name ist",
           "mein name", "name ist", "mein vorname ist", "mein vorname", "vorname ist",
           "vorname", "meine vornamen sind", "mein nachname ist", "mein nachname",
           "nachname ist", "nachname", "mein familienname ist", "familienname ist",
           "familienname", "ich bin", "ich bin der", "ich bin die", "man nennt mich",
           "nenn mich", "nennen sie mich", "alle nennen mich", "das ist", "hier ist", "ist",
           "mein familienname", "meine vornamen", "vornamen", "vornamen sind",
           "name von familie", "name von familie ist", "familie name", "familie name ist",
           "sie können sagen", "sie konnen sagen", "du kannst sagen", "alle sagen",
           "alle sagen zu mir"],
    "ar": ["اسمی", "اسمی هو", "انا اسمی", "انا", "انا اسمی هو", "اسمی الاول", "اسمی الاول هو",
           "الاسم", "اسم", "اسمی الکامل", "ینادوننی", "نادونی", "بنادونی", "بینادونی",
           "بیقولولی", "بقولولی", "ینادونی", "معک", "معاک", "اسم عایلتی", "اسم العایله",
           "عایلتی", "کنیتی", "لقبی", "الکنیه", "کنیتی هی", "عایلتی هی", "اسم عیلتی", "عیلتی",
           "اسمی هی"],
    "fa": ["اسم من", "اسمم", "نام من", "نامم", "من", "نام مه", "اسم مه", "مه", "اسم", "نام",
           "اسم کوچکم", "اسم کوچک من",
           "نام اولم", "نام اول", "اسم اولم", "اسم اول", "نام اول من", "نام کوچکم", "نام کوچک",
           "فامیلی من", "فامیلیم", "فامیل من", "فامیلم", "نام خانوادگی من", "نام خانوادگیم",
           "نام خانوادگی", "تخلصم", "تخلص من", "صدام میکنن", "صدام میزنن", "بهم میگن",
           "مرا صدا میزنند", "مرا", "منو"],
    "uk": ["мене звати", "мене звуть", "звати", "звуть", "моє імя", "моє ім я", "імя",
           "моє прізвище", "прізвище", "моє прізвище є", "я", "це", "мене кличуть",
           "кличте мене", "називайте мене", "моє імя це", "імя моє", "всі звуть",
           "всі мене звуть", "мене всі звуть", "всі кличуть", "мене всі кличуть"],
    "ru": ["меня зовут", "зовут", "меня звать", "звать", "мое имя", "имя", "моя фамилия",
           "фамилия", "фамилия моя", "я", "это", "называйте меня", "зовите меня",
           "мое имя это", "имя мое", "все зовут", "меня все зовут", "все меня зовут"],
    "tr": ["adım", "benim adım", "ismim", "benim ismim", "ben", "adim", "benim adim", "ismim",
           "soyadım", "soy adım", "benim soyadım", "soyadim", "soyismim", "bana", "adı",
           "ad", "isim", "bana derler", "soyisim", "soy isim", "soyadı", "soyadi", "adı",
           "benim soyadim", "benim soyismim", "soyisimim", "soy adim"],
}
# Intros typed in Latin letters by people whose script is another (Finglish, Arabizi,
# transliterated Russian/Ukrainian, Turkish without its letters): read whatever the interface
# language, since the phone's keyboard, not the interface, decides the letters. Only words that
# are no name themselves ("Ana", "Man" stay out: "Ana Maria" is a name).
_LATIN_INTROS = [
    # Finglish: esm/nam(e) + man / -am ("my name"), famil(i/e) ("family name"), hast/ast after
    "esmam", "esmem", "esme man", "esm man", "esmm", "asmam", "name man", "namam", "esme kochikam",
    "esme koochikam", "esme kuchikam", "famile man", "famili man", "familie man", "famil man",
    "famile", "famili", "famil", "familim", "familiam", "familam", "familim", "familiye man",
    "name khanevadegi", "name khanevadegiam", "name khanevadegim", "name khanevadegie man",
    "nam khanevadegi", "nam khanevadegi man", "takhallosam", "takhalosam", "takhallus",
    "takhallusam", "takhalusam", "takhallusem",
    # Arabizi: (ana) esmi/ismi (howa), kenyti/kunyti, 3ayelti/3eilti, l kunye taba3i
    "esmi", "ismi", "esmy", "ismy", "asmi", "ana esmi", "ana ismi", "ana esmy", "esmi howa",
    "ismi huwa", "esmi hwe", "kenyti", "kinyti", "kunyti", "kenyeti", "konyti", "kunyeti",
    "kenyte", "kunye", "kenye", "al kunye", "l kunye", "el kunye", "al kunya", "l kunya",
    "3ayelti", "3aylti", "3eilti", "3ileti", "3elti", "a3ilti", "esm 3eilti", "esm 3ayelti",
    "ism 3ayelti", "esm el 3ayle", "ism al 3a2ila", "laqabi", "la2abi", "lakabi",
    # transliterated Russian / Ukrainian
    "menya zovut", "menia zovut", "menja zovut", "mena zovut", "minya zovut", "menya zvat",
    "moe imya", "moyo imya", "moe imia", "moja familija", "moya familiya", "moya familia",
    "familiya", "familija", "familia", "familia moya", "mene zvaty", "ya", "mene zvut", "mene zvat",
    "moie imia", "moye imya", "moye im'ya", "prizvyshche", "prizvysche", "prizvyshe",
    "prizvishche", "moye prizvyshche", "moie prizvyshche", "moie prizvysche",
    # Turkish without its letters
    "adim", "benim adim", "ismim", "benim ismim", "soyadim", "benim soyadim", "soyisim",
    "soyismim", "soyadi", "soy adim", "soy ismim", "soyad", "soy ad",
    "el 3ele", "el 3eile", "el 3ayle", "3ele", "3eile", "esm el 3ele",
]
# Words between an intro and the name that say "mine" ("الكنية تبعي الحموي", "фамілія в мене
# Коваленко", "famile man Rezaei"): dropped, the intro still counts.
_POSSESSIVES = ["تبعی", "تبعنا", "تاعی", "تاعنا", "مالی", "مال", "حقی", "تبعی هی", "taba3i",
                "taba3y", "tab3i", "ta3i", "mali", "в мене", "у мене", "в меня", "у меня",
                "u menia", "u menya", "v mene", "u mene", "benim", "man", "من", "هی", "هو",
                "howa", "huwa", "hiye", "hiya", "ist", "is", "это", "це", "є", "na",
                # "фамилия двойная Петрова-Шмидт", "بالجواز مكتوب …": how it is, not what
                "двойная", "двойное", "двойной", "подвійне", "подвійна", "double", "doppelt",
                "doppelter", "مکتوب", "مکتوبه", "maktoub", "maktub", "yazıyor", "yaziyor",
                "записано", "записана", "написано", "записане", "steht", "written"]
# Words people add around a name that are no part of it: vocatives ("… abi", "… habibi",
# "… bro") and "I mean" ("يعني", "yani"). Dropped at the end of the name; after a comma they
# start an explanation ("الحموي، يعني من حماة اصلا"), which is another clause anyway.
# Titles before a name are no part of it: "I am Mr. Yonas", "آقای رضایی", "пан Коваль".
_TITLES = {"mr", "mrs", "ms", "miss", "herr", "frau", "sir", "madam", "пан", "пані", "пани",
           "господин", "госпожа", "آقای", "اقای", "آقا", "خانم", "السید", "السیده", "الست",
           "استاذ", "الاستاذ", "bay", "bayan", "sayın", "sayin",
           # academic and professional titles ("Dr. Nour", "Eng. Samiullah", "مهندس احمد")
           "dr", "doctor", "doktor", "prof", "professor", "eng", "engr", "ing", "dipl", "mag",
           "دكتور", "الدكتور", "دکتر", "مهندس", "المهندس", "доктор", "инж", "інж", "д-р"}
_TRAILING_FILLERS = {"here", "hier",  # "Samiullah here"
                     "abi", "abim", "abla", "kardes", "kardesim", "kardeşim", "hocam", "canım",
                     "canim", "habibi", "habibti", "حبیبی", "حبیبتی", "یا", "ya",
                     "yani", "yaani", "ya3ni", "yaeni", "یعنی", "bro", "bruh", "brother",
                     "sis", "dear", "sir", "madam", "bruder", "digga", "alter", "брат",
                     "братан", "друже", "друг", "داداش", "اخی", "اخوی", "خویا", "kaka", "jan",
                     "ok", "okay", "ок", "tamam", "تمام", "خلاص", "khalas", "yaar",
                     "فندم", "عینی", "عیونی", "عمی", "خیو", "я", "ben", "ich"}
_GREETINGS = ["hi", "hello", "hey", "hallo", "hola", "salam", "salaam", "salem", "selam",
              "salam alaikum", "assalamu alaikum", "good morning", "good day", "guten tag",
              "guten morgen", "moin", "servus", "السلام علیکم", "سلام علیکم", "سلام", "مرحبا",
              "مرحبه", "اهلا", "اهلین", "هلا", "درود", "سلام علیک", "привіт", "вітаю",
              "добрий день", "доброго дня", "привет", "здравствуйте", "здрасте", "добрый день",
              "merhaba", "selamlar", "iyi günler", "selamun aleyküm", "ok", "okay", "yes",
              "ja", "نعم", "بله", "так", "да", "evet", "so", "well", "also", "خب", "طیب", "ну",
              "dear", "thank you", "thanks", "danke", "وقت بخیر", "سلام وقت بخیر", "صبح بخیر",
              "روز بخیر", "خسته نباشید", "صباح الخیر", "مساء الخیر", "good evening",
              "guten abend", "доброе утро", "добрий вечір", "günaydın", "gunaydin",
              "iyi akşamlar", "ну шо", "ну что", "ну", "hallo zusammen",
              # typed in Latin letters, and "how are you" after a greeting
              *TRANSLITERATED_GREETINGS, "hayırlı günler", "خوبین", "خوبی", "خوبید", "چطوری",
              "چطورین", "خوب هستید", "کیفک", "کیفکم",
              "شلونک", "شلونکم", "как дела", "як справи", "nasılsın", "nasilsin",
              "how are you", "wie gehts", "wie geht es ihnen"]
# Words after the name that end it (the rest of the sentence is about something else).
_ENDINGS = ["and", "und", "from", "aus", "i", "ich", "im", "bin", "am", "years", "jahre",
            "thanks", "thank", "please", "pls", "plz", "bitte", "lütfen", "lutfen", "danke",
            "nice", "و", "من", "عمری",
            "وعمری", "شکرا", "لو", "از", "هستم", "هست", "است", "ممنون", "مرسی", "لطفا",
            "ساله", "и", "і", "та", "з", "из", "дякую", "спасибо", "будь", "пожалуйста",
            "мені", "мне", "ve", "yaşındayım", "teşekkürler", "teşekkür", "lütfen", "derler",
            "diyorlar", "der", "hast", "ast", "hastam", "hastesh", "yani", "یعنی", "ya3ni",
            "yaani"]
# Clauses are also split at "but" ("اسمي ابو خليل بس اسمي الحقيقي خليل") and before a family
# name intro ("adım Ayşe soyadım Yılmaz"). Intros of a real name outrank a nickname's.
_BUT = {"but", "aber", "بس", "لكن", "ولكن", "ولی", "اما", "но", "а", "але", "ama",
        "fakat", "bas", "bass", "lakin", "vali", "valy", "ale"}
_REAL_INTROS = ["my real name is", "my real name", "real name is", "my actual name is",
                "my official name is", "mein richtiger name ist", "mein echter name ist",
                "richtiger name", "eigentlich heiße ich", "اسمی الحقیقی", "اسمی الحقیقی هو",
                "اسمی الرسمی", "اسم اصلی من", "اسم اصلیم", "اسم واقعی من", "اسم واقعیم",
                "моє справжнє імя", "справжнє імя", "мое настоящее имя", "настоящее имя",
                "gerçek adım", "gercek adim", "asıl adım", "asil adim", "gerçek ismim",
                # what the papers say: "а по паспорту Віталій", "aber richtig ist Mohammed"
                "نام اصلیم", "نام اصلی من", "نام واقعیم", "نام واقعی من", "در پاسپورت",
                "تو پاسپورت", "در تذکره", "بالجواز", "بالهویه", "بالاوراق", "رسمیا",
                "по паспорту", "в паспорте", "в паспорті", "за паспортом", "по документам",
                "по документах", "официально", "офіційно", "richtig ist", "richtig", "offiziell",
                "im pass", "laut pass", "im ausweis", "in my passport", "in passport",
                "officially", "correct is", "the correct is", "pasaportta", "kimlikte",
                "bel passport", "bil passport", "b passport", "fi passport", "bel jawaz",
                "bil jawaz", "dar passport", "too passport", "v pasporte", "v pasporti",
                "resmi olarak"]
_NICKNAME_INTROS = {"call me", "they call me", "people call me", "you can call me",
                    "everyone calls me", "man nennt mich", "nenn mich", "alle nennen mich",
                    "ینادوننی", "نادونی", "بنادونی", "بینادونی", "بیقولولی", "بقولولی",
                    "ینادونی", "صدام میکنن", "صدام میزنن", "بهم میگن", "مرا صدا میزنند",
                    "мене кличуть", "кличте мене", "называйте меня", "зовите меня",
                    "bana derler", "لقبی", "все зовут", "меня все зовут", "все меня зовут",
                    "всі звуть", "всі мене звуть", "мене всі звуть", "всі кличуть",
                    "мене всі кличуть", "sie können sagen", "sie konnen sagen",
                    "du kannst sagen", "you can say", "everyone says", "alle sagen",
                    "alle sagen zu mir", "all say", "everybody says"}
_LATIN_FAMILY = ["familia", "soyad", "soy ad", "el 3ele", "el 3eile", "el 3ayle", "3ele", "3eile",
                 "esm el 3ele", "famile man", "famili man", "familie man", "famil man", "famile", "famili",
                 "famil", "familim", "familiam", "familam", "familiye man", "name khanevadegi",
                 "name khanevadegiam", "name khanevadegim", "name khanevadegie man",
                 "nam khanevadegi", "nam khanevadegi man", "takhallosam", "takhalosam",
                 "takhallus", "takhallusam", "takhalusam", "takhallusem", "kenyti", "kinyti", "kunyti",
                 "kenyeti", "konyti", "kunyeti",
                 "kenyte", "kunye", "kenye", "al kunye", "l kunye", "el kunye", "al kunya",
                 "l kunya", "3ayelti", "3aylti", "3eilti", "3ileti", "3elti", "a3ilti",
                 "esm 3eilti", "esm 3ayelti", "ism 3ayelti", "esm el 3ayle", "ism al 3a2ila",
                 "moja familija", "moya familiya", "moya familia", "familiya", "familija",
                 "familia moya", "prizvyshche", "prizvysche", "prizvyshe", "prizvishche",
                 "moye prizvyshche", "moie prizvyshche", "moie prizvysche", "soyadim",
                 "benim soyadim", "soyisim", "soyismim", "soyadi", "soy adim", "soy ismim",
                 "soyisim", "soyadı", "benim soyismim", "soyisimim", "soy isim"]
# A second given name told apart: "first name Ahmad, second name Jawid", "اسمي الاول احمد
# والثاني سمير": it joins the first at the given-names question.
_SECOND_INTROS = ["second name", "second name is", "my second name", "my second name is",
                  "second first name", "middle name", "my middle name", "my middle name is",
                  "zweiter vorname", "mein zweiter vorname", "zweiter name", "mein zweiter name",
                  "второе имя", "моё второе имя", "мое второе имя", "друге імя", "моє друге імя",
                  "اسمی الثانی", "الثانی", "والثانی", "والتانی", "التانی", "اسمی التانی",
                  "نام دومم", "نام دوم", "اسم دومم", "اسم دوم", "ikinci adım", "ikinci adim",
                  "ikinci ismim", "ikinci isim", "göbek adım", "gobek adim"]
# Where names have no family name (Eritrea, Somalia, Afghanistan), the papers carry the
# father's name in its place: "my father name Gebremedhin" answers the family-name question,
# unless a family name is named beside it ("Soy isim: Aydin, babamın adı Hasan").
_FATHER_INTROS = ["my father name", "my fathers name", "father name", "fathers name",
                  "my father's name", "the name of my father", "vatername",
                  "name von meinem vater", "name von meine vater", "اسم ابی", "اسم ابوی",
                  "اسم بابا", "اسم الاب", "نام پدرم", "نام پدر", "имя отца", "імя батька",
                  "babamın adı", "babamin adi", "baba adı", "baba adi"]
_FAMILY_INTROS = [*_LATIN_FAMILY, *_FATHER_INTROS, "الکنیه تبعی", "کنیتی تبعی", "фамілія", "фамилия у меня",
                  "фамілія моя", "моя фамілія", "my surname is", "my last name is",
                  "my family name is", "surname is",
                  "last name is", "family name is", "surname", "last name", "family name",
                  "mein nachname ist", "mein nachname", "nachname ist", "nachname",
                  "mein familienname ist", "familienname ist", "familienname",
                  "mein familienname", "name von familie", "name von familie ist",
                  "familie name", "familie name ist", "my last name", "my family name",
                  "my surname",
                  "اسم عایلتی", "اسم العایله", "عایلتی", "کنیتی", "الکنیه", "کنیتی هی",
                  "عایلتی هی", "اسم عیلتی", "عیلتی", "فامیلی من", "فامیلیم", "فامیل من",
                  "فامیلم", "اسم العیله", "العیله", "اسم عیلتنا", "العایله",
                  "نام خانوادگی من", "نام خانوادگیم", "نام خانوادگی", "تخلصم",
                  "تخلص من", "تخلص مه", "تخلص", "моє прізвище", "прізвище", "моє прізвище є", "моя фамилия",
                  "фамилия", "фамилия моя", "soyadım", "soy adım", "benim soyadım", "soyadim",
                  "soyismim"]
# A birth or a home is no name: "خلقت ب ١٥ اذار ١٩٩٢ بحلب", "ich bin in Aleppo geboren".
_BIRTH_OR_HOME = set("""
born live living lives geboren wohne lebe wohnhaft родился родилась родилcя живу народився
народилася doğdum dogdum yaşıyorum yasiyorum oturuyorum خلقت انخلقت ولدت انولدت مولود
مواليد تولدت ساکن ساکنه عایش عایشه بسکن اسکن متولد تولدم زندگی میکنم
""".split())
_PLACE_WORDS = set("in at aus bei в у из з із ب فی في در".split())
_WEAK_INTROS = {"i am", "im", "i m", "iam", "ich bin", "انا", "я", "ben", "من", "это", "це"}
_COPULAS = {"است", "هست", "هستم", "ام", "ه", "اس", "استم", "hastam", "hast", "ast", "hastesh",
            "e", "ism", "heißt"}
# Words that are never part of a name: a message holding one is a sentence, not a name.
_NOT_NAME = set("""
my your his her name names is are was am be do does did not dont don't no yes what why how
who where when which the of to in on at for with about want know sorry understand tell say
write please thanks hello have has had would could should this that there here
first last family surname given call called years old student work job live from germany
tired fine good ready here müde gut hier fertig
mein meine dein ist sind bin nicht kein keine was warum wie wer wo wann der die das den dem
ein eine und oder mit für von zu name vorname nachname familienname heiße heisse weiß
weiss verstehe
ما ماذا لماذا کیف بعرف مابعرف بعرفش لیش لیه شو ایش وین مین شلون شنو لشو
من این لا نعم هو هی انا انت اسم اسمی عایله کنیه لقب ساکن اعرف افهم
چی چرا چطور کجا کی اسمم نام فامیلی نمیدانم نمیدونم نمی‌دانم هستم است هست چه
що чому як хто де коли я ти ви ім'я імя прізвище не так ні знаю розумію
что почему как кто где когда я ты вы имя фамилия не да нет знаю понимаю это зачем навіщо нащо вам
ne neden nasıl kim nerede benim adım ismim soyadım değil evet hayır bilmiyorum anlamadım
یعنی yani yaani ya3ni habibi
names namen vornamen имени имена імені імена isimler two zwei both beide два дві iki
both second separately getrennt отдельно окремо ayri yours deiner ihrer ваше твоє твое
обидва обидві оба обе ikisi
дефіс дефис через hyphen bindestrich tire شرطه
chera chi chera chetor koja mikhay mikhai mikhayd mikhahid nemidonam nemidunam namidonam
lesh leish lech lish shu sho shou leh ba3ref baaref mabaaref mab3ref bade bdak
zachem pochemu ne znayu chto nashcho navishcho chomu neden niye bilmiyorum nicin
passport pass reisepass pasaport pasaportta паспорт паспорті паспорте паспорту латиницею
латиницей латинськими латинскими latin latein جواز بالجواز الجواز پاسپورت
""".split())
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ئ": "ی", "ؤ": "و", "ك": "ک", "أ": "ا", "إ": "ا",
                       "آ": "ا", "ة": "ه",
                       "ё": "е", "'": "", "’": "", "ʼ": "", "\u0640": "", "\u200c": " "})
_TR_COPULA = re.compile(r"^(.*?[^\W\d_])(?:['’](?:y?[iıuü]m|d[iıuü]r|t[iıuü]r)|"
                        r"(?<=[aeıioöuü])y[iıuü]m)$", re.IGNORECASE)
# A word that is no letter at all ("😊", "!!!", "...") is dropped from a name.
_SYMBOLS = re.compile(r"[^\w\s\-'’.\u200c\u200d]")
_AND_WORDS = {"and", "und", "и", "і", "та", "ve", "و"}
_NO_WORDS = {"no", "kein", "keine", "keinen", "нет", "немає", "нема", "لا", "مافي", "نه", "yok",
             "without", "ohne", "без", "بدون", "bez",
             "ماكو", "ماکو", "makoo", "mako", "مفيش", "مفیش"}  # Iraqi, Egyptian "there is none"
_CLAUSE_MARKS = re.compile(r"[,;:!?،؛؟]")
# A clause that ends with these tells what others call the person ("arkadaşlar Hako diyor",
# "رضا صدام میکنن"): a nickname, left out when the name is said elsewhere.
_NICKNAME_VERBS = {"diyor", "diyorlar", "derler", "diyo", "cagiriyor", "çağırıyor", "cagirir",
                   "çağırır", "میگن", "میگویند", "میکنن", "میزنن", "بیقولولی", "بنادونی"}
# Words that make a clause about the family name ("Qureshi is family name"): a word of the
# given names repeated there is the family name typed with them.
_FAMILY_WORDS = set("""family surname last nachname familienname familie фамилия фамилія прізвище
soyad soyadı soyadi soyadım soyadim soyisim فامیلی فامیل تخلص عایله عایلتی عیله کنیه""".split())


def _fold(text: str) -> str:
    return " ".join(text.casefold().translate(_FOLD).split())


# A clause about the father's name ("Abdullah Rahman, Rahman ist mein Vater Name"): its words are
# no first names either.
_FATHER_WORDS = {_fold(w) for w in """father fathers vater vaters vatername vatersname babam babamın
babamin ابي أبي ابوي والدي الاب الأب پدر پدرم پدرمه отца отец отчество батька батько батькові
""".split()}


def _phrases(table: dict[str, list[str]] | list[str], lang: str) -> list[list[str]]:
    words = table if isinstance(table, list) else table.get(lang, []) + table["en"]
    return sorted({tuple(_fold(p).split()) for p in words}, key=len, reverse=True)  # type: ignore[misc]


def _strip_leading(words: list[str], folded: list[str], phrases: list[list[str]]) -> tuple[
        list[str], list[str], tuple[str, ...]]:
    """Take greetings or intros off the front as long as one matches."""
    found: tuple[str, ...] = ()
    changed = True
    while changed and words:
        changed = False
        for phrase in phrases:
            n = len(phrase)
            if n <= len(folded) and tuple(folded[:n]) == tuple(phrase) and n < len(words):
                words, folded, found, changed = words[n:], folded[n:], tuple(phrase), True
                break
    return words, folded, found


def _strip_intro(words: list[str], folded: list[str], intros: list[list[str]],
                 possessives: list[list[str]]) -> tuple[list[str], list[str], tuple[str, ...]]:
    """The intro taken off with the "mine" around it: "в мене прізвище …", "الكنية تبعي …"."""
    owned_words, owned_folded, owned = _strip_leading(words, folded, possessives)
    introduced: tuple[str, ...] = ()
    if owned:  # "у меня фамилия Иванова": only when an intro follows the "mine"
        rest, rest_folded, introduced = _strip_leading(owned_words, owned_folded, intros)
        if introduced:
            words, folded = rest, rest_folded
    if not introduced:
        words, folded, introduced = _strip_leading(words, folded, intros)
    if introduced:
        words, folded, _ = _strip_leading(words, folded, possessives)
        more_words, more_folded, more = _strip_leading(words, folded, intros)
        if more:  # "фамилия у меня, моя фамилия …"
            words, folded, introduced = more_words, more_folded, more
    return words, folded, introduced


def _is_name_text(text: str) -> bool:
    letters = [ch for ch in text if unicodedata.category(ch)[0] in {"L", "M"}]
    if not letters:
        return False
    return all(unicodedata.category(ch)[0] in {"L", "M"} or ch in _ALLOWED_PUNCTUATION
               for ch in text)


def _capitalise(text: str) -> str:
    # People typing on a phone often write all lower case; capitalise only then.
    if text == text.upper() and sum(ch.isalpha() for ch in text) > 2:
        text = text.lower()  # "BOZKURT" as in the passport's machine-readable line
    if text == text.lower() and any(ch.isalpha() and ch.isascii() for ch in text):
        # each part of a double name too: "al-sayed" -> "Al-Sayed", "anna-lena" -> "Anna-Lena"
        return re.sub(r"(^|[\s-])(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    return text


_INTRO_WORDS = {w for words in _INTROS.values() for p in words for w in _fold(p).split()} | {
    w for p in (*_REAL_INTROS, *_FAMILY_INTROS, *_LATIN_INTROS, *_POSSESSIVES, *_SECOND_INTROS)
    for w in _fold(p).split()}
_ARABIZI_WORDS = {w for p in (*_LATIN_INTROS, *_POSSESSIVES, *_TRAILING_FILLERS)
                  for w in _fold(p).split() if re.search(r"\d", w)}
_GREETING_WORDS = {w for p in _GREETINGS for w in _fold(p).split()}
# Russian and Ukrainian patronymics ("Игорь Викторович", "Наталія Петрівна Коваль"), also in
# Latin letters: no given name; what follows one is the family name.
_PATRONYMIC = re.compile(r"\w{3,}(?:ович|евич|ёвич|йович|івна|ївна|овна|евна|ична|ovich|evich|"
                         r"ovych|evych|ivna|ovna|evna)$")
# A lowercase word after "surname" that says whose or where from it is ("прізвище по чоловіку",
# "фамилия от мужа", "soyadı kocamdan" has none): no name begins with it.
_REMARK_PREPOSITIONS = frozenset({"по", "від", "от", "за", "after", "from", "by", "nach"})
_FAMILY_SET = {" ".join(p) for p in _phrases(_FAMILY_INTROS, "en")}
_SECOND_SET = {" ".join(p) for p in _phrases(_SECOND_INTROS, "en")}
_FATHER_SET = {" ".join(p) for p in _phrases(_FATHER_INTROS, "en")}
_REAL_SET = {" ".join(p) for p in _phrases(_REAL_INTROS, "en")}
_NICKNAMES = _phrases(sorted(_NICKNAME_INTROS), "en")
_NICKNAME_SET = {" ".join(p) for p in _NICKNAMES}


def _script(word: str) -> str:
    """"arab", "cyrillic", "latin" or "" for the first letter of `word`."""
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            return "arab" if name.startswith("ARABIC") else "cyrillic" \
                if name.startswith("CYRILLIC") else "latin" if name.startswith("LATIN") else ""
    return ""


def _intro_rank(introduced: tuple[str, ...]) -> int:
    """Real name first, a nickname ("they call me …") last."""
    joined = " ".join(introduced)
    return 0 if joined in _REAL_SET else 2 if joined in _NICKNAME_SET else 1


def _split_clauses(clauses: list[list[str]]) -> list[list[str]]:
    """Clauses split again at "but" and before a family-name intro inside them."""
    family = _phrases([*_FAMILY_INTROS, *_SECOND_INTROS], "en")
    out: list[list[str]] = []
    for clause in clauses:
        current: list[str] = []
        folded = [_fold(w) for w in clause]
        i = 0
        while i < len(clause):
            # "adım Ayşe | soyadım Yılmaz", not "mein | Nachname ist Haddad"
            starts_family = any(_fold(w) not in _INTRO_WORDS | _NO_WORDS for w in current) and any(
                tuple(folded[i:i + len(p)]) == tuple(p) for p in family)
            if folded[i] in _BUT and i + 1 < len(clause):
                if current:
                    out.append(current)
                current = []
                i += 1
                continue
            if starts_family:
                out.append(current)
                current = []
            current.append(clause[i])
            i += 1
        if current:
            out.append(current)
    return out


def _unglue_and(words: list[str]) -> list[str]:
    """Arabic and Persian glue "and" to the next word: "محمد وكنيتي الحسن" is "محمد و كنيتي
    الحسن", so the family-name intro starts its own clause."""
    out: list[str] = []
    for word in words:
        rest = word[1:]
        if word.startswith("و") and len(rest) > 2 and _fold(rest) in _INTRO_WORDS:
            out += ["و", rest]
        else:
            out.append(word)
    return out


def extract_name(raw: str, lang: str = "en", *, family: bool = False, given: bool = False
                 ) -> tuple[str | None, bool, str | None]:
    """(name, unsure, error): the name in a message, whether to confirm it, else the error."""
    text = clean(raw)
    # Arabizi intros write letters as digits ("3ayelti", "taba3i"): they are no part of a name
    words_only = " ".join(w for w in text.split() if _fold(w).strip(",.:;!") not in _ARABIZI_WORDS)
    glued = re.search(r"[^\W\d_]\d|\d[^\W\d_]", words_only)
    if "@" in text or "<" in text or ">" in text or (glued and not _CLAUSE_MARKS.search(text)):
        # "Ahmad123", an e-mail: never cut a name out of it; in another clause ("Rasha,
        # shukran 3al mosa3de") digits are Arabizi, and the name's clause is read alone
        return None, False, "invalid.name"
    announced = False  # "Name: Samira", "My name is... Samira", "у мене два імені: Анна Марія"
    label: tuple[str, ...] = ("name",)  # what announced it: "Soy isim: Aydin" a family name
    head, colon, tail = text.rpartition(":")
    if colon and tail.strip() and any(
            _fold(w) in _NOT_NAME or _fold(w) in _INTRO_WORDS for w in head.split()):
        text, announced = tail, True  # a label before the colon announces the name
        label = tuple(_fold(head).strip(" .,").split())
    # symbols and emoji go; sentence punctuation splits clauses
    text = _SYMBOLS.sub(lambda m: " " if m.group(0) not in ",;:!?،؛؟()[]" else " , ", text)
    text = re.sub(r"\s[-–—]+\s", " , ", text)  # "Ахмад Джавид - оба имена"
    # joiners left of an emoji ("🙋‍♀️") stand alone: no word
    text = re.sub(r"(?<!\S)[\u200c\u200d]+(?!\S)", " ", text)
    # a full stop ends a clause; "St. John" keeps its abbreviation
    text = re.sub(r"(\w+)\.(\s|$)", lambda m: m.group(0) if len(m.group(1)) < 3
                  or _fold(m.group(1)) in _TITLES else f"{m.group(1)} , {m.group(2)}", text)
    clauses = [_unglue_and(c.split()) for c in re.split(r"\s,\s", f" {text} ") if c.split()]
    if not clauses:
        return None, False, "invalid.name"
    greetings = _phrases(_GREETINGS, lang)
    intros = _phrases({code: [*words, *_REAL_INTROS, *_FAMILY_INTROS, *_LATIN_INTROS,
                              *_SECOND_INTROS] for code, words in _INTROS.items()}, lang)
    possessives = _phrases(_POSSESSIVES, lang)
    # "Ahmed Raza Qureshi, Qureshi is family name": a clause about the family name, whole
    said_family = {_fold(w) for clause in clauses
                   if any(_fold(w) in _FAMILY_WORDS or _fold(w) in _FATHER_WORDS for w in clause)
                   for w in clause}
    clauses = _split_clauses(clauses)
    candidates: list[tuple[list[str], tuple[str, ...]]] = []
    for clause in clauses:
        folded = [_fold(w) for w in clause]
        if tuple(folded) in greetings or all(w in _GREETING_WORDS for w in folded):
            continue  # "Hi!", "سلام وقت بخیر"
        # "my friends call me Lena", "everybody here calls me Hamo": who calls is no name
        starts = [k for k in range(min(4, len(folded)))
                  if any(tuple(folded[k:k + len(p)]) == tuple(p) for p in _NICKNAMES)]
        if starts and starts[0] > 0:
            clause, folded = clause[starts[0]:], folded[starts[0]:]
        words, folded, _ = _strip_leading(clause, folded, greetings)
        if folded and folded[0] in _NO_WORDS:
            continue  # "no surname in Eritrea, …": what the person has not is no name
        if tuple(folded) in intros:
            announced, label = True, tuple(folded)
            continue
        words, folded, introduced = _strip_intro(words, folded, intros, possessives)
        if not introduced and folded and folded[-1] in _NICKNAME_VERBS and len(clauses) > 1:
            continue  # "Hakan, arkadaşlar Hako diyor"
        if not introduced:
            words, folded, introduced = _late_intro(words, folded, intros)
        announced_as = label if label in intros else ("name",)
        candidates.append((words, introduced or (announced_as if announced else ())))
        announced = False
    if not candidates:
        return None, False, "invalid.name"
    unsure = len(candidates) > 1
    # a clause that talks about the name ("это два имени", "Samuel is the first") is a comment
    kept = [c for c in candidates if not any(
        len(f) > 2 and f in _NOT_NAME and f not in _COPULAS for f in map(_fold, c[0]))]
    if kept and len(kept) < len(candidates):
        candidates = kept
    # the clause with an intro holds the name; else the only clause left
    introduced_ones = [c for c in candidates if c[1]]
    family_ones = [c for c in introduced_ones if " ".join(c[1]) in _FAMILY_SET]
    own = [c for c in family_ones if " ".join(c[1]) not in _FATHER_SET]
    family_ones = own or family_ones
    if given and family_ones and len(family_ones) == len(introduced_ones):
        # at the first name, a family name said as one is never the first name: "Elif, soyadım
        # Kaplan" is Elif; "фамилия Ахмедов" (also at "Is your first name Timur?") names none
        introduced_ones = []
        candidates = [c for c in candidates if not c[1]]
        if not candidates:
            return None, False, "extraction.name_only"
    if family_ones and (family or len(family_ones) < len(introduced_ones)):
        # "my name is Samir, family name Haddad": each question takes its part
        # "el 3ele Haddad bas bel passport Al-Haddad": at the family name, the papers' spelling
        papers = [c for c in introduced_ones if _intro_rank(c[1]) == 0 and len(c[0]) <= 2]
        introduced_ones = (papers or family_ones) if family else [
            c for c in introduced_ones if c not in family_ones]
    seconds = [c for c in introduced_ones if " ".join(c[1]) in _SECOND_SET]
    if seconds and len(seconds) < len(introduced_ones):
        introduced_ones = [c for c in introduced_ones if c not in seconds]
    introduced_ones.sort(key=lambda c: _intro_rank(c[1]))
    plain = [c for c in candidates if not c[1]]
    if introduced_ones and plain and all(_intro_rank(c[1]) == 2 for c in introduced_ones):
        # "ahmad, but everyone calls me Hamo": the name said plainly, not the nickname
        introduced_ones = plain[:1]
    if introduced_ones and plain and all(" ".join(c[1]) in _WEAK_INTROS for c in introduced_ones) \
            and all(w[:1].islower() for c in introduced_ones for w in c[0]) \
            and all(w[:1].isupper() for w in plain[0][0]):
        # "Ковальчук, я ж писала" (hand-run): a lowercase "I …" beside a capitalised name is a
        # remark ("I wrote it already"), not the name
        introduced_ones = plain[:1]
    if introduced_ones and plain and all(w[:1].isupper() for w in plain[0][0]) and all(
            c[0] and _fold(c[0][0]) in _REMARK_PREPOSITIONS and all(w[:1].islower() for w in c[0])
            for c in introduced_ones):
        # "Коваленко, це прізвище по чоловіку": what follows "surname" says whose it is
        introduced_ones = plain[:1]
    all_folded = {_fold(w) for clause in clauses for w in clause}
    strong = any(c[1] and " ".join(c[1]) not in _WEAK_INTROS for c in introduced_ones)
    digits = any(ch.isdigit() for clause in clauses for w in clause for ch in w)
    letters = any(ch.isalpha() for clause in clauses for w in clause for ch in w)
    if not strong and (all_folded & _BIRTH_OR_HOME or (digits and letters)):
        return None, False, "extraction.name_only"  # a date or a home, not a name
    words, introduced = (introduced_ones or candidates)[0]
    if not family and seconds and (words, introduced) not in seconds:
        # "first name Ahmad, second name Jawid": both are given names
        words = [*words, *(w for c in seconds for w in c[0] if len(c[0]) <= 2)]
    if not family and _intro_rank(introduced) == 0:
        # "انا زينب، بالجواز مكتوب زينب كاظم الجبوري": the papers give the whole name; the
        # first name is what the person called themselves at its start
        shorter = [c[0] for c in candidates if 0 < len(c[0]) < len(words)
                   and [_fold(w) for w in c[0]] == [_fold(w) for w in words[:len(c[0])]]]
        if shorter:
            words = shorter[0]
    if len(candidates) > 1 and not introduced_ones:
        # "Samira, Leipzig": several pieces and none says which is the name
        return None, False, "extraction.name_only"
    while len(words) > 1 and _fold(words[0]).rstrip(".") in _TITLES:
        words = words[1:]  # "Mr. Yonas", "آقای رضایی"
    if not family and len(words) > 1:
        # "Ahmed Raza Qureshi, Qureshi is family name": the family name goes to its question
        while len(words) > 1 and _fold(words[-1]) in said_family:
            words = words[:-1]
    trailing = {_fold(w) for w in _TRAILING_FILLERS}
    while len(words) > 1 and _fold(words[-1]) in trailing:
        words = words[:-1]  # "demir abi", "Ali yani": the vocative is no part of the name
    ends = {_fold(w) for w in _ENDINGS}
    closed = False  # the sentence ends with a copula: "من سمیرا هستم", "ben Ayşe'yim"
    if not family and len(words) == 3 and _fold(words[1]) in _AND_WORDS \
            and _fold(words[2]) not in _NOT_NAME | set(map(_fold, _ENDINGS)) \
            and _script(words[2]) == _script(words[0]) and len(_fold(words[2])) > 2:
        words = [words[0], words[2]]  # "Anna und Maria", "Ahmad and Jawid": two given names
    for index, word in enumerate(words):
        talks_on = bool(introduced) and len(_fold(word)) > 2 and _fold(word) in _NOT_NAME \
            and all(len(w) > 2 for w in words[:index])  # "Muhammad Bilal both are first names"
        if index and (_fold(word) in ends or any(ch.isdigit() for ch in word) or talks_on
                      or _script(word) != _script(words[0])):  # "Al-Khatib هيك مكتوب بالاوراق"
            # "… است", "… hastam" only close the sentence; anything else cuts it short
            closed = all(_fold(w) in _COPULAS for w in words[index:])
            unsure = unsure or not closed
            words = words[:index]
            break
    patronymic = next((i for i, w in enumerate(words) if i and _PATRONYMIC.match(_fold(w))), None)
    if patronymic is not None and patronymic == len(words) - 1 and patronymic >= 2:
        # "Ибрагимов Ислам Русланович": the official order puts the family name first
        words = words[:patronymic - 1] if family else words[patronymic - 1:patronymic]
    elif patronymic is not None:  # "Наталія Петрівна Коваль": the family name is after it
        words = words[patronymic + 1:] if family and words[patronymic + 1:] else words[:patronymic]
    before = list(words)
    words, stripped = _strip_copula(words, lang)
    closed = closed or (words != before and not stripped)
    unsure = unsure or stripped
    if not words:
        return None, False, "invalid.name"
    if " ".join(introduced) in _WEAK_INTROS and not closed:
        unsure = True  # "I am …" also says "I am tired", "I am from Syria"
    name = " ".join(words).strip(" -.'’")
    folded_words = [_fold(w) for w in words]
    if any(w in _PLACE_WORDS or w in _BIRTH_OR_HOME for w in folded_words):
        return None, False, "extraction.name_only"  # "in Aleppo geboren", "خلقت ب"
    if len(words) > _MAX_NAME_WORDS or any(w in _NOT_NAME for w in folded_words if len(w) > 2) \
            or not _is_name_text(name):
        return None, False, "extraction.name_only" if introduced or len(words) > 1 else "invalid.name"
    if looks_like_mash(name) or is_periodic("".join(words)) \
            or any(len(w) > _MAX_WORD_LETTERS for w in words):  # "bla bla bla", "Ali Ali Ali"
        return None, False, "invalid.mash"
    if introduced and len(words) > 3:
        unsure = True
    return _capitalise(name), unsure, None


def _late_intro(words: list[str], folded: list[str], intros: list[list[str]]
                ) -> tuple[list[str], list[str], tuple[str, ...]]:
    """An intro of two words or more later in the clause: "in my papers they wrote my father
    name Gebremedhin", "Hallo zusammen, also mein Name ist Samir"."""
    for start in range(1, min(_LATE_INTRO_WORDS, len(folded) - 1) + 1):
        for phrase in intros:
            n = len(phrase)
            if n >= 2 and start + n < len(folded) and tuple(folded[start:start + n]) == tuple(phrase):
                return words[start + n:], folded[start + n:], tuple(phrase)
    return words, folded, ()


def _strip_copula(words: list[str], lang: str) -> tuple[list[str], bool]:
    """'… است', 'سمیراست', 'علیه', "Ayşe'yim", "Mehmet'tir": the name without its verb."""
    if not words:
        return words, False
    last = words[-1]
    folded = _fold(last)
    if folded in ("است", "هست", "هستم", "ام", "ه", "اس", "استم", "dir", "dır", "tir", "tır",
                  "hastam", "hast", "ast", "hastesh", "استه", "asta"):
        return words[:-1], False
    if re.search(r"[\u0600-\u06ff]", last) and len(words) >= 1:
        if last.endswith("ست") and len(last) > 4 and last[-3] in "اوی":
            return [*words[:-1], last[:-2]], True  # "سمیراست"
        if last.endswith("\u200cام") or last.endswith("\u200cه"):
            return [*words[:-1], last.rsplit("\u200c", 1)[0]], True
        if last.endswith("یه") and len(last) > 3 and lang == "fa":
            return [*words[:-1], last[:-1]], True  # colloquial "اسمم علیه"
    match = _TR_COPULA.match(last)
    apostrophe = "'" in last or "’" in last
    if match and (lang == "tr" or apostrophe):
        return [*words[:-1], match.group(1)], not apostrophe
    return words, False


# Family names that say they are one: Arabic "al-"/"ال" (not the second part of a compound
# given name: "عبد الرحمن", "نور الهدى", "Abd al-Rahman"), Slavic, Georgian, Armenian, Turkish and
# Afghan endings. "Fatima Al-Sayed", "Олег Иваненко", "Ahmad Ahmadzai" typed at the first name.
_FAMILY_ENDINGS = re.compile(
    r"(?:енко|enko|чук|chuk|ський|ская|ский|sky|skyi|ska|швілі|швили|shvili|дзе|dze|ян|yan|oğlu|"
    r"oglu|زاده|zada|zadeh|زی|zai|خیل|khel|ов|ова|ев|ева|ov|ova|ev|eva)$")
_COMPOUND_SECOND = {_fold(w) for w in """
    الدين الله الهدى الرحمن الرحيم الكريم العزيز الحق النور الزهراء الاسلام الإسلام الامين
    الأمين الحسن الحسين الجليل المجيد الباسط الغفور الرزاق الودود العابدين
""".split()}
_COMPOUND_FIRST = {_fold(w) for w in "عبد ابو أبو ام أم abd abdul abdel abu umm".split()}
_LATIN_COMPOUND_SECOND = set("din deen dine eddine eddin uddin rahman rehman rahim karim aziz haq "
                             "huda houda hoda hooda islam amin nour noor zahra hakim majid jalil "
                             "razzaq razak abidin abideen".split())


def _family_at_the_end(words: list[str]) -> int:
    """How many words at the end of a whole name are its family name (0: none says so)."""
    if len(words) < 2:
        return 0
    last, before = _fold(words[-1]), _fold(words[-2])
    if before in _COMPOUND_FIRST:
        return 0
    arabic_article = last.startswith("ال") and len(last) > 4 and last not in _COMPOUND_SECOND
    latin_article = re.match(r"(?:al|el)-\w{3,}$", last) is not None \
        and last.split("-", 1)[1] not in _LATIN_COMPOUND_SECOND  # "Saif al-Din" is one name
    if arabic_article or latin_article:
        return 1
    if before in ("al", "el") and len(words) >= 3 and _fold(words[-3]) not in _COMPOUND_FIRST \
            and last not in _LATIN_COMPOUND_SECOND:  # "Nour el Houda" is one name
        return 2  # "Fatima al Khatib"
    return 1 if len(last) >= 5 and _FAMILY_ENDINGS.search(last) else 0


def normalise_name(raw: str, lang: str = "en", slot: str | None = None) -> Result:
    """`slot` "family_name" takes the family name of "my name is Samir, family name Haddad";
    "given_names" leaves out a family name that says it is one ("Fatima Al-Sayed")."""
    name, unsure, error = extract_name(raw, lang, family=slot == "family_name",
                                       given=slot == "given_names")
    if error:
        return Result.reject(error)
    if slot == "given_names":
        words = str(name).split()
        family = _family_at_the_end(words)
        if family:
            name = " ".join(words[:-family])
            words = words[:-family]
        if len(words) >= _CHAIN_WORDS and re.search(
                r"\w{3}ی$" if lang != "fa" else r"\w{3}(?:ی|i)$", _fold(words[-1])):
            # "محمد رضا احمدی", in Persian also "Ali Reza Hosseini": a family name of origin
            words = words[:-1]
            name = " ".join(words)
        if len(words) >= _CHAIN_WORDS:
            # "Ahmad Mahmoud Hussein", "Selam Tesfaye Gebremedhin": a chain of the own, the
            # father's and the grandfather's or family name more often than three first names;
            # the first (a compound: both parts) is asked, "no" keeps all as typed
            first = _first_given_name(words)
            if first < len(words):
                return Result(value=" ".join(words[:first]), confirm=True,
                              params={"whole": name})
    # "افغانستان هرات" typed at the family name is more likely the next answer than a name;
    # a name may still be a country ("Jordan", "Georgia"): asked, never refused.
    unsure = unsure or any(_names_a_country(word) for word in str(name).split()) \
        or _names_a_city(str(name))
    return Result(value=name, confirm=unsure)


def _first_given_name(words: list[str]) -> int:
    """How many words the first given name of a chain takes: "Abdul Rahman", "Nour el Houda",
    "Saif al-Din" are one name."""
    folded = [_fold(w) for w in words]
    article = len(folded) >= 3 and folded[1] in ("al", "el")
    if folded[0] in _COMPOUND_FIRST:
        return 3 if article else 2
    if article and folded[2] in _LATIN_COMPOUND_SECOND:
        return 3
    return 2 if folded[1] in _COMPOUND_SECOND | _LATIN_COMPOUND_SECOND else 1


# From this many words at the first name, a chain name is assumed (see normalise_name).
_CHAIN_WORDS = 3
# A city this big typed alone where a name is asked ("Лейпциг", "درسدن") is more likely the
# town answered ahead: asked back, never refused ("Hagen", "Essen" are family names too).
_CITY_POPULATION = 100_000
_CITY_BY_NAME = frozenset({"name", "exonym", "transliteration"})


def _names_a_city(name: str) -> bool:
    if len(name.split()) != 1:
        return False
    match = find_municipality(name)
    if match is None or match.uncertain or match.near or match.via not in _CITY_BY_NAME:
        return False
    found = municipality(match.ags)
    return found is not None and found.population >= _CITY_POPULATION


def _names_a_country(word: str) -> bool:
    # Family names of origin ("الشامي", "الحلبي", "Afghani") are names: only the country itself
    # is asked back.
    if word.endswith(("ي", "ی", "i", "ı")) and len(word) > 4:
        return False
    return match_country(word) is not None
