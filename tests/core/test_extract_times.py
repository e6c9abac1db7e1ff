"""Stage 4: temporal expressions and their resolution."""

from datetime import date

import pytest

from briefings.extract.times import find_times, resolve

PUBLISHED = date(2025, 4, 9)  # a Wednesday


def when(sentence, expression, published=PUBLISHED):
    found = next(f for f in find_times(sentence) if f.text == expression)
    return resolve(found.text, found.kind, published, sentence)


@pytest.mark.parametrize("sentence, expression, value", [
    ("The mine closed last month.", "last month", "2025-03"),
    ("M23 withdrew last week.", "last week", "2025-W14"),
    ("He visited Kigali on Tuesday.", "Tuesday", "2025-04-08"),
    ("The talks will resume on Friday.", "Friday", "2025-04-11"),
    ("Yesterday the rebels left.", "Yesterday", "2025-04-08"),
    ("The port opens today.", "today", "2025-04-09"),
    ("It produced tin in 2024.", "2024", "2024"),
    ("The genocide of 1994 still weighs.", "1994", "1994"),
    ("The deal was signed on April 3.", "April 3", "2025-04-03"),
    ("Sales fell in December.", "December", "2024-12"),
    ("The court met on December 11.", "December 11", "2024-12-11"),
    ("On Monday, March 3, the talks began.", "Monday, March 3", "2025-03-03"),
    ("It opened on April 9, 2025.", "April 9, 2025", "2025-04-09"),
    ("Prices peaked in March 2025.", "March 2025", "2025-03"),
    ("Output rose earlier this year.", "earlier this year", "2025"),
    ("The plant shut two years ago.", "two years ago", "2023"),
    ("They meet next week.", "next week", "2025-W16"),
    ("Profit rose in the last quarter.", "the last quarter", "2025-Q1"),
    ("The firm did well this year.", "this year", "2025"),
    ("The mine was recently shut.", "recently", "PAST_REF"),
    ("They will announce it soon.", "soon", "FUTURE_REF"),
    ("U.S. talks began weeks earlier.", "weeks earlier", "PAST_REF"),
    ("The 1990s were hard.", "The 1990s", "199"),
    ("Filed on 7/8/07 in court.", "7/8/07", "2007-07-08"),
])
def test_values(sentence, expression, value):
    assert when(sentence, expression).value == value


def test_start_end_and_precision():
    w = when("The mine closed last month.", "last month")
    assert (w.start, w.end, w.precision) == ("2025-03-01", "2025-03-31", "month")
    w = when("M23 withdrew last week.", "last week")
    assert (w.start, w.end, w.precision) == ("2025-03-31", "2025-04-06", "week")


def test_without_publication_date_relative_stays_unresolved():
    w = when("The mine closed last month.", "last month", published=None)
    assert w.text == "last month" and w.value is None and w.start is None and not w.resolved
    w = when("It opened on April 9, 2025.", "April 9, 2025", published=None)
    assert w.value == "2025-04-09"


def test_numbers_that_are_not_years():
    found = [f.text for f in find_times("It produced 17,300 tons, sold 2000 tonnes, and May Lee paid $2024.")]
    assert found == []


WRITTEN = [
    "April 9, 2025", "Wednesday, April 9, 2025", "9 April 2025", "2025-04-09", "4/9/25", "Apr. 9", "Sept. 30",
    "9th April", "mid-March 2024", "the beginning of May 2025", "the first quarter of 2024", "Q3 2024",
    "the 1990s", "The mid-1990s", "mid1990s", "late 2023", "early March", "Tuesday evening", "today",
    "Yesterday", "TONIGHT", "this morning", "Earlier This Year", "LAST MONTH", "the previous week",
    "the end of next month", "three weeks ago", "A Year Ago", "12 days ago", "recently", "SOON",
    "in the near future", "In Recent Weeks", "weeks earlier", "shortly afterwards", "ſoon", "in May",
]



@pytest.mark.parametrize("place", ["{}", "On {}, it rose.", "It rose ({}) and fell", "x{}y", "it_{} so"])
def test_the_scan_finds_what_trying_every_word_finds(place):
    """Only words an expression can start with are tried: nothing is missed, in any case or place."""
    from briefings.extract.times import _SCAN, _scan

    text = " ".join(place.format(w) for w in WRITTEN + [w.upper() for w in WRITTEN])
    found = [m.group() for m in _scan(text)]
    assert found == [m.group() for m in _SCAN.finditer(text)]
    if place == "{}":
        assert "LAST MONTH" in found and "The mid-1990s" in found and "12 days ago" in found
