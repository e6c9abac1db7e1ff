"""The benchmark suite itself: its generators make realistic data, and every driver
runs end to end on tiny stores and prints its rows. No timings are checked."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_import  # noqa: E402
import run  # noqa: E402
import score_corroboration  # noqa: E402
import spacy_baseline  # noqa: E402
from make_store import make_store  # noqa: E402

from briefings.extract import extract  # noqa: E402
from briefings.store import Store  # noqa: E402
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


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(run.BENCHES))
def test_each_driver_runs_on_tiny_stores_and_prints_its_rows(name: str, tmp_path: Path, capsys) -> None:
    run.main(["--work", str(tmp_path), "--runs", "1", "--only", name,
              "--sizes", "10,30", "--story", "3", "--articles", "3", "--presses", "2"])
    table, _, growth = capsys.readouterr().out.partition("\n\n")
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["figure", "value"]
    assert len(lines) >= 2
    for line in lines[1:]:
        assert "×" in line, line  # every row has its ratio to a baseline
    if name not in ("keys", "import", "adversarial"):  # each figure at each size, in the growth table
        assert growth.splitlines()[0].split()[-2:] == ["10", "30"]
    if name == "keys":
        assert any(line.startswith("filter typing, library of 30") for line in lines)
        assert any(line.startswith("filter typing, a common word, library of 30") for line in lines)
    if name == "open":
        assert any(line.startswith("open_story, 3 articles") for line in lines)
    if name == "search":
        assert any(line.startswith("search in the app, 30 vs 10") for line in lines)
        assert any(line.startswith("index on disk, 30 briefings") for line in lines)


def test_import_without_spacy_is_set_against_the_read_floor_and_says_so(tmp_path: Path, capsys) -> None:
    run.main(["--work", str(tmp_path), "--runs", "1", "--only", "import", "--articles", "2", "--spacy-python", "none"])
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == 4
    assert all("no spaCy: no baseline" in row for row in rows[:2])
    assert rows[2].startswith("import 2 articles, every core vs one") and "--jobs 1" in rows[2]
    assert rows[3].startswith("arithmetic in ") and "one process" in rows[3]  # what the cores can give at most


def test_a_named_python_without_spacy_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="nope/python cannot run the spaCy baseline"):
        bench_import.find_spacy(str(tmp_path / "nope" / "python"))
    with pytest.raises(SystemExit, match="No module named 'spacy'"):
        bench_import.find_spacy(sys.executable)  # the project's venv never has spaCy


def test_spacy_baseline_builds_a_briefing_from_entities_without_spacy() -> None:
    from datetime import date

    text = ('The Lakes Mining Board suspended exports on April 2 in Goma. '
            '"We will sign before the rains," said Nadia Farah of the Lakes Mining Board last month.')
    first = text.index(". ") + 1
    sentences = [(0, first), (first + 1, len(text))]

    def entity(words: str, label: str, after: int = 0) -> tuple[int, int, str]:
        start = text.index(words, after)
        return start, start + len(words), label

    entities = [entity("The Lakes Mining Board", "ORG"), entity("April 2", "DATE"), entity("Goma", "GPE"),
                entity("Nadia Farah", "PERSON"), entity("Lakes Mining Board", "ORG", first),
                entity("last month", "DATE"), entity("rains", "EVENT")]
    b = spacy_baseline.briefing_of("Exports halted", text, date(2025, 4, 9), sentences, entities)
    assert sorted((a.name, a.kind, len(a.mentions)) for a in b.actors) == [
        ("Goma", "place", 1), ("Nadia Farah", "person", 1), ("The Lakes Mining Board", "organization", 2)]
    [quote] = b.quotes
    assert (quote.text, quote.speaker_name) == ("We will sign before the rains", "Nadia Farah")
    assert [(e.when.text, e.when.start) for e in b.events] == [("April 2", "2025-04-02"), ("last month", None)]
    assert b.events[0].summary.startswith("The Lakes Mining Board suspended")
    assert len(b.events[0].actors) == 2  # the board and Goma, named in its sentence


def test_spacy_baseline_stores_a_briefing_per_article_where_spacy_is_installed(tmp_path: Path) -> None:
    found = bench_import.find_spacy()
    if found is None:
        pytest.skip("no Python with spaCy and an English model (see bench_import.find_spacy)")
    import subprocess

    paths = [str(p) for p in bench_import.make_articles(tmp_path / "articles", 2)]
    subprocess.run([found[0], str(bench_import.BASELINE), "import", str(tmp_path / "store"), *paths], check=True,
                   capture_output=True)
    briefings = [Store(tmp_path / "store").load(row.id) for row in Store(tmp_path / "store").list()]
    assert len(briefings) == 2
    for b in briefings:
        assert b.source.published and any(a.kind == "person" for a in b.actors)
        assert any(e.when.resolved for e in b.events)


def test_the_table_prints_as_the_readme_has_it(tmp_path: Path, capsys) -> None:
    run.main(["--work", str(tmp_path), "--runs", "1", "--only", "annotate", "--sizes", "30", "--markdown"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["| figure | value | baseline | value | ratio | target |", "|---|---:|---|---:|---:|---|"]
    assert lines[2].startswith("| annotate, 30-briefing store |") and lines[2].count("|") == 7


def test_conflicts_and_single_source_marks_on_our_test_stories(capsys) -> None:
    """The issue's bar: precision and recall of both at least 0.9 on tests/data/stories."""
    import json

    assert score_corroboration.main(["--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert len(figures) - 1 >= 5  # five stories at least, and the micro-average
    for precision, recall in (figures["micro"]["conflicts"], figures["micro"]["single_source"]):
        assert precision >= 0.9 and recall >= 0.9, figures["micro"]
