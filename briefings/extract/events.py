"""Stage 6: the timeline -- one event per temporal expression.

An event is a temporal expression with the clause it dates: the sentence is
its summary, the actors named in that sentence are its actors, and its span
is the expression's own. Ids come from the expression, the summary and the
occurrence number, never from the publication date, so setting the date
later keeps the reader's annotations.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from ..model import Actor, Event, stable_id
from .sentences import Span, sentence_at
from .times import find_times, resolve

WINDOW = 500  # characters of a sentence kept on each side of an expression


def find_events(text: str, sentences: list[Span], actors: tuple[Actor, ...],
                published: date | None) -> tuple[Event, ...]:
    """Every temporal expression of ``text`` as a dated event."""
    mentions = sorted((s, a.id) for a in actors for s, _ in a.mentions)
    positions = [pos for pos, _ in mentions]
    events: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    for found in find_times(text):
        s_start, s_end = sentences[sentence_at(sentences, found.start)]
        when = resolve(found.text, found.kind, published, clause_around(text, found.start, found.end, s_start, s_end))
        s_start, s_end = around(text, found.start, found.end, s_start, s_end)
        summary = " ".join(text[s_start:s_end].split())
        in_sentence = tuple(dict.fromkeys(
            aid for _, aid in mentions[bisect_left(positions, s_start):bisect_left(positions, s_end)]))
        key = (when.text, summary)
        seen[key] = seen.get(key, 0) + 1
        events.append(Event(
            id=stable_id("e", when.text, summary, seen[key]),
            summary=summary,
            when=when,
            span=(found.start, found.end),
            actors=in_sentence,
        ))
    return tuple(events)


def around(text: str, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int]:
    """The sentence holding an expression, cut to whole words within WINDOW characters of it.

    Real sentences are far shorter (the corpus's longest is 352 characters);
    a text without sentence ends would otherwise make each of its many
    expressions copy and scan all of it.
    """
    if start - s_start > WINDOW:
        s_start = start - WINDOW
        s_start = next((i + 1 for i in range(s_start, start) if text[i].isspace()), start)
    if s_end - end > WINDOW:
        s_end = end + WINDOW
        s_end = next((i for i in range(s_end, end, -1) if text[i].isspace()), end)
    return s_start, s_end


def clause_around(text: str, start: int, end: int, s_start: int, s_end: int) -> str:
    """The clause holding an expression (for its tense): between commas/semicolons of its sentence."""
    s_start, s_end = around(text, start, end, s_start, s_end)
    left = max(text.rfind(",", s_start, start), text.rfind(";", s_start, start), s_start - 1) + 1
    right_candidates = [i for i in (text.find(",", end, s_end), text.find(";", end, s_end)) if i != -1]
    right = min(right_candidates) if right_candidates else s_end
    clause = text[left:right]
    # The verb that governs the expression comes before any subordinate clause after it:
    # "announced Friday that it will give" is past.
    sub = re.compile(r"\b(?:that|which|who|because|after|before|when|while|but|and)\b").search(text, end, right)
    if sub:
        clause = text[left:sub.start()]
    # A clause too short to carry a verb ("on Tuesday,") borrows the rest of the sentence.
    return clause if len(re.findall(r"\w+", clause)) >= 4 else text[s_start:s_end]
