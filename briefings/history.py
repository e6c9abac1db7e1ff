"""Undo and redo for every action a reader takes, in order, several levels deep.

Each action is kept as the change it made, never as a copy of what it wrote:
an annotation (its note, tags, star, grade, hide), an actor decision (a merge,
a split, any other decision ``identities`` keeps), a publication date set,
briefings added to a story. Undoing applies the opposite change to what is
stored *now*, inside the store's lock, so whatever another process wrote
since (a note added from the command line) stays; a field another process
changed since the action is left as it is, and the message says so. Redoing
applies the change again.

The log is kept where its actions are undone: in memory for the app (one
session, ``MemoryLog``), in the store's ``undo.json`` for the command line
(``StoredLog``: ``briefing undo`` takes back the last action of an earlier
command). ``History.undo`` and ``redo`` return a ``Done``: the message naming
what was undone ("Undone: merge of Massad Boulos and Boulos") and what to
read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from .errors import BriefingError
from .identities import Decision, decisions, forget, record
from .importing.articles import set_published
from .model import Annotation, Briefing
from .store import Store, now
from .store.reattach import entry_texts
from .stories.cache import forget as forget_view
from .stories.table import add_to_story, delete_story, get_story, remove_from_story

LIMIT = 100  # actions kept, newest last
LABEL = 40  # characters of an entry's text in a message


@dataclass(frozen=True)
class Done:
    """What an undo or redo did."""

    message: str  # "Undone: star on “Alphamin halts…”"
    briefings: tuple[str, ...] = ()  # briefings whose annotations changed
    everything: bool = False  # actors, dates or stories changed: read everything shown again


class Action:
    """One thing a reader did, undone and redone as a change (see the module's docstring)."""

    kind: ClassVar[str]
    kinds: ClassVar[dict[str, type[Action]]] = {}

    def __init_subclass__(cls) -> None:
        Action.kinds[cls.kind] = cls

    def name(self) -> str:
        """What the action was, for a message: "merge of A and B"."""
        raise NotImplementedError

    def undo(self, store: Store) -> tuple[Action, str]:
        """Apply the opposite change; returns the action to redo and what was left as it is."""
        raise NotImplementedError

    def redo(self, store: Store) -> tuple[Action, str]:
        """Apply the change again; returns the action to undo next and what was left."""
        raise NotImplementedError

    def done(self, message: str) -> Done:
        return Done(message, everything=True)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **{f.name: getattr(self, f.name) for f in fields(self)}}  # type: ignore[arg-type]

    @staticmethod
    def from_dict(data: Any) -> Action:
        """An action as ``to_dict`` wrote it; BriefingError for anything else."""
        try:
            cls = Action.kinds[data["kind"]]
            return cls.of_dict({k: v for k, v in data.items() if k != "kind"})
        except (KeyError, TypeError, ValueError) as exc:
            raise BriefingError(f"not an action that can be undone: {exc}") from None

    @classmethod
    def of_dict(cls, data: dict[str, Any]) -> Action:
        return cls(**data)  # type: ignore[call-arg]


def short(text: str) -> str:
    """An entry's or a title's text cut for a message."""
    return text if len(text) <= LABEL else text[:LABEL - 1].rstrip() + "…"


# -- the actions ------------------------------------------------------------------------


_FIELDS = ("note", "starred", "grade", "hidden")


@dataclass(frozen=True)
class Annotated(Action):
    """Some fields of one entry's annotation changed: (before, after) each, and the tags
    added and removed."""

    kind: ClassVar[str] = "annotate"
    briefing_id: str
    entry_id: str
    label: str
    changed: dict[str, list[Any]] = field(default_factory=dict)
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @classmethod
    def of(cls, briefing: Briefing, entry_id: str, before: Annotation, after: Annotation) -> Annotated | None:
        """The change from ``before`` to ``after`` (None when nothing changed)."""
        changed = {f: [getattr(before, f), getattr(after, f)] for f in _FIELDS if getattr(before, f) != getattr(after, f)}
        added = tuple(t for t in after.tags if t not in before.tags)
        removed = tuple(t for t in before.tags if t not in after.tags)
        if not (changed or added or removed):
            return None
        return cls(briefing.id, entry_id, short(entry_texts(briefing).get(entry_id, ("", entry_id))[1]),
                   changed, added, removed)

    @classmethod
    def of_dict(cls, data: dict[str, Any]) -> Action:
        return cls(**{**data, "added": tuple(data["added"]), "removed": tuple(data["removed"])})

    def name(self) -> str:
        words = []
        for f, (_, after) in self.changed.items():
            words.append({"note": "note", "grade": "grade", "starred": "star" if after else "unstar",
                          "hidden": "hide" if after else "unhide"}[f])
        if self.added or self.removed:
            words.append("tags " + " ".join([*(f"+{t}" for t in self.added), *(f"-{t}" for t in self.removed)]))
        return f"{' and '.join(words)} on “{self.label}”"

    def undo(self, store: Store) -> tuple[Action, str]:
        return self, self._apply(store, back=True)

    def redo(self, store: Store) -> tuple[Action, str]:
        return self, self._apply(store, back=False)

    def done(self, message: str) -> Done:
        return Done(message, briefings=(self.briefing_id,))

    def _apply(self, store: Store, *, back: bool) -> str:
        with store.locked():
            current = store.annotations(self.briefing_id).get(self.entry_id) or Annotation()
            changes: dict[str, Any] = {}
            left = []
            for f, (before, after) in self.changed.items():
                want, was = (before, after) if back else (after, before)
                if getattr(current, f) == was:
                    changes[f] = want
                elif getattr(current, f) != want:
                    left.append(f)  # changed since by someone else: theirs stays
            add, remove = (self.removed, self.added) if back else (self.added, self.removed)
            tags = [t for t in current.tags if t not in remove] + [t for t in add if t not in current.tags]
            if tags != list(current.tags):
                changes["tags"] = tags
            if changes:
                store.annotate(self.briefing_id, self.entry_id, **changes)
        return f"the {' and '.join(left)} changed since, left as it is" if left else ""


@dataclass(frozen=True)
class Decided(Action):
    """An actor decision kept (a merge, a split, a kind), by its id in ``identities.json``."""

    kind: ClassVar[str] = "decide"
    action: str
    a: str
    b: str
    made: str | None = None
    id: int | None = None

    @classmethod
    def of(cls, decision: Decision) -> Decided:
        return cls(decision.action, decision.a, decision.b, decision.made, decision.id)

    def name(self) -> str:
        return describe(self.action, self.a, self.b)

    def undo(self, store: Store) -> tuple[Action, str]:
        with store.locked():
            same = [d for d in decisions(store, or_skip=False)
                    if (d.action, d.a, d.b, d.made) == (self.action, self.a, self.b, self.made)]
            if not same:
                return self, "it was already taken back"
            forget(store, same[-1].id)  # type: ignore[arg-type]
        recount_touched(store, same[-1])
        return self, ""

    def redo(self, store: Store) -> tuple[Action, str]:
        decision = record(store, Decision(self.action, self.a, self.b, now()))
        recount_touched(store, decision)
        return Decided.of(decision), ""


@dataclass(frozen=True)
class Forgot(Action):
    """An actor decision taken back (``briefing actor forget``, the app's rules list)."""

    kind: ClassVar[str] = "forget"
    action: str
    a: str
    b: str
    made: str | None = None

    @classmethod
    def of(cls, decision: Decision) -> Forgot:
        return cls(decision.action, decision.a, decision.b, decision.made)

    def name(self) -> str:
        return "taking back the " + describe(self.action, self.a, self.b)

    def undo(self, store: Store) -> tuple[Action, str]:
        decision = record(store, Decision(self.action, self.a, self.b, self.made or now()))
        recount_touched(store, decision)
        return self, ""

    def redo(self, store: Store) -> tuple[Action, str]:
        undone, note = Decided(self.action, self.a, self.b, self.made).undo(store)
        return self, note


def describe(action: str, a: str, b: str) -> str:
    """An actor decision in words: "merge of A and B", "split of B from A", "kind of A: person"."""
    if action == "merge":
        return f"merge of {a} and {b}"
    if action == "split":
        return f"split of {b} from {a}"
    return f"kind of {a}: {b.replace('_', ' ')}"


def recount_touched(store: Store, decision: Decision) -> None:
    """A decision made or taken back: the library counts the briefings it touches as their
    screens show them now (``Store.recount``)."""
    from .identities import load
    from .search.find import find_actor

    ids = load(store)
    keys = set(decision.keys) | {k for key in decision.keys for k in ids.group(key)}
    store.recount(ids.apply(store.load(b)) for b in find_actor(store, keys) if store.exists(b))


@dataclass(frozen=True)
class Dated(Action):
    """A briefing's publication date set (its timeline resolved against it)."""

    kind: ClassVar[str] = "date"
    briefing_id: str
    title: str
    before: str | None
    after: str | None

    def name(self) -> str:
        return f"date {self.after or 'unknown'} set on “{short(self.title)}”"

    def undo(self, store: Store) -> tuple[Action, str]:
        return self, self._set(store, self.after, self.before)

    def redo(self, store: Store) -> tuple[Action, str]:
        return self, self._set(store, self.before, self.after)

    def _set(self, store: Store, was: str | None, want: str | None) -> str:
        with store.locked():
            current = store.entries(self.briefing_id).source.published
            if current == want:
                return ""
            if current != was:
                return f"its date changed since to {current or 'unknown'}, left as it is"
            set_published(store, self.briefing_id, want)
        return ""


@dataclass(frozen=True)
class AddedToStory(Action):
    """Briefings put in a story (``made``: the story was made by it)."""

    kind: ClassVar[str] = "story"
    story: str
    briefings: tuple[str, ...]
    made: bool = False

    @classmethod
    def of_dict(cls, data: dict[str, Any]) -> Action:
        return cls(**{**data, "briefings": tuple(data["briefings"])})

    def name(self) -> str:
        what = "a briefing" if len(self.briefings) == 1 else f"{len(self.briefings)} briefings"
        return f"adding {what} to {self.story}"

    def undo(self, store: Store) -> tuple[Action, str]:
        with store.locked():
            story = remove_from_story(store, self.story, *self.briefings)
            if self.made and not story.briefings:
                delete_story(store, self.story)
                forget_view(store, self.story)
        return self, ""

    def redo(self, store: Store) -> tuple[Action, str]:
        add_to_story(store, self.story, *self.briefings, create=True)
        return self, ""


def added_to_story(store: Store, name: str, briefing_ids: tuple[str, ...],
                   add: Callable[[], Any]) -> tuple[Any, AddedToStory | None]:
    """Run ``add`` (which puts ``briefing_ids`` in the story ``name``) and say what it added."""
    with store.locked():
        try:
            before = set(get_story(store, name).briefings)
            made = False
        except BriefingError:
            before, made = set(), True
        result = add()
    new = tuple(b for b in dict.fromkeys(briefing_ids) if b not in before)
    return result, (AddedToStory(result.name, new, made) if new else None)


# -- the logs -----------------------------------------------------------------------------


class MemoryLog:
    """The actions of one session (the app), kept in memory."""

    def __init__(self) -> None:
        self.done: list[Action] = []
        self.undone: list[Action] = []

    def push(self, action: Action) -> None:
        """Keep a new action to undo; what was undone can no longer be redone."""
        self.done.append(action)
        del self.done[:-LIMIT]
        self.undone.clear()

    def step(self, back: bool, apply: Callable[[Action], Action]) -> Action | None:
        """Undo (``back``) or redo the latest action with ``apply``; None when there is none."""
        source, target = (self.done, self.undone) if back else (self.undone, self.done)
        if not source:
            return None
        result = apply(source[-1])
        source.pop()
        target.append(result)
        return result


class StoredLog:
    """The actions of the command line, in the store's ``undo.json`` (under its lock)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def push(self, action: Action) -> None:
        with self.store.edit(self.store.layout.undo_log) as db:
            done = [*self._actions(db, "done"), action]
            self._write(db, "done", done[-LIMIT:])
            self._write(db, "undone", [])

    def step(self, back: bool, apply: Callable[[Action], Action]) -> Action | None:
        source, target = ("done", "undone") if back else ("undone", "done")
        with self.store.edit(self.store.layout.undo_log) as db:
            actions = self._actions(db, source)
            if not actions:
                return None
            result = apply(actions[-1])
            self._write(db, source, actions[:-1])
            self._write(db, target, [*self._actions(db, target), result][-LIMIT:])
        return result

    def _actions(self, db: Any, table: str) -> list[Action]:
        return [Action.from_dict(doc.get("action")) for doc in db.table(table).all()]

    def _write(self, db: Any, table: str, actions: list[Action]) -> None:
        db.table(table).truncate()
        if actions:
            db.table(table).insert_multiple({"action": a.to_dict()} for a in actions)


class History:
    """Every action taken through one desk (see the module's docstring)."""

    def __init__(self, store: Store, log: MemoryLog | StoredLog) -> None:
        self.store, self.log = store, log

    def record(self, action: Action | None) -> None:
        """Keep an action done to undo. The action stands even if the log cannot be
        written (a damaged undo.json): it is then noted in ``store.skipped``."""
        if action is None:
            return
        try:
            self.log.push(action)
        except BriefingError as exc:
            self.store.skip(self.store.layout.undo_log, f"{exc}; the action cannot be undone")

    def undo(self) -> Done | None:
        """Take back the latest action; None when there is none."""
        return self._step(back=True)

    def redo(self) -> Done | None:
        """Do again the latest action undone; None when there is none."""
        return self._step(back=False)

    def _step(self, back: bool) -> Done | None:
        notes: list[str] = []

        def apply(action: Action) -> Action:
            result, note = action.undo(self.store) if back else action.redo(self.store)
            notes.append(note)
            return result

        action = self.log.step(back, apply)
        if action is None:
            return None
        message = f"{'Undone' if back else 'Redone'}: {action.name()}" + (f" ({notes[0]})" if notes[0] else "")
        return action.done(message)

