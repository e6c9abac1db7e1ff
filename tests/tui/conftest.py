"""Fixtures for the app's tests: a store holding the bundled sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.importing.sample import seed_if_new
from briefings.store import Store


@pytest.fixture
def seeded(tmp_path: Path) -> Store:
    """A store as a first start leaves it: the sample, and nothing else."""
    store = Store(tmp_path / "store")
    seed_if_new(store)
    return store
