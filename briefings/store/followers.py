"""Derived data kept in step with every write: the store tells its followers.

The store knows nothing of what is derived from it (the search index lives
in ``briefings.search``, which the store must not import); a follower
registers itself (``follow_every_store``, once in a process: every store
opened by it then tells it of its writes) and is told, inside the store's
lock, which briefings a write is about to change (``writing``, before any
file changes) and which it changed (``written``, once the files are on disk,
or the write failed: the files are then as they were). Some writes change
only what the library shows of briefings (a read mark, the counts after an
actor merge), others only their files (a note): ``Written.files`` and
``Written.rows`` say which. Between the two a
follower knows its data may lag the files: a writer killed there leaves
that said, and the next reader puts it right.

A follower never raises: the files are the record and are already written;
when it cannot keep up, it marks its data to be made again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..model import Briefing

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class Written:
    """What one write changes: ``ids`` of the briefings whose files (``files``) or
    index rows (``rows``) are written or deleted, and ``briefings``, those the
    writer had in hand, as now stored (with their annotations), so that a
    follower need not read them again."""

    ids: tuple[str, ...]
    briefings: dict[str, Briefing] = field(default_factory=dict)
    files: bool = True
    rows: bool = True


_followers: list[Follower] = []


def follow_every_store(follower: Follower) -> None:
    """Tell ``follower`` of every write of every store of this process from now on (once,
    however often it asks)."""
    if follower not in _followers:
        _followers.append(follower)


def followers() -> tuple[Follower, ...]:
    return tuple(_followers)


class Follower(Protocol):
    def writing(self, store: Store, written: Written) -> None:
        """These briefings are about to change (the store's lock is held; ``written.briefings``
        is still empty)."""

    def written(self, store: Store, written: Written) -> None:
        """They changed (the lock is still held)."""
