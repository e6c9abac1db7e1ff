"""briefing: news articles as structured, annotated briefings.

This package is the headless core. It never imports Textual.
"""

__version__ = "0.1.0"
