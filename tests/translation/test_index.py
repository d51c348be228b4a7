"""Argos package indexes: reading them and installing a language pair from one."""

import hashlib
import json
import shutil

import pytest

from tests.translation.support import DATA, fixture_file, serve_directory
from translation.index import fetch_index, install_pair, parse_index, plan, select
from translation.installer import InstallError
from translation.packages import installed_packages


def test_index_entries_are_read_and_invalid_ones_skipped():
    entries = parse_index(json.loads((DATA / "index.json").read_text()),
                          "https://mirror.example/index.json")
    assert [(e.name, e.package_version) for e in entries] == [
        ("translate-ar_en", "1.9"), ("translate-ar_en", "1.0"), ("translate-en_de", "1.0")]
    assert entries[1].links[1].startswith("ipfs://")
    # Relative links are resolved against the index URL, so a mirror can be a plain folder.
    assert entries[2].links == ("https://mirror.example/v1/translate-en_de-1_0.argosmodel",)
    assert entries[0].as_dict()["from"] == "ar" and entries[0].as_dict()["to_name"] == "English"


def test_newest_entry_and_pivot_plan():
    entries = parse_index(json.loads((DATA / "index.json").read_text()))
    assert select(entries, "ar", "en").package_version == "1.9"
    assert select(entries, "de", "en") is None
    assert [e.name for e in plan(entries, "ar", "de")] == ["translate-ar_en", "translate-en_de"]
    assert [e.name for e in plan(entries, "en", "de")] == ["translate-en_de"]
    with pytest.raises(InstallError, match="no package for fa->de"):
        plan(entries, "fa", "de")


def test_an_index_that_is_not_a_list_is_refused(tmp_path):
    (tmp_path / "index.json").write_text('{"packages": []}')
    with pytest.raises(InstallError, match="not a JSON list"):
        fetch_index(str(tmp_path / "index.json"))
    (tmp_path / "broken.json").write_text("[{")
    with pytest.raises(InstallError, match="not valid JSON"):
        fetch_index(str(tmp_path / "broken.json"))


def served_mirror(tmp_path, *, sha256_for_en_de: str | None = None):
    """A folder laid out like argospm's mirror: index.json plus packages under v1/."""
    root = tmp_path / "mirror"
    (root / "v1").mkdir(parents=True)
    for pair in ("ar_en", "en_de"):
        shutil.copy(fixture_file(pair), root / "v1" / f"translate-{pair}-1_0.argosmodel")
    index = []
    for pair in ("ar_en", "en_de"):
        source, target = pair.split("_")
        entry = {"package_version": "1.0", "argos_version": "1.0", "from_code": source,
                 "to_code": target, "code": f"translate-{pair}",
                 # An unreachable link first: the installer moves on to the next one.
                 "links": ["ipfs://QmNothing", f"v1/translate-{pair}-1_0.argosmodel"]}
        if pair == "en_de" and sha256_for_en_de:
            entry["sha256"] = sha256_for_en_de
        index.append(entry)
    (root / "index.json").write_text(json.dumps(index))
    return root


def test_install_pair_through_english_from_a_served_index(tmp_path):
    target = tmp_path / "pkgs"
    with serve_directory(served_mirror(tmp_path)) as base:
        listed = fetch_index(f"{base}index.json")
        assert {e.links[-1] for e in listed} == {f"{base}v1/translate-ar_en-1_0.argosmodel",
                                                 f"{base}v1/translate-en_de-1_0.argosmodel"}
        installed = install_pair(f"{base}index.json", "ar", "de", target_dir=target)
    assert [p.pair for p in installed] == [("ar", "en"), ("en", "de")]
    assert sorted(p.pair for p in installed_packages([target])) == [("ar", "en"), ("en", "de")]


def test_index_checksum_is_enforced(tmp_path):
    good = hashlib.sha256(fixture_file("en_de").read_bytes()).hexdigest()
    target = tmp_path / "pkgs"
    with serve_directory(served_mirror(tmp_path, sha256_for_en_de="2" * 64)) as base:
        with pytest.raises(InstallError, match="sha256 mismatch"):
            install_pair(f"{base}index.json", "en", "de", target_dir=target)
    assert installed_packages([target]) == []
    shutil.rmtree(tmp_path / "mirror")
    with serve_directory(served_mirror(tmp_path, sha256_for_en_de=good)) as base:
        assert install_pair(f"{base}index.json", "en", "de", target_dir=target)[0].pair == ("en", "de")


def test_unreachable_index_is_a_clear_error():
    from tests.translation.support import unused_port

    with pytest.raises(InstallError, match="cannot read package index"):
        fetch_index(f"http://127.0.0.1:{unused_port()}/index.json", timeout=2)
