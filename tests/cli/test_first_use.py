"""The command line as a new user meets it: a new store, the README's examples, pipes and files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main

SAMPLE = sample_briefing()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_store_is_said_and_holds_the_sample_so_the_readme_examples_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path / "store")
    code, out, err = run(capsys, "list", "--store", root)
    assert code == 0 and out.split("\t")[0] == SAMPLE.id  # the bundled sample, as the app shows it
    assert err == f"briefing: made a new store in {root} (with the bundled sample)\n"
    assert run(capsys, "list", "--store", root)[2] == ""  # said once
    # The README's examples, with the id `list` gave.
    assert run(capsys, "story", "new", "Bisie mine", "--store", root)[0] == 0
    assert run(capsys, "story", "add", "Bisie mine", SAMPLE.id[:6], "--store", root)[1] == \
        "story 'Bisie mine': 1 briefing\n"
    assert run(capsys, "actor", "merge", "DR Congo government", "Congolese army", "--store", root)[0] == 0
    code, out, _ = run(capsys, "dossier", "Massad Boulos", "--store", root)
    assert code == 0 and out.startswith("# Massad Boulos")
    assert run(capsys, "search", "tag:verify starred", "--store", root)[2] == "0 briefings\n"


def test_a_store_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "list", "--store", str(tmp_path / "typo" / "store"))
    assert code == 2 and "no folder" in err and err.count("\n") == 1
    assert not (tmp_path / "typo").exists()


def test_the_app_without_a_terminal_says_so_and_exits(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cli.main", "--store", str(tmp_path / "s")],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("the app needs a terminal; try 'briefing list' or 'briefing --help'")


def test_import_says_by_its_exit_status_whether_all_some_or_none_were_stored(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(Store(tmp_path / "s").root)
    good = tmp_path / "good.txt"
    good.write_text("Port reopens\n\nThe port of Valmora reopened on Monday after a week-long strike.\n")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert run(capsys, "import", str(good), "--store", root)[0] == 0
    assert run(capsys, "import", str(good), str(bad), "--store", root)[0] == 1
    assert run(capsys, "import", str(bad), str(tmp_path / "missing.txt"), "--store", root)[0] == 2


def test_a_markdown_article_is_titled_without_its_heading_marker(tmp_path: Path, capsys) -> None:
    article = tmp_path / "port.md"
    article.write_text("# Port reopens\n\nThe port of Valmora reopened on Monday after a week-long strike.\n")
    code, out, _ = run(capsys, "extract", str(article), "--format", "json")
    assert code == 0 and '"title": "Port reopens"' in out


def test_list_to_a_pipe_is_one_briefing_a_line(tmp_path: Path, capsys) -> None:
    store = Store(tmp_path / "s")
    store.save(SAMPLE)
    code, out, _ = run(capsys, "list", "--store", str(store.root))  # capsys: not a terminal
    assert code == 0 and out.splitlines() == [
        f"{SAMPLE.id}\t{SAMPLE.source.published}\t{SAMPLE.source.outlet}\t{SAMPLE.title}\t"
        f"{len(SAMPLE.events)}\t{len(SAMPLE.actors)}\t{len(SAMPLE.quotes)}"]


def test_markdown_to_a_pipe_is_plain_markdown_escaped_only_where_markdown_needs_it(tmp_path: Path, capsys) -> None:
    store = Store(tmp_path / "s")
    store.save(SAMPLE)
    code, out, _ = run(capsys, "show", SAMPLE.id, "--store", str(store.root))
    assert code == 0 and out.startswith(f"# {SAMPLE.title}\n")
    assert "2025-04-09" in out and "\\-" not in out  # dates and hyphenated words as written
    assert "**8 April 2025** (Tuesday)" in out and "PAST_REF" not in out  # dates read as words
    assert out.index("(weeks earlier)") < out.index("(soon)")  # in the app's order


def test_export_takes_its_format_from_the_file_name(tmp_path: Path, capsys) -> None:
    store = Store(tmp_path / "s")
    store.save(SAMPLE)
    root = str(store.root)
    assert run(capsys, "export", SAMPLE.id, "-o", str(tmp_path / "b.ics"), "--store", root)[0] == 0
    assert (tmp_path / "b.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert run(capsys, "export", SAMPLE.id, "--format", "md", "--store", root)[1].startswith("# ")
    code, _, err = run(capsys, "export", SAMPLE.id, "--store", root)
    assert code == 2 and "give --format" in err


def test_a_command_that_fails_on_a_new_store_leaves_nothing_behind(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "import", str(empty), "--store", str(tmp_path / "store"))
    assert code == 2 and err.count("\n") == 1 and "empty file" in err  # one line: no "made a new store"
    assert not (tmp_path / "store").exists()
