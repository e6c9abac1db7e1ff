"""Opening a story: its merged view kept in the store, so opening it again reads two files, not 500.

``cache/stories/KEY.json`` holds the merge (timeline, actors, quotes, and each
article's title and source) with what it was made from: the story's members,
the stamp (``Store.stamp``) of each member's briefing file and the reader's
identity decisions. If any of them differs (a re-import, a member added,
removed or deleted, an actor merged or split) the story is merged again and
the file rewritten.

``KEY.notes.json`` holds the members' annotations, each with the stamp of its
annotations file. Annotations change often (the reader annotates inside the
story), so they are kept out of the merge: an annotation makes the next open
read that one article's annotations again, nothing more.

The story's check (``corroboration``: its conflicts, single-source rows and
first reports) is made with the merge and kept in the same file.

Timeline rows, quotes and conflicts are stored one JSON string each and
decoded when first read: a screen shows a few dozen of 10,000. A checksum over the file
guards that lazy decoding; both files are derived data, written atomically
under the store's lock, and a damaged or unreadable one is merged again. A
store that cannot be written is read as it is, never an error for the reader.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from ..errors import StoreError
from ..identities import Identities, decisions
from ..identities import load as load_identities
from ..lazy import Lazy
from ..memory import bulk_allocation
from ..model import Annotation, Event, Quantity, Quote, Source, When
from ..names import fold
from ..store import Store, derived
from .corroboration import Conflict, StoryCheck, Version, check
from .merging import merge
from .table import Story, get_story, load_briefings
from .view import (
    Head,
    Members,
    QuoteGroup,
    StoryActor,
    StoryEvent,
    StoryQuote,
    StoryView,
    first_sources,
)

VERSION = 3  # 3: the check, and each event's quantities


def open_story(store: Store, name: str, on_merge: Callable[[Story], None] | None = None) -> StoryView:
    """The merged view of a story, from its stored copy when nothing it was made
    from has changed, else read and merged again (after calling ``on_merge``:
    hundreds of articles take a while)."""
    with bulk_allocation():
        return open_view(store, get_story(store, name), on_merge)


def merge_story(store: Store, story: Story, identities: Identities | None = None) -> StoryView:
    """Read a story's briefings and merge them (what a stored view is made from)."""
    found, missing = load_briefings(store, story.briefings)
    view = merge(found, identities if identities is not None else load_identities(store), name=story.name)
    return replace(view, missing=tuple(missing), check=check(view))


def open_view(store: Store, story: Story, on_merge: Callable[[Story], None] | None = None) -> StoryView:
    """The merged view of ``story``, from the stored copy when it is still true;
    else ``on_merge(story)`` is called and the story merged again."""
    # Stamps first: a write after them shows as a change on the next open.
    stamps = {b: store.stamp(b) for b in story.briefings}
    decided = decisions(store)
    made_of = [[d.action, d.a, d.b] for d in decided]
    ids = Identities(decided)
    base = _path(store, story.name)
    view = _stored_view(store, story, base, stamps, made_of, ids)
    if view is None:
        if on_merge is not None:
            on_merge(story)
        view = merge_story(store, story, ids)
        view = replace(view, stamps={b: stamps[b] for b in view.briefings})
        _keep_merge(store, base.with_suffix(".json"), view, story, stamps, made_of)
        notes = {b: [_plain(stamps[b][1]), _notes_doc(view.briefings.annotations(b))] for b in view.briefings}
        derived.keep(store, base.with_suffix(".notes.json"), {"version": VERSION, "notes": notes})
    return view


def forget(store: Store, name: str) -> None:
    """Drop a story's stored view (the story is deleted)."""
    base = _path(store, name)
    for path in (base.with_suffix(".json"), base.with_suffix(".notes.json")):
        path.unlink(missing_ok=True)


def _path(store: Store, name: str) -> Path:
    """cache/stories/KEY, KEY from the story's name as stories match names (folded)."""
    key = hashlib.sha1(fold(name).encode("utf-8")).hexdigest()[:16]
    return store.layout.story_views / key


def _plain(stamp: Any) -> Any:
    return list(stamp) if stamp is not None else None


def _flat(pairs: Sequence[tuple[str, str]]) -> list[str]:
    return [x for pair in pairs for x in pair]


def _pairs(flat: list[str]) -> tuple[tuple[str, str], ...]:
    it = iter(flat)
    return tuple(zip(it, it))


def _span(value: Any) -> tuple[int, int] | None:
    return (value[0], value[1]) if value is not None else None


class StoredRows(Lazy):
    """Stored rows (one JSON line each) decoded on first read.

    ``firsts`` is each row's first source, known without decoding: where the
    row's annotation is (see ``view.first_sources``).
    """

    def __init__(self, raw: list[bytes], firsts: list[str], decode: Callable[[list[Any]], Any]) -> None:
        super().__init__(len(raw), lambda n: decode(orjson.loads(raw[n])))
        self.firsts = _pairs(firsts)
        if len(self.firsts) != len(raw):
            raise ValueError("rows and their sources differ in length")

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))


# -- the stored merge ---------------------------------------------------------


def _keep_merge(store: Store, path: Path, view: StoryView, story: Story, stamps: dict[str, tuple],
                made_of: list) -> None:
    heads = []
    for b in view.briefings:
        head = view.briefings.head(b)
        s = head.source
        heads.append([b, head.title, s.outlet, s.url, s.path, s.published])
    header = {
        "version": VERSION,
        "story": fold(story.name),
        "members": list(story.briefings),
        "decisions": made_of,
        "stamps": [_plain(stamps[b][0]) for b in story.briefings],
        "heads": heads,
        "missing": list(view.missing),
        "events": _flat(first_sources(view.events)),  # each row's first source; the rows follow
        "actors": [[a.key, a.name, a.names, a.kind, _flat(a.appearances), a.description] for a in view.actors],
        "event_counts": Counter(k for e in view.events for k in e.actors),
        "quotes": [[g.speaker, g.actor, _flat(first_sources(g.quotes))] for g in view.quotes],
        "check": _check_header(view.check or StoryCheck()),
    }
    rows = [orjson.dumps(_event_row(e)) for e in view.events]
    rows += [orjson.dumps(_quote_row(q)) for g in view.quotes for q in g.quotes]
    rows += [orjson.dumps(_conflict_row(c)) for c in (view.check or StoryCheck()).conflicts]
    derived.keep(store, path, header, rows)


def _event_row(se: StoryEvent) -> list[Any]:
    e, w = se.event, se.event.when
    return [se.briefing_id, e.id, e.summary, w.text, w.value, w.start, w.end, w.precision, e.span, e.actors,
            _flat(se.sources), se.reported_by, se.actors,
            [[q.text, q.value, q.unit, q.what, q.step, q.hedge, q.span] for q in e.quantities]]


def _event(row: list[Any]) -> StoryEvent:
    bid, eid, summary, text, value, start, end, precision, span, actors, sources, reported_by, keys, numbers = row
    quantities = tuple(Quantity(t, v, u, what, step, hedge, _span(at)) for t, v, u, what, step, hedge, at in numbers)
    event = Event(eid, summary, When(text, value, start, end, precision), _span(span), tuple(actors), quantities)
    return StoryEvent(event, bid, _pairs(sources), reported_by, tuple(keys))


def _check_header(found: StoryCheck) -> dict[str, Any]:
    return {"events": found.single_events, "quotes": list(found.single_quotes), "conflicts": len(found.conflicts),
            "firsts": {row: list(source) for row, source in found.firsts.items()},
            "by_row": {row: list(at) for row, at in found.by_row.items()}, "told": found.told}


def _conflict_row(c: Conflict) -> list[Any]:
    return [c.kind, c.summary, list(c.rows),
            [[v.briefing, v.entry, v.outlet, v.published, v.text, v.value, v.sentence] for v in c.versions]]


def _conflict(row: list[Any]) -> Conflict:
    kind, summary, rows, versions = row
    return Conflict(kind, summary, tuple(Version(*v) for v in versions), tuple(rows))


def _stored_check(doc: dict[str, Any], rows: list[bytes]) -> StoryCheck:
    conflicts = Lazy(doc["conflicts"], lambda n: _conflict(orjson.loads(rows[n])))
    return StoryCheck(conflicts, str(doc["events"]), tuple(str(q) for q in doc["quotes"]),
                      {row: (b, e) for row, (b, e) in doc["firsts"].items()},
                      {row: tuple(int(i) for i in at) for row, at in doc["by_row"].items()},
                      {str(row): int(n) for row, n in doc["told"].items()})


def _quote_row(sq: StoryQuote) -> list[Any]:
    q = sq.quote
    return [sq.briefing_id, q.id, q.text, q.speaker, q.speaker_name, q.span, _flat(sq.sources)]


def _quote(row: list[Any]) -> StoryQuote:
    bid, qid, text, speaker, speaker_name, span, sources = row
    return StoryQuote(Quote(qid, text, speaker, speaker_name, _span(span)), bid, _pairs(sources))


def _stored_view(store: Store, story: Story, base: Path, stamps: dict[str, tuple], made_of: list,
                 ids: Identities) -> StoryView | None:
    """The stored view if it was made from what the store holds now, else None."""
    stored = derived.read(base.with_suffix(".json"))
    try:
        doc, rows = stored  # type: ignore[misc]
        if (doc.get("version") != VERSION or doc.get("story") != fold(story.name)
                or doc.get("members") != list(story.briefings) or doc.get("decisions") != made_of
                or doc.get("stamps") != [_plain(stamps[b][0]) for b in story.briefings]):
            return None
        heads = {b: Head(title, Source(outlet, url, path, published))
                 for b, title, outlet, url, path, published in doc["heads"]}
        events = StoredRows(rows[:len(doc["events"]) // 2], doc["events"], _event)
        actors = tuple(StoryActor(key, name, tuple(names), kind, _pairs(appearances), description)
                       for key, name, names, kind, appearances, description in doc["actors"])
        quotes, at = [], len(events)
        for speaker, actor, firsts in doc["quotes"]:
            quotes.append(QuoteGroup(speaker, actor, StoredRows(rows[at:at + len(firsts) // 2], firsts, _quote)))
            at += len(firsts) // 2
        found = _stored_check(doc["check"], rows[at:])
        if at + len(found.conflicts) != len(rows):
            return None
        missing = tuple(doc["missing"])
        counts = {str(k): int(n) for k, n in doc["event_counts"].items()}
    except (AttributeError, KeyError, TypeError, ValueError):
        return None  # missing, damaged, or not what this version writes: merged again
    notes = _annotations(store, base.with_suffix(".notes.json"), heads, stamps)
    members = Members(heads, notes, read=lambda b: ids.apply(store.load(b)))
    actor_of = {source: a.key for a in actors for source in a.appearances}
    return StoryView(name=story.name, briefings=members, events=events, actors=actors,  # type: ignore[arg-type]
                     quotes=tuple(quotes), missing=missing, _actor_of=actor_of, stamps={b: stamps[b] for b in heads},
                     event_counts=counts, check=found)


# -- the stored annotations ---------------------------------------------------


def _notes_doc(notes: dict[str, Annotation]) -> dict[str, Any]:
    return {entry: a.to_dict() for entry, a in notes.items()}


def _annotation(a: dict[str, Any]) -> Annotation:
    """An annotation as ``_notes_doc`` wrote it (checked when it was stored)."""
    return Annotation(a["note"], tuple(a["tags"]), a["starred"], a["grade"], a["hidden"], a["updated"])


def _annotations(store: Store, path: Path, members: dict[str, Head],
                 stamps: dict[str, tuple]) -> dict[str, dict[str, Annotation]]:
    """Every member's annotations: from the stored copy where its file has not
    changed, read again where it has (then the copy is brought up to date)."""
    stored = derived.read(path)
    doc = stored[0] if stored else None
    kept = doc.get("notes") if isinstance(doc, dict) and doc.get("version") == VERSION else None
    kept = kept if isinstance(kept, dict) else {}
    out: dict[str, dict[str, Annotation]] = {}
    changed = False
    for b in members:
        stamp = _plain(stamps[b][1])
        row = kept.get(b)
        if isinstance(row, list) and len(row) == 2 and row[0] == stamp and isinstance(row[1], dict):
            try:
                out[b] = {entry: _annotation(a) for entry, a in row[1].items()}
                continue
            except (KeyError, TypeError, AttributeError):
                pass  # not what this version writes: read from the store below
        try:
            out[b] = store.annotations(b)
        except StoreError as exc:  # left out, not kept: read again once mended
            store.skip(store.layout.annotations_of(b), str(exc))
            out[b] = {}
            continue
        kept[b] = [stamp, _notes_doc(out[b])]
        changed = True
    if changed or len(kept) != len(members):
        derived.keep(store, path, {"version": VERSION, "notes": {b: kept[b] for b in members if b in kept}})
    return out
