"""`lotse bench cost`: the worst message at the length cap and an interview's latency while an
attacker sends such messages, measured on the session's running stack."""

import json

import pytest

from lotse.benchmarks import BENCHMARKS
from lotse.benchmarks.cost import measure, shapes

pytestmark = pytest.mark.server


def test_shapes_are_exactly_at_the_cap():
    from channels.limits import MAX_MESSAGE_CHARS, MAX_MESSAGE_WORDS, too_long

    for name, text in shapes(MAX_MESSAGE_CHARS).items():
        assert len(text) == MAX_MESSAGE_CHARS, name
    assert not too_long(shapes(MAX_MESSAGE_CHARS)["most_words_allowed"])
    assert len(shapes(MAX_MESSAGE_CHARS)["most_words_allowed"].split()) == MAX_MESSAGE_WORDS
    assert too_long(shapes(MAX_MESSAGE_CHARS)["one_letter_words"])  # refused by the word cap


def test_bench_cost_reports_worst_case_and_latency_under_attack(stack):
    assert BENCHMARKS["cost"] == "cost"
    pids = {s.name: s.process.pid for s in stack.services if s.name in ("rasa", "actions")}
    # without the API token: the 20,000-character /model/parse (gigabytes) is left out here
    result = measure(stack.settings.rasa_url, pids, None, turns=6)
    json.dumps(result)  # what `lotse bench cost` prints
    worst = result["worst_case_at_cap"]
    assert set(worst) == set(shapes(result["cap_chars"]))
    assert all(r["status"] == 200 for r in worst.values()), worst
    assert all(set(r["rss_growth_mb"]) == {"rasa", "actions"} for r in worst.values())
    # over the cap: the channel answers itself, without NLU
    over = result["over_cap"]["channel"]
    assert over["status"] == 200 and over["ms"] < worst[result["slowest_shape"]]["ms"] + 2000
    assert result["turn_ms_alone"]["n"] == 6 and result["turn_ms_under_attack"]["n"] == 6
    # the attacker (relayed like a client on the internet) was answered meanwhile
    assert sum(result["attacker_responses"].values()) >= 1
    assert set(result["attacker_responses"]) <= {"200", "429"}
