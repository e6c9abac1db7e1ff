"""Run the whole benchmark suite and print one table, and how each figure grows.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--work DIR] [--runs 5] [--only NAME ...]

Every figure is a median of several runs, set against a baseline measured in
the same run (the machines are shared and noisy, so only ratios mean much).
Synthetic stores of each size are made once in the work folder and reused;
the smallest size is the baseline of "as fast as a small store" figures.
The sizes can be made tiny (``--sizes 10,30 --story 3 --articles 3
--presses 2``) to check that every driver runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from table import Row, fmt, print_growth, print_table  # noqa: E402

from briefings.desk import Desk  # noqa: E402
from briefings.store import Store  # noqa: E402

PANE = 20  # the rows of the small pane keys are compared with


def ensure_store(work: Path, count: int) -> Store:
    from make_store import make_store

    root = work / f"store-{count}"
    if not (root / "store.json").exists():
        print(f"making a store of {count} briefings in {root} ...", file=sys.stderr)
        started = time.perf_counter()
        make_store(count, root)
        print(f"... made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return Store(root, sweep=False)


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def bench_annotate(work: Path, opts: argparse.Namespace) -> list[Row]:
    import bench_annotate

    small = opts.sizes[0]
    rows, times = [], {}
    for n in opts.sizes:
        store = ensure_store(work, n)
        floor = median_of(opts.runs, lambda: bench_annotate.floor_seconds(store.root / "annotations"))
        times[n] = median_of(opts.runs, lambda: bench_annotate.annotate_seconds(store))
        rows.append(Row(f"annotate, {n:,}-briefing store", times[n], "fsync floor", floor, "≤ 3×", key="annotate",
                        size=n))
    rows += [Row(f"annotate, {n:,} vs {small:,} briefings", times[n], f"annotate, {small:,} briefings",
                 times[small], "≤ 1.2×") for n in opts.sizes[1:]]
    return rows


def bench_open(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Loading one briefing costs the same whatever the store's size. The story's
    3× target is for opening it from the library (bench_app's row, screens on both
    sides); the core rows show what of that is reading the store."""
    import bench_story

    def load_time(store: Store) -> float:
        briefing_id = Desk(store.root, sweep=False).library()[0].id  # as the app: no 100,000 rows held
        started = time.perf_counter()
        for _ in range(20):
            store.load(briefing_id)
        return (time.perf_counter() - started) / 20

    small = opts.sizes[0]
    rows, loads = [], {}
    for n in opts.sizes:
        store = ensure_store(work, n)
        loads[n] = median_of(opts.runs, lambda: load_time(store))
        rows.append(Row(f"load a briefing, {n:,}-briefing store", loads[n], f"same, {small:,}-briefing store",
                        loads[small], "≤ 1.2×", key="open a briefing", size=n))
        story = bench_story.ensure_story(store, opts.story)
        one, many = median_of(opts.runs, lambda: bench_story.open_one(store)), \
            median_of(opts.runs, lambda: bench_story.open_many(store, story))
        rows.append(Row(f"open_story, {opts.story} articles (core), {n:,}", many, "open a briefing (core)", one, "—",
                        key=f"open a {opts.story}-article story", size=n))
    largest = ensure_store(work, opts.sizes[-1])
    story = bench_story.ensure_story(largest, opts.story)
    rows.append(Row("same, first open after a change (merged)",
                    median_of(opts.runs, lambda: bench_story.open_cold(largest, story)), "open a briefing (core)",
                    median_of(opts.runs, lambda: bench_story.open_one(largest)), "—"))
    return rows


def bench_app(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Opening from the library and keys in long lists, in the app (headless Pilot)."""
    import asyncio

    import bench_app

    large, pane = ensure_store(work, opts.sizes[-1]), ensure_store(work, PANE)
    return asyncio.run(bench_app.run(large, pane, opts.story, opts.runs, opts.presses))


def bench_startup(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Process start to first full screen in a real pty, against a one-Static Textual app.
    At each size both are started once untimed (the files they read, in the disk's cache:
    the minimal app reads none, and a store just made or left cold would set the disk
    against it), then in turn, so that a slower moment of the machine slows both."""
    from pty_timing import FULL_LIBRARY, briefing_argv, compile_bytecode, minimal_app_argv, time_to_screen

    compile_bytecode()
    rows = []
    for n in opts.sizes:
        root = ensure_store(work, n).root
        starts = {"minimal": lambda: time_to_screen(minimal_app_argv(), "minimal-ready"),
                  "briefing": lambda: time_to_screen(briefing_argv(root), FULL_LIBRARY)}
        times: dict[str, list[float]] = {name: [] for name in starts}
        for start in starts.values():
            start()
        for _ in range(opts.runs):
            for name, start in starts.items():
                times[name].append(start())
        rows.append(Row(f"start-up, {n:,} briefings", statistics.median(times["briefing"]), "minimal Textual app",
                        statistics.median(times["minimal"]), "≤ 1.5×", key="start-up", size=n))
    return rows


def bench_memory(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Resident memory of the app with the library shown and a search's hits drawn
    (a common word: hits in most briefings), against the minimal app."""
    from pty_timing import FULL_LIBRARY, briefing_argv, compile_bytecode, minimal_app_argv, rss_after_keys, \
        rss_at_screen
    from vocabulary import Vocabulary

    compile_bytecode()
    minimal = median_of(opts.runs, lambda: rss_at_screen(minimal_app_argv(), "minimal-ready"))
    word = Vocabulary().words[3]
    rows = []
    for n in opts.sizes:
        root = ensure_store(work, n).root
        shown = median_of(opts.runs, lambda: rss_after_keys(briefing_argv(root), FULL_LIBRARY, f"/{word}"))
        rows.append(Row(f"memory, library of {n:,} and a search open", shown, "minimal Textual app", minimal,
                        "≤ 2×", "B", key="memory, library and a search open", size=n))
    return rows


def bench_search(work: Path, opts: argparse.Namespace) -> list[Row]:
    """The 50 fixed queries at each size: in the app, at the command line, in the
    bare engine; and the index's size against the files it indexes."""
    import asyncio

    import bench_search

    qs = bench_search.the_queries()
    small = opts.sizes[0]
    rows, app, cli = [], {}, {}
    floor = bench_search.medians([asyncio.run(bench_search.in_textual_floor(qs)) for _ in range(opts.runs)])
    for n in opts.sizes:
        store = ensure_store(work, n)
        bench_search.in_engine(store.root, qs[0])  # the index made (or found ready) first
        runs = [asyncio.run(bench_search.in_app(store.root, qs)) for _ in range(opts.runs)]
        app[n] = bench_search.medians(runs)
        engine = {q: median_of(opts.runs, lambda: bench_search.in_engine(store.root, q)) for q in qs}
        at_cli = max(1, opts.runs // 2)
        cli[n] = statistics.median(median_of(at_cli, lambda: bench_search.at_command_line(store.root, q)) for q in qs)
        in_app, bare = statistics.median(app[n].values()), statistics.median(engine.values())
        least = statistics.median(engine[q] + floor[q] for q in qs)  # what any Textual app drawing its hits takes
        rows.append(Row(f"search in the app, {n:,} (median of {len(qs)})", in_app,
                        "bare engine, same queries", bare, "≤ 2×", key="search in the app (median of 50)", size=n))
        rows.append(Row(f"search in the app, {n:,} (median of {len(qs)})", in_app,
                        "bare engine + Textual's floor", least, "context: what is ours"))
        rows.append(Row(f"bare engine + Textual's floor, {n:,}", least, "bare engine, same queries", bare,
                        "context: above 2×, out of reach"))
        rows.append(Row(f"bare engine, {n:,}", bare, "—", 1, "", key="bare engine (median of 50)", size=n))
        worst = max(qs, key=lambda q: app[n][q])
        print(f"worst query at {n:,}: {worst!r}, app {fmt(app[n][worst])}, engine {fmt(engine[worst])}",
              file=sys.stderr)
        rows.append(Row(f"index on disk, {n:,} briefings", bench_search.index_bytes(store), "the briefing files",
                        bench_search.briefing_bytes(store), "< 1×", "B", key="search index on disk", size=n))
    for n in opts.sizes[1:]:
        rows.append(Row(f"search in the app, {n:,} vs {small:,}", statistics.median(app[n].values()),
                        f"same at {small:,}", statistics.median(app[small].values()), "≤ 3×"))
        rows.append(Row(f"briefing search WORDS, {n:,} vs {small:,}", cli[n], f"same at {small:,}", cli[small],
                        "≤ 3×"))
    rows += [Row(f"briefing search WORDS, {n:,}", cli[n], "—", 1, "", key="briefing search WORDS (median of 50)",
                 size=n) for n in opts.sizes]
    return rows


def bench_import(work: Path, opts: argparse.Namespace) -> list[Row]:
    import bench_import

    return bench_import.run(work, opts.articles, opts.runs, opts.spacy_python)


def bench_adversarial(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Pathological inputs at 1x and 10x their size (see adversarial.py)."""
    import adversarial

    return adversarial.run(opts.runs)


BENCHES: dict[str, Callable[[Path, argparse.Namespace], list[Row]]] = {
    "annotate": bench_annotate,
    "open": bench_open,
    "startup": bench_startup,
    "memory": bench_memory,
    "search": bench_search,
    "keys": bench_app,
    "import": bench_import,
    "adversarial": bench_adversarial,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, smallest first (default 1000,10000)")
    parser.add_argument("--story", type=int, default=500, help="articles in the large story")
    parser.add_argument("--articles", type=int, default=1_000, help="articles imported")
    parser.add_argument("--presses", type=int, default=40, help="presses of each key")
    parser.add_argument("--spacy-python", help="a Python with spaCy for the import baseline "
                        "(default: $BRIEFING_SPACY_PYTHON, ../spacy-venv, this one; 'none': no baseline)")
    parser.add_argument("--markdown", action="store_true", help="print the table as the README has it")
    opts = parser.parse_args(argv)
    opts.sizes = sorted(int(n) for n in opts.sizes.split(","))
    opts.work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for name in opts.only or BENCHES:
        rows += BENCHES[name](opts.work, opts)
    print_table([r for r in rows if r.baseline != "—"], markdown=opts.markdown)
    print_growth(rows, markdown=opts.markdown)


if __name__ == "__main__":
    main()
