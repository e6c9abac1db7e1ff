"""Files that are not articles: one line naming the file and the problem, exit 2, the store untouched.

tests/test_cli.py covers an empty, binary, non-UTF-8 file and a folder for
``import``; here are the rest, for ``import`` and ``extract`` alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.extract.events import WINDOW
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main

SENTENCE = b"Last month the company said the Bisie mine in North Kivu would reopen on Tuesday. "

# name: (file content, or None for a folder; what the error says)
HOSTILE = {
    "empty": (b"", "empty file"),
    "binary": (bytes(range(256)) * 64, "binary file"),
    "not UTF-8": ("Kinshasa a annoncé la réouverture. ".encode("latin-1") * 50, "not UTF-8"),
    "a folder": (None, "is a folder"),
    "50 MB of text": ((SENTENCE + b"\n") * (50_000_000 // (len(SENTENCE) + 1)), "too large for an article"),
    "a 1 MB line": (SENTENCE * (1_000_000 // len(SENTENCE)), "a line of over 200,000 characters"),
    "punctuation only": (b". , ; : ! ? -- ...\n" * 200, "no article text"),
    "dates only": (b"2025 last month on Tuesday\n" * 1_500, "dates, more than any article holds"),
    "quotes only": (b'"it is so," \xe2\x80\x9cit is not\xe2\x80\x9d\n' * 600, "quotation marks, more than any article holds"),
    "capitalised words only": (b"Acme Corp Bisie Mine Kinshasa Goma\n" * 6_000, "capitalised words, more than"),
}
COVERED_IN_TEST_CLI = {"empty", "binary", "not UTF-8", "a folder"}
CASES = [(command, name) for command in ("import", "extract") for name in HOSTILE
         if command == "extract" or name not in COVERED_IN_TEST_CLI]


def files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".lock"}


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    Store(root).save(sample_briefing())
    return root


@pytest.mark.parametrize("command,name", CASES)
def test_a_file_that_is_no_article_is_refused_in_one_line_and_nothing_is_stored(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str) -> None:
    content, message = HOSTILE[name]
    bad = tmp_path / "article.txt"
    if content is None:
        bad.mkdir()
    else:
        bad.write_bytes(content)
    before = files(stored)
    code = main([command, str(bad), "--store", str(stored)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"briefing: {bad}: ") and message in err, err
    assert files(stored) == before


def test_a_long_article_on_a_single_line_imports_with_readable_summaries(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Under the line limit, text pasted without line breaks or sentence ends is an article: each
    event's summary is the words around its date, not the whole line."""
    line = tmp_path / "one-line.txt"
    words = SENTENCE.rstrip(b". ").replace(b"Last", b"last")
    line.write_bytes(b"Kinshasa - " + b" and ".join([words] * 1_300) + b".")  # ~110,000 characters
    assert main(["import", str(line), "--published", "2025-04-09", "--store", str(stored)]) == 0
    briefing = Store(stored).load(capsys.readouterr().out.strip())
    assert len(briefing.events) == 2_600
    assert all(len(e.summary) <= 2 * WINDOW + 40 for e in briefing.events)
    assert {e.when.value for e in briefing.events} == {"2025-03", "2025-04-08"}
    assert main(["extract", str(line), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == 2_600
