"""Where everything of a store lives: every file and folder, declared once.

A store is a folder::

    store.json              schema version, when made, whether the sample was seeded
    index/xx.json           one row per briefing, sharded by id (256 shards)
    briefings/ID.json       the extracted briefing (replaced on re-import)
    annotations/ID.json     the reader's annotations, keyed by entry id
    tags.json               every tag used, for completion
    stories.json            the reader's stories and the briefings each holds
    identities.json         the reader's actor decisions (merges and splits)
    views.json              saved searches
    feeds.json              followed feeds and the items already taken
    search/index.db         the search index, SQLite full-text tables (derived)
    cache/                  other derived data: the library's order, stories' merged views
    undo.json               the actions taken from the command line, for ``briefing undo``
    backups/                the newest good versions of the reader's files: NAME.1 (as
                            last written) to NAME.3 for annotations/ID.json and the
                            files above; briefings/ID.json.1 and index/xx.json.1 for
                            each briefing and index shard; a copy of the store made
                            before migrating it
    .importing              the ids of the briefings an import is writing; left
                            behind by an import killed between a briefing and its index row
    .lock                   taken for every write

Derived data (``index/``, ``tags.json``, ``search/``, ``cache/``) is made again
from the briefings and annotations when it is missing or damaged; the reader's
own files are restored from ``backups/``. Nothing else in the code base spells a
store's file names.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from ..gate import is_id
from .atomic import TEMP_PREFIX

SCHEMA = 1  # the layout's version: ``migrate`` brings an older store up to it
FOLDERS = ("index", "briefings", "annotations", "backups")  # made with the store
BRIEFING_BACKUPS = 1  # versions kept of a briefing file (the article can be imported again)


class Layout:
    """The paths of one store folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.meta = root / "store.json"
        self.index = root / "index"
        self.briefings = root / "briefings"
        self.annotations = root / "annotations"
        self.tags = root / "tags.json"
        self.stories = root / "stories.json"
        self.identities = root / "identities.json"
        self.views = root / "views.json"
        self.feeds = root / "feeds.json"
        self.search = root / "search"
        self.search_index = self.search / "index.db"
        self.cache = root / "cache"
        self.library_order = self.cache / "library.json"
        self.story_views = self.cache / "stories"
        self.undo_log = root / "undo.json"
        self.backups = root / "backups"
        self.journal = root / ".importing"
        self.lock = root / ".lock"
        # Plain strings for the paths stamped most often (a story's screen stats 500 files a second).
        self._briefings_dir, self._annotations_dir = str(self.briefings), str(self.annotations)

    def briefing(self, briefing_id: str) -> Path:
        return self.briefings / f"{checked_id(briefing_id)}.json"

    def annotations_of(self, briefing_id: str) -> Path:
        return self.annotations / f"{checked_id(briefing_id)}.json"

    def index_shard(self, briefing_id: str) -> Path:
        """The index file that holds a briefing's row (256 of them, by the id's last two characters)."""
        return self.index / shard_name(briefing_id)

    def briefing_files(self, briefing_id: str) -> tuple[str, str]:
        """The briefing's two files (its entries, its annotations) as plain strings."""
        name = f"{checked_id(briefing_id)}.json"
        return os.path.join(self._briefings_dir, name), os.path.join(self._annotations_dir, name)

    def reader_files(self) -> tuple[Path, ...]:
        """The store's own files beside the folders, each the reader's work (backed up)."""
        return (self.meta, self.stories, self.identities, self.views, self.feeds, self.undo_log)

    def backups_of(self, path: Path) -> tuple[Path, int] | None:
        """Where a file's backups go and how many are kept; None for derived data,
        which is made again instead."""
        if path.parent in (self.briefings, self.index):  # an index row keeps when it was imported, and read
            return self.backups / path.parent.name, BRIEFING_BACKUPS
        if path.parent == self.annotations or path in self.reader_files():
            return self.backups, 3
        return None

    def backup_versions(self, path: Path) -> list[Path]:
        """The backups of a file, newest (as last written) first; none for derived data."""
        folder, kept = self.backups_of(path) or (self.backups, 0)
        return [folder / f"{path.name}.{n}" for n in range(1, kept + 1)]

    def set_aside(self, path: Path) -> Path:
        """Where a deleted briefing's annotations (or its backup) are kept: beside the
        backups, named deleted-NAME, never restored by ``briefing doctor``."""
        folder = path.parent if path.parent.parent == self.backups or path.parent == self.backups else self.backups
        return folder / f"deleted-{path.name}"

    def looks_like_a_store(self) -> bool:
        """Whether the folder holds a store, even one whose ``store.json`` is lost."""
        return self.meta.exists() or any((self.root / folder).is_dir() for folder in FOLDERS[:3])

    def is_ours_or_empty(self) -> bool:
        """Whether a store may be made here: a new or empty folder (a lock or a temporary
        file of ours aside), never inside another application's folder."""
        try:
            names = os.listdir(self.root)
        except FileNotFoundError:
            return True
        except NotADirectoryError:
            return False
        return all(n in (".lock", *FOLDERS) or n.startswith(TEMP_PREFIX) for n in names)


def shard_name(briefing_id: str) -> str:
    return f"{briefing_id[-2:]}.json"


def checked_id(briefing_id: str) -> str:
    """Ids are hex from ``stable_id``; refuse anything that could name another path, or
    be too long for a file name (``gate.is_id``: at most 100 ASCII letters, digits, - or _)."""
    if not is_id(briefing_id):
        shown = briefing_id[:40] + ("…" if len(briefing_id) > 40 else "")
        raise StoreError(f"not a briefing id: {shown!r}")
    return briefing_id
