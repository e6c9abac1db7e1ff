"""Extraction speed: articles per second over the dev corpus texts, on one core.

Prints figures; not a test. Run: .venv/bin/python benchmarks/extract_speed.py
If spaCy and en_core_web_sm are importable, their rate on the same texts is
printed beside ours for comparison.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefings.extract import extract  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def rate(run, texts: list[str], rounds: int) -> float:
    """Articles per second, best of ``rounds`` passes over ``texts``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if not texts:
        sys.exit(f"no texts in {CORPUS}")
    words = sum(len(t.split()) for t in texts) / len(texts)
    # Dev texts are short (cut to six sentences): also time ~800-word articles made
    # by joining them, the size the speed target is stated for.
    long_texts = []
    for i in range(0, len(texts), 8):
        long_texts.append("\n\n".join(t.split("\n", 3)[-1] for t in texts[i:i + 8]))
    long_words = sum(len(t.split()) for t in long_texts) / len(long_texts)
    ours = rate(lambda t: extract(t, published="2025-04-09"), texts, 5)
    ours_long = rate(lambda t: extract(t, published="2025-04-09"), long_texts, 5)
    print(f"dev texts: {len(texts)} articles, {words:.0f} words/article")
    print(f"rules:  {ours:8.1f} articles/s  ({ours * words:,.0f} words/s)")
    print(f"rules, {len(long_texts)} joined articles of {long_words:.0f} words: "
          f"{ours_long:8.1f} articles/s  ({ours_long * long_words:,.0f} words/s)")
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
    except (ImportError, OSError):
        print("spaCy en_core_web_sm: not installed, not measured")
        return
    theirs = rate(nlp, texts, 2)
    print(f"spaCy en_core_web_sm: {theirs:8.1f} articles/s  ({theirs * words:,.0f} words/s)")


if __name__ == "__main__":
    main()
