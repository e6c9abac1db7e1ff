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


def test_main_screen_120x40(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["j", "j"])


def test_main_screen_80x24(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["2"])


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
