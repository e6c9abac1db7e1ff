"""A timeline as iCalendar (RFC 5545): one all-day event per dated event.

TEXT values are escaped, lines end in CRLF and are folded at 75 octets. The
writer is ours rather than ``icalendar``'s: the subset needed is a few lines,
and that package stays a test dependency only (the tests parse our output).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..model import Briefing
from ..stories.view import StoryView

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def ics_escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma, newline; controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return _CONTROL.sub("", text)


def fold_line(line: str) -> str:
    """One content line, folded so no physical line exceeds 75 octets (never inside a character)."""
    out: list[str] = []
    current, size, limit = [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


@dataclass(frozen=True)
class _CalEvent:
    uid: str
    start: str
    end: str
    summary: str
    description: str
    categories: tuple[str, ...] = ()


def _cal_event(uid: str, event, description: list[str], tags: Iterable[str] = ()) -> _CalEvent | None:
    when = event.when
    if not when.start:
        return None
    try:
        start = date.fromisoformat(when.start)
        end = date.fromisoformat(when.end) if when.end else start
    except ValueError:
        return None
    end = max(end, start)
    return _CalEvent(uid, start.strftime("%Y%m%d"), (end + timedelta(days=1)).strftime("%Y%m%d"),
                     event.summary, "\n".join(d for d in description if d), tuple(tags))


def briefing_ics(briefing: Briefing, stamp: datetime | None = None) -> tuple[str, int]:
    """The calendar and how many events were left out (no resolved date)."""
    events, skipped = [], 0
    for e in briefing.events:
        note = briefing.annotations.get(e.id)
        desc = [f"{e.when.text} ({e.when.value})", f"Source: {briefing.title}",
                briefing.source.outlet or "", briefing.source.url or "",
                f"Note: {note.note}" if note and note.note else ""]
        cal = _cal_event(f"{briefing.id}-{e.id}@briefing", e, desc, note.tags if note else ())
        if cal:
            events.append(cal)
        else:
            skipped += 1
    return _calendar(events, briefing.title, stamp), skipped


def story_ics(view: StoryView, stamp: datetime | None = None) -> tuple[str, int]:
    """The calendar and how many events were left out (no resolved date)."""
    events, skipped = [], 0
    for se in view.events:
        sources = [f"Source: {view.title(bid)}" for bid, _ in se.sources]
        notes = [f"Note ({view.title(bid)}): {a.note}" for bid, eid in se.sources
                 if (a := view.annotation(bid, eid)) and a.note]
        tags = dict.fromkeys(t for bid, eid in se.sources if (a := view.annotation(bid, eid)) for t in a.tags)
        reported = f"Reported by {se.reported_by} articles" if se.reported_by > 1 else ""
        desc = [f"{se.when.text} ({se.when.value})", reported, *sources, *notes]
        cal = _cal_event(f"{se.briefing_id}-{se.event.id}@briefing", se.event, desc, tags)
        if cal:
            events.append(cal)
        else:
            skipped += 1
    return _calendar(events, view.name, stamp), skipped


def _calendar(events: Sequence[_CalEvent], name: str, stamp: datetime | None) -> str:
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//briefing//briefing export//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{ics_escape(name)}"]
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{ics_escape(e.uid)}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e.start}", f"DTEND;VALUE=DATE:{e.end}",
                  f"SUMMARY:{ics_escape(e.summary)}"]
        if e.description:
            lines.append(f"DESCRIPTION:{ics_escape(e.description)}")
        if e.categories:
            lines.append("CATEGORIES:" + ",".join(ics_escape(t) for t in e.categories))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
