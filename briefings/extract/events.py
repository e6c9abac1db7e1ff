"""Stage 6: the timeline -- one event per temporal expression.

An event is a temporal expression with the clause it dates: the sentence is
its summary, the actors named in that sentence are its actors, and its span
is the expression's own. The headline's expressions come first, with the
headline as their summary and no span (the body often never repeats the
headline's "Friday"). Expressions are resolved in reading order, so "later
that day" and "a year earlier" find what the text spoke of before them. The
quantities of a sentence (stage 6a) go to the event whose expression is
nearest them in it, none to a part of a date ("three weeks ago"). Ids
come from the expression, the summary and the occurrence number, never from
the publication date, so setting the date later keeps the reader's
annotations.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date

from ..model import Actor, Event, Quantity, When, stable_id
from .sentences import Span, sentence_at
from .times import Discourse, find_times, resolve

WINDOW = 500  # characters of a sentence kept on each side of an expression


def find_events(text: str, sentences: list[Span], actors: tuple[Actor, ...],
                published: date | None, headline: str = "",
                quantities: list[Quantity] | tuple[Quantity, ...] = ()) -> tuple[Event, ...]:
    """Every temporal expression of the headline and of ``text`` as a dated event,
    with the ``quantities`` its sentence states nearest it."""
    events: list[Event] = []
    seen: dict[tuple[str, str], int] = {}
    in_sentences: dict[int, list[tuple[int, Span, Span]]] = {}  # sentence -> (event, its sentence, its expression)

    def add(when: When, summary: str, span: Span | None, actor_ids: tuple[str, ...]) -> None:
        key = (when.text, summary)
        seen[key] = seen.get(key, 0) + 1
        events.append(Event(id=stable_id("e", when.text, summary, seen[key]), summary=summary, when=when,
                            span=span, actors=actor_ids))

    title = " ".join(headline.split())
    for found in find_times(title, headline=True):
        add(resolve(found.text, found.kind, published, title, at=(found.start, found.end)), title, None, ())

    mentions = sorted((s, a.id) for a in actors for s, _ in a.mentions)
    positions = [pos for pos, _ in mentions]
    discourse = Discourse(published)
    for found in find_times(text):
        sentence = sentence_at(sentences, found.start)
        s_start, s_end = around(text, found.start, found.end, *sentences[sentence])
        when = discourse.resolve(found.text, found.kind, text[s_start:s_end],
                                 at=(found.start - s_start, found.end - s_start))
        summary = " ".join(text[s_start:s_end].split())
        in_sentence = tuple(dict.fromkeys(
            aid for _, aid in mentions[bisect_left(positions, s_start):bisect_left(positions, s_end)]))
        in_sentences.setdefault(sentence, []).append((len(events), (s_start, s_end), (found.start, found.end)))
        add(when, summary, (found.start, found.end), in_sentence)
    for n, given in _nearest(text, quantities, sentences, in_sentences).items():
        events[n] = replace(events[n], quantities=tuple(given))
    return tuple(events)


def _nearest(text: str, quantities: list[Quantity] | tuple[Quantity, ...], sentences: list[Span],
             in_sentences: dict[int, list[tuple[int, Span, Span]]]) -> dict[int, list[Quantity]]:
    """Each quantity to the event of its sentence whose expression is nearest it, one of its
    own clause first ("closed on Wednesday, three days after gunmen killed 14 people on
    Saturday": the 14 go to Saturday); none to one inside an expression ("three weeks ago"
    is a date, not a count of weeks)."""

    def distance(expression: Span, q_start: int, q_end: int) -> tuple[bool, int]:
        lo, hi = (q_end, expression[0]) if q_end <= expression[0] else (expression[1], q_start)
        return any(c in _CLAUSE_ENDS for c in text[lo:hi]), hi - lo
    given: dict[int, list[Quantity]] = {}
    for q in quantities:
        if q.span is None:
            continue
        q_start, q_end = q.span
        events = [(n, expression) for n, (s_start, s_end), expression in
                  in_sentences.get(sentence_at(sentences, q_start), ()) if s_start <= q_start and q_end <= s_end]
        if not events or any(start < q_end and q_start < end for _, (start, end) in events):
            continue
        n, _ = min(events, key=lambda found: distance(found[1], q_start, q_end))
        given.setdefault(n, []).append(q)
    return given


_CLAUSE_ENDS = frozenset(",;:()—–")


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
