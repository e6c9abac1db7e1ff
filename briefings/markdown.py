"""A briefing as Markdown a colleague can read, with the reader's annotations."""

from __future__ import annotations

import re

from .model import Annotation, Briefing

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
