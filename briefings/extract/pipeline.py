"""Wiring: clean -> sentences -> actors -> quotes -> quantities -> timeline.

Each stage has one entry point and no knowledge of the others beyond the
model types, so a statistical stage can replace or join a rule-based one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..model import Briefing, Source, stable_id
from .actors import find_actors
from .clean import clean_article
from .events import around, find_events
from .quantities import find_quantities
from .quotes import find_quotes
from .sentences import sentence_at, split_sentences
from .times import Discourse, find_times, resolve


class ExtractionError(ValueError):
    """The input cannot be an article (nothing left once cleaned, ...)."""


def extract(raw_text: str, *, published: str | None = None, title: str | None = None,
            outlet: str | None = None, url: str | None = None, path: str | None = None) -> Briefing:
    """The briefing of one article: actors, quotes and dated events, spans into the cleaned text."""
    if not isinstance(raw_text, str):
        raise ExtractionError("the article must be text")
    article = clean_article(raw_text, title=title)
    text = article.text
    if not re.search(r"\w", text):
        raise ExtractionError("no article text left once page debris was removed")
    if too_much := _beyond_any_article(text):
        raise ExtractionError(too_much)
    day = _parse_published(published) if published else None
    if day is None and article.published:
        day = _parse_published(article.published)
    sentences = split_sentences(text)
    actors = find_actors(text, sentences, title or article.title)
    quotes = find_quotes(text, sentences, actors)
    events = find_events(text, sentences, actors, day, title or article.title, find_quantities(text))
    final_title = (title or article.title or _first_words(text)).strip()
    return Briefing(
        id=briefing_id(final_title, text, url),
        title=final_title,
        text=text,
        source=Source(outlet=outlet or article.outlet, url=url, path=path,
                      published=day.isoformat() if day else None),
        actors=actors,
        quotes=quotes,
        events=events,
    )


# Far above any news article (a long feature has a few hundred of each). Past them the stages
# that compare every name with every other, or every quote with every mention, take minutes.
LIMITS = (
    ("dates", 3_000, lambda text: len(find_times(text))),
    ("quotation marks", 2_000, lambda text: sum(map(text.count, '"“”'))),
    ("different capitalised words", 3_000, lambda text: len(set(_CAPITALISED.findall(text)))),
    ("capitalised words", 30_000, lambda text: len(_CAPITALISED.findall(text))),
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")


def _beyond_any_article(text: str) -> str | None:
    """What makes ``text`` too much for an article to hold, or None."""
    for what, limit, count in LIMITS:
        found = count(text)
        if found > limit:
            return f"{found:,} {what}, more than any article holds (at most {limit:,}); not an article"
    return None


def resolve_times(briefing: Briefing, published: str | None) -> Briefing:
    """Re-resolve every event's date against a new publication date; ids and the rest are kept.

    Events from the text are resolved in its reading order, as extraction does (what "that day"
    refers back to is the same); the headline's and any others without a span alone."""
    day = _parse_published(published) if published else None
    if published and day is None:
        raise ExtractionError(f"not a date: {published!r}")
    text = briefing.text
    sentences = split_sentences(text) if text else [(0, 0)]
    kinds = {(f.start, f.end): f.kind for f in find_times(text)}
    events = list(briefing.events)
    discourse = Discourse(day)
    in_text = sorted((i for i, e in enumerate(events) if e.span and tuple(e.span) in kinds),
                     key=lambda i: tuple(events[i].span))
    for i in in_text:
        event = events[i]
        start, end = event.span
        s_start, s_end = around(text, start, end, *sentences[sentence_at(sentences, start)])
        when = discourse.resolve(event.when.text, kinds[(start, end)], text[s_start:s_end],
                                 at=(start - s_start, end - s_start))
        events[i] = replace(event, when=when)
    for i, event in enumerate(events):
        if event.span and tuple(event.span) in kinds:
            continue
        # The headline's, or not from this text (edited or imported): find the expression's kind alone.
        found = find_times(event.when.text, headline=True)
        if found:
            events[i] = replace(event, when=resolve(event.when.text, found[0].kind, day, event.summary))
    return replace(briefing, events=tuple(events),
                   source=replace(briefing.source, published=day.isoformat() if day else None))


def _parse_published(value: str) -> date | None:
    from dateutil import parser as dateparser

    try:
        return dateparser.parse(value, default=None).date() if re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()) is None \
            else date.fromisoformat(value.strip())
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def briefing_id(title: str, text: str, url: str | None = None) -> str:
    """A briefing's id: from its URL when it has one (importing the page again updates it),
    else from its title and first words (so does importing the same text again)."""
    return stable_id("b", url or (_normal(title) + "\x1f" + _normal(text[:300])))


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")
