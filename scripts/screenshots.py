"""Regenerate the SVG screenshots in screenshots/ from the app on the bundled sample.

    python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from briefings.sample import seed_if_new
from briefings.store import Store
from tui.app import BriefingApp

OUT = Path(__file__).resolve().parents[1] / "screenshots"
SHOTS = {  # file name: keys pressed before the shot
    "main": ["j", "j"],
    "actors": ["2", "j"],
    "help": ["question_mark"],
    "note": ["3", "n", *"Ask Alphamin to confirm"],
}


async def shoot(name: str, keys: list[str], root: Path) -> None:
    store = Store(root / name)
    seed_if_new(store)
    app = BriefingApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, keys in SHOTS.items():
            asyncio.run(shoot(name, keys, Path(tmp)))
            print(OUT / f"{name}.svg")


if __name__ == "__main__":
    main()
