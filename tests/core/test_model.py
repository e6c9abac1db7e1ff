"""The briefing/1 interchange format: what goes out comes back in."""

from __future__ import annotations

import pytest

from briefings.model import (
    Actor,
    Annotation,
    Briefing,
    Event,
    FormatError,
    Quote,
    Source,
    When,
    is_grade,
    stable_id,
)


def _briefing() -> Briefing:
    text = "Boulos met Kagame on Tuesday. \"We are optimistic,\" Boulos said."
    boulos = Actor(id="a1", name="Massad Boulos", kind="person", aliases=("Boulos",), mentions=((0, 6), (52, 58)))
    return Briefing(
        id=stable_id("b", "t"),
        title="Talks",
        text=text,
        source=Source(outlet="Wire", published="2025-04-09"),
        actors=(boulos,),
        quotes=(Quote(id="q1", text="We are optimistic", speaker="a1", speaker_name="Boulos", span=(31, 48)),),
        events=(Event(id="e1", summary="Boulos met Kagame", span=(0, 29), actors=("a1",),
                      when=When("Tuesday", "2025-04-08", "2025-04-08", "2025-04-08", "day")),),
        annotations={"q1": Annotation(note="check", tags=("verify",), starred=True, grade="B2")},
    )


def test_round_trip_keeps_every_field() -> None:
    original = _briefing()
    data = original.to_dict()
    assert data["format"] == "briefing/1"
    assert data["actors"][0]["mentions"] == [[0, 6], [52, 58]]
    assert Briefing.from_dict(data) == original


def test_empty_annotations_are_not_exported() -> None:
    briefing = _briefing().with_annotations({"e1": Annotation()})
    assert briefing.to_dict()["annotations"] == {}


@pytest.mark.parametrize(
    "bad",
    [[], {"format": "briefing/9", "id": "b", "title": "t", "text": ""}, {"id": 3, "title": "t", "text": ""},
     {"id": "b", "title": "t", "text": "", "actors": [{"id": "a", "name": "x", "mentions": [[1]]}]},
     {"id": "b", "title": "t", "text": "", "annotations": {"e": {"grade": "Z9"}}}],
)
def test_malformed_documents_are_refused(bad: object) -> None:
    with pytest.raises(FormatError):
        Briefing.from_dict(bad)


def test_stable_ids_depend_on_content_only() -> None:
    assert stable_id("a", "massad boulos") == stable_id("a", "massad boulos")
    assert stable_id("a", "massad boulos") != stable_id("a", "paul kagame")


@pytest.mark.parametrize("grade,ok", [("A1", True), ("F6", True), ("B2", True), ("G1", False), ("A7", False), ("b2", False), ("", False)])
def test_admiralty_grades(grade: str, ok: bool) -> None:
    assert is_grade(grade) is ok
