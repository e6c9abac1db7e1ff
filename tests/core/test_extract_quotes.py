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


def speakers(text):
    """{quote text: speaker name as written} for ``text``."""
    _, found = quotes(text)
    return {q: name for q, _, name in found}


def test_honorifics_and_initials_after_the_quote_keep_the_name_whole():
    found = speakers(
        'The council met on Monday.\n'
        '"We will not back down from this fight," Ms. Okafor said.\n'
        '"Rates will stay where they are for now," Sen. Paul T. Harlow said after the vote.\n'
        '"The bridge opens in the spring," said Rep. Maria Lopez of Texas.'
    )
    assert found["We will not back down from this fight"] == "Okafor"
    assert found["Rates will stay where they are for now"] == "Paul T. Harlow"
    assert found["The bridge opens in the spring"] == "Maria Lopez"


def test_a_role_in_lower_case_before_the_name():
    found = speakers(
        'Talks broke down late on Friday.\n'
        '"The numbers simply do not add up," union spokeswoman Dana Reyes said.\n'
        '"This is a good day for all of us," a smiling Clinton said.\n'
        '"We are very close to a deal now," said campaign chairman John Podell.'
    )
    assert found["The numbers simply do not add up"] == "Dana Reyes"
    assert found["This is a good day for all of us"] == "Clinton"
    assert found["We are very close to a deal now"] == "John Podell"


def test_appositives_between_the_name_and_the_verb():
    found = speakers(
        'The plant closed last year.\n'
        '"Nobody told us anything about it," Tom Baker, 52, a retired welder from Ohio, said.\n'
        '"It is an overreach by the federal agency," Laura Kent, the attorney general of Utah, '
        'one of the states suing the agency, said on Tuesday.\n'
        '"We saw it coming for years," Mr. Vance of the Sierra Club said.'
    )
    assert found["Nobody told us anything about it"] == "Tom Baker"
    assert found["It is an overreach by the federal agency"] == "Laura Kent"
    assert found["We saw it coming for years"] == "Vance"


def test_the_subject_of_a_sentence_around_a_partial_quote():
    found = speakers(
        'Mayor Ruiz called the plan "a disaster waiting to happen."\n'
        'The Harbor Workers Union accused the managers of "bargaining in bad faith for months."\n'
        'In March, after a long meeting, the Water Board issued a statement saying that "the supply is safe."\n'
        'Politicians argued about it. The mayor rejected Governor Kim Patel\'s claim that "the budget is balanced."'
    )
    assert found["a disaster waiting to happen."] == "Ruiz"
    assert found["bargaining in bad faith for months."] == "Harbor Workers Union"
    assert found["the supply is safe."] == "Water Board"
    assert found["the budget is balanced."] == "Kim Patel"


def test_speech_verbs_beyond_said():
    found = speakers(
        'Jane Roe implored the crowd: "Please go home and stay safe tonight."\n'
        'Later, John Moss tweeted, "What a night it has been for this city."\n'
        'The report was "a piece of fiction from start to end," Ann Lee wrote.'
    )
    assert found["Please go home and stay safe tonight."] == "Jane Roe"
    assert found["What a night it has been for this city."] == "John Moss"
    assert found["a piece of fiction from start to end"] == "Ann Lee"


def test_a_quote_that_goes_on_after_its_attribution_keeps_its_speaker():
    _, found = quotes(
        'The season ended badly.\n'
        '"We are done here for good," said Ali Khan, 34, packing his bag. "I am not coming back next year."\n'
        '"Prices are rising every week," Ms. Ortiz said, adding, "and wages are not keeping up."\n'
        '"It is heartbreaking to see," Rob Hale said.\n'
        '"And this town has to find a new way to heal."'
    )
    by_text = {q: name for q, _, name in found}
    assert by_text["We are done here for good"] == "Ali Khan"
    assert by_text["I am not coming back next year."] == "Ali Khan"
    assert by_text["Prices are rising every week"] == "Ortiz"
    assert by_text["and wages are not keeping up."] == "Ortiz"  # two quotes, one speaker
    assert by_text["And this town has to find a new way to heal."] == "Rob Hale"


def test_layouts_dash_lines_name_lines_and_outlet_lists():
    found = speakers(
        'Readers wrote in.\n'
        '"The debate showed me nothing new at all." ― Maria Gomez\n'
        '"Nobody on that stage spoke for me." — Peter Olsen.\n'
        'Pundits reacted.\n'
        'Chris Dalton, Channel Nine: "He won the night without a doubt."\n'
        'Anna Berg continued:\n'
        '"This race is far from over, whatever the polls say."'
    )
    assert found["The debate showed me nothing new at all."] == "Maria Gomez"
    assert found["Nobody on that stage spoke for me."] == "Peter Olsen"
    assert found["He won the night without a doubt."] == "Chris Dalton"
    assert found["This race is far from over, whatever the polls say."] == "Anna Berg"


def test_markup_attributes_are_not_quotes():
    long_value = " ".join(["we are not going anywhere soon"] * 30)  # longer than any tag length limit
    _, found = quotes(
        f'Jane Doe posted her view. <tweet tweet-author="Jane Doe" tweet-text="{long_value}">'
        '</tweet> "That is all I will say today," she said.'
    )
    assert [q for q, _, _ in found] == ["That is all I will say today"]


def test_transcript_lines_and_a_paragraph_opened_with_the_wrong_mark():
    _, found = quotes(
        'Mills on the radio.\n'
        'Senator Ruth Mills spoke to Jim Hale on the radio. A partial transcript follows:\n'
        '"HALE: Will you run for the seat again next year?\n'
        '"MILLS: I have not made up my mind about that yet.\n'
        'Readers sent letters.\n'
        '\u201dThe bridge should have been fixed years ago by the city.\u201d \u2015 Omar Diaz\n'
    )
    by_text = {q: name for q, _, name in found}
    assert by_text["Will you run for the seat again next year?"] == "Jim Hale"
    assert by_text["I have not made up my mind about that yet."] == "Ruth Mills"
    assert by_text["The bridge should have been fixed years ago by the city."] == "Omar Diaz"


def test_he_and_she_are_the_latest_fitting_person_outside_the_quote():
    _, found = quotes(
        'Mary Stone met Tom Reed on Monday. "Tom Reed will never win this seat," she said.\n'
        'Ms. Lane spoke after Mr. Ortiz. "We are not done with this yet," he said.'
    )
    by_text = {q: speaker for q, speaker, _ in found}
    assert by_text["Tom Reed will never win this seat"] == "Mary Stone"
    assert by_text["We are not done with this yet"] == "Ortiz"


def test_she_is_the_subject_of_a_speech_verb_even_of_an_unknown_kind():
    _, found = quotes(
        '"I sent a nurse to go with her on the trip," Mariano wrote.\n'
        'In her 2003 book, Living History, Clinton noted the problem.\n'
        'After the visit, she was "whisked off to the hospital at once" for tests.'
    )
    by_text = {q: name for q, _, name in found}
    assert by_text["whisked off to the hospital at once"].endswith("Clinton")


def test_quoted_as_saying_names_the_one_quoted():
    found = speakers('"We do not need new planes this year," the Daily Star quoted Ali Reza as saying.')
    assert found["We do not need new planes this year"] == "Ali Reza"


def test_two_speakers_joined_by_and():
    _, found = quotes(
        'The senators wrote a letter.\n'
        '"The program needs more oversight from now on," Mr. Grassley and Mr. Leahy said in a statement.'
    )
    assert found[0][2] == "Grassley and Leahy"


def test_a_name_in_apposition_after_a_description_and_no_description_for_a_name():
    _, found = quotes(
        'The vote was close.\n'
        '"This fight is not over yet," the senator from Maine, Susan Collins, said.\n'
        '"The deal is a good one for us," Jane Roe, a lawyer for John Smith, said.\n'
        'The governor, a Republican, told the crowd that "the state will not back down."'
    )
    by_text = {q: name for q, _, name in found}
    assert by_text["This fight is not over yet"] == "Susan Collins"
    assert by_text["The deal is a good one for us"] == "Jane Roe"
    assert by_text["the state will not back down."] != "Republican"


def test_he_is_never_a_company_that_spoke_before():
    _, found = quotes(
        'Tom Reed runs the plant.\n'
        'In a statement, the Acme Corporation said: "We regret the error in full."\n'
        '"I am not worried at all," he said, smiling.'
    )
    by_text = {q: speaker for q, speaker, _ in found}
    assert by_text["I am not worried at all"] == "Tom Reed"


def test_someone_unnamed_is_no_one_and_takes_no_earlier_speaker():
    _, found = quotes(
        'Flooding hit the coast.\n'
        'Prime Minister Keir Starmer said on Monday: "Help is on the way for every family."\n'
        '"It is a disaster for the whole street," one resident, who asked not to be named, told reporters.\n'
        '"This changes nothing for our members," according to a statement from the Teachers Union.'
    )
    by_text = {q: name for q, _, name in found}
    assert by_text["Help is on the way for every family."] == "Keir Starmer"
    assert by_text["It is a disaster for the whole street"] is None
    assert by_text["This changes nothing for our members"] == "Teachers Union"


def test_the_ministry_is_the_last_ministry_named():
    _, found = quotes(
        'The Health Ministry sent inspectors to the Acme Corporation plant on Monday.\n'
        '"We are looking into the matter with care," the ministry said.'
    )
    assert found[0][1] == "Health Ministry"


def test_a_name_heading_over_a_quote():
    found = speakers(
        'What the candidates said.\n'
        'Maria Gomez\n'
        '"We will fix the roads before we build anything new."\n'
        'Analysis\n'
        '"Nobody else in this race has a plan for the roads."'
    )
    assert found["We will fix the roads before we build anything new."] == "Maria Gomez"
    assert found["Nobody else in this race has a plan for the roads."] != "Analysis"
