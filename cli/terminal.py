"""What the command line writes to a terminal: data on standard output, the rest on standard error.

Ids, tables and documents go to standard output so scripts can read them;
progress, errors and summaries go to standard error. Text from articles,
notes and feeds is data: Rich prints it with markup off.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from briefings.desk import clean

if TYPE_CHECKING:
    from briefings.desk import Hit


def out() -> Console:
    return Console(markup=False, emoji=False, highlight=False)


def err() -> Console:
    return Console(stderr=True, markup=False, emoji=False, highlight=False)


def say(line: str) -> None:
    """One line for the reader on standard error (a hint, a summary, a warning)."""
    print(line, file=sys.stderr)


def print_json(data: Any, indent: int | None = 2) -> None:
    print(json.dumps(data, indent=indent, ensure_ascii=False))


def print_markdown(text: str) -> None:
    """Markdown rendered on a terminal; as Markdown (for a file, a pipe, a colleague) anywhere else."""
    if sys.stdout.isatty():
        from rich.markdown import Markdown

        out().print(Markdown(text))
    else:
        sys.stdout.write(text)


def count(n: int, noun: str) -> str:
    """'1 briefing', '3 briefings', '2 entries'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {noun[:-1]}ies" if noun.endswith("y") else f"{n:,} {noun}s"


def one_line(text: str) -> str:
    """Stored text as one line of a listing, with no control characters."""
    return clean(text).replace("\n", " ")


def print_hit(hit: Hit) -> None:
    """A search hit on one line: id, date, outlet, title and snippet, tab-separated; the
    words found in bold on a terminal, plain text to a pipe."""
    line, console = hit_line(hit), out()
    if console.is_terminal:
        console.print(line, soft_wrap=True)
    else:
        print(line.plain)


def hit_line(hit: Hit) -> Text:
    line = Text(one_line(f"{hit.id}\t{hit.published or '?'}\t{hit.outlet or ''}\t"))
    for piece, found in hit.title_pieces:
        line.append(one_line(piece), "bold" if found else None)
    if hit.snippet:
        line.append("\t")
        for piece, found in hit.snippet:
            line.append(one_line(piece), "bold" if found else None)
    return line


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Any]:
    """A progress bar on standard error, only when it is a terminal (in a log, stopping
    it left an empty line) and only for more than one step. Ids printed meanwhile are
    taken above the bar only when they go to the terminal too, never from a pipe."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = err()
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn())
    shown = console.is_terminal and (total is None or total > 1)
    with Progress(*columns, console=console, transient=True, disable=not shown,
                  redirect_stdout=sys.stdout.isatty()) as progress:
        task = progress.add_task(label, total=total)

        class Bar:
            def advance(self) -> None:
                progress.advance(task)

            def show(self, done: int, total: int, label: str) -> None:
                progress.update(task, completed=done, total=total, description=label[:50])

        yield Bar()
