"""What a screen shows instead of itself in a terminal too small for it: how large it must be.

A screen takes its size classes from ``SIZES`` (``HORIZONTAL_BREAKPOINTS`` and
``VERTICAL_BREAKPOINTS``): ``-too-narrow`` or ``-too-short`` hide everything on
it but this line (app.tcss); ``-narrow`` puts a briefing's detail pane under its
lists; ``-wide`` beside them.
"""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT, WIDE = 60, 15, 100
WIDTHS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (WIDE, "-wide")]
HEIGHTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]


class TooSmall(Static):
    DEFAULT_CSS = "TooSmall { display: none; width: 1fr; height: 1fr; content-align: center middle; }"

    def render(self) -> str:
        w, h = self.app.size
        return f"Make the terminal larger: briefing needs {MIN_WIDTH}×{MIN_HEIGHT} (this one is {w}×{h}); q quits"
