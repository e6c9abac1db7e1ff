"""``export -o FILE`` never replaces what it must not: an existing file only with --force, and
never a symlink, a FIFO, a device node, a read-only file or another user's file (a rename
would replace any of them). Each refusal is one line, exit status 2, nothing changed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main

SAMPLE = sample_briefing()


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    Store(root).save(SAMPLE)
    return root


def export(capsys: pytest.CaptureFixture[str], stored: Path, target: Path, *flags: str) -> tuple[int, str]:
    code = main(["export", SAMPLE.id, "--format", "json", "-o", str(target), *flags, "--store", str(stored)])
    out, err = capsys.readouterr()
    assert out == ""
    return code, err


def test_a_new_file_is_written_and_an_existing_one_replaced_only_with_force(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bisie.json"
    assert export(capsys, stored, target) == (0, "")
    assert SAMPLE.title in target.read_text("utf-8")
    target.write_text("my own notes", "utf-8")
    code, err = export(capsys, stored, target)
    assert code == 2 and err == f"briefing: {target}: already exists, not replaced (--force replaces it)\n"
    assert target.read_text("utf-8") == "my own notes"
    assert export(capsys, stored, target, "--force") == (0, "")
    assert SAMPLE.title in target.read_text("utf-8")


def make_device(path: Path) -> None:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("making a device node needs root")


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "read-only", "another user's", "folder"])
def test_what_is_not_a_regular_file_of_ours_is_never_replaced_even_with_force(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    target = tmp_path / "out.json"
    elsewhere = tmp_path / "precious.txt"
    elsewhere.write_text("precious", "utf-8")
    if kind == "symlink":
        target.symlink_to(elsewhere)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        make_device(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.write_text("precious", "utf-8")
        if kind == "read-only":
            target.chmod(0o444)
        else:
            if os.getuid() != 0:
                pytest.skip("giving a file to another user needs root")
            os.chown(target, 54321, 54321)
    before = os.lstat(target)
    code, err = export(capsys, stored, target, "--force")
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"briefing: {target}: "), err
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode, after.st_uid) == (before.st_ino, before.st_mode, before.st_uid)
    assert elsewhere.read_text("utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []
