"""The briefing workbench: the library, then a briefing, a story or an actor's dossier.

The app reaches the core through one door, ``briefings.desk.Desk`` (and the
model). Every key is declared once in ``keymap``: the footer, the ``?`` help,
the command palette and the reader's keymap file all come from there. Store
reads and writes run in thread workers; a mark shows only after its save
returned. The screens live in ``screens``; this module opens them, importing
each when first needed so that start-up loads only the library.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen

from briefings.desk import BriefingError, Desk, clean

from .config import keymap_path, read_settings, write_setting
from .keymap import bindings, keys_in_reach
from .notify import reports_errors
from .screens.library import LibraryScreen
from .words import count

if TYPE_CHECKING:
    from .render import Target


TEXTUAL_COMMANDS = ("Theme", "Screenshot")  # of the palette's own; our keys cover the rest


QUIT_GRACE = 0.5  # seconds a quitting app waits for its workers to finish what they write


class Workers(ThreadPoolExecutor):
    """Where thread workers run: each on a daemon thread, so quitting never waits for one
    stuck in a read or a fetch. (On the default executor, asyncio joins every thread at
    exit: the app vanished but the process waited, for ever on a stalled server.) A
    worker still running gets QUIT_GRACE seconds; one cut short mid-write leaves the
    store as it was (every write is atomic)."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self._running: set[threading.Thread] = set()

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        future: Future = Future()

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(*args, **kwargs))
                    except BaseException as exc:  # noqa: BLE001 - handed to the awaiting worker
                        future.set_exception(exc)
            finally:
                self._running.discard(thread)
        thread = threading.Thread(target=run, daemon=True, name="briefing-worker")
        self._running.add(thread)
        thread.start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        deadline = time.monotonic() + QUIT_GRACE
        for thread in list(self._running):
            thread.join(max(0.0, deadline - time.monotonic()))
        super().shutdown(wait=False)


class BriefingApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    BINDINGS = bindings("app.quit", "app.help", "app.import")

    def __init__(self, desk: Desk, briefing_id: str | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.start_id = briefing_id

    def on_load(self) -> None:
        asyncio.get_running_loop().set_default_executor(Workers())  # before any worker starts

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event = events.Paste(clean(event.text))  # pasted text is data: its escapes never reach the screen
        await super().on_event(event)

    def on_mount(self) -> None:
        self.apply_user_keymap()
        self.apply_settings()
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        # Sweeping lists the whole store: start it once the first screen is up, not in its way.
        self.set_timer(1.0, self.sweep)
        only = self.start_id or self.desk.sole_briefing()
        if only:
            self.open_briefing(only)
        else:
            self.show_library()

    @work(thread=True, group="sweep")
    def sweep(self) -> None:
        """Remove what killed writers left behind, off the UI thread (it lists the whole store)."""
        try:
            self.desk.sweep()
        except Exception:  # noqa: BLE001 - the store is busy or read-only; the next start sweeps
            pass

    def apply_settings(self) -> None:
        """The theme last chosen (in the palette: Theme), when it still exists."""
        theme = read_settings().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def remember_theme(self, theme) -> None:
        try:
            write_setting("theme", theme.name)
        except OSError as exc:  # a read-only config folder: the theme holds until the app quits
            self.notify(f"theme not remembered: {exc.strerror or exc}", severity="warning", markup=False)

    def apply_user_keymap(self) -> None:
        path = keymap_path()
        if not path.exists():
            return
        import tomllib  # only when there is a keymap: start-up stays lean
        try:
            keymap = tomllib.loads(path.read_text("utf-8"))
            self.set_keymap({str(k): str(v) for k, v in keymap.items()})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.notify(f"{path}: keymap not applied ({exc})", severity="error", markup=False)

    # -- the screens --------------------------------------------------------------

    @reports_errors
    def open_briefing(self, briefing_id: str, entry_id: str | None = None, added: frozenset[str] | None = None) -> None:
        """A briefing, at ``entry_id``; opened from a story, ``added`` are the entries it adds to it."""
        from .screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(self.desk.briefing(briefing_id), entry_id, added))

    @work(thread=True, exclusive=True, group="open")
    @reports_errors
    def open_story(self, name: str) -> None:
        """Merge a story's briefings in a worker (hundreds of articles), then show it."""
        from .screens.story import StoryScreen

        def merging(story) -> None:  # only when its stored view is out of date
            if len(story.briefings) > 50:
                self.notify(f"Merging the {len(story.briefings)} articles of {story.name}…", timeout=3, markup=False)

        view = self.desk.open_story(name, on_merge=merging)
        self.call_from_thread(self.push_screen, StoryScreen(view))

    @work(thread=True, exclusive=True, group="open")
    @reports_errors
    def open_dossier(self, name: str, start: Target | None = None) -> None:
        from .screens.dossier import DossierScreen

        dossier = self.desk.dossier(name, start=start)
        self.call_from_thread(self.push_screen, DossierScreen(dossier, start))

    def show_library(self, back_to: Callable[[], object] | None = None) -> None:
        """The library, alone on the stack; ``back_to`` reopens what was left (esc in the library)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen())
        else:
            self.screen.reload()
        self.screen.back_to = back_to

    # -- keys of every screen -------------------------------------------------------

    def action_help(self) -> None:
        from .widgets.dialogs import HelpDialog

        self.push_screen(HelpDialog(keys_in_reach(self.screen)))

    def action_import(self) -> None:
        from .widgets.dialogs import PromptDialog

        def done(path: str | None) -> None:
            if path:
                self.import_file(path.strip())
        self.push_screen(PromptDialog("Import an article (file path or URL)"), done)

    @work(thread=True)
    @reports_errors
    def import_file(self, path: str) -> None:
        briefing, _ = self.desk.import_article(str(Path(path).expanduser()) if "://" not in path else path)
        suggestions = self.desk.suggest_stories(briefing.id)
        self.call_from_thread(self.open_briefing, briefing.id)
        for s in suggestions:
            self.notify(f"Shares {', '.join(s.shared[:3])} with the story {s.story!r}: press S to add it",
                        title="Story suggestion", timeout=8, markup=False)

    # -- stories and exports, asked from any screen ---------------------------------

    @work(thread=True, exclusive=True, group="ask")
    @reports_errors
    def ask_story(self, briefing_id: str) -> None:
        """Ask which story to add a briefing to; the stories it shares most actors with come first."""
        from .widgets.dialogs import PromptDialog

        suggested = [s.story for s in self.desk.suggest_stories(briefing_id)]
        names = suggested + [s.name for s in self.desk.stories() if s.name not in suggested]

        def done(name: str | None) -> None:
            if name and name.strip():
                self.add_to_story(name.strip(), briefing_id)
        hint = ("suggested: " + ", ".join(suggested)) if suggested else "a new name starts a new story"
        self.call_from_thread(self.push_screen, PromptDialog(
            "Add to story (a new name makes a new story)", suggested[0] if suggested else "", names, hint=hint), done)

    @work(thread=True)
    @reports_errors
    def add_to_story(self, name: str, briefing_id: str) -> None:
        story = self.desk.add_to_story(name, briefing_id)
        self.notify(f"Added to {story.name!r} ({count(len(story.briefings), 'article')})", markup=False)

    def ask_export(self, subject: dict[str, str], stem: str) -> None:
        """Ask for a file; its extension (.md .json .csv .ics) picks the format."""
        from .widgets.dialogs import PromptDialog

        def done(path: str | None) -> None:
            if path and path.strip():
                self.export_to(subject, Path(path.strip()).expanduser())

        def problem(path: str) -> str | None:
            if not path.strip():
                return "Give a file name ending in .md, .json, .csv or .ics"
            target = Path(path.strip()).expanduser()
            if not target.parent.is_dir():
                return f"No folder {str(target.parent)!r}: name a folder that exists"
            try:
                self.desk.export_format(target)
            except BriefingError as exc:
                return str(exc)
            return None
        self.push_screen(PromptDialog("Export to file (.md, .json, .csv or .ics)", f"{stem}.md",
                                      hint="markdown for a colleague · json to import back · csv timeline · ics calendar",
                                      check=problem), done)

    @work(thread=True)
    @reports_errors
    def export_to(self, subject: dict[str, str], path: Path) -> None:
        result = self.desk.export_to(path, **subject)
        skipped = f" ({result.skipped} events without a date left out)" if result.skipped else ""
        self.notify(f"Exported to {path}{skipped}", markup=False)

    def get_system_commands(self, screen: Screen):
        """The palette: every action in reach once, with its key; and Textual's theme and screenshot."""
        yield from (c for c in super().get_system_commands(screen) if c.title in TEXTUAL_COMMANDS)
        for k in keys_in_reach(screen):
            yield SystemCommand(k.description, "key: " + " or ".join(k.keys),
                                lambda action=k.action, node=k.node: self.run_action(action, node))


def run_app(desk: Desk, briefing_id: str | None = None) -> None:
    BriefingApp(desk, briefing_id).run()
