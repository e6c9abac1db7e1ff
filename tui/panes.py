"""What a briefing, a story and a dossier screen share: lists of entries beside
a detail pane, a filter box, and the keys that annotate the focused entry.

A subclass says which panes it has, which rows each shows and which stored
entry (briefing id, entry id) a row stands for; annotating, filtering, undo,
live reload, export, the dossier and actor merges work the same on all three.
Store reads and writes run in thread workers; a mark shows only after the
write returned.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from briefings.derived import all_settled
from briefings.errors import BriefingError
from briefings.model import Annotation, Briefing, is_grade

from .heap import settle_heap
from .screens import NoteScreen, PromptScreen
from .widgets.entry_list import EntryList, LazyRows, Row, position_of
from .widgets.key_bar import KeyBar

Target = tuple[str, str]  # (briefing id, entry id): where an annotation is stored


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


def date_cell(event) -> Text:
    return Text.assemble(((event.when.value or "unresolved").ljust(11), "bold"),
                         (event.when.text[:14].ljust(15), "italic"))


def entry_detail(b: Briefing, key: str | None) -> Text:
    """An entry of a briefing as the detail pane shows it: what it says, the
    reader's annotation, and the passage of the article it comes from."""
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
    out.append_text(annotation_detail(b.annotations.get(key)))
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


def annotation_detail(a: Annotation | None) -> Text:
    out = Text()
    if a and not a.is_empty:
        out.append("\n")
        out.append_text(marks(a))
        if a.tags:
            out.append(" tags: " + ", ".join(a.tags))
        if a.note:
            out.append("\nnote: " + a.note, "italic")
        out.append("\n")
    return out


def entry_label(b: Briefing, entry_id: str) -> str:
    for e in (*b.events, *b.actors, *b.quotes):
        if e.id == entry_id:
            return getattr(e, "summary", None) or getattr(e, "name", None) or getattr(e, "text", "")
    return entry_id


WARM_AFTER = 0.5  # seconds after the rows change before the first pane's words are read for the filter


class PanesScreen(Screen):
    PANES: tuple[str, ...] = ("timeline", "actors", "quotes")
    BINDINGS = [
        Binding("1", "pane(0)", "First pane", show=False, id="pane.1"),
        Binding("2", "pane(1)", "Second pane", show=False, id="pane.2"),
        Binding("3", "pane(2)", "Third pane", show=False, id="pane.3"),
        Binding("4", "pane(3)", "Fourth pane", show=False, id="pane.4"),
        Binding("5", "pane(4)", "Fifth pane", show=False, id="pane.5"),
        Binding("n", "note", "Note", id="entry.note"),
        Binding("t", "tags", "Tags", id="entry.tags"),
        Binding("s", "star", "Star", id="entry.star"),
        Binding("c", "grade", "Grade", id="entry.grade"),
        Binding("x", "hide", "Hide", id="entry.hide"),
        Binding("H", "show_hidden", "Show hidden", show=False, id="view.hidden"),
        Binding("u", "undo", "Undo", id="entry.undo"),
        Binding("d", "dossier", "Dossier", show=False, id="actor.dossier"),
        Binding("m", "merge", "Merge actors", show=False, id="actor.merge"),
        Binding("M", "split", "Split alias", show=False, id="actor.split"),
        Binding("slash", "filter", "Filter", id="pane.filter"),
        Binding("escape", "clear", "Clear filter / back", show=False, id="pane.clear"),
        Binding("e", "export", "Export", show=False, id="app.export"),
        Binding("l", "library", "Library", id="app.library"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.briefings: dict[str, Briefing] = {}  # every briefing shown, with its annotations
        self.stamps: dict[str, tuple] = {}
        self.show_hidden = False
        self.filters: dict[str, str] = {}
        self.filter_pane = self.PANES[0]  # the pane the filter box applies to
        self.merging: str | None = None  # the actor name picked by a first ``m``
        self.start_key: str | None = None  # the row to show first (opened from a story or a search)
        self._words: dict[str, tuple[list, list[str]]] = {}  # pane -> (its entries, each one's words)
        self._matched: dict[str, tuple[str, list, list[int]]] = {}  # pane -> (needle, entries, positions matched)
        self._files_stamp: tuple | None = None  # the store's folders when check_changes last looked

    # -- what a subclass says -------------------------------------------------

    def title_text(self) -> Text:
        raise NotImplementedError

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        """The rows of a pane as (key, item), in order; cheap, no text built yet."""
        raise NotImplementedError

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        """A row's text, built only when the row is drawn or filtered."""
        raise NotImplementedError

    def target(self, key: str) -> Target | None:
        """The stored entry a row stands for (None: the row cannot be annotated)."""
        raise NotImplementedError

    def detail(self, key: str | None) -> Text:
        raise NotImplementedError

    def actor_name(self, key: str) -> str | None:
        """The actor's name when ``key`` is a row of an actor."""
        return None

    def export_subject(self) -> tuple[dict[str, str], str]:
        """(briefing_id= or story= for ``export``, a file name stem)."""
        raise NotImplementedError

    def read_again(self) -> Any:
        """Read what the screen shows from the store again (called in a worker)."""
        raise NotImplementedError

    def load(self, data: Any) -> None:
        """Take what ``read_again`` returned (on the UI thread); sets ``self.briefings``."""
        raise NotImplementedError

    # -- layout and rendering -------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Horizontal():
            with Vertical(id="lists"):
                for pane in self.PANES:
                    yield Label(pane.capitalize(), classes="pane-title")
                    yield EntryList(id=pane)
            with VerticalScroll(id="detail", can_focus=True):
                yield Static(id="detail-text")
        yield Input(placeholder="filter…", id="filter")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.forget_words()
        self.render_all()
        self.focus_row(self.start_key)
        if not self.stamps:  # a story view brings the stamps it was read at
            self.stamps = {b: self.app.store.stamp(b) for b in self.briefings}
        self.set_interval(1.0, self.check_changes)
        settle_heap()

    def forget_words(self) -> None:
        """The rows' data changed: the filter reads their words again. A story's timeline holds
        thousands of rows whose text is built when drawn: they are read once the screen has
        been still a moment, so a filter typed later is instant."""
        self._words.clear()
        self.set_timer(WARM_AFTER, partial(self.warm_filter, self.PANES[0]))

    def render_all(self) -> None:
        self._matched.clear()
        self.query_one("#header", Static).update(self.title_text())
        for pane in self.PANES:
            if self.filters.get(pane):
                self.filter_rows(pane, self.filters[pane])
            else:
                self.query_one(f"#{pane}", EntryList).set_rows(self.rows(pane))
        self.show_current_detail()

    def focus_row(self, key: str | None) -> None:
        """Focus the pane holding ``key`` with its cursor on it (the first pane if none does)."""
        for pane in self.PANES:
            entries = self.query_one(f"#{pane}", EntryList)
            if key is not None and position_of(entries.rows, key) is not None:
                entries.set_rows(entries.rows, keep=key)
                entries.focus()
                return
        self.query_one(f"#{self.PANES[0]}", EntryList).focus()

    def show_current_detail(self) -> None:
        focused = self.focused
        if isinstance(focused, EntryList):
            self.query_one("#detail-text", Static).update(self.detail(focused.current))

    def annotation(self, key: str) -> Annotation:
        target = self.target(key)
        b = self.briefings.get(target[0]) if target else None
        return (b.annotations.get(target[1]) if b else None) or Annotation()

    def rows(self, pane: str, needle: str = "") -> LazyRows:
        """A pane's rows, each made when first drawn (a story's timeline has 10,000);
        a filter reads the text of every row, once per screen."""
        pairs = self.entries(pane)
        if needle:
            words = self.words(pane, pairs)
            last = self._matched.get(pane)
            # Typed on, in the same entries: look only among the last matches.
            looked = last[2] if last and needle.startswith(last[0]) and last[1] is pairs else range(len(pairs))
            found = [n for n in looked if needle in words[n]]
            self._matched[pane] = (needle, pairs, found)
            pairs = [pairs[n] for n in found]
        if not self.show_hidden and (hidden := self.hidden_targets()):
            pairs = [(key, item) for key, item in pairs if self.target(key) not in hidden]
        return LazyRows([key for key, _ in pairs], lambda n: self.make_row(pane, *pairs[n]))

    def make_row(self, pane: str, key: str, item: Any) -> Row:
        a = self.annotation(key)
        return Row(key, partial(self.row_text, pane, key, item, a), dim=a.hidden)

    def hidden_targets(self) -> set[Target]:
        """The entries the reader hid, read from the annotations (far fewer than the rows)."""
        return {(b.id, entry_id) for b in self.briefings.values()
                for entry_id, a in b.annotations.items() if a.hidden}

    def row_text(self, pane: str, key: str, item: Any, a: Annotation) -> Text:
        return marks(a) + self.text_of(pane, key, item)

    def words(self, pane: str, entries: list[tuple[str, Any]] | None = None) -> list[str]:
        """Each entry's words in lower case, in order, for the filter: kept while ``entries``
        returns the same list (a story's), so a keystroke only searches strings."""
        entries = self.entries(pane) if entries is None else entries
        kept = self._words.get(pane)
        if kept is None or kept[0] is not entries:  # two workers may both read them: the same either way
            kept = self._words[pane] = (entries, [self.text_of(pane, key, item).plain.lower()
                                                  for key, item in entries])
        return kept[1]

    @on(EntryList.Highlighted)
    def show_detail(self, event: EntryList.Highlighted) -> None:
        if event.entry_list.has_focus or event.key is None:
            self.query_one("#detail-text", Static).update(self.detail(event.key))

    def focused_entry(self) -> str | None:
        focused = self.focused
        return focused.current if isinstance(focused, EntryList) else None

    def label(self, key: str) -> str:
        target = self.target(key)
        b = self.briefings.get(target[0]) if target else None
        return entry_label(b, target[1]) if b and target else key

    # -- annotating -----------------------------------------------------------

    @work(thread=True, exclusive=False)
    def save(self, target: Target, changes: dict) -> None:
        try:
            self.app.history.annotate(*target, **changes)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        self.refresh_from_store([target[0]], "Saved")

    def refresh_from_store(self, briefing_ids: list[str], message: str | None = None) -> None:
        """Re-read these briefings' annotations (in a worker thread), then redraw."""
        store = self.app.store
        for bid in briefing_ids:
            if bid in self.briefings:
                self.stamps[bid] = store.stamp(bid)
                self.briefings[bid] = self.briefings[bid].with_annotations(store.annotations(bid))
        self.app.call_from_thread(self.redraw, message)

    def redraw(self, message: str | None = None) -> None:
        self.render_all()
        if message:
            self.notify(message, timeout=1.5)

    def check_changes(self) -> None:
        """Another process (the CLI, a second app) changed what is shown: show it."""
        files = self.app.store.files_stamp()
        if files == self._files_stamp:
            return  # no file was written since a look at still folders (a story's 500 stat calls, saved)
        # Kept only if still at this look: a coarse clock gives a write in the same tick the same time.
        self._files_stamp = files if all_settled(files, 2.0) else None
        now = {b: self.app.store.stamp(b) for b in self.stamps}
        changed = [b for b, stamp in now.items() if stamp != self.stamps[b]]
        if not changed:
            return
        if any(now[b][0] != self.stamps[b][0] for b in changed):
            self.reread_all()  # a briefing itself was rewritten (re-imported, re-dated)
        else:
            self.reread(changed)

    @work(thread=True, exclusive=True, group="reload")
    def reread_all(self, message: str | None = None) -> None:
        """Read everything shown again (re-imported, re-dated, actors merged or split) and swap it in."""
        try:
            data = self.read_again()
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return

        def swap() -> None:
            self.load(data)
            self.forget_words()
            self.stamps = {b: self.app.store.stamp(b) for b in self.briefings}
            self.redraw(message)
            settle_heap()
        self.app.call_from_thread(swap)

    @work(thread=True, exclusive=True, group="reread")
    def reread(self, briefing_ids: list[str]) -> None:
        try:
            self.refresh_from_store(briefing_ids)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)

    def annotate_focused(self, **changes) -> None:
        if (key := self.focused_entry()) and (target := self.target(key)):
            self.save(target, changes)

    def action_star(self) -> None:
        if key := self.focused_entry():
            self.annotate_focused(starred=not self.annotation(key).starred)

    def action_hide(self) -> None:
        if key := self.focused_entry():
            self.annotate_focused(hidden=not self.annotation(key).hidden)

    def action_note(self) -> None:
        if (key := self.focused_entry()) and (target := self.target(key)):
            def done(note: str | None) -> None:
                if note is not None:
                    self.save(target, {"note": note})  # the store cleans what is typed or pasted
            self.app.push_screen(NoteScreen(self.annotation(key).note, self.label(key)), done)

    def action_tags(self) -> None:
        if (key := self.focused_entry()) and (target := self.target(key)):
            def done(value: str | None) -> None:
                if value is not None:
                    self.save(target, {"tags": [t for t in value.replace(",", " ").split() if t]})
            self.app.push_screen(PromptScreen("Tags (space or comma separated)", " ".join(self.annotation(key).tags),
                                              self.app.store.tags(), append=True), done)

    def action_grade(self) -> None:
        if (key := self.focused_entry()) and (target := self.target(key)):
            def done(value: str | None) -> None:
                if value is None:
                    return
                value = value.strip().upper()
                if value and not is_grade(value):
                    self.notify(f"not a grade: {value!r} (A-F then 1-6, e.g. B2)", severity="error", markup=False)
                    return
                self.save(target, {"grade": value or None})
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
        self.refresh_from_store([change.briefing_id] if change else [], "Undone" if change else "Nothing to undo")

    def action_show_hidden(self) -> None:
        self.show_hidden = not self.show_hidden
        self.render_all()

    # -- actors: dossier, merge and split -------------------------------------

    def focused_actor(self) -> str | None:
        key = self.focused_entry()
        return self.actor_name(key) if key else None

    def action_dossier(self) -> None:
        if name := self.focused_actor():
            self.app.open_dossier(name, self.target(self.focused_entry()))

    def action_merge(self) -> None:
        name = self.focused_actor()
        if not name:
            return
        if self.merging is None or self.merging == name:
            self.merging = name
            self.notify(f"Merging {name}: press m on the actor it is the same as (esc cancels)", markup=False)
            return
        first, self.merging = self.merging, None
        self.decide("merge", first, name)

    def action_split(self) -> None:
        key = self.focused_entry()
        name = self.actor_name(key) if key else None
        if not name:
            return
        names = self.actor_names(key)[1:]
        if not names:
            self.notify(f"{name} has no other name to split out", markup=False)
            return

        def done(alias: str | None) -> None:
            if alias and alias.strip():
                self.decide("split", name, alias.strip())
        self.app.push_screen(PromptScreen(f"Split which name out of {name}?", names[0], names,
                                          hint="also: " + ", ".join(names)), done)

    def actor_names(self, key: str) -> list[str]:
        """The actor's name first, then its other names and aliases."""
        return [self.actor_name(key) or ""]

    @work(thread=True)
    def decide(self, action: str, a: str, b: str) -> None:
        """Keep an identity decision (applied to every later import too), then show it."""
        from briefings import identities

        try:
            getattr(identities, action)(self.app.store, a, b)
        except BriefingError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        done = f"{a} and {b} are one actor" if action == "merge" else f"{b} is no longer a name of {a}"
        self.app.call_from_thread(self.notify, done + " (in every briefing)", markup=False)
        self.app.call_from_thread(self.reread_all)

    # -- navigation and filtering ---------------------------------------------

    def action_pane(self, index: int) -> None:
        names = (*self.PANES, "detail")
        if index < len(names):
            self.query_one(f"#{names[index]}").focus()

    def action_filter(self) -> None:
        if isinstance(self.focused, EntryList):
            self.filter_pane = self.focused.id
            self.warm_filter(self.filter_pane)
            box = self.query_one("#filter", Input)
            box.value = self.filters.get(self.filter_pane, "")
            box.display = True
            box.focus()

    @on(Input.Changed, "#filter")
    def apply_filter(self, event: Input.Changed) -> None:
        self.filters[self.filter_pane] = event.value
        self.filter_rows(self.filter_pane, event.value)

    def warm_filter(self, pane: str) -> None:
        """Read the pane's words while the reader starts typing, so no keystroke pays for it."""
        self.run_worker(partial(self.words, pane), thread=True, group=f"warm-{pane}", exclusive=True)

    def filter_rows(self, pane: str, needle: str) -> None:
        """Filter in a worker (a story's timeline has thousands of rows); the newest filter wins."""
        def work() -> None:
            rows = self.rows(pane, needle.lower())
            if self.filters.get(pane, "") == needle:
                self.app.call_from_thread(self.query_one(f"#{pane}", EntryList).set_rows, rows)
        self.run_worker(work, thread=True, group=f"filter-{pane}", exclusive=True)

    @on(Input.Submitted, "#filter")
    def keep_filter(self) -> None:
        self.query_one(f"#{self.filter_pane}").focus()

    def action_clear(self) -> None:
        """Esc clears the filters; with nothing to clear it goes back to the screen before."""
        box = self.query_one("#filter", Input)
        if not (any(self.filters.values()) or box.display or self.merging or self.is_narrowed()):
            if len(self.app.screen_stack) > 2:
                self.app.pop_screen()
            return
        self.filters.clear()
        self.merging = None
        self.widen()
        box.value, box.display = "", False
        self.render_all()
        self.query_one(f"#{self.PANES[0]}").focus()

    def is_narrowed(self) -> bool:
        """True while the panes show a part chosen by a key (a subclass's narrowing)."""
        return False

    def widen(self) -> None:
        """Undo a subclass's narrowing (called by esc)."""

    def action_export(self) -> None:
        subject, stem = self.export_subject()
        self.app.ask_export(subject, stem)

    def action_library(self) -> None:
        self.app.show_library()
