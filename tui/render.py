"""How entries look on screen: marks, date cells, the detail of an entry, a source line.

Everything here builds Rich ``Text`` from untrusted data (articles, notes,
feeds) as data, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from briefings.desk import StoryView
from briefings.model import Annotation, Briefing, Event

if TYPE_CHECKING:
    from briefings.desk import Conflict

Target = tuple[str, str]  # (briefing id, entry id): where an annotation is stored


MARKS_WIDTH = 4  # cells: star (or hidden), note or tags, a two-character grade


def marks(annotation: Annotation | None) -> Text:
    """Annotation marks as glyphs in cells of their own, so they never depend on colour:
    ★ starred (⊘ hidden), ✎ a note (# tags only), then the grade ("B2")."""
    a = annotation or Annotation()
    first = "⊘" if a.hidden else "★" if a.starred else " "
    second = "✎" if a.note else "#" if a.tags else " "
    return Text.assemble((first, "bold"), second, (a.grade or "  ", "bold"))


# A story's rows: one cell after the marks, what the sources say of the row.
CHECK_GLYPHS = {"conflict": "≠", "resolved": "✓", "single": "¹", "new": "+"}


def check_cell(mark: str | None) -> Text:
    """A row's corroboration as a glyph in a cell of its own: ≠ its sources differ (✓ once
    the reader resolved it), ¹ one article carries it; in an article opened from its story,
    + what no earlier article of the story had."""
    return Text(CHECK_GLYPHS[mark] if mark else " ", style="bold")


SIDE_BY_SIDE = 4  # versions shown as columns; more are listed by ``o``


def versions_side_by_side(conflict: Conflict, resolution: str | None) -> Group:
    """A conflict's versions in columns, oldest article first: outlet, date, what it says
    (as written, then normalised) and its sentence; ``resolution`` the reader's note once
    resolved."""
    heading = Text.assemble((f"{conflict.kind.capitalize()} conflict", "bold"), "  ", conflict.summary)
    if resolution is not None:
        heading.append("\n✓ resolved" + (f": {resolution}" if resolution else ""), "bold")
    table = Table(box=None, show_header=False, expand=True, padding=(0, 1), pad_edge=False)
    shown = conflict.versions[:SIDE_BY_SIDE]
    for _ in shown:
        table.add_column(ratio=1, overflow="fold")
    table.add_row(*[Text(v.outlet or "unknown outlet", style="bold") for v in shown])
    table.add_row(*[Text(v.published or "date unknown") for v in shown])
    table.add_row(*[Text(v.text, style="bold reverse") for v in shown])
    table.add_row(*[Text("= " + v.value if v.value else "") for v in shown])
    table.add_row(*[Text(v.sentence, style="italic") for v in shown])
    more = len(conflict.versions) - len(shown)
    hint = Text(f"… and {more} more versions; " if more else "", style="dim")
    hint.append("o opens an article · r resolves", style="dim")
    return Group(heading, table, hint)


DATE_WIDTH, EXPRESSION_WIDTH = 14, 13


def date_cell(event: Event) -> Text:
    """A timeline row's date as people read it, then the words the article used."""
    when = event.when
    expression = when.text if len(when.text) <= EXPRESSION_WIDTH else when.text[:EXPRESSION_WIDTH - 1] + "…"
    return Text.assemble(" ", (when.short_label.ljust(DATE_WIDTH), "bold"), " ",
                         (expression.ljust(EXPRESSION_WIDTH), "italic"), " ")


def entry_detail(b: Briefing, key: str | None) -> Text:
    """An entry of a briefing as the detail pane shows it: what it says, the
    reader's annotation, and the passage of the article it comes from."""
    entry = next((e for e in (*b.events, *b.actors, *b.quotes) if e.id == key), None)
    if entry is None:
        return Text(b.text)
    out = Text()
    spans: list[tuple[int, int]] = []
    if hasattr(entry, "when"):
        out.append(f"{entry.when.label}  ({entry.when.text})\n", "bold")
        out.append(entry.summary + "\n")
        spans = [entry.span] if entry.span else []
    elif hasattr(entry, "mentions"):
        out.append(f"{entry.name}  [{entry.kind}]\n", "bold")
        if entry.aliases:
            out.append("also: " + ", ".join(entry.aliases) + "\n")
        out.append(entry.description + "\n")
        spans = list(entry.mentions)
    else:
        speaker = b.actor(entry.speaker)
        out.append((speaker.name if speaker else entry.speaker_name or "unknown") + ":\n", "bold")
        out.append(f"“{entry.text}”\n")
        spans = [entry.span] if entry.span else []
    out.append_text(annotation_detail(b.annotations.get(key)))
    if spans:
        start, end = spans[0]
        lo, hi = excerpt_bounds(b.text, start, end)
        context = Text("\n" + ("…" if lo else "") + b.text[lo:hi] + ("…" if hi < len(b.text) else ""))
        offset = 1 + (1 if lo else 0) - lo
        for s, e in spans:
            if lo <= s and e <= hi:
                context.stylize("reverse bold", s + offset, e + offset)
        out.append_text(context)
    return out


def excerpt_bounds(text: str, start: int, end: int, around: int = 300) -> tuple[int, int]:
    """About ``around`` characters either side of a span, cut at word boundaries."""
    lo, hi = max(0, start - around), min(len(text), end + around)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else start
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else end
    return lo, hi


def annotation_detail(a: Annotation | None) -> Text:
    out = Text()
    if a and not a.is_empty:
        out.append("\n")
        out.append_text(marks(a))
        if a.tags:
            out.append(" tags: " + ", ".join(a.tags))
        if a.note:
            out.append("\nnote: " + a.note, "italic")
        out.append("\n")
    return out


def entry_label(b: Briefing, entry_id: str) -> str:
    """What an entry says, in a few words (a note dialog's title)."""
    for e in (*b.events, *b.actors, *b.quotes):
        if e.id == entry_id:
            return getattr(e, "summary", None) or getattr(e, "name", None) or getattr(e, "text", "")
    return entry_id


def source_line(view: StoryView, briefing_id: str) -> Text:
    """One article of a story or a dossier: its date, outlet and title."""
    head = view.briefings.head(briefing_id)
    if head is None:
        return Text(briefing_id)
    return Text.assemble((head.source.published or "????-??-??", "bold"), "  ",
                         (head.source.outlet or "")[:16].ljust(16), "  ", head.title)
