"""The TinyDB store: one small file per briefing, so nothing costs the whole store.

Layout of a store folder::

    store.json              schema version
    index/xx.json           one row per briefing, sharded by id (256 shards)
    briefings/ID.json       the extracted briefing (replaced on re-import)
    annotations/ID.json     the reader's annotations, keyed by entry id
    tags.json               every tag used, for completion
    cache/                  derived data, made again when missing or damaged (a
                            story's merged view: ``story_cache``)
    backups/                the last few versions of every annotations file; a copy
                            of the store made before migrating it (``migrate``)
    .lock                   taken for every write

Annotations live apart from the extracted entries so a re-import never
touches them. Every write happens under the store's lock, re-reads the file
inside it (a second process may have written) and replaces the file
atomically (``atomic.write_atomic``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

from tinydb import Query

from . import derived
from .atomic import fsync_dir, remove_temp_files
from .errors import StoreError
from .lazy import Lazy
from .model import Annotation, Briefing, FormatError, is_grade
from .sanitize import clean
from .storage import AtomicJSONStorage, open_db, read_json

SCHEMA = 1
LOCK_TIMEOUT = 10.0
_Entry = Query()


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


def index_shard(root: Path, briefing_id: str) -> Path:
    """The index file that holds a briefing's row (256 of them, by the id's last two characters)."""
    return root / "index" / f"{briefing_id[-2:]}.json"


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
        if not (self.root / "store.json").exists():
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
            for folder in ("index", "briefings", "annotations", "backups"):
                (self.root / folder).mkdir(parents=True, exist_ok=True)
            with self.locked(), open_db(self._meta_path) as db:
                if not db.table("meta").all():
                    db.table("meta").insert({"schema": SCHEMA, "created": now()})
        except OSError as exc:
            raise StoreError(f"{self.root}: cannot create the store ({exc.strerror or exc})") from None

    @property
    def _meta_path(self) -> Path:
        return self.root / "store.json"

    def _check_schema(self) -> None:
        meta = self.meta()
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise StoreError(f"{self._meta_path}: damaged, no schema version")
        if schema > SCHEMA:
            raise StoreError(
                f"{self._meta_path}: written by a newer briefing (schema {schema}, this one reads "
                f"{SCHEMA}); upgrade briefing"
            )
        if schema < SCHEMA:  # an older store: backed up, then migrated step by step (see migrate)
            from .migrate import migrate

            migrate(self, schema)

    def meta(self) -> dict[str, Any]:
        data = read_json(self._meta_path) or {}
        rows = list((data.get("meta") or {}).values())
        return rows[0] if rows else {}

    def set_meta(self, **values: Any) -> None:
        with self.locked(), open_db(self._meta_path) as db:
            db.table("meta").update(values)

    def _shard(self, briefing_id: str) -> Path:
        return index_shard(self.root, briefing_id)

    def _briefing_path(self, briefing_id: str) -> Path:
        return self.root / "briefings" / f"{_safe(briefing_id)}.json"

    def annotations_path(self, briefing_id: str) -> Path:
        return self.root / "annotations" / f"{_safe(briefing_id)}.json"

    @cached_property
    def _lock(self):
        from filelock import (
            FileLock,  # on the first write: reading (the app's start-up) needs no lock
        )

        return FileLock(self.root / ".lock", timeout=LOCK_TIMEOUT)

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

    # -- briefings ----------------------------------------------------------

    def list(self) -> IndexRows:
        """Every briefing's index row, newest publication first.

        Read from the kept library order (one file) while the index folder is as it
        was when that was made; else from the index's shards, sorted, and kept.
        """
        stamp = self.index_stamp()
        kept = derived.read(self._order_path)
        if kept and kept[0].get("stamp") == (list(stamp) if stamp else None):
            if (rows := IndexRows.of_kept(kept[0].get("columns"))) is not None:
                return rows
        rows = IndexRows.of_docs(self._read_index())
        if derived.settled(stamp) and self.index_stamp() == stamp:  # still as read: the order may be kept
            derived.keep(self, self._order_path, {"stamp": list(stamp), "columns": rows.columns})
        return rows

    @property
    def _order_path(self) -> Path:
        return self.root / "cache" / "library.json"

    def _read_index(self) -> list[dict[str, Any]]:
        """The index's rows from its shards, in library order."""
        docs: list[dict[str, Any]] = []
        for shard in sorted((self.root / "index").glob("*.json")):
            data = read_json(shard) or {}
            for doc in (data.get("briefings") or {}).values():
                if not (_ROW_NEEDS <= doc.keys() <= _ROW_FIELDS):
                    raise StoreError(f"{shard}: damaged, a row of the wrong shape")
                docs.append(doc)
        try:
            docs.sort(key=lambda d: (d["published"] or "", d["imported"]), reverse=True)
        except TypeError:  # a date that is not text
            raise StoreError(f"{self.root / 'index'}: damaged, a row with a date that is not text; "
                             f"run 'briefing doctor'") from None
        return docs

    def is_empty(self) -> bool:
        return not any((self.root / "briefings").glob("*.json"))

    def sole_briefing(self) -> str | None:
        """The id of the only briefing, None when there are none or several (reads two names at most)."""
        found = []
        with os.scandir(self.root / "briefings") as entries:
            for entry in entries:
                if entry.name.endswith(".json"):
                    found.append(entry.name[:-5])
                    if len(found) > 1:
                        return None
        return found[0] if found else None

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of a briefing given its id or a unique prefix of it."""
        if self._briefing_path(id_or_prefix).exists():
            return id_or_prefix
        matches = [p.stem for p in (self.root / "briefings").glob(f"{_safe(id_or_prefix)}*.json")]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError(f"{self.root}: no briefing with id {id_or_prefix!r}")
        raise StoreError(f"{self.root}: id {id_or_prefix!r} is ambiguous ({len(matches)} briefings)")

    def exists(self, briefing_id: str) -> bool:
        return self._briefing_path(briefing_id).exists()

    def load(self, briefing_id: str) -> Briefing:
        """The briefing with its annotations."""
        path = self._briefing_path(briefing_id)
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
        export) are merged in, the stored ones winning. Each index shard is
        written once and each folder fsynced once however many briefings there
        are, so a bulk import pays about one file write per briefing. Returns,
        in order, whether each briefing was new.
        """
        new: list[bool] = []
        rows: dict[Path, list[IndexRow]] = {}
        with self.locked():
            for briefing in briefings:
                path = self._briefing_path(briefing.id)
                new.append(not path.exists())
                _write_table(path, "briefing", [briefing.to_dict(with_annotations=False, plain=False)],
                             sync_folder=False)
                row = replace(IndexRow.of(briefing, now()), unread=unread)
                rows.setdefault(self._shard(briefing.id), []).append(row)
                if briefing.annotations:
                    self._merge_annotations(briefing.id, briefing.annotations)
            if new:  # the briefings are durable before any index row names them
                _sync_folder(self.root / "briefings")
                for shard, shard_rows in rows.items():
                    self._put_rows(shard, shard_rows)
                _sync_folder(self.root / "index")
        return new

    def _put_rows(self, shard: Path, rows: list[IndexRow]) -> None:
        """Add or replace rows of one index shard in one read and one write; a
        briefing imported again keeps the time it was first imported."""
        storage = AtomicJSONStorage(shard, sync_folder=False)  # save_many syncs the folder
        kept = {doc["id"]: doc for doc in ((storage.read() or {}).get("briefings") or {}).values()}
        for row in rows:
            doc = dict(row.__dict__)
            doc["imported"] = kept.get(row.id, doc).get("imported", doc["imported"])
            kept[row.id] = doc
        storage.write({"briefings": _numbered(kept.values())})

    def delete(self, briefing_id: str) -> None:
        """Remove a briefing; its annotations file is kept in backups/."""
        with self.locked():
            with open_db(self._shard(briefing_id)) as db:
                db.table("briefings").remove(_Entry.id == briefing_id)
            self._briefing_path(briefing_id).unlink(missing_ok=True)
            notes = self.annotations_path(briefing_id)
            if notes.exists():
                os.replace(notes, self.root / "backups" / f"deleted-{notes.name}")

    def mark_read(self, briefing_id: str) -> None:
        with self.locked(), open_db(self._shard(briefing_id)) as db:
            db.table("briefings").update({"unread": False}, _Entry.id == briefing_id)

    # -- annotations --------------------------------------------------------

    def annotations(self, briefing_id: str) -> dict[str, Annotation]:
        path = self.annotations_path(briefing_id)
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
        with self.locked():
            current = self.annotations(briefing_id).get(entry_id, Annotation())
            updated = replace(current, **_normalised(changes), updated=now())
            self._write_annotation(briefing_id, entry_id, updated)
        return updated

    def put_annotation(self, briefing_id: str, entry_id: str, annotation: Annotation) -> None:
        """Set an entry's annotation exactly (undo restores an earlier one this way)."""
        with self.locked():
            self._write_annotation(briefing_id, entry_id, annotation)

    def _write_annotation(self, briefing_id: str, entry_id: str, annotation: Annotation) -> None:
        if not self.exists(briefing_id):
            raise StoreError(f"{self.root}: no briefing with id {briefing_id!r}")
        with open_db(self.annotations_path(briefing_id), self.root / "backups") as db:
            table = db.table("annotations")
            if annotation.is_empty:
                table.remove(_Entry.entry == entry_id)
            else:
                table.upsert({"entry": entry_id, **annotation.to_dict()}, _Entry.entry == entry_id)
        self._remember_tags(annotation.tags)

    def _merge_annotations(self, briefing_id: str, incoming: dict[str, Annotation]) -> None:
        """Add incoming annotations for entries that have none yet, in one write."""
        stored = self.annotations(briefing_id)
        added = {k: a for k, a in incoming.items() if k not in stored and not a.is_empty}
        if not added:
            return
        merged = {**stored, **added}
        _write_table(self.annotations_path(briefing_id), "annotations",
                     [{"entry": k, **a.to_dict()} for k, a in merged.items()], self.root / "backups")
        self._remember_tags(tuple(t for a in added.values() for t in a.tags))

    def annotation_count(self, briefing_id: str) -> int:
        return len(self.annotations(briefing_id))

    def tags(self) -> list[str]:
        """Every tag used in the store, for completion."""
        data = read_json(self.root / "tags.json") or {}
        return sorted(doc["tag"] for doc in (data.get("tags") or {}).values() if "tag" in doc)

    def _remember_tags(self, tags: tuple[str, ...]) -> None:
        new = set(tags) - set(self.tags())
        if new:
            with open_db(self.root / "tags.json") as db:
                db.table("tags").insert_multiple({"tag": t} for t in sorted(new))

    # -- change detection ---------------------------------------------------

    def stamp(self, briefing_id: str) -> tuple[Any, ...]:
        """Changes whenever another process rewrites this briefing or its annotations.

        Files are replaced by rename, so the inode changes on every write.
        Plain string paths: a story's screen stamps its 500 articles every second.
        """
        name = f"{_safe(briefing_id)}.json"
        return (_stat_key(os.path.join(self.root, "briefings", name)),
                _stat_key(os.path.join(self.root, "annotations", name)))

    def files_stamp(self) -> tuple[Any, ...]:
        """Changes when any briefing or annotations file is written: every write renames a
        file into its folder. (A folder's clock is coarse: trust it once ``derived.all_settled``.)"""
        return _stat_key(self.root / "briefings"), _stat_key(self.root / "annotations")

    def index_stamp(self) -> tuple[Any, ...]:
        return _stat_key(self.root / "index")


def _write_table(path: Path, table: str, docs: list[dict[str, Any]], backups: Path | None = None, *,
                 sync_folder: bool = True) -> None:
    """Replace a TinyDB file holding one table in a single atomic write (TinyDB's
    truncate-then-insert would write the file twice)."""
    AtomicJSONStorage(path, backups, sync_folder=sync_folder).write({table: _numbered(docs)})


def _sync_folder(folder: Path) -> None:
    try:
        fsync_dir(folder)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot write ({exc.strerror or exc})") from None


def _numbered(docs: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A TinyDB table's documents, keyed by their ids from 1."""
    return {str(n): doc for n, doc in enumerate(docs, 1)}


def _stat_key(path: Path | str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


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


def _safe(briefing_id: str) -> str:
    """Ids are hex from ``stable_id``; refuse anything that could name another path."""
    if not briefing_id or not all(c.isalnum() or c in "-_" for c in briefing_id):
        raise StoreError(f"not a briefing id: {briefing_id!r}")
    return briefing_id
