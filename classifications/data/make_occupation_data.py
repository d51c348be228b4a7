"""Regenerate the occupation tables in this folder from the reference data (not run at run time).

    .venv/bin/python classifications/data/make_occupation_data.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/data/occupations (see SOURCE.md there). Writes
kldb2010.tsv, kldb2010_job_titles.tsv and esco_job_titles.tsv: only the columns the search
uses, 5-digit types and their 3-digit groups, text cleaned (HTML entities, BOM, spacing).
"""

from __future__ import annotations

import csv
import html
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data" / "occupations"
STRUCTURE = "kldb2010_v2020_structure.csv"
LABELS_EN = "kldb2010_5d_labels_en.tsv"
ISCO = "kldb2010_5d_to_isco08_4d.tsv"
ESCO = "esco_kldb_job_titles_de_2022-05-18.csv"
ESCO_METADATA_LINES = 16
ESCO_PREFIX = "http://data.europa.eu/esco/"

BA = ("Quelle: Statistik der Bundesagentur fuer Arbeit, Klassifikation der Berufe 2010 - "
      "ueberarbeitete Fassung 2020")
# One example in the "Umfasst ferner" column: "22342-102 Tischler/in" up to the next number.
EXAMPLE = re.compile(r"(\d{5})-(\d{3}) (.*?)(?=\s+\d{5}-\d{3} |$)")


def clean(text: str) -> str:
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


def write_tsv(path: Path, header_lines: list[str], columns: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in header_lines:
            handle.write(f"# {line}\n")
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            assert not any("\t" in cell or "\n" in cell for cell in row), row
            handle.write("\t".join(row) + "\n")


def read_structure(source: Path) -> tuple[list[list[str]], dict[str, str], list[tuple[str, str]]]:
    """-> rows (kldb, level, title, short title) for levels 3 and 5, {5-digit: title}, examples."""
    rows: list[list[str]] = []
    examples: list[tuple[str, str]] = []
    with (source / STRUCTURE).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for record in reader:
            if not record or not record[0].strip():
                continue
            level = int(record[1])
            code = record[0].strip().zfill(level)  # the export lost leading zeros
            if level not in (3, 5):
                continue
            rows.append([code, str(level), clean(record[2]), clean(record[3])])
            further = clean(record[6])
            if level == 5 and "Zugeordnete Berufe (Beispiele):" in further:
                listing = further.split("Zugeordnete Berufe (Beispiele):", 1)[1].strip()
                for match in EXAMPLE.finditer(listing):
                    if match.group(1) == code:
                        examples.append((f"{code}-{match.group(2)}", clean(match.group(3))))
    return rows, {row[0]: row[2] for row in rows if row[1] == "5"}, examples


def main(source: Path = DEFAULT_SOURCE) -> None:
    rows, titles5, examples = read_structure(source)

    english: dict[str, str] = {}
    with (source / LABELS_EN).open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            english[record["kldb2010_5d"].zfill(5)] = clean(record["label_en"])
    isco: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with (source / ISCO).open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            isco[record["kldb2010_5d"].zfill(5)].append(
                (int(record["rank_in_kldb_group"]), record["isco08_4d"].zfill(4)))

    out_rows = []
    for code, level, title, short in sorted(rows):
        ranked = [c for _, c in sorted(isco.get(code, []))]
        out_rows.append([code, level, title, short, english.get(code, ""),
                         ranked[0] if ranked else "", ",".join(ranked[1:])])
    write_tsv(HERE / "kldb2010.tsv", [
        f"KldB 2010 (revised 2020) 5-digit types and 3-digit groups. {BA}.",
        f"Source: {STRUCTURE} (BA export 2025-02-03); English titles {LABELS_EN}, "
        f"ISCO-08 crosswalk {ISCO} (BA, via github.com/hagerhardt/kldbrecode @ b1f4bb2).",
        "isco08 = recommended match (rank 1), isco08_other = further matches in rank order.",
        "Licence caveat: English titles and crosswalk, see NOTICE.md.",
    ], ["kldb", "level", "title_de", "short_title_de", "title_en", "isco08", "isco08_other"], out_rows)

    # BA job titles: short forms from the structure's examples, full forms from the ESCO table.
    long_titles: dict[str, str] = {}
    esco_rows: list[list[str]] = []
    with (source / ESCO).open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.read().splitlines()[ESCO_METADATA_LINES:]
    for record in csv.DictReader(lines):
        ident, uri = record["Classification 2 ID"], record["Classification 1 URI"]
        # "BE 3324" rows map to ISCO groups, "/isco/" URIs are groups, not occupations.
        job_id = ident[2:].strip()
        if not ident.startswith("B ") or job_id[:5] not in titles5:
            continue
        long_titles[job_id] = clean(record["Classification 2 PrefLabel"])
        if not uri.startswith(ESCO_PREFIX + "occupation/"):
            continue
        relation = record["Mapping relation"].removeprefix("skos:").removesuffix("Match")
        esco_rows.append([job_id, relation, uri.removeprefix(ESCO_PREFIX),
                          clean(record["Classification 1 PrefLabel"])])
    short_titles = dict(examples)
    job_rows = [[job_id, job_id[:5], short_titles.get(job_id, long_titles.get(job_id, "")),
                 long_titles.get(job_id, "")]
                for job_id in sorted(set(short_titles) | set(long_titles))]
    write_tsv(HERE / "kldb2010_job_titles.tsv", [
        f"BA job titles (Berufsbenennungen), id = KldB 5-digit type + running number. {BA}.",
        f"title_de: example titles listed in {STRUCTURE}; title_de_full: the same title in",
        f"full gender forms from {ESCO} (BA national mapping table, ESCO portal) where listed.",
    ], ["id", "kldb", "title_de", "title_de_full"], job_rows)
    write_tsv(HERE / "esco_job_titles.tsv", [
        "BA mapping of job titles to ESCO v1.0.3 occupations (version 20220518), from the ESCO",
        "portal's national mapping tables. This service uses the ESCO classification of the",
        "European Commission. esco_uri is relative to http://data.europa.eu/esco/ ;",
        "relation: SKOS exact/close/narrow/broad (narrow: the ESCO occupation is narrower).",
    ], ["job_title_id", "relation", "esco_uri", "esco_title_de"], sorted(esco_rows))
    print(f"{len(out_rows)} KldB rows, {len(job_rows)} job titles, {len(esco_rows)} ESCO mappings")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
