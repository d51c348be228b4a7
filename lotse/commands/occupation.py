"""`lotse occupation QUERY`: the most likely KldB 2010 occupations for a free-text job, as JSON.

Prints a JSON list, best first, of objects with kldb, title_de, isco, score, job_title_de,
esco_uri and title_en. `--build-index` builds the cache of passage embeddings (once per data
and model version; `lotse train` and the action server also build it when missing).
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def cmd_occupation(args: argparse.Namespace) -> int:
    from classifications import occupation_search

    if args.build_index:
        started = time.perf_counter()
        path = occupation_search.build_index(force=args.force)
        print(json.dumps({"index": str(path), "seconds": round(time.perf_counter() - started, 1)}))
        if not args.query:
            return 0
    if not args.query:
        print("lotse occupation: give a QUERY (or --build-index)", file=sys.stderr)
        return 2
    query = " ".join(args.query)
    matches = occupation_search.search(query, lang=args.lang, top=max(0, args.top))
    records = [{"kldb": m.kldb, "title_de": m.title_de, "isco": m.isco, "score": m.score,
                "job_title_de": m.job_title_de, "esco_uri": m.esco_uri, "title_en": m.title_en}
               for m in matches]
    print(json.dumps(records, ensure_ascii=False, indent=2))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("occupation", help="KldB 2010 / ISCO-08 / ESCO codes for a job, as JSON")
    parser.add_argument("query", nargs="*", metavar="QUERY", help="the job in any language")
    parser.add_argument("--lang", metavar="L", help="language of the query (ISO 639-1), if known")
    parser.add_argument("--top", type=int, default=5, metavar="K", help="number of matches (5)")
    parser.add_argument("--build-index", action="store_true",
                        help="build the cached passage embeddings if missing")
    parser.add_argument("--force", action="store_true", help="with --build-index: rebuild it all")
    parser.set_defaults(func=cmd_occupation)
