"""The forms text is matched on: folded (case and accents gone) and name keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, accents and combining marks removed, whitespace collapsed."""
    if text.isascii():  # most text: nothing to decompose (a third of a story's merge time)
        return _SPACE.sub(" ", text.casefold()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped.casefold()).strip()


@lru_cache(maxsize=100_000)  # a story of 500 articles keys a few hundred names thousands of times
def name_key(name: str) -> str:
    """The form names are matched on: "U.S." and "us" are the same key."""
    return _SPACE.sub(" ", _PUNCT.sub("", fold(name))).strip()
