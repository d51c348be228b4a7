"""Numbers spelled out in words, rewritten as digits, for dates written in words.

"vierzehnten Juli neunzehnhundertneunzig" -> "14 Juli 1990", "twenty first of may 1990" ->
"21 of may 1990", "пятнадцатого марта тысяча девятьсот девяностого" -> "15 марта 1990",
"بیست و یکم مهر هزار و سیصد و هفتاد" -> "21 مهر 1370". dateparser reads month names but no
number words, and the installed alternatives do not cover ar/fa/uk/ru/tr (see numbers.py), so
this reuses the cardinal and ordinal tables of numbers.py and adds hundreds, thousands and the
ordinal endings a day of the month takes (up to 31). A run of number words becomes one number
unless the words cannot follow each other ("nineteen eighty one" is 1981: a year said in two
halves); an ordinal ends a number ("twenty first | may").
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.normalisers.numbers import _LATIN_WITH, _READ_WITH, _lookup, _tables, _word_token, fold_word

# Tens above sixty, hundreds and thousands (numbers.py stops at sixty: no one works longer).
_BIG = {
    "en": "seventy=70 eighty=80 ninety=90 hundred=100 thousand=1000",
    "de": "siebzig=70 achtzig=80 neunzig=90 hundert=100 einhundert=100 tausend=1000 "
          "eintausend=1000",
    "ar": "سبعين=70 سبعون=70 ثمانين=80 تمانين=80 ثمانون=80 تسعين=90 تسعون=90 مية=100 مئة=100 "
          "مائة=100 ميه=100 مئتين=200 ميتين=200 تسعمية=900 تسعمئة=900 تسعمائة=900 تسعميه=900 "
          "ثمانمية=800 ثمانمئة=800 ثمانمائة=800 تمنمية=800 تمانمية=800 الف=1000 ألف=1000 "
          "الفين=2000 ألفين=2000 ألفان=2000",
    "fa": "هفتاد=70 هشتاد=80 نود=90 صد=100 یکصد=100 دویست=200 سیصد=300 چهارصد=400 "
          "پانصد=500 ششصد=600 هفتصد=700 هشتصد=800 نهصد=900 هزار=1000",
    "uk": "сімдесят=70 вісімдесят=80 девяносто=90 сто=100 девятсот=900 вісімсот=800 "
          "тисяча=1000 тисячі=1000 дві=2 двохтисячного=2000.",
    "ru": "семьдесят=70 восемьдесят=80 девяносто=90 сто=100 девятьсот=900 восемьсот=800 "
          "тысяча=1000 тысячи=1000 двухтысячного=2000.",
    "tr": "yetmiş=70 seksen=80 doksan=90 yüz=100 bin=1000 yirmibir=21",
    # Latin transliteration people type without the script (its small numbers are in numbers.py)
    "fa_latn": "hezar=1000 sisad=300 haftad=70 hashtad=80 navad=90",
    "ru_latn": "tysyacha=1000 devyatsot=900 vosemdesyat=80 devyanosto=90 semdesyat=70",
    "uk_latn": "tysyacha=1000 devyatsot=900 visimdesyat=80 devyanosto=90 simdesyat=70",
}
# Short transliterated words that are other words too ("do", "se", "sem", "try"): numbers only
# in a run with another number word or next to digits.
_AMBIGUOUS = frozenset({"do", "se", "si", "sem", "try", "tri", "char", "dah", "noh", "bin",
                        "yek", "sim", "dva"})
# Ordinal stems of Russian and Ukrainian ("пятнадцатого", "двадцять першого"), and German
# ordinal stems that differ from the cardinal ("ersten", "dritten", "siebten").
_ORDINAL_STEMS = {
    "ru": "перв=1 втор=2 трет=3 треть=3 четверт=4 пят=5 шест=6 седьм=7 восьм=8 девят=9 "
          "десят=10 одиннадцат=11 двенадцат=12 тринадцат=13 четырнадцат=14 пятнадцат=15 "
          "шестнадцат=16 семнадцат=17 восемнадцат=18 девятнадцат=19 двадцат=20 тридцат=30 "
          "сороков=40 пятидесят=50 шестидесят=60 семидесят=70 восьмидесят=80 девяност=90 "
          "сот=100 тысячн=1000 двухтысячн=2000",
    "uk": "перш=1 друг=2 трет=3 треть=3 четверт=4 пят=5 шост=6 сьом=7 восьм=8 девят=9 "
          "десят=10 одинадцят=11 дванадцят=12 тринадцят=13 чотирнадцят=14 пятнадцят=15 "
          "шістнадцят=16 сімнадцят=17 вісімнадцят=18 девятнадцят=19 двадцят=20 тридцят=30 "
          "сороков=40 пятдесят=50 шістдесят=60 сімдесят=70 вісімдесят=80 девяност=90 "
          "тисячн=1000 двохтисячн=2000",
    "de": "erst=1 zweit=2 dritt=3 viert=4 fünft=5 sechst=6 siebt=7 siebent=7 acht=8 neunt=9 "
          "zehnt=10 elft=11 zwölft=12",
    "tr": "dord=4",
}
_ORDINAL_ENDINGS = {
    "ru": ("ьего", "ого", "его", "ому", "ему", "ый", "ий", "ой", "ое", "ая", "ом", "го", "е"),
    "uk": ("ього", "ого", "ому", "ий", "ій", "ої", "е", "а", "го"),
    "de": ("sten", "ste", "ster", "stem", "stes", "ten", "ter", "tem", "tes", "te", "en", "er",
           "em", "es", "e", "n"),
    "en": ("th",),
    "fa": ("مین", "ام", "م"),
    "tr": ("inci", "uncu", "nci", "ncu"),
}
# "Thousand" glued to the number before it, as people type a year ("двотисячі третього",
# "дветысячи", "ikibin", "dohezar"): the head is read as a number (or a compound's first part).
_THOUSANDS = tuple(fold_word(w) for w in (
    "тисячі тисяча тисяч тысячи тысяча тысяч thousand tausend bin هزار الف الفين hezar "
    "tysyacha tysyachi tysiachi").split())
_COMPOUND_HEADS = {fold_word(w): 2.0 for w in "дво двох двух дву dvo dvukh dvuh dvokh".split()}
_LATIN_AND = {"ar_latn": ("w", "wa", "we", "u"), "fa_latn": ("o", "va"), "ru_latn": ("i",),
              "uk_latn": ("i", "ta")}
_WORD_OR_GAP = re.compile(r"([^\W_]+(?:['’ʼ][^\W_]+)*)")


@cache
def _big(lang: str) -> dict[str, tuple[float, bool]]:
    table: dict[str, tuple[float, bool]] = {}
    for code in reversed(_languages(lang)):
        for item in _BIG.get(code, "").split():
            word, _, value = item.partition("=")
            table[fold_word(word)] = (float(value.rstrip(".")), value.endswith("."))
    return table


@cache
def _languages(lang: str) -> tuple[str, ...]:
    return (*_READ_WITH.get(lang, ("en",)), *_LATIN_WITH.get(lang, ()))


@cache
def _stems(lang: str) -> dict[str, float]:
    stems: dict[str, float] = {}
    for code in reversed(_languages(lang)):
        for item in _ORDINAL_STEMS.get(code, "").split():
            word, _, value = item.partition("=")
            stems[fold_word(word)] = float(value)
    return stems


@cache
def _vocabulary(lang: str) -> dict[str, tuple[float, bool]]:
    """Every whole number word known for `lang`, for forgiving a typing mistake."""
    words = {w: (float(v.rstrip(".")), v.endswith(".")) for w, v in _tables(lang)["number"].items()}
    return {**words, **_big(lang)}


def _plain(folded: str, lang: str) -> tuple[float, bool] | None:
    """(value, ordinal) of one folded word from the tables, without endings or typos."""
    found = _lookup(folded, _tables(lang), folded)
    if len(found) == 1 and found[0].kind == "num":
        return found[0].value, found[0].ordinal
    return _big(lang).get(folded)


def _german(folded: str, lang: str) -> float | None:
    """'neunzehnhundertneunzig', 'tausendneunhunderteinundachtzig', 'einundzwanzig'."""
    for word, size in (("tausend", 1000.0), ("hundert", 100.0)):
        head, found, tail = folded.partition(word)
        if found:
            left = _german(head, lang) if head else 1.0
            right = _german(tail, lang) if tail else 0.0
            if left is None or right is None or right >= size:
                return None
            return left * size + right
    plain = _plain(folded, lang)
    if plain:
        return plain[0]
    unit, found, tens = folded.partition("und")  # "achtundachtzig"
    if found and unit and tens:
        low, high = _plain(unit, lang), _plain(tens, lang)
        if low and high and low[0] < 10 and high[0] >= 20 and high[0] % 10 == 0:
            return low[0] + high[0]
    return None


def _ordinal(folded: str, lang: str) -> float | None:
    """A day written as an ordinal with an ending ("vierzehnten", "fourteenth", "пятого")."""
    for code in _languages(lang):
        for ending in _ORDINAL_ENDINGS.get(code, ()):
            if not folded.endswith(ending) or len(folded) - len(ending) < 2:
                continue
            stem = folded[: -len(ending)]
            if stem in _stems(lang):
                return _stems(lang)[stem]
            if code == "en" and stem.endswith("ie"):
                stem = stem[:-2] + "y"  # "twentieth"
            value = _plain(stem, lang) or ((v, False) if (v := _german(stem, lang)) else None)
            if value and (code != "de" or value[0] >= 4):
                return value[0]
    return None


def word_value(word: str, lang: str, *, typos: bool = False) -> tuple[float, bool, bool] | None:
    """(value, ordinal, joined by "and") of one number word, or None if it is none."""
    found = _word_value(word, lang, typos=typos)
    folded = fold_word(word)
    if found is None and "de" in _languages(lang) and re.search(r"[aou]e", folded):
        # German typed without umlauts: "fuenfzehnten", "zwoelf" ("fünf" folds to "funf")
        found = _word_value(re.sub(r"([aou])e", r"\1", folded), lang, typos=typos)
    if found is None and lang in ("ru", "uk") and folded.isascii() and folded.isalpha() \
            and len(folded) > 3:
        # Russian or Ukrainian in Latin letters, in any spelling ("dvadcat pjatoe", "vtorogo"):
        # read in Cyrillic, where the ordinals and their endings are
        found = _word_value(_to_cyrillic(folded), lang, typos=typos)
    return found


# Latin spellings of Cyrillic letters, longest first (several schemes: "ja"/"ya", "c"/"ts").
_CYRILLIC = (("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
             ("ts", "ц"), ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("yo", "ё"),
             ("jo", "ё"), ("ye", "е"), ("je", "е"), ("a", "а"), ("b", "б"), ("v", "в"),
             ("w", "в"), ("g", "г"), ("h", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
             ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
             ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("c", "ц"), ("y", "ы"))


def _to_cyrillic(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        for latin, cyrillic in _CYRILLIC:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def _word_value(word: str, lang: str, *, typos: bool) -> tuple[float, bool, bool] | None:
    folded = fold_word(word)
    if not folded or folded.isdigit():
        return None
    tokens = _word_token(word, _tables(lang))
    numbers = [t for t in tokens if t.kind == "num"]
    if len(numbers) == 1 and all(t.kind in ("num", "and") for t in tokens):
        return numbers[0].value, numbers[0].ordinal, tokens[0].kind == "and"
    joined = False
    if re.match(r"^[\u0600-\u06ff]", folded) and folded.startswith("و") and len(folded) > 3:
        if _plain(folded[1:], lang) or _ordinal(folded[1:], lang):
            folded, joined = folded[1:], True  # "وتسعمية", "وهفتاد"
    plain = _plain(folded, lang)
    if plain:
        return plain[0], plain[1], joined
    if lang == "de" or "de" in _languages(lang):
        german = _german(folded, lang)
        if german:
            return german, False, joined
    ordinal = _ordinal(folded, lang)
    if ordinal:
        return ordinal, True, joined
    glued = _glued_thousands(folded, lang)
    if glued:
        return glued, False, joined
    if typos and len(folded) >= 5 and folded.isalpha():
        vocabulary = _vocabulary(lang)
        matches = process.extract(folded, list(vocabulary), scorer=OSA.distance,
                                  score_cutoff=1, limit=3)
        values = {vocabulary[m[0]] for m in matches}
        if len(values) == 1:  # "ninteen", "fourty", "eightty"
            value, ordinal_flag = values.pop()
            return value, ordinal_flag, joined
    return None


def _glued_thousands(folded: str, lang: str) -> float | None:
    """'двотисячі' 2000, 'ikibin' 2000: a number glued to the word for thousand."""
    for word in _THOUSANDS:
        head, found, tail = folded.rpartition(word)
        if not found or tail or not head:
            continue
        value = _COMPOUND_HEADS.get(head) or (_plain(head, lang) or (0.0, False))[0]
        if 0 < value < 10:
            return value * 1000
    return None


def _smallest_place(value: float) -> float:
    """What may still be added after a number word: after "twenty" a unit, after "ninety
    one" nothing, after "nine hundred" less than a hundred."""
    if value >= 1000 and value % 1000 == 0:
        return 1000
    if value >= 100 and value % 100 == 0:
        return 100
    if value >= 20 and value % 10 == 0:
        return 10
    return 0


def _combine(values: list[tuple[float, bool, bool]]) -> list[int]:
    """The numbers a run of number words says, in order."""
    numbers: list[int] = []
    total, current, last = 0.0, 0.0, 0.0
    room: float | None = None  # what may still be added; None before the first word
    ordinal_seen = century = False

    def start(value: float) -> None:
        nonlocal total, current, room, century, ordinal_seen, last
        total, current, century, ordinal_seen = 0.0, value, False, False
        room = _smallest_place(value)
        if value == 1000:
            total, current = 1000.0, 0.0

    for value, ordinal, joined in values:
        if room is None:
            start(value)
        elif value == 100 and 0 < current < 100 and not ordinal_seen:
            current, room = current * 100, 100  # "nineteen hundred", "dokuz yüz"
        elif value == 1000 and total == 0 and 0 < current < 1000 and not ordinal_seen:
            total, current, room = current * 1000, 0.0, 1000  # "две тысячи"
        elif value == 10 and 0 < last < 10 and current % 100 == last:
            current, room = current + 10, 0  # Arabic "خمس عشر", "الخامس عشر"
        elif (joined and 0 < last < 10 and 20 <= value < 100 and value % 10 == 0
              and (current - last) % 100 == 0):
            current, room = current + value, 0  # Arabic "واحد وعشرين", "اثنين وتسعين"
        elif current % 100 == 10 and 0 < value < 10 and not ordinal_seen:
            current, room = current + value, 0  # Turkish "on dört"
        elif 0 < value < room and not ordinal_seen:
            current += value
            room = min(_smallest_place(value), room)
        elif (10 <= current < 100 and total == 0 and 10 <= value < 100 and not century
              and not ordinal_seen):
            # a year said in two halves: "nineteen eighty one", "neunzehn neunzig"
            current, room, century = current * 100 + value, _smallest_place(value), True
        else:
            numbers.append(int(total + current))
            start(value)
        last = value
        ordinal_seen = ordinal_seen or ordinal
        if ordinal:
            room = 0
    if room is not None:
        numbers.append(int(total + current))
    return numbers


def spell_out_as_digits(text: str, lang: str, *, typos: bool = True) -> str:
    """`text` with every run of number words replaced by its digits; other words, digits and
    punctuation are kept as written."""
    parts = _WORD_OR_GAP.split(text)  # gaps at even indices, words at odd ones
    and_words = set(_tables(lang)["and"]) | {
        w for code in _languages(lang) for w in _LATIN_AND.get(code, ())}
    out: list[str] = []
    run: list[tuple[float, bool, bool]] = []
    run_words: list[str] = []
    held = ""  # an "and" inside a run, kept until a number word follows it

    def flush() -> None:
        nonlocal held
        if run:
            alone = len(run_words) == 1 and fold_word(run_words[0]) in _AMBIGUOUS
            out.append(run_words[0] if alone else " ".join(str(n) for n in _combine(run)))
            if held:
                out.append(f" {held}")
        run.clear()
        run_words.clear()
        held = ""

    for index, part in enumerate(parts):
        if index % 2 == 0:
            if run and part.strip(" -") == "":
                continue  # the space or hyphen inside "twenty-one", "бист و یک"
            flush()
            out.append(part)
            continue
        if run and not held and fold_word(part) in and_words:
            held = part
            continue
        value = word_value(part, lang, typos=typos)
        if value is None:
            flush()
            out.append(("" if not out or out[-1].endswith((" ", "\n")) else " ") + part)
            continue
        if held:
            value, held = (value[0], value[1], True), ""
        elif run and not run_words:
            pass
        if not run and out and not out[-1].endswith((" ", "\n")) and out[-1].strip():
            out.append(" ")
        run.append(value)
        run_words.append(part)
    flush()
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()
