"""Stage 6 and the pipeline: events, ids, re-resolution, errors."""

from pathlib import Path

import pytest

from briefings.extract import ExtractionError, extract, resolve_times

SEED_ARTICLE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "bisie-tin-mine.txt"


@pytest.fixture(scope="module")
def seed_briefing():
    """The seed article (read at run time), extracted with its publication date."""
    return extract(SEED_ARTICLE.read_text(encoding="utf-8"), published="2025-04-09")


ARTICLE = """Dam project stalls

Acme Corp halted work on the Kivu dam last month, Jane Doe said on Tuesday.
The company expects to restart in 2026.
"""


def test_events_carry_summary_actors_and_span():
    briefing = extract(ARTICLE, published="2025-04-09")
    names = {a.id: a.name for a in briefing.actors}
    event = next(e for e in briefing.events if e.when.text == "last month")
    assert event.summary == "Acme Corp halted work on the Kivu dam last month, Jane Doe said on Tuesday."
    assert {names[i] for i in event.actors} >= {"Acme Corp", "Jane Doe"}
    start, end = event.span
    assert briefing.text[start:end] == "last month"
    assert [e.when.value for e in briefing.events] == ["2025-03", "2025-04-08", "2026"]


def test_without_date_relative_times_are_unresolved_then_resolve_keeping_ids():
    undated = extract(ARTICLE)
    assert undated.source.published is None
    relative = [e for e in undated.events if e.when.text in ("last month", "Tuesday")]
    assert len(relative) == 2
    assert all(e.when.value is None and e.when.start is None for e in relative)
    assert next(e for e in undated.events if e.when.text == "2026").when.value == "2026"

    dated = resolve_times(undated, "2025-04-09")
    assert dated.source.published == "2025-04-09"
    assert [e.id for e in dated.events] == [e.id for e in undated.events]
    assert {e.when.text: e.when.value for e in dated.events} == {
        "last month": "2025-03", "Tuesday": "2025-04-08", "2026": "2026"}
    assert dated == extract(ARTICLE, published="2025-04-09")


def test_ids_are_stable_and_do_not_depend_on_the_date():
    a = extract(ARTICLE, published="2025-04-09")
    b = extract(ARTICLE, published="2024-01-01")
    assert a.id == b.id
    assert [x.id for x in a.actors + a.quotes + a.events] == [x.id for x in b.actors + b.quotes + b.events]
    assert extract(ARTICLE, url="https://example.org/dam").id != a.id


def test_spans_index_the_cleaned_text():
    briefing = extract("Dam project stalls\n\nAdvertisement\n\n" + ARTICLE.split("\n", 2)[2])
    assert "Advertisement" not in briefing.text
    for actor in briefing.actors:
        for start, end in actor.mentions:
            assert briefing.text[start:end] in actor.names


def test_inputs_that_are_not_articles():
    for text in ("", "   \n", "Advertisement\nScroll to Top\n"):
        with pytest.raises(ExtractionError):
            extract(text)


def test_seed_article_timeline(seed_briefing):
    values = {e.when.text: e.when.value for e in seed_briefing.events}
    assert values["last month"] == "2025-03"
    assert values["Tuesday"] == "2025-04-08"
    assert values["last week"] == "2025-W14"
    assert values["2024"] == "2024" and values["1994"] == "1994"


def test_seed_article_json_round_trip(seed_briefing):
    from briefings.model import Briefing

    assert Briefing.from_dict(seed_briefing.to_dict()) == seed_briefing
    assert seed_briefing.title.startswith("US seeks deal")
    assert "Scroll to Top" not in seed_briefing.text


HEADLINED = """Dockers end strike on Friday

The union met port managers on Tuesday. Later that day the two sides agreed terms.
"""


def test_headline_events_come_first_without_a_span():
    briefing = extract(HEADLINED, published="2025-04-09")
    assert [(e.when.text, e.when.value, e.span is None) for e in briefing.events] == [
        ("Friday", "2025-04-04", True), ("Tuesday", "2025-04-08", False), ("Later that day", "2025-04-08", False)]
    assert briefing.events[0].summary == "Dockers end strike on Friday"


def test_setting_the_date_later_resolves_headline_and_anaphora_as_extraction_does():
    undated = extract(HEADLINED)
    assert all(e.when.value is None for e in undated.events)
    assert resolve_times(undated, "2025-04-09") == extract(HEADLINED, published="2025-04-09")
    assert resolve_times(undated, "9999-12-31").source.published == "9999-12-31"
