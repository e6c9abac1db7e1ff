"""Score ``briefing story check`` against hand-made gold stories: conflicts and single-source marks.

    python benchmarks/score_corroboration.py [STORIES_DIR] [-v] [--json]

STORIES_DIR (default tests/data/stories) holds one folder per story: its
articles (plain text, the headline on the first line) and ``gold.json``. Each
story is imported into a new store with the command line, as a reader would
(``briefing import FILE --published DATE --outlet NAME``, ``briefing story
add``), then ``briefing story check NAME --format json`` is scored. Prints
precision and recall per story and over all of them (micro-averaged); the
last line is the summary.

Gold format (gold.json):
  {"story": "Lake Kivu ferry",
   "articles": [{"file": "1-kivu-times.txt", "published": "2025-06-10", "outlet": "Kivu Times"}, ...],
   "conflicts": [{"kind": "date" | "number" | "speaker", "about": "what the fact is",
                  "versions": [{"article": FILE, "text": AS WRITTEN, "side": "a"}, ...]}],
   "single_source": [{"article": FILE, "text": WORDS OF THE EVENT OR QUOTE, "when": AS WRITTEN}],
   "agreements": [{"kind": "rounding" | "week" | "month" | "speaker" | ..., "versions": [...]}]}

Matching rules:
  conflicts  a found conflict matches a gold one of its kind when, for each side
             of the gold conflict, one of its versions is among the found ones:
             the same article, and the found version's text holds the gold text
             or the other way round (case and punctuation aside). Each gold
             conflict is matched once; a second found conflict on it counts as
             a false positive.
  single     a found single-source entry (an event or a quote) is right when a
             gold one of its article has its words within the entry's (its
             sentence, or the quote) and, when the gold item gives "when", the
             event's temporal expression as written holds it. Recall counts the
             gold items some found entry matched.
  agreements are not scored; a found conflict matching both versions of a
             planted agreement is listed with -v (it is also a false positive).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from cli.main import main as briefing  # noqa: E402

STORIES = HERE.parent / "tests" / "data" / "stories"


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(re.sub(r"[^\w\s%]", " ", text).split())


def holds(a: str | None, b: str | None) -> bool:
    """Either text holds the other (normalised)."""
    x, y = norm(a), norm(b)
    return bool(x and y) and (x in y or y in x)


def run(*argv: str) -> str:
    """One ``briefing`` command in this process; its standard output (raises on failure)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = briefing(list(argv))
    if code != 0:
        raise RuntimeError(f"briefing {' '.join(argv)}: exit status {code}")
    return out.getvalue()


@dataclass
class Score:
    found: int = 0
    right: int = 0
    gold: int = 0
    recalled: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.found += other.found
        self.right += other.right
        self.gold += other.gold
        self.recalled += other.recalled

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0


def check_story(folder: Path) -> tuple[dict, dict[str, str], dict[str, dict]]:
    """Import a story's articles in a new store; (gold, article of each briefing id, the check)."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "store")
        files = {}
        for article in gold["articles"]:
            briefing_id = run("--store", store, "import", str(folder / article["file"]),
                              "--published", article["published"], "--outlet", article["outlet"]).strip()
            files[briefing_id] = article["file"]
        run("--store", store, "story", "new", gold["story"])
        run("--store", store, "story", "add", gold["story"], *files)
        found = json.loads(run("--store", store, "story", "check", gold["story"], "--format", "json"))
        entries = {}
        for briefing_id in files:
            shown = json.loads(run("--store", store, "show", briefing_id, "--format", "json"))
            for e in shown["events"]:
                entries[briefing_id, e["id"]] = {"text": e["summary"], "when": e["when"]["text"]}
            for q in shown["quotes"]:
                entries[briefing_id, q["id"]] = {"text": q["text"], "when": None}
    return gold, files, {"check": found, "entries": entries}


def version_matches(found: dict, gold: dict, files: dict[str, str]) -> bool:
    return files.get(found["briefing"]) == gold["article"] and holds(found["text"], gold["text"])


def conflict_matches(found: dict, gold: dict, files: dict[str, str]) -> bool:
    if found["kind"] != gold["kind"]:
        return False
    sides: dict[str, list[dict]] = {}
    for v in gold["versions"]:
        sides.setdefault(v.get("side", "a"), []).append(v)
    return all(any(version_matches(f, g, files) for f in found["versions"] for g in side) for side in sides.values())


def score_conflicts(gold: dict, files: dict[str, str], found: list[dict]) -> Score:
    score = Score(found=len(found), gold=len(gold["conflicts"]))
    taken: set[int] = set()
    for f in found:
        match = next((i for i, g in enumerate(gold["conflicts"]) if i not in taken and conflict_matches(f, g, files)),
                     None)
        if match is None:
            planted = [a["kind"] for a in gold.get("agreements", [])
                       if all(any(version_matches(v, g, files) for v in f["versions"]) for g in a["versions"])]
            score.misses.append(f"  false conflict: {f['kind']} {f['summary']}"
                                + (f"  (a planted {planted[0]} agreement)" if planted else ""))
        else:
            taken.add(match)
            score.right += 1
    score.recalled = len(taken)
    for i, g in enumerate(gold["conflicts"]):
        if i not in taken:
            score.misses.append(f"  missed conflict: {g['kind']} {g.get('about', '')}")
    return score


def score_single(gold: dict, files: dict[str, str], found: list[dict], entries: dict) -> Score:
    items = gold["single_source"]
    score = Score(found=len(found), gold=len(items))
    recalled: set[int] = set()
    for f in found:
        entry = entries.get((f["briefing"], f["entry"]))
        hits = [i for i, g in enumerate(items) if entry and files.get(f["briefing"]) == g["article"]
                and norm(g["text"]) in norm(entry["text"])
                and ("when" not in g or holds(entry["when"], g["when"]))]
        if hits:
            score.right += 1
            recalled.update(hits)
        else:
            text = entry["text"] if entry else f["entry"]
            score.misses.append(f"  false single source: {files.get(f['briefing'])}: {text[:70]}")
    score.recalled = len(recalled)
    for i, g in enumerate(items):
        if i not in recalled:
            score.misses.append(f"  missed single source: {g['article']}: {g['text']}")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", type=Path, nargs="?", default=STORIES, help="a folder of story folders")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false mark")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    opts = parser.parse_args(argv)
    folders = sorted(p for p in opts.stories.iterdir() if (p / "gold.json").exists())
    if not folders:
        print(f"no stories (folders with a gold.json) in {opts.stories}", file=sys.stderr)
        return 2
    total_conflicts, total_single = Score(), Score()
    rows = []
    for folder in folders:
        gold, files, found = check_story(folder)
        conflicts = score_conflicts(gold, files, found["check"]["conflicts"])
        single = score_single(gold, files, found["check"]["single_source"], found["entries"])
        total_conflicts.add(conflicts)
        total_single.add(single)
        rows.append((folder.name, conflicts, single))
    if opts.json:
        print(json.dumps({name: {"conflicts": [c.precision, c.recall], "single_source": [s.precision, s.recall]}
                          for name, c, s in rows}
                         | {"micro": {"conflicts": [total_conflicts.precision, total_conflicts.recall],
                                      "single_source": [total_single.precision, total_single.recall]}}))
        return 0
    print(f"{'story':<28}{'conflicts P':>12}{'R':>6}{'single P':>10}{'R':>6}")
    for name, c, s in rows:
        print(f"{name:<28}{c.precision:>12.2f}{c.recall:>6.2f}{s.precision:>10.2f}{s.recall:>6.2f}")
        if opts.verbose:
            for line in c.misses + s.misses:
                print(line)
    print(f"{'micro-average':<28}{total_conflicts.precision:>12.2f}{total_conflicts.recall:>6.2f}"
          f"{total_single.precision:>10.2f}{total_single.recall:>6.2f}")
    print(f"conflicts P {total_conflicts.precision:.2f} R {total_conflicts.recall:.2f} "
          f"({total_conflicts.right}/{total_conflicts.found} found right, {total_conflicts.recalled}/{total_conflicts.gold} "
          f"gold found) · single source P {total_single.precision:.2f} R {total_single.recall:.2f} "
          f"({total_single.right}/{total_single.found}, {total_single.recalled}/{total_single.gold}) · {len(rows)} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
