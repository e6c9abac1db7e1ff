"""Opening and keys in the app, driven headless by Textual's Pilot in one process.

* Opening: a story of many articles from the library until its screen is
  up, against a single briefing.
* Keys: per-keypress cost (screen refresh included; for filter typing,
  until the filtered rows are in) in the timeline of that story and in the
  library of the large store, against the same keys in a 20-row pane: the
  timeline of a one-article story, the library of a 20-briefing store. The
  terminal is 20 lines high so that the 20-row panes are longer than the
  screen and page down and end scroll in them too: in a taller terminal the
  comparison would set a scroll (every line redrawn) against a cursor move in
  a list that cannot scroll (two lines redrawn), whatever the list's size.
  Down and page down run over the first 20 rows of each list (the cursor is
  sent home, untimed, past them), so that in both lists the same presses move
  and scroll alike: a long list would otherwise scroll on most presses and
  the short one on few, whatever a row costs. Filter typing is timed twice:
  with a word of middling frequency (the figure as first defined: in the
  small pane most of its keys find nothing, so the comparison sets a screen of
  hits against an empty list), and with a common word, whose every key shows
  a screen of rows in both panes.

Times are CPU seconds of this process (every thread: workers count) from the
key until the screen is drawn. Wall-clock time would mostly measure Pilot's
own waits (each press and pause sleeps at least 20 ms to detect idleness),
and in a one-process app the CPU spent is what the reader waits for.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

from bench_story import ensure_story
from table import Row
from vocabulary import Vocabulary

from briefings.desk import Desk
from briefings.store import Store
from tui.app import BriefingApp
from tui.screens.briefing import BriefingScreen
from tui.screens.story import StoryScreen
from tui.widgets.entry_list import EntryList

SIZE = (120, 20)  # the 20-row panes are longer than the screen: in both lists page down and end scroll
WORD = next(w for w in Vocabulary().frequency_band("middle") if len(w) >= 7)  # typed into the filter
# A common word: each key shows a screen of rows in the small pane as in the long one. With WORD
# the small pane finds nothing at most keys and draws an empty list against a screen of hits.
COMMON = next(w for w in Vocabulary().frequency_band("common") if len(w) >= 3)
KEYS = {  # figure -> the keys pressed in turn (end alternates with home so each press moves)
    "down": ["down"],
    "page down": ["pagedown"],
    "end / home": ["end", "home"],
    "filter typing": list(WORD),
    "filter typing, a common word": list(COMMON),
}
FILTERS = {figure for figure in KEYS if figure.startswith("filter typing")}  # typed after /, into the filter


async def settle(app: BriefingApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_screen(app: BriefingApp, pilot, start: Callable[[], object], screen: type) -> float:
    """Seconds from ``start()`` (what enter in the library calls) until ``screen`` is shown.

    Called directly rather than by enter, which also marks the briefing read:
    that rewrites an index shard, and the library then re-reads the whole
    index in the background, a cost that is not the opening's.
    """
    await pilot.pause()
    gc.collect()  # else the garbage of the screen before (a story's million objects) is collected in the window
    started = time.process_time()
    start()
    while not isinstance(app.screen, screen):
        await pilot.pause(0.002)  # a story is merged in a worker thread
    await pilot.pause()
    return time.process_time() - started


async def back_to_library(app: BriefingApp, pilot) -> None:
    await pilot.press("l")
    await settle(app, pilot)


SPAN = 20  # down and page down run over the first rows of a list, as many as the small pane has


def past_span(app: BriefingApp) -> bool:
    """Whether the cursor left the first SPAN rows: then it goes home (untimed), so that in
    the long list and the short one the same presses move and scroll the same way."""
    focused = app.focused
    return isinstance(focused, EntryList) and focused.cursor >= min(SPAN, len(focused.rows)) - 1


async def key_latency(app: BriefingApp, pilot, presses: int) -> dict[str, float]:
    """Median seconds per press of each key in the focused list."""
    out = {}
    for figure, keys in KEYS.items():
        samples = []
        await pilot.press("home")
        while len(samples) < presses:
            if figure in FILTERS:
                await pilot.press("slash")
            for key in keys:
                if key in ("down", "pagedown") and past_span(app):
                    await pilot.press("home")  # untimed
                started = time.process_time()
                await pilot.press(key)
                if figure in FILTERS:
                    await app.workers.wait_for_complete()  # the filter runs in a worker
                await pilot.pause()
                samples.append(time.process_time() - started)
            if figure in FILTERS:
                await pilot.press("escape")
                await settle(app, pilot)
        out[figure] = statistics.median(samples[:presses])
    return out


async def in_story(app: BriefingApp, pilot, name: str, presses: int) -> tuple[int, dict[str, float]]:
    """(timeline rows, key latencies) in the story ``name``."""
    await open_screen(app, pilot, lambda: app.open_story(name), StoryScreen)
    await settle(app, pilot)
    rows = len(app.screen.query_one("#timeline", EntryList).rows)
    latencies = await key_latency(app, pilot, presses)
    await back_to_library(app, pilot)
    return rows, latencies


async def in_library(store: Store, presses: int) -> dict[str, float]:
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "m")  # brings the search index up to date once
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        return await key_latency(app, pilot, presses)


async def run(large: Store, pane: Store, story_size: int, runs: int, presses: int) -> list[Row]:
    """``pane`` is a store of as many briefings as a briefing has events (the small library)."""
    big, one = ensure_story(large, story_size), ensure_story(large, 1)
    briefing_id = large.list()[0].id
    app = BriefingApp(Desk(large.root))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        opened_story, opened_one = [], []
        for _ in range(runs):
            opened_story.append(await open_screen(app, pilot, lambda: app.open_story(big), StoryScreen))
            await back_to_library(app, pilot)
            opened_one.append(await open_screen(app, pilot, lambda: app.open_briefing(briefing_id), BriefingScreen))
            await back_to_library(app, pilot)
        story_rows, story_keys = await in_story(app, pilot, big, presses)
        pane_rows, pane_keys = await in_story(app, pilot, one, presses)
    library_keys = await in_library(large, presses)
    small_keys = await in_library(pane, presses)
    n = len(large.list())
    rows = [Row(f"open a {story_size}-article story (app)", statistics.median(opened_story),
                "open a briefing (app)", statistics.median(opened_one), "≤ 3×")]
    rows += [Row(f"{k}, {story_rows:,}-row story timeline", story_keys[k],
                 f"same, {pane_rows}-row story timeline", pane_keys[k], "≤ 1.5×") for k in KEYS]
    rows += [Row(f"{k}, library of {n:,}", library_keys[k], f"same, library of {len(pane.list())}", small_keys[k], "≤ 1.5×")
             for k in KEYS]
    return rows
