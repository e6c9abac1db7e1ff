"""Search across the whole store, ranked, as the reader types.

``query`` reads what the reader types; ``document`` is what the index holds
of a briefing; ``index`` is the SQLite full-text index on disk, which
``follower`` keeps in step with every write and ``upkeep`` builds, checks
and mends; ``find`` runs a query on it; ``highlight`` finds the matching
words in a hit's text (snippets); ``saved`` keeps saved searches.
"""

from ..lazy import exports

# Each name is imported from its module when first used (see ``lazy.exports``).
_NAMES = {
    "Hit": "find", "Query": "query", "QueryError": "query", "Results": "find", "View": "saved",
    "actor_names": "find", "actor_names_of": "find", "aliases": "find", "build": "upkeep", "delete_view": "saved",
    "ensure": "upkeep", "find_actor": "find", "opened": "upkeep", "follow": "follower", "mend": "upkeep", "parse": "query", "rebuild": "upkeep", "reindex": "index",
    "save_view": "saved", "search": "find", "views": "saved",
}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
