"""The NLU data covers every intent in every interface language; the rules cover every
interruption the form validators let through; `rasa data validate` passes."""

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot.actions.consent import CONSENT_INTERRUPTIONS
from bot.actions.interview import INTERVIEW_INTERRUPTIONS
from dialogues.languages import CODES

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"
MIN_EXAMPLES = 10
# [text](entity), [text]{"entity": ...} and [text][...] annotations keep only their text.
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")


def _yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


DOMAIN = _yaml(BOT / "domain.yml")
INTENTS = DOMAIN["intents"]
# Sent only by buttons, never typed: the knowledge base's "Did you mean ...?" (bot/actions/knowledge.py).
PAYLOAD_ONLY = {"ask_kb"}
RULES = _yaml(BOT / "data" / "rules.yml")["rules"]


def examples(lang):
    """{intent: [example text, ...]} of bot/data/nlu/<lang>.yml."""
    found = defaultdict(list)
    for item in _yaml(BOT / "data" / "nlu" / f"{lang}.yml")["nlu"]:
        if "intent" not in item:
            continue
        for line in item["examples"].splitlines():
            if line.strip().startswith("- "):
                found[item["intent"]].append(line.strip()[2:].strip())
    return found


def plain(example):
    return " ".join(_ANNOTATION.sub(r"\1", example).split()).casefold()


@pytest.mark.parametrize("lang", CODES)
def test_every_intent_has_enough_examples_in_every_language(lang):
    found = examples(lang)
    too_few = {intent: len(found.get(intent, [])) for intent in INTENTS
               if intent not in PAYLOAD_ONLY and len(found.get(intent, [])) < MIN_EXAMPLES}
    assert not too_few, f"bot/data/nlu/{lang}.yml: intent -> examples: {too_few}"


@pytest.mark.parametrize("lang", CODES)
def test_only_domain_intents_in_the_data(lang):
    assert set(examples(lang)) <= set(INTENTS)


def test_no_example_under_two_intents():
    intents_of = defaultdict(set)
    for lang in CODES:
        for intent, texts in examples(lang).items():
            for text in texts:
                intents_of[plain(text)].add(intent)
    clashes = {text: sorted(intents) for text, intents in intents_of.items() if len(intents) > 1}
    assert not clashes


def _first_intents(rule):
    first = rule["steps"][0]
    if "intent" in first:
        return {first["intent"]}
    return {step["intent"] for step in first.get("or", []) if "intent" in step}


def _rules_during(form):
    return [rule for rule in RULES if {"active_loop": form} in rule.get("condition", [])]


@pytest.mark.parametrize(("intent", "form"), [
    *[(i, "profile_form") for i in sorted(INTERVIEW_INTERRUPTIONS)],
    *[(i, "consent_form") for i in sorted(CONSENT_INTERRUPTIONS)],
])
def test_every_interruption_has_a_rule_during_its_form(intent, form):
    starts = set().union(*(_first_intents(rule) for rule in _rules_during(form)))
    assert intent in starts, f"no rule with condition active_loop: {form} starts with {intent}"


@pytest.mark.parametrize("intent", sorted(INTERVIEW_INTERRUPTIONS | CONSENT_INTERRUPTIONS))
def test_interruptions_are_domain_intents(intent):
    assert intent in INTENTS


def test_rasa_data_validate():
    rasa = Path(sys.executable).parent / "rasa"
    result = subprocess.run(
        [str(rasa), "data", "validate", "--domain", "bot/domain.yml", "--data", "bot/data",
         "--config", "bot/config.yml", "--fail-on-warnings"],
        cwd=ROOT, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
