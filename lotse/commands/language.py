"""`lotse detect-language`: the language of each line on stdin, one JSON object per line.

Output keys: text, lang (ISO 639-1 where one exists, else 639-3; null when a line carries no
evidence), confidence, supported, script, reason. Input is read as bytes and decoded with
replacement, so binary or invalid UTF-8 input never stops the command.
"""

from __future__ import annotations

import argparse
import json
import sys


def cmd_detect_language(args: argparse.Namespace) -> int:
    from nlu.language_identification import detect

    out = sys.stdout
    for raw in sys.stdin.buffer:
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        detection = detect(text, chosen=args.chosen, hint=args.hint)
        record = {"text": text, "lang": detection.lang, "confidence": detection.confidence,
                  "supported": detection.supported, "script": detection.script,
                  "reason": detection.reason}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()  # one answer per line as it comes, for callers reading a pipe
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("detect-language",
                            help="identify the language of each stdin line, print JSON lines")
    parser.add_argument("--chosen", metavar="L", help="language chosen in the conversation (prior)")
    parser.add_argument("--hint", metavar="L", help="client language hint, e.g. de-DE (prior)")
    parser.set_defaults(func=cmd_detect_language)
