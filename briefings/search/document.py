"""What the search index holds of one briefing: a ``Document``.

A document is the briefing's title and outlet, one line of text per entry
(an actor's names and description, an event's summary and date as written, a
quote and its speaker; the reader's note and tags on it), the dates it
covers, its actors' names as keys, and per entry what the filters ask
(kind, tags, star, actors). It is kept in the index compressed (``pack``)
beside the full-text tables, which hold no text of their own: the document
gives the snippets, the entries a hit is on, and what to take out of the
full-text tables when the briefing changes.

``columns`` is what the full-text table indexes, ``keys`` and ``marks`` what
the filters' tables do (see ``index``); all are folded (``names.fold``) as the
query's words are.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import orjson

from ..model import Briefing
from ..names import fold, name_key

KINDS = {"a": "actor", "e": "event", "q": "quote"}  # an entry's kind as stored -> as the query says it
_NOT_KEY = re.compile(r"[^\w]+")


class Entry(NamedTuple):  # a tuple: a briefing makes forty, and an import thousands of briefings
    id: str
    kind: str  # "a", "e" or "q"; "b" for a note on the briefing itself
    text: str
    note: str = ""
    tags: tuple[str, ...] = ()
    starred: bool = False
    actors: tuple[str, ...] = ()  # actor ids
    start: str | None = None  # an event's dates
    end: str | None = None

    @property
    def reader_text(self) -> str:
        """What the reader wrote on it: the note and the tags."""
        return " ".join([self.note, *self.tags]).strip()

    @property
    def searched_text(self) -> str:
        """Its text and what the reader wrote on it: what a search looks in, and a snippet shows."""
        return f"{self.text} {self.reader_text}".strip() if self.note or self.tags else self.text


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    outlet: str
    published: str | None
    entries: tuple[Entry, ...]
    names: dict[str, tuple[str, ...]]  # actor id -> its names and aliases as keys (``name_key``)

    @property
    def span(self) -> tuple[str | None, str | None]:
        """The dates the briefing covers: its publication date, else its events' dates."""
        if self.published:
            return self.published, self.published
        starts = [e.start for e in self.entries if e.start]
        ends = [e.end or e.start for e in self.entries if e.start]
        return (min(starts), max(ends)) if starts else (None, None)

    def columns(self) -> tuple[str, ...]:
        """The full-text columns, folded: title, outlet, actors, events, quotes, notes."""
        by_kind: dict[str, list[str]] = {"a": [], "e": [], "q": [], "b": []}
        notes = []
        for e in self.entries:
            by_kind[e.kind].append(e.text)
            if e.note or e.tags:
                notes.append(e.reader_text)
        return (fold_words(self.title), fold_words(self.outlet), *(fold_words("\n".join(by_kind[k])) for k in "aeq"),
                fold_words("\n".join(notes)))

    def keys(self) -> str:
        """The briefing's filter keys, one token each: its actors' names, its tags,
        ``starred``, and the kinds of entries it has (``kind:note`` for a note)."""
        tokens = {key_token("name", k) for keys in self.names.values() for k in keys}
        tokens.update(key_token("kind", KINDS.get(kind, "note")) for kind in {e.kind for e in self.entries})
        for e in self.entries:
            if e.tags or e.starred or e.note:
                tokens.update(key_token("tag", t) for t in e.tags)
                if e.starred:
                    tokens.add("starred")
                if e.note or e.tags:
                    tokens.add("kind_note")
        return " ".join(sorted(tokens))

    def marks(self) -> Iterator[tuple[int, str]]:
        """(entry number, its keys) for each entry the reader marked (tags or a star):
        the filters that must hold for one same entry are answered from these."""
        for n, e in enumerate(self.entries):
            if e.tags or e.starred:
                yield n, " ".join(sorted(self.entry_keys(e)))

    def entry_keys(self, e: Entry) -> set[str]:
        tokens = {key_token("tag", t) for t in e.tags}
        tokens.add(key_token("kind", KINDS.get(e.kind, "note")))
        if e.starred:
            tokens.add("starred")
        if e.note or e.tags:
            tokens.add("kind_note")
        tokens.update(key_token("name", k) for a in e.actors for k in self.names.get(a, ()))
        return tokens


def fold_words(text: str) -> str:
    """``names.fold`` as far as words go (case and accents), spaces left as they are."""
    if text.isascii():
        return text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=100_000)  # names and tags recur across briefings
def key_token(what: str, key: str) -> str:
    """A name key, tag or kind as one token of the filters' tables ("name", "march 23
    movement" -> "name_march_23_movement")."""
    return f"{what}_{_NOT_KEY.sub('_', fold(key)).strip('_')}"


def document_of(briefing: Briefing) -> Document:
    notes = briefing.annotations
    entries = []

    def add(entry_id: str, kind: str, text: str, actors: tuple[str, ...], start: str | None = None,
            end: str | None = None) -> None:
        a = notes.get(entry_id)
        if a is None:
            entries.append(Entry(entry_id, kind, text, "", (), False, actors, start, end))
        else:
            entries.append(Entry(entry_id, kind, text, a.note, tuple(fold(t) for t in a.tags), a.starred, actors,
                                 start, end))

    for actor in briefing.actors:
        add(actor.id, "a", " ".join([*actor.names, actor.description]).strip(), (actor.id,))
    for event in briefing.events:
        w = event.when
        add(event.id, "e", f"{event.summary} {w.text}".strip(), event.actors, w.start, w.end or w.start)
    for quote in briefing.quotes:
        speaker = (quote.speaker,) if quote.speaker else ()
        add(quote.id, "q", f"{quote.text} {quote.speaker_name or ''}".strip(), speaker)
    for entry_id in sorted(set(notes) - briefing.entry_ids()):  # notes on the briefing itself
        add(entry_id, "b", "", ())
    names = {a.id: tuple(sorted({name_key(n) for n in a.names} - {""})) for a in briefing.actors}
    return Document(briefing.id, briefing.title, briefing.source.outlet or "", briefing.source.published,
                    tuple(entries), names)


def pack(doc: Document) -> bytes:
    entries = [tuple(e) for e in doc.entries]  # orjson writes tuples, not named ones
    return zlib.compress(orjson.dumps([doc.id, doc.title, doc.outlet, doc.published, entries, doc.names]), 6)


def unpack(data: bytes) -> Document:
    doc_id, title, outlet, published, entries, names = orjson.loads(zlib.decompress(data))
    return Document(doc_id, title, outlet, published,
                    tuple(Entry(i, k, t, n, tuple(tags), s, tuple(a), start, end)
                          for i, k, t, n, tags, s, a, start, end in entries),
                    {a: tuple(keys) for a, keys in names.items()})


def entry_hays(doc: Document) -> list[tuple[Entry, str]]:
    """Each entry with the folded text a word is matched in (its text, note and tags)."""
    return [(e, fold(e.searched_text)) for e in doc.entries]
