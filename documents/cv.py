"""A German CV (Lebenslauf) as structured data, made from a profile snapshot.

The input is `ProfileRepository.snapshot()`; rows are read defensively (a snapshot may come from an
older interview, a hand-edited export or a test) so that a missing key or an odd value leaves that
entry out instead of breaking the export. Skipped and empty answers are left out, never printed as
placeholders.

Anonymised variant (to reduce discrimination in applications, following the German anonymised
application procedure): no name, photo, date of birth/age, gender, nationality or country of origin,
contact or place of residence. Countries of work and schooling would reveal the origin too, so they
become "in Deutschland" / "im Ausland"; school types named after a country's system are replaced by
their ISCED level and German equivalent; the person's own words in their language are left out (only a
German wording stays: it may still name places, the caseworker reads the document before sending it).
Spoken languages stay (they are qualifications), although a first language hints at the origin.
A reference id (a hash of the person id) lets the organisation match replies to the person.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from classifications import cefr
from dialogues.free_text_de import answer_text, describe_de
from documents.transliteration import name_to_latin, scheme
from nlu.language_names import language_name

HEADING = "Lebenslauf"
HEADING_ANONYMISED = "Lebenslauf (anonymisiert)"
MACHINE_TRANSLATED = "maschinell übersetzt"
TRANSLITERATION_NOTE = ("Die Umschrift in lateinische Buchstaben ist automatisch erstellt; maßgeblich ist "
                        "die Schreibweise im Pass.")
RECOGNITION_NOTE = ("Die Entsprechung ist eine Einschätzung; über die Anerkennung entscheidet die "
                    "zuständige Stelle (z. B. die Zeugnisanerkennungsstelle des Landes).")
MACHINE_TRANSLATION_NOTE = ("Mit „maschinell übersetzt“ gekennzeichnete Texte sind automatische "
                            "Übersetzungen der Angaben der Person.")
ANONYMISED_NOTE = ("Ohne Name, Geburtsdatum, Herkunft, Wohnort und Kontaktdaten, um Benachteiligung im "
                   "Bewerbungsverfahren zu vermeiden. Kontakt über die betreuende Stelle unter Angabe "
                   "der Kennung.")
UNNAMED_JOB = "Berufstätigkeit (Bezeichnung noch offen)"
IN_GERMANY = "in Deutschland"
ABROAD = "im Ausland"

# A CV entry longer than this is an accident (a pasted text): it is shortened, marked with "[…]".
MAX_TEXT = 800
_SKIPPED = {"__skipped__", "__skip__", "skipped"}

GERMAN_EQUIVALENTS = {
    "ohne_abschluss": "ohne Schulabschluss",
    "erster_schulabschluss": "Erster Schulabschluss (Hauptschulabschluss)",
    "mittlerer_schulabschluss": "Mittlerer Schulabschluss (Realschulabschluss)",
    "fachhochschulreife": "Fachhochschulreife",
    "allgemeine_hochschulreife": "Allgemeine Hochschulreife (Abitur)",
}
HIGHER_EDUCATION = {
    "vocational": "Berufsausbildung",
    "post_secondary": "Postsekundäre Ausbildung",
    "short_tertiary": "Kurzstudium",
    "bachelor": "Bachelor oder gleichwertig",
    "master": "Master oder gleichwertig",
    "doctorate": "Promotion",
}
# Descriptions of the Common European Framework levels (GER) as German CVs use them.
CEFR_LEVELS = {
    "A1": "Anfänger", "A2": "Grundlegende Kenntnisse", "B1": "Fortgeschrittene Sprachverwendung",
    "B2": "Selbständige Sprachverwendung", "C1": "Fachkundige Sprachkenntnisse",
    "C2": "Annähernd muttersprachliche Kenntnisse",
}
NATIVE = "Muttersprache"
NO_GERMAN = "noch keine Kenntnisse"


# --- the model -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """A free-text answer: the person's own words and, if not German, a German machine translation."""

    original: str | None
    language: str | None
    german: str | None
    machine_translated: bool = False
    # what was read from the words (start date, hours, occupations ...), in German; shown with
    # DERIVED_NOTE since it is derived automatically
    derived: str | None = None

    @property
    def is_german(self) -> bool:
        return self.language == "de"


@dataclass(frozen=True)
class Name:
    original: str
    latin: str | None = None  # None when the original is in Latin letters already
    scheme: str | None = None  # the transliteration system used

    def display(self) -> str:
        return f"{self.original} ({self.latin})" if self.latin else self.original


@dataclass(frozen=True)
class PersonalData:
    given_names: Name | None = None
    family_name: Name | None = None
    date_of_birth: str | None = None  # TT.MM.JJJJ
    date_of_birth_iso: str | None = None
    country_of_origin: str | None = None  # German name
    country_of_origin_code: str | None = None
    municipality: str | None = None
    phone: str | None = None
    email: str | None = None
    verified_fields: frozenset[str] = frozenset()  # stored fields a caseworker has verified

    @property
    def verified(self) -> bool:
        shown = {"given_names": self.given_names, "family_name": self.family_name,
                 "date_of_birth": self.date_of_birth, "country_of_origin": self.country_of_origin,
                 "municipality": self.municipality, "contact": self.phone or self.email}
        return all(name in self.verified_fields for name, value in shown.items() if value)

    @property
    def name(self) -> Name | None:
        parts = [n for n in (self.given_names, self.family_name) if n]
        if not parts:
            return None
        latin = " ".join(n.latin or n.original for n in parts)
        original = " ".join(n.original for n in parts)
        return Name(original, latin if latin != original else None,
                    next((n.scheme for n in parts if n.scheme), None))


@dataclass(frozen=True)
class Job:
    title: str  # what the CV shows: BA job title, else KldB title, else the person's words
    years: float | None = None
    years_de: str | None = None  # "5 Jahre"
    country: str | None = None  # German country name, or "im Ausland"/"in Deutschland" (anonymised)
    country_code: str | None = None
    own_words: Text | None = None
    kldb: str | None = None
    kldb_title: str | None = None
    job_title_de: str | None = None
    isco: str | None = None
    esco_uri: str | None = None
    esco_title_de: str | None = None
    needs_check: bool = False  # no reference occupation matched: a caseworker must check
    verified: bool = False


@dataclass(frozen=True)
class Schooling:
    school_type: str | None = None  # German name of the school type (not in the anonymised CV)
    school_type_id: str | None = None
    no_schooling: bool = False
    country: str | None = None
    country_code: str | None = None
    years: int | None = None
    completed: bool | None = None
    isced: int | None = None
    german_equivalent_id: str | None = None
    german_equivalent: str | None = None
    recognition_note: str | None = None
    verified: bool = False


@dataclass(frozen=True)
class Education:
    level_id: str | None = None
    level: str | None = None  # "Bachelor oder gleichwertig"
    isced: int | None = None
    subject: Text | None = None
    verified: bool = False


@dataclass(frozen=True)
class Language:
    code: str | None
    name: str  # German name
    level_code: str | None = None  # native, A1..C2, none
    level: str | None = None  # "Muttersprache", "B1 – Fortgeschrittene Sprachverwendung"
    verified: bool = False
    # guessed from the person's words ("ein bisschen") and not verified: shown as "ca. A1"
    approximate: bool = False


@dataclass(frozen=True)
class CV:
    anonymised: bool
    heading: str
    created: date
    reference: str | None = None
    personal: PersonalData | None = None
    experience: tuple[Job, ...] = ()
    schooling: Schooling | None = None
    education: tuple[Education, ...] = ()
    languages: tuple[Language, ...] = ()
    german_level: str | None = None
    german_level_approximate: bool = False
    goals: Text | None = None
    availability: Text | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def unverified(self) -> bool:
        """Whether the CV shows anything a caseworker has not verified."""
        items: list[Any] = [self.personal, self.schooling, *self.experience, *self.education,
                            *self.languages]
        return any(item is not None and not item.verified for item in items)


# --- reading the snapshot --------------------------------------------------------------------------
class _Rows:
    """The given answers of a snapshot by (field, item index)."""

    def __init__(self, snapshot: dict[str, Any] | None) -> None:
        self.rows: dict[tuple[str, int], dict[str, Any]] = {}
        fields = snapshot.get("fields") if isinstance(snapshot, dict) else None
        for row in fields if isinstance(fields, list) else []:
            if not isinstance(row, dict) or not isinstance(row.get("field"), str):
                continue
            if row.get("status", "given") != "given" or _empty(row.get("value")):
                continue
            index = row.get("item_index") or 0
            self.rows[(row["field"], index if isinstance(index, int) else 0)] = row

    def row(self, name: str, index: int = 0) -> dict[str, Any] | None:
        return self.rows.get((name, index))

    def value(self, name: str, index: int = 0) -> Any:  # noqa: ANN401 - stored JSON
        row = self.row(name, index)
        return row.get("value") if row else None

    def indices(self, *names: str) -> list[int]:
        return sorted({i for (f, i) in self.rows if f in names})

    def verified(self, *keys: tuple[str, int]) -> bool:
        rows = [self.rows[k] for k in keys if k in self.rows]
        return bool(rows) and all(r.get("verified_at") for r in rows)


def _empty(value: Any) -> bool:  # noqa: ANN401 - stored JSON
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip().lower() in _SKIPPED
    if isinstance(value, (dict, list)):
        return not value
    return False


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_INVISIBLE = re.compile("[\u200b\u200d\u2060\ufeff\ufe0e\ufe0f\u202a-\u202e\u2066-\u2069]")


def clean(text: Any, limit: int | None = MAX_TEXT) -> str | None:  # noqa: ANN401 - stored JSON
    """Text fit for a document: markup tags, control and invisible characters and emoji removed,
    whitespace collapsed, shortened to `limit` characters. None when nothing is left."""
    if not isinstance(text, (str, int, float)) or isinstance(text, bool):
        return None
    text = unicodedata.normalize("NFC", str(text))
    text = _TAG.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        # emoji and pictographs: no document font has them
        if not (0x1F000 <= ord(c) <= 0x1FAFF or 0x2600 <= ord(c) <= 0x27BF
                or unicodedata.category(c) in ("Cs", "Co", "Cn"))
    )
    text = re.sub(r"\s+", " ", text).strip()
    if not text or text.lower() in _SKIPPED:
        return None
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + " […]"
    return text


def _str(value: Any, key: str) -> str | None:  # noqa: ANN401 - stored JSON
    return clean(value.get(key), 300) if isinstance(value, dict) else None


def _int(value: Any) -> int | None:  # noqa: ANN401 - stored JSON
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _number(value: Any) -> float | None:  # noqa: ANN401 - stored JSON
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and 0 <= value < 100:
        return float(value)
    return None


def german_date(iso: Any) -> str | None:  # noqa: ANN401 - stored JSON
    """"1990-04-23" -> "23.04.1990"; None for anything else."""
    try:
        return date.fromisoformat(str(iso)[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return None


def years_de(years: float | None) -> str | None:
    if years is None:
        return None
    if years == 1:
        return "1 Jahr"
    if 0 < years < 1:
        return "unter 1 Jahr"
    return f"{format_decimal(years, locale='de')} Jahre"


def _municipality(value: Any) -> str | None:  # noqa: ANN401 - stored JSON
    """The German name of the municipality ("bei Halle (Saale)" when only near it); the words
    typed when none was found; plain text stored before places were normalised."""
    if not isinstance(value, dict):
        return clean(value, 120)
    name = _str(value, "name_de")
    if name:
        return clean(f"bei {name}" if value.get("near") is True else name, 120)
    return clean(_str(value, "typed"), 120)


def _country(value: Any) -> tuple[str | None, str | None]:  # noqa: ANN401 - stored JSON
    """(German name, ISO code) of a stored country."""
    if isinstance(value, str):
        return clean(value, 100), None
    code = _str(value, "code")
    code = code.upper() if code and re.fullmatch(r"[A-Za-z]{2}", code) else None
    name = _str(value, "name_de") or (Locale("de").territories.get(code) if code else None)
    return name, code


def _where(name: str | None, code: str | None, anonymised: bool) -> str | None:
    if not anonymised:
        return name
    if code == "DE" or name == "Deutschland":
        return IN_GERMANY
    return ABROAD if (name or code) else None


def _text(row: dict[str, Any] | None, anonymised: bool) -> Text | None:
    """The person's own words of a free-text answer with their German (machine) translation."""
    if not row:
        return None
    original = clean(row.get("original_text")) or clean(answer_text(row.get("value")))
    value = clean(answer_text(row.get("value")))
    derived = clean(describe_de(str(row.get("field")), row.get("value")))
    language = row.get("original_language") if isinstance(row.get("original_language"), str) else None
    translation = row.get("machine_translation")
    german, machine = None, False
    if language == "de":
        german = value or original
    elif isinstance(translation, dict) and clean(translation.get("text")):
        german, machine = clean(translation.get("text")), True
    if anonymised:
        # the own words in the person's language would reveal the origin; what was read from
        # them (dates, hours, occupations) does not
        return Text(None, "de", german, machine, derived) if german or derived else None
    if not original and not german:
        return None
    return Text(original, language, german, machine, derived)


def _name(row: dict[str, Any] | None, ui_language: str | None) -> Name | None:
    if not row:
        return None
    text = clean(row.get("value"), 200) or clean(row.get("original_text"), 200)
    if not text:
        return None
    language = row.get("original_language")
    # short texts are often detected wrongly: for Cyrillic, the interface language is the better hint
    hint = ui_language if ui_language in ("uk", "ru") else language if isinstance(language, str) else None
    used = scheme(text, hint)
    if not used:
        return Name(text)
    return Name(text, name_to_latin(text, hint), used)


def _contact(value: Any) -> tuple[str | None, str | None]:  # noqa: ANN401 - stored JSON
    """(phone, email) from {"type", "value"} (the normaliser) or {"phone", "email"}."""
    if not isinstance(value, dict):
        return None, None
    phone, email = _str(value, "phone"), _str(value, "email")
    kind, text = value.get("type"), _str(value, "value")
    if kind == "phone" and text:
        phone = text
    if kind == "email" and text:
        email = text
    if email and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]{2,}", email):
        email = None
    return phone, email


def reference(person_id: Any) -> str | None:  # noqa: ANN401 - stored JSON
    """A short reference for the anonymised CV. Person ids are random UUIDs, so the hash cannot be
    turned back into the id; only the organisation, hashing its own ids, finds the person."""
    if not isinstance(person_id, str) or not person_id:
        return None
    digest = hashlib.sha256(f"lotse-cv:{person_id}".encode()).hexdigest()[:8].upper()
    return f"LT-{digest[:4]}-{digest[4:]}"


def language_name_de(code: str | None, fallback: str | None) -> str | None:
    """The German name of a language (CLDR, plus names CLDR lacks such as Dari), else the stored one."""
    name = language_name(code, "de") if code else None
    return name if name and name != code else fallback


def cefr_label(level: Any, approximate: bool = False) -> str | None:  # noqa: ANN401 - stored JSON
    """"B1 – Fortgeschrittene Sprachverwendung"; "ca. B1 – …" for a level `approximate`ly known."""
    if approximate and isinstance(level, str) and level.upper() in CEFR_LEVELS:
        return f"ca. {cefr_label(level)}"
    if level == "native":
        return NATIVE
    if level == "none":
        return NO_GERMAN
    if isinstance(level, str) and level.upper() in CEFR_LEVELS:
        return f"{level.upper()} – {CEFR_LEVELS[level.upper()]}"
    return None


# --- building --------------------------------------------------------------------------------------
_PERSONAL = ("given_names", "family_name", "date_of_birth", "country_of_origin", "municipality", "contact")


def _personal(rows: _Rows, ui_language: str | None) -> PersonalData | None:
    country, code = _country(rows.value("country_of_origin"))
    phone, email = _contact(rows.value("contact"))
    data = PersonalData(
        given_names=_name(rows.row("given_names"), ui_language),
        family_name=_name(rows.row("family_name"), ui_language),
        date_of_birth=german_date(rows.value("date_of_birth")),
        date_of_birth_iso=str(rows.value("date_of_birth"))[:10] if german_date(rows.value("date_of_birth"))
        else None,
        country_of_origin=country, country_of_origin_code=code,
        municipality=_municipality(rows.value("municipality")),
        phone=phone, email=email,
        verified_fields=frozenset(f for f in _PERSONAL if rows.verified((f, 0))),
    )
    return None if data == PersonalData(verified_fields=data.verified_fields) else data


def _job(rows: _Rows, index: int, anonymised: bool) -> Job | None:
    occupation = rows.value("job_occupation", index)
    occupation = occupation if isinstance(occupation, dict) else {}
    own = _text(rows.row("job_title", index), anonymised)
    kldb = _str(occupation, "kldb")
    matched = bool(kldb) and not occupation.get("none")
    job_title_de = _str(occupation, "job_title_de") if matched else None
    kldb_title = _str(occupation, "title_de") if matched else None
    esco_title = _str(occupation, "esco_title_de") if matched else None
    words = own.german or own.original if own else None
    years = _number(rows.value("job_years", index))
    country, code = _country(rows.value("job_country", index))
    # the anonymised CV has no words in the person's language: a neutral title keeps the years
    title = job_title_de or esco_title or kldb_title or words \
        or (UNNAMED_JOB if years is not None or rows.row("job_title", index) else None)
    if not title:
        return None
    keys = [(f, index) for f in ("job_title", "job_occupation", "job_years", "job_country")]
    return Job(
        title=title, years=years, years_de=years_de(years),
        country=_where(country, code, anonymised), country_code=None if anonymised else code,
        own_words=own, kldb=kldb if matched else None, kldb_title=kldb_title,
        job_title_de=job_title_de, isco=_str(occupation, "isco") if matched else None,
        esco_uri=_str(occupation, "esco_uri") if matched else None, esco_title_de=esco_title,
        needs_check=not matched, verified=rows.verified(*keys),
    )


def _schooling(rows: _Rows, anonymised: bool) -> Schooling | None:
    kind = rows.value("school_type")
    kind = kind if isinstance(kind, dict) else {}
    years_value = rows.value("school_years")
    years_value = years_value if isinstance(years_value, dict) else {}
    country, code = _country(rows.value("school_country"))
    if not code and kind.get("country"):
        code = str(kind["country"]).upper()[:2]
    no_schooling = bool(kind.get("none"))
    type_id = _str(kind, "id")
    school_type = None if no_schooling or type_id == "other" else _str(kind, "name_de")
    years = _int(years_value.get("years"))
    completed = years_value.get("completed") if isinstance(years_value.get("completed"), bool) else None
    equivalent_id = years_value.get("german_equivalent") or (
        kind.get("german_equivalent") if completed is not False else None)
    equivalent = GERMAN_EQUIVALENTS.get(equivalent_id) if isinstance(equivalent_id, str) else None
    isced = _int(years_value.get("isced")) if _int(years_value.get("isced")) is not None \
        else _int(kind.get("isced"))
    if not (school_type or no_schooling or years is not None or equivalent or (country and not anonymised)):
        return None
    return Schooling(
        school_type=None if anonymised else school_type, school_type_id=type_id,
        no_schooling=no_schooling,
        country=_where(country, code, anonymised), country_code=None if anonymised else code,
        years=years, completed=completed, isced=isced,
        german_equivalent_id=equivalent_id if equivalent else None, german_equivalent=equivalent,
        recognition_note=RECOGNITION_NOTE if equivalent else None,
        verified=rows.verified(("school_country", 0), ("school_type", 0), ("school_years", 0)),
    )


def _education(rows: _Rows, anonymised: bool) -> tuple[Education, ...]:
    level = rows.value("higher_education")
    level = level if isinstance(level, dict) and not level.get("none") else {}
    level_id = _str(level, "id")
    training = rows.row("vocational_training")
    # "no training" is stored as {"none": true}: the person's "no" is no subject for the CV
    none = training is not None and isinstance(training.get("value"), dict) \
        and training["value"].get("none")
    subject = None if none else _text(training, anonymised)
    if not level and not subject:
        return ()
    name = _str(level, "name_de") or HIGHER_EDUCATION.get(level_id or "")
    return (Education(level_id=level_id, level=name, isced=_int(level.get("isced")), subject=subject,
                      verified=rows.verified(("higher_education", 0), ("vocational_training", 0))),)


def _level(rows: _Rows, name: str, index: int = 0) -> tuple[Any, bool]:
    """(code, approximate) of a stored level: a guess from the person's words (cefr.is_approximate)
    counts as approximate until a caseworker has verified it."""
    value = rows.value(name, index)
    code = cefr.level_of(value) if isinstance(value, dict) else value
    return code, cefr.is_approximate(value) and not rows.verified((name, index))


def _languages(rows: _Rows) -> tuple[tuple[Language, ...], str | None, bool]:
    result: list[Language] = []
    german, german_approximate = _level(rows, "german_level")
    german = german if isinstance(german, str) and cefr_label(german) else None
    if german:
        result.append(Language("de", "Deutsch", german, cefr_label(german, german_approximate),
                               rows.verified(("german_level", 0)), german_approximate))
    for index in rows.indices("spoken_language"):
        value = rows.value("spoken_language", index)
        code = _str(value, "code") if isinstance(value, dict) else None
        name = language_name_de(code, _str(value, "name_de") if isinstance(value, dict) else clean(value, 60))
        if not name or (german and code == "de"):
            continue
        keys = (("spoken_language", index), ("spoken_language_level", index))
        level, approximate = _level(rows, "spoken_language_level", index)
        label = cefr_label(level, approximate) if level != "none" else None
        result.append(Language(code, name, level if label else None, label, rows.verified(*keys),
                               approximate and bool(label)))
    # first languages first, then by level, as German CVs list them
    order = ["native", "C2", "C1", "B2", "B1", "A2", "A1", None, "none"]
    result.sort(key=lambda item: order.index(item.level_code) if item.level_code in order else 7)
    return tuple(result), german, german_approximate and german is not None


def build_cv(snapshot: dict[str, Any], *, anonymised: bool = False, today: date | None = None) -> CV:
    """The CV of a profile snapshot; `anonymised` leaves out what reveals identity and origin."""
    rows = _Rows(snapshot)
    person = snapshot.get("person") if isinstance(snapshot, dict) else None
    person = person if isinstance(person, dict) else {}
    ui_language = person.get("ui_language") if isinstance(person.get("ui_language"), str) else None
    personal = None if anonymised else _personal(rows, ui_language)
    jobs = [_job(rows, i, anonymised)
            for i in rows.indices("job_title", "job_occupation", "job_years", "job_country")]
    languages, german, german_approximate = _languages(rows)
    cv = CV(
        anonymised=anonymised,
        heading=HEADING_ANONYMISED if anonymised else HEADING,
        created=today or date.today(),
        reference=reference(person.get("id")),
        personal=personal,
        experience=tuple(j for j in jobs if j),
        schooling=_schooling(rows, anonymised),
        education=_education(rows, anonymised),
        languages=languages,
        german_level=german,
        german_level_approximate=german_approximate,
        goals=_text(rows.row("goals"), anonymised),
        availability=_text(rows.row("availability"), anonymised),
    )
    return _with_notes(cv)


def _with_notes(cv: CV) -> CV:
    notes = []
    if cv.anonymised:
        notes.append(ANONYMISED_NOTE)
    name = cv.personal.name if cv.personal else None
    if name and name.latin:
        notes.append(TRANSLITERATION_NOTE)
    texts = [j.own_words for j in cv.experience] + [e.subject for e in cv.education] \
        + [cv.goals, cv.availability]
    if any(t and t.machine_translated for t in texts):
        notes.append(MACHINE_TRANSLATION_NOTE)
    return replace(cv, notes=tuple(notes))
