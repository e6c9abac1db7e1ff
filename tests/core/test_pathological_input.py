"""Shapes that used to take minutes (their speed is measured in benchmarks/adversarial.py; here,
that what they hold still comes through): a tag with 300,000 attributes, a page with a table
of 200,000 cells, a chain of 20,000 actor merges."""

from __future__ import annotations

from briefings.identities import Decision, Identities
from briefings.importing.web import MAX_ATTRIBUTES, _bounded, parse_page
from briefings.names import name_key

WORDS = ("Dock workers in Port Calder ended their strike on Monday after the port authority agreed "
         "to review night shifts, a union spokesman said. ")


def page(body: str) -> str:
    return f"<html><head><title>Strike ends</title></head><body><article><p>{WORDS * 3}</p>{body}</article></body></html>"


def test_a_paragraph_of_300000_attributes_keeps_its_text_and_its_first_attributes() -> None:
    html = page('<p class="lead" ' + " ".join(f'data-a{i}="x"' for i in range(300_000)) + f">Cranes {WORDS}</p>")
    bounded = _bounded(html)
    assert bounded.count("data-a") == MAX_ATTRIBUTES - 1 and 'class="lead"' in bounded
    assert "Cranes Dock workers" in parse_page(html, url=None, label="page").text
    assert _bounded(html.encode()) == bounded.encode()  # a page read as bytes alike


def test_a_page_with_a_huge_table_keeps_its_article_without_the_table() -> None:
    html = page("<table>" + "<tr>" + "<td>crane 7</td>" * 10 + "</tr>" * 1 + ("<tr>" + "<td>x</td>" * 10 + "</tr>") * 20_000
                + "</table>" + f"<p>After the table: {WORDS}</p>")
    article = parse_page(html, url=None, label="page")
    assert "After the table" in article.text and "crane 7" not in article.text


def test_an_ordinary_page_is_left_as_it_is() -> None:
    html = page('<table><tr><td>crane 7</td></tr></table><img src="a.png" alt="x" width="3">')
    assert _bounded(html) == html


def test_a_chain_of_20000_merges_is_one_actor_shown_as_the_first_name() -> None:
    decisions = [Decision("merge", f"Crane operator {i}", f"Crane operator {i + 1}") for i in range(20_000)]
    identities = Identities(decisions)
    first, last = name_key("Crane operator 0"), name_key("Crane operator 20000")
    assert identities.canonical(first) == identities.canonical(last)
    assert len(identities.group(last)) == 20_001
    assert identities.display(last) == "Crane operator 0"
