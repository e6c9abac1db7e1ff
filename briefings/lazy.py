"""Made when first asked for: a sequence whose items are made as they are read (the
library of 10,000 briefings, a story's 10,000 timeline rows and a search's hits
cost only what a screen shows of them) and their ids, and a package's names imported from their
modules as they are used (start-up loads only what the library needs)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence, Sized
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


class Ids(Sequence[str]):
    """The ids of a lazy sequence's items, in order: each read when asked for (``at``,
    without making the item), and where one is found by ``locate`` (a query)
    without reading them all."""

    def __init__(self, items: Sized, at: Callable[[int], str], locate: Callable[[str], int | None]) -> None:
        self._items, self._at, self.position = items, at, locate

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[n] for n in range(*position.indices(len(self)))]
        return self._at(range(len(self))[position])

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self.position(item_id) is not None

    def index(self, item_id: Any, start: int = 0, stop: int | None = None) -> int:
        position = self.position(item_id) if isinstance(item_id, str) else None
        if position is None or position < start or (stop is not None and position >= stop):
            raise ValueError(f"{item_id!r} is not among them")
        return position


def exports(owner: str, names: dict[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` (PEP 562) of the module or package ``owner``, naming what
    other modules hold (``names``: name -> module, relative to ``owner``'s package):
    a name is imported from its module when first asked for, so that importing one
    module of a package (the library's stories list) does not import the rest (the merge)."""
    package = owner if importlib.import_module(owner).__spec__.submodule_search_locations else owner.rpartition(".")[0]

    def attribute(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {owner!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)
    return attribute
