"""Who is who: the reader's decisions on actors, kept once and applied everywhere.

Automatic matching of actors across articles (on names and aliases, see
``stories``) is only a suggestion, and so is an actor's kind. The reader
corrects them with three decisions (rules), stored in ``identities.json`` in the
store folder and replayed in order:

* **merge A B** - the actors named A and B are one actor, across the store
  (A is the name shown);
* **split NAME ALIAS** - ALIAS is not a name of NAME: the alias is taken out
  of that actor and becomes an actor of its own (a later merge of the two
  names undoes it, and a split undoes an earlier merge);
* **kind NAME KIND** - the actor named NAME is a person, a company, ... (the
  last such rule for a name wins).

``Identities`` is the resolved, immutable form: ``canonical(name)`` for
matching and ``apply(briefing)`` to rewrite one briefing's actors (used on
every import, and by every view so that earlier imports follow too). Names
match case-, accent- and punctuation-insensitively ("U.S." is "US").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .errors import BriefingError
from .model import ACTOR_KINDS, Actor, Annotation, Briefing, stable_id
from .names import name_key
from .sanitize import clean
from .store import Store, now
from .unionfind import UnionFind

MAX_NAME = 200


ACTIONS = ("merge", "split", "kind")


@dataclass(frozen=True)
class Decision:
    action: str  # "merge", "split" or "kind"
    a: str  # merge: the name kept; split: the actor's name; kind: the actor's name
    b: str  # merge: the name merged into it; split: the alias taken out; kind: the kind
    made: str | None = None
    id: int | None = None  # position in identities.json, for ``forget``

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "a": self.a, "b": self.b, "made": self.made}

    @classmethod
    def from_dict(cls, data: Any, id: int | None = None) -> Decision:
        if not isinstance(data, dict) or data.get("action") not in ACTIONS:
            raise BriefingError(f"not an identity decision: {clean(repr(data))[:200]}")
        a, b = data.get("a"), data.get("b")
        if data["action"] == "kind":
            if not (isinstance(a, str) and name_key(a) and b in ACTOR_KINDS):
                raise BriefingError(f"a kind rule needs a name and one of {', '.join(ACTOR_KINDS)}: "
                                    f"{clean(repr(data))[:200]}")
        elif not (isinstance(a, str) and isinstance(b, str) and name_key(a) and name_key(b)):
            raise BriefingError(f"an identity decision needs two names: {clean(repr(data))[:200]}")
        return cls(data["action"], a, b, data.get("made"), id)

    @property
    def keys(self) -> tuple[str, ...]:
        """The name keys the decision is about."""
        return (name_key(self.a),) if self.action == "kind" else (name_key(self.a), name_key(self.b))

    @property
    def same_as(self) -> tuple[str, ...]:
        """What makes two decisions the same decision (a story import keeps one of each)."""
        return (self.action, *self.keys, *((self.b,) if self.action == "kind" else ()))

    def __str__(self) -> str:
        if self.action == "merge":
            return f"merge {self.a!r} and {self.b!r}"
        if self.action == "kind":
            return f"{self.a!r} is a {self.b.replace('_', ' ')}"
        return f"split {self.b!r} from {self.a!r}"


class Identities:
    """The reader's decisions, replayed: which names are one actor, which stay apart."""

    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self.decisions = tuple(decisions)
        self._canon: dict[str, str] = {}  # name key -> its group's canonical key
        self._members: dict[str, set[str]] = {}  # canonical key -> keys of the group
        self._display: dict[str, str] = {}  # canonical key -> the name to show
        self._splits: dict[frozenset[str], tuple[str, str]] = {}  # {name, alias} -> (name, alias)
        self._kinds: dict[str, str] = {}  # name key -> the kind the reader gave it
        for d in self.decisions:
            if d.action == "kind":
                self._kinds[d.keys[0]] = d.b
                continue
            ka, kb = d.keys
            if ka == kb:
                continue
            if d.action == "merge":
                self._splits.pop(frozenset((ka, kb)), None)
                self._union(ka, kb, d.a)
            else:
                self._splits[frozenset((ka, kb))] = (ka, kb)
                self._detach(kb, ka)
        self._decided = {k for d in self.decisions for k in d.keys}
        # By group, the last rule winning: a kind given to "Boulos" holds for "Massad Boulos" once merged.
        self._group_kinds = {self.canonical(k): kind for k, kind in self._kinds.items()}

    def _union(self, ka: str, kb: str, display: str) -> None:
        """Join two groups: the smaller one's keys move into the larger (a chain of 20,000
        merges took 20 s when every merge re-keyed the whole group). The group keeps the
        name ``ka``'s group was shown as, else ``display``."""
        ca, cb = self.canonical(ka), self.canonical(kb)
        if ca == cb:
            return
        shown = self._display.pop(ca, None) or display
        self._display.pop(cb, None)
        big, small = self._members.pop(ca, {ca}), self._members.pop(cb, {cb})
        keep = ca
        if len(big) < len(small):
            big, small, keep = small, big, cb
        for k in small:
            self._canon[k] = keep
        self._canon[keep] = keep
        big |= small
        self._members[keep] = big
        self._display[keep] = shown

    def _detach(self, key: str, other: str) -> None:
        """Take ``key`` out of the group it shares with ``other``, if it does."""
        c = self.canonical(key)
        if c != self.canonical(other):
            return
        members = self._members.pop(c)
        members.discard(key)
        self._canon.pop(key, None)
        display = self._display.pop(c, None)
        if c == key:  # the group loses its canonical key: re-key it
            c = min(members)
        for k in members:
            self._canon[k] = c
        if len(members) > 1:
            self._members[c] = members
            if display and name_key(display) != key:
                self._display[c] = display
        else:
            self._canon.pop(c, None)

    # -- matching -----------------------------------------------------------

    def canonical(self, key: str) -> str:
        """The key a name key is matched on (itself unless merged with another)."""
        return self._canon.get(key, key)

    def is_grouped(self, key: str) -> bool:
        """True when the reader merged this name with another."""
        return key in self._canon

    def group(self, key: str) -> set[str]:
        """Every name key the reader made one with ``key`` (``key`` included)."""
        return set(self._members.get(self.canonical(key), {key}))

    def display(self, key: str) -> str | None:
        """The name the reader chose for the group of ``key``, if merged."""
        return self._display.get(self.canonical(key))

    def kind(self, key: str) -> str | None:
        """The kind the reader gave an actor of this name (or of a name merged with it)."""
        return self._group_kinds.get(self.canonical(key))

    def apart(self, ka: str, kb: str) -> bool:
        return frozenset((ka, kb)) in self._splits

    def __bool__(self) -> bool:
        return bool(self.decisions)

    # -- applying to one briefing -------------------------------------------

    def apply(self, briefing: Briefing) -> Briefing:
        return self.apply_with_map(briefing)[0]

    def apply_with_map(self, briefing: Briefing) -> tuple[Briefing, dict[str, str]]:
        """The briefing with the decisions applied to its actors, and which actor
        ids were merged into which (``{absorbed: kept}``). Idempotent; a briefing
        no decision touches comes back as it is."""
        if not self.decisions or not any(
            name_key(n) in self._decided for a in briefing.actors for n in a.names
        ):
            return briefing, {}
        briefing = self._apply_splits(briefing)
        briefing, absorbed = self._apply_merges(briefing)
        return self._apply_kinds(briefing), absorbed

    def _apply_kinds(self, briefing: Briefing) -> Briefing:
        if not self._group_kinds:
            return briefing
        actors = []
        for actor in briefing.actors:
            kind = next((k for n in actor.names if (k := self.kind(name_key(n)))), None)
            actors.append(replace(actor, kind=kind) if kind and kind != actor.kind else actor)
        return replace(briefing, actors=tuple(actors))

    def _apply_splits(self, briefing: Briefing) -> Briefing:
        actors = list(briefing.actors)
        events = list(briefing.events)
        quotes = list(briefing.quotes)
        for pos, actor in enumerate(list(actors)):
            keys = [name_key(n) for n in actor.names]
            for ka, kb in self._splits.values():
                if ka not in keys or kb not in keys:
                    continue
                gone = [n for n in actor.names if name_key(n) == kb]
                kept = [n for n in actor.names if name_key(n) != kb]
                moved = tuple(m for m in actor.mentions if name_key(_at(briefing.text, m)) == kb)
                stayed = tuple(m for m in actor.mentions if m not in moved)
                new = Actor(id=stable_id("a", briefing.id, "split", kb), name=gone[0], kind="other",
                            mentions=moved)
                actor = replace(actor, name=kept[0], aliases=tuple(kept[1:]), mentions=stayed)
                actors[pos] = actor
                actors.append(new)
                keys = [name_key(n) for n in actor.names]
                for i, event in enumerate(events):
                    if actor.id not in event.actors or event.span is None:
                        continue
                    if any(_within(m, event.span) for m in moved):
                        ids = list(event.actors)
                        if not any(_within(m, event.span) for m in stayed):
                            ids.remove(actor.id)
                        ids.append(new.id)
                        events[i] = replace(event, actors=tuple(dict.fromkeys(ids)))
                for i, quote in enumerate(quotes):
                    if quote.speaker == actor.id and quote.speaker_name and name_key(quote.speaker_name) == kb:
                        quotes[i] = replace(quote, speaker=new.id)
        return replace(briefing, actors=tuple(actors), events=tuple(events), quotes=tuple(quotes))

    def _apply_merges(self, briefing: Briefing) -> tuple[Briefing, dict[str, str]]:
        joined = UnionFind(len(briefing.actors))
        for i, actor in enumerate(briefing.actors):
            keys = (name_key(n) for n in actor.names)
            # only names the reader decided on join actors here
            joined.join_on(i, (c for k in keys if (c := self.canonical(k)) in self._members or k in self._decided))
        groups = {g: [briefing.actors[i] for i in members] for g, members in joined.groups().items()}
        if all(len(g) == 1 for g in groups.values()):
            return briefing, {}
        absorbed: dict[str, str] = {}
        merged: list[Actor] = []
        for members in groups.values():
            kept = members[0]
            if len(members) > 1:
                display = self.display(name_key(kept.name))
                # the actor named as the reader chose is the one kept, so its id (and notes) stay
                members.sort(key=lambda m: not (display and name_key(m.name) == name_key(display)))
                kept = members[0]
                names = list(dict.fromkeys(n for m in members for n in m.names))
                main = next((n for n in names if display and name_key(n) == name_key(display)), kept.name)
                seen = {name_key(main)}
                aliases = []
                for n in names:
                    if name_key(n) not in seen:
                        seen.add(name_key(n))
                        aliases.append(n)
                kind = next((m.kind for m in members if m.kind != "other"), kept.kind)
                kept = replace(kept, name=main, aliases=tuple(aliases), kind=kind,
                               description=next((m.description for m in members if m.description), ""),
                               mentions=tuple(sorted({s for m in members for s in m.mentions})))
                absorbed.update({m.id: kept.id for m in members[1:]})
            merged.append(kept)
        events = tuple(
            replace(e, actors=tuple(dict.fromkeys(absorbed.get(a, a) for a in e.actors)))
            for e in briefing.events
        )
        quotes = tuple(
            replace(q, speaker=absorbed.get(q.speaker, q.speaker)) if q.speaker in absorbed else q
            for q in briefing.quotes
        )
        return replace(briefing, actors=tuple(merged), events=events, quotes=quotes), absorbed


def _at(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


# -- the store's decisions ---------------------------------------------------


def load(store: Store) -> Identities:
    """The store's decisions (one small file, read fresh)."""
    return Identities(decisions(store))


def decisions(store: Store, *, or_skip: bool = True) -> list[Decision]:
    """The reader's decisions, in the order they were made. A damaged file or row is
    left out and noted in ``store.skipped`` (every view reads the decisions: one
    damaged file must not stop them); ``or_skip=False`` raises instead."""
    data = store.read(store.layout.identities, or_skip=or_skip)
    found = []
    for doc_id, doc in (data.get("decisions") or {}).items():
        try:
            found.append(Decision.from_dict(doc, int(doc_id)))
        except (BriefingError, ValueError) as exc:
            if not or_skip:
                raise BriefingError(f"{store.layout.identities}: damaged ({exc}); run 'briefing doctor --restore'") from None
            store.skip(store.layout.identities, f"damaged, decision {doc_id}: {exc}")
    return sorted(found, key=lambda d: d.id or 0)


def checked_name(value: str, what: str) -> str:
    name = clean(value).strip()
    if not name_key(name):
        raise BriefingError(f"{what}: give a name with at least one letter or digit")
    if len(name) > MAX_NAME:
        raise BriefingError(f"{what}: a name of over {MAX_NAME} characters")
    return name


def incoming(docs: Iterable[Any]) -> list[Decision]:
    """Decisions read from a file (a story export): each checked, its names cleaned;
    BriefingError names the first that is not a decision."""
    found = []
    for doc in docs:
        d = Decision.from_dict(doc)
        a = checked_name(d.a, "identity decision")
        b = d.b if d.action == "kind" else checked_name(d.b, "identity decision")  # a kind was checked above
        if d.action == "kind" or name_key(a) != name_key(b):
            found.append(Decision(d.action, a, b, d.made if isinstance(d.made, str) else None))
    return found


def record(store: Store, decision: Decision) -> Decision:
    """Keep a decision (after every earlier one); returns it with its id."""
    with store.edit(store.layout.identities) as db:
        doc_id = db.table("decisions").insert(decision.to_dict())
    return replace(decision, id=doc_id)


def merge(store: Store, a: str, b: str) -> Decision:
    """Decide that the actors named ``a`` and ``b`` are one (shown as ``a``)."""
    a, b = checked_name(a, "actor merge"), checked_name(b, "actor merge")
    if name_key(a) == name_key(b):
        raise BriefingError(f"actor merge: {a!r} and {b!r} are already the same name")
    return record(store, Decision("merge", a, b, now()))


def split(store: Store, name: str, alias: str) -> Decision:
    """Decide that ``alias`` is not a name of ``name``: it becomes an actor of its own."""
    name, alias = checked_name(name, "actor split"), checked_name(alias, "actor split")
    if name_key(name) == name_key(alias):
        raise BriefingError(f"actor split: {name!r} and {alias!r} are the same name")
    return record(store, Decision("split", name, alias, now()))


def set_kind(store: Store, name: str, kind: str) -> Decision:
    """Decide what kind of actor the one named ``name`` is (kept for later imports too)."""
    name = checked_name(name, "actor kind")
    if kind not in ACTOR_KINDS:
        raise BriefingError(f"actor kind: {kind!r} is not a kind; use one of {', '.join(ACTOR_KINDS)}")
    return record(store, Decision("kind", name, kind, now()))


def forget(store: Store, decision_id: int) -> None:
    """Take back one decision (from ``decisions(store)``); later ones still apply."""
    with store.edit(store.layout.identities) as db:
        if not db.table("decisions").contains(doc_id=decision_id):
            raise BriefingError(f"no actor rule {decision_id} (briefing actor rules lists them)")
        db.table("decisions").remove(doc_ids=[decision_id])


def add_missing(store: Store, incoming: Iterable[Decision]) -> int:
    """Record the decisions not already kept (a story import); returns how many."""
    with store.locked():
        have = {d.same_as for d in decisions(store)}
        new = [d for d in incoming if d.same_as not in have]
        if new:
            with store.edit(store.layout.identities) as db:
                db.table("decisions").insert_multiple(d.to_dict() for d in new)
    return len(new)


def apply_decisions(store: Store, briefing: Briefing) -> Briefing:
    """The briefing as the reader's decisions say (for an import, before saving)."""
    return load(store).apply(briefing)


def apply_on_import(store: Store, briefing: Briefing) -> Briefing:
    """The decisions applied to a briefing about to be saved by an import.

    On a re-import, a note on an actor now merged into another moves to the
    actor kept (when that one has none), so no annotation goes out of sight.
    """
    ids = load(store)
    briefing, absorbed = ids.apply_with_map(briefing)
    if absorbed and store.exists(briefing.id):
        notes = store.annotations(briefing.id)
        for gone, kept in absorbed.items():
            if gone in notes and kept not in notes:
                store.put_annotation(briefing.id, kept, notes[gone])
                store.put_annotation(briefing.id, gone, Annotation())  # moved, not copied: no orphan left
                notes[kept] = notes.pop(gone)
    return briefing
