"""``briefing doctor``: check every file of a store; ``--restore`` mends what it can.

Annotations are the reader's own work, so their files are the ones backed up
(backups/NAME.1 newest .. NAME.3); a damaged index shard, or one that does not
list the briefings stored, is rebuilt from the briefing files, and so is the
search index (``search.upkeep``); a damaged briefing file can only be
re-imported. The checks and repairs report what
they found and did; printing it is the command line's job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
from .search.upkeep import check as search_index_problem
from .search.upkeep import mend as mend_search_index
from .store import Store
from .store.atomic import write_atomic
from .store.index import IndexRow, shard_docs, write_shard
from .store.layout import Layout
from .store.tables import read_json


@dataclass(frozen=True)
class Problem:
    path: Path
    what: str


def examine(root: Path) -> list[Problem]:
    """Every file of the store that cannot be read, or an index file that does not
    list the stored briefings, with what is wrong."""
    layout = Layout(root)
    found = []
    for path in layout.files():
        if not path.exists():
            continue
        try:
            read_json(path)
        except StoreError as exc:
            found.append(Problem(path, str(exc).split(": ", 1)[-1]))
    damaged = {p.path for p in found}
    search = [Problem(layout.search_index, what)] if (what := search_index_problem(root)) else []
    return found + [gap for gap in index_gaps(layout) if gap.path not in damaged] + search


def index_gaps(layout: Layout) -> list[Problem]:
    """Index files missing a stored briefing's row (an import killed between writing
    the briefing and its row: the library does not show it) or naming one not stored."""
    stored: dict[Path, set[str]] = {}
    for briefing_file in layout.briefings.glob("*.json"):
        stored.setdefault(layout.index_shard(briefing_file.stem), set()).add(briefing_file.stem)
    gaps = []
    for shard in sorted(set(stored) | set(layout.index.glob("*.json"))):
        listed = set(_rows(shard))
        unlisted, gone = stored.get(shard, set()) - listed, listed - stored.get(shard, set())
        if unlisted or gone:
            gaps.append(Problem(shard, f"{len(unlisted)} stored briefing(s) not in the library, "
                                       f"{len(gone)} listed but gone"))
    return gaps


def _rows(shard: Path) -> dict[str, dict]:
    """An index file's rows by id; none when it is missing or damaged."""
    try:
        docs = shard_docs(shard)
    except StoreError:
        return {}
    return {doc["id"]: doc for doc in docs if isinstance(doc.get("id"), str)}


def restore(root: Path, problems: list[Problem]) -> list[tuple[Path, str]]:
    """Mend each problem found; returns what was done to each file. StoreError when
    the store's own ``store.json`` is what is damaged."""
    if any(p.path == Layout(root).meta for p in problems) or not Layout(root).meta.exists():
        raise StoreError(f"{Layout(root).meta}: damaged; cannot restore without it")
    store = Store(root)
    with store.locked():
        done = [(p.path, mend(store, p.path)) for p in problems]
        if store.layout.search_index not in {p.path for p in problems} and search_index_problem(root):
            done.append((store.layout.search_index, mend_search_index(store)))  # files mended above changed it
        return done


def mend(store: Store, path: Path) -> str:
    """Mend one damaged file; returns what was done."""
    layout = store.layout
    if path == layout.search_index:  # derived data: made again from the briefing files
        return mend_search_index(store)
    if path.parent == layout.index:  # rows made from the briefing files, keeping when each was imported
        kept = _rows(path)
        rows = []
        for briefing_file in sorted(layout.briefings.glob("*.json")):
            if layout.index_shard(briefing_file.stem) != path:
                continue
            old = kept.get(briefing_file.stem, {})
            try:
                row = IndexRow.of(store.load(briefing_file.stem), "").__dict__
            except StoreError:  # a damaged briefing keeps its row: it is mended by importing it again
                rows += [old] if old else []
                continue
            rows.append({**row, "imported": old.get("imported", ""), "unread": old.get("unread", False)})
        write_shard(path, rows)
        return f"rebuilt from {len(rows)} briefing file(s)"
    if path.parent == layout.briefings:
        return "cannot be mended: import the article again (its annotations are kept)"
    for n in (1, 2, 3):
        backup = layout.backups / f"{path.name}.{n}"
        try:
            if backup.exists() and read_json(backup) is not None:
                os.replace(path, path.with_name(path.name + ".damaged"))
                write_atomic(path, backup.read_bytes())
                return f"restored from {backup.name}"
        except StoreError:
            continue
    return "no good backup found"
