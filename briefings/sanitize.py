"""Make untrusted text (articles, notes) safe to store and to show in a terminal.

Escape sequences and control characters are removed; printable characters,
including ones that look like Rich markup such as ``[bold]``, are kept as
they are: the UI renders text as data, never as markup.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings, and
# two-character escapes; the 8-bit CSI (0x9B) too. An 8-bit OSC/DCS introducer
# (0x9D, 0x90, 0x98 ...) is mostly mojibake of curly quotes (” is E2 80 9D), so
# only the control itself goes (below), never the text after it.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]             # CSI
    | \x1b[\]PX^_][^\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|$)  # OSC, DCS, SOS, PM, APC up to BEL or ST;
                                                 # unterminated, to the line's end, never the rest of the article
    | \x1b[@-Z\\-_]                              # other two-character escapes
    | \x1b                                       # a lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 and C1 controls except tab and newline; DEL; bidi embeddings, overrides
# and isolates; zero-width space, word joiner and a stray byte-order mark; lone
# surrogates (a byte that is not UTF-8 in a command-line argument becomes one,
# and no JSON encoder writes it).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\ud800-\udfff"
_INVISIBLE = re.compile(f"[{_CONTROLS}]")
# Every escape sequence starts with ESC or 0x9B, both among the controls: text without
# any of them (nor a carriage return) is left as it is, after one look.
_TOUCHED = re.compile(f"[\r{_CONTROLS}]")


def clean(text: str) -> str:
    """Strip escape sequences and control characters; normalise line ends."""
    if not _TOUCHED.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _INVISIBLE.sub("", text)


def blank(text: str) -> str:
    """Control characters (those of escape sequences too) as spaces, one for one: text that
    offsets point into stays aligned. What is left of a sequence is plain text."""
    return _TOUCHED.sub(" ", text) if _TOUCHED.search(text) else text
