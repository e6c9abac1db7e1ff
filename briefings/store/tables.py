"""The store's files are TinyDB documents: read strictly, written atomically.

``AtomicJSONStorage`` never truncates a file in place (see ``atomic``) and
refuses to work on a file it cannot parse, so a damaged file is reported,
never overwritten. ``open_db`` opens one file for one operation;
``write_table`` replaces a one-table file in a single write.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from ..errors import StoreError
from .atomic import write_atomic

Backups = tuple[Path, int] | None  # (folder, versions kept), as ``Layout.backups_of`` says


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, backups: Backups = None, *, sync_folder: bool = True) -> None:
        self.path = Path(path)
        self.backups = backups
        self.sync_folder = sync_folder  # False: the caller fsyncs the folder (see write_atomic)
        self._read: bytes | None = None  # the file as last read, so an unchanged write is skipped
        self._missing = False  # read, and there was no file

    def read(self) -> dict[str, Any] | None:
        data, self._read = _read_json(self.path)
        self._missing = self._read is None
        return data

    def write(self, data: dict[str, Any]) -> None:
        # TinyDB writes even when nothing changed: an upsert of a new document is an
        # update matching nothing (a write) then an insert (another); a write of what
        # was just read costs an fsync and a backup rotation for nothing. (A missing
        # file reads as empty, so empty tables need no file either.)
        payload = orjson.dumps(data)
        if payload == self._read or (self._missing and not any(data.values())):
            return
        try:
            folder, kept = self.backups or (None, 0)
            write_atomic(self.path, payload, backups=folder, kept=kept, sync_folder=self.sync_folder)
            self._read, self._missing = payload, False
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write ({exc.strerror or exc})") from None

    def close(self) -> None:
        pass


def read_json(path: Path) -> Any:
    """The parsed file, None when it does not exist; StoreError when damaged."""
    return _read_json(path)[0]


def _read_json(path: Path) -> tuple[Any, bytes | None]:
    """The parsed file and its bytes ((None, None) when it does not exist)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise StoreError(
            f"{path}: damaged, not valid JSON; run 'briefing doctor --restore' to bring back a backup"
        ) from None
    if not _is_tinydb_shaped(parsed):
        raise StoreError(f"{path}: damaged, not a TinyDB document; run 'briefing doctor --restore'")
    return parsed, data


def _is_tinydb_shaped(data: Any) -> bool:
    """TinyDB's layout: {table: {doc_id: {field: value}}}."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


def open_db(path: Path, backups: Backups = None) -> TinyDB:
    """A fresh TinyDB on one file: opened per operation, so no stale cache survives."""
    return TinyDB(path, storage=AtomicJSONStorage, backups=backups)


def write_table(path: Path, table: str, docs: list[dict[str, Any]], backups: Backups = None, *,
                sync_folder: bool = True) -> None:
    """Replace a TinyDB file holding one table in a single atomic write (TinyDB's
    truncate-then-insert would write the file twice)."""
    AtomicJSONStorage(path, backups, sync_folder=sync_folder).write({table: numbered(docs)})


def table_bytes(table: str, docs: list[dict[str, Any]]) -> bytes:
    """The bytes of a TinyDB file holding one table (as ``write_table`` writes it)."""
    return orjson.dumps({table: numbered(docs)})


def numbered(docs: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A TinyDB table's documents, keyed by their ids from 1."""
    return {str(n): doc for n, doc in enumerate(docs, 1)}
