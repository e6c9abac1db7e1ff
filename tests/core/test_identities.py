"""The reader decides who is who: merges and splits, kept once, applied everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.builders import afp, briefing, install_extract, reuters, when

from briefings import identities, stories
from briefings.desk import Desk
from briefings.errors import BriefingError
from briefings.identities import Decision, Identities
from briefings.importing.sample import sample_briefing
from briefings.names import name_key
from briefings.store import Store
from cli.main import main


def ousted() -> object:
    """An article naming the mine's operator by a name no other article uses."""
    return briefing("b9ee", "Tin output resumes", published="2025-05-02", actors=[
        ("x1", "Bisie operator", "company"), ("x2", "Alphamin Resources", "company", "Alphamin"),
    ], events=[("e1", "Bisie operator restarts the mine", when("Monday", "2025-04-28"), ["x1"]),
               ("e2", "Alphamin shares rise", when("Monday", "2025-04-28"), ["x2"])])


def test_merge_makes_two_names_one_actor_in_every_view(store: Store, capsys) -> None:
    store.save(reuters())
    store.save(ousted())
    stories.add_to_story(store, "Bisie", "b1aa", "b9ee")
    before = stories.open_story(store, "Bisie")
    assert {"Bisie operator", "Alphamin Resources"} <= {a.name for a in before.actors}
    assert main(["--store", str(store.root), "actor", "merge", "Alphamin Resources", "bisie OPERATOR"]) == 0
    after = stories.open_story(store, "Bisie")
    alphamin = [a for a in after.actors if "Alphamin" in a.names]
    assert len(alphamin) == 1 and "Bisie operator" in alphamin[0].names
    assert alphamin[0].name == "Alphamin Resources"  # the name the reader put first
    # inside the one article that had both, they are one actor now and both events point at it
    merged = after.briefings["b9ee"]
    assert len(merged.actors) == 1
    assert {e.actors for e in merged.events} == {("x2",)}
    assert "rule 1: merge 'Alphamin Resources' and 'bisie OPERATOR'" in capsys.readouterr().out


def test_split_takes_an_alias_out_into_an_actor_of_its_own(store: Store) -> None:
    sample = sample_briefing()
    store.save(sample)
    stories.add_to_story(store, "Bisie", sample.id)
    identities.split(store, "DR Congo government", "Kinshasa")
    view = stories.open_story(store, "Bisie")
    government = next(a for a in view.actors if a.name == "DR Congo government")
    assert "Kinshasa" not in government.names
    kinshasa = next(a for a in view.actors if a.name == "Kinshasa")
    assert len(kinshasa.appearances) == 1
    applied = view.briefings[sample.id]
    split_out = next(a for a in applied.actors if a.name == "Kinshasa")
    assert all(applied.text[s:e] == "Kinshasa" for s, e in split_out.mentions)
    assert split_out.mentions  # the article's mentions moved with the alias


def test_later_decisions_win_a_split_undoes_a_merge_and_forget_takes_one_back(store: Store) -> None:
    a = briefing("b01", "A", actors=[("x", "M23", "armed_group")])
    b = briefing("b02", "B", actors=[("y", "AFC", "armed_group")])
    identities.merge(store, "M23", "AFC")
    assert len(stories.merge([a, b], identities.load(store)).actors) == 1
    identities.split(store, "M23", "AFC")
    assert len(stories.merge([a, b], identities.load(store)).actors) == 2
    last = identities.decisions(store)[-1]
    identities.forget(store, last.id)
    assert len(stories.merge([a, b], identities.load(store)).actors) == 1


def test_a_split_wins_over_an_alias_that_would_join_articles() -> None:
    a = briefing("b01", "A", actors=[("x", "DR Congo government", "government", "Kinshasa")])
    b = briefing("b02", "B", actors=[("y", "Kinshasa", "place")])
    assert len(stories.merge([a, b]).actors) == 1
    ids = Identities([Decision("split", "DR Congo government", "Kinshasa")])
    view = stories.merge([a, b], ids)
    assert sorted(x.name for x in view.actors) == ["DR Congo government", "Kinshasa"]
    assert next(x for x in view.actors if x.name == "Kinshasa").articles == 2


def test_applying_decisions_twice_changes_nothing_more() -> None:
    ids = Identities([Decision("merge", "Alphamin Resources", "Bisie operator"),
                      Decision("split", "United States", "Washington")])
    once = ids.apply(ousted())
    assert ids.apply(once) == once
    untouched = afp()
    assert ids.apply(untouched) is untouched


def test_the_decision_applies_to_a_later_import(tmp_path: Path, monkeypatch, capsys) -> None:
    root = tmp_path / "s"
    Store(root).save(ousted())  # a first import named both
    assert main(["--store", str(root), "actor", "merge", "Alphamin Resources", "Bisie operator"]) == 0
    install_extract(monkeypatch, ousted())  # the article imported again, with what extraction finds
    article = tmp_path / "article.txt"
    article.write_text("Bisie operator restarts the mine.\n", encoding="utf-8")
    assert main(["--store", str(root), "import", str(article)]) == 0
    stored = Store(root).load("b9ee")
    assert [a.name for a in stored.actors] == ["Alphamin Resources"]
    assert "Bisie operator" in stored.actors[0].aliases


def test_a_note_on_an_actor_merged_away_moves_to_the_actor_kept(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "s"
    store = Store(root)
    store.save(ousted())
    store.annotate("b9ee", "x1", note="who runs it now?")
    identities.merge(store, "Alphamin Resources", "Bisie operator")
    install_extract(monkeypatch, ousted())
    article = tmp_path / "article.txt"
    article.write_text("again\n", encoding="utf-8")
    assert main(["--store", str(root), "import", str(article)]) == 0
    reloaded = Store(root).load("b9ee")
    assert reloaded.annotations["x2"].note == "who runs it now?"


@pytest.mark.parametrize("argv, message", [
    (["actor", "merge", "M23", "m23"], "already the same name"),
    (["actor", "split", "M23", "  "], "at least one letter"),
    (["actor", "merge", "Nobody", "M23"], "no actor named 'Nobody'"),
    (["actor", "split", "United States", "Foo"], "'Foo' is not a name of 'United States'"),
    (["actor", "kind", "Nobody", "person"], "no actor named 'Nobody'"),
    (["actor", "kind", "M23", "volcano"], "invalid choice"),
    (["actor", "forget", "7"], "no actor rule 7"),
    (["actor"], "give an action"),
])
def test_bad_decisions_are_refused_and_nothing_is_kept(tmp_path: Path, capsys, argv, message) -> None:
    root = tmp_path / "s"
    Store(root).save(sample_briefing())  # M23 and the United States (also Washington) are actors here
    assert main(["--store", str(root), *argv]) == 2
    assert message in capsys.readouterr().err
    assert identities.decisions(Store(root)) == []


def test_names_match_across_case_accents_and_punctuation() -> None:
    assert name_key("U.S.") == name_key("us")
    assert name_key("Félix Tshisekedi") == name_key("FELIX  TSHISEKEDI")
    with pytest.raises(BriefingError):
        Decision.from_dict({"action": "merge", "a": "x"})


def test_rules_are_listed_and_taken_back_and_the_library_counts_as_the_briefing_shows(
        tmp_path: Path, capsys) -> None:
    root = tmp_path / "s"
    store = Store(root)
    sample = sample_briefing()
    store.save(sample)
    actors = store.list()[0].actors
    assert main(["--store", str(root), "actor", "merge", "Massad Boulos", "Donald Trump"]) == 0
    assert main(["--store", str(root), "actor", "kind", "M23", "military"]) == 0
    assert store.list()[0].actors == actors - 1  # the library counts what the briefing's screen shows
    capsys.readouterr()
    assert main(["--store", str(root), "actor", "rules"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [
        ["1", "merge 'Massad Boulos' and 'Donald Trump'"], ["2", "'M23' is a military"]]
    m23 = next(a for a in Desk(root).briefing(sample.id).actors if a.name == "M23")
    assert m23.kind == "military"  # the kind rule applies wherever the actor is shown
    assert main(["--store", str(root), "actor", "forget", "1"]) == 0
    assert [d.id for d in identities.decisions(store)] == [2]
    assert store.list()[0].actors == actors  # counted again once the merge is taken back
