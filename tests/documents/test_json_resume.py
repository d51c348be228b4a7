import json
from pathlib import Path

import jsonschema
import pytest

from documents.json_resume import SCHEMA_VERSION, build
from tests.documents.conftest import CV_PROFILES, hostile_snapshot, load_profile

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "documents"
                     / "jsonresume-schema.json").read_text(encoding="utf-8"))


def validate(document):
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)


def test_the_schema_copy_is_the_strict_official_one():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    validate({"basics": {"name": "A", "x-lotse": {"any": 1}}, "meta": {"x-lotse": {}}})
    with pytest.raises(jsonschema.ValidationError):
        validate({"x-lotse": {}})  # the top level is closed
    with pytest.raises(jsonschema.ValidationError):
        validate({"work": [{"startDate": "5 Jahre"}]})
    with pytest.raises(jsonschema.ValidationError):
        validate({"basics": {"email": "no address"}})


@pytest.mark.parametrize("name", CV_PROFILES)
@pytest.mark.parametrize("anonymised", [False, True])
def test_every_profile_is_valid_json_resume(name, anonymised):
    document = build(load_profile(name), anonymised=anonymised)
    validate(document)
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document
    assert document["meta"]["version"] == SCHEMA_VERSION == "v1.0.0"
    assert "None" not in json.dumps(document) and "skipped" not in json.dumps(document)


def test_syrian_resume_content_and_extensions():
    document = build(load_profile("cv_syrian"))
    basics = document["basics"]
    assert basics["name"] == "Mhmd Ahmd Al-Khtyb"
    assert basics["x-lotse"]["nameOriginal"] == "محمد أحمد الخطيب"
    assert basics["phone"] == "+4915112345678" and "email" not in basics
    assert basics["location"] == {"city": "Halle (Saale)", "countryCode": "DE"}
    assert basics["x-lotse"]["dateOfBirth"] == "1990-04-23"
    assert basics["x-lotse"]["countryOfOrigin"] == "SY"

    first, second = document["work"]
    assert first["position"] == "Tischler/in" and first["location"] == "Syrien"
    assert first["summary"].startswith("Ich habe fünf Jahre")
    ext = first["x-lotse"]
    assert (ext["kldb"], ext["isco"], ext["years"]) == ("22342", "7522", 5.0)
    assert ext["escoUri"].startswith("http://data.europa.eu/esco/occupation/")
    assert ext["originalText"].startswith("عملت") and ext["originalLanguage"] == "ar"
    assert ext["machineTranslated"] is True
    assert second["x-lotse"]["needsCheck"] is True and "kldb" not in second["x-lotse"]

    (school,) = document["education"]
    assert school["x-lotse"]["isced"] == 3
    assert school["x-lotse"]["germanEquivalent"] == "allgemeine_hochschulreife"
    assert "Zeugnisanerkennungsstelle" in school["x-lotse"]["recognitionNote"]

    languages = {item["language"]: item for item in document["languages"]}
    assert languages["Arabisch"]["fluency"] == "Muttersprache"
    assert languages["Arabisch"]["x-lotse"] == {"code": "ar", "native": True, "verified": False}
    assert languages["Englisch"]["x-lotse"]["cefr"] == "B1"
    assert document["meta"]["x-lotse"]["germanLevel"] == "A2"


def test_ukrainian_education_and_email():
    document = build(load_profile("cv_ukrainian"))
    assert document["basics"]["email"] == "o.shevchenko@example.org"
    assert document["basics"]["name"] == "Oleksandra Shevchenko-Yizhakevych"
    study = document["education"][1]
    assert study["studyType"] == "Bachelor oder gleichwertig"
    assert study["area"] == "Buchhaltung und Wirtschaftsprüfung"
    assert study["x-lotse"]["isced"] == 6 and study["x-lotse"]["originalLanguage"] == "uk"


def test_anonymised_resume_has_no_personal_data():
    document = build(load_profile("cv_syrian"), anonymised=True)
    text = json.dumps(document, ensure_ascii=False)
    for secret in ("Mhmd", "محمد", "1990", "Syrien", "SY", "Halle", "+49", "7c9e6679"):
        assert secret not in text, secret
    assert document["meta"]["x-lotse"]["reference"].startswith("LT-")


def test_hostile_snapshot_stays_valid():
    for anonymised in (False, True):
        validate(build(hostile_snapshot(), anonymised=anonymised))
    validate(build({}))
