"""Stage 3, actors: where a name starts and ends, what kind it is, and which short forms it absorbs.

Every article here is made up for the test.
"""

from briefings.extract import extract

PORT_STRIKE = """Dockworkers strike shuts Valmora port

Elena Marsh, 52, has led the Dockworkers' Union of Valmora since 2019.
"We will not unload a single ship," Marsh told reporters outside the port gates in Valmora on Tuesday.
Shipping lines have begun sending their vessels to the rival port of Selby, forty kilometres to the north.
The Valmora Port Authority said it had offered a raise of four percent.
"Traffic is back to normal in Selby," said Tomas Reyes, a spokesman for the harbour master there.
"""


def actors_of(text: str) -> dict:
    return {a.name: a for a in extract(text, published="2025-04-09").actors}


def test_port_strike_union_is_one_name_through_its_apostrophe():
    actors = actors_of(PORT_STRIKE)
    assert "Dockworkers' Union of Valmora" in actors
    assert "Dockworkers" not in actors and "Union of Valmora" not in actors


def test_port_strike_leader_is_a_person_and_her_surname_merges():
    actors = actors_of(PORT_STRIKE)
    marsh = actors["Elena Marsh"]
    assert marsh.kind == "person"
    assert "Marsh" in marsh.aliases and "Marsh" not in actors


def test_port_strike_quote_goes_to_the_full_name():
    briefing = extract(PORT_STRIKE, published="2025-04-09")
    by_id = {a.id: a for a in briefing.actors}
    quote = next(q for q in briefing.quotes if q.text.startswith("We will not unload"))
    assert by_id[quote.speaker].name == "Elena Marsh"


def test_port_strike_town_is_a_place_apart_from_the_authority_named_after_it():
    actors = actors_of(PORT_STRIKE)
    authority = actors["Valmora Port Authority"]
    assert "Valmora" not in authority.aliases
    assert actors["Valmora"].kind == "place"


def test_port_strike_rival_port_is_a_place():
    assert actors_of(PORT_STRIKE)["Selby"].kind == "place"


def test_port_strike_word_opening_a_quote_is_no_actor():
    assert "Traffic" not in actors_of(PORT_STRIKE)


def test_a_name_opening_a_sentence_keeps_its_first_word():
    actors = actors_of("Papers\n\nThe New York Times reported the cuts. Federal Service for Financial Markets "
                       "officials fined the broker. New Jersey Governor Ada Quill spoke.\n")
    assert "New York Times" in actors and "York Times" not in actors
    assert "Federal Service for Financial Markets" in actors
    assert actors["Ada Quill"].kind == "person" and "Jersey" not in actors


def test_saint_opens_a_place_name():
    actors = actors_of("Talks\n\nThe envoys met in St. Petersburg on Friday. St. Petersburg was calm.\n")
    assert actors["St. Petersburg"].kind == "place"
    assert "Petersburg" not in actors


def test_two_companies_joined_by_and_stay_two():
    actors = actors_of("Cars\n\nOutput fell at Toyota and General Motors last month, analysts said.\n")
    assert {"Toyota", "General Motors"} <= set(actors)
    assert not any(" and " in name for name in actors)


def test_a_long_company_name_with_title_words_and_and_is_one_name():
    actors = actors_of("Jets\n\nThe Orbital Defence and Space Company OSC N.V. (OSC) won the order.\n")
    assert "Orbital Defence and Space Company OSC N.V." in actors
    assert "OSC" in actors["Orbital Defence and Space Company OSC N.V."].aliases


def test_middle_initial_stays_in_the_name():
    actors = actors_of("Hearing\n\nThe panel heard Harold J. Benton, who said it would meet again.\n")
    assert "Harold J. Benton" in actors and "Harold J" not in actors


def test_short_and_long_forms_of_an_institution_merge():
    actors = actors_of("Rates\n\nThe US Federal Reserve left rates unchanged. The Federal Reserve meets again in May.\n")
    fed = actors["US Federal Reserve"]
    assert "Federal Reserve" in fed.aliases and "Federal Reserve" not in actors


def test_the_danish_government_is_an_actor_not_the_country_from_its_adjective():
    actors = actors_of("Ports\n\nThe Danish government said it was watching the dispute closely.\n")
    assert "Denmark" not in actors
    assert actors["Danish government"].kind == "government"


def test_country_or_town_as_a_modifier_makes_no_actor():
    actors = actors_of("Markets\n\nThe UK index lost ground while shares rose at the Ostend headquarters of "
                       "Brill Cargo, and US officials said talks would go on.\n")
    assert "United Kingdom" not in actors
    assert "United States" in actors  # officials act for their country
    assert actors["Brill Cargo"].kind == "company"


def test_market_indices_are_not_actors():
    actors = actors_of("Stocks\n\nThe Hang Seng fell 2 percent, the FTSE 100 rose and the Nikkei 225 index "
                       "was flat. Standard & Poor's 500 futures slipped.\n")
    assert not {"Hang Seng", "FTSE", "FTSE 100", "Nikkei", "Standard", "Poor", "Standard & Poor"} & set(actors)


def test_a_name_ending_in_s_keeps_it():
    actors = actors_of("Ratings\n\nStandard & Poor's cut the city's rating, and Moody's said it might follow.\n")
    assert {"Standard & Poor's", "Moody's"} <= set(actors)


def test_seasons_plans_and_model_names_are_not_actors():
    actors = actors_of("Plans\n\nThe Marshall Plan was cited by Orla Quinn, who flew the new 747 Skyliner "
                       "last Summer.\n")
    assert not {"Marshall Plan", "Summer", "Skyliner"} & set(actors)
    assert "Orla Quinn" in actors


def test_a_given_name_makes_a_person():
    actors = actors_of("Visit\n\nThe talks were led by Marisol Okafor and the Kestrel Group.\n")
    assert actors["Marisol Okafor"].kind == "person"
    assert actors["Kestrel Group"].kind == "company"


def test_first_names_load_once_and_hold_census_names():
    from briefings.extract import lexicon

    names = lexicon.given_names()
    assert lexicon.given_names() is names
    assert {"Elena", "Tomas", "James"} <= names
    assert not {"May", "Morgan", "Summer", "Washington"} & names


def test_an_acronym_stands_for_a_name_with_a_legal_suffix():
    actors = actors_of("Cars\n\nGarland Motors Corp. said sales fell. GM will close a plant, a GM spokesman said.\n")
    assert "GM" in actors["Garland Motors Corp"].aliases and "GM" not in actors


def test_an_acronym_opening_a_sentence_is_kept():
    actors = actors_of("Union\n\nThe Allied Rail Workers called a strike. ARW leaders met on Monday.\n")
    assert "ARW" in actors["Allied Rail Workers"].aliases


def test_a_plural_noun_before_of_is_not_part_of_the_name():
    actors = actors_of("Stocks\n\nShares of Brenner Tool fell 4 percent. Stock markets in Asia rose, and the "
                       "Osaka Stock Exchange was busy.\n")
    assert "Brenner Tool" in actors and "Shares of Brenner Tool" not in actors
    assert "Stock" not in actors


def test_a_title_word_inside_a_longer_title_still_splits_off_the_person():
    actors = actors_of("Vote\n\nHouse Speaker Ines Varga met the union on Thursday.\n")
    assert actors["Ines Varga"].kind == "person"
    assert not any("Speaker" in name for name in actors)


def test_the_acronym_of_a_conference_is_no_actor():
    actors = actors_of("Keynote\n\nOn Monday, at the Global Makers Conference (GMC), Lina Oduya spoke.\n")
    assert "GMC" not in actors


def test_an_organisation_named_for_what_it_oversees_is_not_a_company():
    actors = actors_of("Fine\n\nThe Federal Service for Financial Markets fined the broker.\n")
    assert actors["Federal Service for Financial Markets"].kind == "organization"


def test_a_person_of_a_state_is_two_actors():
    briefing = extract("Vote\n\n\"We will win this,\" said Rep. Dana K. Morrow of Ohio on Monday.\n",
                       published="2025-04-09")
    actors = {a.name: a for a in briefing.actors}
    assert actors["Dana K. Morrow"].kind == "person"
    assert "Ohio" in actors
    assert {a.id: a.name for a in briefing.actors}[briefing.quotes[0].speaker] == "Dana K. Morrow"


def test_events_named_like_organisations_are_not_actors():
    actors = actors_of("History\n\nThe Great Depression and the Asian Financial Crisis were recalled by Omar Tell.\n")
    assert not {"Great Depression", "Asian Financial Crisis"} & set(actors)


def test_a_nationality_and_a_title_before_a_full_name():
    actors = actors_of("Talks\n\n\"We must act,\" Austrian Chancellor Greta Lindqvist told reporters. Lindqvist left.\n")
    assert "Lindqvist" in actors["Greta Lindqvist"].aliases


def test_a_listed_term_and_its_acronym_are_not_actors():
    actors = actors_of("Jets\n\nKorvin Aero said Inspection, Cleaning and Testing (ICT) work would grow.\n")
    assert not {"Inspection", "Cleaning", "Testing", "ICT"} & set(actors)
    assert "Korvin Aero" in actors


def test_plural_and_case_variants_of_a_name_merge():
    actors = actors_of("Jets\n\nThe first Skybus arrived. Two more Skybuses follow, said Tarn Aviation. "
                       "The SkyBus flies in May.\n")
    assert len([a for a in actors.values() if a.name.lower().startswith("skybus")]) <= 1


def test_country_letters_before_an_acronym():
    actors = actors_of("Bid\n\nThe USAF said the Air Force would decide in June.\n")
    air_force = [a for a in actors.values() if "USAF" in a.names or "Air Force" in a.names]
    assert len(air_force) == 1
