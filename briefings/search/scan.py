"""Running a query over every search row: what ``briefing search`` prints.

The app searches as the reader types with ``live``, an index in memory built
from the same rows that finds the same hits in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..identities import Identities
from ..identities import load as load_identities
from ..names import fold
from ..store import Store
from .query import Query, parse
from .rows import actor_keys, all_rows, hay_of, refresh


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    outlet: str | None
    published: str | None
    matched: tuple[str, ...] | None = None  # the matching entries, when the match needed them
    words: tuple[str, ...] = field(default=(), repr=False, compare=False)
    row: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def entries(self) -> tuple[str, ...]:
        """The entries that match, for highlighting; for a search by words, worked
        out when first asked (a library of 10,000 hits shows only a screenful)."""
        if self.matched is not None:
            return self.matched
        return tuple(e["id"] for e in self.row.get("entries", ()) if any(w in e["h"] for w in self.words))


def run(store: Store, query: str | Query, identities: Identities | None = None,
        limit: int | None = None) -> list[Hit]:
    """The briefings matching a query, newest publication first, from rows brought
    up to date first. An empty query matches nothing (the library shows
    everything anyway). Raises QueryError for a query to fix.
    """
    q = parse(query) if isinstance(query, str) else query
    if q.is_empty:
        return []
    refresh(store)
    rows_ = list(all_rows(store))
    actor_sets = []
    if q.actors:
        ids = identities if identities is not None else load_identities(store)
        actor_sets = [names_matching(rows_, ids, a) for a in q.actors]
    hits = [hit for row in rows_ if (hit := match_row(row, q, actor_sets))]
    hits.sort(key=lambda h: sort_key(h.row), reverse=True)
    return hits[:limit] if limit else hits


def sort_key(row: dict[str, Any]) -> tuple[str, str, str]:
    """Hits are shown newest publication first; the id settles ties, so that every
    way of searching gives one order."""
    return row.get("published") or "", row.get("title") or "", row.get("id") or ""


def names_matching(rows_: list[dict[str, Any]], ids: Identities, key: str) -> set[str]:
    """The names an ``actor:`` term matches: the name, the names the reader merged
    with it, and the aliases other articles give an actor of that name (one hop)."""
    keys = {k for g in [ids.group(key)] for k in g}
    found = set(keys)
    for row in rows_:
        for names in row.get("names", {}).values():
            if keys.intersection(names):
                found.update(names)
    return {k for name in found for k in ids.group(name)}


def match_row(row: dict[str, Any], q: Query, actor_sets: list[set[str]]) -> Hit | None:
    hay = hay_of(row) if q.words else ""
    if any(w not in hay for w in q.words):
        return None
    if q.outlets and not all(o in fold(row.get("outlet") or "") for o in q.outlets):
        return None
    if (q.after or q.before) and not _in_range(row, q.after, q.before):
        return None
    if q.starred and not row.get("starred"):
        return None
    if q.tags and not set(q.tags) <= set(row.get("tags", ())):
        return None
    actor_ids: list[set[str]] = []
    for keys in actor_sets:
        found = {aid for aid, names in row.get("names", {}).items() if keys.intersection(names)}
        if not found:
            return None
        actor_ids.append(found)
    matched = None
    if q.on_entries:
        matched = tuple(e["id"] for e in row.get("entries", ()) if _entry_ok(e, q, actor_ids))
        if not matched:
            return None
    return Hit(row["id"], row.get("title", ""), row.get("outlet"), row.get("published"), matched,
               tuple(q.words), row)


def _entry_ok(entry: dict[str, Any], q: Query, actor_ids: list[set[str]]) -> bool:
    if q.starred and not entry.get("s"):
        return False
    if q.tags and not set(q.tags) <= set(entry.get("t", ())):
        return False
    return all(ids.intersection(entry.get("a", ())) for ids in actor_ids)


def _in_range(row: dict[str, Any], after: str | None, before: str | None) -> bool:
    if row.get("published"):
        first = last = row["published"]
    else:
        first, last = row.get("first"), row.get("last")
        if first is None:
            return False
    return (after is None or last >= after) and (before is None or first < before)


def actors_named(store: Store, key: str) -> list[frozenset[str]]:
    """The names (as keys) of every stored actor with this name or alias, one set per actor."""
    refresh(store)
    return [frozenset(names) for row in all_rows(store) for names in row.get("names", {}).values() if key in names]


def find_actor(store: Store, keys: set[str]) -> list[str]:
    """The ids of the briefings with an actor having one of these name keys."""
    refresh(store)
    return [row["id"] for row in all_rows(store) if keys & actor_keys(row)]
