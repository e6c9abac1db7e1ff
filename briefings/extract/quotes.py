"""Stage 5: direct quotes and who said them.

Finding quotes. Quote marks are paired (curly ones by shape, straight ones in
turn, a new paragraph opening with a mark restarting the count, as news style
does for quotes that run over paragraphs; a quote left open ends with its
paragraph unless the next one holds a mark that could close it); marks inside
markup tags (<tweet author="...">) are not quote marks, and a paragraph
opening with a closing curly mark opens a quote all the same. A quote of three
words or more is kept, unless it is a short capitalised title ("Back to the
Future"). A quote interrupted by its attribution ("A," he said, "B.") is one
quote whose parts are joined by " … ". A transcript line ('"PENCE: Well, ...')
is its label's.

Finding the speaker. The first of these that names someone gives it:
 1. the attribution between the parts of an interrupted quote;
 2. the attribution straight after the quote: ', said X', ', X said',
    '." X said.' (when that sentence is short), '" ― X' (reader comments);
 3. its sentence before it: 'according to X', the last speech verb's
    subject ('X said: "..."', 'X called the plan "..."'; 'Y quoted X as
    saying' gives X), "X's claim that";
 4. a colon before it: 'X continued:' on the line above, 'Name, Outlet: "..."';
 5. the subject of its sentence ('X is promising "jobs, jobs, jobs"');
 6. for a quote opening its sentence, the attribution in the sentence before
    ('Schiff said. "..."', '"A," Ryan said. "B."');
 7. the previous quote's speaker, when this one goes on from it (in its
    paragraph, or in the next paragraph opening with the quote);
 8. a person's name alone on the line after it (a pull quote) or before it
    (a heading);
 9. last, the person the sentence before it is about.
A speaker is the name before the verb ("union spokeswoman Dana Reyes said"),
titles and honorifics dropped, initials kept ("Sen. Paul T. Harlow" ->
"Paul T. Harlow"); an appositive or a parenthesis between name and verb is
skipped ("X, 34, a lawyer, said", "X (D-Wis.) said"), and the person is
preferred to the company after it ("X of the Sierra Club said"). "He"/"she" is
the latest person named as a subject outside any quote before it, of the same
sex where a title or a first name tells; "the company" is the latest
organisation named. Attributions are looked for within a bounded reach of
their quote, so that the stage stays linear on hostile text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Actor, Quote, stable_id
from . import lexicon as lx
from . import speech_words as sw
from .sentences import Span, sentence_at

_OPEN = "“"
_CLOSE = "”"
_MIN_WORDS = 3

# --- words and names ------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAP_WORD = rf"[{_UPPER}][\w’'\-]*\.?"
_PARTICLE = "|".join(sorted(sw.NAME_PARTICLES))
# A run of capitalised words ("Sen. Paul T. Harlow", "Bill de Blasio"); cut to a name by _name_in_run.
_RUN = rf"{_CAP_WORD}(?:[ \t]+(?:(?:{_PARTICLE})[ \t]+)?{_CAP_WORD})*"
_RUN_AT_END = re.compile(rf"{_RUN}$")
_PRONOUN_AT_END = re.compile(r"(?<![\w’'])(he|she|they|we|it|He|She|They|We|It|I)$")
_DETERMINED_NOUN_AT_END = re.compile(
    r"(?<![\w’'])(?:the|a|an|its|his|her|their|The|A|An|Its|His|Her|Their)\s+((?:[\w\-’'.]+\s+){0,3}?)([a-z]+)$")
_WORD = re.compile(r"[A-Za-z][a-z\-]*")
# Between a name and its verb: "also", "has", "later", "reportedly".
_ADVERBS_AT_END = re.compile(
    r"(?:\s+(?:has|have|had|also|later|then|once|again|first|just|recently|previously|earlier|only|still|"
    r"further|would|will|could|did|does|do|never|often|always|even|[a-z]+ly))+$")
_PARENTHESIS_AT_END = re.compile(r"\s*\([^()\n]{0,60}\)$")
_PARENTHESIS = re.compile(r"\s*\([^()\n]{0,60}\)")
_APPOSITIVE = re.compile(r",[^,;\"“”\n]{1,150},")
# Words after a name that show it is not the subject of a verb.
_NOT_VERBS = frozenset("""and or nor of in on at to for with from by the a an as than about into over under after
before against during between amid without like but who whose which that this these those its his her their
is was are were be""".split()) - {"is", "was", "are", "were"}
_VERB_FIRST_LEAD_STOP = frozenset("""in on at to that after before during with from by for as when while this last of
about he she they it we i there and or but""".split())
_INTRO_WORDS = frozenset("""in on at with during after before when while as following since despite although though if
because for earlier later last this speaking asked amid over under by from""".split())
_ACCORDING = re.compile(rf"\b(?:[Aa]ccording\s+to|(?:as\s+)?stated\s+(?:on|by|in)|quoting|quoted\s+by)\s+(?:the\s+)?(?={_RUN})")
_POSSESSIVE_WORDS = re.compile(
    rf"({_RUN})['’]s?\s+(?:[a-z]+\s+)?(?:claim|claims|statement|statements|remark|remarks|comment|comments|words|"
    r"assertion|promise|pledge|description|tweet|tweets|message|letter|prediction|warning|argument|charge|"
    r"accusation|insistence|suggestion|boast|vow|call|speech|answer|response|reply|question|contention)\b")
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,2}):\s+")  # "WALLACE: ..."
_NEXT_LOWER_WORD = re.compile(r"\s+(?:[a-z]+ly\s+)?([a-z]+)\b")
_UNNAMED_AT_END = re.compile(
    r"(?<![\w’'])(?:a|an|one|another|the|some|two|three|four|several|many|other|A|An|One|Another|The|Some|Two|"
    r"Three|Several|Many|Other)\s+(?:[a-z][\w\-]*\s+){0,3}?([a-z][\w\-]*)$")
_AND_AT_END = re.compile(rf"({_RUN})\s+and\s+$")
_NAME_LINE_AT_END = re.compile(rf"(?:^|\n)[ \t]*({_RUN})[ \t.:]*\n\s*$")  # a heading: "Maria Gomez\n"
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_APPOSITIVE_NAME = re.compile(rf",\s+({_RUN}),")  # "Ryanair CEO, Michael O'Leary, justified"
_DASH_NAME = re.compile(rf"\s*[―—–-]{{1,2}}\s*({_RUN})")  # '" ― Maria Gomez'
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_NAME_COLON = re.compile(rf"\s*({_RUN})(?:,[^:\n]{{1,60}})?:\s*$")  # 'Chris Dalton, Channel Nine: "..."'
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|were|are|be|been|being)\s+(?:[a-z]+ly\s+)?$")
# "Name, president and CEO of " before the name of a company that stands before the verb.
_PERSON_OF_AT_END = re.compile(rf"({_RUN})\s+(?:of|from|at)\s+(?:the\s+)?$")
_PERSON_APPOSITIVE_AT_END = re.compile(rf"({_RUN}),\s+[a-z][^,;\"“”()\n]{{0,120}}\s$")
_ORG_KINDS = ("company", "organization", "government", "military")
# How far before (or after) a quote its attribution is looked for, in characters: a bound that keeps a
# hostile text (a sentence of 100,000 words) linear.
_REACH = 400
_NAME_WORDS = 12  # no name is longer: the rest of a capitalised run is not read
_LEAD_LIMIT = 6  # words between a quote and its attribution's name ("White House press secretary")
# Words that cannot sit between a quote and the name of its speaker ("compared to 11% of Democratic claims").
_LEAD_STOP = frozenset("""to in on that with from by as when while than and or but if because after before during
about into""".split())


_Speaker = tuple[str | None, str | None]  # (actor id, name as the article writes it)


@dataclass
class _Raw:
    start: int  # of the opening mark
    end: int  # after the closing mark
    text: str


@dataclass
class _Said:
    """Who an attribution names: a name as written (maybe with its actor), or a pronoun to resolve."""
    start: int
    end: int
    name: str | None = None  # None with no pronoun: someone the article does not name ("a witness said")
    actor: Actor | None = None
    pronoun: str | None = None
    person: bool = False  # a title, a first name or the actor's kind says it is a person
    noun: str | None = None  # "the ministry": the kind of organisation "it" stands for


def find_quotes(text: str, sentences: list[Span], actors: tuple[Actor, ...]) -> tuple[Quote, ...]:
    """The direct quotes of ``text`` with their speakers (actor ids where known)."""
    raws = _quoted_spans(text)
    article = _Article(text, sentences, actors, [(r.start, r.end) for r in raws])
    kept = [r for r in raws if len(r.text.split()) >= _MIN_WORDS and not _is_title_case(r.text)]
    quotes: list[Quote] = []
    seen: dict[str, int] = {}
    previous: tuple[list[_Raw], _Speaker | None] | None = None
    for parts in _group_parts(text, kept):
        label = _TRANSCRIPT_LABEL.match(parts[0].text) if _opens_line(text, parts[0].start) else None
        if label:  # '"PENCE: Well, look, ..."': a transcript line names its speaker
            parts[0] = _Raw(parts[0].start, parts[0].end, parts[0].text[label.end():])
            speaker = article.labelled(label.group(1), parts[0].start)
        else:
            speaker = article.speaker_of(parts, previous)
        quote_text = " … ".join(p.text for p in parts)
        key = " ".join(quote_text.lower().split())
        seen[key] = seen.get(key, 0) + 1
        actor_id, name = speaker or (None, None)
        quotes.append(Quote(id=stable_id("q", key, seen[key]), text=quote_text, speaker=actor_id,
                            speaker_name=name, span=(parts[0].start, parts[-1].end)))
        previous = (parts, speaker)
    return tuple(quotes)


# --- quote marks ----------------------------------------------------------------------------

_MARK = re.compile(r"[\"“”]|\n")
# A markup tag, its attribute values in quotes of any length: <tweet author="..." date="...">, </tweet>.
_TAG = re.compile(r"</?[A-Za-z][\w\-]*(?:\s+[\w\-]+\s*=\s*\"[^\"\n]*\")*\s*/?>")


def _quoted_spans(text: str) -> list[_Raw]:
    """Pair quote marks (see the module docstring), skipping those inside markup tags."""
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text)] if "<" in text else []
    t = 0
    out: list[_Raw] = []
    open_at: int | None = None
    for m in _MARK.finditer(text):
        ch, pos = m.group(), m.start()
        while t < len(tags) and tags[t][1] <= pos:
            t += 1
        if t < len(tags) and tags[t][0] <= pos:
            continue  # <tweet author="..."> -- markup, not a quote
        if ch == '"' and pos and text[pos - 1].isdigit():
            continue  # 13.3" -- inches, not a quote
        if ch == "\n":
            # A quote still open at its paragraph's end: a next paragraph opening with a mark restarts
            # the pairing (news style for a quote over paragraphs); one with no mark that could close
            # it leaves the quote ended where its paragraph ends.
            if open_at is not None and text[pos + 1:pos + 2].strip():
                next_end = text.find("\n", pos + 1)
                next_para = text[pos + 1:next_end if next_end >= 0 else len(text)]
                if next_para[0] in ('"', _OPEN) or not any(c in next_para for c in ('"', _CLOSE)):
                    out.append(_raw(text, open_at, pos))
                    open_at = None
            continue
        if ch == _CLOSE and open_at is None and (pos == 0 or text[pos - 1] == "\n") and text[pos + 1:pos + 2].isalnum():
            ch = _OPEN  # a paragraph opening with the wrong curly mark: ”Like this.”
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


def _is_title_case(quoted: str) -> bool:
    """'"Back to the Mac" event': a short capitalised title, not something said."""
    words = quoted.split()
    return len(words) <= 6 and all(w[0].isupper() or len(w) <= 3 for w in words)


def _group_parts(text: str, raws: list[_Raw]) -> list[list[_Raw]]:
    """Quotes in order, the parts of an interrupted one ("A," he said, "B.") together."""
    groups: list[list[_Raw]] = []
    for raw in raws:
        last = groups[-1][-1] if groups else None
        if last and not last.text.endswith((".", "?", "!")) and _is_interruption(text[last.end:raw.start]):
            groups[-1].append(raw)
        else:
            groups.append([raw])
    return groups


def _is_interruption(between: str) -> bool:
    """', he said, ' / ', said Boulos, ': an attribution alone, ending with a comma or colon."""
    if "\n" in between:
        return False
    between = between.strip()
    if not between or len(between) > 80 or not between.endswith((",", ":", ";")):
        return False
    words = _WORD.findall(between)
    return len(words) <= 10 and any(w in sw.SPEECH_VERBS and not w.endswith("ing") for w in words) \
        and not any(w.endswith("ing") and w in sw.SPEECH_VERBS for w in words)


# --- names ----------------------------------------------------------------------------------

def _is_name_stop(word: str) -> bool:
    """A capitalised word that ends a run: 'Obama.' closing a sentence, not 'Sen.' or 'T.'."""
    if not word.endswith("."):
        return False
    bare = word[:-1]
    return not (len(bare) == 1 or bare in sw.HONORIFICS or bare in sw.NAME_SUFFIXES or bare in sw.NAME_ABBREVIATIONS
                or "." in bare)


def _is_strong_title(word: str) -> bool:
    """'Sen.', 'Mr', 'President': a title that always stands before a name."""
    bare = word.rstrip(".")
    return bare in sw.HONORIFICS or bare in sw.TITLES


def _is_title(word: str) -> bool:
    """Also the weaker title words ('Health', 'Top') that may as well open a company's name."""
    return _is_strong_title(word) or word.rstrip(".").lower() in lx.TITLE_WORDS


def _is_possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "’", "'"))


@dataclass
class _Name:
    start: int
    end: int
    text: str
    titled: bool  # a title or honorific stood before it
    honorific: str = ""


def _name_in_run(base: int, run: str, from_end: bool) -> _Name | None:
    """The name in a capitalised run at ``base``: sentence words, dates and titles dropped.

    ``from_end``: the run ends where the name must end (before a verb), so a
    sentence break inside it keeps the part after; else the part before.
    """
    words = [(m.group(), base + m.start()) for m in re.finditer(r"\S+", run)]
    words = words[-_NAME_WORDS:] if from_end else words[:_NAME_WORDS]
    stops = [i for i, (w, _) in enumerate(words) if _is_name_stop(w)]
    if from_end:
        if stops and stops[-1] < len(words) - 1:
            words = words[stops[-1] + 1:]
        elif stops:  # the last word ends with a period: a sentence end, the name is before it
            return None
    elif stops:
        words = words[:stops[0] + 1]
    # Possessives and dates end a name; sentence words open none.
    for i, (w, _) in enumerate(words):
        if _is_possessive(w) or w.rstrip(".") in lx.WEEKDAYS or (w.rstrip(".") in lx.MONTHS and w != "May"):
            if from_end:
                return None
            words = words[:i]
            break
    while words and words[0][0] in sw.NOT_NAMES:
        words = words[1:]
    if not words:
        return None
    honorific = ""
    last = words[-1][0].rstrip(".")
    if last not in lx.ORG_WORDS and last not in lx.COMPANY_WORDS and last not in lx.MILITARY_WORDS:
        titles = [i for i, (w, _) in enumerate(words[:-1]) if _is_title(w)]
        if titles:
            rest = words[titles[-1] + 1:]
            if any(_is_strong_title(w) for w, _ in words[:titles[-1] + 1]) or len(rest) > 1 \
                    or rest[0][0] in lx.GIVEN_NAMES:
                honorific = words[titles[-1]][0].rstrip(".")
                words = rest
    titled = bool(honorific)
    first_word, start = words[0]
    last_word, last_start = words[-1]
    if last_word.endswith(".") and _is_name_stop(last_word):
        last_word = last_word[:-1]
    end = last_start + len(last_word)
    if first_word in sw.NOT_NAMES:
        return None
    text = " ".join(w for w, _ in words[:-1]) + (" " if len(words) > 1 else "") + last_word
    return _Name(start, end, text, titled, honorific)


# --- the article: quotes, mentions and the attribution rules ---------------------------------

class _Article:
    """One text with its sentences, actor mentions and quote spans; finds each quote's speaker."""

    def __init__(self, text: str, sentences: list[Span], actors: tuple[Actor, ...], quoted: list[Span]):
        self.text = text
        self.sentences = sentences or [(0, len(text))]
        self.mentions = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda m: (m[0], m[1]))
        self.mention_starts = [m[0] for m in self.mentions]
        self.quoted = sorted(quoted)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.spoke: list[tuple[int, _Said]] = []  # named speakers found so far, for "he"/"she"
        self._sex: dict[str, str | None] = {}

    # -- the rules, in order

    def speaker_of(self, parts: list[_Raw], previous: tuple[list[_Raw], _Speaker | None] | None) -> _Speaker | None:
        """(actor id, name as written) of the quote made of ``parts``; ``previous`` is the quote before."""
        first = parts[0]
        said = (self._between_parts(parts) or self._after(parts[-1]) or self._before(first)
                or self._colon_before(first) or self._sentence_subject(first) or self._said_just_before(first))
        if said is None:
            continued = self._continued(first, previous)
            if continued:
                return continued
            said = self._name_line_after(parts[-1]) or self._name_line_before(first) or self._subject_just_before(first)
        if said is None:
            return None
        resolved = self._resolve(said, parts[0].start)
        if resolved and said.pronoun is None:
            self.spoke.append((said.start, said))
        return resolved

    def labelled(self, label: str, pos: int) -> _Speaker:
        """The speaker of a transcript line at ``pos``: the actor whose last name is the label, else the
        first full name before it that ends with the label ("Jim Hale" for HALE), else the label."""
        last = label.split()[-1].title()
        for actor in sorted({a.id: a for _, _, a in self.mentions}.values(), key=lambda a: a.kind != "person"):
            if actor.name.split()[-1].title() == last:
                return actor.id, actor.name
        for m in re.compile(rf"\b{re.escape(last)}\b").finditer(self.text, 0, pos):
            seg = self.text[max(0, m.start() - 60):m.end()]
            run = _RUN_AT_END.search(seg, max(0, len(seg) - 60))
            name = _name_in_run(m.end() - len(run.group()), run.group(), from_end=True) if run else None
            if name and " " in name.text:
                return None, name.text
        return None, label.title()

    def _between_parts(self, parts: list[_Raw]) -> _Said | None:
        """"A," he said, "B.": the attribution between the parts."""
        for first, second in zip(parts, parts[1:]):
            said = self._attribution_at(first.end, second.start)
            if said:
                return said
        return None

    def _after(self, last: _Raw) -> _Said | None:
        """', said X' / ', X said' / '." X said.' / '" ― X' straight after the closing mark."""
        line_end = self.text.find("\n", last.end)
        line_end = len(self.text) if line_end < 0 else line_end
        limit = min(line_end, last.end + 250)
        m = _DASH_NAME.match(self.text, last.end, limit)
        if m and not self.text[m.end():line_end].strip(" .,;"):
            return self._name_forward(m.start(1), m.group(1))
        return self._attribution_at(last.end, limit, full_stop=self._ends_sentence(last))

    def _ends_sentence(self, raw: _Raw) -> bool:
        inside = self.text[raw.start:raw.end].rstrip("\"”’' ")
        return inside.endswith((".", "?", "!", "…"))

    def _attribution_at(self, pos: int, limit: int, full_stop: bool = False) -> _Said | None:
        """An attribution starting at ``pos`` (just after a closing mark), before ``limit``."""
        text = self.text
        lead = re.match(r"[\s,.:;]*", text[pos:limit])
        start = pos + lead.end()
        if start >= limit or text[start] in "\"“”":
            return None
        window = text[start:limit]
        m = re.match(r"according\s+to\s+", window) or re.match(r"([a-z]+)\b", window)
        if m and (m.group(0).startswith("according") or m.group(1) in sw.SPEECH_VERBS):
            said = self._subject_after(start + m.end(), limit)
            if said:
                return said
        for v in _WORD.finditer(text, start, limit):
            word = v.group()
            if text[start:v.start()].count(" ") > 30 or any(c in text[start:v.start()] for c in "\"“”"):
                return None
            if word not in sw.SPEECH_VERBS or word.endswith("ing"):
                continue
            said = self._quoted_as(v.end(), limit) if word == "quoted" else None
            said = said or self._subject_before(v.start(), start)
            if said is None:
                continue  # "one of the states suing": a noun, not the verb
            lead = text[start:said.start].strip()
            lead_words = lead.split()
            if len(lead_words) > _LEAD_LIMIT or self._sentence_of(start) != self._sentence_of(said.start) \
                    or not lead.endswith(",") and any(w in _LEAD_STOP for w in lead_words):
                # "compared to 11% of Democratic claims" (but "the senator from Maine, X, said")
                if said.name is None and said.pronoun is None:
                    continue  # someone unnamed too far off: maybe a noun, not the verb
                return None
            if full_stop and not self._attribution_only(v.end()):
                return None
            return said
        return None

    def _attribution_only(self, pos: int) -> bool:
        """After '."', 'X said' is this quote's only when its sentence ends soon, with no 'that'."""
        end = self._sentence_end(pos)
        rest = self.text[pos:end]
        words = rest.split()
        return len(words) <= 8 and "that" not in words and not any(c in rest for c in "\"“”")

    def _before(self, first: _Raw) -> _Said | None:
        """'X said: "..."', 'X called the plan "..."', 'according to X' in the quote's sentence."""
        s_start, s_end = self._sentence_of(first.start)
        floor = max(s_start, self._quote_end_before(first.start, s_start))
        text = self.text
        a_start, a_end = max(s_start, first.start - _REACH), min(s_end, first.end + _REACH)
        m = _ACCORDING.search(text, a_start, a_end)
        if m and not self._inside_quote(m.start()):
            said = self._subject_after(m.end() - 1, s_end)
            if said:
                return said
        said = self._speech_verb_between(floor, first.start)
        if said:
            return said
        m = re.match(r"\s*Said\s+", text[floor:first.start])
        if m:
            return self._subject_after(floor + m.end() - 1, first.start)
        return self._possessive_before(floor, first.start)

    def _speech_verb_between(self, floor: int, end: int) -> _Said | None:
        """The subject of the last speech verb between ``floor`` and ``end`` that has one ('X told Y that')."""
        text = self.text
        floor = max(floor, end - _REACH)
        for v in reversed([v for v in _WORD.finditer(text, floor, end) if v.group() in sw.SPEECH_VERBS]):
            if self._inside_quote(v.start()):
                continue
            verb = v.group()
            said = self._quoted_as(v.end(), end) if verb == "quoted" else None
            if said:
                return said
            if verb.endswith("ing"):
                # "footage of Hillary Clinton asking, ...": a name right before the participle.
                said = self._subject_ending(floor, text[floor:v.start()].rstrip())
                if said and said.pronoun is None and said.person:
                    return said
                continue
            if verb != "quoted" and _PASSIVE_BEFORE.search(text, max(0, v.start() - 12), v.start()):
                continue
            said = self._subject_before(v.start(), floor)
            if said:
                return said
        return None

    def _possessive_before(self, floor: int, end: int) -> _Said | None:
        """'Politifact seized on Trump's claim that "..."': whose words the quote holds."""
        m = None
        for m in _POSSESSIVE_WORDS.finditer(self.text, max(floor, end - _REACH), end):
            pass
        if m is None or self._inside_quote(m.start()):
            return None
        return self._name_forward(m.start(), m.group(1))

    def _sentence_just_before(self, first: _Raw) -> Span | None:
        """The sentence before a quote that opens its own: in its paragraph, or ending the paragraph before."""
        text = self.text
        i = sentence_at(self.sentences, first.start)
        if i == 0 or text[self.sentences[i][0]:first.start].strip(" \"“”'"):
            return None
        p_start, p_end = self.sentences[i - 1]
        between = text[p_end:first.start]
        if "\n" in between and between.strip(" \t\n\"“”'"):
            return None  # a heading or another paragraph between
        return p_start, p_end

    def _said_just_before(self, first: _Raw) -> _Said | None:
        """'Schiff said. "..."' / '"A," Ryan said. "B."': the sentence before the quote attributes."""
        span = self._sentence_just_before(first)
        if span is None:
            return None
        p_start, p_end = span
        for q_start, q_end in self.quoted[bisect_left(self.quoted_starts, p_start):bisect_left(self.quoted_starts, p_end)]:
            said = self._attribution_at(q_end, p_end)
            if said:
                return said
        return self._speech_verb_between(p_start, p_end)

    def _subject_just_before(self, first: _Raw) -> _Said | None:
        """Last resort: the person the sentence before the quote is about ('Sen. X identified ... . "Quote."')."""
        span = self._sentence_just_before(first)
        if span is None:
            return None
        said = self._sentence_subject(_Raw(span[1], span[1], ""))
        return said if said and said.person else None

    def _quoted_as(self, pos: int, limit: int) -> _Said | None:
        """'Detik.com quoted Djamal as saying': the one quoted, not the outlet."""
        m = re.match(rf"\s+({_RUN})\s+as\s+(?:saying|telling|writing)\b", self.text[pos:limit])
        return self._name_forward(pos + m.start(1), m.group(1)) if m else None

    def _colon_before(self, first: _Raw) -> _Said | None:
        """'Caddell continued:' on the line before, or 'Name, Outlet: "..."' on the same line."""
        text = self.text
        line_start = text.rfind("\n", 0, first.start) + 1
        before = text[line_start:first.start]
        if before.strip():
            m = _NAME_COLON.match(before) if len(before) < 120 else None
            if m:
                return self._name_forward(line_start + m.start(1), m.group(1))
            return None
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end <= 0 or text[prev_end - 1] != ":":
            return None
        fake = _Raw(prev_end - 1, prev_end, "")
        return self._before(fake) or self._sentence_subject(fake)

    def _sentence_subject(self, first: _Raw) -> _Said | None:
        """The subject of the quote's sentence: 'Mayor Ruiz called the plan "a disaster"'."""
        s_start, _ = self._sentence_of(first.start)
        text = self.text
        if not text[s_start:first.start].strip(" \"“”'"):
            return None
        starts = [s_start]
        m = _FIRST_WORD.match(text, s_start)
        if m and m.group(1).lower() in _INTRO_WORDS:
            # "While introducing it, at the conference, Jobs started by ...": a subject after a comma.
            starts = [c + 1 for c in _commas(text, s_start, first.start, 3)]
        for pos in starts:
            said = self._clause_subject(pos, first.start)
            if said:
                return said
        return None

    def _clause_subject(self, pos: int, end: int) -> _Said | None:
        """The subject opening the clause at ``pos``, when a verb follows it."""
        text = self.text
        pos += len(text[pos:end]) - len(text[pos:end].lstrip(" \"“”'"))
        said = self._subject_after(pos, end, lead=False)
        if said is None:
            return None
        # "Ryanair CEO, Michael O'Leary, justified ...": the person the appositive names.
        m = _APPOSITIVE_NAME.match(text, said.end)
        if m and not said.person:
            named = self._name_forward(m.start(1), m.group(1))
            if named and named.person and self._is_subject(m.end()):
                return named
        return said if self._is_subject(said.end) else None

    def _continued(self, first: _Raw, previous: tuple[list[_Raw], _Speaker | None] | None) -> _Speaker | None:
        """A quote that goes on after its attribution keeps its speaker:
        '"A," said X, 34. "B."' and a paragraph of quote after the paragraph that named X."""
        if not previous or not previous[1]:
            return None
        parts, speaker = previous
        text = self.text
        between = text[parts[-1].end:first.start]
        if "\n" not in between:
            s_start, _ = self._sentence_of(first.start)
            return speaker if s_start >= parts[-1].end - 1 and len(between.split()) <= 30 else None
        line_start = text.rfind("\n", 0, first.start) + 1
        if text[line_start:first.start].strip():
            return None
        # A new paragraph opening with the quote: the one before must end with the previous quote's sentence.
        tail = text[parts[-1].end:line_start].strip()
        return speaker if len(tail.split()) <= 15 and "\n" not in tail else None

    def _name_line_after(self, last: _Raw) -> _Said | None:
        """A pull quote: the quote alone on its line, a name alone on the next one."""
        text = self.text
        m = re.match(rf"[ \t.,]*\n\s*({_RUN})[ \t.]*(?:\n|$)", text[last.end:last.end + 80])
        if not m:
            return None
        said = self._name_forward(last.end + m.start(1), m.group(1))
        return said if said and said.person else None

    def _name_line_before(self, first: _Raw) -> _Said | None:
        """A heading over the quote: a person's name alone on the line before it."""
        text = self.text
        line_start = text.rfind("\n", 0, first.start) + 1
        if text[line_start:first.start].strip():
            return None
        m = _NAME_LINE_AT_END.search(text, max(0, line_start - 80), line_start)
        if not m:
            return None
        said = self._name_forward(m.start(1), m.group(1))
        return said if said and said.person and said.end == m.end(1) else None

    # -- subjects

    def _subject_before(self, verb: int, floor: int) -> _Said | None:
        """The speaker whose verb starts at ``verb``: the name, pronoun or 'the company' just before it,
        skipping adverbs, a parenthesis ("(D-Wis.)") and appositives ("X, 34, a lawyer,")."""
        base = max(floor, verb - 250)
        seg = self.text[base:verb].rstrip()
        m = _ADVERBS_AT_END.search(seg, max(0, len(seg) - 60))
        if m:
            seg = seg[:m.start()]
        m = _PARENTHESIS_AT_END.search(seg, max(0, len(seg) - 64))
        if m:
            seg = seg[:m.start()]
        if not seg.endswith(","):
            said = self._subject_ending(base, seg)
            if said and not said.person and said.pronoun is None:
                return self._person_before(base, seg[:said.start - base]) or said
            return said
        # "X, a lawyer for Y, said", "the senator from Maine, X, said": of the names before the commas
        # of a chain of appositives, the first person (the chain's head), else the head.
        found = []
        cut = len(seg)
        for _ in range(4):
            cut = seg.rfind(",", 0, cut)
            if cut < 0:
                break
            head = seg[:cut]
            m = _PARENTHESIS_AT_END.search(head, max(0, len(head) - 64))
            said = self._subject_ending(base, head[:m.start()] if m else head)
            if said and (said.person or cut < len(seg) - 1):  # "X, a Republican, said": not "Republican"
                found.append(said)
        people = [s for s in found if s.person]
        return people[-1] if people else (found[-1] if found else None)

    def _person_before(self, base: int, head: str) -> _Said | None:
        """The person whose organisation stands before the verb: "Mr. Morgan of the Sierra Club said",
        "Jane Roe, president and CEO of Acme Airplanes said"."""
        for pattern in (_PERSON_OF_AT_END, _PERSON_APPOSITIVE_AT_END):
            m = pattern.search(head, max(0, len(head) - 160))
            if m:
                person = self._subject_ending(base, head[:m.end(1)])
                if person and person.person:
                    return person
        return None

    def _subject_ending(self, base: int, seg: str) -> _Said | None:
        """A name, pronoun or determined noun ending ``seg`` (which starts at ``base``)."""
        window = max(0, len(seg) - 160)
        m = _PRONOUN_AT_END.search(seg, max(0, len(seg) - 5))
        if m:
            return _Said(base + m.start(), base + m.end(), pronoun=m.group(1).lower(),
                         person=m.group(1).lower() in ("he", "she"))
        m = _RUN_AT_END.search(seg, window)
        if m and not _is_possessive(m.group()):
            name = _name_in_run(base + m.start(), m.group(), from_end=True)
            if name and name.end == base + len(seg):
                return self._joined(base, seg[:m.start()], self._said(name))
        m = _DETERMINED_NOUN_AT_END.search(seg, window)
        if m and (m.group(2) in sw.ORGANISATION_NOUNS or m.group(2) in sw.ROLE_NOUNS):
            said = self._determined(base + m.start(), base + m.end(), m.group(1), m.group(2))
            if said:
                return said
        m = _UNNAMED_AT_END.search(seg, window)
        if m and m.group(1) not in _NOT_VERBS:  # "one resident told the BBC", "a witness said": someone unnamed
            return _Said(base + m.start(), base + m.end())
        return None

    def _joined(self, base: int, head: str, said: _Said) -> _Said:
        """'Mr. Grassley and Mr. Leahy said': both names, the first one's actor."""
        m = _AND_AT_END.search(head, max(0, len(head) - 80))
        if not m:
            return said
        name = _name_in_run(base + m.start(1), m.group(1), from_end=True)
        if not name or name.end != base + m.end(1):
            return said
        first = self._said(name)
        return _Said(first.start, said.end, f"{first.name} and {said.name}", first.actor or said.actor,
                     person=first.person and said.person)

    def _subject_after(self, pos: int, limit: int, lead: bool = True) -> _Said | None:
        """The speaker named from ``pos`` on: 'said [the Rev.|campaign chairman] X', 'said he', 'said the company'.

        ``lead``: a few words may come before the name (a role: "campaign chairman"); else only "the".
        """
        window = self.text[pos:min(limit, pos + 160)]
        m = re.match(r"\s*(he|she|they|we|it|He|She|They|We|It|I)\b", window)
        if m:
            return _Said(pos + m.start(1), pos + m.end(1), pronoun=m.group(1).lower(),
                         person=m.group(1).lower() in ("he", "she"))
        said, owner = self._name_after(pos, window, lead)
        return said or self._determined_after(pos, window) or owner

    def _name_after(self, pos: int, window: str, lead: bool) -> tuple[_Said | None, _Said | None]:
        """The name after a few lead words, or else the first name seen ("the Apple website": Apple)."""
        first = None
        skipped = 0
        for w in re.finditer(r"\S+", window):
            word = w.group()
            if word[0].isupper() or word[0] in _UPPER:
                run = re.match(_RUN, window[w.start():])
                said = self._name_forward(pos + w.start(), run.group()) if run else None
                if said and (not lead or self._run_ends_phrase(pos + w.start() + len(run.group()))):
                    return said, None
                if not lead:
                    return None, None
                first = first or said
            if not lead and skipped == 0 and word in ("the", "The"):
                skipped += 1
                continue
            if not lead or skipped >= 4 or word.lower() in _VERB_FIRST_LEAD_STOP \
                    or not re.fullmatch(r"[\w\-’'./]+", word):
                break
            skipped += 1
        return None, first

    def _determined_after(self, pos: int, window: str) -> _Said | None:
        """'said the company' / 'said a spokesman for Acme'."""
        m = re.match(r"\s*(?:(?:the|a|an|The|A|An)\s+)?(?:[a-z][\w\-]*\s+){0,2}?([a-z]+)\b"
                     r"(?:\s+(?:for|of|at|from|by)\s+(?:the\s+)?)?", window)
        if not m or (m.group(1) not in sw.ORGANISATION_NOUNS and m.group(1) not in sw.ROLE_NOUNS):
            return None
        if m.group(0).rstrip().endswith(("for", "of", "at", "from", "by", "the")):
            run = re.match(_RUN, window[m.end():])
            if run:
                return self._name_forward(pos + m.end(), run.group())
        return self._determined(pos + m.start(), pos + m.end(1), "", m.group(1))

    def _run_ends_phrase(self, pos: int) -> bool:
        """After 'said X' the name ends at punctuation or at a word that starts something else."""
        rest = self.text[pos:pos + 20]
        if re.match(r"\s*(?:[,;:()\"“”\n—–-]|\.(?:\s|$)|$)", rest):
            return True
        m = re.match(r"\s+([a-z]+)", rest)
        return bool(m) and (m.group(1) in _NOT_VERBS or m.group(1) in sw.SPEECH_VERBS or m.group(1) in
                            ("who", "said", "says", "told", "adding", "saying", "during", "speaking"))

    def _name_forward(self, start: int, run: str) -> _Said | None:
        name = _name_in_run(start, run, from_end=False)
        return self._said(name) if name else None

    def _said(self, name: _Name) -> _Said:
        actor = self._actor_in(name.start, name.end)
        person = name.titled or (actor is not None and actor.kind == "person") \
            or name.text.split()[0] in sw.FEMALE_NAMES or name.text.split()[0] in sw.MALE_NAMES \
            or name.text.split()[0] in lx.GIVEN_NAMES
        sex = None
        if name.honorific in sw.FEMALE_HONORIFICS:
            sex = "female"
        elif name.honorific in sw.MALE_HONORIFICS:
            sex = "male"
        said = _Said(name.start, name.end, name.text, actor, person=person)
        if sex and actor is not None:
            self._sex.setdefault(actor.id, sex)
        return said

    def _determined(self, start: int, end: int, words: str, noun: str) -> _Said | None:
        """'the company' / 'the Acme board' / 'a spokesman': a named organisation or the latest one."""
        run = re.search(_RUN, words) if words else None
        if run:
            said = self._name_forward(start + self.text[start:end].find(run.group()), run.group())
            if said:
                return said
        if noun in sw.ORGANISATION_NOUNS:
            return _Said(start, end, pronoun="it", noun=noun)
        return None

    def _actor_in(self, start: int, end: int) -> Actor | None:
        """The actor named between ``start`` and ``end``: the one holding the last word, a person first."""
        lo = bisect_left(self.mention_starts, start)
        inside = [(s, e, a) for s, e, a in self.mentions[lo:bisect_right(self.mention_starts, end)]
                  if start <= s < end]
        if not inside:
            return None
        inside.sort(key=lambda m: (m[1] < end - 1, m[2].kind != "person"))
        return inside[0][2]

    def _is_subject(self, pos: int) -> bool:
        """A name ending at ``pos`` is a subject when a verb follows (past a parenthesis or appositive)."""
        text = self.text
        if text[pos:pos + 2] in ("’s", "'s"):
            return False
        m = _PARENTHESIS.match(text, pos)
        if m:
            pos = m.end()
        m = _APPOSITIVE.match(text, pos)
        if m:
            pos = m.end()
        m = _NEXT_LOWER_WORD.match(text, pos)
        return bool(m) and m.group(1) not in _NOT_VERBS

    # -- resolving pronouns

    def _resolve(self, said: _Said, pos: int) -> _Speaker | None:
        if said.pronoun is None:
            return ((said.actor.id if said.actor else None), said.name) if said.name else None
        if said.pronoun in ("he", "she"):
            return self._antecedent(said.start, "male" if said.pronoun == "he" else "female")
        if said.pronoun == "it":
            return self._latest_organisation(said.start, said.noun)
        return None

    def _antecedent(self, pos: int, sex: str) -> _Speaker | None:
        """The latest person named as a subject before ``pos`` outside any quote, of a fitting sex."""
        fallback = None
        spoke = [(p, s) for p, s in self.spoke if p < pos]
        lo = bisect_left(self.mention_starts, pos)
        for s, e, actor in reversed(self.mentions[:lo]):
            while spoke and spoke[-1][0] > s:
                p, said = spoke.pop()
                if said.person and self._fits(said.actor, said.name, sex):
                    return (said.actor.id if said.actor else None), said.name
            if not self._may_be_person(actor, e) or self._inside_quote(s) or not self._fits(actor, actor.name, sex):
                continue
            if self._is_subject(e):
                return actor.id, actor.name
            fallback = fallback or (actor.id, actor.name)
        for p, said in reversed(spoke):
            if said.person and self._fits(said.actor, said.name, sex):
                return (said.actor.id if said.actor else None), said.name
        return fallback

    def _may_be_person(self, actor: Actor, end: int) -> bool:
        """A person, or a name of no known kind that a speech verb follows ("Mariano wrote")."""
        if actor.kind == "person":
            return True
        if actor.kind in ("company", "government", "military") \
                or any(w in lx.ORG_WORDS or w in lx.COMPANY_WORDS for w in actor.name.split()):
            return False
        m = _NEXT_LOWER_WORD.match(self.text, end)
        return bool(m) and m.group(1) in sw.SPEECH_VERBS

    def _fits(self, actor: Actor | None, name: str | None, sex: str) -> bool:
        known = self._sex_of(actor) if actor else None
        if known is None and name:
            known = _sex_of_name(name)
        return known is None or known == sex

    def _sex_of(self, actor: Actor) -> str | None:
        if actor.id not in self._sex:
            sex = None
            for s, _ in actor.mentions:
                m = _HONORIFIC_BEFORE.search(self.text, max(0, s - 6), s)
                if m:
                    sex = "male" if m.group(1) == "Mr" else "female"
                    break
            self._sex[actor.id] = sex or next(filter(None, map(_sex_of_name, actor.names)), None)
        return self._sex[actor.id]

    def _latest_organisation(self, pos: int, noun: str | None) -> _Speaker | None:
        """The organisation named last before ``pos``; for "the ministry", the last with Ministry in its name."""
        lo = bisect_left(self.mention_starts, pos)
        latest = None
        for s, e, actor in reversed(self.mentions[max(0, lo - 200):lo]):
            if actor.kind not in _ORG_KINDS or self._inside_quote(s):
                continue
            if noun is None or noun.title() in actor.name.split():
                return actor.id, actor.name
            latest = latest or (actor.id, actor.name)
        return latest

    # -- places

    def _sentence_of(self, pos: int) -> Span:
        return self.sentences[sentence_at(self.sentences, pos)]

    def _sentence_end(self, pos: int) -> int:
        return self._sentence_of(pos)[1]

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] < pos < self.quoted[i][1]

    def _quote_end_before(self, pos: int, floor: int) -> int:
        i = bisect_left(self.quoted_starts, pos) - 1
        return self.quoted[i][1] if i >= 0 and self.quoted[i][1] > floor else floor


def _opens_line(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1:pos].strip()


def _commas(text: str, start: int, end: int, most: int) -> list[int]:
    """Positions of the first ``most`` commas between ``start`` and ``end``."""
    out: list[int] = []
    pos = text.find(",", start, end)
    while pos >= 0 and len(out) < most:
        out.append(pos)
        pos = text.find(",", pos + 1, end)
    return out


def _sex_of_name(name: str) -> str | None:
    first = name.split()[0] if name.split() else ""
    if first in sw.FEMALE_NAMES:
        return "female"
    if first in sw.MALE_NAMES:
        return "male"
    return None
