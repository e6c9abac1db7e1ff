"""A timeline as CSV, one row per event (per report, for a story), annotations included.

Cells go through the csv module, and a cell a spreadsheet would run as a
formula (starting with = + - @) gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Annotation, Briefing, in_timeline_order
from ..stories.view import StoryView

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
    for e in in_timeline_order(briefing.events):
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
