"""The search index on disk (briefings.search.index): kept in step with every write,
by this process and others, whatever stops a writer; made again when missing,
damaged or of another version; checked and mended by the doctor."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.builders import briefing
from support.corpus import import_bisie

from briefings import search
from briefings.desk import Desk, check_store, mend_store
from briefings.search import index as search_index
from briefings.search import upkeep
from briefings.store import Store
from cli.main import main
from tui.app import BriefingApp
from tui.widgets.entry_list import EntryList

CHECKOUT = Path(__file__).resolve().parents[2]


def ids(store: Store, query: str) -> set[str]:
    return set(search.search(store, query).ids)


def briefing_cli(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from cli.main import main; raise SystemExit(main())", *args],
                          cwd=CHECKOUT, capture_output=True, text=True, **options)


def test_every_write_updates_the_index_under_the_stores_lock(filled: Store) -> None:
    seen = []

    class Watcher:  # a follower: what it sees while the store's lock is held
        def writing(self, store: Store, written) -> None:
            seen.append(("writing", written.ids, store.layout.briefing("b9aa").exists()))

        def written(self, store: Store, written) -> None:
            seen.append(("written", written.ids, store.layout.briefing("b9aa").exists()))

    from briefings.store import followers
    followers.follow_every_store(watcher := Watcher())
    try:
        filled.save(briefing("b9aa", "Cobalt talks in Lubumbashi", published="2025-05-01"))
        filled.annotate("b9aa", "b9aa", note="ask the ministry")
        filled.delete("b4dd")
    finally:
        followers._followers.remove(watcher)
    assert seen == [("writing", ("b9aa",), False), ("written", ("b9aa",), True),
                    ("writing", ("b9aa",), True), ("written", ("b9aa",), True),
                    ("writing", ("b4dd",), True), ("written", ("b4dd",), True)]
    assert ids(filled, "lubumbashi") == {"b9aa"} and ids(filled, "ministry") == {"b9aa"}
    assert ids(filled, "copper") == set()
    assert search_index.index_of(filled).pending() == []
    assert upkeep.check(filled.root) is None  # the index agrees with every file


def test_a_search_after_a_cli_write_in_another_process_finds_the_new_text(filled: Store) -> None:
    desk = Desk(filled.root)
    assert len(desk.search("quartermaster")) == 0  # the index open in this process
    entry = sorted(filled.load("b2bb").entry_ids())[0]
    done = briefing_cli("annotate", "b2bb", entry, "--note", "ask the quartermaster", "--store", str(filled.root))
    assert done.returncode == 0, done.stderr
    assert list(desk.search("quartermaster").ids) == ["b2bb"]
    assert list(desk.search_as_you_type("quarterm").ids) == ["b2bb"]
    done = briefing_cli("annotate", "b2bb", entry, "--note", "", "--store", str(filled.root))
    assert done.returncode == 0 and len(desk.search("quartermaster")) == 0


def test_a_writer_killed_between_its_files_and_the_index_leaves_a_note_the_next_search_takes_up(
        filled: Store) -> None:
    code = (
        "import os, signal, sys\n"
        "from briefings.search import follower\n"
        "follower.Follower.written = lambda self, store, written: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from cli.main import main\n"
        f"main(['annotate', 'b4dd', 'e1', '--note', 'smelter in Zambia', '--store', {str(filled.root)!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=CHECKOUT, capture_output=True)
    assert done.returncode == -signal.SIGKILL
    assert filled.annotations("b4dd")["e1"].note == "smelter in Zambia"  # on disk, not yet in the index
    assert search_index.index_of(filled).pending() == ["b4dd"]
    assert "1 left pending" in upkeep.check(filled.root)
    assert ids(filled, "zambia") == {"b4dd"}  # no writer at work: the search indexed it again
    assert search_index.index_of(filled).pending() == [] and upkeep.check(filled.root) is None


def test_a_pending_note_of_a_writer_at_work_is_left_to_it(filled: Store) -> None:
    with search_index.index_of(filled).writing(filled) as conn:
        search_index.note_pending(conn, ["b4dd"])
    with filled.locked():  # as another writer would hold it
        code = f"from briefings import search; from briefings.store import Store; " \
               f"print(len(search.search(Store({str(filled.root)!r}, sweep=False), 'copper')))"
        done = subprocess.run([sys.executable, "-c", code], cwd=CHECKOUT, capture_output=True, text=True)
        assert done.stdout.strip() == "1"  # the search answered without waiting for the lock
        assert search_index.index_of(filled).pending() == ["b4dd"]
    assert ids(filled, "copper") == {"b4dd"} and search_index.index_of(filled).pending() == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another version"])
def test_a_damaged_index_or_one_of_another_version_is_made_again(filled: Store, damage: str) -> None:
    path = filled.layout.search_index
    search_index.index_of(filled).close()
    if damage == "garbage":
        path.write_bytes(random.Random(1).randbytes(path.stat().st_size))
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:5000])
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 99")
    assert [p.what for p in check_store(filled.root)] == ["damaged, or of another version"]
    assert ids(filled, "walikale") == {"b586af2b0", "b2bb", "b1aa"}
    assert upkeep.check(filled.root) is None


def without_index(store: Store) -> Store:
    """As a store of a version before the index: its briefings, no index file."""
    search_index.index_of(store).discard()
    return store


def test_a_new_store_is_indexed_from_its_first_briefing(store: Store) -> None:
    Desk(store.root)  # the search index follows every write from now on
    store.save(briefing("b001", "Tin exports resume"))
    assert store.layout.search_index.exists() and upkeep.check(store.root) is None
    without_index(store).save(briefing("b002", "Tin exports stop"))  # an older store: left to be built
    assert not store.layout.search_index.exists()
    assert ids(store, "tin") == {"b001", "b002"}


def test_a_missing_index_is_built_in_steps_saying_how_far_it_got(store: Store, monkeypatch) -> None:
    store.save_many(briefing(f"b{n:03d}", f"Report {n} on tin", published="2025-01-01") for n in range(25))
    without_index(store)
    monkeypatch.setattr(upkeep, "CHUNK", 10)
    steps = []
    Desk(store.root).prepare_search(lambda done, total: steps.append((done, total)))
    assert steps == [(0, 25), (10, 25), (20, 25), (25, 25)]
    assert len(search.search(store, "tin")) == 25
    steps.clear()
    Desk(store.root).prepare_search(lambda done, total: steps.append((done, total)))
    assert steps == []  # ready: nothing to do


def test_the_search_rows_of_older_versions_are_dropped(store: Store) -> None:
    store.save(briefing("b001", "Tin exports resume"))
    without_index(store)
    old = store.layout.search / "01.json"
    old.parent.mkdir(exist_ok=True)
    old.write_text('{"rows": {}}')
    assert ids(store, "tin") == {"b001"}
    assert not old.exists()


def test_the_doctor_finds_an_index_that_disagrees_with_the_files_and_mends_it(filled: Store) -> None:
    search.search(filled, "anything")
    with sqlite3.connect(filled.layout.search_index) as conn:  # as if a write had never reached it
        conn.execute("UPDATE briefings SET stamp = 'old' WHERE id = 'b2bb'")
    problems = check_store(filled.root)
    assert [(p.path.name, p.what) for p in problems] == [("index.db", "search index: 1 changed since indexed")]
    assert main(["doctor", "--store", str(filled.root)]) == 2
    assert main(["doctor", "--restore", "--store", str(filled.root)]) == 0
    assert check_store(filled.root) == [] and ids(filled, "doha") == {"b2bb", "b586af2b0"}


def test_an_annotation_the_doctor_brings_back_is_searchable(filled: Store) -> None:
    search.search(filled, "anything")
    filled.annotate("b1aa", "e1", note="Ask the UN mission about Mubi")
    path = filled.layout.annotations_of("b1aa")
    path.write_text("{damaged")
    assert mend_store(filled.root, check_store(filled.root))  # brought back from backups/
    assert ids(filled, "mission") == {"b1aa"} and upkeep.check(filled.root) is None


@pytest.mark.slow
def test_an_import_killed_at_any_moment_then_the_doctor_leaves_an_index_that_agrees_with_the_files(
        tmp_path: Path) -> None:
    sys.path.insert(0, str(CHECKOUT / "benchmarks"))
    import bench_import

    articles = [str(p) for p in bench_import.make_articles(tmp_path / "articles", 100)]
    rng = random.Random(7)
    root = tmp_path / "store"
    Desk(root).prepare_search()  # an index to keep in step
    stored: set[str] = set()
    for round_ in range(10):  # each round imports them all again (new ones, then updates), killed mid-way
        chosen = rng.sample(articles, 70)
        proc = subprocess.Popen([sys.executable, "-c", "from cli.main import main; raise SystemExit(main())",
                                 "--store", str(root), "import", *chosen], cwd=CHECKOUT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for _ in range(rng.randrange(3) * 32 + 1):  # a batch or two stored, then a moment into the next
            if not proc.stdout.readline():
                break
        time.sleep(rng.uniform(0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        main(["doctor", "--restore", "--store", str(root)])
        assert upkeep.check(root) is None, round_
        store = Store(root)
        stored = {p.stem for p in store.layout.briefings.glob("*.json")}
        assert set(search.search(store, "-zzzzqqq").ids) == stored  # every briefing, and only those
        for briefing_id in rng.sample(sorted(stored), min(3, len(stored))):
            assert briefing_id in search.search(store, f'"{store.load(briefing_id).title}"').ids
    assert len(stored) > 32


async def test_the_library_searches_as_you_type_and_sees_a_note_written_by_another_process(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    ids_ = import_bisie(store)
    app = BriefingApp(Desk(store.root))

    def shown() -> list[str]:
        return [r.key for r in app.screen.query_one("#library", EntryList).rows]

    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        counts = []
        for key in "restart":
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            counts.append(len(shown()))
        assert counts[-1] == 1 and counts == sorted(counts, reverse=True)
        assert shown() == list(search.search(store, "restart").ids)
        title = str(app.screen.query_one("#library-title").render())
        assert "Search: restart · 1 briefing, best first" in title
        await pilot.press("escape")
        entry = next(iter(store.load(ids_[0]).entry_ids()))
        done = briefing_cli("annotate", ids_[0], entry, "--note", "ask the quartermaster", "--store", str(store.root))
        assert done.returncode == 0
        await pilot.press("slash", *"quarterm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown() == [ids_[0]]


async def test_the_app_stays_usable_while_the_index_is_made_and_says_how_far_it_got(
        tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path / "store")
    store.save_many(briefing(f"b{n:03d}", f"Report {n} on tin", published=f"2025-01-{n % 28 + 1:02d}")
                    for n in range(40))
    without_index(store)
    monkeypatch.setattr(upkeep, "CHUNK", 4)
    reindex = upkeep.reindex

    def slowly(*args, **kwargs):
        time.sleep(0.05)
        return reindex(*args, **kwargs)

    monkeypatch.setattr(upkeep, "reindex", slowly)
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(120, 30)) as pilot:
        titles = []
        for _ in range(200):
            await pilot.pause(0.02)
            titles.append(str(app.screen.query_one("#library-title").render()))
            if "indexing" in titles[-1]:
                break
        assert "Library · 40 briefings" in titles[-1] and "indexing" in titles[-1]
        await pilot.press("j", "j")  # the library moves while the index is made
        assert app.screen.query_one("#library", EntryList).cursor == 2
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "indexing" not in str(app.screen.query_one("#library-title").render())
        await pilot.press("slash", *"tin")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.query_one("#library", EntryList).rows) == 40
    assert os.path.exists(store.layout.search_index)
