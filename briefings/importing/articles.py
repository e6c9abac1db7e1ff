"""One article in, one briefing out: read (a file, a saved page, a URL), extracted,
admitted by the gate, prepared with what the store knows, stored. Also the
re-dating of a stored briefing, which resolves its timeline again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .. import gate
from ..errors import BriefingError
from ..identities import apply_on_import
from ..model import Briefing, FormatError
from ..sanitize import clean
from ..store import Store
from .files import read_article
from .web import fetch_article, is_html_file, is_url, read_html_file


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
    published = gate.published(published) if published else None
    if is_url(name) or is_html_file(name):
        return briefing_from_web(name, published=published, title=title, outlet=outlet)
    text = read_article(name)
    path = None if name == "-" else str(Path(name).resolve())
    return extracted("standard input" if name == "-" else name, text, published=published, title=title,
                     outlet=outlet, path=path)


def extracted(label: str, text: str, *, path: str | None = None, **options: str | None) -> Briefing:
    """The briefing of an article's text, through the gate; BriefingError names ``label``.

    A file name becomes ``source.path`` cleaned (a name may hold escape
    sequences).
    """
    from ..extract import extract  # on first use: the app starts without it

    with extraction_of(label):
        return gate.admit(extract(text, path=clean(path) if path else None, **options))


@contextmanager
def extraction_of(label: str) -> Iterator[None]:
    """Extraction's failures as one line naming ``label``. Extraction is pure code on text:
    should it ever crash (a date it cannot compute), that is reported as this article's
    problem, and a many-file import goes on with the next."""
    from ..extract import ExtractionError

    try:
        yield
    except (ExtractionError, FormatError) as exc:
        raise BriefingError(f"{label}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a bug of the extraction must not end in a traceback
        raise BriefingError(f"{label}: the extraction failed ({type(exc).__name__}: {exc}); "
                            f"nothing stored") from None


def prepared(store: Store, briefing: Briefing, published: str | None = None) -> Briefing:
    """A briefing about to be stored, with what the store knows: the same article stored
    from a copy without its address, the publication date set at an earlier import (when
    none is given now) and the reader's actor merges and splits."""
    briefing = same_article(store, briefing)
    if published is None and briefing.source.published is None and store.exists(briefing.id):
        earlier = store.load(briefing.id).source.published
        if earlier:
            from ..extract import resolve_times

            with extraction_of(briefing.id):
                briefing = resolve_times(briefing, earlier)
    return apply_on_import(store, briefing)


def same_article(store: Store, briefing: Briefing) -> Briefing:
    """A page fetched from its address, whose text was stored before from a copy that did not
    say its address (a page saved from the browser): the same briefing, both sources kept."""
    if not briefing.source.url or store.exists(briefing.id):
        return briefing
    from ..extract import briefing_id

    copy = briefing_id(briefing.title, briefing.text)
    if copy == briefing.id or not store.exists(copy):
        return briefing
    stored = store.load(copy).source
    return replace(briefing, id=copy, source=replace(briefing.source, path=briefing.source.path or stored.path))


def briefing_from_web(name: str, *, published: str | None = None, title: str | None = None,
                      outlet: str | None = None, feed_title: str | None = None,
                      timeout: float | None = None, private: bool = True) -> Briefing:
    """The briefing of a web page, fetched from a URL or read from a saved .html file.

    What is given here wins over what the page says of itself; ``feed_title``
    names the outlet when the page does not. The briefing's id comes from the
    page's URL, so importing it again updates it. ``private=False``: the URL
    may only lead to public addresses (a public feed's item, see ``reach``).
    """
    article = fetch_article(name, timeout=timeout, private=private) if is_url(name) else read_html_file(name)
    path = None if is_url(name) else str(Path(name).resolve())
    briefing = extracted(name, article.text, published=published or article.published,
                         title=title or article.title,
                         outlet=outlet or article.outlet or feed_title or article.host,
                         url=article.url, path=path)
    if article.url and briefing.source.url != article.url:
        briefing = replace(briefing, source=replace(briefing.source, url=article.url))
    return briefing


def set_published(store: Store, briefing_id: str, published: str | None) -> Briefing:
    """Give a stored briefing its publication date and resolve its timeline against it.

    Entry ids do not depend on the date, so every annotation stays attached.
    """
    from ..extract import resolve_times

    published = gate.published(published) if published else None
    with extraction_of(briefing_id):
        briefing = resolve_times(store.load(briefing_id), published)
    store.save(briefing)
    return store.load(briefing_id)
