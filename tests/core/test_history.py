"""Undo and redo: every action a reader takes, in order, as a change to what is stored now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefings.desk import Desk
from briefings.identities import decisions
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main

SAMPLE = sample_briefing()
EVENT, OTHER = SAMPLE.events[0].id, SAMPLE.events[1].id
LABEL = "US engagement on reopening the mine beg…"


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    desk = Desk(tmp_path / "store")
    desk.seed_sample()
    return desk


def cli(root: Path, *argv: str) -> subprocess.CompletedProcess:
    """``briefing ARGV`` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "cli.main", *argv, "--store", str(root)],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])


def test_undo_after_another_process_wrote_keeps_both(desk: Desk) -> None:
    desk.annotate(SAMPLE.id, EVENT, starred=True)
    done = cli(desk.root, "annotate", SAMPLE.id, EVENT, "--note", "ask the company", "--tag", "verify")
    assert done.returncode == 0, done.stderr
    assert desk.undo().message == f"Undone: star on “{LABEL}”"
    kept = Store(desk.root).annotations(SAMPLE.id)[EVENT]
    assert (kept.starred, kept.note, kept.tags) == (False, "ask the company", ("verify",))


def test_undo_leaves_a_field_someone_else_changed_since(desk: Desk) -> None:
    desk.annotate(SAMPLE.id, EVENT, note="mine", add_tags=["one"])
    assert cli(desk.root, "annotate", SAMPLE.id, EVENT, "--note", "theirs").returncode == 0
    done = desk.undo()
    assert done.message == f"Undone: note and tags +one on “{LABEL}” (the note changed since, left as it is)"
    kept = Store(desk.root).annotations(SAMPLE.id)[EVENT]
    assert (kept.note, kept.tags) == ("theirs", ())


def test_undo_and_redo_cover_every_action_in_order_each_named(desk: Desk) -> None:
    store = Store(desk.root)
    desk.annotate(SAMPLE.id, EVENT, note="check", add_tags=["verify"])
    desk.annotate(SAMPLE.id, OTHER, hidden=True)
    desk.merge_actors("Massad Boulos", "Boulos")
    desk.split_actor("United States", "Washington")
    desk.set_published(SAMPLE.id, "2025-05-02")
    desk.add_to_story("Bisie", SAMPLE.id)

    def seen() -> dict:
        notes = store.annotations(SAMPLE.id)
        return {"note": notes[EVENT].note if EVENT in notes else None,
                "hidden": OTHER in notes and notes[OTHER].hidden,
                "decisions": [(d.action, d.b) for d in decisions(store)],
                "published": store.entries(SAMPLE.id).source.published,
                "stories": [s.name for s in desk.stories()]}

    first = seen()
    messages = []
    states = []
    while (done := desk.undo()) is not None:
        messages.append(done.message)
        states.append(seen())
    hidden = store.entries(SAMPLE.id).events[1].summary
    assert messages == [
        "Undone: adding a briefing to Bisie",
        f"Undone: date 2025-05-02 set on “{SAMPLE.title[:39]}…”",
        "Undone: split of Washington from United States",
        "Undone: merge of Massad Boulos and Boulos",
        f"Undone: hide on “{hidden[:39].rstrip()}…”",
        f"Undone: note and tags +verify on “{LABEL}”",
    ]
    assert first["published"] == "2025-05-02" and states[0]["stories"] == []
    assert states[1]["published"] == SAMPLE.source.published
    assert states[2]["decisions"] == [("merge", "Boulos")] and states[3]["decisions"] == []
    assert states[3]["hidden"] and not states[4]["hidden"]
    assert states[4]["note"] == "check" and states[5]["note"] is None
    redone = []
    while (done := desk.redo()) is not None:
        redone.append(done.message)
    assert redone == [m.replace("Undone", "Redone") for m in reversed(messages)]
    assert seen() == first


def test_a_new_action_after_undo_cannot_be_redone_past(desk: Desk) -> None:
    desk.annotate(SAMPLE.id, EVENT, starred=True)
    desk.undo()
    desk.annotate(SAMPLE.id, OTHER, starred=True)
    assert desk.redo() is None
    assert desk.undo().message.startswith("Undone: star on")
    assert desk.undo() is None


def test_undoing_a_merge_someone_took_back_says_so(desk: Desk) -> None:
    desk.merge_actors("Paul Kagame", "Kagame")
    store = Store(desk.root)
    with store.edit(store.layout.identities) as db:
        db.table("decisions").truncate()
    assert desk.undo().message == "Undone: merge of Paul Kagame and Kagame (it was already taken back)"


def test_briefing_undo_takes_back_the_command_lines_latest_actions(
        desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(desk.root)
    assert main(["annotate", SAMPLE.id, EVENT, "--star", "--store", root]) == 0
    assert main(["actor", "merge", "Massad Boulos", "Boulos", "--store", root]) == 0
    capsys.readouterr()
    assert main(["undo", "--store", root]) == 0
    assert capsys.readouterr().out == "Undone: merge of Massad Boulos and Boulos\n"
    assert main(["undo", "--store", root]) == 0
    assert capsys.readouterr().out == f"Undone: star on “{LABEL}”\n"
    assert not Store(desk.root).annotations(SAMPLE.id)
    assert main(["undo", "--store", root]) == 2
    assert capsys.readouterr().err == "briefing: undo: nothing to undo\n"
    assert main(["redo", "--store", root]) == 0
    assert capsys.readouterr().out == f"Redone: star on “{LABEL}”\n"
    assert Store(desk.root).annotations(SAMPLE.id)[EVENT].starred


def test_a_damaged_undo_log_never_fails_the_action_it_could_not_keep(
        desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(desk.root)
    store.layout.undo_log.write_bytes(b"\x00 not json")
    assert main(["annotate", SAMPLE.id, EVENT, "--star", "--store", str(desk.root)]) == 0
    err = capsys.readouterr().err
    assert "undo.json" in err and "cannot be undone" in err
    assert store.annotations(SAMPLE.id)[EVENT].starred


def test_a_kind_rule_and_taking_a_rule_back_are_undone_too_and_the_library_follows(desk: Desk) -> None:
    sample = sample_briefing()
    actors = desk.library()[0].actors
    merge = desk.merge_actors("Massad Boulos", "Donald Trump")
    desk.set_actor_kind("M23", "military")
    assert desk.undo().message == "Undone: kind of M23: military"
    assert next(a for a in desk.briefing(sample.id).actors if a.name == "M23").kind == "armed_group"
    desk.forget_actor_rule(merge.id)
    assert desk.library()[0].actors == actors  # counted as shown: the merge is gone
    assert desk.undo().message == "Undone: taking back the merge of Massad Boulos and Donald Trump"
    assert [(d.action, d.a) for d in desk.actor_rules()] == [("merge", "Massad Boulos")]
    assert desk.library()[0].actors == actors - 1
