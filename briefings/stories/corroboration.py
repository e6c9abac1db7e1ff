"""Where a story's sources agree and where they differ: ``check(view)``, pure.

A fact is what several articles report: the timeline rows the merge made
(the same event, the same dates), joined with the rows it left apart that
tell the same event (see *Same fact* below). Within a fact:

* **Date rule.** Two reports agree when their dates share a day ("March 19"
  inside "last week" or "March"; "soon" or an undated report agrees with
  any); different days, or a day outside the other's week or month, are a
  *date conflict*.
* **Rounding rule.** Quantities are compared when they are of the same kind
  (the same unit, or counts of the same noun; what they count must share a
  word when both say it, "people killed" is not "people injured") and each
  report states one of that kind. They agree when they differ by at most half
  the place of the coarser one's last digit as written ("17,300" and "17,000":
  within 500), or, when the coarser one is hedged, by its whole place or a
  tenth of its value ("about 17,000" and "17,600"); "at least 25" agrees with
  anything from 25 up, "up to 190" with anything to 190. Otherwise it is a
  *number conflict* (17,300 and 7,300; 27 and 25 people killed).
* **Speaker rule.** The same quote (the same words, or one quote holding
  nearly all of the other's) given to speakers whose names cannot be one
  person's is a *speaker conflict*. Names are one person's when they share a
  name key or one's words are all in the other's ("Boulos", "Massad Boulos");
  a speaker the article does not name ("a US official"), or a speaker set
  against an institution (a company, government, country, armed group or
  army: a spokesman against his company), is no conflict.

*Same fact.* Two rows of different articles tell the same event when they
share an actor (or one names none) and enough of their words: more for rows
whose dates differ than for rows the merge left apart on dates that agree.
A row joins at most one fact per article (an article tells an event once),
the closest matches first.

Every row also knows which articles carry it (a fact carried by one is
*single-source*) and its first report (the earliest article of its fact);
``added_by`` says which entries of an article no earlier one had.

Rows are named as the story screen names them: ``e<n>`` the n-th timeline
row, ``q<g>.<n>`` the n-th quote of the g-th speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from ..extract.quantities import PARTICIPLES
from ..model import Briefing, Event, Quantity, Quote
from ..names import fold, name_key
from ..unionfind import UnionFind
from .merging import event_words
from .view import Source, StoryActor, StoryView, first_sources

RESOLVED_TAG = "resolved"  # on a conflict's first version: the reader settled it (with a note)

_COMMON = 200  # a token in more rows than this near a row's date picks it no candidates
_RARE = 1000  # nor one in more rows than this in the whole story
_CANDIDATES = 20
INSTITUTIONS = frozenset({"company", "government", "country", "armed_group", "military"})


@dataclass(frozen=True)
class Version:
    """One article's account of a fact in a conflict."""

    briefing: str
    entry: str  # the event or quote id in that briefing
    outlet: str | None
    published: str | None
    text: str  # as the article writes it: "Sunday", "about 17,000 tons", "Kanyuka"
    value: str  # normalised: "2025-06-08", "about 17000 t", "Lawrence Kanyuka"
    sentence: str  # the event's sentence, or the quote


@dataclass(frozen=True)
class Conflict:
    kind: str  # "date", "number" or "speaker"
    summary: str
    versions: tuple[Version, ...]  # oldest article first
    rows: tuple[str, ...]  # the rows of the view it concerns

    @property
    def target(self) -> Source:
        """Where the reader's resolution is kept: the first version's entry."""
        return (self.versions[0].briefing, self.versions[0].entry)


@dataclass(frozen=True)
class StoryCheck:
    """What ``check`` found in a story, by row: kept with the story's stored view (``cache``),
    where the conflicts are decoded when first read."""

    conflicts: Sequence[Conflict] = ()
    single_events: str = ""  # "1" for each timeline row carried by one article, "." for the others
    single_quotes: tuple[str, ...] = ()  # the same for each speaker's quotes
    firsts: dict[str, Source] = field(default_factory=dict)  # rows first reported in another row of their fact
    by_row: dict[str, tuple[int, ...]] = field(default_factory=dict)  # row -> its conflicts
    told: dict[str, int] = field(default_factory=dict)  # rows of a fact of several rows -> the articles telling it

    def told_by(self, row: str, reported_by: int) -> int:
        """How many articles tell the fact of a row (``reported_by``: the row's own count)."""
        return self.told.get(row, reported_by)

    def is_single(self, row: str) -> bool:
        kind, at = row[0], row[1:]
        try:
            if kind == "e":
                return self.single_events[int(at)] == "1"
            g, n = at.split(".")
            return self.single_quotes[int(g)][int(n)] == "1"
        except (ValueError, IndexError):
            return False

    def conflicts_of(self, row: str) -> list[Conflict]:
        return [self.conflicts[i] for i in self.by_row.get(row, ())]

    @property
    def conflict_rows(self) -> frozenset[str]:
        return frozenset(self.by_row)


def event_row(n: int) -> str:
    return f"e{n}"


def quote_row(g: int, n: int) -> str:
    return f"q{g}.{n}"


def check(view: StoryView) -> StoryCheck:
    """The story's corroboration: conflicts, single-source rows, first reports.
    Reads the view's briefings (a view just merged holds them)."""
    entries = _entries(view)
    order = {b: n for n, b in enumerate(view.briefings)}
    event_facts = _event_facts(view, entries)
    quote_facts = _quote_facts(view)
    conflicts: list[Conflict] = []
    for rows in event_facts:
        if len(rows) > 1 or view.events[rows[0]].reported_by > 1:
            conflicts += _event_conflicts(view, rows, entries, order)
    for rows in quote_facts:
        if len(rows) > 1:
            conflicts += _speaker_conflicts(view, rows, entries, order)
    by_row: dict[str, list[int]] = {}
    for i, conflict in enumerate(conflicts):
        for row in conflict.rows:
            by_row.setdefault(row, []).append(i)
    facts = [[(event_row(n), view.events[n].sources) for n in rows] for rows in event_facts]
    facts += [[(quote_row(g, n), view.quotes[g].quotes[n].sources) for g, n in rows] for rows in quote_facts]
    single, firsts, told = _carried(facts, order)
    return StoryCheck(tuple(conflicts), "".join("1" if event_row(n) in single else "." for n in range(len(view.events))),
                      tuple("".join("1" if quote_row(g, n) in single else "." for n in range(len(group.quotes)))
                            for g, group in enumerate(view.quotes)),
                      firsts, {row: tuple(found) for row, found in by_row.items()}, told)


def _carried(facts: list[list[tuple[str, Sequence[Source]]]], order: dict[str, int]) -> tuple[
        set[str], dict[str, Source], dict[str, int]]:
    """From each fact's rows and their sources: the rows one article carries, the rows first
    reported in another row of their fact, and how many articles tell a fact of several rows."""
    single: set[str] = set()
    firsts: dict[str, Source] = {}
    told: dict[str, int] = {}
    for rows in facts:
        articles = {b for _, sources in rows for b, _ in sources}
        if len(articles) == 1:
            single.update(row for row, _ in rows)
        if len(rows) > 1:
            first = min((sources[0] for _, sources in rows), key=lambda s: order.get(s[0], len(order)))
            for row, sources in rows:
                told[row] = len(articles)
                if sources[0] != first:
                    firsts[row] = first
    return single, firsts, told


def check_of(view: StoryView) -> StoryCheck:
    """The view's check: kept with it (a stored view), else made now."""
    return view.check if view.check is not None else check(view)


def added_by(view: StoryView, briefing_id: str) -> frozenset[str]:
    """The entries of one article no earlier article of the story had: the events and
    quotes it reports first, the actors it names first."""
    found_check = check_of(view)
    out: set[str] = set()
    for n, (b, entry) in enumerate(first_sources(view.events)):
        first = found_check.firsts.get(event_row(n), (b, entry))
        if first[0] == briefing_id:
            out.add(entry)
    for g, group in enumerate(view.quotes):
        for n, (b, entry) in enumerate(first_sources(group.quotes)):
            first = found_check.firsts.get(quote_row(g, n), (b, entry))
            if first[0] == briefing_id:
                out.add(entry)
    out.update(a.appearances[0][1] for a in view.actors if a.appearances and a.appearances[0][0] == briefing_id)
    return frozenset(out)


# -- reading the view ------------------------------------------------------------------


def _entries(view: StoryView) -> Callable[[Source], Event | Quote | None]:
    cache: dict[str, dict[str, Event | Quote]] = {}

    def entry(source: Source) -> Event | Quote | None:
        b, e = source
        if b not in cache:
            briefing: Briefing | None = view.briefings.get(b)
            cache[b] = {x.id: x for x in (*briefing.events, *briefing.quotes)} if briefing else {}
        return cache[b].get(e)
    return entry


def _version(view: StoryView, source: Source, text: str, value: str, sentence: str) -> Version:
    head = view.briefings.head(source[0])
    return Version(source[0], source[1], head.source.outlet if head else None,
                   head.source.published if head else None, text, value, sentence)


# -- facts: the rows that tell one event -------------------------------------------------


@dataclass
class _Row:
    n: int
    start: date | None
    end: date | None
    vague: str | None  # the value of an unresolved or vague date
    words: tuple[frozenset[str], ...]  # each report's words (its summary's)
    actors: frozenset[str]
    articles: frozenset[str]  # the articles that report it
    tells: frozenset[str]  # those that tell it in their text (a headline restates an event told below it)
    kinds: frozenset[str]  # its quantities' kinds


def _event_facts(view: StoryView, entries: Callable) -> list[list[int]]:
    """The timeline's rows grouped by the event they tell (most rows alone)."""
    words = _report_words(view)
    rows = []
    for n, se in enumerate(view.events):
        when = se.when
        start, end = _day(when.start), _day(when.end)
        reports = [(s, e) for s in se.sources if isinstance(e := entries(s), Event)]
        rows.append(_Row(n, start, end or start, None if start else (when.value or fold(when.text)),
                         tuple(dict.fromkeys(w for s, e in reports for w in words(s, e))), frozenset(se.actors),
                         frozenset(b for b, _ in se.sources), frozenset(s[0] for s, e in reports if e.span),
                         frozenset(_kind(q) for _, e in reports for q in e.quantities)))
    links = sorted(_links(rows), reverse=True)
    joined = UnionFind(len(rows))
    articles: dict[int, frozenset[str]] = {}  # a fact's articles, by its first row (rows alone: their own)
    for _, _, i, j in links:
        a, b = joined.find(i), joined.find(j)
        told_a, told_b = articles.get(a, rows[a].tells), articles.get(b, rows[b].tells)
        if a != b and not (told_a & told_b):
            joined.union(a, b)
            articles[joined.find(a)] = told_a | told_b
    return [sorted(members) for members in joined.groups().values()]


def _report_words(view: StoryView) -> Callable[[Source, Event], tuple[frozenset[str], ...]]:
    """The words a report of an event is compared on: its sentence's, and where the sentence
    tells several events ("reopened on Thursday, three days after a train derailed on
    Sunday") those of its own clause too."""
    shared: dict[str, set[str]] = {}

    def words(source: Source, event: Event) -> tuple[frozenset[str], ...]:
        b = source[0]
        briefing = view.briefings.get(b)
        if b not in shared:
            seen: Counter[str] = Counter(e.summary for e in briefing.events) if briefing else Counter()
            shared[b] = {summary for summary, n in seen.items() if n > 1}
        sentence = _roots(view.report_words.get(source) or event_words(fold(event.summary)))
        if briefing is not None and event.span and event.summary in shared[b]:
            return sentence, _roots(event_words(fold(_clause(briefing.text, event.span))))
        return (sentence,)
    return words


def _roots(words: frozenset[str]) -> frozenset[str]:
    """Words as compared across articles: their first five letters, past an -ing or -ed, so
    that a paraphrase's "exploded" meets "explosion" and "derailed" "derailment"."""
    return frozenset(w.removesuffix("ing").removesuffix("ed")[:5] if len(w) > 5 else w for w in words)


_CLAUSE_ENDS = ",;:()—–\n"


def _clause(text: str, span: tuple[int, int]) -> str:
    """The clause of ``text`` around ``span``: from the punctuation before it to the one after
    it, within its sentence."""
    start, end = span
    lo = max(max(text.rfind(c, max(0, start - 300), start) for c in _CLAUSE_ENDS), text.rfind(". ", 0, start))
    ends = [i for c in (*_CLAUSE_ENDS, ". ") if (i := text.find(c, end, end + 300)) != -1]
    return text[lo + 1:min(ends, default=len(text))]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


SHORT = 31  # days: a row of a month or less looks for its matches among rows dated near it


def _links(rows: list[_Row]) -> Iterable[tuple[float, float, int, int]]:
    """(score, -gap in days, i, j) for each pair of rows that tell the same event.

    Candidates share two tokens (actors or words). A row of a month or less finds the
    short rows among those starting near it by bisection (the timeline is in date
    order): a 500-article story compares each row with a few dozen, not thousands."""
    tokens = [[f"@{a}" for a in r.actors] + list(frozenset().union(*r.words)) for r in rows]
    counts = Counter(chain.from_iterable(tokens))
    # A token in most rows of the story says nothing of which event a row tells.
    tokens = [[t for t in mine if counts[t] <= _RARE] for mine in tokens]
    near: dict[str, tuple[list[int], list[int]]] = {}  # token -> (starts, rows) of the short rows
    rest: dict[str, list[int]] = {}  # token -> the longer, undated and vague rows
    spans = []
    for r, mine in zip(rows, tokens):
        short = r.start is not None and (r.end - r.start).days < SHORT  # type: ignore[operator]
        spans.append((r.start.toordinal() - 2 * SHORT, r.end.toordinal() + SHORT) if short else None)  # type: ignore[union-attr]
        for t in mine:
            if short:
                starts, found = near.setdefault(t, ([], []))
                starts.append(r.start.toordinal())  # type: ignore[union-attr]
                found.append(r.n)
            else:
                rest.setdefault(t, []).append(r.n)
    for i, r in enumerate(rows):
        votes: Counter[int] = Counter()  # counted in C: a row's tokens meet hundreds of rows
        span = spans[i]
        for t in tokens[i]:
            starts, found = near.get(t, ((), ()))
            posting = rest.get(t, ())
            lo, hi = (bisect_left(starts, span[0]), bisect_right(starts, span[1])) if span else (0, len(found))
            if hi - lo <= _COMMON:
                votes.update(found[lo:hi])
            if len(posting) <= _COMMON:
                votes.update(posting)
        for j in sorted((j for j, v in votes.items() if v >= 2 and j > i), key=votes.__getitem__,
                        reverse=True)[:_CANDIDATES]:
            link = _same_fact(r, rows[j])
            if link is not None:
                yield (*link, i, j)


# The share of their words two rows need to be one event: by how their dates relate (the
# same; one inside the other; a day or two apart, as wires often differ; days apart; one
# undated or vague) and by their actors (two or more shared; one; one row names none; both
# name some, none shared). Two rows of the same day naming the same two actors need few words
# in common; rows of other dates need more. Dates that agree make a link that only tells who
# else carries a row; dates that differ make a conflict, so they ask for more words.
_ENOUGH = {
    "same": {"two": 0.1, "one": 0.25, "none": 0.3, "other": 0.3},
    "within": {"two": 0.25, "one": 0.25, "none": 0.3, "other": 0.3},
    "near": {"two": 0.25, "one": 0.25, "none": 0.4, "other": 0.45},
    "apart": {"two": 0.3, "one": 0.3, "none": 0.45, "other": 0.5},
    "vague": {"two": 0.45, "one": 0.45, "none": 0.6, "other": 0.7},
}


def _same_fact(a: _Row, b: _Row) -> tuple[float, float] | None:
    """(score, -gap in days) when rows ``a`` and ``b`` of different articles tell the same event."""
    if a.tells & b.tells or not (a.articles ^ b.articles):
        return None
    score = max((_jaccard(x, y) for x in a.words for y in b.words), default=0.0)
    if a.kinds & b.kinds:
        score += 0.1  # the same kind of number in both: "tons of copper", "people killed"
    shared = len(a.actors & b.actors)
    actors = "two" if shared > 1 else "one" if shared else "none" if not (a.actors and b.actors) else "other"
    if a.start is None or b.start is None:  # undated or vague: agrees with any date
        if a.start is None and b.start is None and a.vague != b.vague:
            return None
        relation, gap = "vague", 999
    else:
        gap = max((b.start - a.end).days, (a.start - b.end).days)
        if (a.start, a.end) == (b.start, b.end):
            relation, gap = "same", 0
        elif gap <= 0:  # one's dates inside the other's ("March 19", "last week"), or overlapping
            relation, gap = "within", 0
        elif gap > max(7, (a.end - a.start).days + 1, (b.end - b.start).days + 1):
            return None  # weeks apart: another event
        else:
            relation = "near" if gap <= 2 else "apart"
    return (score, -float(gap)) if score >= _ENOUGH[relation][actors] else None


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


# -- dates and numbers within a fact --------------------------------------------------------


def _event_conflicts(view: StoryView, rows: list[int], entries: Callable, order: dict[str, int]) -> list[Conflict]:
    reports = sorted(((s, e) for n in rows for s in view.events[n].sources if isinstance(e := entries(s), Event)),
                     key=lambda found: order.get(found[0][0], len(order)))
    if not reports:
        return []
    row_ids = tuple(event_row(n) for n in rows)
    told_most = max(rows, key=lambda n: (len(view.events[n].sources), view.events[n].event.span is not None, -n))
    summary = _short(view.events[told_most].event.summary)
    out = []
    dated = [(s, e) for s, e in reports if e.when.start and e.when.end]
    if any(not _agree_dates(x.when, y.when) for i, (_, x) in enumerate(dated) for _, y in dated[i + 1:]):
        versions = tuple(_version(view, s, e.when.text, e.when.value or "", e.summary) for s, e in reports)
        labels = list(dict.fromkeys(e.when.label for _, e in dated))
        out.append(Conflict("date", f"{summary}: {' / '.join(labels)}", versions, row_ids))
    by_kind: dict[str, list[tuple[Source, Event, Quantity]]] = {}
    for s, e in reports:
        counted: dict[str, list[Quantity]] = {}
        for q in e.quantities:
            counted.setdefault(_kind(q), []).append(q)
        for kind, found in counted.items():
            if len(found) == 1:  # several of a kind in one report: which is which cannot be told
                by_kind.setdefault(kind, []).append((s, e, found[0]))
    for said in by_kind.values():
        if any(s[0] != t[0] and _comparable(q, r) and not agree(q, r)
               for i, (s, _, q) in enumerate(said) for t, _, r in said[i + 1:]):
            versions = tuple(_version(view, s, q.text, number_words(q), e.summary) for s, e, q in said)
            texts = " / ".join(dict.fromkeys(q.text for _, _, q in said))
            out.append(Conflict("number", f"{summary}: {texts}", versions, row_ids))
    return out


def _agree_dates(a, b) -> bool:
    """Dates that share a day: "March 19" and "last week" (or "March") agree, March 19 and 20
    do not, nor March 19 and the week after it."""
    return a.start <= b.end and b.start <= a.end


def _kind(q: Quantity) -> str:
    """What makes two quantities comparable at all: their unit, or for a count its noun."""
    if q.unit:
        return q.unit
    words = q.what.lower().split()
    nouns = [w for w in words if w not in PARTICIPLES] or words
    return "#" + _stem(nouns[-1]) if nouns else "#"


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Of the same kind, and what they count agrees where both say it."""
    if _kind(a) != _kind(b):
        return False
    if a.unit:
        wa, wb = _content(a.what), _content(b.what)
        return not (wa and wb) or bool(wa & wb)
    pa, pb = _participle(a), _participle(b)
    return pa == pb or not (pa and pb)


def agree(a: Quantity, b: Quantity) -> bool:
    """The rounding rule (see the module's docstring)."""
    coarse, fine = (a, b) if a.step >= b.step else (b, a)
    for bound, other in ((a, b), (b, a)):
        if bound.hedge == "at least" and other.value >= bound.value - bound.step / 2:
            return True
        if bound.hedge == "at most" and other.value <= bound.value + bound.step / 2:
            return True
    difference = abs(a.value - b.value)
    if coarse.hedge == "about" or fine.hedge == "about":
        return difference < max(coarse.step, 0.1 * max(abs(a.value), abs(b.value)))
    return difference <= coarse.step / 2


def number_words(q: Quantity) -> str:
    """A quantity in a normal form: "about 17000 t", "27 people killed"."""
    value = f"{q.value:,.10g}".replace(",", "")
    parts = [q.hedge or "", value, q.unit, "" if q.unit else q.what.lower()]
    return " ".join(p for p in parts if p)


def _participle(q: Quantity) -> str:
    return next((w for w in q.what.lower().split() if w in PARTICIPLES), "")


def _content(what: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in re.findall(r"[a-z]+", what.lower()) if len(w) > 2 and w not in _FILLER)


_FILLER = frozenset("the its their world world's global total annual mined".split())


def _stem(word: str) -> str:
    word = word.lower().removesuffix("'s").removesuffix("’s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _short(summary: str, width: int = 60) -> str:
    return summary if len(summary) <= width else summary[:width - 1].rsplit(" ", 1)[0] + "…"


# -- quotes: the same words, and who said them ------------------------------------------------


def _quote_facts(view: StoryView) -> list[list[tuple[int, int]]]:
    """The quote rows grouped by the words they quote (most rows alone)."""
    rows = [(g, n) for g, group in enumerate(view.quotes) for n in range(len(group.quotes))]
    words = []
    postings: dict[str, list[int]] = {}
    for i, (g, n) in enumerate(rows):
        sq = view.quotes[g].quotes[n]
        found = _quote_words(sq.quote.text)
        words.append(found)
        for w in found:
            postings.setdefault(w, []).append(i)
    joined = UnionFind(len(rows))
    for i, mine in enumerate(words):
        votes: dict[int, int] = {}
        for w in mine:
            posting = postings[w]
            if len(posting) <= _COMMON:
                for j in posting:
                    if j > i:
                        votes[j] = votes.get(j, 0) + 1
        for j, shared in votes.items():
            if shared >= min(3, len(mine)) and _same_words(mine, words[j]):
                joined.union(i, j)
    return [[rows[i] for i in sorted(members)] for members in joined.groups().values()]


def _quote_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", fold(text)))


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same quote: nearly the same words, or the shorter one's words nearly all in the longer."""
    shared = len(a & b)
    if not a or not b:
        return False
    return shared / len(a | b) >= 0.7 or (shared / min(len(a), len(b)) >= 0.9 and min(len(a), len(b)) / max(len(a), len(b)) >= 0.5)


def _speaker_conflicts(view: StoryView, rows: list[tuple[int, int]], entries: Callable,
                       order: dict[str, int]) -> list[Conflict]:
    speakers = []
    for g, _ in rows:
        group = view.quotes[g]
        actor = view.actor(group.actor) if group.actor else None
        speakers.append((group, actor))
    if not any(not _one_speaker(speakers[i], speakers[j])
               for i in range(len(rows)) for j in range(i + 1, len(rows))):
        return []
    reports = []
    for (g, n), (group, _) in zip(rows, speakers):
        for s in view.quotes[g].quotes[n].sources:
            quote = entries(s)
            if isinstance(quote, Quote):
                reports.append((s, quote, group.speaker))
    reports.sort(key=lambda found: order.get(found[0][0], len(order)))
    versions = tuple(_version(view, s, q.speaker_name or shown, shown, q.text) for s, q, shown in reports)
    names = " / ".join(dict.fromkeys(shown for _, _, shown in reports))
    first = reports[0][1].text if reports else ""
    return [Conflict("speaker", f"“{_short(first, 50)}”: {names}", versions,
                     tuple(quote_row(g, n) for g, n in rows))]


def _one_speaker(a: tuple, b: tuple) -> bool:
    """Whether two quote groups' speakers can be one: the speaker rule."""
    (group_a, actor_a), (group_b, actor_b) = a, b
    if group_a.actor is None and group_a.speaker == "unknown speaker":
        return True
    if group_b.actor is None and group_b.speaker == "unknown speaker":
        return True
    if (_kind_of(actor_a) in INSTITUTIONS) != (_kind_of(actor_b) in INSTITUTIONS):
        return True  # a spokesman and his company or government
    if not (_is_name(group_a.speaker) and _is_name(group_b.speaker)):
        return True  # "a US official", "officials": no name to set against another
    return any(_same_person(x, y) for x in _names(group_a.speaker, actor_a) for y in _names(group_b.speaker, actor_b))


_PARTICLES = frozenset("al bin da de del der di du el ibn la le van von".split())


def _is_name(speaker: str) -> bool:
    """A person's or a body's name ("Massad Boulos", "M23"), not a description ("a US official")."""
    words = speaker.split()
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _PARTICLES for w in words)


def _kind_of(actor: StoryActor | None) -> str:
    return actor.kind if actor is not None else "other"


def _names(shown: str, actor: StoryActor | None) -> list[str]:
    return list(actor.names) if actor is not None else [shown]


def _same_person(a: str, b: str) -> bool:
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb:
        return False
    shorter, longer = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return all(w in longer for w in shorter)


# -- the report ------------------------------------------------------------------------------


def is_resolved(view: StoryView, conflict: Conflict) -> bool:
    """Whether the reader marked the conflict resolved (``RESOLVED_TAG`` on its first version)."""
    annotation = view.annotation(*conflict.target)
    return bool(annotation and RESOLVED_TAG in annotation.tags)


def report(view: StoryView) -> dict:
    """``briefing story check --format json``: the conflicts with every version, the
    single-source entries, and each timeline row's first report (with the words to show)."""
    found = check_of(view)

    def head(b: str) -> tuple[str | None, str | None]:
        h = view.briefings.head(b)
        return (h.source.outlet, h.source.published) if h else (None, None)

    conflicts = []
    for c in found.conflicts:
        resolved = is_resolved(view, c)
        annotation = view.annotation(*c.target)
        conflicts.append({
            "kind": c.kind, "summary": c.summary, "resolved": resolved,
            "note": annotation.note if resolved and annotation else "",
            "versions": [{"briefing": v.briefing, "entry": v.entry, "outlet": v.outlet, "published": v.published,
                          "text": v.text, "value": v.value, "sentence": v.sentence} for v in c.versions]})
    single = []
    for n, se in enumerate(view.events):
        if found.is_single(event_row(n)):
            single += [{"briefing": b, "entry": e, "text": se.event.summary, "when": se.when.text}
                       for b, e in dict.fromkeys(se.sources)]
    for g, group in enumerate(view.quotes):
        for n, sq in enumerate(group.quotes):
            if found.is_single(quote_row(g, n)):
                single += [{"briefing": b, "entry": e, "text": sq.quote.text, "speaker": group.speaker}
                           for b, e in dict.fromkeys(sq.sources)]
    firsts = []
    for n, se in enumerate(view.events):
        row = event_row(n)
        b, e = found.firsts.get(row, se.sources[0])
        outlet, published = head(b)
        firsts.append({"entry": e, "briefing": b, "published": published, "outlet": outlet,
                       "summary": se.event.summary, "when": se.when.label,
                       "told_by": found.told_by(row, se.reported_by), "first_in_this_row": row not in found.firsts})
    return {"story": view.name, "conflicts": conflicts, "single_source": single, "first_reports": firsts}
