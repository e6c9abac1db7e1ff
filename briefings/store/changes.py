"""What changed in a store since a look at it, for whoever shows the store and polls it.

Every write replaces a file by rename, so the file's inode and its folder's
time change with it. A ``Watch`` is one look: the stamps of the briefings
being shown, of their two folders, of the library's files (the index, the
stories, the saved searches) and of the reader's actor decisions.
``Store.changes(watch)`` takes a new look and says what differs.

A folder's clock is coarse: two writes in one tick leave its time the same.
So the briefings' own files are skipped only while both folders are as they
were at a look where they had already been still for a while; otherwise each
watched briefing is stat'ed (a story's 500 articles: 1,000 calls).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

Stamp = tuple[int, int, int] | None  # (inode, size, mtime in ns); None: no such file
BriefingStamp = tuple[Stamp, Stamp]  # (its entries' file, its annotations' file)
STILL_NS = 2_000_000_000  # folders still this long at a look cannot change unseen


def stat_key(path: Path | str) -> Stamp:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def settled(stamp: Stamp, seconds: float = 1.0) -> bool:
    """Whether what ``stamp`` describes has not changed for ``seconds`` (by its mtime)."""
    return stamp is not None and time.time_ns() - stamp[2] > seconds * 1e9


def all_settled(stamps: tuple[Stamp, ...], seconds: float = 1.0) -> bool:
    """Whether every stamp (None: a missing file) has been still for ``seconds``. Asked
    at the look that took them, it says a later write must change one of them."""
    return all(stamp is None or settled(stamp, seconds) for stamp in stamps)


@dataclass(frozen=True)
class Watch:
    """One look at a store (see ``Store.watch``)."""

    briefings: dict[str, BriefingStamp] = field(default_factory=dict)
    folders: tuple[Stamp, ...] | None = None  # briefings/ and annotations/, kept only when still
    library: tuple[Stamp, ...] = ()  # index/, stories.json, views.json
    decisions: Stamp = None  # identities.json


@dataclass(frozen=True)
class Changes:
    """What differs between two looks; ``watch`` is the new look, to pass next time."""

    watch: Watch
    rewritten: frozenset[str] = frozenset()  # briefings whose entries were rewritten (re-import, new date)
    annotated: frozenset[str] = frozenset()  # briefings whose annotations changed
    library: bool = False  # a briefing added or removed, a story or a saved search changed
    decisions: bool = False  # the reader's actor merges and splits changed

    def __bool__(self) -> bool:
        return bool(self.rewritten or self.annotated or self.library or self.decisions)
