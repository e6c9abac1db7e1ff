"""Fixtures for the core's tests."""

from __future__ import annotations

import pytest
from support.builders import afp, briefing, reuters, when

from briefings import search
from briefings.importing.sample import sample_briefing
from briefings.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    """Four briefings (the sample, two on Walikale, one on copper) with tags, a star and a note."""
    for b in (reuters(), afp(), sample_briefing(),
              briefing("b4dd", "Copper prices climb", published="2025-02-10", outlet="Mining Weekly",
                       actors=[("c", "Glencore", "company")],
                       events=[("e1", "Glencore raises output", when("January", "2025-01-01", "2025-01-31"), ["c"])])):
        store.save(b)
    store.annotate("b1aa", "e1", note="Ask the UN mission", tags=["verify"])
    store.annotate("b2bb", "e2", tags=["verify"])
    store.annotate("b2bb", "a1", starred=True)
    search.rebuild(store)
    return store
