"""Stage 4: temporal expressions, and their resolution against the publication date.

``find_times`` finds what is written ("April 9, 2025", "last month", "on
Tuesday", "two years ago", "recently"); ``resolve`` turns one expression into
a TIMEX3-style ``When`` given the publication date and the sentence around it
(the sentence's tense decides whether a bare "Wednesday" is past or coming).
Without a publication date, relative expressions stay unresolved and keep
their text; absolute ones still resolve.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from ..model import When

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}
_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
          r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_UNIT = r"(?:day|week|month|year|decade)s?"
_MOD = r"(?:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)"

# Order matters: longer, more specific forms first; the scanner keeps the leftmost-longest.
_PATTERNS = [
    ("date", rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("date", rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH}\s+{_YEAR}\b"),
    ("date", r"\b(?:1[89]\d\d|20\d\d)-(?:0[1-9]|1[0-2])-(?:[012]\d|3[01])\b"),
    ("numeric", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})\b"),
    ("monthday", rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?!\s*(?:%|,\d|\d))"),
    ("monthday", rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_FULL_MONTH}\b"),
    ("monthyear", rf"\b(?:{_MOD}[\s\-]+)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    ("quarter", rf"\b(?:the\s+)?(?:first|second|third|fourth|final)\s+quarter(?:\s+of\s+{_YEAR})?"),
    ("quarter", rf"\bQ[1-4]\s+{_YEAR}\b"),
    ("decade", r"\b(?:[Tt]he\s+)?(?:early\s+|mid-?\s*|late\s+)?(?:1[89]\d0|20\d0)s\b"),
    ("year", rf"\b(?:{_MOD}[\s\-]+)?{_YEAR}\b(?![\-–]\d\d\b(?!\d))"),
    ("month", rf"\b(?:(?:{_MOD}|early|late)[\s\-]+)?{_FULL_MONTH}\b"),
    ("weekday", rf"\b{_WEEKDAY}{_PART}\b"),
    ("deictic", r"(?i:\b(?:today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening))\b)"),
    ("relative", r"(?i:\b(?:(?:earlier|later)\s+)?(?:this|last|next|past|previous|coming)\s+"
                 r"(?:week(?:end)?|month|year|quarter|decade)\b)"),
    ("relative", r"(?i:\bthe\s+(?:last|previous|past|next|coming|same)\s+(?:week(?:end)?|month|year|quarter)\b)"),
    ("relative", r"(?i:\b(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+(?:the|this|last|next)\s+"
                 r"(?:week|month|year)\b)"),
    ("ago", rf"(?i:\b{_NUM}\s+{_UNIT}\s+ago\b)"),
    ("vague", r"(?i:\b(?:recently|soon|nowadays|"
              r"in\s+the\s+(?:near\s+future|coming\s+(?:days|weeks|months|years))|"
              r"in\s+recent\s+(?:days|weeks|months|years)|(?:days|weeks|months|years)\s+(?:earlier|later|ago)|"
              r"(?:shortly|soon)\s+(?:after|before)(?:wards)?)\b)"),
]
# The leading \b lets the scanner skip mid-word positions before trying any pattern;
# the lookahead skips words that cannot start an expression.
_SCAN = re.compile(r"\b(?=[\dabcdefijlmnopqrstwyABCDEFIJLMNOPQRSTWY])(?:"
                   + "|".join(f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)) + ")")
# An expression starts a word, and that word is a number or one of these (in some case).
# The scan is tried only at such words: most of an article is skipped without running
# its long alternation. A word not in ASCII is always tried (the (?i:) patterns fold
# Unicode case: "ſoon" is "soon").
_FIRST_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept sepember september "
    "oct october nov november dec december monday tuesday wednesday thursday friday saturday sunday "
    "q1 q2 q3 q4 the early mid late first second third fourth final today yesterday tomorrow tonight this "
    "earlier later last next past previous coming beginning start end middle a an one two three four five six "
    "seven eight nine ten eleven twelve recently soon nowadays in days weeks months years shortly".split())
_WORD = re.compile(r"\w+")
_MAY_AS_MONTH = re.compile(r"(?:in|since|until|by|from|of|last|next|this|early|late|mid|-)\s+$", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+(?:set|scheduled|due|expected|going|planned|slated|to)|are\s+(?:set|scheduled|due|"
    r"expected|going|planned|slated|to)|plans?\s+to|intends?\s+to|would\s+(?:begin|start|open|hold|take))\b|"
    r"\bnext\b|\bupcoming\b|\bcoming\b",
    re.IGNORECASE,
)
_UNITS_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|tons|tonnes|people|units|jobs|staff|employees|workers|"
    r"aircraft|planes|jets|km|kilometres|kilometers|miles|feet|metres|meters|cars|barrels)",
)
_RANGE_AFTER = re.compile(r"\s*(?:to|and|-)\b")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥]|US\$|USD|No\.|#|[Ff]light|[Mm]odel|\d,)\s*$")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    kind: str


def find_times(text: str) -> list[Found]:
    """Every temporal expression in ``text``, left to right."""
    return list(_times_in(text))


@lru_cache(maxsize=4)
def _times_in(text: str) -> tuple[Found, ...]:
    # Extraction scans each article twice (the size check, then the timeline): the second is free.
    out = []
    for m in _scan(text):
        kind = m.lastgroup.rstrip("0123456789")
        start, end, written = m.start(), m.end(), m.group()
        if kind == "year" and (_MONEY_BEFORE.search(text[max(0, start - 6):start])
                               or _UNITS_AFTER.match(text, end) and not _RANGE_AFTER.match(text[end:end + 5])
                               or text[end:end + 1] in (",", ".") and text[end + 1:end + 2].isdigit()):
            continue
        if kind == "month" and written == "May" and not _MAY_AS_MONTH.search(text[max(0, start - 8):start]):
            continue
        out.append(Found(start, end, written, kind))
    return tuple(out)


def _scan(text: str):
    """What ``_SCAN.finditer(text)`` finds, trying the scan only where an expression can start."""
    end = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < end:
            continue
        low = word.group().lower()
        if low in _FIRST_WORDS or low[0].isdigit() or low.startswith("mid") or not low.isascii():
            if m := _SCAN.match(text, start):
                end = m.end()
                yield m


def is_future(context: str) -> bool:
    return bool(_FUTURE.search(context))


def resolve(found_text: str, kind: str, published: date | None, context: str = "") -> When:
    """A When for one expression; ``context`` is its sentence (for tense)."""
    t = " ".join(found_text.split())
    low = t.lower()
    future = is_future(context)
    absolute = _absolute(t, kind, published, future)
    if absolute is not None:
        return absolute
    if kind == "vague":
        return _vague(t, published)
    if published is None:
        return When(t)
    p = published
    if kind == "deictic":
        offset = {"yesterday": -1, "tomorrow": 1}.get(low, 0)
        return _day(t, p + timedelta(days=offset))
    if kind == "weekday":
        target = _WEEKDAYS[low.split()[0]]
        delta = (target - p.weekday()) % 7
        if delta and not future:
            delta -= 7
        return _day(t, p + timedelta(days=delta))
    if kind == "ago":
        n_word, unit = low.split()[:2]
        n = _NUMBERS.get(n_word) or int(n_word)
        unit = unit.rstrip("s")
        if unit == "day":
            return _day(t, p - timedelta(days=n))
        if unit == "week":
            return _week(t, p - timedelta(weeks=n))
        if unit == "month":
            return _month(t, p - relativedelta(months=n))
        if unit == "decade":
            return _year(t, p.year - 10 * n)
        return _year(t, p.year - n)
    if kind == "relative":
        return _relative(t, low, p)
    return When(t)


def _relative(t: str, low: str, p: date) -> When:
    shift = -1 if re.search(r"\b(?:last|past|previous)\b", low) else 1 if re.search(r"\b(?:next|coming)\b", low) else 0
    unit = re.search(r"(weekend|week|month|year|quarter|decade)\b", low).group(1)
    if unit == "weekend":
        saturday = p + timedelta(days=(5 - p.weekday()) % 7 + 7 * shift)
        if shift < 0:
            saturday -= timedelta(days=7) if saturday >= p else timedelta(0)
        year, week, _ = saturday.isocalendar()
        return When(t, f"{year}-W{week:02d}-WE", saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "week")
    if unit == "week":
        return _week(t, p + timedelta(weeks=shift))
    if unit == "month":
        return _month(t, p + relativedelta(months=shift))
    if unit == "quarter":
        q = (p.month - 1) // 3 + shift
        year = p.year + (q // 4)
        return _quarter(t, year, q % 4 + 1)
    if unit == "decade":
        if shift:
            return When(t, "PAST_REF" if shift < 0 else "FUTURE_REF", None, None, "vague")
        return _decade(t, p.year // 10 * 10)
    year = p.year + shift
    if low.startswith("later this") and shift == 0:
        q = (p.month - 1) // 3 + 2  # the rest of the year: the next quarter on
        if p.month >= 9 or q > 4:
            return _quarter(t, year, 4)
        return When(t, f"{year}-H2", date(year, 7, 1).isoformat(), date(year, 12, 31).isoformat(), "quarter") \
            if p.month >= 4 else _year(t, year)
    return _year(t, year)


def _absolute(t: str, kind: str, p: date | None, future: bool) -> When | None:
    """Calendar expressions: they resolve alone, or with the publication year when it is missing."""
    if kind == "date":
        m = re.search(r"(\d{4})-(\d\d)-(\d\d)", t)
        if m:
            return _day(t, date(int(m[1]), int(m[2]), int(m[3])))
        month, day, year = _month_day(t), _day_number(t), int(re.search(_YEAR, t).group())
        return _safe_day(t, year, month, day)
    if kind == "numeric":
        mo, d, y = (int(x) for x in t.split("/"))
        y = y + 2000 if y < 50 else y + 1900 if y < 100 else y
        return _safe_day(t, y, mo, d)
    if kind == "monthyear":
        return _month(t, date(int(re.search(_YEAR, t).group()), _month_day(t), 1))
    if kind == "year":
        return _year(t, int(re.search(_YEAR, t).group()))
    if kind == "decade":
        return _decade(t, int(re.search(r"\d{4}", t).group()))
    if kind == "quarter":
        n = re.search(r"Q([1-4])", t)
        q = int(n.group(1)) if n else _ORDINAL_QUARTERS[re.search(r"(first|second|third|fourth|final)", t.lower()).group(1)]
        y = re.search(_YEAR, t)
        if y:
            return _quarter(t, int(y.group()), q)
        return _quarter(t, p.year, q) if p else When(t)
    if kind == "monthday":
        if p is None:
            return When(t)
        month, day = _month_day(t), _day_number(t)
        # The year that puts the date nearest the publication date.
        best = None
        for year in (p.year - 1, p.year, p.year + 1):
            try:
                d = date(year, month, day)
            except ValueError:
                continue
            if best is None or abs((d - p).days) < abs((best - p).days):
                best = d
        return _day(t, best) if best else When(t)
    if kind == "month":
        if p is None:
            return When(t)
        month = _month_day(t)
        year = p.year
        if future and month < p.month:
            year += 1
        elif not future and month > p.month:
            year -= 1
        return _month(t, date(year, month, 1))
    return None


def _vague(t: str, p: date | None) -> When:
    low = t.lower()
    if re.search(r"soon|future|coming|later|after", low):
        value = "FUTURE_REF"
    elif re.search(r"now|current|present", low):
        value = "PRESENT_REF"
    else:
        value = "PAST_REF"
    return When(t, value, None, None, "vague")


def _month_day(t: str) -> int:
    m = re.search(_MONTH, t)
    return _MONTHS[m.group().lower().rstrip(".")]


def _day_number(t: str) -> int:
    without_year = re.sub(_YEAR, "", t)
    return int(re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", without_year).group(1))


def _safe_day(t: str, year: int, month: int, day: int) -> When:
    try:
        return _day(t, date(year, month, day))
    except ValueError:
        return When(t)


def _day(t: str, d: date) -> When:
    return When(t, d.isoformat(), d.isoformat(), d.isoformat(), "day")


def _week(t: str, d: date) -> When:
    year, week, weekday = d.isocalendar()
    monday = d - timedelta(days=weekday - 1)
    return When(t, f"{year}-W{week:02d}", monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week")


def _month(t: str, d: date) -> When:
    last = calendar.monthrange(d.year, d.month)[1]
    return When(t, f"{d.year}-{d.month:02d}", date(d.year, d.month, 1).isoformat(),
                date(d.year, d.month, last).isoformat(), "month")


def _quarter(t: str, year: int, q: int) -> When:
    first = date(year, 3 * q - 2, 1)
    last = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
    return When(t, f"{year}-Q{q}", first.isoformat(), last.isoformat(), "quarter")


def _year(t: str, year: int) -> When:
    return When(t, str(year), date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat(), "year")


def _decade(t: str, start_year: int) -> When:
    return When(t, str(start_year)[:3], date(start_year, 1, 1).isoformat(),
                date(start_year + 9, 12, 31).isoformat(), "decade")
