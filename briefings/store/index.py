"""The library index: one small row per briefing, so the library never opens a briefing.

Rows live in ``index/xx.json``, 256 TinyDB files sharded by the briefing id's
last two characters, so saving one briefing rewrites one small file whatever
the size of the store. ``IndexRows`` holds them as columns, in library order
(newest publication first), making a row only when it is asked for. A
``Library`` is what the library screen reads: these rows, or the same read a
page at a time from the search index (``search.library``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

import orjson

from ..errors import StoreError
from ..lazy import Lazy
from ..model import Briefing
from .layout import shard_name as shard_name_of
from .tables import AtomicJSONStorage, Backups, numbered, read_json

TABLE = "briefings"


@dataclass  # not frozen: a frozen dataclass is twice as slow to make, and the library makes 10,000 at start-up
class IndexRow:
    """What the library shows of a briefing without opening it."""

    id: str
    title: str
    outlet: str | None
    published: str | None
    imported: str
    actors: int
    quotes: int
    events: int
    unread: bool = False

    @classmethod
    def of(cls, briefing: Briefing, imported: str) -> IndexRow:
        return cls(
            id=briefing.id,
            title=briefing.title,
            outlet=briefing.source.outlet,
            published=briefing.source.published,
            imported=imported,
            actors=len(briefing.actors),
            quotes=len(briefing.quotes),
            events=len(briefing.events),
        )


_ROW_ORDER = [f.name for f in fields(IndexRow)]
_ROW_FIELDS = frozenset(_ROW_ORDER)
_ROW_NEEDS = _ROW_FIELDS - {"unread"}


def library_order(row: dict[str, Any]) -> tuple[str, str, str]:
    """The key of a row in the library's order, newest first when sorted in reverse:
    the day published (unknown last), then the time imported, then the id."""
    return row["published"] or "", row["imported"], row["id"]


class Library(Protocol):
    """The library's rows in order, as the library screen reads them."""

    ids: Sequence[str]  # the rows' briefing ids, in order (``index`` finds a row's position)

    def __len__(self) -> int: ...

    def __getitem__(self, position: int) -> IndexRow: ...

    def get(self, briefing_id: str) -> IndexRow | None:
        """The row of a briefing, None when it is not in the library."""

    def outlets(self) -> set[str | None]:
        """Every outlet the rows name."""


class IndexRows(Lazy[IndexRow]):
    """The index's rows in library order, kept as columns and made into rows when
    first asked for: the library of 10,000 briefings shows its first screen
    without making 10,000."""

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        in_order = [columns[name] for name in _ROW_ORDER]
        super().__init__(len(columns["id"]), lambda n: IndexRow(*(column[n] for column in in_order)))
        self.ids: list[str] = columns["id"]

    @classmethod
    def of_docs(cls, docs: list[dict[str, Any]]) -> IndexRows:
        return cls({name: [d.get(name, False) for d in docs] for name in _ROW_ORDER})

    @classmethod
    def of_kept(cls, columns: Any) -> IndexRows | None:
        """From the kept library order; None if it is not the columns of the rows."""
        if not (isinstance(columns, dict) and columns.keys() == _ROW_FIELDS
                and all(isinstance(c, list) and len(c) == len(columns["id"]) for c in columns.values())):
            return None
        return cls(columns)

    def column(self, name: str) -> list[Any]:
        """One field of every row, in order, without making the rows."""
        return self.columns[name]

    def get(self, briefing_id: str) -> IndexRow | None:
        try:
            return self[self.ids.index(briefing_id)]
        except ValueError:
            return None

    def outlets(self) -> set[str | None]:
        return set(self.columns["outlet"])


def read_index(folder: Path) -> tuple[list[dict[str, Any]], list[tuple[Path, str]]]:
    """The index's rows from its shards, in library order, and the damaged shards left
    out with what is wrong (a shard with one bad row is left out whole: its other rows
    may be wrong too)."""
    docs: list[dict[str, Any]] = []
    damaged: list[tuple[Path, str]] = []
    for shard in sorted(folder.glob("*.json")):
        try:
            rows = shard_docs(shard)
        except StoreError as exc:
            damaged.append((shard, str(exc)))
            continue
        problems = [p for doc in rows if (p := row_problem(doc, shard.name))]
        if problems:
            damaged.append((shard, f"damaged, {problems[0]}; run 'briefing doctor --restore'"))
            continue
        docs += rows
    docs.sort(key=library_order, reverse=True)
    return docs, damaged


_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,), "title": (str,), "outlet": (str, type(None)), "published": (str, type(None)),
    "imported": (str,), "actors": (int,), "quotes": (int,), "events": (int,), "unread": (bool,),
}


def row_problem(doc: Any, shard_name: str | None = None) -> str | None:
    """What is wrong with an index row, None when nothing (``shard_name``: the shard it is in)."""
    if not isinstance(doc, dict) or not (_ROW_NEEDS <= doc.keys() <= _ROW_FIELDS):
        return "a row of the wrong shape"
    for name, value in doc.items():
        if not isinstance(value, _TYPES[name]) or (isinstance(value, bool) and bool not in _TYPES[name]):
            return f"a row whose {name} is {type(value).__name__}, not {_TYPES[name][0].__name__}"
    if shard_name is not None and shard_name_of(doc["id"]) != shard_name:
        return f"the row of {doc['id']!r} in the wrong shard"
    return None


def shard_docs(shard: Path) -> list[dict[str, Any]]:
    """One shard's rows as stored (StoreError when damaged)."""
    data = read_json(shard) or {}
    return list((data.get(TABLE) or {}).values())


def put_rows(shard: Path, rows: list[IndexRow], backups: Backups = None, *, keep: tuple[str, ...] = ("imported",),
             sync_folder: bool = False) -> None:
    """Add or replace rows of one shard in one read and one write; the fields named in
    ``keep`` stay as stored (a briefing imported again keeps when it was first imported)."""
    storage = AtomicJSONStorage(shard, backups, sync_folder=sync_folder)
    storage.write(_put(storage.read(), rows, keep))


def rows_bytes(shard: Path, rows: list[IndexRow], *, keep: tuple[str, ...] = ("imported",)) -> bytes:
    """The bytes of a shard with these rows added or replaced (as ``put_rows`` writes it)."""
    return orjson.dumps(_put(read_json(shard), rows, keep))


def _put(data: dict[str, Any] | None, rows: list[IndexRow], keep: tuple[str, ...]) -> dict[str, Any]:
    kept = {doc["id"]: doc for doc in ((data or {}).get(TABLE) or {}).values()}
    for row in rows:
        doc = dict(row.__dict__)
        for name in keep:
            doc[name] = kept.get(row.id, doc).get(name, doc[name])
        kept[row.id] = doc
    return {TABLE: numbered(kept.values())}


def write_shard(shard: Path, docs: list[dict[str, Any]], backups: Backups = None) -> None:
    """Replace a shard's rows (a rebuild: ``doctor``, ``migrate``)."""
    AtomicJSONStorage(shard, backups).write({TABLE: numbered(docs)})
