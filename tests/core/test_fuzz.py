"""Hypothesis builds articles and notes from hostile pieces (Rich markup, ANSI and OSC sequences,
control characters, bidi overrides, zero-width characters, very long words) mixed with ordinary
news sentences. Import, extract, show, every export and annotate must never raise; what is stored
holds no control character; markup comes out as written."""

from __future__ import annotations

import pytest

import csv
import io
import json
import re
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.export import FORMATS, export
from briefings.export.markdown import escape
from briefings.extract import ExtractionError, extract
from briefings.sanitize import clean
from briefings.store import Store
from cli.main import main

MARKUP = ["[bold]", "[/]", "[link=https://x.example/a]", "[/link]", "[red on white]", "[b]x[/b]", "\\[bold]",
          "[@click=app.quit]", ":warning:"]
ESCAPES = ["\x1b[31m", "\x1b[2J", "\x1b[0m", "\x1b]52;c;SGVsbG8=\x07", "\x1b]52;c;SGVsbG8=",
           "\x1b]8;;https://x.example\x1b\\", "\x1b]8;;\x1b\\", "\x1b]0;title\x07", "\x9b31m", "\x1bP+q\x1b\\",
           "\x1bc", "\x1b"]
CONTROLS = [chr(c) for c in range(32) if c not in (9, 10)] + ["\x7f", "\r\n"] + [chr(c) for c in range(0x80, 0xa0)]
INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u2060", "\ufeff"]
ORDINARY = ["Last month", "the Bisie tin mine", "in North Kivu", "reopened on Tuesday,", "Alphamin Resources said.",
            '"We are back at work," said Maria Kabila, the mine\'s director.', "M23 rebels withdrew",
            "in March 2025.", "The company", "weeks earlier", "Kinshasa", "according to a statement on Friday."]
# What no stored text may hold: C0 (but tab and newline), DEL, C1, bidi controls, zero-width characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")

piece = st.one_of(
    st.sampled_from(MARKUP + ESCAPES + CONTROLS + INVISIBLE),
    st.sampled_from(ORDINARY),
    st.sampled_from(ORDINARY),
    st.integers(100, 3_000).map(lambda n: "Kivu" * (n // 4)),  # a very long word
    st.text(max_size=12),
)
separator = st.sampled_from([" ", " ", "", "\n", ". "])
hostile_text = st.lists(st.tuples(piece, separator), min_size=1, max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))
markup_piece = st.sampled_from(MARKUP)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def strings(value: Any):
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.slow
@settings(FUZZ, max_examples=100)
@given(text=hostile_text)
def test_extraction_never_raises_and_keeps_no_control_character(text: str) -> None:
    try:
        briefing = extract(text, published="2025-04-09")
    except ExtractionError:
        return
    found = [s for s in strings(briefing.to_dict()) if FORBIDDEN.search(s)]
    assert not found, found[0]
    for entry in (*briefing.events, *briefing.quotes):
        if entry.span:
            assert 0 <= entry.span[0] <= entry.span[1] <= len(briefing.text)


@pytest.mark.slow
@FUZZ
@given(text=hostile_text, markup=markup_piece, note=hostile_text, tag=hostile_text)
def test_import_show_export_and_annotate_take_hostile_text_as_data(text: str, markup: str, note: str,
                                                                   tag: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, article = Path(tmp) / "store", Path(tmp) / "article.txt"
        article.write_text(f"{markup} {text}", encoding="utf-8")
        code, out, err = cli("import", str(article), "--published", "2025-04-09", "--store", str(root))
        if code == 2:  # refused: one line naming the file
            assert err.count("\n") == 1 and str(article) in err
            return
        assert code == 0, err
        briefing_id = out.strip()
        stored = Store(root).load(briefing_id)
        found = [s for s in strings(stored.to_dict()) if FORBIDDEN.search(s)]
        assert not found, found[0]
        assert markup in stored.title + stored.text  # markup is kept as written (a short first line is the title)

        code, out, _ = cli("show", briefing_id, "--store", str(root))
        assert code == 0 and escape(stored.title) in out
        code, out, _ = cli("show", briefing_id, "--format", "json", "--store", str(root))
        assert code == 0 and json.loads(out)["text"] == stored.text

        for fmt in FORMATS:
            data = export(Store(root), fmt, briefing_id=briefing_id).data.decode("utf-8")
            if fmt == "json":
                assert json.loads(data)["text"] == stored.text
            elif fmt == "csv":
                rows = list(csv.DictReader(io.StringIO(data)))
                assert sorted(r["summary"].removeprefix("'") for r in rows) == sorted(e.summary for e in stored.events)
            elif fmt == "markdown":
                assert all(escape(e.summary) in data for e in stored.events)
            else:
                from icalendar import Calendar

                summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")}
                assert summaries <= {e.summary for e in stored.events}

        entry = sorted(stored.entry_ids())[0] if stored.entry_ids() else None
        if entry is None:
            return
        code, out, err = cli("annotate", briefing_id, entry, f"--note={note}", f"--tag={tag}", "--star",
                             "--store", str(root))
        if code == 2 and len(clean(tag).strip()) > 200:  # longer than any tag: refused in one line
            assert err.count("\n") == 1 and "a tag of over 200 characters" in err
            assert not Store(root).load(briefing_id).annotations
            return
        assert code == 0, err
        saved = Store(root).load(briefing_id).annotations[entry]
        assert saved.note == clean(note)
        assert not [s for s in (saved.note, *saved.tags) if FORBIDDEN.search(s)]
        code, out, _ = cli("show", briefing_id, "--store", str(root))
        assert code == 0 and (not saved.note.strip() or escape(saved.note) in out)

