"""Stage 4 on dates at the edges of the calendar and on hostile text: resolution never raises, and
the scan stays linear."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.extract import extract, resolve_times
from briefings.extract.times import Discourse, find_times, resolve

# One phrase of each kind the scan knows, and some of their neighbours.
PHRASES = [
    "April 9, 2025", "9 April 2025", "2025-04-09", "4/9/25", "9/11", "April 9", "the 9th of April", "March eighth",
    "March 2025", "January this year", "October of next year", "the final week of June", "the week of March 6",
    "third-quarter", "the second quarter of last year", "next year's first quarter", "Q3 2024",
    "the first half of 2024", "first-half", "a year earlier", "the year-earlier quarter",
    "the same period a year earlier", "the quarter", "the latest quarter", "the 1988 period", "last summer",
    "this past winter", "the winter of 1994", "in spring", "Thanksgiving Day", "last Christmas", "Easter week",
    "New Year's Eve", "Election Day", "later that year", "the following year", "the previous month",
    "the following week", "that same day", "later in the day", "closed the day", "a second consecutive day",
    "the next morning", "year-end", "year's end", "the 1990s", "1957-58", "FY2024", "fiscal 2026", "post-1959",
    "the year two thousand", "nineteen ninety-six", "2025", "March", "Tuesday", "last Friday", "next Monday",
    "the following Monday", "today", "yesterday", "tomorrow", "last night", "this week", "last month", "next year",
    "the next year", "later this year", "the start of this year", "the end of next month", "this weekend",
    "over the weekend", "three weeks ago", "a week ago", "two years ago", "a decade ago", "recently", "soon",
    "at that time", "three days later", "two years earlier", "ten days later than planned", "Q1", "H1 2025",
    "end-2024", "in three years' time", "a fortnight ago", "two weeks from now", "the last financial year",
    "Boxing Day", "Black Friday", "the same time last year",
]
VERBS = ["", "The talks will resume ", "The plant closed ", "Officials said on Friday it would open ",
         "Members voted ", "Profit rose 5% from a year earlier, and ", "Last month the firm said it would act "]
EDGES = [date(1, 1, 1), date(1, 1, 2), date(1, 12, 31), date(2, 1, 1), date(9998, 12, 31), date(9999, 1, 1),
         date(9999, 12, 25), date(9999, 12, 31)]
published = st.one_of(st.sampled_from(EDGES), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
sentence = st.lists(st.tuples(st.sampled_from(VERBS), st.sampled_from(PHRASES)), min_size=1, max_size=6).map(
    lambda parts: " ".join(f"{verb}{phrase}." for verb, phrase in parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day=published, text=sentence)
def test_resolution_never_raises_at_the_edges_of_the_calendar(day: date, text: str) -> None:
    discourse = Discourse(day)
    for found in find_times(text):
        for when in (resolve(found.text, found.kind, day, text), discourse.resolve(found.text, found.kind, text)):
            assert when.text
            if when.start:  # a resolved date is a real span of the calendar
                assert date.fromisoformat(when.start) <= date.fromisoformat(when.end)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day=st.sampled_from(EDGES), text=sentence)
def test_extraction_and_re_resolution_never_raise_at_the_edges(day: date, text: str) -> None:
    briefing = extract("Edge of time\n\nThe council met. " + text, published=day.isoformat())
    for other in EDGES[:2] + EDGES[-2:]:
        again = resolve_times(briefing, other.isoformat())
        assert [e.id for e in again.events] == [e.id for e in briefing.events]


def test_a_dateline_at_the_end_of_the_calendar_leaves_next_year_unresolved():
    briefing = extract("Port deal\n\nKINSHASA, April 9, 9999 (Reuters) - The port will reopen next year, "
                       "officials said on Tuesday.")
    assert briefing.source.published == "9999-04-09"
    values = {e.when.text: e.when.value for e in briefing.events}
    assert values == {"next year": None, "Tuesday": "9999-04-06"}


def test_years_before_1000_are_written_with_four_digits():
    values = {e.when.text: e.when.value
              for e in extract("Old times\n\nThe fort fell last year and the town last month.",
                               published="0002-03-01").events}
    assert values == {"last year": "0001", "last month": "0002-02"}


@pytest.mark.parametrize("hostile", [
    "." * 100_000,
    "the " * 250_000,
    "in the " * 150_000,
    "a year " * 150_000,
    "Tuesday " + " " * 500_000 + "x",
    "9" * 200_000,
    "the-" * 200_000,
])
def test_the_scan_is_linear_on_hostile_text(hostile: str) -> None:
    start = time.perf_counter()
    find_times(hostile)
    assert time.perf_counter() - start < 3.0
