"""Opening: a story of many briefings against a single briefing, through the core's API.

The story's members are spread over the whole store (every k-th briefing by
date), so they share actors the way a followed story does.
"""

from __future__ import annotations

import time

from briefings import stories
from briefings.identities import apply_decisions
from briefings.store import Store
from briefings.stories import cache as story_cache


def story_name(size: int) -> str:
    return f"Bench story of {size}"


def ensure_story(store: Store, size: int) -> str:
    """A story of ``size`` briefings in the store (made once); its name."""
    name = story_name(size)
    if any(s.name == name for s in stories.list_stories(store)):
        return name
    rows = store.list()
    step = max(len(rows) // size, 1)
    stories.add_to_story(store, name, *[r.id for r in rows[::step][:size]])
    return name


def open_one(store: Store) -> float:
    """Seconds to read one briefing as the app opens it (with the reader's identity decisions)."""
    briefing_id = store.list()[0].id
    started = time.perf_counter()
    apply_decisions(store, store.load(briefing_id))
    return time.perf_counter() - started


def open_many(store: Store, name: str) -> float:
    """Seconds to open a story again: its stored view brought up to date (see story_cache)."""
    stories.open_story(store, name)  # the stored view is made (or found current) first
    started = time.perf_counter()
    stories.open_story(store, name)
    return time.perf_counter() - started


def open_cold(store: Store, name: str) -> float:
    """Seconds to open a story whose stored view is gone (the first open after a
    change to a member): every article read and merged, the view stored again."""
    story_cache.forget(store, name)
    started = time.perf_counter()
    stories.open_story(store, name)
    return time.perf_counter() - started


if __name__ == "__main__":
    import cProfile
    import pstats
    import sys

    store = Store(sys.argv[1])
    name = ensure_story(store, int(sys.argv[2]) if len(sys.argv) > 2 else 500)
    print(f"first open {open_cold(store, name) * 1000:.0f} ms, again {open_many(store, name) * 1000:.1f} ms")
    cProfile.run("stories.open_story(store, name)", "/tmp/open_story.prof")
    pstats.Stats("/tmp/open_story.prof").sort_stats("tottime").print_stats(20)
