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
    p = command("story", cmd_story, "group briefings into stories: new, add, list, show")
    story = p.add_subparsers(dest="story_command", metavar="{new,add,list,show}", parser_class=_Parser)
    s = story.add_parser("new", parents=[common], help="make a story")
    s.add_argument("name", metavar="NAME")
    s = story.add_parser("add", parents=[common], help="put briefings in a story")
    s.add_argument("name", metavar="NAME")
    s.add_argument("ids", nargs="+", metavar="ID")
    story.add_parser("list", parents=[common], help="list the stories")
    s = story.add_parser("show", parents=[common], help="print a story: merged timeline, actors, quotes")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--format", choices=["markdown", "json"], default="markdown")

    p = command("export", cmd_export, "export a briefing or a story as markdown, json, csv or ics")
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--story", metavar="NAME")
    p.add_argument("--format", choices=["markdown", "json", "csv", "ics"], required=True)
    p.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")

    p = command("search", cmd_search, "search the whole store; without a query, list the saved searches")
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help='words and filters: tag:verify starred actor:"M23" after:2025-03-01 before:... outlet:...')
    p.add_argument("--save", metavar="NAME", help="save the search as a named view")
    p.add_argument("--rebuild", action="store_true", help="rebuild the search index from the briefings")

    p = command("actor", cmd_actor, "decide who is who, across the store: merge, split")
    actor = p.add_subparsers(dest="actor_command", metavar="{merge,split}", parser_class=_Parser)
    a = actor.add_parser("merge", parents=[common], help="the actors named A and B are one (shown as A)")
    a.add_argument("name_a", metavar="NAME_A")
    a.add_argument("name_b", metavar="NAME_B")
    a = actor.add_parser("split", parents=[common], help="ALIAS is not a name of NAME: make it an actor of its own")
    a.add_argument("name", metavar="NAME")
    a.add_argument("alias", metavar="ALIAS")

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


def _store(args: argparse.Namespace, **options: bool):
    from .store import Store

    return Store(getattr(args, "store", None), **options)


def cmd_open(args: argparse.Namespace) -> int:
    from .sample import seed_if_new

    store = _store(args, sweep=False)  # the app sweeps in a worker: start-up stays the same at any size
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
    changes: dict = {}
    if args.note is not None:
        changes["note"] = args.note  # the store cleans notes and tags
    if args.starred is not None:
        changes["starred"] = args.starred
    if args.grade is not None:
        changes["grade"] = None if args.grade.lower() == "none" else args.grade.upper()
    if args.hidden is not None:
        changes["hidden"] = args.hidden
    if not (changes or args.tag or args.untag):
        raise BriefingError("annotate: nothing to change (give --note, --tag, --star, --grade or --hide)")
    with store.locked():  # --tag adds to the tags as they are now, not as they were when read
        if args.tag or args.untag:
            current = store.annotations(briefing.id).get(args.entry)
            tags = [t for t in (current.tags if current else ()) if t not in args.untag]
            changes["tags"] = tags + [t for t in args.tag if t not in tags]
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
    from .extract import ExtractionError, extract

    if len(args.files) != 1:
        raise BriefingError("extract: give one file (use 'import' for several)")
    text = read_article(args.files[0])
    try:
        briefing = extract(text, published=args.published, title=args.title, outlet=args.outlet,
                           path=None if args.files[0] == "-" else args.files[0])
    except ExtractionError as exc:
        raise BriefingError(f"{'standard input' if args.files[0] == '-' else args.files[0]}: {exc}") from None
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


def cmd_feed(args: argparse.Namespace) -> int:
    from rich.console import Console

    from . import feeds

    action = getattr(args, "feed_command", None)
    if action is None:
        raise BriefingError("feed: give an action: add, update, list or remove")
    store = _store(args)
    out = Console(markup=False, emoji=False, highlight=False)
    err = Console(stderr=True, markup=False, emoji=False, highlight=False)
    if action == "add":
        followed, count = feeds.add_feed(store, args.url, story=args.story)
        story = f", story {followed.story!r}" if followed.story else ""
        out.print(f"following {followed.title} <{followed.url}>{story}: {count} items; "
                  f"'briefing feed update' imports them", soft_wrap=True)
    elif action == "remove":
        gone = feeds.remove_feed(store, args.url)
        out.print(f"stopped following {gone.title} <{gone.url}>; its briefings stay", soft_wrap=True)
    elif action == "list":
        followed = feeds.list_feeds(store)
        if not followed:
            err.print("no feeds yet; follow one with 'briefing feed add URL'")
            return 0
        counts = feeds.item_counts(store)
        for f in followed:  # the URL whole, on its own line, to copy into 'feed remove'
            details = [f"story {f.story}"] if f.story else []
            details += [f"{counts.get(f.url, 0)} imported",
                        f"checked {(f.checked or 'never')[:16].replace('T', ' ')}"]
            if f.error:
                details.append(f"last error: {f.error}")
            out.print(f"{f.url}  {f.title}\n    " + " · ".join(details), soft_wrap=True)
    else:  # update
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("feeds", total=None)

            def on_progress(done: int, total: int, label: str) -> None:
                progress.update(task, completed=done, total=total, description=label[:50])

            summary = feeds.update_all(store, on_progress)
        for line in summary.failed:
            err.print(f"briefing: {line}", soft_wrap=True)
        for briefing_id in summary.briefings:
            print(briefing_id, flush=True)
        err.print(f"{summary}, {summary.seen} seen before")
        return EXIT_BAD_INPUT if summary.failed else 0
    return 0


# -- stories, identities, search, export, dossier -------------------------------


def cmd_story(args: argparse.Namespace) -> int:
    from . import search, stories

    action = getattr(args, "story_command", None)
    if action is None:
        raise BriefingError("story: give an action: new, add, list or show")
    store = _store(args)
    if action == "new":
        story = stories.create_story(store, args.name)
        print(f"made story {story.name!r}; add briefings with 'briefing story add'")
    elif action == "add":
        stories.get_story(store, args.name)
        ids = [store.resolve(i) for i in args.ids]
        story = stories.add_to_story(store, args.name, *ids, create=False)
        search.refresh(store)
        print(f"story {story.name!r}: {len(story.briefings)} briefings")
    elif action == "list":
        found = stories.list_stories(store)
        if not found:
            print("no stories yet; make one with 'briefing story new NAME'", file=sys.stderr)
        for story in found:
            print(f"{story.name}\t{len(story.briefings)} briefings")
    else:
        view = stories.open_story(store, args.name)
        if args.format == "json":
            print(json.dumps(stories.view_to_dict(view), indent=2, ensure_ascii=False))
        else:
            from .markdown import story_to_markdown

            sys.stdout.write(story_to_markdown(view))
        if view.missing:
            print(f"briefing: {len(view.missing)} briefings of the story are no longer in the store",
                  file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export, write_export

    if (args.id is None) == (args.story is None):
        raise BriefingError("export: give a briefing ID or --story NAME (one of them)")
    store = _store(args)
    result = export(store, args.format, briefing_id=args.id, story=args.story)
    if args.output:
        write_export(result, args.output)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    if result.skipped:
        print(f"briefing: left out {result.skipped} events without a resolved date", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from . import search

    store = _store(args)
    if args.rebuild:
        count = search.rebuild(store)
        print(f"search index rebuilt: {count} briefings", file=sys.stderr)
        if not args.query:
            return 0
    if not args.query:
        if args.save:
            raise BriefingError("search: give the QUERY to save")
        saved = search.views(store)
        if not saved:
            print("no saved searches; save one with 'briefing search QUERY --save NAME'", file=sys.stderr)
        for view in saved:
            print(f"{view.name}\t{view.query}")
        return 0
    search.refresh(store)
    hits = search.run(store, args.query, fresh=True)
    if args.save:
        view = search.save_view(store, args.save, args.query)
        print(f"saved search {view.name!r}", file=sys.stderr)
    from .sanitize import clean

    for hit in hits:
        entries = f"\t{len(hit.entries)} entries" if hit.entries else ""
        line = f"{hit.id}\t{hit.published or '?'}\t{hit.outlet or ''}\t{hit.title}{entries}"
        print(clean(line).replace("\n", " "))
    print(f"{len(hits)} briefing{'s' * (len(hits) != 1)}", file=sys.stderr)
    return 0


def cmd_actor(args: argparse.Namespace) -> int:
    from . import identities, search

    action = getattr(args, "actor_command", None)
    if action is None:
        raise BriefingError("actor: give an action: merge or split")
    store = _store(args)
    if action == "merge":
        decision = identities.merge(store, args.name_a, args.name_b)
        names = (decision.a, decision.b)
    else:
        decision = identities.split(store, args.name, args.alias)
        names = (decision.a, decision.b)
    search.refresh(store)
    for name in names:
        count = len(search.find_actor(store, {identities.name_key(name)}))
        if not count:
            print(f"briefing: no actor named {name!r} in the store yet; the decision applies when one "
                  f"is imported", file=sys.stderr)
    print(f"decided: {decision}; applied to every story, dossier and later import")
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    from . import search
    from .dossier import build

    store = _store(args)
    search.refresh(store)
    found = build(store, args.name)
    if args.format == "json":
        view = found.view
        doc = {
            "name": found.actor.name, "names": list(found.actor.names), "kind": found.actor.kind,
            "articles": [{"id": b.id, "title": b.title, "outlet": b.source.outlet,
                          "published": b.source.published} for b in found.articles],
            "events": [{"summary": e.event.summary, "when": e.when.text, "start": e.when.start,
                        "end": e.when.end, "reported_by": e.reported_by, "sources": [list(s) for s in e.sources]}
                       for e in found.events],
            "quotes": [{"text": q.quote.text, "sources": [list(s) for s in q.sources]} for q in found.quotes],
            "notes": [{"briefing": n.briefing_id, "title": view.title(n.briefing_id), **n.annotation.to_dict()}
                      for n in found.notes],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        from .markdown import dossier_to_markdown

        sys.stdout.write(dossier_to_markdown(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
