"""A story's stored view: opening a story again reads it instead of merging
every article again, and it never shows what the store no longer says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.builders import afp, briefing, reuters, when

from briefings import identities, stories
from briefings.desk import Desk
from briefings.importing.sample import sample_briefing
from briefings.store import Store, derived
from cli.main import main


@pytest.fixture
def walikale(store: Store) -> Store:
    for b in (reuters(), afp(), sample_briefing()):
        store.save(b)
    store.annotate("b1aa", "e1", note="check the date", tags=("verify",))
    stories.add_to_story(store, "Walikale", "b1aa", "b2bb", sample_briefing().id)
    return store


def cache_files(store: Store) -> list[Path]:
    return sorted((store.root / "cache/stories").glob("*.json"))


def merge_file(store: Store) -> Path:
    return next(p for p in cache_files(store) if not p.name.endswith(".notes.json"))


def seen(view: stories.StoryView) -> dict:
    """What a reader is shown of a story: the merged view and every annotation on it."""
    notes = {f"{b}/{e}": view.annotation(b, e) for item in (*view.events, *(q for g in view.quotes for q in g.quotes))
             for b, e in item.sources}
    notes.update({f"{b}/{a}": view.annotation(b, a) for actor in view.actors for b, a in actor.appearances})
    return {**stories.view_to_dict(view), "notes": notes, "articles": [view.title(b) for b in view.briefings],
            "events per actor": {a.key: view.event_count(a.key) for a in view.actors}}


def uncached(store: Store, name: str) -> dict:
    return seen(stories.merge_story(store, stories.get_story(store, name)))


def show(capsys, store: Store, name: str) -> str:
    assert main(["--store", str(store.root), "story", "show", name]) == 0
    return capsys.readouterr().out


def test_a_story_opened_again_is_the_same_as_merging_it_again(walikale: Store) -> None:
    first = stories.open_story(walikale, "Walikale")  # merged, then kept
    assert len(cache_files(walikale)) == 2
    again = stories.open_story(walikale, "walikale")  # read from what was kept
    assert seen(again) == seen(first) == uncached(walikale, "Walikale")
    assert tuple(again.events) == first.events and again.actors == first.actors
    assert again.annotation("b1aa", "e1").note == "check the date"
    # the articles themselves are read when asked for, as they are stored
    assert again.briefings["b2bb"].events == walikale.load("b2bb").events


def test_a_note_made_in_a_story_shows_on_the_next_open_without_merging_again(walikale: Store, capsys) -> None:
    stories.open_story(walikale, "Walikale")
    kept = merge_file(walikale).stat()
    walikale.annotate("b2bb", "e2", note="talks moved to Doha", starred=True)
    view = stories.open_story(walikale, "Walikale")
    assert view.annotation("b2bb", "e2").note == "talks moved to Doha"
    assert seen(view) == uncached(walikale, "Walikale")
    assert "talks moved to Doha" in show(capsys, walikale, "Walikale")
    now = merge_file(walikale).stat()
    assert (now.st_ino, now.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)  # only the notes were read again
    walikale.annotate("b2bb", "e2", hidden=True)
    assert stories.open_story(walikale, "Walikale").annotation("b2bb", "e2").hidden


def test_a_reimported_article_shows_its_new_entries(walikale: Store, capsys) -> None:
    stories.open_story(walikale, "Walikale")
    changed = briefing("b2bb", "Rebels pull back from Walikale", published="2025-04-08", outlet="AFP",
                       actors=[("a4", "Qatar", "government")],
                       events=[("e9", "Qatar announces a second round of talks", when("on Monday", "2025-04-07"),
                                ["a4"])])
    walikale.save(changed)
    view = stories.open_story(walikale, "Walikale")
    summaries = [e["summary"] for e in stories.view_to_dict(view)["events"]]
    assert "Qatar announces a second round of talks" in summaries
    assert "Qatar hosts peace talks in Doha" not in summaries
    assert seen(view) == uncached(walikale, "Walikale")
    assert "second round of talks" in show(capsys, walikale, "Walikale")


def test_merging_is_announced_only_when_the_story_is_merged_again(walikale: Store) -> None:
    merged: list[str] = []
    stories.open_story(walikale, "Walikale", on_merge=lambda story: merged.append(story.name))
    stories.open_story(walikale, "Walikale", on_merge=lambda story: merged.append(story.name))
    walikale.annotate("b2bb", "e2", starred=True)
    stories.open_story(walikale, "Walikale", on_merge=lambda story: merged.append(story.name))
    assert merged == ["Walikale"]
    walikale.save(afp())  # re-imported: rewritten, even if the same
    stories.open_story(walikale, "Walikale", on_merge=lambda story: merged.append(story.name))
    assert merged == ["Walikale", "Walikale"]


def test_members_added_removed_or_deleted_change_the_view(walikale: Store) -> None:
    stories.open_story(walikale, "Walikale")
    stories.remove_from_story(walikale, "Walikale", "b2bb")
    view = stories.open_story(walikale, "Walikale")
    assert "b2bb" not in view.briefings
    assert all(b != "b2bb" for e in view.events for b, _ in e.sources)
    stories.add_to_story(walikale, "Walikale", "b2bb")
    view = stories.open_story(walikale, "Walikale")
    assert any(b == "b2bb" for e in view.events for b, _ in e.sources)
    assert seen(view) == uncached(walikale, "Walikale")
    walikale.delete("b2bb")
    view = stories.open_story(walikale, "Walikale")
    assert view.missing == ("b2bb",) and "b2bb" not in view.briefings
    assert seen(view) == uncached(walikale, "Walikale")


def test_merging_or_splitting_actors_changes_the_view(store: Store) -> None:
    store.save(briefing("b01", "A", actors=[("x", "United States", "government", "Washington")]))
    store.save(briefing("b02", "B", actors=[("y", "Washington", "person")]))
    stories.add_to_story(store, "US", "b01", "b02")
    assert len(stories.open_story(store, "US").actors) == 2
    decision = identities.merge(store, "United States", "Washington")
    merged = stories.open_story(store, "US")
    assert [a.name for a in merged.actors] == ["United States"]
    assert seen(merged) == uncached(store, "US")
    identities.forget(store, decision.id)
    assert len(stories.open_story(store, "US").actors) == 2


@pytest.mark.parametrize("damage", [b"", b"not json at all", "half", "checksum", "shape"])
def test_a_damaged_stored_view_is_merged_again(walikale: Store, damage) -> None:
    stories.open_story(walikale, "Walikale")
    for path in cache_files(walikale):
        data = path.read_bytes()
        if damage == "half":
            data = data[: len(data) // 2]
        elif damage == "checksum":  # still valid JSON, but not what was written
            data = data.replace(b"Walikale town", b"Walikale TOWN").replace(b"check the date", b"check the data")
        elif damage == "shape":  # a right checksum over the wrong document
            body = b'{"version": 1, "story": "walikale", "events": 5, "notes": [1]}'
            data = b"%08x\n" % __import__("zlib").crc32(body) + body
        else:
            data = damage
        path.write_bytes(data)
    view = stories.open_story(walikale, "Walikale")
    assert seen(view) == uncached(walikale, "Walikale")
    assert seen(stories.open_story(walikale, "Walikale")) == seen(view)  # kept again, readable


def test_a_store_that_cannot_keep_the_view_still_opens_stories(walikale: Store, monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(derived, "write_atomic", refuse)
    assert seen(stories.open_story(walikale, "Walikale")) == uncached(walikale, "Walikale")
    assert cache_files(walikale) == []


def test_a_story_opens_while_another_process_holds_the_lock(walikale: Store) -> None:
    hold = ("import sys, time\nfrom filelock import FileLock\n"
            "with FileLock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(30)\n")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(walikale.root / ".lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert seen(stories.open_story(walikale, "Walikale")) == uncached(walikale, "Walikale")
        assert cache_files(walikale) == []  # kept next time, not waited for
    finally:
        holder.kill()
        holder.wait()


def test_doctor_and_the_temp_sweep_leave_the_stored_view_alone(walikale: Store, capsys) -> None:
    stories.open_story(walikale, "Walikale")
    kept = cache_files(walikale)
    leftover = kept[0].parent / ".tmp-killed-writer"
    leftover.write_bytes(b"{")
    assert walikale.sweep() == 1 and not leftover.exists()
    assert cache_files(walikale) == kept
    assert main(["--store", str(walikale.root), "doctor"]) == 0
    assert "healthy" in capsys.readouterr().out


def test_a_story_deleted_and_made_again_shows_only_its_new_articles(walikale: Store) -> None:
    stories.open_story(walikale, "Walikale")
    Desk(walikale.root).delete_story("Walikale")
    assert cache_files(walikale) == []
    stories.add_to_story(walikale, "WALIKALE", "b2bb")
    assert list(stories.open_story(walikale, "Walikale").briefings) == ["b2bb"]


def test_an_article_deleted_while_the_story_is_shown_is_missing_not_an_error(walikale: Store) -> None:
    stories.open_story(walikale, "Walikale")
    view = stories.open_story(walikale, "Walikale")
    walikale.delete("b2bb")
    assert view.briefings.get("b2bb") is None
    assert view.title("b2bb") == "Rebels pull back from Walikale"


async def test_a_star_given_in_the_story_screen_shows_when_the_story_is_opened_again(walikale: Store) -> None:
    from tui.app import BriefingApp
    from tui.screens.story import StoryScreen
    from tui.widgets.entry_list import EntryList

    async def open_walikale(app, pilot) -> list[str]:
        app.open_story("Walikale")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        return [r.text.plain for r in app.screen.query_one("#timeline", EntryList).rows]

    app = BriefingApp(Desk(walikale.root))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        rows = await open_walikale(app, pilot)
        assert not rows[0].startswith("★")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        rows = await open_walikale(app, pilot)
        assert rows[0].startswith("★")
    assert os.path.exists(merge_file(walikale))
