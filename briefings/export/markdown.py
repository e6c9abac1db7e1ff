"""A briefing, a story or a dossier as Markdown a colleague can read, with the reader's annotations."""

from __future__ import annotations

import re

from ..model import Annotation, Briefing

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")


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
    if annotation.hidden:
        parts.append("(hidden)")
    text = " — " + ", ".join(parts) if parts else ""
    if annotation.note:
        text += f"\n  - Note: {escape(annotation.note)}"
    return text


def to_markdown(briefing: Briefing) -> str:
    notes = briefing.annotations
    src = briefing.source
    lines = [f"# {escape(briefing.title)}", ""]
    meta = " · ".join(escape(x) for x in (src.outlet, src.published or "date unknown", src.url or src.path) if x)
    lines += [f"*{meta}*", ""]
    lines += ["## Timeline", ""]
    for event in sorted(briefing.events, key=lambda e: (e.when.start or "9999", e.when.text)):
        when = event.when.value or "unresolved"
        lines.append(f"- **{escape(when)}** ({escape(event.when.text)}): {escape(event.summary)}{_marks(notes.get(event.id))}")
    lines += ["", "## Actors", ""]
    for actor in briefing.actors:
        aliases = f" (also {', '.join(escape(a) for a in actor.aliases)})" if actor.aliases else ""
        desc = f": {escape(actor.description)}" if actor.description else ""
        lines.append(f"- **{escape(actor.name)}** [{actor.kind}]{aliases}{desc}{_marks(notes.get(actor.id))}")
    lines += ["", "## Quotes", ""]
    for quote in briefing.quotes:
        speaker = briefing.actor(quote.speaker)
        who = speaker.name if speaker else quote.speaker_name or "unknown speaker"
        lines.append(f"- {escape(who)}: “{escape(quote.text)}”{_marks(notes.get(quote.id))}")
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


def story_to_markdown(view) -> str:
    """A story (a ``stories.StoryView``): merged timeline, actors and quotes, with notes."""
    lines = [f"# {escape(view.name or 'Story')}", ""]
    lines += ["## Articles", ""]
    for b in view.briefings.values():
        meta = " · ".join(escape(x) for x in (b.source.outlet, b.source.published or "date unknown") if x)
        lines.append(f"- {escape(b.title)} — *{meta}* \\[{b.id}\\]")
    if view.missing:
        lines.append(f"- ({len(view.missing)} no longer in the store)")
    lines += ["", "## Timeline", ""]
    for se in view.events:
        when = se.when.value or "unresolved"
        titles = "; ".join(escape(view.title(b)) for b in dict.fromkeys(b for b, _ in se.sources))
        source = f" — reported by {se.reported_by}: {titles}" if se.reported_by > 1 else f" — {titles}"
        lines.append(f"- **{escape(when)}** ({escape(se.when.text)}): {escape(se.event.summary)}"
                     f"{source}{_source_marks(view, se.sources)}")
    lines += ["", "## Actors", ""]
    for actor in view.actors:
        aliases = f" (also {', '.join(escape(n) for n in actor.names[1:])})" if len(actor.names) > 1 else ""
        desc = f": {escape(actor.description)}" if actor.description else ""
        count = f" — in {actor.articles} articles" if actor.articles > 1 else ""
        lines.append(f"- **{escape(actor.name)}** \\[{actor.kind}\\]{aliases}{desc}{count}"
                     f"{_source_marks(view, actor.appearances)}")
    lines += ["", "## Quotes", ""]
    for group in view.quotes:
        lines += [f"### {escape(group.speaker)}", ""]
        for sq in group.quotes:
            titles = "; ".join(escape(view.title(b)) for b in dict.fromkeys(b for b, _ in sq.sources))
            lines.append(f"- “{escape(sq.quote.text)}” — {titles}{_source_marks(view, sq.sources)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def dossier_to_markdown(dossier) -> str:
    """An actor's dossier (a ``dossier.Dossier``)."""
    view, actor = dossier.view, dossier.actor
    lines = [f"# {escape(actor.name)}", "", f"*{escape(actor.kind)}*"]
    if len(actor.names) > 1:
        lines.append(f"Also: {', '.join(escape(n) for n in actor.names[1:])}")
    if actor.description:
        lines.append(escape(actor.description))
    lines += ["", "## Articles", ""]
    for b in dossier.articles:
        meta = " · ".join(escape(x) for x in (b.source.outlet, b.source.published or "date unknown") if x)
        lines.append(f"- {escape(b.title)} — *{meta}* \\[{b.id}\\]")
    lines += ["", "## Notes", ""]
    for note in dossier.notes:
        lines.append(f"- {escape(view.title(note.briefing_id))}{_marks(note.annotation)}")
    if not dossier.notes:
        lines.append("- none")
    lines += ["", "## Events", ""]
    for se in dossier.events:
        when = se.when.value or "unresolved"
        titles = "; ".join(escape(view.title(b)) for b in dict.fromkeys(b for b, _ in se.sources))
        lines.append(f"- **{escape(when)}** ({escape(se.when.text)}): {escape(se.event.summary)} — {titles}"
                     f"{_source_marks(view, se.sources)}")
    lines += ["", "## Quotes", ""]
    for sq in dossier.quotes:
        titles = "; ".join(escape(view.title(b)) for b in dict.fromkeys(b for b, _ in sq.sources))
        lines.append(f"- “{escape(sq.quote.text)}” — {titles}{_source_marks(view, sq.sources)}")
    return "\n".join(lines) + "\n"
