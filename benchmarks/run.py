"""Run the whole benchmark suite and print one table.

    python benchmarks/run.py [--work DIR] [--runs 5] [--only NAME ...]

Every figure is a median of several runs, set against a baseline measured in
the same run (the machines are shared and noisy, so only ratios mean much).
Synthetic stores are made once in the work folder and reused.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from briefings.store import Store  # noqa: E402

Row = tuple[str, float, str, float, str]  # figure, value, baseline, baseline value, target


def ensure_store(work: Path, count: int) -> Store:
    from make_store import make_store

    root = work / f"store-{count}"
    if not (root / "store.json").exists():
        print(f"making a store of {count} briefings in {root} ...", file=sys.stderr)
        make_store(count, root)
    return Store(root)


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def bench_annotate(work: Path, runs: int) -> list[Row]:
    import bench_annotate

    small, large = ensure_store(work, 10), ensure_store(work, 10_000)
    rows = [bench_annotate.run(small, large) for _ in range(runs)]
    return [
        (name, statistics.median(r[i][1] for r in rows), base, statistics.median(r[i][3] for r in rows), target)
        for i, (name, _, base, _), target in zip(range(2), rows[0], ("≤ 3×", "≤ 1.2×"))
    ]


def bench_open(work: Path, runs: int) -> list[Row]:
    """Loading one briefing with its annotations costs the same whatever the store's size."""
    import time

    small, large = ensure_store(work, 10), ensure_store(work, 10_000)

    def load_time(store: Store) -> float:
        briefing_id = store.resolve(_some_id(store))
        started = time.perf_counter()
        for _ in range(20):
            store.load(briefing_id)
        return (time.perf_counter() - started) / 20

    return [("load a briefing, 10,000-briefing store", median_of(runs, lambda: load_time(large)),
             "same, 10-briefing store", median_of(runs, lambda: load_time(small)), "≤ 1.2×")]


def bench_startup(work: Path, runs: int) -> list[Row]:
    """Process start to first full screen in a real pty, against a one-Static Textual app."""
    from pty_timing import minimal_app_argv, time_to_screen

    small, large = ensure_store(work, 10), ensure_store(work, 10_000)
    briefing = [str(HERE.parent / ".venv" / "bin" / "briefing")]

    def start(store: Store) -> float:
        return time_to_screen(briefing + ["--store", str(store.root)], "Library")

    minimal = median_of(runs, lambda: time_to_screen(minimal_app_argv(), "minimal-ready"))
    large_t = median_of(runs, lambda: start(large))
    small_t = median_of(runs, lambda: start(small))
    return [("start-up, 10,000 briefings", large_t, "minimal Textual app", minimal, "≤ 1.5×"),
            ("start-up, 10,000 briefings", large_t, "start-up, 10 briefings", small_t, "≤ 1.1×")]


def _some_id(store: Store) -> str:
    return next((store.root / "briefings").glob("*.json")).stem


BENCHES: dict[str, Callable[[Path, int], list[Row]]] = {
    "annotate": bench_annotate,
    "open": bench_open,
    "startup": bench_startup,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for name in args.only or BENCHES:
        rows += BENCHES[name](args.work, args.runs)
    print(f"{'figure':46} {'value':>10} {'baseline':34} {'value':>10} {'ratio':>7}  target")
    for figure, value, base, base_value, target in rows:
        print(f"{figure:46} {_fmt(value):>10} {base:34} {_fmt(base_value):>10} {value / base_value:6.2f}×  {target}")


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.0f} s"


if __name__ == "__main__":
    main()
