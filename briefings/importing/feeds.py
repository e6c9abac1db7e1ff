"""Following RSS and Atom feeds: subscriptions and the items already taken.

Kept in the store folder as ``feeds.json``, a TinyDB file with two tables:

    feeds   one row per subscription: url, title, story, added, checked,
            error (of the last update), etag/modified (for conditional GETs)
    items   one row per feed item tried: feed, key (the item's guid, else its
            link), link, briefing (id once imported), attempts, error

Every write happens under the store's lock on a freshly opened file, which
``AtomicJSONStorage`` replaces atomically. Network work is never done while
holding the lock.

``update_all`` fetches every feed and imports the items not yet taken: each
item's link is fetched and its article extracted, the item's own date used as
the publication date. An item is never imported twice (not even when two feeds
carry the same link); one that fails is tried again on the next updates, up to
``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from tinydb import Query

from ..errors import BriefingError
from ..model import Briefing
from ..store import Store, now
from ..stories.table import add_to_story
from .articles import briefing_from_web
from .batches import BATCH
from .reach import on_private_network
from .web import fetch, is_url, meta_text, within_range

MAX_ATTEMPTS = 3  # an item that failed this many updates in a row is left alone
FEED_ACCEPT = ("application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, "
               "text/xml;q=0.8, */*;q=0.5")
# feedparser's complaints that do not make a feed unusable
_TOLERATED = ("CharacterEncodingOverride", "NonXMLContentType", "CharacterEncodingUnknown")

_Row = Query()

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Feed:
    url: str
    title: str = ""
    story: str | None = None
    added: str | None = None
    checked: str | None = None  # when the last update reached it
    error: str | None = None  # what went wrong on the last update, if anything
    etag: str | None = None
    modified: str | None = None

    @classmethod
    def of(cls, doc: dict[str, Any]) -> Feed:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in doc.items() if k in names})


@dataclass(frozen=True)
class FeedItem:
    key: str
    link: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD, as the item gives it


@dataclass(frozen=True)
class ParsedFeed:
    url: str  # after redirects
    title: str
    items: tuple[FeedItem, ...]
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False
    discovered: bool = False  # found through a web page's <link rel="alternate">


@dataclass
class UpdateSummary:
    """What one ``update_all`` did. ``failed`` holds one line per failure."""

    feeds: int = 0
    new: int = 0
    updated: int = 0
    seen: int = 0  # items skipped because they were taken before
    failed: list[str] = field(default_factory=list)
    briefings: list[str] = field(default_factory=list)  # ids of the briefings saved, in order
    cancelled: bool = False

    def __str__(self) -> str:
        feeds = f"{self.feeds} feed{'' if self.feeds == 1 else 's'}"
        line = f"{feeds}: {self.new} new, {self.updated} updated, {len(self.failed)} failed"
        return line + (" (stopped early)" if self.cancelled else "")


# -- the subscriptions file --------------------------------------------------


def _tables(store: Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    data = store.read(store.layout.feeds)
    return list((data.get("feeds") or {}).values()), list((data.get("items") or {}).values())


def list_feeds(store: Store) -> list[Feed]:
    feeds, _ = _tables(store)
    return [Feed.of(doc) for doc in feeds if isinstance(doc.get("url"), str)]


def item_counts(store: Store) -> dict[str, int]:
    """How many items of each feed have been imported."""
    counts: dict[str, int] = {}
    for doc in _tables(store)[1]:
        if doc.get("briefing"):
            counts[doc.get("feed", "")] = counts.get(doc.get("feed", ""), 0) + 1
    return counts


def find_feed(store: Store, url: str) -> Feed | None:
    url = url.strip()
    return next((f for f in list_feeds(store) if f.url == url), None)


def add_feed(store: Store, url: str, *, story: str | None = None,
             timeout: float | None = None) -> tuple[Feed, int]:
    """Subscribe to a feed after checking it can be read; returns it and how many items it holds.

    Adding a feed already followed changes its story (when one is given).
    A web page that links to its feed is followed to that feed.
    """
    url = url.strip()
    if not is_url(url):
        raise BriefingError(f"{url}: not an http or https URL")
    story = meta_text(story) if story else None
    parsed = fetch_feed(url, timeout=timeout)
    if parsed.discovered:  # a web page: follow the feed it links to
        url = parsed.url
    with store.edit(store.layout.feeds) as db:
        table = db.table("feeds")
        if table.get(_Row.url == url):
            changes: dict[str, Any] = {"title": parsed.title or url}
            if story:
                changes["story"] = story
            table.update(changes, _Row.url == url)
        else:
            table.insert({"url": url, "title": parsed.title or url, "story": story, "added": now(),
                          "checked": None, "error": None, "etag": None, "modified": None})
        doc = table.get(_Row.url == url)
    return Feed.of(dict(doc)), len(parsed.items)


def remove_feed(store: Store, url: str) -> Feed:
    """Stop following a feed; the briefings it brought stay in the store."""
    url = url.strip()
    with store.edit(store.layout.feeds) as db:
        doc = db.table("feeds").get(_Row.url == url)
        if doc is None:
            raise BriefingError(f"{url}: not a feed you follow (see 'briefing feed list')")
        db.table("feeds").remove(_Row.url == url)
        db.table("items").remove(_Row.feed == url)
    return Feed.of(dict(doc))


def _record_feed(store: Store, url: str, **changes: Any) -> None:
    with store.edit(store.layout.feeds) as db:
        db.table("feeds").update(changes, _Row.url == url)  # a feed removed meanwhile stays removed


def _record_items(store: Store, tried: list[tuple[str, FeedItem, str | None, str | None]]) -> None:
    """Record items tried, each (feed URL, item, briefing id or None, error or None), in one
    write of the feeds file (TinyDB would write it once per item: 12 items a second)."""
    with store.edit(store.layout.feeds) as db:
        data = db.storage.read() or {}
        items = data.setdefault("items", {})
        where = {(d.get("feed"), d.get("key")): doc_id for doc_id, d in items.items()}
        next_id = max(map(int, items), default=0) + 1
        for feed, item, briefing, error in tried:
            doc_id = where.get((feed, item.key))
            if doc_id is None:
                doc_id, next_id = str(next_id), next_id + 1
                where[(feed, item.key)] = doc_id
            attempts = (items.get(doc_id, {}).get("attempts") or 0) + 1
            items[doc_id] = {"feed": feed, "key": item.key, "link": item.link, "briefing": briefing,
                             "attempts": attempts, "error": error, "when": now()}
        db.storage.write(data)


# -- reading feeds -------------------------------------------------------------


def fetch_feed(url: str, *, etag: str | None = None, modified: str | None = None,
               timeout: float | None = None, private: bool = True) -> ParsedFeed:
    """Fetch and parse a feed; BriefingError when it is unreachable or not a usable feed.
    ``private=False``: it may only lead to public addresses."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    answer = fetch(url, accept=FEED_ACCEPT, headers=headers, timeout=timeout, private=private)
    if answer.not_modified:
        return ParsedFeed(answer.url, "", (), etag, modified, not_modified=True)
    try:
        parsed = parse_feed(answer.body, url=answer.url, content_type=answer.content_type, label=url)
    except BriefingError:
        alternate = _feed_link(answer.body, answer.url) if _is_html(answer.body) else None
        if not alternate or headers:
            raise
        found = fetch_feed(alternate, timeout=timeout, private=private)
        return ParsedFeed(found.url, found.title, found.items, found.etag, found.modified,
                          discovered=True)
    return ParsedFeed(parsed.url, parsed.title, parsed.items, answer.headers.get("etag"),
                      answer.headers.get("last-modified"))


def parse_feed(data: bytes, *, url: str, content_type: str = "", label: str | None = None) -> ParsedFeed:
    """The title and items of an RSS or Atom document."""
    import feedparser

    label = label or url
    if not data.strip():
        raise BriefingError(f"{label}: empty answer, not a feed")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - feedparser failing on hostile input is bad input
        raise BriefingError(f"{label}: cannot read the feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.get("entries"):
        raise BriefingError(f"{label}: not an RSS or Atom feed{f' ({content_type})' if content_type else ''}")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and type(problem).__name__ not in _TOLERATED:
        message = str(getattr(problem, "getMessage", lambda: problem)())
        line = getattr(problem, "getLineNumber", lambda: None)()
        # feedparser reads through undefined entities (&nbsp; in RSS) correctly;
        # anything else not well-formed may leave items cut in half.
        if "undefined entity" not in message:
            where = f" at line {line}" if line else ""
            raise BriefingError(f"{label}: malformed feed, not well-formed XML{where} ({message})")
    items = tuple(item for entry in parsed.get("entries", ()) if (item := _item(entry)) is not None)
    title = meta_text(parsed.get("feed", {}).get("title")) or ""
    return ParsedFeed(url, title, items)


def _item(entry: Any) -> FeedItem | None:
    link = meta_text(entry.get("link"), 2000)  # shown in messages: no escape sequences
    if not (isinstance(link, str) and is_url(link)):
        guid = entry.get("id")
        link = meta_text(guid, 2000) if isinstance(guid, str) and is_url(guid) else None
    key = entry.get("id") or link
    if not isinstance(key, str) or not key.strip():
        title = entry.get("title")
        if not title:
            return None
        key = f"{title}|{entry.get('published') or entry.get('updated') or ''}"
    return FeedItem(key=key.strip()[:2000], link=link, title=meta_text(entry.get("title")),
                    published=_entry_date(entry))


def _entry_date(entry: Any) -> str | None:
    """The item's publication date as written: its own time zone's day, not UTC's."""
    for raw, parsed in (("published", "published_parsed"), ("updated", "updated_parsed"),
                        ("created", "created_parsed")):
        text = entry.get(raw)
        if isinstance(text, str) and text.strip():
            try:
                from dateutil import parser as dateparser

                return within_range(dateparser.parse(text).date().isoformat())
            except (ValueError, OverflowError, TypeError):
                pass
        struct = entry.get(parsed)
        if struct:
            try:
                return within_range(datetime(*struct[:3], tzinfo=timezone.utc).date().isoformat())
            except (TypeError, ValueError, OverflowError):
                pass
    return None


def _is_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _feed_link(data: bytes, base: str) -> str | None:
    """The first RSS or Atom feed a web page links to (``<link rel="alternate">``)."""
    from urllib.parse import urljoin

    for tag in re.findall(rb"<link\b[^>]*>", data[:500_000], flags=re.IGNORECASE):
        attrs = {k.lower(): v for k, v in re.findall(
            r"""([\w-]+)\s*=\s*["']([^"']*)["']""", tag.decode("utf-8", "replace"))}
        if "alternate" in attrs.get("rel", "").lower().split() and re.search(
                r"(rss|atom)\+xml", attrs.get("type", ""), re.IGNORECASE) and attrs.get("href"):
            return urljoin(base, attrs["href"])
    return None


# -- updating ----------------------------------------------------------------


def update_all(store: Store, on_progress: ProgressCallback | None = None, *,
               cancel: threading.Event | None = None, timeout: float | None = None,
               on_stored: Callable[[list[str]], None] | None = None) -> UpdateSummary:
    """Fetch every feed and import the items not taken yet; never raises BriefingError.

    Safe to run from a worker thread. ``on_progress(done, total, label)`` is
    called from that thread (an app must hand it to its own thread) before
    each step and once at the end; ``total`` grows once the feeds have been
    read and their new items are known. Setting ``cancel`` stops after the
    item being imported. New briefings are saved unread, BATCH at a time: each
    batch's briefings, then its items in the feeds file (one write), then
    ``on_stored(ids)``; an interrupted update leaves every batch reported
    stored and recorded, and the next one tries the rest.

    A feed on the public internet may not lead to loopback or a private
    network: its items are fetched with ``private=False`` (see ``reach``).
    """
    summary = UpdateSummary()
    progress = on_progress or (lambda done, total, label: None)
    feeds = list_feeds(store)
    summary.feeds = len(feeds)
    total = len(feeds)
    done = 0
    _, item_docs = _tables(store)
    taken_keys = {(d.get("feed"), d.get("key")) for d in item_docs
                  if d.get("briefing") or (d.get("attempts") or 0) >= MAX_ATTEMPTS}
    taken_links = {d.get("link") for d in item_docs if d.get("briefing") and d.get("link")}
    # a feed with items to try again is fetched in full: a 304 would hide them
    retrying = {d.get("feed") for d in item_docs if (d.get("feed"), d.get("key")) not in taken_keys}
    work: list[tuple[Feed, ParsedFeed, FeedItem, bool]] = []
    # A feed's ETag is kept only once all its new items have been tried: were
    # the run cut short, the next one must not be told "304, nothing new".
    validators: dict[str, dict[str, Any]] = {}

    for feed in feeds:
        if cancel is not None and cancel.is_set():
            summary.cancelled = True
            break
        progress(done, total, feed.title or feed.url)
        private = on_private_network(feed.url)
        try:
            conditional = feed.url not in retrying
            parsed = fetch_feed(feed.url, etag=feed.etag if conditional else None,
                                modified=feed.modified if conditional else None, timeout=timeout,
                                private=private)
        except BriefingError as exc:
            summary.failed.append(str(exc))
            _record_feed(store, feed.url, checked=now(), error=str(exc))
        else:
            changes: dict[str, Any] = {"checked": now(), "error": None}
            if parsed.title:
                changes["title"] = parsed.title
            _record_feed(store, feed.url, **changes)
            if not parsed.not_modified:
                validators[feed.url] = {"etag": parsed.etag, "modified": parsed.modified}
            for item in reversed(parsed.items):  # oldest first, as they were published
                if (feed.url, item.key) in taken_keys or (item.link and item.link in taken_links):
                    summary.seen += 1
                    continue
                taken_keys.add((feed.url, item.key))
                if item.link:
                    taken_links.add(item.link)
                work.append((feed, parsed, item, private))
        done += 1

    total = done + len(work)
    batch = _Batch(store, summary, on_stored or (lambda ids: None))
    try:
        for n, (feed, parsed, item, private) in enumerate(work):
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                for unfinished, _, _, _ in work[n:]:
                    validators.pop(unfinished.url, None)
                break
            progress(done, total, item.title or item.link or item.key)
            try:
                if not item.link:
                    raise BriefingError(f"{feed.url}: an item without a link ({item.title or item.key})")
                briefing = briefing_from_web(item.link, published=item.published, title=item.title,
                                             feed_title=parsed.title or feed.title, timeout=timeout,
                                             private=private)
            except BriefingError as exc:
                batch.failed(feed, item, str(exc))
            except Exception as exc:  # noqa: BLE001 - one hostile page must not end the run
                batch.failed(feed, item, f"{item.link}: could not be imported ({type(exc).__name__}: {exc})")
            else:
                batch.add(feed, item, briefing)
            done += 1
    except BaseException:  # an interrupt (Ctrl-C): what was fetched is stored, then reported
        batch.flush()
        raise
    batch.flush()
    for url, changes in validators.items():
        _record_feed(store, url, **changes)
    progress(done, total, "done")
    return summary


class _Batch:
    """Items tried, stored BATCH briefings at a time: the briefings in one save, the items
    in one write of the feeds file, each feed's story once, then the ids reported."""

    def __init__(self, store: Store, summary: UpdateSummary, on_stored: Callable[[list[str]], None]) -> None:
        self.store, self.summary, self.on_stored = store, summary, on_stored
        self.briefings: list[tuple[Feed, FeedItem, Briefing]] = []
        self.failures: list[tuple[str, FeedItem, str]] = []

    def add(self, feed: Feed, item: FeedItem, briefing: Briefing) -> None:
        if any(b.id == briefing.id for _, _, b in self.briefings):  # two items, one page
            self.flush()
        self.briefings.append((feed, item, briefing))
        if len(self.briefings) >= BATCH:
            self.flush()

    def failed(self, feed: Feed, item: FeedItem, message: str) -> None:
        message = message.splitlines()[0] if message else message
        self.summary.failed.append(message)
        self.failures.append((feed.url, item, message))

    def flush(self) -> None:
        briefings, self.briefings = self.briefings, []
        failures, self.failures = self.failures, []
        tried = [(feed.url, item, b.id, None) for feed, item, b in briefings] + \
            [(url, item, None, error) for url, item, error in failures]
        if not tried:
            return
        try:
            new = self.store.save_many((b for _, _, b in briefings), unread=True) if briefings else []
        except BriefingError as exc:  # the store refused the batch: none of it is taken
            self.summary.failed.append(f"{len(briefings)} items not stored: {exc}")
            tried = [(url, item, None, str(exc)) for url, item, _, _ in tried]
            briefings, new = [], []
        try:
            _record_items(self.store, tried)
        except BriefingError as exc:  # stored all the same: the next update takes them as updates
            self.summary.failed.append(f"the feeds file: {exc}")
        stories: dict[str, list[str]] = {}
        for (feed, item, briefing), is_new in zip(briefings, new):
            self.summary.briefings.append(briefing.id)
            self.summary.new += is_new
            self.summary.updated += not is_new
            if feed.story:
                stories.setdefault(feed.story, []).append(briefing.id)
        for story, ids in stories.items():
            try:
                add_to_story(self.store, story, *ids)
            except BriefingError as exc:
                self.summary.failed.append(f"{len(ids)} items imported, but not added to story {story!r}: {exc}")
        if briefings:
            self.on_stored([b.id for _, _, b in briefings])
