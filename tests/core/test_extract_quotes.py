"""Stage 5: quotes and their speakers."""

from pathlib import Path

import pytest

from briefings.extract import extract

SEED_ARTICLE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "bisie-tin-mine.txt"


@pytest.fixture(scope="module")
def seed_briefing():
    """The seed article (read at run time), extracted with its publication date."""
    return extract(SEED_ARTICLE.read_text(encoding="utf-8"), published="2025-04-09")



def quotes(text):
    briefing = extract(text, published="2025-04-09")
    names = {a.id: a.name for a in briefing.actors}
    return briefing, [(q.text, names.get(q.speaker), q.speaker_name) for q in briefing.quotes]


def test_said_before_and_after_and_curly_quotes():
    _, found = quotes(
        'Jane Doe met the board on Monday. "We will build the road this year," Doe said.\n'
        'Said John Roe: \u201cThe money is already there for it.\u201d'
    )
    assert ("We will build the road this year", "Jane Doe", "Doe") in found
    assert ("The money is already there for it.", "John Roe", "John Roe") in found


def test_interrupted_quote_is_one_quote():
    briefing, found = quotes('Jane Doe spoke. "We are ready," she said, "and we will start on Monday."')
    assert len(found) == 1
    text, speaker, _ = found[0]
    assert text == "We are ready … and we will start on Monday."
    assert speaker == "Jane Doe"
    start, end = briefing.quotes[0].span
    assert briefing.text[start:end].startswith('"We are ready,"')


def test_pronoun_and_company_speakers():
    _, found = quotes(
        "Acme Corp hired Jane Doe last year. Speaking to reporters, she said the firm would "
        '"make some announcements soon" on the mine. "We expect to reopen in a month," the company said.'
    )
    assert ("make some announcements soon", "Jane Doe", "Jane Doe") in found
    assert ("We expect to reopen in a month", "Acme Corp", "Acme Corp") in found


def test_according_to_and_multi_sentence_quotes():
    _, found = quotes(
        'The talks failed, according to Mary Smith. "We tried. We really tried hard," Smith added.\n'
        '"It is over for now and nobody can change that," according to Peter Jones.'
    )
    assert ("We tried. We really tried hard", "Mary Smith", "Smith") in found
    assert ("It is over for now and nobody can change that", "Peter Jones", "Peter Jones") in found


def test_short_titles_and_inches_are_not_quotes():
    _, found = quotes('The "Back to the Future" tour uses a 13.3" screen and a 15" one, John Roe said.')
    assert found == []


def test_seed_article_quotes_are_boulos(seed_briefing):
    names = {a.id: a.name for a in seed_briefing.actors}
    assert len(seed_briefing.quotes) == 2
    assert {names[q.speaker] for q in seed_briefing.quotes} == {"Massad Boulos"}
    assert any(q.text == "make some announcements soon" for q in seed_briefing.quotes)
