"""Shared fixtures. ``../shared`` (beside the checkout) holds the corpus the tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed" / "bisie-tin-mine.txt"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real store or config."""
    monkeypatch.setenv("BRIEFING_STORE", str(tmp_path / "default-store"))
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "config"))
