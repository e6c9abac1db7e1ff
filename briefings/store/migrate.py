"""Bring a store written by an older schema up to this one, a step at a time.

``STEPS[n]`` turns a schema-n store into a schema-(n+1) one. Before the first
step the whole store folder (less backups/ and the lock) is copied to
``backups/schema-N-TIME/``. A step reads the store without the lock (reading
10,000 briefings takes seconds, and another process must not wait that long
for the lock, nor fail) and returns what writes its results, which runs
under the lock, each file written atomically; the new schema number is
written last, so a store killed mid-migration still says its old number and
is migrated again on the next open (steps must be safe to run twice). A
migration runs as the store opens, before any command of this version writes
to it. When a step fails, the files are put back from the copy and the copy
removed: the store is as it was.

Schema 0 is a store of briefings and annotations only, before the sharded
index and tags.json: step 0 builds both from those files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError
from . import layout
from .atomic import TEMP_PREFIX, write_atomic
from .index import IndexRow, write_shard
from .tables import write_table

if TYPE_CHECKING:  # the store runs the migration as it opens
    from .store import Store


def index_and_tags(store: Store) -> Callable[[], None]:
    """Schema 0 -> 1: the index shards and tags.json, built from the briefing and annotations files."""
    layout = store.layout
    shards: dict[Path, list[dict]] = {}
    tags: set[str] = set()
    for path in sorted(layout.briefings.glob("*.json")):
        briefing = store.load(path.stem)
        imported = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
        shards.setdefault(layout.index_shard(briefing.id), []).append(IndexRow.of(briefing, imported).__dict__)
        tags.update(t for a in briefing.annotations.values() for t in a.tags)

    def write() -> None:
        layout.index.mkdir(exist_ok=True)
        for shard, rows in shards.items():
            write_shard(shard, rows)
        write_table(layout.tags, "tags", [{"tag": t} for t in sorted(tags)])
    return write


Step = Callable[["Store"], Callable[[], None]]  # reads the store (no lock); returns what writes the step
STEPS: dict[int, Step] = {0: index_and_tags}


def migrate(store: Store, found: int) -> None:
    """Migrate ``store`` from schema ``found`` to this version's, keeping a copy first."""
    target = layout.SCHEMA  # read now: a test may set a later one
    missing = [n for n in range(found, target) if n not in STEPS]
    if missing:
        raise StoreError(f"{store.layout.meta}: schema {found} is too old to migrate (no step from {missing[0]})")
    copy = _copy_store(store.root, found)
    try:
        for n in range(found, target):
            write = STEPS[n](store)
            with store.locked():
                if store.meta().get("schema", found) >= target:  # another process migrated it meanwhile,
                    shutil.rmtree(copy)  # keeping its own copy
                    return
                write()
        store.set_meta(schema=target, migrated=f"from schema {found}")  # written last
    except Exception as exc:  # noqa: BLE001 - any failure: put the store back as it was
        with store.locked():
            _put_back(copy, store.root)
        shutil.rmtree(copy)
        what = str(exc).replace("\n", " ")
        raise StoreError(f"{store.root}: cannot migrate the store from schema {found} to {target} ({what}); "
                         f"it is left as it was; mend what is named ('briefing doctor' checks the store) and open it again") from None


def _skip(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in ("backups", ".lock") or n.startswith(TEMP_PREFIX)}


def _copy_store(root: Path, schema: int) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    copy = root / "backups" / f"schema-{schema}-{stamp}"
    try:
        shutil.copytree(root, copy, ignore=_skip)
    except OSError as exc:
        shutil.rmtree(copy, ignore_errors=True)
        raise StoreError(f"{root}: cannot back up the store before migrating it ({exc.strerror or exc})") from None
    return copy


def _put_back(copy: Path, root: Path) -> None:
    """Make every file of the store (less backups/) what it is in ``copy`` again."""
    kept = {p.relative_to(copy) for p in copy.rglob("*") if p.is_file()}
    for path in sorted(root.rglob("*"), reverse=True):
        relative = path.relative_to(root)
        if relative.parts[0] in ("backups", ".lock") or relative in kept:
            continue
        if path.is_dir():
            if not (copy / relative).is_dir():
                path.rmdir()
        else:
            path.unlink()
    for relative in kept:
        original = (copy / relative).read_bytes()
        target = root / relative
        if not target.exists() or target.read_bytes() != original:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, original)
