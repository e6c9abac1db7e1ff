"""Rule-based extraction: article text in, a Briefing out (actors, quotes, timeline).

The stages live in their own modules (clean, sentences, actors, quotes,
times, events) and ``pipeline`` wires them; see each module's docstring.
"""

from .pipeline import ExtractionError, briefing_id, extract, resolve_times

__all__ = ["ExtractionError", "briefing_id", "extract", "resolve_times"]
