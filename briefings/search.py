"""Search across the whole store, from a compact search index, as the reader types.

Layout: ``search/xx.json``, sharded like ``index/`` (by the last two
characters of the briefing id), one row per briefing: title, outlet,
publication date, event dates, actor names and aliases, tags, starred, and
one lowercase, accent-free haystack per entry (its text, the reader's note
and tags). The rows are kept current by ``reindex(store, id)`` whenever a
briefing is saved or annotated; ``rebuild(store)`` writes them all again.

``run(store, query)`` reads the shards through a cache checked with one
``stat`` per shard and scans the rows in memory, never 10,000 file reads (the
command line's search). The app searches as the reader types with
``search_index``, an index in memory built from these rows that finds the
same hits in the same order. Both are safe to call from a worker thread.

The query language (filters combine with AND)::

    bisie mine            words (or "quoted phrases") in titles, entries, notes, tags
    tag:verify            an entry tagged verify
    starred               a starred entry (also is:starred)
    actor:"M23"           an actor named so, or with that alias, or merged with it
    after:2025-03-01      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    before:2025-04        published before
    outlet:reuters        outlet contains

``tag:``, ``starred`` and ``actor:`` must hold for one same entry (the
actor's own entry, an event it takes part in or a quote it speaks); a
briefing without a publication date is placed by its events' dates.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .derived import all_settled
from .errors import BriefingError
from .identities import Identities, fold, name_key
from .identities import load as load_identities
from .model import Briefing
from .sanitize import clean
from .storage import AtomicJSONStorage, open_db, read_json
from .store import Store

FOLDER = "search"
VIEWS = "views.json"
TABLE = "rows"


class QueryError(BriefingError):
    """A search query the reader has to fix (shown as they type)."""


# -- the query ----------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    starred: bool = False
    actors: tuple[str, ...] = ()
    after: str | None = None  # inclusive, YYYY-MM-DD
    before: str | None = None  # exclusive
    outlets: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.tags or self.starred or self.actors or self.after
                    or self.before or self.outlets)

    @property
    def on_entries(self) -> bool:
        return bool(self.tags or self.starred or self.actors)


_FILTERS = ("tag", "actor", "after", "before", "outlet", "is")
_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')


def parse(text: str) -> Query:
    """Read a query; QueryError names what to fix. Incomplete filters ("tag:") are ignored."""
    words, tags, actors, outlets = [], [], [], []
    starred = False
    after = before = None
    for m in _TOKEN.finditer(text):
        key, quoted, bare = m.group(1), m.group(2), m.group(3)
        value = quoted if quoted is not None else (bare or "")
        key = key.lower() if key else None
        if key is None and bare and bare.endswith(":") and bare[:-1].lower() in _FILTERS:
            continue  # a filter still being typed
        if key is None and quoted is None and value.lower() in ("starred", "is:starred"):
            starred = True
        elif key == "is" and value.lower() == "starred":
            starred = True
        elif key == "tag":
            if fold(value):
                tags.append(fold(value))
        elif key == "actor":
            if name_key(value):
                actors.append(name_key(value))
        elif key == "outlet":
            if fold(value):
                outlets.append(fold(value))
        elif key in ("after", "before"):
            if value:
                bound = _date(value, key)
                after, before = (bound, before) if key == "after" else (after, bound)
        else:
            word = fold(f"{m.group(1)}:{value}" if key else value)
            if word:
                words.append(word)
    return Query(tuple(words), tuple(tags), starred, tuple(actors), after, before, tuple(outlets), text)


def _date(value: str, key: str) -> str:
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1).isoformat()
        if len(parts) == 2 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), 1).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{key}: needs a date such as 2025, 2025-03 or 2025-03-01, not {value!r}") from None


# -- the index rows -------------------------------------------------------------


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


def _folder(store: Store) -> Path:
    return store.root / FOLDER


def _shard(store: Store, briefing_id: str) -> Path:
    return _folder(store) / f"{briefing_id[-2:]}.json"


def reindex(store: Store, *briefing_ids: str) -> None:
    """Bring the search rows of these briefings up to date (a deleted one is dropped).

    Call after a briefing is saved, annotated or deleted; each shard is
    written once. Takes the store's lock (re-entrant: fine inside ``save``).
    """
    by_shard: dict[Path, list[str]] = {}
    for briefing_id in briefing_ids:
        by_shard.setdefault(_shard(store, briefing_id), []).append(briefing_id)
    with store.locked():
        _folder(store).mkdir(exist_ok=True)
        for shard, ids in by_shard.items():
            rows = {doc["id"]: doc for doc in _read_shard(shard)}  # as stored
            for briefing_id in ids:
                if store.exists(briefing_id):
                    rows[briefing_id] = _fresh_row(store, briefing_id)
                else:
                    rows.pop(briefing_id, None)
            _write_shard(shard, list(rows.values()))


def rebuild(store: Store) -> int:
    """Write every search row again from the briefings; returns how many."""
    with store.locked():
        folder = _folder(store)
        folder.mkdir(exist_ok=True)
        by_shard: dict[Path, list[dict[str, Any]]] = {}
        for row in store.list():
            by_shard.setdefault(_shard(store, row.id), []).append(_fresh_row(store, row.id))
        for shard in folder.glob("*.json"):
            if shard not in by_shard:
                shard.unlink()
        for shard, rows in by_shard.items():
            _write_shard(shard, rows)
    return sum(map(len, by_shard.values()))


def _fresh_row(store: Store, briefing_id: str) -> dict[str, Any]:
    stamp = store.stamp(briefing_id)  # taken first: a write after it shows as a change
    return {**row_of(store.load(briefing_id)), "stamp": _plain_stamp(stamp)}


def _plain_stamp(stamp: Any) -> list[Any]:
    return [list(s) if s is not None else None for s in stamp]


def refresh(store: Store) -> int:
    """Reindex the briefings changed, added or deleted behind the index's back.

    Costs two ``stat`` per briefing and reads only what changed, or two
    ``stat`` in all when the briefing folders are as the last refresh of this
    process left them: for the CLI and for a worker as the search box opens,
    not for every keystroke. Returns how many rows it rewrote.
    """
    if not _folder(store).exists():
        return rebuild(store)
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


def ensure(store: Store) -> None:
    """Build the search index once for a store made before it existed."""
    if not _folder(store).exists() and not store.is_empty():
        rebuild(store)


def _read_shard(path: Path) -> list[dict[str, Any]]:
    data = read_json(path) or {}
    return list((data.get(TABLE) or {}).values())


def _write_shard(path: Path, rows: list[dict[str, Any]]) -> None:
    if not rows:
        path.unlink(missing_ok=True)
        return
    AtomicJSONStorage(path).write({TABLE: {str(n): row for n, row in enumerate(rows, 1)}})


_cache: dict[Path, tuple[tuple[int, int, int], list[dict[str, Any]]]] = {}
_cache_lock = threading.Lock()


def _cached_shard(path: Path) -> list[dict[str, Any]]:
    try:
        st = path.stat()
    except FileNotFoundError:
        with _cache_lock:
            _cache.pop(path, None)
        return []
    stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
    with _cache_lock:
        hit = _cache.get(path)
    if hit and hit[0] == stamp:
        return hit[1]
    rows = [_compact(row) for row in _read_shard(path)]
    with _cache_lock:
        _cache[path] = (stamp, rows)
    return rows


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
    for shard in sorted(_folder(store).glob("*.json")):
        yield from _cached_shard(shard)


def fresh_rows(store: Store, briefing_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The search rows of some briefings, first brought up to date: two ``stat``
    per briefing named, nothing for the rest of the store."""
    ids = list(dict.fromkeys(briefing_ids))
    indexed = {row["id"]: row.get("stamp") for row in rows(store, ids)}
    stale = []
    for briefing_id in ids:
        stamp = _plain_stamp(store.stamp(briefing_id))
        if indexed.get(briefing_id) != stamp and (briefing_id in indexed or stamp != [None, None]):
            stale.append(briefing_id)
    if stale:
        reindex(store, *stale)
    return rows(store, ids)


def rows(store: Store, briefing_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The search rows of some briefings (reads only their shards)."""
    wanted: dict[Path, set[str]] = {}
    for briefing_id in briefing_ids:
        wanted.setdefault(_shard(store, briefing_id), set()).add(briefing_id)
    return [r for shard, ids in wanted.items() for r in _cached_shard(shard) if r.get("id") in ids]


# -- running a query ------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    outlet: str | None
    published: str | None
    matched: tuple[str, ...] | None = None  # the matching entries, when the match needed them
    words: tuple[str, ...] = field(default=(), repr=False, compare=False)
    row: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def entries(self) -> tuple[str, ...]:
        """The entries that match, for highlighting; for a search by words, worked
        out when first asked (a library of 10,000 hits shows only a screenful)."""
        if self.matched is not None:
            return self.matched
        return tuple(e["id"] for e in self.row.get("entries", ()) if any(w in e["h"] for w in self.words))


def run(store: Store, query: str | Query, identities: Identities | None = None,
        limit: int | None = None, *, fresh: bool = False) -> list[Hit]:
    """The briefings matching a query, newest publication first.

    An empty query matches nothing (the library shows everything anyway).
    ``fresh``: the caller has just run ``refresh``, so the rows of deleted
    briefings are gone and the per-hit existence check is skipped.
    Raises QueryError for a query to fix.
    """
    q = parse(query) if isinstance(query, str) else query
    if q.is_empty:
        return []
    ensure(store)
    rows_ = list(all_rows(store))
    actor_sets = []
    if q.actors:
        ids = identities if identities is not None else load_identities(store)
        actor_sets = [_actor_names(rows_, ids, a) for a in q.actors]
    hits = [hit for row in rows_ if (hit := _match(row, q, actor_sets))]
    if not fresh:
        hits = [h for h in hits if store.exists(h.id)]
    hits.sort(key=lambda h: sort_key(h.row), reverse=True)
    return hits[:limit] if limit else hits


def sort_key(row: dict[str, Any]) -> tuple[str, str, str]:
    """Hits are shown newest publication first; the id settles ties, so that every
    way of searching gives one order."""
    return row.get("published") or "", row.get("title") or "", row.get("id") or ""


def _actor_names(rows_: list[dict[str, Any]], ids: Identities, key: str) -> set[str]:
    """The names an ``actor:`` term matches: the name, the names the reader merged
    with it, and the aliases other articles give an actor of that name (one hop)."""
    keys = {k for g in [ids.group(key)] for k in g}
    found = set(keys)
    for row in rows_:
        for names in row.get("names", {}).values():
            if keys.intersection(names):
                found.update(names)
    return {k for name in found for k in ids.group(name)}


def _match(row: dict[str, Any], q: Query, actor_sets: list[set[str]]) -> Hit | None:
    hay = hay_of(row) if q.words else ""
    if any(w not in hay for w in q.words):
        return None
    if q.outlets and not all(o in fold(row.get("outlet") or "") for o in q.outlets):
        return None
    if (q.after or q.before) and not _in_range(row, q.after, q.before):
        return None
    if q.starred and not row.get("starred"):
        return None
    if q.tags and not set(q.tags) <= set(row.get("tags", ())):
        return None
    actor_ids: list[set[str]] = []
    for keys in actor_sets:
        found = {aid for aid, names in row.get("names", {}).items() if keys.intersection(names)}
        if not found:
            return None
        actor_ids.append(found)
    matched = None
    if q.on_entries:
        matched = tuple(e["id"] for e in row.get("entries", ()) if _entry_ok(e, q, actor_ids))
        if not matched:
            return None
    return Hit(row["id"], row.get("title", ""), row.get("outlet"), row.get("published"), matched,
               tuple(q.words), row)


def _entry_ok(entry: dict[str, Any], q: Query, actor_ids: list[set[str]]) -> bool:
    if q.starred and not entry.get("s"):
        return False
    if q.tags and not set(q.tags) <= set(entry.get("t", ())):
        return False
    return all(ids.intersection(entry.get("a", ())) for ids in actor_ids)


def _in_range(row: dict[str, Any], after: str | None, before: str | None) -> bool:
    if row.get("published"):
        first = last = row["published"]
    else:
        first, last = row.get("first"), row.get("last")
        if first is None:
            return False
    return (after is None or last >= after) and (before is None or first < before)


# -- saved views ----------------------------------------------------------------


@dataclass(frozen=True)
class View:
    name: str
    query: str


def _views_path(store: Store) -> Path:
    return store.root / VIEWS


def views(store: Store) -> list[View]:
    """The saved searches, in the order they were saved (one small file)."""
    data = read_json(_views_path(store)) or {}
    docs = [doc for _, doc in sorted((data.get("views") or {}).items(), key=lambda kv: int(kv[0]))]
    return [View(str(d.get("name")), str(d.get("query"))) for d in docs]


def save_view(store: Store, name: str, query: str) -> View:
    """Save a search under a name (replacing one of the same name)."""
    name = " ".join(clean(name).split())
    if not name:
        raise BriefingError("a saved search needs a name")
    query = clean(query).strip()
    if parse(query).is_empty:
        raise QueryError("nothing to search for: give words or filters")
    with store.locked(), open_db(_views_path(store)) as db:
        table = db.table("views")
        same = [d.doc_id for d in table.all() if fold(d.get("name", "")) == fold(name)]
        if same:
            table.update({"name": name, "query": query}, doc_ids=same[:1])
        else:
            table.insert({"name": name, "query": query})
    return View(name, query)


def delete_view(store: Store, name: str) -> None:
    with store.locked(), open_db(_views_path(store)) as db:
        table = db.table("views")
        same = [d.doc_id for d in table.all() if fold(d.get("name", "")) == fold(name)]
        if not same:
            raise BriefingError(f"no saved search named {name!r}")
        table.remove(doc_ids=same)


def find_actor(store: Store, keys: set[str]) -> list[str]:
    """The ids of the briefings with an actor having one of these name keys."""
    return [row["id"] for row in all_rows(store) if keys & actor_keys(row)]

