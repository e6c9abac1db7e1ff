"""Stories: grouping briefings, and the merged timeline, actors and quotes a reader sees."""

from __future__ import annotations

import json
from pathlib import Path

from support.builders import afp, briefing, reuters, when

from briefings import stories
from briefings.identities import Decision, Identities
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- stories in the store ------------------------------------------------------


def test_story_new_add_list_show_from_the_command_line(tmp_path: Path, capsys) -> None:
    root = tmp_path / "s"
    store = Store(root)
    store.save(reuters())
    store.save(afp())
    assert run(capsys, "--store", str(root), "story", "new", "Walikale")[0] == 0
    code, out, _ = run(capsys, "--store", str(root), "story", "add", "walikale", "b1a", "b2bb")
    assert code == 0 and "2 briefings" in out
    code, out, _ = run(capsys, "--store", str(root), "story", "list")
    assert out.splitlines() == ["Walikale\t2 briefings"]
    code, out, _ = run(capsys, "--store", str(root), "story", "show", "Walikale", "--format", "json")
    shown = json.loads(out)
    assert [b["id"] for b in shown["briefings"]] == ["b1aa", "b2bb"]
    withdrawal = next(e for e in shown["events"] if e["start"] == "2025-03-31")
    assert withdrawal["reported_by"] == 2
    code, out, _ = run(capsys, "--store", str(root), "story", "show", "Walikale")
    assert out.startswith("# Walikale") and "reported by 2" in out


def test_story_errors_change_nothing(tmp_path: Path, capsys) -> None:
    root = tmp_path / "s"
    Store(root).save(reuters())
    code, _, err = run(capsys, "--store", str(root), "story", "add", "Nope", "b1aa")
    assert code == 2 and "no story named 'Nope'" in err
    run(capsys, "--store", str(root), "story", "new", "Walikale")
    code, _, err = run(capsys, "--store", str(root), "story", "new", "WALIKALE")
    assert code == 2 and "already a story" in err
    code, _, err = run(capsys, "--store", str(root), "story", "add", "Walikale", "b1aa", "ffff")
    assert code == 2 and "ffff" in err
    assert stories.get_story(Store(root), "Walikale").briefings == ()


def test_adding_twice_keeps_one_copy_and_feeds_can_make_the_story(store: Store) -> None:
    store.save(reuters())
    stories.add_to_story(store, "From a feed", "b1aa")  # what feeds.py calls
    story = stories.add_to_story(store, "from a FEED", "b1aa")
    assert story.name == "From a feed" and story.briefings == ("b1aa",)
    assert [s.name for s in stories.stories_of(store, "b1aa")] == ["From a feed"]
    stories.remove_from_story(store, "From a feed", "b1aa")
    assert stories.get_story(store, "From a feed").briefings == ()


def test_a_deleted_briefing_is_reported_missing_not_fatal(store: Store) -> None:
    store.save(reuters())
    store.save(afp())
    stories.add_to_story(store, "W", "b1aa", "b2bb")
    store.delete("b2bb")
    view = stories.open_story(store, "W")
    assert list(view.briefings) == ["b1aa"] and view.missing == ("b2bb",)


# -- the merged view -----------------------------------------------------------


def test_the_same_event_from_two_articles_is_shown_once_with_both_sources() -> None:
    view = stories.merge([afp(), reuters()])
    withdrawal = [e for e in view.events if e.when.start == "2025-03-31"]
    assert len(withdrawal) == 1
    assert withdrawal[0].reported_by == 2
    assert set(withdrawal[0].sources) == {("b1aa", "e1"), ("b2bb", "e1")}
    # worded as the first article to report it (the older one)
    assert withdrawal[0].briefing_id == "b1aa"
    assert view.title("b2bb") == "Rebels pull back from Walikale"


def test_timeline_is_in_date_order_with_unresolved_last_and_every_entry_named() -> None:
    view = stories.merge([sample_briefing(), afp(), reuters()])
    starts = [e.when.start for e in view.events if e.when.resolved]
    assert starts == sorted(starts)
    assert all(not e.when.resolved for e in view.events[len(starts):])
    assert view.unresolved == 3
    assert all(e.sources and e.sources[0][0] in view.briefings for e in view.events)
    # the sample's "last month" halt and Reuters' "March" halt are the same event
    halt = next(e for e in view.events if e.when.value == "2025-03")
    assert halt.reported_by == 2


def test_different_dates_or_different_actors_or_vague_dates_are_not_merged() -> None:
    a = briefing("b01", "A", actors=[("x", "Qatar", "government"), ("y", "M23", "armed_group")], events=[
        ("e1", "Qatar hosts peace talks with M23", when("Friday", "2025-04-04"), ["x", "y"]),
        ("e2", "Talks resume soon", when("soon", value="FUTURE_REF", precision="vague"), []),
    ])
    b = briefing("b02", "B", actors=[("x", "Qatar", "government"), ("z", "Rwanda", "government")], events=[
        ("e1", "Qatar hosts peace talks with M23", when("Saturday", "2025-04-05"), ["x"]),  # other day
        ("e3", "Rwanda hosts peace talks", when("Friday", "2025-04-04"), ["z"]),  # other actors
        ("e2", "Talks resume soon", when("soon", value="FUTURE_REF", precision="vague"), []),
    ])
    view = stories.merge([a, b])
    assert len(view.events) == 5 and all(e.reported_by == 1 for e in view.events)


def test_actors_seen_in_several_articles_are_one_entry_matched_on_aliases() -> None:
    view = stories.merge([reuters(), afp(), sample_briefing()])
    m23 = [a for a in view.actors if "M23" in a.names]
    assert len(m23) == 1
    assert set(m23[0].names) == {"M23", "March 23 Movement"}
    assert m23[0].articles == 3
    us = next(a for a in view.actors if a.name == "United States")
    assert "Washington" in us.names and us.articles == 2
    assert len([n for n in us.names if n in ("US", "U.S.")]) == 1  # one spelling of one name
    # each article's actor maps to the merged entry, and events point at it
    assert view.actor_key("b2bb", "a1") == m23[0].key
    assert all(m23[0].key in e.actors for e in view.events_of(m23[0].key))
    assert view.actors[0].articles == 3  # most-seen first


def test_a_person_and_an_organisation_sharing_a_name_stay_apart_unless_merged() -> None:
    a = briefing("b01", "A", actors=[("x", "United States", "government", "Washington")])
    b = briefing("b02", "B", actors=[("y", "Washington", "person")])
    assert len(stories.merge([a, b]).actors) == 2
    merged = stories.merge([a, b], Identities([Decision("merge", "United States", "Washington")]))
    assert len(merged.actors) == 1 and merged.actors[0].name == "United States"


def test_quotes_are_grouped_by_speaker_and_the_same_quote_kept_once() -> None:
    view = stories.merge([reuters(), afp()])
    m23 = next(g for g in view.quotes if g.speaker == "M23")
    assert len(m23.quotes) == 1  # "... gesture" and "... gesture!" are one quote
    assert set(m23.quotes[0].sources) == {("b1aa", "q1"), ("b2bb", "q1")}
    assert m23.actor == view.actor_key("b1aa", "a1")
    unknown = next(g for g in view.quotes if g.actor is None)
    assert unknown.speaker == "a Qatari diplomat"


def test_story_suggestions_rank_by_shared_actors(store: Store) -> None:
    from briefings import search

    store.save(reuters())
    store.save(afp())
    store.save(briefing("b3cc", "Trade deal", actors=[("t", "European Union", "organization")]))
    stories.add_to_story(store, "Walikale", "b1aa")
    stories.add_to_story(store, "Trade", "b3cc")
    search.rebuild(store)
    suggestions = stories.suggest_stories(store, afp())
    assert [s.story for s in suggestions] == ["Walikale"]
    assert set(suggestions[0].shared) == {"March 23 Movement", "Alphamin"}
    stories.add_to_story(store, "Walikale", "b2bb")
    assert stories.suggest_stories(store, afp()) == []  # already in it


def test_merging_a_large_story_keeps_every_report() -> None:
    """500 articles x 20 events: the same 10 events reported by every article and
    10 of each article's own; the merge must find exactly those."""
    shared = [(f"s{i}", f"Ministers sign agreement number {i} on tin exports",
               when("on that day", f"2025-03-{i + 1:02d}")) for i in range(10)]
    many = []
    for n in range(500):
        events = [(eid, summary, w, ["gov"]) for eid, summary, w in shared]
        events += [(f"o{i}", f"Local report {n} item {i} about harbour {n * 20 + i}",
                    when("that day", f"2025-03-{i + 1:02d}"), [f"p{n}"]) for i in range(10)]
        many.append(briefing(f"b{n:04d}", f"Article {n}", published=f"2025-04-{n % 28 + 1:02d}",
                             actors=[("gov", "Government", "government"), (f"p{n}", f"Mayor {n}", "person")],
                             events=events))
    view = stories.merge(many)
    reported = sorted(e.reported_by for e in view.events)
    assert reported == [1] * 5000 + [500] * 10
    assert len(view.actors) == 501
