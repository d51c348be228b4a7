"""Language levels read out of a sentence: a CEFR code, "mother tongue", "no German at all".

The level questions offer "native"/"none" and A1..C2 as buttons; people also type "ich habe B1
Zertifikat", "у меня А2" (Cyrillic letters), "B1 seviyesindeyim", "لغتي الأم", "ما بعرف ألماني".
Only what is said plainly is stored. Two levels ("A2 or B1", "between A2 and B1"), a negated
level ("kein B1", "B1'i geçemedim"), a course still going on ("ich mache gerade B1") and
"mother tongue" next to a code are asked again: the stored choice is a plain code that the portal
and the CV show as it is, so it cannot carry a "check" marker (bot/normalisers/result.py), and a
wrong level is worse than a second question. Descriptive words ("a little", "gut", "biraz") are
therefore not turned into a level here either.
"""

from __future__ import annotations

import re
from functools import cache

from bot.normalisers.declines import folded_words, negation_words, only_negation
from bot.normalisers.numbers import fold_word
from bot.normalisers.text_quality import normalise_digits

# Latin, and the Cyrillic letters typed for them: А/В/С look alike, Б is B transliterated.
_LETTERS = str.maketrans("АВСБавсб", "ABCBabcb")
# "B1", "b1", "B 1", "B1.2", "B1+", "А2"; a space only after a Latin capital: "a 2 year old"
# is no A2, and Russian "С 1 сентября", "В 1 классе" are prepositions.
_CODE = re.compile(r"(?<![^\W_])(?:([ABC])\s?|([abcАВСБавсб]))([12])(?:[.,]\d|\+)?(?!\d)")
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
    "en": "learning doing studying currently attending",
    "de": "lerne mache besuche gerade momentan zurzeit",
    "ar": "بدرس ادرس عم بتعلم اتعلم حالیا",
    "fa": "میخونم میخوانم میرم فعلا",
    "uk": "вчу вивчаю зараз ходжу", "ru": "учу изучаю сейчас хожу прохожу",
    "tr": "öğreniyorum ogreniyorum gidiyorum şimdi simdi devam",
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
    "fa": "اصلا هیچ هیچی", "uk": "взагалі зовсім слова", "ru": "вообще совсем совершенно слова",
    "tr": "hiç hic",
}
_NEGATED_VERBS = {
    "en": "", "de": "", "ar": "",
    "fa": "نیستم نمیدونم نمیدانم نمیتونم نمیزنم نمیفهمم",
    "uk": "", "ru": "",
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
_READ_WITH = {"de": ("de", "en"), "en": ("en",), "ar": ("ar", "fa", "en"), "fa": ("fa", "ar", "en"),
              "uk": ("uk", "ru", "en"), "ru": ("ru", "uk", "en"), "tr": ("tr", "en")}


_TABLES = {"almost": _ALMOST, "in_progress": _IN_PROGRESS, "german": _GERMAN, "at_all": _AT_ALL,
           "negated_verbs": _NEGATED_VERBS, "fillers": _FILLERS}


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
    """The CEFR levels written in `text`: "B1", "b1", "B 1", "А2" (Cyrillic), "B1.2"."""
    found = set()
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


def read_level(text: str, lang: str, options: tuple[str, ...] | list[str]) -> str | None:
    """The option a sentence names plainly, "" when it names a level but must be asked again,
    None when it names none (the caller matches the button labels)."""
    words = folded_words(text)
    codes = codes_in(text)
    native = "native" in options and says_native(words, lang)
    if codes:
        if len(codes) > 1 or native or _negated(words, lang) \
                or any(w in _words("in_progress", lang) for w in words):
            return ""
        code = codes.pop()
        return code if code in options else ""
    if native:
        return "" if _negated(words, lang) else "native"
    if "none" in options and says_no_german(words, lang):
        return "none"
    return None
