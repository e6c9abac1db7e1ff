"""Which stories a new briefing belongs to: those it shares the most actors with."""

from __future__ import annotations

from dataclasses import dataclass

from ..identities import load as load_identities
from ..model import Briefing
from ..names import name_key
from ..search.find import actor_names_of
from ..store import Store
from .table import list_stories


@dataclass(frozen=True)
class Suggestion:
    story: str
    shared: tuple[str, ...]  # the actor names the briefing shares with the story

    @property
    def score(self) -> int:
        return len(self.shared)


def suggest_stories(store: Store, briefing: Briefing, limit: int = 3) -> list[Suggestion]:
    """The stories a (new) briefing shares the most actors with, best first.

    Reads the stories' briefings' actor names from the search index, never the
    briefings themselves; stories already holding the briefing are left out.
    """
    ids = load_identities(store)
    mine: dict[str, str] = {}  # canonical key -> name shown
    for actor in ids.apply(briefing).actors:
        for n in actor.names:
            if k := name_key(n):
                mine.setdefault(ids.canonical(k), actor.name)
    if not mine:
        return []
    out = []
    for story in list_stories(store):
        if briefing.id in story.briefings:
            continue
        keys = {ids.canonical(k) for names in actor_names_of(store, story.briefings).values() for k in names}
        shared = tuple(dict.fromkeys(mine[k] for k in mine if k in keys))
        if shared:
            out.append(Suggestion(story.name, shared))
    out.sort(key=lambda s: -s.score)
    return out[:limit]
