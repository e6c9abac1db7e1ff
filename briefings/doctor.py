"""``briefing doctor``: check every file of a store; ``--restore`` brings back good backups.

Annotations are the reader's own work, so their files are the ones backed up
(backups/NAME.1 newest .. NAME.3); a damaged index shard is rebuilt from the
briefing files; a damaged briefing file can only be re-imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .atomic import write_atomic
from .errors import StoreError
from .storage import read_json
from .store import IndexRow, Store, _write_table, default_root


def problems(root: Path) -> list[tuple[Path, str]]:
    """Every file of the store that cannot be read, with what is wrong."""
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
    return found


def mend(store: Store, path: Path) -> str:
    """Mend one damaged file; returns what was done."""
    if path.parent.name == "index":
        rows = []
        for briefing_file in sorted((store.root / "briefings").glob("*.json")):
            if store._shard(briefing_file.stem) == path:  # noqa: SLF001 - the shard rule lives in Store
                rows.append(IndexRow.of(store.load(briefing_file.stem), "").__dict__)
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
        print(f"{len(found)} damaged file(s); run 'briefing doctor --restore' to mend them", file=sys.stderr)
        return 2
    store = Store(root) if (root / "store.json").exists() and not any(p.name == "store.json" for p, _ in found) else None
    if store is None:
        print(f"{root / 'store.json'}: damaged; cannot restore without it", file=sys.stderr)
        return 2
    with store.locked():
        for path, _ in found:
            print(f"{path}: {mend(store, path)}")
    return 0 if not problems(root) else 2
