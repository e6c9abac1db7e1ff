"""Stories: briefings the reader groups, and the merged view of a story.

``table`` keeps the stories (which briefings each holds), ``merging`` turns any
briefings into one ``StoryView`` (``view``), ``corroboration`` checks where
its sources agree and differ, ``cache`` opens a story from its kept view (and
check) when nothing changed, and ``suggest`` finds the stories a new briefing
belongs to.
"""

from ..lazy import exports

# Each name is imported from its module when first used (see ``lazy.exports``).
_NAMES = {
    "Head": "view", "Members": "view", "QuoteGroup": "view", "Story": "table", "StoryActor": "view",
    "StoryEvent": "view", "StoryQuote": "view", "StoryView": "view", "Suggestion": "suggest",
    "Conflict": "corroboration", "StoryCheck": "corroboration", "Version": "corroboration",
    "added_by": "corroboration", "check": "corroboration", "check_of": "corroboration", "report": "corroboration",
    "add_to_story": "table", "create_story": "table", "delete_story": "table", "first_sources": "view",
    "forget": "cache", "get_story": "table", "list_stories": "table", "load_briefings": "table",
    "merge": "merging", "merge_story": "cache", "open_story": "cache", "open_view": "cache",
    "remove_from_story": "table", "stories_of": "table", "suggest_stories": "suggest",
    "view_to_dict": "view",
}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
