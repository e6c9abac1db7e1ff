"""What leaves for a terminal passes the one cleaner: error messages that echo what was typed,
and what ``list``, ``show`` and the other listings print of a store holding hostile text (one
written before the gate existed). Also the small ways a command used to end in a traceback: a
closed pipe, a closed standard input, an id too long for a file name, a FIFO or a device given
as a file, a UTF-16 file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefings.importing.sample import sample_briefing
from briefings.model import Annotation
from briefings.store import Store
from cli.main import main

TITLE_SETTER = "\x1b]0;pwned\x07"
HOSTILE = f"{TITLE_SETTER} \x1b]52;c;SGVsbG8=\x1b\\ \x1bc \x1b[2J \x9b31m \x1b]8;;file:///etc/passwd\x1b\\x\x1b]8;;\x1b\\"
CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0))] + ["\u202e"]
RUN = [sys.executable, "-c", "import sys; from cli.main import main; sys.exit(main())"]


def shows_no_control(text: str) -> bool:
    """No control character (a message may show one as the letters \\x1b: that is only text)."""
    return not any(c in text for c in CONTROL)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A store holding escape sequences everywhere, as a store written before the gate could."""
    root = tmp_path / "store"
    store = Store(root)
    sample = sample_briefing()
    hostile = replace(sample, title=f"Bisie {HOSTILE}",
                      source=replace(sample.source, outlet=f"Wire {HOSTILE}"),
                      actors=(replace(sample.actors[0], name=f"Alphamin {HOSTILE}"), *sample.actors[1:]),
                      annotations={sample.events[0].id: Annotation(note=f"n {HOSTILE}", tags=(f"t{HOSTILE}",))})
    store.save(hostile)
    store.save(replace(sample_briefing(), id="bsecond01"))
    return root


@pytest.mark.parametrize("argv", [
    ["import", f"missing{TITLE_SETTER}.txt"],
    ["show", f"b1{TITLE_SETTER}"],
    ["date", "b1", f"2025-01-01{TITLE_SETTER}"],
    ["import", "x.txt", "--published", f"\x1b[2J{TITLE_SETTER}"],
    ["story", "show", f"no such {TITLE_SETTER}"],
    ["search", f"tag:{TITLE_SETTER} after:nope"],
    ["export", f"b1{TITLE_SETTER}", "--format", "json"],
    ["feed", "add", f"gopher://x{TITLE_SETTER}"],
    [f"no-such-command{TITLE_SETTER}"],
], ids=lambda argv: argv[0])
def test_an_error_echoing_what_was_typed_sends_no_escape_to_the_terminal(
        stored: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv, "--store", str(stored))
    assert code == 2 and out == ""
    assert err.startswith("briefing: ") and err.count("\n") == 1, err
    assert shows_no_control(err), repr(err)


@pytest.mark.parametrize("argv", [
    ["list"], ["list", "--format", "json"], ["show", "bsecond01"], ["search", "n"], ["dossier", "Alphamin"],
], ids=" ".join)
def test_listings_of_a_store_holding_escapes_print_none(
        stored: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    briefing_id = next(p.stem for p in (stored / "briefings").glob("*.json") if p.stem != "bsecond01")
    for args in (argv, ["show", briefing_id], ["show", briefing_id, "--format", "json"]):
        code, out, err = run(capsys, *args, "--store", str(stored))
        assert code == 0, err
        assert shows_no_control(out + err), (args, out)  # what is left of a sequence is plain text
    assert "Bisie" in run(capsys, "list", "--store", str(stored))[1]


def test_a_closed_pipe_ends_quietly(stored: Path) -> None:
    """'briefing search Bisie | head -c 10': no BrokenPipeError traceback once the reader is gone."""
    Store(stored).save_many(replace(sample_briefing(), id=f"bcopy{n:04d}") for n in range(500))
    reader = subprocess.Popen([*RUN, "search", "Bisie", "--store", str(stored)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10)
    reader.stdout.close()  # as head does once it has its lines
    errors = reader.stderr.read()
    assert reader.wait(timeout=60) == 141
    assert errors == b""


def test_import_with_standard_input_closed_is_one_line(stored: Path) -> None:
    done = subprocess.run([*RUN, "import", "-", "--store", str(stored)], capture_output=True, text=True,
                          preexec_fn=lambda: os.close(0), timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "briefing: standard input is closed; give a file name instead of -\n"


@pytest.mark.parametrize("argv", [["show", "b" * 300], ["date", "b" * 300, "2025-04-09"],
                                  ["annotate", "b" * 300, "e1", "--star"], ["export", "é" * 200, "--format", "json"],
                                  ["story", "add", "S", "b" * 300]], ids=lambda argv: argv[0])
def test_an_id_too_long_for_a_file_name_is_refused_in_one_line(
        stored: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv, "--store", str(stored))
    assert code == 2 and out == ""
    assert err.startswith("briefing: ") and err.count("\n") == 1 and "not a briefing id" in err, err


ARTICLE = ("Alphamin Resources said on Tuesday that the Bisie tin mine in North Kivu would reopen "
           "next month, after rebels withdrew from the nearby town of Walikale.\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_file_with_a_byte_order_mark_is_read_as_text(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    article = tmp_path / "article.txt"
    data = ARTICLE.encode(encoding)
    article.write_bytes(("\ufeff" + ARTICLE).encode(encoding) if encoding == "utf-16-be" else data)
    code, out, err = run(capsys, "import", str(article), "--published", "2025-04-09", "--store", str(stored))
    assert code == 0, err
    assert "Bisie tin mine" in Store(stored).load(out.strip()).text


def test_a_fifo_or_a_device_is_refused_before_it_is_opened(stored: Path, tmp_path: Path) -> None:
    """A FIFO nobody writes to used to block the import forever (a child process, so a
    regression fails here instead of hanging the test run)."""
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    for name, kind in ((fifo, "a FIFO"), ("/dev/zero", "a device")):
        done = subprocess.run([*RUN, "import", str(name), "--store", str(stored)], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 2
        assert done.stderr == f"briefing: {name}: not a regular file ({kind})\n"


def test_a_file_name_with_escape_sequences_is_stored_cleaned(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / f"strike{TITLE_SETTER}.txt"
    article.write_text(ARTICLE, "utf-8")
    code, out, err = run(capsys, "import", str(article), "--published", "2025-04-09", "--store", str(stored))
    assert code == 0, err
    path = Store(stored).load(out.strip()).source.path
    assert path is not None and path.endswith("strike.txt") and shows_no_control(path)
