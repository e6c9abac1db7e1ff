"""One line naming the keys of the focused pane and the screen.

Textual's Footer mounts a widget per key and recomposes them whenever focus
moves, which costs more at start-up than the rest of a screen; this draws
the same bindings (those with ``show``) as one Text.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        text, seen = Text(no_wrap=True, overflow="ellipsis"), set()
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.show or b.action in seen:
                continue
            seen.add(b.action)
            text.append(self.app.get_key_display(b), "bold reverse" if active.enabled else "dim reverse")
            text.append(f" {b.description}  ")
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            text.append(self.app.get_key_display(palette.binding), "bold reverse")
            text.append(" all actions")
        self.update(text)
