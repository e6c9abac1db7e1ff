"""The TinyDB store: one small file per briefing, so nothing costs the whole store.

The folder's layout is declared in ``layout``. Annotations live apart from the
extracted entries so a re-import never touches them. Every write happens under
the store's lock, re-reads the file inside it (a second process may have
written) and replaces the file atomically (``atomic.write_atomic``). The other
parts of the core (stories, identities, feeds, saved searches) keep their own
files in the store and open them through it (``read``, ``edit``).

Reading never takes the lock, and a damaged file never stops a command that
reads many: it is left out, and named with what is wrong in ``skipped`` for
the command to say so (``briefing doctor`` mends it). A file the command
asked for by name (a briefing to show, a file to write) is still an error. Derived
data outside the store (the search index) follows its writes: see ``followers``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB

from .. import gate
from ..errors import BriefingError, StoreError
from ..model import Annotation, Briefing, FormatError, is_grade

# layout's SCHEMA is read when used (a test sets a later one), so the module is kept whole
from . import derived, reattach
from . import layout as layout_module
from .atomic import fsync_dir, temp_files, write_atomic, write_atomic_many
from .changes import (
    STILL_NS,
    BriefingStamp,
    Changes,
    Stamp,
    Watch,
    all_settled,
    settled,
    stat_key,
)
from .followers import Written, followers
from .index import TABLE as INDEX_TABLE
from .index import IndexRow, IndexRows, put_rows, read_index, rows_bytes
from .layout import FOLDERS, Layout, checked_id
from .reattach import Orphan
from .tables import Backups, open_db, read_json, table_bytes, write_table

LOCK_TIMEOUT = 10.0
_Entry = Query()


def default_root() -> Path:
    """BRIEFING_STORE, else the platform's user data folder."""
    if env := os.environ.get("BRIEFING_STORE"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("briefing", appauthor=False) / "store"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ReadOnlyStore(StoreError):
    """The store cannot be written by this user: reading still works, writing says so in one line."""


class Store:
    def __init__(self, root: Path | str | None = None, *, create: bool = True, sweep: bool = True) -> None:
        """Open (or create) the store at ``root``.

        ``sweep`` removes the temporary files a killed writer left behind; it
        lists the whole store, so the app passes False and sweeps in a worker.
        """
        self.root = Path(root) if root is not None else default_root()
        self.layout = Layout(self.root)
        self.skipped: dict[Path, str] = {}  # damaged files a read left out, with what is wrong
        if not self.layout.meta.exists():
            if self.layout.looks_like_a_store():
                raise StoreError(f"{self.layout.meta}: missing; run 'briefing doctor --restore' to restore it")
            if not create:
                raise StoreError(f"{self.root}: no briefing store here")
            self._create()
        self._check_schema()
        if sweep:
            self.sweep()

    def sweep(self) -> int:
        """Delete the temporary files killed writers left (never a stored file); returns
        how many. The store is listed without the lock, and the files found are deleted
        only if the lock comes at once: a store busy with a long write, or read-only,
        is swept another time."""
        found = temp_files(self.root)
        if not found:
            return 0
        try:
            with self.locked(timeout=0):  # no writer is mid-write: what was found is left over
                for path in found:
                    path.unlink(missing_ok=True)
        except StoreError:
            return 0
        return len(found)

    def skip(self, path: Path, why: str) -> None:
        """Note a damaged file that a read left out (see ``skipped``)."""
        self.skipped[path] = why.removeprefix(f"{path}: ")

    # -- layout -------------------------------------------------------------

    def _create(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: not a folder, cannot hold a store")
        if not self.layout.is_ours_or_empty():
            raise StoreError(f"{self.root}: not a briefing store, and a folder holding other files; "
                             f"give an empty or a new folder")
        try:
            for folder in FOLDERS:
                (self.root / folder).mkdir(parents=True, exist_ok=True)
            with self.locked(), open_db(self.layout.meta) as db:
                if not db.table("meta").all():
                    db.table("meta").insert({"schema": layout_module.SCHEMA, "created": now()})
        except OSError as exc:
            raise StoreError(f"{self.root}: cannot create the store ({exc.strerror or exc})") from None

    def _check_schema(self) -> None:
        meta = self.meta()
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise StoreError(f"{self.layout.meta}: damaged, no schema version")
        if schema > layout_module.SCHEMA:
            raise StoreError(
                f"{self.layout.meta}: written by a newer briefing (schema {schema}, this one reads "
                f"{layout_module.SCHEMA}); upgrade briefing"
            )
        if schema < layout_module.SCHEMA:  # an older store: backed up, then migrated step by step (see migrate)
            from .migrate import migrate

            migrate(self, schema)

    def meta(self) -> dict[str, Any]:
        data = read_json(self.layout.meta) or {}
        rows = list((data.get("meta") or {}).values())
        return rows[0] if rows else {}

    def set_meta(self, **values: Any) -> None:
        with self.edit(self.layout.meta) as db:
            db.table("meta").update(values)

    # -- the files of the other parts of the core ------------------------------

    def read(self, path: Path, *, or_skip: bool = False) -> dict[str, Any]:
        """A TinyDB file of the store's layout, as stored ({} when it does not exist yet).
        ``or_skip``: a damaged file reads as empty and is noted in ``skipped``."""
        try:
            return read_json(path) or {}
        except StoreError as exc:
            if not or_skip:
                raise
            self.skip(path, str(exc))
            return {}

    @contextmanager
    def edit(self, path: Path) -> Iterator[TinyDB]:
        """A TinyDB file of the store's layout, opened under the lock for one change
        (each write atomic, the reader's files backed up: see ``Layout.backups_of``)."""
        with self.locked(), open_db(path, self.layout.backups_of(path)) as db:
            yield db

    @cached_property
    def _lock(self):
        from filelock import (
            FileLock,  # on the first write: reading (the app's start-up) needs no lock
        )

        return FileLock(self.layout.lock, timeout=LOCK_TIMEOUT)

    @contextmanager
    def locked(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the store's lock (re-entrant); StoreError after ``timeout`` seconds
        (derived data such as a stored story view waits less, and is skipped)."""
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise StoreError(
                f"{self.root}: the store is locked by another process (waited {timeout:.0f} s)"
            ) from None
        except OSError as exc:  # the lock file cannot be made: no write access, a read-only disk
            raise ReadOnlyStore(
                f"{self.root}: the store is read-only for you (its lock: {exc.strerror or exc}); "
                f"ask its owner for write access, or copy the folder and use --store COPY"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    # -- derived data ---------------------------------------------------------

    @contextmanager
    def _telling(self, ids: Sequence[str], *, files: bool = True, rows: bool = True) -> Iterator[Written]:
        """Around a write, under the lock: the followers (see ``followers``) hear what is
        about to change, then what changed, or might have when the write failed (the
        writer fills in the briefings it has in hand, once they are written).
        ``files``: the briefings' files change; ``rows``: their index rows do."""
        written = Written(tuple(dict.fromkeys(ids)), files=files, rows=rows)
        told = followers()
        for follower in told:
            follower.writing(self, written)
        try:
            yield written
        except BaseException:
            written.briefings.clear()  # not stored: the followers read the files as they are
            raise
        finally:
            for follower in told:
                follower.written(self, written)

    # -- briefings ----------------------------------------------------------

    def list(self) -> IndexRows:
        """Every briefing's index row, newest publication first.

        Read from the kept library order (one file) while the index folder is as it
        was when that was made; else from the index's shards, sorted, and kept.
        """
        stamp = self.index_stamp()
        if stamp is None and not self.is_empty():
            self.skip(self.layout.index, "missing: the library lists no briefing; "
                                         "run 'briefing doctor --restore' to rebuild it")
        order = self.layout.library_order
        kept = derived.read(order)
        if kept and kept[0].get("stamp") == (list(stamp) if stamp else None):
            if (rows := IndexRows.of_kept(kept[0].get("columns"))) is not None:
                return rows
        docs, damaged = read_index(self.layout.index)
        for path, why in damaged:
            self.skip(path, why)
        rows = IndexRows.of_docs(docs)
        if not damaged and settled(stamp) and self.index_stamp() == stamp:  # still as read: keep the order
            derived.keep(self, order, {"stamp": list(stamp), "columns": rows.columns})
        return rows

    def interrupted_import(self) -> bool:
        """Whether an import was killed between writing briefings and listing them in
        the library (its journal is left, and no writer holds the lock)."""
        if not self.layout.journal.exists():
            return False
        try:
            with self.locked(timeout=0):
                return self.layout.journal.exists()
        except ReadOnlyStore:
            return True
        except StoreError:
            return False  # an import is writing now

    def is_empty(self) -> bool:
        return not any(self.layout.briefings.glob("*.json"))

    def sole_briefing(self) -> str | None:
        """The id of the only briefing, None when there are none or several (reads two names at most)."""
        found = []
        with os.scandir(self.layout.briefings) as entries:
            for entry in entries:
                if entry.name.endswith(".json"):
                    found.append(entry.name[:-5])
                    if len(found) > 1:
                        return None
        return found[0] if found else None

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of a briefing given its id or a unique prefix of it."""
        if self.layout.briefing(id_or_prefix).exists():
            return id_or_prefix
        matches = [p.stem for p in self.layout.briefings.glob(f"{checked_id(id_or_prefix)}*.json")]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError(f"{self.root}: no briefing with id {id_or_prefix!r}")
        raise StoreError(f"{self.root}: id {id_or_prefix!r} is ambiguous ({len(matches)} briefings)")

    def exists(self, briefing_id: str) -> bool:
        return self.layout.briefing(briefing_id).exists()

    def load(self, briefing_id: str) -> Briefing:
        """The briefing with its annotations (a damaged annotations file is left out,
        and noted in ``skipped``)."""
        briefing = self.entries(briefing_id)
        try:
            return briefing.with_annotations(self.annotations(briefing_id))
        except StoreError as exc:
            self.skip(self.layout.annotations_of(briefing_id), str(exc))
            return briefing

    def entries(self, briefing_id: str) -> Briefing:
        """The briefing as extracted, without its annotations."""
        briefing = read_briefing(self.layout.briefing(briefing_id))
        if briefing is None:
            raise StoreError(f"{self.root}: no briefing with id {briefing_id!r}")
        return briefing

    def load_each(self, briefing_ids: Iterable[str]) -> Iterator[Briefing]:
        """The briefings of these ids that are stored and readable; a damaged one is
        left out and noted in ``skipped`` (one file never stops a whole story)."""
        for briefing_id in briefing_ids:
            try:
                yield self.load(briefing_id)
            except StoreError as exc:
                if self.exists(briefing_id):
                    self.skip(self.layout.briefing(briefing_id), str(exc))

    def save(self, briefing: Briefing, *, unread: bool = False) -> bool:
        """Store one briefing (see ``save_many``); True when it was new."""
        return self.save_many([briefing], unread=unread)[0]

    def save_many(self, briefings: Iterable[Briefing], *, unread: bool = False) -> list[bool]:
        """Store briefings' extracted entries under one lock.

        The reader's annotations follow their entries (``reattach``): one on an
        entry the new version no longer has moves to the entry most like it, or
        stays as an orphan (``orphans``). Annotations that arrive with a
        briefing (an import of our own JSON export) are merged in, the stored
        ones winning. The briefing files are written together
        (``write_atomic_many``: their fsyncs at once), each index shard once and
        each folder fsynced once however many briefings there are, so a bulk
        import pays about one file write per briefing. The new briefings are
        named in the import journal until their index rows are written; if the
        batch fails (a full disk), the files it made are removed. The followers
        (the search index) hear of the batch in the same lock. Returns, in
        order, whether each briefing was new.
        """
        batch = [(b, self.layout.briefing(b.id)) for b in briefings]
        rows: dict[Path, list[IndexRow]] = {}
        made: list[Path] = []
        with self.locked(), self._telling([b.id for b, _ in batch]) as written:
            new = [not path.exists() for _, path in batch]  # in the lock: another process may have made one
            if any(new):
                self._write(self.layout.journal, orjson.dumps([b.id for b, _ in batch]))
            try:
                old = {b.id: self._old_version(b.id) for (b, _), is_new in zip(batch, new) if not is_new}
                self._write_files([(path, table_bytes("briefing", [b.to_dict(with_annotations=False, plain=False)]),
                                    self.layout.backups_of(path)) for b, path in batch])
                made += [path for (_, path), is_new in zip(batch, new) if is_new]
                merged: dict[str, dict[str, Annotation]] = {}  # the annotations files the batch brings
                for briefing, _ in batch:
                    self._follow_entries(old.get(briefing.id), briefing)
                    row = replace(IndexRow.of(briefing, now()), unread=unread)
                    rows.setdefault(self.layout.index_shard(briefing.id), []).append(row)
                    if briefing.annotations:
                        self._merge_annotations(briefing.id, briefing.annotations, merged)
                if merged:
                    self._write_files([self._annotations_file(b, notes) for b, notes in merged.items()])
                    _sync_folder(self.layout.annotations)
                    self._remember_tags(tuple(t for notes in merged.values() for a in notes.values() for t in a.tags))
                if batch:  # the briefings are durable before any index row names them
                    _sync_folder(self.layout.briefings)
                    self._write_files([(shard, rows_bytes(shard, shard_rows), self.layout.backups_of(shard))
                                       for shard, shard_rows in rows.items()])
                    _sync_folder(self.layout.index)
            except BaseException:
                for path in made:  # not acknowledged: leave no briefing the library does not list
                    path.unlink(missing_ok=True)
                self.layout.journal.unlink(missing_ok=True)
                raise
            if any(new):
                self.layout.journal.unlink(missing_ok=True)
            for briefing, _ in batch:
                written.briefings[briefing.id] = briefing.with_annotations(self.annotations(briefing.id))
        return new

    @staticmethod
    def _write_files(files: list[tuple[Path, bytes, Backups]]) -> None:
        try:
            write_atomic_many(files)
        except OSError as exc:
            raise StoreError(f"{files[0][0].parent}: cannot write ({exc.strerror or exc})") from None

    def recount(self, briefings: Iterable[Briefing]) -> None:
        """Rewrite the index rows of briefings as they are shown now (after an actor merge
        or split the library counts what a briefing's screen shows), keeping when each
        was imported and whether it was read."""
        rows: dict[Path, list[IndexRow]] = {}
        for briefing in briefings:
            rows.setdefault(self.layout.index_shard(briefing.id), []).append(IndexRow.of(briefing, now()))
        with self.locked(), self._telling([r.id for shard_rows in rows.values() for r in shard_rows], files=False):
            for shard, shard_rows in rows.items():
                put_rows(shard, shard_rows, self.layout.backups_of(shard), keep=("imported", "unread"))
            _sync_folder(self.layout.index)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise StoreError(f"{path}: cannot write ({exc.strerror or exc})") from None

    def _old_version(self, briefing_id: str) -> Briefing | None:
        """The stored version a re-import replaces, when it has annotations to follow."""
        if not self.layout.annotations_of(briefing_id).exists():
            return None
        try:
            return self.entries(briefing_id)
        except StoreError:
            return None  # damaged: its annotations stay where they are

    def _follow_entries(self, old: Briefing | None, new: Briefing) -> None:
        """Move annotations whose entry the new version changed (see ``reattach``)."""
        path = self.layout.annotations_of(new.id)
        if old is None:
            return
        try:
            docs = self.annotation_docs(new.id)
        except StoreError as exc:  # damaged: never written over; the doctor restores it
            self.skip(path, str(exc))
            return
        followed = reattach.follow(old, new, docs)
        if followed is not None:
            write_table(path, "annotations", [{"entry": k, **d} for k, d in followed.items()],
                        self.layout.backups_of(path))

    def delete(self, briefing_id: str) -> None:
        """Remove a briefing; its annotations file and its backup are kept in backups/."""
        with self.locked(), self._telling([briefing_id]):
            shard = self.layout.index_shard(briefing_id)
            with open_db(shard, self.layout.backups_of(shard)) as db:
                db.table(INDEX_TABLE).remove(_Entry.id == briefing_id)
            path, notes = self.layout.briefing(briefing_id), self.layout.annotations_of(briefing_id)
            path.unlink(missing_ok=True)
            for kept in (notes, *self.layout.backup_versions(path), *self.layout.backup_versions(notes)):
                if kept.exists():
                    os.replace(kept, self.layout.set_aside(kept))

    def mark_read(self, briefing_id: str) -> None:
        shard = self.layout.index_shard(briefing_id)
        with self.locked(), self._telling([briefing_id], files=False), open_db(shard, self.layout.backups_of(shard)) as db:
            db.table(INDEX_TABLE).update({"unread": False}, _Entry.id == briefing_id)

    # -- annotations --------------------------------------------------------

    def annotations(self, briefing_id: str) -> dict[str, Annotation]:
        """A briefing's annotations by entry id (StoreError when the file is damaged)."""
        return read_annotations(self.layout.annotations_of(briefing_id))

    def annotation_docs(self, briefing_id: str) -> dict[str, dict[str, Any]]:
        """A briefing's annotations as stored, by entry id (an orphan's with ``was``)."""
        return read_annotation_docs(self.layout.annotations_of(briefing_id))

    def orphans(self, briefing_id: str) -> list[Orphan]:
        """The annotations of a briefing on entries it no longer has (see ``reattach``)."""
        entries = self.entries(briefing_id).entry_ids()
        notes = self.annotations(briefing_id)
        return [Orphan.of(briefing_id, entry, doc, notes[entry])
                for entry, doc in self.annotation_docs(briefing_id).items() if entry not in entries]

    def attach(self, briefing_id: str, orphan: str, entry_id: str) -> Annotation:
        """Put an orphaned annotation on one of the briefing's entries (merged with the
        entry's own, if it has one); returns the entry's annotation."""
        with self.locked(), self._telling([briefing_id], rows=False):
            entries = self.entries(briefing_id).entry_ids()
            notes = self.annotations(briefing_id)
            if orphan in entries or orphan not in notes:
                raise StoreError(f"briefing {briefing_id} has no orphaned annotation {orphan!r}")
            if entry_id not in entries:
                raise StoreError(f"briefing {briefing_id} has no entry {entry_id!r}")
            merged = reattach.merged(notes.get(entry_id, Annotation()), notes[orphan])
            self._rewrite_annotations(briefing_id, {**{k: a for k, a in notes.items() if k != orphan},
                                                    entry_id: replace(merged, updated=now())})
            return merged

    def drop_orphan(self, briefing_id: str, orphan: str) -> Annotation:
        """Forget an orphaned annotation (its file's backups keep it); returns it."""
        with self.locked(), self._telling([briefing_id], rows=False):
            notes = self.annotations(briefing_id)
            if orphan in self.entries(briefing_id).entry_ids() or orphan not in notes:
                raise StoreError(f"briefing {briefing_id} has no orphaned annotation {orphan!r}")
            docs = self.annotation_docs(briefing_id)
            path = self.layout.annotations_of(briefing_id)
            write_table(path, "annotations", [{"entry": k, **d} for k, d in docs.items() if k != orphan],
                        self.layout.backups_of(path))
            return notes[orphan]

    def _rewrite_annotations(self, briefing_id: str, notes: dict[str, Annotation]) -> None:
        """Replace a briefing's annotations file, keeping what orphans said of their entries."""
        path = self.layout.annotations_of(briefing_id)
        write_table(path, "annotations", self._annotation_rows(briefing_id, notes), self.layout.backups_of(path))

    def _annotations_file(self, briefing_id: str, notes: dict[str, Annotation]) -> tuple[Path, bytes, Backups]:
        """What ``_rewrite_annotations`` writes, for ``write_atomic_many``."""
        path = self.layout.annotations_of(briefing_id)
        return path, table_bytes("annotations", self._annotation_rows(briefing_id, notes)), self.layout.backups_of(path)

    def _annotation_rows(self, briefing_id: str, notes: dict[str, Annotation]) -> list[dict[str, Any]]:
        docs = self.annotation_docs(briefing_id)
        return [{"entry": k, **a.to_dict(), **({"was": docs[k]["was"]} if "was" in docs.get(k, {}) else {})}
                for k, a in notes.items() if not a.is_empty]

    def annotate(self, briefing_id: str, entry_id: str, **changes: Any) -> Annotation:
        """Change some fields of one entry's annotation; return the saved annotation.

        Fields: note, tags, starred, grade, hidden. The read-modify-write
        happens inside the lock, so two processes never lose each other's work.
        """
        if "grade" in changes and changes["grade"] is not None and not is_grade(changes["grade"]):
            raise StoreError(f"bad credibility grade {changes['grade']!r}: use A-F then 1-6, e.g. B2")
        with self.locked(), self._telling([briefing_id], rows=False):
            current = self.annotations(briefing_id).get(entry_id, Annotation())
            updated = replace(current, **_normalised(changes), updated=now())
            self._write_annotation(briefing_id, entry_id, updated)
        return updated

    def put_annotation(self, briefing_id: str, entry_id: str, annotation: Annotation) -> None:
        """Set an entry's annotation exactly (undo restores an earlier one this way)."""
        with self.locked(), self._telling([briefing_id], rows=False):
            self._write_annotation(briefing_id, entry_id, annotation)

    def _write_annotation(self, briefing_id: str, entry_id: str, annotation: Annotation) -> None:
        if not self.exists(briefing_id):
            raise StoreError(f"{self.root}: no briefing with id {briefing_id!r}")
        path = self.layout.annotations_of(briefing_id)
        with open_db(path, self.layout.backups_of(path)) as db:
            table = db.table("annotations")
            if annotation.is_empty:
                table.remove(_Entry.entry == entry_id)
            else:
                table.upsert({"entry": entry_id, **annotation.to_dict()}, _Entry.entry == entry_id)
        self._remember_tags(annotation.tags)

    def _merge_annotations(self, briefing_id: str, incoming: dict[str, Annotation],
                           merged: dict[str, dict[str, Annotation]]) -> None:
        """Add incoming annotations for entries that have none yet, to ``merged`` (a
        briefing's annotations by its id): a batch writes its files together."""
        stored = merged.get(briefing_id) or self.annotations(briefing_id)
        added = {k: a for k, a in incoming.items() if k not in stored and not a.is_empty}
        if added:
            merged[briefing_id] = {**stored, **added}

    def annotation_count(self, briefing_id: str) -> int:
        return len(self.annotations(briefing_id))

    def tags(self) -> list[str]:
        """Every tag used in the store, for completion (none from a damaged file)."""
        data = self.read(self.layout.tags, or_skip=True)
        return sorted(doc["tag"] for doc in (data.get("tags") or {}).values() if isinstance(doc.get("tag"), str))

    def _remember_tags(self, tags: tuple[str, ...]) -> None:
        try:
            known = {doc.get("tag") for doc in (self.read(self.layout.tags).get("tags") or {}).values()}
        except StoreError:  # derived data: made again from the annotations rather than failing the note
            self.rebuild_tags()
            return
        new = set(tags) - known
        if new:
            with open_db(self.layout.tags) as db:
                db.table("tags").insert_multiple({"tag": t} for t in sorted(new))

    def rebuild_tags(self) -> int:
        """Write ``tags.json`` again from every annotations file; returns how many tags."""
        with self.locked():
            used: set[str] = set()
            for path in self.layout.annotations.glob("*.json"):
                try:
                    used.update(t for a in self.annotations(path.stem).values() for t in a.tags)
                except StoreError as exc:
                    self.skip(path, str(exc))
            write_table(self.layout.tags, "tags", [{"tag": t} for t in sorted(used)])
        return len(used)

    # -- change detection ---------------------------------------------------

    def stamp(self, briefing_id: str) -> BriefingStamp:
        """Changes whenever anyone rewrites this briefing or its annotations (files are
        replaced by rename, so the inode changes on every write)."""
        entries, notes = self.layout.briefing_files(briefing_id)
        return stat_key(entries), stat_key(notes)

    def files_stamp(self) -> tuple[Stamp, Stamp]:
        """Changes when any briefing or annotations file is written: every write renames a
        file into its folder. (A folder's clock is coarse: trust it once ``all_settled``.)"""
        return stat_key(self.layout.briefings), stat_key(self.layout.annotations)

    def index_stamp(self) -> Stamp:
        return stat_key(self.layout.index)

    def watch(self, briefing_ids: Iterable[str] = (), stamps: dict[str, BriefingStamp] | None = None) -> Watch:
        """A look at the store now, watching these briefings; ``stamps`` are theirs as
        they were read, when known (a write since then shows as a change)."""
        known = stamps or {}
        return Watch(briefings={b: known[b] if b in known else self.stamp(b) for b in briefing_ids},
                     library=self._library_stamps(), decisions=stat_key(self.layout.identities))

    def changes(self, since: Watch) -> Changes:
        """What anyone changed since the look ``since``; ``Changes.watch`` is the new look."""
        folders = self.files_stamp()
        briefings = since.briefings
        if since.folders != folders:  # else no briefing file was written since a look at still folders
            briefings = {b: self.stamp(b) for b in since.briefings}
        library = self._library_stamps()
        decisions = stat_key(self.layout.identities)
        watch = Watch(briefings, folders if all_settled(folders, STILL_NS / 1e9) else None, library, decisions)
        old = since.briefings
        return Changes(
            watch,
            rewritten=frozenset(b for b, stamp in briefings.items() if stamp[0] != old[b][0]),
            annotated=frozenset(b for b, stamp in briefings.items() if stamp[1] != old[b][1]),
            library=library != since.library,
            decisions=decisions != since.decisions,
        )

    def _library_stamps(self) -> tuple[Stamp, ...]:
        return self.index_stamp(), stat_key(self.layout.stories), stat_key(self.layout.views)


def read_briefing(path: Path, briefing_id: str | None = None) -> Briefing | None:
    """The briefing a briefing file holds, None when there is no file; StoreError when
    it is damaged (not JSON, not a ``briefing/1`` document, or another id than its
    name says, or than ``briefing_id`` for a copy of it)."""
    data = read_json(path)
    if data is None:
        return None
    docs = list((data.get("briefing") or {}).values())
    try:
        briefing = Briefing.from_dict(docs[0])
    except (IndexError, FormatError) as exc:
        raise StoreError(f"{path}: damaged briefing ({exc or 'empty'})") from None
    if briefing.id != (briefing_id or path.stem):
        raise StoreError(f"{path}: damaged briefing (it holds {briefing.id!r})")
    return briefing


def read_annotation_docs(path: Path) -> dict[str, dict[str, Any]]:
    """An annotations file's documents by entry id, as stored ({} when there is no file)."""
    data = read_json(path) or {}
    found: dict[str, dict[str, Any]] = {}
    for doc in (data.get("annotations") or {}).values():
        entry = doc.get("entry")
        if not isinstance(entry, str):
            raise StoreError(f"{path}: damaged annotation (no entry id); run 'briefing doctor --restore'")
        found[entry] = {k: v for k, v in doc.items() if k != "entry"}
    return found


def read_annotations(path: Path) -> dict[str, Annotation]:
    """An annotations file's annotations by entry id; StoreError when damaged."""
    found: dict[str, Annotation] = {}
    for entry, doc in read_annotation_docs(path).items():
        try:
            found[entry] = Annotation.from_dict({k: v for k, v in doc.items() if k != "was"})
        except FormatError as exc:
            raise StoreError(f"{path}: damaged annotation on {entry!r} ({exc}); "
                             f"run 'briefing doctor --restore'") from None
    return found


def _sync_folder(folder: Path) -> None:
    try:
        fsync_dir(folder)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write ({exc.strerror or exc})") from None


def _normalised(changes: dict[str, Any]) -> dict[str, Any]:
    allowed = {"note", "tags", "starred", "grade", "hidden"}
    unknown = set(changes) - allowed
    if unknown:
        raise StoreError(f"unknown annotation field(s): {', '.join(sorted(unknown))}")
    out = dict(changes)
    # Notes and tags are typed or pasted: through the gate (cleaned, bounded), whoever writes.
    try:
        if isinstance(out.get("note"), str):
            out["note"] = gate.note(out["note"])
        if "tags" in out:
            out["tags"] = gate.tags(out["tags"])
    except BriefingError as exc:
        raise StoreError(str(exc)) from None
    return out
