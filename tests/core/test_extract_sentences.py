"""Stage 2: sentence spans."""

from briefings.extract.sentences import split_sentences


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mr. Lee met U.S. officials at Acme Inc. on Monday. George W. Bush was not there. It rained."
    assert sentences(text) == [
        "Mr. Lee met U.S. officials at Acme Inc. on Monday.",
        "George W. Bush was not there.",
        "It rained.",
    ]


def test_quotes_and_line_breaks():
    text = '"We will go," she said. "Now."\nA new paragraph'
    assert sentences(text) == ['"We will go," she said.', '"Now."', "A new paragraph"]


def test_spans_index_the_text():
    text = "  One.  Two!  "
    for a, b in split_sentences(text):
        assert text[a:b] in ("One.", "Two!")
