"""The search index in memory (briefings.search_index): it finds what the plain
scan (search.run) finds, in the same order, as the reader types, and follows
the store as briefings are annotated, added and deleted."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from support.builders import briefing, when
from support.corpus import import_bisie

from briefings import search
from briefings.desk import Desk
from briefings.search import live as search_index
from briefings.store import Store
from tui.app import BriefingApp
from tui.widgets.entry_list import EntryList

QUERIES = [
    "walikale", "walikale friday", "walikale doha", "copper", "UN MISSION", '"pull back from"',
    "walikale nothinglikethis", "ikal", "m23", "tag:verify", "tag:VERIFY starred", "starred",
    'actor:"March 23 Movement"', "actor:kigali", "actor:glencore walikale", "tag:verify actor:M23",
    "after:2025-04-08", "before:2025-04-08", "after:2025-03 before:2025-04-08",
    "outlet:reuters actor:M23 after:2025-04-08", "outlet:weekly", "walikale tag:", "u.n.", "-", "é",
]


def scan(store: Store, query: str) -> list[str]:
    return [h.id for h in search.run(store, query)]


def found(store: Store, query: str) -> list[str]:
    return list(search_index.search(store, query).ids)


def test_the_index_finds_what_the_scan_finds_in_the_same_order(filled: Store) -> None:  # noqa: F811
    for query in QUERIES:
        assert found(filled, query) == scan(filled, query), query
    assert found(filled, "walikale") == ["b586af2b0", "b2bb", "b1aa"]
    hits = search_index.search(filled, "tag:verify starred actor:M23")
    assert [h.entries for h in hits] == [h.entries for h in search.run(filled, "tag:verify starred actor:M23")]
    assert search_index.search(filled, "mission")[0].entries == ("e1",)  # the entry to highlight


def test_typing_narrows_and_a_part_of_a_word_finds_the_whole_word(filled: Store) -> None:  # noqa: F811
    typed = [found(filled, "walikale"[:n]) for n in range(1, 9)]
    assert typed[-1] == ["b586af2b0", "b2bb", "b1aa"]
    for shorter, longer in pairwise(typed):
        assert set(longer) <= set(shorter)
    assert found(filled, "wali") == found(filled, "walikale")  # the start of a word
    assert found(filled, "kale") == found(filled, "walikale")  # and any part of one, as before
    # Typing back, and a word typed after another, give the scan's answer too.
    for query in ["walikale f", "walikale fr", "walikale", "walikal", "walikale doha", "doha", "do"]:
        assert found(filled, query) == scan(filled, query), query


def test_a_note_or_tag_added_after_the_index_was_built_is_found(filled: Store) -> None:  # noqa: F811
    assert found(filled, "zambia") == [] and found(filled, "tag:smelter") == []
    filled.annotate("b4dd", "e1", note="smelter in Zambia", tags=["smelter"])
    search.refresh(filled)  # what the library does when the search box opens
    assert found(filled, "zamb") == ["b4dd"]
    assert found(filled, "tag:smelter") == ["b4dd"]
    filled.annotate("b4dd", "e1", note="", tags=[])
    search.refresh(filled)
    assert found(filled, "zamb") == [] and found(filled, "tag:smelter") == []


def test_a_deleted_briefing_disappears_and_an_added_one_takes_its_place(filled: Store) -> None:  # noqa: F811
    assert found(filled, "walikale") == ["b586af2b0", "b2bb", "b1aa"]
    hits, title = search_index.search(filled, "walikale"), filled.load("b2bb").title
    filled.delete("b2bb")
    filled.save(briefing("b0ff", "Walikale again", published="2025-04-11"))  # newest of them
    search.refresh(filled)
    assert found(filled, "walikale") == ["b0ff", "b586af2b0", "b1aa"] == scan(filled, "walikale")
    assert hits[1].title == title  # hits on screen, not drawn yet, still draw
    search_index.index(filled)  # rebuilt in order when the search box opens again
    assert found(filled, "walikale") == ["b0ff", "b586af2b0", "b1aa"]


def test_hits_are_found_by_id_without_going_through_them(filled: Store) -> None:  # noqa: F811
    hits = search_index.search(filled, "walikale")
    assert "b2bb" in hits.ids and "b4dd" not in hits.ids
    assert hits.ids.index("b1aa") == 2 and hits.get("b1aa").title == hits[2].title
    assert hits.get("b4dd") is None
    with pytest.raises(ValueError):
        hits.ids.index("b4dd")


def test_many_briefings_share_a_word(store: Store) -> None:
    # More briefings than a word keeps as a list: its briefings become a bitmap.
    count = search_index.SPARSE * 3
    store.save_many(briefing(f"b{n:03d}", f"Report {n} on tin", published=f"2025-01-{n % 28 + 1:02d}",
                             events=[("e1", f"Minister {n} visits", when("May", "2024-05-01"), [])])
                    for n in range(count))
    search.rebuild(store)
    for query in ["tin", "min", "minister 4", "report 1", "visits"]:
        assert found(store, query) == scan(store, query), query
    assert len(found(store, "tin")) == count
    store.delete("b007")
    search.refresh(store)
    assert found(store, "tin") == scan(store, "tin") and len(found(store, "tin")) == count - 1


async def test_the_library_search_narrows_as_you_type_and_sees_new_notes(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    ids = import_bisie(store)
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
        assert counts[0] == 3 and counts[-1] == 1 and counts == sorted(counts, reverse=True)
        assert shown() == scan(store, "restart")
        await pilot.press("escape")
        store.annotate(ids[0], next(iter(store.load(ids[0]).entry_ids())), note="ask the quartermaster")
        await pilot.press("slash", *"quarterm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown() == [ids[0]]
