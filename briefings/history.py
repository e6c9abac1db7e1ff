"""Undo for annotation changes: each change remembers what it replaced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Annotation
from .store import Store


@dataclass(frozen=True)
class Change:
    briefing_id: str
    entry_id: str
    before: Annotation
    after: Annotation


class History:
    """The annotation changes made in one session, newest last."""

    def __init__(self, store: Store, limit: int = 100) -> None:
        self.store = store
        self.limit = limit
        self._done: list[Change] = []

    def annotate(self, briefing_id: str, entry_id: str, **changes: Any) -> Annotation:
        before = self.store.annotations(briefing_id).get(entry_id, Annotation())
        after = self.store.annotate(briefing_id, entry_id, **changes)
        self._done.append(Change(briefing_id, entry_id, before, after))
        del self._done[: -self.limit]
        return after

    def undo(self) -> Change | None:
        """Put back what the last change replaced; None when there is nothing to undo."""
        if not self._done:
            return None
        change = self._done.pop()
        self.store.put_annotation(change.briefing_id, change.entry_id, change.before)
        return change

    def __len__(self) -> int:
        return len(self._done)
