"""Kill a writer at random moments and count what it broke: TinyDB's JSONStorage beside our store.

    python benchmarks/durability.py [--kills 50] [--seed 3] [--work DIR]

A writer process saves annotations in a loop on a store of over 20 MB and
writes each one's key to an acknowledgement log only once the save has
returned. It is killed with SIGKILL at a random moment, half the time aimed
at a write in progress; the store is then opened as a user would open it,
and every acknowledged write must be there. Notes vary in length, as a
reader's do, so a file rewritten in place shifts. Our writers alternate between the store API and the
``briefing annotate`` command's code (``cli.main.main``). The tests in
tests/test_reliability.py run the same harness.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from briefings.importing.sample import sample_briefing  # noqa: E402
from briefings.model import Annotation  # noqa: E402
from briefings.store import Store  # noqa: E402
from briefings.store.atomic import TEMP_PREFIX  # noqa: E402

BULK_NOTES = 100  # notes of BULK_SIZE characters: a 20 MB file, so a kill often lands mid-write
BULK_SIZE = 200_000
MIN_BYTES = 20_000_000

# argv: mode (api, cli or tinydb), store, briefing id, tag, ack log, count, first sequence number, entries...
# A write's line reaches the log (fsynced) only after the write has returned.
WRITER = """
import os, sys
mode, root, briefing_id, tag, log_path, count, first = sys.argv[1:8]
entries, first = sys.argv[8:], int(first)
log = open(log_path, "a")
def note(seq):  # notes of varied length, as a reader's are: a file rewritten in place then shifts
    return f"ack {seq} " + "checked " * (seq % 7)
if mode == "api":
    from briefings.store import Store
    store = Store(root)
    def write(n, seq):
        store.annotate(briefing_id, f"{tag}-{n}", note=note(seq))
        return f"{tag}-{n}"
elif mode == "cli":
    from cli.main import main
    def write(n, seq):
        entry = entries[n % len(entries)]
        if main(["annotate", briefing_id, entry, "--note", note(seq), "--store", root]) != 0:
            sys.exit(1)
        return entry
else:  # like ours: new entries (api), or entries of the briefing in turn (cli)
    from tinydb import Query, TinyDB
    table = TinyDB(root).table("annotations")
    def write(n, seq):
        entry = entries[n % len(entries)] if entries else f"{tag}-{n}"
        table.upsert({"entry": entry, "note": note(seq)}, Query().entry == entry)
        return entry
print("ready", flush=True)
sys.stdout = open(os.devnull, "w")  # the CLI prints each saved annotation
for n in range(int(count)):
    entry = write(n, first + n)
    log.write(f"{entry} {first + n}\\n")
    log.flush()
    os.fsync(log.fileno())
"""


def start_writer(mode: str, target: Path, log: Path, count: int, *, briefing_id: str = "", tag: str = "w",
                 first: int = 0, entries: tuple[str, ...] = ()) -> subprocess.Popen:
    """A writer process; read a line from its stdout to know it has started."""
    argv = [sys.executable, "-c", WRITER, mode, str(target), briefing_id, tag, str(log), str(count), str(first),
            *entries]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)


@dataclass
class Tally:
    name: str
    size: int = 0  # bytes of the file under rewrite
    kills: int = 0
    broken: int = 0  # kills after which the store could not be read
    acknowledged: int = 0  # writes acknowledged, each checked after every later kill
    lost: int = 0  # acknowledged writes missing from a store that could be read

    def row(self) -> str:
        return (f"{self.name:24} {self.size / 1e6:7.1f} MB {self.kills:6} {self.broken:8} "
                f"{self.acknowledged:13} {self.lost:6}")


HEADER = f"{'store':24} {'file':>10} {'kills':>6} {'broken':>8} {'acknowledged':>13} {'lost':>6}"


def _newest(lines: list[str]) -> dict[str, int]:
    """Each written key with its newest acknowledged sequence number."""
    acks: dict[str, int] = {}
    for line in lines:
        key, seq = line.split()
        acks[key] = max(acks.get(key, -1), int(seq))
    return acks


def _seqs(notes: dict[str, str]) -> dict[str, int]:
    return {key: int(note.split()[1]) for key, note in notes.items() if note.startswith("ack ")}


def _aim(probe: Callable[[], object], rng: random.Random, window: float) -> None:
    """Wait until a write has begun (``probe`` changes), then a random 0-10 ms more."""
    mark, until = probe(), time.monotonic() + window
    while probe() == mark and time.monotonic() < until:
        time.sleep(0.0002)
    time.sleep(rng.uniform(0, 0.01))


def kill_loop(name: str, start: Callable[[int], subprocess.Popen], read: Callable[[], dict[str, str]],
              log: Path, kills: int, rng: random.Random, window: float, probe: Callable[[], object],
              on_broken: Callable[[], None] = lambda: None) -> Tally:
    """Start a writer, kill it at a random moment, check the store; ``kills`` times.

    Half the kills come 0..window seconds after the writer started, the other
    half 0-10 ms after ``probe()`` shows a write has begun (a random moment
    alone seldom lands in the few milliseconds a 20 MB write takes).
    ``start(k)`` starts the k-th writer (its sequence numbers must grow with k);
    ``read()`` opens the store and returns {key: note}, raising when it cannot.
    After a broken store ``on_broken`` puts back a good copy and the round's
    acknowledged writes are not expected any more (they went with the file).
    """
    tally = Tally(name)
    expected: dict[str, int] = {}
    seen = 0  # bytes of the log read so far
    for k in range(kills):
        writer = start(k)
        writer.stdout.readline()  # started: imports done, store open
        if k % 4 in (1, 2):  # aimed kills, both kinds of writer
            _aim(probe, rng, window)
        else:
            time.sleep(rng.uniform(0, window))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        tally.kills += 1
        data = log.read_bytes()[seen:] if log.exists() else b""
        seen += len(data)
        lines = data.decode().splitlines()
        tally.acknowledged += len(lines)
        try:
            stored = _seqs(read())
        except Exception:  # noqa: BLE001 - any failure to read is a broken store
            tally.broken += 1
            on_broken()
            continue
        expected.update(_newest(lines))  # sequence numbers grow from round to round
        for key, seq in expected.items():
            if stored.get(key, -1) < seq:
                tally.lost += 1
                expected[key] = stored.get(key, -1)  # count each loss once
    return tally


def bulk_store(root: Path) -> tuple[Store, str, tuple[str, ...]]:
    """Our store with the sample briefing and 20 MB of notes on it; (store, briefing id, its entry ids)."""
    store = Store(root)
    sample = sample_briefing()
    entries = tuple(sorted(sample.entry_ids()))
    notes = {e: Annotation(note=f"note {n}") for n, e in enumerate(entries)}
    big = Annotation(note="x" * BULK_SIZE)
    store.save(sample.with_annotations({**notes, **{f"bulk-{n}": big for n in range(BULK_NOTES)}}))
    return store, sample.id, entries


def run_ours(work: Path, kills: int = 50, seed: int = 3, window: float = 1.2) -> Tally:
    """The kill loop on our store; writers alternate between the store API and the CLI."""
    store, briefing_id, entries = bulk_store(work / "store")
    log = work / "ours-acks.log"

    def start(k: int) -> subprocess.Popen:
        mode = "cli" if k % 2 else "api"
        return start_writer(mode, store.root, log, 100_000, briefing_id=briefing_id, tag=f"k{k}",
                            first=k * 1_000_000, entries=entries)

    def read() -> dict[str, str]:
        opened = Store(store.root)  # opening sweeps the temporary files a kill left
        opened.list()
        return {key: a.note for key, a in opened.annotations(briefing_id).items()}

    def temp_files() -> list[str]:  # a write begins with a temporary file beside the target
        return [n for n in os.listdir(store.root / "annotations") if n.startswith(TEMP_PREFIX)]

    tally = kill_loop("ours (atomic + lock)", start, read, log, kills, random.Random(seed), window, temp_files)
    tally.size = store.layout.annotations_of(briefing_id).stat().st_size
    return tally


def run_tinydb(work: Path, kills: int = 50, seed: int = 3, window: float = 1.2) -> Tally:
    """The kill loop on one plain TinyDB file (default JSONStorage), which rewrites itself in place."""
    from tinydb import TinyDB

    work.mkdir(parents=True, exist_ok=True)
    path, log = work / "tinydb.json", work / "tinydb-acks.log"
    entries = tuple(sorted(sample_briefing().entry_ids()))
    with TinyDB(path) as db:  # the same annotations as in our store: a note on each entry, then the bulk
        db.table("annotations").insert_multiple(
            [{"entry": e, "note": f"note {n}"} for n, e in enumerate(entries)]
            + [{"entry": f"bulk-{n}", "note": "x" * BULK_SIZE} for n in range(BULK_NOTES)])
    good = [path.read_bytes()]

    def start(k: int) -> subprocess.Popen:
        good[0] = path.read_bytes()  # the copy a broken file is replaced with, to carry on
        return start_writer("tinydb", path, log, 100_000, tag=f"k{k}", first=k * 1_000_000,
                            entries=entries if k % 2 else ())

    def read() -> dict[str, str]:
        with TinyDB(path, access_mode="r") as db:
            return {doc["entry"]: doc["note"] for doc in db.table("annotations").all()}

    def modified() -> int:  # a write in place changes the file's mtime as it begins
        return path.stat().st_mtime_ns

    tally = kill_loop("TinyDB JSONStorage", start, read, log, kills, random.Random(seed), window, modified,
                      on_broken=lambda: path.write_bytes(good[0]))
    tally.size = path.stat().st_size
    return tally


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--work", type=Path, help="a folder for the stores (default: a temporary one)")
    opts = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = opts.work or Path(tmp)
        tallies = [run_tinydb(work / "tinydb", opts.kills, opts.seed), run_ours(work / "ours", opts.kills, opts.seed)]
    print(HEADER)
    for tally in tallies:
        print(tally.row())


if __name__ == "__main__":
    main()
