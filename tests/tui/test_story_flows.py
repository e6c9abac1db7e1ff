"""Pilot tests: following a story across articles in the app.

The store holds the seed article and two articles of our own on the same
story (tests/data/bisie), imported as a reader would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.corpus import import_bisie
from support.pilot import burst, rows, settle
from textual.widgets import Input, Label

from briefings import identities, search
from briefings.desk import Desk
from briefings.importing.articles import import_article
from briefings.search import find
from briefings.store import Store
from briefings.stories import add_to_story, get_story, list_stories
from tui.app import BriefingApp
from tui.render import MARKS_WIDTH
from tui.screens.dossier import DossierScreen
from tui.screens.story import StoryScreen
from tui.widgets.dialogs import PromptDialog
from tui.widgets.entry_list import EntryList


@pytest.fixture
def bisie(tmp_path: Path) -> tuple[Store, list[str]]:
    store = Store(tmp_path / "store")
    return store, import_bisie(store)


@pytest.fixture
def story(bisie: tuple[Store, list[str]]) -> Store:
    store, ids = bisie
    add_to_story(store, "Bisie", *ids)
    return store


def actor_names(app: BriefingApp) -> list[str]:
    """The actors pane's names, without the marks column."""
    return [r[MARKS_WIDTH:].split("  ")[0] for r in rows(app, "actors")]


async def open_story(app: BriefingApp, pilot) -> None:
    await settle(app, pilot)
    library = app.screen.query_one("#library", EntryList)
    assert rows(app, "library")[0].startswith("▤ story  Bisie")
    library.action_top()
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, StoryScreen)


async def test_a_story_is_made_from_the_keys_and_suggested_for_the_next_article(bisie) -> None:
    store, ids = bisie
    app = BriefingApp(Desk(store.root), ids[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await pilot.press("ctrl+a", "ctrl+k", *"Bisie", "enter")
        await settle(app, pilot)
        assert get_story(store, "Bisie").briefings == (ids[0],)
        # The next article on the same mine: the prompt offers Bisie first.
        app.open_briefing(ids[2])
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        assert app.screen.query_one("Input").value == "Bisie"
        await pilot.press("enter")
        await settle(app, pilot)
    assert get_story(store, "Bisie").briefings == (ids[0], ids[2])


async def test_importing_in_the_app_suggests_the_story_sharing_its_actors(bisie, tmp_path: Path) -> None:
    store, ids = bisie
    add_to_story(store, "Bisie", ids[0])
    article = tmp_path / "kagame.txt"
    article.write_text("Kagame meets Boulos again\n\nMassad Boulos met Paul Kagame in Kigali on Friday "
                       "to discuss the Bisie tin mine and the M23 rebels near Walikale.\n", "utf-8")
    app = BriefingApp(Desk(store.root), ids[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i", *str(article), "enter")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("'Bisie'" in m and "press S" in m for m in messages), messages


async def test_the_story_view_merges_timeline_actors_and_quotes(story: Store) -> None:
    app = BriefingApp(Desk(story.root))
    async with app.run_test(size=(140, 44)) as pilot:
        await open_story(app, pilot)
        timeline = rows(app, "timeline")
        # Bisie's 2024 output is told by the seed and by the restart article: one row.
        assert any("reported by 2" in r and "17,300" in r for r in timeline)
        order = [next(n for n, r in enumerate(timeline) if when in r) for when in ("March 19", "Tuesday", "Monday")]
        assert order == sorted(order)  # one timeline across the articles, in date order
        actors = rows(app, "actors")
        boulos = [r for r in actors if "Massad Boulos" in r]
        assert len(boulos) == 1 and "2 articles" in boulos[0]
        assert "Boulos" not in actor_names(app) and "Massad Boulos" in actor_names(app)
        quotes = rows(app, "quotes")
        assert sum(r.startswith("Massad Boulos:") for r in [q[MARKS_WIDTH + 1:].strip() for q in quotes]) == 2
        # o on an event reported twice offers both articles; picking one opens it at that event.
        entries = app.screen.query_one("#timeline", EntryList)
        entries.set_rows(entries.rows, keep=next(r.key for r in entries.rows if "reported by 2" in r.text.plain))
        await pilot.press("o")
        await pilot.pause()
        picks = rows(app, "pick-list")
        assert len(picks) == 2 and any("Mining Ledger" in p for p in picks)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert app.screen.query_one("#header").render_plain().startswith("Alphamin plans phased restart")
        assert "17,300" in app.screen.query_one("#timeline", EntryList).rows[
            app.screen.query_one("#timeline", EntryList).cursor].text.plain


async def test_starring_in_the_story_marks_the_article_it_came_from(story: Store) -> None:
    app = BriefingApp(Desk(story.root))
    async with app.run_test(size=(140, 44)) as pilot:
        await open_story(app, pilot)
        await pilot.press("2")
        bid, actor_id = app.screen.entries.target(app.screen.query_one("#actors", EntryList).current)
        await pilot.press("s")
        await settle(app, pilot)
        assert rows(app, "actors")[0].startswith("★")
    assert Store(story.root).annotations(bid)[actor_id].starred


async def test_merging_and_splitting_actors_applies_to_later_imports(story: Store, tmp_path: Path) -> None:
    app = BriefingApp(Desk(story.root))
    async with app.run_test(size=(140, 44)) as pilot:
        await open_story(app, pilot)
        await pilot.press("2", "slash", *"Alphamin", "enter")
        await settle(app, pilot)
        assert actor_names(app) == ["Alphamin Resources", "Alphamin"]
        await pilot.press("g", "m")
        assert rows(app, "actors")[0].startswith("⇄")  # the first actor is marked
        await pilot.press("j", "m")
        await pilot.pause()
        assert rows(app, "pick-list") == ["Keep Alphamin Resources  (Alphamin becomes one of its names)",
                                          "Keep Alphamin  (Alphamin Resources becomes one of its names)"]
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        merged = rows(app, "actors")
        assert len(merged) == 1 and "3 articles" in merged[0] and actor_names(app) == ["Alphamin Resources"]
        assert [(d.action, d.a) for d in identities.decisions(story)] == [("merge", "Alphamin Resources")]

        # The decision holds for an article imported afterwards.
        later = tmp_path / "later.txt"
        later.write_text("Alphamin ships first tin\n\nAlphamin Resources said on Friday that trucks left Bisie. "
                         "Alphamin expects full output by June.\n", "utf-8")
        briefing, _ = import_article(story, str(later), published="2025-05-02")
        names = [a.name for a in briefing.actors if "Alphamin" in a.name]
        assert len(names) == 1

        # M splits a name back out: it offers only the actor's own other names.
        await pilot.press("M")
        await pilot.pause()
        assert rows(app, "pick-list") == ["Alphamin"]
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert len(rows(app, "actors")) == 2
        assert [d.action for d in identities.decisions(story)] == ["merge", "split"]


async def test_the_dossier_gathers_an_actor_across_the_store(story: Store) -> None:
    app = BriefingApp(Desk(story.root))
    async with app.run_test(size=(140, 44)) as pilot:
        await open_story(app, pilot)
        await pilot.press("2", "slash", *"Massad", "enter")
        await settle(app, pilot)
        await pilot.press("n", *"met Kagame twice", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DossierScreen)
        header = app.screen.query_one("#header").render_plain()
        assert "Massad Boulos" in header and "Boulos" in header.split("also:")[1]
        assert len(rows(app, "articles")) == 2
        assert len(rows(app, "quotes")) == 2
        assert any("met Kagame twice" in r for r in rows(app, "notes"))
        assert any("Kigali" in r for r in rows(app, "timeline"))
        await pilot.press("escape")
        assert isinstance(app.screen, StoryScreen)


async def test_library_search_as_you_type_and_saved_views(bisie) -> None:
    store, ids = bisie
    walikale = store.load(ids[1])
    store.annotate(ids[2], next(iter(store.load(ids[2]).entry_ids())), tags=["verify"])
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert len(rows(app, "library")) == 3
        await pilot.press("slash", *"tag:verify")
        await settle(app, pilot)
        found = rows(app, "library")
        assert len(found) == 1 and "Alphamin plans phased restart" in found[0]
        await pilot.press("enter", "v", "ctrl+a", "ctrl+k", *"to verify", "enter")
        await settle(app, pilot)
        assert [v.name for v in search.views(store)] == ["to verify"]
        await pilot.press("escape")
        await settle(app, pilot)
        shown = rows(app, "library")
        assert any(r.startswith("⌕ view   to verify") for r in shown) and len(shown) == 4
        # Enter on the saved view runs its search again.
        app.screen.query_one("#library", EntryList).action_top()
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(rows(app, "library")) == 1
        # Filters combine: words and a date.
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"Walikale before:2025-04-01")
        await settle(app, pilot)
        assert [walikale.title in r for r in rows(app, "library")] == [True]


async def test_library_search_waits_for_two_letters_and_ranks_a_broad_query_on_enter(bisie, monkeypatch) -> None:
    store, _ = bisie
    monkeypatch.setattr(find, "RANK_LIMIT", 1)  # as if the store held thousands of hits
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "b")
        await settle(app, pilot)
        assert len(rows(app, "library")) == 3 and title(app).startswith("Library")  # a letter alone: not searched
        await pilot.press(*"isie")
        await settle(app, pilot)
        typed = rows(app, "library")
        assert "newest first (enter ranks them" in title(app) and len(typed) >= 2
        dates = [r[:10] for r in typed]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "best first" in title(app) and sorted(rows(app, "library")) == sorted(typed)


async def test_keys_typed_in_a_burst_after_slash_go_to_the_search_box(bisie) -> None:
    store, ids = bisie
    store.annotate(ids[2], next(iter(store.load(ids[2]).entry_ids())), tags=["verify"])
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "/tag:verify")  # "a" would mark the list, "g" go to its top, "e" export...
        await settle(app, pilot)
        assert app.screen.query_one("#search", Input).value == "tag:verify"
        assert [store.load(ids[2]).title in r for r in rows(app, "library")] == [True]
        burst(app, " 9/11")  # a slash typed in the box is a character of the query
        await settle(app, pilot)
        assert app.screen.query_one("#search", Input).value == "tag:verify 9/11"



async def test_a_query_longer_than_the_search_box_keeps_its_end_in_view(bisie) -> None:
    store, _ = bisie
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        query = "reopening of the tin mine in eastern congo, brokered by washington with kinshasa and kigali, " \
                "alphamin bisie walikale endword"
        await pilot.press("slash", *query)
        await settle(app, pilot)
        box = app.screen.query_one("#search", Input)
        shown = box.render_line(0).text
        assert box.value == query and box.scroll_offset.x > 0
        assert "endword" in shown and "reopening" not in shown  # scrolled sideways, its start out of view
        await pilot.press("home")
        await settle(app, pilot)
        shown = box.render_line(0).text
        assert "reopening" in shown and "endword" not in shown

def title(app: BriefingApp) -> str:
    return str(app.screen.query_one("#library-title", Label).render())


async def test_export_key_writes_the_format_the_file_name_asks_for(story: Store, tmp_path: Path) -> None:
    from icalendar import Calendar

    app = BriefingApp(Desk(story.root))
    async with app.run_test(size=(140, 44)) as pilot:
        await open_story(app, pilot)
        await pilot.press("e", "ctrl+a", "ctrl+k", *str(tmp_path / "bisie.ics"), "enter")
        await settle(app, pilot)
        await pilot.press("e", "ctrl+a", "ctrl+k", *str(tmp_path / "bisie.md"), "enter")
        await settle(app, pilot)
        await pilot.press("e", "ctrl+a", "ctrl+k", *str(tmp_path / "bisie.txt"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PromptDialog)  # the dialog stays, with what was typed and why it is wrong
        assert app.screen.query_one(Input).value == str(tmp_path / "bisie.txt")
        assert "cannot tell the format" in str(app.screen.query_one("#prompt-error", Label).render())
        await pilot.press("ctrl+a", "ctrl+k", *str(tmp_path / "missing" / "bisie.md"), "enter")
        assert "No folder" in str(app.screen.query_one("#prompt-error", Label).render())
        await pilot.press("escape")
    calendar = Calendar.from_ical((tmp_path / "bisie.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) >= 5
    assert "## Timeline" in (tmp_path / "bisie.md").read_text("utf-8")
    assert not (tmp_path / "bisie.txt").exists()
    assert [s.name for s in list_stories(story)] == ["Bisie"]
