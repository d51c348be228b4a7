"""Numbers as people type them: digits of any script, number words, halves, durations.

No installed library covers this: dateparser reads dates, not counts; babel only formats;
num2words goes the other way and word2number/text2num are not installed (and cover English or
a few European languages only, none of ar/fa/uk/tr with their case endings and dialect). So a
compact table per language (cardinals, ordinals up to the school grades, units, markers), and one
small reader that combines words into numbers ("twenty-one", "بیست و یک", "ثلاث عشر").
Tables are compared folded (case, accents, Arabic/Persian letter variants, apostrophes), so
"yil" is "yıl", "пять" is "пять", "ثلاثة" is "ثلاثه".
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from bot.normalisers.text_quality import normalise_digits

# --- tables ----------------------------------------------------------------------------------
# "word=value" (a cardinal), "word=value." (an ordinal); markers are plain word lists.
_CARDINALS = {
    "en": "zero=0 nil=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 "
          "eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 "
          "eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fourty=40 fifty=50 sixty=60 "
          "seventy=70 eighty=80 ninety=90 first=1. second=2. third=3. fourth=4. fifth=5. "
          "sixth=6. seventh=7. eighth=8. ninth=9. tenth=10. eleventh=11. twelfth=12. "
          "twelth=12. couple=2 dozen=12",
    "de": "null=0 eins=1 ein=1 eine=1 einen=1 einem=1 zwei=2 zwo=2 drei=3 vier=4 fünf=5 fuenf=5 "
          "sechs=6 sieben=7 acht=8 neun=9 zehn=10 elf=11 zwölf=12 zwoelf=12 dreizehn=13 "
          "vierzehn=14 fünfzehn=15 sechzehn=16 siebzehn=17 achtzehn=18 neunzehn=19 zwanzig=20 "
          "dreißig=30 dreissig=30 vierzig=40 fünfzig=50 sechzig=60 erste=1. zweite=2. dritte=3. "
          "vierte=4. fünfte=5. sechste=6. siebte=7. achte=8. neunte=9. zehnte=10. elfte=11. "
          "zwölfte=12. paar=2",
    "ar": "صفر=0 واحد=1 وحده=1 واحده=1 اثنين=2 اثنان=2 اتنين=2 تنين=2 ثنين=2 ثلاث=3 ثلاثه=3 "
          "تلاته=3 تلات=3 اربع=4 اربعه=4 خمس=5 خمسه=5 ست=6 سته=6 سبع=7 سبعه=7 ثمان=8 ثماني=8 "
          "ثمانيه=8 تمن=8 تمنه=8 تمان=8 تماني=8 تمانيه=8 تسع=9 تسعه=9 عشر=10 عشره=10 احدعش=11 حداعش=11 "
          "احدعشر=11 اطنعش=12 طنعش=12 اتنعش=12 اثنعش=12 تلتعش=13 اربعتعش=14 خمستعش=15 ستعش=16 "
          "سبعتعش=17 تمنتعش=18 تسعتعش=19 عشرين=20 عشرون=20 ثلاثين=30 تلاتين=30 ثلاثون=30 "
          "اربعين=40 اربعون=40 خمسين=50 خمسون=50 ستين=60 ستون=60 اول=1. اولی=1. ثانی=2. تانی=2. "
          "ثالث=3. تالت=3. رابع=4. خامس=5. سادس=6. سابع=7. ثامن=8. تامن=8. تاسع=9. عاشر=10. "
          "حادی=1. احدی=1 اثنا=2 اثنی=2 "
          # Levantine and Egyptian teens: "طعش" and "تاشر" glued to the unit
          "حدعش=11 حداشر=11 اتناشر=12 تلطعش=13 تلتطعش=13 تلتاشر=13 اربعطعش=14 اربعتاشر=14 "
          "خمسطعش=15 خمستاشر=15 ستطعش=16 ستاشر=16 سبعطعش=17 سبعتاشر=17 ثمنطعش=18 تمنطعش=18 "
          "تمنتاشر=18 تسعطعش=19 تسعتاشر=19",
    "fa": "صفر=0 یک=1 یه=1 دو=2 سه=3 چهار=4 چار=4 پنج=5 شش=6 شیش=6 هفت=7 هشت=8 نه=9 ده=10 "
          "یازده=11 دوازده=12 سیزده=13 چهارده=14 پانزده=15 پونزده=15 شانزده=16 شونزده=16 "
          "هفده=17 هیفده=17 هجده=18 هیجده=18 هژده=18 نوزده=19 بیست=20 سی=30 چهل=40 پنجاه=50 "
          "شصت=60 اول=1. یکم=1. دوم=2. سوم=3. چهارم=4. پنجم=5. ششم=6. هفتم=7. هشتم=8. نهم=9. "
          "دهم=10. یازدهم=11. دوازدهم=12.",
    "uk": "нуль=0 один=1 одна=1 одного=1 одну=1 одне=1 два=2 дві=2 двох=2 три=3 трьох=3 "
          "чотири=4 чотирьох=4 пять=5 пяти=5 шість=6 шести=6 сім=7 семи=7 вісім=8 восьми=8 "
          "девять=9 девяти=9 десять=10 десяти=10 одинадцять=11 одинадцяти=11 дванадцять=12 "
          "дванадцяти=12 тринадцять=13 чотирнадцять=14 пятнадцять=15 шістнадцять=16 "
          "сімнадцять=17 вісімнадцять=18 девятнадцять=19 двадцять=20 двадцяти=20 тридцять=30 "
          "сорок=40 пятдесят=50 шістдесят=60 перший=1. першого=1. другий=2. другого=2. "
          "третій=3. третього=3. четвертий=4. пятий=5. пятого=5. шостий=6. шостого=6. сьомий=7. "
          "сьомого=7. восьмий=8. восьмого=8. девятий=9. девятого=9. десятий=10. десятого=10. "
          "одинадцятий=11. одинадцятого=11. дванадцятий=12. дванадцятого=12.",
    "ru": "ноль=0 один=1 одна=1 одного=1 одну=1 одно=1 два=2 две=2 двух=2 три=3 трех=3 "
          "четыре=4 четырех=4 пять=5 пяти=5 шесть=6 шести=6 семь=7 семи=7 восемь=8 восьми=8 "
          "девять=9 девяти=9 десять=10 десяти=10 одиннадцать=11 одиннадцати=11 "
          "двенадцать=12 двенадцати=12 тринадцать=13 четырнадцать=14 пятнадцать=15 "
          "шестнадцать=16 семнадцать=17 восемнадцать=18 девятнадцать=19 двадцать=20 "
          "двадцати=20 тридцать=30 тридцати=30 сорок=40 сорока=40 пятьдесят=50 "
          "пятидесяти=50 шестьдесят=60 первый=1. первого=1. второй=2. второго=2. третий=3. "
          "третьего=3. четвертый=4. пятый=5. пятого=5. шестой=6. шестого=6. седьмой=7. "
          "седьмого=7. восьмой=8. восьмого=8. девятый=9. девятого=9. десятый=10. десятого=10. "
          "одиннадцатый=11. одиннадцатого=11. двенадцатый=12. двенадцатого=12.",
    "tr": "sıfır=0 bir=1 iki=2 üç=3 dört=4 beş=5 altı=6 yedi=7 sekiz=8 dokuz=9 on=10 yirmi=20 "
          "otuz=30 kırk=40 elli=50 altmış=60 birinci=1. ikinci=2. üçüncü=3. dördüncü=4. "
          "beşinci=5. altıncı=6. yedinci=7. sekizinci=8. dokuzuncu=9. onuncu=10.",
}
# Latin transliteration typed without the script: Arabizi (digits for letters: "sab3 snin"),
# Finglish, Russian and Ukrainian in Latin letters ("haft sal", "sem let", "pyat rokiv").
_CARDINALS |= {
    "ar_latn": "wa7ad=1 wahad=1 wa7de=1 tnen=2 itnen=2 etnen=2 tlate=3 tlat=3 talata=3 "
               "arba3=4 arba3a=4 arba=4 5ams=5 khams=5 khamse=5 khamsa=5 set=6 sit=6 sitt=6 "
               "sitte=6 sab3=7 saba3=7 sab3a=7 tmen=8 taman=8 tamanye=8 tes3=9 tis3=9 tes3a=9 "
               "3ashr=10 3ashra=10 ashr=10 3eshreen=20 3ishreen=20 eshreen=20 arbaa=4 5amse=5 "
               "sabaa=7 tamanya=8 tis3a=9 ashra=10 ishrin=20 tlateen=30 talatin=30",
    "fa_latn": "yek=1 ye=1 do=2 se=3 chahar=4 char=4 panj=5 shish=6 shesh=6 haft=7 hasht=8 "
               "noh=9 dah=10 yazdah=11 davazdah=12 sizdah=13 chahardah=14 panzdah=15 poonzdah=15 "
               "shanzdah=16 hefdah=17 hejdah=18 noozdah=19 nuzdah=19 bist=20 si=30",
    "ru_latn": "odin=1 odna=1 dva=2 dve=2 tri=3 chetyre=4 pyat=5 shest=6 sem=7 vosem=8 "
               "devyat=9 desyat=10 dvadtsat=20 tridtsat=30",
    "uk_latn": "odyn=1 odna=1 dva=2 dvi=2 try=3 chotyry=4 pyat=5 shist=6 sim=7 visim=8 "
               "devyat=9 desyat=10 dvadtsyat=20 trydtsyat=30",
}
# Fractions that are numbers by themselves.
_WHOLE_FRACTIONS = {
    "en": "half=0.5", "de": "halb=0.5 halbe=0.5 halbes=0.5 halben=0.5 anderthalb=1.5 "
    "eineinhalb=1.5 einhalb=0.5", "ar": "نصف=0.5 نص=0.5", "fa": "نیم=0.5 نصف=0.5",
    "uk": "пів=0.5 половина=0.5 половиною=0.5 півтора=1.5 півтори=1.5 півроку=0.5y",
    "ru": "пол=0.5 половина=0.5 половиной=0.5 полтора=1.5 полгода=0.5y", "tr": "yarım=0.5 buçuk=0.5",
    "ar_latn": "nos=0.5 nus=0.5 noss=0.5", "fa_latn": "nim=0.5", "ru_latn": "poltora=1.5 polgoda=0.5y",
    "uk_latn": "pivtora=1.5 pivroku=0.5y",
}
_UNITS = {
    "en": "year=y years=y yr=y yrs=y month=m months=m",
    "de": "jahr=y jahre=y jahren=y jahres=y jahrs=y monat=m monate=m monaten=m monats=m",
    "ar": "سنه=y سنوات=y سنين=y سنتين=y2 سنتان=y2 عام=y اعوام=y عامين=y2 سنو=y شهر=m اشهر=m "
          "شهور=m شهرين=m2",
    "fa": "سال=y ساله=y سالی=y ماه=m ماهه=m",
    "uk": "рік=y роки=y років=y року=y роками=y місяць=m місяці=m місяців=m місяця=m",
    "ru": "год=y года=y лет=y годов=y годам=y месяц=m месяца=m месяцев=m",
    "tr": "yıl=y yıldır=y yıllık=y yılı=y sene=y senedir=y senelik=y ay=m aydır=m aylık=m",
    "ar_latn": "sene=y sana=y snin=y sneen=y sanawat=y snen=y santen=y2 santain=y2 sheher=m "
               "shahr=m shhur=m",
    "fa_latn": "sal=y saal=y sale=y mah=m maah=m",
    "ru_latn": "god=y goda=y let=y mesyats=m mesyatsa=m mesyatsev=m",
    "uk_latn": "rik=y roky=y rokiv=y misyats=m misyatsi=m misyatsiv=m",
}
# A singular unit with no number in front of it counts one ("اشتغلت سنة", "год работал").
_SINGULAR_UNITS = {"سنه", "عام", "شهر", "год", "рік", "місяць", "месяц", "sene", "sana", "god",
                   "rik"}
# Singular units that count one only before "and" and more ("year and a half", "سال و نیم").
_SINGULAR_BEFORE_AND = {"year", "month", "jahr", "monat", "yil", "سال", "ماه"}
_MARKERS = {
    # approximately
    "approx": {
        "en": "about around approximately approx roughly almost nearly maybe ca circa like over "
              "more than less",
        "de": "etwa ungefähr ungefaehr ca circa zirka rund fast knapp über mehr als weniger "
              "vielleicht so",
        "ar": "تقریبا حوالی حوالیه نحو شی یمکن اکثر اقل قرابه",
        "fa": "تقریبا حدود حدودا نزدیک قریب بیش بیشتر کمتر شاید",
        "uk": "близько приблизно десь майже біля понад більше менше мабуть",
        "ru": "около примерно приблизительно где то почти больше более меньше порядка наверное",
        "tr": "yaklaşık aşağı yukarı civarı civarında kadar neredeyse üzeri fazla az belki",
    },
    "since": {"en": "since", "de": "seit", "ar": "منذ", "fa": "", "uk": "", "ru": "",
              "tr": "beri yana"},
    "from": {"en": "from", "de": "von ab", "ar": "من", "fa": "از", "uk": "з із від зі",
             "ru": "с со от", "tr": "", "ru_latn": "s ot", "uk_latn": "z vid"},
    "to": {"en": "to till until", "de": "bis", "ar": "الی حتی لغایه", "fa": "تا",
           "uk": "до по", "ru": "до по", "tr": "", "ru_latn": "do", "uk_latn": "do"},
    "or": {"en": "or", "de": "oder", "ar": "او ولا", "fa": "یا", "uk": "або чи", "ru": "или",
           "tr": "veya ya yahut"},
    "and": {"en": "and", "de": "und", "ar": "و", "fa": "و", "uk": "і й та", "ru": "и",
            "tr": "ve", "ar_latn": "w wa we", "fa_latn": "o va"},
    "article": {"en": "a an", "de": "", "ar": "", "fa": "", "uk": "", "ru": "", "tr": ""},
    # an age, not a length: "from age 14 until I left at 26", "15 yaşında", "mit 24"
    "age": {"en": "age aged old", "de": "alt alter mit", "ar": "عمري عمر بعمر سني",
            "fa": "سالگی سالگیم سالم سنم", "uk": "віці віку", "ru": "возрасте возраста",
            "tr": "yaşında yasinda yaşındayken yasindayken yaşımda yasimda",
            "ar_latn": "3omri omri 3mri", "fa_latn": "salegi saalegi"},
    "now": {"en": "now today present", "de": "heute jetzt", "ar": "الان هلا هلق اليوم",
            "fa": "الان حالا اکنون امروز", "uk": "тепер зараз сьогодні",
            "ru": "сейчас сегодня настоящего", "tr": "şimdi bugün"},
}
# Which tables a message in each interface language is read with: its own, neighbours that
# people mix in, and English.
_READ_WITH = {"de": ("de", "en"), "en": ("en",), "ar": ("ar", "fa", "en"), "fa": ("fa", "ar", "en"),
              "uk": ("uk", "ru", "en"), "ru": ("ru", "uk", "en"), "tr": ("tr", "en")}
# Transliteration tables read after those, only with their own script's languages.
_LATIN_WITH = {"ar": ("ar_latn", "fa_latn"), "fa": ("fa_latn", "ar_latn"),
               "uk": ("uk_latn", "ru_latn"), "ru": ("ru_latn", "uk_latn")}
# Transliterated numbers that are everyday words too ("do", "set", "sem", "try"): numbers only
# right before a unit, like Persian "نه" (nine or no).
_ONLY_BEFORE_UNIT = {"نه", "do", "se", "si", "set", "sit", "sem", "try", "tri", "char", "ye",
                     "dah", "noh", "dva", "sim"}
# Turkish case endings glued to a year: "2015'ten beri", "2010'dan 2016'ya".
_FROM_SUFFIX = {"den", "dan", "ten", "tan"}
_TO_SUFFIX = {"e", "a", "ye", "ya"}
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th", "te", "ten", "ter", "inci", "ıncı", "uncu", "üncü",
                   "nci", "ncı", "ncu", "ncü", "om", "ом", "ий", "ый", "го", "й", "м", "ми"}
_DE_COMPOUND = re.compile(r"^(ein|zwei|drei|vier|fuenf|funf|sechs|sieben|acht|neun)und"
                          r"(zwanzig|dreissig|vierzig|funfzig|fuenfzig|sechzig)$")
_DE_HALF = re.compile(r"^(ein|zwei|drei|vier|funf|fuenf|sechs|sieben|acht|neun|zehn)einhalb$")
# A word that starts with letters may hold digits for letters (Arabizi "sab3", "5ams" read
# whole only when the table knows it; "3years" is three years).
_TOKEN = re.compile(r"([^\W\d_]+\d[^\W_]*)|(\d+(?:[.,]\d+)?)([^\W\d_]*)|([^\W\d_]+)|(½)|"
                    r"(-|–|—|~|\+)")
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ı": "i", "\u0640": "",
                       "ё": "е", "ʼ": "", "'": "", "’": "", "`": "", "\u200c": ""})


def fold_word(word: str) -> str:
    """The form words are compared in: 'Yıl', 'yil' and 'YIL' alike; 'п'ять' is 'пять'."""
    word = word.casefold().translate(_FOLD)
    # й/ї keep their letter (NFKD would turn й into и); other accents and hamza go.
    kept = {"й": "\x01", "ї": "\x02"}
    for letter, mark in kept.items():
        word = word.replace(letter, mark)
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return word.replace("\x01", "й").replace("\x02", "ї").translate(_FOLD)


def _pairs(spec: str) -> dict[str, str]:
    return {fold_word(word): value for word, _, value in (item.partition("=")
                                                          for item in spec.split())}


@cache
def _tables(lang: str) -> dict[str, dict[str, str]]:
    langs = (*_READ_WITH.get(lang, ("en",)), *_LATIN_WITH.get(lang, ()))
    tables: dict[str, dict[str, str]] = {"number": {}, "fraction": {}, "unit": {}}
    for code in reversed(langs):  # the message's own language wins a conflict
        tables["number"].update(_pairs(_CARDINALS[code]))
        tables["fraction"].update(_pairs(_WHOLE_FRACTIONS[code]))
        tables["unit"].update(_pairs(_UNITS[code]))
        for name, per_lang in _MARKERS.items():
            tables.setdefault(name, {}).update(
                {fold_word(w): name for w in per_lang.get(code, "").split()})
    return tables


# --- reading ---------------------------------------------------------------------------------

@dataclass
class Token:
    kind: str  # num, frac, unit, approx, since, from, to, or, and, now, dash, word
    value: float = 0.0
    unit: str | None = None  # "y" or "m" on unit tokens
    ordinal: bool = False
    digits: bool = False  # written with digits (a four-digit year is only ever digits)
    text: str = ""


def _word_token(word: str, tables: dict[str, dict[str, str]]) -> list[Token]:
    folded = fold_word(word)
    candidates = [("", folded)]
    if re.match(r"^[\u0600-\u06ff]", folded):
        # Arabic prefixes: "وعشرين", "ونص", "والتاسع", "بالسنه"
        for prefix in ("وال", "بال", "ال", "و", "ب", "ل"):
            shortest = 2 if prefix in ("و", "ال") else 3
            if folded.startswith(prefix) and len(folded) - len(prefix) >= shortest:
                candidates.append((prefix, folded[len(prefix):]))
    for prefix, candidate in candidates:
        found = _lookup(candidate, tables, word)
        if found:
            return [Token("and", text="و"), *found] if prefix.startswith("و") else found
    # glued compounds: "yirmibir", "einundzwanzig", "zweieinhalb"
    match = _DE_COMPOUND.match(folded)
    if match:
        unit, tens = (_lookup(part, tables, part) for part in match.groups())
        if unit and tens:
            return [Token("num", value=unit[0].value + tens[0].value, text=word)]
    match = _DE_HALF.match(folded)
    if match:
        base = _lookup(match.group(1), tables, word)
        if base:
            return [Token("num", value=base[0].value + 0.5, text=word)]
    for cut in range(2, len(folded) - 1):
        head, tail = _lookup(folded[:cut], tables, word), _lookup(folded[cut:], tables, word)
        if head and tail and head[0].kind == tail[0].kind == "num" and head[0].value >= 20 \
                and tail[0].value < 10:
            return [Token("num", value=head[0].value + tail[0].value, ordinal=tail[0].ordinal,
                          text=word)]
    return [Token("word", text=folded)]


def _lookup(folded: str, tables: dict[str, dict[str, str]], raw: str) -> list[Token]:
    if folded in tables["number"]:
        value = tables["number"][folded]
        return [Token("num", value=float(value.rstrip(".")), ordinal=value.endswith("."),
                      text=raw)]
    if folded in tables["fraction"]:
        value = tables["fraction"][folded]
        if value.endswith("y"):
            return [Token("num", value=float(value[:-1]), text=raw), Token("unit", unit="y")]
        return [Token("frac", value=float(value), text=raw)]
    if folded in tables["unit"]:
        value = tables["unit"][folded]
        token = Token("unit", unit=value[0], text=folded)
        if len(value) > 1:  # Arabic dual: "سنتين" is two years
            return [Token("num", value=float(value[1:]), text=raw), token]
        return [token]
    for name in ("approx", "since", "from", "to", "or", "and", "now", "article", "age"):
        if folded in tables[name]:
            return [Token(name, text=folded)]
    return []


def tokenise(text: str, lang: str) -> list[Token]:
    tables = _tables(lang)
    text = normalise_digits(unicodedata.normalize("NFC", text))
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text.replace("’", "'").replace("'", "")):
        arabizi, digits, suffix, word, half, symbol = match.groups()
        if digits and suffix and _lookup(fold_word(digits + suffix), tables, digits + suffix):
            word, digits, suffix = digits + suffix, None, None  # "5ams", "3ashra"
        if arabizi:
            tokens.extend(_word_token(arabizi, tables))
        elif digits:
            tokens.append(Token("num", value=float(digits.replace(",", ".")), digits=True,
                                text=digits))
            folded = fold_word(suffix or "")
            if folded in _FROM_SUFFIX:
                tokens.append(Token("from", text=folded))
            elif folded in _TO_SUFFIX and len(digits) == 4:
                tokens.append(Token("to", text=folded))
            elif folded in _ORDINAL_SUFFIX:
                tokens[-1].ordinal = True
            elif folded:
                tokens.extend(_word_token(suffix, tables))
        elif word:
            tokens.extend(_word_token(word, tables))
        elif half:
            tokens.append(Token("frac", value=0.5, text=half))
        elif symbol in ("~",):
            tokens.append(Token("approx", text=symbol))
        elif symbol == "+":
            tokens.append(Token("approx", text=symbol))
        else:
            tokens.append(Token("dash", text=symbol))
    return tokens


@dataclass
class Quantity:
    value: float
    unit: str | None = None  # "y", "m" or None
    ordinal: bool = False
    digits: bool = False
    start: int = 0  # index of the first token
    end: int = 0  # index after the last token


def quantities(tokens: list[Token]) -> list[Quantity]:
    """Numbers made of one or more tokens, with the unit that follows them."""
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "num" and fold_word(token.text) in _ONLY_BEFORE_UNIT \
                and not _unit_near(tokens, i):
            i += 1  # Persian "نه" is nine only before a unit; alone it is "no"
            continue
        singular = token.kind == "unit" and (
            token.text in _SINGULAR_UNITS | _SINGULAR_BEFORE_AND
            or (i > 0 and tokens[i - 1].kind == "article"))
        if singular:
            k = _skip(tokens, i + 1, ("and", "article"))
            if k > i + 1 and k < len(tokens) and tokens[k].kind == "frac":
                # "سنة ونص": a year and a half
                found.append(Quantity(1 + tokens[k].value, unit=token.unit, start=i, end=k + 1))
                i = k + 1
                continue
            if k > i + 1 and k < len(tokens) and tokens[k].kind == "num":
                # "سنة و ستة أشهر", "год и три месяца": the unit alone counts one, then the
                # rest is read (a unit after a number is taken with that number, never here)
                found.append(Quantity(1.0, unit=token.unit, start=i, end=i + 1))
                i += 1
                continue
        if token.kind not in ("num", "frac"):
            i += 1
            continue
        quantity = Quantity(token.value, ordinal=token.ordinal, digits=token.digits, start=i)
        j = i + 1
        while j < len(tokens):
            k = _skip(tokens, j, ("and", "from", "article"))
            if k >= len(tokens):
                break
            nxt, joined = tokens[k], k > j
            if tokens[j].kind == "dash" and j + 1 < len(tokens) and tokens[j + 1].kind == "num":
                nxt, k = tokens[j + 1], j + 1  # "twenty-one"
            if nxt.kind == "num" and not nxt.digits and not quantity.digits \
                    and _combines(quantity.value, nxt.value, joined=joined):
                quantity.value += nxt.value
                quantity.ordinal = quantity.ordinal or nxt.ordinal
                j = k + 1
                continue
            if nxt.kind == "frac" and nxt.value == 0.5:
                if joined or fold_word(nxt.text) == "bucuk":
                    # "five and a half", "beş buçuk", "خمس ونص", "пять с половиной"
                    quantity.value += 0.5
                    j = k + 1
                    continue
                if quantity.value == 1 and not quantity.digits:
                    quantity.value = 0.5  # "ein halbes Jahr", "one half"
                    j = k + 1
                    continue
            break
        k = _skip(tokens, j, ("article",))
        if k < len(tokens) and tokens[k].kind == "unit":
            quantity.unit = tokens[k].unit
            j = k + 1
            # "5 years and a half", "پنج سال و نیم", "пять лет с половиной"
            k = _skip(tokens, j, ("and", "from", "article"))
            if k < len(tokens) and tokens[k].kind == "frac" and tokens[k].value == 0.5 \
                    and (k > j or fold_word(tokens[k].text) == "bucuk"):
                quantity.value += 0.5
                j = k + 1
        quantity.end = j
        found.append(quantity)
        i = j
    if not found:
        # one unit alone: "a year", "اشتغلت سنة", "год работал"
        for index, token in enumerate(tokens):
            article = index > 0 and tokens[index - 1].kind == "article"
            if token.kind == "unit" and (article or token.text in _SINGULAR_UNITS):
                found.append(Quantity(1.0, unit=token.unit, start=index, end=index + 1))
                break
    return found


def _skip(tokens: list[Token], j: int, kinds: tuple[str, ...]) -> int:
    while j < len(tokens) and tokens[j].kind in kinds:
        j += 1
    return j


def _unit_near(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].kind == "unit"


def _combines(current: float, following: float, *, joined: bool) -> bool:
    tens = current >= 20 and current % 10 == 0
    if tens and 0 < following < 10:
        return True  # twenty one, بیست و یک, двадцять один, yirmi bir
    if current == 10 and 0 < following < 10:
        return True  # Turkish "on bir"
    if 0 < current < 10 and following == 10:
        return True  # Arabic "ثلاث عشر", "الحادي عشر"
    if 0 < current < 10 and following >= 20 and following % 10 == 0 and joined:
        return True  # Arabic "واحد وعشرين"
    return False


@dataclass(frozen=True)
class Reading:
    """What a message says as a count of years."""

    years: float | None = None
    approximate: bool = False
    problem: str | None = None  # "none", "several", "range", "out_of_range"
    quantities: tuple[Quantity, ...] = ()
    tokens: tuple[Token, ...] = ()


def calendar_year(number: int, today: _dt.date | None = None) -> tuple[int, int] | None:
    """(year, this year in that calendar) for a four-digit year: Gregorian or Solar Hijri."""
    today = today or _dt.date.today()
    solar_now = today.year - (621 if (today.month, today.day) >= (3, 21) else 622)
    if 1940 <= number <= today.year:
        return number, today.year
    if 1320 <= number <= solar_now:
        return number, solar_now
    return None


# Ages a working life lies between ("from 15 to 27 years old").
# School starts at five to seven: an age span may start there ("from age 6 till 18").
MIN_START_AGE = 5
# "from 7 to 17" is two ages when the second is at least this far above the first; closer, it
# is a range of lengths ("from 2 to 3 years"), asked as one number.
MIN_AGE_SPAN = 4
MAX_AGE = 80


def read_years(text: str, lang: str, today: _dt.date | None = None) -> Reading:
    """A duration in years: "seven years", "около пяти лет", "3 years and 6 months",
    "since 2015", "from 2010 to 2016", "۲۰۱۰-۲۰۱۶"."""
    if re.match(r"^\s*[-−]\s*\d", normalise_digits(text)):
        return Reading(problem="negative")
    tokens = tokenise(text, lang)
    approximate = any(t.kind == "approx" for t in tokens)
    found = quantities(tokens)
    calendar = [(q, calendar_year(int(q.value), today)) for q in found
                if q.digits and q.value == int(q.value) and q.value >= 1000]
    years_given = [(q, c) for q, c in calendar if c]
    if years_given:
        return _span(years_given, tokens, found, approximate)
    if not found:
        return Reading(problem="none", tokens=tuple(tokens))
    ages = [q.value for q in found if not q.ordinal and q.unit in (None, "y")]
    if (any(t.kind == "age" for t in tokens) or _from_age_to_age(tokens, found)) \
            and len(ages) == 2 and MIN_START_AGE <= ages[0] < ages[1] <= MAX_AGE:
        # "from age 14 until I left at 26", "15 yaşında başladım, 27 yaşında çıktım", "с 7 лет
        # до 17": the years between two ages
        return Reading(years=ages[1] - ages[0], approximate=approximate, quantities=tuple(found),
                       tokens=tuple(tokens))
    for before, after in zip(found, found[1:], strict=False):
        between = {t.kind for t in tokens[before.end:after.start]}
        if between & {"or", "dash", "to"} and after.start - before.end <= 2:
            return Reading(problem="range", approximate=True, quantities=tuple(found),
                           tokens=tuple(tokens))
    counted = [q for q in found if not q.ordinal] or found
    # The same length said twice is one length: "6 months, half a year", "полгода, шесть
    # месяцев", "5 years, yes 5 years".
    year_values = {q.value for q in counted if q.unit in (None, "y")}
    month_values = {q.value for q in counted if q.unit == "m"}
    if len(year_values) == 1 and len(month_values) == 1 \
            and abs(next(iter(month_values)) / 12 - next(iter(year_values))) < 0.01:
        month_values = set()
    if len(year_values) > 1 or len(month_values) > 1 \
            or (year_values and month_values and max(month_values) >= 12):
        # "2 or 3 years" is a range (above); "2 years, 18 months" says two lengths
        return Reading(problem="several", quantities=tuple(found), tokens=tuple(tokens))
    years = (year_values.pop() if year_values else 0.0) + \
        (month_values.pop() / 12 if month_values else 0.0)
    return Reading(years=round(years, 2), approximate=approximate, quantities=tuple(found),
                   tokens=tuple(tokens))


def _from_age_to_age(tokens: list[Token], found: list[Quantity]) -> bool:
    """"с 7 лет до 17", "from 6 to 18": "from" before the first of two numbers, "to" between
    them, and too far apart for a range of lengths."""
    if len(found) != 2 or found[0].value < MIN_START_AGE \
            or found[1].value - found[0].value < MIN_AGE_SPAN:
        return False
    before = {t.kind for t in tokens[max(0, found[0].start - 1):found[0].start]}
    between = {t.kind for t in tokens[found[0].end:found[1].start]}
    return "from" in before and "to" in between


def _span(years_given: list[tuple[Quantity, tuple[int, int] | None]], tokens: list[Token],
          found: list[Quantity], approximate: bool) -> Reading:
    """Years between two calendar years, or from one until now."""
    first, (start, now) = years_given[0]
    if len(years_given) >= 4 and len(years_given) % 2 == 0:
        # "from 2012 to 2019, then again 2021-2023": the spans added up
        pairs = [(years_given[i][1][0], years_given[i + 1][1][0])
                 for i in range(0, len(years_given), 2)]
        if all(a <= b for a, b in pairs) and all(
                pairs[i][1] <= pairs[i + 1][0] for i in range(len(pairs) - 1)):
            return Reading(years=float(sum(b - a for a, b in pairs)), approximate=approximate,
                           quantities=tuple(found), tokens=tuple(tokens))
    if len(years_given) >= 2:
        _, (end, _) = years_given[1]
        if end < start:
            return Reading(problem="several", tokens=tuple(tokens))
        return Reading(years=float(end - start), approximate=approximate,
                       quantities=tuple(found), tokens=tuple(tokens))
    before = {t.kind for t in tokens[max(0, first.start - 3):first.start]}
    after = {t.kind for t in tokens[first.end:first.end + 3]}
    if before & {"since", "from"} or after & {"since", "from", "to", "now"}:
        return Reading(years=float(now - start), approximate=approximate,
                       quantities=tuple(found), tokens=tuple(tokens))
    return Reading(problem="several", tokens=tuple(tokens))  # a bare year is no duration
