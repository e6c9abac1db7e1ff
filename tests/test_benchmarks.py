"""The benchmark suite itself: its generators make realistic data, and every driver
runs end to end on tiny stores and prints its rows. No timings are checked."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_import  # noqa: E402
import run  # noqa: E402
from make_store import make_store  # noqa: E402

from briefings.extract import extract  # noqa: E402
from briefings.stories import merge  # noqa: E402


def test_synthetic_briefings_are_shaped_like_real_ones(tmp_path: Path) -> None:
    store = make_store(20, tmp_path / "s")
    briefings = [store.load(row.id) for row in store.list()]
    assert len(briefings) == 20
    for b in briefings:
        assert (len(b.events), len(b.actors), len(b.quotes)) == (20, 15, 5)
        assert 3_500 <= len(b.text) <= 4_000
        assert 2 <= len(b.annotations) <= 5
        assert all(e.when.resolved for e in b.events)
        assert all(q.speaker in {a.id for a in b.actors} for q in b.quotes)
    seen = Counter(a.name for b in briefings for a in b.actors)
    assert max(seen.values()) >= 3  # a shared cast, so stories merge actors across articles
    view = merge(briefings)
    assert any(a.articles >= 3 for a in view.actors)
    assert len(view.actors) < sum(len(b.actors) for b in briefings)


def test_generated_articles_import_with_actors_quotes_and_dates(tmp_path: Path) -> None:
    paths = bench_import.make_articles(tmp_path / "articles", 3)
    texts = [p.read_text("utf-8") for p in paths]
    assert len(set(texts)) == 3
    b = extract(texts[0])
    assert b.source.published is not None
    assert len(b.actors) >= 5 and b.quotes and len(b.events) >= 10
    assert any(e.when.resolved for e in b.events)


@pytest.mark.parametrize("name", sorted(run.BENCHES))
def test_each_driver_runs_on_tiny_stores_and_prints_its_rows(name: str, tmp_path: Path, capsys) -> None:
    run.main(["--work", str(tmp_path), "--runs", "1", "--only", name,
              "--briefings", "30", "--story", "3", "--articles", "3", "--presses", "2"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["figure", "value"]
    assert len(lines) >= 2
    for line in lines[1:]:
        assert "×" in line, line  # every row has its ratio to a baseline
    if name == "keys":
        assert any(line.startswith("filter typing, library of 30") for line in lines)
    if name == "open":
        assert any(line.startswith("open_story, 3 articles") for line in lines)
