"""What the command line writes to a terminal: data on standard output, the rest on standard error.

Ids, tables and documents go to standard output so scripts can read them;
progress, errors and summaries go to standard error. Text from articles,
notes and feeds is data: Rich prints it with markup off, and every line
passes the core's cleaner (``briefings.sanitize.clean``) on its way out.
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


# Everything below writes text that may hold what a user typed or a store holds: each
# goes through the core's one cleaner, so no escape sequence reaches the terminal.


def write(text: str) -> None:
    """A document (Markdown, JSON) on standard output."""
    sys.stdout.write(clean(text))
    sys.stdout.flush()


def line(text: str) -> None:
    """One line of data on standard output (an id, a row of a listing), at once."""
    print(one_line(text), flush=True)


def say(text: str) -> None:
    """One line for the reader on standard error (an error, a hint, a summary, a warning)."""
    print(one_line(text), file=sys.stderr, flush=True)


def write_bytes(data: bytes) -> None:
    """An export on standard output: as it is into a file or a pipe, cleaned on a terminal."""
    sys.stdout.flush()
    if sys.stdout.isatty():
        data = clean(data.decode("utf-8", "replace")).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def print_json(data: Any, indent: int | None = 2) -> None:
    write(json.dumps(data, indent=indent, ensure_ascii=False) + "\n")


def print_markdown(text: str) -> None:
    """Markdown rendered on a terminal; as Markdown (for a file, a pipe, a colleague) anywhere else."""
    if sys.stdout.isatty():
        from rich.markdown import Markdown

        out().print(Markdown(clean(text)))
    else:
        write(text)


def count(n: int, noun: str) -> str:
    """'1 briefing', '3 briefings', '2 entries'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {noun[:-1]}ies" if noun.endswith("y") else f"{n:,} {noun}s"


def one_line(text: str) -> str:
    """Stored or typed text as one line, with no control characters."""
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


def print_check(found: dict[str, Any]) -> None:
    """``briefing story check``: the conflicts with each version on a line of its own, the
    single-source entries, and the first report of each event more than one article tells."""
    conflicts, single = found["conflicts"], found["single_source"]
    told = [f for f in found["first_reports"] if f["told_by"] > 1 and f["first_in_this_row"]]
    line(f"{found['story']}: {count(len(conflicts), 'conflict')}, "
         f"{count(len(single), 'single-source entry')}, {count(len(told), 'event')} told by several")
    if conflicts:
        line("")
        line("Where the sources differ")
    for c in conflicts:
        settled = " (resolved" + (f": {c['note']}" if c["note"] else "") + ")" if c["resolved"] else ""
        line(f"  {c['kind']:<8} {c['summary']}{settled}")
        for v in c["versions"]:
            line(f"    {v['published'] or '?':<10}  {(v['outlet'] or '')[:20]:<20}  {v['text'][:28]:<28}  "
                 f"= {v['value'] or '?':<20}  {v['briefing']} {v['entry']}")
    if single:
        line("")
        line("Single source")
    for s in single:
        said = f"{s['speaker']}: “{s['text']}”" if "speaker" in s else s["text"]
        line(f"  {s['briefing']} {s['entry']}  {said}")
    if told:
        line("")
        line("First reports of the events several articles tell")
    for f in told:
        line(f"  {f['when']:<18}  first {f['published'] or '?':<10} {(f['outlet'] or '')[:20]:<20}  "
             f"{f['summary'][:70]}  ({count(f['told_by'], 'article')})")
