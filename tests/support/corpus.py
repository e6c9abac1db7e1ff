"""The articles the tests read: the seed in ``../shared`` beside the checkout, and our own
two articles on the seed's story (``tests/data/bisie``)."""

from __future__ import annotations

from pathlib import Path

from briefings.store import Store

TESTS = Path(__file__).resolve().parents[1]
SHARED = TESTS.parents[1] / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed" / "bisie-tin-mine.txt"
BISIE = TESTS / "data" / "bisie"
BISIE_ARTICLES = [  # (file, publication date, outlet)
    (SEED_ARTICLE, "2025-04-10", "Reuters"),
    (BISIE / "walikale-withdrawal.txt", "2025-03-24", "Great Lakes Monitor"),
    (BISIE / "bisie-restart.txt", "2025-04-15", "Mining Ledger"),
]


def import_bisie(store: Store) -> list[str]:
    """Import the seed and our two articles on the Bisie story, as a reader would; their ids."""
    from briefings.importing.articles import import_article

    return [import_article(store, str(path), published=date, outlet=outlet)[0].id
            for path, date, outlet in BISIE_ARTICLES]
