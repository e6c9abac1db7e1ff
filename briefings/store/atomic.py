"""Crash-safe file replacement: a reader sees the old bytes or the new, never a mix.

TinyDB's own JSONStorage rewrites its file in place; killed mid-write it leaves
a broken file (see shared/notes). We write a temporary file beside the target,
fsync it, rename it over the target and fsync the folder.
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


def write_atomic(path: Path, data: bytes, *, backups: Path | None = None, sync_folder: bool = True) -> None:
    """Replace ``path`` with ``data`` durably; optionally keep the old versions.

    With ``backups`` (a folder), the replaced file is kept as NAME.1 (newest)
    to NAME.{BACKUPS_KEPT}; hard links make that cost a few renames, no copy.
    ``sync_folder=False`` leaves the rename to be made durable by the caller's
    ``fsync_dir``: one for many files written to the same folder.
    """
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; keep the file's own mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backups is not None and path.exists():
            _rotate_backups(path, backups)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync_folder:
        fsync_dir(path.parent)


def write_atomic_many(files: Sequence[tuple[Path, bytes, Path | None]]) -> None:
    """Replace many files durably, as ``write_atomic`` does each: (path, data, backups).

    Every file is written to its temporary file first, then all are fsynced at
    once from a few threads, and only then renamed over their targets: the
    disk's journal commits concurrent fsyncs together, so 32 files cost a few
    flushes instead of 32 (2.7 ms a file one by one here, 0.7 ms together).
    Each target is still replaced only once its new bytes are on disk. The
    caller fsyncs the folders, once (``fsync_dir``).
    """
    written: list[tuple[str, Path, Path | None]] = []
    handles: list[int] = []
    try:
        for path, data, backups in files:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
            handles.append(fd)
            written.append((tmp, path, backups))
            os.fchmod(fd, _mode_for(path))
            with memoryview(data) as view:
                while view:
                    view = view[os.write(fd, view):]
        list(_fsyncs().map(os.fsync, handles))
        for tmp, path, backups in written:
            if backups is not None and path.exists():
                _rotate_backups(path, backups)
            os.replace(tmp, path)
    except BaseException:
        for tmp, _, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        for fd in handles:
            os.close(fd)


@cache
def _fsyncs() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="fsync")


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _rotate_backups(path: Path, backups: Path) -> None:
    backups.mkdir(parents=True, exist_ok=True)
    for n in range(BACKUPS_KEPT - 1, 0, -1):
        older = backups / f"{path.name}.{n}"
        if older.exists():
            os.replace(older, backups / f"{path.name}.{n + 1}")
    newest = backups / f"{path.name}.1"
    newest.unlink(missing_ok=True)
    os.link(path, newest)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_temp_files(folder: Path) -> int:
    """Delete the temporary files a killed writer left behind; return how many."""
    removed = 0
    # os.walk, not Path.rglob: a fifth of the time on a store of 10,000 briefings.
    for parent, _, names in os.walk(folder):
        for name in names:
            if name.startswith(TEMP_PREFIX):
                Path(parent, name).unlink(missing_ok=True)
                removed += 1
    return removed
