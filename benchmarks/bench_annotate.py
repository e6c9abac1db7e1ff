"""Annotating: time until a note, tag or star is durably saved, against the floor.

The floor is writing and fsyncing one small file in the same folder (temporary
file, fsync, rename, folder fsync): no durable save can be cheaper. The save
is timed as the app and the command line make it: the search index follows
it (in the same lock), as it follows every write.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from briefings.desk import Desk
from briefings.search.follower import follow
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
    follow()  # as a Desk does: every write keeps the search index in step
    library = Desk(store.root, sweep=False).library()  # as the app reads it: a page, not 100,000 rows held
    briefing_id = library[len(library) // 2].id
    entry_id = next(iter(store.load(briefing_id).entry_ids()))
    changes = [{"note": "checked"}, {"tags": ["verify"]}, {"starred": True}, {"starred": False}]
    samples = []
    for n in range(repeats):
        started = time.perf_counter()
        store.annotate(briefing_id, entry_id, **changes[n % len(changes)])
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)
