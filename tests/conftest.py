"""Shared fixtures. ``../shared`` (beside the checkout) holds the corpus the tests read."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed" / "bisie-tin-mine.txt"
BISIE = Path(__file__).resolve().parent / "data" / "bisie"  # two articles of our own on the seed's story
BISIE_ARTICLES = [  # (file, publication date, outlet)
    (SEED_ARTICLE, "2025-04-10", "Reuters"),
    (BISIE / "walikale-withdrawal.txt", "2025-03-24", "Great Lakes Monitor"),
    (BISIE / "bisie-restart.txt", "2025-04-15", "Mining Ledger"),
]


def import_bisie(store: Store) -> list[str]:
    """Import the seed and our two articles on the Bisie story, as a reader would; their ids."""
    from briefings.importer import import_article

    return [import_article(store, str(path), published=date, outlet=outlet)[0].id
            for path, date, outlet in BISIE_ARTICLES]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real store or config."""
    monkeypatch.setenv("BRIEFING_STORE", str(tmp_path / "default-store"))
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "config"))
