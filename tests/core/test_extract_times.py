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
    "third-quarter", "the fiscal-first quarter", "the 1988 second quarter", "next year's first quarter",
    "the second quarter of last year", "the first half of 2024", "first-half", "the year-earlier quarter",
    "year-ago", "a year earlier", "the same period a year earlier", "the latest quarter", "the 1988 period",
    "last summer", "this past spring", "the winter of 1994", "Thanksgiving Day", "last Christmas", "Easter week",
    "later that year", "the following year", "The Following Month", "that same day", "later in the day",
    "a second consecutive day", "the next morning", "year-end", "year's end", "1957-58", "FY2024", "post-1959",
    "nineteen ninety-six", "the year two thousand", "March eighth", "the final week of June", "the week of March 6",
    "October of next year", "July last year", "9/11", "over the weekend", "the previous Friday", "a week or so ago",
    "at that time",
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


# --- anaphora: what "the day", "that year" or "a year earlier" refer back to

def timeline(text, published="2025-04-09"):
    """{expression: value} for an article body (with a one-line headline of no date)."""
    from briefings.extract import extract

    return {e.when.text: e.when.value for e in extract("Markets\n\n" + text, published=published).events}


def test_the_day_is_the_day_just_named():
    values = timeline("Shares fell 4% on Tuesday and closed the day at 212p. Later in the day the bank cut rates.")
    assert values == {"Tuesday": "2025-04-08", "the day": "2025-04-08", "Later in the day": "2025-04-08"}


def test_a_day_or_year_after_the_one_named():
    values = timeline("The index rose on Monday and fell the following day. In 1995 the firm listed its shares. "
                      "The following year it bought a rival, and later that year it moved to Boston.")
    assert values["the following day"] == "2025-04-08"
    assert values["The following year"] == "1996" and values["later that year"] == "1996"


def test_a_year_earlier_is_the_period_in_focus_a_year_before():
    values = timeline("Acme posted a third-quarter profit of $5 million, against $4 million a year earlier. "
                      "Sales in the quarter rose 4% from the year-earlier quarter.", published="2025-10-28")
    assert values == {"third-quarter": "2025-Q3", "a year earlier": "2024-Q3", "the quarter": "2025-Q3",
                      "the year-earlier quarter": "2024-Q3"}
    values = timeline("Prices rose 3% in March, against 2% in the same month a year ago.")
    assert values["the same month a year ago"] == "2024-03"


def test_a_quarter_spoken_of_as_to_come_is_not_what_results_compare_with():
    values = timeline("Acme expects a fourth-quarter charge. Profit rose to $9 million in the latest quarter "
                      "from $7 million a year earlier.", published="2025-11-03")
    assert values["the latest quarter"] == "2025-Q3" and values["a year earlier"] == "2024-Q3"


def test_at_that_time_is_the_time_named_last():
    values = timeline("The mine closed in March 2024. At that time, tin prices were falling. "
                      "During that time the town emptied.")
    assert values == {"March 2024": "2024-03", "that time": "2024-03"}


def test_counted_from_the_time_named_last():
    values = timeline("The dam failed on March 3. Three days later the river rose, and two weeks later it fell. "
                      "The plane landed on May 9, two days later than planned.")
    assert values == {"March 3": "2025-03-03", "Three days later": "2025-03-06", "two weeks later": "2025-03-20",
                      "May 9": "2025-05-09", "two days later": "2025-05-09"}


def test_not_every_day_is_a_time():
    values = timeline("He was seen the day before the vote. The day belonged to the challengers. "
                      "At the end of the day, it is a small deal.")
    assert "the day" not in values and "The day" not in values


# --- the headline

def test_the_headline_is_read_for_dates():
    from briefings.extract import extract

    briefing = extract("Dockers end strike on Friday\n\nThe union and the port authority agreed terms after "
                       "a week of talks, officials said.", published="2025-04-09")
    event = briefing.events[0]
    assert (event.when.text, event.when.value, event.span) == ("Friday", "2025-04-04", None)
    assert event.summary == "Dockers end strike on Friday"


# --- one expression, not two

@pytest.mark.parametrize("sentence, expression, value", [
    ("Profit rose in the second quarter of last year.", "the second quarter of last year", "2024-Q2"),
    ("Sales slipped in the final week of June.", "the final week of June", "2024-W26"),
    ("Talks resume in October of next year.", "October of next year", "2026-10"),
    ("The mill closed in January this year.", "January this year", "2025-01"),
    ("Profit doubled in next year's first quarter.", "next year's first quarter", "2026-Q1"),
    ("It lost money in the 2023 third quarter.", "the 2023 third quarter", "2023-Q3"),
])
def test_compound_expressions(sentence, expression, value):
    assert [f.text for f in find_times(sentence)] == [expression]
    assert when(sentence, expression).value == value


# --- past or coming: the verb nearest the expression decides

@pytest.mark.parametrize("published, sentence, expression, value", [
    (date(2026, 6, 10), "The port will stay shut until Friday.", "Friday", "2026-06-12"),
    (date(2026, 6, 10), "The port stayed shut until Friday, May 29.", "Friday, May 29", "2026-05-29"),
    (date(2025, 3, 14), "Members would vote in April, the union said.", "April", "2025-04"),
    (date(2025, 3, 14), "Members voted in April, the union said.", "April", "2024-04"),
    (date(2025, 6, 9), "Ministers had agreed the plan on Sunday.", "Sunday", "2025-06-08"),
    (date(2025, 4, 9), "Officials said he will begin pulling troops out on Friday.", "Friday", "2025-04-11"),
    (date(2025, 4, 9), "Officials said on Friday he will begin pulling troops out.", "Friday", "2025-04-04"),
    (date(2025, 4, 9), "The summit is to be held on Saturday.", "Saturday", "2025-04-12"),
    (date(2025, 4, 9), "The relatives said they would fight Tuesday's ruling.", "Tuesday", "2025-04-08"),
    (date(2025, 4, 9), "The jet made its first flight on 11 December, behind schedule.", "11 December", "2024-12-11"),
    (date(2025, 1, 7), "He subpoenaed her to testify on Feb. 10.", "Feb. 10", "2025-02-10"),
    (date(2025, 5, 6), "Police have sought him since the Oct. 23 shooting.", "Oct. 23", "2024-10-23"),
    (date(2025, 11, 3), "Acme expects to report a third-quarter loss.", "third-quarter", "2025-Q3"),
    (date(2025, 11, 3), "The deal is expected to close in the first quarter.", "the first quarter", "2026-Q1"),
    (date(2025, 4, 9), "Airlines last week postponed until May a decision.", "May", "2025-05"),
    (date(2025, 3, 14), "The union said members would vote in April.", "April", "2025-04"),
    (date(2025, 4, 9), "The firm said the plant would reopen on Tuesday.", "Tuesday", "2025-04-15"),
    # a saying dated in the past: its "would" may be over by now, and a bare weekday is past
    (date(2025, 4, 9), "Last month the firm said the plant would reopen on Tuesday.", "Tuesday", "2025-04-08"),
])
def test_tense_chooses_the_date(published, sentence, expression, value):
    assert when(sentence, expression, published).value == value


@pytest.mark.parametrize("sentence, expression, value", [
    ("Prices fell last Wednesday.", "last Wednesday", "2025-04-02"),  # not the day of publication
    ("The crash happened last February.", "last February", "2025-02"),
    ("The crash happened last March.", "last March", "2024-03"),  # the month just gone is "last month"
    ("The talks open next Monday.", "next Monday", "2025-04-14"),
])
def test_last_and_next(sentence, expression, value):
    assert when(sentence, expression).value == value


# --- granularity, seasons, fiscal years, ranges, holidays, spoken years

@pytest.mark.parametrize("sentence, expression, value", [
    ("The bank cut rates a week ago.", "a week ago", "2025-04-02"),
    ("The bank cut rates two weeks ago.", "two weeks ago", "2025-03-26"),
    ("Growth slowed at the start of this year.", "the start of this year", "2025-01-01"),
    ("Tourism boomed last summer.", "last summer", "2024-SU"),
    ("The strike began this past winter.", "this past winter", "2024-WI"),
    ("It will open in the spring of 2026.", "the spring of 2026", "2026-SP"),
    ("The 1957-58 season was the club's best.", "1957-58", "1957"),
    ("The budget covers fiscal 2026.", "fiscal 2026", "2026"),
    ("Sales for FY2024 rose.", "FY2024", "2024"),
    ("Profit will rise in the current fiscal year.", "the current fiscal year", "2025"),
    ("Profit rose in the latest fiscal year.", "the latest fiscal year", "2024"),
    ("They plan to finish by year-end.", "year-end", "2025-12-31"),
    ("The shares are up 4% since year-end.", "year-end", "2024-12-31"),
    ("The boy was found on Thanksgiving Day.", "Thanksgiving Day", "2024-11-28"),
    ("Shops reopen after Easter.", "Easter", "2025-04-20"),
    ("Memorials recall the September 11, 2001 attacks.", "September 11, 2001", "2001-09-11"),
    ("Security has tightened since the Sept. 11 attacks.", "Sept. 11", "2001-09-11"),
    ("The Olympics came to Atlanta in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ("The target was the year two thousand.", "the year two thousand", "2000"),
    ("Women's Day is this coming Sunday, March eighth.", "March eighth", "2025-03-08"),
    ("Profit rose in the first half of 2024.", "the first half of 2024", "2024-H1"),
    ("Most of the damage came over the weekend.", "over the weekend", "2025-W14-WE"),
    ("Revenue rose in Q1.", "Q1", "2025-Q1"),
    ("Revenue rose in H1 2024.", "H1 2024", "2024-H1"),
    ("Debt peaked at end-2024.", "end-2024", "2024"),
    ("The dam will be finished in three years' time.", "in three years' time", "2028"),
    ("The vote comes in a fortnight's time.", "in a fortnight's time", "2025-04-23"),
    ("Results are due two weeks from now.", "two weeks from now", "2025-04-23"),
    ("The firm cut jobs a fortnight ago.", "a fortnight ago", "2025-03-26"),
    ("Profit rose in the last financial year.", "the last financial year", "2024"),
    ("Shops opened on Boxing Day.", "Boxing Day", "2024-12-26"),
    ("Queues formed on Black Friday.", "Black Friday", "2024-11-29"),
])
def test_values_of_more_kinds(sentence, expression, value):
    assert when(sentence, expression).value == value


@pytest.mark.parametrize("sentence", [
    "The Russell 2000 fell 2%.",
    "He will call as soon as he lands.",
    "The soon-to-open terminal is vast.",
    "Thousands joined the March for Life in Washington.",
    "The fall of the old regime was swift.",
    "Many of today's young voters stayed home.",
    "Secretary Baker spoke on ABC's \"This Week\" about the talks.",
    "This is VOA Today with the news.",
    "The firm changed from a fiscal year to a calendar year.",
    "He applied for an H1-B visa to study the H1N1 virus.",
    "The Sunday Times and the Mail on Sunday backed the Good Friday Agreement.",
    "The curfew starts at 2000 GMT and ends at 0600 hours.",
    "Shares rose 4% shortly after the announcement.",
])
def test_what_is_not_a_time(sentence):
    assert find_times(sentence) == []


def test_a_day_after_since_has_been_however_long_ago() -> None:
    """Published in November, "closed since January 27" is the January gone, not the one to come."""
    from briefings.extract import extract

    briefing = extract("Airport reopens\n\nThe airport, closed since January 27, reopened on Monday to "
                       "commercial flights, officials said.", published="2025-11-04")
    assert {e.when.text: e.when.value for e in briefing.events}["January 27"] == "2025-01-27"
