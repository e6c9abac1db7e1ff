"""Every key binding of the app, declared once, by id.

Each widget and screen takes its ``BINDINGS`` from here with ``bindings(...)``;
the footer (``KeyBar``), the ``?`` help and the command palette (both through
``keys_in_reach``) and the reader's own keymap (``keymap.toml`` in the config
folder: ``"entry.star" = "S"``) all read these declarations, so a key and its
description are written once.

The keys that open a box to type in are priority bindings. Textual hands a key
to the widget focused when it arrives, so "/hou" pasted, or typed in a burst,
would send "hou" to the list (undo, open...) before the box took the focus. A
priority binding runs as its key arrives and its action focuses the box at once
(``Screen.set_focus``); with a box focused, the action skips and the key is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen


def _key(keys: str, action: str, description: str, binding_id: str, *, show: bool = True,
         priority: bool = False) -> Binding:
    return Binding(keys, action, description, show=show, id=binding_id, priority=priority)


KEYS: dict[str, Binding] = {b.id: b for b in (  # type: ignore[misc]
    # the app, everywhere
    _key("q", "quit", "Quit", "app.quit"),
    _key("question_mark", "help", "Help", "app.help"),
    _key("i", "import", "Import", "app.import"),
    # moving in a list
    _key("j,down", "cursor(1)", "Down", "list.down", show=False),
    _key("k,up", "cursor(-1)", "Up", "list.up", show=False),
    _key("g,home", "top", "Top", "list.top", show=False),
    _key("G,end", "bottom", "Bottom", "list.bottom", show=False),
    _key("pagedown", "page(1)", "Page down", "list.page_down", show=False),
    _key("pageup", "page(-1)", "Page up", "list.page_up", show=False),
    # the library
    _key("enter", "open", "Open", "library.open"),
    _key("slash", "search", "Search", "library.search", priority=True),  # a box: see above
    _key("escape", "clear_search", "Clear search / back", "library.clear", show=False),
    _key("v", "save_view", "Save search", "library.save_view"),
    _key("r", "refresh_feeds", "Refresh feeds", "library.feeds"),
    # a briefing, a story or a dossier: its panes
    _key("1", "pane(0)", "First pane", "pane.1", show=False),
    _key("2", "pane(1)", "Second pane", "pane.2", show=False),
    _key("3", "pane(2)", "Third pane", "pane.3", show=False),
    _key("4", "pane(3)", "Fourth pane", "pane.4", show=False),
    _key("5", "pane(4)", "Fifth pane", "pane.5", show=False),
    _key("slash", "filter", "Filter", "pane.filter", priority=True),  # a box: see above
    _key("escape", "clear", "Clear filter / back", "pane.clear", show=False),
    _key("H", "show_hidden", "Show hidden", "view.hidden", show=False),
    _key("l", "library", "Library", "app.library"),
    _key("e", "export", "Export", "app.export", show=False),
    # the focused entry
    _key("n", "note", "Note", "entry.note"),
    _key("t", "tags", "Tags", "entry.tags"),
    _key("s", "star", "Star", "entry.star"),
    _key("c", "grade", "Grade", "entry.grade"),
    _key("x", "hide", "Hide", "entry.hide"),
    _key("u", "undo", "Undo", "entry.undo"),
    _key("U,ctrl+r", "redo", "Redo", "entry.redo", show=False),
    _key("o", "open_source", "Open article", "entry.source"),
    _key("o,enter", "open_source", "Open article", "dossier.source"),
    # an actor, a quote, a briefing
    _key("d", "dossier", "Dossier", "actor.dossier", show=False),
    _key("d", "dossier_hint", "Dossier (on an actor)", "pane.dossier", show=False),
    _key("m", "merge", "Merge actors", "actor.merge", show=False),
    _key("M", "split", "Split a name out", "actor.split", show=False),
    _key("K", "kind", "Change kind", "actor.kind", show=False),
    _key("R", "rules", "Actor rules", "actor.rules", show=False),
    _key("f", "focus_actor", "Narrow to actor", "actor.narrow", show=False),
    _key("a", "speaker", "Go to speaker", "quote.speaker", show=False),
    _key("p", "set_date", "Set date", "briefing.date", show=False),
    _key("O", "orphans", "Place orphaned notes", "briefing.orphans", show=False),
    _key("S", "add_to_story", "Add to story", "story.add"),
    # a story: where its sources differ
    _key("right_square_bracket", "next_conflict", "Next conflict", "story.next_conflict"),
    _key("left_square_bracket", "previous_conflict", "Previous conflict", "story.previous_conflict", show=False),
    _key("exclamation_mark", "conflicts_only", "Conflicts only", "story.conflicts"),
    _key("r", "resolve", "Resolve conflict", "story.resolve", show=False),
    # dialogs
    _key("ctrl+s", "save", "Save note", "note.save"),
    _key("escape", "cancel", "Cancel", "note.cancel"),
    _key("escape", "cancel", "Cancel", "prompt.cancel"),
    _key("escape,q,question_mark", "close", "Close help", "help.close"),
    _key("enter", "pick", "Pick", "pick.pick"),
    _key("escape", "cancel", "Cancel", "pick.cancel"),
)}


def bindings(*ids: str) -> list[Binding]:
    """The bindings of these ids, for a widget's or a screen's ``BINDINGS``."""
    return [KEYS[binding_id] for binding_id in ids]


@dataclass
class KeyHelp:
    """One binding in reach, as the help and the palette show it."""

    where: str  # "pane" (the focused widget's), "screen" or "app"
    keys: list[str]  # as the reader presses them ("/", "esc", "j", "↓"), the reader's keymap applied
    description: str
    binding_id: str
    action: str
    node: DOMNode  # where the action runs


def keys_in_reach(screen: Screen) -> list[KeyHelp]:
    """Our bindings that work on ``screen`` now: the focused pane's first, then the
    screen's, then the app's (Textual's own, such as scrolling sideways, left out)."""
    app = screen.app
    found: dict[str, KeyHelp] = {}
    for active in screen.active_bindings.values():
        b = active.binding
        if b.id not in KEYS:
            continue
        where = "app" if active.node is app else "screen" if active.node is screen else "pane"
        shown = found.setdefault(b.id, KeyHelp(where, [], b.description, b.id, b.action, active.node))
        key = app.get_key_display(b)
        if key not in shown.keys:
            shown.keys.append(key)
    order = {"pane": 0, "screen": 1, "app": 2}
    return sorted(found.values(), key=lambda k: order[k.where])
