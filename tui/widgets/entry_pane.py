"""One pane of a briefing, a story or a dossier: a timeline, actors, quotes, articles, notes.

Its rows come from the screen's ``Entries``, each made when first drawn (a
story's timeline has 10,000), less the entries the reader hid, narrowed by
the pane's filter as the reader types. Filtering reads every row's text once
per data (kept as a list of words beside the entries, read half a second
after the data changed) and then only searches strings, in a worker where
the newest filter wins.

``ActorPane`` adds the actor keys: the dossier, merging two actors, splitting
an alias out; it tells its screen once a decision is kept (``Decided``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import work
from textual.message import Message

from ..entries import Entries
from ..keymap import bindings
from ..notify import reports_errors
from ..render import marks
from .dialogs import PromptDialog
from .entry_list import EntryList, LazyRows, Row

WARM_AFTER = 0.5  # seconds after the rows change before the words are read for the filter


class EntryPane(EntryList):
    def __init__(self, entries: Entries, pane: str) -> None:
        super().__init__(id=pane)
        self.entries, self.pane = entries, pane
        self.needle = ""  # the filter, lower case
        self._words: tuple[list, list[str]] | None = None  # (the entries, each one's words)
        self._matched: tuple[str, list, list[int]] | None = None  # (needle, entries, positions matched)

    def reload(self) -> None:
        """Show the entries as they are now (filtered, in a worker, when a filter is on)."""
        self._matched = None
        if self.needle:
            self.filter(self.needle)
        else:
            self.set_rows(self.make_rows())

    def data_changed(self, warm: bool = False) -> None:
        """The entries were read again: their words are read again for the filter (``warm``:
        ahead of any filter, once the screen has been still a moment)."""
        self._words = None
        if warm:
            self.set_timer(WARM_AFTER, self.warm)

    def make_rows(self, needle: str = "") -> LazyRows:
        """The pane's rows, each made when first drawn; a filter reads the text of every
        row, once per data."""
        pairs = self.entries.entries(self.pane)
        if needle:
            words = self.words(pairs)
            last = self._matched
            # Typed on, in the same entries: look only among the last matches.
            looked = last[2] if last and needle.startswith(last[0]) and last[1] is pairs else range(len(pairs))
            found = [n for n in looked if needle in words[n]]
            self._matched = (needle, pairs, found)
            pairs = [pairs[n] for n in found]
        if not self.entries.show_hidden and (hidden := self.entries.hidden_targets()):
            pairs = [(key, item) for key, item in pairs if self.entries.target(key) not in hidden]
        return LazyRows([key for key, _ in pairs], lambda n: self.make_row(*pairs[n]))

    def make_row(self, key: str, item: Any) -> Row:
        a = self.entries.annotation(key)
        return Row(key, partial(self.row_text, key, item, a), dim=a.hidden)

    def row_text(self, key: str, item: Any, annotation: Any) -> Text:
        return marks(annotation) + self.entries.text_of(self.pane, key, item)

    def words(self, pairs: list[tuple[str, Any]] | None = None) -> list[str]:
        """Each entry's words in lower case, in order: kept while the entries are the same
        list (a story's), so a keystroke only searches strings."""
        pairs = self.entries.entries(self.pane) if pairs is None else pairs
        kept = self._words
        if kept is None or kept[0] is not pairs:  # two workers may both read them: the same either way
            kept = self._words = (pairs, [self.entries.text_of(self.pane, key, item).plain.lower()
                                          for key, item in pairs])
        return kept[1]

    def warm(self) -> None:
        """Read the words while the reader starts typing, so no keystroke pays for them."""
        self.run_worker(self.words, thread=True, group=f"warm-{self.pane}", exclusive=True)

    def filter(self, needle: str) -> None:
        """Narrow the rows to those holding ``needle``, in a worker; the newest filter wins."""
        self.needle = needle.lower()

        def narrow() -> None:
            rows = self.make_rows(self.needle)
            if self.needle == needle.lower():
                self.app.call_from_thread(self.set_rows, rows)
        self.run_worker(narrow, thread=True, group=f"filter-{self.pane}", exclusive=True)


class ActorPane(EntryPane):
    """The actors: ``d`` opens one's dossier, ``m`` … ``m`` merges two, ``M`` splits an alias out."""

    BINDINGS = bindings("actor.dossier", "actor.merge", "actor.split")

    class Decided(Message):
        """A merge or a split was kept: everything shown is read again."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, entries: Entries, pane: str) -> None:
        super().__init__(entries, pane)
        self.merging: str | None = None  # the actor name picked by a first ``m``

    def focused_names(self) -> list[str]:
        return self.entries.actor_names(self.current) if self.current else []

    def action_dossier(self) -> None:
        if names := self.focused_names():
            self.app.open_dossier(names[0], self.entries.target(self.current))

    def action_merge(self) -> None:
        names = self.focused_names()
        if not names:
            return
        if self.merging is None or self.merging == names[0]:
            self.merging = names[0]
            self.notify(f"Merging {names[0]}: press m on the actor it is the same as (esc cancels)", markup=False)
            return
        first, self.merging = self.merging, None
        self.decide("merge", first, names[0])

    def action_split(self) -> None:
        names = self.focused_names()
        if not names:
            return
        name, others = names[0], names[1:]
        if not others:
            self.notify(f"{name} has no other name to split out", markup=False)
            return

        def done(alias: str | None) -> None:
            if alias and alias.strip():
                self.decide("split", name, alias.strip())
        self.app.push_screen(PromptDialog(f"Split which name out of {name}?", others[0], others,
                                          hint="also: " + ", ".join(others)), done)

    @work(thread=True)
    @reports_errors
    def decide(self, action: str, a: str, b: str) -> None:
        """Keep an identity decision (applied to every later import too)."""
        desk = self.app.desk
        if action == "merge":
            desk.merge_actors(a, b)
            done = f"{a} and {b} are one actor"
        else:
            desk.split_actor(a, b)
            done = f"{b} is no longer a name of {a}"
        self.post_message(self.Decided(done + " (in every briefing)"))
