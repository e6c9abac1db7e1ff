"""The one gate for what enters a store: a briefing is checked against the model's types
and limits and its text cleaned of control characters before anything is stored.

Every door passes here: an extracted article (a file, a web page, a feed
item), a ``briefing/1`` document and a story export read back (``document``
first checks the JSON's types against the model, with msgspec), a publication
date typed anywhere (``published``), a note and tags (``note``, ``tags``).
What fails is refused whole with one line naming the field and the problem
(``FormatError`` for a document, ``BriefingError`` for a typed value).

The limits are far above anything an article gives (an article's text is at
most 5 MB, see ``importing.files``; extraction refuses more than 3,000
dates or capitalised names), so only a hostile or damaged document meets
them. Ids name files: ASCII letters, digits, ``-`` and ``_``, at most 100.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from .errors import BriefingError
from .model import (
    ACTOR_KINDS,
    Actor,
    Annotation,
    Briefing,
    Event,
    FormatError,
    Quote,
    Source,
    When,
    is_grade,
)
from .sanitize import blank, clean

MAX_ID = 100
MAX_TEXT = 5_000_000  # an article's text (importing.files.MAX_BYTES)
MAX_ENTRIES = 10_000  # actors, quotes, events each: above the extraction's own caps (3,000 dates)
MAX_MENTIONS = 30_000  # of one actor: the extraction's cap on capitalised words
MAX_NAMES = 1_000  # aliases of one actor, actors of one event
MAX_LINE = 2_000  # a title, a URL
MAX_NAME = 500  # an actor's name or alias, a speaker's name, an outlet
MAX_PASSAGE = 100_000  # a summary, a quote, a description: a part of the text
MAX_PATH = 4_096
MAX_NOTE = 1_000_000
MAX_TAGS, MAX_TAG = 1_000, 200  # tags on one entry, characters of one tag
PRECISIONS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "vague")

# Publication dates: from the first printed newspapers (1605) to 2199. A date in
# 9999 or year 1 is a typo or an attack, and the calendar's ends (date.min and
# date.max) are where resolving "next year" or "a decade ago" against it overflows.
EARLIEST, LATEST = date(1600, 1, 1), date(2199, 12, 31)

_ID = re.compile(r"[A-Za-z0-9_-]{1,%d}" % MAX_ID)
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


# -- values typed anywhere -------------------------------------------------------------


def published(value: str) -> str:
    """A publication date as YYYY-MM-DD, within EARLIEST..LATEST; BriefingError otherwise."""
    text = clean(value).strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise BriefingError(f"not a date in YYYY-MM-DD form: {text[:40]!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise BriefingError(f"publication date {day.isoformat()} is out of range "
                            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})")
    return day.isoformat()


def is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def note(text: str) -> str:
    text = clean(text)
    if len(text) > MAX_NOTE:
        raise BriefingError(f"a note of over {MAX_NOTE:,} characters")
    return text


def tags(values: Any) -> tuple[str, ...]:
    """Tags cleaned, blanks and repeats gone, within the limits."""
    found = tuple(dict.fromkeys(t for t in (clean(str(v)).strip() for v in values) if t))
    if len(found) > MAX_TAGS:
        raise BriefingError(f"over {MAX_TAGS} tags on one entry")
    if long := next((t for t in found if len(t) > MAX_TAG), None):
        raise BriefingError(f"a tag of over {MAX_TAG} characters: {long[:40]!r}…")
    return found


# -- briefings ------------------------------------------------------------------------


def document(data: Any) -> Briefing:
    """A decoded ``briefing/1`` document as a briefing, admitted; FormatError names what is wrong."""
    import msgspec  # on first use: only a JSON import needs it

    try:
        briefing = msgspec.convert(data, type=Briefing)
    except msgspec.ValidationError as exc:
        raise FormatError(clean(str(exc))[:300]) from None
    return admit(briefing)


def admit(b: Briefing) -> Briefing:
    """The briefing within the limits, every text field cleaned; FormatError when it is not.

    ``text`` itself must already be clean: every span points into it, and
    cleaning would move them (extraction and our exports give clean text).
    What is already clean comes back as it is (the common case: an import).
    """
    if not is_id(b.id):
        raise _bad(f"id {b.id[:40]!r} is not an id (1 to {MAX_ID} letters, digits, - or _)")
    if len(b.text) > MAX_TEXT:
        raise _bad(f"a text of over {MAX_TEXT:,} characters")
    if clean(b.text) != b.text:
        raise _bad("the text holds control characters or escape sequences")
    for what, entries in (("actors", b.actors), ("quotes", b.quotes), ("events", b.events)):
        if len(entries) > MAX_ENTRIES:
            raise _bad(f"over {MAX_ENTRIES:,} {what}")
    ids = [e.id for e in (*b.actors, *b.quotes, *b.events)]
    if len(set(ids)) != len(ids):
        raise _bad("two entries share an id")
    if len(b.annotations) > len(ids) + MAX_ENTRIES:
        raise _bad("more annotations than entries")
    n = len(b.text)
    return _changed(
        b,
        title=_line(b.title, MAX_LINE, "title"),
        source=_source(b.source),
        actors=tuple(_entry(_actor, a, n) for a in b.actors),
        quotes=tuple(_entry(_quote, q, n) for q in b.quotes),
        events=tuple(_entry(_event, e, n) for e in b.events),
        annotations={k: _annotation(k, a) for k, a in b.annotations.items()},
    )


def shown(b: Briefing) -> Briefing:
    """A stored briefing made safe to show, should a store written before the gate hold
    escape sequences: its fields cleaned as ``admit`` cleans them, its text blanked one
    character for one (its spans still point at their words). One damaged past that
    comes back as it is, for the doctor to report."""
    if clean(b.text) != b.text:
        b = replace(b, text=blank(b.text))
    try:
        return admit(b)
    except FormatError:
        return b


def _source(s: Source) -> Source:
    return _changed(s, outlet=_optional(s.outlet, MAX_NAME, "source.outlet"),
                    url=_optional(s.url, MAX_LINE * 4, "source.url"),
                    path=_optional(s.path, MAX_PATH, "source.path"),
                    published=_published_field(s.published))


def _published_field(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return published(value)
    except BriefingError as exc:
        raise _bad(f"source.published: {exc}") from None


def _entry(admit_entry: Any, entry: Any, length: int) -> Any:
    """One actor, quote or event admitted; a refusal names it."""
    try:
        if not is_id(entry.id):
            raise _bad("its id is not an id")
        return admit_entry(entry, length)
    except FormatError as exc:
        kind = type(entry).__name__.lower()
        raise _bad(f"{kind} {entry.id[:40]!r}: {exc}") from None


def _actor(a: Actor, length: int) -> Actor:
    if a.kind not in ACTOR_KINDS:
        raise _bad(f"unknown kind {a.kind[:40]!r}")
    if len(a.aliases) > MAX_NAMES or len(a.mentions) > MAX_MENTIONS:
        raise _bad(f"over {MAX_NAMES:,} aliases or {MAX_MENTIONS:,} mentions")
    _spans(a.mentions, length)
    return _changed(a, name=_line(a.name, MAX_NAME, "name"),
                    aliases=tuple(_line(n, MAX_NAME, "alias") for n in a.aliases),
                    description=_text(a.description, MAX_PASSAGE, "description"))


def _quote(q: Quote, length: int) -> Quote:
    if not (q.speaker is None or is_id(q.speaker)):
        raise _bad("its speaker is not an id")
    _spans((q.span,) if q.span else (), length)
    return _changed(q, text=_text(q.text, MAX_PASSAGE, "text"),
                    speaker_name=_optional(q.speaker_name, MAX_NAME, "speaker_name"))


def _event(e: Event, length: int) -> Event:
    if len(e.actors) > MAX_NAMES or not all(map(is_id, e.actors)):
        raise _bad("its actors are not ids")
    _spans((e.span,) if e.span else (), length)
    return _changed(e, summary=_text(e.summary, MAX_PASSAGE, "summary"), when=_when(e.when))


def _when(w: When) -> When:
    for name in ("start", "end"):
        day = getattr(w, name)
        if day is not None and not (_ISO_DAY.fullmatch(day) and _is_day(day)):
            raise _bad(f"when.{name} is not a YYYY-MM-DD date: {day[:40]!r}")
    if w.precision is not None and w.precision not in PRECISIONS:
        raise _bad(f"when.precision {w.precision[:40]!r} is not one of {', '.join(PRECISIONS)}")
    return _changed(w, text=_line(w.text, MAX_NAME, "when.text"), value=_optional(w.value, 40, "when.value"))


def _annotation(entry_id: str, a: Annotation) -> Annotation:
    if not is_id(entry_id):
        raise _bad(f"annotations: {entry_id[:40]!r} is not an entry id")
    if a.grade is not None and not is_grade(a.grade):
        raise _bad(f"annotation on {entry_id}: bad grade {a.grade[:10]!r}")
    try:
        return _changed(a, note=note(a.note), tags=tags(a.tags), updated=_optional(a.updated, 40, "updated"))
    except (BriefingError, FormatError) as exc:
        raise _bad(f"annotation on {entry_id}: {exc}") from None


def _changed(entry: Any, **fields: Any) -> Any:
    """The entry with these fields, a new one only when one differs (``replace`` is dear)."""
    if all(getattr(entry, k) == v for k, v in fields.items()):
        return entry
    return replace(entry, **fields)


def _spans(spans: Any, length: int) -> None:
    for span in spans:
        if not 0 <= span[0] <= span[1] <= length:
            raise _bad(f"span {list(span)} is outside the text")


def _text(value: str, limit: int, field: str) -> str:
    if len(value) > limit:
        raise _bad(f"{field}: over {limit:,} characters")
    return clean(value)


def _line(value: str, limit: int, field: str) -> str:
    """A one-line field: cleaned, its runs of whitespace one space."""
    value = _text(value, limit, field)
    return value if value.isprintable() and "  " not in value else " ".join(value.split())


def _optional(value: str | None, limit: int, field: str) -> str | None:
    return None if value is None else _line(value, limit, field)


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _bad(message: str) -> FormatError:
    return FormatError(clean(message))
