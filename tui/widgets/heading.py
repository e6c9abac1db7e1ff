"""The line at the top of a screen: what is shown (cut first when space runs out) and how much of it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class Heading(Horizontal):
    DEFAULT_CSS = """
    Heading { height: 1; background: $primary; color: $text; padding: 0 1; }
    Heading > #heading-title { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    Heading > #heading-counts { width: auto; height: 1; padding-left: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="heading-title")
        yield Static(id="heading-counts")

    def show(self, title: Text, counts: Text) -> None:
        self.query_one("#heading-title", Static).update(title)
        self.query_one("#heading-counts", Static).update(counts)

    def render_plain(self) -> str:
        """The heading as text (what a test or a reader sees)."""
        title, counts = (self.query_one(f"#heading-{part}", Static) for part in ("title", "counts"))
        return f"{title.render().plain}  {counts.render().plain}"
