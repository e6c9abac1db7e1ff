"""The search rows: one compact row per briefing, kept in ``search/xx.json``.

Sharded like ``index/`` (by the last two characters of the briefing id), a
row holds a briefing's title, outlet, publication date, event dates, actor
names and aliases, tags, starred, and one lowercase, accent-free haystack per
entry (its text, the reader's note and tags). The rows are derived data:
``refresh`` brings them up to date with the briefing and annotations files
(each row keeps the stamps of the files it was made from), and every search
refreshes first, so no caller ever does. ``rebuild`` writes them all again.

Rows are read through a cache checked with one ``stat`` per shard, never
10,000 file reads; all of this is safe to call from a worker thread.

Rows are made without the store's lock (reading 10,000 briefings takes
seconds) and each shard is then written under it, if the lock comes at once.
When it does not, or the store is read-only, the rows are kept in memory for
this process instead (``_unwritten``), so a search never waits for the lock
and never fails for want of it. A damaged shard reads as empty, so its rows
are made again; a damaged briefing is left out (noted in ``store.skipped``).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Briefing
from ..names import fold, name_key
from ..store import Store
from ..store.changes import all_settled
from ..store.tables import AtomicJSONStorage, read_json

TABLE = "rows"


def row_of(briefing: Briefing) -> dict[str, Any]:
    """The search row of one briefing (with its annotations)."""
    notes = briefing.annotations
    entries = []

    def add(entry_id: str, kind: str, text: str, actors: Iterable[str], dates: list | None = None) -> None:
        a = notes.get(entry_id)
        tags = [fold(t) for t in a.tags] if a else []
        hay = fold(" ".join([text, a.note if a else "", *(a.tags if a else ())]))
        entries.append({"id": entry_id, "k": kind, "h": hay, "t": tags, "s": bool(a and a.starred),
                        "a": list(actors), **({"d": dates} if dates else {})})

    for actor in briefing.actors:
        add(actor.id, "a", " ".join([*actor.names, actor.description]), [actor.id])
    for event in briefing.events:
        dates = [event.when.start, event.when.end or event.when.start] if event.when.start else None
        add(event.id, "e", f"{event.summary} {event.when.text}", event.actors, dates)
    for quote in briefing.quotes:
        add(quote.id, "q", f"{quote.text} {quote.speaker_name or ''}", [quote.speaker] if quote.speaker else [])
    known = briefing.entry_ids()
    for entry_id in sorted(set(notes) - known):  # notes on the briefing itself
        add(entry_id, "b", "", [])
    starts = [e["d"][0] for e in entries if "d" in e]
    ends = [e["d"][1] for e in entries if "d" in e]
    return {
        "id": briefing.id,
        "title": briefing.title,
        "outlet": briefing.source.outlet,
        "published": briefing.source.published,
        "first": min(starts) if starts else None,
        "last": max(ends) if ends else None,
        "names": {a.id: sorted({name_key(n) for n in a.names} - {""}) for a in briefing.actors},
        "tags": sorted({t for e in entries for t in e["t"]}),
        "starred": any(e["s"] for e in entries),
        "entries": entries,
    }


def hay_of(row: dict[str, Any]) -> str:
    """The row's whole haystack, joined when asked (neither stored nor kept: it
    would double the files, and the memory of 10,000 rows)."""
    entries = row.get("entries", ())
    hays = entries.hays if isinstance(entries, _Entries) else (e.get("h", "") for e in entries)
    return fold(" ".join([row.get("title") or "", row.get("outlet") or ""])) + "\n" + "\n".join(hays)


def actor_keys(row: dict[str, Any]) -> set[str]:
    return {k for keys in row.get("names", {}).values() for k in keys}


def reindex(store: Store, *briefing_ids: str) -> None:
    """Bring the search rows of these briefings up to date (a deleted or damaged one
    is dropped). The rows are made first, without the lock; each shard is then
    written once, under it (see the module's docstring)."""
    by_shard: dict[Path, dict[str, dict[str, Any] | None]] = {}
    for briefing_id in briefing_ids:
        by_shard.setdefault(store.layout.search_shard(briefing_id), {})[briefing_id] = _fresh_row(store, briefing_id)
    for shard, fresh in by_shard.items():
        _put_rows(store, shard, fresh, replace_all=False)


def rebuild(store: Store) -> int:
    """Write every search row again from the briefings; returns how many."""
    by_shard: dict[Path, dict[str, dict[str, Any] | None]] = {}
    for briefing_id in store.list().column("id"):
        by_shard.setdefault(store.layout.search_shard(briefing_id), {})[briefing_id] = _fresh_row(store, briefing_id)
    for shard in store.layout.search.glob("*.json"):
        by_shard.setdefault(shard, {})
    for shard, fresh in by_shard.items():
        _put_rows(store, shard, fresh, replace_all=True)
    return sum(row is not None for rows in by_shard.values() for row in rows.values())


def _fresh_row(store: Store, briefing_id: str) -> dict[str, Any] | None:
    """A briefing's row as stored now; None when it is gone or damaged."""
    stamp = store.stamp(briefing_id)  # taken first: a write after it shows as a change
    if stamp[0] is None:
        return None
    try:
        return {**row_of(store.load(briefing_id)), "stamp": _plain_stamp(stamp)}
    except StoreError as exc:
        store.skip(store.layout.briefing(briefing_id), str(exc))
        return None


def _put_rows(store: Store, shard: Path, fresh: dict[str, dict[str, Any] | None], *, replace_all: bool) -> None:
    """Write a shard's fresh rows (None: drop the briefing's row) over what it holds, or
    in place of it (``replace_all``); kept in memory when the store cannot be written now."""
    try:
        with store.locked(timeout=0):
            rows = {} if replace_all else {doc["id"]: doc for doc in _read_shard(shard)}  # as stored
            rows.update(fresh)
            store.layout.search.mkdir(exist_ok=True)
            _write_shard(shard, [row for row in rows.values() if row is not None])
    except StoreError:  # busy with a long write, read-only, or a full disk: this process keeps them
        with _cache_lock:
            kept = _unwritten.setdefault(shard, {})
            if replace_all:
                kept.clear()
                kept.update({doc["id"]: None for doc in _read_shard(shard)})
            kept.update(fresh)
            global _unwritten_version
            _unwritten_version += 1
        return
    with _cache_lock:
        _unwritten.pop(shard, None)


def _plain_stamp(stamp: Any) -> list[Any]:
    return [list(s) if s is not None else None for s in stamp]


def refresh(store: Store) -> int:
    """Reindex the briefings changed, added or deleted since their rows were made.

    Costs two ``stat`` per briefing and reads only what changed, or two
    ``stat`` in all when the briefing folders are as the last refresh of this
    process left them (and had been still a second). Returns how many rows it
    rewrote.
    """
    stamp = store.files_stamp()
    if _settled.get(store.root) == stamp:
        return 0
    still = all_settled(stamp, QUIET_NS / 1e9)  # at this look, before the work below
    indexed = {row["id"]: row.get("stamp") for row in all_rows(store)}
    current = set(store.list().column("id"))
    stale = [i for i in current if indexed.get(i) != _plain_stamp(store.stamp(i))]
    stale += [i for i in indexed if i not in current]
    if stale:
        reindex(store, *stale)
    if still:
        _settled[store.root] = stamp
    return len(stale)


# Every write replaces a file by rename, which changes its folder's time; a folder
# quiet this long before a look cannot have changed since without its time changing.
QUIET_NS = 1_000_000_000
_settled: dict[Path, tuple[Any, ...]] = {}  # store root -> its briefing folders' stamps when all rows were current


def _read_shard(path: Path) -> list[dict[str, Any]]:
    """A shard's rows as stored; none when it is damaged (derived data: they are made again)."""
    try:
        data = read_json(path) or {}
    except StoreError:
        return []
    return [row for row in (data.get(TABLE) or {}).values() if _well_made(row)]


def _well_made(row: dict[str, Any]) -> bool:
    """Whether a stored row has the shape this module writes (else it is made again)."""
    return (isinstance(row.get("id"), str) and isinstance(row.get("entries"), list)
            and all(isinstance(e, dict) for e in row["entries"]) and isinstance(row.get("names"), dict))


def _write_shard(path: Path, rows: list[dict[str, Any]]) -> None:
    if not rows:
        path.unlink(missing_ok=True)
        return
    AtomicJSONStorage(path).write({TABLE: {str(n): row for n, row in enumerate(rows, 1)}})


_cache: dict[Path, tuple[Any, list[dict[str, Any]]]] = {}
_cache_lock = threading.Lock()
# Rows this process made but could not write (see the module's docstring): shard -> id -> row (None: none).
_unwritten: dict[Path, dict[str, dict[str, Any] | None]] = {}
_unwritten_version = 0


def unwritten_version() -> int:
    """Changes whenever rows are kept in memory instead of written (``live`` looks)."""
    return _unwritten_version


def shard_rows(path: Path) -> list[dict[str, Any]]:
    """A shard's rows (with those this process could not write), through the cache."""
    try:
        st = path.stat()
        stamp: Any = (st.st_ino, st.st_size, st.st_mtime_ns)
    except FileNotFoundError:
        stamp = None
    with _cache_lock:
        kept = dict(_unwritten.get(path, {}))
        if kept:
            stamp = (stamp, _unwritten_version)
        hit = _cache.get(path)
    if stamp is None:
        with _cache_lock:
            _cache.pop(path, None)
        return []
    if hit and hit[0] == stamp:
        return hit[1]
    rows = [row for row in _read_shard(path) if row["id"] not in kept]
    rows += [row for row in kept.values() if row is not None]
    rows = [_compact(dict(row)) for row in rows]
    with _cache_lock:
        _cache[path] = (stamp, rows)
    return rows


def shard_paths(store: Store) -> list[Path]:
    """The search shards: those on disk and those this process keeps in memory."""
    with _cache_lock:
        kept = [p for p in _unwritten if p.parent == store.layout.search]
    return sorted(set(store.layout.search.glob("*.json")) | set(kept))


class _Entry:
    """One entry of a search row, read like the stored dict (``e["h"]``,
    ``e.get("d")``); made from its row's columns (``_Entries``) when iterated."""

    __slots__ = ("a", "d", "h", "id", "k", "s", "t")

    def __getitem__(self, key: str) -> Any:
        if key not in self.__slots__ or (value := getattr(self, key)) is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, None) if key in self.__slots__ else None
        return default if value is None else value

    def __contains__(self, key: str) -> bool:
        return key in self.__slots__ and getattr(self, key) is not None


class _Entries(Sequence):
    """A search row's entries held as columns, one tuple per field: 10,000 briefings
    hold 400,000 entries, 416 MB as dicts and about half of the 200 MB as one object
    each. Iterating gives ``_Entry`` records, made as they are asked for."""

    __slots__ = ("actors", "dates", "hays", "ids", "kinds", "starred", "tags")

    def __init__(self, docs: list[dict[str, Any]]) -> None:
        self.ids = tuple(_intern(e.get("id")) for e in docs)
        self.kinds = tuple(_intern(e.get("k")) for e in docs)
        self.hays = tuple(e.get("h", "") for e in docs)
        self.starred = tuple(e.get("s", False) for e in docs)
        # Actor ids, dates and tags recur across a briefing's entries: one tuple of shared strings each.
        shared: dict[tuple, tuple] = {}
        self.tags = tuple(_shared(e.get("t"), shared) for e in docs)
        self.actors = tuple(_shared(e.get("a"), shared) for e in docs)
        self.dates = tuple(_shared(e["d"], shared) if e.get("d") else None for e in docs)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        entry = _Entry()
        entry.id, entry.k, entry.h, entry.s = self.ids[index], self.kinds[index], self.hays[index], self.starred[index]
        entry.t, entry.a, entry.d = self.tags[index], self.actors[index], self.dates[index]
        return entry


def _shared(values: Any, shared: dict[tuple, tuple]) -> tuple:
    found = tuple(map(_intern, values or ()))
    return shared.setdefault(found, found)


def _intern(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    row["entries"] = _Entries(row.get("entries", ()))
    if isinstance(names := row.get("names"), dict):
        row["names"] = {_intern(k): tuple(map(_intern, v or ())) for k, v in names.items()}
    return row


def all_rows(store: Store) -> Iterable[dict[str, Any]]:
    for shard in shard_paths(store):
        yield from shard_rows(shard)


def fresh_rows(store: Store, briefing_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The search rows of some briefings, first brought up to date: two ``stat``
    per briefing named, nothing for the rest of the store."""
    ids = list(dict.fromkeys(briefing_ids))
    indexed = {row["id"]: row.get("stamp") for row in rows_of(store, ids)}
    stale = []
    for briefing_id in ids:
        stamp = _plain_stamp(store.stamp(briefing_id))
        if indexed.get(briefing_id) != stamp and (briefing_id in indexed or stamp != [None, None]):
            stale.append(briefing_id)
    if stale:
        reindex(store, *stale)
    return rows_of(store, ids)


def rows_of(store: Store, briefing_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The search rows of some briefings (reads only their shards)."""
    wanted: dict[Path, set[str]] = {}
    for briefing_id in briefing_ids:
        wanted.setdefault(store.layout.search_shard(briefing_id), set()).add(briefing_id)
    return [r for shard, ids in wanted.items() for r in shard_rows(shard) if r.get("id") in ids]
