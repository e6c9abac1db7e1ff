"""Pilot tests: the keyboard flows a reader uses, on the bundled sample."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support.pilot import burst, pane, row_text, settle
from textual.geometry import Region

from briefings.desk import Desk
from briefings.importing.sample import sample_briefing
from briefings.model import Briefing, Event, Quote, When
from briefings.store import Store
from tui.app import BriefingApp
from tui.widgets.dialogs import HelpDialog, NoteDialog
from tui.widgets.entry_list import EntryList
from tui.widgets.text_box import TextBox

MARKUP = "[bold]x[/] [link=file:///etc/passwd]y[/link]"


async def test_opens_on_the_sample_and_moves_between_panes(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Mar 2025" in " ".join(r.text.plain for r in pane(app, "timeline").rows)
        assert app.focused is pane(app, "timeline")
        await pilot.press("2")
        assert app.focused is pane(app, "actors")
        await pilot.press("tab")
        assert app.focused is pane(app, "quotes")
        await pilot.press("1", "G")
        assert pane(app, "timeline").cursor == len(pane(app, "timeline").rows) - 1
        await pilot.press("g", "j", "j")
        assert pane(app, "timeline").cursor == 2
        await pilot.press("k")
        assert pane(app, "timeline").cursor == 1


async def test_timeline_is_chronological_with_the_expression_beside_the_date(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)):
        rows = [r.text.plain for r in pane(app, "timeline").rows]
        assert "1994" in rows[0]
        assert any("8 Apr 2025" in r and "Tuesday" in r for r in rows)  # dates read as words
        assert "soon" in rows[-1] or "earlier" in rows[-1]  # not FUTURE_REF or PAST_REF


async def test_each_annotation_key_saves_and_survives_a_restart(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert row_text(app, "timeline").startswith("★")
        await pilot.press("t")
        await pilot.press(*"verify", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("c", "B", "2", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("n")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"ask Alphamin", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert row_text(app, "timeline").startswith("★✎B2")  # star, note, grade: one cell each
        entry = pane(app, "timeline").current
    again = BriefingApp(Desk(seeded.root))
    async with again.run_test(size=(120, 40)):
        saved = Store(seeded.root).annotations(sample_briefing().id)[entry]
        assert (saved.starred, saved.tags, saved.grade, saved.note) == (True, ("verify",), "B2", "ask Alphamin")
        assert row_text(again, "timeline").startswith("★")


async def test_the_tag_prompt_offers_a_tag_used_before_and_right_takes_it(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", *"verify", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("j", "t", "v", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one(TextBox)
        assert box.value == "ve" and box.render_line(0).text.lstrip().startswith("verify")  # the rest, offered
        await pilot.press("right", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        entry = pane(app, "timeline").current
    assert Store(seeded.root).annotations(sample_briefing().id)[entry].tags == ("verify",)


async def test_hide_show_hidden_and_undo(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        before = len(pane(app, "timeline").rows)
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(pane(app, "timeline").rows) == before - 1
        await pilot.press("H")
        assert len(pane(app, "timeline").rows) == before
        assert any("⊘" in r.text.plain for r in pane(app, "timeline").rows)
        await pilot.press("H", "u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(pane(app, "timeline").rows) == before
        assert not Store(seeded.root).annotations(sample_briefing().id)


async def test_filter_as_you_type_and_escape_clears(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"kag")
        await settle(app, pilot)  # filtering runs in a worker
        assert [r.text.plain.strip() for r in pane(app, "actors").rows] == ["Paul Kagame  person  ×1"]
        await pilot.press("escape")  # leaves the filter box
        await pilot.press("escape")
        assert len(pane(app, "actors").rows) == len(sample_briefing().actors)


async def test_a_filter_typed_in_a_burst_after_slash_goes_to_the_filter_box(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        burst(app, "/kag")  # else "k" and "g" would move the cursor and "a" go to a speaker
        await settle(app, pilot)
        assert [r.text.plain.strip() for r in pane(app, "actors").rows] == ["Paul Kagame  person  ×1"]


async def test_actor_narrows_timeline_and_quote_jumps_to_speaker(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j")  # Massad Boulos
        assert "Massad Boulos" in row_text(app, "actors")
        await pilot.press("f")
        assert 0 < len(pane(app, "timeline").rows) < len(sample_briefing().events)
        await pilot.press("escape", "3", "a")
        assert app.focused is pane(app, "actors")
        assert "Massad Boulos" in row_text(app, "actors")


async def test_help_shows_the_focused_panes_keys_first_as_they_are_pressed(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "question_mark")  # the actors pane has the focus
        assert isinstance(app.screen, HelpDialog)
        shown = app.screen.bindings_shown
        sections = [k.where for k in shown]
        assert sections == sorted(sections, key=["pane", "screen", "app"].index) and sections[0] == "pane"
        where = {k.binding_id: k.where for k in shown}
        assert where["actor.merge"] == where["entry.star"] == where["list.down"] == "pane"
        assert where["pane.filter"] == "screen" and where["app.quit"] == "app"
        keys = {k.binding_id: k.keys for k in shown}
        assert keys["pane.filter"] == ["/"] and keys["app.help"] == ["?"] and keys["pane.clear"] == ["esc"]
        assert not {"Scroll Left", "Page Right", "Copy"} & {k.description for k in shown}  # none of Textual's own
        await pilot.press("escape", "1", "question_mark")  # the timeline: no actor keys there
        assert "actor.merge" not in {k.binding_id for k in app.screen.bindings_shown}


async def test_the_palette_lists_each_action_once_with_its_key_and_runs_it(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert len(titles) == len(set(titles)) and "Star" in titles and "Theme" in titles
        assert next(c.help for c in commands if c.title == "Star") == "key: s"
        await pilot.press("ctrl+p")
        await pilot.press(*"Star", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Store(seeded.root).annotations(sample_briefing().id)


async def test_user_keymap_remaps_a_binding(seeded: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "keymap.toml").write_text('"entry.star" = "S"\n')
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "cfg"))
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await app.workers.wait_for_complete()
        assert not Store(seeded.root).annotations(sample_briefing().id)
        await pilot.press("S")
        await app.workers.wait_for_complete()
        assert Store(seeded.root).annotations(sample_briefing().id)


async def test_markup_in_entries_and_notes_shows_literally(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    text = f"On Monday the company said {MARKUP}."
    store.save(Briefing(id="bmarkup01", title=MARKUP, text=text,
                        quotes=(Quote(id="q1", text=MARKUP, speaker_name=MARKUP, span=(27, 27 + len(MARKUP))),),
                        events=(Event(id="e1", summary=MARKUP, when=When("Monday"), span=(0, len(text))),)))
    store.annotate("bmarkup01", "e1", note=MARKUP)
    app = BriefingApp(Desk(store.root), "bmarkup01")
    async with app.run_test(size=(120, 40)) as pilot:
        assert MARKUP in row_text(app, "timeline") and MARKUP in row_text(app, "quotes")
        detail = app.screen.query_one("#detail-text").render()
        assert MARKUP in str(detail)
        await pilot.press("n")
        assert app.screen.query_one("TextArea").text == MARKUP


async def test_library_opens_a_briefing_and_extraction_is_not_loaded(seeded: Store) -> None:
    other = sample_briefing()
    seeded.save(Briefing(id="bother0001", title="Another story", text="text", source=other.source))
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)  # the library reads the index in a worker
        assert len(app.screen.query_one("#library", EntryList).rows) == 2
        await pilot.press("enter")
        assert app.screen.query("#timeline")


def test_starting_the_app_loads_no_heavy_module(seeded: Store) -> None:
    code = (
        "import asyncio, sys\n"
        "from briefings.desk import Desk\n"
        "from tui.app import BriefingApp\n"
        "async def main():\n"
        f"    app = BriefingApp(Desk({str(seeded.root)!r}))\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        await app.workers.wait_for_complete()\n"
        "        print(sorted(m for m in sys.modules if m.startswith(('briefings.extract', 'briefings.export',\n"
        "              'briefings.feeds', 'briefings.web', 'dateutil', 'trafilatura', 'feedparser', 'urllib3'))))\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_the_app_loads_only_what_the_library_needs() -> None:
    """Start-up pays only for the library: the briefing screens, the note editor
    (TextArea) and the lock (taken on the first write) load when first used."""
    code = ("import sys, tui.app\n"
            "print(sorted(m for m in sys.modules if m in ('tui.screens.entries', 'tui.widgets.dialogs', 'tui.screens.briefing',\n"
            "      'textual.widgets._text_area', 'filelock')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_setting_the_date_resolves_the_timeline_and_keeps_annotations(tmp_path: Path) -> None:
    from support.corpus import SEED_ARTICLE

    from briefings.importing.articles import import_article

    store = Store(tmp_path / "s")
    briefing, _ = import_article(store, str(SEED_ARTICLE))
    month = next(e for e in briefing.events if e.when.text == "last month")
    store.annotate(briefing.id, month.id, starred=True)
    app = BriefingApp(Desk(store.root), briefing.id)
    async with app.run_test(size=(120, 40)) as pilot:
        row = next(r.text.plain for r in pane(app, "timeline").rows if r.key == month.id)
        assert "undated" in row
        await pilot.press("p", *"2025-04-09", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(r.text.plain for r in pane(app, "timeline").rows if r.key == month.id)
        assert "Mar 2025" in row and row.startswith("★")


async def test_refreshing_feeds_from_the_library_adds_unread_briefings(seeded: Store, site) -> None:  # noqa: F811
    from briefings.importing import feeds

    feeds.add_feed(seeded, site.url("/feeds/gazette.atom"))
    seeded.save(Briefing(id="bother0001", title="Another story", text="text"))
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = len(app.screen.query_one("#library", EntryList).rows)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = app.screen.query_one("#library", EntryList).rows
        assert len(rows) > before
        assert sum("●" in r.text.plain for r in rows) == len(rows) - before


async def test_typing_in_the_tags_prompt_adds_a_tag(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", *"verify", "enter")
        await settle(app, pilot)
        await pilot.press("t", *"mine", "enter")
        await settle(app, pilot)
        entry = pane(app, "timeline").current
    assert Store(seeded.root).annotations(sample_briefing().id)[entry].tags == ("verify", "mine")


def reports(tmp_path: Path, count: int) -> Store:
    """A store of ``count`` small briefings: the app opens on the library."""
    store = Store(tmp_path / "s")
    for n in range(count):
        store.save(Briefing(id=f"b{n:04d}", title=f"Report {n}", text="text"))
    return store


async def shown_library(app: BriefingApp, pilot) -> EntryList:
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one("#library", EntryList)


async def test_a_long_library_makes_only_the_rows_it_shows_and_opens_the_last(tmp_path: Path) -> None:
    store = reports(tmp_path, 300)
    app = BriefingApp(Desk(store.root, sweep=False))
    async with app.run_test(size=(80, 24)) as pilot:
        library = await shown_library(app, pilot)
        assert len(library.rows) == 300
        assert len(library.rows._made) < 30  # a screenful, not 300
        await pilot.press("G", "enter")
        await pilot.pause()
        assert app.screen.query("#timeline")
        assert app.screen.briefing.id == store.list()[-1].id


async def test_moving_the_cursor_redraws_the_row_it_left(tmp_path: Path) -> None:
    """Only the two rows a cursor move touches are redrawn, from drawn-line caches:
    the row left behind must lose its highlight, the new one gain it."""
    app = BriefingApp(Desk(reports(tmp_path, 5).root, sweep=False))
    async with app.run_test(size=(80, 24)) as pilot:
        library = await shown_library(app, pilot)

        def highlighted() -> list[int]:  # the lines as the screen takes them (the widget's cache of drawn lines)
            lines = library.render_lines(Region(0, 0, library.size.width, 5))
            cursor = {library.get_component_rich_style(f"entry-list--{name}").bgcolor
                      for name in ("cursor", "cursor-blurred")}  # the cursor's colours, focused or not
            return [y for y, line in enumerate(lines) if any(seg.style and seg.style.bgcolor in cursor for seg in line)]

        assert highlighted() == [0]
        await pilot.press("j", "j")
        assert highlighted() == [2]
        await pilot.press("k")
        assert highlighted() == [1]
        focused_line = list(library.render_lines(Region(0, 1, library.size.width, 1))[0])
        app.screen.query_one("#search").focus()  # the list loses focus: its cursor row is drawn another way
        await pilot.pause()
        assert highlighted() == [1]
        assert list(library.render_lines(Region(0, 1, library.size.width, 1))[0]) != focused_line
