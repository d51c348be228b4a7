"""Language levels read out of a sentence: a CEFR code, "mother tongue", "no German at all", and
levels described in words, stored as approximate.

The level questions offer "native"/"none" and A1..C2 as buttons; people also type "ich habe B1
Zertifikat", "у меня А2" (Cyrillic letters), "B1 seviyesindeyim", "لغتي الأم", "ما بعرف ألماني".
What is said plainly is stored as the plain option ("B1", "native", "none").

Many answer in words instead: "a little", "ganz gut", "biraz", "شوية", "трохи", "خیلی خوب",
"fluent", "I understand but can't speak". They have answered, so the words are turned into the
nearest CEFR level (a little / a few words / understand but can't speak: A1; basic / so-so: A2;
good / medium / can talk with people: B1; very good: B2; fluent / like a native: C1), but a
self-assessment is no certificate: the level is stored with the marker every doubtful value
carries (bot/normalisers/result.py), for the caseworker to check:

    {"level": "B1", "check": "approximate", "words": "ganz gut"}

`level` is the option the plain answer would have stored, `words` what the person typed (the
caseworker sees what the guess rests on). A button label matched only in part ("sehr gut" for
"Ich spreche sehr gut Deutsch (C1)") is a guess too and stored the same way; a label typed
whole (without its code) is the plain option. Readers use classifications/cefr.py (`level_of`,
`is_approximate`) and show "ca. B1" until a caseworker has verified the answer.

A course still going on ("ich mache gerade B1", "now in a B1 course") is the level below, stored
as approximate with the words; beside a certificate ("A2 geschafft, B1 läuft noch") the
certificate is the level. Still asked again, as a wrong level is worse than a second question:
two levels ("A2 or B1", "good or very good"), a negated level ("kein B1", "not so good",
"B1'i geçemedim"), "mother tongue" next to a code, and "I don't know".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from bot.normalisers.declines import folded_words, negation_words, only_negation, says_none
from bot.normalisers.numbers import fold_word
from bot.normalisers.text_quality import clean, normalise_digits
from classifications.cefr import APPROXIMATE, LEVELS
from dialogues import catalogue

# Latin, and the Cyrillic letters typed for them: А/В/С look alike, Б is B transliterated.
_LETTERS = str.maketrans("АВСБавсб", "ABCBabcb")
# "B1", "b1", "B 1", "B1.2", "B1+", "А2"; a space only after a Latin capital: "a 2 year old"
# is no A2, and Russian "С 1 сентября", "В 1 классе" are prepositions.
_CODE = re.compile(r"(?<![^\W_])(?:([ABC])\s?|([abcАВСБавсб]))([12])(?:[.,]\d|\+)?(?!\d)")
# A level said in Arabic script: the letter's name and the digit, "بي وان" (B one), "بی یک",
# "اي تو", or the letter glued to the digit ("ب۱", digits already Latin).
_SPOKEN_LETTERS = {"اي": "A", "إي": "A", "ايه": "A", "ای": "A", "آ": "A", "ا": "A", "بي": "B",
                   "بی": "B", "ب": "B", "سي": "C", "سی": "C", "س": "C"}
_SPOKEN_DIGITS = {"وان": "1", "1": "1", "یک": "1", "يك": "1", "واحد": "1", "تو": "2", "2": "2",
                  "دو": "2", "اثنين": "2"}
_SPOKEN_CODE = re.compile(r"(?<![\w])(اي|إي|ايه|ای|آ|بي|بی|سي|سی|ا|ب|س)(?:\s*(وان|یک|يك|واحد|تو|دو|اثنين)"
                          r"(?!\w)|([12])(?!\d))")
# Turkish negates in the verb: "geçemedim", "almadım", "bilmiyorum", "yapamaz".
_TURKISH_NEGATED_VERB = re.compile(r"(?:m[ae]d[i]m?|m[ae]d[i]k|m[i]yor\w*|m[ae]z|m[ae]m[i]s\w*)$")

_NATIVE = {
    "en": (r"mother\s*tongue", r"mother\s*language", r"native", r"first\s*language"),
    "de": (r"muttersprach\w*", r"erstsprache"),
    "ar": (r"(?:ال)?لغ(?:ه|تی)\s+(?:ال)?ام", r"(?:ال)?لغ(?:ه|تی)\s+(?:ال)?اصلیه"),
    "fa": (r"مادری\w*", r"زبان\s+اول\w*"),
    "uk": (r"рідн\w*", r"носі[йя]\w*"),
    "ru": (r"родн\w*", r"носител\w*"),
    "tr": (r"ana\s*dil\w*",),
}
# "Almost like my mother tongue" is the C2 button's wording, not "native".
_ALMOST = {
    "en": "almost nearly like", "de": "fast beinahe nahezu wie", "ar": "تقريبا مثل متل زي",
    "fa": "تقریبا مثل مانند شبیه", "uk": "майже як", "ru": "почти как", "tr": "neredeyse gibi sanki",
}
# A course or exam still going on: the level is not reached yet.
_IN_PROGRESS = {
    "en": "learning doing studying currently attending ongoing next soon",
    "de": "lerne mache besuche gerade momentan zurzeit läuft laeuft nächsten nächste bald",
    "ar": "بدرس ادرس عم بتعلم اتعلم حالیا",
    "fa": "میخونم میخوانم میرم فعلا mikhunam mikhoonam miram felan",
    "uk": "вчу вивчаю зараз ходжу проходжу", "ru": "учу изучаю сейчас хожу прохожу",
    "tr": "öğreniyorum ogreniyorum gidiyorum şimdi simdi devam",
}
# A course named without saying it is over ("now I'm in a B1 course", "B1 kursundayım") is going
# on; with one of the _DONE words ("B1 Kurs gemacht", "закончила курс B1") it is finished.
_COURSE = {
    "en": "course courses class classes", "de": "kurs kurse kursus integrationskurs",
    "ar": "كورس دورة دوره صف kors kurs", "fa": "کورس کلاس کلاسه دوره kelas kelase kelasa dore",
    "uk": "курс курсі курсу курси", "ru": "курс курсе курсах курсы курсу",
    "tr": "kurs kursu kursunda kursundayım kursundayim kursuna sınıf sinif sınıfı sinifi",
}
_DONE = {
    "en": "finished done did completed passed got certificate certified",
    "de": "gemacht geschafft bestanden abgeschlossen fertig beendet zertifikat",
    "ar": "خلصت خلصته خلصتو خلصت خلّصت انهيت أنهيت نجحت اخدت أخذت اخذت عملت شهادة شهاده "
          "xalast khalast",
    "fa": "تموم تمام گذروندم گذراندم قبول مدرک گواهی گرفتم pass gereftam ghabul ghabool "
          "gozarundam gozaroondam madrak",
    "uk": "закінчила закінчив пройшла пройшов склала склав сертифікат",
    "ru": "закончила закончил окончила окончил прошла прошёл прошел сдала сдал сертификат",
    "tr": "bitirdim bitti tamamladım tamamladim geçtim gectim sertifika sertifikam aldım aldim",
}
# "No German at all": the negation, German or "at all", and words that only fill the sentence.
_GERMAN = {
    "en": "german deutsch", "de": "deutsch deutschkenntnisse",
    "ar": "الماني المانی المانیه الالمانیه الالمانی", "fa": "آلمانی المانی",
    "uk": "німецьку німецької німецька німецькою німецьки",
    "ru": "немецкий немецкого немецким немецком немецки",
    "tr": "almanca almancam almancayı almancayi",
}
_AT_ALL = {
    "en": "all any word", "de": "gar überhaupt wort", "ar": "ابدا خالص اصلا بالمره کلمه",
    "fa": "اصلا هیچ هیچی", "uk": "взагалі зовсім слова ніяк",
    "ru": "вообще совсем совершенно слова никак", "tr": "hiç hic",
}
_NEGATED_VERBS = {
    # "مابعرف" is "I don't know": no German at the level question, but never "I have none"
    # elsewhere (declines.py), where it is a skip.
    "en": "", "de": "", "ar": "مابعرف مابعرفش",
    "fa": "نیستم نمیدونم نمیدانم نمیتونم نمیزنم نمیفهمم",
    "uk": "ніяк", "ru": "никак",
    "tr": "bilmiyorum konuşamıyorum konusamiyorum konuşmuyorum anlamıyorum anlamiyorum",
}
_FILLERS = {
    "en": "i i'm im don't dont do can can't cant speak know understand a single at yet really "
          "not no",
    "de": "ich kann spreche sprechen verstehe noch wirklich ein einziges leider",
    "ar": "انا بعرف اعرف احکی بحکی اتکلم بتکلم بفهم افهم ولا شی حرف بعد لسا لسه",
    "fa": "من بلد بلدم صحبت حرف زبان کلمه یک هنوز",
    "uk": "я знаю розмовляю говорю розумію ще мови мову ні",
    "ru": "я знаю говорю понимаю еще пока языка язык ни по",
    "tr": "ben henüz daha kelime tek bir",
}
# Levels described in words, per language: level -> phrases ("|" between phrases, split into
# words like the typed text; "…" stands for up to three words in between). The longest phrase at
# a place wins, so "very good" is B2 and not also "good". Dialect and transliteration as people
# type them in chats; Arabic and Persian are read together (_READ_WITH). "Excellent" and
# "fluent" are C1, the words of the C2 buttons ("almost like my mother tongue") C2.
_DESCRIBED: dict[str, dict[str, str]] = {
    "en": {
        "A1": "a little|little|a bit|a little bit|a few words|few words|some words|only words|"
              "small small|small|"
              "beginner|beginners|weak|bad|poor|very basic|almost nothing|hardly|barely|"
              "understand … cant speak|understand … cannot speak|understand … dont speak|"
              "understand … not speak|understand … cant talk|cant speak … understand|"
              "dont speak … understand|only understand",
        "A2": "basic|basics|so so|so-so|elementary|not so bad|with a dictionary|with dictionary|"
              "with a translator|with google translate|with translator|simple sentences|"
              "easy sentences",
        "B1": "good|quite good|pretty good|quite well|speak … well|medium|intermediate|average|"
              "decent|not bad|can talk … people|can communicate|conversational|i get by",
        "B2": "very good|very well|really good|really well|upper intermediate",
        "C1": "fluent|fluently|perfect|perfectly|excellent|advanced|like a native|like native|"
              "like a native speaker",
        "C2": "almost like … native|almost like … mother tongue|nearly like … native|"
              "almost native",
    },
    "de": {
        "A1": "ein bisschen|bisschen|bischen|bissl|bissel|bisserl|ein wenig|wenig|etwas|"
              "ein paar wörter|paar wörter|ein paar worte|paar worte|einige wörter|anfänger|"
              "anfängerin|schwach|schlecht|kaum|fast nichts|fast gar nichts|"
              "verstehe … nicht sprechen|verstehe … spreche nicht|verstehe … nicht reden|"
              "nur verstehen|verstehe nur",
        "A2": "grundkenntnisse|grundlagen|basis|basiswissen|so lala|so la la|geht so|"
              "mittelmäßig|mittelmässig|mittelmasig|mit wörterbuch|mit einem wörterbuch|"
              "mit übersetzer|mit dem übersetzer|einfache sätze|einfachen sätzen",
        "B1": "gut|ganz gut|recht gut|ziemlich gut|mittel|mittelgut|nicht schlecht|"
              "kann mich unterhalten|kann mich verständigen|komme … zurecht|komme … klar",
        "B2": "sehr gut|richtig gut|echt gut|super",
        "C1": "fließend|fliessend|fliesend|perfekt|ausgezeichnet|exzellent|"
              "wie ein muttersprachler|wie eine muttersprachlerin|wie muttersprachler",
        "C2": "fast wie … muttersprache|fast wie … muttersprachler|fast muttersprachlich",
    },
    "ar": {
        "A1": "شوي|شوية|شويه|شويا|شوي شوي|شوية شوية|قليل|قليلا|قليل جدا|بسيط|شي بسيط|"
              "شوي بسيط|كم كلمة|كام كلمة|كلمتين|بعض الكلمات|مبتدئ|ضعيف|ضعيفة|تقريبا لا شيء|"
              "بفهم … ما بحكي|بفهم … ما بعرف احكي|افهم … ما اتكلم|افهم … لا اتكلم|"
              "بفهم … مش بحكي|بس بفهم|بفهم بس|shwaya|shwaye|shwai|shway|shwayy|shwi|shwiya|"
              "shwayya|chwiya|shwy|2alil|qalil|shway shway",
        "A2": "نص نص|نص ونص|ع قدي|على قدي|ع القد|اساسي|اساسيات|مقبول|مش بطال|mesh battal|"
              "nos nos|nus nus|nuss nuss|3ala 2adi|بالقاموس|مع القاموس|مع قاموس|بالمترجم|مع المترجم|"
              "بالترجمة|بالترجمه|جمل بسيطة|جمل بسيطه",
        "B1": "منيح|مليح|كويس|زين|جيد|باهي|مزبوط|متوسط|وسط|بحكي مع الناس|اتكلم مع الناس|"
              "بتفاهم مع الناس|mnih|mneeh|mni7|kwayes|kwayyes|kwayis|kways|mlih|mutawasit|"
              "mutawaset|jayed|jayyed",
        "B2": "منيح كتير|منيحة كتير|كتير منيح|كويس جدا|كويس اوي|جيد جدا|زين كلش|كلش زين|"
              "mnih ktir|ktir mnih|kwayes awi|kwayes gedan|jayed jedan",
        "C1": "بطلاقة|طلاقة|طليق|ممتاز|مثل اهلها|متل اهلها|مثل اهل البلد|متل اهل البلد|"
              "b6laqa|btalaqa|talaqa|mumtaz",
        "C2": "تقريبا مثل … اللغة الام|تقريبا مثل اهل اللغة|تقريبا متل اهلها",
    },
    "fa": {
        "A1": "کم|یه کم|یک کم|یکم|کمی|یه کمی|یک کمی|خیلی کم|کم کم|چند کلمه|چند تا کلمه|"
              "مبتدی|ضعیف|بد|تقریبا هیچی|میفهمم … نمیتونم حرف بزنم|میفهمم … نمیتوانم صحبت|"
              "میفهمم … حرف نمیزنم|میفهمم … صحبت نمیکنم|فقط میفهمم|ye kam|yekam|kami|"
              "kheili kam|kheyli kam|kam",
        "A2": "پایه|ابتدایی|معمولی|نصفه نیمه|ای بد نیست|mamooli|maamoli|با دیکشنری|"
              "با فرهنگ لغت|با لغت نامه|با مترجم|با گوگل ترنسلیت|جملات ساده|جمله های ساده",
        "B1": "خوب|خوبه|خوبست|خوب است|نسبتا خوب|بد نیست|بدک نیست|متوسط|با مردم حرف میزنم|"
              "با مردم صحبت میکنم|khoob|khub|khob|khoobe|khube|khobe|bad nist|motevaset",
        "B2": "خیلی خوب|خیلی خوبه|بسیار خوب|زیاد خوب|kheili khoob|kheyli khub|kheili khub|"
              "besyar khub",
        "C1": "روان|روون|مسلط|سلیس|کاملا مسلط|عالی|مثل زبان مادری|مثل مادری|مثل یک بومی|"
              "ravan|ravoon|mosalat|aali",
        "C2": "تقریبا مثل … مادری",
    },
    "uk": {
        "A1": "трохи|трошки|трішки|небагато|мало|дуже мало|кілька слів|декілька слів|"
              "пару слів|початковий|погано|слабо|слабенько|майже нічого|"
              "розумію … не говорю|розумію … не розмовляю|розумію … не можу говорити|"
              "тільки розумію|лише розумію|trohy|trokhy|troshky|trishky",
        "A2": "базовий|базово|так собі|середньо|посередньо|сяк так|сяк-так|tak sobi|"
              "зі словником|з словником|із словником|з перекладачем|zi slovnykom|простими реченнями|"
              "прості речення",
        "B1": "добре|непогано|нормально|нормальний|середній|можу спілкуватися|"
              "можу говорити з людьми|dobre|normalno|nepohano",
        "B2": "дуже добре|чудово|duzhe dobre",
        "C1": "вільно|вільний|досконало|ідеально|відмінно|як рідна|як рідну|як носій|vilno",
        "C2": "майже як … рідна|майже як носій",
    },
    "ru": {
        "A1": "немного|немножко|чуть-чуть|чуть чуть|чуточку|мало|очень мало|пару слов|"
              "несколько слов|начальный|плохо|слабо|слабенько|почти ничего|"
              "понимаю … не говорю|понимаю … не разговариваю|понимаю … не могу говорить|"
              "только понимаю|nemnogo|chut chut|chut-chut|malo",
        "A2": "базовый|базово|так себе|средне|посредственно|кое-как|кое как|tak sebe|sredne|"
              "со словарём|со словарем|с словарем|с переводчиком|so slovarem|простыми предложениями|"
              "простые предложения|простыми фразами",
        "B1": "хорошо|неплохо|нормально|нормальный|средний|могу общаться|"
              "могу говорить с людьми|horosho|khorosho|xorosho|neploho|normalno",
        "B2": "очень хорошо|прекрасно|ochen horosho|ochen khorosho",
        "C1": "свободно|свободный|в совершенстве|идеально|отлично|как носитель|как родной|"
              "как на родном|svobodno|otlichno",
        "C2": "почти как … родной|почти как носитель",
    },
    "tr": {
        "A1": "biraz|birazcık|az|azıcık|azcık|çok az|birkaç kelime|bir kaç kelime|başlangıç|"
              "yeni başladım|zayıf|kötü|hemen hemen hiç|anlıyorum … konuşamıyorum|"
              "anlıyorum … konuşmuyorum|anlıyorum … konuşamam|anlarım … konuşamam|"
              "sadece anlıyorum",
        "A2": "temel|temel seviye|idare eder|şöyle böyle|eh işte|vasat|orta altı|sözlükle|"
              "sözlük ile|çeviriyle|çeviri ile|translate ile|basit cümleler|basit cümlelerle",
        "B1": "iyi|iyiyim|orta|orta seviye|fena değil|insanlarla konuşabilirim|"
              "insanlarla anlaşabiliyorum|idare ediyorum",
        "B2": "çok iyi|gayet iyi|oldukça iyi|harika",
        "C1": "akıcı|mükemmel|ana dilim gibi|anadilim gibi|ana dili gibi",
        "C2": "neredeyse … gibi",
    },
}
# An exam failed: the level it was for is not held ("B1'den kaldım", "رسبت بال B1").
_FAILED = {
    "en": "failed fail flunked", "de": "durchgefallen durchgerasselt",
    "ar": "رسبت راسب سقطت rasabt", "fa": "ردی نشدم مردود رد rad",
    "uk": "провалив провалила завалив завалила provalyv provalyla",
    "ru": "провалил провалила завалил завалила provalil provalila zavalil zavalila",
    "tr": "kaldım kaldim",
}
# "No certificate" says nothing against the level ("очень хорошо, но сертификата нет", "B1
# civarı ama belgem yok"): the level is then a guess, like a level "about" B1.
_CERTIFICATE = {
    "en": "certificate certificates paper papers document documents proof",
    "de": "zertifikat zertifikate nachweis papier papiere prüfung pruefung",
    "ar": "شهادة شهاده شهادات ورقة ورقه اوراق", "fa": "مدرک مدرکش گواهی گواهینامه",
    "uk": "сертифіката сертифікату сертифікат документа документів",
    "ru": "сертификата сертификат документа документов бумаги",
    "tr": "belge belgem belgesi sertifika sertifikam sertifikasi sertifikası",
}
_ABOUT = {
    "en": "around approximately roughly maybe", "de": "etwa ungefähr ca circa vielleicht",
    "ar": "حوالي يمكن", "fa": "حدود حدودا شاید", "uk": "приблизно мабуть",
    "ru": "примерно около наверное", "tr": "civari civarı civarinda civarında",
}
# Writing and reading: a sentence that weighs them against speaking ("sprechen gut, aber
# schreiben nicht so") is read for the spoken level, which the question is mostly about.
_WRITING = {
    "en": "write writing written read reading grammar spelling",
    "de": "schreiben schreibe schriftlich lesen lese grammatik rechtschreibung",
    "ar": "كتابة كتابه الكتابة الكتابه اكتب بكتب قراءة قراءه القراءة القراءه اقرا بقرا قواعد "
          "kitabe kitaba ktabe ktabeh el-kitabe 2raye qiraa",
    "fa": "نوشتن نوشتنم مینویسم بنویسم خواندن خوندن میخونم بخونم نوشتاری گرامر neveshtan "
          "neveshtanam khoondan khundan",
    "uk": "писати пишу письмо письмі читати читаю граматика pysaty chytaty",
    "ru": "писать пишу письмо письме читать читаю грамматика pisat chitat",
    "tr": "yazmak yazma yazmam yazmada yazamıyorum yazamiyorum yazabiliyorum okumak okuma "
          "okumada okuyamıyorum okuyamiyorum yazım yazim gramer dilbilgisi",
}
# Where a sentence turns to another matter: "i finished A2, now i am doing B1", "B1'i geçemedim
# ama A2 var", "sprechen gut, aber schreiben nicht so" (punctuation also ends a part).
_TURNS = {
    "en": "but and now then", "de": "aber und jetzt dann doch",
    "ar": "بس لكن ولكن هلق هلا الان حاليا و bas bass bs lakin halla2 hala2",
    "fa": "ولی اما الان حالا و vali vli amma alan", "uk": "але а і й зараз тепер ale",
    "ru": "но а и сейчас теперь",
    "tr": "ama fakat ancak ve şimdi simdi",
}
_PUNCTUATION = re.compile(r"[,.;:!?،؛؟\n]+")
_GAP = "…"
_GAP_WORDS = 3
# A negation this many words before a described level denies it ("nicht so gut", "не очень
# хорошо", "مو كتير منيح"); Turkish and Persian also deny right after ("iyi değil", "خوب نیست").
_NEGATION_REACH = 2
_NEGATION_AFTER = frozenset({"degil", "değil", "نیست", "نیستم", "nist", "nistam"})
# An answer's "no" before a level answers the question, it denies nothing ("nein, nur ein
# bisschen").
_ANSWER_NO = frozenset({"no", "nein", "нет", "ні", "hayir", "hayır"})
# "(B1)" at the end of a button label: a label typed without it is still the label.
_LABEL_CODE = re.compile(r"\([A-C][12]\)")
# A typed text this similar to a whole label (without its code) is the label, not a guess; so
# is this share of the label's words.
_WHOLE_LABEL = 90
_MOST_OF_LABEL = 0.75
# Left out of "Almost like my mother tongue (C2)", the rest says more: "like my mother tongue".
_ALMOST_WORDS = "almost nearly fast beinahe nahezu تقريبا تقریبا майже почти neredeyse"
_MAX_WORDS = 200

_READ_WITH = {"de": ("de", "en"), "en": ("en",), "ar": ("ar", "fa", "en"), "fa": ("fa", "ar", "en"),
              "uk": ("uk", "ru", "en"), "ru": ("ru", "uk", "en"), "tr": ("tr", "en")}


_TABLES = {
    "certificate": _CERTIFICATE, "about": _ABOUT, "almost": _ALMOST, "in_progress": _IN_PROGRESS,
    "course": _COURSE, "done": _DONE, "german": _GERMAN, "at_all": _AT_ALL,
    "negated_verbs": _NEGATED_VERBS, "fillers": _FILLERS, "failed": _FAILED, "writing": _WRITING,
    "turns": _TURNS,
}


@cache
def _words(name: str, lang: str) -> frozenset[str]:
    """The folded words of table `name` for `lang` and the languages read with it."""
    return frozenset(fold_word(w) for code in _READ_WITH.get(lang, ("en",))
                     for w in _TABLES[name][code].split())


@cache
def _native_pattern(lang: str) -> re.Pattern[str]:
    stems = [s for code in _READ_WITH.get(lang, ("en",)) for s in _NATIVE[code]]
    return re.compile(rf"(?<!\w)(?:{'|'.join(stems)})(?!\w)")


def codes_in(text: str) -> set[str]:
    """The CEFR levels written in `text`: "B1", "b1", "B 1", "А2" (Cyrillic), "B1.2", and as
    said in Arabic script ("بي وان", "ب۱", "بی یک")."""
    found = {f"{_SPOKEN_LETTERS[m.group(1)]}{_SPOKEN_DIGITS[m.group(2) or m.group(3)]}"
             for m in _SPOKEN_CODE.finditer(normalise_digits(text))}
    for match in _CODE.finditer(normalise_digits(text)):
        letter = (match.group(1) or match.group(2)).translate(_LETTERS).upper()
        found.add(f"{letter}{match.group(3)}")
    return found


def negated(text: str, lang: str) -> bool:
    """A negation in `text` ("not good", "bilmiyorum"): no button label is guessed from it."""
    return _negated(folded_words(text), lang)


def _negated(words: list[str], lang: str) -> bool:
    if any(w in negation_words(lang) or w in _words("negated_verbs", lang) for w in words):
        return True
    return lang == "tr" and any(_TURKISH_NEGATED_VERB.search(w) for w in words)


def says_native(words: list[str], lang: str) -> bool:
    """"mother tongue", "Muttersprache", "لغتي الأم", "زبان مادری", "рідна", "ana dilim";
    not "almost like my mother tongue" (the C2 button)."""
    return bool(_native_pattern(lang).search(" ".join(words))) \
        and not any(w in _words("almost", lang) for w in words)


def says_no_german(words: list[str], lang: str) -> bool:
    """"gar kein Deutsch", "ما بعرف ألماني", "اصلا بلد نیستم", "вообще не знаю", "hiç bilmiyorum";
    not "ich weiß nicht" (which may be about the level)."""
    named = _words("german", lang) | _words("at_all", lang)
    if not any(w in named for w in words):
        return False
    negations = negation_words(lang) | _words("negated_verbs", lang)
    return only_negation(words, negations, named | _words("fillers", lang))


def read_level(text: str, lang: str,
               options: tuple[str, ...] | list[str]) -> str | dict[str, Any] | None:
    """The option a sentence names plainly; an approximate level ({"level": "B1", "check":
    "approximate", "words": ...}) for a level described in words or a label matched in part;
    "" when it names a level but must be asked again; None when it names none."""
    words, no_certificate = _without_certificate(folded_words(text), lang)
    codes = codes_in(text)
    native = "native" in options and says_native(words, lang)
    if codes:
        if len(codes) > 1 and not native:
            held = _held_code(text, lang)
            return held if held in options else ""
        if len(codes) > 1 or native or _negated(_about_the_level(text, lang), lang) \
                or any(w in _words("failed", lang) for w in words):
            return ""
        code = codes.pop()
        if code in options and (no_certificate or any(w in _words("about", lang) for w in words)):
            return approximate(code, text)  # "B1 civarı ama belgem yok": a guess
        if code in options and _in_progress(words, lang):
            # "ich mache gerade B1": learning for B1 is about A2; a guess, marked like words. A
            # course in another part ("B1, currently doing the course") may be the next one.
            own = next((part for part in _parts(text, lang) if codes_in(part)), text)
            if not _in_progress(folded_words(own), lang):
                return ""
            return approximate(_below(code, options), text)
        return code if code in options else ""
    if native:
        return "" if _negated(words, lang) else "native"
    if "none" in options and (says_no_german(words, lang) or _first_part_says_none(text, lang)):
        return "none"
    if not any(option in LEVELS for option in options):
        return None
    return _described(text, lang, tuple(options))


def _about_the_level(text: str, lang: str) -> list[str]:
    """The words of `text` without "no certificate" and without the parts about a course that
    name no level: their negation is about the course ("поки А1, курс ще не закінчила")."""
    course = _words("course", lang)
    kept = [part for part in _parts(text, lang)
            if codes_in(part) or not any(w in course for w in folded_words(part))]
    return _without_certificate(folded_words(" ".join(kept)), lang)[0]


def _without_certificate(words: list[str], lang: str) -> tuple[list[str], bool]:
    """The words without "no certificate" ("сертификата нет", "belgem yok", "بدون شهادة"), and
    whether it was said: that negation is about the paper, not the level."""
    papers = _words("certificate", lang)
    negations = negation_words(lang) | _words("negated_verbs", lang)
    drop: set[int] = set()
    for i, word in enumerate(words):
        if word in papers:
            near = [j for j in range(max(0, i - 2), min(len(words), i + 3))
                    if j != i and words[j] in negations]
            if near:
                drop.update([i, *near])
    return [w for i, w in enumerate(words) if i not in drop], bool(drop)


def _first_part_says_none(text: str, lang: str) -> bool:
    """"nothing yet, waiting for the course", "هیچی، هنوز کلاس نرفتم", "вообще не знаю
    немецкого, курс ещё не начался": the answer is in the first part, the rest explains."""
    parts = _parts(text, lang)
    if len(parts) < 2 or described_levels(folded_words(_without_marks(text)), lang)[0]:
        return False  # "nein, nur ein bisschen" describes a level
    first = parts[0]
    return says_none(first, lang, "german_level") or says_no_german(folded_words(first), lang)


def _described(text: str, lang: str, options: tuple[str, ...]) -> str | dict[str, Any] | None:
    label = _label_match(text, lang, options)
    if label is not None and label[1]:
        return label[0]  # a button's words typed whole ("Almost like my mother tongue")
    words = folded_words(_without_marks(text))
    levels, denied = described_levels(words, lang)
    if levels:
        if len(levels) > 1:
            spoken = _spoken_level(text, lang)
            if spoken in options:  # "sprechen gut, aber schreiben nicht so"
                return approximate(spoken, text)
            return ""  # "good or very good"
        # a level denied beside it narrows it ("gut, aber nicht perfekt"); a negation of
        # something else leaves it ("немного понимаю, говорить не могу")
        level = levels.pop()
        return approximate(level, text) if level in options else ""
    if denied:
        return ""  # "not so good": no level is said to be held
    if label is None or _negated(words, lang):
        return None  # the caller rejects a negation ("bilmiyorum") or finds nothing
    option = label[0]
    # Part of a label ("sehr gut", "Alltag"): a guess at a level, marked like words.
    return approximate(option, text) if option in LEVELS else None


def approximate(level: str, text: str) -> dict[str, Any]:
    """The stored value of a level guessed from the person's words (see the module docstring)."""
    return {"level": level, "check": APPROXIMATE, "words": clean(text)[:_MAX_WORDS]}


def described_levels(words: list[str], lang: str) -> tuple[set[str], set[str]]:
    """The levels that descriptive phrases in `words` name, and those a negation next to them
    denies ("not so good", "iyi değil")."""
    found: set[str] = set()
    denied: set[str] = set()
    negations = negation_words(lang) | _words("negated_verbs", lang)
    pending: list[int] = []  # where negations stand that have denied nothing yet
    phrases = _phrases(lang)
    i = 0
    while i < len(words):
        for tokens, level in phrases:
            end = _match(tokens, words, i)
            if end is not None:
                before = [j for j in pending if i - j <= _NEGATION_REACH]
                after = end < len(words) and words[end] in _NEGATION_AFTER
                if before or after:
                    denied.add(level)
                    pending = [j for j in pending if j not in before]
                    end += after
                else:
                    found.add(level)
                i = end
                break
        else:
            if words[i] in negations and words[i] not in _ANSWER_NO:
                pending.append(i)
            i += 1
    return found, denied


def _match(tokens: tuple[str, ...], words: list[str], i: int) -> int | None:
    """The end of `tokens` matched at words[i], "…" skipping up to three words; or None."""
    if not tokens:
        return i
    head, tail = tokens[0], tokens[1:]
    if head == _GAP:
        for skip in range(_GAP_WORDS + 1):
            end = _match(tail, words, i + skip) if i + skip <= len(words) else None
            if end is not None:
                return end
        return None
    if i < len(words) and words[i] == head:
        return _match(tail, words, i + 1)
    return None


@cache
def _phrases(lang: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded phrase words, level) of `lang` and the languages read with it, longest first."""
    phrases = {}
    for code in _READ_WITH.get(lang, ("en",)):
        for level, spec in _DESCRIBED[code].items():
            for phrase in spec.split("|"):
                # split like typed text: "mni7" is "mni" "7", as folded_words reads it
                parts = [tuple(folded_words(part)) for part in phrase.split(_GAP)]
                tokens = tuple(t for i, part in enumerate(parts)
                               for t in ((_GAP,) if i else ()) + part)
                phrases.setdefault(tokens, level)  # the message's own language first
    return tuple(sorted(phrases.items(), key=lambda item: -sum(t != _GAP for t in item[0])))


def _without_marks(text: str) -> str:
    """Arabic vowel signs and shadda dropped before splitting: "شويّة" is one word."""
    return "".join(ch for ch in text if not ("\u064b" <= ch <= "\u065f" or ch == "\u0670"))


def _label_match(text: str, lang: str, options: tuple[str, ...]) -> tuple[str, bool] | None:
    """(option, typed whole) of the button label the text matches, as the choice normaliser
    matches labels; None when none does."""
    # Imported here: bot.normalisers.choices reads levels through this module.
    from bot.normalisers.choices import match_option

    keys = _label_keys(options)
    labels = {option: [catalogue.text(lang, key)] for option, key in keys.items()}
    best = match_option(text, labels, numbered=False)
    if best is None:
        return None
    bare = catalogue.normalise_word(_LABEL_CODE.sub("", labels[best][0]))
    typed = catalogue.normalise_word(normalise_digits(text))
    # The label itself, perhaps with a typo, or most of its words and no others ("почти как
    # родной" for "Почти как родной язык"); not "wie ein Muttersprachler" for "Fast wie meine
    # Muttersprache".
    label_words, typed_words = bare.split(), typed.split()
    left_out = set(label_words) - set(typed_words)
    most = bool(typed_words) and set(typed_words) <= set(label_words) \
        and len(typed_words) >= _MOST_OF_LABEL * len(label_words) \
        and not left_out & {fold_word(w) for w in _ALMOST_WORDS.split()}
    return best, most or fuzz.ratio(typed, bare) >= _WHOLE_LABEL


@cache
def _label_keys(options: tuple[str, ...]) -> dict[str, str]:
    """The catalogue keys of the buttons of the question whose options these are."""
    from dialogues.interview import load_interview

    for field in load_interview().fields:
        if tuple(field.options or ()) == options:
            return {option: field.option_key(option) for option in options}
    return {}


def _parts(text: str, lang: str) -> list[str]:
    """`text` cut where a sentence turns: at punctuation and before "but", "now", "ama", "но"."""
    turns = _words("turns", lang)
    parts: list[str] = []
    for piece in _PUNCTUATION.split(text):
        current: list[str] = []
        for token in piece.split():
            word = fold_word(token)
            # Arabic and Persian glue "and" to the word: "وهلق", "والان"
            if current and (word in turns or word[:1] == "و" and word[1:] in turns):
                parts.append(" ".join(current))
                current = []
            current.append(token)
        if current:
            parts.append(" ".join(current))
    return parts


def _in_progress(words: list[str], lang: str) -> bool:
    """Still learning for the level: "gerade", "зараз", or a course not said to be over."""
    if any(w in _words("in_progress", lang) for w in words):
        return True
    return any(w in _words("course", lang) for w in words) \
        and not any(w in _words("done", lang) for w in words)


def _below(code: str, options: tuple[str, ...] | list[str]) -> str:
    """The level below `code` among the options (A1 stays A1: an A1 course is some German)."""
    ladder = [level for level in LEVELS if level in options]
    at = ladder.index(code)
    return ladder[at - 1] if at > 0 else code


def _not_held(words: list[str], lang: str) -> bool:
    """A part that says a level is not (yet) held: negated, failed, still learning, or about
    writing and reading only."""
    return _negated(words, lang) or _in_progress(words, lang) or any(
        w in _words("failed", lang) or w in _words("writing", lang) for w in words)


def _held_code(text: str, lang: str) -> str:
    """Of several codes, the one level held when every other is named in a part that is failed,
    still being learned or negated ("i finished A2, now i am doing B1 course", "B1 sınavına
    girdim ama geçemedim, elimde A2 var"); "" otherwise. A part naming no code belongs to the
    code before it ("B1 sınavına girdim | ama geçemedim")."""
    groups: list[tuple[set[str], list[str]]] = []
    for part in _parts(text, lang):
        codes, words = codes_in(part), folded_words(part)
        if codes or not groups:
            groups.append((codes, words))
        else:
            groups[-1][1].extend(words)
    if len(groups) > 1 and not groups[0][0]:
        groups[1][1].extend(groups.pop(0)[1])  # "leider nicht bestanden: B1"
    held = [codes for codes, words in groups if codes and not _not_held(words, lang)]
    if len(held) != 1 or len(held[0]) != 1:
        return ""
    return next(iter(held[0]))


def _spoken_level(text: str, lang: str) -> str:
    """The level described in the parts not about writing or reading, when other parts are
    ("sprechen gut, aber schreiben nicht so", "I speak well but my writing is bad"); ""."""
    writing = _words("writing", lang)
    parts = [folded_words(_without_marks(part)) for part in _parts(text, lang)]
    kept = [words for words in parts if not any(w in writing for w in words)]
    if not kept or len(kept) == len(parts):
        return ""
    levels, denied = described_levels([w for words in kept for w in words], lang)
    if len(levels) != 1 or denied:
        return ""
    return levels.pop()


# "and" between languages named with their levels ("farsi madari va englisi C1", "Türkçe ana
# dilim ve İngilizce orta"): each named language keeps the words next to it.
_AND = re.compile(r"(?:^|\s)(?:and|und|va|ve|و|и|і|та|й)(?=\s)", re.IGNORECASE)


def levels_beside_languages(text: str, lang: str,
                            options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """{language code: the words that give its level} for languages named with a level in one
    answer ("ukrainisch, russisch muttersprache, englisch gut B2" → ru: "russisch
    muttersprache", en: "englisch gut B2"): only a part that names one language and a level
    `read_level` reads exactly (a code or native); a level described in words ("bissl
    Türkisch") is asked, its buttons say it better."""
    from nlu.language_names import match_languages

    found: dict[str, str] = {}
    for part in _parts(text, lang):
        for piece in _AND.split(part):
            named = match_languages(piece)
            if len(named) != 1 or named[0] in found:
                continue
            level = read_level(piece, lang, options)
            if isinstance(level, str) and level:
                found[named[0]] = piece.strip()
    return found
