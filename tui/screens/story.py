"""A story: the panes of a briefing, merged across its articles.

One timeline where an event several articles report is one row ("reported
by N"), one actors list where an actor of several articles is one row, quotes
by speaker. A row is annotated where it came from (its first source), and
``o`` opens the article (or picks one of the articles) it was reported in.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from rich.text import Text

from briefings.desk import (
    Desk,
    StoryActor,
    StoryEvent,
    StoryQuote,
    StoryView,
    first_sources,
)
from briefings.model import Annotation

from ..entries import NO_ANNOTATION, Entries
from ..keymap import bindings
from ..render import Target, date_cell, entry_detail, source_line
from ..widgets.dialogs import PickDialog
from ..words import count, slug
from .entries import EntriesScreen

ARTICLES_SHOWN = 60


class StoryEntries(Entries):
    def __init__(self, view: StoryView) -> None:
        super().__init__()
        self.load(view)

    def load(self, view: StoryView) -> None:
        """Index the rows by key without decoding them: a stored view decodes a
        timeline row when it is first drawn (see briefings.story_cache)."""
        self.view = view
        self.briefings = view.briefings  # the same mapping: annotations re-read land in the view
        self.actors_by_key = {a.key: a for a in view.actors}
        timeline = [(f"e{n}", n) for n in range(len(view.events))]
        actors = [(f"a:{a.key}", a) for a in view.actors]
        quotes = [(f"q{g}.{n}", (g, n)) for g, group in enumerate(view.quotes) for n in range(len(group.quotes))]
        self.panes = {"timeline": timeline, "actors": actors, "quotes": quotes}
        self.targets: dict[str, Target] = dict(zip((k for k, _ in timeline), first_sources(view.events)))
        self.targets.update((key, a.appearances[0]) for key, a in actors)
        for g, group in enumerate(view.quotes):
            self.targets.update(zip((f"q{g}.{n}" for n in range(len(group.quotes))), first_sources(group.quotes)))

    def item(self, key: str) -> StoryEvent | StoryActor | StoryQuote | None:
        """The row ``key`` stands for (decoded now if it was not yet)."""
        try:
            if key.startswith("e"):
                return self.view.events[int(key[1:])]
            if key.startswith("a:"):
                return self.actors_by_key.get(key[2:])
            if key.startswith("q"):
                g, n = key[1:].split(".")
                return self.view.quotes[int(g)].quotes[int(n)]
        except (ValueError, IndexError):
            pass
        return None

    def heading(self) -> tuple[Text, Text]:
        v = self.view
        title = Text.assemble(("Story: ", "bold"), (v.name, "bold"),
                              (f"  ·  {len(v.missing)} articles no longer in the store", "red") if v.missing else "")
        counts = (f"{count(len(v.briefings), 'article')} · {count(len(v.events), 'event')} · "
                  f"{count(len(v.actors), 'actor')} · {count(sum(len(g.quotes) for g in v.quotes), 'quote')}")
        return title, Text(counts)

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        return self.panes[pane]

    def annotation(self, key: str) -> Annotation:
        # Asked for every row drawn: from the view's annotations, no briefing read.
        target = self.targets.get(key)
        return (self.view.annotation(*target) if target else None) or NO_ANNOTATION

    def hidden_targets(self) -> set[Target]:
        members = self.view.briefings  # their annotations, without reading the briefings
        return {(b, entry) for b in members for entry, a in members.annotations(b).items() if a.hidden}

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        v = self.view
        if pane == "timeline":
            event = v.events[item]
            head = v.briefings.head(event.briefing_id)
            return Text.assemble(
                date_cell(event.event), (f"reported by {event.reported_by} · ", "magenta") if event.reported_by > 1 else "",
                event.event.summary,
                ("  — " + ((head.source.outlet if head else None) or v.title(event.briefing_id))[:30], "dim"))
        if pane == "actors":
            return Text.assemble(
                item.name, (f"  {item.kind}", "green"),
                (f"  {item.articles} articles" if item.articles > 1 else "  1 article", "dim"),
                (("  also: " + ", ".join(item.names[1:4])) if len(item.names) > 1 else "", "dim"))
        g, n = item
        group = v.quotes[g]
        quote = group.quotes[n]
        return Text.assemble((group.speaker, "bold"), ": “", quote.quote.text, "”",
                             (f"  ({len(quote.sources)} articles)", "dim") if len(quote.sources) > 1 else "")

    def sources(self, key: str) -> tuple[Target, ...]:
        item = self.item(key)
        if isinstance(item, StoryActor):
            return item.appearances
        return item.sources if item is not None else ()

    def target(self, key: str) -> Target | None:
        return self.targets.get(key)

    def stamps(self) -> dict[str, tuple]:
        return dict(self.view.stamps)  # as the view was read: a write since then shows as a change

    def detail(self, key: str | None) -> Text:
        item = self.item(key or "")
        if item is None:
            return self.articles_text()
        out = Text()
        if isinstance(item, StoryActor):
            out.append(f"{item.name}  [{item.kind}]\n", "bold")
            if len(item.names) > 1:
                out.append("also: " + ", ".join(item.names[1:]) + "\n")
            events = self.view.event_count(item.key)  # without decoding the whole timeline
            out.append(f"{events} events in this story · d opens its dossier\n", "dim")
        sources = self.sources(key)
        count = len({b for b, _ in sources})
        out.append(f"\nReported by {count} article{'s' if count > 1 else ''} (o opens):\n", "bold")
        for bid, _ in dict.fromkeys(sources):
            out.append_text(source_line(self.view, bid) + "\n")
        first = sources[0]
        out.append("\nAs the first article has it:\n", "dim")
        briefing = self.briefings.get(first[0])
        if briefing is not None:
            out.append_text(entry_detail(briefing, first[1]))
        return out

    def articles_text(self) -> Text:
        """The story's articles, as many as a detail pane shows: laying out 500
        lines would cost more than the rest of opening the story."""
        members = self.view.briefings
        out = Text.assemble(("Articles of the story\n", "bold"),
                            *[source_line(self.view, b) + "\n" for b in islice(members, ARTICLES_SHOWN)])
        if len(members) > ARTICLES_SHOWN:
            out.append(f"… and {len(members) - ARTICLES_SHOWN} more ('briefing story show' lists them all)\n", "dim")
        return out

    def actor_names(self, key: str) -> list[str]:
        item = self.item(key)
        return list(item.names) if isinstance(item, StoryActor) else []

    def export_subject(self) -> tuple[dict[str, str], str]:
        return {"story": self.view.name}, slug(self.view.name)

    def read_again(self, desk: Desk) -> StoryView:
        return desk.open_story(self.view.name)


class StoryScreen(EntriesScreen):
    BINDINGS = bindings("entry.source")

    def __init__(self, view: StoryView) -> None:
        super().__init__(StoryEntries(view))

    @property
    def view(self) -> StoryView:
        return self.entries.view

    def reopen(self) -> None:
        self.app.open_story(self.view.name)

    def action_open_source(self) -> None:
        key = self.focused_entry()
        sources = list(dict.fromkeys(self.entries.sources(key))) if key else []
        if len(sources) == 1:
            self.app.open_briefing(*sources[0])
        elif sources:
            def done(picked: str | None) -> None:
                if picked:
                    self.app.open_briefing(*sources[int(picked)])
            rows = [(str(n), source_line(self.view, bid)) for n, (bid, _) in enumerate(sources)]
            self.app.push_screen(PickDialog(f"Reported by {len(sources)} articles: open which?", rows), done)
