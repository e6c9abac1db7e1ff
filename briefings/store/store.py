"""The TinyDB store: one small file per briefing, so nothing costs the whole store.

The folder's layout is declared in ``layout``. Annotations live apart from the
extracted entries so a re-import never touches them. Every write happens under
the store's lock, re-reads the file inside it (a second process may have
written) and replaces the file atomically (``atomic.write_atomic``). The other
parts of the core (stories, identities, feeds, saved searches) keep their own
files in the store and open them through it (``read``, ``edit``). Derived
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

from tinydb import Query, TinyDB

from ..errors import StoreError
from ..model import Annotation, Briefing, FormatError, is_grade
from ..sanitize import clean

# layout's SCHEMA is read when used (a test sets a later one), so the module is kept whole
from . import derived
from . import layout as layout_module
from .atomic import fsync_dir, remove_temp_files, write_atomic_many
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
from .index import TABLE as INDEX_TABLE
from .followers import Written, followers
from .index import IndexRow, IndexRows, put_rows, read_index, rows_bytes
from .layout import FOLDERS, Layout, checked_id
from .tables import open_db, read_json, table_bytes

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
        if not self.layout.meta.exists():
            if not create:
                raise StoreError(f"{self.root}: no briefing store here")
            self._create()
        self._check_schema()
        if sweep:
            try:
                self.sweep()
            except ReadOnlyStore:
                pass  # nothing could be left by us here; the store is read as it is

    def sweep(self) -> int:
        """Delete leftover temporary files (never a stored file); returns how many."""
        with self.locked():
            return remove_temp_files(self.root)

    # -- layout -------------------------------------------------------------

    def _create(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"{self.root}: not a folder, cannot hold a store")
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

    def read(self, path: Path) -> dict[str, Any]:
        """A TinyDB file of the store's layout, as stored ({} when it does not exist yet)."""
        return read_json(path) or {}

    @contextmanager
    def edit(self, path: Path, *, backups: bool = False) -> Iterator[TinyDB]:
        """A TinyDB file of the store's layout, opened under the lock for one change
        (each write atomic; ``backups`` keeps its last versions)."""
        with self.locked(), open_db(path, self.layout.backups if backups else None) as db:
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
    def _telling(self, ids: Sequence[str]) -> Iterator[Written]:
        """Around a write, under the lock: the followers (see ``followers``) hear what is
        about to change, then what changed, or might have when the write failed (the
        writer fills in the briefings it has in hand, once they are written)."""
        written = Written(tuple(dict.fromkeys(ids)))
        told = followers()
        for follower in told:
            follower.writing(self, written.ids)
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
        order = self.layout.library_order
        kept = derived.read(order)
        if kept and kept[0].get("stamp") == (list(stamp) if stamp else None):
            if (rows := IndexRows.of_kept(kept[0].get("columns"))) is not None:
                return rows
        rows = IndexRows.of_docs(read_index(self.layout.index))
        if settled(stamp) and self.index_stamp() == stamp:  # still as read: the order may be kept
            derived.keep(self, order, {"stamp": list(stamp), "columns": rows.columns})
        return rows

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
        """The briefing with its annotations."""
        path = self.layout.briefing(briefing_id)
        data = read_json(path)
        if data is None:
            raise StoreError(f"{self.root}: no briefing with id {briefing_id!r}")
        docs = list((data.get("briefing") or {}).values())
        try:
            briefing = Briefing.from_dict(docs[0])
        except (IndexError, FormatError) as exc:
            raise StoreError(f"{path}: damaged briefing ({exc})") from None
        return briefing.with_annotations(self.annotations(briefing_id))

    def save(self, briefing: Briefing, *, unread: bool = False) -> bool:
        """Store one briefing (see ``save_many``); True when it was new."""
        return self.save_many([briefing], unread=unread)[0]

    def save_many(self, briefings: Iterable[Briefing], *, unread: bool = False) -> list[bool]:
        """Store briefings' extracted entries under one lock; their annotations are left as they are.

        Annotations that arrive with a briefing (an import of our own JSON
        export) are merged in, the stored ones winning. The files are written
        together (``write_atomic_many``: their fsyncs at once), each index
        shard once and each folder fsynced once however many briefings there
        are. Returns, in order, whether each briefing was new.
        """
        briefings = list(briefings)
        new: list[bool] = []
        files: list[tuple[Path, bytes, Path | None]] = []
        rows: dict[Path, list[IndexRow]] = {}
        tags: set[str] = set()
        with self.locked(), self._telling([b.id for b in briefings]) as written:
            for briefing in briefings:
                path = self.layout.briefing(briefing.id)
                new.append(not path.exists())
                files.append((path, table_bytes("briefing", [briefing.to_dict(with_annotations=False, plain=False)]),
                              None))
                row = replace(IndexRow.of(briefing, now()), unread=unread)
                rows.setdefault(self.layout.index_shard(briefing.id), []).append(row)
                stored = self.annotations(briefing.id)
                added = {k: a for k, a in briefing.annotations.items() if k not in stored and not a.is_empty}
                if added:
                    merged = stored | added
                    files.append((self.layout.annotations_of(briefing.id), table_bytes(
                        "annotations", [{"entry": k, **a.to_dict()} for k, a in merged.items()]), self.layout.backups))
                    tags.update(t for a in added.values() for t in a.tags)
                written.briefings[briefing.id] = briefing.with_annotations(stored | added)
            if files:
                self._write_files(files)
                if any(path.parent == self.layout.annotations for path, _, _ in files):
                    _sync_folder(self.layout.annotations)
                self._remember_tags(tuple(sorted(tags)))
            if new:  # the briefings are durable before any index row names them
                _sync_folder(self.layout.briefings)
                self._write_files([(shard, rows_bytes(shard, shard_rows), None) for shard, shard_rows in rows.items()])
                _sync_folder(self.layout.index)
        return new

    @staticmethod
    def _write_files(files: list[tuple[Path, bytes, Path | None]]) -> None:
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
        with self.locked():
            for shard, shard_rows in rows.items():
                put_rows(shard, shard_rows, keep=("imported", "unread"))
            _sync_folder(self.layout.index)

    def delete(self, briefing_id: str) -> None:
        """Remove a briefing; its annotations file is kept in backups/."""
        with self.locked(), self._telling([briefing_id]):
            with open_db(self.layout.index_shard(briefing_id)) as db:
                db.table(INDEX_TABLE).remove(_Entry.id == briefing_id)
            self.layout.briefing(briefing_id).unlink(missing_ok=True)
            notes = self.layout.annotations_of(briefing_id)
            if notes.exists():
                os.replace(notes, self.layout.backups / f"deleted-{notes.name}")

    def mark_read(self, briefing_id: str) -> None:
        with self.edit(self.layout.index_shard(briefing_id)) as db:
            db.table(INDEX_TABLE).update({"unread": False}, _Entry.id == briefing_id)

    # -- annotations --------------------------------------------------------

    def annotations(self, briefing_id: str) -> dict[str, Annotation]:
        path = self.layout.annotations_of(briefing_id)
        data = read_json(path) or {}
        found: dict[str, Annotation] = {}
        for doc in (data.get("annotations") or {}).values():
            try:
                found[str(doc["entry"])] = Annotation.from_dict(doc)
            except (KeyError, FormatError) as exc:
                raise StoreError(f"{path}: damaged annotation ({exc})") from None
        return found

    def annotate(self, briefing_id: str, entry_id: str, **changes: Any) -> Annotation:
        """Change some fields of one entry's annotation; return the saved annotation.

        Fields: note, tags, starred, grade, hidden. The read-modify-write
        happens inside the lock, so two processes never lose each other's work.
        """
        if "grade" in changes and changes["grade"] is not None and not is_grade(changes["grade"]):
            raise StoreError(f"bad credibility grade {changes['grade']!r}: use A-F then 1-6, e.g. B2")
        with self.locked(), self._telling([briefing_id]):
            current = self.annotations(briefing_id).get(entry_id, Annotation())
            updated = replace(current, **_normalised(changes), updated=now())
            self._write_annotation(briefing_id, entry_id, updated)
        return updated

    def put_annotation(self, briefing_id: str, entry_id: str, annotation: Annotation) -> None:
        """Set an entry's annotation exactly (undo restores an earlier one this way)."""
        with self.locked(), self._telling([briefing_id]):
            self._write_annotation(briefing_id, entry_id, annotation)

    def _write_annotation(self, briefing_id: str, entry_id: str, annotation: Annotation) -> None:
        if not self.exists(briefing_id):
            raise StoreError(f"{self.root}: no briefing with id {briefing_id!r}")
        with open_db(self.layout.annotations_of(briefing_id), self.layout.backups) as db:
            table = db.table("annotations")
            if annotation.is_empty:
                table.remove(_Entry.entry == entry_id)
            else:
                table.upsert({"entry": entry_id, **annotation.to_dict()}, _Entry.entry == entry_id)
        self._remember_tags(annotation.tags)

    def annotation_count(self, briefing_id: str) -> int:
        return len(self.annotations(briefing_id))

    def tags(self) -> list[str]:
        """Every tag used in the store, for completion."""
        data = self.read(self.layout.tags)
        return sorted(doc["tag"] for doc in (data.get("tags") or {}).values() if "tag" in doc)

    def _remember_tags(self, tags: tuple[str, ...]) -> None:
        new = set(tags) - set(self.tags())
        if new:
            with open_db(self.layout.tags) as db:
                db.table("tags").insert_multiple({"tag": t} for t in sorted(new))

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
    # Notes and tags are typed or pasted: control sequences never reach the store, whoever writes.
    if isinstance(out.get("note"), str):
        out["note"] = clean(out["note"])
    if "tags" in out:
        tags = (clean(t).strip() for t in out["tags"])
        out["tags"] = tuple(dict.fromkeys(t for t in tags if t))
    return out
