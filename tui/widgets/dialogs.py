"""The dialogs (modal screens): the note editor, one-line prompts, the help and picking one of a few rows."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from ..keymap import KeyHelp, bindings
from .entry_list import EntryList, Row
from .text_box import TextBox

# Classes the modals take on small terminals: app.tcss then drops their borders,
# padding and hints, so a 20x6 terminal still shows what is being typed.
NARROW = [(0, "-narrow"), (50, "-wide")]
SHORT = [(0, "-short"), (16, "-tall")]


DIALOGS_CSS = "dialogs.tcss"  # read when the first dialog opens


class NoteDialog(ModalScreen[str | None]):
    """A multi-line note: ctrl+s saves, esc cancels. ``error``: why the last save of this
    text failed (the dialog opened again with it)."""

    CSS_PATH = DIALOGS_CSS
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT

    BINDINGS = bindings("note.save", "note.cancel")

    def __init__(self, note: str, title: str, error: str = "") -> None:
        super().__init__()
        self.note, self.heading, self.error = note, title, error

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Label(Text(f"Note on: {self.heading}"), markup=False)
            if self.error:
                yield Label(Text(f"Not saved: {self.error}"), id="note-error", markup=False)
            yield TextArea(self.note, id="note-text")
            yield Label("ctrl+s " + ("try again" if self.error else "save") + " · esc cancel", classes="hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


Check = Callable[[str], "str | None"]  # what is wrong with a value typed, or None


class PromptDialog(ModalScreen[str | None]):
    """One line of input (tags, a grade, a path, a date): enter accepts, esc cancels.

    With ``check``, a wrong value is named inside the dialog and the dialog stays
    open with what was typed, to be mended."""

    CSS_PATH = DIALOGS_CSS
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT

    BINDINGS = bindings("prompt.cancel")

    def __init__(self, question: str, value: str = "", suggestions: list[str] | None = None,
                 hint: str = "", append: bool = False, check: Check | None = None) -> None:
        """``append``: the cursor starts after the value (tags: typing adds one);
        otherwise the value is selected and typing replaces it (a grade, a date)."""
        super().__init__()
        self.question, self.value, self.suggestions, self.hint = question, value, suggestions or [], hint
        self.append, self.check = append, check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(Text(self.question), markup=False)
            yield TextBox(self.value + (" " if self.append and self.value else ""), select_on_focus=not self.append,
                        suggester=SuggestFromList(self.suggestions, case_sensitive=False))
            yield Label("", id="prompt-error", classes="error", markup=False)
            if self.hint:
                yield Label(Text(self.hint), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#prompt-error").display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check else None
        if problem:
            error = self.query_one("#prompt-error", Label)
            error.update(Text(problem))
            error.display = True
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpDialog(ModalScreen[None]):
    """The keys in reach: the focused pane's first, then the screen's and the app's, as the
    reader presses them, with the binding id a keymap file uses."""

    CSS_PATH = DIALOGS_CSS
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT
    SECTIONS = {"pane": "This pane", "screen": "This screen", "app": "Everywhere"}

    BINDINGS = bindings("help.close")

    def __init__(self, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.bindings_shown = keys

    def compose(self) -> ComposeResult:
        table = Table("key", "action", "id (keymap.toml)", box=None, expand=True)
        section = None
        for k in self.bindings_shown:
            if k.where != section:
                section = k.where
                table.add_row(Text(self.SECTIONS[section], style="bold underline"), "", "")
            table.add_row(Text(" / ".join(k.keys), style="bold"), Text(k.description), Text(k.binding_id, style="dim"))
        with VerticalScroll(id="help-box"):
            yield Label("Keys (esc closes)", classes="title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)


class PickDialog(ModalScreen[str | None]):
    """Pick one of a few rows (the articles an event was reported in): enter picks, esc cancels."""

    CSS_PATH = DIALOGS_CSS
    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT

    BINDINGS = bindings("pick.pick", "pick.cancel")

    def __init__(self, question: str, rows: list[tuple[str, Text]]) -> None:
        super().__init__()
        self.question, self.choices = question, rows

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Label(Text(self.question), markup=False)
            yield EntryList(id="pick-list")
            yield Label("enter picks · esc cancels", classes="hint")

    def on_mount(self) -> None:
        entries = self.query_one(EntryList)
        entries.set_rows([Row(key, text) for key, text in self.choices])
        entries.focus()

    def action_pick(self) -> None:
        self.dismiss(self.query_one(EntryList).current)

    def action_cancel(self) -> None:
        self.dismiss(None)
