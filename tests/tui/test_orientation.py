"""Where you are is always visible: the focused pane stands out, titles say what narrows a
pane, the detail follows the filter, the cursor is never hidden, dialogs keep what was typed,
a small terminal is refused politely, and esc goes back from the library."""

from __future__ import annotations

from pathlib import Path

from support.pilot import pane, row_text, settle
from textual.geometry import Offset
from textual.widgets import Input, Label

from briefings.desk import Desk
from briefings.importing.sample import sample_briefing
from briefings.store import Store
from tui.app import BriefingApp
from tui.screens.briefing import BriefingScreen
from tui.screens.library import LibraryScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.dialogs import PromptDialog
from tui.widgets.too_small import TooSmall


def detail(app: BriefingApp) -> str:
    return str(app.screen.query_one(DetailPane).query_one("#detail-text").render())


async def test_each_pane_title_says_what_narrows_it_and_the_focused_one_stands_out(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        timeline, actors = pane(app, "timeline"), pane(app, "actors")
        assert timeline.border_title == "Timeline" and timeline.has_focus
        assert timeline.styles.border_top[1] != actors.styles.border_top[1]  # the focused pane's border differs
        await pilot.press("x")  # hide the first event
        await settle(app, pilot)
        assert timeline.border_title == "Timeline · 1 hidden (H shows)"
        assert "1 hidden" in app.screen.query_one("#header").render_plain()  # the header counts it too
        await pilot.press("slash", *"mine")
        await settle(app, pilot)
        rows = len(timeline.rows)
        assert timeline.border_title.startswith(f'Timeline · {rows} row{"s" * (rows != 1)} · filter "mine"')
        await pilot.press("escape", "2", "f")  # narrow to the first actor
        await settle(app, pilot)
        assert "narrowed to United States" in timeline.border_title


async def test_the_detail_pane_follows_the_filter_as_it_is_typed(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        assert detail(app).startswith("1994")  # the first event
        await pilot.press("slash", *"kagame")
        await settle(app, pilot)
        assert detail(app).splitlines()[1] == "Boulos meets Kagame in Kigali"  # never a row the filter removed


async def test_the_last_row_is_shown_when_the_cursor_goes_to_the_end(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    long = sample_briefing()
    store.save(long)
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = pane(app, "timeline")
        await pilot.press("1", "G")
        await pilot.pause()
        assert timeline.cursor == len(timeline.rows) - 1
        top, height = timeline.scroll_offset.y, timeline.scrollable_content_region.height
        assert top <= timeline.cursor < top + height  # on screen
        assert not timeline.horizontal_scrollbar.display or not timeline.show_horizontal_scrollbar


async def test_a_wrong_grade_or_date_is_named_in_the_dialog_which_keeps_it(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"Z9", "enter")
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.query_one(Input).value == "Z9"
        assert "Not a grade: 'Z9'" in str(app.screen.query_one("#prompt-error", Label).render())
        await pilot.press("backspace", "backspace", *"B2", "enter")
        await settle(app, pilot)
        assert row_text(app, "timeline").startswith(" ", 0) and "B2" in row_text(app, "timeline")[:4]
        await pilot.press("p", *"April 9", "enter")
        assert isinstance(app.screen, PromptDialog) and app.screen.query_one(Input).value.endswith("April 9")
        assert "Not a date" in str(app.screen.query_one("#prompt-error", Label).render())


async def test_a_terminal_too_small_says_how_large_it_must_be(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        message = app.screen.query_one(TooSmall)
        assert message.display and "Make the terminal larger" in str(message.render())
        assert not app.screen.query_one("#panes").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not message.display and app.screen.query_one("#panes").display


async def test_a_click_focuses_a_pane_and_picks_its_row(seeded: Store) -> None:
    app = BriefingApp(Desk(seeded.root))
    async with app.run_test(size=(120, 40)) as pilot:
        actors = pane(app, "actors")
        await pilot.click(actors, offset=Offset(10, 3))  # the border is the first line: the third actor
        await pilot.pause()
        assert actors.has_focus and actors.cursor == 2
        assert actors.current in detail(app) or "Donald Trump" in detail(app)


async def test_esc_in_the_library_goes_back_to_the_briefing_it_was_opened_from(seeded: Store) -> None:
    seeded.save(sample_briefing().__class__(id="bother0001", title="Another story", text="Another text."))
    app = BriefingApp(Desk(seeded.root), sample_briefing().id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen) and app.screen.briefing.id == sample_briefing().id
