"""`lotse bench channels`: widget weight and the Telegram send queue, as JSON."""

import argparse

from lotse.benchmarks.channels import run


def test_bench_channels_reports_widget_size_and_keeps_telegram_limits():
    result = run(argparse.Namespace(messages=40, chats=10))
    widget = result["widget"]
    assert set(widget["files"]) == {"widget.js", "widget.css"}
    assert 0 < widget["total_gzip_bytes"] < widget["total_bytes"]
    queue = result["telegram_queue"]
    assert queue["messages"] == 40 and queue["chats"] == 10
    # 4 messages per chat at one a second each: at least 3 s; never more than 30 in a second
    assert queue["seconds"] >= 2.9
    assert queue["most_in_any_second"] <= 30
    assert queue["shortest_gap_same_chat_s"] >= 0.95
