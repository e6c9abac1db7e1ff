"""The library: stories, saved searches and every briefing, newest first.

The index is read in a worker and rows are drawn lazily, so a library of
10,000 briefings opens as fast as one of ten. ``/`` searches titles,
entries, notes and tags across the store as you type (in a worker, with
the search index in memory made ready as the box opens; the newest query
wins; hits become rows when drawn); ``v`` keeps the search as a named view.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Label

from briefings.errors import BriefingError
from briefings.store import IndexRow, Store

if TYPE_CHECKING:
    from briefings.search import Hit
    from briefings.search_index import Results

from .heap import settle_heap
from .widgets.entry_list import EntryList, LazyRows, Row
from .widgets.key_bar import KeyBar
from .words import count, slug

STORY, VIEW = "story:", "view:"  # row keys that are not briefing ids


def briefing_text(published: str | None, outlet: str | None, title: str, extra: str = "",
                  unread: bool = False) -> Text:
    return Text.assemble((published or "????-??-??", "bold"), "  ", ("● " if unread else "  "),
                         (outlet or "")[:12].ljust(12), "  ", title, (extra, "dim"))


def briefing_row(r: IndexRow) -> Row:
    return Row(r.id, lambda: briefing_text(
        r.published, r.outlet, r.title, f"  ({count(r.events, 'event')}, {count(r.actors, 'actor')}, {count(r.quotes, 'quote')})", r.unread))


def hit_row(h: Hit) -> Row:
    return Row(h.id, lambda: briefing_text(
        h.published, h.outlet, h.title, f"  ({count(len(h.entries), 'matching entry')})" if h.entries else ""))


def library_stamp(store: Store) -> tuple:
    """Changes when a briefing, a story or a saved search is added or changed by anyone."""
    def stat(name: str):
        try:
            st = os.stat(store.root / name)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns
    return store.index_stamp(), stat("stories.json"), stat("views.json")


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("slash", "search", "Search", id="library.search"),
        Binding("escape", "clear_search", "Clear search", show=False, id="library.clear"),
        Binding("v", "save_view", "Save search", id="library.save_view"),
        Binding("S", "add_to_story", "Add to story", id="story.add"),
        Binding("e", "export", "Export", show=False, id="app.export"),
        Binding("r", "refresh_feeds", "Refresh feeds", id="library.feeds"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.hits: Results | dict[str, Hit] = {}  # the last search's (get by briefing id)
        self.stamp: tuple | None = None
        self.search_fresh = False  # the search index was brought up to date since the last change
        self.search_lock = threading.Lock()  # one worker brings it up to date, the others wait
        self.title_width = 0  # of the title shown
        self.unread: set[str] = set()  # briefings marked ● (a feed brought them, not yet opened)

    def compose(self) -> ComposeResult:
        yield Label("Library", id="library-title")
        yield EntryList(id="library")
        yield Input(placeholder="search: words, tag:NAME, actor:\"NAME\", after:DATE, starred…", id="search")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one(EntryList).focus()
        self.reload()
        self.set_interval(1.0, self.check_changes)

    def show_title(self, text: str) -> None:
        label = self.query_one("#library-title", Label)
        title = Text(text)
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
    def read_library(self) -> None:
        from briefings import search, stories

        store: Store = self.app.store
        try:
            stamp = library_stamp(store)
            briefings = store.list()
            story_list = stories.list_stories(store)
            views = search.views(store)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        head = [Row(STORY + s.name, Text.assemble(("▤ story  ", "magenta"), (s.name, "bold"),
                                                  (f"  ({count(len(s.briefings), 'article')})", "dim")))
                for s in story_list]
        head += [Row(VIEW + v.name, Text.assemble(("⌕ view   ", "cyan"), (v.name, "bold"), ("  " + v.query, "dim")))
                 for v in views]
        ids = briefings.column("id")
        rows = LazyRows([r.key for r in head] + ids,
                        lambda n: head[n] if n < len(head) else briefing_row(briefings[n - len(head)]))
        self.unread = {i for i, unread in zip(ids, briefings.column("unread")) if unread}
        title = (f"Library · {count(len(briefings), 'briefing')} · {count(len(story_list), 'story')} · "
                 f"{count(len(views), 'saved search')}")
        self.app.call_from_thread(self.show, rows, title, stamp)

    def show(self, rows: Sequence[Row], title: str, stamp: tuple | None = None) -> None:
        self.query_one(EntryList).set_rows(rows)
        self.show_title(title)
        settle_heap()
        if stamp is not None:
            self.stamp = stamp

    def check_changes(self) -> None:
        """Another process imported, deleted or grouped briefings: show it."""
        stamp = library_stamp(self.app.store)
        if self.stamp is not None and stamp != self.stamp:
            self.stamp = stamp
            self.search_fresh = False
            self.reload()

    def on_screen_resume(self) -> None:
        self.search_fresh = False  # notes and tags may have changed in a briefing

    # -- search ---------------------------------------------------------------

    def action_search(self) -> None:
        self.search_fresh = False  # another process may have tagged or noted something
        box = self.query_one("#search", Input)
        box.display = True
        box.focus()
        self.prepare_search()

    @work(thread=True, exclusive=True, group="search-index")
    def prepare_search(self) -> None:
        """Bring the search index up to date as the box opens, so the first key does not wait for it."""
        try:
            self.ready_search()
        except BriefingError:
            pass  # the search itself says what is wrong

    def ready_search(self) -> None:
        from briefings import search, search_index

        with self.search_lock:
            if self.search_fresh:  # once per visit, not per keystroke: it stats every briefing
                return
            self.search_fresh = True  # a change flagged from now on is taken by the next search
            try:
                search.refresh(self.app.store)
                search_index.index(self.app.store)  # built the first time (seconds at 10,000 briefings)
            except BriefingError:
                self.search_fresh = False
                raise
            settle_heap()  # the rows and the index are kept: out of the collector's way

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(EntryList).focus()

    @work(thread=True, exclusive=True, group="library")
    def run_search(self, query: str) -> None:
        from briefings import search_index

        try:
            self.ready_search()
            hits = search_index.search(self.app.store, query)
        except BriefingError as exc:
            self.app.call_from_thread(self.show_title, f"Search: {exc}")
            return
        if query != self.query_text:  # typed on meanwhile: a newer search follows
            return
        self.hits = hits
        rows = LazyRows(hits.ids, lambda n: hit_row(hits[n]))  # a row is made when drawn
        self.app.call_from_thread(self.show, rows, f"Search: {query} · {count(len(hits), 'briefing')} (esc clears, v saves)")

    def action_clear_search(self) -> None:
        box = self.query_one("#search", Input)
        box.value, box.display = "", False
        self.query_text = ""
        self.query_one(EntryList).focus()
        self.reload()

    def action_save_view(self) -> None:
        from .screens import PromptScreen  # not at start-up: it brings the note editor

        query = self.query_text
        if not query:
            self.notify("Search first (/), then v saves the search as a view", markup=False)
            return

        def done(name: str | None) -> None:
            if name and name.strip():
                self.save_view(name.strip(), query)
        self.app.push_screen(PromptScreen(f"Save the search {query!r} as (a name)"), done)

    @work(thread=True)
    def save_view(self, name: str, query: str) -> None:
        from briefings import search

        try:
            search.save_view(self.app.store, name, query)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Saved the view {name!r}", markup=False)

    # -- opening, grouping, exporting -----------------------------------------

    def action_open(self) -> None:
        key = self.query_one(EntryList).current
        if not key:
            return
        if key.startswith(STORY):
            self.app.open_story(key[len(STORY):])
        elif key.startswith(VIEW):
            from briefings import search

            view = next((v for v in search.views(self.app.store) if v.name == key[len(VIEW):]), None)
            if view:
                box = self.query_one("#search", Input)
                box.display = True
                box.value = view.query  # runs the search (Input.Changed)
        else:
            if key in self.unread:  # a write only when there is something to clear
                self.unread.discard(key)
                self.mark_read(key)
            hit = self.hits.get(key) if self.query_text else None
            self.app.open_briefing(key, hit.entries[0] if hit and hit.entries else None)

    @work(thread=True)
    def mark_read(self, key: str) -> None:
        try:
            self.app.store.mark_read(key)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)

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
        from briefings.feeds import update_all

        summary = update_all(self.app.store)
        self.app.call_from_thread(self.reload)
        self.app.call_from_thread(self.notify, f"Feeds: {summary.new} new, {len(summary.failed)} failed", markup=False)
