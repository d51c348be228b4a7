"""The CV as JSON Resume (https://jsonresume.org/schema, v1.0.0) with lotse extensions.

The base schema stays valid: its top level allows no extra keys, so document-level extensions live in
`meta["x-lotse"]`; entries (basics, work, education, languages) allow extra keys and carry theirs
under `x-lotse` (classification codes, ISCED level, German equivalent, CEFR level, the person's own
words and their language). JSON Resume has no place for a duration without dates, so the years of a
job are in `x-lotse` and no start or end date is invented.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from documents.cv import CV, Text, build_cv

SCHEMA_VERSION = "v1.0.0"


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out keys without a value, recursively (the schema wants strings, not nulls)."""
    result = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _drop_empty(value)
        if value is None or value == {} or value == [] or value == "":
            continue
        result[key] = value
    return result


def _text(text: Text | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return {"originalText": text.original, "originalLanguage": text.language,
            "german": text.german, "machineTranslated": text.machine_translated or None}


def _basics(cv: CV) -> dict[str, Any]:
    personal = cv.personal
    if personal is None:
        return {}
    name = personal.name
    label = next((job.title for job in cv.experience if not job.needs_check), None)
    return {
        "name": (name.latin or name.original) if name else None,
        "label": label,
        "email": personal.email,
        "phone": personal.phone,
        "location": {"city": personal.municipality, "countryCode": "DE" if personal.municipality else None},
        "x-lotse": {
            "nameOriginal": name.original if name and name.latin else None,
            "transliteration": name.scheme if name and name.latin else None,
            "givenNames": personal.given_names.original if personal.given_names else None,
            "familyName": personal.family_name.original if personal.family_name else None,
            "dateOfBirth": personal.date_of_birth_iso,
            "countryOfOrigin": personal.country_of_origin_code,
            "countryOfOriginName": personal.country_of_origin,
        },
    }


def _work(cv: CV) -> list[dict[str, Any]]:
    work = []
    for job in cv.experience:
        words = job.own_words
        work.append({
            "position": job.title,
            "location": job.country,
            "summary": words.german if words and words.german != job.title else None,
            "x-lotse": {
                "kldb": job.kldb, "kldbTitle": job.kldb_title, "jobTitleDe": job.job_title_de,
                "isco": job.isco, "escoUri": job.esco_uri, "escoTitleDe": job.esco_title_de,
                "years": job.years, "countryCode": job.country_code,
                "needsCheck": job.needs_check or None, "verified": job.verified,
                **(_text(words) or {}),
            },
        })
    return work


def _education(cv: CV) -> list[dict[str, Any]]:
    items = []
    school = cv.schooling
    if school:
        items.append({
            "area": "Schulbildung",
            "studyType": "Keine formale Schulbildung" if school.no_schooling else school.school_type
            or "Schulbildung",
            "x-lotse": {
                "schoolType": school.school_type_id, "countryCode": school.country_code,
                "country": school.country, "years": school.years, "completed": school.completed,
                "isced": school.isced, "germanEquivalent": school.german_equivalent_id,
                "germanEquivalentName": school.german_equivalent,
                "recognitionNote": school.recognition_note, "verified": school.verified,
            },
        })
    for item in cv.education:
        subject = item.subject
        items.append({
            "area": (subject.german or subject.original) if subject else None,
            "studyType": item.level,
            "x-lotse": {"level": item.level_id, "isced": item.isced, "verified": item.verified,
                        **(_text(subject) or {})},
        })
    return items


def _languages(cv: CV) -> list[dict[str, Any]]:
    return [{
        "language": language.name,
        "fluency": language.level,
        "x-lotse": {"code": language.code,
                    "cefr": language.level_code if language.level_code not in ("native", "none") else None,
                    "native": language.level_code == "native" or None, "verified": language.verified,
                    # guessed from the person's words, not yet verified (fluency reads "ca. B1 – …")
                    "approximate": language.approximate or None},
    } for language in cv.languages]


def build(snapshot: dict[str, Any], *, anonymised: bool = False) -> dict[str, Any]:
    """The profile as a JSON Resume document (valid against the v1.0.0 schema)."""
    return from_cv(build_cv(snapshot, anonymised=anonymised))


def from_cv(cv: CV) -> dict[str, Any]:
    goals = cv.goals.german or cv.goals.original if cv.goals else None
    resume = {
        "basics": {**_basics(cv), "summary": goals} if not cv.anonymised else {"summary": goals},
        "work": _work(cv),
        "education": _education(cv),
        "languages": _languages(cv),
        "meta": {
            "version": SCHEMA_VERSION,
            "lastModified": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"),
            "x-lotse": {
                "generator": "lotse", "anonymised": cv.anonymised, "reference": cv.reference,
                "germanLevel": cv.german_level,
                "germanLevelApproximate": cv.german_level_approximate or None,
                "goals": _text(cv.goals),
                "availability": _text(cv.availability), "notes": list(cv.notes),
            },
        },
    }
    resume = _drop_empty(resume)
    # entries keep their place even when all their values are empty (dropped above)
    for key in ("work", "education", "languages"):
        resume[key] = [_drop_empty(item) for item in resume.get(key, [])]
    return _drop_empty(resume)
