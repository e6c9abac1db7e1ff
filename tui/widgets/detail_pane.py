"""The detail pane: everything about the focused row, and the passage of the article it comes from."""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class DetailPane(VerticalScroll, can_focus=True):
    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")

    def show(self, text: RenderableType) -> None:
        self.query_one("#detail-text", Static).update(text)
