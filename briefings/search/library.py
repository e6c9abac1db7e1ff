"""The library read a page at a time: its rows kept in the search index, in order.

The store's record of the library is its index shards (``store.index``):
reading them whole costs a second and 100 MB at 100,000 briefings. So the
search index keeps a copy of every row in its ``library`` table, ordered by
an SQL index (newest publication first, then newest import, then id), and
the library screen reads only the rows it shows (``Pages``), so that it
opens and scrolls as fast on 100,000 briefings as on twenty.

The copy is kept in step as the shards are written: the store tells the
follower which briefings a write is about to change and which it changed
(``store.followers``), and ``sync`` copies their rows, in the lock. The
index's ``meta`` notes the stamp of the shards' folder the copy agrees with
(``in_step``); a shard written by anything that does not tell (the doctor,
a migration, an older version of briefing) leaves the stamp behind, and the
copy is then not used (``rows_of`` waits a moment for a writer at work to
catch up, then reads the shards whole) until ``refill`` makes it again from
them, which ``ensure`` does before a search and ``build`` at its end.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..lazy import Ids, Lazy
from ..store import IndexRow, Store
from ..store.index import Library, read_index, shard_docs

BLOCK = 100  # rows read at once: more than a screen shows
CATCHING_UP = (0, 0.02, 0.05, 0.1)  # seconds to wait in turn for a copy behind by a write at work
_FIELDS = "id, title, outlet, published, imported, actors, quotes, events, unread"
_ORDER = ("day", "imported", "id")  # the library's order, newest first: see ``store.index.library_order``
_NEWEST_FIRST = ", ".join(f"{c} DESC" for c in _ORDER)
_OLDEST_FIRST = ", ".join(_ORDER)
_OUTLETS = """WITH RECURSIVE next(outlet) AS (
    SELECT min(outlet) FROM library
    UNION ALL SELECT (SELECT min(outlet) FROM library WHERE outlet > next.outlet) FROM next WHERE outlet IS NOT NULL)
SELECT outlet FROM next WHERE outlet IS NOT NULL"""  # each outlet by one seek in its index


def rows_of(store: Store) -> Library:
    """The library of a store: a page at a time from the search index when its copy is in
    step with the shards, else read whole from them (``Store.list``)."""
    from .index import index_of

    idx = index_of(store)
    try:
        for pause in CATCHING_UP:  # a writer between its shards and the copy: a moment
            time.sleep(pause)
            with idx.reading() as conn:
                if not _ready(conn):
                    break
                if in_step(conn, store):
                    return Pages(idx, _length(conn))
    except (FileNotFoundError, StoreError):
        pass  # no index yet, a damaged one, or one this user cannot read
    return store.list()


def _length(conn: sqlite3.Connection) -> int:
    """The rows of the copy, as its triggers count them: counting them is read in
    proportion to the store (milliseconds of each start at 100,000)."""
    return conn.execute("SELECT value FROM meta WHERE key = 'library rows'").fetchone()[0]


def _ready(conn: sqlite3.Connection) -> bool:
    """Whether the index was built whole (the copy's stamp, not the full-text tables'
    pending notes, says whether it agrees with the shards: an import at work keeps
    notes pending for as long as it runs)."""
    found = conn.execute("SELECT value FROM meta WHERE key = 'ready'").fetchone()
    return bool(found and found[0])


def in_step(conn: sqlite3.Connection, store: Store) -> bool:
    """Whether the copy agrees with the shards as they are now (one ``stat``)."""
    return _kept_stamp(conn) == _stamp(store)


def _kept_stamp(conn: sqlite3.Connection) -> str | None:
    found = conn.execute("SELECT value FROM meta WHERE key = 'library'").fetchone()
    return found[0] if found else None


def _stamp(store: Store) -> str:
    return repr(store.index_stamp())


def _keep_stamp(conn: sqlite3.Connection, stamp: str | None) -> None:
    conn.execute("INSERT INTO meta VALUES ('library', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  (stamp,))


# -- keeping it in step (the store's lock held) ----------------------------------------


def start_write(conn: sqlite3.Connection, store: Store) -> None:
    """Before a write: a copy already behind the shards is marked so (the write's ``sync``
    must not then mark it in step)."""
    if not in_step(conn, store):
        _keep_stamp(conn, None)


def sync(conn: sqlite3.Connection, store: Store, ids: Iterable[str]) -> None:
    """After a write: copy these briefings' rows as their shards now hold them (a row
    gone from its shard goes), and note the copy in step, if it was before the write."""
    if _kept_stamp(conn) is None:
        return
    ids = set(ids)
    shards: dict[Path, set[str]] = {}
    for briefing_id in ids:
        shards.setdefault(store.layout.index_shard(briefing_id), set()).add(briefing_id)
    rows = []
    for shard, wanted in shards.items():
        try:
            rows += [doc for doc in shard_docs(shard) if doc.get("id") in wanted]
        except StoreError:  # a damaged shard: the copy is made again once it is mended
            _keep_stamp(conn, None)
            return
    conn.executemany("DELETE FROM library WHERE id = ?", [(i,) for i in ids])
    _insert(conn, rows)
    _keep_stamp(conn, _stamp(store))


def refill(conn: sqlite3.Connection, store: Store) -> None:
    """Make the copy again from every shard (a second at 100,000 briefings); a damaged
    shard leaves it marked behind, to be made again once the doctor mended it."""
    stamp = _stamp(store)
    docs, damaged = read_index(store.layout.index)
    conn.execute("DELETE FROM library")
    _insert(conn, docs)
    conn.execute("UPDATE meta SET value = (SELECT count(*) FROM library) WHERE key = 'library rows'")  # counted anew
    _keep_stamp(conn, None if damaged else stamp)


def _insert(conn: sqlite3.Connection, docs: Sequence[dict[str, Any]]) -> None:
    conn.executemany(f"INSERT INTO library({_FIELDS}, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(*_as_row(d), d["published"] or "") for d in docs])


def differences(conn: sqlite3.Connection, shards: Path) -> int:
    """How many rows the copy has wrong, missing or too many, against the index shards
    in the folder ``shards`` (the doctor's)."""
    docs, _ = read_index(shards)
    kept = {row[0]: row for row in conn.execute(f"SELECT {_FIELDS} FROM library")}
    miscounted = _length(conn) != len(kept)
    wrong = sum(1 for d in docs if kept.pop(d["id"], None) != _as_row(d))
    return wrong + len(kept) + miscounted


def _as_row(doc: dict[str, Any]) -> tuple:
    return (doc["id"], doc["title"], doc["outlet"], doc["published"], doc["imported"], doc["actors"],
            doc["quotes"], doc["events"], int(doc.get("unread", False)))


# -- reading it ---------------------------------------------------------------------


class Pages(Lazy[IndexRow]):
    """The library's rows, newest first, read BLOCK at a time as they are asked for (a
    block past the middle is read from the oldest end). Counted when made: rows the
    store lost since are shown blank (the library is read again as it changes)."""

    def __init__(self, idx: Any, length: int) -> None:
        self._idx = idx
        self._blocks: dict[int, list[IndexRow]] = {}
        super().__init__(length, self._row)
        self.ids = Ids(self, lambda n: self[n].id, self.position)

    def _row(self, position: int) -> IndexRow:
        block = position // BLOCK
        if block not in self._blocks:
            self._blocks[block] = self._read(block * BLOCK, min(BLOCK, len(self) - block * BLOCK))
        rows = self._blocks[block]
        offset = position - block * BLOCK
        return rows[offset] if offset < len(rows) else IndexRow("", "", None, None, "", 0, 0, 0)

    def _read(self, start: int, count: int) -> list[IndexRow]:
        from_end = len(self) - start - count  # rows after the block
        with self._idx.reading() as conn:
            if from_end < start:
                found = conn.execute(f"SELECT {_FIELDS} FROM library ORDER BY {_OLDEST_FIRST} LIMIT ? OFFSET ?",
                                     (count, from_end)).fetchall()[::-1]
            else:
                found = conn.execute(f"SELECT {_FIELDS} FROM library ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
                                     (count, start)).fetchall()
        return [_index_row(row) for row in found]

    def position(self, briefing_id: str) -> int | None:
        with self._idx.reading() as conn:
            key = conn.execute("SELECT day, imported FROM library WHERE id = ?", (briefing_id,)).fetchone()
            if key is None:
                return None
            return conn.execute("SELECT count(*) FROM library WHERE (day, imported, id) > (?, ?, ?)",
                                (*key, briefing_id)).fetchone()[0]

    def get(self, briefing_id: str) -> IndexRow | None:
        with self._idx.reading() as conn:
            row = conn.execute(f"SELECT {_FIELDS} FROM library WHERE id = ?", (briefing_id,)).fetchone()
        return None if row is None else _index_row(row)

    def outlets(self) -> set[str | None]:
        """The outlets named, each found in its index by one seek (``SELECT DISTINCT``
        would read the whole index: 7 ms over 100,000 briefings, 0.2 ms so)."""
        with self._idx.reading() as conn:
            found: set[str | None] = {outlet for (outlet,) in conn.execute(_OUTLETS)}
            if conn.execute("SELECT EXISTS(SELECT 1 FROM library WHERE outlet IS NULL)").fetchone()[0]:
                found.add(None)
            return found


def _index_row(row: tuple) -> IndexRow:
    """A row of the copy (``_FIELDS``) as the store's ``IndexRow``."""
    return IndexRow(*row[:-1], unread=bool(row[-1]))
