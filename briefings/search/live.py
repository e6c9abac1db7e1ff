"""Searching as the reader types: an index in memory, built from the search rows.

Built in a worker from the search rows (``rows.all_rows``) and kept in step
with them: a keystroke in a library of 10,000 briefings then costs a few
operations on bitmaps (one bit per briefing) and the rows on screen, where a
scan of every row cost 60 ms and 10,000 hits.

It matches exactly what ``scan.run`` matches (a word matches where it occurs
in a briefing's text, inside a longer word too): a query word of letters and
digits only can occur only inside one word of the text, so its briefings are
those of the indexed words containing it. Other query words ("quoted
phrases", "u.n.") are narrowed by their parts the same way, then looked for in
the text of the briefings left. When the query extends the last one (the
reader typed on), only the last hits are searched.

Hits come newest publication first: briefings are numbered in that order
when the index is built, so a bitmap read from its top bit is already sorted.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import compress
from pathlib import Path
from typing import Any

from ..identities import Identities
from ..identities import load as load_identities
from ..lazy import Lazy
from ..store import Store
from .query import Query, parse
from .rows import QUIET_NS, hay_of, refresh, shard_paths, shard_rows, unwritten_version
from .scan import Hit, match_row, names_matching, sort_key

_WORD = re.compile(r"\w+")
_BITS = bytes.maketrans(b"01", b"\x00\x01")
SPARSE = 32  # a word in fewer briefings keeps their numbers: a bitmap costs a bit for every briefing
MEMO = 64  # query words remembered, for typing on and typing back


def words_of(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _bitmap(numbers: Iterable[int]) -> int:
    bits = bytearray()
    for n in numbers:
        if n >> 3 >= len(bits):
            bits.extend(bytes((n >> 3) + 1 - len(bits)))
        bits[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(bits, "little")


def _as_bits(posting: int | list[int]) -> int:
    return posting if isinstance(posting, int) else _bitmap(posting)


def _add(postings: dict[str, Any], key: str, n: int) -> None:
    posting = postings.get(key)
    if posting is None:
        postings[key] = [n]
    elif isinstance(posting, int):
        postings[key] = posting | 1 << n
    elif len(posting) < SPARSE:
        posting.append(n)
    else:
        postings[key] = _bitmap(posting) | 1 << n


def _drop(postings: dict[str, Any], key: str, n: int) -> None:
    posting = postings.get(key)
    if isinstance(posting, int):
        posting &= ~(1 << n)
        if posting:
            postings[key] = posting
        else:
            del postings[key]
    elif posting is not None and n in posting:
        posting.remove(n)
        if not posting:
            del postings[key]


def numbers_of(bits: int) -> list[int]:
    """The numbers of a bitmap's set bits, highest first (C loops: 10,000 bits in 0.2 ms)."""
    flags = bin(bits)[2:].encode().translate(_BITS)
    return list(compress(range(len(flags) - 1, -1, -1), flags))


Check = str | tuple[Query, list[set[str]]]  # a word to find in the text, or filters for scan.match_row


def _passes(row: dict[str, Any], checks: list[Check]) -> bool:
    hay = hay_of(row) if any(isinstance(check, str) for check in checks) else ""
    return all(check in hay if isinstance(check, str) else match_row(row, *check) is not None for check in checks)


class Results(Lazy[Hit]):
    """The hits of one search, newest first; each Hit is made when first asked for."""

    def __init__(self, index: Index, bits: int, numbers: list[int], query: Query,
                 actor_sets: list[set[str]]) -> None:
        self.query, self._actor_sets = query, actor_sets
        rows = index.rows  # a deleted briefing's row stays in it: these hits can still be drawn
        self.ids = Ids(index, bits, numbers)
        super().__init__(len(numbers), lambda n: self._hit(rows[numbers[n]]))

    def get(self, briefing_id: str) -> Hit | None:
        position = self.ids.position(briefing_id)
        return None if position is None else self[position]

    def _hit(self, row: dict[str, Any]) -> Hit:
        q = self.query
        hit = match_row(row, q, self._actor_sets) if q.on_entries else None
        return hit or Hit(row["id"], row.get("title", ""), row.get("outlet"), row.get("published"), None,
                          tuple(q.words), row)


class Ids(Sequence[str]):
    """The briefing ids of some hits, in order, read from the index when asked for;
    ``in`` and ``index`` find one without going through the others."""

    def __init__(self, index: Index, bits: int, numbers: list[int]) -> None:
        self._ids, self._number, self._bits, self._numbers = index.ids, index.number, bits, numbers
        self._ordered = index.ordered

    def __len__(self) -> int:
        return len(self._numbers)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self._ids[n] for n in self._numbers[position]]
        return self._ids[self._numbers[position]]

    def __contains__(self, briefing_id: object) -> bool:
        return self.position(briefing_id) is not None

    def index(self, briefing_id: Any, start: int = 0, stop: int | None = None) -> int:
        position = self.position(briefing_id)
        if position is None or position < start or (stop is not None and position >= stop):
            raise ValueError(f"{briefing_id!r} is not a hit")
        return position

    def position(self, briefing_id: object) -> int | None:
        n = self._number.get(briefing_id)  # type: ignore[arg-type]
        if n is None or not self._bits >> n & 1 or self._ids[n] != briefing_id:
            return None
        if self._ordered:  # the hits above it in the bitmap are the ones before it
            return (self._bits >> (n + 1)).bit_count()
        return self._numbers.index(n)


class Index:
    """Word, tag, actor name and star -> bitmap of briefings, numbered newest last."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.RLock()
        self.rows: list[dict[str, Any]] = []  # by number (a deleted briefing's too: see alive)
        self.ids: list[str] = []
        self.number: dict[str, int] = {}  # briefing id -> number
        self.words: dict[str, Any] = {}  # postings: a list of numbers, or a bitmap (an int)
        self.tags: dict[str, Any] = {}
        self.names: dict[str, Any] = {}
        self.starred = 0
        self.alive = 0
        self.ordered = True  # numbers follow the order of the hits (none added since the build)
        self._shards: dict[Path, list[dict[str, Any]]] = {}  # the cached rows each number came from
        self._synced: tuple[Any, int] | None = None  # (search folder's stamp, when looked at)
        self._vocabulary: list[str] | None = None
        self._memo: dict[str, tuple[list[str], int]] = {}  # query word -> (words containing it, bitmap)
        self._last: tuple[Query, list[set[str]], int] | None = None
        self._build()

    # -- building and keeping in step ------------------------------------------

    def _build(self) -> None:
        self._synced = self._folder_stamp()
        rows = []
        for shard in shard_paths(self.store):
            self._shards[shard] = shard_rows(shard)
            rows += self._shards[shard]
        rows.sort(key=sort_key)  # oldest first: the newest briefing is the top bit
        for row in rows:
            self._add_row(row)

    def _folder_stamp(self) -> tuple[Any, int]:
        try:
            st = os.stat(self.store.layout.search)
        except FileNotFoundError:
            return (None, unwritten_version()), time.time_ns()
        return (st.st_ino, st.st_mtime_ns, unwritten_version()), time.time_ns()

    def sync(self) -> None:
        """Take in the search rows rewritten since (one ``stat`` when nothing changed).

        A shard is replaced by rename, which changes the folder's time; a folder
        quiet for a second before the last look cannot have changed unseen.
        """
        with self.lock:
            stamp, now = self._folder_stamp()
            if self._synced and stamp == self._synced[0] and stamp[0] and stamp[1] < self._synced[1] - QUIET_NS:
                return
            self._synced = stamp, now
            shards = set(shard_paths(self.store)) | set(self._shards)
            for shard in sorted(shards):
                rows = shard_rows(shard)  # the same list while the file is unchanged
                if rows is not self._shards.get(shard):
                    self._take_shard(shard, rows)

    def _take_shard(self, shard: Path, rows: list[dict[str, Any]]) -> None:
        old = {row["id"]: row for row in self._shards.pop(shard, ())}
        if rows:
            self._shards[shard] = rows
        for briefing_id in old.keys() - {row["id"] for row in rows}:
            self._remove(self.number.pop(briefing_id))
        for row in rows:
            before = old.get(row["id"])
            n = self.number.get(row["id"])
            if before is not None and n is not None and before.get("stamp") == row.get("stamp") \
                    and row.get("stamp") is not None:
                self.rows[n] = row  # the same briefing, read again with its shard
                continue
            if n is not None:
                self._remove(n)
            if n is None or sort_key(before or {}) != sort_key(row):
                self.ordered = False  # a new number is the top bit, newest or not
                self._add_row(row)
            else:
                self._add_row(row, n)
        self._memo.clear()
        self._last = None

    def _add_row(self, row: dict[str, Any], n: int | None = None) -> None:
        if n is None:
            n = len(self.rows)
            self.rows.append(row)
            self.ids.append(row["id"])
        else:
            self.rows[n] = row
        self.number[row["id"]] = n
        for postings, key in self._keys_of(row):
            _add(postings, key, n)
        if row.get("starred"):
            self.starred |= 1 << n
        self.alive |= 1 << n
        self._vocabulary = None

    def _remove(self, n: int) -> None:
        """Take a briefing's number out of every bitmap (its row stays for the hits shown)."""
        if not self.alive >> n & 1:
            return
        for postings, key in self._keys_of(self.rows[n]):
            _drop(postings, key, n)
        self.starred &= ~(1 << n)
        self.alive &= ~(1 << n)
        self._vocabulary = None

    def _keys_of(self, row: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
        """What a row is indexed under: its words, tags and actors' name keys."""
        for word in words_of(hay_of(row)):
            yield self.words, word
        for tag in row.get("tags", ()):
            yield self.tags, tag
        for keys in row.get("names", {}).values():
            for key in keys:
                yield self.names, key

    # -- searching ----------------------------------------------------------------

    def search(self, query: str | Query, identities: Identities | None = None) -> Results:
        """The briefings matching a query, newest first: what ``scan.run`` finds.

        Raises QueryError for a query to fix."""
        q = parse(query) if isinstance(query, str) else query
        with self.lock:
            if q.is_empty:
                return Results(self, 0, [], q, [])
            actor_sets = self._actor_sets(q, identities) if q.actors else []
            bits, checks = self._words_bits(q)
            narrowed = self._narrowed(q, actor_sets)
            if narrowed is not None:
                bits &= narrowed
            else:
                bits &= self.alive
                for tag in q.tags:
                    bits &= _as_bits(self.tags.get(tag, 0))
                if q.starred:
                    bits &= self.starred
                for keys in actor_sets:
                    bits &= self._names_bits(keys)
                if len(q.tags) + q.starred + len(q.actors) > 1:  # must hold for one same entry
                    checks.append((replace(q, words=()), actor_sets))
                elif q.outlets or q.after or q.before:  # one entry filter: its bitmap is exact
                    checks.append((replace(q, words=(), tags=(), starred=False, actors=()), []))
            numbers = self._numbers(bits)
            if checks:
                numbers = [n for n in numbers if _passes(self.rows[n], checks)]
                bits = _bitmap(numbers)
            self._last = q, actor_sets, bits
            return Results(self, bits, numbers, q, actor_sets)

    def _words_bits(self, q: Query) -> tuple[int, list[Check]]:
        """The bitmap of the briefings that may hold every query word, and the words
        to look for in their text (those the index alone cannot settle)."""
        bits = -1  # every bit set
        checks: list[Check] = []
        for word in q.words:
            parts = _WORD.findall(word)
            for part in parts:
                bits &= self._containing(part)
            if parts != [word]:
                checks.append(word)
        return bits, checks

    def _containing(self, part: str) -> int:
        """The briefings with an indexed word containing ``part``; typing on
        ("min" after "mi") looks only among the words that held the shorter one."""
        if (memo := self._memo.get(part)) is not None:
            return memo[1]
        shorter = max((k for k in self._memo if k in part), key=len, default=None)
        if shorter is not None:
            candidates = self._memo[shorter][0]
        else:
            if self._vocabulary is None:
                self._vocabulary = list(self.words)
            candidates = self._vocabulary
        found = [w for w in candidates if part in w]
        bits, sparse = 0, []
        for word in found:
            posting = self.words.get(word)
            if isinstance(posting, int):
                bits |= posting
            elif posting:
                sparse += posting
        bits |= _bitmap(sparse)
        if len(self._memo) >= MEMO:
            self._memo.clear()
        self._memo[part] = found, bits
        return bits

    def _narrowed(self, q: Query, actor_sets: list[set[str]]) -> int | None:
        """The last hits, when they include every hit of ``q``: same filters, and each
        of the last words inside one of the new ones."""
        if self._last is None:
            return None
        last, last_actors, bits = self._last
        if replace(last, words=(), text="") != replace(q, words=(), text="") or last_actors != actor_sets:
            return None
        if not all(any(old in new for new in q.words) for old in last.words):
            return None
        return bits

    def _actor_sets(self, q: Query, identities: Identities | None) -> list[set[str]]:
        ids = identities if identities is not None else load_identities(self.store)
        sets = []
        for key in q.actors:
            rows = [self.rows[n] for n in numbers_of(self._names_bits(ids.group(key)) & self.alive)]
            sets.append(names_matching(rows, ids, key))
        return sets

    def _names_bits(self, keys: Iterable[str]) -> int:
        bits = 0
        for key in keys:
            bits |= _as_bits(self.names.get(key, 0))
        return bits

    def _numbers(self, bits: int) -> list[int]:
        numbers = numbers_of(bits) if bits > 0 else []
        if not self.ordered:  # briefings added since the build sit at the top: sort
            numbers.sort(key=lambda n: sort_key(self.rows[n]), reverse=True)
        return numbers


_indexes: dict[Path, Index] = {}
_indexes_lock = threading.Lock()


def index(store: Store) -> Index:
    """The store's index, built on first use (seconds at 10,000 briefings: call it
    from a worker), then brought in step with the search rows; rebuilt when
    briefings were added since, to keep the hits in order without sorting."""
    refresh(store)
    return _kept_index(store)


def _kept_index(store: Store) -> Index:
    root = store.root.resolve()
    with _indexes_lock:
        found = _indexes.get(root)
        if found is not None:
            found.sync()
        if found is None or not found.ordered:
            found = _indexes[root] = Index(store)
        return found


def search(store: Store, query: str | Query, identities: Identities | None = None) -> Results:
    """Search with the store's index, brought in step with the briefings first
    (two ``stat`` when nothing changed)."""
    refresh(store)
    root = store.root.resolve()
    with _indexes_lock:
        found = _indexes.get(root)
    if found is None:
        found = _kept_index(store)
    found.sync()
    return found.search(query, identities)
