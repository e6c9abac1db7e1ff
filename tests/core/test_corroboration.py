"""Where a story's sources agree and differ: conflicts of dates, numbers and speakers,
single-source rows, first reports, what an article adds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support.builders import briefing, when

from briefings import stories
from briefings.desk import Desk
from briefings.model import Briefing, Quantity
from briefings.store import Store
from briefings.stories.corroboration import added_by, agree, check, report

HALT = "Alphamin halted production at the Bisie tin mine"


def article(bid: str, published: str, outlet: str, *, halt: tuple | None = None, numbers=(), quotes=(),
            extra=()) -> Briefing:
    """An article on the Bisie halt: the halt (its words and When) with its numbers, more events, quotes."""
    events = ([("e1", halt[0], halt[1], ["a1", "a2"])] if halt else []) + list(extra)
    made = briefing(bid, f"Article {bid}", published=published, outlet=outlet, events=events, quotes=quotes,
                    actors=[("a1", "Alphamin Resources", "company", "Alphamin"), ("a2", "Bisie", "place"),
                            ("a3", "Massad Boulos", "person", "Boulos"), ("a4", "Paul Kagame", "person", "Kagame")])
    if numbers:
        made = replace(made, events=tuple(replace(e, quantities=tuple(numbers)) if e.id == "e1" else e
                                          for e in made.events))
    return made


def tons(text: str, value: int, step: int, hedge: str | None = None) -> Quantity:
    return Quantity(text, value, "t", "tin", step, hedge)


def kinds(view) -> list[str]:
    return [c.kind for c in check(view).conflicts]


MARCH_19 = when("on March 19", "2025-03-19")


# -- the rules ----------------------------------------------------------------------------


def test_rounding_is_never_a_conflict_and_a_different_number_is() -> None:
    a = article("b1", "2025-04-01", "Reuters", halt=(HALT, MARCH_19), numbers=[tons("17,300 tons of tin", 17300, 100)])
    b = article("b2", "2025-04-02", "AFP", halt=(HALT, MARCH_19), numbers=[tons("about 17,000 tons", 17000, 1000, "about")])
    c = article("b3", "2025-04-03", "AP", halt=(HALT, MARCH_19), numbers=[tons("17,000 tons", 17000, 1000)])
    assert kinds(stories.merge([a, b, c])) == []
    wrong = article("b4", "2025-04-04", "BBC", halt=(HALT, MARCH_19), numbers=[tons("7,300 tons of tin", 7300, 100)])
    (conflict,) = check(stories.merge([a, b, wrong])).conflicts
    assert conflict.kind == "number"
    assert [(v.outlet, v.text, v.value) for v in conflict.versions] == [
        ("Reuters", "17,300 tons of tin", "17300 t"), ("AFP", "about 17,000 tons", "about 17000 t"),
        ("BBC", "7,300 tons of tin", "7300 t")]
    assert "17,300 tons of tin / about 17,000 tons / 7,300 tons of tin" in conflict.summary


@pytest.mark.parametrize("x, y, agreed", [
    (Quantity("17,300", 17300, "t", step=100), Quantity("about 17,000", 17000, "t", step=1000, hedge="about"), True),
    (Quantity("17,300", 17300, "t", step=100), Quantity("17,000", 17000, "t", step=1000), True),
    (Quantity("17,600", 17600, "t", step=100), Quantity("17,000", 17000, "t", step=1000), False),
    (Quantity("17,300", 17300, "t", step=100), Quantity("7,300", 7300, "t", step=100), False),
    (Quantity("6.2%", 6.2, "%", step=0.1), Quantity("6%", 6, "%", step=1), True),
    (Quantity("27", 27, what="people killed"), Quantity("25", 25, what="people killed"), False),
    (Quantity("10", 10, what="people killed"), Quantity("12", 12, what="people killed"), False),
    (Quantity("at least 25", 25, step=1, hedge="at least"), Quantity("31", 31), True),
    (Quantity("up to 190 km", 190, "km", hedge="at most"), Quantity("160 km", 160, "km"), True),
    (Quantity("more than 40", 40, hedge="at least"), Quantity("14", 14), False),
])
def test_the_rounding_rule(x: Quantity, y: Quantity, agreed: bool) -> None:
    assert agree(x, y) is agreed and agree(y, x) is agreed


def test_numbers_of_different_kinds_are_not_compared() -> None:
    a = article("b1", "2025-04-01", "Reuters", halt=(HALT, MARCH_19),
                numbers=[Quantity("12 people killed", 12, what="people killed"), Quantity("6%", 6, "%", "global supply")])
    b = article("b2", "2025-04-02", "AFP", halt=(HALT, MARCH_19),
                numbers=[Quantity("30 people injured", 30, what="people injured"), Quantity("40 km", 40, "km")])
    assert kinds(stories.merge([a, b])) == []


def test_a_day_inside_the_others_week_or_month_is_never_a_conflict() -> None:
    week = when("last week", "2025-03-17", "2025-03-23", "2025-W12", "week")
    month = when("in March", "2025-03-01", "2025-03-31", "2025-03")
    a = article("b1", "2025-03-25", "Reuters", halt=(HALT, week))
    b = article("b2", "2025-03-26", "AFP", halt=(HALT, MARCH_19))
    c = article("b3", "2025-04-02", "AP", halt=(HALT, month))
    view = stories.merge([a, b, c])
    assert len(view.events) == 3  # three dates, three rows of the timeline ...
    found = check(view)
    assert found.conflicts == ()  # ... telling one event on dates that agree
    assert not any(found.is_single(f"e{n}") for n in range(3))
    assert found.told_by("e1", 1) == 3
    # The week's first and last days are inside it too.
    for day in ("2025-03-17", "2025-03-23"):
        d = article("b4", "2025-03-26", "BBC", halt=(HALT, when(f"on {day}", day)))
        found = check(stories.merge([a, d]))
        assert found.conflicts == () and not found.is_single("e0")


def test_different_days_of_one_event_are_a_date_conflict() -> None:
    a = article("b1", "2025-03-25", "Reuters", halt=(HALT, MARCH_19))
    b = article("b2", "2025-03-26", "AFP", halt=(HALT, MARCH_19))
    c = article("b3", "2025-03-27", "AP", halt=(HALT, when("on March 20", "2025-03-20")))
    view = stories.merge([a, b, c])
    (conflict,) = check(view).conflicts
    assert conflict.kind == "date"
    assert [(v.briefing, v.text, v.value) for v in conflict.versions] == [
        ("b1", "on March 19", "2025-03-19"), ("b2", "on March 19", "2025-03-19"), ("b3", "on March 20", "2025-03-20")]
    assert conflict.summary.endswith("19 March 2025 / 20 March 2025")
    assert set(conflict.rows) == {"e0", "e1"}
    # Another event weeks away is another event, however alike its words.
    far = article("b4", "2025-05-27", "BBC", halt=(HALT, when("on May 20", "2025-05-20")))
    assert kinds(stories.merge([a, b, far])) == []


QUOTE = "We want the mine to reopen as soon as it is safe"


def test_a_speaker_written_two_ways_is_never_a_conflict() -> None:
    a = article("b1", "2025-04-01", "Reuters", quotes=[("q1", QUOTE, "a3", "Massad Boulos")])
    b = article("b2", "2025-04-02", "AFP", quotes=[("q1", QUOTE, None, "Boulos")])
    c = article("b3", "2025-04-03", "AP", quotes=[("q1", QUOTE + ".", None, "a US official")])
    d = article("b4", "2025-04-04", "BBC", quotes=[("q1", QUOTE, "a1", "Alphamin")])  # his company said it
    view = stories.merge([a, b, c, d])
    found = check(view)
    assert found.conflicts == ()
    assert not any(found.is_single(f"q{g}.0") for g in range(len(view.quotes)))


def test_the_same_words_from_two_people_are_a_speaker_conflict() -> None:
    a = article("b1", "2025-04-01", "Reuters", quotes=[("q1", QUOTE, "a3", "Massad Boulos")])
    b = article("b2", "2025-04-02", "AFP", quotes=[("q1", "we want the mine to reopen as soon as it is safe", "a4",
                                                     "Kagame")])
    (conflict,) = check(stories.merge([a, b])).conflicts
    assert conflict.kind == "speaker"
    assert [(v.outlet, v.text, v.value) for v in conflict.versions] == [
        ("Reuters", "Massad Boulos", "Massad Boulos"), ("AFP", "Kagame", "Paul Kagame")]


# -- single source, first report, what an article adds ---------------------------------------


def test_single_source_first_reports_and_what_each_article_adds() -> None:
    meeting = ("e2", "Boulos met Kagame in Kigali", when("on Tuesday", "2025-04-08"), ["a3", "a4"])
    a = article("b1", "2025-04-09", "Reuters", halt=(HALT, MARCH_19))
    b = article("b2", "2025-04-10", "AFP", halt=(HALT, MARCH_19), extra=[meeting])
    c = article("b3", "2025-04-11", "AP", extra=[meeting])
    view = stories.merge([c, b, a])  # in any order: the earliest article is the first report
    found = report(view)
    assert found["single_source"] == []
    firsts = {f["summary"]: (f["briefing"], f["published"], f["told_by"]) for f in found["first_reports"]}
    assert firsts[HALT] == ("b1", "2025-04-09", 2)
    assert firsts["Boulos met Kagame in Kigali"] == ("b2", "2025-04-10", 2)
    alone = article("b4", "2025-04-12", "BBC", extra=[("e3", "Alphamin restarted the Bisie mine",
                                                        when("on Friday", "2025-04-11"), ["a1", "a2"])])
    view = stories.merge([a, b, c, alone])
    assert [(s["briefing"], s["entry"]) for s in report(view)["single_source"]] == [("b4", "e3")]
    assert {"e1", "a1", "a2", "a3", "a4"} <= added_by(view, "b1")  # every actor is named in each article
    assert added_by(view, "b2") == {"e2"}
    assert added_by(view, "b3") == frozenset()
    assert added_by(view, "b4") == {"e3"}


# -- the stored view, the door, the command line, the export ----------------------------------

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


def import_story(desk: Desk, folder: str) -> tuple[str, dict[str, str]]:
    """Import one of our test stories (tests/data/stories) as a reader would; its name and ids by file."""
    import json

    gold = json.loads((STORIES / folder / "gold.json").read_text("utf-8"))
    ids = {a["file"]: desk.import_article(str(STORIES / folder / a["file"]), published=a["published"],
                                          outlet=a["outlet"])[0].id for a in gold["articles"]}
    desk.add_to_story(gold["story"], *ids.values())
    return gold["story"], ids


def test_the_check_is_kept_with_the_stored_view(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "s")
    name, _ = import_story(desk, "goma-airport")
    merged = desk.open_story(name, on_merge=lambda story: None)
    stored = desk.open_story(name, on_merge=lambda story: pytest.fail("merged again"))
    assert report(stored) == report(merged)
    assert sorted(c.kind for c in stored.check.conflicts) == ["date", "number", "speaker"]


def test_a_conflict_resolved_with_a_note_stays_resolved_on_reimport(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "s")
    name, ids = import_story(desk, "goma-airport")
    conflict = next(c for c in desk.open_story(name).check.conflicts if c.kind == "number")
    desk.resolve_conflict(conflict, "The airline's manifest says 112")
    desk.import_article(str(STORIES / "goma-airport" / "2-great-lakes-wire.txt"), published="2025-11-04",
                        outlet="Great Lakes Wire")
    found = next(c for c in desk.check_story(name)["conflicts"] if c["kind"] == "number")
    assert found["resolved"] and found["note"] == "The airline's manifest says 112"
    desk.resolve_conflict(conflict, resolved=False)
    assert not any(c["resolved"] for c in desk.check_story(name)["conflicts"])
    assert desk.annotations(conflict.target[0])[conflict.target[1]].note == "The airline's manifest says 112"
    assert "Where the sources differ" in desk.export("markdown", story=name).text


def run(capsys, *argv: str) -> tuple[int, str, str]:
    from cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_story_check_from_the_command_line(tmp_path: Path, capsys) -> None:
    import json

    desk = Desk(tmp_path / "s")
    name, ids = import_story(desk, "goma-airport")
    code, out, _ = run(capsys, "--store", str(tmp_path / "s"), "story", "check", name, "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert set(found) == {"story", "conflicts", "single_source", "first_reports"}
    speaker = next(c for c in found["conflicts"] if c["kind"] == "speaker")
    assert {(v["briefing"], v["text"], v["value"]) for v in speaker["versions"]} == {
        (ids["1-kivu-times.txt"], "Kahindo", "Esther Kahindo"),
        (ids["2-great-lakes-wire.txt"], "Lawrence Kanyuka", "Lawrence Kanyuka")}
    assert all({"briefing", "entry", "outlet", "published", "text", "value"} <= set(v)
               for c in found["conflicts"] for v in c["versions"])
    assert [s["briefing"] for s in found["single_source"]] == [ids["3-continental-press.txt"]]
    assert all({"entry", "briefing", "published"} <= set(f) for f in found["first_reports"])
    code, out, _ = run(capsys, "--store", str(tmp_path / "s"), "story", "check", name)
    assert code == 0 and "Where the sources differ" in out and "Lawrence Kanyuka" in out
    code, out, err = run(capsys, "--store", str(tmp_path / "s"), "story", "check", "No such story")
    assert code == 2 and out == "" and err.count("\n") == 1 and "no story named" in err


def test_a_story_of_old_briefings_without_quantities_still_checks(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    for b in (article("b1", "2025-03-25", "Reuters", halt=(HALT, MARCH_19)),
              article("b2", "2025-03-26", "AFP", halt=(HALT, when("on March 20", "2025-03-20")))):
        store.save(b)
    stories.add_to_story(store, "Old", "b1", "b2")
    assert [c.kind for c in stories.open_story(store, "Old").check.conflicts] == ["date"]
