"""The door into the core: everything a reader does with a store, in one place.

The app (``tui``) and the command line (``cli``) reach the core only through
``Desk`` and the model (``briefings.model``); an import-linter contract keeps
it so. Behind the door the core keeps its own derived data fresh (the search
index, the stories' kept views, the library's order): no caller ever
refreshes anything. Anything the reader can get wrong raises
``BriefingError`` with a one-line message; the store is then unchanged.

Every method reads or writes the store, some of them for seconds (a story of
500 articles, a many-file import, feeds): the app calls them from workers.
The types a caller receives (story views, dossiers, search hits, ...) are
named here too, so a caller imports them from the door.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING

from .errors import BriefingError, StoreError
from .lazy import Lazy, exports
from .model import Annotation, Briefing
from .sanitize import clean
from .store import (
    Changes,
    IndexRow,
    IndexRows,
    Library,
    ReadOnlyStore,
    Store,
    Watch,
    default_root,
)

if TYPE_CHECKING:
    from .doctor import Problem, Repair
    from .dossier import Dossier
    from .export.exporter import Export
    from .history import Done, History
    from .identities import Decision
    from .importing.batches import Failed, ImportReport, Stored
    from .importing.feeds import Feed, UpdateSummary
    from .search.find import Results
    from .search.saved import View
    from .store.reattach import Orphan
    from .stories.corroboration import Conflict
    from .stories.suggest import Suggestion
    from .stories.table import Story
    from .stories.view import StoryView

# The rooms behind the door are imported when first used, so that starting the
# app loads only what its library needs; the types they hand out are named here
# all the same (``from briefings.desk import StoryView``), imported when asked for.
_TYPES = {
    "Dossier": "dossier", "dossier_to_dict": "dossier", "Decision": "identities", "Export": "export.exporter",
    "Feed": "importing.feeds", "UpdateSummary": "importing.feeds", "ImportReport": "importing.batches",
    "Hit": "search.find", "QueryError": "search.query", "Results": "search.find", "View": "search.saved",
    "Story": "stories.table", "StoryActor": "stories.view", "StoryEvent": "stories.view",
    "StoryQuote": "stories.view", "StoryView": "stories.view", "Suggestion": "stories.suggest",
    "first_sources": "stories.view", "view_to_dict": "stories.view", "Problem": "doctor", "Repair": "doctor",
    "Done": "history", "Orphan": "store.reattach",
    "Conflict": "stories.corroboration", "StoryCheck": "stories.corroboration", "Version": "stories.corroboration",
    "added_by": "stories.corroboration", "check_of": "stories.corroboration", "is_resolved": "stories.corroboration",
}
__getattr__ = exports(__name__, _TYPES)

__all__ = [
    "Annotation", "Briefing", "BriefingError", "Changes", "Desk", "IndexRow", "IndexRows", "Lazy", "Library",
    "ReadOnlyStore", "StoreError", "Watch", "check_store", "clean", "extract_file", "is_store", "markdown_of",
    "mend_store", "published_date", "store_path", *_TYPES,
]


class Desk:
    """One reader's store, and everything they do with it."""

    def __init__(self, root: Path | str | None = None, *, create: bool = True, sweep: bool = True,
                 stored_history: bool = False) -> None:
        """Open (or create) the store at ``root`` (default: $BRIEFING_STORE or the user
        data folder). ``sweep`` removes what killed writers left, which lists the
        whole store: the app passes False and sweeps in a worker. The actions taken
        are kept to undo in memory, or in the store with ``stored_history`` (the
        command line: each command is a process of its own)."""
        from .search.follower import follow

        self._store = Store(root, create=create, sweep=sweep)
        self._stored_history = stored_history
        follow()  # the search index is kept in step with every write

    @cached_property
    def _history(self) -> History:
        from .history import History, MemoryLog, StoredLog

        return History(self._store, StoredLog(self._store) if self._stored_history else MemoryLog())

    @property
    def root(self) -> Path:
        return self._store.root

    # -- the store --------------------------------------------------------------

    def sweep(self) -> int:
        """Delete the temporary files killed writers left behind; returns how many."""
        return self._store.sweep()

    def skipped(self) -> dict[Path, str]:
        """The damaged files reads left out so far (the rest of the store was read),
        with what is wrong with each: a command says how many, ``doctor`` mends them."""
        return dict(self._store.skipped)

    def interrupted_import(self) -> bool:
        """Whether an import was killed before the library listed what it stored."""
        return self._store.interrupted_import()

    def seed_sample(self) -> None:
        """Put the bundled sample in a store used for the first time, never again after."""
        from .importing.sample import seed_if_new

        seed_if_new(self._store)

    def sole_briefing(self) -> str | None:
        """The id of the only briefing, None when there are none or several."""
        return self._store.sole_briefing()

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of a briefing given its id or a unique prefix of it."""
        return self._store.resolve(id_or_prefix)

    def library(self, *, whole: bool = False) -> Library:
        """Every briefing's index row, newest publication first, read as they are shown
        (a page at a time from the search index when it is ready); ``whole``: read
        at once from the index shards, each checked (a command listing them all)."""
        if whole:
            return self._store.list()
        from .search.library import rows_of

        return rows_of(self._store)

    def watch(self, briefing_ids: Iterable[str] = (), stamps: dict | None = None) -> Watch:
        """A look at the store, to ask ``changes`` about later (``stamps``: those the
        briefings were read at, as a story view keeps them)."""
        return self._store.watch(briefing_ids, stamps)

    def changes(self, since: Watch) -> Changes:
        """What anyone (this process, the CLI, a second app) changed since a look."""
        return self._store.changes(since)

    # -- briefings ----------------------------------------------------------------

    def briefing(self, briefing_id: str) -> Briefing:
        """A briefing with its annotations, as the reader's actor merges and splits say,
        safe to show (``gate.shown``)."""
        from .gate import shown
        from .identities import apply_decisions

        return shown(apply_decisions(self._store, self._store.load(briefing_id)))

    def stored_briefing(self, id_or_prefix: str) -> Briefing:
        """A briefing with its annotations, exactly as stored (what ``show`` prints)."""
        return self._store.load(self._store.resolve(id_or_prefix))

    def annotations(self, briefing_id: str) -> dict[str, Annotation]:
        return self._store.annotations(briefing_id)

    def tags(self) -> list[str]:
        """Every tag used in the store, for completion."""
        return self._store.tags()

    def mark_read(self, briefing_id: str) -> None:
        self._store.mark_read(briefing_id)

    # -- importing ----------------------------------------------------------------

    def import_article(self, name: str, **options: str | None) -> tuple[Briefing, bool]:
        """Extract one article (a file, ``-``, a saved page or a URL) and store it;
        returns the briefing and whether it was new. Options: published, title, outlet."""
        from .importing.articles import import_article

        return import_article(self._store, name, **options)

    def import_files(self, names: Sequence[str], *, on_stored: Stored, on_failed: Failed,
                     on_step: Callable[[], None] = lambda: None, jobs: int | None = None,
                     **options: str | None) -> ImportReport:
        """Import many articles, 32 stored at a time; each is reported once durable.
        ``jobs`` processes extract them (None: one per core; 1: this one)."""
        from .importing.batches import import_files

        return import_files(self._store, names, on_stored=on_stored, on_failed=on_failed, on_step=on_step,
                            jobs=jobs, **options)

    def set_published(self, briefing_id: str, published: str | None) -> Briefing:
        """Give a briefing its publication date and resolve its timeline against it. Undone by ``undo``."""
        from .history import Dated
        from .importing.articles import set_published

        with self._store.locked():
            before = self._store.entries(briefing_id)
            briefing = set_published(self._store, briefing_id, published)
        if before.source.published != briefing.source.published:
            self._history.record(Dated(briefing_id, briefing.title, before.source.published,
                                       briefing.source.published))
        return briefing

    def feeds(self) -> list[Feed]:
        from .importing.feeds import list_feeds

        return list_feeds(self._store)

    def feed_counts(self) -> dict[str, int]:
        """How many items of each feed (by URL) have been imported."""
        from .importing.feeds import item_counts

        return item_counts(self._store)

    def follow_feed(self, url: str, *, story: str | None = None) -> tuple[Feed, int]:
        """Follow a feed (or the feed a page links to); returns it and how many items it holds."""
        from .importing.feeds import add_feed

        return add_feed(self._store, url, story=story)

    def unfollow_feed(self, url: str) -> Feed:
        from .importing.feeds import remove_feed

        return remove_feed(self._store, url)

    def update_feeds(self, on_progress: Callable[[int, int, str], None] | None = None, *,
                     cancel: Event | None = None,
                     on_stored: Callable[[list[str]], None] | None = None) -> UpdateSummary:
        """Import the new items of every feed, 32 stored at a time (``on_stored(ids)`` once
        each batch is durable); never raises for one bad feed or page."""
        from .importing.feeds import update_all

        return update_all(self._store, on_progress, cancel=cancel, on_stored=on_stored)

    # -- annotating ---------------------------------------------------------------

    def annotate(self, briefing_id: str, entry_id: str, *, add_tags: Iterable[str] = (),
                 remove_tags: Iterable[str] = (), **changes: object) -> Annotation:
        """Change some fields of one entry's annotation (note, tags, starred, grade,
        hidden); returns it as saved. ``add_tags`` and ``remove_tags`` change the tags
        as they are stored now (another process may have tagged the entry since it
        was read). Undone by ``undo``."""
        from .history import Annotated

        briefing = self._store.entries(briefing_id)
        if entry_id not in briefing.entry_ids():
            raise BriefingError(f"briefing {briefing_id} has no entry {entry_id!r}")
        add, remove = list(add_tags), set(remove_tags)
        with self._store.locked():
            before = self._store.annotations(briefing_id).get(entry_id) or Annotation()
            if add or remove:
                tags = [t for t in before.tags if t not in remove]
                changes["tags"] = tags + [t for t in add if t not in tags]
            after = self._store.annotate(briefing_id, entry_id, **changes)
        self._history.record(Annotated.of(briefing, entry_id, before, after))
        return after

    def undo(self) -> Done | None:
        """Take back the latest action taken through this desk (an annotation, a hide, an
        actor merge or split, a date, briefings added to a story; with ``stored_history``,
        the latest of the command line), as a change to what is stored now: what others
        wrote since stays. Returns what was undone (its ``message`` names it); None when
        there is nothing to undo."""
        return self._history.undo()

    def redo(self) -> Done | None:
        """Do again the latest action undone; None when there is none."""
        return self._history.redo()

    # -- orphaned annotations -----------------------------------------------------

    def orphans(self, briefing_id: str | None = None) -> list[Orphan]:
        """The annotations on entries their briefing no longer has (a re-import changed
        them and none was alike enough to follow): of one briefing, or of every one."""
        ids = [briefing_id] if briefing_id else sorted(p.stem for p in self._store.layout.annotations.glob("*.json"))
        found = []
        for bid in ids:
            if self._store.exists(bid):
                try:
                    found += self._store.orphans(bid)
                except StoreError as exc:
                    if briefing_id:
                        raise
                    self._store.skip(self._store.layout.annotations_of(bid), str(exc))
        return found

    def attach_orphan(self, briefing_id: str, orphan: str, entry_id: str) -> Annotation:
        """Put an orphaned annotation on an entry of its briefing (with the entry's own)."""
        return self._store.attach(briefing_id, orphan, entry_id)

    def drop_orphan(self, briefing_id: str, orphan: str) -> Annotation:
        """Forget an orphaned annotation (the annotations file's backups keep it)."""
        return self._store.drop_orphan(briefing_id, orphan)

    # -- actors -------------------------------------------------------------------

    def merge_actors(self, name_a: str, name_b: str) -> Decision:
        """The actors named A and B are one, shown as A: in every briefing, story, dossier and
        later import. Undone by ``undo``."""
        from .identities import checked_name, merge

        for name in (checked_name(name_a, "actor merge"), checked_name(name_b, "actor merge")):
            self._require_actor(name, "actor merge")
        return self._decided(merge(self._store, name_a, name_b))

    def split_actor(self, name: str, alias: str) -> Decision:
        """ALIAS is not a name of NAME: it becomes an actor of its own, everywhere. Undone by ``undo``."""
        from .identities import checked_name, split
        from .names import name_key
        from .search.find import aliases

        name, alias = checked_name(name, "actor split"), checked_name(alias, "actor split")
        self._require_actor(name, "actor split")
        if name_key(alias) not in aliases(self._store, {name_key(name)}):
            raise BriefingError(f"actor split: {alias!r} is not a name of {name!r} in any briefing")
        return self._decided(split(self._store, name, alias))

    def set_actor_kind(self, name: str, kind: str) -> Decision:
        """The actor named NAME is of this kind (person, company, ...): everywhere, later imports
        too. Undone by ``undo``."""
        from .identities import checked_name, set_kind

        self._require_actor(checked_name(name, "actor kind"), "actor kind")
        return self._decided(set_kind(self._store, name, kind))

    def actor_rules(self) -> list[Decision]:
        """The reader's merges, splits and kinds, in the order they were made (each with its id)."""
        from .identities import decisions

        return decisions(self._store)

    def forget_actor_rule(self, rule_id: int) -> Decision:
        """Take one rule back (by its id in ``actor_rules``); the others still apply. Undone by ``undo``."""
        from .history import Forgot, recount_touched
        from .identities import forget

        rule = next((d for d in self.actor_rules() if d.id == rule_id), None)
        if rule is None:
            raise BriefingError(f"no actor rule {rule_id} (briefing actor rules lists them)")
        forget(self._store, rule_id)
        self._history.record(Forgot.of(rule))
        recount_touched(self._store, rule)
        return rule

    def knows_actor(self, name: str) -> bool:
        """Whether some stored briefing has an actor of this name (or alias)."""
        from .names import name_key
        from .search.find import find_actor

        return bool(find_actor(self._store, {name_key(name)}))

    def _require_actor(self, name: str, what: str) -> None:
        if not self.knows_actor(name):
            raise BriefingError(f"{what}: no actor named {name!r} in any briefing")

    def _decided(self, decision: Decision) -> Decision:
        """A rule was made: kept to undo, and the library counts the briefings it touches as shown now."""
        from .history import Decided, recount_touched

        self._history.record(Decided.of(decision))
        recount_touched(self._store, decision)
        return decision

    def dossier(self, name: str, *, start: tuple[str, str] | None = None) -> Dossier:
        """Everything the store knows of the actor named ``name``; ``start`` (briefing id,
        actor id) is the actor the reader opened it from."""
        from .dossier import build

        return build(self._store, name, start=start)

    # -- stories ------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, in the order they were made."""
        from .stories.table import list_stories

        return list_stories(self._store)

    def create_story(self, name: str) -> Story:
        from .stories.table import create_story

        return create_story(self._store, name)

    def add_to_story(self, name: str, *briefing_ids: str, create: bool = True) -> Story:
        """Put briefings (ids or unique prefixes) in a story, made when missing unless ``create``
        is False. Undone by ``undo``."""
        from .history import added_to_story
        from .stories.table import add_to_story

        ids = tuple(self._store.resolve(i) for i in briefing_ids)
        story, action = added_to_story(self._store, name, ids,
                                       lambda: add_to_story(self._store, name, *ids, create=create))
        self._history.record(action)
        return story

    def delete_story(self, name: str) -> None:
        """Forget a story and its kept view; its briefings stay."""
        from .stories.cache import forget
        from .stories.table import delete_story

        delete_story(self._store, name)
        forget(self._store, name)

    def open_story(self, name: str, on_merge: Callable[[Story], None] | None = None) -> StoryView:
        """A story's merged view; ``on_merge(story)`` is called first when it must be
        merged again (hundreds of articles take a second)."""
        from .stories.cache import open_story

        return open_story(self._store, name, on_merge)

    def check_story(self, name: str) -> dict:
        """Where a story's sources differ and agree: its conflicts (date, number, speaker) with
        every version, its single-source entries and each event's first report (plain data)."""
        from .stories.corroboration import report

        return report(self.open_story(name))

    def resolve_conflict(self, conflict: Conflict, note: str | None = None, *, resolved: bool = True) -> Annotation:
        """Mark a conflict of a story resolved, with a note when given (or no longer resolved,
        the note kept): an annotation on its first version's entry, kept on re-import and
        undone by ``undo``."""
        from .stories.corroboration import RESOLVED_TAG

        tags = {"add_tags": [RESOLVED_TAG]} if resolved else {"remove_tags": [RESOLVED_TAG]}
        return self.annotate(*conflict.target, **tags, **({"note": note} if note is not None else {}))

    def suggest_stories(self, briefing_id: str) -> list[Suggestion]:
        """The stories a briefing shares the most actors with, best first."""
        from .stories.suggest import suggest_stories

        return suggest_stories(self._store, self._store.load(briefing_id))

    # -- search -------------------------------------------------------------------

    def search(self, query: str) -> Results:
        """The briefings matching a query, best first (newest first for filters alone),
        counted; the index is built first if it is not ready. QueryError for a
        query to fix."""
        from .search.find import search

        return search(self._store, query)

    def search_as_you_type(self, query: str, *, rank_all: bool = False) -> Results:
        """The same, never waiting for the index to be built: while ``prepare_search``
        builds it, the hits are those of what it holds so far (``Results.ready``).
        So that each key answers at once, more hits than ``RANK_LIMIT`` (2,000) are
        listed newest first (``Results.ranked`` False), unless ``rank_all``."""
        from .search.find import RANK_LIMIT, search

        return search(self._store, query, build=False, rank_limit=None if rank_all else RANK_LIMIT)

    def prepare_search(self, on_progress: Callable[[int, int], None] | None = None) -> None:
        """Make the search index ready: built (or completed) from the briefing files when
        it is missing, damaged or of another version, about three minutes per 100,000 briefings;
        ``on_progress(indexed, stored)`` as it goes. Nothing to do when ready."""
        from .search.upkeep import ensure

        ensure(self._store, on_progress)

    def rebuild_search(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Make the search index again from the briefing files; returns how many it holds."""
        from .search.upkeep import rebuild

        return rebuild(self._store, on_progress)

    def views(self) -> list[View]:
        """The saved searches, in the order they were saved."""
        from .search.saved import views

        return views(self._store)

    def save_view(self, name: str, query: str) -> View:
        from .search.saved import save_view

        return save_view(self._store, name, query)

    def delete_view(self, name: str) -> None:
        from .search.saved import delete_view

        delete_view(self._store, name)

    # -- export -------------------------------------------------------------------

    def export(self, fmt: str, *, briefing_id: str | None = None, story: str | None = None,
               dossier: str | None = None) -> Export:
        """One briefing (id or unique prefix), story or dossier as markdown, json, csv or ics."""
        from .export.exporter import export

        return export(self._store, fmt, briefing_id=briefing_id, story=story, dossier=dossier)

    @staticmethod
    def export_format(path: Path | str) -> str:
        """The format a file name asks for by its extension (BriefingError when it names none)."""
        from .export.exporter import format_of

        return format_of(path)

    def export_to(self, path: Path, fmt: str | None = None, *, overwrite: bool = False, **subject: str) -> Export:
        """Export to a file, written atomically; the format from its extension unless given.
        An existing file is replaced only with ``overwrite`` (and never a symlink, FIFO or device)."""
        from .export.exporter import format_of, write_export

        result = self.export(fmt or format_of(path), **subject)
        write_export(result, path, overwrite=overwrite)
        return result


# -- what needs no store ------------------------------------------------------------


def extract_file(name: str, **options: str | None) -> Briefing:
    """The briefing of one article (a file, ``-`` for standard input, a saved page or a
    URL), extracted, not stored."""
    from .importing.articles import read_briefing

    return read_briefing(name, **options)


def published_date(value: str) -> str:
    """A publication date as YYYY-MM-DD within the range the store takes; BriefingError otherwise."""
    from .gate import published

    return published(value)


def markdown_of(subject: Briefing | StoryView | Dossier) -> str:
    """A briefing (stored or just extracted), a story or a dossier as Markdown."""
    from .dossier import Dossier
    from .export.markdown import dossier_to_markdown, story_to_markdown, to_markdown
    from .stories.view import StoryView

    if isinstance(subject, StoryView):
        return story_to_markdown(subject)
    if isinstance(subject, Dossier):
        return dossier_to_markdown(subject)
    return to_markdown(subject)


def is_store(root: Path | str) -> bool:
    """Whether a folder holds a store already (opening it then makes nothing new)."""
    from .store.layout import Layout

    return Layout(Path(root)).meta.exists()


def store_path(root: Path | str | None) -> Path:
    """The store folder a command means: ``root``, else $BRIEFING_STORE or the user data folder."""
    return Path(root) if root is not None else default_root()


def check_store(root: Path | str | None) -> list[Problem]:
    """Everything wrong in a store, file by file (StoreError when ``root`` holds no store)."""
    from .doctor import examine

    return examine(store_path(root))


def mend_store(root: Path | str | None, problems: list[Problem]) -> list[Repair]:
    """Mend what ``check_store`` found; returns what was done to each file."""
    from .doctor import restore

    return restore(store_path(root), problems)
