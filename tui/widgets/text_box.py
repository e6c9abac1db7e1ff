"""The one-line text box every screen types into (the library's search, the filter
bar, the prompts): Textual's Input, less a layout of the whole screen per key.

Input keeps its text's width as its ``virtual_size`` (how far it can scroll
sideways), and a widget's ``virtual_size`` is declared to need a layout when it
changes: so each key typed laid the whole screen out again (2 of the 5 ms a key
cost in the library, measured headless). A box of fixed size needs no layout
when its text grows: here the change only repaints the box, and scrolling
sideways, which reads ``virtual_size`` itself, works as before.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class TextBox(Input):
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
