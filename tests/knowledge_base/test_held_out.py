"""Knowledge-base retrieval on held-out questions written as strangers write them (dialect,
colloquial and Latin-script spelling, typos, paraphrases) in all seven languages, plus questions
the base cannot answer. The questions (data/held_out_questions.yml) were written before the
retrieval was changed and were never used to tune it; `lotse bench kb` is a separate set.
data/held_out_questions_2.yml (70) was written before the entries got their colloquial question
variants (dialect, arabizi, Finglish, translit, admin words) and never used to word them; the same
thresholds hold for it. Before the variants: 1 wrong answer of 70, 48 of 56 answerable questions
reached their entry; after: 1 wrong, 52 of 56 (and the first set: 4 -> 3 wrong, 77 -> 80 of 84).

Before the dialect/transliteration work the retrieval got 74 of 105 decisions right (0.705):
answers of answerable questions below the threshold were the main loss. Since "Did you mean"
covers the plausible band, the measures are the wrong answers and the answerable questions that
reach their entry, answered or offered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dialogues.languages import CODES
from knowledge_base.entry import load_entries
from knowledge_base.retrieval import KnowledgeBaseIndex
from lotse.settings import PROJECT_ROOT

DATA = Path(__file__).parent / "data" / "held_out_questions.yml"
DATA_2 = Path(__file__).parent / "data" / "held_out_questions_2.yml"
SETS = pytest.mark.parametrize("data", [DATA, DATA_2], ids=["set1", "set2"])
CACHE = PROJECT_ROOT / "var" / "test-models" / "kb-index"
# Questions answered with a wrong entry (an answerable one with another entry, an unanswerable one
# with any): the old retrieval 5 of 105; answering from confidence 0.7 instead of 0.5, 4.
MAX_WRONG_ANSWERS = 0.04
# Answerable questions answered with their entry or offered it ("Did you mean"): the old
# retrieval (no suggestions) 57 of 84 (0.679); suggestions from 0.3, 64 (0.762); from 0.1, 78 (0.929).
MIN_REACHED = 0.9


def _items(data: Path = DATA) -> list[dict]:
    return yaml.safe_load(data.read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBaseIndex:
    return KnowledgeBaseIndex.build(load_entries(), directory=CACHE)


@SETS
def test_the_set_covers_every_language_with_unanswerable_questions(data):
    items = _items(data)
    assert len(items) >= 70
    known = {entry.id for entry in load_entries()}
    for lang in CODES:
        mine = [item for item in items if item["lang"] == lang]
        assert len(mine) >= 10, lang
        assert any(item["entry"] is None for item in mine), lang
    assert {item["entry"] for item in items} - {None} <= known


@SETS
def test_few_questions_are_answered_with_a_wrong_entry(kb, data):
    items = _items(data)
    wrong = []
    for item in items:
        hit = kb.answer(item["question"], item["lang"])
        if hit is not None and hit.entry_id != item["entry"]:
            wrong.append(f"  {item['lang']} {item['question']!r}: "
                         f"expected {item['entry']}, got {hit.entry_id}")
    rate = len(wrong) / len(items)
    assert rate <= MAX_WRONG_ANSWERS, f"{len(wrong)} wrong answers ({rate:.3f})\n" + "\n".join(wrong)


@SETS
def test_answerable_questions_reach_their_entry_answered_or_offered(kb, data):
    answerable = [item for item in _items(data) if item["entry"] is not None]
    reached = []
    for item in answerable:
        hit = kb.answer(item["question"], item["lang"])
        offered = [h.entry_id for h in kb.suggestions(item["question"], item["lang"])]
        if (hit is not None and hit.entry_id == item["entry"]) or item["entry"] in offered:
            reached.append(item)
    rate = len(reached) / len(answerable)
    assert rate >= MIN_REACHED, f"{len(reached)} of {len(answerable)} answerable questions reach their entry"


@pytest.mark.parametrize("question, lang", [
    ("Wo kann ich in Leipzig am besten Döner essen?", "de"),
    ("можно ли купить пиво в воскресенье", "ru"),
    ("en iyi futbol takımı hangisi", "tr"),
])
def test_off_topic_gets_neither_an_answer_nor_suggestions(kb, question, lang):
    assert kb.answer(question, lang) is None
    assert kb.suggestions(question, lang) == []
