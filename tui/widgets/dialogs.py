"""The dialogs (modal screens): the note editor, one-line prompts, the help and picking one of a few rows."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from ..keymap import bindings
from .entry_list import EntryList, Row

# Classes the modals take on small terminals: app.tcss then drops their borders,
# padding and hints, so a 20x6 terminal still shows what is being typed.
NARROW = [(0, "-narrow"), (50, "-wide")]
SHORT = [(0, "-short"), (16, "-tall")]


class NoteDialog(ModalScreen[str | None]):
    """A multi-line note: ctrl+s saves, esc cancels. ``error``: why the last save of this
    text failed (the dialog opened again with it)."""

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


class PromptDialog(ModalScreen[str | None]):
    """One line of input (tags, a grade, a path, a date): enter accepts, esc cancels."""

    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT

    BINDINGS = bindings("prompt.cancel")

    def __init__(self, question: str, value: str = "", suggestions: list[str] | None = None,
                 hint: str = "", append: bool = False) -> None:
        """``append``: the cursor starts after the value (tags: typing adds one);
        otherwise the value is selected and typing replaces it (a grade, a date)."""
        super().__init__()
        self.question, self.value, self.suggestions, self.hint = question, value, suggestions or [], hint
        self.append = append

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(Text(self.question), markup=False)
            yield Input(self.value + (" " if self.append and self.value else ""), select_on_focus=not self.append,
                        suggester=SuggestFromList(self.suggestions, case_sensitive=False))
            if self.hint:
                yield Label(Text(self.hint), classes="hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpDialog(ModalScreen[None]):
    """Every binding of the focused pane and the app, with its current keys."""

    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT

    BINDINGS = bindings("help.close")

    def __init__(self, bindings: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.bindings_shown = bindings

    def compose(self) -> ComposeResult:
        table = Table("key", "action", "id", box=None, expand=True)
        for keys, description, binding_id in self.bindings_shown:
            table.add_row(Text(keys, style="bold"), Text(description), Text(binding_id, style="dim"))
        with VerticalScroll(id="help-box"):
            yield Label("Keys (esc closes)", classes="title")
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)


class PickDialog(ModalScreen[str | None]):
    """Pick one of a few rows (the articles an event was reported in): enter picks, esc cancels."""

    HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS = NARROW, SHORT

    BINDINGS = bindings("pick.pick", "pick.cancel")

    def __init__(self, question: str, rows: list[tuple[str, Text]]) -> None:
        super().__init__()
        self.question, self.choices = question, rows

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Label(Text(self.question), markup=False)
            yield EntryList(id="pick-list")
            yield Label("enter opens · esc cancels", classes="hint")

    def on_mount(self) -> None:
        entries = self.query_one(EntryList)
        entries.set_rows([Row(key, text) for key, text in self.choices])
        entries.focus()

    def action_pick(self) -> None:
        self.dismiss(self.query_one(EntryList).current)

    def action_cancel(self) -> None:
        self.dismiss(None)
