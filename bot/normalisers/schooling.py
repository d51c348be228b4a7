"""Schooling answers: the school type among those of the country, the years, the highest degree.

The table and the derivation of ISCED level and German equivalent are in
classifications/schooling.py; this module only turns what the person pressed or typed into them.
"""

from __future__ import annotations

import re
from typing import Any

from bot.normalisers import school_words
from bot.normalisers.choices import match_option
from bot.normalisers.declines import says_none
from bot.normalisers.numbers import fold_word, quantities, read_years, tokenise
from bot.normalisers.result import Result
from bot.normalisers.school_words import clauses, folded, mentions
from bot.normalisers.text_quality import normalise_digits
from classifications import schooling
from dialogues import catalogue

OTHER = "other"
NONE = "none"
MAX_SCHOOL_YEARS = 25


def country_code(value: Any) -> str | None:  # noqa: ANN401 - a slot value
    return value.get("code") if isinstance(value, dict) else None


def school_type_options(country: str | None, lang: str) -> list[tuple[str, str]]:
    """(id, button label) of the school types of `country`, then "another school"."""
    options = [(t.id, schooling.type_label(t, lang)) for t in schooling.school_types(country)]
    return [*options, (OTHER, catalogue.text(lang, "school.other"))]


def _type_value(type_id: str, country: str | None) -> dict[str, Any]:
    if type_id == OTHER:
        return {"id": OTHER, "country": country}
    found = schooling.school_type(type_id)
    return {"country": country, "id": found.id, "name_de": schooling.type_label(found, "de"),
            "isced": found.isced, "years": found.years,
            "german_equivalent": found.german_equivalent}


def _exact_label(raw: str, labels: dict[str, list[str]]) -> str | None:
    text = catalogue.normalise_word(raw)
    for type_id, names in labels.items():
        if any(catalogue.normalise_word(name) == text for name in names):
            return type_id
    return None


def _by_category(text: str, country: str | None) -> list[str]:
    """The country's school types of the kind the words name ("high school", "ثانوية مهنية")."""
    found = folded(text)
    local = school_words.COUNTRY_SCHOOL_WORDS.get((country or "").upper(), {})
    named = [cat for cat in _CATEGORY_ORDER
             if mentions(found, school_words.SCHOOL_WORDS[cat])
             or (cat in local and mentions(found, local[cat]))]
    for category in named:  # the most specific kind first: religious, vocational, upper, ...
        suffixes = school_words.SCHOOL_CATEGORIES[category]
        ids = [t.id for t in schooling.school_types(country)
               if t.id != schooling.NO_SCHOOL and t.id.split(".", 1)[1] in suffixes]
        if ids:
            return ids
    return []


_CATEGORY_ORDER = ("religious", "vocational", "upper", "lower", "primary")
_GRADE_WORDS = {"grade", "grades", "class", "classes", "form", "klasse", "klassen", "صف",
                "صفوف", "کلاس", "صنف", "پایه", "клас", "класи", "класів", "класу", "класс",
                "класса", "классов", "классе", "sinif", "sinifi", "sinifa", "sinifta", "sene"}
# "الصف", "للصف", "بالصف": the article and prepositions written on the word
_ARABIC_PREFIX = re.compile(r"^(?:لل|بال|وال|ال)")
_NO_SCHOOL_WORDS = ("never went to school|did not go to school|didnt go to school|no school|"
                    "keine schule|nie zur schule|nicht zur schule|nicht in der schule|"
                    "لم ادرس|ما درست|ما رحت عالمدرسه|ما رحت ع المدرسه|لم اذهب الی المدرسه|"
                    "مدرسه نرفتم|مدرسه نرفته|درس نخواندم|درس نخوندم|مکتب نرفتم|"
                    "не ходив до школи|не ходила до школи|не ходил в школу|не ходила в школу|"
                    "не учился|не вчився|okula gitmedim|okula hiç gitmedim|okumadım|okula gitmedi")


def typed_school_years(raw: str, lang: str, options: int) -> tuple[int, bool] | None:
    """Years of school written where the school type was asked: "12 years", "I finished 9th
    grade", "закінчив 11 класів", "الصف التاسع"; a bare number above the number of buttons.
    (years, approximate) or None."""
    tokens = tokenise(raw, lang)
    found = [q for q in quantities(tokens) if q.value == int(q.value)]
    if len(found) != 1 or not 0 < found[0].value <= MAX_SCHOOL_YEARS:
        return None
    quantity = found[0]
    near = {t.text for t in tokens[max(0, quantity.start - 2):quantity.end + 2]}
    graded = bool(near & _GRADE_WORDS) or any(
        _ARABIC_PREFIX.sub("", fold_word(t.text)) in _GRADE_WORDS for t in tokens)
    bare = len(tokens) == 1 and quantity.digits and quantity.value > options
    # an ordinal alone is the last class: "التاسع", "9th", "девятий", "dokuzuncu"
    graded = graded or (quantity.ordinal and len(tokens) == 1)
    if quantity.unit == "y" or graded or bare:
        return int(quantity.value), any(t.kind == "approx" for t in tokens)
    return None


def normalise_school_type(raw: str, lang: str, option: str | None, country: str | None) -> Result:
    options = school_type_options(country, lang)
    ids = {type_id for type_id, _ in options}
    if option in ids:
        return Result(value=_type_value(option, country))
    labels: dict[str, list[str]] = {}
    for school_type in schooling.school_types(country):
        labels[school_type.id] = [schooling.type_label(school_type, code)
                                  for code in dict.fromkeys((lang, "de", "en"))]
        if school_type.local_name:
            labels[school_type.id].append(school_type.local_name)
        labels[school_type.id].extend(school_type.aliases)
    labels[OTHER] = [catalogue.text(lang, "school.other")]
    text = normalise_digits(raw).strip()
    if option is not None or (text.isdigit() and int(text) <= len(options)):
        picked = match_option(raw, labels)  # "3": the third button
        return Result(value=_type_value(picked, country)) if picked else \
            Result.reject("school.not_in_list")
    picked = _exact_label(raw, labels)
    if picked:
        return Result(value=_type_value(picked, country))
    typed = typed_school_years(raw, lang, len(options))
    also = {}
    if typed:
        years, approximate = typed
        also = {"school_years": _years_value(None, years, approximate)}
    by_words = _by_category(raw, country)
    if typed and len(by_words) != 1:
        by_years = [t for t in by_words or [t.id for t in schooling.school_types(country)]
                    if t != schooling.NO_SCHOOL and schooling.school_type(t).years == typed[0]]
        if len(by_years) == 1:
            return _inferred(by_years[0], country, "inferred_from_years", typed)
        return Result(error="extraction.school_type_for_years", params={"years": typed[0]},
                      also=also)
    if len(by_words) == 1:
        return _inferred(by_words[0], country, "inferred_from_words", typed)
    if mentions(folded(raw), _NO_SCHOOL_WORDS) or says_none(raw, lang):
        return Result(value=_type_value(schooling.NO_SCHOOL, country))
    picked = match_option(raw, labels)
    if picked is None:
        return Result.reject("school.not_in_list")
    return Result(value=_type_value(picked, country))


def _inferred(type_id: str, country: str | None, reason: str,
              typed: tuple[int, bool] | None) -> Result:
    value = {**_type_value(type_id, country), "check": reason}
    also = {"school_years": _years_value(type_id, *typed)} if typed else {}
    return Result(value=value, also=also)


def _years_value(type_id: str | None, years: int, approximate: bool) -> dict[str, Any]:
    if not type_id or type_id == OTHER:
        # No table entry to compare with: the years alone, for the caseworker to assess.
        value: dict[str, Any] = {"years": years, "completed": None, "isced": None,
                                 "german_equivalent": None}
    else:
        value = schooling.derive(type_id, years)
    if approximate:
        value["check"] = "approximate"
    return value


def _stages_summed(raw: str, quantities_found: tuple[Any, ...]) -> int | None:
    """"6 years primary and 3 years middle school", "ilkokul 5 yıl ortaokul 3 yıl": school told
    stage by stage (each count of years beside its own kind of school) adds up."""
    counts = [q for q in quantities_found if q.unit in (None, "y") and not q.ordinal]
    if len(counts) < 2 or any(q.digits and q.value >= 1000 for q in counts):
        return None
    text = folded(raw)
    stages = {category for category in ("primary", "lower", "upper", "vocational", "religious")
              if mentions(text, school_words.SCHOOL_WORDS[category])}
    if len(stages) < 2 or len(stages) < len(counts) - 1:
        return None
    total = sum(q.value for q in counts)
    return int(total) if float(total).is_integer() else None


def normalise_school_years(raw: str, school_type: Any, lang: str = "en") -> Result:  # noqa: ANN401
    reading = read_years(raw, lang)
    years, approximate = reading.years, reading.approximate
    summed = _stages_summed(raw, reading.quantities or ())
    if summed is not None:  # also "4 years primary, 4 years middle": no length said twice
        years = summed
    if years is None and reading.problem != "range":
        # the last class instead of a count: "bis zur zehnten Klasse", "till 9th grade"
        years, approximate = typed_school_years(raw, lang, 0) or (None, False)
    if years is None or not 0 <= years <= MAX_SCHOOL_YEARS:
        if reading.problem == "range":
            return Result.reject("extraction.one_number")
        return Result.reject("invalid.school_years")
    type_id = school_type.get("id") if isinstance(school_type, dict) else None
    # Classes are whole years: "ten and a half" is noted as ten, marked for the caseworker.
    approximate = approximate or not float(years).is_integer()
    return Result(value=_years_value(type_id, int(years), approximate))


def rederive_school_years(school_type: Any, school_years: Any) -> dict[str, Any] | None:  # noqa: ANN401
    """School years noted before the type was known, compared with the type now chosen."""
    type_id = school_type.get("id") if isinstance(school_type, dict) else None
    if not type_id or type_id in (OTHER, schooling.NO_SCHOOL) or not isinstance(school_years, dict) \
            or school_years.get("isced") is not None or not isinstance(school_years.get("years"), int):
        return None
    return _years_value(type_id, school_years["years"], school_years.get("check") == "approximate")


def higher_education_options(lang: str) -> list[tuple[str, str]]:
    return [(q.id, schooling.type_label(q, lang)) for q in schooling.higher_education_options()]


def normalise_higher_education(raw: str, lang: str, option: str | None) -> Result:
    options = {q.id: q for q in schooling.higher_education_options()}
    picked = option if option in options else None
    check = None
    if picked is None:
        if catalogue.matches_lexicon(lang, "none", raw) or says_none(raw, lang):
            picked = NONE
        else:
            labels = {q.id: [schooling.type_label(q, code) for code in dict.fromkeys((lang, "de", "en"))]
                      for q in options.values()}
            picked = _exact_label(raw, labels)
            if picked is None:
                picked, check = degree_in_words(raw)
            if picked is None:
                picked = match_option(raw, labels)
    if picked is None or picked not in options:
        return Result.reject("invalid.choose_option")
    if picked == NONE:
        return Result(value={"none": True, **({"check": check} if check else {})})
    chosen = options[picked]
    value = {"id": chosen.id, "isced": chosen.isced, "name_de": schooling.type_label(chosen, "de")}
    return Result(value={**value, "check": check} if check else value)


_DEGREE_ORDER = ("doctorate", "master", "bachelor", "short_tertiary", "post_secondary",
                 "vocational")


def degree_in_words(raw: str) -> tuple[str | None, str | None]:
    """(higher_education id, check reason) of a degree described in words: the highest one
    obtained; studies given up or still going on are none, marked for the caseworker; a
    school-leaving certificate or a denied university alone ("nur Abitur, keine Uni") is none."""
    obtained: list[str] = []
    given_up: list[str] = []
    denied = school = False
    previous: list[str] = []  # what the clause before named, for "..., stopped because of war"
    for clause in clauses(raw):
        named = _degrees_in(clause)
        kept, no = _denied(clause, named)
        denied = denied or bool(no)
        school = school or any(degree == "school" for _, _, degree in named)
        if mentions(clause, school_words.UNFINISHED_WORDS):
            # "не закінчив" holds a negation: what is named here was started, not denied
            items = [d for _, _, d in named if d != "school"] or previous or ["studies"]
            for item in items:
                if item in obtained:
                    obtained.remove(item)
            given_up.extend(items)
            previous = []
            continue
        obtained.extend(kept)
        previous = kept
    degrees = [d for d in obtained if d != "university"]
    if degrees:
        best = min(degrees, key=_DEGREE_ORDER.index)
        several = len(set(degrees)) > 1 or given_up
        return best, "several_degrees" if several else None
    if given_up:
        return NONE, "unfinished_degree"
    if obtained:  # "studied at university": a degree is likely, its level unclear
        return "bachelor", "inferred_from_words"
    if denied or school:
        return NONE, None
    return None, None


def _degrees_in(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, degree) of the degrees and universities a folded clause names, in order;
    a phrase inside a longer one is not one of its own ("ön lisans", "فوق دیپلم", "high school
    diploma")."""
    spans: list[tuple[int, int, str]] = []
    for degree in _DEGREE_ORDER:
        spans.extend((a, b, degree) for a, b in mentions(clause, school_words.DEGREE_WORDS[degree]))
    spans.extend((a, b, "university") for a, b in mentions(clause, school_words.UNIVERSITY_WORDS))
    spans.extend((a, b, "school") for a, b in mentions(clause, school_words.SCHOOL_LEVEL_WORDS))
    if not spans:  # "graduated in law", "خريج هندسة": a graduate of some higher studies
        spans.extend((a, b, "university") for a, b in mentions(clause, school_words.GRADUATE_WORDS))
    kept = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0])
                                        for o in spans)]
    return sorted(kept)


def _denied(clause: str, named: list[tuple[int, int, str]]) -> tuple[list[str], list[str]]:
    """(named degrees not denied, denied ones): a negation word denies the next degree,
    university or school within three words after it, else the nearest one before it."""
    words = clause.split()
    starts = [m.start() for m in re.finditer(r"\S+", clause)]
    def index(offset: int) -> int:
        return sum(1 for s in starts if s <= offset) - 1
    at = [(index(a), index(b - 1), degree) for a, b, degree in named]
    no: set[int] = set()
    for i, word in enumerate(words):
        if word not in school_words.NEGATION_WORDS and not (
                school_words.TURKISH_NEGATED_VERB.match(word)):
            continue
        after = [k for k, (first, _, _) in enumerate(at) if i < first <= i + 3]
        before = [k for k, (_, last, _) in enumerate(at) if i - 3 <= last < i]
        if after:
            no.add(after[0])
        elif before:
            no.add(before[-1])
    kept = [degree for k, (_, _, degree) in enumerate(at) if k not in no and degree != "school"]
    denied = [degree for k, (_, _, degree) in enumerate(at) if k in no]
    return list(dict.fromkeys(kept)), denied
