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


def test_doubled_single_quotes_open_a_sentence_and_v_is_an_abbreviation():
    text = "The case went back to Smith v. Jones in court. ''We will appeal,'' the lawyer said."
    assert sentences(text) == [
        "The case went back to Smith v. Jones in court.",
        "''We will appeal,'' the lawyer said.",
    ]


def test_a_long_run_of_end_marks_is_read_in_linear_time():
    import time

    text = "a" + "." * 200_000 + " Next one here."
    start = time.perf_counter()
    assert sentences(text)[-1] == "Next one here."
    assert time.perf_counter() - start < 1.0  # was quadratic: minutes for a line of dots
