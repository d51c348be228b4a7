"""The country someone comes from, read out of a sentence that may also name where they
passed through: "انا عراقي من الموصل بس عشت بتركيا ٥ سنين" is Iraq, not Turkey.

A sentence is cut into parts where it turns ("but", "and", "بس", "но", "ama", punctuation).
A part that says the person lived, grew up, worked or passed somewhere ("lived in Turkey",
"عشت بتركيا", "жили в Польше", "Iran'da büyüdüm", "über Italien") names a transit country; the
others name the origin. A country named is surer than a city ("Afghane, in Teheran geboren"):
cities count only when no country is named. Still asked again, as a wrong origin is worse than a
second question: two countries of origin, or only a transit country ("I lived in Turkey").
A country of birth gives way to the one the person says they belong to ("born in Iran, but I am
Afghan", "народилась в Росії … громадянство українське"); alone it is the origin.
"""

from __future__ import annotations

import re
from functools import cache

from bot.normalisers.places import country_name, match_city, match_country
from bot.normalisers.result import Result
from bot.normalisers.text_quality import clean
from nlu.folding import fold

# Words that make their part a transit: the verb or preposition of living, growing up, working
# or passing through, as typed (also without diacritics), folded below. Where they come first
# ("lived in Turkey", "عشت بتركيا", "жили в Польше", "über Italien") they start a part;
# verbs at the end ("in der Türkei gelebt", "Iran'da büyüdüm", "در ایران بزرگ شدم") end one.
_TRANSIT_FIRST = """
    lived live living grew raised stayed stay staying worked via through transit passed
    lebte lebten wohnte wohnten über durch
    عشت عايش عايشه عايشين سكنت ساكن ساكنه ساكنين قعدت اشتغلت مريت مرقت عبرت تربيت كبرت
    طریق
    жил жила жили живу жить вырос выросла выросли работал работала работали через
    жив жила жили живу жити виріс виросла виросли працював працювала працювали
    3isht 3esht 3ishet 3ayesh 3ayish sakin saken zhil zhila zhili vyros zhyv zhyly
"""
_TRANSIT_LAST = """
    gelebt gewohnt aufgewachsen gearbeitet
    زندگی میکردم بزرگ ماندم موندم اقامت کار zendegi bozorg
    yaşadım yasadim yaşadık yasadik yaşıyordum yasiyordum yaşıyorum yasiyorum büyüdüm buyudum
    büyüdük buyuduk kaldım kaldim kaldık kaldik çalıştım calistim üzerinden uzerinden
"""
# Words of being born: their part names the origin only when no other part names one.
_BIRTH = """
    born geboren ولدت انولدت اتولدت خلقت مواليد مولود متولد دنیا بدنیا
    родился родилась родились народився народилась народилися рождения народження
    doğdum dogdum doğumluyum dogumluyum doğma dogma dünyaya dunyaya
    motevalled donya rodilsya rodilas narodyvsia narodylas wulidt itwaladt
"""
# Where a sentence turns to another matter (punctuation also ends a part).
_TURNS = """
    but and then after before aber und dann danach vorher
    بس لكن ولكن بعدين وبعدين بعد قبل و bas bass lakin ba3den w
    ولی اما بعد قبل و vali amma
    но а и потом затем после але і й потім після
    ama fakat ve sonra önce once
"""
# "via Libya and Italy", "über Iran und die Türkei": after a word of passing through, "and"
# goes on listing transit countries.
_VIA = "via through über durch طریق через üzerinden uzerinden"
_AND = "and und و и і й ve"
_PUNCTUATION = re.compile(r"[,.;:!?،؛؟\n]+")
# Arabic glues "and" to the verb: "وعشت".
_GLUED_AND = "و"


@cache
def _folded_words(table: str) -> frozenset[str]:
    return frozenset(fold(word).replace("ı", "i") for word in table.split())


def _word(token: str) -> str:
    return fold(token).replace("ı", "i")


def _in(word: str, table: str) -> bool:
    words = _folded_words(table)
    return word in words or (word.startswith(_GLUED_AND) and word[1:] in words)


def _parts(text: str) -> list[tuple[str, bool]]:
    """(part, names a transit) for each part of `text`; a transit word that comes first starts
    a part of its own, as "I'm Syrian lived in Turkey" turns there too."""
    turns = _folded_words(_TURNS)
    parts: list[tuple[str, bool]] = []
    for piece in _PUNCTUATION.split(text):
        current: list[str] = []
        transit = via = False
        for token in piece.split():
            word = _word(token)
            first = _in(word, _TRANSIT_FIRST)
            turn = word in turns and not (via and word in _folded_words(_AND))
            if current and (turn or (first and not transit)):
                parts.append((" ".join(current), transit))
                current, transit, via = [], False, False
            current.append(token)
            transit = transit or first or _in(word, _TRANSIT_LAST)
            via = via or word in _folded_words(_VIA)
        if current:
            parts.append((" ".join(current), transit))
    return parts


def origin_country(text: str) -> str | None:
    """The ISO code of the country `text` says the person comes from; None when it names none,
    only a transit country, or two."""
    parts = _parts(text)
    births = [any(_in(_word(token), _BIRTH) for token in part.split()) for part, _ in parts]
    if not any(transit for _, transit in parts) and not any(births):
        return match_country(text)  # "Bosnia and Herzegovina", "Damascus, Syria"
    own = [part for (part, transit), birth in zip(parts, births, strict=True) if not transit and not birth]
    born = [part for (part, transit), birth in zip(parts, births, strict=True) if not transit and birth]
    return _named_origin(own) or (None if _names_any(own) else _named_origin(born))


def _named_origin(parts: list[str]) -> str | None:
    """The one country these parts name (a city only where no country is named); None for
    none or two."""
    countries, cities = set(), set()
    for part in parts:
        code = match_country(part)
        if code:
            countries.add(code)
        else:
            city = match_city(part)
            if city:
                cities.add(city)
    found = countries or cities
    return found.pop() if len(found) == 1 else None


def _names_any(parts: list[str]) -> bool:
    # two countries in the person's own parts are asked again, not settled by the birthplace
    return any(match_country(part) or match_city(part) for part in parts)


def normalise_origin(raw: str, lang: str) -> Result:
    """The answer to "where are you from?": a country, also in a sentence with transit
    countries, a demonym or a well-known city."""
    code = origin_country(clean(raw))
    if code is None:
        return Result.reject("invalid.country")
    return Result(value={"code": code, "name_de": country_name(code, "de")})
