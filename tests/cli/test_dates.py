"""Publication dates at every entrance (``--published``, ``briefing date``, a JSON import, a web
page's or a feed item's own date) are real dates from 1600 to 2199; anything else is refused in
one line, never an OverflowError. Datelines in the text go through the extraction: a crash there
is caught at the entrance and reported as that article's problem."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.extract import ExtractionError, extract
from briefings.importing.sample import sample_briefing
from briefings.importing.web import _iso_date
from briefings.store import Store
from cli.main import main

ARTICLE = ("The company said it would reopen the Bisie mine next year, weeks after rebels withdrew, "
           "and a decade later it planned a second shaft.\n")


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    Store(root).save(sample_briefing())
    return root


def files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".lock"}


@pytest.mark.parametrize("command,value,words", [
    ("import", "9999-12-31", "out of range"),
    ("import", "0001-01-01", "out of range"),
    ("import", "1599-12-31", "out of range"),
    ("import", "2025-02-30", "not a date"),
    ("import", "next week", "not a date"),
    ("extract", "9999-12-31", "out of range"),
    ("date", "0001-01-01", "out of range"),
    ("date", "9999-12-31", "out of range"),
    ("date", "2200-01-01", "out of range"),
])
def test_a_publication_date_out_of_range_is_refused_in_one_line(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, value: str,
        words: str) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    argv = {"import": ["import", str(article), "--published", value],
            "extract": ["extract", str(article), "--published", value],
            "date": ["date", sample_briefing().id, value]}[command]
    before = files(stored)
    code = main([*argv, "--store", str(stored)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err, err
    assert files(stored) == before


def test_the_ends_of_the_range_are_taken(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("1600-01-01", "2199-12-31"):
        assert main(["date", sample_briefing().id, day, "--store", str(stored)]) == 0
        assert Store(stored).load(sample_briefing().id).source.published == day
    capsys.readouterr()


def test_a_web_page_dated_out_of_range_is_read_as_undated() -> None:
    assert _iso_date("9999-12-31T10:00:00") is None and _iso_date("0001-01-01") is None
    assert _iso_date("2025-04-09T10:00:00") == "2025-04-09"


# -- fuzzing ---------------------------------------------------------------------------

MONTHS = ["January", "Feb.", "March", "April", "Sept.", "December", "Smarch"]
RELATIVE = ["next year", "last year", "a decade ago", "weeks earlier", "next month", "on Tuesday",
            "in the coming decade", "last week", "tomorrow", "in 9999", "in the year 1"]
years = st.integers(0, 12_000) | st.sampled_from([1, 1599, 1600, 2199, 2200, 9998, 9999, 10_000])
dateline = st.builds(lambda month, day, year: f"KINSHASA, {month} {day}, {year} (Reuters) - ",
                     st.sampled_from(MONTHS), st.integers(0, 40), years) | st.just("")
published = st.none() | st.dates().map(str) | st.builds("{:04d}-{:02d}-{:02d}".format, years,
                                                         st.integers(0, 13), st.integers(0, 32)) | st.text(max_size=12)
body = st.lists(st.sampled_from(RELATIVE), min_size=1, max_size=4).map(
    lambda words: "The company said " + ", and ".join(f"it would act {w}" for w in words) + ".\n")


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(line=dateline, text=body, day=published, command=st.sampled_from(["import", "extract", "date"]))
def test_dates_and_datelines_never_end_in_a_traceback(tmp_path_factory, line: str, text: str, day: str | None,
                                                       command: str) -> None:
    root = tmp_path_factory.mktemp("store")
    article = root.parent / "article.txt"
    article.write_text(line + text, "utf-8")
    Store(root).save(sample_briefing())
    if command == "date":
        argv = ["date", sample_briefing().id, day or "2025-04-09"]
    else:
        argv = [command, str(article), *(["--published", day] if day is not None else [])]
    code, _, err = cli(*argv, "--store", str(root))  # any exception fails the test
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("briefing: "), err


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(line=dateline, text=body)
def test_the_extraction_itself_resolves_any_dateline(line: str, text: str) -> None:
    try:
        extract(line + text)
    except ExtractionError:
        pass
