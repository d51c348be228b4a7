"""German machine translations of free-text answers, for the caseworker.

The answer is stored first; its translation follows in a worker thread, so a slow model never
delays the next question and a failing one never loses an answer. Answers given before a
translation package was installed are translated later by `lotse profiles translate`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from dialogues.interview import load_interview
from storage.profiles import ProfileRepository
from translation import get_translator

logger = logging.getLogger(__name__)

TARGET_LANGUAGE = "de"  # caseworkers read German
_pending: set[asyncio.Future[Any]] = set()  # keeps running tasks referenced until they end


def translatable_fields() -> set[str]:
    return {f.slot for f in load_interview().fields if f.kind == "free_text"}


def translate_answer(repository: ProfileRepository, person_id: str, field: str, item_index: int,
                     text: str, source: str, names: list[str]) -> bool:
    """Translate one stored answer into German and attach it; True when one was stored."""
    if source == TARGET_LANGUAGE or not text.strip():
        return False
    result = get_translator().translate(text, source, TARGET_LANGUAGE, names=names)
    if not result.translated or not result.model:
        logger.info("answer to %s not translated (%s -> de): %s", field, source, result.reason)
        return False
    return repository.save_translation(
        person_id, field, item_index=item_index, text=result.text, language=TARGET_LANGUAGE,
        model=result.model, model_version=result.model_version, source_text=text)


def translate_in_background(repository: ProfileRepository, person_id: str, field: str,
                            item_index: int, text: str, source: str, names: list[str]) -> None:
    if source == TARGET_LANGUAGE or field not in translatable_fields():
        return

    def work() -> None:
        try:
            translate_answer(repository, person_id, field, item_index, text, source, names)
        except Exception:  # a translation problem must never reach the conversation
            logger.exception("machine translation of an answer to %s failed", field)

    task = asyncio.get_running_loop().run_in_executor(None, work)
    _pending.add(task)
    task.add_done_callback(_pending.discard)


def translate_missing(repository: ProfileRepository) -> dict[str, int]:
    """Translate every stored free-text answer that has no German translation yet."""
    counts = {"translated": 0, "untranslated": 0}
    for row in repository.untranslated_answers(translatable_fields(), TARGET_LANGUAGE):
        snapshot = repository.snapshot(row["person_id"]) or {"fields": []}
        names = [str(f["value"]) for f in snapshot["fields"]
                 if f["field"] in ("given_names", "family_name") and isinstance(f["value"], str)]
        done = translate_answer(repository, row["person_id"], row["field"], row["item_index"],
                                row["original_text"], row["original_language"], names)
        counts["translated" if done else "untranslated"] += 1
    return counts
