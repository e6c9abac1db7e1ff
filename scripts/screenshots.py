"""Regenerate the SVG screenshots in screenshots/ from the app on the bundled sample.

    python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from briefings.desk import Desk
from briefings.importing.sample import seed_if_new
from briefings.store import Store
from tui.app import BriefingApp

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
STORY = [  # our two articles on the sample's story: (file, publication date, outlet)
    (ROOT / "tests" / "data" / "bisie" / "walikale-withdrawal.txt", "2025-03-24", "Great Lakes Monitor"),
    (ROOT / "tests" / "data" / "bisie" / "bisie-restart.txt", "2025-04-15", "Mining Ledger"),
]
SHOTS = {  # file name: (a story store?, keys pressed before the shot, terminal size)
    "main": (False, ["j", "j"], (120, 40)),
    "main-80x24": (False, ["j", "j"], (80, 24)),
    "actors": (False, ["2", "j"], (120, 40)),
    "help": (False, ["question_mark"], (120, 40)),
    "note": (False, ["3", "n", *"Ask Alphamin to confirm"], (120, 40)),
    "story": (True, ["enter", "wait", "j", "j"], (120, 40)),
    "story-80x24": (True, ["enter", "wait", "j", "j"], (80, 24)),
    "dossier": (True, ["enter", "wait", "2", "slash", *"Massad", "wait", "enter", "d", "wait"], (120, 40)),
}


def story_store(root: Path) -> Store:
    """The sample plus our two articles on the same story, grouped as the story "Bisie"."""
    from briefings.importing.articles import import_article
    from briefings.stories import add_to_story

    store = Store(root)
    seed_if_new(store)
    ids = [import_article(store, str(path), published=date, outlet=outlet)[0].id for path, date, outlet in STORY]
    add_to_story(store, "Bisie", *[r.id for r in store.list() if r.id not in ids], *ids)
    return store


async def shoot(name: str, story: bool, keys: list[str], size: tuple[int, int], root: Path) -> None:
    if story:
        store = story_store(root / name)
    else:
        store = Store(root / name)
        seed_if_new(store)
    app = BriefingApp(Desk(store.root))
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        for key in keys:
            if key == "wait":  # for the store reads in workers
                await app.workers.wait_for_complete()
                await pilot.pause()
            else:
                await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (story, keys, size) in SHOTS.items():
            asyncio.run(shoot(name, story, keys, size, Path(tmp)))
            print(OUT / f"{name}.svg")


if __name__ == "__main__":
    main()
