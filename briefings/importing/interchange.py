"""Importing our own JSON back: a ``briefing/1`` file, a list of them, or a story
export (``briefing-story/1``, see ``export.interchange``)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from ..identities import Decision, add_missing
from ..model import FORMAT, STORY_FORMAT, Briefing, FormatError
from ..store import Store
from ..stories.table import add_to_story

MAX_IMPORT_BYTES = 200_000_000


@dataclass(frozen=True)
class Imported:
    briefings: tuple[tuple[Briefing, bool], ...]  # (briefing, was new)
    story: str | None = None
    decisions: int = 0  # identity decisions added


def import_json(store: Store, name: str) -> Imported:
    """Store the briefings of a ``briefing/1`` file, a list of them, or a story export.

    Nothing is written unless the whole file reads. Annotations come along
    (stored ones win, as for any re-import); a story export also makes the
    story and records its identity decisions.
    """
    label = "standard input" if name == "-" else name
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            with Path(name).open("rb") as handle:
                raw = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise BriefingError(f"{label}: no such file") from None
    except OSError as exc:
        raise BriefingError(f"{label}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise BriefingError(f"{label}: too large to import")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError(f"{label}: not valid JSON ({exc})") from None
    story = None
    decisions: list[Decision] = []
    if isinstance(data, dict) and data.get("format") == STORY_FORMAT:
        story = data.get("story")
        if not isinstance(story, str):
            raise BriefingError(f"{label}: a story export without a story name")
        docs = data.get("briefings")
        decisions = [Decision.from_dict(d) for d in data.get("identities") or []]
    elif isinstance(data, list):
        docs = data
    else:
        docs = [data]
    if not isinstance(docs, list):
        raise BriefingError(f"{label}: 'briefings' must be a list")
    try:
        briefings = [Briefing.from_dict(_require_format(d)) for d in docs]
    except FormatError as exc:
        raise BriefingError(f"{label}: not a {FORMAT} document ({exc})") from None
    results = tuple((b, store.save(b)) for b in briefings)
    added = add_missing(store, decisions) if decisions else 0
    if story is not None:
        add_to_story(store, story, *(b.id for b in briefings))
    return Imported(results, story, added)


def _require_format(doc: Any) -> Any:
    if isinstance(doc, dict) and doc.get("format") != FORMAT:
        raise FormatError(f"format is {doc.get('format')!r}, expected {FORMAT!r}")
    return doc
