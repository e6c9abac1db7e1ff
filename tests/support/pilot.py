"""Driving the app in tests: waiting for it, and reading what its panes show."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events

from tui.app import BriefingApp
from tui.widgets.entry_list import EntryList


async def settle(app: BriefingApp, pilot) -> None:
    """Let the workers (store reads and writes) finish and the screen catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    """Let the app run until ``condition`` holds, at most ``seconds``; whether it holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.002)  # the app runs in this event loop; pilot.pause idles >= 20 ms
    return True


def burst(app: BriefingApp, text: str) -> None:
    """Keys arriving all at once, as a paste or a fast typist sends them (Pilot waits for the
    app to settle after each key it presses)."""
    for char in text:
        app.post_message(events.Key(KEY_NAMES.get(char, char), char))


KEY_NAMES = {"/": "slash", " ": "space", ":": "colon"}


def pane(app: BriefingApp, name: str) -> EntryList:
    return app.screen.query_one(f"#{name}", EntryList)


def rows(app: BriefingApp, name: str) -> list[str]:
    """The text of every row of a pane."""
    return [r.text.plain for r in pane(app, name).rows]


def row_text(app: BriefingApp, name: str, index: int | None = None) -> str:
    """The text of a pane's row (the cursor's by default)."""
    entries = pane(app, name)
    return entries.rows[entries.cursor if index is None else index].text.plain
