"""Search across the store: the query language, ranking, snippets, counts, filters and saved views."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.builders import afp, briefing, reuters, when

from briefings import identities, search
from briefings.search.find import PAGE
from briefings.store import Store
from cli.main import main


def ids(store: Store, query: str) -> list[str]:
    return list(search.search(store, query).ids)


def found(store: Store, query: str) -> set[str]:
    return set(ids(store, query))


def test_words_match_the_words_they_begin_across_titles_entries_and_notes(filled: Store) -> None:
    assert found(filled, "walikale") == {"b586af2b0", "b2bb", "b1aa"}
    assert found(filled, "wali") == found(filled, "walikale")  # as the reader types
    assert found(filled, "kale") == set()  # the start of a word, not any part of it
    assert ids(filled, "walikale friday") == ["b2bb"]  # both words, anywhere in the briefing
    assert found(filled, "walikale doha") == {"b586af2b0", "b2bb"}  # an alias is a word too
    assert ids(filled, "copper") == ["b4dd"]  # title only
    assert ids(filled, "UN MISSION") == ["b1aa"]  # the reader's note, any case
    assert ids(filled, "weekly") == ["b4dd"]  # the outlet
    assert ids(filled, "walikale nothinglikethis") == []
    assert search.search(filled, "mission")[0].entries == ("e1",)  # the entry to highlight


def test_a_quoted_phrase_is_whole_words_in_that_order(filled: Store) -> None:
    assert ids(filled, '"pull back from"') == ["b2bb"]
    assert ids(filled, '"from back pull"') == []
    assert ids(filled, '"pull bac"') == []  # whole words: a phrase is not typed on
    assert ids(filled, '"pull back from') == ["b2bb"]  # a quote still open is a phrase all the same


def test_minus_leaves_a_word_out_and_or_takes_either(filled: Store) -> None:
    assert found(filled, "walikale -doha") == {"b1aa"}
    assert found(filled, 'walikale -"peace talks"') == {"b1aa", "b586af2b0"} - found(filled, '"peace talks"')
    assert found(filled, "-walikale") == {"b4dd"}  # everything else
    assert found(filled, "copper OR doha") == {"b4dd", "b2bb", "b586af2b0"}
    assert found(filled, "copper OR doha walikale") == {"b2bb", "b586af2b0"}  # OR binds its neighbours
    assert found(filled, "copper or doha") == set()  # a lowercase "or" is a word to find
    assert ids(filled, "OR copper") == ["b4dd"]  # an OR with nothing before it is dropped


def _three_on_tin(store: Store) -> None:
    store.save_many([
        briefing("b001", "Tin exports resume", published="2025-01-01",
                 events=[("e1", "Trucks leave the mine", when("May", "2025-05-01"), [])]),
        briefing("b002", "Port news", published="2025-03-01",
                 events=[("e1", "Tin and tin again: tin prices, tin exports, tin smelters", when("May", "2025-05-01"),
                          [])]),
        briefing("b003", "Port news again", published="2025-02-01",
                 events=[("e1", "A long report on the harbour, its cranes, its workers, its ships and, once, tin",
                          when("May", "2025-05-01"), [])]),
    ])


def test_hits_are_ranked_by_relevance_and_filters_alone_list_the_newest_first(store: Store) -> None:
    _three_on_tin(store)
    assert ids(store, "tin") == ["b001", "b002", "b003"]  # in the title; said often; said once
    assert ids(store, "after:2025") == ["b002", "b003", "b001"]  # no words: newest first
    assert ids(store, "tin after:2025-02") == ["b002", "b003"]  # words with a filter: ranked


def test_filters_alone_list_a_days_hits_latest_imported_first(store: Store) -> None:
    _three_on_tin(store)
    search.search(store, "tin")  # the index made: from now on it follows every write, as in the app
    store.save(briefing("b000", "Late news from the port", published="2025-03-01"))  # b002's day, imported after it
    assert ids(store, "after:2025") == ["b000", "b002", "b003", "b001"]  # in a day, the latest imported first


def test_each_hit_shows_its_words_marked_in_the_title_and_a_snippet(filled: Store) -> None:
    hit = search.search(filled, "doha talks")[0]
    assert [piece for piece, marked in hit.snippet if marked] == ["talks", "Doha"]
    assert "".join(piece for piece, _ in hit.snippet) == "Qatar hosts peace talks in Doha on Friday verify"  # + tag
    [copper] = search.search(filled, "copp")
    assert copper.title_pieces == (("Copper", True), (" prices climb", False))
    assert copper.snippet == ()  # only in the title
    [note] = search.search(filled, "mission")
    assert ("mission", True) in note.snippet  # the reader's own note is searched and shown


def test_the_words_marked_are_those_the_index_matched_never_inside_another_word() -> None:
    from briefings.search.highlight import highlighted
    from briefings.search.query import parse

    text = "Tin from Martin's mine; tinned goods, TIN-mine talks, a tin  mine and_tin. Plan B"

    def marked(query: str) -> list[str]:
        return [piece for piece, hit in highlighted(text, parse(query).terms) if hit]

    assert marked("tin") == ["Tin", "tinned", "TIN", "tin", "tin"]  # not Martin; the start of tinned
    assert marked('"tin mine"') == ["TIN-mine", "tin  mine"]  # whole words in a row, whatever between
    assert marked("mine OR talks") == ["mine", "mine", "talks", "mine"]
    assert marked("b") == ["B"] and marked("plan b") == ["Plan", "B"]  # a letter alone: itself only
    assert marked("artin") == [] and marked("ine") == []


def test_the_count_is_of_every_hit_and_the_later_ones_are_read_when_asked_for(store: Store) -> None:
    count = PAGE + 25
    store.save_many(briefing(f"b{n:03d}", f"Report {n} on tin", published=f"2024-{n % 12 + 1:02d}-01")
                    for n in range(count))
    hits = search.search(store, "tin")
    assert len(hits) == count and len(hits.ids) == count
    last = hits.ids[count - 1]
    assert hits.get(last).title.startswith("Report") and hits.ids.index(last) == count - 1
    assert len(set(hits.ids)) == count
    assert len(search.search(store, "report 12")) == len([n for n in range(count) if str(n).startswith("12")])


def test_a_single_letter_matches_only_itself(store: Store) -> None:
    store.save_many([briefing("b001", "Plan B for the mine", published="2025-01-01"),
                     briefing("b002", "Bisie reopens", published="2025-01-02")])
    assert ids(store, "b") == ["b001"]  # the word "B", not every word starting with b
    assert ids(store, "bi") == ["b002"]  # two letters: the words they begin
    assert ids(store, "plan b") == ["b001"]


def test_as_you_type_more_hits_than_it_ranks_are_listed_newest_first(store: Store) -> None:
    _three_on_tin(store)
    ranked = search.search(store, "tin")
    typed = search.search(store, "tin", rank_limit=2)  # three hits: too many to rank as one types
    assert ranked.ranked and ids(store, "tin") == ["b001", "b002", "b003"]
    assert not typed.ranked and list(typed.ids) == ["b002", "b003", "b001"]  # newest publication first
    assert len(typed) == len(ranked) == 3  # counted all the same
    assert search.search(store, "tin", rank_limit=3).ranked
    store.save(briefing("b001", "Tin exports resume", published="2025-04-01"))  # its date corrected
    assert list(search.search(store, "tin", rank_limit=2).ids) == ["b001", "b002", "b003"]


def test_tag_and_starred_must_hold_for_one_entry(filled: Store) -> None:
    assert found(filled, "tag:verify") == {"b2bb", "b1aa"}
    assert ids(filled, "tag:VERIFY starred") == []  # b2bb's tagged and starred entries differ
    filled.annotate("b2bb", "e2", starred=True)
    assert ids(filled, "tag:verify starred") == ["b2bb"]
    assert search.search(filled, "tag:verify starred")[0].entries == ("e2",)
    assert ids(filled, "tag:verify starred walikale") == ["b2bb"]


def test_actor_filter_matches_names_aliases_and_the_readers_merges(filled: Store) -> None:
    assert found(filled, 'actor:"March 23 Movement"') == {"b586af2b0", "b2bb", "b1aa"}  # via the alias
    assert ids(filled, "actor:kigali") == ["b586af2b0"]
    assert ids(filled, "actor:glencore") == ["b4dd"]
    assert ids(filled, "actor:trafigura") == []
    identities.merge(filled, "Glencore", "Trafigura")
    assert ids(filled, "actor:trafigura") == ["b4dd"]
    assert set(search.search(filled, "actor:M23")[0].entries) >= {"acab834b0", "edde3e4b4"}
    assert found(filled, "actor:m23 actor:alphamin") == {"b586af2b0", "b1aa"}  # one event names both


def test_kind_puts_the_words_in_entries_of_that_kind(filled: Store) -> None:
    assert found(filled, "kind:quote walikale") == {"b2bb", "b1aa"}  # "We leave Walikale..."
    assert found(filled, "doha") == {"b2bb", "b586af2b0"} and ids(filled, "kind:event doha") == ["b2bb"]
    assert search.search(filled, "kind:event doha")[0].entries == ("e2",)
    assert found(filled, "kind:quotes GOODWILL") == found(filled, "goodwill") == {"b2bb", "b1aa"}  # plural, any case
    assert found(filled, "kind:note") == {"b1aa", "b2bb"}  # briefings with the reader's notes or tags
    assert found(filled, "kind:note mission") == {"b1aa"}
    [sample] = search.search(filled, "kind:actor walikale")
    actors = [filled.load(sample.id).actor(e) for e in sample.entries]  # its actors that say Walikale
    assert actors and all("walikale" in f"{a.names} {a.description}".lower() for a in actors)
    assert len(actors) < len(filled.load(sample.id).actors)
    assert ids(filled, "kind:quote tag:verify") == []  # no tagged quote
    assert found(filled, "kind:event tag:verify") == {"b1aa", "b2bb"}
    assert [h.entries for h in search.search(filled, "actor:m23 kind:quote")] == [("q1",), ("q1",)]


def test_date_and_outlet_filters_combine(filled: Store) -> None:
    assert found(filled, "after:2025-04-08") == {"b586af2b0", "b2bb"}  # on or after
    assert ids(filled, "before:2025-04-08") == ["b1aa", "b4dd"]  # strictly before, newest first
    assert ids(filled, "after:2025-03 before:2025-04-08") == ["b1aa"]
    assert ids(filled, "outlet:reuters actor:M23 after:2025-04-08") == ["b586af2b0"]
    assert ids(filled, "outlet:weekly") == ["b4dd"]
    assert ids(filled, "outlet:week") == ["b4dd"]  # the start of a word of the outlet
    assert ids(filled, 'outlet:"mining weekly" copper') == ["b4dd"]


def test_a_briefing_without_a_date_is_placed_by_its_events(store: Store) -> None:
    store.save(briefing("b5ee", "Undated", published=None,
                        events=[("e1", "Something", when("May", "2024-05-01", "2024-05-31"), [])]))
    assert ids(store, "after:2024-05-15") == ["b5ee"]
    assert ids(store, "after:2024-06") == []
    assert ids(store, "before:2024-05-02 something") == ["b5ee"]


def test_queries_are_checked_and_half_typed_filters_are_ignored(filled: Store) -> None:
    with pytest.raises(search.QueryError, match="after: needs a date"):
        search.search(filled, "after:2025-13-01")
    with pytest.raises(search.QueryError, match="kind: needs one of actor, event, quote, note"):
        search.search(filled, "kind:story")
    assert ids(filled, "walikale tag:") == ids(filled, "walikale")
    assert ids(filled, 'walikale actor:"') == ids(filled, "walikale")
    assert ids(filled, "kind:q walikale") == ids(filled, "kind:quote walikale")  # typed on
    assert len(search.search(filled, "")) == 0
    assert ids(filled, '"') == [] and ids(filled, "- OR") == []
    assert ids(filled, "m23:") == ids(filled, "m23")  # not a filter: a word


def test_search_reads_the_index_not_the_briefings(filled: Store, monkeypatch) -> None:
    search.search(filled, "anything")  # the index made first (reading every briefing once)

    def refuse(*args, **kwargs):
        raise AssertionError("search opened a briefing file")

    monkeypatch.setattr(Store, "load", refuse)
    monkeypatch.setattr(Store, "annotations", refuse)
    assert found(filled, "tag:verify walikale") == {"b2bb", "b1aa"}
    assert ids(filled, 'tag:verify actor:"M23" walikale') == ["b1aa"]
    hit = search.search(filled, "doha")[0]
    assert hit.snippet and hit.entries and hit.title


def test_a_search_finds_what_was_just_written_and_never_what_was_deleted(filled: Store) -> None:
    filled.annotate("b4dd", "e1", note="smelter in Zambia")
    assert ids(filled, "zambia") == ["b4dd"]  # no one refreshed anything: the write did
    filled.delete("b4dd")
    assert ids(filled, "zambia") == []  # a deleted briefing is never a hit
    filled.annotate("b1aa", "a1", note="zambia too")
    assert ids(filled, "zambia") == ["b1aa"]
    filled.save(briefing("b1aa", "M23 leaves Walikale", published="2025-04-07", outlet="Reuters",
                         actors=[("a1", "M23", "armed_group")]))  # imported again: the note stays, words go
    assert ids(filled, "zambia") == ["b1aa"] and "b1aa" not in found(filled, "alphamin")


def test_saved_views(filled: Store) -> None:
    search.save_view(filled, "To verify", "tag:verify starred")
    search.save_view(filled, "M23", 'actor:"M23" after:2025-03-01')
    search.save_view(filled, "to VERIFY", "tag:verify")  # same name: replaced
    assert [(v.name, v.query) for v in search.views(filled)] == [
        ("to VERIFY", "tag:verify"), ("M23", 'actor:"M23" after:2025-03-01')]
    assert found(filled, search.views(filled)[1].query) == {"b586af2b0", "b2bb", "b1aa"}
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
    assert out.split("\t")[:4] == ["b2bb", "2025-04-08", "AFP", "Rebels pull back from Walikale"]
    assert "Doha" in out.rstrip("\n").split("\t")[4]  # the snippet
    assert "1 briefing" in err
    assert main(["--store", str(root), "search"]) == 0
    assert capsys.readouterr().out == "Qatar\tdoha\n"
    assert main(["--store", str(root), "search", "walikale", "--limit", "1"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and "2 briefings (the best 1 shown; --limit N or --all for more)" in err
    assert main(["--store", str(root), "search", "before:tomorrow"]) == 2
    assert "before: needs a date" in capsys.readouterr().err
