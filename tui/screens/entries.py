"""The screen a briefing, a story and a dossier share: panes of entries beside a detail pane.

It composes the widgets (the panes inside the ``Annotator``, the
``DetailPane``, the ``FilterBar``, the ``KeyBar``) around one ``Entries``, and
wires their messages: a highlighted row is described in the detail pane, a
saved annotation or a kept actor decision redraws, a typed filter narrows its
pane. Once a second it asks the desk what anyone else changed and reads that
again. Each kind of screen brings its ``Entries`` and its own keys.
"""

from __future__ import annotations

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen

from briefings.desk import Watch

from ..entries import Entries
from ..heap import settle_heap_soon
from ..keymap import bindings
from ..notify import reports_errors
from ..widgets.annotator import Annotator
from ..widgets.detail_pane import DetailPane
from ..widgets.entry_list import EntryList, position_of
from ..widgets.entry_pane import ActorPane, EntryPane
from ..widgets.filter_bar import FilterBar
from ..widgets.heading import Heading
from ..widgets.key_bar import KeyBar
from ..widgets.too_small import HEIGHTS, WIDTHS, TooSmall


class EntriesScreen(Screen):
    CSS_PATH = "entries.tcss"
    BINDINGS = bindings("pane.1", "pane.2", "pane.3", "pane.4", "pane.5", "pane.filter", "pane.clear",
                        "view.hidden", "app.export", "app.library", "pane.dossier")
    ACTOR_PANES: tuple[str, ...] = ("actors",)  # panes whose rows are actors (merge, split, dossier)
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = WIDTHS, HEIGHTS

    def __init__(self, entries: Entries, start_key: str | None = None) -> None:
        super().__init__()
        self.entries = entries
        self.start_key = start_key  # the row to show first (opened from a story or a search)
        self.watch: Watch | None = None  # the desk's look at the store (see ``check_changes``)

    def compose(self) -> ComposeResult:
        yield Heading(id="header")
        with Container(id="panes"):
            with Annotator(self.app.desk, self.entries, id="lists"):
                for pane in self.entries.PANES:
                    yield (ActorPane if pane in self.ACTOR_PANES else EntryPane)(self.entries, pane)
            yield DetailPane(id="detail")
        yield FilterBar(id="filter")
        yield KeyBar()
        yield TooSmall()

    def on_mount(self) -> None:
        self.redraw()
        self.focus_row(self.start_key)
        self.data_changed()
        desk = self.app.desk
        self.watch = desk.watch(self.entries.briefings, self.entries.stamps())
        self.set_interval(1.0, self.check_changes)
        settle_heap_soon(self)

    def data_changed(self) -> None:
        """The entries were read again: each pane reads its words again for the filter; the
        first one (a story's timeline of thousands) once the screen is still a moment."""
        for n, pane in enumerate(self.panes()):
            pane.data_changed(warm=n == 0)

    def panes(self) -> list[EntryPane]:
        return list(self.query(EntryPane))

    def pane(self, name: str) -> EntryPane:
        return self.query_one(f"#{name}", EntryPane)

    # -- showing --------------------------------------------------------------------

    def redraw(self, message: str | None = None) -> None:
        """Show the entries as they are now: the header, every pane, the detail."""
        self.query_one(Heading).show(*self.entries.heading())
        for pane in self.panes():
            pane.reload()
        self.show_current_detail()
        if message:
            self.notify(message, timeout=1.5, markup=False)

    def focus_row(self, key: str | None) -> None:
        """Focus the pane holding ``key`` with its cursor on it (the first pane if none does)."""
        for pane in self.panes():
            if key is not None and position_of(pane.rows, key) is not None:
                pane.set_rows(pane.rows, keep=key)
                pane.focus()
                return
        self.panes()[0].focus()

    def show_current_detail(self) -> None:
        focused = self.focused
        if isinstance(focused, EntryList):
            self.query_one(DetailPane).show(self.entries.detail(focused.current))

    @on(EntryList.Highlighted)
    def show_detail(self, event: EntryList.Highlighted) -> None:
        """Describe the row under the cursor of the focused pane, or of the pane being filtered
        (the filter box has the focus, and the row described may have been filtered out)."""
        bar = self.query_one(FilterBar)
        filtering = bar.display and event.entry_list.id == bar.pane
        if event.entry_list.has_focus or filtering or event.key is None:
            self.query_one(DetailPane).show(self.entries.detail(event.key))

    def focused_entry(self) -> str | None:
        focused = self.focused
        return focused.current if isinstance(focused, EntryList) else None

    @on(Annotator.Saved)
    def saved(self, event: Annotator.Saved) -> None:
        self.redraw(event.message)

    @on(Annotator.Undone)
    def undone(self, event: Annotator.Undone) -> None:
        self.reread_all(event.message)

    @on(ActorPane.Decided)
    def decided(self, event: ActorPane.Decided) -> None:
        self.notify(event.message, markup=False)
        self.reread_all()

    # -- what others changed -----------------------------------------------------------

    def check_changes(self) -> None:
        """Another process (the CLI, a second app) changed what is shown: show it."""
        changes = self.app.desk.changes(self.watch)
        self.watch = changes.watch
        if changes.rewritten or changes.decisions:  # re-imported, re-dated, actors merged or split
            self.reread_all()
        elif changes.annotated:
            self.reread(sorted(changes.annotated))

    @work(thread=True, exclusive=True, group="reload")
    @reports_errors
    def reread_all(self, message: str | None = None) -> None:
        """Read everything shown again and swap it in."""
        desk = self.app.desk
        watch = desk.watch(self.entries.briefings)  # first: a write while reading shows next time
        data = self.entries.read_again(desk)

        def swap() -> None:
            self.entries.load(data)
            self.watch = watch
            self.data_changed()
            self.redraw(message)
            settle_heap_soon(self)
        self.app.call_from_thread(swap)

    @work(thread=True, exclusive=True, group="reread")
    @reports_errors
    def reread(self, briefing_ids: list[str]) -> None:
        """Read these briefings' annotations again, then redraw."""
        for briefing_id in briefing_ids:
            self.entries.take_annotations(briefing_id, self.app.desk.annotations(briefing_id))
        self.app.call_from_thread(self.redraw)

    # -- keys ----------------------------------------------------------------------------

    def action_pane(self, index: int) -> None:
        names = (*self.entries.PANES, "detail")
        if index < len(names):
            self.query_one(f"#{names[index]}").focus()

    def action_show_hidden(self) -> None:
        self.entries.show_hidden = not self.entries.show_hidden
        self.redraw()

    def action_filter(self) -> None:
        pane = self.focused
        if not isinstance(pane, EntryPane):  # a "/" typed in the filter box (see ``keymap``)
            raise SkipAction()
        pane.warm()
        self.query_one(FilterBar).open(pane.pane, pane.needle)

    @on(FilterBar.Typed)
    def filter_typed(self, event: FilterBar.Typed) -> None:
        self.pane(event.pane).filter(event.text)

    @on(FilterBar.Done)
    def filter_done(self, event: FilterBar.Done) -> None:
        self.pane(event.pane).focus()

    def action_clear(self) -> None:
        """Esc clears the filters; with nothing to clear it goes back to the screen before."""
        bar = self.query_one(FilterBar)
        actor_panes = [p for p in self.panes() if isinstance(p, ActorPane)]
        if not (any(p.needle for p in self.panes()) or bar.display or any(p.merging for p in actor_panes)
                or self.is_narrowed()):
            if len(self.app.screen_stack) > 2:
                self.app.pop_screen()
            return
        for pane in self.panes():
            pane.needle = ""
        for pane in actor_panes:
            pane.merging = None
        self.widen()
        bar.close()
        self.redraw()
        self.panes()[0].focus()

    def is_narrowed(self) -> bool:
        """True while the panes show a part chosen by a key (a screen's own narrowing)."""
        return False

    def widen(self) -> None:
        """Undo a screen's own narrowing (called by esc)."""

    def action_dossier_hint(self) -> None:
        """``d`` where no actor is focused (the actors pane has its own ``d``): say where it works."""
        if any(isinstance(p, ActorPane) for p in self.panes()):
            self.notify("d opens an actor's dossier: press it on an actor (2 goes to the actors)", markup=False)
        else:
            self.notify("d opens an actor's dossier, from a briefing's or a story's actors", markup=False)

    def action_export(self) -> None:
        subject, stem = self.entries.export_subject()
        self.app.ask_export(subject, stem)

    def action_library(self) -> None:
        self.app.show_library(back_to=self.reopen)

    def reopen(self) -> None:
        """Open what this screen shows again (esc in the library, after ``l``)."""
        raise NotImplementedError
