"""Regenerate the municipality tables in this folder from the reference data (not run at run time).

    .venv/bin/python classifications/data/make_municipality_data.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/data/municipalities (see SOURCE.md there). Writes
municipalities.tsv (one row per municipality of the Destatis Gemeindeverzeichnis: AGS, the
name as people write it, the official name, district, state, population) and postcodes.tsv
(postcode -> AGS, only for AGS in the Gemeindeverzeichnis).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data" / "municipalities"
GV = "destatis_gv_auszug.csv"
PLZ = "plz_ort_landkreis.csv"
DESTATIS = ("© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, "
            "Datenlizenz Deutschland – Namensnennung – Version 2.0")
OSM = "© OpenStreetMap contributors, ODbL 1.0 (via suche-postleitzahl.org)"
CITY_STATES = {"02", "11"}  # Hamburg and Berlin: state, district and municipality at once
# Textkennzeichen of areas that belong to no municipality (forests, lakes): nobody lives there.
UNINCORPORATED = {"65", "66"}
# Textkennzeichen of a district row (satzart 40).
DISTRICT_KINDS = {"41": "kreisfreie Stadt", "42": "Stadtkreis", "43": "Kreis", "44": "Landkreis",
                  "45": "Regionalverband"}


def _number(text: str) -> int:
    return int(text.replace(" ", "") or 0)


def _short_name(official: str) -> str:
    """"Leipzig, Stadt" -> "Leipzig"; "Dachau, GKSt" -> "Dachau" (the part before the type)."""
    return official.split(", ")[0].strip()


def _district(kind: str, name: str, land: str) -> str:
    """The district as a caseworker names it: "Landkreis Leipzig", "kreisfreie Stadt"."""
    if land in CITY_STATES:
        return "Stadtstaat"
    label = DISTRICT_KINDS.get(kind, "")
    if kind in ("41", "42"):
        return label
    short = _short_name(name)
    if re.search(r"kreis|region|verband", short, re.IGNORECASE):
        return short  # "Erzgebirgskreis", "Region Hannover", "Städteregion Aachen"
    return f"{label} {short}".strip()


def read_gv(source: Path) -> list[dict[str, str]]:
    states: dict[str, str] = {}
    districts: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    with (source / GV).open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            kind, land = record["satzart"], record["land"]
            if kind == "10":
                states[land] = record["gemeindename"].strip()
            elif kind == "40":
                districts[land + record["rb"] + record["kreis"]] = _district(
                    record["textkennzeichen"], record["gemeindename"], land)
            elif kind == "60" and record["textkennzeichen"] not in UNINCORPORATED:
                kreis = land + record["rb"] + record["kreis"]
                rows.append({
                    "ags": kreis + record["gemeinde"],
                    "official": record["gemeindename"].strip(),
                    "district": districts[kreis],
                    "state": states[land],
                    "population": str(_number(record["bevoelkerung"])),
                    "postcode": record["postleitzahl"].strip(),
                })
    return rows


def read_postcodes(source: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    """-> postcode -> AGS, AGS -> the place name the postcode list uses (plainer spelling)."""
    postcodes: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    with (source / PLZ).open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            postcodes[record["plz"].strip().zfill(5)].add(record["ags"].strip())
            names.setdefault(record["ags"].strip(), record["ort"].strip())
    return postcodes, names


def write_tsv(path: Path, header_lines: list[str], columns: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in header_lines:
            handle.write(f"# {line}\n")
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            assert not any("\t" in cell or "\n" in cell for cell in row), row
            handle.write("\t".join(row) + "\n")


def main(source: Path = DEFAULT_SOURCE) -> None:
    municipalities = read_gv(source)
    postcodes, plz_names = read_postcodes(source)
    known = {m["ags"] for m in municipalities}
    rows = []
    for m in municipalities:
        short = _short_name(m["official"])
        # The postcode list spells out abbreviations ("Au in der Hallertau" for "Au i.d.Hallertau"),
        # but drops some qualifiers ("Neustadt" for "Neustadt (Hessen)"): only taken for the former.
        name = plz_names.get(m["ags"], short) if "." in short else short
        rows.append([m["ags"], name, m["official"], m["district"], m["state"], m["population"],
                     m["postcode"]])
    write_tsv(HERE / "municipalities.tsv", [
        "German municipalities (Gemeinden), territorial status of the 2021 quarterly edition.",
        f"Source: Destatis Gemeindeverzeichnis, Auszug GV 4Q. {DESTATIS}.",
        f"name = the official name before its type; where that abbreviates, the spelling of the "
        f"postcode list ({OSM}); district = Kreis (\"kreisfreie Stadt\" for a city that is its own "
        "district, \"Stadtstaat\" for Berlin and Hamburg).",
    ], ["ags", "name", "official_name", "district", "state", "population", "postcode"], rows)
    mapped = sorted((code, ags) for code, agss in postcodes.items() for ags in agss if ags in known)
    dropped = sum(len(agss - known) for agss in postcodes.values())
    write_tsv(HERE / "postcodes.tsv", [
        f"Postcode -> AGS of the municipality. {OSM}.",
        f"Only AGS present in municipalities.tsv ({dropped} pairs with later AGS left out).",
    ], ["postcode", "ags"], [[code, ags] for code, ags in mapped])
    print(f"{len(rows)} municipalities, {len(mapped)} postcode pairs ({dropped} dropped)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
