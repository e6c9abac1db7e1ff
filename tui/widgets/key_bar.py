"""One line naming the keys of the focused pane and the screen, as many as fit.

Textual's Footer mounts a widget per key and recomposes them whenever focus
moves, which costs more at start-up than the rest of a screen; this draws the
same bindings (those with ``show``) as one Text. The focused widget's keys come
first, then the screen's, then the app's; when the line is too short the last
ones are left out, but the help (``?``) and the command palette always stay,
at its right end.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

PINNED = ("help",)  # actions always shown, with the palette, at the right end


class KeyBar(Static):
    DEFAULT_CSS = "KeyBar { dock: bottom; height: 1; background: $panel; color: $text; }"

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[str, str, bool]] = []  # (key shown, description, enabled), in order
        self.pinned: list[tuple[str, str, bool]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        keys, pinned, seen = [], [], set()
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.show or b.action in seen:
                continue
            seen.add(b.action)
            item = (self.app.get_key_display(b), b.description, active.enabled)
            (pinned if b.action in PINNED else keys).append(item)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            pinned.append((self.app.get_key_display(palette.binding), "actions", True))
        self.keys, self.pinned = keys, pinned
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        right = Text.assemble(*(_item(*item) for item in self.pinned))
        left, room = Text(no_wrap=True), width - right.cell_len
        for item in self.keys:
            piece = _item(*item)
            if left.cell_len + piece.cell_len > room:
                break
            left.append_text(piece)
        left.pad_right(max(room - left.cell_len, 0))
        return left + right


def _item(key: str, description: str, enabled: bool) -> Text:
    return Text.assemble((f" {key} ", "bold reverse" if enabled else "dim reverse"), f" {description} ")
