"""Keeping the garbage collector out of the way of keystrokes."""

from __future__ import annotations

import gc

from textual.message_pump import MessagePump

SETTLE_AFTER = 0.25  # seconds: the screen just drawn is on the terminal by then


def settle_heap() -> None:
    """After a big read (a story, a library of 100,000): collect, then move what is
    alive out of the cyclic collector's way, so its full passes do not scan it
    all again in the middle of keystrokes.

    What was frozen before is thawed and collected first: objects frozen while
    alive (the last screen's widgets, the last library) that were dropped since
    would otherwise never be freed, and the app grew by every screen it opened.
    A full collection here costs about 20 ms with a library of 100,000 and a
    500-article story open, once per big read, never per key.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def settle_heap_soon(node: MessagePump) -> None:
    """``settle_heap`` in a moment, once what was just drawn is on the terminal.

    The driver writes a frame from a thread of its own, which needs the
    interpreter's lock: a collection started as the frame was made (15 ms
    at the library's start, 20 ms after a story opened) held it, and the
    screen reached the terminal that much later (start-up with a library of
    100,000: 253 ms, 240 ms once the collection waits, medians of 21 runs)."""
    node.set_timer(SETTLE_AFTER, settle_heap)
