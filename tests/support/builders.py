"""Briefings built in code for the stories, identities, search, export and dossier tests."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.model import Actor, Briefing, Event, Quote, Source, When


def when(text: str, start: str | None = None, end: str | None = None, value: str | None = None,
         precision: str | None = None) -> When:
    if start and not end:
        end = start
    if start and not precision:
        precision = "day" if start == end else "month"
    return When(text, value or start, start, end, precision)


def briefing(bid: str, title: str, *, published: str | None = "2025-04-09", outlet: str = "Wire",
             actors: Sequence[tuple] = (), events: Sequence[tuple] = (),
             quotes: Sequence[tuple] = ()) -> Briefing:
    """actors: (id, name, kind, aliases...); events: (id, summary, When, actor ids);
    quotes: (id, text, speaker id or None, speaker name). The text holds every
    summary and quote, so mentions and spans point at real characters."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for item in [*events, *quotes]:
        piece = item[1] + ". "
        spans[item[0]] = (pos, pos + len(item[1]))
        parts.append(piece)
        pos += len(piece)
    text = "".join(parts) or title
    built_actors = []
    for aid, name, kind, *aliases in actors:
        mentions = []
        for n in (name, *aliases):
            start = text.find(n)
            while start != -1:
                mentions.append((start, start + len(n)))
                start = text.find(n, start + 1)
        built_actors.append(Actor(aid, name, kind, tuple(aliases), mentions=tuple(sorted(mentions))))
    return Briefing(
        id=bid, title=title, text=text, source=Source(outlet=outlet, published=published),
        actors=tuple(built_actors),
        events=tuple(Event(eid, summary, w, spans[eid], tuple(ids)) for eid, summary, w, ids in events),
        quotes=tuple(Quote(qid, qtext, speaker, name, spans[qid]) for qid, qtext, speaker, name in quotes),
    )


def reuters() -> Briefing:
    return briefing(
        "b1aa", "M23 leaves Walikale", published="2025-04-07", outlet="Reuters",
        actors=[("a1", "M23", "armed_group", "March 23 Movement"), ("a2", "Alphamin Resources", "company", "Alphamin"),
                ("a3", "United States", "government", "Washington", "U.S.")],
        events=[("e1", "M23 announces its withdrawal from Walikale town", when("last week", "2025-03-31", "2025-04-06", "2025-W14", "week"), ["a1"]),
                ("e2", "Alphamin halts Bisie mine production", when("March", "2025-03-01", "2025-03-31", "2025-03"), ["a2", "a1"]),
                ("e3", "Washington expects a deal soon", when("soon", value="FUTURE_REF", precision="vague"), ["a3"])],
        quotes=[("q1", "We leave Walikale as a goodwill gesture", "a1", "M23")],
    )


def afp() -> Briefing:
    return briefing(
        "b2bb", "Rebels pull back from Walikale", published="2025-04-08", outlet="AFP",
        actors=[("a1", "March 23 Movement", "armed_group"), ("a2", "Alphamin", "company"),
                ("a4", "Qatar", "government", "Doha")],
        events=[("e1", "March 23 Movement announces withdrawal from Walikale", when("last week", "2025-03-31", "2025-04-06", "2025-W14", "week"), ["a1"]),
                ("e2", "Qatar hosts peace talks in Doha", when("on Friday", "2025-04-04"), ["a4"])],
        quotes=[("q1", "We leave Walikale as a goodwill gesture!", "a1", "March 23 Movement"),
                ("q2", "Talks will continue", None, "a Qatari diplomat")],
    )


def install_extract(monkeypatch, result: Briefing) -> None:
    """Make ``briefing import FILE`` extract ``result``, whatever the file says
    (the extractor is another engineer's; here only the import path is tested)."""
    import sys
    import types

    def extract(text, **options):
        return result

    try:
        import briefings.extract as module
    except ImportError:
        module = types.ModuleType("briefings.extract")
        monkeypatch.setitem(sys.modules, "briefings.extract", module)
    if not hasattr(module, "ExtractionError"):  # an extractor still being written
        monkeypatch.setattr(module, "ExtractionError", type("ExtractionError", (Exception,), {}), raising=False)
    if not hasattr(module, "resolve_times"):
        monkeypatch.setattr(module, "resolve_times", lambda briefing, published: briefing, raising=False)
    monkeypatch.setattr(module, "extract", extract, raising=False)
