"""Write a synthetic store of N briefings shaped like real ones.

    python benchmarks/make_store.py N PATH

Each briefing has 20 events, 15 actors, 5 quotes, a 4,000-character text and
three annotations. The words come from ``vocabulary``: tens of thousands of
made-up words with a Zipf-like frequency, and actors from a cast of 20,000
with a Zipf-like popularity, so that stories share actors across briefings
and a search meets rare, middle and common words as it would in the news.

Written through the store's own batch API (``Store.save_many``, BATCH at a
time) with the search index kept in step as the app keeps it, by one process
per core: each makes a batch while another saves its own (they take turns
on a lock of their own first, the store's lock giving up after 10 s). Each thousand briefings has its own seed, so the store
is the same whatever the order (and the size of the batches).

A bulk load, as a database's is: the store's files are written as the app
writes them, but their fsyncs are skipped while the store is made
(``unsynced``) and one ``os.sync`` at the end makes all of it durable (a
synthetic store half made by a crash is of no use either way).
"""

from __future__ import annotations

import gc
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, timedelta
from functools import cache
from itertools import combinations
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from vocabulary import Vocabulary  # noqa: E402

from briefings import search  # noqa: E402
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

BATCH = 5_000  # briefings per save_many: one lock, each index shard written once (all of them, each batch)
SEEDED = 1_000  # briefings drawn from one seed
TEXT = 4_000  # characters of text
NOTES = ("check against the UN report", "ask the ministry for the figures", "second source needed",
         "contradicts the earlier statement", "numbers look high")
ACTORS = 15
TRIOS = list(combinations(range(ACTORS), 3))  # the actors an event names
MONTHS = ("January February March April May June July August September October November December").split()
_vocabulary: Vocabulary | None = None
_turn: Any = nullcontext()  # the workers' turns at saving: a lock they share, made before they are forked


def vocabulary() -> Vocabulary:
    global _vocabulary
    if _vocabulary is None:
        _vocabulary = Vocabulary()
    return _vocabulary


@cache
def actor_id(name: str) -> str:
    return stable_id("a", name.lower())


def _sentences(words: list[str], names: list[str], rng: random.Random) -> list[str]:
    """Sentences of 8 to 20 words, most naming one of the briefing's actors."""
    out, at, draw = [], 0, rng.random
    while at < len(words):
        size = 8 + int(draw() * 13)
        piece = words[at:at + size]
        at += size
        if draw() < 0.7:
            piece.insert(int(draw() * (len(piece) + 1)), names[int(draw() * len(names))])
        out.append(" ".join(piece).capitalize() + ".")
    return out


def make_briefing(n: int, rng: random.Random) -> Briefing:
    vocab = vocabulary()
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(1_000))
    cast = vocab.draw_cast(rng, ACTORS)
    sentences = _sentences(vocab.draw_words(rng, 640), [name for name, _, _ in cast], rng)
    text = " ".join(sentences)
    while len(text) < TEXT:
        text += " " + " ".join(sentences[: 10])
    text = text[:TEXT]
    actors = []
    for name, kind, aliases in cast:
        at = text.find(name)
        mentions = ((at, at + len(name)),) if at >= 0 else ()
        actors.append(Actor(id=actor_id(name), name=name, kind=kind, aliases=aliases,
                            description=f"{kind.replace('_', ' ')}, {' '.join(vocab.draw_words(rng, 4))}",
                            mentions=mentions))
    events, at, draw = [], 0, rng.random
    for i in range(20):
        day = published - timedelta(days=int(rng.random() * 120))
        summary = sentences[i]
        start = text.find(summary)
        span = (start, start + len(summary)) if start >= 0 else (at, at + 1)
        events.append(Event(id=f"e{n:x}-{i}", summary=summary, span=span,
                            actors=tuple(actors[k].id for k in TRIOS[int(draw() * len(TRIOS))]),
                            when=When(f"{MONTHS[day.month - 1]} {day.day}", iso := day.isoformat(), iso, iso, "day")))
    quotes = [Quote(id=f"q{n:x}-{i}", text=" ".join(vocab.draw_words(rng, 15)).capitalize(),
                    speaker=actors[i].id, speaker_name=actors[i].name, span=(i * 500, i * 500 + 90))
              for i in range(5)]
    annotations = {
        events[0].id: Annotation(note=rng.choice(NOTES), tags=("verify",), starred=True),
        actors[0].id: Annotation(grade="B2"),
        quotes[0].id: Annotation(tags=("key",)),
    }
    title = " ".join(vocab.draw_words(rng, rng.randint(5, 9))).capitalize()
    return Briefing(id=stable_id("b", "synthetic", n), title=title, text=text,
                    source=Source(outlet=rng.choice(vocab.outlets), published=published.isoformat()),
                    actors=tuple(actors), quotes=tuple(quotes), events=tuple(events), annotations=annotations)


def make_store(count: int, root: Path, seed: int = 7) -> Store:
    store = Store(root)
    search.ensure(store)  # made empty: every batch is then indexed as it is saved, as the app does
    search.opened(store).close()  # the processes below open it themselves
    vocabulary()  # made once, before the processes are forked
    gc.freeze()  # its million objects are never collected: out of the collector's way
    batches = [(root, first, min(first + BATCH, count), seed) for first in range(0, count, BATCH)]
    if len(batches) == 1:
        _save_batch(batches[0])
        gc.enable()  # in this process: as it was
    else:
        global _turn
        context = get_context("fork")
        _turn = context.Lock()
        with context.Pool(os.cpu_count() or 1) as pool:
            for _ in pool.imap_unordered(_save_batch, batches):
                pass
    os.sync()  # the whole store durable at once (see ``unsynced``)
    return store


@contextmanager
def unsynced() -> Iterator[None]:
    """The store's writes without their fsyncs, in this process, for as long as it lasts."""
    fsync, os.fsync = os.fsync, lambda fd: None
    try:
        yield
    finally:
        os.fsync = fsync


def _save_batch(batch: tuple[Path, int, int, int]) -> int:
    gc.disable()  # a batch makes a few million objects and no cycle: collecting would only cost
    root, first, last, seed = batch
    briefings = []
    for n in range(first, last):
        if n == first or n % SEEDED == 0:
            rng = random.Random(seed * 1_000_003 + n)
        briefings.append(make_briefing(n, rng))
    with _turn, unsynced():
        Store(root, sweep=False).save_many(briefings)
    return last - first


def main() -> None:
    count, root = int(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    make_store(count, root)
    print(f"{count} briefings written to {root} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
