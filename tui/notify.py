"""A core error becomes a notification: the one way the app tells the reader what went wrong.

Store reads and writes run in thread workers; ``reports_errors`` wraps such a
method so that a ``BriefingError`` it raises is shown as an error
notification (Textual's ``notify`` may be called from any thread), and the
method returns None. Text is never read as markup, and passes the core's
cleaner: it may hold an article's or a note's words, or a path as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from briefings.desk import BriefingError, clean

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(method: F) -> F:
    """Wrap a method of a widget, screen or app: a BriefingError becomes a notification."""
    @wraps(method)
    def reporting(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except BriefingError as exc:
            self.app.notify(clean(str(exc)), severity="error", markup=False)  # it may echo what was typed
            return None
    return reporting  # type: ignore[return-value]
