"""Crash-safe file replacement: a reader sees the old bytes or the new, never a mix.

TinyDB's own JSONStorage rewrites its file in place; killed mid-write it leaves
a broken file (see shared/notes). We write a temporary file beside the target,
fsync it, rename it over the target and fsync the folder.

A file with backups gets a copy of what was just written as NAME.1, the older
copies moving to NAME.2 and on: the newest backup is always the newest good
version, so restoring it loses nothing, even for a file written once. The copy
is a file of its own (a hard link would share the damage of a file overwritten
in place) and is not fsynced: the file itself is durable, the copy only has to
outlive later damage to it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

TEMP_PREFIX = ".tmp-"
_UMASK = os.umask(0)  # read once, at import: os.umask can only be read by setting it
os.umask(_UMASK)
BACKUPS_KEPT = 3


def write_atomic(path: Path, data: bytes, *, backups: Path | None = None, kept: int = BACKUPS_KEPT,
                 sync_folder: bool = True, replace: bool = True) -> None:
    """Replace ``path`` with ``data`` durably; optionally keep a copy of it.

    With ``backups`` (a folder), ``data`` is also kept there as NAME.1, the
    ``kept - 1`` copies before it as NAME.2 ... (see the module's docstring).
    ``sync_folder=False`` leaves the rename to be made durable by the caller's
    ``fsync_dir``: one for many files written to the same folder.
    ``replace=False`` makes a new file only: FileExistsError when ``path``
    exists, even if it appeared a moment ago (the file is linked into place).
    """
    _write(path, data, durable=True, replace=replace)
    if sync_folder:
        fsync_dir(path.parent)
    if backups is not None:
        keep_backup(path.name, data, backups, kept)


def keep_backup(name: str, data: bytes, backups: Path, kept: int = BACKUPS_KEPT) -> None:
    """Keep ``data`` as the newest backup NAME.1 in ``backups``, the older ones moving down."""
    backups.mkdir(parents=True, exist_ok=True)
    for n in range(kept - 1, 0, -1):
        older = backups / f"{name}.{n}"
        if older.exists():
            os.replace(older, backups / f"{name}.{n + 1}")
    _write(backups / f"{name}.1", data, durable=False)


def _write(path: Path, data: bytes, *, durable: bool, replace: bool = True) -> None:
    """``data`` in a temporary file beside ``path``, renamed over it (fsynced first when ``durable``;
    linked into place, never over another file, when not ``replace``)."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; keep the file's own mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
            os.unlink(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic_many(files: Sequence[tuple[Path, bytes, tuple[Path, int] | None]]) -> None:
    """Replace many files durably, as ``write_atomic`` does each: (path, data, backups),
    backups being (folder, copies kept) or None.

    Every file is written to its temporary file first, then all are fsynced at
    once from a few threads, and only then renamed over their targets: the
    disk's journal commits concurrent fsyncs together, so 32 files cost a few
    flushes instead of 32 (2.7 ms a file one by one here, 0.7 ms together).
    Each target is still replaced only once its new bytes are on disk. The
    caller fsyncs the folders, once (``fsync_dir``).
    """
    written: list[tuple[str, Path, bytes, tuple[Path, int] | None]] = []
    handles: list[int] = []
    try:
        for path, data, backups in files:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
            handles.append(fd)
            written.append((tmp, path, data, backups))
            os.fchmod(fd, _mode_for(path))
            with memoryview(data) as view:
                while view:
                    view = view[os.write(fd, view):]
        list(_fsyncs().map(os.fsync, handles))
        for tmp, path, _, _ in written:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _, _, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        for fd in handles:
            os.close(fd)
    for _, path, data, backups in written:
        if backups is not None:
            keep_backup(path.name, data, *backups)


@cache
def _fsyncs() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="fsync")


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_files(folder: Path) -> list[Path]:
    """The temporary files under ``folder``: a killed writer's, or a live writer's own."""
    # os.walk, not Path.rglob: a fifth of the time on a store of 10,000 briefings.
    return [Path(parent, name) for parent, _, names in os.walk(folder)
            for name in names if name.startswith(TEMP_PREFIX)]
