"""Annotating: time until a note, tag or star is durably saved, against the floor.

The floor is writing and fsyncing one small file in the same folder (temporary
file, fsync, rename, folder fsync): no durable save can be cheaper.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from briefings.store import Store
from briefings.store.atomic import write_atomic


def floor_seconds(folder: Path, repeats: int = 50) -> float:
    target = folder / "floor-probe.json"
    samples = []
    for n in range(repeats):
        started = time.perf_counter()
        write_atomic(target, b'{"annotations": {"1": {"note": "%d"}}}' % n)
        samples.append(time.perf_counter() - started)
    target.unlink()
    return statistics.median(samples)


def annotate_seconds(store: Store, repeats: int = 50) -> float:
    briefing_id = store.list()[len(store.list()) // 2].id
    entry_id = next(iter(store.load(briefing_id).entry_ids()))
    changes = [{"note": "checked"}, {"tags": ["verify"]}, {"starred": True}, {"starred": False}]
    samples = []
    for n in range(repeats):
        started = time.perf_counter()
        store.annotate(briefing_id, entry_id, **changes[n % len(changes)])
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run(small: Store, large: Store) -> list[tuple[str, float, str, float]]:
    """Rows of (figure, seconds, baseline name, baseline seconds)."""
    floor = floor_seconds(large.root / "annotations")
    small_t = annotate_seconds(small)
    large_t = annotate_seconds(large)
    return [
        ("annotate, 10,000-briefing store", large_t, "fsync floor", floor),
        ("annotate, 10,000 vs 10 briefings", large_t, "annotate, 10 briefings", small_t),
    ]


if __name__ == "__main__":
    import sys

    for row in run(Store(sys.argv[1]), Store(sys.argv[2])):
        print(f"{row[0]:40} {row[1] * 1000:8.2f} ms  vs {row[2]} {row[3] * 1000:.2f} ms  = {row[1] / row[3]:.2f}x")

