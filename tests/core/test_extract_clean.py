"""Stage 1: web debris, headline and dateline."""

from briefings.extract import extract
from briefings.extract.clean import clean_article

PAGE = """Skip to content
Ministers back new port deal in Lagos
Share this article
LAGOS, March 4 (Reuters) - Nigeria's cabinet approved a port expansion on Tuesday, officials said.
Advertisement
The contract goes to Harbour Works Ltd.
Reporting by Ada Obi; Editing by Tom Marsh
Scroll to Top
"""


def test_debris_lines_are_dropped_and_headline_becomes_title():
    article = clean_article(PAGE)
    assert article.title == "Ministers back new port deal in Lagos"
    for debris in ("Share this", "Advertisement", "Reporting by", "Scroll to Top", "Skip to content"):
        assert debris not in article.text
    assert "The contract goes to Harbour Works Ltd." in article.text


def test_dateline_gives_the_date_and_leaves_the_text():
    article = clean_article("Headline here\n\nKINSHASA, April 9, 2025 (Reuters) - Talks resumed in the capital.")
    assert article.published == "2025-04-09"
    assert article.outlet == "Reuters"
    assert article.text == "Talks resumed in the capital."


def test_dateline_date_is_used_when_no_date_is_given():
    briefing = extract("Port deal signed\n\nLAGOS, March 4, 2024 (Reuters) - The deal was signed on Monday.")
    assert briefing.source.published == "2024-03-04"
    monday = next(e for e in briefing.events if e.when.text == "Monday")
    assert monday.when.value == "2024-03-04"  # the dateline's own weekday


def test_agency_dateline_without_date_and_a_date_line():
    article = clean_article("WASHINGTON (AP) \u2014 Lawmakers met late into the night.")
    assert article.text == "Lawmakers met late into the night."
    article = clean_article("Court rules on merger\n\nMarch 01, 2008\n\nThe court ruled on Friday.")
    assert article.title == "Court rules on merger"
    assert article.published == "2008-03-01"
    assert article.text == "The court ruled on Friday."


def test_published_line_gives_the_date():
    article = clean_article("Rains flood the valley\n\nPublished 9 April 2025\n\nHeavy rains flooded farms.")
    assert article.published == "2025-04-09"
    assert "Published" not in article.text


def test_a_given_title_keeps_the_first_line_in_the_text():
    article = clean_article("Heavy rains flooded farms.\nMore rain is due.", title="Floods")
    assert article.title == "Floods"
    assert article.text.startswith("Heavy rains")
