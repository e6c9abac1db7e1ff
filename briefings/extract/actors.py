"""Stage 3: actors -- who and what the article names, aliases merged.

Rules, not a model: capitalised word groups are the candidates; lexicons
(countries, titles, company and organisation words, first names from
data/given_names.json) and the words around a group say what kind of actor it
is; short forms ("Boulos", "UN", "Northrop", "Washington") are merged into the
full name they stand for. Not actors: words that only open a sentence or a
quote, countries and towns used as modifiers ("the UK index"), products and
models, market indices, events, plans and laws. A place ("in Valmora", "the
port of Selby") is never an alias of an organisation named after it. Every
mention keeps its character span. ``find_actors`` is the one entry point, so a
statistical recogniser could later replace or supplement it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..model import Actor, stable_id
from . import lexicon as lx
from .sentences import Span

# A word: dotted initials (U.S., N.V.), or letters/digits with inner & - and
# an apostrophe only before a capital (O'Leary); a possessive is matched apart.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_][\w&\-]*(?:['’][A-Z]\w*)?(?:\.(?:com|net|org|co\.uk)\b)?")
_POSSESSIVE = re.compile(r"['’]s?(?=\W|$)")
# What may sit between two words of one name.
_CONNECTORS = frozenset("of de du des da del la le van von der den bin al for".split())
_TITLE_ABBREVIATIONS = frozenset("Mr Mrs Ms Dr Sen Gen Gov Rep Del Lt Col Sgt Capt Prof Rev Adm Maj Amb Cmdr Supt Hon".split())
# Abbreviations whose period does not end a name: "St. Petersburg", "Mt. Kenya".
_JOINING_ABBREVIATIONS = _TITLE_ABBREVIATIONS | {"St", "Ste", "Mt", "Ft"}
# "Dockworkers' Union": a plural possessive before an organisation word is inside the name.
_PLURAL_POSSESSIVE_ORG = re.compile(r"['’] ([A-Z]\w*)")
# "Standard & Poor's 500": a possessive before a number is inside the name (an index, a model).
_POSSESSIVE_NUMBER = re.compile(r"['’]s \d")
# "Moody's said", "McDonald's has": a possessive before a verb is part of the name.
_NAME_S_VERB = re.compile(r"['’]s\s+(?:" + "|".join(sorted(lx.SUBJECT_VERBS | lx.VERBS_S | {
    "cut", "lowered", "raised", "downgraded", "upgraded", "rated", "warned", "predicted", "estimated"})) + r")\b")
_SPEECH = re.compile(
    r"\s*,?\s*(?:said|says|told|added|adds|stated|explained|noted|wrote|argued|asked|announced|"
    r"confirmed|insisted|warned|tells|has said|had said|who|,\s+(?:a|an|the)\s+\w+)\b"
)
_HYPHEN_MODIFIER = re.compile(r"-(?:backed|led|based|owned|run|born|made|controlled|funded|linked|"
                              r"allied|style|era|speaking|related|supported|aligned|held|affiliated)$")
_PERSON_ORG_SPLIT = frozenset(w for w in lx.TITLE_WORDS if w not in {"general", "state", "justice"}) | {"ceo", "cfo"}
_DEMONYM_GROUP = re.compile(
    # Every demonym is capitalised: the lookahead skips other words before trying the long alternation.
    r"\b(?=[A-Z])(?P<demonym>" + "|".join(sorted(map(re.escape, lx.DEMONYMS), key=len, reverse=True)) + r")"
    r"\s+(?P<noun>army|military|armed forces|forces|troops|soldiers|navy|air force|government|authorities)\b"
)
_APPOSITIVE_AFTER = re.compile(r",\s+((?:a|an|the|[a-z][\w\-]*)\b[^,.;:()\"“”]{2,90}?)(?=,|\.|;|$)")
# Titles that are also surnames or name parts at the end of a run ("Martin Luther King").
_NAME_LIKE_TITLES = frozenset("king queen prince princess lord lady sir dame general major justice father "
                              "sister chair head leader".split())
# Openers stripped even from organisation names ("But the Government Accountability Office").
_FUNCTION_WORDS = frozenset("The A An In On At But And Or So If As For From By With To Of While When After "
                            "Before Since Although Though Because Meanwhile However Also Both Then".split())
_STOP_BACK = frozenset("by to from with for of in on at and or but as said says told while when after "
                       "before that which who a an the is was are were has had".split())
# Compiled once: these run for every candidate word or mention.
_OPENER_BEFORE = re.compile(r"(?:[\n\"“‘(\[]|:\s)$")
_CAPITALISED_RUN = re.compile(r" ((?:[A-Z][\w&\-.]*[ ]?){1,5})")
_LOWER_SUFFIX = re.compile(r"-[a-z]+$")
_NEXT_WORD = re.compile(r"\s+([a-z][\w\-]*)")
_ARMED_OR_SUBJECT_VERB_AFTER = re.compile(r"\s+(?:" + "|".join(lx.ARMED_GROUP_NOUNS | lx.SUBJECT_VERBS) + r")\b")
_SUBJECT_VERB_AFTER = re.compile(r"\s+(?:" + "|".join(lx.SUBJECT_VERBS | lx.VERBS_S) + r"|[a-z]+ed)\b")
_ARMED_GROUP_AFTER = re.compile(r"\s+(" + "|".join(lx.ARMED_GROUP_NOUNS) + r")\b")
_LAST_WORD = re.compile(r"(\w+)\s+$")
_VERB_AFTER = re.compile(r"\s+(?:has|have|had|is|was|will|would|could|says|said|denies|denied|\w+ed|\w+s)\b")
_COPULA_AFTER = re.compile(r"\s+(?:is|was)\s+(?:a|the)\b")
_CITY_COMMA_BEFORE = re.compile(r"[A-Z][a-z]+,\s*$")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)")
_WORD_BREAK = re.compile(r"[\s\-]+")
_CUE_BEFORE = re.compile(r"(?<!\w)((?:[A-Za-z][\w\-]*\s+){1,3})$")
_NON_WORD = re.compile(r"[^\w]+")
_OPEN_QUOTES = frozenset('"“‘')
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_DIGIT = re.compile(r"\d")
_ACRONYM_OF_NON_ACTOR = re.compile(r"\b(?:" + "|".join(sorted(lx.EVENT_WORDS | lx.NON_ACTOR_HEADS)) + r")\s*\($")
_LEGAL_SUFFIXES = frozenset("Inc Corp Corporation Co Company Ltd Limited LLC PLC Plc AG SA NV N.V GmbH SE".split())
_PLACE_CUE_BEFORE = re.compile(r"(?:(?:\b(\w+)\s+)?\b(?:in|near|outside)|\b(?:" + "|".join(lx.PLACE_NOUNS) + r")\s+of)\s+$")
# "a stake in Toyota", "shares in Boeing": 'in' before a company.
_NOT_PLACE_BEFORE_IN = frozenset("stake stakes share shares investment investments invest invested investing "
                                 "interest interests holding holdings confidence trust job jobs role".split())
_LIST_AFTER = re.compile(r"\s+(?:and|or)\s+[A-Z]")
_MODEL_NUMBER_BEFORE = re.compile(r"(\S*)\s+(?<![\w,.$£€])(\d{3,4})(?:-\d+)?\s+$")
_MODEL_CODE_BEFORE = re.compile(r"(?<![\w$£€])(?:\d+[A-Za-z]\w*|[A-Z]+\d[\w\-]*)\s+$")
# Before a number, words that make it a model ("the 787"), not a count ("are 500").
_MODEL_DETERMINERS = frozenset("the a an its their his her our your new first latest last next".split())
_NEXT_TWO = re.compile(r"[ \t]+([a-z][\w\-]*)(?:\s+([\w']+))?")
_MODALS = frozenset("will would could should can may might must shall do does did".split())
_OBJECT_OPENERS = frozenset("the a an its their his her our that this these those to it them all".split())
# "US officials said": the country acts through them.
_COUNTRY_ACTS_AS = lx.GOVERNMENT_NOUNS | lx.MILITARY_NOUNS | {"officials", "troops", "forces", "soldiers"}


@dataclass
class Mention:
    start: int
    end: int
    name: str  # as written, title and possessive removed
    kind: str | None = None  # what the mention alone says, if anything
    key: str | None = None  # canonical lexicon name (countries, blocs)
    description: str = ""
    initial: bool = False  # starts its sentence


@dataclass
class _Cluster:
    name: str
    kind: str
    key: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    description: str = ""


def find_actors(text: str, sentences: list[Span], title: str = "") -> tuple[Actor, ...]:
    """The actors of ``text``: one per entity, aliases merged, mentions as spans.

    ``title`` (the headline) is only evidence that a word is a name, never a mention.
    """
    mentions = _candidate_mentions(text, sentences, title)
    mentions = _without_listed_terms(mentions, text)
    mentions += _demonym_groups(text)
    clusters = _merge(mentions, text)
    return _one_per_name(_to_actor(c) for c in clusters)


def _one_per_name(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """Actors whose names differ only in case ("ISTANBUL" in a dateline, "Istanbul" in the text)
    are one: their ids are made from the name, and two entries never share an id. The first
    keeps its name; the kind is the first one other than organization, the one a name in
    capitals alone is given."""
    kept: dict[str, Actor] = {}
    for actor in actors:
        same = kept.get(actor.id)
        if same is None:
            kept[actor.id] = actor
            continue
        kind = same.kind if same.kind not in ("organization", "other") else actor.kind
        name = same.name if not same.name.isupper() else actor.name
        names = dict.fromkeys(n for n in (*same.names, *actor.names) if normalize_name(n) != normalize_name(name))
        kept[actor.id] = replace(same, name=name, kind=kind, aliases=tuple(names),
                                 description=same.description or actor.description,
                                 mentions=tuple(sorted(set(same.mentions) | set(actor.mentions))))
    return tuple(kept.values())


# --- candidates -----------------------------------------------------------------------------

# "Maintenance, Repair and Overhaul (MRO)": capitalised words listed, then their initials.
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z]{3,6})\)")
_LISTED_BEFORE = re.compile(r"(?:[A-Z][a-z]+(?:, | and | & | ))+$")
_LISTED_WINDOW = 150  # characters looked back from the acronym: bounded, whatever the text


def _without_listed_terms(mentions: list[Mention], text: str) -> list[Mention]:
    """Drop the words of a listed term and its acronym: a term of art, not actors."""
    if "(" not in text:
        return mentions
    spans, acronyms = [], set()
    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = m.group(1)
        listed = _LISTED_BEFORE.search(text, max(0, m.start() - _LISTED_WINDOW), m.start())
        if not listed:
            continue
        words = listed.group()
        initials = "".join(w[0] for w in words.split() if w[0].isupper())
        if ("," in words or " and " in words or " & " in words) and initials == acronym:
            spans.append((listed.start(), m.end()))
            acronyms.add(acronym)
    if not spans:
        return mentions
    starts = [s for s, _ in spans]

    def listed(m: Mention) -> bool:
        k = bisect_right(starts, m.start) - 1
        return k >= 0 and m.start < spans[k][1]

    return [m for m in mentions if m.name not in acronyms and not listed(m)]


MAX_RUN = 40


def _candidate_mentions(text: str, sentences: list[Span], title: str = "") -> list[Mention]:
    starts = {s for s, _ in sentences}
    # Runs past MAX_RUN words (no real name is that long) are cut: each is read word by word, twice over.
    groups = [g[i:i + MAX_RUN] for g in _capitalised_groups(text) for i in range(0, len(g), MAX_RUN)]
    # A capitalised word seen away from a sentence start is a name; one only ever
    # seen opening a sentence is most likely an ordinary word ("Entirely", "Officials").
    inner = {t for g in groups for t in _name_evidence(g, _opens(text, g[0][1], starts))}
    inner |= set(title.split()[1:])
    standalone = {" ".join(t for t, _, _ in g) for g in groups}
    mentions = []
    for group in groups:
        mentions.extend(_mentions_of_group(text, group, _opens(text, group[0][1], starts), inner, standalone))
    return mentions


def _name_evidence(group, initial: bool) -> list[str]:
    """Words a group shows to be names: its first and last words ("Toyota" of "Toyota Motor Corp.", "Bernanke"
    of "Chairman Ben Bernanke"), a lone word only away from a sentence start; middle words prove nothing
    ("Stock" in "Bombay Stock Exchange")."""
    words = [t for t, _, _ in group]
    if words[0] == "The" and len(words) > 1:
        return words[1:]  # "The Beatles' label": after "The", a name even at a sentence start
    while len(words) > 1 and words[0] in lx.COMMON_WORDS:
        words = words[1:]
    if not initial:
        return [words[0], words[-1]]
    if len(words) == 1:
        return []
    return [words[-1]] + ([words[0]] if words[0] not in lx.COMMON_WORDS else [])


def _opens(text: str, pos: int, starts: set[int]) -> bool:
    """True at a sentence start, after an opening quote mark, or after a colon."""
    if pos in starts or pos == 0:
        return True
    before = text[max(0, pos - 3):pos]
    return bool(_OPENER_BEFORE.search(before)) or (pos - 1 in starts and text[pos - 1] in "\"“‘([")


def _is_cap(word: str) -> bool:
    return word[0].isupper() or _is_camel(word)


def _is_camel(word: str) -> bool:
    """'iPhone', 'eBay': product-style names."""
    # islower() is True only when no character is upper case: the common word is settled without a scan.
    return word[0].islower() and not word[1:].islower() and any(c.isupper() for c in word[1:])


def _has_digit(word: str) -> bool:
    # A word of letters only (the usual case) has no digit: no per-character scan.
    return not word.isalpha() and any(c.isdigit() for c in word)


def _capitalised_groups(text: str):
    """Runs of capitalised words (with "of", "&", a title's period between them)."""
    group: list[tuple[str, int, int]] = []
    pending: list[tuple[str, int, int]] = []  # a connector waiting for the next capitalised word
    last_end = -1
    for m in _TOKEN.finditer(text):
        word = m.group()
        # Most words have no capital (islower: not even a camel's hump) and no run to extend.
        cap = not word.islower() and _is_cap(word)
        if not group and not cap:
            continue
        start, end = m.start(), m.end()
        if word == "s" and text[start - 1:start] in "'’":
            continue  # the "s" of "People's": the gap to the next word says whether the name goes on
        if text[end:end + 1] == "$":  # "US$40 billion" is money, not the country
            word = word.lower()
            cap = _is_cap(word)
        gap = text[last_end:start] if group else ""
        joined = bool(group) and (
            gap == " " or gap == " & " or (gap in ("'s ", "’s ") and (group[-1][0] == "People" or word[0].isdigit()))
            or (gap in ("' ", "’ ") and word in lx.ORG_WORDS)
            or (gap == ". " and not pending and (group[-1][0] in _JOINING_ABBREVIATIONS
                                                 or _is_middle_initial(group, word)))
        )
        if cap or (word[0].isdigit() and joined and not _is_year(word)):
            if joined and not _is_camel(word):
                group.extend(pending)
                group.append((word, start, end))
            else:
                if group:
                    yield group
                group = [(word, start, end)]
            pending = []
            last_end = end
            if _POSSESSIVE.match(text, end) and word != "People" and not _plural_possessive_org(text, word, end) \
                    and not _POSSESSIVE_NUMBER.match(text, end):
                if _NAME_S_VERB.match(text, end):  # "Moody's said": the 's is the name's own
                    group[-1] = (word + text[end:end + 2], start, end + 2)
                yield group  # "Alphamin's Bisie": the possessive ends the name
                group, pending = [], []
            continue
        if joined and not pending and (
            word in _CONNECTORS
            # "Defence and Space Company": one name; "Toyota and General Motors": two.
            or word == "and" and len(group) >= 2 and _org_follows(text, end)
            and not _org_name([w for w, _, _ in group])
        ):
            pending = [(word, start, end)]
            last_end = end
            continue
        if group:
            yield group
        group, pending = [], []
    if group:
        yield group


def _org_follows(text: str, pos: int) -> bool:
    """'X and Y' is one name when the capitalised run after 'and' ends in Company/Ministry..."""
    m = _CAPITALISED_RUN.match(text, pos)
    if not m:
        return False
    for w in m.group(1).split():
        if w.strip(".") in lx.COMPANY_WORDS or w in lx.ORG_WORDS:
            return True
        if w.endswith(".") and w.count(".") == 1 and w[:-1] not in _JOINING_ABBREVIATIONS:
            return False  # a sentence ends: "between Airbus and Boeing. Qatar Airways ..."
    return False


def _is_middle_initial(group, word: str) -> bool:
    """'John D. Podesta': one capital letter after a name, a capitalised word after it."""
    last = group[-1][0]
    return len(group) >= 2 and len(last) == 1 and last.isupper() \
        and word not in lx.COMMON_WORDS


def _plural_possessive_org(text: str, word: str, end: int) -> bool:
    m = _PLURAL_POSSESSIVE_ORG.match(text, end)
    return bool(m) and word.endswith("s") and m.group(1) in lx.ORG_WORDS


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in lx.TITLE_WORDS or word.rstrip(".") in _TITLE_ABBREVIATIONS \
        or word in ("CEO", "CFO", "COO", "CTO", "C.E.O.")


def _mentions_of_group(text: str, group, initial: bool, inner: set[str], standalone: set[str] = frozenset()):
    """Turn one capitalised run into zero or more mentions: openers, titles, models off."""
    words = [w for w, _, _ in group]
    name = " ".join(words)
    if _known(name) or name in lx.NON_ENTITIES:
        if _known(name):
            yield from _name_mention(text, group, initial, inner, [])
        return
    # Openers: any common word at a sentence start, only "The"/dates mid-sentence.
    lead: list = []
    while group:
        w = group[0][0]
        rest = [x for x, _, _ in group[1:]]
        if _known(" ".join(rest)) and rest and not _is_title(w):
            if w in lx.COMMON_WORDS or w in lx.MONTHS or w in lx.WEEKDAYS:
                group = group[1:]
            break
        if initial and w in lx.NAME_ADJECTIVES and rest and " ".join(rest) not in standalone:
            break  # "New York Times", "Federal Service for Financial Markets" open a sentence whole
        if (initial and w in lx.COMMON_WORDS and not _is_title(w) and (w in _FUNCTION_WORDS or not _org_name(words)))\
                or w in ("The", "A", "An") \
                or w in lx.MONTHS or w in lx.WEEKDAYS or w in _CONNECTORS or w == "and":
            group = group[1:]
            continue
        if initial and len(group) > 2 and group[1][0] == "of" and w.endswith("s") and not _org_name([w]):
            group = group[2:]  # "Shares of Daimler fell"
            initial = False
            continue
        if _HYPHEN_MODIFIER.search(w) or _LOWER_SUFFIX.search(w):  # "Rwandan-backed", "Tutsi-led"
            group = group[1:]
            initial = False
            continue
        if rest and w in lx.DEMONYMS and (_is_title(rest[0]) or rest[0] in lx.DEMONYMS):
            lead.append(group[0])
            group = group[1:]
            continue
        break
    if not group:
        return
    # Title runs: "Chief Executive Thomas Enders", "Airbus CEO Thomas Enders", "Apple CEO".
    words = [w for w, _, _ in group]
    i = 0
    while i < len(words):
        if _is_title(words[i]) and (i == 0 or words[i - 1] not in _CONNECTORS) \
                and not _titles_open_org_name(words, i) \
                and not (i == len(words) - 1 and words[i].lower() in _NAME_LIKE_TITLES) \
                and not (words[i] == "General" and i + 1 < len(words) and not words[i + 1][0].isupper()):
            j = i
            while j < len(words) and (_is_title(words[j]) or words[j] in ("of", "and") and j + 1 < len(words) and _is_title(words[j + 1])):
                j += 1
            left, titles, right = group[:i], group[i:j], group[j:]
            if left:
                yield from _name_mention(text, left, initial, inner, [])
            if right and right[0][0] in _CONNECTORS:  # "Chief Operating Officer of AirTran Airways"
                yield from _name_mention(text, right[1:], False, inner, [])
            elif right:
                yield from _name_mention(text, right, False, inner, lead + left + titles, person=True)
            return
        i += 1
    yield from _name_mention(text, group, initial and not lead, inner, lead)


def _titles_open_org_name(words: list[str], i: int) -> bool:
    """'Defense Ministry', 'European Aeronautic Defence and Space Company': title words inside the name
    of an organisation ('Chief Operating Officer of AirTran Airways' is a title and an organisation)."""
    j = i
    while j < len(words) and _is_title(words[j]):
        j += 1
    rest = words[j:]
    return bool(rest) and rest[0] not in _CONNECTORS and _org_name(rest)


def _name_mention(text: str, group, initial: bool, inner: set[str], title, person: bool = False):
    while group and (group[-1][0] in _CONNECTORS or group[-1][0] == "and" or group[-1][0] in lx.WEEKDAYS
                     or group[-1][0] in lx.MONTHS or group[-1][0] in lx.NON_ENTITIES):
        group = group[:-1]
    if not group:
        return
    words = [w for w, _, _ in group]
    if "of" in words[2:5] and (person or words[0] in lx.given_names()):
        # "Charles B. Rangel of New York": a person, then the place they stand for.
        k = words.index("of")
        if not _org_name(words[:k]) and _known(" ".join(words[k + 1:])):
            yield from _name_mention(text, group[:k], initial, inner, title, person)
            yield from _name_mention(text, group[k + 1:], False, inner, [])
            return
    start, end = group[0][1], group[-1][2]
    after = text[end:end + 40]
    next_word = _NEXT_WORD.match(after)
    next_word = next_word.group(1) if next_word else ""
    if words[-1] in lx.EVENT_WORDS or next_word in lx.PROGRAM_NOUNS:
        return
    # Products and models: "Airbus A380", "Boeing 787 Dreamliner", "Intel Core Duo processors".
    model_at = next((k for k, w in enumerate(words) if _is_camel(w) or _has_digit(w)), None)
    if model_at is not None or (len(words) > 1 and next_word in lx.PRODUCT_NOUNS):
        if model_at is None:
            model_at = 1
        if model_at == 0:
            if len(words) == 1 and not _is_camel(words[0]) and _ARMED_OR_SUBJECT_VERB_AFTER.match(after):
                yield Mention(start, end, text[start:end], initial=initial)  # "M23 rebels"
            return
        # "Intel Core Duo processors": the maker, named before its product; "the Airbus A380" names only the
        # product; a flight is its airline's ("Air France Flight 447"). A maker of two words or more before a
        # model is most often a product line ("Rolls-Royce Trent 900 engines").
        if model_at >= 2 and words[model_at - 1] == "Flight":
            yield from _name_mention(text, group[:model_at - 1], initial, inner, title, person)
        elif model_at == 1 and next_word in lx.PRODUCT_NOUNS \
                and not any(w in lx.NON_ENTITIES or len(w) == 1 for w in words):  # "Mac OS X Lion operating system"
            yield from _name_mention(text, group[:1], initial, inner, title, person)
        return
    if _after_model_number(text, start, next_word):
        return  # "the 787 Dreamliner"
    name = text[start:end]
    if name in lx.DEMONYMS or name in lx.COMMON_WORDS or name in lx.NON_ENTITIES or name in lx.COLOURS \
            or len(name) < 2 or _is_title(name) or _names_no_actor(words):
        return
    if text[start - 1:start] == "(" and _ACRONYM_OF_NON_ACTOR.search(text, max(0, start - 20), start):
        return  # "Worldwide Developers Conference (WWDC)"
    if len(group) == 1 and initial and not title and name not in inner and not _known(name) \
            and not (name.isupper() and len(name) > 1) and (
            name.endswith("s") or not _SUBJECT_VERB_AFTER.match(after) or text[start - 1:start] in _OPEN_QUOTES
            or _written_lower(text, name)) and not _LIST_AFTER.match(after):
        return  # "Officials", '"Traffic is back"': an ordinary word opening a sentence or a quote
    if (_is_place(name) or name in lx.COUNTRY_NAMES or name in lx.CAPITALS) and _modifies_noun(after) \
            and next_word not in lx.PRODUCT_NOUNS \
            and not (name in lx.COUNTRY_NAMES and next_word in _COUNTRY_ACTS_AS):
        return  # "top Africa adviser", "the UK index", "its Cupertino headquarters": a modifier
    description = " ".join(w for w, _, _ in title)
    kind = "person" if person or any(_is_title(w) for w, _, _ in title) else None
    yield Mention(start, end, name, kind=kind, description=description, initial=initial and not title)


def _after_model_number(text: str, start: int, next_word: str) -> bool:
    """'the 787 Dreamliner': a name right after a model number (not a year, not a count of things)."""
    if not _DIGIT.search(text, max(0, start - 30), start):
        return False
    if _MODEL_CODE_BEFORE.search(text, max(0, start - 12), start):
        return True  # "the 3D Digital mock-up", "A350 XWB"
    m = _MODEL_NUMBER_BEFORE.search(text, max(0, start - 30), start)
    if not m or _is_year(m.group(2)):
        return False
    return m.group(1).lower() in _MODEL_DETERMINERS or m.group(1).endswith(("'s", "’s", "'", "’")) \
        or not next_word or next_word in _STOP_BACK


def _names_no_actor(words: list[str]) -> bool:
    """A market index ('Hang Seng', 'FTSE 100 index'), a plan, a law or a treaty ('Marshall Plan')."""
    if words[-1] in lx.NON_ACTOR_HEADS:
        return True
    while words and (words[-1].isdigit() or words[-1].lower() == "index"):
        words = words[:-1]
    return " ".join(words) in lx.FINANCIAL_INDICES


def _written_lower(text: str, name: str) -> bool:
    """The word also appears in lower case: an ordinary word, capitalised where a sentence starts."""
    return name.isalpha() and name.lower() in _lower_words(text)


@lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    """The lower-case words of a text, found once per text."""
    return frozenset(_LOWER_WORD.findall(text))


def _modifies_noun(after: str) -> bool:
    """'the UK index', 'its Cupertino headquarters': a lower-case noun, not a verb, follows the name."""
    m = _NEXT_TWO.match(after)
    if not m:
        return False
    word, following = m.group(1), (m.group(2) or "").lower()
    if word in _STOP_BACK or word in lx.SUBJECT_VERBS or word in lx.VERBS_S or word in _MODALS \
            or word.endswith(("ed", "ly")) or word.capitalize() in lx.COMMON_WORDS:  # "in Kigali last week"
        return False
    # "Rwanda maintains its forces": a verb that ends in -s like a plural noun, told apart by its object.
    return not (word.endswith("s") and following in _OBJECT_OPENERS)


def _is_place(name: str) -> bool:
    return name in lx.REGIONS or name in lx.CITIES or name in lx.US_STATES


def _org_name(words: list[str]) -> bool:
    last = words[-1]
    return last in lx.COMPANY_WORDS or last.rstrip(".") in lx.COMPANY_WORDS or last in lx.ORG_WORDS \
        or last in lx.MILITARY_WORDS


def _known(name: str) -> bool:
    return (name in lx.COUNTRY_NAMES or name in lx.CAPITALS or name in lx.BLOCS or name in lx.REGIONS
            or name in lx.CITIES or name in lx.US_STATES or name in _BLOC_ALIASES)


_BLOC_ALIASES = {a: name for name, aliases in lx.BLOCS.items() for a in aliases}


def _demonym_groups(text: str) -> list[Mention]:
    """'the Congolese army' is the DR Congo military; 'the Danish government' is Denmark's government."""
    out = []
    for m in _DEMONYM_GROUP.finditer(text):
        country = lx.DEMONYMS[m["demonym"]]
        if m["noun"] in ("government", "authorities"):  # its own actor, not the country from the adjective
            out.append(Mention(m.start(), m.end(), m.group(), kind="government", key=f"{country} government"))
        else:
            out.append(Mention(m.start(), m.end(), m.group(), kind="military", key=f"{country} military"))
    return out


# --- kinds -----------------------------------------------------------------------------------

def _kind_of(m: Mention, text: str) -> str:
    name = m.name
    words = name.split()
    after = text[m.end:m.end + 40]
    before = text[max(0, m.start - 40):m.start]
    if m.kind:
        return m.kind
    if name in lx.COUNTRY_NAMES:
        return "country"
    if name in lx.BLOCS or name in _BLOC_ALIASES:
        return "organization"
    if _ARMED_GROUP_AFTER.match(after):
        return "armed_group"
    if name in lx.CAPITALS:
        return "government" if _acts(after) else "place"
    if name in lx.REGIONS or name in lx.CITIES or name in lx.US_STATES:
        return "place"
    last = words[-1].rstrip(".")
    if last in lx.MILITARY_WORDS and not any(w in lx.COMPANY_WORDS for w in words):
        return "military"
    head = _head(words)
    if len(head) < len(words) and head[-1] in lx.ORG_WORDS:
        return "organization"  # "Federal Service for Financial Markets"
    if any(w.rstrip(".") in lx.COMPANY_WORDS for w in words[1:]):
        return "company"
    if any(w in lx.ORG_WORDS for w in words) or any(w in lx.MILITARY_WORDS for w in words):
        return "organization"
    if _has_digit(name) or name[0].islower():
        return "other"  # products and models: "A380", "iPhone 4"
    cue = _LAST_WORD.search(before)
    if cue and cue.group(1).lower() in lx.COMPANY_CUES:
        return "company"
    if len(words) > 1 and (words[0] in lx.PLACE_PREFIXES or words[-1] in lx.PLACE_WORDS):
        return "place"  # "St. Petersburg", "Suvarnabhumi Airport"
    if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) and (
        words[0] in lx.given_names() or _SPEECH.match(after) and not name.isupper()
        or _titled_appositive(text, m)
    ):
        return "person"
    if _place_cued(text, m):
        return "place"  # "in Valmora", "the rival port of Selby"
    return "organization"


def _place_cued(text: str, m: Mention) -> bool:
    """'in Valmora', 'the port of Selby': words before the name that make it a place."""
    if _POSSESSIVE.match(text, m.end):
        return False  # "in Apple's stores"
    cue = _PLACE_CUE_BEFORE.search(text, max(0, m.start - 40), m.start)
    return bool(cue) and (cue.group(1) or "").lower() not in _NOT_PLACE_BEFORE_IN


def _head(words: list[str]) -> list[str]:
    """The words before the first connector: 'Federal Service' of 'Federal Service for Financial Markets'."""
    at = next((k for k, w in enumerate(words) if k and w in _CONNECTORS), len(words))
    return words[:at]


def _acts(after: str) -> bool:
    """'Washington urged', 'Kigali denies': a capital followed by a verb is its government."""
    return bool(_VERB_AFTER.match(after)) and not _COPULA_AFTER.match(after)


def _titled_appositive(text: str, m: Mention) -> bool:
    return bool(_appositive_before(text, m)) or bool(_appositive_after(text, m, person=True))


def _appositive_before(text: str, m: Mention) -> str:
    """'President Donald Trump's top Africa adviser, Massad Boulos': the phrase before the comma."""
    head = text[max(0, m.start - 120):m.start]
    if not head.endswith(", "):
        return ""
    words = head[:-2].split(" ")
    phrase: list[str] = []
    for w in reversed(words):
        if not w or w.lower() in _STOP_BACK or w.endswith((",", ".", ";", ":")) or "\n" in w:
            break
        phrase.insert(0, w)
    if phrase and phrase[-1].lower().rstrip(".") in lx.PERSON_TITLES and len(phrase) <= 9:
        return " ".join(phrase)
    return ""


def _appositive_after(text: str, m: Mention, *, person: bool = False) -> str:
    """'Jusman Syafii Djamal, minister of transport for Indonesia,': the phrase after the comma."""
    a = _APPOSITIVE_AFTER.match(text, m.end)
    if not a:
        return ""
    phrase = a.group(1).strip()
    first = phrase.split()[0].lower()
    if first in ("who", "which", "whose", "where", "when", "that", "and", "but", "said", "says", "told",
                 "according", "as", "while", "although", "though", "because", "if"):
        return ""
    if person and not any(w.lower() in lx.PERSON_TITLES for w in phrase.split()[:6]):
        return ""
    if len(phrase.split()) > 14:
        return ""
    return phrase


# --- merging ---------------------------------------------------------------------------------

def _merge(mentions: list[Mention], text: str) -> list[_Cluster]:
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        m.kind = _kind_of(m, text)
    explicit = _parenthesised_acronyms(mentions, text)
    counts = Counter(m.name for m in mentions)
    country_mentioned = {lx.COUNTRY_NAMES[m.name] for m in mentions if m.name in lx.COUNTRY_NAMES}
    country_mentioned |= {m.key for m in mentions if m.kind == "country" and m.key}
    clusters: dict[str, _Cluster] = {}

    def add(key: str, m: Mention, name: str, kind: str) -> None:
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(name=name, kind=kind, key=key)
        c.mentions.append(m)
        if m.name not in c.names:
            c.names.append(m.name)
        if m.description and not c.description:
            c.description = m.description

    # 1. Lexicon entities first: countries, blocs, capitals, demonym groups.
    rest: list[Mention] = []
    for m in mentions:
        n = m.name
        if m.key:
            add(m.key, m, m.key if m.kind == "country" else m.name, m.kind)
        elif n in lx.COUNTRY_NAMES:
            add(lx.COUNTRY_NAMES[n], m, lx.COUNTRY_NAMES[n], "country")
        elif n in lx.BLOCS or n in _BLOC_ALIASES:
            key = _BLOC_ALIASES.get(n, n)
            add(key, m, key, "organization")
        elif n in lx.CAPITALS and not _after_city(text, m) and (
                lx.CAPITALS[n] in country_mentioned or m.kind == "government"):
            add(lx.CAPITALS[n], m, lx.CAPITALS[n], "country")
        else:
            rest.append(m)
    # 2. Full names before short ones, so "Boulos" finds "Massad Boulos".
    written: dict[str, list[Mention]] = {}  # each name's mentions, names in order of first mention
    for m in rest:
        written.setdefault(m.name, []).append(m)
    by_name: dict[str, _Cluster] = {}
    for name in sorted(written, key=lambda n: (-len(n.split()), -len(n))):
        group = written[name]
        kind = _kind_of_name(group)
        target = _alias_target(name, by_name, explicit, counts, kind)
        if target is not None:
            for m in group:
                target.mentions.append(m)
                if m.description and not target.description:
                    target.description = m.description
            target.names.append(name)
            if target.kind in ("organization", "other") and group[0].kind in ("person", "company", "armed_group"):
                target.kind = group[0].kind
            by_name[name] = target
            continue
        key = f"n:{name}"
        for m in group:
            add(key, m, name, kind)
        by_name[name] = clusters[key]
    for c in clusters.values():
        c.mentions.sort(key=lambda m: m.start)
        if c.kind == "armed_group":
            for m in c.mentions:
                a = _ARMED_GROUP_AFTER.match(text[m.end:m.end + 20])
                if a:
                    c.names.append(f"{m.name} {a.group(1)}")
                    break
        if not c.description:
            c.description = _describe(c, text)
    return sorted(clusters.values(), key=lambda c: c.mentions[0].start)


def _kind_of_name(group: list[Mention]) -> str:
    """The kind of one written name from its mentions': a person if any says so, a place if any is
    one and none says otherwise ("in Valmora"), else the most common."""
    kinds = Counter(m.kind for m in group)
    if kinds["person"]:
        return "person"
    if kinds["place"] and set(kinds) <= {"place", "organization"}:
        return "place"
    return kinds.most_common(1)[0][0]


def _after_city(text: str, m: Mention) -> bool:
    """'Everett, Washington' is the state, not the US government."""
    return bool(_CITY_COMMA_BEFORE.search(text[max(0, m.start - 30):m.start]))


def _parenthesised_acronyms(mentions: list[Mention], text: str) -> dict[str, str]:
    """'United States Air Force (USAF)': the acronym is an alias of the name before it."""
    out = {}
    for m in mentions:
        p = _ACRONYM_AFTER.match(text[m.end:m.end + 14])
        if p and p.group(1) != m.name:
            out[p.group(1)] = m.name
    return out


@lru_cache(maxsize=4096)
def _initials(name: str) -> str:
    """'General Motors Corp.' -> 'GM': the capitals of the words, a legal suffix left out."""
    words = [w for w in _WORD_BREAK.split(name) if w]
    while len(words) > 2 and words[-1].rstrip(".") in _LEGAL_SUFFIXES:
        words.pop()
    return "".join(w[0] for w in words if w[0].isupper())


def _alias_target(name: str, by_name: dict[str, _Cluster], explicit: dict[str, str],
                  counts: Counter, kind: str = "organization") -> _Cluster | None:
    words = name.split()
    if name in explicit and explicit[name] in by_name:
        return by_name[explicit[name]]
    if kind == "place":  # "Valmora" the town is not the "Valmora Port Authority"
        return None
    plain = name.replace(".", "")
    low, plurals = name.lower(), (name + "s", name + "es")
    candidates: list[_Cluster] = []
    for other, c in by_name.items():
        if other == name:
            continue
        ow = other.split()
        if len(other) == len(name) and other.lower() == low \
                or other in plurals and "person" not in (kind, c.kind):
            candidates.append(c)  # "Macbook" -> "MacBook", "A380" -> "A380s"
            continue
        if c.kind == "person":
            # A surname, or a name with a middle part left out.
            if len(words) == 1 and words[0] == ow[-1]:
                candidates.append(c)
            elif len(words) >= 2 and words[-1] == ow[-1] and words[0] == ow[0]:
                candidates.append(c)
            continue
        if c.kind == "other" and len(ow) > len(words):
            continue  # "Boeing" is not an alias of the product "Boeing 787"
        if len(words) < len(ow) and ow[:len(words)] == words:
            candidates.append(c)  # "Northrop" -> "Northrop Grumman"
        elif len(words) < len(ow) and ow[-len(words):] == words and ow[0] in lx.COUNTRY_NAMES:
            candidates.append(c)  # "Air Force" -> "U.S. Air Force"
        elif plain.isupper() and len(plain) >= 2 and len(words) == 1 and (
                _initials(other) == plain or _initials(_expand_country(other)) == plain):
            candidates.append(c)  # "GAO" -> "Government Accountability Office"
        elif plain.isupper() and len(words) == 1 and len(ow) >= 2 and _country_acronym(plain, other):
            candidates.append(c)  # "USAF" -> "Air Force"
    if not candidates:
        return None
    unique = {id(c): c for c in candidates}
    if len(unique) == 1:
        return candidates[0]
    # Ambiguous ("Apple": Apple Corps or Apple Computer?): the most mentioned one.
    return max(unique.values(), key=lambda c: len(c.mentions))


def _country_acronym(acronym: str, name: str) -> bool:
    """'USAF' stands for the 'Air Force' of a country written 'US'."""
    initials = _initials(name)
    country = acronym[:-len(initials)] if acronym.endswith(initials) else ""
    return bool(country) and country in lx.COUNTRY_NAMES


def _expand_country(name: str) -> str:
    first = name.split()[0]
    if first in lx.COUNTRY_NAMES:
        return lx.COUNTRY_NAMES[first] + name[len(first):]
    return name


def _describe(c: _Cluster, text: str) -> str:
    """A one-line description in the article's own words, from the first mention that has one."""
    for m in c.mentions:
        before = _appositive_before(text, m)
        if before:
            return before
        after = _appositive_after(text, m, person=c.kind == "person")
        if after:
            return after
        # Whole words only ("Chief executive", never "hief executive"); a capitalised
        # word stays only when it is part of a title.
        cue = _CUE_BEFORE.search(text[max(0, m.start - 50):m.start])
        if cue:
            words = cue.group(1).split()
            while words and (words[0] in _STOP_BACK
                             or (words[0][0].isupper() and words[0].lower() not in lx.PERSON_TITLES)):
                words = words[1:]
            if words and (words[-1] in lx.COMPANY_CUES or words[-1] in lx.PERSON_TITLES):
                return " ".join(words)
    return ""


def _to_actor(c: _Cluster) -> Actor:
    name = c.name
    if c.kind == "person":  # the fullest form of a person's name
        name = max(c.names, key=lambda n: len(n.split()))
    aliases = tuple(dict.fromkeys(n for n in c.names if n != name))
    return Actor(
        id=stable_id("a", normalize_name(name)),
        name=name,
        kind=c.kind,
        aliases=aliases,
        description=c.description,
        mentions=tuple(dict.fromkeys((m.start, m.end) for m in c.mentions)),
    )


def normalize_name(name: str) -> str:
    return _NON_WORD.sub(" ", name.lower()).strip()
