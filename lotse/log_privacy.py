"""No personal text in any log line: every record is scrubbed when it is created.

Installed once at the start of each service process (Rasa server, action server, portal,
Telegram poller, the `lotse` CLI) as the logging module's record factory, so it covers every
logger and handler that Rasa, rasa_sdk, Sanic, structlog or our own code set up, whenever they
set them up. A record keeps what operators need (logger, level, event kinds, action/intent/slot
names, counts, timings, error types and where they were raised) and loses what a person wrote
or who they are: quoted text, JSON and dict/list dumps (trackers, slots, parse data), long
numbers (chat ids, phone numbers), e-mail addresses, exception messages and their locals.
Third-party DEBUG lines, which dump whole trackers, are withheld altogether.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
from functools import lru_cache
from typing import Any

WITHHELD = "<withheld>"
OUR_PACKAGES = ("bot", "lotse", "storage", "channels", "portal", "translation", "nlu",
                "knowledge_base", "classifications", "dialogues", "documents", "__main__")
# Messages that are about a person's text as a whole: replaced by a fixed sentence.
FIXED_MESSAGES = {
    "Failed to parse arguments in line": "a message starting with a slash was not a known "
                                         "intent call; taken as text (text withheld)",
    "message.parsing.failed": "a message starting with a slash could not be parsed (text "
                              "withheld)",
}
# snake_case or dotted code names (action_ask_name, bot.actions, ask.first_name), language codes
_CODE_NAME = re.compile(r"^(?:[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+|[a-z]{2}"
                        r"|[A-Z][A-Za-z]+(?:Error|Exception|Warning))$")
_NUMBER = re.compile(r"^-?\d{1,6}(?:\.\d+)?$")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’")
_BRACKETS = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]")
_LONG_DIGITS = re.compile(r"\+?\d[\d ./-]{5,}\d")
_FLOAT = re.compile(r"^\d+\.\d+$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# ids: whatever follows "sender", "conversation", "chat id"...; hex/uuid-like tokens anywhere
_AFTER_ID_WORD = re.compile(r"(?i)\b(sender(?:[ _]?id)?|conversation(?:[ _]?id)?|chat(?:[ _]?id)?"
                            r"|user(?:[ _]?id)?|person(?:[ _]?id)?)\b(\s*[:=]?\s*)([^\s,;)]+)")
_HEX_TOKEN = re.compile(r"[\w:.-]*[0-9a-fA-F]{8,}[\w:.-]*|[\w-]*:[\w-]{6,}")
_SAFE_JSON_KEYS = {"event", "event_key", "level", "timestamp", "logger", "action_name",
                   "intent", "intent_name", "slot_name", "confidence", "duration"}


@lru_cache(maxsize=1)
def safe_names() -> frozenset[str]:
    """Names of the assistant's own intents, actions, slots, forms, entities and responses."""
    names = {"action_listen", "action_session_start", "action_restart", "action_default_fallback",
             "action_deactivate_loop", "action_two_stage_fallback", "action_back",
             "action_unlikely_intent", "action_extract_slots", "action_default_ask_affirmation",
             "action_default_ask_rephrase", "user", "bot", "slot", "action", "active_loop",
             "session_started", "restart", "rewind", "followup", "reminder", "pause", "resume",
             "nlu_fallback", "web", "telegram", "rest", "GET", "POST", "PUT", "DELETE", "PATCH",
             "HEAD", "OPTIONS", "127.0.0.1", "localhost", "0.0.0.0", "::1"}  # noqa: S104
    try:
        import yaml

        from lotse.settings import PROJECT_ROOT

        domain = yaml.safe_load((PROJECT_ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
        for section in ("intents", "entities", "slots", "responses", "actions", "forms"):
            for item in domain.get(section) or []:
                names.add(next(iter(item)) if isinstance(item, dict) else str(item))
    except Exception:  # noqa: BLE001, S110 - without the domain fewer names survive; none leak
        pass
    return frozenset(names)


def _keep(text: str) -> bool:
    return text in safe_names() or bool(_CODE_NAME.match(text) or _NUMBER.match(text))


def _scrub_quoted(match: re.Match[str]) -> str:
    inner = match.group(0)[1:-1]
    return match.group(0) if not inner or _keep(inner) else f"'{WITHHELD}'"


def _scrub_brackets(match: re.Match[str]) -> str:
    whole = match.group(0)
    inner = whole[1:-1].strip()
    if not inner:
        return whole
    parts = [p.strip().strip("'\"") for p in inner.split(",")]
    if all(_keep(p) for p in parts if p):
        return whole
    return whole[0] + "…" + whole[-1]


def _scrub_json(text: str) -> str | None:
    """A structlog JSON line with only its safe fields left; None if `text` is no JSON object."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    event = str(data.get("event", ""))
    if event in FIXED_MESSAGES:
        return FIXED_MESSAGES[event]
    kept = {}
    for key, value in data.items():
        if key in _SAFE_JSON_KEYS and isinstance(value, (int, float, bool)):
            kept[key] = value
        elif key in _SAFE_JSON_KEYS and isinstance(value, str):
            kept[key] = value if _keep(value) or key in {"level", "timestamp"} else WITHHELD
        else:
            kept[key] = WITHHELD
    return json.dumps(kept)


def scrub_text(text: str) -> str:
    """`text` without anything a person wrote or is identified by."""
    for marker, fixed in FIXED_MESSAGES.items():
        if marker in text:
            return fixed
    stripped = text.strip()
    if stripped.startswith("{"):
        structured = _scrub_json(stripped)
        if structured is not None:
            return structured
    text = _EMAIL.sub(WITHHELD, text)
    text = _AFTER_ID_WORD.sub(_scrub_id, text)
    text = _HEX_TOKEN.sub(lambda m: m.group(0) if _keep(m.group(0)) else WITHHELD, text)
    text = _QUOTED.sub(_scrub_quoted, text)
    previous = None
    while previous != text:  # innermost brackets first, until none is left to collapse
        previous, text = text, _BRACKETS.sub(_scrub_brackets, text)
    return _LONG_DIGITS.sub(_scrub_digits, text)


def _scrub_id(match: re.Match[str]) -> str:
    value = match.group(3)
    if _keep(value.strip("'\"")) or value.startswith("<"):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{WITHHELD}"


def _scrub_digits(match: re.Match[str]) -> str:
    """Phone numbers and chat ids go; timings and counts stay."""
    found = match.group(0)
    if _FLOAT.match(found) or sum(c.isdigit() for c in found) < 7:
        return found
    return "<number>"


def scrub_arg(value: Any) -> Any:  # noqa: ANN401 - any logging argument
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) < 1_000_000 else "<number>"
    if isinstance(value, float):
        return value
    if isinstance(value, BaseException):
        # an error class that says its messages name only code and files (never a person's
        # text) keeps them: operators need "sentencepiece.model missing"
        if getattr(value, "log_safe", False):
            return f"{type(value).__name__}: {scrub_text(str(value))}"
        return type(value).__name__
    if isinstance(value, str):
        return value if _keep(value) else WITHHELD
    return f"<{type(value).__name__}>"


def format_exception(exc_info: tuple) -> str:
    """Where an error was raised and its type, without its message or any value."""
    exc_type, exc, tb = exc_info
    if exc is None:
        exc = exc_type() if exc_type else None
    result = traceback.TracebackException(type(exc), exc, tb, capture_locals=False)
    lines: list[str] = []
    chain = []
    while result is not None:
        chain.append(result)
        result = result.__cause__ or (None if result.__suppress_context__ else result.__context__)
    for item in reversed(chain):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(item.stack.format())
        lines.append(f"{item.exc_type.__module__}.{item.exc_type.__qualname__} "
                     "(message withheld)\n")
    return "".join(lines).rstrip("\n")


def _ours(name: str) -> bool:
    return name.split(".", 1)[0] in OUR_PACKAGES


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    if record.levelno <= logging.DEBUG and not _ours(record.name):
        record.msg, record.args = "debug line withheld", ()
    else:
        try:
            if record.args:
                args = record.args
                if isinstance(args, dict):
                    args = {key: scrub_arg(value) for key, value in args.items()}
                elif record.name == "py.warnings":  # one argument: the formatted warning
                    args = tuple(scrub_text(str(value)) for value in args)
                else:
                    args = tuple(scrub_arg(value) for value in args)
                message = str(record.msg) % args
            else:
                message = str(record.msg)
        except Exception:  # noqa: BLE001 - a broken format string must not break logging
            message = f"log message of {record.name} withheld (unformattable)"
        record.msg, record.args = scrub_text(message), ()
    if record.exc_info:
        try:
            record.exc_text = format_exception(record.exc_info)
        except Exception:  # noqa: BLE001
            record.exc_text = f"{type(record.exc_info[1]).__name__} (details withheld)"
        record.exc_info = None
    return record


_installed = False


def install() -> None:
    """Scrub every log record of this process from now on (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    base_factory = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:  # noqa: ANN401
        return scrub_record(base_factory(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    # warnings (Rasa's included) and uncaught errors go through the scrubbed records too
    logging.captureWarnings(True)
    crash = logging.getLogger("lotse.crash")

    def excepthook(exc_type: type, exc: BaseException, tb: Any) -> None:  # noqa: ANN401
        crash.critical("uncaught %s", exc_type.__name__, exc_info=(exc_type, exc, tb))

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        crash.error("uncaught %s in a thread", args.exc_type.__name__,
                    exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
