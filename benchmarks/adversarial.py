"""Pathological inputs at 1x and 10x their size, each fed to the stage that met it badly; the
time ratio says whether that stage is linear in it (near 10x; the target is at most 12x).

    python benchmarks/adversarial.py [--runs 5]      # or: python benchmarks/run.py --only adversarial

The shapes come from an attack on every entrance (issue 14): an HTML paragraph of 300,000
attributes (over 300 s), a 4 MB table (19.5 s), a 1 MB note full of escape codes (4 minutes),
a line of 199,000 dots (602 s), a JSON document nested 100,000 deep, a story file of 20,000
chained actor merges (34 s for an import after it). Pages and text files go through the
command line's ``import`` into a new store, so every stage they meet is timed; the note goes
to the cleaner, the merges to the loading of the reader's decisions. The line of dots is
measured at 2,000 and 20,000: the sentence splitter (``briefings/extract/sentences.py``) is
still quadratic in it, and 199,000 would take ten minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from table import Row, print_table  # noqa: E402

WORDS = ("Dock workers in Port Calder ended their strike on Monday after the port authority agreed "
         "to review night shifts, a union spokesman said. ")


def page(body: str) -> str:
    return f"<html><head><title>Strike ends</title></head><body><article><p>{WORDS * 6}</p>{body}" \
           f"<p>{WORDS * 6}</p></article></body></html>"


def attributes(n: int) -> str:
    return page("<p " + " ".join(f'data-a{i}="x"' for i in range(n)) + f">{WORDS}</p>")


def table(size: int) -> str:
    row = "<tr>" + "<td>crane inspected</td>" * 8 + "</tr>"
    return page("<table>" + row * (size // len(row)) + "</table>")


def note(size: int) -> str:
    piece = "ask the union \x1b[31m\x1b]8;;https://x.example\x1b\\again\x1b]8;;\x1b\\ \x1b]52;c;SGVsbG8=\x07\x9b1m "
    return piece * (size // len(piece))


def dots(n: int) -> str:
    return f"{WORDS * 3}The strike is over{'.' * n}\n"


def nested(n: int) -> str:
    return "[" * n


def merges(n: int) -> list:
    from briefings.identities import Decision

    return [Decision("merge", f"Crane operator {i}", f"Crane operator {i + 1}") for i in range(n)]


def imported(name: str) -> Callable[[str], None]:
    """The command line importing the shape, saved as ``name``, into a new store."""
    def run(content: str) -> None:
        from cli.main import main

        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / name
            path.write_text(content, "utf-8")
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                main(["import", str(path), "--published", "2025-06-02", "--store", str(Path(work) / "store")])
    return run


def cleaned(text: str) -> None:
    from briefings.sanitize import clean

    clean(text)


def loaded(decisions: list) -> None:
    from briefings.identities import Identities

    Identities(decisions)


@dataclass(frozen=True)
class Shape:
    name: str  # with {n}: the size
    stage: str
    size: int  # 1x
    make: Callable[[int], object]
    feed: Callable[[object], None]


SHAPES = [
    Shape("HTML paragraph of {n} attributes", "import a saved page", 30_000, attributes, imported("page.html")),
    Shape("HTML table of {n} characters", "import a saved page", 400_000, table, imported("page.html")),
    Shape("note of {n} characters of escape codes", "the cleaner", 1_000_000, note, cleaned),
    Shape("line of {n} dots after a sentence", "import a text file", 2_000, dots, imported("article.txt")),
    Shape("JSON nested {n} deep", "import JSON", 10_000, nested, imported("doc.json")),
    Shape("chain of {n} actor merges", "load the decisions", 2_000, merges, loaded),
]


def timed(feed: Callable[[object], None], data: object) -> float:
    gc.collect()  # the last run's garbage is not this one's cost
    started = time.perf_counter()
    feed(data)
    return time.perf_counter() - started


def run(runs: int = 5) -> list[Row]:
    imported("warm.txt")(WORDS * 3)  # the modules each stage needs, loaded before any timing
    rows = []
    for shape in SHAPES:
        small, large = shape.make(shape.size), shape.make(shape.size * 10)
        one = statistics.median(timed(shape.feed, small) for _ in range(runs))
        ten = statistics.median(timed(shape.feed, large) for _ in range(runs))
        rows.append(Row(f"{shape.name.format(n=f'{shape.size * 10:,}')}: {shape.stage}", ten,
                        f"same, {shape.size:,} (1×)", one, "≤ 12×"))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print the table as the README has it")
    opts = parser.parse_args(argv)
    print_table(run(opts.runs), markdown=opts.markdown)


if __name__ == "__main__":
    main()
