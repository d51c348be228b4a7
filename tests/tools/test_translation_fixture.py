"""The committed tiny Argos packages: format, manifest, and that the project's own
ctranslate2 + sentencepiece (Python 3.10 venv) load and run them.

They are built by tools/translation_fixture/build.sh; these tests check the files that the
translation runtime's tests rely on, not the generator.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import ctranslate2
import pytest
import sentencepiece as spm

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "translation"
CORPUS = PROJECT_ROOT / "tools" / "translation_fixture" / "corpus.txt"
MANIFEST = json.loads((FIXTURES / "fixtures.json").read_text(encoding="utf-8"))
PACKAGES = MANIFEST["packages"]
# Keys a real Argos package index entry / metadata.json carries, plus the fixture marker.
METADATA_KEYS = {
    "package_version", "argos_version", "type", "code", "from_code", "from_name", "to_code", "to_name",
    "links", "target_prefix", "tiny-random-fixture", "description",
}
MAX_DECODING_LENGTH = 12


def _ids(package: dict) -> str:
    return f"{package['from_code']}-{package['to_code']}"


def _corpus(lang: str) -> list[str]:
    rows = (line.split("\t", 1) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line)
    return [sentence for code, sentence in rows if code == lang]


def _root_name(package: dict) -> str:
    version = package["package_version"].replace(".", "_")
    return f"translate-{package['from_code']}_{package['to_code']}-{version}"


@pytest.fixture(params=PACKAGES, ids=_ids)
def package(request: pytest.FixtureRequest) -> dict:
    return request.param


@pytest.fixture
def installed(package: dict, tmp_path: Path) -> Path:
    """The package extracted the way argospm installs it: the zip's folder in a packages dir."""
    with zipfile.ZipFile(FIXTURES / package["file"]) as archive:
        archive.extractall(tmp_path)
    return tmp_path / _root_name(package)


def test_manifest_lists_the_pairs_the_runtime_tests_use():
    pairs = {(p["from_code"], p["to_code"]) for p in PACKAGES}
    assert pairs == {("ar", "en"), ("en", "de"), ("de", "en"), ("uk", "en")}
    assert sorted(p.name for p in FIXTURES.glob("*.argosmodel")) == sorted(p["file"] for p in PACKAGES)


def test_manifest_checksum_and_size_match_the_file(package: dict):
    data = (FIXTURES / package["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == package["sha256"]
    assert len(data) == package["size_bytes"]
    assert len(data) < 1_000_000


def test_zip_has_one_argos_folder_with_the_package_files(package: dict):
    root = _root_name(package)
    assert package["file"] == f"{root}.argosmodel"
    with zipfile.ZipFile(FIXTURES / package["file"]) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert {name.split("/", 1)[0] for name in names} == {root}
    files = {name.removeprefix(f"{root}/") for name in names if not name.endswith("/")}
    required = {"metadata.json", "sentencepiece.model", "README.md", "model/model.bin", "model/config.json"}
    assert required <= files
    assert files & {"model/shared_vocabulary.json", "model/shared_vocabulary.txt"}
    # Reproducible archive: sorted entries, fixed timestamps, no paths escaping the folder.
    assert names == sorted(names)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not [name for name in names if name.startswith("/") or ".." in name.split("/")]


def test_metadata_uses_the_argos_keys(package: dict):
    root = _root_name(package)
    with zipfile.ZipFile(FIXTURES / package["file"]) as archive:
        metadata = json.loads(archive.read(f"{root}/metadata.json"))
    assert set(metadata) == METADATA_KEYS
    assert metadata["type"] == "translate"
    assert (metadata["from_code"], metadata["to_code"]) == (package["from_code"], package["to_code"])
    assert metadata["code"] == f"translate-{package['from_code']}_{package['to_code']}"
    assert metadata["package_version"] == package["package_version"]
    assert metadata["argos_version"] == package["argos_version"]
    assert metadata["from_name"] and metadata["to_name"]
    assert isinstance(metadata["links"], list)
    assert metadata["tiny-random-fixture"] is True
    assert "random" in metadata["description"] and "tests" in metadata["description"]


def test_model_vocabulary_covers_every_sentencepiece_piece(installed: Path):
    sp = spm.SentencePieceProcessor(model_file=str(installed / "sentencepiece.model"))
    vocabulary = set(json.loads((installed / "model" / "shared_vocabulary.json").read_text(encoding="utf-8")))
    pieces = {sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not sp.is_control(i)}
    assert pieces - vocabulary == set()


def _translate(model_dir: Path, sp: spm.SentencePieceProcessor, sentences: list[str]) -> list[str]:
    translator = ctranslate2.Translator(str(model_dir), device="cpu", compute_type="int8")
    results = translator.translate_batch(
        [sp.encode(sentence, out_type=str) for sentence in sentences],
        beam_size=1,
        max_decoding_length=MAX_DECODING_LENGTH,
    )
    return [sp.decode(result.hypotheses[0]) for result in results]


def test_project_ctranslate2_translates_a_batch_deterministically(package: dict, installed: Path):
    sp = spm.SentencePieceProcessor(model_file=str(installed / "sentencepiece.model"))
    sentences = _corpus(package["from_code"])[:8]
    assert len(sentences) == 8

    first = _translate(installed / "model", sp, sentences)
    again = _translate(installed / "model", sp, sentences)

    assert len(first) == len(sentences)
    assert all(isinstance(text, str) and text.strip() for text in first)
    assert first == again


def test_long_input_does_not_exceed_the_position_table(package: dict, installed: Path):
    # Real packages accept CTranslate2's default input length (1024); the fixture must too.
    sp = spm.SentencePieceProcessor(model_file=str(installed / "sentencepiece.model"))
    tokens = sp.encode(" ".join(_corpus(package["from_code"])), out_type=str)
    assert len(tokens) > 200
    translator = ctranslate2.Translator(str(installed / "model"), device="cpu")
    result = translator.translate_batch([tokens], beam_size=1, max_decoding_length=MAX_DECODING_LENGTH)
    assert sp.decode(result[0].hypotheses[0]).strip()
