"""Stories: briefings grouped by the reader, and the merged view of a story.

``stories.json`` in the store folder holds one row per story (its name and
the ids of its briefings). ``merge(briefings, identities)`` is pure and fast:
it turns any set of briefings into one ``StoryView``:

* one timeline in date order, where the same event reported by several
  articles (same resolved dates, overlapping actors, similar words) is one
  ``StoryEvent`` with every source kept;
* one actors list, where an actor seen in several articles is one
  ``StoryActor`` (matched on names and aliases, as the reader's identity
  decisions say);
* quotes grouped by speaker, the same quote in several articles kept once.

Events are compared only within a bucket of equal resolved dates, and within
a bucket only with the events that share an actor or a word, so 500
briefings of 20 events merge in a fraction of a second.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import BriefingError, StoreError
from .identities import Identities, fold, name_key
from .identities import load as load_identities
from .model import Annotation, Briefing, Event, Quote, When
from .model import Source as ArticleSource
from .sanitize import clean
from .storage import open_db, read_json
from .store import Store, now

FILE = "stories.json"
MAX_NAME = 120

Source = tuple[str, str]  # (briefing id, entry id)


# -- the merged view ----------------------------------------------------------


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

    A view opened from its stored copy (``story_cache``) knows each article's
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
    a stored view has not decoded yet (see ``story_cache``)."""
    known = getattr(items, "firsts", None)
    return known if known is not None else tuple(item.sources[0] for item in items)


def merge(briefings: Iterable[Briefing], identities: Identities | None = None, *,
          name: str = "") -> StoryView:
    """One view of many briefings: merged timeline, actors and quotes. Pure."""
    ids = identities or Identities()
    unique = {b.id: b for b in briefings}
    ordered = sorted(unique.values(), key=lambda b: (b.source.published or "9999", b.id))
    ordered = [ids.apply(b) for b in ordered]
    actors, actor_of = _merge_actors(ordered, ids)
    events = _merge_events(ordered, actor_of)
    quotes = _group_quotes(ordered, actors, actor_of)
    return StoryView(name=name, briefings=Members.of(ordered), events=events,
                     actors=actors, quotes=quotes, _actor_of=actor_of)


def _merge_actors(briefings: Sequence[Briefing], ids: Identities) -> tuple[tuple[StoryActor, ...], dict[Source, str]]:
    nodes = [(b.id, a) for b in briefings for a in b.actors]
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Any, int] = {}
    for i, (_, actor) in enumerate(nodes):
        # A person and an organisation sharing a name ("Washington") are not
        # joined on their own; the reader's merge joins anything.
        cls = "person" if actor.kind == "person" else "other"
        for n in actor.names:
            k = name_key(n)
            if not k:
                continue
            c = ids.canonical(k)
            slot = c if ids.is_grouped(k) else (cls, c)
            if slot in owner:
                a, b = find(owner[slot]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[slot] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(find(i), []).append(i)

    out: list[StoryActor] = []
    actor_of: dict[Source, str] = {}
    used: set[str] = set()
    for members in groups.values():
        actors = [nodes[i][1] for i in members]
        counts = Counter(name_key(a.name) for a in actors)
        spelled: dict[str, str] = {}
        for a in actors:
            for n in a.names:
                spelled.setdefault(name_key(n), n)
        chosen = next((ids.display(k) for k in spelled if ids.display(k)), None)
        main = chosen or spelled[counts.most_common(1)[0][0]]
        names = [main] + [n for k, n in spelled.items() if k != name_key(main)]
        kinds = Counter(a.kind for a in actors if a.kind != "other")
        key = name_key(main) or "actor"
        while key in used:
            key += "'"
        used.add(key)
        appearances = tuple(dict.fromkeys((nodes[i][0], nodes[i][1].id) for i in members))
        for source in appearances:
            actor_of[source] = key
        out.append(StoryActor(
            key=key, name=main, names=tuple(names),
            kind=kinds.most_common(1)[0][0] if kinds else "other",
            appearances=appearances,
            description=next((a.description for a in actors if a.description), ""),
        ))
    out.sort(key=lambda a: (-a.articles, fold(a.name)))
    return tuple(out), actor_of


_WORD = re.compile(r"\w+")
_STOP = frozenset(
    "a an and are as at be been by for from has have in into is it its of on or that the "
    "their this to was were will with after before over than said says say would could about "
    "against more most also which who while".split()
)
_COMMON_TOKEN = 200  # a token shared by more events than this in one bucket picks no candidates
_CANDIDATES = 20


def _words(folded: str) -> frozenset[str]:
    """The words two reports of an event are compared on, from its folded summary."""
    out = set()
    for w in _WORD.findall(folded):
        if len(w) > 2 and w not in _STOP:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return frozenset(out)


def _same_event(words_a: frozenset[str], actors_a: frozenset[str],
                words_b: frozenset[str], actors_b: frozenset[str]) -> bool:
    union = len(words_a | words_b)
    jaccard = len(words_a & words_b) / union if union else 0.0
    if actors_a and actors_b:
        return bool(actors_a & actors_b) and jaccard >= 0.2
    return jaccard >= 0.5


@dataclass
class _Cluster:
    members: list[tuple[str, Event, frozenset[str], frozenset[str]]]
    briefings: set[str]


def _merge_events(briefings: Sequence[Briefing], actor_of: dict[Source, str]) -> tuple[StoryEvent, ...]:
    buckets: dict[tuple[str, str | None], list[_Cluster]] = {}
    alone: list[_Cluster] = []
    postings: dict[tuple[str, str | None], dict[str, list[int]]] = {}
    folded: dict[Source, str] = {}  # (briefing id, event id) -> folded summary, for the words and the final order
    for b in briefings:
        for event in b.events:
            actors = frozenset(actor_of.get((b.id, a), a) for a in event.actors)
            folded[b.id, event.id] = fold(event.summary)
            words = _words(folded[b.id, event.id])
            entry = (b.id, event, words, actors)
            if not event.when.resolved:
                alone.append(_Cluster([entry], {b.id}))
                continue
            key = (event.when.start or "", event.when.end)
            clusters = buckets.setdefault(key, [])
            index = postings.setdefault(key, {})
            tokens = [f"@{a}" for a in actors] + list(words)
            votes: dict[int, int] = {}  # cluster -> tokens shared (a plain dict: Counter costs more here)
            for t in tokens:
                posting = index.get(t)
                if posting and len(posting) <= _COMMON_TOKEN:
                    for c in posting:
                        votes[c] = votes.get(c, 0) + 1
            found = None
            for c in sorted(votes, key=votes.__getitem__, reverse=True)[:_CANDIDATES]:
                cluster = clusters[c]
                if b.id in cluster.briefings:
                    continue
                if any(_same_event(words, actors, w, a) for _, _, w, a in cluster.members[:5]):
                    found = c
                    break
            if found is None:
                found = len(clusters)
                clusters.append(_Cluster([], set()))
            clusters[found].members.append(entry)
            clusters[found].briefings.add(b.id)
            for t in tokens:
                posting = index.setdefault(t, [])
                if not posting or posting[-1] != found:
                    posting.append(found)
    out: list[StoryEvent] = []
    for cluster in [c for cs in buckets.values() for c in cs] + alone:
        first_id, first, _, _ = cluster.members[0]
        actors = tuple(dict.fromkeys(a for _, _, _, acts in cluster.members for a in sorted(acts)))
        out.append(StoryEvent(
            event=first, briefing_id=first_id,
            sources=tuple((bid, e.id) for bid, e, _, _ in cluster.members),
            reported_by=len(cluster.briefings), actors=actors,
        ))
    out.sort(key=lambda s: (s.when.start or "9999", s.when.end or "", folded[s.briefing_id, s.event.id]))
    return tuple(out)


def _group_quotes(briefings: Sequence[Briefing], actors: Sequence[StoryActor],
                  actor_of: dict[Source, str]) -> tuple[QuoteGroup, ...]:
    names = {a.key: a.name for a in actors}
    groups: dict[str, dict[str, list[tuple[str, Quote]]]] = {}
    speakers: dict[str, tuple[str, str | None]] = {}
    for b in briefings:
        for quote in b.quotes:
            key = actor_of.get((b.id, quote.speaker)) if quote.speaker else None
            if key:
                gid, shown = key, names[key]
            elif quote.speaker_name and name_key(quote.speaker_name):
                gid, shown = "?" + name_key(quote.speaker_name), quote.speaker_name
            else:
                gid, shown = "?", "unknown speaker"
            speakers.setdefault(gid, (shown, key))
            groups.setdefault(gid, {}).setdefault(_quote_key(quote.text), []).append((b.id, quote))
    out = []
    for gid, by_text in groups.items():
        shown, key = speakers[gid]
        quotes = tuple(
            StoryQuote(quote=same[0][1], briefing_id=same[0][0], sources=tuple((bid, q.id) for bid, q in same))
            for same in by_text.values()
        )
        out.append(QuoteGroup(speaker=shown, actor=key, quotes=quotes))
    out.sort(key=lambda g: (g.speaker == "unknown speaker", -len(g.quotes), fold(g.speaker)))
    return tuple(out)


def _quote_key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


# -- stories in the store -----------------------------------------------------


@dataclass(frozen=True)
class Story:
    name: str
    briefings: tuple[str, ...] = ()
    created: str | None = None


def _path(store: Store):
    return store.root / FILE


def _rows(store: Store) -> list[dict[str, Any]]:
    data = read_json(_path(store)) or {}
    return [doc for _, doc in sorted((data.get("stories") or {}).items(), key=lambda kv: int(kv[0]))]


def _story(doc: dict[str, Any]) -> Story:
    return Story(name=str(doc.get("name")), briefings=tuple(str(i) for i in doc.get("briefings") or ()),
                 created=doc.get("created"))


def _clean_name(name: str) -> str:
    cleaned = " ".join(clean(name).split())
    if not cleaned:
        raise BriefingError("a story needs a name")
    if len(cleaned) > MAX_NAME:
        raise BriefingError(f"a story name of over {MAX_NAME} characters")
    return cleaned


def _same(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def list_stories(store: Store) -> list[Story]:
    """Every story, in the order they were made (one small file)."""
    return [_story(doc) for doc in _rows(store)]


def get_story(store: Store, name: str) -> Story:
    for doc in _rows(store):
        if _same(doc.get("name", ""), name):
            return _story(doc)
    raise BriefingError(f"no story named {name!r}; make it with 'briefing story new'")


def create_story(store: Store, name: str) -> Story:
    name = _clean_name(name)
    with store.locked(), open_db(_path(store)) as db:
        table = db.table("stories")
        if any(_same(doc.get("name", ""), name) for doc in table.all()):
            raise BriefingError(f"there is already a story named {name!r}")
        table.insert({"name": name, "briefings": [], "created": now()})
    return Story(name=name, created=now())


def add_to_story(store: Store, name: str, *briefing_ids: str, create: bool = True) -> Story:
    """Put briefings in a story (made when missing, unless ``create`` is False).

    Ids already in the story are left where they are; unknown ids are refused
    before anything is written.
    """
    for briefing_id in briefing_ids:
        if not store.exists(briefing_id):
            raise BriefingError(f"no briefing with id {briefing_id!r}")
    cleaned = _clean_name(name)
    with store.locked(), open_db(_path(store)) as db:
        table = db.table("stories")
        doc = next((d for d in table.all() if _same(d.get("name", ""), cleaned)), None)
        if doc is None:
            if not create:
                raise BriefingError(f"no story named {name!r}; make it with 'briefing story new'")
            doc_id = table.insert({"name": cleaned, "briefings": [], "created": now()})
            doc = table.get(doc_id=doc_id)
        members = list(dict.fromkeys([*doc.get("briefings", []), *briefing_ids]))
        table.update({"briefings": members}, doc_ids=[doc.doc_id])
        return _story({**doc, "briefings": members})


def remove_from_story(store: Store, name: str, *briefing_ids: str) -> Story:
    with store.locked(), open_db(_path(store)) as db:
        table = db.table("stories")
        doc = next((d for d in table.all() if _same(d.get("name", ""), name)), None)
        if doc is None:
            raise BriefingError(f"no story named {name!r}")
        members = [i for i in doc.get("briefings", []) if i not in briefing_ids]
        table.update({"briefings": members}, doc_ids=[doc.doc_id])
        return _story({**doc, "briefings": members})


def delete_story(store: Store, name: str) -> None:
    """Forget a story (and its stored view); its briefings stay in the store."""
    from .story_cache import forget  # story_cache builds on this module

    with store.locked(), open_db(_path(store)) as db:
        table = db.table("stories")
        doc = next((d for d in table.all() if _same(d.get("name", ""), name)), None)
        if doc is None:
            raise BriefingError(f"no story named {name!r}")
        table.remove(doc_ids=[doc.doc_id])
        forget(store, doc["name"])


def stories_of(store: Store, briefing_id: str) -> list[Story]:
    return [s for s in list_stories(store) if briefing_id in s.briefings]


def load_briefings(store: Store, ids: Iterable[str]) -> tuple[list[Briefing], list[str]]:
    """The briefings that still exist, and the ids that no longer do."""
    found, missing = [], []
    for briefing_id in ids:
        if store.exists(briefing_id):
            found.append(store.load(briefing_id))
        else:
            missing.append(briefing_id)
    return found, missing


def open_story(store: Store, name: str, on_merge: Callable[[Story], None] | None = None) -> StoryView:
    """The merged view of a story, from its stored copy when nothing it was made
    from has changed (see ``story_cache``), else read and merged again (after
    calling ``on_merge``: hundreds of articles take a while)."""
    from .story_cache import open_view  # story_cache builds on this module

    with bulk_allocation():
        return open_view(store, get_story(store, name), on_merge)


def merge_story(store: Store, story: Story, identities: Identities | None = None) -> StoryView:
    """Read a story's briefings and merge them (what a stored view is made from)."""
    found, missing = load_briefings(store, story.briefings)
    view = merge(found, identities if identities is not None else load_identities(store), name=story.name)
    return replace(view, missing=tuple(missing))


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while a story is read and merged.

    Reading 500 briefings makes millions of objects that live on; the
    collector would scan them again and again (in the app, over half the time
    of opening a story). Reference counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Suggestion:
    story: str
    shared: tuple[str, ...]  # the actor names the briefing shares with the story

    @property
    def score(self) -> int:
        return len(self.shared)


def suggest_stories(store: Store, briefing: Briefing, limit: int = 3) -> list[Suggestion]:
    """The stories a (new) briefing shares the most actors with, best first.

    Reads the small search rows of the stories' briefings (brought up to
    date first), never the briefings themselves; stories already holding the
    briefing are left out.
    """
    from . import search

    ids = load_identities(store)
    mine: dict[str, str] = {}  # canonical key -> name shown
    for actor in ids.apply(briefing).actors:
        for n in actor.names:
            if k := name_key(n):
                mine.setdefault(ids.canonical(k), actor.name)
    if not mine:
        return []
    out = []
    for story in list_stories(store):
        if briefing.id in story.briefings:
            continue
        keys = {ids.canonical(k) for row in search.fresh_rows(store, story.briefings) for k in search.actor_keys(row)}
        shared = tuple(dict.fromkeys(mine[k] for k in mine if k in keys))
        if shared:
            out.append(Suggestion(story.name, shared))
    out.sort(key=lambda s: -s.score)
    return out[:limit]


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
