"""The search query language: what the reader types, read into a ``Query``.

Filters combine with AND::

    bisie mine            words (or "quoted phrases") in titles, entries, notes, tags
    tag:verify            an entry tagged verify
    starred               a starred entry (also is:starred)
    actor:"M23"           an actor named so, or with that alias, or merged with it
    after:2025-03-01      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    before:2025-04        published before
    outlet:reuters        outlet contains

``tag:``, ``starred`` and ``actor:`` must hold for one same entry (the
actor's own entry, an event it takes part in or a quote it speaks); a
briefing without a publication date is placed by its events' dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import BriefingError
from ..names import fold, name_key


class QueryError(BriefingError):
    """A search query the reader has to fix (shown as they type)."""


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    starred: bool = False
    actors: tuple[str, ...] = ()
    after: str | None = None  # inclusive, YYYY-MM-DD
    before: str | None = None  # exclusive
    outlets: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.tags or self.starred or self.actors or self.after
                    or self.before or self.outlets)

    @property
    def on_entries(self) -> bool:
        return bool(self.tags or self.starred or self.actors)


_FILTERS = ("tag", "actor", "after", "before", "outlet", "is")
_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')


def parse(text: str) -> Query:
    """Read a query; QueryError names what to fix. Incomplete filters ("tag:") are ignored."""
    words, tags, actors, outlets = [], [], [], []
    starred = False
    after = before = None
    for m in _TOKEN.finditer(text):
        key, quoted, bare = m.group(1), m.group(2), m.group(3)
        value = quoted if quoted is not None else (bare or "")
        key = key.lower() if key else None
        if key is None and bare and bare.endswith(":") and bare[:-1].lower() in _FILTERS:
            continue  # a filter still being typed
        if key is None and quoted is None and value.lower() in ("starred", "is:starred"):
            starred = True
        elif key == "is" and value.lower() == "starred":
            starred = True
        elif key == "tag":
            if fold(value):
                tags.append(fold(value))
        elif key == "actor":
            if name_key(value):
                actors.append(name_key(value))
        elif key == "outlet":
            if fold(value):
                outlets.append(fold(value))
        elif key in ("after", "before"):
            if value:
                bound = _date(value, key)
                after, before = (bound, before) if key == "after" else (after, bound)
        else:
            word = fold(f"{m.group(1)}:{value}" if key else value)
            if word:
                words.append(word)
    return Query(tuple(words), tuple(tags), starred, tuple(actors), after, before, tuple(outlets), text)


def _date(value: str, key: str) -> str:
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1).isoformat()
        if len(parts) == 2 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), 1).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{key}: needs a date such as 2025, 2025-03 or 2025-03-01, not {value!r}") from None
