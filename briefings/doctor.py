"""``briefing doctor``: check every file of a store; ``--restore`` brings back good backups.

Annotations are the reader's own work, so their files are the ones backed up
(backups/NAME.1 newest .. NAME.3); a damaged index shard, or one that does not
list the briefings stored, is rebuilt from the briefing files; a damaged
briefing file can only be re-imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .atomic import write_atomic
from .errors import StoreError
from .storage import read_json
from .store import IndexRow, Store, _write_table, default_root, index_shard


def problems(root: Path) -> list[tuple[Path, str]]:
    """Every file of the store that cannot be read, or an index file that does not
    list the stored briefings, with what is wrong."""
    found = []
    files = [root / "store.json", root / "tags.json", *sorted((root / "index").glob("*.json")),
             *sorted((root / "briefings").glob("*.json")), *sorted((root / "annotations").glob("*.json"))]
    for path in files:
        if not path.exists():
            continue
        try:
            read_json(path)
        except StoreError as exc:
            found.append((path, str(exc).split(": ", 1)[-1]))
    damaged = {path for path, _ in found}
    return found + [gap for gap in index_gaps(root) if gap[0] not in damaged]


def index_gaps(root: Path) -> list[tuple[Path, str]]:
    """Index files missing a stored briefing's row (an import killed between writing
    the briefing and its row: the library does not show it) or naming one not stored."""
    stored: dict[Path, set[str]] = {}
    for briefing_file in (root / "briefings").glob("*.json"):
        stored.setdefault(index_shard(root, briefing_file.stem), set()).add(briefing_file.stem)
    gaps = []
    for shard in sorted(set(stored) | set((root / "index").glob("*.json"))):
        listed = set(_rows(shard))
        unlisted, gone = stored.get(shard, set()) - listed, listed - stored.get(shard, set())
        if unlisted or gone:
            gaps.append((shard, f"{len(unlisted)} stored briefing(s) not in the library, {len(gone)} listed but gone"))
    return gaps


def _rows(shard: Path) -> dict[str, dict]:
    """An index file's rows by id; none when it is missing or damaged."""
    try:
        data = read_json(shard) or {}
    except StoreError:
        return {}
    return {doc["id"]: doc for doc in (data.get("briefings") or {}).values() if isinstance(doc.get("id"), str)}


def mend(store: Store, path: Path) -> str:
    """Mend one damaged file; returns what was done."""
    if path.parent.name == "index":  # rows made from the briefing files, keeping when each was imported
        kept = _rows(path)
        rows = []
        for briefing_file in sorted((store.root / "briefings").glob("*.json")):
            if index_shard(store.root, briefing_file.stem) != path:
                continue
            old = kept.get(briefing_file.stem, {})
            try:
                row = IndexRow.of(store.load(briefing_file.stem), "").__dict__
            except StoreError:  # a damaged briefing keeps its row: it is mended by importing it again
                rows += [old] if old else []
                continue
            rows.append({**row, "imported": old.get("imported", ""), "unread": old.get("unread", False)})
        _write_table(path, "briefings", rows)
        return f"rebuilt from {len(rows)} briefing file(s)"
    if path.parent.name == "briefings":
        return "cannot be mended: import the article again (its annotations are kept)"
    for n in (1, 2, 3):
        backup = store.root / "backups" / f"{path.name}.{n}"
        try:
            if backup.exists() and read_json(backup) is not None:
                os.replace(path, path.with_name(path.name + ".damaged"))
                write_atomic(path, backup.read_bytes())
                return f"restored from {backup.name}"
        except StoreError:
            continue
    return "no good backup found"


def run_doctor(root: Path | None, *, restore: bool = False) -> int:
    root = Path(root) if root is not None else default_root()
    found = problems(root)
    for path, what in found:
        print(f"{path}: {what}")
    if not found:
        print(f"{root}: healthy")
        return 0
    if not restore:
        print(f"{len(found)} file(s) to mend; run 'briefing doctor --restore' to mend them", file=sys.stderr)
        return 2
    store = Store(root) if (root / "store.json").exists() and not any(p.name == "store.json" for p, _ in found) else None
    if store is None:
        print(f"{root / 'store.json'}: damaged; cannot restore without it", file=sys.stderr)
        return 2
    with store.locked():
        for path, _ in found:
            print(f"{path}: {mend(store, path)}")
    return 0 if not problems(root) else 2
