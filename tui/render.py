"""How entries look on screen: marks, date cells, the detail of an entry, a source line.

Everything here builds Rich ``Text`` from untrusted data (articles, notes,
feeds) as data, never as markup.
"""

from __future__ import annotations

from rich.text import Text

from briefings.desk import StoryView
from briefings.model import Annotation, Briefing, Event

Target = tuple[str, str]  # (briefing id, entry id): where an annotation is stored


def marks(annotation: Annotation | None) -> Text:
    """Annotation marks as glyphs, so they never depend on colour alone."""
    a = annotation or Annotation()
    return Text.assemble(
        ("★" if a.starred else " ", "yellow"),
        ("✎" if a.note else " "),
        ("#" if a.tags else " "),
        ("⊘" if a.hidden else " "),
        (f"[{a.grade}]" if a.grade else "    ", "cyan"),
        " ",
    )


def date_cell(event: Event) -> Text:
    return Text.assemble(((event.when.value or "unresolved").ljust(11), "bold"),
                         (event.when.text[:14].ljust(15), "italic"))


def entry_detail(b: Briefing, key: str | None) -> Text:
    """An entry of a briefing as the detail pane shows it: what it says, the
    reader's annotation, and the passage of the article it comes from."""
    entry = next((e for e in (*b.events, *b.actors, *b.quotes) if e.id == key), None)
    if entry is None:
        return Text(b.text)
    out = Text()
    spans: list[tuple[int, int]] = []
    if hasattr(entry, "when"):
        out.append(f"{entry.when.value or 'unresolved'}  ({entry.when.text})\n", "bold")
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
        lo, hi = max(0, start - 300), min(len(b.text), end + 300)
        context = Text("\n" + ("…" if lo else "") + b.text[lo:hi] + ("…" if hi < len(b.text) else ""))
        offset = 1 + (1 if lo else 0) - lo
        for s, e in spans:
            if lo <= s and e <= hi:
                context.stylize("reverse bold", s + offset, e + offset)
        out.append_text(context)
    return out


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
