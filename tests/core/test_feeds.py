"""Following feeds: subscriptions in the store folder, updates that import each item once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from support.web_site import DATA, Site

from briefings.errors import BriefingError
from briefings.importing import feeds, web
from briefings.store import Store
from cli.main import main

pytestmark = pytest.mark.usefixtures("extract_ready")


def rss(site: Site, *items: tuple[str, str, str]) -> str:
    """An RSS 2.0 feed of (guid, path, pubDate) items."""
    body = "".join(f"<item><title>Item {guid}</title><link>{site.url(path)}</link><guid>{guid}</guid>"
                   f"<pubDate>{date}</pubDate></item>" for guid, path, date in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>{body}'
            "</channel></rss>")


def by_url(store: Store) -> dict[str, object]:
    return {b.source.url: b for b in (store.load(row.id) for row in store.list())}


# -- add, list, remove -------------------------------------------------------------


def test_add_list_and_remove_a_feed(site: Site, store: Store) -> None:
    url = site.url("/feeds/news.rss")
    feed, count = feeds.add_feed(store, url)
    assert (feed.url, feed.title, count) == (url, "The Calder Courier — Local news", 3)
    assert (store.root / "feeds.json").is_file()
    assert [f.url for f in feeds.list_feeds(Store(store.root))] == [url]  # another process sees it
    feeds.remove_feed(store, url)
    assert feeds.list_feeds(store) == []
    with pytest.raises(BriefingError, match="not a feed you follow"):
        feeds.remove_feed(store, url)


def test_adding_a_feed_twice_keeps_one_subscription_with_the_new_story(site: Site, store: Store) -> None:
    url = site.url("/feeds/news.rss")
    feeds.add_feed(store, url)
    feeds.add_feed(store, url, story="Port Calder strike")
    assert [(f.url, f.story) for f in feeds.list_feeds(store)] == [(url, "Port Calder strike")]


def test_a_web_page_is_followed_to_the_feed_it_links_to(site: Site, store: Store) -> None:
    feed, count = feeds.add_feed(store, site.url("/pages/with-feed-link.html"))
    assert (feed.url, feed.title, count) == (site.url("/feeds/gazette.atom"), "Riverside Gazette", 2)


@pytest.mark.parametrize(("path", "problem"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/feeds/broken.xml", "malformed feed, not well-formed XML at line 8"),
    ("/news/section-index", "not an RSS or Atom feed (text/html)"),
    ("/report.pdf", "not an RSS or Atom feed (application/pdf)"),
    ("/loop", "too many redirects"),
])
def test_a_bad_feed_is_refused_in_one_line(site: Site, store: Store, path: str, problem: str) -> None:
    url = site.url(path)
    with pytest.raises(BriefingError) as caught:
        feeds.add_feed(store, url)
    assert str(caught.value).startswith(f"{url}: {problem}")
    assert "\n" not in str(caught.value)
    assert feeds.list_feeds(store) == []


# -- update ---------------------------------------------------------------------


def test_update_imports_rss_items_with_their_own_dates(site: Site, store: Store) -> None:
    feeds.add_feed(store, site.url("/feeds/news.rss"))
    summary = feeds.update_all(store)
    assert (summary.feeds, summary.new, summary.updated) == (1, 2, 0)
    assert summary.failed == [f"{site.url('/news/harbour-master')}: HTTP 404 Not Found"]  # a dead link
    stored = by_url(store)
    ferry = stored[site.url("/news/ferry-cancelled")]
    # the item's date, as the outlet wrote it (23:30 at -05:00), not UTC's next day
    assert ferry.source.published == "2025-06-03"
    assert ferry.title == "Evening ferry to Skarholm cancelled"
    assert ferry.source.outlet == "The Calder Courier"
    assert "said Hanna Lund" in ferry.text and "More from Travel" not in ferry.text
    assert stored[site.url("/news/harbour-strike")].source.published == "2025-03-14"
    assert all(row.unread for row in store.list())
    assert set(summary.briefings) == {row.id for row in store.list()}


def test_update_imports_atom_entries(site: Site, store: Store) -> None:
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    summary = feeds.update_all(store)
    assert (summary.new, summary.failed) == (2, [])
    fire = by_url(store)[site.url("/news/library-fire")]  # a relative link in the feed
    assert fire.source.published == "2025-05-21"  # published, not updated; 00:30 at +02:00
    assert fire.source.outlet == "Riverside Gazette"  # the page names none: the feed's title
    assert "fire officer Dalia Mensah" in fire.text and "comics" not in fire.text


def test_an_item_is_never_imported_twice(site: Site, store: Store) -> None:
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    feeds.update_all(store)
    pages = [p for p in site.paths() if p.startswith("/news/")]
    again = feeds.update_all(store)
    assert (again.new, again.updated, again.seen, again.failed) == (0, 0, 0, [])  # 304: nothing to look at
    assert [p for p in site.paths() if p.startswith("/news/")] == pages  # no page fetched again
    assert site.requests[-1][1].get("if-none-match")  # the feed was asked for only if changed
    assert len(store.list()) == 2


def test_only_new_items_are_imported_when_the_feed_changes(site: Site, store: Store) -> None:
    old = ("s1", "/news/harbour-strike", "Fri, 14 Mar 2025 08:15:00 +0100")
    site.replace("/feeds/wire.rss", rss(site, old), "application/rss+xml")
    feeds.add_feed(store, site.url("/feeds/wire.rss"))
    assert feeds.update_all(store).new == 1
    site.replace("/feeds/wire.rss", rss(site, ("g1", "/news/glacier-survey", "Sat, 02 Nov 2024 07:00:00 +0100"),
                                        old), "application/rss+xml")
    summary = feeds.update_all(store)
    assert (summary.new, summary.seen) == (1, 1)
    assert site.paths().count("/news/harbour-strike") == 1
    assert len(store.list()) == 2


def test_an_update_cut_short_is_completed_by_the_next(site: Site, store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    real = feeds.briefing_from_web
    calls: list[str] = []

    def interrupted(url: str, **options: object):  # noqa: ANN202
        calls.append(url)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(url, **options)

    monkeypatch.setattr(feeds, "briefing_from_web", interrupted)
    with pytest.raises(KeyboardInterrupt):
        feeds.update_all(store)
    monkeypatch.setattr(feeds, "briefing_from_web", real)
    summary = feeds.update_all(store)
    assert (summary.new, summary.seen) == (1, 1)  # the feed was read again, not "304, nothing new"
    assert len(store.list()) == 2


def test_a_crash_on_one_item_is_reported_and_the_run_goes_on(site: Site, store: Store,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    real = feeds.briefing_from_web

    def fragile(url: str, **options: object):  # noqa: ANN202
        if "library" in url:
            raise ValueError("unexpected\nmarkup")
        return real(url, **options)

    monkeypatch.setattr(feeds, "briefing_from_web", fragile)
    summary = feeds.update_all(store)
    assert summary.new == 1
    assert summary.failed == [f"{site.url('/news/library-fire')}: could not be imported (ValueError: unexpected"]


def test_the_same_link_in_two_feeds_is_imported_once(site: Site, store: Store) -> None:
    site.replace("/feeds/mirror.rss", rss(site, ("m1", "/news/bridge-reopens", "Mon, 07 Oct 2024 07:00:00 +0200")),
                 "application/rss+xml")
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    feeds.add_feed(store, site.url("/feeds/mirror.rss"))
    summary = feeds.update_all(store)
    assert (summary.new, summary.seen) == (2, 1)
    assert site.paths().count("/news/bridge-reopens") == 1


def test_failures_do_not_stop_the_run(site: Site, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "TIMEOUT", 0.3)
    site.replace("/feeds/mixed.rss", rss(site, ("ok", "/news/glacier-survey", "Sat, 02 Nov 2024 07:00:00 +0100"),
                                         ("slow", "/slow", "Sat, 02 Nov 2024 08:00:00 +0100"),
                                         ("pdf", "/report.pdf", "Sat, 02 Nov 2024 09:00:00 +0100"),
                                         ("empty", "/news/section-index", "Sat, 02 Nov 2024 10:00:00 +0100")),
                 "application/rss+xml")
    feeds.add_feed(store, site.url("/feeds/mixed.rss"))
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    site.replace("/feeds/gazette.atom", (DATA / "broken.xml").read_text("utf-8"), "application/atom+xml")
    summary = feeds.update_all(store)
    assert summary.new == 1
    assert sorted(summary.failed) == sorted([
        f"{site.url('/feeds/gazette.atom')}: malformed feed, not well-formed XML at line 8 (mismatched tag)",
        f"{site.url('/slow')}: no answer within 0.3 s",
        f"{site.url('/report.pdf')}: not a web page (application/pdf)",
        f"{site.url('/news/section-index')}: no article text found on the page",
    ])
    listed = {f.url: f.error for f in feeds.list_feeds(store)}
    assert listed[site.url("/feeds/gazette.atom")].startswith(site.url("/feeds/gazette.atom") + ": malformed")
    assert listed[site.url("/feeds/mixed.rss")] is None


def test_a_failed_item_is_tried_again_then_left_alone(site: Site, store: Store) -> None:
    site.replace("/feeds/dead.rss", rss(site, ("d", "/missing", "Sat, 02 Nov 2024 07:00:00 +0100")),
                 "application/rss+xml")
    feeds.add_feed(store, site.url("/feeds/dead.rss"))
    failures = [len(feeds.update_all(store).failed) for _ in range(feeds.MAX_ATTEMPTS + 1)]
    assert failures == [1] * feeds.MAX_ATTEMPTS + [0]
    assert site.paths().count("/missing") == feeds.MAX_ATTEMPTS


# -- stories, progress, threads ----------------------------------------------------


def test_new_briefings_go_into_the_feeds_story(site: Site, store: Store) -> None:
    from briefings.stories import get_story

    feeds.add_feed(store, site.url("/feeds/gazette.atom"), story="Ashby")
    summary = feeds.update_all(store)
    assert feeds.list_feeds(store)[0].story == "Ashby"
    assert len(summary.briefings) == 2
    assert set(summary.briefings) <= set(get_story(store, "Ashby").briefings)


def test_update_from_a_worker_thread_reports_progress(site: Site, store: Store) -> None:
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    feeds.add_feed(store, site.url("/feeds/news.rss"))
    calls: list[tuple[int, int, str]] = []
    result: list[feeds.UpdateSummary] = []
    worker = threading.Thread(target=lambda: result.append(
        feeds.update_all(Store(store.root), lambda d, t, label: calls.append((d, t, label)))))
    worker.start()
    worker.join(30)
    assert result and result[0].new == 4
    assert calls[0][:2] == (0, 2)  # two feeds to read; their items not known yet
    assert calls[-1] == (7, 7, "done")  # 2 feeds + 5 items
    assert [d for d, _, _ in calls] == sorted(d for d, _, _ in calls)
    assert "Fire damages Ashby library reading room" in [label for _, _, label in calls]


def test_cancel_stops_after_the_current_item(site: Site, store: Store) -> None:
    feeds.add_feed(store, site.url("/feeds/gazette.atom"))
    stop = threading.Event()
    # set while the first of the feed's two items is being imported
    summary = feeds.update_all(store, lambda d, t, label: stop.set() if d == 1 else None, cancel=stop)
    assert summary.cancelled and summary.new == 1 and len(store.list()) == 1
    assert "stopped early" in str(summary)


# -- the command -------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_feed_commands(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(tmp_path / "s")]
    url = site.url("/feeds/news.rss")
    code, out, err = run(capsys, "feed", "add", url, "--story", "Port Calder", *store)
    assert code == 0 and f"following The Calder Courier — Local news <{url}>, story 'Port Calder': 3 items" in out

    code, out, err = run(capsys, "feed", "update", *store)
    assert code == 2  # one item's link is dead
    ids = out.split()
    assert len(ids) == 2 and all(Store(tmp_path / "s").exists(i) for i in ids)
    assert f"briefing: {site.url('/news/harbour-master')}: HTTP 404 Not Found" in err
    assert "1 feed: 2 new, 0 updated, 1 failed" in err
    assert "Traceback" not in err

    code, out, err = run(capsys, "feed", "list", *store)
    assert code == 0 and url in out and "Port Calder" in out and "The Calder Courier" in out

    code, out, err = run(capsys, *store, "feed", "remove", url)
    assert code == 0 and "stopped following" in out
    code, out, err = run(capsys, "feed", "list", *store)
    assert out == "" and "no feeds yet" in err


def test_feed_command_errors_are_one_line(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(Store(tmp_path / "s").root)]
    code, out, err = run(capsys, "feed", "add", site.url("/feeds/broken.xml"), *store)
    assert code == 2 and err.count("\n") == 1 and "malformed feed" in err
    code, out, err = run(capsys, "feed", "remove", "https://nowhere.example/feed", *store)
    assert code == 2 and err == "briefing: https://nowhere.example/feed: not a feed you follow (see 'briefing feed list')\n"
    code, out, err = run(capsys, "feed", *store)
    assert code == 2 and "give an action" in err
    code, out, err = run(capsys, "feed", "add", "notaurl", *store)
    assert code == 2 and err == "briefing: notaurl: not an http or https URL\n"


def test_feed_titles_are_printed_as_data(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = ('<?xml version="1.0"?><rss version="2.0"><channel><title>[bold red]Wire[/] \u202egnp.exe</title>'
               "</channel></rss>")
    site.replace("/feeds/hostile.rss", hostile, "application/rss+xml")
    store = ["--store", str(tmp_path / "s")]
    run(capsys, "feed", "add", site.url("/feeds/hostile.rss"), *store)
    code, out, _ = run(capsys, "feed", "list", *store)
    assert "[bold red]Wire[/] gnp.exe" in out  # markup shown as written, the bidi override gone


def test_new_briefings_land_in_the_real_story(site: Site, store: Store) -> None:
    stories = pytest.importorskip("briefings.stories")
    feeds.add_feed(store, site.url("/feeds/gazette.atom"), story="Ashby")
    summary = feeds.update_all(store)
    assert summary.failed == []
    assert set(stories.get_story(store, "Ashby").briefings) == set(summary.briefings)
