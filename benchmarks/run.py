"""Run the whole benchmark suite and print one table.

    python benchmarks/run.py [--work DIR] [--runs 5] [--only NAME ...]

Every figure is a median of several runs, set against a baseline measured in
the same run (the machines are shared and noisy, so only ratios mean much).
Synthetic stores are made once in the work folder and reused. The sizes can
be made small (``--briefings 40 --story 5 --articles 5 --presses 3``) to
check that every driver runs.
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

from table import Row, print_table  # noqa: E402

from briefings.store import Store  # noqa: E402

SMALL = 10  # the small store the large one is compared with
PANE = 20  # the rows of the small pane keys are compared with


def ensure_store(work: Path, count: int) -> Store:
    from make_store import make_store

    root = work / f"store-{count}"
    if not (root / "store.json").exists():
        print(f"making a store of {count} briefings in {root} ...", file=sys.stderr)
        make_store(count, root)
    return Store(root)


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def bench_annotate(work: Path, opts: argparse.Namespace) -> list[Row]:
    import bench_annotate

    small, large = ensure_store(work, SMALL), ensure_store(work, opts.briefings)
    rows = [bench_annotate.run(small, large) for _ in range(opts.runs)]
    names = [f"annotate, {opts.briefings:,}-briefing store", f"annotate, {opts.briefings:,} vs {SMALL} briefings"]
    bases = ["fsync floor", f"annotate, {SMALL} briefings"]
    return [Row(names[i], statistics.median(r[i][1] for r in rows), bases[i],
                statistics.median(r[i][3] for r in rows), target)
            for i, target in enumerate(("≤ 3×", "≤ 1.2×"))]


def bench_open(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Loading one briefing costs the same whatever the store's size. The story's
    3× target is for opening it from the library (bench_app's row, screens on both
    sides); the core rows show what of that is reading the store."""
    import bench_story

    small, large = ensure_store(work, SMALL), ensure_store(work, opts.briefings)

    def load_time(store: Store) -> float:
        briefing_id = store.list()[0].id
        started = time.perf_counter()
        for _ in range(20):
            store.load(briefing_id)
        return (time.perf_counter() - started) / 20

    story = bench_story.ensure_story(large, opts.story)
    one, many = median_of(opts.runs, lambda: bench_story.open_one(large)), \
        median_of(opts.runs, lambda: bench_story.open_many(large, story))
    return [Row(f"load a briefing, {opts.briefings:,}-briefing store", median_of(opts.runs, lambda: load_time(large)),
                f"same, {SMALL}-briefing store", median_of(opts.runs, lambda: load_time(small)), "≤ 1.2×"),
            Row(f"open_story, {opts.story} articles (core)", many, "open a briefing (core)", one, "—"),
            Row("same, first open after a change (merged)", median_of(opts.runs, lambda: bench_story.open_cold(large, story)),
                "open a briefing (core)", one, "—")]


def bench_app(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Opening from the library and keys in long lists, in the app (headless Pilot)."""
    import asyncio

    import bench_app

    large, pane = ensure_store(work, opts.briefings), ensure_store(work, PANE)
    return asyncio.run(bench_app.run(large, pane, opts.story, opts.runs, opts.presses))


def bench_startup(work: Path, opts: argparse.Namespace) -> list[Row]:
    """Process start to first full screen in a real pty, against a one-Static Textual app;
    and resident memory once the whole library is shown."""
    from pty_timing import (
        FULL_LIBRARY,
        briefing_argv,
        compile_bytecode,
        minimal_app_argv,
        time_to_screen,
    )

    small, large = ensure_store(work, SMALL), ensure_store(work, opts.briefings)
    compile_bytecode()
    minimal = median_of(opts.runs, lambda: time_to_screen(minimal_app_argv(), "minimal-ready"))
    large_t = median_of(opts.runs, lambda: time_to_screen(briefing_argv(large.root), FULL_LIBRARY))
    small_t = median_of(opts.runs, lambda: time_to_screen(briefing_argv(small.root), FULL_LIBRARY))
    n = f"{opts.briefings:,}"
    return [Row(f"start-up, {n} briefings", large_t, "minimal Textual app", minimal, "≤ 1.5×"),
            Row(f"start-up, {n} briefings", large_t, f"start-up, {SMALL} briefings", small_t, "≤ 1.1×")]


def bench_memory(work: Path, opts: argparse.Namespace) -> list[Row]:
    from pty_timing import (
        FULL_LIBRARY,
        briefing_argv,
        compile_bytecode,
        minimal_app_argv,
        rss_at_screen,
    )

    large = ensure_store(work, opts.briefings)
    minimal = median_of(opts.runs, lambda: rss_at_screen(minimal_app_argv(), "minimal-ready"))
    compile_bytecode()
    shown = median_of(opts.runs, lambda: rss_at_screen(briefing_argv(large.root), FULL_LIBRARY))
    return [Row(f"memory, library of {opts.briefings:,} open", shown, "minimal Textual app", minimal, "≤ 2×", "B")]


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
    "keys": bench_app,
    "import": bench_import,
    "adversarial": bench_adversarial,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    parser.add_argument("--briefings", type=int, default=10_000, help="the large store")
    parser.add_argument("--story", type=int, default=500, help="articles in the large story")
    parser.add_argument("--articles", type=int, default=1_000, help="articles imported")
    parser.add_argument("--presses", type=int, default=40, help="presses of each key")
    parser.add_argument("--spacy-python", help="a Python with spaCy for the import baseline "
                        "(default: $BRIEFING_SPACY_PYTHON, ../spacy-venv, this one; 'none': no baseline)")
    parser.add_argument("--markdown", action="store_true", help="print the table as the README has it")
    opts = parser.parse_args(argv)
    opts.work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for name in opts.only or BENCHES:
        rows += BENCHES[name](opts.work, opts)
    print_table(rows, markdown=opts.markdown)


if __name__ == "__main__":
    main()
