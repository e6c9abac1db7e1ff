"""Running a query on the index: the hits, ranked, counted, made as they are shown.

A query becomes one SQL statement (``Plan``): its words a full-text match
(``words``), ranked by BM25; its filters the keys of briefings (``keys``) and
of the entries the reader marked (``marks``), dates, exclusions. Only words
give a ranking: filters alone list the newest first. Two filters that must
hold for one same entry, where no mark answers for them (two actors, an
actor and a kind), are checked on the briefings' documents.

``Results`` holds the count and the first PAGE hits, read in one transaction;
the rest is read when first asked for (a word found in every briefing ranks
100,000 of them, and the screen shows twenty). A ``Hit`` is made when shown.
Ranking costs about 2 µs a hit, counting a tenth of that: a search as you
type (``rank_limit``) lists a query of more hits than that newest first, so
that every key answers at once; the full search ranks them. Listing them
newest first costs nothing: a briefing's number in the index starts with its
day of publication (``index.DAY_BITS``), and the full-text tables keep their
rows in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from ..identities import Identities
from ..identities import load as load_identities
from ..lazy import Ids, Lazy
from ..store import Store
from .document import Document, entry_hays, key_token, unpack
from .highlight import Pieces, has_terms, highlighted, snippet
from .index import MARK_BITS, Index, IndexDamaged, packed_docs
from .query import Query, Term, parse
from .upkeep import ensure, opened, settle_pending

PAGE = 50  # hits read with the count: more than a screen shows
_COLUMN_OF_KIND = {"actor": "actors", "event": "events", "quote": "quotes", "note": "notes"}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    outlet: str | None
    published: str | None
    doc: Document | None = field(default=None, repr=False, compare=False)
    query: Query = field(default_factory=Query, repr=False, compare=False)
    actor_sets: tuple[frozenset[str], ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def entries(self) -> tuple[str, ...]:
        """The entries the query found (to highlight and open at): those the filters
        pick (holding the words too, for a kind), else those holding its words."""
        if self.doc is None:
            return ()
        q, terms = self.query, self.query.terms
        picked = [(e, hay) for e, hay in entry_hays(self.doc) if not q.on_entries or _entry_ok(e, q, self._actor_ids)]
        if terms and (q.kinds or not q.on_entries):  # a kind's words are in its entries
            picked = [(e, hay) for e, hay in picked if has_terms(hay, terms)]
        return tuple(e.id for e, _ in picked)

    @cached_property
    def title_pieces(self) -> Pieces:
        """The title, its matching words marked."""
        return highlighted(self.title, self.query.terms)

    @cached_property
    def snippet(self) -> Pieces:
        """A few words around the query's words in the entry that holds the most of them
        (empty when they are only in the title, or the query has none)."""
        if self.doc is None or not self.query.terms:
            return ()
        return snippet([e.searched_text for e in self.doc.entries], self.query.terms)

    @cached_property
    def _actor_ids(self) -> list[set[str]]:
        doc = self.doc
        return [{a for a, names in doc.names.items() if keys.intersection(names)} for keys in self.actor_sets] \
            if doc else []


def _entry_ok(entry: Any, q: Query, actor_ids: list[set[str]]) -> bool:
    if q.kinds and not any(_is_kind(entry, k) for k in q.kinds):
        return False
    if q.starred and not entry.starred:
        return False
    if q.tags and not set(q.tags) <= set(entry.tags):
        return False
    return all(ids.intersection(entry.actors) for ids in actor_ids)


def _is_kind(entry: Any, kind: str) -> bool:
    return (entry.kind == kind[0] and kind != "note") or (kind == "note" and bool(entry.reader_text))


# -- a query as SQL -------------------------------------------------------------------


def _term_match(term: Term) -> str:
    words = " ".join(term.words)
    return f'"{words}" *' if term.prefix else f'"{words}"'


def _any_of(terms: Sequence[Term]) -> str:
    return "(" + " OR ".join(_term_match(t) for t in terms) + ")"


@dataclass
class Plan:
    """The SQL of a query and what is left to check in Python."""

    sql: str
    params: list[Any]
    ranked: bool
    count_sql: str
    check: bool  # filters to check on each briefing's document
    newest_sql: str  # the same hits, newest publication first


def plan(q: Query, actor_sets: Sequence[frozenset[str]]) -> Plan:
    where, params = [], []
    words = " AND ".join(_any_of(group) for group in q.groups)
    if words and q.kinds:
        words = "{" + " ".join(_COLUMN_OF_KIND[k] for k in q.kinds) + "} : (" + words + ")"
    if q.outlets:
        words = " AND ".join(filter(None, [words, *("{outlet} : " + _term_match(t) for t in q.outlets)]))
    excluded = _any_of(q.excluded) if q.excluded else ""
    if words and excluded:
        words, excluded = f"({words}) NOT {excluded}", ""
    keys, marks = _keys(q, actor_sets)
    check = bool(actor_sets) and not marks and (len(actor_sets) > 1 or bool(q.kinds))
    if keys:
        where.append("b.n IN (SELECT rowid FROM keys WHERE keys MATCH ?)")
        params.append(keys)
    if marks:
        where.append(f"b.n IN (SELECT rowid >> {MARK_BITS} FROM marks WHERE marks MATCH ?)")
        params.append(marks)
    if excluded:
        where.append("b.n NOT IN (SELECT rowid FROM words WHERE words MATCH ?)")
        params.append(excluded)
    if q.after:
        where.append("b.end >= ?")
        params.append(q.after)
    if q.before:
        where.append("b.start < ?")
        params.append(q.before)
    newest = "b.n DESC"  # a briefing's number is its day, then its place in the day (see index): unsorted
    if words:
        source = "words JOIN briefings b ON b.n = words.rowid"
        where.insert(0, "words MATCH ?")
        params.insert(0, words)
        order = "words.rank"
        newest = "words.rowid DESC"  # the same numbers, as the full-text table keeps them
    else:
        source, order = "briefings b", newest
    condition = " AND ".join(where) or "1"
    count = "SELECT count(*) FROM words WHERE words MATCH ?" if words and len(where) == 1 \
        else f"SELECT count(*) FROM {source} WHERE {condition}"
    select = f"SELECT b.n, b.id FROM {source} WHERE {condition} ORDER BY"
    return Plan(f"{select} {order}", params, bool(words), count, check, f"{select} {newest}")


def _keys(q: Query, actor_sets: Sequence[frozenset[str]]) -> tuple[str, str]:
    """The keys a briefing must have, and those one marked entry must have (tags and
    stars are marks: with them, every filter on entries is answered by the marks)."""
    needed = [key_token("tag", t) for t in q.tags] + ["starred"] * q.starred
    names = ["(" + " OR ".join(key_token("name", k) for k in sorted(keys)) + ")" for keys in actor_sets]
    kinds = [key_token("kind", k) for k in q.kinds]
    if needed:
        return " AND ".join(names), " AND ".join(needed + names + (["(" + " OR ".join(kinds) + ")"] if kinds else []))
    if q.kinds and not q.groups:  # a kind without words: briefings that have such entries
        names.append("(" + " OR ".join(kinds) + ")")
    return " AND ".join(names), ""


# -- running it -----------------------------------------------------------------------


class Results(Lazy[Hit]):
    """The hits of one search, best first (newest first without words): ``len`` is
    the count; each Hit is made when first asked for."""

    def __init__(self, idx: Index, q: Query, plan_: Plan | None, actor_sets: tuple[frozenset[str], ...],
                 ready: bool = True, rank_limit: int | None = None) -> None:
        self.query, self.ready = q, ready  # ready False: the index is still being built
        self.ranked = False  # best first (else newest first: no words, or more hits than ``rank_limit``)
        self._idx, self._plan, self._actor_sets = idx, plan_, actor_sets
        self._sql = ""
        self._rows: list[tuple[int, str]] = []
        self._docs: dict[int, bytes] = {}
        self._complete = plan_ is None
        count = 0
        if plan_ is not None:
            with idx.reading() as conn:
                if plan_.check:
                    self._sql, self.ranked = plan_.sql, plan_.ranked
                    self._rows = [r for r in conn.execute(plan_.sql, plan_.params) if self._passes(conn, r)]
                    count, self._complete = len(self._rows), True
                else:
                    count = conn.execute(plan_.count_sql, plan_.params).fetchone()[0]
                    self.ranked = plan_.ranked and (rank_limit is None or count <= rank_limit)
                    self._sql = plan_.sql if self.ranked else plan_.newest_sql
                    self._rows = conn.execute(f"{self._sql} LIMIT {PAGE}", plan_.params).fetchall()
                    self._complete = len(self._rows) >= count
                self._read_docs(conn, [n for n, _ in self._rows[:PAGE]])
        self.ids = Ids(self, lambda n: self.rows(n)[n][1], self.position)
        super().__init__(count, self._hit)

    def _passes(self, conn: Any, row: tuple[int, str]) -> bool:
        doc = self._doc_of(conn, row[0])
        q = self.query
        actor_ids = [{a for a, names in doc.names.items() if keys.intersection(names)} for keys in self._actor_sets]
        return any(_entry_ok(e, q, actor_ids) for e in doc.entries)

    def _doc_of(self, conn: Any, n: int) -> Document:
        if n not in self._docs:
            self._read_docs(conn, [n])
        return unpacked(self._docs[n])

    def _read_docs(self, conn: Any, numbers: list[int]) -> None:
        wanted = [n for n in numbers if n not in self._docs]
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            marks = ",".join("?" * len(part))
            self._docs.update(conn.execute(f"SELECT n, doc FROM docs WHERE n IN ({marks})", part))

    def rows(self, upto: int) -> list[tuple[int, str]]:
        """The (number, id) of the hits, read to position ``upto`` at least."""
        if upto >= len(self._rows) and not self._complete:
            with self._idx.reading() as conn:
                self._rows = conn.execute(self._sql, self._plan.params).fetchall()
            self._complete = True
        return self._rows

    def all_rows(self) -> list[tuple[int, str]]:
        return self.rows(len(self))

    def _hit(self, position: int) -> Hit:
        rows = self.rows(position)
        n, briefing_id = rows[min(position, len(rows) - 1)]
        if n not in self._docs:
            with self._idx.reading() as conn:
                self._read_docs(conn, [m for m, _ in rows[position:position + PAGE]])
        packed = self._docs.get(n)
        if packed is None:  # deleted since the search
            return Hit(briefing_id, "", None, None)
        doc = unpacked(packed)
        return Hit(doc.id, doc.title, doc.outlet or None, doc.published, doc, self.query, self._actor_sets)

    def get(self, briefing_id: str) -> Hit | None:
        position = self.position(briefing_id)
        return None if position is None else self[position]

    def position(self, briefing_id: str) -> int | None:
        """Where a briefing is among the hits (the first page is looked at first)."""
        for read in (self.rows, lambda _: self.all_rows()):  # every hit read only if need be
            for position, (_, found) in enumerate(read(0)):
                if found == briefing_id:
                    return position
        return None


@lru_cache(maxsize=4 * PAGE)
def unpacked(packed: bytes) -> Document:
    """A packed document, unpacked once for the searches typed one after another (a
    word typed on finds most of the same briefings: half the cost of drawing a hit).
    Keyed by the bytes themselves, so a briefing indexed again is never shown stale."""
    return unpack(packed)


RANK_LIMIT = 2_000  # hits a search as you type ranks (4 ms); more are listed newest first


def search(store: Store, query: str | Query, identities: Identities | None = None, *,
           build: bool = True, rank_limit: int | None = None) -> Results:
    """The briefings matching a query. ``build``: make the index first when it is not
    ready (seconds per 10,000 briefings); else search what it holds so far
    (``Results.ready`` is then False). ``rank_limit``: rank the hits only when
    there are at most that many, else list them newest first (``Results.ranked``).
    Raises QueryError for a query to fix."""
    q = parse(query) if isinstance(query, str) else query
    try:
        return _search(store, q, identities, build, rank_limit)
    except IndexDamaged:  # dropped: made again by the next ``ensure``
        if not build:
            raise
        return _search(store, q, identities, build, rank_limit)


def _search(store: Store, q: Query, identities: Identities | None, build: bool, rank_limit: int | None) -> Results:
    idx = ensure(store) if build else _settled(store)
    ready = idx.ready()
    if ready is not None:
        _name_damaged(store, idx)
    if q.is_empty or ready is None:
        return Results(idx, q, None, (), bool(ready))
    actor_sets = tuple(actor_names(store, key, identities) for key in q.actors)
    return Results(idx, q, plan(q, actor_sets), actor_sets, ready, rank_limit)


def _name_damaged(store: Store, idx: Index) -> None:
    """The briefings the index left out as damaged, noted in ``store.skipped`` (the
    command names them)."""
    for briefing_id, (why, _) in idx.damaged().items():
        store.skip(store.layout.briefing(briefing_id), why)


def _settled(store: Store) -> Index:
    settle_pending(store)
    return opened(store)


# -- actors ---------------------------------------------------------------------------


def actor_names(store: Store, key: str, identities: Identities | None = None) -> frozenset[str]:
    """The names (as keys) an ``actor:`` term matches: the name, the names the reader
    merged with it, and the other names of the actors bearing one of those (one hop)."""
    ids = identities if identities is not None else load_identities(store)
    keys = set(ids.group(key))
    found = keys | aliases(store, keys)
    return frozenset(k for name in found for k in ids.group(name))


def aliases(store: Store, keys: set[str]) -> set[str]:
    """The other names of every stored actor that bears one of these names."""
    if not keys:
        return set()
    try:
        with opened(store).reading() as conn:
            marks = ",".join("?" * len(keys))
            return {a for (a,) in conn.execute(f"SELECT alias FROM aliases WHERE key IN ({marks})", sorted(keys))}
    except FileNotFoundError:
        return set()


def find_actor(store: Store, keys: set[str]) -> list[str]:
    """The ids of the briefings with an actor bearing one of these names."""
    if not keys:
        return []
    idx = ensure(store)
    _name_damaged(store, idx)
    with idx.reading() as conn:
        match = " OR ".join(key_token("name", k) for k in sorted(keys))
        return [i for (i,) in conn.execute("SELECT b.id FROM keys JOIN briefings b ON b.n = keys.rowid "
                                           "WHERE keys MATCH ?", (match,))]


def actor_names_of(store: Store, briefing_ids: Sequence[str]) -> dict[str, set[str]]:
    """The names (as keys) of every actor of these briefings, by briefing."""
    idx = ensure(store)
    found: dict[str, set[str]] = {}
    with idx.reading() as conn:
        for briefing_id, _, packed in packed_docs(conn, briefing_ids):
            found[briefing_id] = {k for keys in unpack(packed).names.values() for k in keys}
    return found
