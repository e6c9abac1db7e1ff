"""Importing: articles per second through ``briefing import`` of a folder of articles,
and the importer's peak memory, against a spaCy-based pipeline doing the same work.

The articles are written by ``make_articles`` (our own generator, shaped like
the corpus: a headline, a date line, paragraphs with named people,
organisations and places, dated events and quotes). The baseline is
``spacy_baseline.py`` (read, spaCy NER, dates, quotes, the same store),
run as a child under a Python that has spaCy: ``--spacy-python``, else
$BRIEFING_SPACY_PYTHON, else a ``spacy-venv`` beside the checkout, else this
interpreter if it has spaCy ("none" turns it off). With no spaCy found the
baseline is a child that only reads and sanitises the same files: the floor
any importer pays. Ours is also set against itself with ``--jobs 1`` (one
process extracting, as before the pool), for what every core buys. All are
timed and measured the same way, as processes.

    python benchmarks/bench_import.py read FILE...       (that floor child)
    python benchmarks/bench_import.py measure ARGV...    (times a child, prints its peak memory)
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from table import Row

FIRST = "Amara Bela Chidi Dara Elin Faro Gita Hamid Ines Jova Kemi Lio Mato Nadia Oren Pita".split()
LAST = "Achebe Borel Castell Dumont Ekwe Farah Gisore Halvor Imani Juste Kaboré Lindqvist Mwamba Noor".split()
ORGS = ["Kivu Tin Company", "the Lakes Mining Board", "Northgate Metals", "the Regional Trade Office",
        "the Harbour Workers Union", "Meridian Freight", "the Provincial Assembly", "Solano Energy"]
PLACES = ["Goma", "Walikale", "Port Ansel", "Lindau", "Ravenna Bay", "Kisoro", "the northern province"]
ROLES = ["chief executive", "spokesperson", "governor", "minister of mines", "union leader", "analyst"]
VERBS = ["announced", "suspended", "resumed", "signed", "rejected", "extended", "confirmed", "delayed"]
THINGS = ["the export agreement", "talks on the mine", "a ceasefire", "the shipping contract",
          "new tariffs", "the road convoy", "a review of output", "the tender for the port"]
WHEN = ["on Monday", "on Tuesday", "last week", "last month", "earlier this year", "in March",
        "on April 9", "two days earlier", "weeks later", "on Friday"]
SAYS = ["We will not sign anything until the roads are safe", "Output should recover within weeks",
        "This agreement protects the workers and the town", "Nobody told us the convoy had stopped",
        "The figures we have seen do not add up", "We expect the first shipment before the rains"]


def make_article(n: int, rng: random.Random) -> str:
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(4)]
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
    place = rng.choice(PLACES)
    paragraphs = []
    for p in range(rng.randint(5, 9)):
        sentences = []
        for _ in range(rng.randint(3, 5)):
            who = rng.choice(people + ORGS)
            sentences.append(f"{who[0].upper() + who[1:]} {rng.choice(VERBS)} {rng.choice(THINGS)} "
                             f"in {rng.choice(PLACES)} {rng.choice(WHEN)}.")
        if p % 2:
            speaker = rng.choice(people)
            sentences.append(f'"{rng.choice(SAYS)}," said {speaker}, {rng.choice(ROLES)} at {rng.choice(ORGS)}.')
        paragraphs.append(" ".join(sentences))
    paragraphs[0] = f"{place.upper()}, {published:%B} {published.day} - " + paragraphs[0]
    headline = f"{rng.choice(ORGS).removeprefix('the ').capitalize()} {rng.choice(VERBS)} {rng.choice(THINGS)} ({n})"
    return f"{headline}\n\n{published:%B %d, %Y}\n\n" + "\n".join(paragraphs) + "\n"


def make_articles(folder: Path, count: int, seed: int = 11) -> list[Path]:
    """``count`` article files in ``folder`` (written once); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"article-{n:05d}.txt" for n in range(count)]
    if not all(p.exists() for p in paths):
        rng = random.Random(seed)
        for n, path in enumerate(paths):
            path.write_text(make_article(n, rng), encoding="utf-8")
    return paths


def run_child(argv: list[str]) -> tuple[float, int]:
    """(seconds, peak resident bytes) of a child process run to its end.

    Started from a small wrapper process: a child's peak memory (ru_maxrss)
    counts what it inherited at fork, and this process may be large by now.
    """
    out = subprocess.run([sys.executable, __file__, "measure", *argv], capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(f"{argv[0]} failed: {out.stderr[-300:]}")
    seconds, peak = out.stdout.split()
    return float(seconds), int(peak)


def measure(argv: list[str]) -> None:
    """The wrapper: run ``argv``, print its seconds and peak resident bytes."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"exit status {os.waitstatus_to_exitcode(status)}")
    print(time.perf_counter() - started, usage.ru_maxrss * 1024)


SPACY_PYTHON = "BRIEFING_SPACY_PYTHON"
BASELINE = Path(__file__).with_name("spacy_baseline.py")


def spacy_pythons() -> list[str]:
    """Where to look for spaCy unless told: a ``spacy-venv`` beside the checkout, then this interpreter."""
    beside = Path(__file__).resolve().parents[2] / "spacy-venv" / "bin" / "python"
    return [str(beside), sys.executable] if beside.exists() else [sys.executable]


def find_spacy(given: str | None = None) -> tuple[str, str] | None:
    """(python, "MODEL VERSION") of the interpreter that runs the spaCy baseline, or None.

    ``given`` (else $BRIEFING_SPACY_PYTHON) names it, "none" for no baseline; a
    named interpreter that cannot run it is an error, not a silent fall back
    to the floor.
    """
    given = given or os.environ.get(SPACY_PYTHON)
    if given and given.lower() == "none":
        return None
    for python in [given] if given else spacy_pythons():
        try:
            out = subprocess.run([python, str(BASELINE), "check"], capture_output=True, text=True, check=False)
        except OSError as exc:
            out = subprocess.CompletedProcess([python], 1, "", exc.strerror or str(exc))
        if out.returncode == 0:
            return python, out.stdout.strip()
        if given:
            raise SystemExit(f"bench_import: {python} cannot run the spaCy baseline: "
                             f"{(out.stderr.strip().splitlines() or ['no reason given'])[-1]}")
    return None


def run(work: Path, count: int, runs: int, spacy_python: str | None = None) -> list[Row]:
    """Ours (every core), the baseline, and ours with ``--jobs 1`` (one process extracting,
    as before the pool: the "today's rate" the pool is set against), each run in turn."""
    paths = [str(p) for p in make_articles(work / f"articles-{count}", count)]
    briefing = str(Path(sys.executable).with_name("briefing"))
    spacy = find_spacy(spacy_python)
    ours_store, base_store, one_store = work / "import-store", work / "spacy-store", work / "import-store-one"
    ours = [briefing, "--store", str(ours_store), "import", *paths]
    one = [briefing, "--store", str(one_store), "import", "--jobs", "1", *paths]
    baseline = [spacy[0], str(BASELINE), "import", str(base_store), *paths] if spacy \
        else [sys.executable, __file__, "read", *paths]
    imports, bases, ones = [], [], []
    for _ in range(runs):  # ours, the baseline and ours on one core in turn, so all see the same machine
        for argv, store, times in ((ours, ours_store, imports), (baseline, base_store, bases), (one, one_store, ones)):
            shutil.rmtree(store, ignore_errors=True)
            os.sync()  # the deletions' writes are flushed now, not by the next import's first fsyncs
            times.append(run_child(argv))
    seconds, base_seconds, one_seconds = (statistics.median(t for t, _ in runs_) for runs_ in (imports, bases, ones))
    peak, base_peak = (statistics.median(m for _, m in runs_) for runs_ in (imports, bases))
    base, target = (f"spaCy pipeline, {spacy[1]}", "≥ 5×") if spacy else \
        ("read + sanitise only (no spaCy: no baseline)", "≥ 5× spaCy")
    jobs = os.cpu_count() or 1
    return [Row(f"import {count:,} articles, articles/s", count / seconds, base, count / base_seconds, target, "/s"),
            Row(f"import {count:,} articles, peak memory", peak, base, base_peak, "", "B"),
            Row(f"import {count:,} articles, every core vs one", count / seconds,
                "same, --jobs 1 (one process extracting)", count / one_seconds, "≥ 1.6×", "/s"),
            Row(f"arithmetic in {jobs} processes vs one", *machine_ceiling(jobs, runs),
                "context: the most every core can give", "/s")]


def machine_ceiling(jobs: int, runs: int) -> tuple[float, str, float]:
    """(sums a second in ``jobs`` processes, baseline name, sums a second in one): what
    the machine's cores give work that shares nothing (two hyperthreads of one core, or
    a host's other tenants, give less than twice one)."""
    from multiprocessing import get_context

    with get_context("forkserver").Pool(jobs) as pool:
        pool.map(_arithmetic, range(jobs))  # the workers started first
        together = statistics.median(_timed(lambda: pool.map(_arithmetic, range(jobs))) for _ in range(runs))
        alone = statistics.median(_timed(lambda: pool.map(_arithmetic, range(1))) for _ in range(runs))
    return jobs / together, "one process", 1 / alone


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _arithmetic(_: int) -> int:
    total = 0
    for n in range(5_000_000):
        total += n
    return total


def read_only(names: list[str]) -> None:
    """The baseline child: read and sanitise each file the way an import does, nothing more."""
    from briefings.importing.files import read_article
    from briefings.sanitize import clean

    for name in names:
        clean(read_article(name))


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        measure(sys.argv[2:])
    elif sys.argv[1:2] == ["read"]:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        read_only(sys.argv[2:])
