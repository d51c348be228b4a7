"""Summary statistics shared by the benchmarks (milliseconds in, rounded figures out)."""

from __future__ import annotations

import statistics


def summarise(samples: list[float]) -> dict[str, float]:
    """Median, p95 (nearest rank), mean and count of a list of timings."""
    ordered = sorted(samples)
    if not ordered:
        return {"median": 0.0, "p95": 0.0, "mean": 0.0, "n": 0}
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median": round(statistics.median(ordered), 2), "p95": round(p95, 2),
            "mean": round(statistics.fmean(ordered), 2), "n": len(ordered)}
