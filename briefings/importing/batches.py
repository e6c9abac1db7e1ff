"""Importing many articles at once: extracted on every core, stored 32 at a time by
one writer, each reported once durable.

Reporting belongs to the caller (the command line prints ids and a progress
bar; the benchmark counts): ``import_files`` calls back as it goes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from multiprocessing import get_context

from ..errors import BriefingError
from ..model import Briefing
from ..store import Store
from .articles import prepared, read_briefing
from .interchange import import_json

Stored = Callable[[str, Briefing, bool], None]  # (name, briefing, is new)
Failed = Callable[[list[str], BriefingError], None]  # (names not stored, why)


BATCH = 32  # articles stored together by a many-file import: one lock, one sync of each folder
POOL_FROM = 8  # articles extracted in a pool of processes from this many: fewer are not worth starting it


class BatchSaver:
    """Stores briefings BATCH at a time, reporting each one only once it is durable.

    A many-file import (and the import benchmark's spaCy baseline, so that the
    two differ only in extraction) saves through this: ``Store.save_many``
    writes each briefing's file and fsyncs the folders once per batch.
    ``waiting_for`` tells an importer to ``flush`` before it reads what the
    store holds of a briefing (``prepared``).
    """

    def __init__(self, store: Store, saved: Stored, failed: Failed) -> None:
        self.store, self._saved, self._failed = store, saved, failed
        self._waiting: list[tuple[str, Briefing]] = []

    def __enter__(self) -> BatchSaver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()

    def waiting_for(self, briefing_id: str) -> bool:
        return any(b.id == briefing_id for _, b in self._waiting)

    def add(self, name: str, briefing: Briefing) -> None:
        self._waiting.append((name, briefing))
        if len(self._waiting) >= BATCH:
            self.flush()

    def flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        try:
            new = self.store.save_many(b for _, b in waiting)
        except BriefingError as exc:  # the store's lock, a full disk: none of the batch is reported saved
            self._failed([name for name, _ in waiting], exc)
            return
        for (name, briefing), is_new in zip(waiting, new):
            self._saved(name, briefing, is_new)


@dataclass
class ImportReport:
    """What a many-file import did."""

    new: int = 0
    updated: int = 0
    failed: list[str] = field(default_factory=list)  # the names not stored


def import_files(store: Store, names: Sequence[str], *, on_stored: Stored, on_failed: Failed,
                 on_step: Callable[[], None] = lambda: None, jobs: int | None = None,
                 **options: str | None) -> ImportReport:
    """Import each file in turn. ``on_stored(name, briefing, is_new)`` is called once a
    briefing is durable, ``on_failed(names, error)`` for what was not stored (one bad
    file, or a batch the store refused), ``on_step()`` after each name. ``jobs``: how
    many processes extract (None: one per core; 1: this one, no pool)."""
    report = ImportReport()

    def stored(name: str, briefing: Briefing, is_new: bool) -> None:
        report.new += is_new
        report.updated += not is_new
        on_stored(name, briefing, is_new)

    def failed(failed_names: list[str], exc: BriefingError) -> None:
        report.failed.extend(failed_names)
        on_failed(failed_names, exc)

    with BatchSaver(store, stored, failed) as saver:
        for name, read in extracted(names, options, jobs):
            try:
                if isinstance(read, BriefingError):
                    raise read
                if read is None:  # our own briefing/1 or story export, saved as it is read
                    saver.flush()
                    for briefing, is_new in import_json(store, name).briefings:
                        stored(name, briefing, is_new)
                else:
                    if saver.waiting_for(read.id):  # the same article twice: what was stored first counts
                        saver.flush()
                    saver.add(name, prepared(store, read, options.get("published")))
            except BriefingError as exc:
                failed([name], exc)
            on_step()
    return report


def extracted(names: Sequence[str], options: dict[str, str | None],
              jobs: int | None = None) -> Iterator[tuple[str, Briefing | BriefingError | None]]:
    """Each name with its briefing, or what was wrong with it, in order (None for our
    own JSON, read by the writer as it stores it). From POOL_FROM articles on, with
    ``jobs`` above 1 (None: one per core), the articles are read and extracted by a
    pool of that many processes while this one stores what they hand back."""
    jobs = jobs or os.cpu_count() or 1
    if len(names) < POOL_FROM or jobs < 2 or "-" in names:  # standard input is read here
        yield from ((name, _read(name, options)) for name in names)
        return
    # forkserver: the workers are forked from a clean process, never from this one and its threads
    with ProcessPoolExecutor(jobs, mp_context=get_context("forkserver")) as pool:
        yield from zip(names, pool.map(_read, names, repeat(options), chunksize=4))


def _read(name: str, options: dict[str, str | None]) -> Briefing | BriefingError | None:
    if name.lower().endswith(".json"):
        return None
    try:
        return read_briefing(name, **options)
    except BriefingError as exc:
        return exc
