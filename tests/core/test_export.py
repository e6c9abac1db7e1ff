"""Exports: Markdown, briefing/1 JSON (read back by import), CSV and iCalendar."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import icalendar
import pytest
from markdown_it import MarkdownIt
from support.builders import afp, briefing, reuters, when

from briefings import identities, search, stories
from briefings.export import export, fold_line
from briefings.model import Annotation
from briefings.store import Store
from cli.main import main

NASTY = 'a; b, c\\d\n"quoted" =1+2 [x](http://evil) <b>*bold*</b> # ✓ ünïcødé'


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "s"
    store = Store(root)
    store.save(reuters())
    store.save(afp())
    store.annotate("b1aa", "e1", note=NASTY, tags=["verify", "to check"], starred=True, grade="B2")
    store.annotate("b1aa", "a1", note="rebel group", hidden=True)
    store.annotate("b2bb", "e1", note="AFP says Thursday")
    stories.add_to_story(store, "Walikale", "b1aa", "b2bb")
    return root


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_export_imports_back_as_the_same_briefing_with_annotations(root: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "b1aa.json"
    assert cli(capsys, "--store", str(root), "export", "b1a", "--format", "json", "-o", str(out))[0] == 0
    other = tmp_path / "other"
    code, stdout, _ = cli(capsys, "--store", str(other), "import", str(out))
    assert code == 0 and stdout == "b1aa\n"
    original, copy = Store(root).load("b1aa"), Store(other).load("b1aa")
    assert copy == original
    assert copy.annotations["e1"].note == NASTY and copy.annotations["a1"].hidden


def test_annotations_arriving_with_a_batch_are_kept_the_readers_own_winning(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.save(reuters())
    store.annotate("b1aa", "e1", note="my note")
    store.save_many([replace(reuters(), annotations={"e1": Annotation(note="their note"), "e2": Annotation(tags=("verify",))}),
                     replace(afp(), annotations={"q2": Annotation(starred=True, tags=("key",))})])
    again = Store(store.root)
    assert again.annotations("b1aa")["e1"].note == "my note" and again.annotations("b1aa")["e2"].tags == ("verify",)
    assert again.annotations("b2bb")["q2"].starred
    assert again.tags() == ["key", "verify"]  # offered for completion
    assert [h.id for h in search.search(again, "tag:key")] == ["b2bb"]


def test_story_json_carries_its_briefings_and_the_merge_decisions(root: Path, tmp_path: Path, capsys) -> None:
    identities.merge(Store(root), "M23", "AFC/M23")
    identities.merge(Store(root), "Glencore", "Trafigura")  # touches no actor of the story
    out = tmp_path / "story.json"
    assert cli(capsys, "--store", str(root), "export", "--story", "walikale", "--format", "json", "-o", str(out))[0] == 0
    other = tmp_path / "other"
    code, stdout, _ = cli(capsys, "--store", str(other), "import", str(out))
    assert code == 0 and stdout.split() == ["b1aa", "b2bb"]
    copy = Store(other)
    assert stories.get_story(copy, "Walikale").briefings == ("b1aa", "b2bb")
    assert [(d.a, d.b) for d in identities.decisions(copy)] == [("M23", "AFC/M23")]
    assert copy.load("b2bb") == Store(root).load("b2bb")
    # importing it again adds nothing twice
    assert cli(capsys, "--store", str(other), "import", str(out))[0] == 0
    assert len(identities.decisions(copy)) == 1


def test_a_bad_json_file_is_refused_and_nothing_stored(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"format": "briefing/1", "id": "b1", "title": "ok", "text": "t"}, {"format": "other/9"}]')
    Store(tmp_path / "s")
    code, _, err = cli(capsys, "--store", str(tmp_path / "s"), "import", str(bad))
    assert code == 2 and "other/9" in err
    assert not Store(tmp_path / "s").list()


def test_markdown_of_a_story_has_notes_tags_stars_grades_and_escapes_them(root: Path, capsys) -> None:
    code, out, _ = cli(capsys, "--store", str(root), "export", "--story", "Walikale", "--format", "markdown")
    assert code == 0
    assert "reported by 2" in out and "★" in out and "grade B2" in out and "#verify" in out
    assert "Note (Rebels pull back from Walikale): AFP says Thursday" in out
    assert "rebel group" not in out  # the note on an actor the reader hid: the export leaves it out, as the app does
    # Read by a Markdown parser, the note is text, never a link, emphasis or HTML.
    note = next(line for line in out.splitlines() if "Note (M23 leaves Walikale)" in line)
    tokens = MarkdownIt("commonmark").parseInline(note.split("- Note ", 1)[1])[0].children
    assert {t.type for t in tokens} <= {"text", "softbreak"}
    assert "".join(t.content for t in tokens) == "(M23 leaves Walikale): " + NASTY.replace("\n", " ")


def test_csv_timeline_reads_back_with_every_cell_intact(root: Path, capsys) -> None:
    code, out, _ = cli(capsys, "--store", str(root), "export", "--story", "Walikale", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 5  # one row per report: the withdrawal twice
    withdrawal = [r for r in rows if r["start"] == "2025-03-31"]
    assert {r["briefing"] for r in withdrawal} == {"b1aa", "b2bb"} and {r["reported_by"] for r in withdrawal} == {"2"}
    mine = next(r for r in withdrawal if r["briefing"] == "b1aa")
    assert mine["note"] == NASTY and mine["grade"] == "B2" and mine["tags"] == "verify to check"
    assert [r["start"] for r in rows][-1] == ""  # unresolved last


def test_csv_cells_a_spreadsheet_would_run_are_defused(store: Store) -> None:
    store.save(briefing("b7", "=HYPERLINK(\"http://x\")", events=[("e1", "+cmd|' /C calc'!A0", when("d", "2025-01-02"), [])]))
    rows = list(csv.reader(io.StringIO(export(store, "csv", briefing_id="b7").text, newline="")))
    assert rows[1][5] == "'+cmd|' /C calc'!A0" and rows[1][9].startswith("'=")


def test_ics_has_all_day_and_ranged_events_and_counts_the_unresolved(root: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "b1aa.ics"
    code, _, err = cli(capsys, "--store", str(root), "export", "b1aa", "--format", "ics", "-o", str(out))
    assert code == 0 and "left out 1 events without a resolved date" in err
    raw = out.read_bytes()
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and all(len(line) <= 75 for line in lines)
    cal = icalendar.Calendar.from_ical(raw)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 2
    week = events["b1aa-e1@briefing"]
    assert week.decoded("DTSTART") == date(2025, 3, 31) and week.decoded("DTEND") == date(2025, 4, 7)
    month = events["b1aa-e2@briefing"]
    assert month.decoded("DTSTART") == date(2025, 3, 1) and month.decoded("DTEND") == date(2025, 4, 1)
    assert NASTY in str(week["DESCRIPTION"])  # escaped, folded and read back whole


def test_ics_of_a_story_has_one_event_per_merged_report_and_single_days(store: Store) -> None:
    store.save(reuters())
    store.save(afp())
    stories.add_to_story(store, "W", "b1aa", "b2bb")
    result = export(store, "ics", story="W")
    assert result.skipped == 1
    cal = icalendar.Calendar.from_ical(result.data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 3  # withdrawal (merged), March halt, Friday talks
    friday = next(e for e in events if "Qatar" in str(e["SUMMARY"]))
    assert friday.decoded("DTSTART") == date(2025, 4, 4) and friday.decoded("DTEND") == date(2025, 4, 5)
    merged = next(e for e in events if "withdrawal" in str(e["SUMMARY"]))
    assert "Reported by 2 articles" in str(merged["DESCRIPTION"])


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é✓" * 60
    folded = fold_line(line).encode("utf-8")
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert folded.decode("utf-8").replace("\r\n ", "") == line


def test_export_needs_an_id_or_a_story(root: Path, capsys) -> None:
    code, _, err = cli(capsys, "--store", str(root), "export", "--format", "csv")
    assert code == 2 and "give a briefing ID or --story" in err
    code, _, err = cli(capsys, "--store", str(root), "export", "b1aa", "--story", "Walikale", "--format", "csv")
    assert code == 2
