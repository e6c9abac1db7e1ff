"""Small wording helpers shared by the screens (light: the library imports them at start-up)."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """'1 article', '3 articles', '2 stories', '10,000 briefings'."""
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {noun[:-1]}ies" if noun.endswith("y") else f"{n:,} {noun}es" if noun.endswith("h") else f"{n:,} {noun}s"


def counted(n: int, noun: str, hidden: int = 0) -> str:
    """'7 events', or '7 events (1 hidden)'."""
    return count(n, noun) + (f" ({hidden} hidden)" if hidden else "")


def slug(text: str) -> str:
    """A file name stem from a title: its first words, lower case, joined by dashes."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words[:6]) or "briefing"
