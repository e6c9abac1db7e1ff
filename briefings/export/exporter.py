"""Exporting a briefing, a story or an actor's dossier: the one entry point, ``export``.

Formats: Markdown for a colleague (``markdown``), our JSON to import back
(``interchange``), a CSV timeline (``spreadsheet``) and an iCalendar file
(``ics``); a dossier exports as Markdown only. Every format escapes what it
needs escaped. ``format_of`` reads the format from a file name's extension;
``write_export`` writes a file atomically, replacing only what it may.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import identities
from ..dossier import build as build_dossier
from ..errors import BriefingError
from ..identities import Decision
from ..model import Briefing
from ..store import Store
from ..store.atomic import write_atomic
from ..stories.cache import open_story
from ..stories.table import get_story, load_briefings
from ..stories.view import StoryView
from .ics import briefing_ics, story_ics
from .interchange import briefing_json, story_json
from .markdown import dossier_to_markdown, story_to_markdown, to_markdown
from .spreadsheet import briefing_csv, story_csv

FORMATS = ("markdown", "json", "csv", "ics")


@dataclass(frozen=True)
class Export:
    text: str
    skipped: int = 0  # events left out (iCalendar: no resolved date)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


def export_briefing(briefing: Briefing, fmt: str) -> Export:
    if fmt == "markdown":
        return Export(to_markdown(briefing))
    if fmt == "json":
        return Export(briefing_json(briefing))
    if fmt == "csv":
        return Export(briefing_csv(briefing))
    if fmt == "ics":
        return Export(*briefing_ics(briefing))
    raise BriefingError(f"export: unknown format {fmt!r} (use {', '.join(FORMATS)})")


def export_story(view: StoryView, fmt: str, decisions: Sequence[Decision] = ()) -> Export:
    """A story's merged view; its JSON holds the view's briefings (with the decisions applied)."""
    if fmt == "markdown":
        return Export(story_to_markdown(view))
    if fmt == "json":
        return Export(story_json(view.name, list(view.briefings.values()), decisions))
    if fmt == "csv":
        return Export(story_csv(view))
    if fmt == "ics":
        return Export(*story_ics(view))
    raise BriefingError(f"export: unknown format {fmt!r} (use {', '.join(FORMATS)})")


def export(store: Store, fmt: str, *, briefing_id: str | None = None, story: str | None = None,
           dossier: str | None = None) -> Export:
    """Export one briefing (id or unique prefix), one story or one actor's dossier from the store."""
    if sum(x is not None for x in (briefing_id, story, dossier)) != 1:
        raise BriefingError("export: give a briefing id or --story NAME")
    if dossier is not None:
        if fmt != "markdown":
            raise BriefingError(f"a dossier exports as markdown (.md), not {fmt}")
        return Export(dossier_to_markdown(build_dossier(store, dossier)))
    if story is not None:
        if fmt == "json":  # the briefings as stored, so an import gives them back exactly
            found = get_story(store, story)
            briefings, _missing = load_briefings(store, found.briefings)
            return Export(story_json(found.name, briefings, identities.decisions(store)))
        return export_story(open_story(store, story), fmt)
    return export_briefing(store.load(store.resolve(briefing_id)), fmt)


EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv", ".ics": "ics"}


def format_of(path: str | Path) -> str:
    """The export format a file name asks for by its extension."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise BriefingError(f"{path}: cannot tell the format; end the name with {', '.join(EXTENSIONS)}")
    return fmt


def write_export(result: Export, path: str | Path, *, overwrite: bool = False) -> None:
    """Write an export atomically: a colleague never opens half a file.

    An existing file is replaced only with ``overwrite``, and only a regular
    file of the user's own that they may write: never a symlink, a FIFO, a
    device or another user's file (a rename would replace any of them).
    """
    path = Path(path)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if found is not None:
        _replaceable(path, found, overwrite)
    try:
        write_atomic(path, result.data, replace=found is not None)
    except FileExistsError:
        raise BriefingError(f"{path}: already exists, not replaced (--force replaces it)") from None
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _replaceable(path: Path, found: os.stat_result, overwrite: bool) -> None:
    mode = found.st_mode
    if not stat.S_ISREG(mode):
        kind = "a symlink" if stat.S_ISLNK(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a folder" \
            if stat.S_ISDIR(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"
        raise BriefingError(f"{path}: {kind}, not replaced; export to a new file")
    if not overwrite:
        raise BriefingError(f"{path}: already exists, not replaced (--force replaces it)")
    if found.st_uid != os.getuid() or not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise BriefingError(f"{path}: read-only or another user's file, not replaced")
