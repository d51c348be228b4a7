"""`lotse kb validate | import | export`: the knowledge-base files and the editors' database.

`validate` checks the files (exit 1 on errors; problems on stdout, one per line or as JSON lines
with --json; a summary on stderr). `import` copies the files into the database (insert or update
by id), `export` writes every database entry back to one file each, in the canonical format.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

IMPORT_USER = {"id": None, "username": "lotse kb import"}


def _fail(message: str) -> int:
    print(f"lotse: {message}", file=sys.stderr)
    return 1


def _directory(args: argparse.Namespace) -> Path:
    from knowledge_base.entry import ENTRIES_DIR

    return Path(args.dir).expanduser() if args.dir else ENTRIES_DIR


def _database_url() -> str:
    from lotse.settings import load_settings
    from storage.database import migrate

    url = load_settings().database_url
    migrate(url)
    return url


def cmd_validate(args: argparse.Namespace) -> int:
    from knowledge_base.validation import ERROR, validate_directory

    directory = _directory(args)
    if not directory.is_dir():
        return _fail(f"no such directory: {directory}")
    entries, problems = validate_directory(directory, args.today or date.today())
    for problem in problems:
        if args.json:
            print(json.dumps(problem.as_dict(), ensure_ascii=False))
        else:
            print(f"{problem.level:<7} {problem.entry_id}  {problem.code}: {problem.message}")
    levels = Counter(p.level for p in problems)
    codes = Counter(f"{p.level} {p.code}" for p in problems)
    detail = "".join(f"\n  {count:4d} {code}" for code, count in sorted(codes.items()))
    print(f"lotse kb validate: {len(entries)} entries in {directory}: {levels['error']} errors, "
          f"{levels['warning']} warnings{detail}", file=sys.stderr)
    return 1 if levels[ERROR] else 0


def cmd_import(args: argparse.Namespace) -> int:
    from knowledge_base.entry import EntryFormatError, load_entries
    from knowledge_base.store import InvalidEntry, KnowledgeBaseStore

    directory = _directory(args)
    if not directory.is_dir():
        return _fail(f"no such directory: {directory}")
    try:
        entries = load_entries(directory)
        counts = KnowledgeBaseStore(_database_url()).import_entries(entries, IMPORT_USER)
    except (EntryFormatError, InvalidEntry) as exc:
        return _fail(f"nothing imported: {exc} (see `lotse kb validate`)")
    print(json.dumps({**counts, "directory": str(directory)}, ensure_ascii=False))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from knowledge_base.entry import entry_files, write_entry
    from knowledge_base.store import KnowledgeBaseStore

    directory = _directory(args)
    entries = KnowledgeBaseStore(_database_url()).export_entries()
    if not entries:
        # An empty database would otherwise leave the impression the files were exported.
        return _fail("the database holds no entries (run `lotse kb import` first)")
    written = sum(write_entry(entry, directory) for entry in entries)
    ids = {entry.id for entry in entries}
    stale = [path for path in entry_files(directory) if path.stem not in ids]
    for path in stale:
        if args.prune:
            path.unlink()
        else:
            print(f"lotse: {path.name} has no entry in the database (delete it or use --prune)",
                  file=sys.stderr)
    print(json.dumps({"entries": len(entries), "written": written,
                      "unchanged": len(entries) - written,
                      ("removed" if args.prune else "stale"): sorted(p.name for p in stale),
                      "directory": str(directory)}, ensure_ascii=False))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    kb = sub.add_parser("kb", help="knowledge base: validate, import, export the entry files")
    commands = kb.add_subparsers(dest="kb_command", required=True)
    validate = commands.add_parser("validate", help="check the entry files (exit 1 on errors)")
    validate.add_argument("--dir", metavar="D", help="entry directory (default: knowledge_base/entries)")
    validate.add_argument("--json", action="store_true", help="one JSON object per problem")
    validate.add_argument("--today", metavar="YYYY-MM-DD", type=date.fromisoformat,
                          help="check as on this day (default: today)")
    validate.set_defaults(func=cmd_validate)
    imp = commands.add_parser("import", help="copy the entry files into the database")
    imp.add_argument("--dir", metavar="D", help="entry directory (default: knowledge_base/entries)")
    imp.set_defaults(func=cmd_import)
    export = commands.add_parser("export", help="write the database's entries, one file each")
    export.add_argument("--dir", metavar="D", help="entry directory (default: knowledge_base/entries)")
    export.add_argument("--prune", action="store_true",
                        help="delete entry files that have no entry in the database")
    export.set_defaults(func=cmd_export)
