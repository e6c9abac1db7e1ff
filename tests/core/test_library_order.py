"""The library's order is kept in one file (cache/library.json) so a library of
10,000 briefings opens without reading and sorting 256 index shards; it must
never show a library other than the index's own."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefings.model import Briefing, Source
from briefings.store import Store


def briefing(n: int, published: str) -> Briefing:
    return Briefing(id=f"b{n:04d}", title=f"Report {n}", text="text", source=Source(published=published))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "store")
    for n, day in enumerate(["2025-04-10", "2025-04-12", "2025-04-11"]):
        s.save(briefing(n, day), unread=True)
    return s


def settle(store: Store) -> None:
    """Make the index look untouched for a minute (the order is kept only from a still index)."""
    past = time.time_ns() - 60 * 10**9
    os.utime(store.root / "index", ns=(past, past))


def shown(store: Store) -> list[tuple[str, str | None, bool]]:
    return [(r.id, r.published, r.unread) for r in store.list()]


def kept(store: Store) -> Path:
    return store.root / "cache" / "library.json"


def test_the_kept_order_is_the_index_order_and_follows_every_change(store: Store) -> None:
    before = shown(store)
    assert [i for i, _, _ in before] == ["b0001", "b0002", "b0000"]  # newest publication first
    assert not kept(store).exists()  # the index just changed: nothing kept from it yet
    settle(store)
    assert shown(store) == before and kept(store).exists()
    assert shown(store) == before  # now read from the kept file

    store.save(briefing(3, "2025-04-13"))
    assert shown(store)[0][0] == "b0003"
    settle(store)
    store.list()
    store.mark_read("b0002")
    assert ("b0002", "2025-04-11", False) in shown(store)
    settle(store)
    store.list()
    store.delete("b0001")
    assert "b0001" not in [i for i, _, _ in shown(store)]


def test_a_damaged_kept_order_is_made_again(store: Store) -> None:
    settle(store)
    before = shown(store)
    data = kept(store).read_bytes()
    kept(store).write_bytes(data[:-20] + b"X" * 20)  # the checksum no longer holds
    assert shown(store) == before
    kept(store).write_bytes(b"not even a checksum")
    assert shown(store) == before
    assert kept(store).read_bytes() == data  # made again, the same


def test_a_store_that_cannot_keep_the_order_still_lists(store: Store, monkeypatch) -> None:
    from briefings.store import derived

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(derived, "write_atomic", refuse)
    settle(store)
    assert [i for i, _, _ in shown(store)] == ["b0001", "b0002", "b0000"]
    assert not kept(store).exists()


def test_importing_again_keeps_a_briefings_place_among_those_of_the_same_day(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Same publication date: the one imported later shows first, and importing the
    earlier one again (updated text) does not move it up."""
    import briefings.store.store as store_module

    s = Store(tmp_path / "store")
    for n, at in enumerate(["2025-05-01T08:00:00+00:00", "2025-05-01T09:00:00+00:00"]):
        monkeypatch.setattr(store_module, "now", lambda at=at: at)
        s.save(briefing(n, "2025-04-10"))
    monkeypatch.setattr(store_module, "now", lambda: "2025-05-02T08:00:00+00:00")
    assert s.save(Briefing(id="b0000", title="Report 0, updated", text="more text",
                           source=Source(published="2025-04-10"))) is False
    assert [(r.id, r.title) for r in s.list()] == [("b0001", "Report 1"), ("b0000", "Report 0, updated")]
    s.save_many([briefing(1, "2025-04-10")])
    assert [r.id for r in s.list()] == ["b0001", "b0000"]
