"""The command line, as a script or a user would call it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.cli import main
from briefings.model import Actor, Briefing, Event, Quote, Source, When
from briefings.store import Store

MARKUP = "[bold]x[/] [link=file:///etc/passwd]y[/link]"


def _briefing() -> Briefing:
    text = f"Acme Corp said on Monday it would close. {MARKUP}"
    return Briefing(
        id="b0123abcd",
        title="Acme closes *plant*",
        text=text,
        source=Source(outlet="Wire", published="2025-04-09"),
        actors=(Actor(id="a-acme", name="Acme Corp", kind="company", mentions=((0, 9),)),),
        quotes=(Quote(id="q-1", text=MARKUP, speaker="a-acme", speaker_name="Acme Corp"),),
        events=(Event(id="e-1", summary="Acme said it would close", actors=("a-acme",),
                      when=When("Monday", "2025-04-07", "2025-04-07", "2025-04-07", "day")),),
    )


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    root = tmp_path / "s"
    Store(root).save(_briefing())
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_and_show_json(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(stored), "list", "--format", "json")
    assert code == 0 and json.loads(out)[0]["title"] == "Acme closes *plant*"
    code, out, _ = run(capsys, "show", "b0123", "--store", str(stored), "--format", "json")
    assert code == 0
    assert Briefing.from_dict(json.loads(out)) == _briefing()


def test_annotate_changes_what_show_prints(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = ["--store", str(stored)]
    assert run(capsys, "annotate", "b0123abcd", "q-1", "--star", "--tag", "verify", "--tag", "mine", *s)[0] == 0
    assert run(capsys, "annotate", "b0123abcd", "q-1", "--untag", "mine", "--grade", "b2", "--note", "ask \x1b[31mAcme", *s)[0] == 0
    annotation = json.loads(run(capsys, "show", "b0123abcd", "--format", "json", *s)[1])["annotations"]["q-1"]
    assert annotation["starred"] is True
    assert annotation["tags"] == ["verify"]
    assert annotation["grade"] == "B2"
    assert annotation["note"] == "ask Acme"  # the escape sequence was stripped


def test_markdown_shows_markup_literally(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "b0123abcd", "--store", str(stored))
    assert code == 0
    assert "\\[bold\\]x\\[/\\]" in out  # escaped for Markdown, so it renders as written
    assert "# Acme closes \\*plant\\*" in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["show", "nope"], "no briefing with id 'nope'"),
        (["annotate", "b0123abcd", "q-404", "--star"], "has no entry 'q-404'"),
        (["annotate", "b0123abcd", "q-1", "--grade", "Z9"], "bad credibility grade"),
        (["annotate", "b0123abcd", "q-1"], "nothing to change"),
        (["list", "--format", "xml"], "invalid choice"),
        (["import", "x.txt", "--published", "April 9"], "not a date in YYYY-MM-DD form"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(stored: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in stored.rglob("*.json")}
    code, out, err = run(capsys, *argv, "--store", str(stored))
    assert code == 2
    assert err.count("\n") == 1 and message in err and err.startswith("briefing: ")
    assert {p: p.read_bytes() for p in stored.rglob("*.json")} == before


def test_store_from_environment(stored: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_STORE", str(stored))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "b0123abcd" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0 and capsys.readouterr().out.startswith("briefing ")


@pytest.mark.parametrize(
    "content,message",
    [(b"", "empty file"), (b"\x00\x01\x02binary", "binary file"), ("café".encode("latin-1"), "not UTF-8"),
     (None, "is a folder")],
)
def test_bad_article_files_are_refused_and_store_untouched(
    stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    if content is None:
        bad.mkdir()
    else:
        bad.write_bytes(content)
    before = {p: p.read_bytes() for p in stored.rglob("*") if p.is_file()}
    code, out, err = run(capsys, "import", str(bad), "--store", str(stored))
    assert code == 2 and out == ""
    assert message in err and str(bad) in err and err.count("\n") == 1
    assert {p: p.read_bytes() for p in stored.rglob("*") if p.is_file()} == before


def test_import_the_seed_article_prints_its_id(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import SEED_ARTICLE

    code, out, _ = run(capsys, "import", str(SEED_ARTICLE), "--published", "2025-04-09", "--store", str(stored))
    assert code == 0
    briefing = Store(stored).load(out.strip())
    assert sorted(q.speaker_name for q in briefing.quotes)
    boulos = next(a for a in briefing.actors if a.name == "Massad Boulos")
    assert all(q.speaker == boulos.id for q in briefing.quotes) and len(briefing.quotes) == 2
    values = {e.when.text: e.when.value for e in briefing.events}
    assert values.get("last month") == "2025-03"
