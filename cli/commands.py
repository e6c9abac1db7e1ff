"""What each ``briefing`` command does: read its arguments, ask the desk, print.

Every command opens the store through ``briefings.desk.Desk`` and prints
through ``terminal``; a ``BriefingError`` raised anywhere becomes one line and
exit status 2 in ``main``.
"""

from __future__ import annotations

import argparse
import sys

from briefings.desk import (
    BriefingError,
    Desk,
    check_store,
    extract_file,
    is_store,
    markdown_of,
    mend_store,
    store_path,
)

from .terminal import (
    count,
    line,
    one_line,
    out,
    print_check,
    print_hit,
    print_json,
    print_markdown,
    progress_bar,
    say,
    write_bytes,
)

EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a command ended by SIGPIPE


EXIT_SOME_REFUSED = 1  # import: some articles stored, some refused


def _desk(args: argparse.Namespace, **options: bool) -> Desk:
    """The store the command means; a new one is made (in a folder that exists) with the
    bundled sample in it. ``main`` says so once the command succeeded, and takes the new
    store away again if it failed: a failed command leaves nothing behind. What the
    command does is kept in the store to undo (``briefing undo`` runs in a later process).
    A command that only reads passes ``sweep=False``: a killed writer's temporary files
    harm no read, and finding them lists the whole store (half a second at 100,000
    briefings); the next write sweeps them."""
    given = getattr(args, "store", None)
    root = store_path(given)
    new = not is_store(root)
    if new and given is not None and not root.parent.is_dir():
        raise BriefingError(f"--store {given}: no folder {str(root.parent)!r} to make the store in; "
                            f"make it first or name another")
    folder_there = root.is_dir()  # an empty folder made for the store: kept if the command fails
    desk = Desk(root, stored_history=True, **options)
    if new:
        args.made_store = (root, folder_there)
        desk.seed_sample()
    return desk


def settle_new_store(args: argparse.Namespace, succeeded: bool) -> None:
    """A store made by this command: said on success, taken away on failure (it held nothing of the reader's)."""
    made = getattr(args, "made_store", None)
    if made is None:
        return
    root, folder_there = made
    if succeeded:
        say(f"briefing: made a new store in {root} (with the bundled sample)")
        return
    import shutil

    for made_here in (list(root.iterdir()) if folder_there else [root]):
        if made_here.is_dir():
            shutil.rmtree(made_here, ignore_errors=True)
        else:
            made_here.unlink(missing_ok=True)


def _say_skipped(desk: Desk) -> None:
    """Name the damaged files a command left out (it worked on the rest of the store)."""
    skipped = desk.skipped()
    if not skipped:
        return
    for path, why in skipped.items():
        say(f"briefing: skipped {path}: {why}")
    say(f"briefing: {count(len(skipped), 'damaged file')} left out; 'briefing doctor --restore' mends them")


def cmd_open(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BriefingError("the app needs a terminal; try 'briefing list' or 'briefing --help'")
    desk = _desk(args, sweep=False)  # the app sweeps in a worker: start-up stays the same at any size
    desk.seed_sample()
    briefing_id = desk.resolve(args.id) if getattr(args, "id", None) else None
    from tui.app import run_app

    run_app(desk, briefing_id)
    return 0


# -- briefings ----------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    desk = _desk(args, sweep=False)  # only reads
    rows = desk.library(whole=True)
    if args.format == "json":
        print_json([r.__dict__ for r in rows])
    elif not sys.stdout.isatty():  # to a pipe or a file: one briefing a line, tab-separated
        for r in rows:
            line(f"{r.id}\t{r.published or '?'}\t{r.outlet or ''}\t{r.title}\t{r.events}\t{r.actors}\t{r.quotes}")
    else:
        from rich.table import Table

        table = Table("id", "published", "outlet", "title", "events", "actors", "quotes", box=None)
        for r in rows:
            table.add_row(*map(one_line, (r.id, r.published or "?", r.outlet or "", r.title)),
                          str(r.events), str(r.actors), str(r.quotes))
        out().print(table)
    _say_skipped(desk)
    if desk.interrupted_import():
        say("briefing: an import was interrupted; briefings it stored may be missing from this list: "
            "'briefing doctor --restore' lists them again")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    desk = _desk(args, sweep=False)  # only reads
    if args.format == "json":
        print_json(desk.stored_briefing(args.id).to_dict())
    else:
        print_markdown(markdown_of(desk.stored_briefing(args.id)))
    _say_skipped(desk)
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    desk = _desk(args)
    briefing_id = desk.resolve(args.id)
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
    saved = desk.annotate(briefing_id, args.entry, add_tags=args.tag, remove_tags=args.untag, **changes)
    print_json(saved.to_dict(), indent=None)
    _say_skipped(desk)
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    """``undo`` and ``redo``: the latest action of the command line, taken back or done again."""
    desk = _desk(args)
    done = desk.undo() if args.command == "undo" else desk.redo()
    if done is None:
        raise BriefingError(f"{args.command}: nothing to {args.command}")
    print(one_line(done.message))
    return 0


def cmd_orphans(args: argparse.Namespace) -> int:
    desk = _desk(args)
    action = getattr(args, "orphans_command", None) or "list"
    if action == "attach":
        briefing_id = desk.resolve(args.id)
        saved = desk.attach_orphan(briefing_id, args.orphan, args.entry)
        print_json(saved.to_dict(), indent=None)
        return 0
    if action == "drop":
        desk.drop_orphan(desk.resolve(args.id), args.orphan)
        say(f"dropped the annotation on {args.orphan}; 'briefing doctor --restore' cannot bring it back, "
            f"the backups in the store's backups/ folder can")
        return 0
    briefing_id = desk.resolve(args.id) if getattr(args, "id", None) else None
    found = desk.orphans(briefing_id)
    for orphan in found:
        a = orphan.annotation
        marks = [m for m in ("★" if a.starred else "", a.grade or "", "hidden" if a.hidden else "",
                             " ".join(f"#{t}" for t in a.tags)) if m]
        print(one_line(f"{orphan.briefing_id}\t{orphan.entry_id}\t{a.note or '-'}\t{' '.join(marks)}\t"
                       f"was {orphan.was}"))
        for score, entry, text in orphan.candidates(desk.stored_briefing(orphan.briefing_id), limit=3):
            print(one_line(f"\t  may go on {entry} ({score:.0%} alike): {text}"))
    say(f"{len(found)} orphaned annotation{'s' * (len(found) != 1)}"
        + ("; 'briefing orphans attach ID ORPHAN ENTRY' places one, 'briefing orphans drop ID ORPHAN' forgets it"
           if found else ""))
    _say_skipped(desk)
    return 0


def cmd_date(args: argparse.Namespace) -> int:
    desk = _desk(args)
    briefing = desk.set_published(desk.resolve(args.id), args.published)
    resolved = sum(e.when.resolved for e in briefing.events)
    line(f"{briefing.id}: published {args.published}, {resolved} of {len(briefing.events)} events dated")
    _say_skipped(desk)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    root = getattr(args, "store", None)
    problems = check_store(root)
    for problem in problems:
        line(f"{problem.path}: {problem.what}")
    damage = [p for p in problems if not p.notice]
    if not damage:
        notices = len(problems)
        line(f"{store_path(root)}: healthy" + (f" ({count(notices, 'notice')} above)" if notices else ""))
        return 0
    if not args.restore:
        say(f"{len(damage)} problem(s) to mend; run 'briefing doctor --restore' to mend them")
        return EXIT_BAD_INPUT
    repairs = mend_store(root, problems)
    for repair in repairs:
        line(f"{repair.path}: {repair.done}")
    left = [p for p in check_store(root) if not p.notice]
    for problem in left:
        line(f"{problem.path}: still {problem.what}")
    return 0 if all(r.mended for r in repairs) and not left else EXIT_BAD_INPUT


# -- articles in ----------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    if len(args.files) != 1:
        raise BriefingError("extract: give one file (use 'import' for several)")
    briefing = extract_file(args.files[0], published=args.published, title=args.title, outlet=args.outlet)
    if args.format == "json":
        print_json(briefing.to_dict(with_annotations=False))
    else:
        print_markdown(markdown_of(briefing))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    desk = _desk(args)

    def stored(_name: str, briefing, is_new: bool) -> None:
        line(briefing.id)
        if not is_new and (orphans := len(desk.orphans(briefing.id))):
            say(f"briefing: {briefing.id}: {count(orphans, 'annotation')} on entries this version no longer "
                f"has; 'briefing orphans list {briefing.id}' shows where they may go")

    def failed(names: list[str], exc: BriefingError) -> None:
        more = f" ({len(names)} articles not stored)" if len(names) > 1 else ""
        say(f"briefing: {exc}{more}")

    with progress_bar("importing", len(args.files)) as bar:
        report = desk.import_files(args.files, on_stored=stored, on_failed=failed, on_step=bar.advance,
                                   jobs=args.jobs, published=args.published, title=args.title, outlet=args.outlet)
    if len(args.files) > 1:
        say(f"imported {report.new} new, {report.updated} updated, {len(report.failed)} failed")
    if not report.failed:
        return 0
    return EXIT_SOME_REFUSED if report.new + report.updated else EXIT_BAD_INPUT


def cmd_feed(args: argparse.Namespace) -> int:
    action = getattr(args, "feed_command", None)
    if action is None:
        raise BriefingError("feed: give an action: add, update, list or remove")
    desk = _desk(args)
    if action == "add":
        followed, count = desk.follow_feed(args.url, story=args.story)
        story = f", story {followed.story!r}" if followed.story else ""
        line(f"following {followed.title} <{followed.url}>{story}: {count} items; "
             f"'briefing feed update' imports them")
    elif action == "remove":
        gone = desk.unfollow_feed(args.url)
        line(f"stopped following {gone.title} <{gone.url}>; its briefings stay")
    elif action == "list":
        followed = desk.feeds()
        if not followed:
            say("no feeds yet; follow one with 'briefing feed add URL'")
            return 0
        counts = desk.feed_counts()
        for f in followed:  # the URL whole, on its own line, to copy into 'feed remove'
            details = [f"story {f.story}"] if f.story else []
            details += [f"{counts.get(f.url, 0)} imported",
                        f"checked {(f.checked or 'never')[:16].replace('T', ' ')}"]
            if f.error:
                details.append(f"last error: {f.error}")
            line(f"{f.url}  {f.title}")
            line("    " + " · ".join(details))
    else:  # update
        def stored(ids: list[str]) -> None:  # once each batch is durable, as import does
            for briefing_id in ids:
                line(briefing_id)

        with progress_bar("feeds", None) as bar:
            summary = desk.update_feeds(bar.show, on_stored=stored)
        for failure in summary.failed:
            say(f"briefing: {failure}")
        say(f"{summary}, {summary.seen} seen before")
        return EXIT_BAD_INPUT if summary.failed else 0
    return 0


# -- stories, actors, search, export, dossier -------------------------------------------


def cmd_story(args: argparse.Namespace) -> int:
    action = getattr(args, "story_command", None)
    if action is None:
        raise BriefingError("story: give an action: new, add, list, show or check")
    desk = _desk(args)
    if action == "new":
        story = desk.create_story(args.name)
        line(f"made story {story.name!r}; add briefings with 'briefing story add'")
    elif action == "add":
        story = desk.add_to_story(args.name, *args.ids, create=False)
        line(f"story {story.name!r}: {count(len(story.briefings), 'briefing')}")
        _say_skipped(desk)
    elif action == "check":
        found = desk.check_story(args.name)
        if args.format == "json":
            print_json(found)
        else:
            print_check(found)
    elif action == "list":
        found = desk.stories()
        if not found:
            say("no stories yet; make one with 'briefing story new NAME'")
        for story in found:
            line(f"{story.name}\t{count(len(story.briefings), 'briefing')}")
    else:
        view = desk.open_story(args.name)
        if args.format == "json":
            from briefings.desk import view_to_dict  # not at start-up: it brings the stories' merge

            print_json(view_to_dict(view))
        else:
            print_markdown(markdown_of(view))
        if view.missing:
            say(f"briefing: {len(view.missing)} briefings of the story are no longer in the store")
        _say_skipped(desk)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if (args.id is None) == (args.story is None):
        raise BriefingError("export: give a briefing ID or --story NAME (one of them)")
    desk = _desk(args, sweep=False)  # only reads
    subject = {"briefing_id": args.id} if args.id is not None else {"story": args.story}
    fmt = "markdown" if args.format == "md" else args.format
    if args.output:
        result = desk.export_to(args.output, fmt, overwrite=args.force, **subject)
    else:
        if fmt is None:
            raise BriefingError("export: give --format (markdown, json, csv or ics), or -o FILE with one of "
                                ".md .json .csv .ics")
        result = desk.export(fmt, **subject)
        write_bytes(result.data)
    if result.skipped:
        say(f"briefing: left out {result.skipped} events without a resolved date")
    _say_skipped(desk)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    desk = _desk(args, sweep=bool(args.save))  # only reads, unless it saves a view
    if args.rebuild:
        with progress_bar("indexing", None) as bar:
            say(f"search index rebuilt: {desk.rebuild_search(lambda done, total: bar.show(done, total, 'indexing'))} "
                f"briefings")
        if not args.query:
            return 0
    if not args.query:
        if args.save:
            raise BriefingError("search: give the QUERY to save")
        saved = desk.views()
        if not saved:
            say("no saved searches; save one with 'briefing search QUERY --save NAME'")
        for view in saved:
            line(f"{view.name}\t{view.query}")
        return 0
    if args.limit < 1:
        raise BriefingError(f"search: --limit needs a number above 0, not {args.limit}")
    with progress_bar("indexing", None) as bar:  # shown only when the index has to be built
        desk.prepare_search(lambda done, total: bar.show(done, total, "indexing"))
    hits = desk.search(args.query)
    if args.save:
        view = desk.save_view(args.save, args.query)
        say(f"saved search {view.name!r}")
    shown = len(hits) if args.all else min(args.limit, len(hits))
    for hit in hits[:shown]:
        print_hit(hit)
    best = "best" if hits.ranked else "newest"
    more = f" (the {best} {shown} shown; --limit N or --all for more)" if shown < len(hits) else ""
    say(count(len(hits), "briefing") + more)
    _say_skipped(desk)
    return 0


def cmd_actor(args: argparse.Namespace) -> int:
    action = getattr(args, "actor_command", None)
    if action is None:
        raise BriefingError("actor: give an action: merge, split, kind, rules or forget")
    desk = _desk(args)
    if action == "rules":
        rules = desk.actor_rules()
        if not rules:
            say("no actor rules yet; 'briefing actor merge', 'split' and 'kind' make them")
        for rule in rules:
            line(f"{rule.id}\t{rule}\t{(rule.made or '')[:10]}")
        return 0
    if action == "forget":
        rule = desk.forget_actor_rule(args.rule)
        line(f"forgot rule {args.rule}: {rule}")
        return 0
    if action == "merge":
        decision = desk.merge_actors(args.name_a, args.name_b)
    elif action == "split":
        decision = desk.split_actor(args.name, args.alias)
    else:
        decision = desk.set_actor_kind(args.name, args.kind)
    line(f"rule {decision.id}: {decision}; applied to every story, dossier and later import")
    _say_skipped(desk)
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    desk = _desk(args, sweep=False)  # only reads
    if args.format == "json":
        from briefings.desk import dossier_to_dict  # not at start-up: it brings the dossier

        print_json(dossier_to_dict(desk.dossier(args.name)))
    else:
        print_markdown(markdown_of(desk.dossier(args.name)))
    _say_skipped(desk)
    return 0
