"""The store: briefings, the reader's annotations and every other file of a store
folder, written atomically under a lock (see ``layout`` for the folder)."""

from .changes import Changes, Watch
from .index import IndexRow, IndexRows, Library
from .store import ReadOnlyStore, Store, default_root, now

__all__ = ["Changes", "IndexRow", "IndexRows", "Library", "ReadOnlyStore", "Store", "Watch", "default_root", "now"]
