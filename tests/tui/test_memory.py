"""The app's memory over a long session: what the reader leaves behind is freed."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from support.corpus import import_bisie
from support.pilot import rows, settle

from briefings.desk import Desk
from briefings.store import Store
from tui.app import BriefingApp


async def test_the_hits_of_a_search_typed_over_are_freed(tmp_path: Path) -> None:
    """Before: each page of hits shown was frozen out of the collector's reach (``gc.freeze``),
    so every search typed stayed in memory for good (40 searches on a library of 10,000:
    from 167 MB to 399 MB)."""
    store = Store(tmp_path / "store")
    import_bisie(store)
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"tin")
        await settle(app, pilot)
        assert rows(app, "library")
        first = weakref.ref(app.screen.hits)
        await pilot.press("backspace", "backspace", "backspace", *"Boulos")
        await settle(app, pilot)
        assert rows(app, "library") and app.screen.hits is not first()
        gc.collect()
        assert first() is None
