"""A made-up language for the synthetic stores: words and names that look like news.

Tens of thousands of words built from random syllables (seeded, so every run
makes the same ones), used with a Zipf-like frequency: the few commonest words
fill much of every text, as "the" and "of" do, and most words are rare, as
place names and technical terms are. Actors come from a large cast of people,
companies, governments and places with names of their own, drawn with a
Zipf-like popularity too (a few are in the news every day, most seldom).

Nothing here is copied from real text. ``queries`` picks the benchmark's fixed
search queries from the vocabulary's rare, middle and common words.
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect
from functools import cached_property
from itertools import accumulate
from operator import itemgetter

ONSETS = ("", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
          "br", "ch", "cr", "dr", "fl", "gr", "kr", "pl", "pr", "sh", "sk", "sl", "st", "th", "tr", "vl")
VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou", "io", "ue")
CODAS = ("", "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st", "k", "rn", "x")
KINDS = ("person", "company", "government", "armed_group", "military", "organization", "place")
COMPANY = ("Mining", "Metals", "Holdings", "Energy", "Freight", "Resources", "Group", "Bank")
BODY = ("Ministry of", "Council of", "Front for", "Movement of", "Agency for", "Union of")


URN = 1 << 21  # draws are picks from an urn holding each word as often as its weight says
RUDE = ("shit", "fuk", "cunt", "nig", "fag", "slut")  # syllables can spell these: never a word or name


def _zipf(count: int, exponent: float, shift: float) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights: rank r weighs 1 / (r + shift) ** exponent."""
    return list(accumulate(1 / (rank + shift) ** exponent for rank in range(1, count + 1)))


def _urn(items: list, cumulative: list[float]) -> list:
    """Each item about URN * its share of times, at least once (a uniform pick from it
    is a weighted draw, ten times faster than ``random.choices`` with weights)."""
    urn, total, before = [], cumulative[-1], 0.0
    for item, upto in zip(items, cumulative):
        urn += [item] * max(1, round((upto - before) / total * URN))
        before = upto
    return urn


class Vocabulary:
    """``words`` most frequent first; ``cast`` as (name, kind, aliases), most popular first."""

    def __init__(self, words: int = 40_000, cast: int = 20_000, seed: int = 5) -> None:
        self._rng = random.Random(seed)
        self.words = self._make_words(words)
        self.cast = [self._make_actor(n) for n in range(cast)]
        self._word_urn = tuple(_urn(self.words, _zipf(len(self.words), 1.07, 2.7)))
        self._cast_weights = _zipf(len(self.cast), 0.9, 10.0)

    def _syllable(self) -> str:
        rng = self._rng
        return rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)

    def _make_words(self, count: int) -> list[str]:
        """Distinct words; the shorter tend to be the commoner, as in real languages."""
        found: dict[str, float] = {}
        while len(found) < count:
            syllables = self._rng.choices((1, 2, 3, 4), weights=(3, 5, 3, 1))[0]
            word = "".join(self._syllable() for _ in range(syllables))
            if len(word) >= 2 and word not in found and not any(rude in word for rude in RUDE):
                found[word] = len(word) + self._rng.random() * 6
        return sorted(found, key=found.__getitem__)

    def _name(self) -> str:
        while True:
            name = "".join(self._syllable() for _ in range(self._rng.choice((2, 2, 3))))
            if not any(rude in name for rude in RUDE):
                return name.capitalize()

    def _make_actor(self, n: int) -> tuple[str, str, tuple[str, ...]]:
        kind = KINDS[n % len(KINDS)]
        if kind == "person":
            first, last = self._name(), self._name()
            return f"{first} {last}", kind, (last,)
        if kind == "company":
            name = f"{self._name()} {self._rng.choice(COMPANY)}"
            return name, kind, (name.split()[0],)
        if kind == "place":
            return self._name(), kind, ()
        name = f"{self._rng.choice(BODY)} {self._name()}"
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())
        return name, kind, (acronym + self._name()[:2].upper(),)

    @cached_property
    def outlets(self) -> list[str]:
        kinds = ("Herald", "Times", "Post", "Wire", "Monitor", "Tribune", "Observer", "Weekly", "Daily")
        return [f"The {self._name()} {self._rng.choice(kinds)}" for _ in range(60)]

    def draw_words(self, rng: random.Random, count: int) -> list[str]:
        size = len(self._word_urn)  # 32 random bits a draw, scaled to a place in the urn
        return list(itemgetter(*[bits * size >> 32 for bits in array("I", rng.randbytes(4 * count))])(self._word_urn))

    def draw_cast(self, rng: random.Random, count: int) -> list[tuple[str, str, tuple[str, ...]]]:
        """``count`` distinct actors, the popular ones more often."""
        chosen: dict[int, None] = {}
        total = self._cast_weights[-1]
        while len(chosen) < count:
            chosen[bisect(self._cast_weights, rng.random() * total)] = None
        return [self.cast[n] for n in chosen]

    def frequency_band(self, band: str) -> list[str]:
        """Words of one band of frequency: ``common`` (the top 100), ``middle``
        (ranks 1,000 to 3,000), ``rare`` (ranks 15,000 to 30,000)."""
        return {"common": self.words[:100], "middle": self.words[1_000:3_000],
                "rare": self.words[15_000:30_000]}[band]


def queries(vocabulary: Vocabulary, seed: int = 3) -> list[str]:
    """The benchmark's 50 fixed queries: words of each frequency band, pairs,
    prefixes as typed, a phrase, an exclusion, OR, and the filters with words."""
    rng = random.Random(seed)
    common, middle, rare = (vocabulary.frequency_band(b) for b in ("common", "middle", "rare"))
    actor = vocabulary.cast[3][0]
    found = rng.sample(rare, 10) + rng.sample(middle, 10) + rng.sample(common, 8)
    found += [f"{rng.choice(middle)} {rng.choice(middle)}" for _ in range(3)]
    found += [f"{rng.choice(common)} {rng.choice(middle)}" for _ in range(3)]
    found += [f"{rng.choice(common)} {rng.choice(rare)}" for _ in range(2)]
    found += [rng.choice(middle)[:4], rng.choice(common)[:2]]  # prefixes, as typed
    found += [f'"{common[0]} {common[1]}"', f'"{middle[5]} {middle[6]}"']  # phrases
    found += [f"{middle[7]} -{common[2]}", f"{rare[8]} OR {rare[9]}", f"{middle[10]} OR {middle[11]}"]
    found += ["tag:verify starred", f'actor:"{actor}"', f'actor:"{actor}" {middle[12]}',
              f"outlet:{vocabulary.outlets[0].split()[1].lower()} {common[3]}", f"after:2025-06 {middle[13]}",
              f"tag:verify {rare[14]}", f"before:2024-07 {common[4]}"]
    return found
