"""The briefing workbench: library, then a briefing's timeline, actors, quotes and source.

Every Binding has an id and a description: the footer, the ``?`` help, the
command palette and the user's keymap (keymap.toml) all come from them.
Store writes run in thread workers; a mark shows only after its save returned.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from briefings.errors import BriefingError
from briefings.history import History
from briefings.model import Annotation, Briefing, is_grade
from briefings.store import Store

from .screens import HelpScreen, NoteScreen, PromptScreen
from .widgets.entry_list import EntryList, Row

PANES = ("timeline", "actors", "quotes")


def config_dir() -> Path:
    if env := os.environ.get("BRIEFING_CONFIG"):
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("briefing", appauthor=False)


def marks(annotation: Annotation | None) -> Text:
    """Annotation marks as glyphs, so they never depend on colour alone."""
    a = annotation or Annotation()
    return Text.assemble(
        ("★" if a.starred else " ", "yellow"),
        ("✎" if a.note else " "),
        ("#" if a.tags else " "),
        ("⊘" if a.hidden else " "),
        (f"[{a.grade}]" if a.grade else "    ", "cyan"),
        " ",
    )


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open"),
        Binding("r", "refresh_feeds", "Refresh feeds", id="library.feeds"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Library", id="library-title")
        yield EntryList(id="library")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        store: Store = self.app.store
        rows = [
            Row(r.id, Text.assemble((r.published or "????-??-??", "bold"), "  ", ("● " if r.unread else "  "),
                                    (r.outlet or "")[:12].ljust(12), "  ", r.title,
                                    (f"  ({r.events} events, {r.actors} actors, {r.quotes} quotes)", "dim")))
            for r in store.list()
        ]
        self.query_one(EntryList).set_rows(rows)
        self.query_one(EntryList).focus()

    def action_open(self) -> None:
        key = self.query_one(EntryList).current
        if key:
            self.app.store.mark_read(key)
            self.app.open_briefing(key)

    def action_refresh_feeds(self) -> None:
        self.notify("Refreshing feeds…", timeout=2)
        self.refresh_feeds()

    @work(thread=True, exclusive=True)
    def refresh_feeds(self) -> None:
        """Fetch every feed while the reader keeps working; new briefings arrive unread (●)."""
        from briefings.feeds import update_all

        summary = update_all(self.app.store)
        message = f"Feeds: {summary.new} new, {len(summary.failed)} failed"
        self.app.call_from_thread(self.reload)
        self.app.call_from_thread(self.notify, message, markup=False)


class BriefingScreen(Screen):
    BINDINGS = [
        Binding("1", "pane('timeline')", "Timeline", show=False, id="pane.timeline"),
        Binding("2", "pane('actors')", "Actors", show=False, id="pane.actors"),
        Binding("3", "pane('quotes')", "Quotes", show=False, id="pane.quotes"),
        Binding("4", "pane('detail')", "Source", show=False, id="pane.detail"),
        Binding("n", "note", "Note", id="entry.note"),
        Binding("t", "tags", "Tags", id="entry.tags"),
        Binding("s", "star", "Star", id="entry.star"),
        Binding("c", "grade", "Grade", id="entry.grade"),
        Binding("x", "hide", "Hide", id="entry.hide"),
        Binding("H", "show_hidden", "Show hidden", show=False, id="view.hidden"),
        Binding("u", "undo", "Undo", id="entry.undo"),
        Binding("f", "focus_actor", "Narrow to actor", show=False, id="actor.narrow"),
        Binding("a", "speaker", "Go to speaker", show=False, id="quote.speaker"),
        Binding("slash", "filter", "Filter", id="pane.filter"),
        Binding("escape", "clear", "Clear filter", show=False, id="pane.clear"),
        Binding("p", "set_date", "Set date", show=False, id="briefing.date"),
        Binding("l", "library", "Library", id="app.library"),
    ]

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing
        self.show_hidden = False
        self.narrow_actor: str | None = None
        self.filters: dict[str, str] = {}
        self.filter_pane = "timeline"  # the pane the filter box applies to

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Horizontal():
            with Vertical(id="lists"):
                for pane in PANES:
                    yield Label(pane.capitalize(), classes="pane-title")
                    yield EntryList(id=pane)
            with VerticalScroll(id="detail", can_focus=True):
                yield Static(id="detail-text")
        yield Input(placeholder="filter…", id="filter")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.render_all()
        self.query_one("#timeline", EntryList).focus()
        self.stamp = self.app.store.stamp(self.briefing.id)
        self.set_interval(1.0, self.check_changes)

    # -- rendering ----------------------------------------------------------

    def render_all(self) -> None:
        b = self.briefing
        self.query_one("#header", Static).update(Text.assemble(
            (b.title, "bold"), "  ·  ", b.source.outlet or "unknown outlet", "  ·  ",
            b.source.published or "date unknown",
            f"  ·  {len(b.events)} events · {len(b.actors)} actors · {len(b.quotes)} quotes"))
        for pane in PANES:
            self.query_one(f"#{pane}", EntryList).set_rows(self.rows(pane))

    def visible(self, entry_id: str) -> bool:
        return self.show_hidden or not self.briefing.annotations.get(entry_id, Annotation()).hidden

    def rows(self, pane: str) -> list[Row]:
        b, notes = self.briefing, self.briefing.annotations
        if pane == "timeline":
            items = sorted(b.events, key=lambda e: (e.when.start is None, e.when.start or "", e.span or (0, 0)))
            if self.narrow_actor:
                items = [e for e in items if self.narrow_actor in e.actors]
            made = [(e.id, Text.assemble(((e.when.value or "unresolved").ljust(11), "bold"),
                                         (e.when.text[:14].ljust(15), "italic"), e.summary)) for e in items]
        elif pane == "actors":
            made = [(a.id, Text.assemble(a.name, (f"  {a.kind}", "green"), (f"  ×{len(a.mentions)}", "dim")))
                    for a in b.actors]
        else:
            items = [q for q in b.quotes if not self.narrow_actor or q.speaker == self.narrow_actor]
            made = []
            for q in items:
                speaker = b.actor(q.speaker)
                made.append((q.id, Text.assemble(((speaker.name if speaker else q.speaker_name or "?"), "bold"),
                                                 ": “", q.text, "”")))
        needle = self.filters.get(pane, "").lower()
        return [Row(key, marks(notes.get(key)) + text, dim=not self.visible(key))
                for key, text in made
                if self.visible(key) and (not needle or needle in text.plain.lower())]

    @on(EntryList.Highlighted)
    def show_detail(self, event: EntryList.Highlighted) -> None:
        if event.entry_list.has_focus or event.key is None:
            self.query_one("#detail-text", Static).update(self.detail(event.key))

    def detail(self, key: str | None) -> Text:
        b = self.briefing
        entry = next((e for e in (*b.events, *b.actors, *b.quotes) if e.id == key), None)
        if entry is None:
            return Text(b.text)
        out = Text()
        spans: list[tuple[int, int]] = []
        if hasattr(entry, "when"):
            out.append(f"{entry.when.value or 'unresolved'}  ({entry.when.text})\n", "bold")
            out.append(entry.summary + "\n")
            spans = [entry.span] if entry.span else []
        elif hasattr(entry, "mentions"):
            out.append(f"{entry.name}  [{entry.kind}]\n", "bold")
            if entry.aliases:
                out.append("also: " + ", ".join(entry.aliases) + "\n")
            out.append(entry.description + "\n")
            spans = list(entry.mentions)
        else:
            speaker = b.actor(entry.speaker)
            out.append((speaker.name if speaker else entry.speaker_name or "unknown") + ":\n", "bold")
            out.append(f"“{entry.text}”\n")
            spans = [entry.span] if entry.span else []
        a = b.annotations.get(key)
        if a and not a.is_empty:
            out.append("\n")
            out.append(marks(a))
            if a.tags:
                out.append(" tags: " + ", ".join(a.tags))
            if a.note:
                out.append("\nnote: " + a.note, "italic")
            out.append("\n")
        if spans:
            start, end = spans[0]
            lo, hi = max(0, start - 300), min(len(b.text), end + 300)
            context = Text("\n" + ("…" if lo else "") + b.text[lo:hi] + ("…" if hi < len(b.text) else ""))
            offset = 1 + (1 if lo else 0) - lo
            for s, e in spans:
                if lo <= s and e <= hi:
                    context.stylize("reverse bold", s + offset, e + offset)
            out.append_text(context)
        return out

    # -- annotation -----------------------------------------------------------

    def focused_entry(self) -> str | None:
        focused = self.focused
        return focused.current if isinstance(focused, EntryList) else None

    def entry_label(self, key: str) -> str:
        b = self.briefing
        for e in (*b.events, *b.actors, *b.quotes):
            if e.id == key:
                return getattr(e, "summary", None) or getattr(e, "name", None) or getattr(e, "text", "")
        return key

    @work(thread=True, exclusive=False)
    def save(self, key: str, changes: dict) -> None:
        try:
            self.app.history.annotate(self.briefing.id, key, **changes)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.reload, "Saved")

    def reload(self, message: str | None = None) -> None:
        self.briefing = self.app.store.load(self.briefing.id)
        self.stamp = self.app.store.stamp(self.briefing.id)
        self.render_all()
        focused = self.focused
        if isinstance(focused, EntryList):
            self.query_one("#detail-text", Static).update(self.detail(focused.current))
        if message:
            self.notify(message, timeout=1.5)

    def check_changes(self) -> None:
        """Another process (the CLI, a second app) changed this briefing: show it."""
        if self.app.store.stamp(self.briefing.id) != self.stamp:
            self.reload()

    def annotation(self, key: str) -> Annotation:
        return self.briefing.annotations.get(key, Annotation())

    def action_star(self) -> None:
        if key := self.focused_entry():
            self.save(key, {"starred": not self.annotation(key).starred})

    def action_hide(self) -> None:
        if key := self.focused_entry():
            self.save(key, {"hidden": not self.annotation(key).hidden})

    def action_note(self) -> None:
        if key := self.focused_entry():
            def done(note: str | None) -> None:
                if note is not None:
                    from briefings.sanitize import clean

                    self.save(key, {"note": clean(note)})
            self.app.push_screen(NoteScreen(self.annotation(key).note, self.entry_label(key)), done)

    def action_tags(self) -> None:
        if key := self.focused_entry():
            def done(value: str | None) -> None:
                if value is not None:
                    self.save(key, {"tags": [t for t in value.replace(",", " ").split() if t]})
            self.app.push_screen(PromptScreen("Tags (space or comma separated)", " ".join(self.annotation(key).tags),
                                              self.app.store.tags()), done)

    def action_grade(self) -> None:
        if key := self.focused_entry():
            def done(value: str | None) -> None:
                if value is None:
                    return
                value = value.strip().upper()
                if value and not is_grade(value):
                    self.notify(f"not a grade: {value!r} (A-F then 1-6, e.g. B2)", severity="error", markup=False)
                    return
                self.save(key, {"grade": value or None})
            self.app.push_screen(PromptScreen(
                "Credibility grade (empty clears)", self.annotation(key).grade or "",
                hint="Source A reliable … E unreliable, F cannot judge; information 1 confirmed … 5 improbable, 6 cannot judge"),
                done)

    def action_undo(self) -> None:
        self.undo()

    @work(thread=True)
    def undo(self) -> None:
        try:
            change = self.app.history.undo()
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.reload, "Undone" if change else "Nothing to undo")

    def action_show_hidden(self) -> None:
        self.show_hidden = not self.show_hidden
        self.render_all()

    # -- navigation -----------------------------------------------------------

    def action_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_focus_actor(self) -> None:
        if self.focused is self.query_one("#actors") and (key := self.focused_entry()):
            self.narrow_actor = key
            self.render_all()
            self.notify(Text(f"Showing entries of {self.entry_label(key)} (esc widens)").plain, markup=False)

    def action_speaker(self) -> None:
        if self.focused is self.query_one("#quotes") and (key := self.focused_entry()):
            quote = next(q for q in self.briefing.quotes if q.id == key)
            actors = self.query_one("#actors", EntryList)
            if quote.speaker:
                actors.set_rows(actors.rows, keep=quote.speaker)
                actors.focus()

    def action_filter(self) -> None:
        if isinstance(self.focused, EntryList):
            self.filter_pane = self.focused.id
            box = self.query_one("#filter", Input)
            box.value = self.filters.get(self.filter_pane, "")
            box.display = True
            box.focus()

    @on(Input.Changed, "#filter")
    def apply_filter(self, event: Input.Changed) -> None:
        self.filters[self.filter_pane] = event.value
        self.query_one(f"#{self.filter_pane}", EntryList).set_rows(self.rows(self.filter_pane))

    @on(Input.Submitted, "#filter")
    def keep_filter(self) -> None:
        self.query_one(f"#{self.filter_pane}").focus()

    def action_clear(self) -> None:
        self.filters.clear()
        self.narrow_actor = None
        box = self.query_one("#filter", Input)
        box.value, box.display = "", False
        self.render_all()
        self.query_one("#timeline").focus()

    def action_set_date(self) -> None:
        def done(value: str | None) -> None:
            if value:
                self.set_date(value.strip())
        self.app.push_screen(PromptScreen("Publication date (YYYY-MM-DD)", self.briefing.source.published or ""), done)

    @work(thread=True)
    def set_date(self, value: str) -> None:
        from datetime import date

        from briefings.importer import set_published

        try:
            set_published(self.app.store, self.briefing.id, date.fromisoformat(value).isoformat())
        except (BriefingError, ValueError) as exc:
            self.app.call_from_thread(self.app.notify, f"date not set: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.reload, "Date set; timeline resolved")

    def action_library(self) -> None:
        self.app.show_library()


class BriefingApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("i", "import", "Import", id="app.import"),
    ]

    def __init__(self, store: Store, briefing_id: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.history = History(store)
        self.start_id = briefing_id

    def on_mount(self) -> None:
        self.apply_user_keymap()
        rows = self.store.list()
        if self.start_id or len(rows) == 1:
            self.open_briefing(self.start_id or rows[0].id)
        else:
            self.show_library()

    def apply_user_keymap(self) -> None:
        path = config_dir() / "keymap.toml"
        if not path.exists():
            return
        try:
            keymap = tomllib.loads(path.read_text("utf-8"))
            self.set_keymap({str(k): str(v) for k, v in keymap.items()})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.notify(f"{path}: keymap not applied ({exc})", severity="error", markup=False)

    def open_briefing(self, briefing_id: str) -> None:
        try:
            briefing = self.store.load(briefing_id)
        except BriefingError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(BriefingScreen(briefing))

    def show_library(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen())
        else:
            self.screen.reload()

    def action_help(self) -> None:
        shown = []
        for key, active in self.active_bindings.items():
            b = active.binding
            shown.append((b.key_display or key, b.description, b.id or ""))
        self.push_screen(HelpScreen(shown))

    def action_import(self) -> None:
        def done(path: str | None) -> None:
            if path:
                self.import_file(path.strip())
        self.push_screen(PromptScreen("Import an article (file path or URL)"), done)

    @work(thread=True)
    def import_file(self, path: str) -> None:
        from briefings.importer import import_article

        try:
            briefing, _ = import_article(self.store, str(Path(path).expanduser()) if "://" not in path else path)
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.open_briefing, briefing.id)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(binding.description, f"{binding.description} ({binding.key})",
                                    lambda action=binding.action: self.run_action(action, screen))


def run_app(store: Store, briefing_id: str | None = None) -> None:
    BriefingApp(store, briefing_id).run()
