"""Snapshot tests pin how the screens look (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.sample import seed_if_new
from briefings.store import Store
from tui.app import BriefingApp


@pytest.fixture
def app(tmp_path: Path) -> BriefingApp:
    store = Store(tmp_path / "store")
    seed_if_new(store)
    return BriefingApp(store)


def test_main_screen_120x40(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["j", "j"])


def test_main_screen_80x24(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["2"])


def test_help_screen(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"])


def test_note_editor(app: BriefingApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 40), press=["3", "n", *"Check with Alphamin"])
