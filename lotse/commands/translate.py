"""`lotse translate --from L --to L`: translate stdin to stdout with the installed packages.

Without a package for the pair the original text is written, with a one-line notice on
stderr; the exit code is 0 either way, so scripts can always use the output.
"""

from __future__ import annotations

import argparse
import json
import sys


def cmd_translate(args: argparse.Namespace) -> int:
    from translation.translator import MAX_CHARS, Translator, get_translator

    text = sys.stdin.read()
    if args.max_chars and args.max_chars != MAX_CHARS:
        translator = Translator(cache=get_translator().cache, max_chars=args.max_chars)
    else:
        translator = get_translator()
    result = translator.translate(text, args.source, args.target, names=args.name or ())
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(result.text)
        if text.endswith("\n") and not result.text.endswith("\n"):
            sys.stdout.write("\n")
    if not result.translated:
        print(f"lotse: not translated: {result.reason}", file=sys.stderr)
    elif result.truncated:
        print(f"lotse: {result.reason}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("translate", help="translate stdin to stdout (offline packages)")
    parser.add_argument("--from", dest="source", required=True, metavar="L", help="source language")
    parser.add_argument("--to", dest="target", required=True, metavar="L", help="target language")
    parser.add_argument("--name", action="append", metavar="NAME",
                        help="a name to keep unchanged (repeatable)")
    parser.add_argument("--max-chars", type=int, default=None,
                        help="translate at most this many characters (default 10000)")
    parser.add_argument("--json", action="store_true", help="print the result as a JSON object")
    parser.set_defaults(func=cmd_translate)
