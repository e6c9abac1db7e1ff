"""One briefing: its timeline, actors and quotes beside the source text."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.binding import Binding

from briefings.errors import BriefingError
from briefings.model import Briefing
from briefings.store import Store

from .panes import PanesScreen, Target, date_cell, entry_detail
from .screens import PromptScreen
from .widgets.entry_list import EntryList
from .words import count, slug


def read_briefing(store: Store, briefing_id: str) -> Briefing:
    """A briefing as the reader's actor merges and splits say."""
    from briefings.identities import apply_decisions

    return apply_decisions(store, store.load(briefing_id))


class BriefingScreen(PanesScreen):
    BINDINGS = [
        Binding("f", "focus_actor", "Narrow to actor", show=False, id="actor.narrow"),
        Binding("a", "speaker", "Go to speaker", show=False, id="quote.speaker"),
        Binding("p", "set_date", "Set date", show=False, id="briefing.date"),
        Binding("S", "add_to_story", "Add to story", id="story.add"),
    ]

    def __init__(self, briefing: Briefing, entry_id: str | None = None) -> None:
        super().__init__()
        self.start_key = entry_id
        self.briefing_id = briefing.id
        self.load(briefing)
        self.narrow_actor: str | None = None

    @property
    def briefing(self) -> Briefing:
        return self.briefings[self.briefing_id]

    def title_text(self) -> Text:
        b = self.briefing
        return Text.assemble(
            (b.title, "bold"), "  ·  ", b.source.outlet or "unknown outlet", "  ·  ",
            b.source.published or "date unknown",
            f"  ·  {count(len(b.events), 'event')} · {count(len(b.actors), 'actor')} · {count(len(b.quotes), 'quote')}")

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        b = self.briefing
        if pane == "timeline":
            items = sorted(b.events, key=lambda e: (e.when.start is None, e.when.start or "", e.span or (0, 0)))
            return [(e.id, e) for e in items if not self.narrow_actor or self.narrow_actor in e.actors]
        if pane == "actors":
            return [(a.id, a) for a in b.actors]
        return [(q.id, q) for q in b.quotes if not self.narrow_actor or q.speaker == self.narrow_actor]

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        if pane == "timeline":
            return date_cell(item) + Text(item.summary)
        if pane == "actors":
            return Text.assemble(item.name, (f"  {item.kind}", "green"), (f"  ×{len(item.mentions)}", "dim"))
        speaker = self.briefing.actor(item.speaker)
        return Text.assemble(((speaker.name if speaker else item.speaker_name or "?"), "bold"), ": “", item.text, "”")

    def target(self, key: str) -> Target | None:
        return (self.briefing_id, key)

    def detail(self, key: str | None) -> Text:
        return entry_detail(self.briefing, key)

    def actor_name(self, key: str) -> str | None:
        actor = self.briefing.actor(key)
        return actor.name if actor else None

    def actor_names(self, key: str) -> list[str]:
        actor = self.briefing.actor(key)
        return list(actor.names) if actor else []

    def export_subject(self) -> tuple[dict[str, str], str]:
        return {"briefing_id": self.briefing_id}, slug(self.briefing.title)

    def read_again(self) -> Briefing:
        return read_briefing(self.app.store, self.briefing_id)

    def load(self, briefing: Briefing) -> None:
        self.briefings = {briefing.id: briefing}

    # -- keys of a single briefing --------------------------------------------

    def action_focus_actor(self) -> None:
        if self.focused is self.query_one("#actors") and (key := self.focused_entry()):
            self.narrow_actor = key
            self.render_all()
            self.notify(f"Showing entries of {self.label(key)} (esc widens)", markup=False)

    def action_speaker(self) -> None:
        if self.focused is self.query_one("#quotes") and (key := self.focused_entry()):
            quote = next(q for q in self.briefing.quotes if q.id == key)
            actors = self.query_one("#actors", EntryList)
            if quote.speaker:
                actors.set_rows(actors.rows, keep=quote.speaker)
                actors.focus()

    def is_narrowed(self) -> bool:
        return self.narrow_actor is not None

    def widen(self) -> None:
        self.narrow_actor = None

    def action_set_date(self) -> None:
        def done(value: str | None) -> None:
            if value:
                self.set_date(value.strip())
        self.app.push_screen(PromptScreen("Publication date (YYYY-MM-DD)", self.briefing.source.published or ""), done)

    @work(thread=True)
    def set_date(self, value: str) -> None:
        from datetime import date

        from briefings.importer import set_published

        try:
            set_published(self.app.store, self.briefing_id, date.fromisoformat(value).isoformat())
        except (BriefingError, ValueError) as exc:
            self.app.call_from_thread(self.app.notify, f"date not set: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.reread_all, "Date set; timeline resolved")

    def action_add_to_story(self) -> None:
        self.app.ask_story(self.briefing_id)
