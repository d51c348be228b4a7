"""Concurrent requests share model calls and each gets its own results."""

import threading
import time

import pytest

from translation.batching import MicroBatcher


def run_threads(count, work):
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_concurrent_requests_are_batched_and_answered_correctly():
    sizes = []

    def process(items):
        sizes.append(len(items))
        time.sleep(0.005)  # a model call takes a while; requests queue up meanwhile
        return [item.upper() for item in items]

    batcher = MicroBatcher(process)
    failures = []

    def work(n):
        for i in range(20):
            items = [f"t{n}-{i}-a", f"t{n}-{i}-b"]
            if batcher.submit(items) != [item.upper() for item in items]:
                failures.append((n, i))

    run_threads(8, work)
    assert failures == []
    assert sum(sizes) == 8 * 20 * 2
    assert batcher.batches == len(sizes) < 8 * 20  # fewer model calls than requests


def test_a_lone_request_runs_at_once():
    batcher = MicroBatcher(lambda items: [len(i) for i in items])
    assert batcher.submit(["ab", "c"]) == [2, 1]
    assert batcher.submit([]) == []
    assert batcher.batches == 1


def test_batches_are_capped():
    sizes = []

    def process(items):
        sizes.append(len(items))
        time.sleep(0.05)  # the other requests queue up behind the first batch
        return items

    batcher = MicroBatcher(process, max_items=5)
    run_threads(6, lambda n: batcher.submit([n, n, n]))
    assert max(sizes) <= 5 and sum(sizes) == 18


def test_an_error_reaches_the_requests_of_that_batch_only():
    def process(items):
        if "boom" in items:
            raise ValueError("model failed")
        return items

    batcher = MicroBatcher(process)
    with pytest.raises(ValueError, match="model failed"):
        batcher.submit(["boom"])
    assert batcher.submit(["fine"]) == ["fine"]


def test_a_wrong_number_of_results_is_an_error():
    batcher = MicroBatcher(lambda items: items[:-1])
    with pytest.raises(RuntimeError, match="1 results for 2 items"):
        batcher.submit(["a", "b"])
