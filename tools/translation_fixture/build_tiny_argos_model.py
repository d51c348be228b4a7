"""Build tiny random-weight translation packages in the Argos Translate format for tests.

No real MT weights can be downloaded on the machines this project runs on, so tests load
packages made here: a SentencePiece model trained on ``corpus.txt`` and a Marian transformer
(d_model 32) with random weights from a fixed seed, converted to CTranslate2 (int8) and
zipped exactly like an ``.argosmodel``. They prove loading, tokenising and decoding, never
translation quality.

Runs in the throwaway Python 3.11 environment that ``build.sh`` creates (CPU torch,
transformers, sentencepiece, ctranslate2); it is not part of the lotse package.

    python build_tiny_argos_model.py --out tests/fixtures/translation
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

# No hub look-ups at any point: everything below is built from local files.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import ctranslate2  # noqa: E402
import sentencepiece as spm  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from ctranslate2.converters import TransformersConverter  # noqa: E402

# MarianTokenizer asks for sacremoses, which only matters for real text preprocessing.
warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
transformers.logging.disable_progress_bar()

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DEFAULT_OUT = REPO_ROOT / "tests" / "fixtures" / "translation"
DEFAULT_CORPUS = HERE / "corpus.txt"

PACKAGE_VERSION = "1.0"
ARGOS_VERSION = "1.0"
# Pairs the runtime tests use: direct pairs and English pivots (ar->en->de, uk->en->de).
PAIRS: tuple[tuple[str, str], ...] = (("ar", "en"), ("en", "de"), ("de", "en"), ("uk", "en"))
LANGUAGE_NAMES = {"ar": "Arabic", "de": "German", "en": "English", "uk": "Ukrainian"}

VOCAB_SIZE = 600
SPM_SEED = 1234
BASE_SEED = 20240601
# Zip entries get this timestamp (the earliest a zip can hold) so rebuilds are byte-identical.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)

# Small enough that a package stays far below 1 MB, big enough to be a real encoder-decoder.
# Marian stores its position table: 1024 rows (CTranslate2's default max_input_length) so
# default decoding (256 steps) and long inputs do not fail where a real package would not.
MODEL_SHAPE = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": 1024,
}


@dataclass(frozen=True)
class BuiltPackage:
    """One written ``.argosmodel`` file and what fixtures.json says about it."""

    path: Path
    from_code: str
    to_code: str
    sha256: str

    def manifest_entry(self) -> dict:
        return {
            "file": self.path.name,
            "code": f"translate-{self.from_code}_{self.to_code}",
            "from_code": self.from_code,
            "to_code": self.to_code,
            "package_version": PACKAGE_VERSION,
            "argos_version": ARGOS_VERSION,
            "sha256": self.sha256,
            "size_bytes": self.path.stat().st_size,
        }


def read_corpus(path: Path) -> list[tuple[str, str]]:
    """``(lang, sentence)`` rows of ``corpus.txt`` (one ``lang<TAB>sentence`` a line), in file order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            lang, sentence = line.split("\t", 1)
            rows.append((lang, sentence))
    return rows


def train_sentencepiece(sentences: list[str], vocab_size: int = VOCAB_SIZE) -> bytes:
    """Train one shared unigram SentencePiece model; returns the serialized model."""
    spm.set_random_generator_seed(SPM_SEED)
    model = io.BytesIO()
    # Training from an iterator into memory keeps file paths out of the serialized trainer spec.
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        character_coverage=1.0,
        num_threads=1,
        shuffle_input_sentence=False,
        hard_vocab_limit=True,
        minloglevel=2,
    )
    return model.getvalue()


def marian_vocab(sp: spm.SentencePieceProcessor) -> dict[str, int]:
    """Marian's vocabulary layout: ``</s>`` 0, ``<unk>`` 1, the pieces, ``<pad>`` last."""
    vocab = {"</s>": 0, "<unk>": 1}
    for piece_id in range(sp.get_piece_size()):
        if sp.is_control(piece_id) or sp.is_unknown(piece_id):
            continue
        vocab[sp.id_to_piece(piece_id)] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab


def write_random_marian(workdir: Path, spm_bytes: bytes, seed: int) -> Path:
    """Save a random-weight MarianMT model and its tokenizer as a Transformers folder."""
    hf_dir = workdir / "hf"
    hf_dir.mkdir()
    (hf_dir / "source.spm").write_bytes(spm_bytes)
    (hf_dir / "target.spm").write_bytes(spm_bytes)
    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)
    vocab = marian_vocab(sp)
    (hf_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
    tokenizer = transformers.MarianTokenizer(
        source_spm=str(hf_dir / "source.spm"),
        target_spm=str(hf_dir / "target.spm"),
        vocab=str(hf_dir / "vocab.json"),
    )
    tokenizer.save_pretrained(hf_dir)

    pad_id = vocab["<pad>"]
    config = transformers.MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        pad_token_id=pad_id,
        decoder_start_token_id=pad_id,
        eos_token_id=vocab["</s>"],
        forced_eos_token_id=vocab["</s>"],
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        **MODEL_SHAPE,
    )
    torch.manual_seed(seed)
    model = transformers.MarianMTModel(config).eval()
    model.save_pretrained(hf_dir)
    return hf_dir


def convert_to_ctranslate2(hf_dir: Path, model_dir: Path) -> None:
    """Convert to CTranslate2 (int8, like the real Argos packages)."""
    TransformersConverter(str(hf_dir)).convert(str(model_dir), quantization="int8", force=True)
    config_path = model_dir / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    # Marian expects "</s>" after the source; letting CTranslate2 add it means callers pass
    # plain SentencePiece pieces, exactly as they do with OpenNMT-based Argos packages.
    config["add_source_eos"] = True
    config_path.write_text(json.dumps(config, indent=4, sort_keys=True) + "\n", encoding="utf-8")


def package_root_name(from_code: str, to_code: str) -> str:
    """Argos names the package folder (and file) ``translate-<from>_<to>-<version with _>``."""
    return f"translate-{from_code}_{to_code}-{PACKAGE_VERSION.replace('.', '_')}"


def package_metadata(from_code: str, to_code: str) -> dict:
    """metadata.json with the keys real Argos packages and package indexes use."""
    return {
        "package_version": PACKAGE_VERSION,
        "argos_version": ARGOS_VERSION,
        "type": "translate",
        "code": f"translate-{from_code}_{to_code}",
        "from_code": from_code,
        "from_name": LANGUAGE_NAMES[from_code],
        "to_code": to_code,
        "to_name": LANGUAGE_NAMES[to_code],
        "links": [],
        "target_prefix": "",
        "tiny-random-fixture": True,
        "description": (
            "Tiny random-weight model for tests only (lotse tools/translation_fixture): "
            "it loads and decodes like a real package but does not translate."
        ),
    }


def package_readme(from_code: str, to_code: str) -> str:
    return (
        f"# {LANGUAGE_NAMES[from_code]} -> {LANGUAGE_NAMES[to_code]} (tiny random-weight test fixture)\n\n"
        "This Argos Translate package holds a Marian transformer (d_model 32, 2+2 layers) with\n"
        "random weights, converted to CTranslate2 int8, and a SentencePiece model shared by all\n"
        "fixture packages. It exists so tests can load and run the real package format offline.\n"
        "Its output is meaningless and decoding rarely stops on its own: cap the decoding length.\n\n"
        "Built by tools/translation_fixture/build_tiny_argos_model.py in the lotse repository.\n"
    )


def write_zip(zip_path: Path, root_name: str, files: dict[str, bytes]) -> None:
    """Write a zip with one top-level folder, sorted entries and fixed timestamps."""
    entries: dict[str, bytes | None] = {f"{root_name}/": None}
    for relative, data in files.items():
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            entries[f"{root_name}/{'/'.join(parts[:depth])}/"] = None
        entries[f"{root_name}/{relative}"] = data
    with zipfile.ZipFile(zip_path, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.create_system = 3  # unix, so the permission bits below are honoured
            data = entries[name]
            if data is None:
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)


def build_package(out_dir: Path, from_code: str, to_code: str, spm_bytes: bytes, seed: int) -> BuiltPackage:
    root_name = package_root_name(from_code, to_code)
    with tempfile.TemporaryDirectory(prefix="tiny-argos-") as tmp:
        workdir = Path(tmp)
        hf_dir = write_random_marian(workdir, spm_bytes, seed)
        model_dir = workdir / "model"
        convert_to_ctranslate2(hf_dir, model_dir)
        files = {f"model/{p.name}": p.read_bytes() for p in sorted(model_dir.iterdir()) if p.is_file()}
    metadata = package_metadata(from_code, to_code)
    files["metadata.json"] = (json.dumps(metadata, ensure_ascii=False, indent=4) + "\n").encode("utf-8")
    files["sentencepiece.model"] = spm_bytes
    files["README.md"] = package_readme(from_code, to_code).encode("utf-8")
    zip_path = out_dir / f"{root_name}.argosmodel"
    write_zip(zip_path, root_name, files)
    return BuiltPackage(zip_path, from_code, to_code, hashlib.sha256(zip_path.read_bytes()).hexdigest())


def pair_seed(from_code: str, to_code: str) -> int:
    """A fixed, distinct seed per pair so the packages differ but never change between builds."""
    return BASE_SEED + int(hashlib.sha256(f"{from_code}_{to_code}".encode()).hexdigest()[:6], 16)


def smoke_test(package: Path, sentence: str) -> str:
    """Load an extracted package the way the runtime does and translate one sentence."""
    with tempfile.TemporaryDirectory(prefix="tiny-argos-check-") as tmp:
        with zipfile.ZipFile(package) as archive:
            archive.extractall(tmp)
        (root,) = Path(tmp).iterdir()
        sp = spm.SentencePieceProcessor(model_file=str(root / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(root / "model"), device="cpu")
        result = translator.translate_batch(
            [sp.encode(sentence, out_type=str)], beam_size=1, max_decoding_length=16
        )
        return sp.decode(result[0].hypotheses[0])


def build_all(out_dir: Path, corpus: list[tuple[str, str]]) -> list[BuiltPackage]:
    out_dir.mkdir(parents=True, exist_ok=True)
    spm_bytes = train_sentencepiece([sentence for _lang, sentence in corpus])
    built = [build_package(out_dir, src, tgt, spm_bytes, pair_seed(src, tgt)) for src, tgt in PAIRS]
    manifest = {
        "generator": "tools/translation_fixture/build_tiny_argos_model.py",
        "note": "Random-weight models for tests only; output is meaningless. Rebuild with build.sh.",
        "packages": [package.manifest_entry() for package in built],
    }
    (out_dir / "fixtures.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the .argosmodel files")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="lang<TAB>sentence lines")
    args = parser.parse_args(argv)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    corpus = read_corpus(args.corpus)
    for package in build_all(args.out, corpus):
        source = next(sentence for lang, sentence in corpus if lang == package.from_code)
        print(
            f"{package.path.name}  {package.path.stat().st_size:>7} bytes  sha256 {package.sha256[:12]}  "
            f"{source!r} -> {smoke_test(package.path, source)!r}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
