"""German municipalities (Destatis Gemeindeverzeichnis) found in what people type.

`find_municipality(text, lang)` takes an answer to "where do you live?" in any of the interface
languages and returns the official municipality (German name, AGS, district, state) or None. It
finds the place in a sentence ("I live in Leipzig", "живу в Лейпцигу", "Leipzig'de yaşıyorum"),
by postcode (also in Arabic-Indic or Persian digits), by its German name with umlaut variants and
typing mistakes ("Muenchen", "dresdn"), by exonyms and names in other scripts from a curated list
(`data/municipality_names.tsv`: "Munich", "Кёльн", "لايبزيغ"), by a well-known city district
("Neukölln"), and otherwise by transliterating Arabic, Persian or Cyrillic script and comparing
consonant skeletons (Arabic script writes few vowels). Among municipalities of the same name the
most populous is taken ("Halle" is Halle (Saale)); a guess is marked `uncertain`.

Cyrillic is also spelled back into German ("Паунсдорф" paunsdorf, "Вурцен" wurzen), and Arabic
script read with و/ی as vowels or consonants. Guesses by spelling favour the deployment's region
(HOME_STATES: Sachsen, Sachsen-Anhalt), since most people live in or around Leipzig.

Several places in one answer: a name after "Landkreis" is the district, not its town ("Borna,
Landkreis Leipzig" is Borna; "Landkreis Leipzig" alone is no municipality); the place one lives
near ("Markkleeberg bei Leipzig"), comes from ("aus Halle", "Berlin'den") or lived in before is
not home; of the rest, the one beside "wohne/live/живу/اسكن/زندگی/yaşıyorum" is. Two left
("Berlin oder Leipzig"): `several`, and the normaliser asks again rather than store either.
A street's name ("Wurzner Straße 5", "شارع برلين") is no place.

A part of a city named like a municipality elsewhere ("Möckern", "Schönefeld", "Lindenau"):
beside the city's name it is the city ("Möckern, Leipzig"); alone it is the municipality of that
name, unless that is a village of under 1% of the city's population (Lindenau, Brandenburg:
750 people), and either way `ambiguous`, for the caseworker to check.

The index is built once (lru_cache) from the tables in `data/` (see `data/NOTICE.md`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

DATA = Path(__file__).resolve().parent / "data"

# Scores by how a name was found; a match below UNCERTAIN_BELOW is a guess for the caseworker.
EXACT, BASE, EXONYM, DISTRICT, POSTCODE = 1.0, 0.97, 1.0, 0.95, 1.0
# Cyrillic spelled back into exactly a German name: the best guess, but a guess (one of several
# readings of Г, Х, АЙ; a case ending may be part of the name).
TRANSLITERATED = 0.85
UNCERTAIN_BELOW = 0.9
# Another municipality of the same name with at least this share of the chosen one's population
# makes the name ambiguous ("Neustadt"); "Halle (Westf.)" beside Halle (Saale) does not.
AMBIGUOUS_SHARE = 0.25
PART_SHARE = 0.01
# Guesses by spelling or sound favour where the deployment is (Leipzig): people live in or around
# it. A municipality in these states counts as ten times its population when guesses are ranked.
HOME_STATES = frozenset({"Sachsen", "Sachsen-Anhalt"})
HOME_WEIGHT = 10
# A city's part counts as a town of this size when guesses are ranked, not as the whole city:
# "Deutz" must not pull every Arabic "ts" towards Köln.
PART_POPULATION = 15_000
FUZZY_CUTOFF = {5: 88.0, 6: 84.0, 7: 82.0}  # by length of the typed word; longer: 80
_FUZZY_MIN_LENGTH = 5
# Cyrillic spelled back into German ("водитель" woditel) must be this close to the name: the
# German reading makes ordinary words look closer to names than letter-by-letter (anyascii) did.
MIN_CYRILLIC_SIMILARITY = 72.0
MIN_LATIN_SIMILARITY = 60.0
MIN_SHORT_POPULATION = 20_000
_MAX_WORDS = 4  # the longest name run tried in a sentence ("Bad Homburg vor der Höhe" is folded to fewer)

# Words of a sentence around a place in the seven languages, and the states (a state is no
# municipality: "Sachsen" is not the village Sachsen bei Ansbach): never a place of their own.
_STOPWORDS_TEXT = """
ich wohne wohnen lebe leben wir in im der die das den dem des von vom bei mit meiner meinem
meine mein familie stadt dorf ort wohnort gemeinde kreis landkreis aus und jetzt zurzeit zur zeit
seit hier neben nahe nah naehe umgebung ist es ein eine an am auf zu noch deutschland
bundesland gerade momentan derzeit kein keine keinen noch nicht weiss ahnung wohnung heim
unterkunft zimmer strasse nummer
i live living lives in the city town village of near close to my is from at currently now am we
and around outside area germany a an it its our here there don dont know yet not no
ben biz yasiyorum yasiyoruz oturuyorum oturuyoruz kaliyorum sehir sehrinde sehri de da te ta
yakin yakininda yakinlarinda civari civarinda cevresinde almanya su an simdi ve bir
bilmiyorum yok
я мы живу живем живём живемо проживаю в во у на городе город місті місто село селі около возле
рядом с под біля поблизу під недалеко от від сейчас зараз германии германия німеччині
німеччина и і та области області район районе не знаю ещё еще ще вже уже пока поки большое спасибо
انا أنا اعيش أعيش نعيش اسكن أسكن نسكن ساكن ساكنة عايش عايشة في مدينة مدينه قرب بالقرب من جنب
حاليا حالياً الان الآن المانيا ألمانيا و لا اعرف أعرف بعرف عارف مش ما
من ما در زندگی می کنم میکنم میکنیم کنیم شهر نزدیک نزدیکی ساکن هستم هستیم الان آلمان حوالی اطراف
نمی نمیدانم دانم نمیدونم دونم
hallo hello hi guten tag morgen abend danke schon bitte ja nein gut okay ok schule arbeit
thanks thank you yes sorry merhaba selam tamam evet hayir tesekkurler tesekkur ederim
привет спасибо хорошо да нет дякую добре так ні سلام مرحبا شكرا نعم ممنون مرسی بله خیر خوب
sachsen bayern thüringen hessen niedersachsen nordrhein westfalen nrw anhalt württemberg baden
rheinland pfalz saarland schleswig holstein mecklenburg vorpommern bavaria saxony
strasse str weg allee platz gasse street улица ул вулиця вул شارع خیابان cadde caddesi sokak sokagi
wohnheim freunde freunden friends shelter student studentin студент студентка
camp kamp kampta kampte lager erstaufnahme zast lea heime общага общаге общежитие общежитии
гуртожиток гуртожитку гуртожитки лагерь лагере табір таборі хайм хайме хаймі кемп кэмп كامب
الكامب بالكامب هايم الهايم بالهايم سكن کمپ کامپ هایم اردوگاه pansiyon yurt yurtta
ساكنين ساكنه ساكنات عايشين عايشه عايشة نعيش هلق هلأ هلا بس رح راح الشهر الجاي الجاية الجايه
بعدين ع على عند بيت عمي خالي اهلي أهلي ولادي اولادي مع
innenstadt stadtmitte zentrum center centre downtown центр центре центрі merkez merkezde مركز مرکز
familie eltern bruder schwester mutter vater family parents brother sister mother father семьей
семьёй семья семьи родиной родиною родина родиною сім'єю сімєю родиною батьками братом сестрой
ailemle ailem annem babam kardesim عائلتي عيلتي اهلي أهلي اخي أخي اختي خانواده خانوادهام برادرم
"""
# Words that put the person near, not in, the place: right before it (small words between:
# "in der Nähe von Halle", "рядом с Лейпцигом") or, in Turkish, right after it.
_NEAR_TEXT = """
near close nearby around outside bei nahe naehe nah umgebung neben yakin yakininda yakinlarinda
civari civarinda cevresinde около возле рядом под недалеко біля поблизу під коло قرب بالقرب جنب
ضواحي قريب ريف نزدیک نزدیکی حوالی اطراف
north south east west northern southern nord süd sued ost nördlich noerdlich südlich suedlich
östlich oestlich westlich север юг восток запад севернее южнее восточнее западнее північ
південь схід захід північніше південніше شمال جنوب شرق غرب kuzey kuzeyinde guney güney
guneyinde güneyinde dogu doğu bati batı
"""
# Right before a name, these make it a district (Kreis), not the municipality: "Landkreis Leipzig"
# is not the city of Leipzig, and "Borna, Landkreis Leipzig" is Borna.
_REGION_TEXT = "landkreis kreis lk landkreises kreises umland region raum"
# Where the person lived before: right before the name ("früher in Halle") or opening its clause
# ("…, before that in the camp at Suhl").
_BEFORE_TEXT = """before previously earlier formerly früher vorher davor zuvor damals раньше раніше
колись سابقا سابقاً قبلا قبلاً قبل قبلها eskiden önce"""
# Where the person comes from or lived before: "from Berlin, now in Leipzig", "aus Halle".
_ORIGIN_TEXT = "from aus von з із из من از " + _BEFORE_TEXT
# Where the person stayed before, said with a past verb in the three words before the name ("I was
# in Bielefeld", "كنا بالكامب ب Eisenhüttenstadt", "были в Айзенхюттенштадте"), or after it in
# Turkish and Persian ("Suhl'de kaldık", "در زول بودیم").
_PAST_BEFORE_TEXT = """was were lived stayed war waren wohnte wohnten lebte lebten كنت كنا كان
كانوا سكنت سكنا قعدت قعدنا عشت был была были жил жила жили був була були жив"""
_PAST_AFTER_TEXT = "kaldik kaldim kaldık kaldım idik idim yasadik yaşadık yasadim yaşadım بودم بودیم"
_ABLATIVE = ("dan", "den", "tan", "ten")  # Turkish "Berlin'den" (from Berlin)
# Where the person is going, not where they live: "Leipzig, aber bald Dresden", "переезжаем в
# Дрезден"; Turkish and Persian say it after the name ("Dresden'e taşınacağız", "به درسدن میریم").
_FUTURE_BEFORE_TEXT = """bald soon später spaeter later next nächsten naechsten moving move umziehen
ziehen umzug planen plan want will скоро потом переезжаем переедем переезжаю переїжджаємо
переїдемо переїжджаю переезд переїзд потім будемо будем хотим хочемо قريبا قريباً رح راح بعدين
ننتقل سننتقل بننتقل رايحين نروح بعدا بزودی زودی قراره yakinda yakında sonra ab skoro potom
pereezd pereedem pereezzhaem badan ba'dan gharare qarare gharareh berim beram miram mirim
mikham mikhaym ننقل بننقل حننقل منتقلين transfer transferred verlegt verlegung"""
_FUTURE_AFTER_TEXT = """tasinacagiz taşınacağız tasinacagim taşınacağım tasiniyoruz taşınıyoruz
gidecegiz gideceğiz gidecegim gideceğim میریم میرویم میرم میروم بریم کوچ"""
# The home among several places: right after these ("I live in Leipzig") or, in Turkish and
# Persian, right before them ("Leipzig'de yaşıyorum", "در لایپزیگ زندگی میکنم").
_LIVE_BEFORE_TEXT = """wohne wohnen wohnt lebe leben live living lives stay staying jetzt now currently
живу живем живём живемо мешкаю проживаю проживаем сейчас зараз теперь тепер اسكن أسكن ساكن
ساكنة اعيش أعيش عايش عايشة نسكن نعيش الان الآن حاليا حالياً ساکن simdi şimdi
still noch пока поки هلق هلأ هلا هسا هسه alan hala halen щас шас вже уже وهلق والان والآن
وهلأ حالا الان"""
_LIVE_AFTER_TEXT = "yasiyorum yasiyoruz oturuyorum oturuyoruz kaliyorum زندگی zendegi"
# A name right before these is a street's ("Wurzner Straße 5", "Leipziger Str."); after these too
# ("شارع برلين", "улица Лейпцигская").
_STREET_AFTER_TEXT = "strasse str weg allee platz ring gasse damm ufer chaussee cadde caddesi sokak sokagi"
_STREET_BEFORE_TEXT = "strasse улица ул вулиця вул شارع خیابان خيابان"
# Town names that are everyday words ("weil" = because, "Much" in "thank you very much"): never a
# second place beside another in the same answer.
_EVERYDAY_TEXT = "weil much lage wetter leer horn bergen rain linden kamen senden wesel bad bruck march"
_CONNECTORS_TEXT = "von vom der dem to of the from с со від от من از"
_NEAR_AFTER_TEXT = "yakin yakininda yakinlarinda civari civarinda cevresinde"  # Turkish postpositions
# Turkish case endings after a place name typed without apostrophe ("Leipzigde", "Münihte").
_TURKISH_SUFFIXES = ("daki", "deki", "taki", "teki", "dan", "den", "tan", "ten", "da", "de",
                     "ta", "te", "ya", "ye", "a", "e")
# Ukrainian and Russian case endings ("в Лейпцигу", "в Берлине", "під Лейпцигом").
_SLAVIC_ENDINGS = ("ом", "ем", "ём", "ою", "і", "е", "у", "ю", "а", "я")
_FEMININE_ENDINGS = ("ою", "ой", "е", "і", "у", "ы", "и")
_ARABIC_PREFIXES = ("ب", "و", "ل", "ف")  # "بلايبزيغ" = in Leipzig, "وبرلين" = and Berlin
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_QUALIFIER = re.compile(
    r"\s*(?:\(.*\)|/.*|,.*|\s(?:am|an der|an den|im|in der|in|ob der|vor der|bei|a\.?|i\.?|b\.?|"
    r"v\.?\s?d\.?|a\.\s?d\.?|i\.\s?d\.?)\s.*)$")


@dataclass(frozen=True)
class Municipality:
    ags: str  # Amtlicher Gemeindeschlüssel, 8 digits
    name: str  # German name as people write it ("Halle (Saale)")
    district: str  # Kreis: "Landkreis Leipzig", "kreisfreie Stadt", "Stadtstaat"
    state: str  # Land
    population: int


@dataclass(frozen=True)
class Match:
    name: str
    ags: str
    district: str
    state: str
    score: float  # 0..1
    via: str  # name | base | exonym | district | postcode | fuzzy | sounds_like | transliteration
    near: bool = False  # "near Halle": the person lives close to, not in, the place
    ambiguous: bool = False  # other municipalities of this name are comparably large
    # The answer names two municipalities and does not say which is home ("Berlin oder Leipzig"):
    # the normaliser asks again rather than store either.
    several: bool = False

    @property
    def uncertain(self) -> bool:
        return self.score < UNCERTAIN_BELOW or self.ambiguous or self.several


_ARABIC_VARIANTS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا",
                                  "آ": "ا"})
_MARKS = re.compile(r"[\u0640\u064b-\u065f\u200c\u200d]")  # tatweel, harakat, ZWNJ
_NON_WORD = re.compile(r"[\W_]+")
_GERMAN_VOWEL_E = re.compile(r"([aou])e")


def key(text: str) -> str:
    """Folded for comparing names: case, accents, ß, German ae/oe/ue, punctuation."""
    text = text.casefold().replace("ß", "ss").replace("ı", "i")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = _MARKS.sub("", text).translate(_ARABIC_VARIANTS)
    text = _NON_WORD.sub(" ", text).strip()
    if text.isascii():
        text = _GERMAN_VOWEL_E.sub(r"\1", text)  # "muenchen" as "munchen" (both sides alike)
    return text


# Folded like what people type ("المانيا" and "ألمانيا" alike).
_STOPWORDS = frozenset(key(word) for word in _STOPWORDS_TEXT.split())
_NEAR = frozenset(key(word) for word in _NEAR_TEXT.split())
_CONNECTORS = frozenset(key(word) for word in _CONNECTORS_TEXT.split())
_NEAR_AFTER = frozenset(_NEAR_AFTER_TEXT.split())
_REGION = frozenset(_REGION_TEXT.split())
_ORIGIN = frozenset(key(word) for word in _ORIGIN_TEXT.split())
_BEFORE = frozenset(key(word) for word in _BEFORE_TEXT.split())
_LIVE_BEFORE = frozenset(key(word) for word in _LIVE_BEFORE_TEXT.split())
_LIVE_AFTER = frozenset(key(word) for word in _LIVE_AFTER_TEXT.split())
_FUTURE_BEFORE = frozenset(key(word) for word in _FUTURE_BEFORE_TEXT.split())
_PAST_BEFORE = frozenset(key(word) for word in _PAST_BEFORE_TEXT.split())
# ... and "before" after the name ("Bielefeld before, now …")
_PAST_AFTER = frozenset(key(word) for word in _PAST_AFTER_TEXT.split()) | _BEFORE
_FUTURE_AFTER = frozenset(key(word) for word in _FUTURE_AFTER_TEXT.split())
_STREET_AFTER = frozenset(_STREET_AFTER_TEXT.split())
_STREET_BEFORE = frozenset(key(word) for word in _STREET_BEFORE_TEXT.split())
_EVERYDAY = frozenset(_EVERYDAY_TEXT.split())
# Below this population a second municipality in the answer is more likely a word than a home.
SEVERAL_MIN_POPULATION = 5_000


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in word)


_SKELETON_RULES = (("tzsch", "C"), ("zsch", "C"), ("tsch", "C"), ("tsh", "C"), ("sch", "S"), ("ch", "K"),
                   ("ck", "K"), ("ph", "F"), ("th", "T"),
                   ("kh", "K"), ("gh", "K"), ("sh", "S"), ("zh", "S"), ("tz", "S"), ("ts", "S"),
                   ("dz", "S"), ("qu", "KF"))
_SKELETON_CLASSES = str.maketrans({
    "b": "B", "p": "B", "d": "T", "t": "T", "g": "K", "k": "K", "q": "K", "c": "K", "x": "K",
    "f": "F", "v": "F", "w": "F", "s": "S", "z": "S", "l": "L", "m": "M", "n": "N", "r": "R",
})


_SKELETON_PAIRS = re.compile("|".join(old for old, _ in _SKELETON_RULES))
_SKELETON_MAP = dict(_SKELETON_RULES)
_NOT_LETTER = re.compile(r"[^a-z]")
_LOWER = re.compile(r"[a-z]")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(latin: str, *, arabic_script: bool = False) -> str:
    """Consonant classes of a Latin spelling: "leipzig", "lybzygh" (لايبزيغ) and "leyptsig"
    (Лейпциг) all give "LBSK". Arabic script writes w/y for vowels and a final h for -e."""
    text = _NOT_LETTER.sub("", latin.lower())
    if arabic_script:
        text = text.replace("w", "").replace("y", "")
        # A final h is ه (-e), unless it ends a digraph: ش sh, خ kh, غ gh.
        text = text[:-1] if text.endswith("h") and len(text) > 2 and text[-2] not in "sckgzt" else text
    text = _SKELETON_PAIRS.sub(lambda m: _SKELETON_MAP[m.group()], text)
    text = ("K" + text[1:]) if text.startswith("h") else text  # Hamburg, Гамбург, هامبورغ
    text = _LOWER.sub("", text.translate(_SKELETON_CLASSES))  # vowels, j, y, h inside words
    return _DOUBLE.sub(r"\1", text)


# Cyrillic back into German spelling, the way Russian and Ukrainian write German names: Лейпциг
# leipzig, Вюрцбург würzburg, Штутгарт stuttgart, Нойкёльн neukölln, Шкойдиц schkeuditz. Works on
# folded words (key(): й is и, ё is е, ї is і). Г is G in some names and H in others (Гамбург).
_CYRILLIC_PAIRS = (("шт", "st"), ("шп", "sp"), ("щ", "schtsch"), ("аи", "Y"), ("еи", "ei"),
                   ("ои", "eu"), ("ц", "z"), ("ч", "tsch"), ("ш", "sch"), ("ж", "sch"), ("х", "ch"),
                   ("кс", "x"), ("є", "je"), ("я", "ja"))
_CYRILLIC_LETTERS = str.maketrans({
    "а": "a", "б": "b", "в": "w", "г": "g", "ґ": "g", "д": "d", "е": "e", "э": "e", "з": "s",
    "и": "i", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "ы": "i", "ь": "", "ъ": "", "ю": "ü"})
_CYRILLIC_PAIR_RE = re.compile("|".join(old for old, _ in _CYRILLIC_PAIRS))
_CYRILLIC_PAIR_MAP = dict(_CYRILLIC_PAIRS)


def cyrillic_to_german(word: str) -> list[str]:
    """German spellings a folded Cyrillic word may stand for: Г is G or H ("Гамбург"), Х is CH or
    H ("Пробстхайда" Probstheida); the plain reading first."""
    if not word:
        return [word]
    text = _CYRILLIC_PAIR_RE.sub(lambda m: _CYRILLIC_PAIR_MAP[m.group()], word.replace("х", "X"))
    text = text.translate(_CYRILLIC_LETTERS)
    # АЙ is German EI (Фрайбург) or AI (Майнц).
    forms = [text.replace("X", x).replace("Y", y) for y in ("ei", "ai") for x in ("ch", "h")]
    forms += [f"h{f[1:]}" for f in forms if f.startswith("g")]
    forms += [f.replace("g", "h") for f in forms if "g" in f]
    return [key(f) for f in dict.fromkeys(forms)]


_ARABIC_VOWEL_W = re.compile(r"(?<=[^aeiouwy])w(?=[^aeiouwy]|$)")
_ARABIC_VOWEL_Y = re.compile(r"(?<=[^aeiouwy])y(?=[^aeiouwy]|$)")


def arabic_spellings(word: str) -> list[str]:
    """Latin readings of an Arabic-script word: its letters (anyascii), then with و and ی between
    consonants read as vowels ("bwrna" as "burna", "borna"), to compare with German spellings."""
    latin = anyascii(word).lower()
    return list(dict.fromkeys([latin, _ARABIC_VOWEL_Y.sub("i", _ARABIC_VOWEL_W.sub("u", latin)),
                               _ARABIC_VOWEL_Y.sub("e", _ARABIC_VOWEL_W.sub("o", latin))]))


_ARABIC_W_BY_VOWEL = re.compile(r"w(?=[aiy])|(?<=[aiy])w(?![^aeiouwy])")


def _arabic_consonant_readings(latin: str) -> list[str]:
    """Other consonant readings: و beside a vowel letter as W ("پلاگویتس" Plagwitz,
    "کونه‌ویتس" Connewitz), ش as CH ("غيلزنكيرشن" Gelsenkirchen). skeleton() drops w, keeps f."""
    keep_w = _ARABIC_W_BY_VOWEL.sub("f", latin)
    return [keep_w, latin.replace("sh", "ch"), keep_w.replace("sh", "ch")]


@dataclass
class _Index:
    municipalities: dict[str, Municipality]
    names: dict[str, list[tuple[str, str]]]  # key -> [(ags, via)], via name|base|exonym|district
    by_initial: dict[str, list[str]]  # Latin keys of German names by first letter
    abroad: frozenset[str]  # keys of well-known places outside Germany ("Aleppo", "Харків")


def _rows(path: Path) -> list[dict[str, str]]:
    """A tab-separated table with `#` comment lines (no quoting: the generator checks cells)."""
    with path.open(encoding="utf-8") as handle:
        lines = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    return [dict(zip(lines[0], cells, strict=True)) for cells in lines[1:]]


def _base(name: str) -> str:
    """The name without its qualifier: "Halle (Saale)", "Frankfurt am Main" -> "Halle", "Frankfurt"."""
    return _QUALIFIER.sub("", name).strip()


@lru_cache(maxsize=1)
def _index() -> _Index:
    municipalities: dict[str, Municipality] = {}
    names: dict[str, list[tuple[str, str]]] = {}

    def add(text: str, ags: str, via: str) -> None:
        folded = key(text)
        if folded and (ags, via) not in names.setdefault(folded, []):
            names[folded].append((ags, via))

    for row in _rows(DATA / "municipalities.tsv"):
        m = Municipality(row["ags"], row["name"], row["district"], row["state"],
                         int(row["population"]))
        municipalities[m.ags] = m
        add(m.name, m.ags, "name")
        official = row["official_name"].split(", ")[0]
        if official != m.name:
            add(official, m.ags, "name")
        base = _base(m.name)
        if base and key(base) != key(m.name):
            add(base, m.ags, "base")
        # Towns joined into one ("Bitterfeld-Wolfen", "Villingen-Schwenningen"): each half is
        # still typed alone. Not "Ober-", "Groß-", "Bad-" (a half that is no town).
        if "-" in base and " " not in base and m.population >= _HALF_MIN_POPULATION:
            for half in base.split("-"):
                if len(half) >= 5 and key(half) not in _HALF_NOT_A_TOWN:
                    add(half, m.ags, "base")
    german_keys = list(names)
    abroad: set[str] = set()
    for row in _rows(DATA / "municipality_names.tsv"):
        if row["kind"] == "abroad":
            abroad.update(key(name) for name in row["names"].split("|"))
            continue
        target = _lookup(names, municipalities, key(row["municipality"]))
        if target is None:
            raise ValueError(f"municipality_names.tsv: unknown municipality {row['municipality']!r}")
        for name in row["names"].split("|"):
            add(name, target[0].ags, "exonym" if row["kind"] == "exonym" else "district")
    by_initial: dict[str, list[str]] = {}
    # Latin names of city parts and exonyms too: "Paunsdorff", "Паунсдорф", "غروناو" (Grünau).
    german = set(german_keys)
    for folded in german_keys + [k for k in names if k not in german]:
        if folded.isascii():
            by_initial.setdefault(folded[0], []).append(folded)
    return _Index(municipalities, names, by_initial, frozenset(abroad))


# Built on first need: most answers are found by name before a skeleton or postcode is needed.
@lru_cache(maxsize=1)
def _skeletons() -> dict[str, list[str]]:
    """Skeleton -> Latin keys of German names."""
    skeletons: dict[str, list[str]] = {}
    for keys in _index().by_initial.values():
        for folded in keys:
            skeletons.setdefault(skeleton(folded), []).append(folded)
    return skeletons


@lru_cache(maxsize=1)
def _postcode_table() -> dict[str, list[str]]:
    """Postcode -> AGS of the municipalities it serves."""
    postcodes: dict[str, list[str]] = {}
    for row in _rows(DATA / "postcodes.tsv"):
        postcodes.setdefault(row["postcode"], []).append(row["ags"])
    return postcodes


def _guess_weight(index: _Index, name: str) -> float:
    """log10 of the population a guessed name stands for (see HOME_STATES, PART_POPULATION)."""
    hit = _lookup(index.names, index.municipalities, name)
    if hit is None:
        return 0.0
    m, via, _ = hit
    population = min(m.population, PART_POPULATION) if via == "district" else m.population
    return math.log10(population * (HOME_WEIGHT if m.state in HOME_STATES else 1) + 1)


def _lookup(names: dict[str, list[tuple[str, str]]], municipalities: dict[str, Municipality],
            folded: str) -> tuple[Municipality, str, bool] | None:
    """The most populous municipality of a name, how it was named, and whether that is ambiguous."""
    entries = names.get(folded)
    if not entries:
        return None
    # A municipality's own name beats another's base name only through population:
    # "Halle" is Halle (Saale), not the village Halle in Holzminden. A city's part of the same
    # name as a town ("Möckern" in Leipzig and the town Möckern) makes the name ambiguous; typed
    # alone it is the town, unless that is a village beside the city (under PART_SHARE of its
    # population: "Lindenau" is Leipzig's, not the 750 people of Lindenau in Brandenburg). With
    # the city in the same answer it is the city's part (see _resolve).
    def rank(entry: tuple[str, str]) -> tuple[bool, int]:
        population = municipalities[entry[0]].population
        if entry[1] == "district":
            return False, population
        biggest_city = max((municipalities[a].population for a, v in entries if v == "district"),
                           default=0)
        return population >= PART_SHARE * biggest_city, population
    ranked = sorted(entries, key=rank, reverse=True)
    best_ags, via = ranked[0]
    best = municipalities[best_ags]
    others = {ags: other_via for ags, other_via in ranked[1:] if ags != best_ags}
    ambiguous = any(municipalities[ags].population >= AMBIGUOUS_SHARE * best.population
                    or (other_via == "district") != (via == "district")
                    for ags, other_via in others.items())
    return best, via, ambiguous


@dataclass(frozen=True)
class _Candidate:
    municipality: Municipality
    score: float
    via: str
    start: int
    end: int  # word span in the text
    ambiguous: bool = False
    exact: bool = True
    # Every municipality the typed name may mean: "Möckern" is the town and Leipzig's part.
    alternatives: frozenset[str] = frozenset()


_HALF_MIN_POPULATION = 10_000  # halves of villages ("Stüdenitz") only add near fits for words
_HALF_NOT_A_TOWN = frozenset({"ober", "unter", "nieder", "gross", "klein", "sankt", "hohen", "mittel"})
_BREAK = "#"  # a comma or semicolon between words: "Leipzig, Strasse 5" is no "Leipzig Strasse"


def _words(text: str) -> list[str]:
    words: list[str] = []
    for part in re.split(r"[,;،؛]", text):
        words += [_BREAK] * bool(words) + key(part).split()
    return words


def _spans(count: int) -> list[tuple[int, int]]:
    return [(i, i + n) for n in range(min(_MAX_WORDS, count), 0, -1) for i in range(count - n + 1)]


def _slavic_stems(word: str) -> list[str]:
    stems = [word[: -len(e)] for e in _SLAVIC_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3]
    # a town whose name ends in -a is declined to -е, -і, -у, -ою: "в Йене" is Йена, "у Гері" Гера
    feminine = [f"{word[: -len(e)]}а" for e in _FEMININE_ENDINGS
                if word.endswith(e) and len(word) - len(e) >= 2 and "\u0400" <= word[0] <= "\u04ff"]
    return stems + feminine


def _turkish_stems(word: str) -> list[str]:
    return [word[: -len(s)] for s in _TURKISH_SUFFIXES if word.endswith(s) and len(word) - len(s) >= 4]


def _arabic_stems(word: str) -> list[str]:
    return [word[1:] for p in _ARABIC_PREFIXES if word.startswith(p) and len(word) >= 5]


def _exact(index: _Index, words: list[str]) -> list[_Candidate]:
    found = []
    for start, end in _spans(len(words)):
        phrase = " ".join(words[start:end])
        if end - start == 1 and (phrase in _STOPWORDS or len(phrase) < 2):
            continue
        if end - start == 1 and len(phrase) < 4 and phrase.isascii() and len(words) > 1:
            continue  # "Au", "Ahr" only as the whole answer
        variants = [(phrase, 0.0)]
        if end - start == 1:
            variants += [(stem, 0.02) for stem in _slavic_stems(phrase) + _turkish_stems(phrase)
                         + _arabic_stems(phrase)]
        if _is_street(words, start, end):
            continue
        for variant, penalty in variants:
            hit = _lookup(index.names, index.municipalities, variant)
            if hit:
                m, via, ambiguous = hit
                score = {"name": EXACT, "base": BASE, "exonym": EXONYM, "district": DISTRICT}[via]
                found.append(_Candidate(m, score - penalty, via, start, end, ambiguous,
                                        alternatives=frozenset(a for a, _ in index.names[variant])))
                break
    # "Wentorf bei Hamburg" is Wentorf, not Hamburg: a name inside a longer name found is dropped.
    return [c for c in found if not any(
        o is not c and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
        for o in found)]


def _is_street(words: list[str], start: int, end: int) -> bool:
    """A street's name, not the town: "Wurzner Str. 5", "Leipziger Straße", "شارع برلين"."""
    after = words[end] if end < len(words) else ""
    before = words[start - 1] if start > 0 else ""
    last = words[end - 1]
    return (after in _STREET_AFTER or before in _STREET_BEFORE
            or (last.endswith(("strasse", "str")) and len(last) > 6))


def _content_words(words: list[str]) -> list[tuple[int, str]]:
    return [(i, w) for i, w in enumerate(words) if w not in _STOPWORDS and not w.isdigit()
            and w != _BREAK and not _is_street(words, i, i + 1)]


def _fuzzy(index: _Index, words: list[str]) -> list[_Candidate]:
    """German names typed with a mistake ("Leipcig", "dresdn", "Nurnberg"): Latin words only."""
    found = []
    content = _content_words(words)
    for n in (2, 1):
        for j in range(len(content) - n + 1):
            run = content[j:j + n]
            if run[-1][0] - run[0][0] != n - 1:
                continue
            phrase = " ".join(w for _, w in run)
            if not phrase.isascii() or len(phrase) < _FUZZY_MIN_LENGTH:
                continue
            choices = index.by_initial.get(phrase[0], [])
            stems = [s for s in _turkish_stems(phrase) if len(s) >= _FUZZY_MIN_LENGTH] if n == 1 else []
            hits = []
            for form in [phrase, *stems]:
                hits += process.extract(form, choices, scorer=fuzz.ratio, limit=8,
                                        score_cutoff=FUZZY_CUTOFF.get(len(form), 80.0))
            for name, similarity, _ in hits:
                hit = _lookup(index.names, index.municipalities, name)
                if hit:
                    found.append(_Candidate(hit[0], 0.6 + 0.35 * (similarity - 80) / 20, "fuzzy",
                                            run[0][0], run[-1][0] + 1, hit[2], exact=False))
    return found


def _transliterated(index: _Index, words: list[str]) -> list[_Candidate]:
    """Arabic, Persian and Cyrillic names not in the curated list, by consonant skeleton:
    the same skeleton (score 0.8), else one consonant class off for long ones (0.7)."""
    found = []
    content = _content_words(words)
    # Two Cyrillic words spelled back into one German name ("Бергиш-Гладбах"): before each alone.
    joined: set[int] = set()
    for (i, first), (j, second) in zip(content, content[1:], strict=False):
        if j == i + 1 and not (first.isascii() or second.isascii() or _is_arabic(first + second)):
            first_latin = cyrillic_to_german(first)[0]
            hit = next((h for form in [second, *_slavic_stems(second)]
                        if (h := _lookup(index.names, index.municipalities,
                                         f"{first_latin} {cyrillic_to_german(form)[0]}"))), None)
            if hit:
                found.append(_Candidate(hit[0], TRANSLITERATED, "transliteration", i, j + 1, hit[2],
                                        exact=False))
                joined |= {i, j}
    for i, word in content:
        if i in joined:
            continue
        if word.isascii():
            found += _sounds_like(index, word, i, single=len(content) == 1)
            continue
        arabic = _is_arabic(word)
        forms = [word] + (_arabic_stems(word) if arabic else _slavic_stems(word))
        if arabic and len(content) > 1:
            # In a sentence "بهاناو" is "in Hanau" before it is a name of its own: the stem first
            # (a name written whole, "بوخوم", is an exonym and found before any guess)
            forms = forms[1:] + forms[:1]
        fallback: _Candidate | None = None
        for form in forms:
            spellings = arabic_spellings(form) if arabic else cyrillic_to_german(form)
            # Spelled back exactly into a German name ("Паунсдорф" paunsdorf): as good as an exonym
            # listed by hand, but still a transliteration.
            spelled = next((s for s in spellings if s in index.names), None)
            if spelled and not arabic and len(spelled) >= 4:
                hit = _lookup(index.names, index.municipalities, spelled)
                if hit:
                    spelled_back = _Candidate(hit[0], TRANSLITERATED, "transliteration", i, i + 1,
                                              hit[2], exact=False,
                                              alternatives=frozenset(a for a, _ in index.names[spelled]))
                    # A village spelled back from a declined word ("в Таухе": Tauche) may be the
                    # town of the stem (Taucha): the stem's guess is weighed against it below.
                    if form != word or _guess_weight(index, spelled) >= math.log10(MIN_SHORT_POPULATION):
                        found.append(spelled_back)
                        break
                    fallback = spelled_back
            latin = spellings[0]
            shapes = list(dict.fromkeys(
                [skeleton(latin, arabic_script=arabic)]
                + ([skeleton(v, arabic_script=True) for v in _arabic_consonant_readings(latin)]
                   if arabic else [skeleton(v) for v in spellings[1:]])))
            guess = next((g for shape in shapes
                          if (g := _skeleton_guess(index, spellings, shape, arabic=arabic,
                                                   single=len(content) == 1))), None)
            if not arabic:
                # Spelled back with a letter off ("Ошац" oschaz): as a Latin typing mistake.
                typo = max(_fuzzy(index, spellings[:1]) if len(spellings[0]) >= 6 else [],
                           key=lambda c: c.score, default=None)
                if typo and (guess is None or typo.score > guess.score):
                    guess = replace(typo, via="transliteration", ambiguous=True)
            if guess and fallback and _guess_weight(index, key(guess.municipality.name)) <= \
                    _guess_weight(index, key(fallback.municipality.name)):
                guess = None
            if guess:
                found.append(replace(guess, start=i, end=i + 1))
                fallback = None
                break
        if fallback:
            found.append(replace(fallback, score=0.8))  # a village from a case ending: a guess
    return found


def _skeleton_guess(index: _Index, spellings: list[str], shape: str, *, arabic: bool,
                    single: bool) -> _Candidate | None:
    """The likeliest German name with this consonant skeleton, if it passes the checks."""
    skeletons = _skeletons()
    if len(shape) < (2 if single else 3):
        return None
    score, names = 0.8, skeletons.get(shape, [])
    if not names and len(shape) >= 5 and not arabic:  # vowel-less: too many near fits
        near = process.extract(shape, list(skeletons), scorer=Levenshtein.distance,
                               score_cutoff=1, limit=5)
        score, names = 0.7, [n for s, _, _ in near for n in skeletons[s]]
    if not names:
        return None
    # Of the names with this skeleton: the closest spelling, then the biggest place.
    # Arabic script leaves out vowels, so its spelling says less than the population.
    weight = 0.3 if arabic else 0.1

    def rank(name: str) -> float:
        similarity = max(fuzz.ratio(spelling, name) for spelling in spellings)
        return similarity / 100 + weight * _guess_weight(index, name)
    name = max(names, key=rank)
    hit = _lookup(index.names, index.municipalities, name)
    if hit is None:
        return None
    # Cyrillic spells vowels: the spelling must resemble the name ("Харків" is no
    # "Krakow am See"). Three consonants in Arabic script fit many villages ("حلب" and
    # Halbe): only a town of some size is taken then.
    if not arabic and max(fuzz.ratio(sp, name) for sp in spellings) < MIN_CYRILLIC_SIMILARITY:
        return None
    if arabic and len(shape) <= 3 and _guess_weight(index, name) < math.log10(MIN_SHORT_POPULATION):
        return None
    places = {index.names[n][0][0] for n in names}
    return _Candidate(hit[0], score, "transliteration", 0, 1, hit[2] or len(places) > 1, exact=False)


def _sounds_like(index: _Index, word: str, position: int, *, single: bool) -> list[_Candidate]:
    """A German name written as it sounds ("Laibzig", "Berleen", "Hanofer", "Erfort"): the same
    consonant skeleton and a spelling not too far off. Always a guess (score at most 0.85)."""
    shape = skeleton(word)
    if len(word) < 4 or len(shape) < (3 if single else 4):
        return []
    names = [n for n in _skeletons().get(shape, []) if fuzz.ratio(word, n) >= MIN_LATIN_SIMILARITY]
    if not names:
        return []

    def rank(name: str) -> float:
        return fuzz.ratio(word, name) / 100 + 0.1 * _guess_weight(index, name)
    name = max(names, key=rank)
    hit = _lookup(index.names, index.municipalities, name)
    if hit is None:
        return []
    similarity = fuzz.ratio(word, name)
    score = 0.6 + 0.25 * (similarity - MIN_LATIN_SIMILARITY) / (100 - MIN_LATIN_SIMILARITY)
    places = {index.names[n][0][0] for n in names}
    return [_Candidate(hit[0], round(score, 3), "sounds_like", position, position + 1,
                       hit[2] or len(places) > 1, exact=False)]


def _postcodes(index: _Index, text: str) -> list[_Candidate]:
    found = []
    for code in _POSTCODE.findall(text.translate(_DIGITS)):
        agss = _postcode_table().get(code)
        if agss:
            places = sorted((index.municipalities[a] for a in agss), key=lambda m: -m.population)
            # A postcode several municipalities share agrees with any of them named beside it.
            found.append(_Candidate(places[0], POSTCODE, "postcode", -1, -1,
                                    ambiguous=len(places) > 1, exact=True,
                                    alternatives=frozenset(agss)))
    return found


@lru_cache(maxsize=1)
def _abroad_stems() -> frozenset[str]:
    """The Cyrillic towns abroad without their ending, so that "в Варшаве" finds "Варшава"."""
    return frozenset(stem for key in _index().abroad if " " not in key
                     for stem in _slavic_stems(key) if len(stem) >= 3)  # "Рига": "в Риге"


def _names_abroad(index: _Index, words: list[str]) -> bool:
    """A well-known town abroad ("Aleppo", "з Харкова"): no near German name is sought for it."""
    stems = _abroad_stems()
    for start, end in _spans(len(words)):
        phrase = " ".join(words[start:end])
        slavic = _slavic_stems(phrase) if end - start == 1 else []
        arabic = _arabic_stems(phrase) if end - start == 1 else []
        if any(form in index.abroad for form in (phrase, *slavic, *arabic)) \
                or any(stem in stems for stem in slavic):
            return True
    return False


def names_place_abroad(text: str) -> bool:
    """Whether `text` names a well-known town outside Germany ("in Zürich bei meinem Onkel",
    "бувай у Відні")."""
    return _names_abroad(_index(), _words(unicodedata.normalize("NFC", text)[:300]))


def _is_near(words: list[str], candidate: _Candidate) -> bool:
    if candidate.start < 0:
        return False
    before = candidate.start - 1
    while before >= 0 and words[before] in _CONNECTORS and candidate.start - before <= 2:
        before -= 1
    after = words[candidate.end] if candidate.end < len(words) else ""
    return (before >= 0 and words[before] in _NEAR and words[before] not in _NEAR_AFTER) \
        or after in _NEAR_AFTER


def _rank(candidate: _Candidate) -> tuple[float, ...]:
    # Exact names first; among them the biggest place ("Grünau, Leipzig" is Leipzig); typing
    # mistakes and transliterations by their score, the population breaking near-ties.
    population = math.log10(candidate.municipality.population + 1)
    if candidate.exact:
        return (1, candidate.via != "district", population, candidate.score)
    return (0, candidate.score + 0.05 * population)


@lru_cache(maxsize=2048)
def find_municipality(text: str, lang: str = "de") -> Match | None:
    """The German municipality named in `text` (a town, a sentence, a postcode), or None.

    `lang` is the interface language; names in all languages and scripts are tried whatever it is.
    """
    del lang  # people mix scripts and languages; every table is searched
    index = _index()
    text = unicodedata.normalize("NFC", text)[:300]
    words = _words(text.translate(_DIGITS))
    candidates = _postcodes(index, text) + _exact(index, words)
    # Guesses by spelling when no name is exact, or only the one the person lives near
    # ("تاوخا قرب لايبزيغ": Taucha near Leipzig): a guess outside that name then wins.
    # Also a name the person comes from or is moving to ("… بس رح ننتقل ع فرانكفورت").
    references = [c for c in candidates if c.exact and (
        _is_near(words, c) or _is_future(words, c) or _is_origin(index, words, c))]
    if not any(c.exact for c in candidates) or len(references) == len(candidates):
        if not _names_abroad(index, words):
            taken = {i for c in references for i in range(c.start, c.end)}
            rest = [_BREAK if i in taken else w for i, w in enumerate(words)]
            guesses = _fuzzy(index, rest) + _transliterated(index, rest)
            candidates = guesses + (candidates if not guesses or not references else [])
    candidates = _resolve(index, words, candidates)
    if not candidates:
        return None
    best, several = _home(index, words, candidates)
    m = best.municipality
    # A postcode and a name that agree confirm each other.
    agreeing = [c for c in candidates if c.municipality.ags == m.ags]
    ambiguous = best.ambiguous and len({c.via for c in agreeing}) < 2
    return Match(name=m.name, ags=m.ags, district=m.district, state=m.state,
                 score=round(max(c.score for c in agreeing), 3), via=best.via,
                 near=any(_is_near(words, c) for c in agreeing), ambiguous=ambiguous,
                 several=several)


def _resolve(index: _Index, words: list[str], candidates: list[_Candidate]) -> list[_Candidate]:
    """Candidates that name a municipality, agreeing where the answer allows.

    A name after "Landkreis" is the district, not its town ("Borna, Landkreis Leipzig"). A name
    that is both a municipality and a part of a city named in the same answer is that part
    ("Möckern, Leipzig", "Lindenau Leipzig"): it agrees with the city.
    """
    kept = [c for c in candidates if not (c.start > 0 and words[c.start - 1] in _REGION)]
    # A name several municipalities share is the one the postcode beside it serves
    # ("04886 Arzberg" is Arzberg in Saxony, not the bigger one in Bavaria).
    served = {a for c in kept if c.via == "postcode" for a in c.alternatives}
    kept = [replace(c, municipality=index.municipalities[max(
                c.alternatives & served, key=lambda a: index.municipalities[a].population)],
                    via="name", ambiguous=False)
            if c.via != "postcode" and c.municipality.ags not in served and c.alternatives & served
            else c for c in kept]
    named = {c.municipality.ags: c.municipality for c in kept if c.via != "district"}
    resolved = []
    for c in kept:
        support = [named[a] for a in c.alternatives if a != c.municipality.ags and a in named]
        if support:
            city = max(support, key=lambda m: m.population)
            c = replace(c, municipality=city, via="district", score=DISTRICT, ambiguous=False)
        resolved.append(c)
    return resolved


def _home(index: _Index, words: list[str], candidates: list[_Candidate]) -> tuple[_Candidate, bool]:
    """The candidate that is the person's home, and whether the answer leaves that open.

    Several municipalities named exactly ("Markkleeberg near Leipzig", "from Berlin, now in
    Leipzig"): the one the person is near, comes from or lived in before is not home; of the
    rest, the one next to "live/wohne/живу/اسكن/زندگی/yaşıyorum" is. Two left: the answer is
    several (asked again). Parts of a city and guesses by spelling never compete with a name.
    """
    def narrow(group: list[_Candidate], keep: Callable[[_Candidate], bool]) -> list[_Candidate]:
        kept = [c for c in group if keep(c)]
        return kept if kept else group

    # A guess is no home either where the person comes from or is going ("بس رح ننتقل عبرلين").
    best = max(narrow(candidates, lambda c: not _is_origin(index, words, c)
                      and not _is_future(words, c)), key=_rank)
    towns = [c for c in candidates if c.exact and c.via != "district"]
    if len({c.municipality.ags for c in towns}) < 2:
        return best, False

    towns = narrow(towns, lambda c: not _is_near(words, c))
    towns = narrow(towns, lambda c: not _is_origin(index, words, c))
    towns = narrow(towns, lambda c: not _is_future(words, c))
    # Two names side by side, the smaller a part of the bigger ("Saarbrücken Burbach", "Köln
    # Kalk"): the city.
    towns = narrow(towns, lambda c: not any(
        o.start >= 0 and o.end == c.start and o.municipality.population > c.municipality.population
        for o in towns))
    if len({c.municipality.ags for c in towns}) > 1:
        towns = narrow(towns, lambda c: _is_home(words, c))
    # A small place or an everyday word beside a town is no second home ("Leipzig, weil ...").
    towns = narrow(towns, lambda c: c.municipality.population >= SEVERAL_MIN_POPULATION
                   and " ".join(words[c.start:c.end]) not in _EVERYDAY if c.start >= 0 else True)
    best = max(towns, key=_rank)
    return best, len({c.municipality.ags for c in towns}) > 1


def _is_origin(index: _Index, words: list[str], candidate: _Candidate) -> bool:
    """Named as where the person comes from: "aus Halle", "з Берліна", "Berlin'den", "früher in Halle"."""
    if candidate.start < 0:
        return False
    window = words[max(0, candidate.start - 2):candidate.start]
    after = words[candidate.end] if candidate.end < len(words) else ""
    word = words[candidate.start]
    ablative = (after in _ABLATIVE or (candidate.end - candidate.start == 1 and word not in index.names
                                       and word.endswith(_ABLATIVE)))
    return ablative or any(w in _ORIGIN for w in window) or _opens_clause(words, candidate, _BEFORE) \
        or _marked(words, candidate, _PAST_BEFORE, _PAST_AFTER, 2)


def _opens_clause(words: list[str], candidate: _Candidate, openers: frozenset[str]) -> bool:
    """A clause of the name that starts with one of `openers`: "…, before that 5 months in the
    camp at Stern Buchholz", "…, vorher lange in Suhl"."""
    start = candidate.start
    while start > 0 and words[start - 1] != _BREAK:
        start -= 1
    return start > 0 and any(w in openers for w in words[start:min(start + 2, candidate.start)])


def _marked(words: list[str], candidate: _Candidate, before: frozenset[str],
            after: frozenset[str], after_span: int) -> bool:
    """A word of `before` in the three words before the name, or of `after` just after it."""
    if candidate.start < 0:
        return False
    following = words[candidate.end:candidate.end + after_span]
    if _BREAK in following:  # "Rostock, before that …" speaks of the next place
        following = following[:following.index(_BREAK)]
    return any(w in before for w in words[max(0, candidate.start - 3):candidate.start]) \
        or any(w in after for w in following)


def _is_future(words: list[str], candidate: _Candidate) -> bool:
    """Named as where the person will move: "bald Dresden", "скоро переезжаем в Дрезден"; not
    in a clause that opens with "now" ("now they transfer me to Gütersloh")."""
    return _marked(words, candidate, _FUTURE_BEFORE, _FUTURE_AFTER, 2) \
        and not _opens_clause(words, candidate, _LIVE_BEFORE)


def _is_home(words: list[str], candidate: _Candidate) -> bool:
    return _marked(words, candidate, _LIVE_BEFORE, _LIVE_AFTER, 3)


def municipality(ags: str) -> Municipality | None:
    """The municipality with this AGS (8 digits)."""
    return _index().municipalities.get(ags)


def label_de(name: str, district: str, state: str, ags: str) -> str:
    """How caseworkers read a municipality: "Leipzig (kreisfreie Stadt, Sachsen) · 14713000"."""
    return f"{name} ({district}, {state}) · {ags}"
