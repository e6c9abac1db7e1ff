"""Keeping the search index whole: built when missing, checked and mended.

``ensure`` is what every search does first: the index is built when it is
not ready (missing, damaged, of another version, or a build not finished),
else only what a killed writer left pending is indexed again. ``build``
makes it from the briefing files a few hundred at a time, each turn under
the store's lock, so that the app stays usable and another process's writes
go on (they keep the index in step themselves). ``check`` and ``mend`` are
``briefing doctor``'s: the index set against every briefing's files.
"""

from __future__ import annotations

from collections.abc import Callable

from pathlib import Path

from ..errors import StoreError
from ..store import Store
from ..store.layout import Layout
from .follower import follow
from .index import CHUNK, Index, briefing_stamp, index_of, reindex

Progress = Callable[[int, int], None]  # (briefings indexed, briefings stored)


def opened(store: Store) -> Index:
    """The store's index; from now on every store of the process keeps it in step with
    its writes (``follower``)."""
    follow()
    return index_of(store)


def ensure(store: Store, on_progress: Progress | None = None) -> Index:
    """The store's index, built first if it is not ready, and with what a killed
    writer left pending indexed again."""
    idx = opened(store)
    if not idx.ready():
        build(store, on_progress)
    else:
        settle_pending(store)
    return idx


def settle_pending(store: Store) -> None:
    """Index again the briefings a killed writer left pending, when no writer is at work
    (one small query when none is)."""
    try:
        waiting = index_of(store).pending()
    except FileNotFoundError:
        return
    if not waiting:
        return
    try:
        with store.locked(timeout=0):  # no writer at work: the notes are a killed writer's
            reindex(store, waiting)
    except StoreError:
        pass  # a writer is at work: its notes are its own, cleared as it finishes


def build(store: Store, on_progress: Progress | None = None, *, check_stamps: bool = False) -> int:
    """Bring the index up to date with the briefing files, CHUNK at a time under the
    store's lock; returns how many briefings it indexed. Adds the briefings it
    lacks, drops those gone, indexes again those pending; ``check_stamps`` (the
    doctor) also those whose files changed since. Made anew first when missing,
    damaged or of another version."""
    idx = opened(store)
    with store.locked(), idx.writing(store):
        pass  # the file is made now when missing, damaged or of another version
    stored = sorted(p.stem for p in store.layout.briefings.glob("*.json"))
    stamps = idx.stamps()
    todo = [i for i in stored if i not in stamps or (check_stamps and stamps[i] != briefing_stamp(store.layout, i))]
    done = len(stored) - len(todo)
    if on_progress:
        on_progress(done, len(stored))
    reindex(store, sorted(set(stamps) - set(stored)))  # gone: taken out
    for start in range(0, len(todo), CHUNK):
        reindex(store, todo[start:start + CHUNK])
        done += len(todo[start:start + CHUNK])
        if on_progress:
            on_progress(done, len(stored))
    with store.locked():
        reindex(store, idx.pending())
        idx.set_ready(store)
    return len(todo)


def rebuild(store: Store, on_progress: Progress | None = None) -> int:
    """Make the index again from the briefing files; returns how many briefings it holds."""
    with store.locked():
        index_of(store).discard()
    return build(store, on_progress)


def check(root: Path) -> str | None:
    """What is wrong with a store's index, set against its briefing files (two ``stat``
    a briefing; nothing is written); None when it agrees with them, or is missing
    (it is made when needed)."""
    layout = Layout(root)
    if not layout.search_index.exists():
        return None
    idx = Index(layout)
    try:
        ready = idx.ready()
        if ready is None:
            return "damaged, or of another version"
        pending, stamps = idx.pending(), idx.stamps()
    except StoreError as exc:
        return str(exc).removeprefix(f"{idx.path}: ")
    finally:
        idx.close()
    stored = {p.stem for p in layout.briefings.glob("*.json")}
    unlisted, gone = stored - stamps.keys(), stamps.keys() - stored
    differ = sum(1 for i in stored & stamps.keys() if stamps[i] != briefing_stamp(layout, i))
    problems = [f"{len(unlisted)} stored briefing(s) not indexed" * bool(unlisted),
                f"{len(gone)} indexed but gone" * bool(gone),
                f"{differ} changed since indexed" * bool(differ),
                f"{len(pending)} left pending by a writer stopped mid-write" * bool(pending),
                "a build not finished" * (not ready)]
    found = [p for p in problems if p]
    return "search index: " + "; ".join(found) if found else None


def mend(store: Store) -> str:
    """Bring the index to agree with the briefing files (made again when damaged); what
    was done (``briefing doctor --restore``)."""
    return f"indexed {build(store, check_stamps=True)} briefing(s) again from their files"
