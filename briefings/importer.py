"""``briefing import``: articles in, briefings stored, one id per line out.

Ids go to standard output so scripts can read them; progress, errors and the
summary go to standard error. A bad file is reported and skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    from .extract import ExtractionError, extract

    if is_url(name) or is_html_file(name):
        briefing = briefing_from_web(name, published=published, title=title, outlet=outlet)
    else:
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
    from .identities import apply_on_import  # the reader's actor merges and splits

    briefing = apply_on_import(store, briefing)
    return briefing, store.save(briefing)


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
                if name.lower().endswith(".json"):  # our own briefing/1 or story export
                    from .export import import_json

                    results = import_json(store, name).briefings
                else:
                    results = (import_article(store, name, **options),)
            except BriefingError as exc:
                failed.append(name)
                err.print(f"briefing: {exc}", soft_wrap=True)
            else:
                for briefing, is_new in results:
                    print(briefing.id, flush=True)
                    new += is_new
                    updated += not is_new
            progress.advance(task)
    if len(names) > 1:
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
