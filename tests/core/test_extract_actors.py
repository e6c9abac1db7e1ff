"""Stage 3: actors, kinds, aliases, descriptions and mentions."""

from pathlib import Path

import pytest

from briefings.extract import extract

SEED_ARTICLE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seed" / "bisie-tin-mine.txt"


@pytest.fixture(scope="module")
def seed_briefing():
    """The seed article (read at run time), extracted with its publication date."""
    return extract(SEED_ARTICLE.read_text(encoding="utf-8"), published="2025-04-09")


TEXT = """Harbour Works Ltd. said on Monday it would build a new terminal in Lagos.
The company's chief executive, Adaeze Okonkwo, said the United Nations backed the plan.
Okonkwo added that the UN had sent experts. Washington welcomed the deal, and U.S. officials said the United States would help.
The Nigerian army guarded the site, while Nigerian military engineers surveyed it.
Government Accountability Office (GAO) auditors said the GAO would review it. On Friday, Monday and March were quiet.
"""


def actors_by_name():
    briefing = extract(TEXT, published="2025-04-09", title="Port deal")
    return briefing, {a.name: a for a in briefing.actors}


def test_aliases_merge_into_one_actor():
    _, actors = actors_by_name()
    assert set(actors["United States"].aliases) >= {"Washington", "U.S."}
    assert "UN" in actors["United Nations"].aliases
    assert "Okonkwo" in actors["Adaeze Okonkwo"].aliases
    assert "GAO" in actors["Government Accountability Office"].aliases


def test_kinds():
    _, actors = actors_by_name()
    assert actors["Harbour Works Ltd"].kind == "company"
    assert actors["Adaeze Okonkwo"].kind == "person"
    assert actors["United States"].kind == "country"
    army = next(a for a in actors.values() if a.name == "Nigerian army")
    assert army.kind == "military" and "Nigerian military" in army.aliases
    assert "Nigeria" not in actors  # the demonym phrase is the military, not the country


def test_no_dates_or_sentence_openers_as_actors():
    _, actors = actors_by_name()
    for word in ("Monday", "Friday", "March", "On", "The", "Okonkwo added"):
        assert word not in actors


def test_mentions_are_spans_of_the_names():
    briefing, actors = actors_by_name()
    person = actors["Adaeze Okonkwo"]
    assert [briefing.text[a:b] for a, b in person.mentions] == ["Adaeze Okonkwo", "Okonkwo"]


def test_description_from_the_article_words():
    text = ("The plan came from Prime Minister Ola Adeyemi's top trade adviser, Kemi Bello, "
            "who met Senator John Marsh on Monday. Bello said little.")
    actors = {a.name: a for a in extract(text, published="2025-04-09").actors}
    assert actors["Kemi Bello"].description == "Prime Minister Ola Adeyemi's top trade adviser"
    assert actors["John Marsh"].description == "Senator"
    assert actors["Ola Adeyemi"].kind == "person"


def test_capital_acting_is_its_country():
    text = "Kigali denies the claims. Rwanda says its troops left."
    actors = extract(text, published="2025-04-09").actors
    rwanda = [a for a in actors if a.name == "Rwanda"]
    assert len(rwanda) == 1 and "Kigali" in rwanda[0].aliases


def test_seed_article_merges_washington_into_the_united_states(seed_briefing):
    us = [a for a in seed_briefing.actors if "Washington" in a.names]
    assert len(us) == 1 and us[0].name == "United States" and us[0].kind == "country"
    boulos = next(a for a in seed_briefing.actors if a.name == "Massad Boulos")
    assert "Boulos" in boulos.aliases
    assert "adviser" in boulos.description


def test_a_title_before_a_name_is_described_in_whole_words() -> None:
    briefing = extract("Miners return\n\nChief executive Maritz Smith said staff would return to the mine.\n")
    smith = next(a for a in briefing.actors if a.name == "Maritz Smith")
    assert smith.description == "Chief executive"


def test_a_name_in_capitals_and_the_same_in_the_text_are_one_actor() -> None:
    """A dateline's "ISTANBUL" and the text's "Istanbul" made two actors sharing one id."""
    from briefings.extract import extract

    briefing = extract("ISTANBUL, Turkey (AP)_ Some 300 dockworkers marched Sunday in downtown Istanbul, blocking "
                       "the port gates. The police kept the crowd away from the harbour office in downtown Istanbul.",
                       published="1998-03-08")
    ids = [a.id for a in briefing.actors]
    assert len(ids) == len(set(ids))
    assert [(a.name, a.kind) for a in briefing.actors if a.name.lower() == "istanbul"] == [("Istanbul", "place")]
