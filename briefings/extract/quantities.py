"""Stage 6a: the quantities a text states -- a number with its unit and what it counts.

"17,300 tons of tin", "about 6% of the global supply", "three vessels",
"40 million euros", "12 people killed", "a 90-day truce". A number is a
quantity only when a unit or a counted noun follows it, so dates ("March
22"), years ("in 2024"), times and names ("Resolution 2773", "M23") are not.

Each quantity keeps the text as written, its value with the scale applied,
the place of its last digit as written (``step``: how far it was rounded),
a normal unit ("t", "km", "%", "USD"; "" for a count), what it counts (the
words after "of", or the counted noun and a participle: "people killed"),
and a hedge ("about", "at least", "at most") when the text qualifies it.
A quick pass finds where numbers start (digits, number words); only there is
the whole pattern tried: the stage costs little.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Quantity

Span = tuple[int, int]

_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
WORD_NUMBERS: dict[str, int] = {w: n for n, w in enumerate(_SMALL) if n}
WORD_NUMBERS.update(_TENS)
WORD_NUMBERS.update({f"{t}-{u}": n + m for t, n in _TENS.items() for u, m in WORD_NUMBERS.items() if m < 10})
WORD_NUMBERS.update({"a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100, "a thousand": 1000})

SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9,
          "bn": 10**9, "b": 10**9, "trillion": 10**12}

# A hedge before the number, and what it says of the number.
HEDGES = {
    "about": "about", "around": "about", "roughly": "about", "some": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "nearly": "about", "almost": "about", "close to": "about",
    "just over": "about", "just under": "about", "more or less": "about",
    "more than": "at least", "over": "at least", "at least": "at least", "upwards of": "at least",
    "in excess of": "at least", "no fewer than": "at least", "no less than": "at least",
    "less than": "at most", "fewer than": "at most", "under": "at most", "up to": "at most",
    "no more than": "at most", "at most": "at most", "below": "at most",
}

# Unit words (singular and plural forms) and their normal form.
UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "pc": "%", "percentage points": "pp", "percentage point": "pp",
    "tons": "t", "ton": "t", "tonnes": "t", "tonne": "t", "metric tons": "t", "metric tonnes": "t",
    "kilograms": "kg", "kilogram": "kg", "kg": "kg", "kilometres": "km", "kilometre": "km", "kilometers": "km",
    "kilometer": "km", "km": "km", "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "metre": "m",
    "meter": "m", "square kilometres": "km2", "square kilometers": "km2", "hectares": "ha", "hectare": "ha",
    "barrels": "bbl", "barrel": "bbl", "megawatts": "MW", "megawatt": "MW", "mw": "MW", "gigawatts": "GW",
    "gw": "GW", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yuan": "CNY",
}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
# After a hyphen: "a 90-day truce", "a 150-km stretch" (not "a 45-year-old").
HYPHEN_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour",
                "kilometre": "km", "kilometer": "km", "km": "km", "mile": "mi", "ton": "t", "tonne": "t"}

def _trie(words: list[str]) -> str:
    """An alternation of ``words`` as a tree of their letters: the engine tries one branch
    per letter instead of every word at every place (four times faster here)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body
    return pattern(tree)


_WORDS_RE = _trie(list(WORD_NUMBERS))
# Words that may come just before a number and belong to its quantity.
_LEADS = frozenset(w for h in HEDGES for w in h.split()) | {"a", "one", "$", "€", "£", "us$", "usd", "eur", "gbp"}
_HEDGES_RE = _trie([" ".join(h.split()) for h in HEDGES]).replace("\\ ", r"\s+")
_UNITS_RE = _trie(list(UNITS)).replace("\\ ", r"\s+")
_QUANTITY = re.compile(
    rf"""(?<![\w.,$€£/:-])
    (?:(?P<hedge>{_HEDGES_RE})\s+)?
    (?P<currency>US\$|\$|€|£|USD\s|EUR\s|GBP\s)?\s?
    (?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>{_WORDS_RE})(?![\w-]))
    (?![\d:/]|[.,]\d)
    (?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn|m|b|k)\b)?
    (?:(?P<hyphen>-(?:{_trie(list(HYPHEN_UNITS))})s?\b(?!-old))|\s?(?P<unit>{_UNITS_RE})(?![\w-]))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The words after a quantity: "of the global supply", "people killed", "Congolese soldiers".
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OF = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?", re.IGNORECASE)
# What happened to those counted, when the text says it next to the count: "12 people killed",
# "killed 12 people", "141 people had been rescued".
PARTICIPLES = frozenset("""killed injured wounded hurt dead missing displaced evacuated arrested detained
    rescued kidnapped abducted freed released deported affected infected confirmed destroyed damaged flooded
    stranded trapped employed dismissed sacked jailed sentenced charged executed drowned""".split())
_PARTICIPLES_RE = "|".join(sorted(PARTICIPLES))
_PASSIVE = re.compile(r"\s+(?:were|was|have been|had been|are|is|being|been)\s+(" + _PARTICIPLES_RE + r")\b")
_STOP = frozenset("""a an the of in on at to and or but nor for from by with as into onto over under
    after before since during until than then that which who whom whose what when where while this these those
    it its their his her our your my is are was were be been being has have had do does did will would
    shall should can could may might must said says say according not no also only just more most less
    each every per about around such other another against between through across within without
    ago earlier later last next week weeks day days month months year years""".split())
_MONTHS = frozenset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split())
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
SHORT_SCALES = frozenset({"m", "b", "k"})
MAX_WHAT = 3  # words of what a quantity counts


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text``, left to right."""
    found: list[Quantity] = []
    done = 0
    for at in _anchors(text):
        if at < done:
            continue  # inside the last quantity ("twenty-five", "1.2 billion")
        m = next((m for start in _starts_before(text, at) if (m := _QUANTITY.match(text, start))
                  and _holds_number(m, at)), None)
        quantity = _quantity(text, m) if m else None
        if quantity is not None:
            found.append(quantity)
            done = quantity.span[1]  # type: ignore[index]
    return found


def _anchors(text: str) -> list[int]:
    """Where numbers start: runs of digits not inside a word or a number, and number words
    (looked for in the lowered text, twice as fast as ignoring case)."""
    starts = [at for m in _DIGITS.finditer(text)
              if not (at := m.start()) or not (text[at - 1].isalnum() or text[at - 1] in "_.,")]
    lowered = text.lower()
    words = _NUMBER_WORDS if len(lowered) == len(text) else _NUMBER_WORDS_ANY_CASE
    starts += [m.start() for m in words.finditer(lowered if len(lowered) == len(text) else text)]
    return sorted(starts)


_NUMBER_WORD_TRIE = _trie(sorted({w.split("-")[0].split()[-1] for w in WORD_NUMBERS}))
_DIGITS = re.compile(r"[0-9]+")
_NUMBER_WORDS = re.compile(rf"\b{_NUMBER_WORD_TRIE}\b")
_NUMBER_WORDS_ANY_CASE = re.compile(rf"\b{_NUMBER_WORD_TRIE}\b", re.IGNORECASE)


def _holds_number(m: re.Match[str], at: int) -> bool:
    """Whether the quantity matched holds the number found at ``at`` ("a hundred": at "hundred")."""
    group = "digits" if m.group("digits") else "word"
    return m.start(group) <= at < m.end(group)


def _starts_before(text: str, at: int) -> list[int]:
    """Where a quantity whose number starts at ``at`` may start, farthest first: the sign
    glued to it ("$40", "US$1.2bn"), and back over the words a hedge, a currency or "a"
    may end with ("more than $ 40", "an estimated 300", "a dozen"), three at most."""
    starts = [at]
    i = at
    while i > 0 and not text[i - 1].isspace() and at - i < 4:
        i -= 1
    if i < at:
        starts.append(i)
    for _ in range(3):
        end = i
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if at - start > 30 or text[start:end].lower() not in _LEADS:
            break
        i = start
        starts.append(i)
    return starts[::-1]


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    """The quantity ``m`` matched, or None when it is no quantity: a bare number, a year,
    a day of a month, a name's number."""
    digits, word, scale = m.group("digits"), m.group("word"), (m.group("scale") or "").lower()
    currency = CURRENCIES[m.group("currency").strip().lower()] if m.group("currency") else ""
    unit_word, hyphen, hedge = m.group("unit"), m.group("hyphen"), m.group("hedge")
    start, end = m.start(), m.end()
    unit = UNITS[" ".join(unit_word.lower().split())] if unit_word else currency
    if (currency and unit != currency) or (scale in SHORT_SCALES and not currency):
        return None  # "$40 tons"; "60m" is metres and "5k" a race: only money is written so
    what = ""
    if not (unit or hyphen):  # a count: "three vessels", "12 people killed"
        what, end = _noun_run(text, end)
        if not what or (digits and not scale and _YEAR.fullmatch(digits)):
            return None  # a bare number, a year
    before = text[max(0, start - 40):start]
    last = before.split()[-1] if before[-1:].isspace() and before.strip() else ""  # the word before
    if last.lower().rstrip(".") in _MONTHS:
        return None  # a day of a month: "March 22"
    if hyphen:  # "a 90-day truce"
        unit = HYPHEN_UNITS[hyphen[1:].lower().removesuffix("s")]
        what, end = _noun_run(text, end)
    elif unit:  # "17,300 tons of tin", "6% of the global supply"
        of = _OF.match(text, end)
        if of and (words := _noun_run(text, of.end(), in_of=True))[0]:
            what, end = words
    else:
        if not hedge and last[:1].isupper() and last[-1:].isalnum() and not _opens_sentence(before, last):
            return None  # a name's number: "Resolution 2773", "Route 2"
        if what.split()[-1] not in PARTICIPLES:
            after = _PASSIVE.match(text, end)
            participle = after.group(1) if after else last if last in PARTICIPLES else None
            if after:
                end = after.end()
            if participle:
                what = f"{what} {participle}"
    value, step = _value(digits, word, scale)
    return Quantity(text=text[start:end], value=value, unit=unit, what=what, step=step,
                    hedge=HEDGES[" ".join(hedge.lower().split())] if hedge else None, span=(start, end))


def _value(digits: str | None, word: str | None, scale: str) -> tuple[float, float]:
    """The number with its scale applied, and the place of its last digit as written."""
    if digits is None:
        number, step = Decimal(WORD_NUMBERS[" ".join(word.lower().split())]), Decimal(1)  # type: ignore[union-attr]
    elif not scale and "." not in digits:  # most numbers: whole, no scale
        plain = digits.replace(",", "")
        zeros = len(plain) - len(plain.rstrip("0"))
        return int(plain), 10 ** zeros if 2 <= zeros < len(plain) else 1
    else:
        number, step = Decimal(digits.replace(",", "")), _digit_step(digits)
    if scale:
        factor = Decimal(SCALES[scale])
        step = step * factor if (digits is None or "." in digits) else factor
        number *= factor
    return _number(number), _number(step)


def _digit_step(digits: str) -> Decimal:
    """The place of the last digit as written: 17,300 -> 100, 6.2 -> 0.1. A number
    ending in two zeros or more is taken as rounded there (17,000 -> 1000); 10 and
    150 as exact."""
    plain = digits.replace(",", "")
    if "." in plain:
        return Decimal(1).scaleb(-len(plain.split(".")[1]))
    zeros = len(plain) - len(plain.rstrip("0"))
    return Decimal(10) ** zeros if 2 <= zeros < len(plain) else Decimal(1)


def _number(value: Decimal) -> float:
    return int(value) if value == value.to_integral_value() else float(value)


def _noun_run(text: str, at: int, in_of: bool = False) -> tuple[str, int]:
    """The words a quantity counts, at ``at``: up to MAX_WHAT words, ended by a stop word,
    a number, punctuation or a word in -ing or -ed. In a count the first plural ends the
    run ("three cargo vessels sank"), or one of PARTICIPLES after it ("people killed");
    after "of" a participle may qualify the noun ("the world's mined tin")."""
    words: list[str] = []
    end = at
    while len(words) < MAX_WHAT:
        m = _WORD.match(text, end)
        if not m:
            break
        word = m.group(1)
        low = word.lower()
        if low in _STOP or low in _MONTHS or low in WORD_NUMBERS or low.endswith("ing") or (words and word[0].isupper()):
            break
        if not in_of and (low in PARTICIPLES or low.endswith("ed")):
            if words and low in PARTICIPLES:
                words.append(word)
                end = m.end()
            break
        words.append(word)
        end = m.end()
        if not in_of and is_plural(low):
            participle = _WORD.match(text, end)
            if participle and participle.group(1) in PARTICIPLES:
                words.append(participle.group(1))
                end = participle.end()
            break
    return " ".join(words), end


_PLURALS = frozenset("people staff police children men women personnel troops cattle livestock".split())


def is_plural(word: str) -> bool:
    """A plural noun, to tell where a count's noun ends: "vessels", "people", not "glass"."""
    return word in _PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3)


def _opens_sentence(before: str, last: str) -> bool:
    """Whether ``last``, the word ending ``before``, opens a sentence ("Some 300", "Another 40")."""
    head = before.rstrip()[:-len(last)].rstrip(" \t")
    return not head or head[-1] in "\n.!?\"”’)"
