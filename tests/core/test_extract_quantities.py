"""Stage 6a: the quantities an article states, and which event of its sentence holds each."""

from __future__ import annotations

import json

import pytest

from briefings.extract import extract
from briefings.extract.quantities import find_quantities
from briefings.model import Briefing, FormatError


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def test_a_number_keeps_its_unit_what_it_counts_and_how_it_was_written() -> None:
    text = "The mine produced 17,300 tons of tin last year."
    q = one(text)
    assert (q.text, q.value, q.unit, q.what, q.step, q.hedge) == ("17,300 tons of tin", 17300, "t", "tin", 100, None)
    assert text[q.span[0]:q.span[1]] == "17,300 tons of tin"


@pytest.mark.parametrize("text, value, unit, step, hedge", [
    ("about 17,000 tons", 17000, "t", 1000, "about"),
    ("roughly 6% of the world's mined tin", 6, "%", 1, "about"),
    ("6.2 percent", 6.2, "%", 0.1, None),
    ("40 million euros", 40_000_000, "EUR", 1_000_000, None),
    ("$25m", 25_000_000, "USD", 1_000_000, None),
    ("US$1.2bn", 1_200_000_000, "USD", 100_000_000, None),
    ("at least 150 kilometres", 150, "km", 1, "at least"),
    ("up to 190 km", 190, "km", 1, "at most"),
    ("a 90-day truce", 90, "day", 1, None),
])
def test_units_scales_and_hedges(text: str, value: float, unit: str, step: float, hedge: str | None) -> None:
    q = one(text)
    assert (q.value, q.unit, q.step, q.hedge) == (value, unit, step, hedge)


@pytest.mark.parametrize("text, value, what", [
    ("Three vessels sank near the port.", 3, "vessels"),
    ("12 people were killed in the blast.", 12, "people killed"),
    ("Rebels killed 4 soldiers overnight.", 4, "soldiers killed"),
    ("Some 300 people fled to Goma.", 300, "people"),
    ("two Congolese soldiers were wounded", 2, "Congolese soldiers wounded"),
    ("A ferry carrying 278 passengers overturned.", 278, "passengers"),
])
def test_counts_name_what_they_count(text: str, value: int, what: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.what) == (value, "", what)


@pytest.mark.parametrize("text", [
    "The rebels took the town in 2024.",
    "M23 withdrew from Walikale on March 22, residents said.",
    "Resolution 2773 was adopted unanimously.",
    "A 45-year-old man was arrested at 10:30.",
    "The M23 rebels and the G7 met.",
    "It was the tenth round of talks.",
])
def test_dates_years_names_and_bare_numbers_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_an_event_holds_the_quantities_nearest_its_date_in_its_sentence() -> None:
    briefing = extract("Tin\n\nBisie, which produced 17,300 tons of tin in 2024, was forced to close last month. "
                       "The mine supplies 6% of the world's tin.\n", published="2025-04-09")
    by_date = {e.when.text: e for e in briefing.events}
    assert [q.text for q in by_date["2024"].quantities] == ["17,300 tons of tin"]
    assert by_date["last month"].quantities == ()
    # A sentence without a date is no event: its numbers belong to none.
    assert all("6%" not in q.text for e in briefing.events for q in e.quantities)


def test_a_quantity_goes_to_the_date_of_its_own_clause() -> None:
    briefing = extract("Mine\n\nThe company closed the mine on Wednesday, three days after gunmen killed 14 people "
                       "in an attack on a convoy on Saturday.\n", published="2025-10-16")
    by_date = {e.when.text: e for e in briefing.events}
    assert [q.text for q in by_date["Saturday"].quantities] == ["14 people"]  # not Wednesday's, though nearer
    assert by_date["Wednesday"].quantities == ()


def test_a_number_inside_a_date_is_no_quantity_of_its_event() -> None:
    briefing = extract("Talks\n\nThe talks collapsed three weeks ago with 40 delegates present.\n",
                       published="2025-04-09")
    (event,) = briefing.events
    assert [q.text for q in event.quantities] == ["40 delegates"]


def test_quantities_travel_in_the_format_and_old_documents_still_load() -> None:
    briefing = extract("Tin\n\nThe mine produced about 17,000 tons in 2024.\n", published="2025-04-09")
    data = json.loads(json.dumps(briefing.to_dict()))
    assert data["events"][0]["quantities"][0] == {"text": "about 17,000 tons", "value": 17000, "unit": "t",
                                                  "what": "", "step": 1000, "hedge": "about", "span": [18, 35]}
    assert Briefing.from_dict(data) == briefing
    for event in data["events"]:
        del event["quantities"]  # a briefing stored before quantities were extracted
    assert Briefing.from_dict(data).events[0].quantities == ()


@pytest.mark.parametrize("bad", [{"text": "x", "value": "many"}, {"text": "x", "value": float("nan")},
                                 {"value": 3}, {"text": "x", "value": 3, "span": [1]}, "17 tons"])
def test_a_malformed_quantity_is_refused(bad) -> None:
    data = extract("Tin\n\nThe mine produced 17,300 tons in 2024.\n", published="2025-04-09").to_dict()
    data["events"][0]["quantities"] = [bad]
    with pytest.raises(FormatError):
        Briefing.from_dict(data)
