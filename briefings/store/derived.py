"""Files derived from the store's own, kept to save work: a story's merged view,
the library's order. Each starts with a checksum of the rest, then a JSON header,
then one JSON row a line. They are written atomically under the store's lock when
the lock comes quickly, and a missing, damaged or out-of-date one is simply made
again: never an error for the reader, and a read-only store still reads.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from ..errors import StoreError
from .atomic import write_atomic

LOCK_WAIT = 1.0  # seconds: a derived file is worth keeping, not worth holding the reader up for


def keep(store, path: Path, header: dict[str, Any], rows: Sequence[bytes] = ()) -> None:
    """Write a derived file of ``store`` (a Store), or skip it if the store is read-only or busy."""
    body = b"\n".join([orjson.dumps(header), *rows])
    try:
        with store.locked(timeout=LOCK_WAIT):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, b"%08x\n" % zlib.crc32(body) + body)
    except (StoreError, OSError):
        pass  # read-only, or busy with a long write (an import): made again next time


def read(path: Path) -> tuple[Any, list[bytes]] | None:
    """(header, rows) of a derived file; None when missing or damaged (its checksum is wrong)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    lines = data.split(b"\n")
    try:
        if len(lines) < 2 or int(lines[0], 16) != zlib.crc32(memoryview(data)[len(lines[0]) + 1:]):
            return None
        return orjson.loads(lines[1]), lines[2:]
    except (ValueError, orjson.JSONDecodeError):
        return None
