"""One briefing: its timeline, actors and quotes beside the source text."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import work

from briefings.desk import BriefingError, Desk
from briefings.model import Briefing, in_timeline_order

from ..entries import Entries
from ..keymap import bindings
from ..notify import reports_errors
from ..render import Target, check_cell, date_cell, entry_detail
from ..widgets.dialogs import PickDialog, PromptDialog
from ..widgets.entry_list import EntryList
from ..words import count, counted, slug
from .entries import EntriesScreen


def date_problem(value: str) -> str | None:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return f"Not a date: {value.strip()!r}. Write it as YYYY-MM-DD, e.g. 2025-04-09"
    return None


DROP = "\x00drop"  # the pick that drops an orphaned annotation (never an entry id)


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
    BINDINGS = bindings("actor.narrow", "quote.speaker", "briefing.date", "story.add", "briefing.orphans")

    def __init__(self, briefing: Briefing, entry_id: str | None = None, added: frozenset[str] | None = None) -> None:
        super().__init__(BriefingEntries(briefing, added), entry_id)

    def on_mount(self) -> None:
        super().on_mount()
        self.tell_orphans()

    # -- annotations a re-import left on entries the article no longer has -------------

    @work(thread=True, group="orphans")
    @reports_errors
    def tell_orphans(self) -> None:
        if found := self.app.desk.orphans(self.entries.briefing_id):
            self.notify(f"{count(len(found), 'annotation')} on entries this version of the article no longer "
                        f"has: press O to place them", timeout=8, markup=False)

    def action_orphans(self) -> None:
        self.pick_orphan()

    @work(thread=True, exclusive=True, group="orphans")
    @reports_errors
    def pick_orphan(self) -> None:
        """Which orphaned annotation to place, then where (its most alike entries first) or drop it."""
        found = self.app.desk.orphans(self.entries.briefing_id)
        if not found:
            self.notify("No orphaned annotations here", markup=False)
            return
        by_id = {o.entry_id: o for o in found}
        rows = [(o.entry_id, Text(f"{o.annotation.note or ', '.join(o.annotation.tags) or 'a mark'}  (was {o.was})"))
                for o in found]

        def picked(orphan_id: str | None) -> None:
            if orphan_id:
                orphan = by_id[orphan_id]
                places = [(entry, Text(f"{score:.0%}  {text}")) for score, entry, text in
                          orphan.candidates(self.briefing, limit=10)]
                self.app.push_screen(PickDialog("Put it on which entry?",
                                                [*places, (DROP, Text("Drop it (the store's backups keep it)"))]),
                                     lambda entry: entry and self.place_orphan(orphan_id, entry))
        self.app.call_from_thread(self.app.push_screen, PickDialog("Place which annotation?", rows), picked)

    @work(thread=True, group="orphans")
    @reports_errors
    def place_orphan(self, orphan_id: str, entry: str) -> None:
        desk, briefing_id = self.app.desk, self.entries.briefing_id
        if entry == DROP:
            desk.drop_orphan(briefing_id, orphan_id)
            message = "Orphaned annotation dropped"
        else:
            desk.attach_orphan(briefing_id, orphan_id, entry)
            message = "Annotation placed"
        self.app.call_from_thread(self.reread_all, message)

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
        try:
            self.app.desk.set_published(self.entries.briefing_id, value)  # checked there: format and range
        except BriefingError as exc:
            raise BriefingError(f"date not set: {exc}") from None
        self.app.call_from_thread(self.reread_all, "Date set; timeline resolved")

    def reopen(self) -> None:
        self.app.open_briefing(self.entries.briefing_id, self.focused_entry(), self.entries.added)

    def action_add_to_story(self) -> None:
        self.app.ask_story(self.entries.briefing_id)
