"""The briefing model and its JSON interchange format, ``briefing/1``.

A briefing is what one article says: its actors, quotes and dated events,
each entry pointing back at the characters of ``text`` it came from. The
reader's annotations live beside it, keyed by entry id, and are stored apart
(see ``store``) so that re-extracting an article never loses them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

FORMAT = "briefing/1"
STORY_FORMAT = "briefing-story/1"  # a story's briefings and the identity decisions on their actors

Span = tuple[int, int]

ACTOR_KINDS = (
    "person",
    "company",
    "organization",
    "government",
    "country",
    "armed_group",
    "military",
    "place",
    "group",
    "other",
)


class FormatError(ValueError):
    """A document does not follow the ``briefing/1`` format."""


def stable_id(prefix: str, *parts: object) -> str:
    """An id derived from content, so the same entry gets the same id on re-import."""
    import hashlib  # here: loading OpenSSL costs the app's start 3 ms, and opening needs no id made

    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:8]}"


@dataclass(frozen=True)
class Source:
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None  # YYYY-MM-DD or None when unknown


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    description: str = ""
    mentions: tuple[Span, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    speaker: str | None = None  # an actor id
    speaker_name: str | None = None  # as the article names the speaker
    span: Span | None = None


@dataclass(frozen=True)
class When:
    """A temporal expression as written and, when it can be, resolved.

    ``value`` is TIMEX3-like (2025, 2025-03, 2025-W14, 2025-04-08, PAST_REF,
    FUTURE_REF, PRESENT_REF) or None while unresolved; ``start``/``end`` are
    the ISO dates it covers; ``precision`` is day, week, month, season, quarter, half, year, century,
    decade, vague or None.
    """

    text: str
    value: str | None = None
    start: str | None = None
    end: str | None = None
    precision: str | None = None

    @property
    def resolved(self) -> bool:
        return self.start is not None

    @property
    def label(self) -> str:
        """The date as people read it: "8 April 2025", "week of 31 March 2025",
        "March 2025", "earlier", "soon" (JSON keeps ``value``)."""
        return _date_words(self, short=False)

    @property
    def short_label(self) -> str:
        """The same in at most 14 characters, for a timeline's date column: "8 Apr 2025",
        "wk 31 Mar 2025", "Mar 2025", "earlier"."""
        return _date_words(self, short=True)


_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REFS = {"PAST_REF": "earlier", "FUTURE_REF": "soon", "PRESENT_REF": "now"}


def _date_words(when: When, short: bool) -> str:
    value = when.value
    if not value:
        return "undated" if short else "not yet dated"
    if value in _REFS:
        return _REFS[value]

    def month(n: int) -> str:
        return _MONTHS[n - 1][:3] if short else _MONTHS[n - 1]

    parts = value.split("-")
    try:
        if len(parts) == 3 and len(parts[2]) == 2:  # a day
            return f"{int(parts[2])} {month(int(parts[1]))} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("W"):  # a week: named by its Monday
            if when.start and len(when.start) == 10:
                monday = when.start.split("-")
                day = f"{int(monday[2])} {month(int(monday[1]))} {monday[0]}"
                return f"wk {day}" if short else f"week of {day}"
            return f"week {int(parts[1][1:])} {parts[0]}"
        if len(parts) == 2 and parts[1].isdigit():  # a month
            return f"{month(int(parts[1]))} {parts[0]}"
        if len(parts) == 2 and parts[1] in _SEASONS:
            return f"{_SEASONS[parts[1]]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith(("Q", "H")):  # a quarter, a half
            return f"{parts[1]} {parts[0]}"
        if len(parts) == 1 and value.isdigit() and len(value) == 3:  # a decade: 199
            return f"{value}0s" if short else f"the {value}0s"
        if len(parts) == 1 and value.isdigit() and len(value) == 2:  # a century: 19
            return f"{value}00s" if short else f"the {value}00s"
    except (ValueError, IndexError):
        pass
    return value  # a year, or a value with no words of its own


@dataclass(frozen=True)
class Quantity:
    """A number an event states, with what it counts: "about 17,000 tons of tin".

    ``value`` is the number with its scale applied (40 million -> 40000000);
    ``step`` the place of its last digit as written (17,000 -> 1000, 17,300 ->
    100, 6.2 -> 0.1, 40 million -> 1000000), which says how far it was
    rounded; ``unit`` a normal form ("t", "km", "%", "USD", "" for a count);
    ``what`` what it counts or measures, as written ("tin", "people killed");
    ``hedge`` "about", "at least" or "at most" when the text qualifies it.
    """

    text: str
    value: float
    unit: str = ""
    what: str = ""
    step: float = 1
    hedge: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Event:
    id: str
    summary: str
    when: When
    span: Span | None = None
    actors: tuple[str, ...] = ()  # actor ids
    quantities: tuple[Quantity, ...] = ()  # the numbers its sentence states, nearest its date


def in_timeline_order(events: Iterable[Event]) -> list[Event]:
    """Events as a timeline shows them: dated ones by date, then the others ("earlier",
    "soon", not yet dated) in the order the article tells them."""
    return sorted(events, key=lambda e: (e.when.start is None, e.when.start or "", e.when.end or "", e.span or (0, 0)))


@dataclass(frozen=True)
class Annotation:
    """The reader's own marks on one entry."""

    note: str = ""
    tags: tuple[str, ...] = ()
    starred: bool = False
    grade: str | None = None  # Admiralty code: reliability A-F + credibility 1-6, e.g. "B2"
    hidden: bool = False
    updated: str | None = None  # ISO timestamp of the last change

    @property
    def is_empty(self) -> bool:
        return not (self.note or self.tags or self.starred or self.grade or self.hidden)

    def to_dict(self) -> dict[str, Any]:
        return {
            "note": self.note,
            "tags": list(self.tags),
            "starred": self.starred,
            "grade": self.grade,
            "hidden": self.hidden,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        _require(isinstance(data, dict), "an annotation must be an object")
        tags = data.get("tags") or ()
        _require(isinstance(tags, (list, tuple)), "annotation tags must be a list")
        grade = data.get("grade")
        _require(grade is None or is_grade(grade), f"bad credibility grade {grade!r}")
        return cls(
            note=str(data.get("note") or ""),
            tags=tuple(str(t) for t in tags),
            starred=bool(data.get("starred", False)),
            grade=grade,
            hidden=bool(data.get("hidden", False)),
            updated=data.get("updated"),
        )


def is_grade(grade: object) -> bool:
    """True for an Admiralty (NATO) grade such as "B2": A-F then 1-6."""
    return (
        isinstance(grade, str)
        and len(grade) == 2
        and grade[0] in "ABCDEF"
        and grade[1] in "123456"
    )


@dataclass(frozen=True)
class Briefing:
    id: str
    title: str
    text: str
    source: Source = field(default_factory=Source)
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    annotations: dict[str, Annotation] = field(default_factory=dict)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def entry_ids(self) -> set[str]:
        return {e.id for e in (*self.actors, *self.quotes, *self.events)}

    def with_annotations(self, annotations: dict[str, Annotation]) -> Briefing:
        return replace(self, annotations=dict(annotations))

    def to_dict(self, *, with_annotations: bool = True, plain: bool = True) -> dict[str, Any]:
        """The ``briefing/1`` document. ``plain=False`` leaves the entries as dataclasses:
        orjson writes them the same way, several times faster (the store saves so)."""
        entries = _plain if plain else (lambda entry: entry)
        data: dict[str, Any] = {
            "format": FORMAT,
            "id": self.id,
            "title": self.title,
            "source": entries(self.source),
            "text": self.text,
            "actors": [entries(a) for a in self.actors],
            "quotes": [entries(q) for q in self.quotes],
            "events": [entries(e) for e in self.events],
        }
        if with_annotations:
            data["annotations"] = {
                k: a.to_dict() for k, a in sorted(self.annotations.items()) if not a.is_empty
            }
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Briefing:
        """Read a ``briefing/1`` document, raising FormatError on anything else."""
        _require(isinstance(data, dict), "a briefing must be a JSON object")
        _require(data.get("format", FORMAT) == FORMAT, f"unknown format {data.get('format')!r}")
        for key in ("id", "title", "text"):
            _require(isinstance(data.get(key), str), f"'{key}' must be a string")
        try:
            source = Source(**_only(Source, data.get("source") or {}))
            actors = tuple(
                Actor(
                    **{
                        **_only(Actor, a),
                        "aliases": tuple(a.get("aliases") or ()),
                        "mentions": tuple(_span(m) for m in a.get("mentions") or ()),
                    }
                )
                for a in data.get("actors") or ()
            )
            quotes = tuple(
                Quote(**{**_only(Quote, q), "span": _span(q.get("span"))})
                for q in data.get("quotes") or ()
            )
            events = tuple(
                Event(
                    **{
                        **_only(Event, e),
                        "when": When(**_only(When, e.get("when") or {"text": ""})),
                        "span": _span(e.get("span")),
                        "actors": tuple(e.get("actors") or ()),
                        "quantities": tuple(_quantity(q) for q in e.get("quantities") or ()),
                    }
                )
                for e in data.get("events") or ()
            )
            annotations = {
                str(k): Annotation.from_dict(v) for k, v in (data.get("annotations") or {}).items()
            }
        except (TypeError, AttributeError) as exc:
            raise FormatError(f"malformed entry: {exc}") from None
        return cls(
            id=data["id"],
            title=data["title"],
            text=data["text"],
            source=source,
            actors=actors,
            quotes=quotes,
            events=events,
            annotations=annotations,
        )


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise FormatError(message)


def _only(cls: type, data: Any) -> dict[str, Any]:
    _require(isinstance(data, dict), f"{cls.__name__.lower()} must be an object")
    names = _field_names(cls)
    return {k: v for k, v in data.items() if k in names}


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _span(value: Any) -> Span | None:
    if value is None:
        return None
    _require(
        isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value),
        f"a span must be [start, end], not {value!r}",
    )
    return (value[0], value[1])


def _quantity(data: Any) -> Quantity:
    found = _only(Quantity, data)
    for key in ("value", "step"):
        number = found.get(key, 1)
        _require(isinstance(number, (int, float)) and not isinstance(number, bool) and math.isfinite(number),
                 f"a quantity's {key} must be a number")
    for key in ("text", "unit", "what"):
        _require(isinstance(found.get(key, ""), str), f"a quantity's {key} must be a string")
    return Quantity(**{**found, "span": _span(found.get("span"))})


def _plain(obj: Any) -> Any:
    """Dataclasses to JSON-ready dicts and lists (tuples become lists)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj
