"""Joining items into groups: the actors of a briefing that the reader merged, the
actors of a story's articles that share a name."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    """Items 0..n-1 in groups, joined two at a time; a group is named by its lowest item."""

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))
        self._owner: dict[Hashable, int] = {}  # a key -> the first item given it (``join_on``)

    def find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def join_on(self, i: int, keys: Iterable[Hashable]) -> None:
        """Put item ``i`` in one group with every earlier item given one of these keys."""
        for key in keys:
            first = self._owner.setdefault(key, i)
            if first != i:
                self.union(first, i)

    def groups(self) -> dict[int, list[int]]:
        """Each group's items in order, the groups in the order of their first item."""
        out: dict[int, list[int]] = {}
        for i in range(len(self._parent)):
            out.setdefault(self.find(i), []).append(i)
        return out
