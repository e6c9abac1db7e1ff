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

from briefings.model import ACTOR_KINDS

from ..entries import Entries
from ..keymap import bindings
from ..notify import reports_errors
from ..render import marks
from ..words import count
from .dialogs import PickDialog
from .entry_list import EntryList, LazyRows, Row

WARM_AFTER = 0.5  # seconds after the rows change before the words are read for the filter


class EntryPane(EntryList):
    """Its title (on its top border) names the pane and what narrows it: the filter, the
    screen's own narrowing, the hidden entries left out; it stands out while focused."""

    DEFAULT_CSS = """
    EntryPane { border-top: solid $panel-lighten-2; border-title-color: $text-muted; }
    EntryPane:focus { border-top: heavy $accent; border-title-color: $accent; border-title-style: bold; }
    """

    def __init__(self, entries: Entries, pane: str) -> None:
        super().__init__(id=pane)
        self.entries, self.pane = entries, pane
        self.needle = ""  # the filter, lower case
        self.hidden_here = 0  # entries of this pane left out because the reader hid them
        self._words: tuple[list, list[str]] | None = None  # (the entries, each one's words)
        self._matched: tuple[str, list, list[int]] | None = None  # (needle, entries, positions matched)

    def on_mount(self) -> None:
        self.border_title = self.title()

    def set_rows(self, rows, keep: str | None = None) -> None:
        super().set_rows(rows, keep)
        self.border_title = self.title()

    def title(self) -> str:
        """"Timeline · 3 rows · filter "mine" · narrowed to M23 · 2 hidden"."""
        parts = [self.pane.capitalize()]
        if self.needle:
            parts += [count(len(self.rows), "row"), f'filter "{self.needle}"']
        if narrowed := self.entries.narrowed(self.pane):
            parts.append(narrowed)
        if self.hidden_here:
            parts.append(f"{self.hidden_here} hidden (H shows)")
        return " · ".join(parts)

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
        self.hidden_here = 0
        if not self.entries.show_hidden and (hidden := self.entries.hidden_targets()):
            shown = [(key, item) for key, item in pairs if self.entries.target(key) not in hidden]
            self.hidden_here, pairs = len(pairs) - len(shown), shown
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
    """The actors: ``d`` opens one's dossier; ``m`` on one actor then ``m`` on another merges
    them (the first is marked ⇄, and the reader picks the name kept); ``M`` splits one of
    its names out; ``K`` changes its kind; ``R`` lists the rules made so far, to take one back.
    A decision holds in every briefing and for later imports; the screen reads everything
    again once it is kept (``Decided``)."""

    BINDINGS = bindings("actor.dossier", "actor.merge", "actor.split", "actor.kind", "actor.rules")

    class Decided(Message):
        """A merge, split or kind rule was kept or taken back: everything shown is read again."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, entries: Entries, pane: str) -> None:
        super().__init__(entries, pane)
        self.merging: tuple[str, str] | None = None  # (row key, name) of the actor a first ``m`` picked

    def row_text(self, key: str, item: Any, annotation: Any) -> Text:
        text = super().row_text(key, item, annotation)
        if self.merging and self.merging[0] == key:
            text = Text("⇄ ", style="bold") + text[2:]  # in the marks' first cells: this one is being merged
        return text

    def focused_names(self) -> list[str]:
        return self.entries.actor_names(self.current) if self.current else []

    def action_dossier(self) -> None:
        if names := self.focused_names():
            self.app.open_dossier(names[0], self.entries.target(self.current))

    def action_merge(self) -> None:
        names = self.focused_names()
        if not names:
            return
        if self.merging is None or self.merging[1] == names[0]:
            self.merging = (self.current, names[0])
            self.reload()
            self.notify(f"Merging {names[0]}: press m on the actor it is the same as (esc cancels)", markup=False)
            return
        first, second = self.merging[1], names[0]
        self.merging = None
        self.reload()
        kept = sorted((first, second), key=len, reverse=True)  # the fuller name offered first

        def done(picked: str | None) -> None:
            if picked is not None:
                a, b = kept if picked == "0" else kept[::-1]
                self.decide(f"{a} and {b} are one actor, named {a}", "merge_actors", a, b)
        self.app.push_screen(PickDialog(f"Merge {first} and {second}: which name is kept?", [
            (str(n), Text(f"Keep {name}  ({other} becomes one of its names)"))
            for n, (name, other) in enumerate((kept, kept[::-1]))]), done)

    def action_split(self) -> None:
        names = self.focused_names()
        if not names:
            return
        name, others = names[0], names[1:]
        if not others:
            self.notify(f"{name} has no other name to split out", markup=False)
            return

        def done(picked: str | None) -> None:
            if picked is not None:
                alias = others[int(picked)]
                self.decide(f"{alias} is no longer a name of {name}", "split_actor", name, alias)
        self.app.push_screen(PickDialog(f"Split which name out of {name}? It becomes an actor of its own.",
                                        [(str(n), Text(other)) for n, other in enumerate(others)]), done)

    def action_kind(self) -> None:
        names = self.focused_names()
        if not names:
            return

        def done(picked: str | None) -> None:
            if picked is not None:
                kind = ACTOR_KINDS[int(picked)]
                self.decide(f"{names[0]} is a {kind.replace('_', ' ')}", "set_actor_kind", names[0], kind)
        self.app.push_screen(PickDialog(f"What kind of actor is {names[0]}?", [
            (str(n), Text(kind.replace("_", " "))) for n, kind in enumerate(ACTOR_KINDS)]), done)

    def action_rules(self) -> None:
        self.show_rules()

    @work(thread=True)
    @reports_errors
    def show_rules(self) -> None:
        rules = self.app.desk.actor_rules()
        if not rules:
            self.notify("No actor rules yet: m merges, M splits, K sets a kind", markup=False)
            return

        def done(picked: str | None) -> None:
            if picked is not None:
                self.decide(f"Took back: {next(r for r in rules if str(r.id) == picked)}", "forget_actor_rule",
                            int(picked))
        rows = [(str(r.id), Text.assemble((f"{r.id:>3}  ", "bold"), str(r), ("  " + (r.made or "")[:10], "dim")))
                for r in rules]
        self.app.call_from_thread(self.app.push_screen, PickDialog(
            "Actor rules, oldest first: enter takes the one picked back (esc keeps them all)", rows), done)

    @work(thread=True)
    @reports_errors
    def decide(self, done: str, method: str, *args: object) -> None:
        """Keep (or take back) an actor rule through the desk, then have everything read again."""
        getattr(self.app.desk, method)(*args)
        self.post_message(self.Decided(done + " (in every briefing)"))
