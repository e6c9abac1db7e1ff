"""The library read a page at a time from the search index must show exactly the
library the index shards hold, after every kind of write, from either end, and
never from a copy left behind by a write that did not tell the index."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from support.builders import briefing

from briefings.desk import Desk, IndexRows, check_store, mend_store

DAYS = ["2025-04-10", "2025-04-12", "2025-04-11", None, "2025-04-12"]  # ties and an unknown day


def rows(library) -> list[dict]:
    return [dict(r.__dict__) for r in library]


def the_shards(desk: Desk) -> list[dict]:
    return rows(desk.library(whole=True))


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    desk = Desk(tmp_path / "store")
    store = desk._store
    # 3 blocks and a bit, in batches as an import writes them (same import time within a batch)
    made = [briefing(f"b{n:04d}", f"Report {n}", published=DAYS[n % len(DAYS)], outlet=f"Outlet {n % 7}",
                     actors=[("a1", "Alphamin Resources", "company")] * (n % 3 == 0) + [("a2", "Alphamin", "company")] * (n % 5 == 0))
            for n in range(330)]
    for start in range(0, len(made), 32):
        store.save_many(made[start:start + 32], unread=start % 64 == 0)
    return desk


def test_the_paged_library_is_the_shards_library_in_the_same_order(desk: Desk) -> None:
    library = desk.library()
    assert not isinstance(library, IndexRows)  # read from the search index, a page at a time
    whole = desk.library(whole=True)
    assert len(library) == len(whole) == 330
    assert rows(library) == rows(whole)
    assert [library[n].id for n in reversed(range(len(library)))] == list(reversed(whole.ids))  # from the far end
    for briefing_id in ("b0000", "b0003", "b0329", whole.ids[150]):
        assert library.ids.index(briefing_id) == whole.ids.index(briefing_id)
        assert library.get(briefing_id) == whole.get(briefing_id)
    assert library.get("b9999") is None and "b9999" not in library.ids
    assert library.outlets() == whole.outlets() == {f"Outlet {n}" for n in range(7)}


def test_every_kind_of_write_shows_in_the_paged_library(desk: Desk) -> None:
    desk.mark_read("b0000")
    desk.annotate("b0003", "a1", note="call the mine's owner")
    desk._store.delete("b0007")
    desk._store.save(briefing("b0500", "A late report", published="2025-05-01"))
    desk._store.save(briefing("b0501", "A report of no outlet", published="2025-05-01", outlet=None))
    desk._store.save(briefing("b0001", "Report 1, corrected", published="2025-04-01"))  # imported again
    desk.merge_actors("Alphamin Resources", "Alphamin")  # the library's counts are rewritten
    library = desk.library()
    assert not isinstance(library, IndexRows)
    assert rows(library) == the_shards(desk)
    assert library[0].id == "b0501" and "b0007" not in library.ids
    assert library.outlets() == desk.library(whole=True).outlets() == {None, "Wire"} | {f"Outlet {n}" for n in range(7)}
    assert library.get("b0000").unread is False and library.get("b0001").title == "Report 1, corrected"
    assert library.get("b0015").actors == 1  # Alphamin Resources and Alphamin, one actor now


def test_shards_written_without_telling_are_never_shown_from_the_old_copy(desk: Desk) -> None:
    """An older copy of briefing (or a hand edit) rewrote a shard: the library reads the
    shards whole until the copy is made again, which the next search does."""
    shard = desk._store.layout.index_shard("b0004")
    data = json.loads(shard.read_text())
    row = next(r for r in data["briefings"].values() if r["id"] == "b0004")
    row["title"] = "Retitled elsewhere"
    temp = shard.with_name("edited.tmp")
    temp.write_text(json.dumps(data))
    os.replace(temp, shard)
    library = desk.library()
    assert isinstance(library, IndexRows) and library.get("b0004").title == "Retitled elsewhere"
    desk.prepare_search()
    library = desk.library()
    assert not isinstance(library, IndexRows) and library.get("b0004").title == "Retitled elsewhere"
    assert rows(library) == the_shards(desk)


def test_the_doctor_names_and_mends_a_copy_unlike_the_shards(desk: Desk) -> None:
    with sqlite3.connect(desk._store.layout.search_index) as conn:
        conn.execute("UPDATE library SET title = 'wrong' WHERE id = 'b0002'")
        conn.execute("DELETE FROM library WHERE id = 'b0003'")
    problems = check_store(desk.root)
    assert any("2 library row(s) unlike the index shards" in p.what for p in problems)
    mend_store(desk.root, problems)
    assert not [p for p in check_store(desk.root) if not p.notice]
    assert rows(desk.library()) == the_shards(desk)


def test_a_miscounted_copy_is_named_and_counted_again_by_the_doctor(desk: Desk) -> None:
    """The library's length is kept by the index (counting 100,000 rows at each start
    would be read in proportion to the store): a count gone wrong is the doctor's."""
    with sqlite3.connect(desk._store.layout.search_index) as conn:
        conn.execute("UPDATE meta SET value = 12 WHERE key = 'library rows'")
    assert len(desk.library()) == 12
    problems = check_store(desk.root)
    assert any("1 library row(s) unlike the index shards" in p.what for p in problems)
    mend_store(desk.root, problems)
    assert len(desk.library()) == 330 and rows(desk.library()) == the_shards(desk)


def test_an_import_at_work_in_another_process_leaves_the_library_read_by_pages(desk: Desk) -> None:
    """A writer notes its briefings pending for as long as its batch runs: the library's
    copy is in step all the same (its shards not yet written), so it is read by pages."""
    from briefings.search import index as search_index

    store = desk._store
    with search_index.index_of(store).writing(store) as conn:
        search_index.note_pending(conn, ["b0100"])
    library = desk.library()
    assert not isinstance(library, IndexRows) and rows(library) == the_shards(desk)
