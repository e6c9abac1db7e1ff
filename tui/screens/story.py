"""A story: the panes of a briefing, merged across its articles, checked against each other.

One timeline where an event several articles report is one row ("reported
by N"), one actors list where an actor of several articles is one row, quotes
by speaker. A row is annotated where it came from (its first source), and
``o`` opens the article (or picks one of the articles) it was reported in;
the article opens with what it adds to the story marked (+).

Where the sources differ (``briefings.stories.corroboration``): a row whose
versions conflict is marked ≠ (✓ once resolved) and one carried by a single
article ¹; the detail pane shows a conflict's versions side by side; ``]`` and
``[`` go to the next and previous conflict, ``!`` shows the conflicts only,
and ``r`` resolves one with a note (an annotation on its first version).
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import work

from briefings.desk import (
    Conflict,
    Desk,
    StoryActor,
    StoryEvent,
    StoryQuote,
    StoryView,
    added_by,
    check_of,
    first_sources,
    is_resolved,
)
from briefings.model import Annotation

from ..entries import NO_ANNOTATION, Entries
from ..keymap import bindings
from ..notify import reports_errors
from ..render import (
    Target,
    check_cell,
    date_cell,
    entry_detail,
    source_line,
    versions_side_by_side,
)
from ..widgets.dialogs import NoteDialog, PickDialog
from ..widgets.entry_list import EntryList
from ..words import count, slug
from .entries import EntriesScreen

ARTICLES_SHOWN = 60


class StoryEntries(Entries):
    def __init__(self, view: StoryView) -> None:
        super().__init__()
        self.only_conflicts = False  # the timeline and quotes narrowed to the rows whose sources differ
        self.load(view)

    def load(self, view: StoryView) -> None:
        """Index the rows by key without decoding them: a stored view decodes a
        timeline row when it is first drawn (see briefings.story_cache)."""
        self.view = view
        self.check = check_of(view)
        self.briefings = view.briefings  # the same mapping: annotations re-read land in the view
        self.actors_by_key = {a.key: a for a in view.actors}
        timeline = [(f"e{n}", n) for n in range(len(view.events))]
        actors = [(f"a:{a.key}", a) for a in view.actors]
        quotes = [(f"q{g}.{n}", (g, n)) for g, group in enumerate(view.quotes) for n in range(len(group.quotes))]
        self.panes = {"timeline": timeline, "actors": actors, "quotes": quotes}
        conflicting = self.check.conflict_rows
        self.conflict_panes = {pane: [(key, item) for key, item in rows if key in conflicting]
                               for pane, rows in self.panes.items() if pane != "actors"}
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
        if self.only_conflicts and pane in self.conflict_panes:
            return self.conflict_panes[pane]
        return self.panes[pane]

    def narrowed(self, pane: str) -> str | None:
        return "conflicts only (esc widens)" if self.only_conflicts and pane in self.conflict_panes else None

    def conflicts(self, key: str | None) -> list[Conflict]:
        return self.check.conflicts_of(key) if key else []

    def mark(self, key: str) -> str | None:
        """The row's corroboration glyph (see ``render.check_cell``)."""
        found = self.check.conflicts_of(key)
        if found:
            return "resolved" if all(is_resolved(self.view, c) for c in found) else "conflict"
        return "single" if self.check.is_single(key) else None

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
                check_cell(self.mark(key)), date_cell(event.event),
                (f"reported by {event.reported_by} · ", "magenta") if event.reported_by > 1 else "",
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
        return Text.assemble(check_cell(self.mark(key)), " ", (group.speaker, "bold"), ": “", quote.quote.text, "”",
                             (f"  ({len(quote.sources)} articles)", "dim") if len(quote.sources) > 1 else "")

    def sources(self, key: str) -> tuple[Target, ...]:
        """The articles a row came from, then those of its conflicts' other versions."""
        item = self.item(key)
        if isinstance(item, StoryActor):
            return item.appearances
        own = item.sources if item is not None else ()
        versions = [(v.briefing, v.entry) for c in self.conflicts(key) for v in c.versions]
        return tuple(dict.fromkeys([*own, *versions]))

    def target(self, key: str) -> Target | None:
        return self.targets.get(key)

    def stamps(self) -> dict[str, tuple]:
        return dict(self.view.stamps)  # as the view was read: a write since then shows as a change

    def detail(self, key: str | None) -> Text | Group:
        item = self.item(key or "")
        if item is None:
            return self.articles_text()
        if conflicts := self.conflicts(key):
            return Group(*[versions_side_by_side(c, self.resolution(c)) for c in conflicts], self.row_detail(key, item))
        return self.row_detail(key, item)

    def resolution(self, conflict: Conflict) -> str | None:
        """The reader's note on a resolved conflict ("" without one), None while it is open."""
        if not is_resolved(self.view, conflict):
            return None
        annotation = self.view.annotation(*conflict.target)
        return annotation.note if annotation else ""

    def row_detail(self, key: str, item: Any) -> Text:
        out = Text()
        if isinstance(item, StoryActor):
            out.append(f"{item.name}  [{item.kind}]\n", "bold")
            if len(item.names) > 1:
                out.append("also: " + ", ".join(item.names[1:]) + "\n")
            events = self.view.event_count(item.key)  # without decoding the whole timeline
            out.append(f"{events} events in this story · d opens its dossier\n", "dim")
        sources = item.appearances if isinstance(item, StoryActor) else item.sources
        count = len({b for b, _ in sources})
        out.append(f"\nReported by {count} article{'s' if count > 1 else ''} (o opens):\n", "bold")
        for bid, _ in dict.fromkeys(sources):
            out.append_text(source_line(self.view, bid) + "\n")
        told = self.check.told_by(key, count)
        if told > count:
            out.append(f"{told} articles tell it, some with another date (see the rows near it)\n", "dim")
        elif self.check.is_single(key):
            out.append("¹ single source: no other article of the story carries it\n", "dim")
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
    BINDINGS = bindings("entry.source", "story.next_conflict", "story.previous_conflict", "story.conflicts",
                        "story.resolve")

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
            self.open_article(*sources[0])
        elif sources:
            def done(picked: str | None) -> None:
                if picked:
                    self.open_article(*sources[int(picked)])
            rows = [(str(n), source_line(self.view, bid)) for n, (bid, _) in enumerate(sources)]
            what = "Told by" if self.entries.conflicts(key) else "Reported by"
            self.app.push_screen(PickDialog(f"{what} {len(sources)} articles: open which?", rows), done)

    def open_article(self, briefing_id: str, entry_id: str) -> None:
        """The article at the entry, with what it adds to the story marked."""
        self.app.open_briefing(briefing_id, entry_id, added=added_by(self.view, briefing_id))

    # -- conflicts ------------------------------------------------------------------------

    def conflict_pane(self) -> EntryList:
        """The pane the conflict keys move in: the focused timeline or quotes, else the timeline."""
        focused = self.focused
        if isinstance(focused, EntryList) and focused.id in ("timeline", "quotes"):
            return focused
        return self.pane("timeline")

    def action_next_conflict(self, step: int = 1) -> None:
        pane = self.conflict_pane()
        conflicting = self.entries.check.conflict_rows
        keys = [n for n in range(len(pane.rows)) if _key_of(pane, n) in conflicting]
        if not keys:
            self.notify(f"No conflicts in the {pane.id}", markup=False)
            return
        later = [n for n in keys if (n - pane.cursor) * step > 0]
        target = (min(later) if step > 0 else max(later)) if later else (keys[0] if step > 0 else keys[-1])
        if not later:
            self.notify("Back to the " + ("first" if step > 0 else "last") + " conflict", timeout=1.5, markup=False)
        pane.focus()
        pane.move_to(target)

    def action_previous_conflict(self) -> None:
        self.action_next_conflict(-1)

    def action_conflicts_only(self) -> None:
        self.entries.only_conflicts = not self.entries.only_conflicts
        self.redraw()
        if self.entries.only_conflicts and not any(self.entries.conflict_panes.values()):
            self.notify("No conflicts in this story: its sources agree", markup=False)

    def is_narrowed(self) -> bool:
        return self.entries.only_conflicts

    def widen(self) -> None:
        self.entries.only_conflicts = False

    def action_resolve(self) -> None:
        """r on a conflicting row: resolve its conflicts with a note (again: open them again)."""
        key = self.focused_entry()
        conflicts = self.entries.conflicts(key)
        if not conflicts:
            self.notify("r resolves a conflict: press it on a row marked ≠ (] goes to the next)", markup=False)
            return
        if all(is_resolved(self.view, c) for c in conflicts):
            self.resolve(conflicts, None, resolved=False)
            return

        def done(note: str | None) -> None:
            if note is not None:
                self.resolve(conflicts, note, resolved=True)
        kinds = " and ".join(dict.fromkeys(c.kind for c in conflicts))
        self.app.push_screen(NoteDialog(self.entries.resolution(conflicts[0]) or "",
                                        f"resolving the {kinds} conflict — {conflicts[0].summary}"), done)

    @work(thread=True)
    @reports_errors
    def resolve(self, conflicts: list[Conflict], note: str | None, resolved: bool) -> None:
        desk = self.app.desk
        for conflict in conflicts:
            desk.resolve_conflict(conflict, note, resolved=resolved)
        for briefing_id in dict.fromkeys(c.target[0] for c in conflicts):
            self.entries.take_annotations(briefing_id, desk.annotations(briefing_id))
        self.app.call_from_thread(self.redraw, "Conflict resolved" if resolved else "Conflict open again")


def _key_of(pane: EntryList, n: int) -> str:
    rows = pane.rows
    keys = getattr(rows, "keys", None)  # lazy rows know their keys without being made
    return keys[n] if keys is not None else rows[n].key
