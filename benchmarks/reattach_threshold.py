"""Where an annotation's entry goes when an article is corrected: the figures behind
``briefings.store.reattach.THRESHOLD``.

Each article of the corpus (``../shared/corpus``) is extracted, then extracted
again with two of its sentences edited slightly (a word replaced, a word
added), as a corrected article is. Each entry whose id changed has a
counterpart (same kind, same place among the entries): the script prints how
alike the two are and where ``best_matches`` puts the annotation (on the
counterpart, on another entry, nowhere). Then, for every entry of every
article, how alike the most alike *different* entry of the same kind is (two
events of one sentence, which differ only by their date, aside: the best
pair goes first, so each keeps its own): a threshold above that moves no
annotation to an entry it was not on. Prints figures; not a test.

Run: .venv/bin/python benchmarks/reattach_threshold.py
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefings.extract import extract  # noqa: E402
from briefings.model import Briefing  # noqa: E402
from briefings.store.reattach import KINDS, THRESHOLD, best_matches, entry_texts, similarity  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def corrected(text: str, rng: random.Random) -> str:
    """The text with two sentences edited slightly: a word replaced, a word added."""
    sentences = [m for m in _SENTENCE.finditer(text) if len(m.group().split()) >= 6]
    for match in sorted(rng.sample(sentences, min(2, len(sentences))), key=lambda m: -m.start()):
        words = match.group().split(" ")
        small = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) > 3]
        if small:
            words[rng.choice(small)] = "reportedly"
        words.insert(len(words) // 2, "also")
        text = text[:match.start()] + " ".join(words) + text[match.end():]
    return text


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def briefing_of(text: str) -> Briefing | None:
    try:
        return extract(text, published="2025-04-09")
    except Exception:  # noqa: BLE001 - an article the extractor refuses has no entries to follow
        return None


def main() -> None:
    paths = sorted({p.name: p for p in CORPUS.glob("*/*.txt")}.values())
    articles = [b for p in paths if (b := briefing_of(p.read_text(encoding="utf-8")))]
    rng = random.Random(14)
    own, placed = [], {"on its counterpart": 0, "on another entry": 0, "nowhere": 0}
    for old in articles:
        if (new := briefing_of(corrected(old.text, rng))) is None:
            continue
        before, after = entry_texts(old), entry_texts(new)
        moved = best_matches({k: v for k, v in before.items() if k not in after},
                             {k: v for k, v in after.items() if k not in before})
        for kind in "aeq":
            olds = [k for k, (c, _) in before.items() if c == kind]
            news = [k for k, (c, _) in after.items() if c == kind]
            if len(olds) != len(news):
                continue  # an entry appeared or vanished: no counterpart by place
            for old_id, new_id in zip(olds, news):
                if old_id != new_id:
                    own.append(similarity(before[old_id][1], after[new_id][1]))
                    where = moved.get(old_id)
                    placed["nowhere" if where is None else "on its counterpart" if where == new_id
                           else "on another entry"] += 1
    print(f"{len(articles)} articles; {len(own)} entries changed by two edited sentences")
    print(f"  an edited entry and its new version: 1% {percentile(own, 0.01):.2f}  5% {percentile(own, 0.05):.2f}  "
          f"median {percentile(own, 0.5):.2f};  {sum(s >= THRESHOLD for s in own) / len(own):.1%} reach "
          f"the threshold ({THRESHOLD})")
    total = sum(placed.values())
    print("  their annotations: " + ", ".join(f"{n / total:.1%} {where}" for where, n in placed.items()))
    print("the most alike different entry of the same article:")
    for kind, name in KINDS.items():
        nearest = []
        for briefing in articles:
            items = [(k, text, _core(briefing, k)) for k, (c, text) in entry_texts(briefing).items() if c == kind]
            for key, text, core in items:
                others = [similarity(text, t) for k, t, c in items if k != key and c != core]
                if others:
                    nearest.append(max(others))
        print(f"  {name + 's':7} median {percentile(nearest, 0.5):.2f}  95% {percentile(nearest, 0.95):.2f}  "
              f"99% {percentile(nearest, 0.99):.2f};  {sum(s >= THRESHOLD for s in nearest) / len(nearest):.1%} "
              f"reach the threshold")


def _core(briefing: Briefing, entry_id: str) -> str:
    """An entry's text without its date: two events of one sentence share it."""
    event = next((e for e in briefing.events if e.id == entry_id), None)
    return event.summary if event else entry_id


if __name__ == "__main__":
    main()
