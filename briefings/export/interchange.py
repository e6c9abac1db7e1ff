"""Our own JSON: a briefing as ``briefing/1``, a story as ``briefing-story/1``.

A story's JSON is ``{"format": "briefing-story/1", "story": NAME,
"briefings": [briefing/1 ...], "identities": [decisions]}``. Both are read
back without loss by ``importing.interchange``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..identities import Decision
from ..model import STORY_FORMAT, Briefing
from ..names import name_key


def briefing_json(briefing: Briefing) -> str:
    return json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False) + "\n"


def story_json(name: str, briefings: Sequence[Briefing], decisions: Sequence[Decision] = ()) -> str:
    """A story as its briefings (as stored, with annotations) plus the identity
    decisions that touch their actors."""
    keys = {name_key(n) for b in briefings for a in b.actors for n in a.names}
    relevant = [d for d in decisions if set(d.keys) & keys]
    doc = {
        "format": STORY_FORMAT,
        "story": name,
        "briefings": [b.to_dict() for b in briefings],
        "identities": [d.to_dict() for d in relevant],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
