"""Our own JSON read back through the gate: a malformed ``briefing/1`` document or story export is
refused in one line with the store byte-identical; a hostile but well-formed one is stored cleaned,
and nothing it held reaches the terminal through ``list``, ``show`` or ``dossier``."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main

SAMPLE = sample_briefing().to_dict()
ESCAPES = "\x1b]52;c;SGVsbG8=\x1b\\ \x1bc \x1b[2J \x1b]0;title\x07 \x9b31m \u202e"
# What must never reach a terminal: ESC, BEL, C1 controls (0x9B is CSI), bidi overrides.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".lock"}


def changed(change: Callable[[dict[str, Any]], Any]) -> Callable[[], str]:
    """The sample's document, changed by ``change``, as JSON text."""
    def make() -> str:
        doc = copy.deepcopy(SAMPLE)
        change(doc)
        return json.dumps(doc)
    return make


def story(**fields: Any) -> Callable[[], str]:
    return lambda: json.dumps({"format": "briefing-story/1", "story": "Bisie", "briefings": [SAMPLE],
                               "identities": [], **fields})


def put(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a value at a dotted path ("actors.0.name") of a document."""
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value
    return change


# name: (the file's content, words of the one-line refusal)
MALFORMED: dict[str, tuple[Callable[[], str | bytes], str]] = {
    "published as a number": (changed(put("source.published", 2025)), "source.published"),
    "published true": (changed(put("source.published", True)), "source.published"),
    "published out of range": (changed(put("source.published", "9999-12-31")), "out of range"),
    "published impossible": (changed(put("source.published", "2025-02-30")), "not a date"),
    "an actor name of 7": (changed(put("actors.0.name", 7)), "actors[0].name"),
    "a when.start of 5": (changed(put("events.0.when.start", 5)), "events[0].when.start"),
    "a when.start not a day": (changed(put("events.0.when.start", "soon")), "when.start"),
    "a quote text null": (changed(put("quotes.0.text", None)), "quotes[0].text"),
    "an entry id that is an object": (changed(put("events.1.id", {"$": 1})), "events[1].id"),
    "a 300-character id": (changed(put("id", "b" * 300)), "not an id"),
    "an id naming a path": (changed(put("id", "../../etc/x")), "not an id"),
    "an entry id of 300 characters": (changed(put("quotes.0.id", "q" * 300)), "not an id"),
    "two entries with one id": (changed(put("events.1.id", SAMPLE["events"][0]["id"])), "share an id"),
    "nested 100,000 deep": (lambda: "[" * 100_000, "nested too deeply"),
    "not JSON": (lambda: '{"format": "briefing/1", "id": ', "not valid JSON"),
    "not UTF-8": (lambda: b'{"format": "briefing/1", "id": "b\xff"}', "not UTF-8"),
    "a number": (lambda: "42", "a briefing must be a JSON object"),
    "another format": (changed(put("format", "briefing/9")), "format is 'briefing/9'"),
    "a span outside the text": (changed(put("events.0.span", [0, 10**9])), "outside the text"),
    "a span of three numbers": (changed(put("events.0.span", [1, 2, 3])), "events[0].span"),
    "a span of floats": (changed(put("events.0.span", [1.0, 2.0])), "events[0].span"),
    "an unknown actor kind": (changed(put("actors.0.kind", "villain")), "unknown kind"),
    "40,000 mentions": (changed(put("actors.0.mentions", [[0, 1]] * 40_000)), "mentions"),
    "a text with escape sequences": (changed(lambda d: d.update(text=d["text"] + "\x1b]52;c;eA==\x07")),
                                     "control characters"),
    "tags that are a string": (changed(put("annotations", {SAMPLE["events"][0]["id"]: {"tags": "x"}})),
                               "tags"),
    "a bad grade": (changed(put("annotations", {SAMPLE["events"][0]["id"]: {"grade": "Z9"}})), "grade"),
    "an annotation keyed by a path": (changed(put("annotations", {"../x": {"starred": True}})), "not an entry id"),
    "a title of 10,000 characters": (changed(put("title", "T" * 10_000)), "title"),
    "a story whose identities are a number": (story(identities=5), "identities"),
    "a story decision of numbers": (story(identities=[{"action": "merge", "a": 7, "b": 8}]), "two names"),
    "a story without a name": (story(story=None), "without a story name"),
    "a story with a bad briefing": (story(briefings=[SAMPLE, {**SAMPLE, "id": 7}]), "briefing 2"),
}


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    store = Store(root)
    store.save(sample_briefing())
    store.annotate(SAMPLE["id"], SAMPLE["events"][0]["id"], note="mine", tags=["kept"])
    return root


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_document_is_refused_in_one_line_and_the_store_is_untouched(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    content, words = MALFORMED[name]
    data = content()
    bad = tmp_path / "bad.json"
    bad.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before = files(stored)
    code = main(["import", str(bad), "--store", str(stored)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"briefing: {bad}: ") and words in err, err
    assert files(stored) == before
    assert main(["list", "--store", str(stored)]) == 0  # and the store reads as before


def test_a_hostile_document_is_stored_cleaned_and_shows_no_escape(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Escape sequences in the title, the outlet (an OSC 8 link to a local file), an actor's name,
    a note, a tag, a story name and an identity decision: stored without them, shown without them."""
    doc = copy.deepcopy(SAMPLE)
    doc.update(id="bhostile1", title=f"Mine {ESCAPES} reopens")
    doc["source"].update(outlet="\x1b]8;;file:///etc/passwd\x1b\\Wire\x1b]8;;\x1b\\",
                         path="/tmp/a\x1b]0;pwned\x07.txt")
    doc["actors"][0]["name"] = f"Alphamin {ESCAPES}"
    entry = doc["events"][0]["id"]
    doc["annotations"] = {entry: {"note": f"check {ESCAPES}", "tags": [f"v{ESCAPES}"], "starred": True,
                                  "grade": None, "hidden": False, "updated": None}}
    export = {"format": "briefing-story/1", "story": f"Bisie {ESCAPES}", "briefings": [doc],
              "identities": [{"action": "merge", "a": f"Alphamin {ESCAPES}", "b": "Alphamin Resources\x1bc"}]}
    path = tmp_path / "story.json"
    path.write_text(json.dumps(export), "utf-8")
    assert main(["import", str(path), "--store", str(stored)]) == 0
    assert capsys.readouterr().out.strip() == "bhostile1"

    store = Store(stored)
    briefing = store.load("bhostile1")
    held = json.dumps(briefing.to_dict(), ensure_ascii=False) + (stored / "stories.json").read_text("utf-8") \
        + (stored / "identities.json").read_text("utf-8")
    assert not TERMINAL_CONTROL.search(held.replace("\\u001b", "\x1b").replace("\\u0007", "\x07"))
    assert briefing.title.startswith("Mine ") and briefing.title.endswith(" reopens")
    assert "SGVsbG8" not in held and "/etc/passwd" not in held and "pwned" not in held
    assert briefing.source.outlet == "Wire" and briefing.source.path == "/tmp/a.txt"
    assert briefing.annotations[entry].note.startswith("check") and briefing.annotations[entry].starred

    name = store.read(store.layout.stories)["stories"]["1"]["name"]
    assert name.startswith("Bisie")
    for argv in (["list"], ["list", "--format", "json"], ["show", "bhostile1"], ["show", "bhostile1", "--format", "json"],
                 ["story", "list"], ["story", "show", name], ["dossier", "Alphamin"], ["search", "check"]):
        code = main([*argv, "--store", str(stored)])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert not TERMINAL_CONTROL.search(out + err), argv
        assert "SGVsbG8" not in out + err, argv


# -- fuzzing ----------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=30) | st.sampled_from(["2025-04-09", "0001-01-01", "9999-12-31", "b1", ESCAPES, "x" * 300]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value that can be replaced."""
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for n, v in enumerate(value[:3]):
            found += paths(v, (*prefix, n))
    return found


PLACES = [p for p in paths(SAMPLE) if p]


def replaced(doc: Any, place: tuple, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    target = doc
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    return doc


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.sampled_from(PLACES), JSON_VALUES), min_size=1, max_size=3),
       as_story=st.booleans())
def test_fuzzed_documents_are_stored_whole_or_refused_whole(tmp_path_factory, changes, as_story: bool) -> None:
    root = tmp_path_factory.mktemp("store")
    Store(root).save(sample_briefing())
    doc: Any = SAMPLE
    for place, value in changes:
        try:
            doc = replaced(doc, place, value)
        except (KeyError, IndexError, TypeError):  # an earlier change took the place away
            pass
    if as_story:
        doc = {"format": "briefing-story/1", "story": "S", "briefings": [doc],
               "identities": [{"action": "merge", "a": "Alphamin", "b": "Alphamin Resources"}]}
    path = root.parent / "doc.json"
    path.write_text(json.dumps(doc), "utf-8")
    before = files(root)
    code = main(["import", str(path), "--store", str(root)])  # any exception fails the test
    if code == 2:
        assert files(root) == before
        return
    assert code == 0
    assert main(["list", "--store", str(root)]) == 0
    for briefing_id in (r["id"] for r in json.loads(_out(["list", "--format", "json", "--store", str(root)]))):
        assert main(["show", briefing_id, "--store", str(root)]) == 0


def _out(argv: list[str]) -> str:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(argv) == 0
    return buffer.getvalue()
