"""The command line, as a script or a user would call it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.model import Actor, Briefing, Event, Quote, Source, When
from briefings.store import Store
from cli.main import main

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


def test_commands_that_read_leave_the_store_as_it_is_and_the_next_write_sweeps(stored: Path, capsys) -> None:
    """A killed writer's temporary file harms no read (and finding it lists the whole
    store, which a search at 100,000 briefings would pay on every call)."""
    leftover = stored / "briefings" / ".tmp-killed"
    leftover.write_bytes(b'{"half": ')
    s = ["--store", str(stored)]
    for read in (["list"], ["show", "b0123"], ["search", "acme"], ["dossier", "Acme Corp"], ["export", "b0123abcd", "--format", "markdown"]):
        code, out, _ = run(capsys, *read, *s)
        assert code == 0 and "Acme" in out and leftover.exists(), read
    assert run(capsys, "annotate", "b0123abcd", "q-1", "--star", *s)[0] == 0
    assert not leftover.exists()


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
    from support.corpus import SEED_ARTICLE

    code, out, _ = run(capsys, "import", str(SEED_ARTICLE), "--published", "2025-04-09", "--store", str(stored))
    assert code == 0
    briefing = Store(stored).load(out.strip())
    assert sorted(q.speaker_name for q in briefing.quotes)
    boulos = next(a for a in briefing.actors if a.name == "Massad Boulos")
    assert all(q.speaker == boulos.id for q in briefing.quotes) and len(briefing.quotes) == 2
    values = {e.when.text: e.when.value for e in briefing.events}
    assert values.get("last month") == "2025-03"


def report(n: int) -> str:
    return (f"Harbour report {n}\n\nMarch 3, 2025\n\nThe Lakes Mining Board said on Monday that shipments "
            f"from pier {n} resumed last week, Amara Borel told reporters.\n")


def test_importing_a_folder_stores_every_article_once_each_is_durable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """More articles than one batch holds, a bad file among them and one article given
    twice: every good one is printed and listed, a repeat counts as updated."""
    from briefings.importing.batches import BATCH

    folder = tmp_path / "articles"
    folder.mkdir()
    names = []
    for n in range(BATCH + 8):
        (folder / f"r{n:03d}.txt").write_text(report(n), encoding="utf-8")
        names.append(str(folder / f"r{n:03d}.txt"))
    (folder / "empty.txt").write_bytes(b"")
    names[5:5] = [str(folder / "empty.txt")]
    names += [names[-1], names[0]]  # again at once (in the same batch), and much later
    Store(tmp_path / "store")  # the reader's store
    code, out, err = run(capsys, "import", *names, "--store", str(tmp_path / "store"))
    ids = out.split()
    assert code == 1 and len(ids) == BATCH + 10  # 1: some stored, some refused and ids[-1] == ids[0] and ids[-2] == ids[-3]
    assert err.splitlines() == [f"briefing: {folder / 'empty.txt'}: empty file, no article text",
                                f"imported {BATCH + 8} new, 2 updated, 1 failed"]
    assert sorted(r.id for r in Store(tmp_path / "store").list()) == sorted(set(ids))


def test_a_full_disk_during_a_folder_import_fails_each_batch_in_one_line_and_stores_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    root = tmp_path / "store"
    Store(root)
    names = []
    for n in range(3):
        (tmp_path / f"r{n}.txt").write_text(report(n), encoding="utf-8")
        names.append(str(tmp_path / f"r{n}.txt"))

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = run(capsys, "import", *names, "--store", str(root))
    monkeypatch.undo()
    assert code == 2 and out == ""
    [problem, summary] = err.splitlines()
    assert problem.endswith("No space left on device) (3 articles not stored)") and str(root) in problem
    assert summary == "imported 0 new, 0 updated, 3 failed"
    assert not Store(root).list() and not list((root / "briefings").iterdir())


def test_an_undated_copy_imported_with_its_dated_original_takes_the_originals_date(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same article twice in one import, the second copy without its date line:
    it is the same briefing, its times resolved against the date the first gave."""
    body = "The Lakes Mining Board said shipments resumed last week, Amara Borel told reporters.\n"
    (tmp_path / "dated.txt").write_text(f"Harbour report\n\nMarch 3, 2025\n\n{body}", encoding="utf-8")
    (tmp_path / "undated.txt").write_text(f"Harbour report\n\n{body}", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(tmp_path / "dated.txt"), str(tmp_path / "undated.txt"),
                       "--store", str(tmp_path / "store"))
    first, second = out.split()
    assert code == 0 and first == second
    briefing = Store(tmp_path / "store").load(first)
    assert briefing.source.published == "2025-03-03"
    assert [e.when.value for e in briefing.events] == ["2025-W09"]


def test_ids_go_to_standard_output_while_the_progress_bar_is_on_a_terminal(tmp_path: Path) -> None:
    """`briefing import *.txt > ids.txt` in a terminal: the bar shows on the terminal, the
    ids still go to the file (the bar used to take them over onto standard error)."""
    import os
    import pty
    import subprocess
    import sys

    names = []
    for n in range(3):
        (tmp_path / f"r{n}.txt").write_text(report(n), encoding="utf-8")
        names.append(str(tmp_path / f"r{n}.txt"))
    Store(tmp_path / "store")  # the reader's store
    terminal, side = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "cli.main", "import", *names,
                               "--store", str(tmp_path / "store")],
                              stdout=subprocess.PIPE, stderr=side, text=True, check=False, timeout=60)
        os.close(side)
        shown = b""
        while chunk := _read_some(terminal):
            shown += chunk
    finally:
        os.close(terminal)
    assert done.returncode == 0
    assert sorted(done.stdout.split()) == sorted(r.id for r in Store(tmp_path / "store").list())
    assert b"imported 3 new, 0 updated, 0 failed" in shown and not any(i.encode() in shown for i in done.stdout.split())


def _read_some(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 65536)
    except OSError:  # the other side closed: all read
        return b""


def test_import_jobs_one_stores_what_every_core_stores_and_jobs_zero_is_refused_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--jobs 1`` extracts in the importing process, the default on every core: the
    same briefings come out, in the same order; fewer than one process is refused."""
    from briefings.importing.batches import POOL_FROM

    names = []
    for n in range(POOL_FROM + 4):  # enough for the pool
        (tmp_path / f"r{n:02d}.txt").write_text(report(n), encoding="utf-8")
        names.append(str(tmp_path / f"r{n:02d}.txt"))
    printed = []
    for n, jobs in enumerate(([], ["--jobs", "1"], ["--jobs", "2"])):
        root = tmp_path / f"store{n}"
        Store(root)  # the reader's store, without the bundled sample
        code, out, _ = run(capsys, "import", *names, *jobs, "--store", str(root))
        assert code == 0 and len(out.split()) == len(names)
        assert sorted(b.id for b in Store(root).list()) == sorted(out.split())
        printed.append(out)
    assert printed[0] == printed[1] == printed[2]
    for bad in ("0", "-3", "two"):
        code, out, err = run(capsys, "import", *names, "--jobs", bad, "--store", str(tmp_path / "refused"))
        assert code == 2 and out == "" and err.count("\n") == 1 and "--jobs" in err
    assert not (tmp_path / "refused").exists()  # nothing read, no store made
