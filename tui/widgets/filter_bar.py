"""The filter box under a screen's panes: it narrows one pane as the reader types.

It says what to filter and when, in messages (``Typed`` as the reader types,
``Done`` on enter); the pane does the filtering.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input

from .text_box import TextBox


class FilterBar(TextBox):
    class Typed(Message):
        def __init__(self, pane: str, text: str) -> None:
            super().__init__()
            self.pane, self.text = pane, text

    class Done(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter…", id=id)
        self.pane = ""  # the pane it filters

    def on_mount(self) -> None:
        self.display = False

    def open(self, pane: str, text: str) -> None:
        """Show the box for ``pane``, holding its current filter."""
        self.pane = pane
        self.value = text
        self.display = True
        self.screen.set_focus(self)  # now, not after the keys already typed (see ``keymap``)

    def close(self) -> None:
        self.value, self.display = "", False

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.display:
            self.post_message(self.Typed(self.pane, event.value))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done(self.pane))
