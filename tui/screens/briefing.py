"""One briefing: its timeline, actors and quotes beside the source text."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import work

from briefings.desk import Desk
from briefings.model import Briefing, in_timeline_order

from ..entries import Entries
from ..keymap import bindings
from ..notify import reports_errors
from ..render import Target, check_cell, date_cell, entry_detail
from ..widgets.dialogs import PromptDialog
from ..widgets.entry_list import EntryList
from ..words import counted, slug
from .entries import EntriesScreen


def date_problem(value: str) -> str | None:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return f"Not a date: {value.strip()!r}. Write it as YYYY-MM-DD, e.g. 2025-04-09"
    return None


class BriefingEntries(Entries):
    def __init__(self, briefing: Briefing, added: frozenset[str] | None = None) -> None:
        super().__init__()
        self.load(briefing)
        self.narrow_actor: str | None = None  # an actor id: only its entries are shown
        self.added = added  # opened from a story: the entries no earlier article of it had (marked +)

    @property
    def briefing(self) -> Briefing:
        return self.briefings[self.briefing_id]

    def load(self, briefing: Briefing) -> None:
        self.briefing_id = briefing.id
        self.briefings = {briefing.id: briefing}

    def read_again(self, desk: Desk) -> Briefing:
        return desk.briefing(self.briefing_id)

    def heading(self) -> tuple[Text, Text]:
        b = self.briefing
        title = Text.assemble((b.title, "bold"), "  ·  ", b.source.outlet or "unknown outlet", "  ·  ",
                              b.source.published or "date unknown")
        hidden = {entry for _, entry in self.hidden_targets()}
        counts = [counted(len(entries), noun, sum(e.id in hidden for e in entries))
                  for entries, noun in ((b.events, "event"), (b.actors, "actor"), (b.quotes, "quote"))]
        if self.added is not None:
            counts.append(f"+ {len(self.added & b.entry_ids())} new to the story")
        return title, Text(" · ".join(counts))

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        b = self.briefing
        if pane == "timeline":
            return [(e.id, e) for e in in_timeline_order(b.events)
                    if not self.narrow_actor or self.narrow_actor in e.actors]
        if pane == "actors":
            return [(a.id, a) for a in b.actors]
        return [(q.id, q) for q in b.quotes if not self.narrow_actor or q.speaker == self.narrow_actor]

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        new = check_cell("new" if key in self.added else None) if self.added is not None else Text()
        if pane == "timeline":
            return new + date_cell(item) + Text(item.summary)
        new += " " if new else ""
        if pane == "actors":
            return Text.assemble(new, item.name, (f"  {item.kind}", "green"), (f"  ×{len(item.mentions)}", "dim"))
        speaker = self.briefing.actor(item.speaker)
        return Text.assemble(new, ((speaker.name if speaker else item.speaker_name or "?"), "bold"), ": “", item.text, "”")

    def target(self, key: str) -> Target | None:
        return (self.briefing_id, key)

    def narrowed(self, pane: str) -> str | None:
        actor = self.briefing.actor(self.narrow_actor) if self.narrow_actor else None
        return f"narrowed to {actor.name} (esc widens)" if actor and pane in ("timeline", "quotes") else None

    def detail(self, key: str | None) -> Text:
        return entry_detail(self.briefing, key)

    def actor_names(self, key: str) -> list[str]:
        actor = self.briefing.actor(key)
        return list(actor.names) if actor else []

    def export_subject(self) -> tuple[dict[str, str], str]:
        return {"briefing_id": self.briefing_id}, slug(self.briefing.title)


class BriefingScreen(EntriesScreen):
    BINDINGS = bindings("actor.narrow", "quote.speaker", "briefing.date", "story.add")

    def __init__(self, briefing: Briefing, entry_id: str | None = None, added: frozenset[str] | None = None) -> None:
        super().__init__(BriefingEntries(briefing, added), entry_id)

    @property
    def briefing(self) -> Briefing:
        return self.entries.briefing

    def action_focus_actor(self) -> None:
        if self.focused is self.query_one("#actors") and (key := self.focused_entry()):
            self.entries.narrow_actor = key
            self.redraw()
            self.notify(f"Showing entries of {self.entries.label(key)} (esc widens)", markup=False)

    def action_speaker(self) -> None:
        if self.focused is self.query_one("#quotes") and (key := self.focused_entry()):
            quote = next(q for q in self.briefing.quotes if q.id == key)
            actors = self.query_one("#actors", EntryList)
            if quote.speaker:
                actors.set_rows(actors.rows, keep=quote.speaker)
                actors.focus()

    def is_narrowed(self) -> bool:
        return self.entries.narrow_actor is not None

    def widen(self) -> None:
        self.entries.narrow_actor = None

    def action_set_date(self) -> None:
        def done(value: str | None) -> None:
            if value:
                self.set_date(value.strip())
        self.app.push_screen(PromptDialog("Publication date (YYYY-MM-DD)", self.briefing.source.published or "",
                                          check=date_problem), done)

    @work(thread=True)
    @reports_errors
    def set_date(self, value: str) -> None:
        self.app.desk.set_published(self.entries.briefing_id, date.fromisoformat(value).isoformat())
        self.app.call_from_thread(self.reread_all, "Date set; timeline resolved")

    def reopen(self) -> None:
        self.app.open_briefing(self.entries.briefing_id, self.focused_entry(), self.entries.added)

    def action_add_to_story(self) -> None:
        self.app.ask_story(self.entries.briefing_id)
