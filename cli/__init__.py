"""The ``briefing`` command line: the top floor, above the app (``tui``) and the core.

``main`` reads the arguments, ``commands`` does what each command asks
through the core's door (``briefings.desk``), ``terminal`` prints.
"""
