"""A sequence whose items are made when first asked for, then kept: the library of
10,000 briefings, a story's 10,000 timeline rows and a search's hits cost only
what a screen shows of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class Lazy(Sequence[T]):
    def __init__(self, length: int, make: Callable[[int], T]) -> None:
        self._length, self._make = length, make
        self._made: dict[int, T] = {}  # position -> item, for the items asked for so far

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # an int gives an item, a slice a list of them
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(self._length))]
        index = range(self._length)[index]  # a negative index counts from the end; IndexError past it
        if (item := self._made.get(index, _UNMADE)) is _UNMADE:
            item = self._made[index] = self._make(index)
        return item


_UNMADE: Any = object()  # None may be an item
