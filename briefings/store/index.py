"""The library index: one small row per briefing, so the library never opens a briefing.

Rows live in ``index/xx.json``, 256 TinyDB files sharded by the briefing id's
last two characters, so saving one briefing rewrites one small file whatever
the size of the store. ``IndexRows`` holds them as columns, in library order
(newest publication first), making a row only when it is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import orjson

from ..errors import StoreError
from ..lazy import Lazy
from ..model import Briefing
from .tables import AtomicJSONStorage, numbered, read_json

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


class IndexRows(Lazy[IndexRow]):
    """The index's rows in library order, kept as columns and made into rows when
    first asked for: the library of 10,000 briefings shows its first screen
    without making 10,000."""

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        in_order = [columns[name] for name in _ROW_ORDER]
        super().__init__(len(columns["id"]), lambda n: IndexRow(*(column[n] for column in in_order)))

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


def read_index(folder: Path) -> list[dict[str, Any]]:
    """The index's rows from its shards, in library order."""
    docs: list[dict[str, Any]] = []
    for shard in sorted(folder.glob("*.json")):
        for doc in shard_docs(shard):
            if not (_ROW_NEEDS <= doc.keys() <= _ROW_FIELDS):
                raise StoreError(f"{shard}: damaged, a row of the wrong shape")
            docs.append(doc)
    try:
        docs.sort(key=lambda d: (d["published"] or "", d["imported"]), reverse=True)
    except TypeError:  # a date that is not text
        raise StoreError(f"{folder}: damaged, a row with a date that is not text; run 'briefing doctor'") from None
    return docs


def shard_docs(shard: Path) -> list[dict[str, Any]]:
    """One shard's rows as stored (StoreError when damaged)."""
    data = read_json(shard) or {}
    return list((data.get(TABLE) or {}).values())


def put_rows(shard: Path, rows: list[IndexRow], *, keep: tuple[str, ...] = ("imported",),
             sync_folder: bool = False) -> None:
    """Add or replace rows of one shard in one read and one write; the fields named in
    ``keep`` stay as stored (a briefing imported again keeps when it was first imported)."""
    storage = AtomicJSONStorage(shard, sync_folder=sync_folder)
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


def write_shard(shard: Path, docs: list[dict[str, Any]]) -> None:
    """Replace a shard's rows (a rebuild: ``doctor``, ``migrate``)."""
    AtomicJSONStorage(shard).write({TABLE: numbered(docs)})
