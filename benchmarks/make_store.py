"""Write a synthetic store of N briefings shaped like real ones.

    python benchmarks/make_store.py N PATH

Each briefing has about 20 events, 15 actors, 5 quotes, a 4,000-character
text and a few annotations; actors are drawn from a shared cast so that
stories across briefings are realistic. Written through the store's own API.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefings.model import (  # noqa: E402
    Actor,
    Annotation,
    Briefing,
    Event,
    Quote,
    Source,
    When,
    stable_id,
)
from briefings.store import Store  # noqa: E402

KINDS = ["person", "company", "government", "armed_group", "military", "organization", "place"]
WORDS = ("mine talks ceasefire minister rebels export tin cobalt deal border troops envoy sanctions "
         "convoy province governor output market prices agreement mediation statement").split()
CAST = [(f"Actor {i:03d}", KINDS[i % len(KINDS)]) for i in range(300)]
OUTLETS = ["Reuters", "AP", "AFP", "Bloomberg", "BBC", "Al Jazeera"]


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_briefing(n: int, rng: random.Random) -> Briefing:
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    sentences = [_sentence(rng) for _ in range(50)]
    text = " ".join(sentences)[:4000]
    cast = rng.sample(CAST, 15)
    actors = []
    for name, kind in cast:
        at = text.find(" ", rng.randrange(len(text) - 20))
        actors.append(Actor(id=stable_id("a", name.lower()), name=name, kind=kind,
                            aliases=(name.split()[-1],), description=f"a {kind} in the story",
                            mentions=tuple((at, at + 5) for _ in range(rng.randint(1, 4)))))
    events = []
    for i in range(20):
        day = published - timedelta(days=rng.randrange(120))
        start = (i * 180) % 3800
        summary = sentences[i % len(sentences)]
        events.append(Event(id=stable_id("e", day, summary, i), summary=summary, span=(start, start + 80),
                            actors=tuple(a.id for a in rng.sample(actors, 3)),
                            when=When(day.strftime("%B %d"), day.isoformat(), day.isoformat(), day.isoformat(), "day")))
    quotes = [Quote(id=stable_id("q", i, n), text=_sentence(rng, 15), speaker=actors[i].id,
                    speaker_name=actors[i].name, span=(i * 500, i * 500 + 90)) for i in range(5)]
    annotations = {
        events[0].id: Annotation(note="check against the UN report", tags=("verify",), starred=True),
        actors[0].id: Annotation(grade="B2"),
        quotes[0].id: Annotation(tags=("key",)),
    }
    return Briefing(id=stable_id("b", "synthetic", n), title=f"Synthetic briefing {n}: {_sentence(rng, 6)}",
                    text=text, source=Source(outlet=rng.choice(OUTLETS), published=published.isoformat()),
                    actors=tuple(actors), quotes=tuple(quotes), events=tuple(events), annotations=annotations)


def make_store(count: int, root: Path, seed: int = 7) -> Store:
    store = Store(root)
    rng = random.Random(seed)
    store.save_many(make_briefing(n, rng) for n in range(count))
    return store


def main() -> None:
    count, root = int(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    make_store(count, root)
    print(f"{count} briefings written to {root} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
