"""Annotations follow their entry across a re-import.

An entry's id is a hash of its text, so an article corrected after it was
imported (a sentence edited, a name spelt again) gives some entries new ids,
and the reader's annotations on the old ones would point at nothing. On a
re-import each annotated entry that is gone is matched with an entry that is
new in this version: the same kind (actor, event, quote), not annotated
already, and a text similarity (``similarity``) of at least ``THRESHOLD``;
the best pairs are made first, one annotation per entry. An annotation that
finds no such entry stays under its old id with what its entry said
(``was``): an orphan, which ``briefing orphans`` and the app list for the
reader to attach to an entry or drop.

THRESHOLD is 0.7 (``benchmarks/reattach_threshold.py``, the 401 articles of
the corpus, each corrected in two sentences: a word replaced, a word added):
an edited entry and its new version are 0.95 alike (median), and 93% of the
annotations reach their entry's new version, none another entry; the rest
become orphans the reader is told of. Two different events of one article
are 0.7 alike in 0.6% of cases, two quotes in 1.3%: below it, an annotation
moving to an entry it was not on would be likelier than one left behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ..model import Annotation, Briefing

THRESHOLD = 0.7
KINDS = {"a": "actor", "e": "event", "q": "quote"}


def entry_texts(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """Each entry's kind ("a", "e", "q") and the text it is matched on."""
    texts = {a.id: ("a", " ".join(a.names)) for a in briefing.actors}
    texts.update((e.id, ("e", f"{e.summary} {e.when.text}")) for e in briefing.events)
    texts.update((q.id, ("q", q.text)) for q in briefing.quotes)
    return texts


def similarity(a: str, b: str) -> float:
    """How alike two entries' texts are, 0 to 1 (difflib's ratio, case aside)."""
    return SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False).ratio()


def best_matches(gone: dict[str, tuple[str, str]], free: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Pairs (gone id -> new id) of the same kind and similar enough, best pairs first,
    each entry used once."""
    pairs = sorted(((similarity(text, free_text), old, new)
                    for old, (kind, text) in gone.items()
                    for new, (free_kind, free_text) in free.items() if kind == free_kind),
                   reverse=True)
    moved: dict[str, str] = {}
    taken: set[str] = set()
    for score, old, new in pairs:
        if score < THRESHOLD:
            break
        if old not in moved and new not in taken:
            moved[old] = new
            taken.add(new)
    return moved


def follow(old: Briefing | None, new: Briefing, docs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
    """The annotation documents (by entry id) once they follow their entries into ``new``;
    None when nothing moves. An annotation left without an entry keeps what its entry
    said under ``was`` (kind and text), when the old version is known."""
    entries = entry_texts(new)
    lost = [k for k in docs if k not in entries]
    before = entry_texts(old) if old is not None else {}
    gone = {k: before[k] if k in before else _was(docs[k]) for k in lost}
    gone = {k: was for k, was in gone.items() if was is not None}
    free = {k: kt for k, kt in entries.items() if k not in docs and k not in before}
    moved = best_matches(gone, free)
    out: dict[str, dict[str, Any]] = {}
    for key, doc in docs.items():
        if key in moved or key in entries:
            out[moved.get(key, key)] = {k: v for k, v in doc.items() if k != "was"}
        elif key in gone and "was" not in doc:
            kind, text = gone[key]
            out[key] = {**doc, "was": {"kind": kind, "text": text}}
        else:
            out[key] = doc
    return out if out != docs else None


def _was(doc: dict[str, Any]) -> tuple[str, str] | None:
    """What an orphan's entry said, as kept with it."""
    was = doc.get("was")
    if isinstance(was, dict) and was.get("kind") in KINDS and isinstance(was.get("text"), str):
        return was["kind"], was["text"]
    return None


@dataclass(frozen=True)
class Orphan:
    """An annotation on an entry its briefing no longer has."""

    briefing_id: str
    entry_id: str
    annotation: Annotation
    kind: str | None = None  # what its entry was ("a", "e", "q"), when known
    text: str | None = None  # and what it said

    @classmethod
    def of(cls, briefing_id: str, entry_id: str, doc: dict[str, Any], annotation: Annotation) -> Orphan:
        kind, text = _was(doc) or (None, None)
        return cls(briefing_id, entry_id, annotation, kind, text)

    @property
    def was(self) -> str:
        """What its entry was, for the reader: "event: The mine reopens" (or "unknown")."""
        return f"{KINDS[self.kind]}: {self.text}" if self.kind and self.text is not None else "unknown"

    def candidates(self, briefing: Briefing, limit: int = 5) -> list[tuple[float, str, str]]:
        """The entries of ``briefing`` it may go on, most alike first: (similarity, entry id, text)."""
        if self.text is None:
            return []
        scored = [(similarity(self.text, text), entry, text) for entry, (kind, text) in entry_texts(briefing).items()
                  if kind == self.kind]
        return sorted(scored, reverse=True)[:limit]


def merged(kept: Annotation, orphan: Annotation) -> Annotation:
    """An entry's annotation with an orphan's put on it: both notes, every tag, a star
    or a hide from either, the entry's own grade before the orphan's."""
    notes = [n for n in dict.fromkeys((kept.note, orphan.note)) if n]
    return Annotation(note="\n\n".join(notes), tags=tuple(dict.fromkeys((*kept.tags, *orphan.tags))),
                      starred=kept.starred or orphan.starred, grade=kept.grade or orphan.grade,
                      hidden=kept.hidden or orphan.hidden, updated=kept.updated)
