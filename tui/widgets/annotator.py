"""The keys that annotate the focused entry, and the workers that save them.

``Annotator`` holds a screen's panes: while one of them has focus, ``n`` ``t``
``s`` ``c`` ``x`` annotate its current row, ``u`` undoes the reader's last
action (an annotation, a merge, a date...) and ``U`` redoes it, each saying
what it did (``Undone``). Each save runs in a thread worker and sends a
change, never a copy (the tags added and removed, not the whole list); the
entry's briefing is read back from the store once the write returned, and only
then does the screen show the mark (``Saved``). A save that fails (the store
locked by another process) opens its dialog again with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.containers import Vertical
from textual.message import Message

from briefings.desk import BriefingError, Desk
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
    BINDINGS = bindings("entry.note", "entry.tags", "entry.star", "entry.grade", "entry.hide", "entry.undo",
                        "entry.redo")

    class Saved(Message):
        """Annotations were written and read back: show them."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    class Undone(Message):
        """An action was undone or redone (any kind: a merge too): read everything again."""

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
            self.ask_note(found[1], self.entries.annotation(found[0]).note, self.entries.label(found[0]))

    def ask_note(self, target: Target, text: str, label: str, error: str = "") -> None:
        """The note dialog; a save that fails opens it again with the text typed."""
        def done(note: str | None) -> None:
            if note is not None:  # the store cleans what is typed or pasted
                self.save(target, {"note": note}, again=lambda why: self.ask_note(target, note, label, why))
        self.app.push_screen(NoteDialog(text, label, error=error), done)

    def action_tags(self) -> None:
        if found := self.focused():
            shown = self.entries.annotation(found[0]).tags
            self.ask_tags(found[1], shown, " ".join(shown))

    def ask_tags(self, target: Target, shown: tuple[str, ...], value: str, error: str = "") -> None:
        """The tags prompt: what the reader added and removed is saved, so a tag another
        process added while it was open stays."""
        def done(typed: str | None) -> None:
            if typed is None:
                return
            tags = [t for t in typed.replace(",", " ").split() if t]
            changes = {"add_tags": [t for t in tags if t not in shown],
                       "remove_tags": [t for t in shown if t not in tags]}
            self.save(target, changes, again=lambda why: self.ask_tags(target, shown, typed, why))
        self.app.push_screen(PromptDialog("Tags (space or comma separated)", value, self.desk.tags(),
                                          hint=error and f"Not saved: {error}; enter tries again",
                                          append=True), done)

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
    def save(self, target: Target, changes: dict, again: Callable[[str], None] | None = None) -> None:
        """Save a change; if it fails and ``again`` is given, it is called with why (on
        the UI thread) to ask once more, keeping what was typed."""
        try:
            self.desk.annotate(*target, **changes)
        except BriefingError as exc:
            if again is None:
                raise
            self.app.call_from_thread(again, str(exc))
            return
        self.read_back(target[0], "Saved")

    def action_undo(self) -> None:
        self.step(back=True)

    def action_redo(self) -> None:
        self.step(back=False)

    @work(thread=True, exclusive=True, group="undo")
    @reports_errors
    def step(self, back: bool) -> None:
        """Undo (``back``) or redo the reader's latest action, whatever its kind."""
        done = self.desk.undo() if back else self.desk.redo()
        if done is None:
            self.post_message(self.Saved("Nothing to undo" if back else "Nothing to redo"))
        else:
            self.post_message(self.Undone(done.message))

    def read_back(self, briefing_id: str, message: str) -> None:
        """Read a briefing's annotations as stored now (in the worker), then have them shown."""
        self.entries.take_annotations(briefing_id, self.desk.annotations(briefing_id))
        self.post_message(self.Saved(message))
