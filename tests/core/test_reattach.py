"""Annotations follow their entry when a corrected article is imported again."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.corpus import BISIE

from briefings.desk import Desk
from briefings.store import Store
from briefings.store.reattach import THRESHOLD, similarity
from cli.main import main

ARTICLE = BISIE / "bisie-restart.txt"
# Two sentences corrected slightly, one taken out (all after the lead, so the article
# keeps its id: its title and first lines are the same).
CORRECTIONS = [
    ("met Rwandan President Paul Kagame", "met with Rwandan President Paul Kagame"),
    ("Tin prices rose sharply when Bisie closed", "Tin prices rose very sharply when Bisie closed"),
    ("M23 withdrew from Walikale on March 22, according to residents.", ""),
]


def event(desk: Desk, briefing_id: str, starts: str) -> str:
    return next(e.id for e in desk.stored_briefing(briefing_id).events if e.summary.startswith(starts))


@pytest.fixture
def annotated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Desk, str, Path, dict[str, str]]:
    """The article imported and three of its events annotated; a corrected copy beside it."""
    article = tmp_path / "bisie-restart.txt"
    article.write_text(ARTICLE.read_text())
    root = tmp_path / "store"
    assert main(["import", str(article), "--published", "2025-04-15", "--store", str(root)]) == 0
    briefing_id = capsys.readouterr().out.strip()
    desk = Desk(root)
    ids = {starts: event(desk, briefing_id, starts) for starts in ("Massad Boulos", "Tin prices", "M23 withdrew")}
    desk.annotate(briefing_id, ids["Massad Boulos"], note="which day?", add_tags=["verify"], starred=True)
    desk.annotate(briefing_id, ids["Tin prices"], grade="B2")
    desk.annotate(briefing_id, ids["M23 withdrew"], note="residents only")
    text = article.read_text()
    for old, new in CORRECTIONS:
        assert old in text
        text = text.replace(old, new)
    article.write_text(text)
    return desk, briefing_id, article, ids


def test_a_corrected_reimport_keeps_its_annotations(annotated, capsys: pytest.CaptureFixture[str]) -> None:
    desk, briefing_id, article, ids = annotated
    assert main(["import", str(article), "--store", str(desk.root)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == briefing_id  # the same briefing, updated
    notes = Desk(desk.root).annotations(briefing_id)
    boulos, tin = event(desk, briefing_id, "Massad Boulos"), event(desk, briefing_id, "Tin prices")
    assert boulos != ids["Massad Boulos"] and tin != ids["Tin prices"]  # their text changed, so their ids
    assert (notes[boulos].note, notes[boulos].tags, notes[boulos].starred) == ("which day?", ("verify",), True)
    assert notes[tin].grade == "B2"
    # The sentence taken out has no entry like it: its note is kept, and the import says so.
    assert notes[ids["M23 withdrew"]].note == "residents only"
    assert f"{briefing_id}: 1 annotation on entries this version no longer has" in err


def test_an_orphan_is_listed_with_where_it_may_go_and_can_be_placed_or_dropped(
        annotated, capsys: pytest.CaptureFixture[str]) -> None:
    desk, briefing_id, article, ids = annotated
    assert main(["import", str(article), "--store", str(desk.root)]) == 0
    capsys.readouterr()
    orphan = ids["M23 withdrew"]
    assert main(["orphans", "--store", str(desk.root)]) == 0
    out, err = capsys.readouterr()
    assert f"{briefing_id}\t{orphan}\tresidents only" in out
    assert "was event: M23 withdrew from Walikale on March 22, according to residents." in out
    assert "may go on" in out and "1 orphaned annotation" in err
    target = event(desk, briefing_id, "Massad Boulos")
    assert main(["orphans", "attach", briefing_id, orphan, target, "--store", str(desk.root)]) == 0
    capsys.readouterr()
    notes = Store(desk.root).annotations(briefing_id)
    assert orphan not in notes and notes[target].note == "which day?\n\nresidents only"
    assert notes[target].tags == ("verify",) and notes[target].starred
    assert Desk(desk.root).orphans() == []
    assert main(["orphans", "drop", briefing_id, target, "--store", str(desk.root)]) == 2  # not an orphan
    assert "no orphaned annotation" in capsys.readouterr().err


def test_an_orphan_can_be_dropped(annotated, capsys: pytest.CaptureFixture[str]) -> None:
    desk, briefing_id, article, ids = annotated
    assert main(["import", str(article), "--store", str(desk.root)]) == 0
    assert main(["orphans", "drop", briefing_id, ids["M23 withdrew"], "--store", str(desk.root)]) == 0
    assert ids["M23 withdrew"] not in Store(desk.root).annotations(briefing_id)
    assert Desk(desk.root).orphans(briefing_id) == []


def test_importing_the_article_back_as_it_was_brings_an_orphan_home(annotated) -> None:
    desk, briefing_id, article, ids = annotated
    desk.import_article(str(article))
    article.write_text(ARTICLE.read_text())
    desk.import_article(str(article))
    notes = Store(desk.root).annotations(briefing_id)
    assert notes[ids["M23 withdrew"]].note == "residents only"
    assert Desk(desk.root).orphans(briefing_id) == []
    assert "was" not in Store(desk.root).annotation_docs(briefing_id)[ids["M23 withdrew"]]


def test_the_threshold_keeps_a_slight_edit_and_refuses_a_different_sentence() -> None:
    edited = similarity("Tin prices rose sharply when Bisie closed. 2024",
                        "Tin prices rose very sharply when Bisie closed. 2024")
    different = similarity("M23 withdrew from Walikale on March 22, according to residents. March 22",
                           "Tin prices rose very sharply when Bisie closed. 2024")
    assert edited >= THRESHOLD > different
