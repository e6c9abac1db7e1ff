"""Build ``briefings/data/sample.json``, the briefing a new store opens on.

The text is our own retelling of the facts of Reuters' 2025-04-09 story on the
Bisie tin mine (only names, figures and Boulos's two quotations are taken
from it). Entries refer to phrases of the text; every span is computed here.

    .venv/bin/python scripts/build_sample.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.model import Actor, Briefing, Event, Quote, Source, When, stable_id  # noqa: E402

OUT = ROOT / "briefings" / "data" / "sample.json"

TITLE = "US seeks deal to reopen Congo's Bisie tin mine"
SOURCE = Source(outlet="Reuters", url=None, path=None, published="2025-04-09")

# Paragraphs, each a list of sentences.
PARAGRAPHS = [
    [
        "Washington is quietly trying to broker an arrangement that would get the Bisie tin "
        "mine in the east of the Democratic Republic of Congo working again, according to "
        "four people close to the talks.",
    ],
    [
        "Massad Boulos, Donald Trump's senior adviser on Africa, raised the mine during a trip "
        "to Kinshasa, although US involvement had begun weeks earlier.",
        "Congo has offered the United States access to its minerals in return for help with "
        "security, and the two sides are discussing a wider critical-minerals partnership.",
    ],
    [
        "Alphamin Resources, which operates Bisie, halted production last month when M23 "
        "rebels backed by Rwanda seized Walikale, a town close by, and put the site at risk.",
        "Alphamin's mine turned out 17,300 tons of the metal in 2024, roughly 6% of the world's supply.",
    ],
    [
        "M23 said last week that it was leaving Walikale as a goodwill gesture before peace "
        "talks hosted by Qatar, but the sources say the pullback followed direct pressure from "
        "the U.S., which asked the rebels to keep at least 150 kilometers away from the mine and "
        "told the Congolese army (FARDC) not to attack.",
    ],
    [
        "The UN and several Western governments accuse Rwanda of arming the Tutsi-led group and "
        "sending it troops; Kigali denies this and says its forces only defend against the "
        "Congolese military and Hutu militias tied to the 1994 genocide.",
    ],
    [
        "Boulos sat down with Rwanda's president, Paul Kagame, in Kigali on Tuesday, and the "
        "mine was expected to be on the agenda.",
        "Boulos told journalists that Washington hoped Alphamin would “make some announcements "
        "soon” on a restart, adding: “We definitely encourage them to resume their operations, "
        "and we appreciate the dialogue that is ongoing.”",
    ],
]
SENTENCES = [s for p in PARAGRAPHS for s in p]
TEXT = "\n\n".join(" ".join(p) for p in PARAGRAPHS)

# (name, kind, aliases, description)
ACTORS = [
    ("United States", "government", ("US", "U.S.", "Washington"),
     "Brokering a deal to reopen the Bisie mine; pressed M23 to pull back."),
    ("Massad Boulos", "person", ("Boulos",), "Donald Trump's senior adviser on Africa."),
    ("Donald Trump", "person", ("Trump",), "President of the United States."),
    ("DR Congo government", "government", ("Democratic Republic of Congo", "Congo", "Kinshasa"),
     "Offered Washington minerals in exchange for help with security."),
    ("Congolese army", "military", ("FARDC",), "Congo's armed forces; urged by Washington not to attack."),
    ("M23", "armed_group", (), "Rwanda-backed rebels who seized Walikale, near the mine."),
    ("Rwanda", "government", ("Kigali",), "Accused of arming and backing M23, which it denies."),
    ("Paul Kagame", "person", ("Kagame",), "Rwanda's president; met Boulos in Kigali."),
    ("Alphamin Resources", "company", ("Alphamin",), "Operator of the Bisie tin mine."),
    ("Qatar", "government", ("Doha",), "Broker of peace talks involving M23."),
    ("United Nations", "organization", ("UN",), "Accuses Rwanda of supplying M23 with arms and troops."),
]

# (quote text, speaker's actor name)
QUOTES = [
    ("make some announcements soon", "Massad Boulos"),
    ("We definitely encourage them to resume their operations, and we appreciate the dialogue "
     "that is ongoing", "Massad Boulos"),
]

# (phrase in the text, when.text, value, start, end, precision, summary)
EVENTS = [
    ("weeks earlier", "weeks earlier", "PAST_REF", None, None, "vague",
     "US engagement on reopening the mine begins"),
    ("last month", "last month", "2025-03", "2025-03-01", "2025-03-31", "month",
     "Alphamin halts Bisie as M23 seizes Walikale"),
    ("in 2024", "2024", "2024", "2024-01-01", "2024-12-31", "year",
     "Bisie produces 17,300 tons of tin, about 6% of world supply"),
    ("last week", "last week", "2025-W14", "2025-03-31", "2025-04-06", "week",
     "M23 announces its withdrawal from Walikale"),
    ("1994", "1994", "1994", "1994-01-01", "1994-12-31", "year",
     "Genocide to which Rwanda links the Hutu militias"),
    ("on Tuesday", "Tuesday", "2025-04-08", "2025-04-08", "2025-04-08", "day",
     "Boulos meets Kagame in Kigali"),
    ("soon", "soon", "FUTURE_REF", None, None, "vague",
     "Alphamin expected to announce a restart"),
]


def find(phrase: str) -> tuple[int, int]:
    """The span of the only occurrence of ``phrase`` in the text."""
    assert TEXT.count(phrase) == 1, f"{phrase!r} occurs {TEXT.count(phrase)} times"
    start = TEXT.index(phrase)
    return (start, start + len(phrase))


def mentions(names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Whole-word occurrences of any name, longest names first, never overlapping."""
    spans: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", TEXT):
            if all(m.end() <= s or m.start() >= e for s, e in spans):
                spans.append(m.span())
    return tuple(sorted(spans))


def sentence_of(phrase: str) -> tuple[int, int]:
    (sentence,) = [s for s in SENTENCES if phrase in s]
    return find(sentence)


def build() -> Briefing:
    actors = tuple(
        Actor(
            id=stable_id("a", name.lower()),
            name=name,
            kind=kind,
            aliases=aliases,
            description=description,
            mentions=mentions((name, *aliases)),
        )
        for name, kind, aliases, description in ACTORS
    )
    for actor in actors:
        assert actor.mentions, f"{actor.name} is never mentioned"
    by_name = {a.name: a for a in actors}
    quotes = tuple(
        Quote(
            id=stable_id("q", text, 0),
            text=text,
            speaker=by_name[speaker].id,
            speaker_name=speaker,
            span=find(text),
        )
        for text, speaker in QUOTES
    )
    events = []
    for phrase, when_text, value, start, end, precision, summary in EVENTS:
        find(phrase)
        s, e = sentence_of(phrase)
        in_sentence = [a.id for a in actors if any(s <= ms and me <= e for ms, me in a.mentions)]
        events.append(
            Event(
                id=stable_id("e", when_text, summary, 0),
                summary=summary,
                when=When(when_text, value, start, end, precision),
                span=(s, e),
                actors=tuple(in_sentence),
            )
        )
    return Briefing(
        id=stable_id("b", "sample:bisie-tin-mine"),
        title=TITLE,
        text=TEXT,
        source=SOURCE,
        actors=actors,
        quotes=quotes,
        events=tuple(events),
    )


def main() -> None:
    briefing = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(briefing.to_dict(with_annotations=False), indent=2, ensure_ascii=False)
    OUT.write_text(data + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(TEXT.split())} words, "
          f"{len(briefing.actors)} actors, {len(briefing.quotes)} quotes, {len(briefing.events)} events")


if __name__ == "__main__":
    main()
