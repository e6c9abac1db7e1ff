"""Search: the 50 fixed queries (``vocabulary.queries``) in the app, at the command
line and in the bare engine, on one store.

* In the app (headless Pilot, as ``bench_app``): the library open, ``/``, every
  character of the query but the last typed and settled, then the CPU seconds
  of the app's process (its workers too) from the last key until the results
  are drawn.
* At the command line: ``briefing search QUERY`` run as a process, wall-clock
  seconds until it exits (the best 50 printed, and the count).
* A minimal Textual app redrawing a list: an Input and a Line-API list, each
  key showing a screen of new rows of as many styled pieces as a hit's, made
  on the spot (no search, no data): what Textual alone costs to draw a
  screen of new results, at the app's size. Context for the figure against
  the bare engine, which no app drawing its results can reach where the
  engine is quicker than this.
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
from textual import on
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Label
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


class MinimalListApp(App):
    """An Input and a list whose every row is made new at each key (see the module)."""

    CSS = "ScrollView { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield Label("")
        yield Input()
        yield NewRows()

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        self.query_one(NewRows).show(event.value)
        self.query_one(Label).update(f"Search: {event.value} · 1,000 briefings")


class NewRows(ScrollView):
    """Rows like a hit's: a bold date, an outlet, a title with a word in bold, a dim
    snippet with a word in bold (eight pieces, five styles), drawn as they show."""

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


async def in_minimal_app(qs: list[str]) -> dict[str, float]:
    """CPU seconds from the last key of each query until the minimal list is drawn."""
    app = MinimalListApp()
    out = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        box = app.query_one(Input)
        for q in qs:
            out[q] = await last_key(app, pilot, list(q))
            box.value = ""
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
