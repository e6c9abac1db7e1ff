"""What a briefing, a story or a dossier screen shows, apart from how: its entries.

An ``Entries`` holds the data one screen shows (a briefing, a story's merged
view, a dossier) and answers the widgets' questions about it: the rows of a
pane, a row's text, the stored entry a row stands for, what the detail pane
says of it. It is plain Python: the panes, the annotator and the detail pane
are handed the same object, and the screen swaps its data in (``load``) when
the store changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from briefings.desk import Desk
from briefings.model import Annotation, Briefing

from .render import Target, entry_label

NO_ANNOTATION = Annotation()


class Entries:
    PANES: tuple[str, ...] = ("timeline", "actors", "quotes")

    def __init__(self) -> None:
        self.briefings: Mapping[str, Briefing] = {}  # every briefing shown, with its annotations
        self.show_hidden = False  # hidden entries shown (dimmed) instead of left out

    # -- what each kind of screen says ------------------------------------------

    def heading(self) -> tuple[Text, Text]:
        """The screen's top line: what is shown (cut first when space runs out), and how much of it."""
        raise NotImplementedError

    def entries(self, pane: str) -> list[tuple[str, Any]]:
        """The rows of a pane as (key, item), in order; cheap, no text built yet."""
        raise NotImplementedError

    def text_of(self, pane: str, key: str, item: Any) -> Text:
        """A row's text, built only when the row is drawn or filtered."""
        raise NotImplementedError

    def target(self, key: str) -> Target | None:
        """The stored entry a row stands for (None: the row cannot be annotated)."""
        raise NotImplementedError

    def detail(self, key: str | None) -> Text:
        """What the detail pane shows of a row (of the whole, for None)."""
        raise NotImplementedError

    def export_subject(self) -> tuple[dict[str, str], str]:
        """(briefing_id=, story= or dossier= for ``Desk.export``, a file name stem)."""
        raise NotImplementedError

    def read_again(self, desk: Desk) -> Any:
        """Read what is shown from the store again (in a worker); ``load`` takes it."""
        raise NotImplementedError

    def load(self, data: Any) -> None:
        """Take what ``read_again`` returned (on the UI thread)."""
        raise NotImplementedError

    def narrowed(self, pane: str) -> str | None:
        """What narrows a pane besides the filter ("narrowed to M23"), if anything."""
        return None

    def stamps(self) -> dict[str, tuple] | None:
        """The briefings' stamps as they were read, when the data keeps them (a story view)."""
        return None

    def actor_names(self, key: str) -> list[str]:
        """An actor row's name first, then its other names and aliases; [] for other rows."""
        return []

    # -- the same for every kind ------------------------------------------------

    def annotation(self, key: str) -> Annotation:
        target = self.target(key)
        b = self.briefings.get(target[0]) if target else None
        return (b.annotations.get(target[1]) if b else None) or NO_ANNOTATION

    def hidden_targets(self) -> set[Target]:
        """The entries the reader hid, read from the annotations (far fewer than the rows)."""
        return {(b.id, entry_id) for b in self.briefings.values()
                for entry_id, a in b.annotations.items() if a.hidden}

    def label(self, key: str) -> str:
        target = self.target(key)
        b = self.briefings.get(target[0]) if target else None
        return entry_label(b, target[1]) if b and target else key

    def take_annotations(self, briefing_id: str, annotations: dict[str, Annotation]) -> None:
        """A briefing's annotations as just read from the store."""
        if briefing_id in self.briefings:
            self.briefings[briefing_id] = self.briefings[briefing_id].with_annotations(annotations)  # type: ignore[index]
