"""Exports of a briefing or a story: Markdown, ``briefing/1`` JSON, CSV, iCalendar.

Every format escapes what it needs escaped: Markdown through
``markdown.escape``, CSV through the csv module (and a leading ``'`` on
cells a spreadsheet would run as a formula), iCalendar per RFC 5545 (TEXT
escaping, CRLF line ends, lines folded at 75 octets). JSON is the store's
own format and ``import_json`` reads it back without loss.

A story's JSON is ``{"format": "briefing-story/1", "story": NAME,
"briefings": [briefing/1 ...], "identities": [decisions]}``.

The iCalendar writer is written here rather than taken from ``icalendar``:
the subset needed (all-day VEVENTs) is a few lines, and the package stays a
test dependency only (the tests parse our output with it).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import identities as identities_mod
from .errors import BriefingError
from .identities import Decision, name_key
from .model import FORMAT, Annotation, Briefing, FormatError
from .store import Store
from .stories import StoryView

STORY_FORMAT = "briefing-story/1"
FORMATS = ("markdown", "json", "csv", "ics")
MAX_IMPORT_BYTES = 200_000_000


@dataclass(frozen=True)
class Export:
    text: str
    skipped: int = 0  # events left out (iCalendar: no resolved date)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


# -- JSON ------------------------------------------------------------------------


def briefing_json(briefing: Briefing) -> str:
    return json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False) + "\n"


def story_json(name: str, briefings: Sequence[Briefing], decisions: Sequence[Decision] = ()) -> str:
    """A story as its briefings (as stored, with annotations) plus the identity
    decisions that touch their actors."""
    keys = {name_key(n) for b in briefings for a in b.actors for n in a.names}
    relevant = [d for d in decisions if set(d.keys) & keys]
    doc = {
        "format": STORY_FORMAT,
        "story": name,
        "briefings": [b.to_dict() for b in briefings],
        "identities": [d.to_dict() for d in relevant],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Imported:
    briefings: tuple[tuple[Briefing, bool], ...]  # (briefing, was new)
    story: str | None = None
    decisions: int = 0  # identity decisions added


def import_json(store: Store, name: str) -> Imported:
    """Store the briefings of a ``briefing/1`` file, a list of them, or a story export.

    Nothing is written unless the whole file reads. Annotations come along
    (stored ones win, as for any re-import); a story export also makes the
    story and records its identity decisions.
    """
    label = "standard input" if name == "-" else name
    try:
        if name == "-":
            import sys

            raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            with Path(name).open("rb") as handle:
                raw = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise BriefingError(f"{label}: no such file") from None
    except OSError as exc:
        raise BriefingError(f"{label}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise BriefingError(f"{label}: too large to import")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError(f"{label}: not valid JSON ({exc})") from None
    story = None
    decisions: list[Decision] = []
    if isinstance(data, dict) and data.get("format") == STORY_FORMAT:
        story = data.get("story")
        if not isinstance(story, str):
            raise BriefingError(f"{label}: a story export without a story name")
        docs = data.get("briefings")
        decisions = [Decision.from_dict(d) for d in data.get("identities") or []]
    elif isinstance(data, list):
        docs = data
    else:
        docs = [data]
    if not isinstance(docs, list):
        raise BriefingError(f"{label}: 'briefings' must be a list")
    try:
        briefings = [Briefing.from_dict(_require_format(d)) for d in docs]
    except FormatError as exc:
        raise BriefingError(f"{label}: not a {FORMAT} document ({exc})") from None
    results = tuple((b, store.save(b)) for b in briefings)
    from . import search

    search.reindex(store, *(b.id for b in briefings))
    added = identities_mod.add_missing(store, decisions) if decisions else 0
    if story is not None:
        from .stories import add_to_story

        add_to_story(store, story, *(b.id for b in briefings))
    return Imported(results, story, added)


def _require_format(doc: Any) -> Any:
    if isinstance(doc, dict) and doc.get("format") != FORMAT:
        raise FormatError(f"format is {doc.get('format')!r}, expected {FORMAT!r}")
    return doc


# -- CSV -------------------------------------------------------------------------

CSV_COLUMNS = ("start", "end", "when", "value", "precision", "summary", "actors", "reported_by",
               "briefing", "title", "outlet", "published", "event", "starred", "grade", "tags", "note")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _marks(a: Annotation | None) -> list[Any]:
    if a is None:
        return ["", "", "", ""]
    return ["yes" if a.starred else "", a.grade or "", " ".join(a.tags), a.note]


def briefing_csv(briefing: Briefing) -> str:
    rows = []
    for e in sorted(briefing.events, key=lambda e: (e.when.start or "9999", e.when.end or "")):
        actors = "; ".join(a.name for i in e.actors if (a := briefing.actor(i)))
        rows.append([e.when.start, e.when.end, e.when.text, e.when.value, e.when.precision, e.summary,
                     actors, 1, briefing.id, briefing.title, briefing.source.outlet,
                     briefing.source.published, e.id, *_marks(briefing.annotations.get(e.id))])
    return _csv(rows)


def story_csv(view: StoryView) -> str:
    rows = []
    for se in view.events:
        e = se.event
        actors = "; ".join(a.name for k in se.actors if (a := view.actor(k)))
        for bid, eid in se.sources:
            b = view.briefings[bid]
            rows.append([e.when.start, e.when.end, e.when.text, e.when.value, e.when.precision,
                         b_event.summary if (b_event := _event(b, eid)) else e.summary, actors,
                         se.reported_by, bid, b.title, b.source.outlet, b.source.published, eid,
                         *_marks(b.annotations.get(eid))])
    return _csv(rows)


def _event(briefing: Briefing, event_id: str):
    return next((e for e in briefing.events if e.id == event_id), None)


def _csv(rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


# -- iCalendar (RFC 5545) --------------------------------------------------------

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


def briefing_ics(briefing: Briefing, stamp: datetime | None = None) -> Export:
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
    return Export(_calendar(events, briefing.title, stamp), skipped)


def story_ics(view: StoryView, stamp: datetime | None = None) -> Export:
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
    return Export(_calendar(events, view.name, stamp), skipped)


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


# -- one entry point ----------------------------------------------------------------


def export_briefing(briefing: Briefing, fmt: str) -> Export:
    if fmt == "markdown":
        from .markdown import to_markdown

        return Export(to_markdown(briefing))
    if fmt == "json":
        return Export(briefing_json(briefing))
    if fmt == "csv":
        return Export(briefing_csv(briefing))
    if fmt == "ics":
        return briefing_ics(briefing)
    raise BriefingError(f"export: unknown format {fmt!r} (use {', '.join(FORMATS)})")


def export_story(view: StoryView, fmt: str, decisions: Sequence[Decision] = ()) -> Export:
    """A story's merged view; its JSON holds the view's briefings (with the decisions applied)."""
    if fmt == "markdown":
        from .markdown import story_to_markdown

        return Export(story_to_markdown(view))
    if fmt == "json":
        return Export(story_json(view.name, list(view.briefings.values()), decisions))
    if fmt == "csv":
        return Export(story_csv(view))
    if fmt == "ics":
        return story_ics(view)
    raise BriefingError(f"export: unknown format {fmt!r} (use {', '.join(FORMATS)})")


def export(store: Store, fmt: str, *, briefing_id: str | None = None, story: str | None = None) -> Export:
    """Export one briefing (id or unique prefix) or one story from the store."""
    if (briefing_id is None) == (story is None):
        raise BriefingError("export: give a briefing id or --story NAME")
    if story is not None:
        from .stories import get_story, load_briefings, open_story

        if fmt == "json":  # the briefings as stored, so an import gives them back exactly
            found = get_story(store, story)
            briefings, _missing = load_briefings(store, found.briefings)
            return Export(story_json(found.name, briefings, identities_mod.decisions(store)))
        return export_story(open_story(store, story), fmt)
    return export_briefing(store.load(store.resolve(briefing_id)), fmt)


EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv", ".ics": "ics"}


def format_of(path: str | Path) -> str:
    """The export format a file name asks for by its extension."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise BriefingError(f"{path}: cannot tell the format; end the name with {', '.join(EXTENSIONS)}")
    return fmt


def write_export(result: Export, path: str | Path) -> None:
    """Write an export atomically: a colleague never opens half a file."""
    from .atomic import write_atomic

    try:
        write_atomic(Path(path), result.data)
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write ({exc.strerror or exc})") from None
