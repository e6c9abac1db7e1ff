"""A story: the panes of a briefing, merged across its articles.

One timeline where an event several articles report is one row ("reported by
N"), one actors list where an actor of several articles is one row, quotes by
speaker. A row is annotated where it came from (its first source), and ``o``
opens the article (or picks one of the articles) it was reported in.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from briefings.stories import StoryActor, StoryEvent, StoryQuote, StoryView

from .panes import PanesScreen, Target, date_cell, entry_detail
from .screens import PickScreen
from .words import count, slug


def source_line(view: StoryView, briefing_id: str) -> Text:
    b = view.briefings.get(briefing_id)
    if b is None:
        return Text(briefing_id)
    return Text.assemble((b.source.published or "????-??-??", "bold"), "  ", (b.source.outlet or "")[:16].ljust(16),
                         "  ", b.title)


class StoryScreen(PanesScreen):
    BINDINGS = [Binding("o", "open_source", "Open article", id="entry.source")]

    def __init__(self, view: StoryView) -> None:
        super().__init__()
        self.load(view)

    def load(self, view: StoryView) -> None:
        self.view = view
        self.briefings = view.briefings  # the same dict: annotations re-read land in the view
        self.by_key: dict[str, StoryEvent | StoryActor | StoryQuote] = {}
        self.speaker_of: dict[str, str] = {}
        for n, event in enumerate(view.events):
            self.by_key[f"e{n}"] = event
        for actor in view.actors:
            self.by_key[f"a:{actor.key}"] = actor
        for g, group in enumerate(view.quotes):
            for n, quote in enumerate(group.quotes):
                self.by_key[f"q{g}.{n}"] = quote
                self.speaker_of[f"q{g}.{n}"] = group.speaker

    def title_text(self) -> Text:
        v = self.view
        return Text.assemble(
            ("Story: ", "bold"), (v.name, "bold"),
            f"  ·  {count(len(v.briefings), 'article')} · {count(len(v.events), 'event')} · "
            f"{count(len(v.actors), 'actor')} · "
            f"{count(sum(len(g.quotes) for g in v.quotes), 'quote')}",
            (f"  ·  {len(v.missing)} articles no longer in the store", "red") if v.missing else "")

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        prefix = {"timeline": "e", "actors": "a:", "quotes": "q"}[pane]
        return [(key, item) for key, item in self.by_key.items() if key.startswith(prefix)]

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        v = self.view
        if pane == "timeline":
            return Text.assemble(
                date_cell(item.event), (f"reported by {item.reported_by} · ", "magenta") if item.reported_by > 1 else "",
                item.event.summary,
                ("  — " + (v.briefings[item.briefing_id].source.outlet or v.title(item.briefing_id))[:30], "dim"))
        if pane == "actors":
            return Text.assemble(
                item.name, (f"  {item.kind}", "green"),
                (f"  {item.articles} articles" if item.articles > 1 else "  1 article", "dim"),
                (("  also: " + ", ".join(item.names[1:4])) if len(item.names) > 1 else "", "dim"))
        return Text.assemble((self.speaker_of[key], "bold"), ": “", item.quote.text, "”",
                             (f"  ({len(item.sources)} articles)", "dim") if len(item.sources) > 1 else "")

    def sources(self, key: str) -> tuple[Target, ...]:
        item = self.by_key.get(key)
        if isinstance(item, StoryActor):
            return item.appearances
        return item.sources if item is not None else ()

    def target(self, key: str) -> Target | None:
        found = self.sources(key)
        return found[0] if found else None

    def detail(self, key: str | None) -> Text:
        item = self.by_key.get(key or "")
        if item is None:
            return Text.assemble(("Articles of the story\n", "bold"),
                                 *[source_line(self.view, b) + "\n" for b in self.view.briefings])
        out = Text()
        if isinstance(item, StoryActor):
            out.append(f"{item.name}  [{item.kind}]\n", "bold")
            if len(item.names) > 1:
                out.append("also: " + ", ".join(item.names[1:]) + "\n")
            events = self.view.events_of(item.key)
            out.append(f"{len(events)} events in this story · d opens its dossier\n", "dim")
        sources = self.sources(key)
        count = len({b for b, _ in sources})
        out.append(f"\nReported by {count} article{'s' if count > 1 else ''} (o opens):\n", "bold")
        for bid, _ in dict.fromkeys(sources):
            out.append_text(source_line(self.view, bid) + "\n")
        first = sources[0]
        out.append("\nAs the first article has it:\n", "dim")
        out.append_text(entry_detail(self.briefings[first[0]], first[1]))
        return out

    def actor_name(self, key: str) -> str | None:
        item = self.by_key.get(key)
        return item.name if isinstance(item, StoryActor) else None

    def actor_names(self, key: str) -> list[str]:
        item = self.by_key.get(key)
        return list(item.names) if isinstance(item, StoryActor) else []

    def export_subject(self) -> tuple[dict[str, str], str]:
        return {"story": self.view.name}, slug(self.view.name)

    def read_again(self) -> StoryView:
        from briefings.stories import open_story

        return open_story(self.app.store, self.view.name)

    def action_open_source(self) -> None:
        key = self.focused_entry()
        sources = list(dict.fromkeys(self.sources(key))) if key else []
        if len(sources) == 1:
            self.app.open_briefing(*sources[0])
        elif sources:
            def done(picked: str | None) -> None:
                if picked:
                    self.app.open_briefing(*sources[int(picked)])
            rows = [(str(n), source_line(self.view, bid)) for n, (bid, _) in enumerate(sources)]
            self.app.push_screen(PickScreen(f"Reported by {len(sources)} articles: open which?", rows), done)
