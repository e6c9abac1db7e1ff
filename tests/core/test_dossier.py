"""An actor's dossier: every article, event, quote, alias and note across the store."""

from __future__ import annotations

import json

import pytest
from support.builders import afp, briefing, reuters, when

from briefings import dossier, identities, search
from briefings.errors import BriefingError
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main


@pytest.fixture
def filled(store: Store) -> Store:
    for b in (reuters(), afp(), sample_briefing(),
              briefing("b4dd", "Copper prices", actors=[("c", "Glencore", "company")],
                       events=[("e1", "Glencore raises output", when("Jan", "2025-01-01", "2025-01-31"), ["c"])])):
        store.save(b)
    store.annotate("b1aa", "a1", note="ask about the Doha talks", tags=["verify"])
    store.annotate("b2bb", "a1", starred=True)
    search.rebuild(store)
    return store


def test_dossier_gathers_everything_known_about_an_actor(filled: Store) -> None:
    found = dossier.build(filled, "march 23 movement")  # an alias, any case
    assert found.name == "M23" and set(found.actor.names) == {"M23", "March 23 Movement"}
    assert [b.id for b in found.articles] == ["b1aa", "b2bb", "b586af2b0"]
    withdrawal = next(e for e in found.events if e.when.start == "2025-03-31")
    assert withdrawal.reported_by == 3
    assert len(found.events) == 2  # the withdrawal and the March halt, each once
    assert [q.quote.text for q in found.quotes] == ["We leave Walikale as a goodwill gesture"]
    assert {(n.briefing_id, n.annotation.note, n.annotation.starred) for n in found.notes} == {
        ("b1aa", "ask about the Doha talks", False), ("b2bb", "", True)}


def test_dossier_reads_only_the_briefings_naming_the_actor(filled: Store, monkeypatch) -> None:
    loaded: list[str] = []
    original = Store.load

    def spy(self, briefing_id):
        loaded.append(briefing_id)
        return original(self, briefing_id)

    monkeypatch.setattr(Store, "load", spy)
    dossier.build(filled, "Glencore")
    assert loaded == ["b4dd"]


def test_dossier_from_an_actor_in_a_briefing_and_after_a_merge(filled: Store) -> None:
    found = dossier.for_actor(filled, "b586af2b0", "ada08040f")  # Alphamin Resources in the sample
    assert [b.id for b in found.articles] == ["b1aa", "b2bb", "b586af2b0"]
    identities.merge(filled, "Glencore", "Alphamin")
    merged = dossier.build(filled, "Glencore")
    assert merged.name == "Glencore"
    assert {b.id for b in merged.articles} == {"b1aa", "b2bb", "b586af2b0", "b4dd"}


def test_unknown_actor_is_a_one_line_error(filled: Store, capsys) -> None:
    with pytest.raises(BriefingError, match="no actor named 'Nobody'"):
        dossier.build(filled, "Nobody")
    assert main(["--store", str(filled.root), "dossier", "Nobody"]) == 2
    assert capsys.readouterr().err.startswith("briefing: dossier: no actor named")


def test_dossier_from_the_command_line(filled: Store, capsys) -> None:
    assert main(["--store", str(filled.root), "dossier", "M23", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["name"] == "M23" and len(doc["articles"]) == 3
    assert doc["notes"][0]["note"] == "ask about the Doha talks"
    assert main(["--store", str(filled.root), "dossier", "m23"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# M23\n") and "ask about the Doha talks" in out


def test_a_note_on_an_actors_event_or_quote_is_one_of_its_notes(filled: Store, capsys) -> None:
    """The dossier counted only notes on the actor itself, and said "none" above an event showing a note."""
    withdrawal = next(e for e in reuters().events if e.id == "e1")  # M23 withdraws
    filled.annotate("b1aa", withdrawal.id, note="check the date with the UN")
    found = dossier.build(filled, "M23")
    assert ("b1aa", withdrawal.id, "check the date with the UN") in {
        (n.briefing_id, n.entry_id, n.annotation.note) for n in found.notes}
    assert next(n.label for n in found.notes if n.entry_id == withdrawal.id) == withdrawal.summary
    assert main(["--store", str(filled.root), "dossier", "M23"]) == 0
    notes = capsys.readouterr().out.split("## Notes", 1)[1].split("## ", 1)[0]
    assert "check the date with the UN" in notes and "none" not in notes
