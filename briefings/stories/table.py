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


def _rows(store: Store, *, or_skip: bool = False) -> list[dict[str, Any]]:
    """The stories' rows as stored; ``or_skip``: a damaged file, or a damaged row, is
    left out (and noted in ``store.skipped``) rather than failing the whole library."""
    data = store.read(store.layout.stories, or_skip=or_skip)
    rows = []
    for doc_id, doc in sorted((data.get("stories") or {}).items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
        if (problem := story_problem(doc)) is None:
            rows.append(doc)
        elif or_skip:
            store.skip(store.layout.stories, f"damaged, story {doc_id}: {problem}")
        else:
            raise BriefingError(f"{store.layout.stories}: damaged, story {doc_id}: {problem}; "
                                f"run 'briefing doctor --restore'")
    return rows


def story_problem(doc: Any) -> str | None:
    """What is wrong with a story's row, None when nothing."""
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str) or not doc["name"].strip():
        return "no name"
    members = doc.get("briefings", [])
    if not isinstance(members, list) or not all(isinstance(i, str) for i in members):
        return "its briefings are not a list of ids"
    if not isinstance(doc.get("created"), (str, type(None))):
        return "its creation time is not text"
    return None


def _story(doc: dict[str, Any]) -> Story:
    return Story(name=doc["name"], briefings=tuple(doc.get("briefings") or ()), created=doc.get("created"))


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
    """Every story, in the order they were made (one small file; none from a damaged one)."""
    return [_story(doc) for doc in _rows(store, or_skip=True)]


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
    """The briefings that still exist, and the ids that no longer do; a damaged one is
    left out and noted in ``store.skipped``."""
    ids = list(ids)
    missing = [i for i in ids if not store.exists(i)]
    gone = set(missing)
    return list(store.load_each(i for i in ids if i not in gone)), missing
