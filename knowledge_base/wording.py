"""Words of a question as newcomers type them, reduced to what they mean for matching.

People write dialect and colloquial spelling, leave out hamza and Turkish letters, type a Latin
"i" inside Ukrainian words, and write Arabic, Persian, Russian and Ukrainian in Latin letters
(arabizi "7esab", Finglish "hesab", translit "propisatsya"). Three steps make such words meet the
curated wording of the entries:

- `words`: folding (nlu.folding, then letter variants: alef forms, teh marbuta, alef maqsura,
  Iraqi/Persian gaf, Arabic-Indic digits, dotless i, Cyrillic look-alikes and the uk/ru letter
  pairs), with the function words of standard and dialect speech dropped (they say nothing
  about the topic, and a dialect word the entries never use would count as an unexplained word);
- `stems`: Arabic-script words without their article/clitics and pronoun suffixes, Persian verbs
  without the mi-/nemi- prefix;
- `skeleton`: a consonant key shared by every script ("حساب", "hesab", "7esab" -> "hsb";
  "прописаться", "propisatsya" -> "prpsc"), so Latin-script typing finds the entries' own script.
"""

from __future__ import annotations

import re

from nlu.folding import fold

# --- letter variants -----------------------------------------------------------------------------
_LETTERS = str.maketrans({
    # Arabic and Persian: hamza seats and alef forms, teh marbuta, alef maqsura, Persian letters
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ء": "", "ة": "ه", "ۀ": "ه",
    "ي": "ی", "ى": "ی", "ك": "ک", "ڤ": "ف", "\u064b": "", "\u064c": "",
    "\u064d": "", "\u064e": "", "\u064f": "", "\u0650": "", "\u0651": "", "\u0652": "",
    **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
    # Turkish dotless i (casefold keeps it), Cyrillic: Ukrainian and Russian spellings of one sound
    "ı": "i", "і": "и", "ї": "и", "є": "е", "ґ": "г", "ё": "е", "ы": "и", "э": "е",
    "ь": "", "ъ": "", "'": "", "’": "", "ʼ": "",
})
# Latin letters typed inside a Cyrillic word (the Ukrainian "і" is often typed on a Latin layout).
_LATIN_IN_CYRILLIC = str.maketrans({"i": "и", "a": "а", "e": "е", "o": "о", "c": "с", "p": "р",
                                    "x": "х", "y": "у", "k": "к", "m": "м", "t": "т", "h": "н"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")

# --- function words ---------------------------------------------------------------------------
# Question words, pronouns, particles and auxiliaries, standard and colloquial (folded spelling).
# Content words stay even when frequent ("Geld", "پول"): they can decide between entries.
_STOP = (  # a tuple: languages share some words
    # de
    "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "mir", "mein", "meine", "meinen", "meinem",
    "meiner", "dein", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
    "einer", "und", "oder", "aber", "ist", "sind", "bin", "hab", "habe", "hat", "haben", "wie",
    "wo", "was", "wer", "wann", "warum", "kann", "konnen", "muss", "mussen", "soll", "darf", "ob",
    "mit", "von", "zu", "zum", "zur", "im", "in", "an", "am", "auf", "fur", "bei", "nach", "noch",
    "schon", "auch", "nur", "so", "da", "denn", "mal", "bitte", "hallo", "man", "gibt", "nicht",
    "kein", "keine", "ja", "nein", "wenn", "dass", "weil", "sich", "uns", "euch", "ihm", "ihn",
    "welche", "welcher", "welches", "welchen", "jemand", "etwas", "hier", "dort", "sehr", "viel",
    "gut", "gerne", "dann", "jetzt", "immer", "eigentlich", "einfach", "ne", "halt", "eben",
    # en
    "i", "im", "me", "my", "you", "your", "he", "she", "we", "they", "it", "is", "are", "am", "was",
    "be", "do", "does", "did", "have", "has", "had", "a", "an", "the", "and", "or", "but", "to",
    "of", "for", "on", "at", "with", "from", "how", "what", "where", "when", "who", "which", "why",
    "can", "could", "should", "would", "will", "must", "there", "this", "that", "if", "so",
    "please", "hi", "hello", "pls", "plz", "u", "ur", "get", "any", "some", "im", "dont", "cant",
    # ar (MSA and dialects; folded: alef forms -> ا, ى/ي -> ی, ة -> ه)
    "من", "فی", "علی", "الی", "عن", "مع", "هل", "ما", "ماذا", "لماذا", "کیف", "این", "متی", "کم",
    "انا", "انت", "انتی", "هو", "هی", "نحن", "احنا", "اني", "انی", "هذا", "هذه", "هاد", "هاي", "های",
    "هيدا", "هیدا", "ده", "دی", "دا", "هاذا", "ذلک", "الذی", "التی", "او", "و", "ثم", "لا", "لم",
    "لن", "ان", "اذا", "ازا", "لو", "کان", "یکون", "شو", "ایش", "ایه", "وش", "شنو", "شلون", "ازای",
    "ازاي", "لیش", "لیه", "وین", "فین", "منین", "امتی", "ایمتی", "کیفاش", "بدی", "بدو", "بدها",
    "بدنا", "عایز", "عایزه", "عاوز", "ابی", "ابغی", "ارید", "ارید", "اقدر", "بقدر", "فینی", "فیه",
    "فی", "عم", "راح", "رح", "حا", "ح", "هون", "هنا", "هنیک", "هناک", "هیک", "کده", "کدا", "هسه",
    "هلا", "هلق", "هلأ", "لازم", "ممکن", "یعنی", "بس", "کمان", "کتیر", "کثیر", "شی", "شیء", "حدا",
    "حد", "احد", "اللی", "یلی", "یالی", "الی", "عند", "عندی", "معی", "معای", "لی", "الو", "مرحبا",
    "سلام", "لو", "سمحت", "یا", "هیه", "هوه", "شکو", "ماکو", "اکو",
    # fa (Iranian and Dari; ZWNJ folded to a space)
    "من", "مه", "تو", "او", "ما", "شما", "انها", "اونا", "ان", "این", "اون", "را", "رو", "ره", "که",
    "از", "به", "با", "در", "تا", "برای", "بری", "یا", "و", "هم", "است", "هست", "استم", "هستم",
    "هستی", "اس", "چی", "چه", "چطور", "چطوری", "چطو", "چگونه", "کجا", "کی", "کدام", "کدوم",
    "چرا", "چند", "ایا", "می", "نمی", "باید", "بخواهم", "میخوام", "میخواهم", "میتانم", "میتونم",
    "میتوانم", "بتونم", "بتوانم", "یه", "یک", "یکی", "خیلی", "بسیار", "دارم", "داره", "دارد",
    "شد", "شده", "کنم", "کنه", "کند", "بکنم", "میشه", "میشود", "بود", "اگر", "اگه", "لطفا",
    # uk, ru (folded: і/ї -> и, є -> е, ь/ъ dropped)
    "я", "ти", "ви", "вин", "вона", "ми", "вони", "мени", "мене", "мне", "меня", "ты", "он",
    "она", "мы", "они", "мой", "моя", "мои", "мий", "моя", "моему", "мои", "як", "как", "де", "где",
    "що", "шо", "што", "что", "чи", "ли", "хто", "кто", "коли", "когда", "куди", "куда", "звидки",
    "откуда", "чому", "почему", "а", "и", "й", "та", "но", "але", "або", "или", "в", "у", "на", "з",
    "с", "со", "из", "до", "для", "по", "про", "о", "об", "за", "от", "вид", "це", "цей", "ця",
    "это", "этот", "эта", "то", "там", "тут", "здесь", "можна", "можно", "могу", "можу", "треба",
    "нужно", "надо", "потрибно", "мени", "есть", "е", "бути", "быть", "буде", "будет", "не", "ни",
    "так", "же", "ж", "вже", "уже", "ще", "еще", "ещо", "если", "якщо", "яка", "який", "яки",
    "какой", "какая", "какие", "сколько", "скилки", "будь", "ласка", "пожалуйста", "привит",
    "привет", "добрий", "добрый", "день",
    # tr (folded: no Turkish letters)
    "ben", "sen", "o", "biz", "siz", "onlar", "bana", "beni", "benim", "senin", "bir", "ve", "veya",
    "ya", "da", "de", "ki", "mi", "mu", "midir", "musun", "miyim", "misin", "nasil", "nerede",
    "nereye", "nereden", "ne", "neden", "nicin", "kim", "hangi", "kac", "zaman", "var", "yok",
    "icin", "ile", "bu", "su", "gibi", "ama", "acaba", "lazim", "gerek", "gerekiyor", "merhaba",
    "selam", "lutfen", "cok", "daha", "en", "mı", "mu", "mısın", "olur", "mumkun",
)
STOP_WORDS = frozenset(fold(word).translate(_LETTERS) for word in _STOP)

# --- Arabic-script clitics --------------------------------------------------------------------
# article and prepositions fused with it ("بالمدرسه", "عالروضه" = على الروضة), conjunctions
_AR_PREFIXES = ("وبال", "وال", "بال", "کال", "فال", "عال", "لل", "ال", "عل", "و", "ب", "ف", "ل")
# pronoun and plural suffixes ("بنتی", "ولادی", "حسابات"); Persian plural and object markers
_AR_SUFFIXES = ("هم", "کم", "ها", "نا", "ات", "ین", "ون", "های", "ه", "ی", "ک", "م", "ت", "ش")
_FA_VERB_PREFIXES = ("نمی", "می")
MIN_STEM = 3


def _fix_script(word: str) -> str:
    if _CYRILLIC.search(word) and _LATIN.search(word):
        word = word.translate(_LATIN_IN_CYRILLIC)
    return word.translate(_LETTERS)


def words(text: str) -> list[str]:
    """Folded content words of `text`, in order ("Шо робити з Jobcenter?" -> ["робити", "jobcenter"])."""
    folded = [_fix_script(word) for word in fold(text).split()]
    # Persian "نمی فهمم" / "می خواهم" typed with a space: one verb
    joined: list[str] = []
    for word in folded:
        if joined and joined[-1] in _FA_VERB_PREFIXES and _ARABIC_SCRIPT.match(word):
            joined[-1] += word
        else:
            joined.append(word)
    return [word for word in joined if word and word not in STOP_WORDS]


def stems(word: str) -> list[str]:
    """Other forms of an Arabic-script word under which the same word may be indexed."""
    if not _ARABIC_SCRIPT.match(word):
        return []
    found: list[str] = []
    base = word
    for prefix in _AR_PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= MIN_STEM:
            base = base[len(prefix):]
            found.append(base)
            break
    for prefix in _FA_VERB_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            found.append(word[len(prefix):])
            break
    for suffix in _AR_SUFFIXES:
        if base.endswith(suffix) and len(base) - len(suffix) >= MIN_STEM:
            found.append(base[: -len(suffix)])
            break
    return [stem for stem in dict.fromkeys(found) if stem != word]


# --- the consonant skeleton ----------------------------------------------------------------------
_ARABIC_TO_LATIN = str.maketrans({
    "ب": "b", "پ": "b", "ت": "t", "ث": "s", "ج": "j", "چ": "c", "ح": "h", "خ": "h", "د": "d",
    "ذ": "z", "ر": "r", "ز": "z", "ژ": "j", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "g", "گ": "g", "ف": "f", "ق": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "و": "", "ی": "", "ا": "",
})
_CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ю": "u",
    "я": "a",
})
# Latin spellings of one consonant, longest first (translit, Finglish and arabizi conventions);
# digits are arabizi letters (7 = ح, 5 = خ, 3 = ع, 2 = ء/ق, 6 = ط, 9 = ص, 8 = غ).
_LATIN_DIGRAPHS = (("shch", "s"), ("sch", "s"), ("tch", "c"), ("tsch", "c"), ("ts", "c"),
                   ("tz", "c"), ("ch", "c"), ("sh", "s"), ("zh", "j"), ("kh", "h"), ("gh", "g"),
                   ("dj", "j"), ("ph", "f"), ("th", "t"), ("dh", "z"), ("ck", "k"), ("q", "k"),
                   ("x", "ks"), ("w", "v"), ("7", "h"), ("5", "h"), ("3", ""), ("2", ""),
                   ("6", "t"), ("9", "s"), ("8", "g"))
_VOWELS = re.compile(r"[aeiouy]")
_NOT_LATIN = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")
MIN_SKELETON = 3


def skeleton(word: str) -> str:
    """The word's consonants in a Latin key shared by all scripts, or "" when too short to say
    anything (under MIN_SKELETON consonants) or not a word of letters."""
    if word.isdigit():
        return ""
    if _ARABIC_SCRIPT.match(word):
        # a final ه is mostly teh marbuta or the Persian silent he ("مدرسه" = madrase)
        latin = (word[:-1] if word.endswith("ه") else word).translate(_ARABIC_TO_LATIN)
    elif _CYRILLIC.search(word):
        latin = word.translate(_CYRILLIC_TO_LATIN)  # Ukrainian г (h) and Russian г (g) merge below
    else:
        latin = word
    if not _ARABIC_SCRIPT.match(word):  # "тс" like "ts", a typed "ts" like "ц"
        for spelled, consonant in _LATIN_DIGRAPHS:
            latin = latin.replace(spelled, consonant)
    latin = _NOT_LATIN.sub("", _VOWELS.sub("", latin)).replace("g", "h").replace("v", "b")
    latin = latin.replace("p", "b").replace("d", "t").replace("z", "s")
    latin = _DOUBLED.sub(r"\1", latin)
    return latin if len(latin) >= MIN_SKELETON else ""
