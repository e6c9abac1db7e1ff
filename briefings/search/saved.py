"""Saved searches: a query kept under a name, shown at the top of the library (``views.json``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BriefingError
from ..names import fold
from ..sanitize import clean
from ..store import Store
from .query import QueryError, parse


@dataclass(frozen=True)
class View:
    name: str
    query: str


def views(store: Store) -> list[View]:
    """The saved searches, in the order they were saved (one small file). A damaged
    file or row is left out and noted in ``store.skipped``."""
    data = store.read(store.layout.views, or_skip=True)
    found = []
    for doc_id, doc in sorted((data.get("views") or {}).items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
        if (problem := view_problem(doc)) is None:
            found.append(View(doc["name"], doc["query"]))
        else:
            store.skip(store.layout.views, f"damaged, saved search {doc_id}: {problem}")
    return found


def view_problem(doc: dict) -> str | None:
    """What is wrong with a saved search's row, None when nothing."""
    if not (isinstance(doc.get("name"), str) and isinstance(doc.get("query"), str)):
        return "its name or query is not text"
    try:
        parse(doc["query"])
    except QueryError as exc:
        return f"its query does not read ({exc})"
    return None


def save_view(store: Store, name: str, query: str) -> View:
    """Save a search under a name (replacing one of the same name)."""
    name = " ".join(clean(name).split())
    if not name:
        raise BriefingError("a saved search needs a name")
    query = clean(query).strip()
    if parse(query).is_empty:
        raise QueryError("nothing to search for: give words or filters")
    with store.edit(store.layout.views) as db:
        table = db.table("views")
        same = [d.doc_id for d in table.all() if fold(d.get("name", "")) == fold(name)]
        if same:
            table.update({"name": name, "query": query}, doc_ids=same[:1])
        else:
            table.insert({"name": name, "query": query})
    return View(name, query)


def delete_view(store: Store, name: str) -> None:
    with store.edit(store.layout.views) as db:
        table = db.table("views")
        same = [d.doc_id for d in table.all() if fold(d.get("name", "")) == fold(name)]
        if not same:
            raise BriefingError(f"no saved search named {name!r}")
        table.remove(doc_ids=same)
