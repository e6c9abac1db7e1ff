"""Pilot tests: a story as a corroboration desk -- the conflict and single-source marks,
a conflict's versions side by side, the conflict keys, the conflicts-only filter,
resolving a conflict, and what an article adds to its story.

The store holds one of our test stories (tests/data/stories/goma-airport): three
articles on the reopening of Goma's airport that differ on the day, on the
passengers of the first flight and on who said "Today Goma is connected to the
world again".
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from rich.console import Console
from support.pilot import pane, rows, settle

from briefings.desk import Desk
from briefings.store import Store
from tui.app import BriefingApp
from tui.render import MARKS_WIDTH
from tui.screens.briefing import BriefingScreen
from tui.screens.story import StoryScreen
from tui.widgets.dialogs import NoteDialog

STORY = Path(__file__).resolve().parents[1] / "data" / "stories" / "goma-airport"


@pytest.fixture
def goma(tmp_path: Path) -> tuple[Desk, dict[str, str]]:
    """The story imported as a reader would; the desk and the briefing ids by article file."""
    desk = Desk(tmp_path / "store")
    gold = json.loads((STORY / "gold.json").read_text("utf-8"))
    ids = {a["file"]: desk.import_article(str(STORY / a["file"]), published=a["published"], outlet=a["outlet"])[0].id
           for a in gold["articles"]}
    desk.add_to_story("Goma airport", *ids.values())
    return desk, ids


@asynccontextmanager
async def in_story(desk: Desk) -> AsyncIterator[tuple[BriefingApp, object]]:
    """The app on the story's screen: (app, pilot)."""
    app = BriefingApp(Desk(desk.root))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        app.open_story("Goma airport")
        await settle(app, pilot)
        assert isinstance(app.screen, StoryScreen)
        yield app, pilot


def mark(row: str) -> str:
    """A story row's corroboration cell, right after the annotation marks."""
    return row[MARKS_WIDTH]


def detail_lines(app: BriefingApp) -> list[str]:
    """The detail pane as drawn at its width."""
    static = app.screen.query_one("#detail-text")
    console = Console(width=static.size.width, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text().splitlines()


async def test_conflicts_and_single_sources_are_marked_in_the_timeline_and_quotes(goma) -> None:
    desk, _ = goma
    async with in_story(desk) as (app, pilot):
        timeline = rows(app, "timeline")
        marked = {mark(r) for r in timeline}
        assert marked == {" ", "≠", "¹"}
        reopened = [r for r in timeline if "reopened to commercial flights" in r]
        assert len(reopened) == 2 and all(mark(r) == "≠" for r in reopened)  # Sunday or Monday
        assert mark(next(r for r in timeline if "121 passengers" in r)) == "≠"  # 112 or 121
        assert mark(next(r for r in timeline if "Ethiopian Airlines" in r)) == "¹"  # one article says it
        assert mark(next(r for r in timeline if "Runway repairs" in r)) == " "  # "about 14 million": rounding
        quotes = rows(app, "quotes")
        assert len(quotes) == 2 and all(mark(q) == "≠" for q in quotes)  # Kahindo or Kanyuka


async def test_a_conflict_shows_its_versions_side_by_side(goma) -> None:
    desk, _ = goma
    async with in_story(desk) as (app, pilot):
        await pilot.press("3", "right_square_bracket")
        await settle(app, pilot)
        lines = detail_lines(app)
        assert lines[0].startswith("Speaker conflict")
        outlets = next(line for line in lines if "Kivu Times" in line)
        assert "Great Lakes Wire" in outlets  # one column per version, on the same lines
        speakers = next(line for line in lines if "Kahindo" in line)
        assert "Lawrence Kanyuka" in speakers
        assert any("2025-11-04" in line for line in lines)
        # o offers each version's article
        await pilot.press("o")
        await settle(app, pilot)
        picks = rows(app, "pick-list")
        assert len(picks) == 2 and {p.split()[1] for p in picks} == {"Kivu", "Great"}


async def test_the_conflict_keys_go_from_conflict_to_conflict(goma) -> None:
    desk, _ = goma
    async with in_story(desk) as (app, pilot):
        timeline = pane(app, "timeline")
        conflicts = [n for n, r in enumerate(rows(app, "timeline")) if mark(r) == "≠"]
        seen = []
        for _ in conflicts:
            await pilot.press("right_square_bracket")
            seen.append(timeline.cursor)
        assert seen == conflicts
        await pilot.press("right_square_bracket")  # past the last: back to the first
        assert timeline.cursor == conflicts[0]
        await pilot.press("left_square_bracket")  # and the other way
        assert timeline.cursor == conflicts[-1]
        await pilot.press("left_square_bracket")
        assert timeline.cursor == conflicts[-2]


async def test_the_conflicts_only_filter_and_esc(goma) -> None:
    desk, _ = goma
    async with in_story(desk) as (app, pilot):
        everything = rows(app, "timeline")
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        shown = rows(app, "timeline")
        assert shown == [r for r in everything if mark(r) == "≠"] and len(shown) == 3
        assert "conflicts only" in pane(app, "timeline").border_title
        assert len(rows(app, "quotes")) == 2
        await pilot.press("escape")
        await settle(app, pilot)
        assert rows(app, "timeline") == everything
        assert isinstance(app.screen, StoryScreen)


async def test_a_conflict_is_resolved_with_a_note_and_opened_again(goma) -> None:
    desk, _ = goma
    async with in_story(desk) as (app, pilot):
        await pilot.press("3", "right_square_bracket", "r")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Kanyuka said it first on radio", "ctrl+s")
        await settle(app, pilot)
        assert {mark(q) for q in rows(app, "quotes")} == {"✓"}
        assert "✓ resolved: Kanyuka said it first on radio" in detail_lines(app)
        conflict = next(c for c in app.screen.view.check.conflicts if c.kind == "speaker")
        stored = Store(desk.root).annotations(conflict.target[0])[conflict.target[1]]
        assert "resolved" in stored.tags and stored.note == "Kanyuka said it first on radio"
        await pilot.press("r")  # resolved: r opens it again, the note kept
        await settle(app, pilot)
        assert {mark(q) for q in rows(app, "quotes")} == {"≠"}
        stored = Store(desk.root).annotations(conflict.target[0])[conflict.target[1]]
        assert "resolved" not in stored.tags and stored.note == "Kanyuka said it first on radio"


async def test_an_article_opened_from_its_story_marks_what_it_adds(goma) -> None:
    desk, ids = goma
    async with in_story(desk) as (app, pilot):
        timeline = pane(app, "timeline")
        timeline.move_to(next(n for n, r in enumerate(rows(app, "timeline")) if "Ethiopian Airlines" in r))
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen) and app.screen.briefing.id == ids["3-continental-press.txt"]
        added = {r[MARKS_WIDTH + 1:].split("  ")[0].strip(): r[MARKS_WIDTH] for r in rows(app, "timeline")}
        assert added["Dec 2025"] == "+"  # no earlier article spoke of Ethiopian Airlines
        assert added["2 Nov 2025"] == " " and added["Jan 2025"] == " "  # the reopening, the capture: told before
        assert "new to the story" in app.screen.query_one("#header").render_plain()
