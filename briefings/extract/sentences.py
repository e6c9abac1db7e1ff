"""Stage 2: sentence boundaries, as character spans into the text.

A sentence ends at . ! or ? (and any closing quote or bracket after it)
followed by space and a capital, digit or opening quote, unless the period
belongs to an abbreviation ("Mr.", "U.S.", "Inc.", "Jan."). A line break
always ends a sentence: pasted articles put one paragraph per line.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

# Abbreviations whose period does not end a sentence when a capital follows.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon pres
    messrs mt ft no nos vs v etc al inc corp co ltd bros dept univ assn jan feb mar apr jun jul aug
    sep sept oct nov dec approx est fig""".split()
)
# A run of end marks is matched whole, from its first mark only (the look-behind) and without giving
# any back (possessive): a line of dots costs one pass, not one pass per dot. Two marks may open the
# next sentence: '' is a quote mark in some newswire text.
_END = re.compile(r"(?<![.!?])[.!?]++['\"\u2019\u201d)\]]*+(?=\s+['\"\u2018\u201c(\[]{0,2}[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")


def split_sentences(text: str) -> list[Span]:
    """Spans of the sentences of ``text``, in order, without surrounding space."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[0] < s[1]]


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if "." in word:  # U.S., a.m., p.m. -- ends a sentence only if the next word is a common opener
        return not _common_opener(text, dot)
    if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
        return True
    return word.lower() in _ABBREVIATIONS


_OPENERS = frozenset("The It He She They We In But And A An This That There His Her Its Their".split())


_NEXT_WORD = re.compile(r"\s+['\"\u201c]?([A-Z][a-z]*)")


def _common_opener(text: str, dot: int) -> bool:
    m = _NEXT_WORD.match(text, dot + 1)
    return bool(m and m.group(1) in _OPENERS)


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(spans: list[Span], offset: int) -> int:
    """Index of the sentence holding character ``offset`` (binary search)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
