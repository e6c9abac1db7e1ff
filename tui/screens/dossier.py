"""An actor's dossier: every event, quote and article of the store it appears
in, its names and aliases, and the reader's notes on it across briefings."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from briefings.desk import Desk, Dossier

from ..entries import Entries
from ..keymap import bindings
from ..render import Target, annotation_detail, date_cell, entry_detail, source_line
from ..words import count, slug
from .entries import EntriesScreen


class DossierEntries(Entries):
    PANES = ("timeline", "quotes", "articles", "notes")

    def __init__(self, dossier: Dossier, start: Target | None = None) -> None:
        super().__init__()
        self.start = start
        self.load(dossier)

    def load(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.briefings = dossier.view.briefings
        self.targets: dict[str, Target] = {}
        for n, e in enumerate(dossier.events):
            self.targets[f"e{n}"] = e.sources[0]
        for n, q in enumerate(dossier.quotes):
            self.targets[f"q{n}"] = q.sources[0]
        for n, note in enumerate(dossier.notes):
            self.targets[f"n{n}"] = (note.briefing_id, note.entry_id)

    def heading(self) -> tuple[Text, Text]:
        d, a = self.dossier, self.dossier.actor
        title = Text.assemble(("Dossier: ", "bold"), (a.name, "bold"), (f"  [{a.kind}]", "green"),
                              (("  ·  also: " + ", ".join(a.names[1:])) if len(a.names) > 1 else ""))
        counts = (f"{count(len(d.articles), 'article')} · {count(len(d.events), 'event')} · "
                  f"{count(len(d.quotes), 'quote')} · {count(len(d.notes), 'note')}")
        return title, Text(counts)

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        d = self.dossier
        if pane == "timeline":
            return [(f"e{n}", e) for n, e in enumerate(d.events)]
        if pane == "quotes":
            return [(f"q{n}", q) for n, q in enumerate(d.quotes)]
        if pane == "articles":
            return [(f"b:{b.id}", b) for b in d.articles]
        return [(f"n{n}", note) for n, note in enumerate(d.notes)]

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        view = self.dossier.view
        if pane == "timeline":
            return Text.assemble(
                date_cell(item.event), (f"reported by {item.reported_by} · ", "magenta") if item.reported_by > 1 else "",
                item.event.summary)
        if pane == "quotes":
            return Text.assemble("“", item.quote.text, "”", ("  — " + view.title(item.briefing_id)[:40], "dim"))
        if pane == "articles":
            return source_line(view, item.id)
        return Text.assemble((view.title(item.briefing_id)[:40], "dim"), "  ",
                             item.annotation.note or ", ".join(item.annotation.tags))

    def target(self, key: str) -> Target | None:
        return self.targets.get(key)

    def detail(self, key: str | None) -> Text:
        if key and key.startswith("b:"):
            b = self.briefings[key[2:]]
            return Text.assemble((b.title + "\n", "bold"), source_line(self.dossier.view, b.id), "\n\n", b.text[:2000])
        if key and key.startswith("n"):
            target = self.targets[key]
            return Text.assemble((self.dossier.view.title(target[0]) + "\n", "bold"),
                                 annotation_detail(self.briefings[target[0]].annotations.get(target[1])))
        if target := self.target(key or ""):
            return entry_detail(self.briefings[target[0]], target[1])
        a = self.dossier.actor
        return Text.assemble((f"{a.name}  [{a.kind}]\n", "bold"), "names: ", ", ".join(a.names), "\n",
                             a.description)

    def export_subject(self) -> tuple[dict[str, str], str]:
        return {"dossier": self.dossier.name}, slug(self.dossier.name)

    def read_again(self, desk: Desk) -> Dossier:
        return desk.dossier(self.dossier.name, start=self.start)


class DossierScreen(EntriesScreen):
    BINDINGS = bindings("dossier.source")
    ACTOR_PANES = ()

    def __init__(self, dossier: Dossier, start: Target | None = None) -> None:
        super().__init__(DossierEntries(dossier, start))

    def reopen(self) -> None:
        self.app.open_dossier(self.entries.dossier.name, self.entries.start)

    def action_open_source(self) -> None:
        key = self.focused_entry()
        if key and key.startswith("b:"):
            self.app.open_briefing(key[2:])
        elif key and (target := self.entries.target(key)):
            self.app.open_briefing(*target)
