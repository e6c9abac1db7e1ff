"""The briefing workbench: the library, then a briefing, a story or an actor's dossier.

Every Binding has an id and a description: the footer, the ``?`` help, the
command palette and the user's keymap (keymap.toml) all come from them.
Store reads and writes run in thread workers; a mark shows only after its
save returned. The screens live in modules of their own (library,
briefing_screen, story_screen, dossier_screen); this one opens them, importing
each when first needed so that start-up loads only the library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from briefings.errors import BriefingError
from briefings.history import History
from briefings.store import Store

from .library import LibraryScreen
from .words import count

if TYPE_CHECKING:
    from .panes import Target


def config_dir() -> Path:
    if env := os.environ.get("BRIEFING_CONFIG"):
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("briefing", appauthor=False)


class BriefingApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("i", "import", "Import", id="app.import"),
    ]

    def __init__(self, store: Store, briefing_id: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.history = History(store)
        self.start_id = briefing_id

    def on_mount(self) -> None:
        self.apply_user_keymap()
        # Sweeping lists the whole store: start it once the first screen is up, not in its way.
        self.set_timer(1.0, self.sweep)
        only = self.start_id or self.store.sole_briefing()
        if only:
            self.open_briefing(only)
        else:
            self.show_library()

    @work(thread=True, group="sweep")
    def sweep(self) -> None:
        """Remove what killed writers left behind, off the UI thread (it lists the whole store)."""
        try:
            self.store.sweep()
        except BriefingError:
            pass  # the store is busy; the next start sweeps

    def apply_user_keymap(self) -> None:
        path = config_dir() / "keymap.toml"
        if not path.exists():
            return
        import tomllib  # only when there is a keymap: start-up stays lean
        try:
            keymap = tomllib.loads(path.read_text("utf-8"))
            self.set_keymap({str(k): str(v) for k, v in keymap.items()})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.notify(f"{path}: keymap not applied ({exc})", severity="error", markup=False)

    def open_briefing(self, briefing_id: str, entry_id: str | None = None) -> None:
        from .briefing_screen import BriefingScreen, read_briefing

        try:
            briefing = read_briefing(self.store, briefing_id)
        except BriefingError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(BriefingScreen(briefing, entry_id))

    @work(thread=True, exclusive=True, group="open")
    def open_story(self, name: str) -> None:
        """Merge a story's briefings in a worker (hundreds of articles), then show it."""
        from briefings.stories import open_story

        from .story_screen import StoryScreen

        def merging(story) -> None:  # only when its stored view is out of date
            if len(story.briefings) > 50:
                self.call_from_thread(self.notify, f"Merging the {len(story.briefings)} articles of {story.name}…",
                                      timeout=3, markup=False)

        try:
            view = open_story(self.store, name, on_merge=merging)
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.push_screen, StoryScreen(view))

    @work(thread=True, exclusive=True, group="open")
    def open_dossier(self, name: str, start: Target | None = None) -> None:
        from briefings import search
        from briefings.dossier import build

        from .dossier_screen import DossierScreen

        try:
            search.refresh(self.store)  # the dossier finds its briefings through the search index
            dossier = build(self.store, name, start=start)
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.push_screen, DossierScreen(dossier, start))

    def show_library(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, LibraryScreen):
            self.push_screen(LibraryScreen())
        else:
            self.screen.reload()

    def action_help(self) -> None:
        from .screens import HelpScreen

        shown = []
        for key, active in self.active_bindings.items():
            b = active.binding
            shown.append((b.key_display or key, b.description, b.id or ""))
        self.push_screen(HelpScreen(shown))

    def action_import(self) -> None:
        from .screens import PromptScreen

        def done(path: str | None) -> None:
            if path:
                self.import_file(path.strip())
        self.push_screen(PromptScreen("Import an article (file path or URL)"), done)

    @work(thread=True)
    def import_file(self, path: str) -> None:
        from briefings.importer import import_article
        from briefings.stories import suggest_stories

        try:
            briefing, _ = import_article(self.store, str(Path(path).expanduser()) if "://" not in path else path)
            suggestions = suggest_stories(self.store, briefing)
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.open_briefing, briefing.id)
        for s in suggestions:
            self.call_from_thread(self.notify, f"Shares {', '.join(s.shared[:3])} with the story {s.story!r}: "
                                  "press S to add it", title="Story suggestion", timeout=8, markup=False)

    # -- stories and exports, asked from any screen ---------------------------

    @work(thread=True, exclusive=True, group="ask")
    def ask_story(self, briefing_id: str) -> None:
        """Ask which story to add a briefing to; the stories it shares most actors with come first."""
        from briefings.stories import list_stories, suggest_stories

        from .screens import PromptScreen

        try:
            suggested = [s.story for s in suggest_stories(self.store, self.store.load(briefing_id))]
            names = suggested + [s.name for s in list_stories(self.store) if s.name not in suggested]
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return

        def done(name: str | None) -> None:
            if name and name.strip():
                self.add_to_story(name.strip(), briefing_id)
        hint = ("suggested: " + ", ".join(suggested)) if suggested else "a new name starts a new story"
        self.call_from_thread(self.push_screen, PromptScreen(
            "Add to story (a new name makes a new story)", suggested[0] if suggested else "", names, hint=hint), done)

    @work(thread=True)
    def add_to_story(self, name: str, briefing_id: str) -> None:
        from briefings.stories import add_to_story

        try:
            story = add_to_story(self.store, name, briefing_id)
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Added to {story.name!r} ({count(len(story.briefings), 'article')})", markup=False)

    def ask_export(self, subject: dict[str, str], stem: str) -> None:
        """Ask for a file; its extension (.md .json .csv .ics) picks the format."""
        from .screens import PromptScreen

        def done(path: str | None) -> None:
            if path and path.strip():
                self.export_to(subject, Path(path.strip()).expanduser())
        self.push_screen(PromptScreen("Export to file (.md, .json, .csv or .ics)", f"{stem}.md",
                                      hint="markdown for a colleague · json to import back · csv timeline · ics calendar"),
                         done)

    @work(thread=True)
    def export_to(self, subject: dict[str, str], path: Path) -> None:
        from briefings.export import Export, export, format_of, write_export

        try:
            fmt = format_of(path)
            if "dossier" in subject:
                if fmt != "markdown":
                    raise BriefingError(f"{path}: a dossier exports as markdown (.md)")
                from briefings.dossier import build
                from briefings.markdown import dossier_to_markdown

                result = Export(dossier_to_markdown(build(self.store, subject["dossier"])))
            else:
                result = export(self.store, fmt, **subject)
            write_export(result, path)
        except BriefingError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        skipped = f" ({result.skipped} events without a date left out)" if result.skipped else ""
        self.call_from_thread(self.notify, f"Exported to {path}{skipped}", markup=False)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        bindings = [b for cls in type(screen).__mro__ for b in vars(cls).get("BINDINGS", [])]
        for binding in bindings:  # the screen's own and those it inherits (PanesScreen)
            if isinstance(binding, Binding) and binding.description:
                yield SystemCommand(binding.description, f"{binding.description} ({binding.key})",
                                    lambda action=binding.action: self.run_action(action, screen))


def run_app(store: Store, briefing_id: str | None = None) -> None:
    BriefingApp(store, briefing_id).run()
