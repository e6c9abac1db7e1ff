"""The reader's work is never lost in the app: undo and redo of any action, changes rather
than copies (another process's writes survive), a note kept when its save fails, orphaned
annotations placed."""

from __future__ import annotations

import json

from support.pilot import pane, row_text, settle, until

from briefings.desk import Desk, StoreError
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main
from tui.app import BriefingApp
from tui.widgets.dialogs import NoteDialog, PickDialog, PromptDialog

SAMPLE = sample_briefing()


def messages(app: BriefingApp) -> list[str]:
    return [n.message for n in app._notifications]


def decisions(store: Store) -> list[tuple[str, str, str]]:
    docs = store.read(store.layout.identities).get("decisions", {}).values()
    return [(d["action"], d["a"], d["b"]) for d in docs]


async def test_undo_takes_back_a_merge_and_redo_makes_it_again(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j", "m", "j", "m", "enter")  # Massad Boulos, then Donald Trump; keep "Massad Boulos"
        await settle(app, pilot)
        assert decisions(seeded) == [("merge", "Massad Boulos", "Donald Trump")]
        await pilot.press("x")  # hide an actor row too: undo goes back one action at a time
        await settle(app, pilot)
        await pilot.press("u")
        assert await until(pilot, lambda: any(m.startswith("Undone: hide") for m in messages(app)))
        assert decisions(seeded) == [("merge", "Massad Boulos", "Donald Trump")]
        await pilot.press("u")
        assert await until(pilot, lambda: "Undone: merge of Massad Boulos and Donald Trump" in messages(app))
        assert decisions(seeded) == [] and not Store(seeded.root).annotations(SAMPLE.id)
        await pilot.press("U")
        assert await until(pilot, lambda: "Redone: merge of Massad Boulos and Donald Trump" in messages(app))
        assert decisions(seeded) == [("merge", "Massad Boulos", "Donald Trump")]


async def test_undo_after_another_process_wrote_keeps_its_note_and_tag(seeded: Store,
                                                                         capsys) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await settle(app, pilot)
        entry = pane(app, "timeline").current
        assert main(["annotate", SAMPLE.id, entry, "--note", "from the CLI", "--tag", "cli",
                     "--store", str(seeded.root)]) == 0
        await pilot.press("u")
        assert await until(pilot, lambda: any(m.startswith("Undone: star on") for m in messages(app)))
        await settle(app, pilot)
        saved = Store(seeded.root).annotations(SAMPLE.id)[entry]
        assert (saved.starred, saved.note, saved.tags) == (False, "from the CLI", ("cli",))
        assert "✎" in row_text(app, "timeline") and not row_text(app, "timeline").startswith("★")
    capsys.readouterr()


async def test_a_tag_added_elsewhere_while_the_tag_prompt_was_open_survives(seeded: Store, capsys) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        entry = pane(app, "timeline").current
        Desk(seeded.root).annotate(SAMPLE.id, entry, add_tags=["old"])
        await pilot.pause(1.2)  # the screen sees the change
        await settle(app, pilot)
        await pilot.press("t")
        assert isinstance(app.screen, PromptDialog)
        assert main(["annotate", SAMPLE.id, entry, "--tag", "cli", "--store", str(seeded.root)]) == 0
        await pilot.press("ctrl+u", *"mine", "enter")  # the reader replaces "old" with "mine"
        await settle(app, pilot)
        assert Store(seeded.root).annotations(SAMPLE.id)[entry].tags == ("cli", "mine")
    capsys.readouterr()


async def test_a_note_whose_save_fails_comes_back_with_its_text_to_try_again(seeded: Store) -> None:
    desk = Desk(seeded.root)
    app = BriefingApp(desk)
    real = desk.annotate
    tries = []

    def locked_once(*args, **kwargs):
        tries.append(kwargs)
        if len(tries) == 1:
            raise StoreError(f"{seeded.root}: the store is locked by another process (waited 10 s)")
        return real(*args, **kwargs)

    desk.annotate = locked_once
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"a long careful note")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: isinstance(app.screen, NoteDialog) and app.screen.error)
        assert app.screen.query_one("TextArea").text == "a long careful note"
        assert "locked by another process" in str(app.screen.query_one("#note-error").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        entry = pane(app, "timeline").current
        assert Store(seeded.root).annotations(SAMPLE.id)[entry].note == "a long careful note"
        assert not isinstance(app.screen, NoteDialog)


async def test_orphaned_annotations_are_told_and_placed(seeded: Store) -> None:
    entry = SAMPLE.events[2].id
    path = seeded.layout.annotations_of(SAMPLE.id)
    seeded.annotate(SAMPLE.id, entry, note="kept from an earlier version")
    data = json.loads(path.read_text())
    doc = next(iter(data["annotations"].values()))
    doc.update(entry="e-gone", was={"kind": "e", "text": SAMPLE.events[2].summary + " (corrected)"})
    path.write_text(json.dumps(data))
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        assert await until(pilot, lambda: any("press O to place" in m for m in messages(app)))
        await pilot.press("O")
        assert await until(pilot, lambda: isinstance(app.screen, PickDialog))
        await pilot.press("enter")  # the one orphan
        assert await until(pilot, lambda: isinstance(app.screen, PickDialog) and "which entry" in
                           str(app.screen.question))
        await pilot.press("enter")  # its most alike entry
        assert await until(pilot, lambda: "Annotation placed" in messages(app))
    notes = Store(seeded.root).annotations(SAMPLE.id)
    assert "e-gone" not in notes and notes[entry].note == "kept from an earlier version"
