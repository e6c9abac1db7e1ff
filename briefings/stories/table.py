"""The reader's stories: ``stories.json`` holds one row per story, its name and the
ids of its briefings, in the order they were added."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import BriefingError
from ..model import Briefing
from ..names import fold
from ..sanitize import clean
from ..store import Store, now

MAX_NAME = 120


@dataclass(frozen=True)
class Story:
    name: str
    briefings: tuple[str, ...] = ()
    created: str | None = None


def _rows(store: Store) -> list[dict[str, Any]]:
    data = store.read(store.layout.stories)
    return [doc for _, doc in sorted((data.get("stories") or {}).items(), key=lambda kv: int(kv[0]))]


def _story(doc: dict[str, Any]) -> Story:
    return Story(name=str(doc.get("name")), briefings=tuple(str(i) for i in doc.get("briefings") or ()),
                 created=doc.get("created"))


def story_name(name: str) -> str:
    cleaned = " ".join(clean(name).split())
    if not cleaned:
        raise BriefingError("a story needs a name")
    if len(cleaned) > MAX_NAME:
        raise BriefingError(f"a story name of over {MAX_NAME} characters")
    return cleaned


def _same(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def list_stories(store: Store) -> list[Story]:
    """Every story, in the order they were made (one small file)."""
    return [_story(doc) for doc in _rows(store)]


def get_story(store: Store, name: str) -> Story:
    for doc in _rows(store):
        if _same(doc.get("name", ""), name):
            return _story(doc)
    raise BriefingError(f"no story named {name!r}; make it with 'briefing story new'")


def create_story(store: Store, name: str) -> Story:
    name = story_name(name)
    with store.edit(store.layout.stories) as db:
        table = db.table("stories")
        if any(_same(doc.get("name", ""), name) for doc in table.all()):
            raise BriefingError(f"there is already a story named {name!r}")
        table.insert({"name": name, "briefings": [], "created": now()})
    return Story(name=name, created=now())


def add_to_story(store: Store, name: str, *briefing_ids: str, create: bool = True) -> Story:
    """Put briefings in a story (made when missing, unless ``create`` is False).

    Ids already in the story are left where they are; unknown ids are refused
    before anything is written.
    """
    for briefing_id in briefing_ids:
        if not store.exists(briefing_id):
            raise BriefingError(f"no briefing with id {briefing_id!r}")
    cleaned = story_name(name)
    with store.edit(store.layout.stories) as db:
        table = db.table("stories")
        doc = next((d for d in table.all() if _same(d.get("name", ""), cleaned)), None)
        if doc is None:
            if not create:
                raise BriefingError(f"no story named {name!r}; make it with 'briefing story new'")
            doc_id = table.insert({"name": cleaned, "briefings": [], "created": now()})
            doc = table.get(doc_id=doc_id)
        members = list(dict.fromkeys([*doc.get("briefings", []), *briefing_ids]))
        table.update({"briefings": members}, doc_ids=[doc.doc_id])
        return _story({**doc, "briefings": members})


def remove_from_story(store: Store, name: str, *briefing_ids: str) -> Story:
    with store.edit(store.layout.stories) as db:
        table = db.table("stories")
        doc = next((d for d in table.all() if _same(d.get("name", ""), name)), None)
        if doc is None:
            raise BriefingError(f"no story named {name!r}")
        members = [i for i in doc.get("briefings", []) if i not in briefing_ids]
        table.update({"briefings": members}, doc_ids=[doc.doc_id])
        return _story({**doc, "briefings": members})


def delete_story(store: Store, name: str) -> None:
    """Forget a story; its briefings stay in the store (its stored view is made
    again should a story of the same name be opened: see ``cache``)."""
    with store.edit(store.layout.stories) as db:
        table = db.table("stories")
        doc = next((d for d in table.all() if _same(d.get("name", ""), name)), None)
        if doc is None:
            raise BriefingError(f"no story named {name!r}")
        table.remove(doc_ids=[doc.doc_id])


def stories_of(store: Store, briefing_id: str) -> list[Story]:
    return [s for s in list_stories(store) if briefing_id in s.briefings]


def load_briefings(store: Store, ids: Iterable[str]) -> tuple[list[Briefing], list[str]]:
    """The briefings that still exist, and the ids that no longer do."""
    found, missing = [], []
    for briefing_id in ids:
        if store.exists(briefing_id):
            found.append(store.load(briefing_id))
        else:
            missing.append(briefing_id)
    return found, missing
