"""Errors a user can act on. The CLI prints their message on one line and exits 2."""


class BriefingError(Exception):
    """Bad input or an unusable store: the message names the problem and the file."""


class StoreError(BriefingError):
    """The store cannot be read or written safely; nothing was changed."""
