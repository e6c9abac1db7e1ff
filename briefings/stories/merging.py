"""Merging briefings into one story view: ``merge(briefings, identities)``, pure and fast.

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

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..identities import Identities
from ..model import Briefing, Event, Quote
from ..names import fold, name_key
from ..unionfind import UnionFind
from .view import (
    Members,
    QuoteGroup,
    Source,
    StoryActor,
    StoryEvent,
    StoryQuote,
    StoryView,
)


def merge(briefings: Iterable[Briefing], identities: Identities | None = None, *,
          name: str = "") -> StoryView:
    """One view of many briefings: merged timeline, actors and quotes. Pure."""
    ids = identities or Identities()
    unique = {b.id: b for b in briefings}
    ordered = sorted(unique.values(), key=lambda b: (b.source.published or "9999", b.id))
    ordered = [ids.apply(b) for b in ordered]
    actors, actor_of = _merge_actors(ordered, ids)
    words: dict[Source, frozenset[str]] = {}
    events = _merge_events(ordered, actor_of, words)
    quotes = _group_quotes(ordered, actors, actor_of)
    return StoryView(name=name, briefings=Members.of(ordered), events=events, report_words=words,
                     actors=actors, quotes=quotes, _actor_of=actor_of)


def _merge_actors(briefings: Sequence[Briefing], ids: Identities) -> tuple[tuple[StoryActor, ...], dict[Source, str]]:
    nodes = [(b.id, a) for b in briefings for a in b.actors]
    joined = UnionFind(len(nodes))
    for i, (_, actor) in enumerate(nodes):
        # A person and an organisation sharing a name ("Washington") are not
        # joined on their own; the reader's merge joins anything.
        cls = "person" if actor.kind == "person" else "other"
        keys = (k for n in actor.names if (k := name_key(n)))
        joined.join_on(i, (ids.canonical(k) if ids.is_grouped(k) else (cls, ids.canonical(k)) for k in keys))
    groups = joined.groups()

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


def event_words(folded: str) -> frozenset[str]:
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


def _merge_events(briefings: Sequence[Briefing], actor_of: dict[Source, str],
                  words_of: dict[Source, frozenset[str]]) -> tuple[StoryEvent, ...]:
    """The timeline; ``words_of`` is given each report's words (the check compares them too)."""
    buckets: dict[tuple[str, str | None], list[_Cluster]] = {}
    alone: list[_Cluster] = []
    postings: dict[tuple[str, str | None], dict[str, list[int]]] = {}
    folded: dict[Source, str] = {}  # (briefing id, event id) -> folded summary, for the words and the final order
    for b in briefings:
        for event in b.events:
            actors = frozenset(actor_of.get((b.id, a), a) for a in event.actors)
            folded[b.id, event.id] = fold(event.summary)
            words = words_of[b.id, event.id] = event_words(folded[b.id, event.id])
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
