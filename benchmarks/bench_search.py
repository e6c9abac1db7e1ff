"""Search: the 50 fixed queries (``vocabulary.queries``) in the app, at the command
line and in the bare engine, on one store.

* In the app (headless Pilot, as ``bench_app``): the library open, ``/``, every
  character of the query but the last typed and settled, then the CPU seconds
  of the app's process (its workers too) from the last key until the results
  are drawn.
* At the command line: ``briefing search QUERY`` run as a process, wall-clock
  seconds until it exits (the best 50 printed, and the count).
* Textual's floor: an app holding only a Line-API list, each printable key
  showing a screen of new rows of as many styled pieces as a hit's, the
  text typed in them, made on the spot (no input box, no search, no data):
  the least Textual takes, at the app's size, to take a key and draw a
  screen of new results. Any app drawing its hits pays it on top of the
  engine: where it is slower than the engine, no such app comes within 2×
  of the engine alone.
* The bare engine: the same SQL the app runs for the query (the count, then
  the best 50, or the newest 50 when there are more hits than a search as
  you type ranks), on a connection of its own, without our Python around it:
  the floor any search on these texts pays.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from vocabulary import Vocabulary, queries

from briefings.desk import Desk
from briefings.search import parse
from briefings.search.find import PAGE, RANK_LIMIT, actor_names, plan
from briefings.store import Store
from tui.app import BriefingApp


def the_queries() -> list[str]:
    return queries(Vocabulary())


async def in_app(root: Path, qs: list[str]) -> dict[str, float]:
    """CPU seconds from the last key of each query until its hits are drawn."""
    app = BriefingApp(Desk(root))
    out = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for q in qs:
            out[q] = await last_key(app, pilot, ["slash", *q])
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
    return out


async def last_key(app: App, pilot, keys: list[str]) -> float:
    """CPU seconds of this process (its workers too) from the last of ``keys`` until the
    screen is drawn, the keys before it typed and settled first."""
    await pilot.press(*keys[:-1])
    await app.workers.wait_for_complete()
    await pilot.pause()
    gc.collect()
    started = time.process_time()
    await pilot.press(keys[-1])
    await app.workers.wait_for_complete()
    await pilot.pause()
    return time.process_time() - started


class TextualFloorApp(App):
    """A list whose every row is made new at each printable key (see the module)."""

    CSS = "ScrollView { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield NewRows()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            rows = self.query_one(NewRows)
            rows.show(rows.typed + event.character)


class NewRows(ScrollView):
    """Rows like a hit's: a bold date, an outlet, a title with the typed text in bold, a
    dim snippet with it in bold (eight pieces, five styles), drawn as they show."""

    typed = ""

    def show(self, typed: str) -> None:
        self.typed = typed
        self.virtual_size = Size(self.size.width, 1_000)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        n = y + self.scroll_offset.y
        bold, dim = Style(bold=True), Style(dim=True)
        pieces = [(f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d} ", bold), ("  Outlet of the row    ", None),
                  (f"Report {n} on the ", None), (self.typed, bold), (" and more  ", None),
                  ("…the words around ", dim), (self.typed, bold + dim), (" in an entry of it, cut…", dim)]
        segments = Segment.adjust_line_length([Segment(t, s) for t, s in pieces], self.size.width)
        return Strip(segments, self.size.width)


async def in_textual_floor(qs: list[str]) -> dict[str, float]:
    """CPU seconds from the last key of each query until the floor app's rows are drawn."""
    app = TextualFloorApp()
    out = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.query_one(NewRows)
        for q in qs:
            out[q] = await last_key(app, pilot, list(q))
            rows.show("")
            await pilot.pause()
    return out


def at_command_line(root: Path, q: str) -> float:
    briefing = str(Path(sys.executable).with_name("briefing"))
    started = time.perf_counter()
    subprocess.run([briefing, "--store", str(root), "search", q], check=True, capture_output=True)
    return time.perf_counter() - started


def in_engine(root: Path, q: str) -> float:
    """CPU seconds of the query's SQL alone: its count and its best PAGE."""
    import sqlite3

    store = Store(root, sweep=False)
    query = parse(q)
    actor_sets = tuple(actor_names(store, key) for key in query.actors)
    p = plan(query, actor_sets)
    conn = sqlite3.connect(store.layout.search_index)
    try:
        started = time.process_time()
        count = conn.execute(p.count_sql, p.params).fetchone()[0]
        conn.execute(f"{p.sql if count <= RANK_LIMIT else p.newest_sql} LIMIT {PAGE}", p.params).fetchall()
        return time.process_time() - started
    finally:
        conn.close()


def index_bytes(store: Store) -> int:
    folder = store.layout.search
    return sum(p.stat().st_size for p in folder.iterdir() if p.name.startswith("index.db"))


def briefing_bytes(store: Store) -> int:
    return sum(p.stat().st_size for folder in (store.layout.briefings, store.layout.annotations)
               for p in folder.iterdir())


def medians(samples: list[dict[str, float]]) -> dict[str, float]:
    return {q: statistics.median(s[q] for s in samples) for q in samples[0]}
