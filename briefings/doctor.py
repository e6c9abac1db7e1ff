"""``briefing doctor``: check every file a command reads; ``--restore`` mends what it finds.

``examine`` reads every file of the layout (``store.layout``) as the commands
read it, types included (``Briefing.from_dict``, ``Annotation.from_dict``,
the rows of the index, the stories, the decisions, the saved searches), and
says what is wrong with each: a ``Problem``, carrying the way it is mended.
``restore`` mends them, each under the store's lock:

* a missing folder is made again;
* derived data is made again from the briefings and annotations: an index
  shard (keeping when each briefing was imported and whether it was read),
  ``tags.json``, the search index (``search.upkeep``: set against every
  briefing's files, and brought to agree with them after the other mends),
  a damaged cached file (deleted: it is made when next needed);
* the reader's own files (annotations, ``store.json``, stories, decisions,
  saved searches, feeds, the command line's undo log) and the briefings come
  back from their newest good backup, which is the version last written (see
  ``store.atomic``): nothing acknowledged is lost. With no good backup, what
  still reads is kept (a file's good rows), the damaged file is set aside as
  NAME.damaged, and the outcome says what was lost; ``store.json`` is made
  again;
* annotations filed under the wrong briefing (two files swapped) go back to
  the briefing whose entries they are on; the annotations of a briefing no
  longer stored are set aside as a deletion sets them;
* what killed writers left (temporary files, the journal of an interrupted
  import) is removed once the index lists what they wrote.

Annotations on entries a re-import changed (orphans) are not damage: they
are listed as notices, for the reader to place (``briefing orphans``).
A path that is not a store (missing, a file, another application's folder)
is a StoreError, never a healthy store. Printing is the command line's job.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BriefingError, StoreError
from .identities import Decision
from .model import Annotation
from .search.saved import view_problem
from .search.upkeep import check as search_index_problem
from .search.upkeep import mend as mend_search_index
from .store import Store, now
from .store import layout as layout_module
from .store.atomic import temp_files, write_atomic
from .store.derived import read as read_derived
from .store.index import IndexRow, row_problem, shard_docs, write_shard
from .store.layout import FOLDERS, Layout
from .store.store import read_annotation_docs, read_annotations, read_briefing
from .store.tables import numbered, read_json, write_table
from .stories.table import story_problem


@dataclass(frozen=True)
class Problem:
    path: Path
    what: str
    mend: str  # how ``restore`` mends it: a key of MENDS
    notice: bool = False  # not damage: something for the reader to decide


@dataclass(frozen=True)
class Repair:
    path: Path
    done: str
    mended: bool = True  # False: named as not mendable, with the reason in ``done``


# -- is it a store? -------------------------------------------------------------------


def check_is_a_store(root: Path) -> Layout:
    """The layout of the store at ``root``; StoreError when there is none there."""
    layout = Layout(root)
    if not root.exists():
        raise StoreError(f"{root}: no such folder, so no briefing store")
    if not root.is_dir():
        raise StoreError(f"{root}: not a folder, so not a briefing store")
    if not layout.looks_like_a_store():
        raise StoreError(f"{root}: not a briefing store (no store.json, no briefings, annotations or index folder)")
    return layout


# -- examining ------------------------------------------------------------------------


def examine(root: Path) -> list[Problem]:
    """Everything wrong in the store at ``root``, in the order ``restore`` mends it."""
    layout = check_is_a_store(root)
    found = [Problem(root / name, "missing", "folder") for name in FOLDERS if not (root / name).is_dir()]
    found += _meta(layout)
    found += [p for path in layout.reader_files() if path != layout.meta and (p := _reader_file(path))]
    entries, briefing_problems = _briefings(layout)
    found += briefing_problems
    found += _annotations(layout, entries)
    found += _index(layout)
    found += _tags(layout)
    found += _search(layout)
    found += [Problem(path, "damaged; made again when next needed", "cache")
              for path in sorted(layout.cache.rglob("*.json")) if read_derived(path) is None]
    leftovers = temp_files(root)
    if leftovers:
        found.append(Problem(root, f"{len(leftovers)} temporary file(s) left by a killed writer", "temp"))
    if layout.journal.exists() and not _busy(layout):
        found.append(Problem(layout.journal, "an import was interrupted between its briefings and the library",
                             "journal"))
    return found


def _meta(layout: Layout) -> list[Problem]:
    try:
        data = read_json(layout.meta)
    except StoreError as exc:
        return [Problem(layout.meta, _why(exc), "meta")]
    if data is None:
        return [Problem(layout.meta, "missing", "meta")]
    rows = list((data.get("meta") or {}).values())
    schema = rows[0].get("schema") if len(rows) == 1 else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        return [Problem(layout.meta, "damaged, no schema version", "meta")]
    if schema > layout_module.SCHEMA:
        raise StoreError(f"{layout.meta}: written by a newer briefing (schema {schema}, this one reads "
                         f"{layout_module.SCHEMA}); upgrade briefing to check it")
    return []


def _reader_file(path: Path) -> Problem | None:
    """What is wrong with one of the reader's files beside the folders, None when nothing."""
    try:
        problem = _rows_problem(path, read_json(path))
    except StoreError as exc:
        problem = _why(exc)
    return Problem(path, problem, "backup") if problem else None


def _rows_problem(path: Path, data: Any) -> str | None:
    """What is wrong with the rows of a reader's file as ``read_json`` gave them."""
    for table in (data or {}).values():
        for doc_id, doc in table.items():
            if problem := _ROW_CHECKS[path.name](doc):
                return f"damaged, row {doc_id}: {problem}"
    return None


def _decision_problem(doc: Any) -> str | None:
    try:
        Decision.from_dict(doc)
    except BriefingError as exc:
        return str(exc)
    return None


def _feed_problem(doc: Any) -> str | None:
    if "url" in doc and not isinstance(doc["url"], str) or "feed" in doc and not isinstance(doc["feed"], str):
        return "a feed's address is not text"
    if not ("url" in doc or "feed" in doc):
        return "neither a feed nor a feed's item"
    return None


def _meta_problem(doc: Any) -> str | None:
    return None if isinstance(doc.get("schema"), int) else "no schema version"


def _undo_problem(doc: Any) -> str | None:
    return None if isinstance(doc.get("action"), dict) else "not an action"


_ROW_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "store.json": _meta_problem, "stories.json": story_problem, "identities.json": _decision_problem,
    "views.json": view_problem, "feeds.json": _feed_problem, "undo.json": _undo_problem,
}


def _briefings(layout: Layout) -> tuple[dict[str, set[str]], list[Problem]]:
    """Each readable briefing's entry ids, and what is wrong with the others (a briefing
    lost with its folder, or deleted by hand, that its annotations or the library still
    name comes back from its backup)."""
    entries: dict[str, set[str]] = {}
    found = []
    for path in sorted(layout.briefings.glob("*.json")):
        try:
            entries[path.stem] = read_briefing(path).entry_ids()
        except StoreError as exc:
            found.append(Problem(path, _why(exc), "briefing"))
    named = {p.stem for p in layout.annotations.glob("*.json")} | _indexed(layout)
    for briefing_id in sorted(named - entries.keys() - {p.path.stem for p in found}):
        path = layout.briefing(briefing_id)
        if _good_backup(layout, path) is not None:
            found.append(Problem(path, "missing; its backup holds it", "briefing"))
    return entries, found


def _annotations(layout: Layout, entries: dict[str, set[str]]) -> list[Problem]:
    found = []
    files: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(layout.annotations.glob("*.json")):
        try:
            read_annotations(path)
            files[path.stem] = read_annotation_docs(path)
        except StoreError as exc:
            found.append(Problem(path, _why(exc), "annotations"))
    for backup in sorted(layout.backups.glob("*.json.1")):  # a file lost, its folder deleted: the backup holds it
        briefing_id = backup.name[:-len(".json.1")]
        if briefing_id in entries and not layout.annotations_of(briefing_id).exists():
            found.append(Problem(layout.annotations_of(briefing_id), "missing; its backup holds it", "annotations"))
    coming_back = {p.path.stem for p in found} | {p.stem for p in layout.briefings.glob("*.json")}
    coming_back |= {p.name[:-len(".json.damaged")] for p in layout.briefings.glob("*.json.damaged")}
    coming_back |= {stem for stem in files if _good_backup(layout, layout.briefing(stem)) is not None}
    for briefing_id, docs in files.items():
        path = layout.annotations_of(briefing_id)
        own = entries.get(briefing_id)
        if briefing_id not in coming_back:
            found.append(Problem(path, "the annotations of a briefing no longer stored", "stray"))
        elif own is None:
            continue  # its briefing is damaged: mended first, or named
        elif (home := _home(docs, own, entries)) is not None:
            found.append(Problem(path, f"holds the annotations of briefing {home}", "misfiled"))
        elif lost := [k for k in docs if k not in own]:
            found.append(Problem(path, f"{len(lost)} annotation(s) on entries the briefing no longer has; "
                                       f"'briefing orphans list {briefing_id}' shows them", "none", notice=True))
    return found


def _home(docs: dict[str, dict[str, Any]], own: set[str], entries: dict[str, set[str]]) -> str | None:
    """The one other briefing a file's annotations are all on, when none is on its own
    briefing (two files swapped); None otherwise (orphans of a re-import keep ``was``)."""
    if not docs or any(k in own or "was" in doc for k, doc in docs.items()):
        return None
    homes = [b for b, ids in entries.items() if ids >= docs.keys()]
    return homes[0] if len(homes) == 1 else None


def _index(layout: Layout) -> list[Problem]:
    """Index shards that are damaged, hold a row of the wrong shape or type, miss a stored
    briefing's row (an import killed between the two) or name one not stored."""
    stored: dict[Path, set[str]] = {}
    for path in layout.briefings.glob("*.json"):
        stored.setdefault(layout.index_shard(path.stem), set()).add(path.stem)
    found = []
    for shard in sorted(set(stored) | set(layout.index.glob("*.json"))):
        try:
            docs = shard_docs(shard)
        except StoreError as exc:
            found.append(Problem(shard, _why(exc), "index"))
            continue
        if problems := [p for doc in docs if (p := row_problem(doc, shard.name))]:
            found.append(Problem(shard, f"damaged, {problems[0]}", "index"))
            continue
        listed = {doc["id"] for doc in docs}
        unlisted, gone = stored.get(shard, set()) - listed, listed - stored.get(shard, set())
        if unlisted or gone:
            found.append(Problem(shard, f"{len(unlisted)} stored briefing(s) not in the library, "
                                        f"{len(gone)} listed but gone", "index"))
    return found


def _tags(layout: Layout) -> list[Problem]:
    try:
        docs = (read_json(layout.tags) or {}).get("tags") or {}
    except StoreError as exc:
        return [Problem(layout.tags, _why(exc), "tags")]
    listed = {doc.get("tag") for doc in docs.values()}
    if any(not isinstance(tag, str) for tag in listed):
        return [Problem(layout.tags, "damaged, a tag that is not text", "tags")]
    used = set()
    for path in layout.annotations.glob("*.json"):
        try:
            used.update(t for a in read_annotations(path).values() for t in a.tags)
        except StoreError:
            continue  # named above
    if missing := used - listed:
        return [Problem(layout.tags, f"misses {len(missing)} tag(s) the annotations use", "tags")]
    return []


def _search(layout: Layout) -> list[Problem]:
    what = search_index_problem(layout.root)
    return [Problem(layout.search_index, what, "search")] if what else []


def _indexed(layout: Layout) -> set[str]:
    ids = set()
    for shard in layout.index.glob("*.json"):
        try:
            ids.update(doc["id"] for doc in shard_docs(shard) if isinstance(doc.get("id"), str))
        except StoreError:
            continue
    return ids


def _busy(layout: Layout) -> bool:
    """Whether another process holds the store's lock now (an import writing)."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(layout.lock, timeout=0):
            return False
    except Timeout:
        return True
    except OSError:
        return False


def _why(exc: Exception) -> str:
    """A StoreError's message without the file name it starts with (the problem names it)."""
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text and text.startswith("/") else text


# -- backups --------------------------------------------------------------------------


def _good_backup(layout: Layout, path: Path) -> Path | None:
    """The newest backup of a file that reads as the commands read it."""
    for backup in layout.backup_versions(path):
        if backup.exists() and _reads(layout, path, backup):
            return backup
    return None


def _reads(layout: Layout, path: Path, copy: Path) -> bool:
    """Whether ``copy`` reads well as the file ``path`` would."""
    try:
        if path.parent == layout.briefings:
            return read_briefing(copy, path.stem) is not None
        if path.parent == layout.annotations:
            read_annotations(copy)
            return True
        if path.parent == layout.index:
            return not any(row_problem(doc, path.name) for doc in shard_docs(copy))
        return _rows_problem(path, read_json(copy)) is None
    except StoreError:
        return False


# -- mending --------------------------------------------------------------------------


def restore(root: Path, problems: list[Problem]) -> list[Repair]:
    """Mend each problem found (see the module's docstring); returns what was done to each
    file, in order. Notices are left to the reader."""
    layout = check_is_a_store(root)
    done: list[Repair] = []
    todo = [p for p in problems if not p.notice]
    for p in [p for p in todo if p.mend in ("folder", "meta")]:
        done.append(MENDS[p.mend](layout, None, p))
    store = Store(root, sweep=False)
    order = ("backup", "briefing", "annotations", "misfiled", "stray", "index", "tags", "search", "cache", "temp",
             "journal", "none")
    for mend in order:
        batch = [p for p in todo if p.mend == mend]
        for p in batch[:1] if mend in _WHOLE else batch:
            if mend == "search":  # reads every briefing: takes the lock for each chunk it indexes, not for all
                done.append(MENDS[mend](layout, store, p))
                continue
            with store.locked():
                done.append(MENDS[mend](layout, store, p))
    if not any(p.mend == "search" for p in todo) and search_index_problem(root):  # files mended above changed it
        done.append(Repair(layout.search_index, mend_search_index(store)))
    return done


def _mend_folder(layout: Layout, store: Store | None, p: Problem) -> Repair:
    p.path.mkdir(parents=True, exist_ok=True)
    return Repair(p.path, "made again")


def _mend_meta(layout: Layout, store: Store | None, p: Problem) -> Repair:
    from filelock import FileLock

    with FileLock(layout.lock, timeout=10):
        if (backup := _good_backup(layout, layout.meta)) is not None:
            _set_aside(p.path)
            write_atomic(p.path, backup.read_bytes())
            return Repair(p.path, f"restored from {_name(layout, backup)}")
        schema = layout_module.SCHEMA if layout.index.is_dir() else 0  # no index: migrated on the next open
        _set_aside(p.path)
        meta = {"schema": schema, "created": now(), "seeded": True, "rebuilt": now()}
        write_table(p.path, "meta", [meta], layout.backups_of(p.path))
        return Repair(p.path, f"made again (schema {schema}; no good backup)")


def _mend_from_backup(layout: Layout, store: Store, p: Problem) -> Repair:
    """A reader's file, a briefing or an annotations file: its newest good backup, else
    the good part of it (the rest set aside)."""
    backup = _good_backup(layout, p.path)
    if backup is not None:
        _set_aside(p.path)
        write_atomic(p.path, backup.read_bytes(), sync_folder=True)
        return Repair(p.path, f"restored from {_name(layout, backup)}, the version last written")
    if p.path.parent == layout.briefings:
        aside = _set_aside(p.path)
        _mend_index(layout, store, Problem(layout.index_shard(p.path.stem), "", "index"))  # no row for it
        return Repair(p.path, f"cannot be mended: no good backup; set aside as {aside.name}; import the article "
                              f"again (its annotations wait for it)", mended=False)
    kept, lost = _good_rows(layout, p.path)
    aside = _set_aside(p.path)
    if kept is not None:
        write_atomic(p.path, _json(kept))
    what = f"{lost} damaged row(s) dropped" if kept is not None else "nothing in it could be read"
    return Repair(p.path, f"cannot be mended whole: no good backup; {what}; the file is set aside as "
                          f"{aside.name}", mended=False)


def _good_rows(layout: Layout, path: Path) -> tuple[dict[str, Any] | None, int]:
    """The rows of a damaged file that read, and how many did not (None: none readable)."""
    try:
        data = read_json(path) or {}
    except StoreError:
        return None, 0
    if path.parent == layout.annotations:
        good = []
        for doc in (data.get("annotations") or {}).values():
            try:
                Annotation.from_dict({k: v for k, v in doc.items() if k not in ("entry", "was")})
                if isinstance(doc.get("entry"), str):
                    good.append(doc)
            except (BriefingError, ValueError):
                continue
        return {"annotations": numbered(good)}, len(data.get("annotations") or {}) - len(good)
    check = _ROW_CHECKS[path.name]
    kept = {t: {k: d for k, d in table.items() if not check(d)} for t, table in data.items()}
    return kept, sum(len(t) for t in data.values()) - sum(len(t) for t in kept.values())


def _mend_misfiled(layout: Layout, store: Store, p: Problem) -> Repair:
    """Each annotation goes back to the briefing whose entries it is on (two swapped
    files trade places); the file's own briefing keeps what fits it."""
    entries = {b.stem: read_briefing(b).entry_ids() for b in layout.briefings.glob("*.json") if _readable(b)}
    docs = read_annotation_docs(p.path)
    home = _home(docs, entries.get(p.path.stem, set()), entries)
    if home is None:
        return Repair(p.path, "left as it is: its annotations fit more than one briefing", mended=False)
    target = layout.annotations_of(home)
    theirs = read_annotation_docs(target)
    stay = {k: d for k, d in theirs.items() if k in entries[home]}
    back = {k: d for k, d in theirs.items() if k not in entries[home]}
    write_table(target, "annotations", [{"entry": k, **d} for k, d in {**stay, **docs}.items()],
                layout.backups_of(target))
    if back:
        write_table(p.path, "annotations", [{"entry": k, **d} for k, d in back.items()], layout.backups_of(p.path))
    else:
        p.path.unlink()
    return Repair(p.path, f"its {len(docs)} annotation(s) moved to briefing {home}"
                          + (f", and {len(back)} of {home}'s brought here" if back else ""))


def _mend_stray(layout: Layout, store: Store, p: Problem) -> Repair:
    aside = layout.set_aside(p.path)
    os.replace(p.path, aside)
    return Repair(p.path, f"set aside as {_name(layout, aside)}, as deleting the briefing does")


def _mend_index(layout: Layout, store: Store, p: Problem) -> Repair:
    """Rows made from the briefing files, keeping when each was imported and whether it was
    read (from the shard, else its backup, else the briefing file's time)."""
    layout.index.mkdir(exist_ok=True)
    backup = _good_backup(layout, p.path)
    kept = {**(_rows(backup) if backup else {}), **_rows(p.path)}
    rows = []
    for briefing_file in sorted(layout.briefings.glob(f"*{p.path.stem}.json")):
        if layout.index_shard(briefing_file.stem) != p.path:
            continue
        old = kept.get(briefing_file.stem, {})
        try:
            row = IndexRow.of(read_briefing(briefing_file), "").__dict__
        except StoreError:  # a damaged briefing keeps its row: it is mended by importing it again
            rows += [old] if old and not row_problem(old) else []
            continue
        imported = old.get("imported") if isinstance(old.get("imported"), str) else _file_time(briefing_file)
        unread = old.get("unread") if isinstance(old.get("unread"), bool) else False
        rows.append({**row, "imported": imported, "unread": unread})
    if not _rows_readable(p.path):
        _set_aside(p.path)
    write_shard(p.path, rows, layout.backups_of(p.path))
    return Repair(p.path, f"rebuilt from {len(rows)} briefing file(s)")


def _rows(shard: Path) -> dict[str, dict]:
    """An index file's rows by id; none when it is missing or damaged."""
    try:
        docs = shard_docs(shard)
    except StoreError:
        return {}
    return {doc["id"]: doc for doc in docs if isinstance(doc.get("id"), str)}


def _file_time(path: Path) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")


def _rows_readable(shard: Path) -> bool:
    try:
        shard_docs(shard)
        return True
    except StoreError:
        return False


def _mend_tags(layout: Layout, store: Store, p: Problem) -> Repair:
    return Repair(p.path, f"rebuilt from the annotations ({store.rebuild_tags()} tags)")


def _mend_search(layout: Layout, store: Store, p: Problem) -> Repair:
    return Repair(p.path, mend_search_index(store))


def _mend_cache(layout: Layout, store: Store, p: Problem) -> Repair:
    p.path.unlink(missing_ok=True)
    return Repair(p.path, "deleted; made again when next needed")


def _mend_temp(layout: Layout, store: Store, p: Problem) -> Repair:
    removed = 0
    for path in temp_files(layout.root):
        path.unlink(missing_ok=True)
        removed += 1
    return Repair(p.path, f"{removed} temporary file(s) removed")


def _mend_journal(layout: Layout, store: Store, p: Problem) -> Repair:
    layout.journal.unlink(missing_ok=True)
    return Repair(p.path, "removed; the library lists every stored briefing")


def _mend_none(layout: Layout, store: Store, p: Problem) -> Repair:
    return Repair(p.path, f"cannot be mended here: {p.what}", mended=False)


MENDS: dict[str, Callable[[Layout, Any, Problem], Repair]] = {
    "folder": _mend_folder, "meta": _mend_meta, "backup": _mend_from_backup, "briefing": _mend_from_backup,
    "annotations": _mend_from_backup, "misfiled": _mend_misfiled, "stray": _mend_stray, "index": _mend_index,
    "tags": _mend_tags, "search": _mend_search, "cache": _mend_cache, "temp": _mend_temp,
    "journal": _mend_journal, "none": _mend_none,
}
_WHOLE = {"tags", "search", "temp"}  # mended once for the whole store, however many files say so


def _set_aside(path: Path) -> Path:
    """Keep a damaged file as NAME.damaged (what could not be read may still be wanted)."""
    aside = path.with_name(path.name + ".damaged")
    if path.exists():
        os.replace(path, aside)
    return aside


def _readable(path: Path) -> bool:
    try:
        return read_briefing(path) is not None
    except StoreError:
        return False


def _name(layout: Layout, path: Path) -> str:
    return str(path.relative_to(layout.root))


def _json(data: Any) -> bytes:
    import orjson

    return orjson.dumps(data)
