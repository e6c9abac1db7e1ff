"""The search index: one SQLite file (``search/index.db``) with FTS5 full-text tables.

One row per briefing, numbered by its day of publication and then its place
among that day's (so the newest come first without sorting, see
``_numbering``): ``briefings`` holds its id, dates and the stamps of the
files it was made from, ``docs`` its ``Document`` (packed: kept apart, so that
a query joining ten thousand hits to their dates reads small rows); ``words`` is the
full-text table of its title, outlet, actors, events, quotes and the
reader's notes, ranked by BM25; ``keys`` holds its filter keys (actors'
names, tags, stars, kinds of entries), ``marks`` those of each entry the
reader tagged or starred (for filters that must hold for one same entry),
``aliases`` which names are names of one same actor, ``library`` the
library's rows in its order (see ``library``). The full-text tables
keep no copy of the text (``content=''``): the packed document (zlib, 2.6 KB
a synthetic briefing) gives the snippets and what to take out when the
briefing changes (SQLite 3.40 here: its contentless tables can only forget
a row when told its old values).

The index is derived data, made from the briefing and annotations files and
kept in step with them as they are written: the store tells ``follower``,
inside its lock, which briefings a write is about to change (they are noted
as ``pending``) and then which it changed (their rows are replaced and the
note cleared, in one transaction). A writer killed between the two leaves
the note, and the next search, finding no writer at work, indexes them
again. A missing file, a damaged one or one of another ``VERSION`` is made
again by ``upkeep.build``, a few hundred briefings at a time under the
store's lock (readers and writers carry on meanwhile; ``ready`` says whether
it holds every briefing). A briefing file that cannot be read is left out
and named in ``damaged`` (with why, and its stamp), for searches to say so
until it is mended. Where the index cannot be written (a store read-only for
the user, or another process holding the lock when there is no index yet), a
search builds a private one in a temporary folder for its own process
(``upkeep.ensure``).
WAL: readers never wait for a writer, a killed writer loses nothing
committed.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..store import Store
from ..store.changes import stat_key
from ..store.layout import Layout
from .document import Document, document_of, pack, unpack

VERSION = 5  # of the tables below: a file of another version is made again
PAGE_SIZE = 8192  # a packed document (2 to 3 KB) alone on a 4 KB page would waste half of it
WAL_LIMIT = 8 * 2**20  # bytes the write-ahead log is cut back to once written back (else it keeps its peak)
CHUNK = 256  # briefings indexed per turn of the store's lock by ``build``
MARK_BITS = 16  # a mark's rowid: the briefing's number, then the entry's
DAY_BITS = 20  # a briefing's number: its day of publication, then its place among that day's
COLUMNS = ("title", "outlet", "actors", "events", "quotes", "notes")
RANK = "4.0, 2.0, 1.0, 1.0, 1.0, 1.5"  # BM25 weights of the columns: a word in the title counts most
TOKENS = "unicode61 remove_diacritics 2"
PREFIXES = "2 3"  # prefix lengths kept as terms of their own: the first keys typed match at once
KEY_TOKENS = "unicode61 remove_diacritics 0 tokenchars '_'"
SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE briefings(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, published TEXT, start TEXT, end TEXT,
                       stamp TEXT NOT NULL);
CREATE TABLE docs(n INTEGER PRIMARY KEY, doc BLOB NOT NULL);
CREATE VIRTUAL TABLE words USING fts5({", ".join(COLUMNS)}, content='', tokenize="{TOKENS}", prefix='{PREFIXES}');
CREATE VIRTUAL TABLE keys USING fts5(tokens, content='', detail=none, tokenize="{KEY_TOKENS}");
CREATE VIRTUAL TABLE marks USING fts5(tokens, content='', detail=none, tokenize="{KEY_TOKENS}");
CREATE TABLE aliases(key TEXT NOT NULL, alias TEXT NOT NULL, briefings INTEGER NOT NULL,
                     PRIMARY KEY(key, alias)) WITHOUT ROWID;
CREATE TABLE pending(id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE library(id TEXT PRIMARY KEY, title TEXT NOT NULL, outlet TEXT, published TEXT, imported TEXT NOT NULL,
                     actors INTEGER NOT NULL, quotes INTEGER NOT NULL, events INTEGER NOT NULL,
                     unread INTEGER NOT NULL, day TEXT NOT NULL);
CREATE INDEX library_order ON library(day, imported, id);
CREATE INDEX library_outlets ON library(outlet);
CREATE TABLE damaged(id TEXT PRIMARY KEY, why TEXT NOT NULL, stamp TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta VALUES ('library rows', 0);
CREATE TRIGGER library_row_in AFTER INSERT ON library
    BEGIN UPDATE meta SET value = value + 1 WHERE key = 'library rows'; END;
CREATE TRIGGER library_row_out AFTER DELETE ON library
    BEGIN UPDATE meta SET value = value - 1 WHERE key = 'library rows'; END;
"""
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}  # else an error is the machine's, not the file's


class IndexDamaged(StoreError):
    """The index file is damaged: it was dropped, and is made again when next needed."""


def briefing_stamp(layout: Layout, briefing_id: str) -> str:
    """The stamps of a briefing's two files (as ``Store.stamp``), as the index keeps them."""
    return repr(tuple(stat_key(path) for path in layout.briefing_files(briefing_id)))


class Index:
    """One store's index file, open in this process: a connection for searches
    (shared by threads, one at a time) and one for the writes, made under the
    store's lock."""

    def __init__(self, layout: Layout, path: Path | None = None, *, drops_damage: bool = True) -> None:
        self.path = path or layout.search_index  # another path: a private index (see the module's docstring)
        self._drops_damage = drops_damage  # False: only looked at (``briefing doctor`` without --restore)
        self._lock = threading.RLock()
        self._reader: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None
        self._inode: int | None = None

    # -- the file -------------------------------------------------------------

    def _connect(self, store: Store | None) -> sqlite3.Connection:
        """A connection to the file as it is now, made (empty, to be built) if missing,
        made again if damaged or of another version (only a writer, holding the
        store's lock, makes it: ``store``)."""
        try:
            return self._open(store)
        except sqlite3.DatabaseError as exc:
            if store is None or not _is_damage(exc):
                raise
        self.discard()
        return self._open(store)

    def _open(self, store: Store | None) -> sqlite3.Connection:
        if not self.path.exists():
            if store is None:
                raise FileNotFoundError(self.path)
            self._create(store)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            conn.close()
            raise
        if version != VERSION:
            conn.close()
            if store is None:
                raise FileNotFoundError(self.path)  # of another version: to be made again
            self.discard()
            self._create(store)
            return self._open(store)
        return conn

    def _create(self, store: Store) -> None:
        """A new, empty index file (ready at once when the store holds no briefing yet);
        what an older version kept in search/ goes."""
        folder = self.path.parent
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.json"):  # the search rows of versions before the index
            old.unlink(missing_ok=True)
        temp = self.path.with_name(f".tmp-{self.path.name}")
        _remove(temp)
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
            empty = store.is_empty()
            conn.execute("INSERT INTO meta VALUES ('ready', ?)", (int(empty),))
            conn.execute("INSERT INTO meta VALUES ('library', ?)", (repr(store.index_stamp()) if empty else None,))
            conn.execute(f"INSERT INTO words(words, rank) VALUES ('rank', 'bm25({RANK})')")
            conn.execute(f"PRAGMA user_version={VERSION}")
        finally:
            conn.close()
        os.replace(temp, self.path)

    def discard(self) -> None:
        """Forget the file (damaged, or to be made again): it is made anew when next written."""
        with self._lock:
            self.close()
            for path in _files(self.path):
                _remove(path)

    def close(self) -> None:
        with self._lock:
            for conn in (self._reader, self._writer):
                if conn is not None:
                    conn.close()
            self._reader = self._writer = None

    def _current(self) -> None:
        """Drop the connections when the file was replaced (another process made it again)."""
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            inode = None
        if inode != self._inode:
            self.close()
            self._inode = inode

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The reading connection, in one read transaction (FileNotFoundError: no index)."""
        with self._lock:
            try:
                self._current()
                if self._reader is None:
                    self._reader = self._connect(None)
                self._reader.execute("BEGIN")
                try:
                    yield self._reader
                finally:
                    self._reader.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._failed(exc) from None

    @contextmanager
    def writing(self, store: Store) -> Iterator[sqlite3.Connection]:
        """The writing connection, in one write transaction; the store's lock must be held."""
        with self._lock:
            try:
                self._current()
                if self._writer is None:
                    self._writer = self._connect(store)
                    self._inode = os.stat(self.path).st_ino
                conn = self._writer
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._failed(exc) from None

    def _failed(self, exc: sqlite3.Error) -> StoreError:
        """What to say of an error of SQLite's; a damaged file is dropped, to be made again."""
        if isinstance(exc, sqlite3.DatabaseError) and _is_damage(exc):
            if self._drops_damage:
                self.discard()
            return IndexDamaged(f"{self.path}: damaged ({exc}); it is made again from the briefings")
        return StoreError(f"{self.path}: cannot use the search index ({exc})")

    # -- what it holds ----------------------------------------------------------

    def ready(self) -> bool | None:
        """Whether it holds every briefing (False: a build has still to finish); None
        when there is no file, or a damaged one (a writer makes it again)."""
        try:
            with self.reading() as conn:
                ready = conn.execute("SELECT value FROM meta WHERE key = 'ready'").fetchone()
        except (FileNotFoundError, IndexDamaged):
            return None
        return bool(ready and ready[0])

    def pending(self) -> list[str]:
        with self.reading() as conn:
            return [i for (i,) in conn.execute("SELECT id FROM pending")]

    def stamps(self) -> dict[str, str]:
        with self.reading() as conn:
            return dict(conn.execute("SELECT id, stamp FROM briefings"))

    def damaged(self) -> dict[str, tuple[str, str]]:
        """The briefings left out because their file cannot be read: id -> (why, stamp)."""
        with self.reading() as conn:
            return {i: (why, stamp) for i, why, stamp in conn.execute("SELECT id, why, stamp FROM damaged")}

    # -- writing ------------------------------------------------------------------

    def put(self, store: Store, docs: Sequence[tuple[Document, str]], removed: Iterable[str] = (),
            done: Iterable[str] = (), damaged: dict[str, tuple[str, str]] | None = None) -> None:
        """Index these documents (with their files' stamps), forget the briefings
        ``removed`` (naming those ``damaged``: id -> (why, stamp)), and clear the
        pending notes of ``done``: one transaction."""
        damaged = damaged or {}
        with self.writing(store) as conn:
            ids = [doc.id for doc, _ in docs] + list(removed)
            conn.executemany("DELETE FROM damaged WHERE id = ?", [(i,) for i in ids])
            conn.executemany("INSERT INTO damaged VALUES (?, ?, ?)", [(i, *d) for i, d in damaged.items()])
            held = {i: (n, d) for i, n, d in packed_docs(conn, ids)}
            out, into = Rows(), Rows()
            for briefing_id in removed:
                if briefing_id in held:
                    n, old = held.pop(briefing_id)
                    out.add(n, unpack(old))
                    out.briefings.append((n,))
            fresh = []
            for doc, stamp in docs:
                packed = pack(doc)
                n, old = held.get(doc.id, (None, None))
                if old == packed:
                    conn.execute("UPDATE briefings SET stamp = ? WHERE n = ?", (stamp, n))
                    continue
                if old is not None:
                    out.add(n, unpack(old))
                    out.briefings.append((n,))
                    if n >> DAY_BITS != day_number(doc.published):
                        n = None  # published on another day now: a new number, in that day's place
                fresh.append((n, doc, stamp, packed))
            out.take_out(conn)
            number_for = _numbering(conn)
            for n, doc, stamp, packed in fresh:
                start, end = doc.span
                n = n if n is not None else number_for(doc.published)
                n = conn.execute("INSERT INTO briefings(n, id, published, start, end, stamp) VALUES (?, ?, ?, ?, ?, ?)",
                                 (n, doc.id, doc.published, start, end, stamp)).lastrowid
                conn.execute("INSERT OR REPLACE INTO docs(n, doc) VALUES (?, ?)", (n, packed))  # one left by a damaged row
                into.add(n, doc)
            into.put_in(conn)
            conn.executemany("DELETE FROM pending WHERE id = ?", [(i,) for i in done])

    def set_ready(self, store: Store) -> None:
        with self.writing(store) as conn:
            conn.execute("UPDATE meta SET value = 1 WHERE key = 'ready'")


def day_number(published: str | None) -> int:
    """Days from 1 January of the year 1 to a publication date (0 when unknown)."""
    try:
        return date.fromisoformat(published or "").toordinal()
    except ValueError:
        return 0


def _numbering(conn: sqlite3.Connection) -> Callable[[str | None], int]:
    """New briefings' numbers (their rowid in every table), for one write: a briefing's
    day of publication, then one more than the day's last, so that the full-text
    tables, which keep their rows in rowid order, list the newest first without
    sorting them."""
    last: dict[int, int] = {}  # day -> its last number so far (each day's read once)

    def number_for(published: str | None) -> int:
        day = day_number(published)
        low = day << DAY_BITS
        if day not in last:
            found = conn.execute("SELECT max(n) FROM briefings WHERE n BETWEEN ? AND ?",
                                 (low, low + (1 << DAY_BITS) - 1)).fetchone()[0]
            last[day] = low - 1 if found is None else found
        n = last[day] = last[day] + 1
        if n >= low + (1 << DAY_BITS):
            raise StoreError(f"more than {1 << DAY_BITS:,} briefings published on {published}")
        return n
    return number_for


def packed_docs(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterator[tuple[str, int, bytes]]:
    """(id, number, packed document) of those of these briefings the index holds."""
    for start in range(0, len(ids), 500):
        part = list(ids[start:start + 500])
        yield from conn.execute(f"SELECT b.id, b.n, d.doc FROM briefings b JOIN docs d ON d.n = b.n "
                                f"WHERE b.id IN ({','.join('?' * len(part))})", part)


def note_pending(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Note briefings about to be written: their rows may lag their files until the
    write is indexed (a killed writer leaves the note, and the next search reindexes)."""
    conn.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(i,) for i in ids])


class Rows:
    """What some documents put in (or take out of) the tables, written in one go each."""

    def __init__(self) -> None:
        self.words: list[tuple] = []
        self.keys: list[tuple] = []
        self.marks: list[tuple] = []
        self.aliases: list[tuple] = []
        self.briefings: list[tuple] = []

    def add(self, n: int, doc: Document) -> None:
        self.words.append((n, *doc.columns()))
        self.keys.append((n, doc.keys()))
        self.marks += [(n << MARK_BITS | i, keys) for i, keys in doc.marks()]
        self.aliases += _alias_pairs(doc)

    def in_order(self) -> None:
        """The full-text rows by rowid: FTS5 writes out what it holds in memory as a new
        segment whenever a rowid comes lower than the one before, and a batch's numbers
        follow their days of publication, in any order."""
        for rows in (self.words, self.keys, self.marks):
            rows.sort(key=lambda row: row[0])

    def put_in(self, conn: sqlite3.Connection) -> None:
        self.in_order()
        conn.executemany(f"INSERT INTO words(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", self.words)
        conn.executemany("INSERT INTO keys(rowid, tokens) VALUES (?, ?)", self.keys)
        conn.executemany("INSERT INTO marks(rowid, tokens) VALUES (?, ?)", self.marks)
        conn.executemany("INSERT INTO aliases VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET briefings = briefings + 1",
                         self.aliases)

    def take_out(self, conn: sqlite3.Connection) -> None:
        """Contentless tables forget a row when told the values it holds."""
        self.in_order()
        conn.executemany(f"INSERT INTO words(words, rowid, {', '.join(COLUMNS)}) "
                         "VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)", self.words)
        conn.executemany("INSERT INTO keys(keys, rowid, tokens) VALUES ('delete', ?, ?)", self.keys)
        conn.executemany("INSERT INTO marks(marks, rowid, tokens) VALUES ('delete', ?, ?)", self.marks)
        conn.executemany("UPDATE aliases SET briefings = briefings - 1 WHERE key = ? AND alias = ?", self.aliases)
        conn.executemany("DELETE FROM aliases WHERE key = ? AND alias = ? AND briefings <= 0", self.aliases)
        conn.executemany("DELETE FROM briefings WHERE n = ?", self.briefings)
        conn.executemany("DELETE FROM docs WHERE n = ?", self.briefings)


def _alias_pairs(doc: Document) -> list[tuple[str, str]]:
    """(name, other name) of each actor with several names, once per briefing."""
    return sorted({(a, b) for names in doc.names.values() for a in names for b in names if a != b})


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in _DAMAGED or "no such table" in str(exc)


def _files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


# -- one index per store root, in this process --------------------------------------

_indexes: OrderedDict[Path, Index] = OrderedDict()
_indexes_lock = threading.Lock()
KEPT_OPEN = 8  # stores whose index keeps its connections open (a process opening many closes the oldest)


def index_of(store: Store) -> Index:
    """The store's index (one per store folder in a process)."""
    root = store.root.resolve()
    with _indexes_lock:
        found = _indexes.get(root)
        if found is None:
            found = _indexes[root] = Index(store.layout)
        _indexes.move_to_end(root)
        oldest = [_indexes.popitem(last=False)[1] for _ in range(len(_indexes) - KEPT_OPEN)]
    for idx in oldest:
        idx.close()  # its holders still work: a closed Index connects again when used
    return found


# -- keeping it in step with the store ----------------------------------------------


def reindex(store: Store, ids: Iterable[str], known: dict[str, Any] | None = None, *,
            into: Index | None = None) -> None:
    """Index these briefings again as their files are now (a deleted or damaged one
    is taken out) and clear their pending notes; under the store's lock (``into``:
    a private index, written without it)."""
    known = known or {}
    docs, removed, damaged, ids = [], [], {}, list(ids)
    with store.locked() if into is None else nullcontext():
        for briefing_id in ids:
            briefing = known.get(briefing_id)
            if briefing is None and store.exists(briefing_id):
                try:
                    briefing = store.load(briefing_id)
                except StoreError as exc:  # not searchable until mended (``briefing doctor``)
                    path = store.layout.briefing(briefing_id)
                    damaged[briefing_id] = (str(exc).removeprefix(f"{path}: "), briefing_stamp(store.layout, briefing_id))
            if briefing is None:
                removed.append(briefing_id)
            else:
                docs.append((document_of(briefing), briefing_stamp(store.layout, briefing_id)))
        (into or index_of(store)).put(store, docs, removed, done=ids, damaged=damaged)
