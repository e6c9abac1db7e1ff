"""Rule-based extraction: article text in, a Briefing out (actors, quotes, timeline).

The stages live in their own modules (clean, sentences, actors, quotes,
times, quantities, events) and ``pipeline`` wires them; see each module's
docstring. The pipeline is imported when first used, so that a module that
needs one stage's words (a story's check reads ``quantities``) does not load
them all.
"""

from ..lazy import exports

_NAMES = {"ExtractionError": "pipeline", "briefing_id": "pipeline", "extract": "pipeline",
          "resolve_times": "pipeline"}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
