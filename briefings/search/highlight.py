"""Where a query's words are in a text: the words to highlight, and a snippet.

The index finds the briefings; this finds, in one briefing's text, the words
that made it a hit, matched as the index matches them (folded, a bare word
the start of a word, a phrase whole words in a row). A highlighted text is a
tuple of pieces, (text, matched): plain data, for the app to style and the
command line to mark, never markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from ..names import fold
from .query import TOKEN, Term

Pieces = tuple[tuple[str, bool], ...]
SNIPPET_WORDS = 14  # words of context a snippet shows around the first match


def _matches(words: Sequence[str], at: int, term: Term) -> bool:
    if at + len(term.words) > len(words):
        return False
    last = len(term.words) - 1
    return all(words[at + i] == w or (term.prefix and i == last and words[at + i].startswith(w))
               for i, w in enumerate(term.words))


def found_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """The character spans of ``text`` matching any of the terms, in order."""
    if text.isascii():  # folding keeps every character where it is: one regular expression finds them
        return [m.span() for m in _pattern(tuple(terms)).finditer(text.lower())]
    tokens = list(TOKEN.finditer(text))
    words = [fold(t.group()) for t in tokens]
    spans = []
    for at in range(len(words)):
        for term in terms:
            if _matches(words, at, term):
                spans.append((tokens[at].start(), tokens[at + len(term.words) - 1].end()))
                break
    return spans


@lru_cache(maxsize=64)
def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str]:
    """The terms as one expression over lowercase ASCII text, matching as the index does."""
    alternatives = []
    for term in terms:
        words = [re.escape(w) for w in term.words]
        last = r"[^\W_]*" if term.prefix else r"(?![^\W_])"
        # the first word, then that no letter comes before it: a literal first is found
        # by a fast scan, a look behind first is tried at every character (15× slower)
        alternatives.append(words[0] + rf"(?<![^\W_]{words[0]})" + "".join(rf"[\W_]+{w}" for w in words[1:]) + last)
    return re.compile("|".join(alternatives) or r"(?!)")


def has_terms(text: str, terms: Sequence[Term]) -> bool:
    return bool(found_spans(text, terms))


def pieces(text: str, spans: Sequence[tuple[int, int]]) -> Pieces:
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start < at:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return tuple(out)


def highlighted(text: str, terms: Sequence[Term]) -> Pieces:
    """The whole text, its matching words marked."""
    return pieces(text, found_spans(text, terms))


def snippet(texts: Sequence[str], terms: Sequence[Term], words: int = SNIPPET_WORDS) -> Pieces:
    """A few words around the matches of the text that holds the most of the terms
    (one line, "…" where it was cut); empty when none matches."""
    joined = "\n".join(texts)  # one pass over a briefing's forty entries, not forty
    ends = list(accumulate(len(t) + 1 for t in texts))  # where each text ends in ``joined`` (its line break)
    found: dict[int, list[tuple[int, int]]] = {}  # the spans in each text (none across two)
    for s, e in found_spans(joined, terms):
        n = bisect_right(ends, s)
        if e < ends[n]:
            found.setdefault(n, []).append((s, e))
    if not found:
        return ()
    distinct = {n: len({fold(joined[s:e]) for s, e in spans}) for n, spans in found.items()}
    at = max(found, key=lambda n: (distinct[n], -n))  # the text of the most terms; the first of those
    start = ends[at] - len(texts[at]) - 1
    best, best_spans = texts[at], [(s - start, e - start) for s, e in found[at]]
    bounds = [m.span() for m in TOKEN.finditer(best)]
    first = next(n for n, (s, _) in enumerate(bounds) if s >= best_spans[0][0])
    lo = max(0, first - words // 3)
    hi = min(len(bounds), lo + words)
    start = bounds[lo][0] if lo else 0
    end = bounds[hi - 1][1] if hi < len(bounds) else len(best)
    kept = [(s - start, e - start) for s, e in best_spans if s >= start and e <= end]
    out = pieces(_one_line(best[start:end]), kept)
    return (("…", False),) * bool(lo) + out + (("…", False),) * (hi < len(bounds))


def _one_line(text: str) -> str:
    """Line breaks and tabs as spaces, lengths kept (the spans still point right)."""
    return re.sub(r"\s", " ", text)
