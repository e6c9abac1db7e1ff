"""The baseline: a Textual app with one Static, started the way briefing is."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalApp(App):
    def compose(self) -> ComposeResult:
        yield Static("minimal-ready")


if __name__ == "__main__":
    MinimalApp().run()
