"""``briefing import``: articles in, briefings stored, one id per line out.

Ids go to standard output so scripts can read them; progress, errors and the
summary go to standard error. A bad file is reported and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .articles import read_article
from .errors import BriefingError
from .model import Briefing
from .store import Store
from .web import is_html_file, is_url


def import_article(store: Store, name: str, *, published: str | None = None,
                   title: str | None = None, outlet: str | None = None) -> tuple[Briefing, bool]:
    """Extract one article and store it; returns the briefing and whether it was new.

    ``name`` is a text or Markdown file, ``-`` for standard input, a saved web
    page (.html, .htm) or an http(s) URL; a page gives its own title, outlet
    and publication date unless they are given here.

    Re-importing keeps the reader's annotations (they are stored apart) and the
    publication date set earlier when none is given now.
    """
    briefing = prepared(store, read_briefing(name, published=published, title=title, outlet=outlet), published)
    return briefing, store.save(briefing)


def read_briefing(name: str, *, published: str | None = None, title: str | None = None,
                  outlet: str | None = None) -> Briefing:
    """The briefing extracted from one article (see ``import_article``), not yet stored."""
    from .extract import ExtractionError, extract

    if is_url(name) or is_html_file(name):
        return briefing_from_web(name, published=published, title=title, outlet=outlet)
    text = read_article(name)
    path = None if name == "-" else str(Path(name).resolve())
    try:
        return extract(text, published=published, title=title, outlet=outlet, path=path)
    except ExtractionError as exc:
        raise BriefingError(f"{'standard input' if name == '-' else name}: {exc}") from None


def prepared(store: Store, briefing: Briefing, published: str | None = None) -> Briefing:
    """A briefing about to be stored, with what the store knows: the publication date
    set at an earlier import (when none is given now) and the reader's actor merges
    and splits."""
    if published is None and briefing.source.published is None and store.exists(briefing.id):
        earlier = store.load(briefing.id).source.published
        if earlier:
            from .extract import resolve_times

            briefing = resolve_times(briefing, earlier)
    from .identities import apply_on_import

    return apply_on_import(store, briefing)


def briefing_from_web(name: str, *, published: str | None = None, title: str | None = None,
                      outlet: str | None = None, feed_title: str | None = None,
                      timeout: float | None = None) -> Briefing:
    """The briefing of a web page, fetched from a URL or read from a saved .html file.

    What is given here wins over what the page says of itself; ``feed_title``
    names the outlet when the page does not. The briefing's id comes from the
    page's URL, so importing it again updates it.
    """
    from dataclasses import replace

    from .extract import ExtractionError, extract
    from .web import fetch_article, read_html_file

    article = fetch_article(name, timeout=timeout) if is_url(name) else read_html_file(name)
    path = None if is_url(name) else str(Path(name).resolve())
    try:
        briefing = extract(article.text, published=published or article.published,
                           title=title or article.title,
                           outlet=outlet or article.outlet or feed_title or article.host,
                           url=article.url, path=path)
    except ExtractionError as exc:
        raise BriefingError(f"{name}: {exc}") from None
    if article.url and briefing.source.url != article.url:
        briefing = replace(briefing, source=replace(briefing.source, url=article.url))
    return briefing


BATCH = 32  # articles stored together by a many-file import: one lock, one sync of each folder


class BatchSaver:
    """Stores briefings BATCH at a time, reporting each one only once it is durable.

    A many-file import (and the import benchmark's spaCy baseline, so that the
    two differ only in extraction) saves through this: ``Store.save_many``
    writes each briefing's file and fsyncs the folders once per batch.
    ``waiting_for`` tells an importer to ``flush`` before it reads what the
    store holds of a briefing (``prepared``).
    """

    def __init__(self, store: Store, saved: Callable[[str, Briefing, bool], None],
                 failed: Callable[[list[str], BriefingError], None]) -> None:
        self.store, self._saved, self._failed = store, saved, failed
        self._waiting: list[tuple[str, Briefing]] = []

    def __enter__(self) -> BatchSaver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()

    def waiting_for(self, briefing_id: str) -> bool:
        return any(b.id == briefing_id for _, b in self._waiting)

    def add(self, name: str, briefing: Briefing) -> None:
        self._waiting.append((name, briefing))
        if len(self._waiting) >= BATCH:
            self.flush()

    def flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        try:
            new = self.store.save_many(b for _, b in waiting)
        except BriefingError as exc:  # the store's lock, a full disk: none of the batch is reported saved
            self._failed([name for name, _ in waiting], exc)
            return
        for (name, briefing), is_new in zip(waiting, new):
            self._saved(name, briefing, is_new)


def import_files(store: Store, names: Sequence[str], **options: str | None) -> int:
    """Import each file, reporting as it goes; returns how many failed."""
    from rich.console import Console
    from rich.progress import Progress

    err = Console(stderr=True, markup=False, highlight=False, emoji=False)
    counts = {True: 0, False: 0}  # new, updated
    failed: list[str] = []

    def saved(_name: str, briefing: Briefing, is_new: bool) -> None:
        print(briefing.id, flush=True)
        counts[is_new] += 1

    def failure(names: list[str], exc: BriefingError) -> None:
        failed.extend(names)
        more = f" ({len(names)} articles not stored)" if len(names) > 1 else ""
        err.print(f"briefing: {exc}{more}", soft_wrap=True)

    # A progress bar only on a terminal: in a log, stopping it left an empty line. The ids it
    # takes over to print above itself only when they go to the terminal too, never from a pipe.
    with Progress(console=err, transient=True, disable=len(names) < 2 or not err.is_terminal,
                  redirect_stdout=sys.stdout.isatty()) as progress, \
            BatchSaver(store, saved, failure) as saver:
        task = progress.add_task("importing", total=len(names))
        for name in names:
            try:
                if name.lower().endswith(".json"):  # our own briefing/1 or story export, saved as it is read
                    from .export import import_json

                    saver.flush()
                    for briefing, is_new in import_json(store, name).briefings:
                        saved(name, briefing, is_new)
                else:
                    briefing = read_briefing(name, **options)
                    if saver.waiting_for(briefing.id):  # the same article twice: what was stored first counts
                        saver.flush()
                    saver.add(name, prepared(store, briefing, options.get("published")))
            except BriefingError as exc:
                failure([name], exc)
            progress.advance(task)
    if len(names) > 1:
        err.print(f"imported {counts[True]} new, {counts[False]} updated, {len(failed)} failed")
    return len(failed)


def set_published(store: Store, briefing_id: str, published: str | None) -> Briefing:
    """Give a stored briefing its publication date and resolve its timeline against it.

    Entry ids do not depend on the date, so every annotation stays attached.
    """
    from .extract import resolve_times

    briefing = resolve_times(store.load(briefing_id), published)
    store.save(briefing)
    return store.load(briefing_id)
