"""Keeping the search index whole: built when missing, checked and mended.

``ensure`` is what every search does first: the index is built when it is
not ready (missing, damaged, of another version, or a build not finished),
else only what a killed writer left pending is indexed again. When the
store's index cannot be written (read-only for this user, or no index yet
and another process holding the lock for long), a private index is built
in a temporary folder for this process alone: a search never fails, nor
waits long, for want of the lock. ``build`` makes it from the briefing files
a few hundred at a time, each turn under the store's lock, so that the app
stays usable and another process's writes go on (they keep the index in
step themselves). ``check`` and ``mend`` are
``briefing doctor``'s: the index set against every briefing's files.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from ..errors import StoreError
from ..store import Store
from ..store.layout import Layout
from ..store.store import LOCK_TIMEOUT
from .follower import follow
from .index import CHUNK, Index, IndexDamaged, briefing_stamp, index_of, reindex
from .library import differences, in_step, refill

Progress = Callable[[int, int], None]  # (briefings indexed, briefings stored)
LOCK_WAIT = 2.0  # seconds a search waits for the lock to build the index before building a private one
_private: dict[Path, Index] = {}  # store root -> this process's own index, where the store's cannot be written


def opened(store: Store) -> Index:
    """The store's index; from now on every store of the process keeps it in step with
    its writes (``follower``)."""
    follow()
    return index_of(store)


def ensure(store: Store, on_progress: Progress | None = None) -> Index:
    """The store's index, built first if it is not ready, and with what a killed
    writer left pending indexed again; a private one where the store's cannot be
    written now (see the module's docstring)."""
    idx = opened(store)
    try:
        if not idx.ready():
            build(store, on_progress, wait=LOCK_WAIT)
        else:
            settle_pending(store)
            settle_library(store)
        return idx
    except IndexDamaged:
        raise
    except StoreError:  # read-only for this user, or the lock held long by another process
        return _private_index(store, on_progress)


def _private_index(store: Store, on_progress: Progress | None) -> Index:
    """This process's own index of the store, in a temporary folder removed at exit."""
    root = store.root.resolve()
    if root not in _private:
        folder = Path(tempfile.mkdtemp(prefix="briefing-search-"))
        atexit.register(shutil.rmtree, folder, True)
        _private[root] = idx = Index(store.layout, folder / "index.db")
        atexit.register(idx.close)
        build(store, on_progress, into=idx)
    return _private[root]


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


def settle_library(store: Store) -> None:
    """Make the library's copy of the index rows again when something wrote the shards
    without telling (see ``library``), if no writer is at work (one small query when
    it is in step)."""
    idx = index_of(store)
    try:
        with idx.reading() as conn:
            if in_step(conn, store):
                return
    except FileNotFoundError:
        return
    try:
        with store.locked(timeout=0), idx.writing(store) as conn:
            refill(conn, store)
    except StoreError:
        pass  # a writer is at work: the next search tries again


def build(store: Store, on_progress: Progress | None = None, *, check_stamps: bool = False,
          wait: float = LOCK_TIMEOUT, into: Index | None = None) -> int:
    """Bring the index up to date with the briefing files, CHUNK at a time under the
    store's lock; returns how many briefings it indexed. Adds the briefings it
    lacks, drops those gone, indexes again those pending; ``check_stamps`` (the
    doctor) also those whose files changed since. Made anew first when missing,
    damaged or of another version. ``wait``: how long to wait for the lock first
    (StoreError after); ``into``: a private index, written without the lock."""
    idx = into or opened(store)

    def locked(timeout: float = LOCK_TIMEOUT) -> AbstractContextManager[None]:
        return nullcontext() if into is not None else store.locked(timeout)

    with locked(wait), idx.writing(store):
        pass  # the file is made now when missing, damaged or of another version
    stored = sorted(p.stem for p in store.layout.briefings.glob("*.json"))
    stamps, damaged = idx.stamps(), idx.damaged()
    todo = [i for i in stored if not _accounted(i, stamps, damaged, store.layout, check_stamps)]
    done = len(stored) - len(todo)
    if on_progress:
        on_progress(done, len(stored))
    reindex(store, sorted((set(stamps) | set(damaged)) - set(stored)), into=into)  # gone: taken out
    for start in range(0, len(todo), CHUNK):
        reindex(store, todo[start:start + CHUNK], into=into)
        done += len(todo[start:start + CHUNK])
        if on_progress:
            on_progress(done, len(stored))
    with locked():
        reindex(store, idx.pending(), into=into)
        with idx.writing(store) as conn:
            refill(conn, store)
        idx.set_ready(store)
    return len(todo)


def _accounted(briefing_id: str, stamps: dict[str, str], damaged: dict[str, tuple[str, str]], layout: Layout,
               check_stamps: bool) -> bool:
    """Whether the index holds a briefing (or names it damaged), as its files are now
    when ``check_stamps``."""
    stamp = stamps.get(briefing_id) or (damaged[briefing_id][1] if briefing_id in damaged else None)
    return stamp is not None and (not check_stamps or stamp == briefing_stamp(layout, briefing_id))


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
    idx = Index(layout, drops_damage=False)
    try:
        ready = idx.ready()
        if ready is None:
            return "damaged, or of another version"
        pending, stamps = idx.pending(), idx.stamps()
        stamps |= {i: stamp for i, (_, stamp) in idx.damaged().items()}  # named damaged: accounted for
        with idx.reading() as conn:
            library = differences(conn, layout.index) if ready else 0
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
                f"{library} library row(s) unlike the index shards" * bool(library),
                "a build not finished" * (not ready)]
    found = [p for p in problems if p]
    return "search index: " + "; ".join(found) if found else None


def mend(store: Store) -> str:
    """Bring the index to agree with the briefing files (made again when damaged); what
    was done (``briefing doctor --restore``)."""
    index_of(store).close()  # read afresh: a connection open before the damage may not see it
    return f"indexed {build(store, check_stamps=True)} briefing(s) again from their files"
