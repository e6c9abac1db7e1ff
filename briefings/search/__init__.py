"""Search across the whole store, as the reader types.

``query`` reads what the reader types; ``rows`` keeps one compact row per
briefing on disk, brought up to date by every search; ``scan`` runs a query
over them (the command line); ``live`` keeps an index in memory for the app,
which finds the same hits as the reader types; ``saved`` keeps saved searches.
"""

from ..lazy import exports

# Each name is imported from its module when first used (see ``lazy.exports``).
_NAMES = {
    "Hit": "scan", "Query": "query", "QueryError": "query", "Results": "live", "View": "saved",
    "actor_keys": "rows", "all_rows": "rows", "delete_view": "saved", "find_actor": "scan",
    "fresh_rows": "rows", "hay_of": "rows", "index": "live", "parse": "query", "rebuild": "rows",
    "refresh": "rows", "reindex": "rows", "row_of": "rows", "rows_of": "rows", "run": "scan",
    "save_view": "saved", "search": "live", "sort_key": "scan", "views": "saved",
}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
