"""Made when first asked for: a sequence whose items are made as they are read (the
library of 10,000 briefings, a story's 10,000 timeline rows and a search's hits
cost only what a screen shows of them), and a package's names imported from their
modules as they are used (start-up loads only what the library needs)."""

from __future__ import annotations

import importlib
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
