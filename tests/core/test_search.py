"""Search across the store: words and filters, from the search index, and saved views."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.builders import afp, briefing, reuters, when

from briefings import identities, search
from briefings.store import Store
from cli.main import main


def ids(store: Store, query: str) -> list[str]:
    return [h.id for h in search.run(store, query)]


def test_free_words_all_match_across_titles_entries_and_notes(filled: Store) -> None:
    assert ids(filled, "walikale") == ["b586af2b0", "b2bb", "b1aa"]  # newest first
    assert ids(filled, "walikale friday") == ["b2bb"]  # both words, anywhere in the briefing
    assert ids(filled, "walikale doha") == ["b586af2b0", "b2bb"]  # an alias is a word too
    assert ids(filled, "copper") == ["b4dd"]  # title only
    assert ids(filled, "UN MISSION") == ["b1aa"]  # the reader's note, any case
    assert ids(filled, '"pull back from"') == ["b2bb"]  # a phrase
    assert ids(filled, "walikale nothinglikethis") == []
    hit = search.run(filled, "mission")[0]
    assert hit.entries == ("e1",)  # the entry to highlight


def test_tag_and_starred_must_hold_for_one_entry(filled: Store) -> None:
    assert ids(filled, "tag:verify") == ["b2bb", "b1aa"]
    assert ids(filled, "tag:VERIFY starred") == []  # b2bb's tagged and starred entries differ
    filled.annotate("b2bb", "e2", starred=True)
    search.reindex(filled, "b2bb")
    assert ids(filled, "tag:verify starred") == ["b2bb"]
    assert search.run(filled, "tag:verify starred")[0].entries == ("e2",)


def test_actor_filter_matches_names_aliases_and_the_readers_merges(filled: Store) -> None:
    assert ids(filled, 'actor:"March 23 Movement"') == ["b586af2b0", "b2bb", "b1aa"]  # via the alias
    assert ids(filled, "actor:kigali") == ["b586af2b0"]
    assert ids(filled, "actor:glencore") == ["b4dd"]
    assert ids(filled, "actor:trafigura") == []
    identities.merge(filled, "Glencore", "Trafigura")
    assert ids(filled, "actor:trafigura") == ["b4dd"]
    assert set(search.run(filled, "actor:M23")[0].entries) >= {"acab834b0", "edde3e4b4"}


def test_date_and_outlet_filters_combine(filled: Store) -> None:
    assert ids(filled, "after:2025-04-08") == ["b586af2b0", "b2bb"]  # on or after
    assert ids(filled, "before:2025-04-08") == ["b1aa", "b4dd"]  # strictly before
    assert ids(filled, "after:2025-03 before:2025-04-08") == ["b1aa"]
    assert ids(filled, "outlet:reuters actor:M23 after:2025-04-08") == ["b586af2b0"]
    assert ids(filled, "outlet:weekly") == ["b4dd"]


def test_a_briefing_without_a_date_is_placed_by_its_events(store: Store) -> None:
    store.save(briefing("b5ee", "Undated", published=None,
                        events=[("e1", "Something", when("May", "2024-05-01", "2024-05-31"), [])]))
    search.rebuild(store)
    assert ids(store, "after:2024-05-15") == ["b5ee"]
    assert ids(store, "after:2024-06") == []


def test_queries_are_checked_and_half_typed_filters_are_ignored(filled: Store) -> None:
    with pytest.raises(search.QueryError, match="after: needs a date"):
        search.run(filled, "after:2025-13-01")
    assert ids(filled, "walikale tag:") == ids(filled, "walikale")
    assert ids(filled, 'walikale actor:"') == ids(filled, "walikale")
    assert search.run(filled, "") == []


def test_search_reads_the_index_not_the_briefings(filled: Store, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("search opened a briefing file")

    monkeypatch.setattr(Store, "load", refuse)
    monkeypatch.setattr(Store, "annotations", refuse)
    assert ids(filled, "tag:verify walikale") == ["b2bb", "b1aa"]
    assert ids(filled, 'tag:verify actor:"M23" walikale') == ["b1aa"]


def test_a_search_finds_what_was_just_written_and_never_what_was_deleted(filled: Store) -> None:
    filled.annotate("b4dd", "e1", note="smelter in Zambia")
    assert ids(filled, "zambia") == ["b4dd"]  # no one refreshed anything: the search did
    filled.delete("b4dd")
    assert ids(filled, "zambia") == []  # a deleted briefing is never a hit
    filled.annotate("b1aa", "a1", note="zambia too")
    assert ids(filled, "zambia") == ["b1aa"]
    assert search.refresh(filled) == 0  # the search brought every row up to date


def test_saved_views(filled: Store) -> None:
    search.save_view(filled, "To verify", "tag:verify starred")
    search.save_view(filled, "M23", 'actor:"M23" after:2025-03-01')
    search.save_view(filled, "to VERIFY", "tag:verify")  # same name: replaced
    assert [(v.name, v.query) for v in search.views(filled)] == [
        ("to VERIFY", "tag:verify"), ("M23", 'actor:"M23" after:2025-03-01')]
    assert ids(filled, search.views(filled)[1].query) == ["b586af2b0", "b2bb", "b1aa"]
    with pytest.raises(search.QueryError):
        search.save_view(filled, "broken", "after:someday")
    search.delete_view(filled, "m23")
    assert [v.name for v in search.views(filled)] == ["to VERIFY"]


def test_search_from_the_command_line(tmp_path: Path, capsys) -> None:
    root = tmp_path / "s"
    store = Store(root)
    store.save(reuters())
    store.save(afp())  # no search index yet: the command builds it
    assert main(["--store", str(root), "search", "doha", "--save", "Qatar"]) == 0
    out, err = capsys.readouterr()
    assert out.split("\t")[0] == "b2bb" and "1 briefing" in err
    assert main(["--store", str(root), "search"]) == 0
    assert capsys.readouterr().out == "Qatar\tdoha\n"
    assert main(["--store", str(root), "search", "before:tomorrow"]) == 2
    assert "before: needs a date" in capsys.readouterr().err


def test_refresh_skips_a_store_unchanged_since_and_sees_every_change(filled: Store, monkeypatch) -> None:
    long_ago = 1_600_000_000
    for name in ("briefings", "annotations"):  # folders last written long ago: the quiet case
        os.utime(filled.root / name, (long_ago, long_ago))
    search.refresh(filled)
    calls = []
    monkeypatch.setattr(Store, "stamp", lambda self, i: calls.append(i))
    assert search.refresh(filled) == 0 and calls == []  # nothing changed: not a stat per briefing
    monkeypatch.undo()
    filled.annotate("b4dd", "e1", note="smelter in Zambia")  # by any process: the folder's time moves
    assert search.refresh(filled) == 1
    assert ids(filled, "zambia") == ["b4dd"]
    filled.delete("b4dd")
    assert search.refresh(filled) == 1 and ids(filled, "zambia") == []
