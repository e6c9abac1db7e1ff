"""Keeping the garbage collector out of the way of keystrokes."""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Move what a big read made (a story's million objects, a library's index)
    out of the cyclic collector's way: its full passes would scan them all again,
    150 ms at a time, in the middle of keystrokes. Dropped objects are still
    freed (by reference counting); only cycles among them would wait."""
    gc.freeze()
