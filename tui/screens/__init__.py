"""The screens: the library, and a briefing, a story or a dossier (``entries`` is what the last three share)."""
