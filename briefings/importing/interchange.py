"""Importing our own JSON back: a ``briefing/1`` file, a list of them, or a story
export (``briefing-story/1``, see ``export.interchange``).

Every briefing passes the gate (``gate.document``: the model's types and
limits, text cleaned); a story's name and identity decisions are cleaned and
bounded too. Nothing is written unless the whole file passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import BriefingError
from ..gate import document
from ..identities import Decision, add_missing, incoming
from ..model import FORMAT, STORY_FORMAT, Briefing, FormatError
from ..store import Store
from ..stories.table import add_to_story, story_name
from .files import decode_text, read_input

MAX_IMPORT_BYTES = 200_000_000
MAX_BRIEFINGS = 20_000  # in one file: 40 stories of 500 articles
MAX_DECISIONS = 2_000  # identity decisions in one story export


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
    briefings, story, decisions = read_json(read_input(name, MAX_IMPORT_BYTES, "to import"), label)
    results = tuple(zip(briefings, store.save_many(briefings))) if briefings else ()
    added = add_missing(store, decisions) if decisions else 0
    if story is not None:
        add_to_story(store, story, *(b.id for b in briefings))
    return Imported(results, story, added)


def read_json(raw: bytes, label: str) -> tuple[list[Briefing], str | None, list[Decision]]:
    """The briefings, story name and identity decisions of a JSON file, each admitted by the gate."""
    import msgspec

    try:
        data = msgspec.json.decode(decode_text(raw, label).encode("utf-8"))
    except msgspec.DecodeError as exc:
        raise BriefingError(f"{label}: not valid JSON ({str(exc).removeprefix('JSON is malformed: ')})") from None
    except RecursionError:
        raise BriefingError(f"{label}: not valid JSON (nested too deeply)") from None
    story = None
    decisions: list[Decision] = []
    if isinstance(data, dict) and data.get("format") == STORY_FORMAT:
        story, docs = data.get("story"), data.get("briefings")
        if not isinstance(story, str):
            raise BriefingError(f"{label}: a story export without a story name")
        story = story_name(story)
        identities = data.get("identities") or []
        if not isinstance(identities, list) or len(identities) > MAX_DECISIONS:
            raise BriefingError(f"{label}: 'identities' must be a list of at most {MAX_DECISIONS:,} decisions")
        try:
            decisions = incoming(identities)
        except BriefingError as exc:
            raise BriefingError(f"{label}: {exc}") from None
    elif isinstance(data, list):
        docs = data
    else:
        docs = [data]
    if not isinstance(docs, list):
        raise BriefingError(f"{label}: 'briefings' must be a list")
    if len(docs) > MAX_BRIEFINGS:
        raise BriefingError(f"{label}: over {MAX_BRIEFINGS:,} briefings in one file")
    briefings: list[Briefing] = []
    for n, doc in enumerate(docs):
        try:
            briefings.append(document(_with_format(doc)))
        except FormatError as exc:
            where = f"briefing {n + 1}: " if len(docs) > 1 else ""
            raise BriefingError(f"{label}: not a {FORMAT} document ({where}{exc})") from None
    if len({b.id for b in briefings}) != len(briefings):
        raise BriefingError(f"{label}: two briefings share an id")
    return briefings, story, decisions


def _with_format(doc: Any) -> Any:
    if not isinstance(doc, dict):
        raise FormatError(f"a briefing must be a JSON object, not {type(doc).__name__}")
    if doc.get("format") != FORMAT:
        raise FormatError(f"format is {str(doc.get('format'))[:40]!r}, expected {FORMAT!r}")
    return doc
