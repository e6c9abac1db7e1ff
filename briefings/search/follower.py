"""What keeps the search index in step with the store: told of every write.

Registered by ``follow`` (the desk does it as it opens a store, and every use
of the index): every store of the process then calls it inside its lock,
before and after each write (see ``store.followers``). A new store gets its
index with its first briefing; an older one with no index yet is left alone
(the index is made when first needed, from the files). Both the full-text
tables and the library's copy of the index rows (``library``) follow. Light
to import, so that opening the app does not load SQLite.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StoreError
from ..store import Store
from ..store.followers import Written, follow_every_store


class Follower:
    """Notes the briefings a write is about to change as pending, then indexes them
    as written and clears the note, in one transaction; copies their library rows."""

    def writing(self, store: Store, written: Written) -> None:
        from .index import index_of, note_pending
        from .library import start_write

        if store.layout.search_index.exists() or store.is_empty():  # a new store is indexed from the start
            def note() -> None:
                with index_of(store).writing(store) as conn:
                    if written.rows:
                        start_write(conn, store)
                    if written.files:
                        note_pending(conn, written.ids)
            self._guarded(store, note)

    def written(self, store: Store, written: Written) -> None:
        from .index import index_of, reindex
        from .library import sync

        def copy_rows() -> None:
            with index_of(store).writing(store) as conn:
                sync(conn, store, written.ids)

        if store.layout.search_index.exists():
            if written.rows:  # first: the library reads its copy again as soon as it agrees
                self._guarded(store, copy_rows)
            if written.files:
                self._guarded(store, lambda: reindex(store, written.ids, written.briefings))

    @staticmethod
    def _guarded(store: Store, work: Callable[[], None]) -> None:
        """The files are written whatever happens here: when the index cannot follow
        (a full disk, a damaged file), it is dropped, to be made again."""
        from .index import index_of

        try:
            work()
        except (OSError, StoreError):
            index_of(store).discard()


FOLLOWER = Follower()


def follow() -> None:
    """Keep the search index of every store in step with its writes, from now on."""
    follow_every_store(FOLLOWER)
