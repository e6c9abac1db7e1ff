"""The bundled sample briefing a new store opens on."""

from __future__ import annotations

import json
from importlib.resources import files

from ..model import Briefing
from ..store import Store


def sample_briefing() -> Briefing:
    data = json.loads(files("briefings").joinpath("data/sample.json").read_text("utf-8"))
    return Briefing.from_dict(data)


def seed_if_new(store: Store) -> None:
    """Put the sample in a store the first time it is used, never again after."""
    if store.meta().get("seeded"):
        return
    if store.is_empty():
        store.save(sample_briefing())
    store.set_meta(seeded=True)
