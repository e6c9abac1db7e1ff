"""Nothing is lost: damaged files are reported and mended, kills and a second writer lose nothing."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from support.corpus import import_bisie

from briefings.importing.sample import sample_briefing
from briefings.store import Store
from cli.main import main

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import durability  # noqa: E402  (the kill harness, shared with benchmarks/durability.py)
from durability import start_writer  # noqa: E402

SAMPLE = sample_briefing()


@pytest.fixture
def annotated(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    store.save(SAMPLE)
    for n, entry in enumerate(sorted(SAMPLE.entry_ids())):
        store.annotate(SAMPLE.id, entry, note=f"note {n}")
    return store


def files(root: Path) -> dict[Path, bytes]:
    """The store's own files (the search index, derived from them, aside)."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".lock"
            and p.parent.name != "search"}


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],  # truncated
    lambda b: random.Random(1).randbytes(len(b)),  # random bytes
    lambda b: b'{"annotations": [1, 2, 3]}',  # valid JSON, wrong shape
])
def test_a_damaged_annotations_file_is_reported_never_overwritten_and_restored(
        annotated: Store, damage, capsys: pytest.CaptureFixture[str]) -> None:
    path = annotated.layout.annotations_of(SAMPLE.id)
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
    assert len(restored) == len(SAMPLE.entry_ids())  # the newest backup is the version last written


def test_a_store_from_a_newer_schema_is_refused(annotated: Store, capsys: pytest.CaptureFixture[str]) -> None:
    meta = annotated.root / "store.json"
    meta.write_text(json.dumps({"meta": {"1": {"schema": 99}}}))
    before = files(annotated.root)
    assert main(["list", "--store", str(annotated.root)]) == 2
    assert "newer briefing" in capsys.readouterr().err
    assert files(annotated.root) == before


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _as_nobody(*argv: str) -> subprocess.CompletedProcess:
    """``briefing ARGV`` run as the unprivileged user 65534 (root writes through read-only modes)."""
    return subprocess.run([*NOBODY, sys.executable, "-m", "cli.main", *argv], capture_output=True, text=True,
                          cwd="/")


def _can_run_as_nobody() -> bool:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    return _as_nobody("--version").returncode == 0


@pytest.fixture
def read_only_store() -> Iterator[Store]:
    """A store made by root in a folder everyone can enter: readable, not writable, by user 65534."""
    if not _can_run_as_nobody():
        pytest.skip("needs root and setpriv to run briefing as an unprivileged user")
    folder = Path(tempfile.mkdtemp(prefix="briefing-ro-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        store = Store(folder / "store")
        store.save(SAMPLE)
        store.annotate(SAMPLE.id, sorted(SAMPLE.entry_ids())[0], note="checked")
        for path in [store.root, *store.root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)  # the store's files are 0600: let others read them
        yield store
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("lock", ["lock file there", "no lock file"])
def test_a_store_read_only_for_the_user_is_read_and_refuses_writes_in_one_line(
        read_only_store: Store, lock: str) -> None:
    root = str(read_only_store.root)
    if lock == "no lock file":
        (read_only_store.root / ".lock").unlink()
    before = files(read_only_store.root)
    entry = sorted(SAMPLE.entry_ids())[1]
    annotate = _as_nobody("annotate", SAMPLE.id, entry, "--star", "--store", root)
    assert annotate.returncode == 2 and annotate.stdout == ""
    assert annotate.stderr.count("\n") == 1 and root in annotate.stderr and "read-only for you" in annotate.stderr
    listed = _as_nobody("list", "--store", root)
    assert listed.returncode == 0 and SAMPLE.id in listed.stdout
    shown = _as_nobody("show", SAMPLE.id, "--format", "json", "--store", root)
    assert shown.returncode == 0 and json.loads(shown.stdout)["annotations"][sorted(SAMPLE.entry_ids())[0]]["note"] == "checked"
    # Search rows and caches that cannot be written are made in memory for the command.
    found = _as_nobody("search", "checked", "--store", root)
    assert found.returncode == 0 and SAMPLE.id in found.stdout, found.stderr
    dossier = _as_nobody("dossier", "Massad Boulos", "--store", root)
    assert dossier.returncode == 0 and "Massad Boulos" in dossier.stdout, dossier.stderr
    assert files(read_only_store.root) == before


def _hold_the_lock(root: Path) -> subprocess.Popen:
    """Another process holding the store's lock (a long import), until killed."""
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
                               "with FileLock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)",
                               str(root / ".lock")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    return holder


def _written(root: Path) -> dict[Path, int]:
    """When each file of a store was last written (SQLite's shared memory of readers aside)."""
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file() and not p.name.endswith(("-shm", "-wal"))}


def test_reading_never_waits_for_the_lock(annotated: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """A lock held long by another process (before: 10 s, then 'list' failed) stops no read:
    opening the store leaves its sweep for later, search keeps the rows it makes in memory."""
    (annotated.layout.briefings / ".tmp-left-by-a-kill").write_bytes(b"{")
    before = _written(annotated.root)
    holder = _hold_the_lock(annotated.root)
    try:
        for argv in (["list"], ["search", "note"], ["dossier", "Massad Boulos"], ["story", "list"]):
            assert main([*argv, "--store", str(annotated.root)]) == 0, capsys.readouterr().err
        assert SAMPLE.id in capsys.readouterr().out
        assert _written(annotated.root) == before  # nothing written while another process held the lock
    finally:
        holder.kill()
        holder.wait()
    assert main(["list", "--store", str(annotated.root)]) == 0
    assert (annotated.layout.briefings / ".tmp-left-by-a-kill").exists()  # a read sweeps nothing
    entry = sorted(SAMPLE.entry_ids())[0]
    assert main(["annotate", SAMPLE.id, entry, "--star", "--store", str(annotated.root)]) == 0
    assert not (annotated.layout.briefings / ".tmp-left-by-a-kill").exists()  # the first write, the lock free, swept it


def test_a_store_with_no_index_is_searched_while_another_process_holds_the_lock(
        annotated: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """An older store (no search index yet) while a long import holds the lock: the search
    builds a private index for its process instead of failing, and writes nothing."""
    shutil.rmtree(annotated.layout.search, ignore_errors=True)
    before = _written(annotated.root)
    holder = _hold_the_lock(annotated.root)
    try:
        assert main(["search", "note 3", "--store", str(annotated.root)]) == 0, capsys.readouterr().err
        assert SAMPLE.id in capsys.readouterr().out
        assert _written(annotated.root) == before and not annotated.layout.search_index.exists()
    finally:
        holder.kill()
        holder.wait()
    assert main(["search", "note 3", "--store", str(annotated.root)]) == 0  # the lock free: the store's own index
    assert SAMPLE.id in capsys.readouterr().out and annotated.layout.search_index.exists()


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


@pytest.mark.slow
def test_two_processes_writing_at_once_keep_all_400_changes(annotated: Store, tmp_path: Path) -> None:
    a, b = (start_writer("api", annotated.root, tmp_path / f"{tag}.log", 200, briefing_id=SAMPLE.id, tag=tag)
            for tag in "ab")
    assert a.wait() == 0 and b.wait() == 0
    kept = Store(annotated.root).annotations(SAMPLE.id)
    assert sum(key.startswith(("a-", "b-")) for key in kept) == 400


@pytest.mark.slow
def test_killed_writers_never_break_the_store_or_lose_an_acknowledged_write(
        tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    tally = durability.run_ours(tmp_path, kills=50)
    print(f"\n{durability.HEADER}\n{tally.row()}")
    record_property("kills", tally.kills)
    record_property("acknowledged", tally.acknowledged)
    assert tally.size > durability.MIN_BYTES  # a big file, so kills land mid-write
    assert tally.kills == 50 and tally.acknowledged > 0
    assert tally.broken == 0, "the store could not be opened after a kill"
    assert tally.lost == 0, "an acknowledged annotation was lost"
    assert not list(tmp_path.rglob(".tmp-*"))  # opening the store cleared the temporary files kills left


@pytest.mark.slow
def test_the_same_kills_on_plain_tinydb_are_counted(
        tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    """TinyDB's JSONStorage rewrites its file in place; how often a kill breaks it is chance,
    so the count is recorded beside ours, not asserted."""
    tally = durability.run_tinydb(tmp_path, kills=50)
    print(f"\n{durability.HEADER}\n{tally.row()}")
    record_property("tinydb_kills", tally.kills)
    record_property("tinydb_broken", tally.broken)
    assert tally.size > durability.MIN_BYTES and tally.kills == 50 and tally.acknowledged > 0


# -- migrating an older store -----------------------------------------------------


def _schema_0(store: Store) -> dict[Path, bytes]:
    """Turn a store into what schema 0 was (briefings and annotations, no index, no tags.json); its files."""
    shutil.rmtree(store.root / "index")
    (store.root / "tags.json").unlink()
    store.set_meta(schema=0)
    return files(store.root)


@pytest.fixture
def old_store(annotated: Store) -> Store:
    import_bisie(annotated)
    annotated.annotate(SAMPLE.id, sorted(SAMPLE.entry_ids())[1], tags=["verify", "ask"])
    return annotated


def test_an_older_store_is_backed_up_then_migrated_keeping_every_annotation(
        old_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    ids = sorted(row.id for row in old_store.list())
    notes = {i: old_store.annotations(i) for i in ids}
    before = _schema_0(old_store)
    assert main(["list", "--format", "json", "--store", str(old_store.root)]) == 0
    assert sorted(row["id"] for row in json.loads(capsys.readouterr().out)) == ids
    store = Store(old_store.root)
    assert store.meta()["schema"] == 1
    assert {i: store.annotations(i) for i in ids} == notes
    assert store.tags() == ["ask", "verify"]
    [copy] = (old_store.root / "backups").glob("schema-0-*")
    root = old_store.root
    assert files(copy) == {copy / p.relative_to(root): b for p, b in before.items() if "backups" not in p.parts}


def _fails_after_writing(store: Store) -> Callable[[], None]:
    from briefings.store import migrate

    def write() -> None:
        migrate.index_and_tags(store)()  # the index and tags.json are written, then the disk fills up
        raise OSError(28, "No space left on device")
    return write


@pytest.mark.parametrize("failure", ["damaged briefing", "full disk"])
def test_a_failed_migration_leaves_the_store_as_it_was(
        old_store: Store, failure: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from briefings.store import migrate

    named = sorted((old_store.root / "briefings").glob("*.json"))[-1]
    if failure == "damaged briefing":  # the step reads every briefing: the last one fails
        named.write_bytes(b'{"briefing": {"1": {"id": 3}}}')
    else:
        monkeypatch.setitem(migrate.STEPS, 0, _fails_after_writing)
    before = _schema_0(old_store)
    assert main(["list", "--store", str(old_store.root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot migrate the store from schema 0 to 1" in err
    assert (named.name if failure == "damaged briefing" else "No space left") in err
    assert files(old_store.root) == before


def test_migration_runs_each_step_in_order_and_writes_the_schema_last(
        old_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefings.store import layout, migrate

    ran = []

    def step(n: int) -> Callable[[Store], Callable[[], None]]:
        def run(store: Store) -> Callable[[], None]:
            ran.append((n, store.meta()["schema"]))
            return lambda: ran.append((n, "written"))
        return run

    monkeypatch.setattr(layout, "SCHEMA", 3)
    monkeypatch.setitem(migrate.STEPS, 1, step(1))
    monkeypatch.setitem(migrate.STEPS, 2, step(2))
    _schema_0(old_store)
    assert Store(old_store.root).meta()["schema"] == 3
    assert ran == [(1, 0), (1, "written"), (2, 0), (2, "written")]  # after the real step 0; the number
    # stays 0 until every step is done
    assert (old_store.root / "tags.json").exists()


def test_writes_keep_a_files_permissions(tmp_path: Path) -> None:
    """A store the reader shared with their group stays shared after the next note."""
    store = Store(tmp_path / "store")
    store.save(SAMPLE)
    path = store.layout.annotations_of(SAMPLE.id)
    entry = sorted(SAMPLE.entry_ids())[0]
    store.annotate(SAMPLE.id, entry, note="first")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # a new file: as the umask says
    path.chmod(0o640)
    store.annotate(SAMPLE.id, entry, note="second")
    assert path.stat().st_mode & 0o777 == 0o640


def test_the_backups_are_the_last_three_versions_written(tmp_path: Path) -> None:
    """Each note on a new entry is one write; the newest backup is the file as last written,
    so restoring it loses nothing, and the second goes back one note (a TinyDB upsert
    writes an unchanged file first; that is never kept)."""
    store = Store(tmp_path / "store")
    store.save(SAMPLE)
    entries = sorted(SAMPLE.entry_ids())[:4]
    for n, entry in enumerate(entries):
        store.annotate(SAMPLE.id, entry, note=f"note {n}")
    name = store.layout.annotations_of(SAMPLE.id).name
    kept = [json.loads((store.root / "backups" / f"{name}.{n}").read_bytes()) for n in (1, 2, 3)]
    notes = [sorted(doc["note"] for doc in version["annotations"].values()) for version in kept]
    assert notes == [["note 0", "note 1", "note 2", "note 3"], ["note 0", "note 1", "note 2"], ["note 0", "note 1"]]


@pytest.mark.slow
def test_two_processes_tagging_one_entry_keep_every_tag(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.save(SAMPLE)
    entry = sorted(SAMPLE.entry_ids())[0]
    code = ("import sys\nfrom cli.main import main\n"
            "for n in range(60):\n"
            "    assert main(['annotate', sys.argv[1], sys.argv[2], '--tag', f'{sys.argv[3]}{n}',"
            " '--store', sys.argv[4]]) == 0\n")
    writers = [subprocess.Popen([sys.executable, "-c", code, SAMPLE.id, entry, who, str(store.root)],
                                stdout=subprocess.DEVNULL) for who in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    tags = set(Store(store.root).annotations(SAMPLE.id)[entry].tags)
    assert tags == {f"{who}{n}" for who in "ab" for n in range(60)}


@pytest.mark.parametrize("damage", [
    lambda row: row.pop("title"),  # a field missing
    lambda row: row.update(colour="red"),  # a field no row has
    lambda row: row.update(published=20250410),  # a date that is not text
])
def test_a_damaged_index_row_leaves_the_rest_of_the_library_listed_and_is_named(
        annotated: Store, damage, capsys: pytest.CaptureFixture[str]) -> None:
    annotated.save(replace(SAMPLE, id="other0001", title="Another"))
    shard = next(p for p in (annotated.root / "index").glob("*.json") if SAMPLE.id in p.read_text())
    data = json.loads(shard.read_text())
    damage(next(iter(data["briefings"].values())))
    shard.write_text(json.dumps(data))
    before = files(annotated.root)
    assert main(["list", "--store", str(annotated.root)]) == 0
    out, err = capsys.readouterr()
    assert "other0001" in out and SAMPLE.id not in out
    assert f"skipped {shard}: damaged" in err and "1 damaged file left out" in err
    assert files(annotated.root) == before


def test_a_briefing_stored_without_its_library_row_is_found_and_listed_again(
        annotated: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """An import killed between a batch's briefing files and their index rows leaves
    briefings the library does not show: the doctor finds them and puts them back,
    keeping when the others were imported."""

    other = replace(SAMPLE, id="other0001", title="Another")
    gone = replace(SAMPLE, id="gone0002", title="Deleted by hand")
    annotated.save_many([other, gone])
    shard = annotated.layout.index_shard(other.id)
    data = json.loads(shard.read_text())
    data["briefings"] = {k: row for k, row in data["briefings"].items() if row["id"] != other.id}
    shard.write_text(json.dumps(data))
    annotated.layout.briefing(gone.id).unlink()  # a file lost by hand: its backup holds it
    imported = {r.id: r.imported for r in annotated.list()}
    assert other.id not in imported

    assert main(["doctor", "--store", str(annotated.root)]) == 2
    out = capsys.readouterr().out
    assert f"{shard}: 1 stored briefing(s) not in the library, 0 listed but gone" in out
    assert f"{annotated.layout.index_shard(gone.id)}: 0 stored briefing(s) not in the library, 1 listed but gone" in out
    assert f"{annotated.layout.briefing(gone.id)}: missing; its backup holds it" in out
    assert main(["doctor", "--restore", "--store", str(annotated.root)]) == 0
    rows = {r.id: r.imported for r in Store(annotated.root).list()}
    assert rows.keys() == {SAMPLE.id, other.id, gone.id}
    assert rows[SAMPLE.id] == imported[SAMPLE.id] != ""
    assert Store(annotated.root).annotations(SAMPLE.id) == annotated.annotations(SAMPLE.id)
