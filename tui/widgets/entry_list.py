"""A long list as one Line-API widget: only visible rows are rendered.

A widget per row (ListView) does not scale to a 10,000-event timeline; this
draws each visible line on demand from plain row data, with a cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefings.desk import Lazy

from ..keymap import bindings


class Row:
    """One line: its key (an entry id) and its text, built from untrusted data as
    Text, never markup. ``text`` may be given as a function, called when the row
    is first drawn: a 10,000-row library then costs only the rows on screen."""

    __slots__ = ("_strips", "_text", "dim", "key")

    def __init__(self, key: str, text: Text | Callable[[], Text], dim: bool = False) -> None:
        self.key, self.dim, self._text = key, dim, text
        self._strips: dict[tuple[int, int], Strip] | None = None  # drawn lines, by (width, cursor state)

    @property
    def text(self) -> Text:
        if not isinstance(self._text, Text):
            self._text = self._text()
        return self._text


class LazyRows(Lazy[Row]):
    """Rows made when first drawn, from their keys and a function of the position:
    until then a 10,000-row list costs only its keys."""

    def __init__(self, keys: Sequence[str], make: Callable[[int], Row]) -> None:
        super().__init__(len(keys), make)
        self.keys = keys


class Joined(Sequence[str]):
    """Two sequences of keys one after the other, neither copied (the library's
    stories and views, then its 100,000 briefings, found by their ``index``)."""

    def __init__(self, head: Sequence[str], tail: Sequence[str]) -> None:
        self.head, self.tail = head, tail

    def __len__(self) -> int:
        return len(self.head) + len(self.tail)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[n] for n in range(*position.indices(len(self)))]
        position = range(len(self))[position]
        return self.head[position] if position < len(self.head) else self.tail[position - len(self.head)]

    def index(self, key: object, start: int = 0, stop: int | None = None) -> int:
        try:
            position = self.head.index(key)
        except ValueError:
            position = len(self.head) + self.tail.index(key)
        if position < start or (stop is not None and position >= stop):
            raise ValueError(f"{key!r} is not in the list")
        return position


def position_of(rows: Sequence[Row], key: str) -> int | None:
    if isinstance(rows, LazyRows):  # by its keys: making every row to read its key would undo the laziness
        try:
            return rows.keys.index(key)
        except ValueError:
            return None
    return next((n for n, r in enumerate(rows) if r.key == key), None)


class EntryList(ScrollView, can_focus=True):
    """The cursor row stands out in the theme's cursor colours while the list has focus,
    and is only tinted when it has not; a click focuses the list and moves the cursor."""

    BINDINGS = bindings("list.down", "list.up", "list.top", "list.bottom", "list.page_down", "list.page_up")
    COMPONENT_CLASSES = {"entry-list--cursor", "entry-list--cursor-blurred"}
    DEFAULT_CSS = """
    EntryList { overflow-x: hidden; }
    EntryList > .entry-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    EntryList > .entry-list--cursor-blurred {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    """

    class Highlighted(Message):
        """The cursor is on another row (or the rows changed under it)."""

        def __init__(self, entry_list: EntryList, key: str | None) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Row] = []
        self.cursor = 0
        self._looks = 0  # bumped when the styles change (a theme): rows drawn before are drawn again
        self._bases: dict[tuple[int, bool], Style] = {}  # the styles rows are drawn on, by (cursor state, dim)

    @property
    def current(self) -> str | None:
        return self.rows[self.cursor].key if self.rows else None

    def set_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        keep = keep if keep is not None else self.current
        self.rows = rows
        found = position_of(rows, keep) if keep is not None else None
        self.cursor = found if found is not None else min(self.cursor, max(len(rows) - 1, 0))
        self._set_length(len(rows))
        self._moved()

    def _set_length(self, length: int) -> None:
        """Make the list scroll over ``length`` rows. A new layout of the screen only when
        the scroll bar comes or goes: each search typed changes the length, and a
        layout redraws the whole screen."""
        region = self.scrollable_content_region
        size = Size(region.width, length)
        if (self.virtual_size.height > region.height) == (length > region.height):
            self.set_reactive(EntryList.virtual_size, size)
            self._scroll_update(size)  # the scroll bar's thumb, as Textual's own resizes do it
            self.refresh()
        else:
            self.virtual_size = size

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._looks += 1
        self._bases.clear()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        state = (1 + self.has_focus) if index == self.cursor else 0
        if row._strips is None:
            row._strips = {}
        key = (width, state, self._looks)
        strip = row._strips.get(key)
        if strip is None:  # a line is drawn once per state: moving the cursor redraws two rows, not the screen
            strip = row._strips[key] = self.draw(row, width, state)
        return strip

    def draw(self, row: Row, width: int, state: int) -> Strip:
        base = self._base_style(state, row.dim)
        segments = [Segment(s.text, base + s.style if s.style else base) for s in row.text.render(self.app.console)]
        if Segment.get_line_length(segments) > width:  # a cut row ends in "…" (as the text it hides): there is more
            hidden = Segment.adjust_line_length(segments, width)[-1].style
            segments = [*Segment.adjust_line_length(segments, width - 1), Segment("…", hidden)]
        else:
            segments = Segment.adjust_line_length(segments, width, base)
        # one Strip (each makes its caches), of as few segments as the styles allow: every
        # segment costs again as the screen is put together
        return Strip(Segment.simplify(segments), width)

    def _base_style(self, state: int, dim: bool) -> Style:
        """The style a row is drawn on: the list's, the cursor's, dimmed; worked out once
        per look (the widget's style is its ancestors' blended: dear to ask each row)."""
        base = self._bases.get((state, dim))
        if base is None:
            base = self.rich_style + (Style(dim=True) if dim else Style())
            if state:
                base += self.get_component_rich_style("entry-list--cursor" if state == 2 else
                                                      "entry-list--cursor-blurred")
            self._bases[state, dim] = base
        return base

    def _moved(self, before: int | None = None) -> None:
        """Show the cursor's move; ``before`` is where it was, when the rows stayed the same."""
        self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        top, height = self.scroll_offset.y, max(self.scrollable_content_region.height, 1)
        if before is not None and top <= self.cursor < top + height:
            self.refresh_line(before)  # no scrolling: only the two rows change
            self.refresh_line(self.cursor)
        else:
            self.scroll_to_region_y()
            self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def scroll_to_region_y(self) -> None:
        top, height = self.scroll_offset.y, max(self.scrollable_content_region.height, 1)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def move_to(self, cursor: int) -> None:
        before, self.cursor = self.cursor, cursor
        self._moved(before)

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_top(self) -> None:
        self.move_to(0)

    def action_bottom(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # On the press, not the click: focusing a pane may give it more room, and the
        # release would then land on another row.
        self.focus()
        offset = event.get_content_offset(self)  # None on the border or a scroll bar
        if offset is not None and 0 <= offset.y + self.scroll_offset.y < len(self.rows):
            self.move_to(offset.y + self.scroll_offset.y)

    def on_focus(self) -> None:
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def on_blur(self) -> None:
        self.refresh()
