"""Nothing is lost: damaged files are reported and mended, kills and a second writer lose nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefings.cli import main
from briefings.model import Annotation
from briefings.sample import sample_briefing
from briefings.store import Store

SAMPLE = sample_briefing()


@pytest.fixture
def annotated(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    store.save(SAMPLE)
    for n, entry in enumerate(sorted(SAMPLE.entry_ids())):
        store.annotate(SAMPLE.id, entry, note=f"note {n}")
    return store


def files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".lock"}


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],  # truncated
    lambda b: random.Random(1).randbytes(len(b)),  # random bytes
    lambda b: b'{"annotations": [1, 2, 3]}',  # valid JSON, wrong shape
])
def test_a_damaged_annotations_file_is_reported_never_overwritten_and_restored(
        annotated: Store, damage, capsys: pytest.CaptureFixture[str]) -> None:
    path = annotated.annotations_path(SAMPLE.id)
    path.write_bytes(damage(path.read_bytes()))
    before = files(annotated.root)
    entry = sorted(SAMPLE.entry_ids())[0]
    code = main(["annotate", SAMPLE.id, entry, "--star", "--store", str(annotated.root)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and str(path) in err and "doctor --restore" in err
    assert files(annotated.root) == before
    assert main(["doctor", "--store", str(annotated.root)]) == 2
    assert main(["doctor", "--restore", "--store", str(annotated.root)]) == 0
    restored = Store(annotated.root).annotations(SAMPLE.id)
    assert len(restored) >= len(SAMPLE.entry_ids()) - 1  # the newest backup is the version before the last write


def test_a_store_from_a_newer_schema_is_refused(annotated: Store, capsys: pytest.CaptureFixture[str]) -> None:
    meta = annotated.root / "store.json"
    meta.write_text(json.dumps({"meta": {"1": {"schema": 99}}}))
    before = files(annotated.root)
    assert main(["list", "--store", str(annotated.root)]) == 2
    assert "newer briefing" in capsys.readouterr().err
    assert files(annotated.root) == before


def test_a_read_only_store_gives_one_line(annotated: Store, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through read-only modes")
    os.chmod(annotated.root / "annotations", 0o500)
    try:
        assert main(["annotate", SAMPLE.id, sorted(SAMPLE.entry_ids())[0], "--star", "--store", str(annotated.root)]) == 2
    finally:
        os.chmod(annotated.root / "annotations", 0o700)


def test_a_full_disk_leaves_the_file_as_it_was(annotated: Store, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    before = files(annotated.root)
    monkeypatch.setattr(os, "fsync", full)
    code = main(["annotate", SAMPLE.id, sorted(SAMPLE.entry_ids())[0], "--star", "--store", str(annotated.root)])
    assert code == 2 and "No space left on device" in capsys.readouterr().err
    monkeypatch.undo()
    assert files(annotated.root) == before


WRITER = """
import os, sys
from briefings.store import Store
store, briefing_id, tag, log, count = Store(sys.argv[1]), sys.argv[2], sys.argv[3], open(sys.argv[4], "a"), int(sys.argv[5])
for n in range(count):
    store.annotate(briefing_id, f"{tag}-{n}", note=f"{tag} {n}")
    log.write(f"{tag}-{n}\\n")  # acknowledged only once annotate has returned
    log.flush()
    os.fsync(log.fileno())
"""


def _writer(store: Store, tag: str, log: Path, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(store.root), SAMPLE.id, tag, str(log), str(count)])


def test_two_processes_writing_at_once_keep_all_400_changes(annotated: Store, tmp_path: Path) -> None:
    a = _writer(annotated, "a", tmp_path / "a.log", 200)
    b = _writer(annotated, "b", tmp_path / "b.log", 200)
    assert a.wait() == 0 and b.wait() == 0
    kept = Store(annotated.root).annotations(SAMPLE.id)
    assert sum(key.startswith(("a-", "b-")) for key in kept) == 400


def test_killed_writers_never_break_the_store_or_lose_an_acknowledged_write(annotated: Store, tmp_path: Path) -> None:
    # Make the file under rewrite big (~20 MB of notes), so a kill often lands mid-write.
    big = Annotation(note="x" * 200_000)
    annotated.save(SAMPLE.with_annotations({f"bulk-{n}": big for n in range(100)}))
    assert annotated.annotations_path(SAMPLE.id).stat().st_size > 20_000_000
    rng = random.Random(3)
    log = tmp_path / "acks.log"
    for kill in range(50):
        writer = _writer(annotated, f"k{kill}", log, 1000)
        time.sleep(rng.uniform(0.3, 0.8))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        kept = Store(annotated.root).annotations(SAMPLE.id)  # opens: never broken
        acked = log.read_text().split()
        assert all(key in kept for key in acked), f"kill {kill}: an acknowledged annotation was lost"
    Store(annotated.root)  # opening the store clears the temporary files kills left behind
    assert not list(annotated.root.rglob(".tmp-*"))
