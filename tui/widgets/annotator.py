"""The keys that annotate the focused entry, and the workers that save them.

``Annotator`` holds a screen's panes: while one of them has focus, ``n`` ``t``
``s`` ``c`` ``x`` annotate its current row and ``u`` undoes the last change.
Each save runs in a thread worker; the entry's briefing is read back from the
store once the write returned, and only then does the screen show the mark
(``Saved``).
"""

from __future__ import annotations

from textual import work
from textual.containers import Vertical
from textual.message import Message

from briefings.desk import Desk
from briefings.model import is_grade

from ..entries import Entries
from ..keymap import bindings
from ..notify import reports_errors
from ..render import Target
from .dialogs import NoteDialog, PromptDialog
from .entry_list import EntryList


def grade_problem(value: str) -> str | None:
    grade = value.strip().upper()
    return f"Not a grade: {value.strip()!r}. A letter A-F, then a digit 1-6, e.g. B2" if grade and not is_grade(grade) else None


class Annotator(Vertical):
    BINDINGS = bindings("entry.note", "entry.tags", "entry.star", "entry.grade", "entry.hide", "entry.undo")

    class Saved(Message):
        """Annotations were written and read back: show them."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, desk: Desk, entries: Entries, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.desk, self.entries = desk, entries

    def focused(self) -> tuple[str, Target] | None:
        """The focused row's key and the stored entry it stands for."""
        focused = self.app.focused
        key = focused.current if isinstance(focused, EntryList) else None
        target = self.entries.target(key) if key else None
        return (key, target) if key and target else None

    def action_star(self) -> None:
        if found := self.focused():
            self.save(found[1], {"starred": not self.entries.annotation(found[0]).starred})

    def action_hide(self) -> None:
        if found := self.focused():
            self.save(found[1], {"hidden": not self.entries.annotation(found[0]).hidden})

    def action_note(self) -> None:
        if found := self.focused():
            key, target = found

            def done(note: str | None) -> None:
                if note is not None:
                    self.save(target, {"note": note})  # the store cleans what is typed or pasted
            self.app.push_screen(NoteDialog(self.entries.annotation(key).note, self.entries.label(key)), done)

    def action_tags(self) -> None:
        if found := self.focused():
            key, target = found

            def done(value: str | None) -> None:
                if value is not None:
                    self.save(target, {"tags": [t for t in value.replace(",", " ").split() if t]})
            self.app.push_screen(PromptDialog("Tags (space or comma separated)",
                                              " ".join(self.entries.annotation(key).tags),
                                              self.desk.tags(), append=True), done)

    def action_grade(self) -> None:
        if found := self.focused():
            key, target = found

            def done(value: str | None) -> None:
                if value is not None:
                    self.save(target, {"grade": value.strip().upper() or None})
            self.app.push_screen(PromptDialog(
                "Credibility grade (empty clears)", self.entries.annotation(key).grade or "",
                hint="Source A reliable … E unreliable, F cannot judge; information 1 confirmed … 5 improbable, "
                     "6 cannot judge", check=grade_problem), done)

    @work(thread=True, exclusive=False)
    @reports_errors
    def save(self, target: Target, changes: dict) -> None:
        self.desk.annotate(*target, **changes)
        self.read_back(target[0], "Saved")

    def action_undo(self) -> None:
        self.undo()

    @work(thread=True)
    @reports_errors
    def undo(self) -> None:
        change = self.desk.undo()
        if change is None:
            self.post_message(self.Saved("Nothing to undo"))
        else:
            self.read_back(change.briefing_id, "Undone")

    def read_back(self, briefing_id: str, message: str) -> None:
        """Read a briefing's annotations as stored now (in the worker), then have them shown."""
        self.entries.take_annotations(briefing_id, self.desk.annotations(briefing_id))
        self.post_message(self.Saved(message))
