"""The library: stories, saved searches and every briefing, newest first.

The library is read in a worker, a page of rows at a time as they are drawn
(``Desk.library``), so a library of 100,000 briefings opens as fast as one
of ten. ``/`` searches titles, entries, notes and tags across the store as
you type, from the second character (in a worker; the newest query wins):
the hits best first, counted, each row with its words highlighted and a
snippet of the entry that holds them, made when drawn; too many to rank
as they are typed are listed newest first until enter ranks them. ``v``
keeps the search as a named view. A search index that is missing or
damaged is made again in a worker once the library is shown, the title
saying how far it got ("indexing 43%"); searches meanwhile find what it
holds so far.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Label

from briefings.desk import BriefingError, IndexRow, Library, Watch, clean

from ..heap import settle_heap_soon
from ..keymap import bindings
from ..notify import reports_errors
from ..widgets.entry_list import EntryList, Joined, LazyRows, Row
from ..widgets.key_bar import KeyBar
from ..widgets.text_box import TextBox
from ..widgets.too_small import HEIGHTS, WIDTHS, TooSmall
from ..words import count, slug

if TYPE_CHECKING:  # the search's types: imported with the first search, not at start-up
    from briefings.desk import Hit, Results

STORY, VIEW = "story:", "view:"  # row keys that are not briefing ids


SEARCH_FROM = 2  # characters typed before the library is searched (a letter alone would match too much)
OUTLET_WIDTH = (8, 20)  # the outlet column: as wide as the longest outlet, within these


def outlet_width(outlets: Sequence[str | None]) -> int:
    longest = max((len(o) for o in outlets if o), default=0)
    return max(OUTLET_WIDTH[0], min(OUTLET_WIDTH[1], longest))


def briefing_text(published: str | None, outlet: str | None, title: str, width: int, extra: str = "",
                  unread: bool = False) -> Text:
    # cleaned again as drawn: a store written before the gate may hold escape sequences
    outlet = clean(outlet or "")
    outlet = outlet if len(outlet) <= width else outlet[:width - 1] + "…"
    return Text.assemble((clean(published or "????-??-??"), "bold"), " ", ("●" if unread else " "), " ",
                         outlet.ljust(width), "  ", clean(title), (extra, "dim"))


def briefing_row(r: IndexRow, width: int) -> Row:
    counts = f"  ({count(r.events, 'event')}, {count(r.actors, 'actor')}, {count(r.quotes, 'quote')})"
    return Row(r.id, lambda: briefing_text(r.published, r.outlet, r.title, width, counts, r.unread))


def found(pieces: Sequence[tuple[str, bool]], style: str = "") -> Text:
    """Text with the words a search found in bold (pieces of untrusted text: data, never markup)."""
    return Text.assemble(*((piece, f"{style} bold".strip() if hit else style) for piece, hit in pieces))


def hit_row(h: Hit, width: int) -> Row:
    def text() -> Text:
        line = briefing_text(h.published, h.outlet, "", width)
        line.append_text(found(h.title_pieces))
        if h.snippet:
            line.append("  ")
            line.append_text(found(h.snippet, "dim"))
        return line
    return Row(h.id, text)


class LibraryScreen(Screen):
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = WIDTHS, HEIGHTS
    BINDINGS = bindings("library.open", "library.search", "library.clear", "library.save_view", "story.add",
                        "app.export", "library.feeds")

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.hits: Results | None = None  # the last search's
        self.watch: Watch | None = None  # the desk's look at the store when the rows were read
        self.title_width = 0  # of the title shown
        self.outlet_width = OUTLET_WIDTH[0]  # of the outlet column, from the longest outlet
        self.briefings: Library | None = None  # the library's rows, as last read
        self.back_to: Callable[[], object] | None = None  # what esc goes back to: the screen left for the library
        self.heading = ""  # the title's text, less what the search index is doing (not Screen.title:
        # a reactive, whose every change redraws the whole screen)
        self.indexing = ""  # " · indexing 43%" while the search index is being made
        self.index_checked = False  # the search index made ready (or being made) once the rows are shown

    def compose(self) -> ComposeResult:
        yield Label("Library", id="library-title")
        yield TextBox(placeholder="search: words, tag:NAME, actor:\"NAME\", after:DATE, starred…", id="search")
        yield EntryList(id="library")
        yield KeyBar()
        yield TooSmall()

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one(EntryList).focus()
        self.reload()
        self.set_interval(1.0, self.check_changes)

    def show_title(self, text: str | None = None) -> None:
        self.heading = text if text is not None else self.heading
        label = self.query_one("#library-title", Label)
        title = Text(self.heading + self.indexing)
        # A new layout only when the title may take another number of lines: a layout
        # redraws the list's scroll bar too, the dearest part of a keystroke in a long list.
        one_line = max(title.cell_len, self.title_width) <= label.content_size.width
        label.update(title, layout=not one_line)
        self.title_width = title.cell_len

    # -- the whole library ----------------------------------------------------

    def reload(self) -> None:
        if self.query_text:
            self.run_search(self.query_text)
        else:
            self.read_library()

    @work(thread=True, exclusive=True, group="library")
    @reports_errors
    def read_library(self) -> None:
        desk = self.app.desk
        watch = desk.watch()  # first: a change while reading shows next time
        briefings = desk.library()
        story_list = desk.stories()
        views = desk.views()
        head = [Row(STORY + s.name, Text.assemble(("▤ story  ", "magenta"), (s.name, "bold"),
                                                  (f"  ({count(len(s.briefings), 'article')})", "dim")))
                for s in story_list]
        head += [Row(VIEW + v.name, Text.assemble(("⌕ view   ", "cyan"), (v.name, "bold"), ("  " + v.query, "dim")))
                 for v in views]
        width = self.outlet_width = outlet_width(list(briefings.outlets()))
        rows = LazyRows(Joined([r.key for r in head], briefings.ids),
                        lambda n: head[n] if n < len(head) else briefing_row(briefings[n - len(head)], width))
        self.briefings = briefings
        title = (f"Library · {count(len(briefings), 'briefing')} · {count(len(story_list), 'story')} · "
                 f"{count(len(views), 'saved search')}")
        if self.query_text:  # a search typed meanwhile (reading 100,000 takes a moment): its hits stay
            return
        self.app.call_from_thread(self.show, rows, title, watch)

    def show(self, rows: Sequence[Row], title: str, watch: Watch | None = None, keep: str | None = None) -> None:
        self.query_one(EntryList).set_rows(rows, keep)
        self.show_title(title)
        if watch is not None:  # the library read again (not a search's page of hits, shown as the reader types)
            self.watch = watch
            settle_heap_soon(self)  # once drawn: the first screen does not wait for it
        if not self.index_checked:
            self.index_checked = True
            self.prepare_search()

    def check_changes(self) -> None:
        """Another process imported, deleted or grouped briefings: show it."""
        if self.watch is None:
            return
        changes = self.app.desk.changes(self.watch)
        self.watch = changes.watch
        if changes.library:
            self.reload()

    # -- search ---------------------------------------------------------------

    def action_search(self) -> None:
        if isinstance(self.focused, Input):  # a "/" typed in a box (see ``keymap``)
            raise SkipAction()
        box = self.query_one("#search", Input)
        box.display = True
        self.set_focus(box)  # now: the keys right behind this one are the box's

    @work(thread=True, exclusive=True, group="search-index")
    def prepare_search(self) -> None:
        """Make the search index ready (nothing to do when it is; about three minutes per 100,000
        briefings when it must be made), the title saying how far it got."""
        def progress(done: int, total: int) -> None:
            self.indexing = f" · indexing {done * 100 // max(total, 1)}%"
            self.app.call_from_thread(self.show_title)

        try:
            self.app.desk.prepare_search(progress)
        except BriefingError as exc:
            self.indexing = f" · search: {exc}"
            self.app.call_from_thread(self.show_title)
            return
        if self.indexing:  # it was made: the hits of the whole index now
            self.indexing = ""
            self.app.call_from_thread(self.reload)

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        typed = event.value.strip()
        typed = typed if len(typed) >= SEARCH_FROM else ""  # one letter alone: the library stays
        if typed != self.query_text:
            self.query_text = typed
            self.reload()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(EntryList).focus()
        hits = self.hits
        if self.query_text and hits is not None and hits.query.has_words and not hits.ranked:
            self.run_search(self.query_text, rank_all=True)  # too many to rank as they were typed: ranked now

    @work(thread=True, exclusive=True, group="library")
    def run_search(self, query: str, rank_all: bool = False) -> None:
        try:
            hits = self.app.desk.search_as_you_type(query, rank_all=rank_all)
        except BriefingError as exc:
            from briefings.desk import QueryError

            self.app.call_from_thread(self.show_title, f"Search: {exc}")
            if not isinstance(exc, QueryError):  # the index, damaged: made again
                self.app.call_from_thread(self.prepare_search)
            return
        if query != self.query_text:  # typed on meanwhile: a newer search follows
            return
        self.hits = hits
        width = self.outlet_width
        rows = LazyRows(hits.ids, lambda n: hit_row(hits[n], width))  # a row is made when drawn
        if hits.ranked or not hits.query.has_words:
            order = "best first" if hits.ranked else "newest first"
            keys = "enter: to the results · esc clears · v saves"
        else:
            order, keys = "newest first", "enter ranks them · esc clears · v saves"
        title = f"Search: {query} · {count(len(hits), 'briefing')}, {order} ({keys})"
        self.app.call_from_thread(self.show, rows, title, None, hits.ids[0] if hits else None)

    def action_clear_search(self) -> None:
        """Esc clears the search; with no search, it goes back to what the library was opened from."""
        box = self.query_one("#search", Input)
        if not (box.display or self.query_text):
            if self.back_to is not None:
                back_to, self.back_to = self.back_to, None
                back_to()
            return
        box.value, box.display = "", False
        self.query_text = ""
        self.query_one(EntryList).focus()
        self.reload()

    def action_save_view(self) -> None:
        from ..widgets.dialogs import (
            PromptDialog,  # not at start-up: it brings the note editor
        )

        query = self.query_text
        if not query:
            self.notify("Search first (/), then v saves the search as a view", markup=False)
            return

        def done(name: str | None) -> None:
            if name and name.strip():
                self.save_view(name.strip(), query)
        self.app.push_screen(PromptDialog(f"Save the search {query!r} as (a name)"), done)

    @work(thread=True)
    @reports_errors
    def save_view(self, name: str, query: str) -> None:
        self.app.desk.save_view(name, query)
        self.notify(f"Saved the view {name!r}", markup=False)

    # -- opening, grouping, exporting -----------------------------------------

    def action_open(self) -> None:
        key = self.query_one(EntryList).current
        if not key:
            return
        if key.startswith(STORY):
            self.app.open_story(key[len(STORY):])
        elif key.startswith(VIEW):
            view = next((v for v in self.app.desk.views() if v.name == key[len(VIEW):]), None)
            if view:
                box = self.query_one("#search", Input)
                box.display = True
                box.value = view.query  # runs the search (Input.Changed)
        else:
            row = self.briefings.get(key) if self.briefings is not None else None
            if row is not None and row.unread:  # a write only when there is a mark to clear
                self.mark_read(key)
            hit = self.hits.get(key) if self.query_text and self.hits is not None else None
            self.app.open_briefing(key, hit.entries[0] if hit and hit.entries else None)

    @work(thread=True)
    @reports_errors
    def mark_read(self, key: str) -> None:
        self.app.desk.mark_read(key)

    def action_add_to_story(self) -> None:
        key = self.query_one(EntryList).current
        if key and not key.startswith((STORY, VIEW)):
            self.app.ask_story(key)

    def action_export(self) -> None:
        key = self.query_one(EntryList).current
        if not key or key.startswith(VIEW):
            return
        if key.startswith(STORY):
            name = key[len(STORY):]
            self.app.ask_export({"story": name}, slug(name))
        else:
            self.app.ask_export({"briefing_id": key}, key)

    def action_refresh_feeds(self) -> None:
        self.notify("Refreshing feeds…", timeout=2)
        self.refresh_feeds()

    @work(thread=True, exclusive=True, group="feeds")
    def refresh_feeds(self) -> None:
        """Fetch every feed while the reader keeps working; new briefings arrive unread (●)."""
        summary = self.app.desk.update_feeds()
        self.app.call_from_thread(self.reload)
        self.app.call_from_thread(self.notify, f"Feeds: {summary.new} new, {len(summary.failed)} failed", markup=False)
