"""Everything that comes into a store: article files, web pages, feeds, our own
JSON, the bundled sample.

``articles`` turns one article into a stored briefing; ``batches`` stores many
at once; ``files`` and ``web`` read what an article is made from; ``feeds``
follows RSS and Atom feeds; ``interchange`` reads our own JSON back.
"""
