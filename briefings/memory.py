"""Keeping the garbage collector out of the way of big reads."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while a story is read and merged.

    Reading 500 briefings makes millions of objects that live on; the
    collector would scan them again and again (in the app, over half the time
    of opening a story). Reference counting still frees what is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
