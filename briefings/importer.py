"""``briefing import``: articles in, briefings stored, one id per line out.

Ids go to standard output so scripts can read them; progress, errors and the
summary go to standard error. A bad file is reported and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .articles import read_article
from .errors import BriefingError
from .model import Briefing
from .store import Store


def import_article(store: Store, name: str, *, published: str | None = None,
                   title: str | None = None, outlet: str | None = None) -> tuple[Briefing, bool]:
    """Extract one article file and store it; returns the briefing and whether it was new.

    Re-importing keeps the reader's annotations (they are stored apart) and the
    publication date set earlier when none is given now.
    """
    from .extract import ExtractionError, extract

    text = read_article(name)
    path = None if name == "-" else str(Path(name).resolve())
    try:
        briefing = extract(text, published=published, title=title, outlet=outlet, path=path)
    except ExtractionError as exc:
        raise BriefingError(f"{'standard input' if name == '-' else name}: {exc}") from None
    if published is None and briefing.source.published is None and store.exists(briefing.id):
        earlier = store.load(briefing.id).source.published
        if earlier:
            from .extract import resolve_times

            briefing = resolve_times(briefing, earlier)
    return briefing, store.save(briefing)


def import_files(store: Store, names: Sequence[str], **options: str | None) -> int:
    """Import each file, reporting as it goes; returns how many failed."""
    from rich.console import Console
    from rich.progress import Progress

    err = Console(stderr=True, markup=False, highlight=False, emoji=False)
    new = updated = 0
    failed: list[str] = []
    with Progress(console=err, transient=True, disable=len(names) < 2) as progress:
        task = progress.add_task("importing", total=len(names))
        for name in names:
            try:
                briefing, is_new = import_article(store, name, **options)
            except BriefingError as exc:
                failed.append(name)
                err.print(f"briefing: {exc}")
            else:
                print(briefing.id, flush=True)
                new += is_new
                updated += not is_new
            progress.advance(task)
    if len(names) > 1 or failed:
        err.print(f"imported {new} new, {updated} updated, {len(failed)} failed")
    return len(failed)


def set_published(store: Store, briefing_id: str, published: str | None) -> Briefing:
    """Give a stored briefing its publication date and resolve its timeline against it.

    Entry ids do not depend on the date, so every annotation stays attached.
    """
    from .extract import resolve_times

    briefing = resolve_times(store.load(briefing_id), published)
    store.save(briefing)
    return store.load(briefing_id)
