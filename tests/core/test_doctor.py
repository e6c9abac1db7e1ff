"""The doctor: 27 damages made by hand, each found, and mended with nothing acknowledged
lost or named as not mendable with the reason; the commands keep working meanwhile."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from support.builders import afp, reuters

from briefings import search
from briefings.desk import Desk, check_store
from briefings.identities import decisions
from briefings.importing.sample import sample_briefing
from briefings.search.saved import views
from briefings.store import Store
from briefings.store.tables import write_table
from briefings.stories.table import list_stories
from cli.main import main

SAMPLE = sample_briefing()
STORY = "Bisie"
ACTOR = "Massad Boulos"


@pytest.fixture
def shop(tmp_path: Path) -> Store:
    """A store a reader has used: three briefings, notes, tags, a star, a grade, a
    story, a merge, a saved search, a feed, the search rows and the caches made."""
    desk = Desk(tmp_path / "store")
    store = desk._store
    for b in (SAMPLE, reuters(), afp()):
        store.save(b)
    events = [e.id for e in SAMPLE.events]
    desk.annotate(SAMPLE.id, events[0], note="ask the company", add_tags=["verify"])
    desk.annotate(SAMPLE.id, events[1], starred=True, grade="B2")
    desk.annotate("b1aa", "e1", note="check the date", add_tags=["dates"])
    desk.annotate("b2bb", "q1", note="the same words as Reuters")
    desk.add_to_story(STORY, SAMPLE.id, "b1aa", "b2bb")
    desk.merge_actors("M23", "March 23 Movement")
    desk.save_view("to check", "tag:verify")
    with store.edit(store.layout.feeds) as db:
        db.table("feeds").insert({"url": "https://news.example/rss", "title": "News", "story": None})
    desk.annotate(SAMPLE.id, events[0], note="ask the company again")  # the newest version of the file
    search.rebuild(store)
    store.list()
    desk.open_story(STORY)
    return Store(store.root)


def state(root: Path) -> dict:
    """Everything the reader made or imported, as the commands read it."""
    store = Store(root, sweep=False)
    ids = sorted(p.stem for p in store.layout.briefings.glob("*.json"))
    return {
        "briefings": {b: store.entries(b) for b in ids},
        "annotations": {b: store.annotations(b) for b in ids},
        "library": sorted((r.id, r.title, r.imported, r.unread) for r in store.list()),
        "stories": list_stories(store),
        "decisions": [(d.action, d.a, d.b) for d in decisions(store, or_skip=False)],
        "views": views(store),
        "feeds": store.read(store.layout.feeds),
        "tags": store.tags(),
        "hits": [h.id for h in Desk(root, sweep=False).search("tag:verify")],
    }


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00{not json at all")


def edit_json(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def first_row(data: dict) -> dict:
    return next(iter(next(iter(data.values())).values()))


def kill_mid_batch(store: Store) -> None:
    """What an import killed between a batch's briefing files and their index rows leaves."""
    new = replace(SAMPLE, id="b9999", title="Stored, never listed")
    write_table(store.layout.briefing(new.id), "briefing", [new.to_dict(with_annotations=False)])
    store.layout.journal.write_text(json.dumps([new.id]))


def fill_the_disk_mid_batch(store: Store) -> None:
    """A batch of two new briefings whose index rows cannot be written: the import fails."""
    import briefings.store.store as store_module

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    rows_bytes = store_module.rows_bytes
    store_module.rows_bytes = full
    try:
        with pytest.raises(OSError):
            store.save_many([replace(SAMPLE, id="b8881", title="One"), replace(SAMPLE, id="b8882", title="Two")])
    finally:
        store_module.rows_bytes = rows_bytes


def swap_annotations(store: Store) -> None:
    a, b = store.layout.annotations_of(SAMPLE.id), store.layout.annotations_of("b1aa")
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)


def lose_a_briefing_and_its_backup(store: Store) -> None:
    garbage(store.layout.briefing("b2bb"))
    shutil.rmtree(store.layout.backups / "briefings")


def drop_from_the_search_index(store: Store) -> None:
    """A briefing's row gone from the search index (as a writer killed with nothing noted would leave it)."""
    conn = sqlite3.connect(store.layout.search_index)
    with conn:
        conn.execute("DELETE FROM briefings WHERE id = ?", ("b1aa",))
    conn.close()


def story_view(store: Store) -> Path:
    return next(store.layout.story_views.glob("*.json"))


# name: (the damage, what the doctor is expected to do: "mended" with nothing lost,
# "named" as not mendable with a reason, "prevented": the failure left nothing to mend)
DAMAGES: dict[str, tuple[Callable[[Store], None], str]] = {
    "index folder deleted": (lambda s: shutil.rmtree(s.layout.index), "mended"),
    "an index shard damaged": (lambda s: garbage(s.layout.index_shard(SAMPLE.id)), "mended"),
    "an index row with a title that is not text": (
        lambda s: edit_json(s.layout.index_shard(SAMPLE.id), lambda d: first_row(d).update(title=7)), "mended"),
    "a briefing file deleted by hand": (lambda s: s.layout.briefing("b1aa").unlink(), "mended"),
    "an import killed mid-batch": (kill_mid_batch, "mended"),
    "a full disk mid-batch": (fill_the_disk_mid_batch, "prevented"),
    "garbage in store.json": (lambda s: garbage(s.layout.meta), "mended"),
    "store.json deleted": (lambda s: s.layout.meta.unlink(), "mended"),
    "tags.json damaged": (lambda s: garbage(s.layout.tags), "mended"),
    "tags.json missing a tag in use": (lambda s: write_table(s.layout.tags, "tags", [{"tag": "dates"}]), "mended"),
    "stories.json damaged": (lambda s: garbage(s.layout.stories), "mended"),
    "a story whose briefings are not a list": (
        lambda s: edit_json(s.layout.stories, lambda d: first_row(d).update(briefings=5)), "mended"),
    "identities.json damaged": (lambda s: garbage(s.layout.identities), "mended"),
    "a decision with no names": (
        lambda s: edit_json(s.layout.identities, lambda d: first_row(d).update(a=None)), "mended"),
    "views.json damaged": (lambda s: garbage(s.layout.views), "mended"),
    "feeds.json damaged": (lambda s: garbage(s.layout.feeds), "mended"),
    "the search index damaged": (lambda s: garbage(s.layout.search_index), "mended"),
    "a briefing missing from the search index": (drop_from_the_search_index, "mended"),
    "cached files damaged": (lambda s: [garbage(s.layout.library_order), garbage(story_view(s))], "mended"),
    "an annotations file cut short after its last write": (
        lambda s: s.layout.annotations_of(SAMPLE.id).write_bytes(
            s.layout.annotations_of(SAMPLE.id).read_bytes()[:40]), "mended"),
    "an annotation with a bad grade": (
        lambda s: edit_json(s.layout.annotations_of(SAMPLE.id), lambda d: first_row(d).update(grade="Z9")),
        "mended"),
    "an annotation whose tags are not a list": (
        lambda s: edit_json(s.layout.annotations_of(SAMPLE.id), lambda d: first_row(d).update(tags="verify")),
        "mended"),
    "two annotations files swapped": (swap_annotations, "mended"),
    "annotations folder deleted": (lambda s: shutil.rmtree(s.layout.annotations), "mended"),
    "a briefing file damaged": (lambda s: garbage(s.layout.briefing("b1aa")), "mended"),
    "a briefing whose title is not text": (
        lambda s: edit_json(s.layout.briefing("b1aa"), lambda d: first_row(d).update(title=7)), "mended"),
    "a briefing damaged with no backup": (lose_a_briefing_and_its_backup, "named"),
}


def run(*argv: str, root: Path) -> int:
    return main([*argv, "--store", str(root)])


@pytest.mark.parametrize("name", DAMAGES)
def test_each_damage_is_found_and_mended_or_named(shop: Store, name: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    damage, outcome = DAMAGES[name]
    before = state(shop.root)
    damage(shop)
    found = [p for p in check_store(shop.root) if not p.notice]
    if outcome == "prevented":
        assert found == [] and state(shop.root) == before
        return
    assert found, f"{name}: not found"

    # The commands that read the whole store keep working on the rest of it (or, when what
    # is damaged is the file the command is about, say in one line to run the doctor); they
    # run on a copy, as some of them make damaged derived data again.
    copy = tmp_path / "copy"
    shutil.copytree(shop.root, copy)
    capsys.readouterr()
    for argv in (["list"], ["search", "verify"], ["story", "show", STORY], ["dossier", ACTOR]):
        code = run(*argv, root=copy)
        err = capsys.readouterr().err
        if "store.json" in name or ("stor" in name and argv[0] == "story"):
            assert code == 2 and err.count("\n") == 1 and "doctor" in err, (argv, err)
        else:
            assert code == 0, (argv, err)

    root = shop.root
    assert run("doctor", root=root) == 2
    code = run("doctor", "--restore", root=root)
    out = capsys.readouterr().out
    assert [p for p in check_store(root) if not p.notice] == [], out
    after = state(root)
    if outcome == "mended":
        assert code == 0, out
        if name == "an import killed mid-batch":  # what it stored is listed now
            assert [r[:2] for r in after["library"]] == sorted([*(r[:2] for r in before["library"]),
                                                                ("b9999", "Stored, never listed")])
            after["library"], after["briefings"] = before["library"], before["briefings"]
            del after["annotations"]["b9999"]
        assert after == before, out
    else:
        assert code == 2 and "cannot be mended" in out and "import the article again" in out
        assert Store(root).annotations("b2bb") == before["annotations"]["b2bb"]  # waiting for a re-import
        assert after["library"] == [r for r in before["library"] if r[0] != "b2bb"]
        for part in ("briefings", "annotations"):
            assert after[part] == {b: v for b, v in before[part].items() if b != "b2bb"}
    assert run("doctor", root=root) == 0


def test_restoring_brings_back_the_version_last_written(shop: Store) -> None:
    """The newest backup is the file as last written: nothing acknowledged is lost, even
    a file written once."""
    entry = SAMPLE.quotes[0].id
    Desk(shop.root).annotate(SAMPLE.id, entry, note="the very last note")
    once = Desk(shop.root).create_story("Written once")
    shop.layout.annotations_of(SAMPLE.id).write_bytes(b"")
    garbage(shop.layout.stories)
    assert main(["doctor", "--restore", "--store", str(shop.root)]) == 0
    store = Store(shop.root)
    assert store.annotations(SAMPLE.id)[entry].note == "the very last note"
    assert once.name in [s.name for s in list_stories(store)]


@pytest.mark.parametrize("where", ["missing", "a regular file", "/etc", "another application's folder"])
def test_a_path_that_is_not_a_store_is_an_error_never_healthy_nor_a_new_store(
        tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = {"missing": tmp_path / "nowhere", "a regular file": tmp_path / "notes.txt", "/etc": Path("/etc"),
            "another application's folder": tmp_path / "photos"}[where]
    if where == "a regular file":
        path.write_text("hello")
    if where == "another application's folder":
        path.mkdir()
        (path / "holiday.jpg").write_bytes(b"\xff\xd8")
    before = sorted(p.name for p in path.iterdir()) if path.is_dir() else None
    assert main(["doctor", "--store", str(path)]) == 2
    err = capsys.readouterr().err
    assert "healthy" not in err and err.count("\n") == 1 and str(path) in err
    if where == "another application's folder":
        assert main(["list", "--store", str(path)]) == 2
        assert "not a briefing store" in capsys.readouterr().err
    assert (sorted(p.name for p in path.iterdir()) if path.is_dir() else None) == before
    assert not (path / "store.json").exists()


def test_one_damaged_briefing_leaves_the_rest_readable_and_is_counted(
        shop: Store, capsys: pytest.CaptureFixture[str]) -> None:
    garbage(shop.layout.briefing("b1aa"))
    search.rebuild(Store(shop.root))  # its search row is gone with it
    for argv in (["search", "Walikale"], ["story", "show", STORY], ["dossier", "M23"]):
        assert main([*argv, "--store", str(shop.root)]) == 0
        out, err = capsys.readouterr()
        assert "b1aa.json" in err and "1 damaged file left out" in err and "doctor --restore" in err
    assert main(["search", "Walikale", "--store", str(shop.root)]) == 0
    assert "b2bb" in capsys.readouterr().out


def test_list_after_an_import_killed_mid_batch_says_to_run_the_doctor(
        shop: Store, capsys: pytest.CaptureFixture[str]) -> None:
    kill_mid_batch(shop)
    assert main(["list", "--store", str(shop.root)]) == 0
    out, err = capsys.readouterr()
    assert "b9999" not in out and "import was interrupted" in err and "doctor --restore" in err
    assert main(["doctor", "--restore", "--store", str(shop.root)]) == 0
    capsys.readouterr()
    assert main(["list", "--store", str(shop.root)]) == 0
    out, err = capsys.readouterr()
    assert "b9999" in out and err == ""


def test_a_damaged_tags_file_never_stops_a_note(shop: Store) -> None:
    garbage(shop.layout.tags)
    Desk(shop.root).annotate(SAMPLE.id, SAMPLE.quotes[1].id, note="still saved", add_tags=["new"])
    assert Store(shop.root).tags() == ["dates", "new", "verify"]


def test_orphaned_annotations_are_a_notice_not_damage(shop: Store, capsys: pytest.CaptureFixture[str]) -> None:
    edit_json(shop.layout.annotations_of("b1aa"), lambda d: first_row(d).update(
        entry="e-gone", was={"kind": "e", "text": "An event the article no longer has"}))
    search.mend(Store(shop.root))  # the index told of the edit, as it is of every write of the store's own
    assert main(["doctor", "--store", str(shop.root)]) == 0
    out = capsys.readouterr().out
    assert "1 annotation(s) on entries the briefing no longer has" in out and "briefing orphans list b1aa" in out
    assert "healthy (1 notice above)" in out
