"""The Textual app. It reaches the core through one door, ``briefings.desk``, and the model.

``app`` opens the screens (``screens``: the library, a briefing, a story, a
dossier), which are composed of ``widgets`` talking in messages; ``entries``
is what a screen shows, ``render`` how it looks, ``keymap`` every key.
"""
