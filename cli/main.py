"""The ``briefing`` command: its arguments, and the one place failures become exit statuses.

Without a subcommand it opens the app. Every failure a user can cause ends in
one line naming the problem and exit status 2, never a traceback. What each
command does is in ``commands``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from briefings import __version__
from briefings.desk import BriefingError, published_date
from briefings.model import ACTOR_KINDS

from .commands import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    cmd_actor,
    cmd_annotate,
    cmd_date,
    cmd_doctor,
    cmd_dossier,
    cmd_export,
    cmd_extract,
    cmd_feed,
    cmd_import,
    cmd_list,
    cmd_open,
    cmd_orphans,
    cmd_search,
    cmd_show,
    cmd_story,
    cmd_undo,
    settle_new_store,
)
from .terminal import say


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + message
        command = self.prog.removeprefix("briefing").strip()
        raise BriefingError(f"{command}: {message}" if command else message)


def _published(value: str) -> str:
    try:
        return published_date(value)
    except BriefingError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"how many processes: a whole number, 1 or more, not {value!r}")
    return jobs


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

    p = command("doctor", cmd_doctor, "check every file of the store; --restore mends what it finds")
    p.add_argument("--restore", action="store_true")

    command("undo", cmd_undo, "take back the latest action of the command line (a note, a tag, a merge, a date...)")
    command("redo", cmd_undo, "do again the latest action 'briefing undo' took back")

    p = command("orphans", cmd_orphans,
                "annotations on entries a re-import changed: list, attach to an entry, or drop")
    orphans = p.add_subparsers(dest="orphans_command", metavar="{list,attach,drop}", parser_class=_Parser)
    o = orphans.add_parser("list", parents=[common], help="list them, with the entries each may go on")
    o.add_argument("id", nargs="?", metavar="ID")
    o = orphans.add_parser("attach", parents=[common], help="put one on an entry of its briefing")
    o.add_argument("id", metavar="ID")
    o.add_argument("orphan", metavar="ORPHAN")
    o.add_argument("entry", metavar="ENTRY")
    o = orphans.add_parser("drop", parents=[common], help="forget one (the store's backups keep it)")
    o.add_argument("id", metavar="ID")
    o.add_argument("orphan", metavar="ORPHAN")

    p = command("feed", cmd_feed, "follow RSS and Atom feeds: add, update, list, remove")
    feed = p.add_subparsers(dest="feed_command", metavar="{add,update,list,remove}", parser_class=_Parser)
    f = feed.add_parser("add", parents=[common], help="follow a feed (or a page that links to one)")
    f.add_argument("url", metavar="URL")
    f.add_argument("--story", metavar="NAME", help="put the feed's new briefings in this story")
    feed.add_parser("update", parents=[common], help="import the new items of every feed")
    feed.add_parser("list", parents=[common], help="list the feeds you follow")
    f = feed.add_parser("remove", parents=[common], help="stop following a feed (its briefings stay)")
    f.add_argument("url", metavar="URL")

    # -- stories, identities, search, export, dossier (briefings.stories & co.) --
    p = command("story", cmd_story, "group briefings into stories: new, add, list, show, check")
    story = p.add_subparsers(dest="story_command", metavar="{new,add,list,show,check}", parser_class=_Parser)
    s = story.add_parser("new", parents=[common], help="make a story")
    s.add_argument("name", metavar="NAME")
    s = story.add_parser("add", parents=[common], help="put briefings in a story")
    s.add_argument("name", metavar="NAME")
    s.add_argument("ids", nargs="+", metavar="ID")
    story.add_parser("list", parents=[common], help="list the stories")
    s = story.add_parser("show", parents=[common], help="print a story: merged timeline, actors, quotes")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--format", choices=["markdown", "json"], default="markdown")
    s = story.add_parser("check", parents=[common], help="where the sources differ: conflicts of dates, numbers "
                         "and speakers, single-source entries, first reports")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--format", choices=["text", "json"], default="text")

    p = command("export", cmd_export, "export a briefing or a story as markdown, json, csv or ics")
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--story", metavar="NAME")
    p.add_argument("--format", choices=["markdown", "md", "json", "csv", "ics"],
                   help="default: from the extension of -o (.md .json .csv .ics)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists (a regular file of yours)")

    p = command("search", cmd_search, "search the whole store; without a query, list the saved searches")
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help='words ("a phrase", -not, a OR b) and filters: tag:verify starred actor:"M23" '
                        'kind:quote after:2025-03-01 before:... outlet:...')
    p.add_argument("--limit", type=int, default=50, metavar="N", help="print the best N hits (default 50)")
    p.add_argument("--all", action="store_true", help="print every hit")
    p.add_argument("--save", metavar="NAME", help="save the search as a named view")
    p.add_argument("--rebuild", action="store_true", help="rebuild the search index from the briefings")

    p = command("actor", cmd_actor, "decide who is who, across the store: merge, split, kind, rules, forget")
    actor = p.add_subparsers(dest="actor_command", metavar="{merge,split,kind,rules,forget}", parser_class=_Parser)
    a = actor.add_parser("merge", parents=[common], help="the actors named A and B are one (shown as A)")
    a.add_argument("name_a", metavar="NAME_A")
    a.add_argument("name_b", metavar="NAME_B")
    a = actor.add_parser("split", parents=[common], help="ALIAS is not a name of NAME: make it an actor of its own")
    a.add_argument("name", metavar="NAME")
    a.add_argument("alias", metavar="ALIAS")
    a = actor.add_parser("kind", parents=[common], help="the actor named NAME is a person, a company, ...")
    a.add_argument("name", metavar="NAME")
    a.add_argument("kind", metavar="KIND", choices=ACTOR_KINDS)
    actor.add_parser("rules", parents=[common], help="list every merge, split and kind rule, with its number")
    a = actor.add_parser("forget", parents=[common], help="take back one rule (its number from 'actor rules')")
    a.add_argument("rule", metavar="RULE", type=int)

    p = command("dossier", cmd_dossier, "everything the store knows about one actor")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")

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
        else:
            p.add_argument("--jobs", type=_jobs, metavar="N",
                           help="how many processes extract the articles (default: one per core; "
                                "1: this process alone)")
    return parser


def opening_app(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The arguments of ``briefing [--store DIR]``, which opens the app, read without
    building every command's parser (a few milliseconds of each start); None when
    there is more (a command, ``--help``), for ``build_parser`` to read."""
    parser = _Parser(prog="briefing", add_help=False)
    parser.add_argument("--store", type=Path, default=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    args = None
    try:
        args = opening_app(argv)
        if args is None:
            args = build_parser().parse_args(argv)
        run = getattr(args, "run", cmd_open)
        code = run(args)
        settle_new_store(args, succeeded=code != EXIT_BAD_INPUT)
        return code
    except BriefingError as exc:
        if args is not None:
            settle_new_store(args, succeeded=False)
        say(f"briefing: {exc}")  # cleaned: a message may echo what was typed
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # 'briefing list | head': the reader has what it wanted
        _quiet_stdout()
        return EXIT_BROKEN_PIPE


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so flushing it at exit raises nothing more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
