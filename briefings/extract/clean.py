"""Stage 1: from pasted article text to clean body text, a title and a date.

Pasted articles carry web debris (share buttons, "Advertisement", cookie
banners, "Reporting by ..." credits) and often start with the headline and a
dateline. Debris lines are dropped; the headline becomes the title; the
dateline (or a "Published ..." line) gives the publication date. The body
text that remains is what every later stage indexes into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil import parser as dateparser

from ..sanitize import clean as sanitize

# Whole lines that are page furniture, never article text.
_DEBRIS = re.compile(
    r"""^\s*(?:
        scroll\s+to\s+top | advertisement | advert | sponsored(?:\s+content)? | skip\s+to\s+(?:main\s+)?content
      | read\s+more\b.* | see\s+also\b.* | related(?:\s+(?:articles?|stories|coverage|content))?:?
      | (?:share|tweet|email|print|copy\s+link|facebook|twitter|x|linkedin|whatsapp|reddit)(?:\s+(?:this|the)?\s*(?:article|story|page|link)?|\s+on\s+\w+)?
      | (?:reporting|writing|additional\s+reporting|editing|compiled)\s+by\b.*
      | our\s+standards:.* | (?:sign\s+up|subscribe)\b.{0,80} | (?:log\s*in|sign\s*in|register|menu|home|search|close)
      | .*\bcookies?\b.*\b(?:accept|consent|policy|use|settings)\b.* | accept(?:\s+all)?(?:\s+cookies)?
      | (?:photo|image|file\s+photo)(?:\s*:|\s+credit\b).* | ©.* | copyright\s+(?:©\s*)?\d{4}.* | all\s+rights\s+reserved\.?
      | \d+\s+min(?:ute)?s?\s+read | (?:listen|watch)(?:\s+to\s+(?:this\s+)?(?:article|story))?(?:\s*\d+:\d+)?
      | (?:back\s+to\s+top|top\s+of\s+page|next\s+article|previous\s+article|more\s+from\s+\w+)
      | (?:\w+\s*\|\s*){2,}\w+                      # navigation bars: News | World | Business
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
         rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
         rf"|\d{{4}}-\d{{2}}-\d{{2}})")
# A Markdown heading's marker: "# Port reopens" is titled "Port reopens".
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")

# A line that is only a date ("March 01, 2008") or "Published/Updated <date>".
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:published|posted|updated|last\s+updated)(?:\s+on)?:?\s+)?(?P<date>{_DATE})"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*\.?\s*$",
    re.IGNORECASE,
)
# A dateline opening the first paragraph: "KINSHASA, April 9 (Reuters) -",
# "WASHINGTON (AP) —", "March 3, 2008 —".
_DATELINE = re.compile(
    rf"""^(?:(?P<place>[A-Z][A-Za-z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){{0,3}})(?:,\s*|\s+))?
         (?P<date>{_DATE})?\s*
         (?:\((?P<outlet>[A-Z][\w .&'-]{{1,30}})\)\s*)?
         (?:-|–|—|--)\s+""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class CleanArticle:
    title: str
    text: str
    published: str | None  # YYYY-MM-DD from the dateline, when the article gives one
    outlet: str | None


def clean_article(raw: str, *, title: str | None = None, today: date | None = None) -> CleanArticle:
    """Split pasted text into title, body and the date its dateline gives."""
    lines = [line.strip() for line in sanitize(raw).split("\n")]
    lines = [line for line in lines if not _DEBRIS.match(line)]
    paragraphs = _paragraphs(lines)
    published = None
    outlet = None
    if paragraphs and title is None and "\n" in paragraphs[0]:
        # One block of lines: a short unpunctuated first line before a sentence is the headline.
        first, rest = paragraphs[0].split("\n", 1)
        if _is_headline(first, [rest]) and rest.split("\n")[0].rstrip().endswith((".", "!", "?", '"', "”")) \
                or _DATE_LINE.match(rest.split("\n")[0]) or _DATELINE.match(rest) and rest[:1].isupper() and not first.endswith("."):
            paragraphs[0:1] = [first, rest]
    if paragraphs and title is None and _is_headline(paragraphs[0], paragraphs[1:]):
        title = _MARKDOWN_HEADING.sub("", paragraphs.pop(0))
    # Leading date lines ("March 01, 2008", "Published 9 April 2025").
    while paragraphs and (m := _DATE_LINE.match(paragraphs[0])):
        published = published or _parse_date(m["date"], today)
        paragraphs.pop(0)
    if paragraphs:
        m = _DATELINE.match(paragraphs[0])
        if m and (m["date"] or m["outlet"] or (m["place"] and m["place"].isupper())):
            published = published or (m["date"] and _parse_date(m["date"], today))
            outlet = m["outlet"]
            paragraphs[0] = paragraphs[0][m.end():]
    text = "\n\n".join(p for p in paragraphs if p)
    return CleanArticle(title=title or "", text=text, published=published, outlet=outlet)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one are kept."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return ["\n".join(p) for p in paragraphs if p]


def _is_headline(first: str, rest: list[str]) -> bool:
    """A short single line with more text after it, unpunctuated or followed by a date line."""
    if not rest or "\n" in first or len(first.split()) > 25:
        return False
    return not first.rstrip().endswith((".", ",", ";", "\u201d", '"')) or _DATE_LINE.match(rest[0]) is not None


def _parse_date(text: str, today: date | None = None) -> str | None:
    """A dateline's date as YYYY-MM-DD; a date without a year is the latest one not after today."""
    today = today or date.today()
    try:
        parsed = dateparser.parse(text, default=_first_of(today), fuzzy=True).date()
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\d{4}", text) and parsed > today:
        parsed = parsed.replace(year=parsed.year - 1)
    return parsed.isoformat()


def _first_of(today: date):
    from datetime import datetime

    return datetime(today.year, 1, 1)
