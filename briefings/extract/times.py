"""Stage 4: temporal expressions, and their resolution against the publication date.

``find_times`` finds what is written ("April 9, 2025", "last month", "on
Tuesday", "third-quarter", "last summer", "two years ago", "later that day",
"recently"). ``Discourse`` resolves a text's expressions in reading order into
TIMEX3-style ``When`` values: relative ones against the publication date, with
the verbs nearest each expression deciding whether a bare "Wednesday" is past
or coming (``tense``), and anaphoric ones ("the same day", "the quarter", "a
year earlier", "the following year") against the time the text last spoke of
(its focus). ``resolve`` resolves one expression alone.

Without a publication date, relative expressions stay unresolved and keep
their text; absolute ones still resolve. A date the calendar cannot hold (a
publication date of 9999-12-31 and "next year") leaves its expression
unresolved: resolution never raises.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from ..model import When

# ---------------------------------------------------------------------------------------------
# Words

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_CARDINALS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())} | {"a": 1, "an": 1, "oh": 0}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINALS |= {f"twenty-{w}": 20 + n for w, n in list(_ORDINALS.items())[:9]}
_ORDINALS |= {"thirtieth": 30, "thirty-first": 31}
_DAYS_IN = {"day": 1, "week": 7, "fortnight": 14}  # units counted as days: "a fortnight ago" is a day
_QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}
# A season's value suffix and its first month; winter starts in December and keeps that year.
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


# Holidays by their usual English names, as the day they fall on in a given year.
_HOLIDAYS = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": easter,
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: date(y, 10, 31),
    "black friday": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=1),
    "boxing day": lambda y: date(y, 12, 26),
    "valentine's day": lambda y: date(y, 2, 14),
}

# Days known by their date alone, whatever the article's year.
_NAMED_DAYS = {"9/11": date(2001, 9, 11), "september 11": date(2001, 9, 11), "sept. 11": date(2001, 9, 11)}

# Names that a four-digit number after them belongs to ("Russell 2000" is an index, not a year).
_NOT_YEAR_AFTER = frozenset("russell windows nasdaq ftse nikkei topix stoxx dax route highway interstate "
                            "page room suite".split())

# ---------------------------------------------------------------------------------------------
# Patterns

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
          r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORD_DAY = (r"(?:(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth"
            r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
            r"|thirty-first)")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_YEAR = (rf"(?i:(?:nineteen|eighteen)[\s-]+(?:{_TENS_W}(?:[\s-]+{_UNITS_W})?|{_TEENS_W}"
                 rf"|oh[\s-]+{_UNITS_W})\b)")
_ANY_YEAR = rf"(?:{_YEAR}|{_SPELLED_YEAR})"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_UNIT = r"(?:day|week|fortnight|month|year|decade)s?"
_MOD = r"(?:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)"
_QORD = r"(?:first|second|third|fourth|final)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_REL_YEAR = r"(?:(?:this|last|next)\s+year|the\s+(?:current|previous|following|same|prior)\s+year)"
_HOLIDAY = (r"(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Election\s+Day"
            r"|Easter(?:\s+(?:Sunday|Monday|week|weekend))?|Good\s+Friday|Memorial\s+Day|Labor\s+Day|Halloween"
            r"|Valentine['’]s\s+Day|Black\s+Friday|Boxing\s+Day)")
_PERIOD = r"(?:quarter|period|month|week|day|year|time)"

# Order matters: at one place the first pattern that matches wins, so longer forms come first.
_PATTERNS = [
    ("date", rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("date", rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("date", r"\b(?:1[89]\d\d|20\d\d)-(?:0[1-9]|1[0-2])-(?:[012]\d|3[01])\b"),
    ("numeric", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})\b"),
    ("named", r"\b9/11\b(?!/)|\bSept(?:ember|\.)?\s+11(?:th)?\b(?=\s+(?:attacks?|terror|hijack|commission))"),
    ("monthday", rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?!\s*(?:%|,\d|\d))"),
    ("monthday", rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_FULL_MONTH}\b"),
    ("monthday", rf"\b(?:{_WEEKDAY},?\s+)?{_FULL_MONTH}\s+(?:the\s+)?{_ORD_DAY}\b(?!-)"),
    ("monthday", rf"\b(?:{_WEEKDAY},?\s+)?(?i:the\s+){_ORD_DAY}\s+of\s+{_FULL_MONTH}\b"),
    ("monthyear", rf"\b(?:(?i:{_MOD})[\s\-]+)?{_MONTH}\s+(?:of\s+)?{_ANY_YEAR}"),
    ("monthrel", rf"\b(?:(?i:{_MOD})[\s\-]+)?{_MONTH}(?:\s+of)?\s+(?i:{_REL_YEAR}|that\s+year)\b"),
    ("weekof", rf"(?i:\bthe\s+(?:(?:first|second|third|fourth|final|last)\s+)?week\s+of\s+)"
               rf"(?:{_MONTH}\s+{_DAY}\b|{_FULL_MONTH}(?:\s+{_YEAR})?\b)"),
    ("quarter", rf"(?i:\b(?:the\s+)?(?:(?:{_YEAR}|(?:this|last|next)\s+year['’]s|year-(?:ago|earlier))\s+)?"
                rf"(?:fiscal[\s-]+)?{_QORD}[\s-]+(?:fiscal\s+)?quarter"
                rf"(?:\s+of\s+(?:fiscal\s+)?(?:{_YEAR}|{_REL_YEAR}))?\b)"),
    ("quarter", rf"\bQ[1-4](?:(?:\s+|\s+of\s+){_YEAR}\b|\b(?!-))"),
    ("half", rf"\bH[12](?:\s+{_YEAR}\b|\b(?!-))"),
    ("half", rf"(?i:\b(?:the\s+)?(?:(?:first|second|last|latter|final)\s+half|first\s+two\s+quarters)\s+of\s+"
             rf"(?:{_YEAR}|{_REL_YEAR}|the\s+year)\b|\b(?:first|second)-half\b)"),
    ("comparative", rf"(?i:\bthe\s+(?:same|corresponding|comparable)\s+{_PERIOD}(?:\s+(?:of|in))?\s+"
                    rf"(?:a\s+year\s+(?:earlier|ago|before)|last\s+year|the\s+(?:previous|prior|preceding)\s+year)\b"
                    rf"|\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year[\s-](?:ago|earlier)"
                    rf"(?:\s+{_PERIOD})?\b"
                    rf"|\b(?:a|one)\s+year\s+(?:earlier|ago)\b"
                    rf"|\blast\s+year['’]s\s+(?:quarter|period)\b"
                    rf"|\bthe\s+(?:quarter|period|month)\s+a\s+year\s+(?:earlier|ago|before)\b)"),
    ("aquarter", rf"(?i:\b(?:the|that|this)\s+(?:(?:latest|current|same|most\s+recent|recent|fiscal|{_YEAR})\s+)?"
                 rf"quarter\b(?![\s-]+(?:century|mile|point|hour|inch)|-)"
                 rf"|\bthe\s+(?:latest|most\s+recent|current|{_YEAR})\s+period\b)"),
    ("season", rf"(?i:\b(?:(?:this\s+past|this\s+coming|last|this|next|early|late|mid)[\s-]+|the\s+"
               rf"(?:(?:early|late)\s+)?|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+(?:the\s+)?)?"
               rf"{_SEASON}(?:\s+of)?\s+{_ANY_YEAR}"
               rf"|\b(?:this\s+past|this\s+coming|last|this|next)\s+{_SEASON}\b"
               rf"|\bthe\s+(?:(?:early|late)\s+)?{_SEASON}\b(?!\s+(?:of|in|to|from|by|and|'s)\b|['’-]))"),
    ("season", r"\b(?:spring|summer|winter|autumn)\b(?!['’-])"),
    ("holiday", rf"\b(?:(?i:last|this|next|this\s+past|this\s+coming)\s+)?{_HOLIDAY}\b"),
    ("year", rf"(?i:\bthe\s+year\s+two\s+thousand(?:\s+and)?(?:\s+(?:{_TEENS_W}|{_UNITS_W}))?\b)"),
    ("year", rf"\b(?:the\s+year\s+)?{_SPELLED_YEAR}"),
    ("ayear", r"(?i:\b(?:later|earlier)\s+(?:that|in\s+the)\s+year\b|\b(?:that|the\s+same|that\s+same)\s+year\b"
              r"|\bthe\s+(?:following|previous|prior|preceding)\s+year\b|\ba\s+year\s+later\b"
              r"|\b(?:the|this|last|next|its|their)\s+(?:(?:latest|current|previous|last|next)\s+)?"
              r"(?:fiscal|financial)\s+year\b"
              r"|\bthe\s+(?:full|current)\s+year\b|\bthe\s+year\b)"),
    ("amonth", r"(?i:\b(?:later|earlier)\s+that\s+month\b|\b(?:that|the\s+same|that\s+same)\s+month\b"
               r"|\bthe\s+(?:following|previous|prior|preceding)\s+month\b|\ba\s+month\s+later\b)"),
    ("aweek", r"(?i:\b(?:later|earlier)\s+that\s+week\b|\b(?:that|the\s+same|that\s+same)\s+week\b"
              r"|\bthe\s+(?:following|previous|prior|preceding)\s+week\b|\ba\s+week\s+later\b)"),
    ("aday", rf"(?i:\b(?:later|earlier|late|early)\s+(?:that|in\s+the)\s+day\b"
             rf"|\b(?:that|the\s+same|that\s+same)\s+(?:day|morning|afternoon|evening|night)\b"
             rf"|\bthe\s+(?:following|next|previous|prior|preceding)\s+(?:day|morning|afternoon|evening|night)\b"
             rf"|\ba\s+day\s+(?:later|earlier)\b"
             rf"|\b(?:a|the)\s+(?:{_ORD_DAY}|\d{{1,2}}(?:st|nd|rd|th))\s+"
             rf"(?:(?:consecutive|straight|successive)\s+)?day\b"
             rf"|\bthe\s+day\b)"),
    ("yearend", r"(?i:\b(?:year[\s-]end|year['’]s\s+end)\b)"),
    ("thattime", r"(?i:\bthat\s+time\b)"),
    ("decade", r"\b(?:[Tt]he\s+)?(?:early\s+|mid-?\s*|late\s+)?(?:1[89]\d0|20\d0)s\b"),
    ("yearrange", rf"\b(?:fiscal\s+)?{_YEAR}\s*[-–/]\s*(?:{_YEAR}|\d\d)\b(?![-–/]?\d)"),
    ("year", rf"\bFY\s?(?:{_YEAR}|\d\d)\b"),
    ("year", rf"\b(?:(?i:{_MOD}|pre|post|mid)[\s\-]+|(?i:end|start)-)?(?:fiscal\s+)?{_YEAR}\b(?![\-–]\d\d\b(?!\d))"),
    ("month", rf"\b(?:(?i:{_MOD}|early|late|last|this|next|this\s+past|this\s+coming)[\s\-]+)?{_FULL_MONTH}\b"),
    ("weekday", rf"\b(?:(?i:(?:the\s+)?(?:following|previous|preceding|prior)|last|next|this\s+coming|this\s+past"
                rf"|this|coming|upcoming)\s+)?{_WEEKDAY}{_PART}\b"),
    ("deictic", r"(?i:\b(?:(?:earlier|later)\s+today|today|yesterday(?:\s+(?:morning|afternoon|evening))?"
                r"|tomorrow(?:\s+(?:morning|afternoon|evening|night))?|tonight|last\s+night"
                r"|this\s+(?:morning|afternoon|evening))\b)"),
    ("relative", r"(?i:\b(?:(?:earlier|later)\s+)?(?:this\s+past|this|last|next|past|previous|coming)\s+"
                 r"(?:fiscal\s+)?(?:week(?:end)?|month|year|quarter|decade)\b)"),
    ("relative", r"(?i:\bthe\s+(?:last|past|next|coming)\s+(?:week(?:end)?|month|year|quarter)\b)"),
    ("relative", r"(?i:\b(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+(?:the|this|last|next)\s+"
                 r"(?:week|month|year)\b)"),
    ("relative", r"(?i:\b(?:over\s+)?the\s+weekend\b)"),
    ("ago", rf"(?i:\b{_NUM}\s+{_UNIT}(?:\s+or\s+so)?\s+ago\b)"),
    ("counted", rf"(?i:\b{_NUM}\s+{_UNIT}\s+(?:later|earlier)\b)"),
    ("hence", rf"(?i:\b(?:in\s+)?{_NUM}\s+{_UNIT}(?:['’]s?\s+time\b|\s+from\s+now\b))"),
    ("vague", r"(?i:\b(?:recently|soon|nowadays|"
              r"in\s+the\s+(?:near\s+future|coming\s+(?:days|weeks|months|years))|"
              r"in\s+recent\s+(?:days|weeks|months|years)|(?:days|weeks|months|years)\s+(?:earlier|later|ago)|"
              r"shortly\s+(?:afterwards?|thereafter))\b)"),
]
# The leading \b lets the scanner skip mid-word positions before trying any pattern;
# the lookahead skips words that cannot start an expression.
_SCAN = re.compile(r"\b(?=[\dabcdefghijlmnopqrstuvwyABCDEFGHIJLMNOPQRSTUVWY])(?:"
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
    "seven eight nine ten eleven twelve recently soon nowadays in days weeks months years shortly "
    "that following preceding prior upcoming year fiscal comparable corresponding same over "
    "nineteen eighteen spring summer fall autumn winter thanksgiving christmas new election easter good "
    "memorial labor halloween valentine black boxing pre post fy h1 h2".split())
# Common words that start an expression only before certain words: "the" is tried before
# "third", "year" or "weekend", not before "company"; "a" before "year ago", not before "year".
# Each entry (a pattern of what follows the word) allows every continuation that some
# pattern of _PATTERNS allows after that first word.


def _any_word(words: str) -> str:
    return r"(?:" + "|".join(words.split()) + r")\b"


_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty thirtieth "
                  "thirty final last")
# "two years ago", "a day later", "a week or so ago", "three years' time", "two weeks from now"
_COUNTED = rf"{_UNIT}(?:\s+(?:ago|earlier|later|or\s+so|from\s+now)\b|['’]s?\s+time\b)"
_AFTER_FIRST_WORD = {
    "the": _any_word(_ORDINAL_WORDS + " week year this next fiscal financial same corresponding comparable quarter period "
                                      "month latest current most recent early late mid beginning start end middle "
                                      "spring summer fall autumn winter following previous prior preceding full day "
                                      "past coming weekend latter") + r"|\d",
    "a": rf"{_COUNTED}|{_UNIT}\s+from\s+now\b|" + _any_word(_ORDINAL_WORDS),
    "an": r"(?!)",
    "in": rf"recent\b|the\s+(?:near|coming)\b|{_NUM}\s+{_UNIT}['’]s?\s+time\b",
    "that": _any_word("year month week day morning afternoon evening night same quarter time"),
    "this": _any_word("morning afternoon evening week weekend month year quarter decade past coming fiscal financial "
                      "spring "
                      "summer fall autumn winter january february march april may june july august september "
                      "october november december monday tuesday wednesday thursday friday saturday sunday "
                      "thanksgiving christmas easter"),
    "over": r"the\s+weekend\b",
    "new": r"year",
    "good": r"friday\b",
    "black": r"friday\b",
    "boxing": r"day\b",
    "year": r"(?:end|ago|earlier)\b",
    "same": r"year\b",
    "comparable": _any_word("year quarter period"),
    "corresponding": _any_word("year quarter period"),
    "first": _any_word("quarter half two fiscal"),
    "second": _any_word("quarter half fiscal"),
    "third": _any_word("quarter fiscal"),
    "fourth": _any_word("quarter fiscal"),
    "final": _any_word("quarter half fiscal"),
} | {unit: _any_word("earlier later ago") for unit in "days weeks months years".split()} \
  | {edge: r"of\b" for edge in "middle beginning".split()} \
  | {edge: r"of\b|(?:1[89]|20)\d\d\b" for edge in "end start".split()} \
  | {number: _COUNTED for number in "one two three four five six seven eight nine ten eleven twelve".split()}
_AFTER_FIRST_WORD = {word: re.compile(r"[\s\-]+(?:" + after + ")", re.IGNORECASE)
                     for word, after in _AFTER_FIRST_WORD.items()}
_AFTER_FIRST_WORD["year"] = re.compile(r"[\s\-]+(?:end|ago|earlier)\b|['’]s\s+end\b", re.IGNORECASE)
# A number starts an expression only as a year-like number, as a day before a month or a slash,
# or as a count of days, weeks... ("12 days ago").
_DIGITS_FIRST = re.compile(rf"(?:1[89]|20)\d\d|\d\d?(?:st|nd|rd|th)?(?:/|\s+(?:of\s+)?{_MONTH})"
                           rf"|\d{{1,3}}\s+(?i:{_COUNTED})")
_WORD = re.compile(r"\w+")
_MAY_AS_MONTH = re.compile(r"(?:in|since|until|by|from|of|last|next|this|early|late|mid|-)\s+$", re.IGNORECASE)
# A day's name that begins a name: "The Sunday Times", "the Good Friday Agreement", "the Mail on Sunday".
_NAME_AFTER_DAY = re.compile(r"\s+(?:Times|Telegraph|Herald|Express|Mirror|Post|Star|Sport|Agreement|Accords?|"
                             r"Group|Club|Night\s+Live)\b")
_NAME_BEFORE_DAY = re.compile(r"\b(?:Mail|Independent|Observer)\s+on\s+$")
_MARCH_AS_WALK = re.compile(r"\s+(?:for|on|against|through|to|of)\s+(?:the\s+)?[A-Z]")
_UNITS_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|tons|tonnes|people|units|jobs|staff|employees|workers|"
    r"aircraft|planes|jets|km|kilometres|kilometers|miles|feet|metres|meters|cars|barrels|"
    r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|hours|hrs|local\s+time)\b)",  # "at 2000 GMT" is a clock time
)
_RANGE_AFTER = re.compile(r"\s*(?:to|and|-)\b")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥]|US\$|USD|No\.|#|[Ff]light|[Mm]odel|\d,)\s*$")
_WORD_BEFORE = re.compile(r"([\w&'’]+)\W*$")
# "today's" before these speaks of the present age, not of the day.
_GENERIC_TODAY = re.compile(r"['’]s\s+(?:\w+\s+)?(?:world|society|youth|young|generations?|children|kids|teenagers|"
                            r"students|consumers|economy|standards|technology|culture|computers|families|parents|"
                            r"women|men|workers|voters|people)\b", re.IGNORECASE)
# "the day" is a time only where it stands for a day already named: "closed the day at 212p".
_DAY_AS_TIME_BEFORE = re.compile(r"\b(?:closed|closing|ended|ending|finished|opened|opening|started|began|for|on|"
                                 r"during|throughout)\s+$", re.IGNORECASE)
# "the year" likewise: "a high for the year", not "the year before the war".
_YEAR_AS_TIME_BEFORE = re.compile(r"\b(?:for|during|over|through|throughout|in|of)\s+$", re.IGNORECASE)
_YEAR_AS_TIME_AFTER = re.compile(r"\s*(?:\d|-)|\s+(?:before|after|ago|earlier|later|when|that|in\s+which|of|"
                                 r"he|she|they|it|we|I)\b|['’]s\b")
_DAY_AS_TIME_AFTER = re.compile(rf"\s+(?:before|after|of|when|that|on\s+which|in\s+which|it|he|she|they|we|I"
                                rf"|{_WEEKDAY}|{_MONTH})\b|['’]s\b")
_THAN = re.compile(r"\s+than\b")
_SOON_BEFORE = re.compile(r"\b(?:as|how)\s+$", re.IGNORECASE)
_SOON_AFTER = re.compile(r"-|\s+(?:as|after|before)\b", re.IGNORECASE)
# "that time" stands for a time named before only after these: "at that time", not "during that time".
_THAT_TIME_BEFORE = re.compile(r"\b(?:at|by|since|until|till|from|before|after)\s+$", re.IGNORECASE)
# "the season" as a time of year, not "the fall of Saigon": only after words that put a time.
_SEASON_AS_TIME_BEFORE = re.compile(r"\b(?:in|during|over|since|until|till|by|through|throughout|before|after|"
                                    r"this|last|next|early|late|of|into)\s+$", re.IGNORECASE)
# What may stand between a sentence end and the word opening the next sentence.
_OPENING = " \t\"'“‘`([\u00a0"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    kind: str


def find_times(text: str, *, headline: bool = False) -> list[Found]:
    """Every temporal expression in ``text``, left to right.

    A headline is written in title case: there "Next Week" is a time, not the
    name of a programme as it would be mid-sentence in the body.
    """
    return list(_times_in(text, headline))


@lru_cache(maxsize=4)
def _times_in(text: str, headline: bool = False) -> tuple[Found, ...]:
    # Extraction scans each article twice (the size check, then the timeline): the second is free.
    out = []
    for m in _scan(text):
        kind = m.lastgroup.rstrip("0123456789")
        found = Found(m.start(), m.end(), m.group(), kind)
        if _is_time(text, found, headline):
            out.append(found)
    return tuple(out)


def _scan(text: str):
    """What ``_SCAN.finditer(text)`` finds, trying the scan only where an expression can start."""
    end = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < end:
            continue
        low = word.group().lower()
        if low[0].isdigit():
            if not _DIGITS_FIRST.match(text, start):
                continue
        elif low in _FIRST_WORDS:
            after = _AFTER_FIRST_WORD.get(low)
            if after is not None and not after.match(text, word.end()):
                continue
        elif not low.startswith(("mid", "fy")) and low.isascii():
            continue
        if m := _SCAN.match(text, start):
            end = m.end()
            yield m


def _is_time(text: str, found: Found, headline: bool) -> bool:
    """Whether what a pattern matched is a time here, judged by the words around it."""
    start, end, written, kind = found.start, found.end, found.text, found.kind
    before = text[max(0, start - 40):start]
    low = written.lower()
    if kind == "year":
        word = _WORD_BEFORE.search(before)
        if (_MONEY_BEFORE.search(text[max(0, start - 6):start])
                or _UNITS_AFTER.match(text, end) and not _RANGE_AFTER.match(text[end:end + 5])
                or text[end:end + 1] in (",", ".") and text[end + 1:end + 2].isdigit()
                or word and word.group(1).lower() in _NOT_YEAR_AFTER):
            return False
    if kind == "yearrange":
        first, second = re.findall(r"\d+", written)[-2:]
        if int(second[-2:]) <= int(first[-2:]) and len(second) == 2 or len(second) == 4 and second <= first:
            return False
    if kind == "month" and written in ("May", "March"):
        if written == "May" and not _MAY_AS_MONTH.search(text[max(0, start - 8):start]):
            return False
        if written == "March" and _MARCH_AS_WALK.match(text, end):
            return False
    if kind in ("weekday", "holiday") and (_NAME_AFTER_DAY.match(text, end) or _NAME_BEFORE_DAY.search(before)):
        return False
    if kind == "ayear" and low == "the year":
        return written.endswith("year") and bool(_YEAR_AS_TIME_BEFORE.search(before)) \
            and not _YEAR_AS_TIME_AFTER.match(text, end)
    if kind == "thattime":
        return bool(_THAT_TIME_BEFORE.search(before))
    if kind == "aday" and low == "the day":
        return bool(_DAY_AS_TIME_BEFORE.search(before)) and not _DAY_AS_TIME_AFTER.match(text, end)
    if kind == "season" and (" " not in low or low.startswith("the ") and " of " not in low):
        return bool(_SEASON_AS_TIME_BEFORE.search(before))
    if kind == "vague" and low == "soon":  # not "as soon as", "soon after X", "soon-to-open"
        return not _SOON_BEFORE.search(before) and not _SOON_AFTER.match(text, end)
    if kind == "deictic" and low.startswith("tomorrow") and re.search(r"\bof\s+$", before):
        return False  # "the world of tomorrow"
    if kind == "deictic" and low == "today" and _GENERIC_TODAY.match(text, end):
        return False  # "in today's world", "many of today's personal computers": these days, no day
    if not headline and kind in ("deictic", "relative", "vague", "ayear", "amonth", "aweek", "aday", "thattime") \
            and written[:1].isupper() and all(w[:1].isupper() for w in written.split()) \
            and not _starts_sentence(text, start):
        return False  # a name mid-sentence: ABC's "This Week", "VOA Today"
    return True


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only opening quotes and space stand between ``start`` and a sentence end (or the text start)."""
    i = start
    while i > 0 and text[i - 1] in _OPENING:
        i -= 1
    return i == 0 or text[i - 1] in ".!?:;\n"


# ---------------------------------------------------------------------------------------------
# Tense: does the clause speak of what has been or of what is to come?

_FUTURE_WORDS = frozenset(
    "will shall would won't wouldn't upcoming coming slated poised tentatively scheduled planned planning intend "
    "intends intended intending expect expects expected expecting aimed hoped promised pledged vowed prepared ready "
    "likely unlikely supposed postponed delayed adjourned deferred anticipate anticipates anticipated".split())
# Modals speak of what may come, but less surely than "will": they count as weak cues.
_MODALS = frozenset("may might should must".split())
_PAST_WORDS = frozenset(
    "said told was were had did been since ago began came went took made won lost rose fell left met held gave got "
    "saw found sent spent struck stood fought thought brought bought caught led ran sold paid shot knew wrote "
    "spoke broke chose drove flew grew threw wore became felt kept meant built dealt heard laid rode rang sank "
    "shook stole swore tore woke withdrew forgot fled hung dug stuck sought taught lay slid quit"
    .split())
# Words ending in -ed that are not verbs in the past.
_NOT_PAST = frozenset("need needed indeed speed seed feed proceed exceed succeed bleed breed greed creed weed deed "
                      "heed bed red shed hundred kindred embed naked wicked sacred rugged".split())
# After these an -ed word is an adjective ("the proposed merger", "a still unspecified date").
_DETERMINERS = frozenset("a an the this that these those its his her their our my your whose still newly "
                         "previously recently already long".split())
_PRESENT_BE = frozenset("is are am".split())
_REPORTED_FUTURE = frozenset("would wouldn't".split())
# Words that date a saying in the past: "last month the company said", "in March officials said".
_PAST_TIME_WORDS = frozenset("last ago yesterday earlier previously january february march april june july august "
                             "september october november december".split())
_YEAR_WORD = re.compile(r"(?:1[89]|20)\d\d")
# Before these the verbs of the clause do not say when: "remain in Miami until March 6".
_UNTIL = frozenset("until till through by".split())
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_AWAITED = re.compile(r"\b(?:ahead\s+of|awaiting|awaits?|upcoming|coming|next)\s+(?:the\s+)?$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:that|which|who|because|after|before|when|while|but|and)\b")
_AFTER_PENALTY = 2  # a cue after the expression counts as this many words further
_WEAK_PENALTY = 3   # and a guessed one (an -ed word, a modal) as this many more


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` holding sentence[start:end]: between its commas or semicolons, and before
    any subordinate clause after it ("announced Friday that it will give" is past). A clause too short to
    carry a verb ("on Tuesday,") is the whole sentence."""
    left = max(sentence.rfind(",", 0, start), sentence.rfind(";", 0, start)) + 1
    right = min((i for i in (sentence.find(",", end), sentence.find(";", end)) if i != -1), default=len(sentence))
    sub = _SUBORDINATE.search(sentence, end, right)
    if sub:
        right = sub.start()
    if len(_TOKEN.findall(sentence, left, right)) < 4:
        return 0, len(sentence)
    return left, right


def tense(sentence: str, start: int | None = None, end: int | None = None) -> int:
    """+1 when the verb nearest the expression at sentence[start:end] speaks of what is to come,
    -1 of what has been, 0 when no verb says.

    "Saddam said he will begin on Friday": "will" is nearer Friday than "said", so Friday is coming.
    The verb is looked for in the expression's clause, then in the whole sentence. The verb
    usually comes first ("made its maiden flight on 11 December, behind schedule"): a cue after
    the expression counts as further than it is, and guessed cues (-ed words, modals) further still.
    """
    if start is None or start < 0:
        start = end = len(sentence)
    lo, hi = clause_bounds(sentence, start, end)
    found = _nearest_cue(sentence, lo, hi, start, end, None)
    if found == 0 and (lo, hi) != (0, len(sentence)):
        found = _nearest_cue(sentence, 0, len(sentence), start, end, 2 * _WINDOW_BEFORE)
    return found


_WINDOW_BEFORE, _WINDOW_AFTER = 15, 10  # words looked at on each side of the expression


def _nearest_cue(sentence: str, lo: int, hi: int, start: int, end: int, window: int | None) -> int:
    before = _TOKEN.findall(sentence, lo, start)[-(window or _WINDOW_BEFORE):]
    after = _TOKEN.findall(sentence, end, hi)[:_WINDOW_AFTER]
    if before and before[-1].lower() in _UNTIL:
        return max(0, _best(before, after))  # "until March 6": only a future verb says
    return _best(before, after)


def _best(before: list[str], after: list[str]) -> int:
    """The tense of the cheapest cue: its distance in words, more after the expression and for a guess.

    "Would" after a verb in the past is the future of that past: "the union said members would vote
    in April" is to come, but "last month the company said the mine would reopen on Tuesday" may be
    over by now, as the saying itself is dated in the past: there the verbs do not say."""
    best_cost, best, best_i = None, 0, -1
    words = before + after
    lows = [w.lower() for w in words]
    n = len(before)
    for distance, i in [(d, n - 1 - d) for d in range(n)] + [(d + _AFTER_PENALTY, n + d) for d in range(len(after))]:
        if best_cost is not None and distance >= best_cost:
            continue
        cue, weak = _cue(lows, i, words[i])
        cost = distance + (_WEAK_PENALTY if weak else 0)
        if cue and (best_cost is None or cost < best_cost):
            best_cost, best, best_i = cost, cue, i
    if best_i >= 0 and lows[best_i] in _REPORTED_FUTURE:
        said = [j for j in range(min(best_i, n)) if _cue(lows, j, words[j]) == (-1, False)]
        if said and any(w in _PAST_TIME_WORDS or _YEAR_WORD.fullmatch(w) for w in lows[:said[-1]]):
            return 0
    return best


def _cue(lows: list[str], i: int, written: str) -> tuple[int, bool]:
    """The tense word i speaks of (+1, -1 or 0) and whether that is a guess."""
    w = lows[i]
    prev = lows[i - 1] if i else ""
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if w in ("early", "soon") and prev == "as" and nxt == "as" or w == "later" and prev == "no" and nxt == "than":
        return 1, False  # "as early as Tuesday", "no later than June"
    if w in ("plan", "plans", "hope", "hopes", "aim", "aims") or w == "to" and prev in ("is", "are", "was", "were"):
        if prev in _DETERMINERS or prev.endswith("ed"):
            return 0, False  # "announced plans to buy": a noun
        return (1, False) if nxt == "to" or w == "to" else (0, False)
    if w == "set":
        return (1, False) if nxt in ("to", "for") else (-1, True)
    if w == "due":
        return (1, False) if prev in ("is", "are", "was", "were", "be", "been") else (0, False)
    if w == "going":
        return (1, False) if nxt == "to" else (0, False)
    if w.endswith(("'ll", "’ll")) or w in _FUTURE_WORDS:
        return 1, False
    if w in _MODALS and written != "May":
        return 1, True
    guessed = w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST and not written[0].isupper()
    if w in _PAST_WORDS or guessed:
        if prev == "be":
            return 1, False  # "to be held on Friday"
        if prev in _PRESENT_BE or guessed and prev in _DETERMINERS:
            return 0, False  # "when the case is heard in May", "the proposed merger"
        return -1, guessed
    return 0, False


# ---------------------------------------------------------------------------------------------
# Resolution


@dataclass
class Focus:
    """The times a text last spoke of: what "that day", "the quarter" and "a year earlier" refer back to."""

    day: date | None = None        # the last day named
    period: When | None = None     # the last week, month, quarter, half, season or year named
    last: When | None = None       # the last of either
    day_in_sentence: bool = False  # whether that day was named in the sentence being read


class Discourse:
    """Resolves a text's expressions in reading order, keeping the time in focus."""

    def __init__(self, published: date | None):
        self.published = published
        self.focus = Focus()
        self._sentence = ""

    def resolve(self, found_text: str, kind: str, context: str = "", at: tuple[int, int] | None = None) -> When:
        clause = _Clause(context, at, found_text)
        if context != self._sentence:
            self._sentence, self.focus.day_in_sentence = context, False
        when = _resolve_safely(found_text, kind, self.published, clause, self.focus)
        if kind not in ("comparative", "vague", "decade") and when.start and when.precision:
            if when.precision == "day":
                self.focus.day = date.fromisoformat(when.start)
                self.focus.day_in_sentence = True
            elif clause.tense <= 0 or not self.published or when.start <= self.published.isoformat():
                # results compared "a year earlier" are past: a quarter spoken of as to come is not them
                self.focus.period = when
            self.focus.last = when
        return when


def resolve(found_text: str, kind: str, published: date | None, context: str = "", *,
            at: tuple[int, int] | None = None, focus: Focus | None = None) -> When:
    """A When for one expression; ``context`` is its sentence (for tense), ``at`` where the expression
    is in it, ``focus`` what the text spoke of before. Never raises on a date out of the calendar."""
    return _resolve_safely(found_text, kind, published, _Clause(context, at, found_text), focus or Focus())


def _resolve_safely(found_text: str, kind: str, published: date | None, clause: _Clause, focus: Focus) -> When:
    t = " ".join(found_text.split())
    try:
        return _resolve(t, kind, published, clause, focus)
    except (ValueError, OverflowError):  # a date beyond the calendar: year 0 or 10000
        return When(t)


CERTAIN_PAST = -2  # a tense no distance overrides (see ``_choose``)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


class _Clause:
    """The sentence around an expression; its tense is worked out once, when first asked."""

    def __init__(self, context: str, at: tuple[int, int] | None, written: str = ""):
        if at is None and written:
            i = context.find(written)
            at = (i, i + len(written)) if i >= 0 else None
        self.context, self.at = context, at
        self._tense: int | None = None

    @property
    def tense(self) -> int:
        if self._tense is None:
            start, end = self.at if self.at else (None, None)
            if start is not None and _SINCE.search(self.context, 0, start):
                self._tense = CERTAIN_PAST  # "closed since January 27": that day has been, however long ago
            elif end is not None and self.context[end:end + 2] in ("'s", "’s"):
                # "fight Tuesday's ruling": the verb does not say when the ruling was; it is past
                # unless awaited ("ahead of Sunday's vote").
                self._tense = 1 if _AWAITED.search(self.context, 0, start) else -1
            else:
                self._tense = tense(self.context, start, end)
        return self._tense


def _resolve(t: str, kind: str, p: date | None, clause: _Clause, focus: Focus) -> When:
    low = t.lower()
    absolute = _absolute(t, low, kind)
    if absolute is not None:
        return absolute
    if kind == "vague":
        return _vague(t)
    if p is None:
        return When(t)
    return _RELATIVE[kind](t, low, p, clause, focus)


def _absolute(t: str, low: str, kind: str) -> When | None:
    """Calendar expressions that resolve without the publication date."""
    if kind == "date":
        m = re.search(r"(\d{4})-(\d\d)-(\d\d)", t)
        if m:
            return _day(t, date(int(m[1]), int(m[2]), int(m[3])))
        return _safe_day(t, int(re.search(_YEAR, t).group()), _month_of(t), _day_number(t))
    if kind == "numeric":
        mo, d, y = (int(x) for x in t.split("/"))
        y = y + 2000 if y < 50 else y + 1900 if y < 100 else y
        return _safe_day(t, y, mo, d)
    if kind == "named":
        return _day(t, _NAMED_DAYS[re.sub(r"(?:th)?\s+", " ", low).strip()])
    if kind == "monthyear":
        return _month(t, date(_year_in(t), _month_of(t), 1))
    if kind == "yearrange":
        first, second = re.findall(r"\d+", t)[-2:]
        last = int(second) if len(second) == 4 else int(first) // 100 * 100 + int(second)
        return When(t, f"{int(first):04d}", date(int(first), 1, 1).isoformat(), date(last, 12, 31).isoformat(),
                    "year")
    if kind == "year" and low.startswith("fy"):  # FY2024, FY24
        digits = re.search(r"\d+", t).group()
        return _year(t, int(digits) if len(digits) == 4 else 2000 + int(digits))
    if kind == "year":
        return _year(t, _year_in(t))
    if kind == "decade":
        return _decade(t, int(re.search(r"\d{4}", t).group()))
    if kind == "quarter" and re.search(r"\d{4}", t) and not re.search(r"year-(?:ago|earlier)", low):
        return _quarter(t, int(re.search(r"\d{4}", t).group()), _quarter_number(t, low))
    if kind == "half" and re.search(r"\d{4}", t):
        return _half(t, int(re.search(r"\d{4}", t).group()), _half_number(low))
    if kind == "season" and re.search(rf"{_YEAR}|\bnineteen|\beighteen", t, re.IGNORECASE):
        return _season(t, _year_in(t), _season_name(low))
    return None


# --- expressions resolved against the publication date, the clause's tense and the focus

def _deictic(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    if low.startswith("yesterday") or low == "last night":
        return _day(t, p - timedelta(days=1))
    if low.startswith("tomorrow"):
        return _day(t, p + timedelta(days=1))
    return _day(t, p)


def _weekday(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    target = _WEEKDAYS[next(w for w in low.split() if w in _WEEKDAYS)]
    anchor = focus.day or p
    if re.search(r"\b(?:previous|preceding|prior)\b", low):  # before the day in focus
        return _day(t, anchor - timedelta(days=(anchor.weekday() - target) % 7 or 7))
    if re.search(r"\bfollowing\b", low):
        return _day(t, anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7))
    if low.startswith(("last ", "this past ")):
        return _day(t, p - timedelta(days=(p.weekday() - target) % 7 or 7))
    if low.startswith(("next ", "coming ", "upcoming ", "this coming ")):
        return _day(t, p + timedelta(days=(target - p.weekday()) % 7 or 7))
    if low.startswith("this ") or clause.tense > 0:
        return _day(t, p + timedelta(days=(target - p.weekday()) % 7))
    return _day(t, p - timedelta(days=(p.weekday() - target) % 7))


def _month_word(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    month = _month_of(t)
    if re.match(r"this\s+(?!past|coming)", low):
        year = p.year
    elif low.startswith(("last ", "this past ")):
        # "last March" is the one before the month just gone ("last month" says that one).
        year = p.year if month < p.month - 1 else p.year - 1
    elif low.startswith(("next ", "this coming ")):
        year = p.year if month > p.month + 1 else p.year + 1
    else:
        year = _choose(p, clause.tense, [(y, date(y, month, 1), _month_end(y, month)) for y in _years(p)],
                       reach=320)
    return _month(t, date(year, month, 1))


def _month_rel(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    return _month(t, date(_relative_year(low, p, focus), _month_of(t), 1))


def _monthday(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    month, day = _month_of(t), _day_number(t)
    options = []
    for y in _years(p):
        try:
            options.append((y, date(y, month, day), date(y, month, day)))
        except ValueError:
            continue
    if not options:
        return When(t)
    year = _choose(p, clause.tense, options, slack=3, reach=240)
    return _day(t, date(year, month, day))


def _week_of(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    month = _month_of(t)
    if re.search(rf"{_MONTH}\s+\d", t):  # the week of March 6
        day = _day_number(t)
        year = _choose(p, clause.tense, [(y, date(y, month, day), date(y, month, day)) for y in _years(p)])
        return _week(t, date(year, month, day))
    year = _year_in(t) if re.search(_YEAR, t) else \
        _choose(p, clause.tense, [(y, date(y, month, 1), _month_end(y, month)) for y in _years(p)])
    last = calendar.monthrange(year, month)[1]
    nth = re.search(r"\b(first|second|third|fourth|final|last)\s+week", low)
    if nth is None:
        return _month(t, date(year, month, 1))
    n = _QUARTER_ORDINALS.get(nth.group(1), 5)
    day = last - 3 if nth.group(1) in ("final", "last") else min(last, 4 + 7 * (n - 1))
    return _week(t, date(year, month, day))


def _quarter_word(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    q = _quarter_number(t, low)
    if "last year" in low:
        return _quarter(t, p.year - 1, q)
    if "year-ago" in low or "year-earlier" in low:
        return _quarter(t, _base_year(p, focus) - 1, q)
    if "next year" in low:
        return _quarter(t, p.year + 1, q)
    if "this year" in low or "current year" in low:
        return _quarter(t, p.year, q)
    if re.search(r"\b(?:previous|prior)\s+year", low):
        return _quarter(t, _base_year(p, focus) - 1, q)
    if re.search(r"\b(?:following)\s+year", low):
        return _quarter(t, _base_year(p, focus) + 1, q)
    return _quarter(t, _quarter_year(p, q, clause.tense), q)


def _quarter_year(p: date, q: int, tense: int) -> int:
    """The year of the last quarter ``q`` begun; of the next one when the clause speaks of the future
    and that quarter ended over three months ago ("expects to report third-quarter results" in
    November is this year's third quarter, "expects to close in the first quarter" next year's)."""
    begun = p.year if date(p.year, 3 * q - 2, 1) <= p else p.year - 1
    if tense > 0 and (p - _month_end(begun, 3 * q)).days > 100:
        return begun + 1
    return begun


def _half_word(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    h = _half_number(low)
    if "last year" in low or "previous year" in low:
        return _half(t, p.year - 1, h)
    if "next year" in low or "following year" in low:
        return _half(t, p.year + 1, h)
    if "this year" in low or "current year" in low or "the year" in low:
        return _half(t, p.year, h)
    options = [(y, date(y, 6 * h - 5, 1), _month_end(y, 6 * h)) for y in _years(p)]
    return _half(t, _choose(p, clause.tense, options, default_past=True), h)


def _anaphoric_quarter(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"The quarter", "the latest period", "the 1988 quarter": the quarter in focus, else the last one ended."""
    year = re.search(r"\d{4}", t)
    period = focus.period
    in_focus = period is not None and period.precision in ("quarter", "half")
    if "current" in low or low.startswith("this"):
        return _quarter(t, p.year, (p.month - 1) // 3 + 1)
    if year:
        if in_focus and period.value[5:6] == "Q":
            return _quarter(t, int(year.group()), int(period.value[6]))
        return _year(t, int(year.group()))
    latest = re.search(r"\b(?:latest|recent)\b", low)  # the latest quarter is one ended
    if in_focus and not (latest and period.end >= p.isoformat()):
        return When(t, period.value, period.start, period.end, period.precision)
    last_ended = date(p.year, 3 * ((p.month - 1) // 3) + 1, 1) - timedelta(days=1)
    return _quarter(t, last_ended.year, (last_ended.month - 1) // 3 + 1)


def _comparative(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"A year earlier", "the year-ago quarter", "the same period last year": the period in focus, a year
    before; the day in focus if the sentence names one ("for the weeks ended Aug. 12, profit fell from
    a year earlier")."""
    base = focus.period
    if focus.day is not None and (base is None or focus.day_in_sentence):
        return _day(t, _year_before(focus.day))
    wants_quarter = re.search(r"\b(?:quarter|period)\b", low)
    if base is None or wants_quarter and base.precision not in ("quarter", "half"):
        if wants_quarter:
            last_ended = date(p.year, 3 * ((p.month - 1) // 3) + 1, 1) - timedelta(days=1)
            return _quarter(t, last_ended.year - 1, (last_ended.month - 1) // 3 + 1)
        return _year(t, p.year - 1)
    return _shift_year(t, base, -1)


def _anaphoric_year(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"That year", "the following year", "later that year": the year named last, or one after or before it;
    "the year", "the full year", "the current fiscal year": the publication year."""
    if re.search(r"\b(?:latest|previous|last)\s+(?:fiscal|financial)", low):
        return _year(t, p.year - 1)
    if re.search(r"\bnext\s+(?:fiscal|financial)", low):
        return _year(t, p.year + 1)
    if re.search(r"\b(?:current|this)\b", low) or not re.search(r"\b(?:that|same|following|previous|prior|"
                                                                r"preceding|later|earlier)\b", low):
        return _year(t, p.year)  # "the year", "the full year", "the fiscal year"
    base = _base_year(p, focus)
    if re.search(r"\b(?:following|later)\b", low) and "later that" not in low and "later in" not in low:
        return _year(t, base + 1)
    if re.search(r"\b(?:previous|prior|preceding)\b", low):
        return _year(t, base - 1)
    return _year(t, base)


def _anaphoric_month(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"That month", "the following month", "a month later": from the day, week or month named last."""
    base = _focus_date(p, focus, ("day", "week", "month"))
    shift = 1 if re.search(r"\b(?:following|later)\b", low) and "later that" not in low else \
        -1 if re.search(r"\b(?:previous|prior|preceding)\b", low) else 0
    month = base.month - 1 + shift
    return _month(t, date(base.year + month // 12, month % 12 + 1, 1))


def _anaphoric_week(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"That week", "the following week", "a week later": from the day or week named last."""
    base = _focus_date(p, focus, ("day", "week"))
    shift = 1 if re.search(r"\b(?:following|later)\b", low) and "later that" not in low else \
        -1 if re.search(r"\b(?:previous|prior|preceding)\b", low) else 0
    return _week(t, base + timedelta(weeks=shift))


def _anaphoric_day(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"The same day", "later in the day", "the next morning", "a second consecutive day": from the day named
    last, else the publication day."""
    base = focus.day or p
    if re.search(r"\b(?:following|next)\b|\bday\s+later", low):
        return _day(t, base + timedelta(days=1))
    if re.search(r"\b(?:previous|prior|preceding)\b|\bday\s+earlier", low):
        return _day(t, base - timedelta(days=1))
    return _day(t, base)


def _that_time(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"At that time": the time named last, at its own precision; unresolved when none was."""
    last = focus.last
    return When(t) if last is None else When(t, last.value, last.start, last.end, last.precision)


def _year_end(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """The coming 31 December, or the last one passed when the clause speaks of the past."""
    return _day(t, date(p.year - 1 if clause.tense < 0 and p.month < 12 else p.year, 12, 31))


def _season_word(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    name = _season_name(low)
    options = [(y, *_season_span(y, name)) for y in _years(p, back=2)]
    if re.match(r"(?:last|this\s+past)\b", low):  # the last one over (or begun: "this past spring")
        year = _last_year_of([o for o in options if (o[2] < p if low.startswith("last") else o[1] <= p)])
    elif re.match(r"(?:next|this\s+coming)\b", low):
        year = _first_year_of([o for o in options if o[1] > p])
    elif low.startswith("this "):
        year = p.year if name != "winter" or p.month == 12 else p.year - (1 if p.month <= 2 else 0)
    else:
        year = _choose(p, clause.tense, options)
    return When(t) if year is None else _season(t, year, name)


def _holiday(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    name = re.sub(r"^(?:last|this\s+past|this\s+coming|this|next)\s+", "", low).replace("’", "'")
    name = re.sub(r"\s+", " ", name)
    week = name.endswith((" week", " weekend"))
    name = re.sub(r" (?:day|sunday|week|weekend)$", "", name) if name.startswith(("thanksgiving", "easter")) else name
    day_of = _HOLIDAYS[name]
    if week:  # "Easter week" is the week of Easter Sunday
        options = [(y, day_of(y) - timedelta(days=day_of(y).weekday()),
                    day_of(y) + timedelta(days=6 - day_of(y).weekday())) for y in _years(p)]
    else:
        options = [(y, day_of(y), day_of(y)) for y in _years(p)]
    if low.startswith(("last ", "this past ")):
        year = _last_year_of([o for o in options if o[1] < p])
    elif low.startswith(("next ", "this coming ")):
        year = _first_year_of([o for o in options if o[1] > p])
    else:
        year = _choose(p, clause.tense, options, slack=3)
    if year is None:  # none in the calendar's years
        return When(t)
    return _week(t, day_of(year)) if week else _day(t, day_of(year))


def _ago(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    n_word, unit = low.split()[:2]
    n = _CARDINALS.get(n_word) or int(n_word)
    unit = unit.rstrip("s")
    if unit in _DAYS_IN:  # "a week ago" is a day
        return _day(t, p - timedelta(days=n * _DAYS_IN[unit]))
    if unit == "month":
        month = p.month - 1 - n
        return _month(t, date(p.year + month // 12, month % 12 + 1, 1))
    if unit == "decade":
        return _year(t, p.year - 10 * n)
    return _year(t, p.year - n)


def _counted(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"Three days later", "two years earlier": counted from the time named last (else the publication
    date). "Three days later than planned" is the day named itself, later than a plan."""
    n_word, unit, direction = low.split()[:3]
    n = (_CARDINALS.get(n_word) or int(n_word)) * (1 if direction == "later" else -1)
    if clause.at is not None and _THAN.match(clause.context, clause.at[1]):
        n = 0
    unit = unit.rstrip("s")
    if unit in _DAYS_IN:
        return _day(t, (focus.day or p) + timedelta(days=n * _DAYS_IN[unit]))
    base = _focus_date(p, focus, ("day", "week", "month"))
    if unit == "month":
        month = base.month - 1 + n
        return _month(t, date(base.year + month // 12, month % 12 + 1, 1))
    return _year(t, _base_year(p, focus) + n * (10 if unit == "decade" else 1))


def _hence(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    """"In three years' time", "two weeks from now": counted from the publication date."""
    n_word, unit = re.sub(r"^in\s+", "", low).split()[:2]
    n = _CARDINALS.get(n_word) or int(n_word)
    unit = re.sub(r"['’]s?$", "", unit).rstrip("s")
    if unit in _DAYS_IN:
        return _day(t, p + timedelta(days=n * _DAYS_IN[unit]))
    if unit == "month":
        month = p.month - 1 + n
        return _month(t, date(p.year + month // 12, month % 12 + 1, 1))
    return _year(t, p.year + n * (10 if unit == "decade" else 1))


def _relative(t: str, low: str, p: date, clause: _Clause, focus: Focus) -> When:
    if "weekend" in low and not re.search(r"\b(?:this|last|next|past|previous|coming)\b", low):
        return _weekend(t, p, 2 if clause.tense > 0 else -1)
    shift = -1 if re.search(r"\b(?:last|past|previous)\b", low) else 1 if re.search(r"\b(?:next|coming)\b", low) else 0
    unit = re.search(r"(weekend|week|month|year|quarter|decade)\b", low).group(1)
    if unit == "weekend":
        return _weekend(t, p, shift)
    if unit == "week":
        return _week(t, p + timedelta(weeks=shift))
    if unit == "month":
        month = p.month - 1 + shift
        return _month(t, date(p.year + month // 12, month % 12 + 1, 1))
    if unit == "quarter":
        q = (p.month - 1) // 3 + shift
        return _quarter(t, p.year + (q // 4), q % 4 + 1)
    if unit == "decade":
        if shift:
            return When(t, "PAST_REF" if shift < 0 else "FUTURE_REF", None, None, "vague")
        return _decade(t, p.year // 10 * 10)
    year = p.year + shift
    if re.search(r"\b(?:beginning|start)\s+of\b", low):  # "the start of this year" is 1 January
        return _day(t, date(year, 1, 1))
    if low.startswith("later this") and shift == 0:
        q = (p.month - 1) // 3 + 2  # the rest of the year: the next quarter on
        if p.month >= 9 or q > 4:
            return _quarter(t, year, 4)
        return _half(t, year, 2) if p.month >= 4 else _year(t, year)
    return _year(t, year)


_RELATIVE = {
    "deictic": _deictic, "weekday": _weekday, "month": _month_word, "monthrel": _month_rel, "monthday": _monthday,
    "weekof": _week_of, "quarter": _quarter_word, "half": _half_word, "aquarter": _anaphoric_quarter,
    "comparative": _comparative, "ayear": _anaphoric_year, "amonth": _anaphoric_month, "aweek": _anaphoric_week,
    "aday": _anaphoric_day, "thattime": _that_time, "yearend": _year_end, "season": _season_word,
    "holiday": _holiday, "ago": _ago, "counted": _counted, "hence": _hence, "relative": _relative,
}


def _vague(t: str) -> When:
    low = t.lower()
    if re.search(r"soon|future|coming|later|after", low):
        value = "FUTURE_REF"
    elif re.search(r"now|current|present", low):
        value = "PRESENT_REF"
    else:
        value = "PAST_REF"
    return When(t, value, None, None, "vague")


# --- choosing among the years a partial date could fall in

def _years(p: date, back: int = 1) -> list[int]:
    """The years a date written without one may fall in, around the publication year."""
    return [y for y in range(p.year - back, p.year + 2) if 1 <= y <= 9999]


def _choose(p: date, tense: int, options: list[tuple[int, date, date]], *, slack: int = 0,
            default_past: bool = False, reach: int = 366) -> int:
    """The year of the option (year, first day, last day) the clause's tense points to: the latest begun
    for the past, the first not over for the future, else the nearest to ``p`` (or the latest begun,
    with ``default_past``). The tense is trusted only within ``reach`` days: a date a month ahead
    is that one even after a verb in the past ("subpoenaed him to testify on Feb. 10")."""
    def distance(o):
        return 0 if o[1] <= p <= o[2] else min(abs((o[1] - p).days), abs((o[2] - p).days))

    begun = [o for o in options if o[1] <= p + timedelta(days=slack)]
    to_come = [o for o in options if o[2] >= p - timedelta(days=slack)]
    chosen = None
    if (tense < 0 or default_past and tense == 0) and begun:
        chosen = begun[-1]
    elif tense > 0 and to_come:
        chosen = to_come[0]
    if chosen is not None and (distance(chosen) <= reach or tense <= CERTAIN_PAST):
        return chosen[0]
    return min(options, key=lambda o: (distance(o), o[1] > p))[0]


def _last_year_of(options: list[tuple[int, date, date]]) -> int | None:
    return options[-1][0] if options else None


def _first_year_of(options: list[tuple[int, date, date]]) -> int | None:
    return options[0][0] if options else None


def _base_year(p: date, focus: Focus) -> int:
    """The year the text is speaking of: the last one named, else the publication year."""
    if focus.last is not None and focus.last.start:
        return date.fromisoformat(focus.last.start).year
    return p.year


def _focus_date(p: date, focus: Focus, precisions: tuple[str, ...]) -> date:
    if focus.last is not None and focus.last.start and focus.last.precision in precisions:
        return date.fromisoformat(focus.last.start)
    return p


def _relative_year(low: str, p: date, focus: Focus) -> int:
    if "last year" in low:
        return p.year - 1
    if "next year" in low:
        return p.year + 1
    if "this year" in low or "current year" in low:
        return p.year
    base = _base_year(p, focus)
    if re.search(r"\b(?:previous|prior)\s+year", low):
        return base - 1
    if "following year" in low:
        return base + 1
    return base


def _year_before(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def _shift_year(t: str, w: When, years: int) -> When:
    """``w`` moved by whole years, at its own precision."""
    start = date.fromisoformat(w.start)
    y = start.year + years
    if w.precision == "day":
        return _day(t, _year_before(start) if years == -1 else start.replace(year=y))
    if w.precision == "week":
        return _week(t, start - timedelta(weeks=52 * -years))
    if w.precision == "month":
        return _month(t, date(y, start.month, 1))
    if w.precision == "quarter":
        return _quarter(t, y, (start.month - 1) // 3 + 1)
    if w.precision == "half":
        return _half(t, y, 1 if start.month <= 6 else 2)
    if w.precision == "season":
        return _season(t, y, next(n for n, (_, m) in _SEASONS.items() if m == start.month))
    return _year(t, y)


# --- reading the parts of an expression

def _month_of(t: str) -> int:
    m = re.search(_MONTH, t)
    return _MONTHS[m.group().lower().rstrip(".")]


def _day_number(t: str) -> int:
    without_year = re.sub(_YEAR, "", t)
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", without_year)
    if m:
        return int(m.group(1))
    return _ORDINALS[re.search(_ORD_DAY, t.lower()).group()]


def _year_in(t: str) -> int:
    m = re.search(_YEAR, t)
    if m:
        return int(m.group())
    return _spelled_year(t.lower())


def _spelled_year(low: str) -> int:
    """'nineteen ninety-six' 1996, 'nineteen oh five' 1905, 'the year two thousand and one' 2001."""
    words = re.findall(r"[a-z]+", low)
    if "thousand" in words:
        rest = words[words.index("thousand") + 1:]
        return 2000 + sum(_CARDINALS.get(w, 0) + _TENS.get(w, 0) for w in rest if w != "and")
    i = next(i for i, w in enumerate(words) if w in ("nineteen", "eighteen"))
    century = _CARDINALS[words[i]] * 100
    rest = words[i + 1:]
    return century + sum(_CARDINALS.get(w, 0) + _TENS.get(w, 0) for w in rest)


def _quarter_number(t: str, low: str) -> int:
    n = re.search(r"Q([1-4])", t)
    if n:
        return int(n.group(1))
    return _QUARTER_ORDINALS[re.search(_QORD, low).group()]


def _half_number(low: str) -> int:
    return 1 if re.search(r"\b(?:first|h1)\b", low) else 2


def _season_name(low: str) -> str:
    name = re.search(_SEASON, low).group()
    return "fall" if name == "autumn" else name


# --- values

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
    return When(t, f"{year:04d}-W{week:02d}", monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week")


def _weekend(t: str, p: date, shift: int) -> When:
    """This weekend (0), the next (1) or the last (-1); "the coming" one (2) is the next Saturday on."""
    coming = p + timedelta(days=(5 - p.weekday()) % 7)
    saturday = {0: p + timedelta(days=5 - p.weekday()), 1: coming + timedelta(weeks=1),
                -1: coming - timedelta(weeks=1), 2: coming}[shift]
    year, week, _ = saturday.isocalendar()
    sunday = saturday + timedelta(days=1)
    return When(t, f"{year:04d}-W{week:02d}-WE", saturday.isoformat(), sunday.isoformat(), "week")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(t: str, d: date) -> When:
    return When(t, f"{d.year:04d}-{d.month:02d}", date(d.year, d.month, 1).isoformat(),
                _month_end(d.year, d.month).isoformat(), "month")


def _quarter(t: str, year: int, q: int) -> When:
    return When(t, f"{year:04d}-Q{q}", date(year, 3 * q - 2, 1).isoformat(), _month_end(year, 3 * q).isoformat(),
                "quarter")


def _half(t: str, year: int, h: int) -> When:
    return When(t, f"{year:04d}-H{h}", date(year, 6 * h - 5, 1).isoformat(), _month_end(year, 6 * h).isoformat(),
                "half")


def _season_span(year: int, name: str) -> tuple[date, date]:
    first = _SEASONS[name][1]
    last_month = first + 2
    end = _month_end(year + (last_month - 1) // 12, (last_month - 1) % 12 + 1)
    return date(year, first, 1), end


def _season(t: str, year: int, name: str) -> When:
    first, last = _season_span(year, name)
    return When(t, f"{year:04d}-{_SEASONS[name][0]}", first.isoformat(), last.isoformat(), "season")


def _year(t: str, year: int) -> When:
    return When(t, f"{year:04d}", date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat(), "year")


def _decade(t: str, start_year: int) -> When:
    return When(t, f"{start_year:04d}"[:3], date(start_year, 1, 1).isoformat(),
                date(start_year + 9, 12, 31).isoformat(), "decade")
