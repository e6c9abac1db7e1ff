"""A briefing, a story or a dossier as Markdown a colleague can read, with the reader's annotations.

What the app hides is left out (an entry the reader hid, a story row whose
first report is hidden); the timeline is in the app's order; dates read as
words ("8 April 2025", "earlier"); a section with nothing in it is left out.
Text from articles and notes is data: only the characters Markdown would read
as markup are escaped, so "2025-03-14" and "Rwanda-backed" stay as written.
"""

from __future__ import annotations

import re

from ..model import Annotation, Briefing, When, in_timeline_order

# Inline markup (emphasis, code, links, HTML, strikethrough) and the escape itself; a
# line never starts with article text here, so block markers (# - + >) need nothing.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")


def escape(text: str) -> str:
    """Article and note text is data: Markdown must not read it as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _marks(annotation: Annotation | None) -> str:
    if annotation is None or annotation.is_empty:
        return ""
    parts = []
    if annotation.starred:
        parts.append("★")
    if annotation.grade:
        parts.append(f"grade {annotation.grade}")
    if annotation.tags:
        parts.append(" ".join(f"#{escape(t)}" for t in annotation.tags))
    text = " — " + ", ".join(parts) if parts else ""
    if annotation.note:
        text += f"\n  - Note: {escape(annotation.note)}"
    return text


def _when(when: When) -> str:
    return f"**{escape(when.label)}** ({escape(when.text)})"


def _section(title: str, lines: list[str]) -> list[str]:
    """A heading and its lines, or nothing when there are none."""
    return ["", f"## {title}", "", *lines] if lines else []


def to_markdown(briefing: Briefing) -> str:
    notes = briefing.annotations

    def shown(entry_id: str) -> bool:
        return not (notes.get(entry_id) and notes[entry_id].hidden)

    src = briefing.source
    meta = " · ".join(escape(x) for x in (src.outlet, src.published or "date unknown", src.url or src.path) if x)
    lines = [f"# {escape(briefing.title)}", "", f"*{meta}*"]
    lines += _section("Timeline", [
        f"- {_when(e.when)}: {escape(e.summary)}{_marks(notes.get(e.id))}"
        for e in in_timeline_order(briefing.events) if shown(e.id)])
    actors = []
    for actor in briefing.actors:
        if shown(actor.id):
            aliases = f" (also {', '.join(escape(a) for a in actor.aliases)})" if actor.aliases else ""
            desc = f": {escape(actor.description)}" if actor.description else ""
            actors.append(f"- **{escape(actor.name)}** \\[{actor.kind}\\]{aliases}{desc}{_marks(notes.get(actor.id))}")
    lines += _section("Actors", actors)
    quotes = []
    for quote in briefing.quotes:
        if shown(quote.id):
            speaker = briefing.actor(quote.speaker)
            who = speaker.name if speaker else quote.speaker_name or "unknown speaker"
            quotes.append(f"- {escape(who)}: “{escape(quote.text)}”{_marks(notes.get(quote.id))}")
    lines += _section("Quotes", quotes)
    return "\n".join(lines) + "\n"


def _source_marks(view, sources) -> str:
    """The reader's marks on each source of a merged entry, naming the article when several."""
    out = ""
    for briefing_id, entry_id in sources:
        marks = _marks(view.annotation(briefing_id, entry_id))
        if marks and len(sources) > 1:
            marks = marks.replace("\n  - Note:", f"\n  - Note ({escape(view.title(briefing_id))}):")
        out += marks
    return out


def _hidden(view, sources) -> bool:
    """A merged row is hidden when the reader hid it where it is annotated: its first source."""
    first = view.annotation(*sources[0]) if sources else None
    return bool(first and first.hidden)


def _titles(view, sources) -> str:
    return "; ".join(escape(view.title(b)) for b in dict.fromkeys(b for b, _ in sources))


def _event_line(view, se) -> str:
    """A merged timeline row: when, what, which articles reported it, the reader's marks."""
    source = f"reported by {se.reported_by}: " if se.reported_by > 1 else ""
    return (f"- {_when(se.when)}: {escape(se.event.summary)} — {source}{_titles(view, se.sources)}"
            f"{_source_marks(view, se.sources)}")


def _quote_line(view, sq) -> str:
    return f"- “{escape(sq.quote.text)}” — {_titles(view, sq.sources)}{_source_marks(view, sq.sources)}"


def _article_line(b) -> str:
    meta = " · ".join(escape(x) for x in (b.source.outlet, b.source.published or "date unknown") if x)
    return f"- {escape(b.title)} — *{meta}* \\[{b.id}\\]"


def story_to_markdown(view) -> str:
    """A story (a ``stories.view.StoryView``): merged timeline, actors and quotes, with notes."""
    lines = [f"# {escape(view.name or 'Story')}"]
    articles = [_article_line(b) for b in view.briefings.values()]
    if view.missing:
        articles.append(f"- ({len(view.missing)} no longer in the store)")
    lines += _section("Articles", articles)
    lines += _section("Timeline", [_event_line(view, se) for se in view.events if not _hidden(view, se.sources)])
    actors = []
    for actor in view.actors:
        if not _hidden(view, actor.appearances):
            aliases = f" (also {', '.join(escape(n) for n in actor.names[1:])})" if len(actor.names) > 1 else ""
            desc = f": {escape(actor.description)}" if actor.description else ""
            count = f" — in {actor.articles} articles" if actor.articles > 1 else ""
            actors.append(f"- **{escape(actor.name)}** \\[{actor.kind}\\]{aliases}{desc}{count}"
                          f"{_source_marks(view, actor.appearances)}")
    lines += _section("Actors", actors)
    quotes = []
    for group in view.quotes:
        said = [_quote_line(view, sq) for sq in group.quotes if not _hidden(view, sq.sources)]
        if said:
            quotes += ["", f"### {escape(group.speaker)}", "", *said]
    lines += _section("Quotes", quotes[1:])
    lines += _section("Where the sources differ", _conflicts(view))
    return "\n".join(lines) + "\n"


def _conflicts(view) -> list[str]:
    """Each conflict of a story with its versions, oldest article first; the reader's
    resolution (``story check`` has the same in JSON)."""
    from ..stories.corroboration import check_of, is_resolved

    lines = []
    for c in check_of(view).conflicts:
        note = view.annotation(*c.target)
        settled = ""
        if is_resolved(view, c):
            settled = " — resolved" + (f": {escape(note.note)}" if note and note.note else "")
        lines.append(f"- **{c.kind}**: {escape(c.summary)}{settled}")
        for v in c.versions:
            meta = " · ".join(escape(x) for x in (v.outlet, v.published) if x)
            lines.append(f"  - {meta}: {escape(v.text)} — “{escape(v.sentence)}”")
    return lines


def dossier_to_markdown(dossier) -> str:
    """An actor's dossier (a ``dossier.Dossier``)."""
    view, actor = dossier.view, dossier.actor
    lines = [f"# {escape(actor.name)}", "", f"*{escape(actor.kind)}*"]
    if len(actor.names) > 1:
        lines.append(f"Also: {', '.join(escape(n) for n in actor.names[1:])}")
    if actor.description:
        lines.append(escape(actor.description))
    lines += _section("Articles", [_article_line(b) for b in dossier.articles])
    lines += _section("Notes", [f"- {escape(view.title(note.briefing_id))}: {escape(note.label)}"
                                f"{_marks(note.annotation)}" for note in dossier.notes])
    lines += _section("Events", [_event_line(view, se) for se in dossier.events if not _hidden(view, se.sources)])
    lines += _section("Quotes", [_quote_line(view, sq) for sq in dossier.quotes if not _hidden(view, sq.sources)])
    return "\n".join(lines) + "\n"
