"""What a story shows: its articles merged into one timeline, one actors list and
quotes by speaker (``merge`` makes it; ``cache`` keeps it).

A row keeps every source it came from, (briefing id, entry id), so the reader
annotates the article's own entry and can open the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Annotation, Briefing, Event, Quote, When
from ..model import Source as ArticleSource

if TYPE_CHECKING:
    from .corroboration import StoryCheck

Source = tuple[str, str]  # (briefing id, entry id)


@dataclass(frozen=True)
class StoryActor:
    key: str  # unique in the view; stable while the names do not change
    name: str
    names: tuple[str, ...]  # the name first, then every other name and alias seen
    kind: str
    appearances: tuple[Source, ...]  # (briefing id, actor id), one per article
    description: str = ""

    @property
    def articles(self) -> int:
        return len({b for b, _ in self.appearances})


@dataclass(frozen=True)
class StoryEvent:
    event: Event  # as the first article to report it words it
    briefing_id: str  # that article
    sources: tuple[Source, ...]  # (briefing id, event id) of every report
    reported_by: int  # how many articles report it
    actors: tuple[str, ...] = ()  # StoryActor keys

    @property
    def when(self) -> When:
        return self.event.when


@dataclass(frozen=True)
class StoryQuote:
    quote: Quote
    briefing_id: str
    sources: tuple[Source, ...]  # (briefing id, quote id) of every article quoting it


@dataclass(frozen=True)
class QuoteGroup:
    speaker: str  # the speaker's name as shown
    actor: str | None  # the StoryActor key, None when the speaker is no known actor
    quotes: tuple[StoryQuote, ...]


@dataclass(frozen=True)
class Head:
    """What a story shows of an article without reading it."""

    title: str
    source: ArticleSource


class Members(MutableMapping[str, Briefing]):
    """A story's briefings by id, oldest publication first.

    A view opened from its stored copy (``cache``) knows each article's
    title, source and annotations without reading it; the briefing itself is
    read when first asked for (the detail pane, an export). A briefing that
    can no longer be read is missing (KeyError), never an error on screen.
    """

    def __init__(self, heads: dict[str, Head], notes: dict[str, dict[str, Annotation]] | None = None,
                 read: Callable[[str], Briefing] | None = None) -> None:
        self._heads = heads
        self._notes = notes or {}
        self._read = read
        self._loaded: dict[str, Briefing] = {}

    @classmethod
    def of(cls, briefings: Iterable[Briefing]) -> Members:
        """Members already read (a merge of briefings in memory)."""
        members = cls({})
        for b in briefings:
            members[b.id] = b
        return members

    def __getitem__(self, briefing_id: str) -> Briefing:
        found = self._loaded.get(briefing_id)
        if found is None:
            if briefing_id not in self._heads or self._read is None:
                raise KeyError(briefing_id)
            try:
                found = self._loaded[briefing_id] = self._read(briefing_id)
            except StoreError:
                raise KeyError(briefing_id) from None
        return found

    def __setitem__(self, briefing_id: str, briefing: Briefing) -> None:
        self._heads[briefing_id] = Head(briefing.title, briefing.source)
        self._loaded[briefing_id] = briefing

    def __delitem__(self, briefing_id: str) -> None:
        del self._heads[briefing_id]
        self._loaded.pop(briefing_id, None)
        self._notes.pop(briefing_id, None)

    def __contains__(self, briefing_id: object) -> bool:  # without reading the briefing
        return briefing_id in self._heads

    def __iter__(self) -> Iterator[str]:
        return iter(self._heads)

    def __len__(self) -> int:
        return len(self._heads)

    def head(self, briefing_id: str) -> Head | None:
        return self._heads.get(briefing_id)

    def annotations(self, briefing_id: str) -> dict[str, Annotation]:
        """The reader's annotations on one article (as last read)."""
        found = self._loaded.get(briefing_id)
        return found.annotations if found is not None else self._notes.get(briefing_id, {})


@dataclass(frozen=True)
class StoryView:
    name: str
    briefings: Members  # by id, oldest publication first
    events: tuple[StoryEvent, ...]
    actors: tuple[StoryActor, ...]
    quotes: tuple[QuoteGroup, ...]
    missing: tuple[str, ...] = ()  # story members no longer in the store
    _actor_of: dict[Source, str] = field(default_factory=dict, repr=False, compare=False)
    # The members' Store.stamp when they were read (empty for a merge in memory).
    stamps: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)
    # Events per actor key, when known without reading every event (a stored view).
    event_counts: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    # Where the sources agree and differ (``corroboration``): made with the stored view.
    check: StoryCheck | None = field(default=None, repr=False, compare=False)
    # Each report's words as the merge compared them (a merge in memory; the check reuses them).
    report_words: dict[Source, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def actor(self, key: str) -> StoryActor | None:
        return next((a for a in self.actors if a.key == key), None)

    def actor_key(self, briefing_id: str, actor_id: str) -> str | None:
        """The StoryActor a briefing's actor became."""
        return self._actor_of.get((briefing_id, actor_id))

    def annotation(self, briefing_id: str, entry_id: str) -> Annotation | None:
        return self.briefings.annotations(briefing_id).get(entry_id)

    def events_of(self, actor_key: str) -> tuple[StoryEvent, ...]:
        return tuple(e for e in self.events if actor_key in e.actors)

    def event_count(self, actor_key: str) -> int:
        if self.event_counts:
            return self.event_counts.get(actor_key, 0)
        return len(self.events_of(actor_key))

    def title(self, briefing_id: str) -> str:
        head = self.briefings.head(briefing_id)
        return head.title if head else briefing_id

    @property
    def unresolved(self) -> int:
        return sum(not e.when.resolved for e in self.events)


def first_sources(items: Sequence[StoryEvent] | Sequence[StoryQuote]) -> Sequence[Source]:
    """Where each row is annotated (its first source), without decoding the rows
    a stored view has not decoded yet (see ``cache``)."""
    known = getattr(items, "firsts", None)
    return known if known is not None else tuple(item.sources[0] for item in items)


def view_to_dict(view: StoryView) -> dict[str, Any]:
    """The merged view as plain data (``briefing story show --format json``)."""
    return {
        "story": view.name,
        "briefings": [{"id": b.id, "title": b.title, "outlet": b.source.outlet,
                       "published": b.source.published} for b in view.briefings.values()],
        "missing": list(view.missing),
        "events": [{"summary": e.event.summary, "when": e.when.text, "value": e.when.value,
                    "start": e.when.start, "end": e.when.end, "reported_by": e.reported_by,
                    "sources": [list(s) for s in e.sources],
                    "actors": [view.actor(k).name if view.actor(k) else k for k in e.actors]}
                   for e in view.events],
        "actors": [{"name": a.name, "names": list(a.names), "kind": a.kind,
                    "appearances": [list(s) for s in a.appearances]} for a in view.actors],
        "quotes": [{"speaker": g.speaker, "quotes": [{"text": q.quote.text, "sources": [list(s) for s in q.sources]}
                                                    for q in g.quotes]} for g in view.quotes],
    }
