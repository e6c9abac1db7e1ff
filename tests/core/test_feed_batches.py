"""``feed update`` of a long feed: briefings stored and items recorded 32 at a time (one write of
the feeds file per batch, not per item), ids reported per batch, and an interrupt leaving every id
already printed stored and the feeds file consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.web_site import Site

from briefings.importing import feeds
from briefings.store import Store
from cli.main import main

pytestmark = pytest.mark.usefixtures("extract_ready")

ITEMS = 70


def long_feed(site: Site) -> str:
    items = []
    for n in range(ITEMS):
        words = " ".join(f"Harbour crane {n} was inspected by the port authority on Monday, officials said." for _ in range(4))
        site.replace(f"/news/item-{n}", f"<html><head><title>Crane {n} inspected</title></head><body>"
                     f"<article><h1>Crane {n} inspected</h1><p>{words}</p><p>{words}</p></article></body></html>",
                     "text/html; charset=utf-8")
        items.append(f"<item><title>Crane {n}</title><link>{site.url(f'/news/item-{n}')}</link><guid>c{n}</guid>"
                     f"<pubDate>Mon, 02 Jun 2025 08:00:00 +0000</pubDate></item>")
    site.replace("/feeds/long.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Port wire</title>'
                 + "".join(reversed(items)) + "</channel></rss>", "application/rss+xml")
    return site.url("/feeds/long.rss")


def test_a_long_feed_is_stored_and_reported_a_batch_at_a_time(site: Site, store: Store,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    feeds.add_feed(store, long_feed(site))
    fetched: list[str] = []
    real = feeds.briefing_from_web
    monkeypatch.setattr(feeds, "briefing_from_web", lambda url, **kw: fetched.append(url) or real(url, **kw))
    writes: list[int] = []
    real_record = feeds._record_items
    monkeypatch.setattr(feeds, "_record_items", lambda s, tried: writes.append(len(tried)) or real_record(s, tried))
    reported: list[tuple[int, list[str]]] = []
    summary = feeds.update_all(store, on_stored=lambda ids: reported.append((len(fetched), ids)))
    assert summary.new == ITEMS and not summary.failed
    assert [len(ids) for _, ids in reported] == [32, 32, 6] and writes == [32, 32, 6]
    assert reported[0][0] == 32  # the first ids came out after 32 pages, not at the end
    assert sorted(i for _, ids in reported for i in ids) == sorted(store.list().column("id"))


def test_an_interrupt_leaves_what_was_printed_stored_and_the_feeds_file_whole(
        site: Site, store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feeds.add_feed(store, long_feed(site))
    real = feeds.briefing_from_web
    fetched: list[str] = []

    def interrupted(url: str, **options: object):  # noqa: ANN202 - Ctrl-C while the 50th page loads
        fetched.append(url)
        if len(fetched) == 50:
            raise KeyboardInterrupt
        return real(url, **options)

    monkeypatch.setattr(feeds, "briefing_from_web", interrupted)
    assert main(["feed", "update", "--store", str(store.root)]) == 130
    printed = capsys.readouterr().out.split()
    assert len(printed) == 49  # 32, then the 17 fetched before the interrupt
    stored = Store(store.root)
    assert sorted(printed) == sorted(stored.list().column("id"))
    data = json.loads((store.root / "feeds.json").read_text("utf-8"))
    recorded = {doc["briefing"] for doc in data["items"].values() if doc["briefing"]}
    assert recorded == set(printed)

    monkeypatch.setattr(feeds, "briefing_from_web", real)
    summary = feeds.update_all(stored)
    assert (summary.new, summary.seen, summary.failed) == (ITEMS - 49, 49, [])
    assert len(stored.list()) == ITEMS
