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
    dossier_to_dict,
    extract_file,
    markdown_of,
    mend_store,
    store_path,
    view_to_dict,
)

from .terminal import err, one_line, out, print_json, progress_bar, say

EXIT_BAD_INPUT = 2


def _desk(args: argparse.Namespace, **options: bool) -> Desk:
    """The desk of the store the command names; what it does is kept in the store to undo
    (``briefing undo`` runs in a later process)."""
    return Desk(getattr(args, "store", None), stored_history=True, **options)


def _say_skipped(desk: Desk) -> None:
    """Name the damaged files a command left out (it worked on the rest of the store)."""
    skipped = desk.skipped()
    if not skipped:
        return
    for path, why in skipped.items():
        say(one_line(f"briefing: skipped {path}: {why}"))
    say(f"briefing: {len(skipped)} damaged file{'s' * (len(skipped) != 1)} left out; "
        f"'briefing doctor --restore' mends them")


def cmd_open(args: argparse.Namespace) -> int:
    desk = _desk(args, sweep=False)  # the app sweeps in a worker: start-up stays the same at any size
    desk.seed_sample()
    briefing_id = desk.resolve(args.id) if getattr(args, "id", None) else None
    from tui.app import run_app

    run_app(desk, briefing_id)
    return 0


# -- briefings ----------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    desk = _desk(args)
    rows = desk.library()
    if args.format == "json":
        print_json([r.__dict__ for r in rows])
    else:
        from rich.table import Table

        table = Table("id", "published", "outlet", "title", "events", "actors", "quotes", box=None)
        for r in rows:
            table.add_row(r.id, r.published or "?", r.outlet or "", r.title, str(r.events), str(r.actors),
                          str(r.quotes))
        out().print(table)
    _say_skipped(desk)
    if desk.interrupted_import():
        say("briefing: an import was interrupted; briefings it stored may be missing from this list: "
            "'briefing doctor --restore' lists them again")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    desk = _desk(args)
    if args.format == "json":
        print_json(desk.stored_briefing(args.id).to_dict())
    else:
        sys.stdout.write(markdown_of(desk.stored_briefing(args.id)))
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
    print(f"{briefing.id}: published {args.published}, {resolved} of {len(briefing.events)} events dated")
    _say_skipped(desk)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    root = getattr(args, "store", None)
    problems = check_store(root)
    for problem in problems:
        print(f"{problem.path}: {problem.what}")
    damage = [p for p in problems if not p.notice]
    if not damage:
        notices = len(problems)
        print(f"{store_path(root)}: healthy" + (f" ({notices} notice{'s' * (notices != 1)} above)" if notices else ""))
        return 0
    if not args.restore:
        say(f"{len(damage)} problem(s) to mend; run 'briefing doctor --restore' to mend them")
        return EXIT_BAD_INPUT
    repairs = mend_store(root, problems)
    for repair in repairs:
        print(f"{repair.path}: {repair.done}")
    left = [p for p in check_store(root) if not p.notice]
    for problem in left:
        print(f"{problem.path}: still {problem.what}")
    return 0 if all(r.mended for r in repairs) and not left else EXIT_BAD_INPUT


# -- articles in ----------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    if len(args.files) != 1:
        raise BriefingError("extract: give one file (use 'import' for several)")
    briefing = extract_file(args.files[0], published=args.published, title=args.title, outlet=args.outlet)
    if args.format == "json":
        print_json(briefing.to_dict(with_annotations=False))
    else:
        sys.stdout.write(markdown_of(briefing))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    desk = _desk(args)
    console = err()

    def stored(_name: str, briefing, is_new: bool) -> None:
        print(briefing.id, flush=True)
        if not is_new and (orphans := len(desk.orphans(briefing.id))):
            console.print(f"briefing: {briefing.id}: {orphans} annotation{'s' * (orphans != 1)} on entries this "
                          f"version no longer has; 'briefing orphans list {briefing.id}' shows where they may go",
                          soft_wrap=True)

    def failed(names: list[str], exc: BriefingError) -> None:
        more = f" ({len(names)} articles not stored)" if len(names) > 1 else ""
        console.print(f"briefing: {exc}{more}", soft_wrap=True)

    with progress_bar("importing", len(args.files)) as bar:
        report = desk.import_files(args.files, on_stored=stored, on_failed=failed, on_step=bar.advance,
                                   published=args.published, title=args.title, outlet=args.outlet)
    if len(args.files) > 1:
        console.print(f"imported {report.new} new, {report.updated} updated, {len(report.failed)} failed")
    return EXIT_BAD_INPUT if report.failed else 0


def cmd_feed(args: argparse.Namespace) -> int:
    action = getattr(args, "feed_command", None)
    if action is None:
        raise BriefingError("feed: give an action: add, update, list or remove")
    desk = _desk(args)
    if action == "add":
        followed, count = desk.follow_feed(args.url, story=args.story)
        story = f", story {followed.story!r}" if followed.story else ""
        out().print(f"following {followed.title} <{followed.url}>{story}: {count} items; "
                    f"'briefing feed update' imports them", soft_wrap=True)
    elif action == "remove":
        gone = desk.unfollow_feed(args.url)
        out().print(f"stopped following {gone.title} <{gone.url}>; its briefings stay", soft_wrap=True)
    elif action == "list":
        followed = desk.feeds()
        if not followed:
            err().print("no feeds yet; follow one with 'briefing feed add URL'")
            return 0
        counts = desk.feed_counts()
        for f in followed:  # the URL whole, on its own line, to copy into 'feed remove'
            details = [f"story {f.story}"] if f.story else []
            details += [f"{counts.get(f.url, 0)} imported",
                        f"checked {(f.checked or 'never')[:16].replace('T', ' ')}"]
            if f.error:
                details.append(f"last error: {f.error}")
            out().print(f"{f.url}  {f.title}\n    " + " · ".join(details), soft_wrap=True)
    else:  # update
        with progress_bar("feeds", None) as bar:
            summary = desk.update_feeds(bar.show)
        console = err()
        for line in summary.failed:
            console.print(f"briefing: {line}", soft_wrap=True)
        for briefing_id in summary.briefings:
            print(briefing_id, flush=True)
        console.print(f"{summary}, {summary.seen} seen before")
        return EXIT_BAD_INPUT if summary.failed else 0
    return 0


# -- stories, actors, search, export, dossier -------------------------------------------


def cmd_story(args: argparse.Namespace) -> int:
    action = getattr(args, "story_command", None)
    if action is None:
        raise BriefingError("story: give an action: new, add, list or show")
    desk = _desk(args)
    if action == "new":
        story = desk.create_story(args.name)
        print(f"made story {story.name!r}; add briefings with 'briefing story add'")
    elif action == "add":
        story = desk.add_to_story(args.name, *args.ids, create=False)
        print(f"story {story.name!r}: {len(story.briefings)} briefings")
        _say_skipped(desk)
    elif action == "list":
        found = desk.stories()
        if not found:
            say("no stories yet; make one with 'briefing story new NAME'")
        for story in found:
            print(f"{story.name}\t{len(story.briefings)} briefings")
    else:
        view = desk.open_story(args.name)
        if args.format == "json":
            print_json(view_to_dict(view))
        else:
            sys.stdout.write(markdown_of(view))
        if view.missing:
            say(f"briefing: {len(view.missing)} briefings of the story are no longer in the store")
        _say_skipped(desk)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if (args.id is None) == (args.story is None):
        raise BriefingError("export: give a briefing ID or --story NAME (one of them)")
    desk = _desk(args)
    subject = {"briefing_id": args.id} if args.id is not None else {"story": args.story}
    if args.output:
        result = desk.export_to(args.output, args.format, **subject)
    else:
        result = desk.export(args.format, **subject)
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    if result.skipped:
        say(f"briefing: left out {result.skipped} events without a resolved date")
    _say_skipped(desk)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    desk = _desk(args)
    if args.rebuild:
        say(f"search index rebuilt: {desk.rebuild_search()} briefings")
        if not args.query:
            return 0
    if not args.query:
        if args.save:
            raise BriefingError("search: give the QUERY to save")
        saved = desk.views()
        if not saved:
            say("no saved searches; save one with 'briefing search QUERY --save NAME'")
        for view in saved:
            print(f"{view.name}\t{view.query}")
        return 0
    hits = desk.search(args.query)
    if args.save:
        view = desk.save_view(args.save, args.query)
        say(f"saved search {view.name!r}")
    for hit in hits:
        entries = f"\t{len(hit.entries)} entries" if hit.entries else ""
        print(one_line(f"{hit.id}\t{hit.published or '?'}\t{hit.outlet or ''}\t{hit.title}{entries}"))
    say(f"{len(hits)} briefing{'s' * (len(hits) != 1)}")
    _say_skipped(desk)
    return 0


def cmd_actor(args: argparse.Namespace) -> int:
    action = getattr(args, "actor_command", None)
    if action is None:
        raise BriefingError("actor: give an action: merge or split")
    desk = _desk(args)
    if action == "merge":
        decision = desk.merge_actors(args.name_a, args.name_b)
    else:
        decision = desk.split_actor(args.name, args.alias)
    for name in (decision.a, decision.b):
        if not desk.knows_actor(name):
            say(f"briefing: no actor named {name!r} in the store yet; the decision applies when one is imported")
    print(f"decided: {decision}; applied to every story, dossier and later import")
    _say_skipped(desk)
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    desk = _desk(args)
    if args.format == "json":
        print_json(dossier_to_dict(desk.dossier(args.name)))
    else:
        sys.stdout.write(markdown_of(desk.dossier(args.name)))
    _say_skipped(desk)
    return 0
