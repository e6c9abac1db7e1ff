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
    backups/                the last versions of every annotations file; a copy of
                            the store made before migrating it
    .lock                   taken for every write

Derived data (``search/``, ``cache/``) is made again from the rest when it is
missing or damaged. Nothing else in the code base spells a store's file names.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError

SCHEMA = 1  # the layout's version: ``migrate`` brings an older store up to it
FOLDERS = ("index", "briefings", "annotations", "backups")  # made with the store


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
        self.backups = root / "backups"
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

    def files(self) -> list[Path]:
        """Every TinyDB file of the store that commands read (derived ones aside)."""
        return [self.meta, self.tags, self.stories, self.identities, self.views, self.feeds,
                *sorted(self.index.glob("*.json")), *sorted(self.briefings.glob("*.json")),
                *sorted(self.annotations.glob("*.json"))]


def shard_name(briefing_id: str) -> str:
    return f"{briefing_id[-2:]}.json"


def checked_id(briefing_id: str) -> str:
    """Ids are hex from ``stable_id``; refuse anything that could name another path."""
    if not briefing_id or not all(c.isalnum() or c in "-_" for c in briefing_id):
        raise StoreError(f"not a briefing id: {briefing_id!r}")
    return briefing_id
