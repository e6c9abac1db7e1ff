"""The app against what an attacker or an unlucky day sends: a hostile JSON import shown with no
escape byte reaching the terminal, a publication date out of range, an export onto an existing
file, and quitting while an import is stuck."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.pilot import settle, until
from textual import events

from briefings.desk import Desk
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main
from tui.app import BriefingApp
from tui.screens.briefing import BriefingScreen
from tui.widgets.dialogs import NoteDialog

SAMPLE = sample_briefing()
ESCAPES = "\x1b]52;c;SGVsbG8=\x1b\\ \x1bc \x1b[2J \x1b]0;title\x07 \x9b31m \u202e"
CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0))]


def on_screen(app: BriefingApp) -> str:
    """What the terminal is sent, as the app's screenshot holds it."""
    return app.export_screenshot()


def errors(app: BriefingApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_a_hostile_json_import_sends_no_escape_to_the_terminal(seeded: Store, tmp_path: Path) -> None:
    doc = SAMPLE.to_dict()
    doc.update(id="bhostile1", title=f"Mine {ESCAPES} reopens")
    doc["source"]["outlet"] = "\x1b]8;;file:///etc/passwd\x1b\\Wire\x1b]8;;\x1b\\"
    doc["actors"][0]["name"] = f"Alphamin {ESCAPES}"
    doc["annotations"] = {doc["events"][0]["id"]: {"note": f"check {ESCAPES}", "tags": [f"v{ESCAPES}"],
                                                   "starred": True, "grade": None, "hidden": False, "updated": None}}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), "utf-8")
    assert main(["import", str(path), "--store", str(seeded.root)]) == 0
    app = BriefingApp(Desk(seeded.root, sweep=False))
    async with app.run_test(size=(120, 30)) as pilot:
        assert await until(pilot, lambda: "Mine" in on_screen(app))
        library = on_screen(app)
        app.open_briefing("bhostile1")
        assert await until(pilot, lambda: isinstance(app.screen, BriefingScreen))
        await pilot.press("4")  # the detail pane: the note, the tags, the passage
        await settle(app, pilot)
        briefing = on_screen(app)
    for shown in (library, briefing):
        assert not [c for c in CONTROL if c in shown]
        assert "SGVsbG8" not in shown and "/etc/passwd" not in shown


async def test_a_publication_date_out_of_range_is_an_error_shown_not_a_crash(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root, sweep=False), SAMPLE.id)
    async with app.run_test(size=(120, 30)) as pilot:
        for value in ("0001-01-01", "9999-12-31"):
            await pilot.press("p", "ctrl+a", "ctrl+k", *value, "enter")
            await settle(app, pilot)
        assert [m for m in errors(app) if "out of range" in m] and len(errors(app)) == 2
        assert isinstance(app.screen, BriefingScreen)
    assert Store(seeded.root).load(SAMPLE.id).source.published == SAMPLE.source.published


async def test_exporting_onto_an_existing_file_is_an_error_shown_to_the_reader(seeded: Store, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own notes", "utf-8")
    app = BriefingApp(Desk(seeded.root, sweep=False), SAMPLE.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("e", "ctrl+a", "ctrl+k", *str(target), "enter")
        await settle(app, pilot)
        assert [m for m in errors(app) if "already exists" in m]
    assert target.read_text("utf-8") == "my own notes"


async def test_escape_codes_pasted_into_the_note_editor_never_reach_the_screen(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root, sweep=False), SAMPLE.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: isinstance(app.screen, NoteDialog))
        app.post_message(events.Paste(f"ask the union {ESCAPES} again"))  # as the terminal sends a paste
        area = app.screen.query_one("TextArea")
        assert await until(pilot, lambda: "again" in area.text)
        assert not [c for c in CONTROL if c in area.text]
        assert not [c for c in CONTROL if c in on_screen(app)]


STUCK_IMPORT = """
import sys, threading
from briefings.desk import Desk
from tui.app import BriefingApp
from support.pilot import until

entered, never = threading.Event(), threading.Event()

class StuckDesk(Desk):
    def import_article(self, name, **options):  # a server trickling bytes, a FIFO: it never returns
        entered.set()
        never.wait()

async def drive(pilot):
    await pilot.press("i", *"article.txt", "enter")
    assert await until(pilot, entered.is_set)
    await pilot.press("q")

BriefingApp(StuckDesk(sys.argv[1], sweep=False)).run(headless=True, size=(100, 30), auto_pilot=drive)
print("quit", flush=True)
"""


def test_q_quits_while_an_import_worker_is_stuck(seeded: Store) -> None:
    """The real app (asyncio.run, as 'briefing' runs it) in a child process: once q is pressed
    the process ends, though the import worker never returns. It used to wait for it for ever."""
    tests = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", STUCK_IMPORT, str(seeded.root)], capture_output=True, text=True,
                          timeout=120, cwd=tests, env={**__import__("os").environ, "PYTHONPATH": str(tests)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("quit")


async def test_the_library_of_a_store_written_before_the_gate_shows_no_escape(seeded: Store) -> None:
    """Escapes a JSON import let through before the gate existed: opening the library wrote
    OSC 52 (a clipboard write) six times and reset the terminal three times."""
    from dataclasses import replace

    seeded.save(replace(SAMPLE, id="bhostile2", title=f"Mine {ESCAPES} reopens",
                        source=replace(SAMPLE.source, outlet=f"W{ESCAPES}")))  # the store, past the gate
    seeded.save(replace(SAMPLE, id="bhostile3", text=SAMPLE.text.replace(" ", f" {ESCAPES[:21]}", 3),
                        actors=(replace(SAMPLE.actors[0], name=f"Alphamin {ESCAPES}"), *SAMPLE.actors[1:])))
    app = BriefingApp(Desk(seeded.root, sweep=False))
    async with app.run_test(size=(120, 30)) as pilot:
        assert await until(pilot, lambda: "reopens" in on_screen(app))
        assert not [c for c in CONTROL if c in on_screen(app)]
        for briefing_id in ("bhostile2", "bhostile3"):  # and each briefing, its passages in the detail
            app.open_briefing(briefing_id)
            assert await until(pilot, lambda: isinstance(app.screen, BriefingScreen))
            await pilot.press("2", "4")
            await settle(app, pilot)
            assert not [c for c in CONTROL if c in on_screen(app)]
            app.show_library()
            await settle(app, pilot)
