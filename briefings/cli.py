"""The ``briefing`` command. Without a subcommand it opens the app.

Every failure a user can cause ends in one line naming the problem and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from . import __version__
from .errors import BriefingError

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + message
        command = self.prog.removeprefix("briefing").strip()
        raise BriefingError(f"{command}: {message}" if command else message)


def _published(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    # --store is accepted before or after the subcommand.
    common = _Parser(add_help=False)
    common.add_argument("--store", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                        help="the store folder (default: $BRIEFING_STORE or the user data folder)")

    parser = _Parser(prog="briefing", parents=[common],
                     description="Follow a news story from the terminal.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(run=run)
        return p

    p = command("open", cmd_open, "open the app, on one briefing if an ID is given")
    p.add_argument("id", nargs="?")

    p = command("list", cmd_list, "list the briefings in the store")
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = command("show", cmd_show, "print one briefing")
    p.add_argument("id")
    p.add_argument("--format", choices=["json", "markdown"], default="markdown")

    p = command("annotate", cmd_annotate, "annotate one entry of a briefing")
    p.add_argument("id")
    p.add_argument("entry")
    p.add_argument("--note")
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--untag", action="append", default=[])
    star = p.add_mutually_exclusive_group()
    star.add_argument("--star", dest="starred", action="store_true", default=None)
    star.add_argument("--unstar", dest="starred", action="store_false")
    p.add_argument("--grade", help="Admiralty grade, e.g. B2 (or 'none' to clear)")
    hide = p.add_mutually_exclusive_group()
    hide.add_argument("--hide", dest="hidden", action="store_true", default=None)
    hide.add_argument("--unhide", dest="hidden", action="store_false")

    p = command("date", cmd_date, "set a briefing's publication date and resolve its timeline")
    p.add_argument("id")
    p.add_argument("published", type=_published, metavar="YYYY-MM-DD")

    p = command("doctor", cmd_doctor, "check the store; --restore brings back the newest good backups")
    p.add_argument("--restore", action="store_true")

    for name, run, help in (
        ("extract", cmd_extract, "print the briefing extracted from an article, without storing it"),
        ("import", cmd_import, "extract briefings from articles and store them"),
    ):
        p = command(name, run, help)
        p.add_argument("files", nargs="+", metavar="FILE", help="a text or Markdown file, or - for stdin")
        p.add_argument("--published", type=_published, help="publication date, YYYY-MM-DD")
        p.add_argument("--title")
        p.add_argument("--outlet")
        if name == "extract":
            p.add_argument("--format", choices=["json", "markdown"], default="json")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        run = getattr(args, "run", cmd_open)
        return run(args)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _store(args: argparse.Namespace):
    from .store import Store

    return Store(getattr(args, "store", None))


def cmd_open(args: argparse.Namespace) -> int:
    from .sample import seed_if_new

    store = _store(args)
    seed_if_new(store)
    briefing_id = store.resolve(args.id) if getattr(args, "id", None) else None
    from tui.app import run_app

    run_app(store, briefing_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    rows = store.list()
    if args.format == "json":
        print(json.dumps([r.__dict__ for r in rows], indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "published", "outlet", "title", "events", "actors", "quotes", box=None)
    for r in rows:
        table.add_row(r.id, r.published or "?", r.outlet or "", r.title, str(r.events), str(r.actors), str(r.quotes))
    Console(markup=False, emoji=False, highlight=False).print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store = _store(args)
    briefing = store.load(store.resolve(args.id))
    if args.format == "json":
        print(json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False))
    else:
        from .markdown import to_markdown

        sys.stdout.write(to_markdown(briefing))
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    store = _store(args)
    briefing = store.load(store.resolve(args.id))
    if args.entry not in briefing.entry_ids():
        raise BriefingError(f"briefing {briefing.id} has no entry {args.entry!r}")
    current = briefing.annotations.get(args.entry)
    changes: dict = {}
    if args.note is not None:
        from .sanitize import clean

        changes["note"] = clean(args.note)
    if args.tag or args.untag:
        tags = [t for t in (current.tags if current else ()) if t not in args.untag]
        changes["tags"] = tags + [t for t in args.tag if t not in tags]
    if args.starred is not None:
        changes["starred"] = args.starred
    if args.grade is not None:
        changes["grade"] = None if args.grade.lower() == "none" else args.grade.upper()
    if args.hidden is not None:
        changes["hidden"] = args.hidden
    if not changes:
        raise BriefingError("annotate: nothing to change (give --note, --tag, --star, --grade or --hide)")
    saved = store.annotate(briefing.id, args.entry, **changes)
    print(json.dumps(saved.to_dict(), ensure_ascii=False))
    return 0


def cmd_date(args: argparse.Namespace) -> int:
    from .importer import set_published

    store = _store(args)
    briefing = set_published(store, store.resolve(args.id), args.published)
    resolved = sum(e.when.resolved for e in briefing.events)
    print(f"{briefing.id}: published {args.published}, {resolved} of {len(briefing.events)} events dated")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import run_doctor

    return run_doctor(getattr(args, "store", None), restore=args.restore)


def cmd_extract(args: argparse.Namespace) -> int:
    from .articles import read_article
    from .extract import extract

    if len(args.files) != 1:
        raise BriefingError("extract: give one file (use 'import' for several)")
    text = read_article(args.files[0])
    briefing = extract(text, published=args.published, title=args.title, outlet=args.outlet,
                       path=None if args.files[0] == "-" else args.files[0])
    if args.format == "json":
        print(json.dumps(briefing.to_dict(with_annotations=False), indent=2, ensure_ascii=False))
    else:
        from .markdown import to_markdown

        sys.stdout.write(to_markdown(briefing))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import import_files

    store = _store(args)
    failed = import_files(store, args.files, published=args.published, title=args.title, outlet=args.outlet)
    return EXIT_BAD_INPUT if failed else 0


if __name__ == "__main__":
    sys.exit(main())
