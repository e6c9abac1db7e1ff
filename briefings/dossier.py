"""An actor's dossier: everything the store knows about one actor.

Every article it appears in, every event it takes part in (the same event
reported by several articles shown once), every quote it speaks, all its
names and aliases, and the reader's notes on it across briefings.

The briefings are found through the search index (``search.find.find_actor``),
so building a dossier reads only the briefings that name the actor. Names
reached through aliases found on the way ("M23" -> "March 23 Movement") are
followed too, as the story merge would join them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import BriefingError
from .identities import Identities
from .identities import load as load_identities
from .model import Annotation, Briefing
from .names import name_key
from .search.find import find_actor
from .store import Store
from .stories.merging import merge
from .stories.table import load_briefings
from .stories.view import StoryActor, StoryEvent, StoryQuote, StoryView

MAX_ROUNDS = 3


@dataclass(frozen=True)
class Note:
    """The reader's annotation on the actor, or on one of its events or quotes."""

    briefing_id: str
    entry_id: str
    annotation: Annotation
    label: str  # what the note is on: "the actor", an event's summary, a quote

@dataclass(frozen=True)
class Dossier:
    actor: StoryActor  # name, every name and alias, kind, appearances
    events: tuple[StoryEvent, ...]  # in date order
    quotes: tuple[StoryQuote, ...]  # spoken by the actor
    notes: tuple[Note, ...]  # the reader's annotations on the actor, its events and its quotes
    view: StoryView  # the briefings read, for titles and annotations of events and quotes

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def articles(self) -> tuple[Briefing, ...]:
        """The briefings it appears in, oldest publication first."""
        ids = {b for b, _ in self.actor.appearances}
        return tuple(b for b in self.view.briefings.values() if b.id in ids)


def build(store: Store, name: str, *, start: tuple[str, str] | None = None,
          identities: Identities | None = None) -> Dossier:
    """The dossier of the actor named ``name`` (a name or an alias, any case).

    ``start`` (briefing id, actor id) is the actor the reader opened it from;
    that briefing is read even if the search index lags behind.
    """
    ids = identities if identities is not None else load_identities(store)
    key = name_key(name)
    if not key:
        raise BriefingError("dossier: give an actor's name")
    keys = ids.group(key)
    wanted = set(find_actor(store, keys))
    if start:
        wanted.add(start[0])
    loaded: dict[str, Briefing] = {}
    actor = view = None
    for _ in range(MAX_ROUNDS):
        found, _missing = load_briefings(store, sorted(wanted - set(loaded)))
        loaded.update((b.id, b) for b in found)
        view = merge(loaded.values(), ids)
        actor = _pick(view, key, start)
        if actor is None:
            break
        more = {k for n in actor.names for k in ids.group(name_key(n))} - keys
        if not more:
            break
        keys |= more
        wanted |= set(find_actor(store, more))
        if wanted <= set(loaded):
            break
    if actor is None or view is None:
        raise BriefingError(f"dossier: no actor named {name!r} in the store")
    quotes = next((g.quotes for g in view.quotes if g.actor == actor.key), ())
    events = view.events_of(actor.key)
    return Dossier(actor=actor, events=events, quotes=quotes, notes=_notes(view, actor, events, quotes), view=view)


def _notes(view: StoryView, actor: StoryActor, events: tuple[StoryEvent, ...],
           quotes: tuple[StoryQuote, ...]) -> tuple[Note, ...]:
    """The reader's annotations on the actor's entries, in every briefing it appears in."""
    labels: dict[tuple[str, str], str] = {}  # (briefing id, entry id) -> what the entry is
    for source in actor.appearances:
        labels.setdefault(source, "the actor")
    for e in events:
        for source in e.sources:
            labels.setdefault(source, e.event.summary)
    for q in quotes:
        for source in q.sources:
            labels.setdefault(source, f"“{q.quote.text}”")
    notes = ((source, label, view.annotation(*source)) for source, label in labels.items())
    return tuple(Note(b, entry, note, label) for (b, entry), label, note in notes if note and not note.is_empty)


def for_actor(store: Store, briefing_id: str, actor_id: str) -> Dossier:
    """The dossier of one briefing's actor (the key the app binds on an actor)."""
    briefing = store.load(briefing_id)
    actor = briefing.actor(actor_id)
    if actor is None:
        raise BriefingError(f"briefing {briefing_id} has no actor {actor_id!r}")
    return build(store, actor.name, start=(briefing_id, actor_id))


def _pick(view: StoryView, key: str, start: tuple[str, str] | None) -> StoryActor | None:
    if start and (k := view.actor_key(*start)):
        return view.actor(k)
    matching = [a for a in view.actors if key in {name_key(n) for n in a.names}]
    return max(matching, key=lambda a: len(a.appearances), default=None)


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain data (``briefing dossier --format json``)."""
    view, actor = dossier.view, dossier.actor
    return {
        "name": actor.name, "names": list(actor.names), "kind": actor.kind,
        "articles": [{"id": b.id, "title": b.title, "outlet": b.source.outlet,
                      "published": b.source.published} for b in dossier.articles],
        "events": [{"summary": e.event.summary, "when": e.when.text, "start": e.when.start,
                    "end": e.when.end, "reported_by": e.reported_by, "sources": [list(s) for s in e.sources]}
                   for e in dossier.events],
        "quotes": [{"text": q.quote.text, "sources": [list(s) for s in q.sources]} for q in dossier.quotes],
        "notes": [{"briefing": n.briefing_id, "title": view.title(n.briefing_id), "entry": n.entry_id,
                   "on": n.label, **n.annotation.to_dict()}
                  for n in dossier.notes],
    }
