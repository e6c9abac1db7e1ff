"""Snapshot tests pin how the screens look (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.desk import Desk
from briefings.importing.sample import seed_if_new
from briefings.store import Store
from tui.app import BriefingApp


@pytest.fixture
def app(tmp_path: Path) -> BriefingApp:
    store = Store(tmp_path / "store")
    seed_if_new(store)
    return BriefingApp(Desk(store.root))


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(app: BriefingApp, snap_compare, size: tuple[int, int]) -> None:
    """80x24 is designed, not survived: the source under the lists, 40 columns and more
    for an event, the title cut before the counts, ? and ^p always in the footer."""
    assert snap_compare(app, terminal_size=size, press=["j", "j"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_in_the_light_theme(app: BriefingApp, snap_compare, size: tuple[int, int]) -> None:
    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=light, press=["2", "j"])


def test_a_terminal_too_small_is_refused_politely(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(50, 12))


def test_help_screen(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"])


def test_note_editor(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["3", "n", *"Check with Alphamin"])


@pytest.fixture
def story_app(tmp_path: Path) -> BriefingApp:
    from support.corpus import import_bisie

    from briefings.stories import add_to_story

    store = Store(tmp_path / "store")
    add_to_story(store, "Bisie", *import_bisie(store))
    return BriefingApp(Desk(store.root))


async def open_first_story(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.press("enter")  # the story is the library's first row
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_story_view(story_app: BriefingApp, snap_compare) -> None:
    assert snap_compare(story_app, terminal_size=(140, 44), run_before=open_first_story, press=["j"])


def test_dossier(story_app: BriefingApp, snap_compare) -> None:
    async def open_dossier(pilot) -> None:
        await open_first_story(pilot)
        await pilot.press("2", "slash", *"Massad")
        await pilot.app.workers.wait_for_complete()  # the filter runs in a worker
        await pilot.press("enter", "d")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(story_app, terminal_size=(140, 44), run_before=open_dossier)


@pytest.fixture
def conflicts_app(tmp_path: Path) -> BriefingApp:
    """One of our test stories, whose three articles differ on a date, a number and a speaker."""
    import json

    from briefings.importing.articles import import_article
    from briefings.stories import add_to_story

    folder = Path(__file__).resolve().parents[1] / "data" / "stories" / "goma-airport"
    store = Store(tmp_path / "store")
    ids = [import_article(store, str(folder / a["file"]), published=a["published"], outlet=a["outlet"])[0].id
           for a in json.loads((folder / "gold.json").read_text("utf-8"))["articles"]]
    add_to_story(store, "Goma airport", *ids)
    return BriefingApp(Desk(store.root))


def test_story_with_conflicts(conflicts_app: BriefingApp, snap_compare) -> None:
    """The marks (≠ the sources differ, ¹ one source), and a date conflict's versions side by side."""
    assert snap_compare(conflicts_app, terminal_size=(140, 44), run_before=open_first_story,
                        press=["right_square_bracket"])
