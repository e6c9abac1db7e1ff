"""The search query language: what the reader types, read into a ``Query``.

Words and filters combine with AND::

    bisie mine            briefings with words starting so, in titles, entries, notes, tags
    "exact phrase"        these words, whole and in this order
    tin OR cobalt         either (OR binds the words on each side of it)
    -rumour               not this word (also -"a phrase")
    tag:verify            an entry tagged verify
    starred               a starred entry (also is:starred)
    actor:"M23"           an actor named so, or with that alias, or merged with it
    kind:quote            the words in quotes (actor, event, quote, note); entries of that kind
    after:2025-03-01      published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    before:2025-04        published before
    outlet:reuters        an outlet with a word starting so

A word matches the words it begins, so that results narrow as the reader
types; a single letter matches only itself (as the first letter of a word
it would match most of the store, slowly). ``tag:``, ``starred``, ``actor:`` and ``kind:`` must hold for one same
entry (the actor's own entry, an event it takes part in or a quote it
speaks); a briefing without a publication date is placed by its events'
dates. Hits are ranked by relevance when words are given, newest first when
only filters are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import BriefingError
from ..names import fold, name_key

TOKEN = re.compile(r"[^\W_]+")  # a word, as the full-text index splits text into words
KINDS = ("actor", "event", "quote", "note")
PREFIX_LETTERS = 2  # the shortest word that matches as a prefix (the index keeps those of two and three letters)


class QueryError(BriefingError):
    """A search query the reader has to fix (shown as they type)."""


@dataclass(frozen=True)
class Term:
    """Words to find: typed bare, a word matches the words it begins ("walik" finds
    "Walikale"; "u.n." is "u" then a word starting with "n"); quoted, a phrase of
    whole words."""

    words: tuple[str, ...]  # folded, as the index splits them
    phrase: bool = False

    @property
    def prefix(self) -> bool:
        """Whether its last word matches the words it begins (two letters or more, unquoted)."""
        return not self.phrase and len(self.words[-1]) >= PREFIX_LETTERS


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Term, ...], ...] = ()  # each must match; one of a group's terms is enough (OR)
    excluded: tuple[Term, ...] = ()
    tags: tuple[str, ...] = ()
    starred: bool = False
    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    after: str | None = None  # inclusive, YYYY-MM-DD
    before: str | None = None  # exclusive
    outlets: tuple[Term, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.excluded or self.tags or self.starred or self.actors or self.kinds
                    or self.after or self.before or self.outlets)

    @property
    def has_words(self) -> bool:
        return bool(self.groups)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term that makes a hit (the words to highlight)."""
        return tuple(t for group in self.groups for t in group)

    @property
    def on_entries(self) -> bool:
        """Whether the filters pick entries (to highlight), not only briefings."""
        return bool(self.tags or self.starred or self.actors or self.kinds)


_FILTERS = ("tag", "actor", "after", "before", "outlet", "is", "kind")
_PIECE = re.compile(r'(-)?(?:(\w+):)?(?:"([^"]*)"?|(\S+))')


def parse(text: str) -> Query:
    """Read a query; QueryError names what to fix. Incomplete filters ("tag:") are ignored."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    tags, actors, kinds, outlets = [], [], [], []
    starred, joining = False, False
    after = before = None
    for m in _PIECE.finditer(text):
        minus, key, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        value = quoted if quoted is not None else (bare or "")
        key = key.lower() if key else None
        if key and key not in _FILTERS:  # "m23:" or "http://x": a word, not a filter
            value, key = f"{m.group(2)}:{value}", None
        if key is None and quoted is None and not minus and value.endswith(":") and value[:-1].lower() in _FILTERS:
            continue  # a filter still being typed
        if key is None and quoted is None and not minus and value == "OR":
            joining = bool(groups)
            continue
        if key is None and quoted is None and value.lower() in ("starred", "is:starred") and not minus:
            starred = True
        elif key == "is":
            if value.lower() == "starred":
                starred = True
        elif key == "tag":
            if fold(value):
                tags.append(fold(value))
        elif key == "actor":
            if name_key(value):
                actors.append(name_key(value))
        elif key == "kind":
            if value:
                kinds.append(_kind(value))
        elif key == "outlet":
            if term := _term(value, quoted is not None):
                outlets.append(term)
        elif key in ("after", "before"):
            if value:
                bound = _date(value, key)
                after, before = (bound, before) if key == "after" else (after, bound)
        elif term := _term(value, quoted is not None):
            if minus:
                excluded.append(term)
            elif joining:
                groups[-1].append(term)
            else:
                groups.append([term])
        joining = False
    return Query(tuple(tuple(g) for g in groups), tuple(excluded), tuple(tags), starred, tuple(actors),
                 tuple(dict.fromkeys(kinds)), after, before, tuple(outlets), text)


def _term(value: str, quoted: bool) -> Term | None:
    words = tuple(TOKEN.findall(fold(value)))
    return Term(words, quoted) if words else None


def _kind(value: str) -> str:
    """An entry kind, its plural or a prefix of it ("kind:q" while typing)."""
    value = value.lower().removesuffix("s")
    found = [k for k in KINDS if k.startswith(value)]
    if len(found) != 1:
        raise QueryError(f"kind: needs one of {', '.join(KINDS)}, not {value!r}")
    return found[0]


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
