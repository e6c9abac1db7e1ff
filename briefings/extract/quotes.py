"""Stage 5: direct quotes and who said them.

Quote marks are paired (curly ones by shape, straight ones in turn, a new
paragraph opening with a mark restarting the count, as news style does for
quotes that run over paragraphs). A quote of three words or more is kept.
Its speaker comes from the attribution around it -- "X said", "said X",
"X told Reuters", "according to X", "X quoted Y as saying" -- with "he"/"she"
taken as the most recent person and "the company" as the most recent
company. A quote interrupted by its attribution ("A," he said, "B.") is one
quote whose parts are joined by " … ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor, Quote, stable_id
from .sentences import Span, sentence_at

_VERBS = (r"(?:said|says|say|told|tells|added|adds|stated|states|explained|noted|wrote|writes|argued|asked|"
          r"announced|announces|declared|insisted|warned|continued|commented|replied|remarked|claimed|"
          r"claims|acknowledged|conceded|recalled|predicted|promised|urged|cautioned|stressed|emphasised|"
          r"emphasized|observed|added|quipped|joked|concluded|admitted|agreed|confirmed|reported)")
_NAME = r"(?:[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|of|de|van|von|al|bin))*)"
_PRONOUNS = {"he": "person", "she": "person", "they": None, "it": "company", "we": None, "i": None}
_ORG_NOUNS = r"(?:company|firm|group|airline|carrier|manufacturer|maker|ministry|government|agency|bank|army|military|organisation|organization|court|department|office|statement)"
_SUBJECT = rf"(?P<subj>{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+{_ORG_NOUNS}|[Aa]\s+spokes(?:man|woman|person)(?:\s+for\s+{_NAME})?)"
# Attribution right after the closing mark: ', said Angers' / ', Boulos added' / ', he said'.
_AFTER_VERB_FIRST = re.compile(rf"^[,.]?\s*{_VERBS}\s+{_SUBJECT}")
_AFTER_SUBJECT_FIRST = re.compile(rf"^[,.]?\s*{_SUBJECT}(?:,[^,]{{1,80}},)?\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?{_VERBS}\b")
_AFTER_SUBJECT_ANNOUNCES = re.compile(rf"^[,.]?\s*{_SUBJECT}\s+\w+ed\b")
# Attribution before the opening mark.
_BEFORE = re.compile(rf"{_SUBJECT}(?:,[^,]{{1,80}},)?\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?{_VERBS}\b")
_ACCORDING = re.compile(rf"\b(?:according\s+to|stated\s+(?:on|by|in)|quoting|quoted\s+by)\s+(?:the\s+)?(?P<subj>{_NAME})")
_QUOTED_AS = re.compile(rf"\bquoted\s+(?P<subj>{_NAME})\s+as\s+saying")
_OPEN = "“"
_CLOSE = "”"


@dataclass
class _Raw:
    start: int  # of the opening mark
    end: int  # after the closing mark
    text: str


def find_quotes(text: str, sentences: list[Span], actors: tuple[Actor, ...]) -> tuple[Quote, ...]:
    """The direct quotes of ``text`` with their speakers (actor ids where known)."""
    raws = [r for r in _quoted_spans(text) if len(r.text.split()) >= 3 and not _is_title_case(r.text)]
    mentions = sorted((s, e, a) for a in actors for s, e in a.mentions)
    quotes: list[Quote] = []
    seen: dict[str, int] = {}
    previous_speaker: tuple[str | None, str | None] | None = None
    previous_end = -1
    i = 0
    while i < len(raws):
        raw = raws[i]
        parts = [raw]
        # "A," he said, "B." -- the second part continues the first.
        while i + 1 < len(raws) and _is_interruption(text[parts[-1].end:raws[i + 1].start]):
            parts.append(raws[i + 1])
            i += 1
        speaker = _attribute(text, sentences, parts, mentions, previous_end)
        if speaker is None:
            speaker = _sentence_subject(text, sentences, parts[0].start, mentions)
        if speaker is None and previous_speaker and _continues(text, previous_end, raw.start):
            speaker = previous_speaker
        quote_text = " … ".join(p.text for p in parts)
        key = " ".join(quote_text.lower().split())
        seen[key] = seen.get(key, 0) + 1
        actor_id, name = speaker or (None, None)
        quotes.append(Quote(
            id=stable_id("q", key, seen[key]),
            text=quote_text,
            speaker=actor_id,
            speaker_name=name,
            span=(parts[0].start, parts[-1].end),
        ))
        previous_speaker = speaker
        previous_end = parts[-1].end
        i += 1
    return tuple(quotes)


def _quoted_spans(text: str) -> list[_Raw]:
    """Pair quote marks; an unclosed straight quote closes at its paragraph's end."""
    out: list[_Raw] = []
    open_at: int | None = None
    for m in re.finditer(r"[\"“”]|\n", text):
        ch, pos = m.group(), m.start()
        if ch == '"' and pos and text[pos - 1].isdigit():
            continue  # 13.3" -- inches, not a quote
        if ch == "\n":
            # A new paragraph that opens with a mark restarts the pairing.
            if open_at is not None and text[pos + 1:pos + 2] in ('"', _OPEN):
                out.append(_raw(text, open_at, pos))
                open_at = None
            continue
        if ch == _OPEN or (ch == '"' and open_at is None):
            if open_at is None or ch == _OPEN:
                open_at = pos
            continue
        if open_at is not None:
            out.append(_raw(text, open_at, pos + 1))
            open_at = None
    return [r for r in out if r.text and r.end - r.start < 3000]


def _raw(text: str, start: int, end: int) -> _Raw:
    inner = text[start + 1:end - 1] if text[end - 1:end] in ('"', _CLOSE) else text[start + 1:end]
    return _Raw(start, end, inner.strip().rstrip(",").strip())


def _recent_person(text, pos, mentions):
    """'he'/'she': the subject-like (first) person of the nearest sentence before that names one."""
    people = [(s, e, a) for s, e, a in mentions if s < pos and a.kind == "person"]
    if not people:
        return None
    last = people[-1][0]
    # Sentence (or line) start of the latest person mention: its first person is the subject.
    cut = max(text.rfind(". ", 0, last), text.rfind("\n", 0, last))
    s, e, a = next(m for m in people if m[0] > cut)
    return a.id, a.name


def _is_title_case(quoted: str) -> bool:
    """'"Back to the Mac" event': a short capitalised title, not something said."""
    words = quoted.split()
    return len(words) <= 6 and all(w[0].isupper() or len(w) <= 3 for w in words)


def _sentence_subject(text, sentences, pos, mentions):
    """'Jobs started by hinting at it, saying, "..."': the first person named before the quote."""
    s_start = sentences[sentence_at(sentences, pos)][0]
    before = text[s_start:pos]
    if not re.search(r"\b(?:saying|stating|adding|telling|writing|explaining|declaring|insisting|noting)\b"
                     r"[^\"“”]{0,120}$|[:,]\s*$", before):
        return None
    people = [(s, e, a) for s, e, a in mentions if s_start <= s < pos and a.kind == "person"]
    if people:
        s, e, a = people[0]
        return a.id, text[s:e]
    return None


def _is_interruption(between: str) -> bool:
    """', he said, ' / ', said Boulos. ' between two quoted parts."""
    if "\n" in between:
        return False
    between = between.strip()
    return bool(between) and len(between) < 80 and (
        bool(_AFTER_VERB_FIRST.match(between) or _AFTER_SUBJECT_FIRST.match(between))
    ) and between.endswith((",", ":", ";"))


def _continues(text: str, previous_end: int, start: int) -> bool:
    """A quote straight after another one (a few words apart at most) is the same speaker's."""
    if previous_end < 0:
        return False
    return len(text[previous_end:start].split()) <= 3


def _attribute(text, sentences, parts, mentions, previous_end):
    first, last = parts[0], parts[-1]
    s_start = sentences[sentence_at(sentences, first.start)][0]
    s_end = sentences[sentence_at(sentences, max(last.end - 1, 0))][1]
    after = text[last.end:s_end + 200].split("\n")[0]
    after = re.split(r"(?<=[.!?])\s", after, maxsplit=1)[0] if not after.lstrip().startswith(("said", "says")) else after
    before = text[max(s_start, previous_end if previous_end > s_start else s_start):first.start]
    if not before.strip() and first.start == s_start and s_start > 0:
        before = ""
    if len(parts) > 1:  # "A," he said, "B.": the attribution sits between the parts
        between = text[first.end:parts[1].start]
        for pattern in (_AFTER_VERB_FIRST, _AFTER_SUBJECT_FIRST):
            m = pattern.match(between)
            if m:
                return _speaker(text, first.end + m.start("subj"), m.group("subj"), mentions)
    m = _QUOTED_AS.search(after[:80])
    if m:
        return _speaker(text, last.end + m.start("subj"), m.group("subj"), mentions)
    for pattern, where, base in (
        (_AFTER_VERB_FIRST, after, last.end),
        (_AFTER_SUBJECT_FIRST, after, last.end),
    ):
        m = pattern.match(where)
        if m:
            return _speaker(text, base + m.start("subj"), m.group("subj"), mentions)
    m = _QUOTED_AS.search(before) or None
    if m:
        return _speaker(text, first.start - len(before) + m.start("subj"), m.group("subj"), mentions)
    found = list(_BEFORE.finditer(before))
    if found:
        m = found[-1]
        return _speaker(text, first.start - len(before) + m.start("subj"), m.group("subj"), mentions)
    sentence = text[s_start:s_end]
    m = _ACCORDING.search(sentence)
    if m:
        return _speaker(text, s_start + m.start("subj"), m.group("subj"), mentions)
    m = _AFTER_SUBJECT_ANNOUNCES.match(after)
    if m:
        return _speaker(text, last.end + m.start("subj"), m.group("subj"), mentions)
    # Quote before, attribution alone in the next sentence: '"...." Boulos said.'
    if last.end >= s_end - 1:
        nxt = text[s_end:s_end + 120].lstrip()
        m = re.match(rf"{_SUBJECT}\s+{_VERBS}\.", nxt)
        if m:
            offset = s_end + (len(text[s_end:s_end + 120]) - len(nxt))
            return _speaker(text, offset + m.start("subj"), m.group("subj"), mentions)
    return None


def _speaker(text, pos, written, mentions):
    """(actor id, name as written) for a subject found at ``pos``."""
    written = written.strip()
    low = written.lower()
    wanted = None
    if low in _PRONOUNS:
        wanted = _PRONOUNS[low]
        if wanted is None:
            return None
    elif low.startswith("the ") or low.startswith("a spokes"):
        spokes = re.search(r"for\s+(.+)$", written)
        if spokes:
            return _speaker(text, pos + spokes.start(1), spokes.group(1), mentions)
        wanted = "company"
    if wanted == "person":
        return _recent_person(text, pos, mentions)
    if wanted:
        for s, e, actor in reversed(mentions):
            if s >= pos:
                continue
            if wanted == "person" and actor.kind == "person":
                return actor.id, actor.name
            if wanted == "company" and actor.kind in ("company", "organization", "government", "military"):
                return actor.id, actor.name
        return None
    # "Scott Carson, president and CEO of Boeing Commercial Airplanes said": the person.
    for s, e, actor in reversed(mentions):
        if e <= pos and actor.kind == "person" and re.fullmatch(r",\s[^,;.\n\"“”]{0,90}", text[e:pos]):
            return actor.id, text[s:e]
        if e <= pos - 100:
            break
    # A named speaker: the actor named inside the written name, a person first.
    inside = [(s, e, a) for s, e, a in mentions if pos <= s < pos + len(written) + 1]
    for s, e, actor in sorted(inside, key=lambda m: m[2].kind != "person"):
        return actor.id, text[s:e]
    return None, written.rstrip(".,")
