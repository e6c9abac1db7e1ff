"""Exports of a briefing, a story or a dossier: Markdown, our JSON, CSV, iCalendar.

``exporter.export`` is the one entry point; a module per format.
"""

from ..lazy import exports

# Each name is imported from its module when first used (see ``lazy.exports``).
_NAMES = {
    "EXTENSIONS": "exporter", "Export": "exporter", "FORMATS": "exporter", "escape": "markdown",
    "export": "exporter", "export_briefing": "exporter", "export_story": "exporter",
    "fold_line": "ics", "format_of": "exporter", "ics_escape": "ics", "write_export": "exporter",
}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
