"""From numbers to quantities: a number with its unit, qualifier and evidence span.

Every word used here comes from ``rules/units.toml``, ``rules/exclusions.toml`` and
``rules/qualifiers.toml``; this module only composes them. A number becomes a quantity when
a counter noun (or a currency carried over from the clause before) follows it and no
exclusion rule disqualifies it.

>>> [(str(q.amount), q.unit.value, q.qualifier.value) for q in find_quantities("بالغ بر ۶۳ میلیارد تومان و ۵۲۰ طرح")]
[('63000000000', 'toman', 'at_least'), ('520', 'plan', 'exact')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extract.numbers import NumberMatch, find_numbers
from extract.ruledata import Strict, alternation, ending_pattern, load, words_pattern
from extract.segments import PERSIAN_LETTER
from schemas.models import MONEY_UNITS, Metric, Qualifier, Unit

_END_OF_WORD = rf"(?![{PERSIAN_LETTER}])"
PLURAL_SUFFIXES = ("های", "هایی", "ها", "ان", "یان", "ی")


class Counter(Strict):
    name: str
    unit: Unit
    words: list[str]
    metric: Metric | None = None
    examples: list[tuple[str, str]] = []
    counter_examples: list[str] = []


class SkipNouns(Strict):
    words: list[str]


class UnitRules(Strict):
    counter: list[Counter]
    skip_after_number: SkipNouns


class Exclusion(Strict):
    name: str
    before: list[str] = []
    after: list[str] = []
    window: int = 1
    counter_examples: list[str] = []
    examples: list[tuple[str, str]] = []


class ExclusionRules(Strict):
    exclusion: list[Exclusion]


class QualifierRule(Strict):
    name: str
    qualifier: Qualifier
    words: list[str]
    examples: list[tuple[str, str, str]] = []


class QualifierRules(Strict):
    fillers: list[str]
    range_words: list[str]
    qualifier: list[QualifierRule]
    bound: list[QualifierRule] = []


UNITS = load("units", UnitRules)
EXCLUSIONS = load("exclusions", ExclusionRules)
QUALIFIERS = load("qualifiers", QualifierRules)


def _inflected(words: list[str]) -> list[str]:
    """Words with their plural and adjectival suffixes, derived once here."""
    out = set(words)
    for w in words:
        for suffix in PLURAL_SUFFIXES:
            out.add(w + suffix)
            out.add(w + " " + suffix)
    return sorted(out)


_COUNTERS = {c.name: c for c in UNITS.counter}
# One alternation of every counter's words (the longest wins); the matched noun, its spaces
# removed, names its counter — the longest spelling first where two counters share a key.
_ALL_COUNTER_WORDS = sorted(
    ((w, c.name) for c in UNITS.counter for w in _inflected(c.words)), key=lambda p: -len(p[0])
)
_COUNTER_OF = {}
for _w, _name in _ALL_COUNTER_WORDS:
    _COUNTER_OF.setdefault("".join(_w.split()), _name)
_COUNTER_RE = re.compile(r"\s*(?:\(\s*)?" + alternation([w for w, _ in _ALL_COUNTER_WORDS]) + _END_OF_WORD)
_SKIP_RE = re.compile(r"\s*" + alternation(_inflected(UNITS.skip_after_number.words)) + _END_OF_WORD)
_PEOPLE_OF = re.compile(
    r"\s+از\s+(?:جامعه\s*هدف|" + alternation(_inflected(_COUNTERS["person-clients"].words)) + ")" + _END_OF_WORD
)


def _before_rule(rule: Exclusion) -> re.Pattern | None:
    if not rule.before:
        return None
    gap = r"(?:\s+[^\s،,.:؛]+){0,%d}" % (rule.window - 1)  # a comma ends the window
    return re.compile(rf"(?<![{PERSIAN_LETTER}]){alternation(rule.before)}{_END_OF_WORD}[\s:(\-]*{gap}[\s:(\-]*$")


_EXCLUDE_BEFORE = [(r.name, p) for r in EXCLUSIONS.exclusion if (p := _before_rule(r))]
_EXCLUDE_AFTER = [
    (r.name, re.compile(r"\s*" + alternation(r.after) + _END_OF_WORD)) for r in EXCLUSIONS.exclusion if r.after
]
_FILLER = alternation(QUALIFIERS.fillers)
_QUALIFIER_RE = [
    (q.name, q.qualifier, re.compile(rf"(?<![{PERSIAN_LETTER}]){alternation(q.words)}\s*(?:{_FILLER}\s*)?$"))
    for q in QUALIFIERS.qualifier
]


def _first_of(patterns: list[re.Pattern]) -> re.Pattern:
    """One pattern matching where any of ``patterns`` does; its ``lastgroup``, ``r<i>``, names
    the first of them that matches there."""
    return re.compile("|".join(f"(?P<r{i}>{p.pattern})" for i, p in enumerate(patterns)))


# The rules tried together at each place: one match instead of one a rule.
_EXCLUDE_BEFORE_ANY = _first_of([p for _, p in _EXCLUDE_BEFORE])
_QUALIFIER_ANY = _first_of([p for _, _, p in _QUALIFIER_RE])
# Each pattern above opens with a word of its rule: one scan for all rules' words finds the
# few places where any of them may match (see ruledata.WordPattern).
_EXCLUDE_BEFORE_STARTS = words_pattern([w for r in EXCLUSIONS.exclusion for w in r.before], PERSIAN_LETTER)
_QUALIFIER_STARTS = words_pattern([w for q in QUALIFIERS.qualifier for w in q.words], PERSIAN_LETTER)
_RANGE = alternation(QUALIFIERS.range_words)
_RANGE_TAIL = re.compile(rf"^\s*{_RANGE}\s*$")
_LIST_GAP = re.compile(rf"\s*(?:و|،|,|{_RANGE})\s*")  # between two numbers of a list or range
_LOOKBACK = 80
_COMPARED = ending_pattern(["از"], PERSIAN_LETTER)  # «از ۳۰ درصد …»
# The rest of the sentence, then a bound's words: «… نباید بیشتر باشد».
_BOUNDS = [
    (b.qualifier, re.compile(rf"[^.!?؟\n]{{0,200}}?(?<![{PERSIAN_LETTER}]){alternation(b.words)}{_END_OF_WORD}"))
    for b in QUALIFIERS.bound
]


@dataclass(slots=True)
class Quantity:
    """A number that counts something: what a fact is made of before attribution."""

    start: int  # evidence span: from the qualifier to the end of the unit noun
    end: int
    number: NumberMatch
    amount: Decimal
    unit: Unit
    noun: str  # the counted noun phrase as written (metric_phrase)
    unit_rule: str
    noun_metric: Metric | None = None
    qualifier: Qualifier = Qualifier.exact
    warnings: list[str] = field(default_factory=list)


def _excluded_before(text: str, num: NumberMatch) -> str | None:
    left = text[max(0, num.start - _LOOKBACK) : num.start]
    if starts := _EXCLUDE_BEFORE_STARTS.starts(left):
        if found := [int(m.lastgroup[1:]) for p in starts if (m := _EXCLUDE_BEFORE_ANY.match(left, p))]:
            return _EXCLUDE_BEFORE[min(found)][0]
    return None


def _qualifier_of(text: str, num: NumberMatch) -> tuple[Qualifier, int]:
    left = text[max(0, num.start - _LOOKBACK) : num.start]
    if starts := _QUALIFIER_STARTS.starts(left):
        # The first rule that matches, at its leftmost place (as its ``search`` would find it).
        if found := [(int(m.lastgroup[1:]), p) for p in starts if (m := _QUALIFIER_ANY.match(left, p))]:
            rule, p = min(found)
            return _QUALIFIER_RE[rule][1], num.start - (len(left) - p)
    return Qualifier.exact, num.start


def _counter_after(text: str, pos: int) -> tuple[str, int, str] | None:
    """(counter rule, end, noun) of the counter noun right after ``pos``."""
    m = _COUNTER_RE.match(text, pos)
    if not m:
        return None
    noun = m.group().strip(" (")
    name = _COUNTER_OF["".join(noun.split())]  # keyed without spaces: any spacing matches
    if name == "person-nafar":
        # «۴۲ هزار نفر زن سرپرست خانوار»: the people noun after «نفر» is the better phrase.
        more = _COUNTER_RE.match(text, m.end())
        if more and _COUNTER_OF.get("".join(more.group().split())) == "person-clients":
            return name, m.end(), noun + " " + more.group().strip()
    return name, m.end(), noun


def find_quantities(text: str, numbers: list[NumberMatch] | None = None) -> list[Quantity]:
    """Every number in ``text`` that counts something, with unit and qualifier."""
    numbers = find_numbers(text) if numbers is None else numbers
    out: list[Quantity] = []
    excluded_ends: set[int] = set()
    pending: list[NumberMatch] = []  # numbers without a unit: range starts, carried currency
    for num in numbers:
        if num.kind != "cardinal":
            continue
        if _joined_to(text, num, excluded_ends) or _excluded_before(text, num):
            excluded_ends.add(num.end)
            continue
        if num.text == "یک":  # the indefinite article, not a count
            continue
        if _SKIP_RE.match(text, num.end) or any(p.match(text, num.end) for _, p in _EXCLUDE_AFTER):
            excluded_ends.add(num.end)
            continue
        found = _counter_after(text, num.end)
        if found is None and (people := _PEOPLE_OF.match(text, num.end)):
            found = ("person-clients", num.end, people.group().strip())
        if found is None:
            pending.append(num)
            continue
        rule, end, noun = found
        counter = _COUNTERS[rule]
        qualifier, start = _qualifier_of(text, num)
        if qualifier is Qualifier.exact:
            qualifier = _bound_after(text, num, end)
        q = Quantity(start, end, num, num.value, counter.unit, noun, rule, counter.metric, qualifier)
        partners = _range_partners(text, q, pending)
        if partners and qualifier is Qualifier.at_most:
            q.qualifier = Qualifier.exact  # «تا» joined a range here; it is not «at most»
        out.extend(partners)
        out.append(q)
    out.extend(_carried_currency(text, pending, out))
    out.sort(key=lambda q: q.start)
    return out


def _bound_after(text: str, num: NumberMatch, end: int) -> Qualifier:
    """The qualifier a bound later in the sentence gives a number compared with «از» (see
    qualifiers.toml [[bound]]); exact when there is none."""
    if _COMPARED.search(text, max(0, num.start - 8), num.start):
        for qualifier, pattern in _BOUNDS:
            if pattern.match(text, end):
                return qualifier
    return Qualifier.exact


def _joined_to(text: str, num: NumberMatch, excluded_ends: set[int]) -> bool:
    """True when ``num`` continues a list or range whose previous number was excluded."""
    for end in excluded_ends:
        if 0 <= num.start - end <= 8 and _LIST_GAP.fullmatch(text, end, num.start):
            return True
    return False


def _range_partners(text: str, q: Quantity, pending: list[NumberMatch]) -> list[Quantity]:
    """«از 150 تا 400 هزار تومان»: the first number shares the second's unit and scale."""
    if not pending:
        return []
    first = pending[-1]
    between = text[first.end : q.number.start]
    if not _RANGE_TAIL.match(between):
        return []
    pending.pop()
    value = first.value
    if first.scale == 1 and q.number.scale > 1:
        value = first.unscaled * q.number.scale
    qualifier, start = _qualifier_of(text, first)
    return [Quantity(start, first.end, first, value, q.unit, q.noun, q.unit_rule + "+range", q.noun_metric, qualifier)]


def _carried_currency(text: str, pending: list[NumberMatch], quantities: list[Quantity]) -> list[Quantity]:
    """A scaled amount with no currency takes the currency of the nearest money in its clause."""
    money = [q for q in quantities if q.unit in MONEY_UNITS]
    out = []
    for num in pending:
        if num.scale < 1000 or not money:
            continue
        nearest = min(money, key=lambda q: abs(q.number.start - num.start))
        if abs(nearest.number.start - num.start) > 400 or "\n" in text[min(nearest.end, num.end) : max(nearest.start, num.start)]:
            continue
        qualifier, start = _qualifier_of(text, num)
        out.append(
            replace(
                nearest,
                start=start,
                end=num.end,
                number=num,
                amount=num.value,
                noun=nearest.noun,
                unit_rule=nearest.unit_rule + "+carried",
                qualifier=qualifier,
                warnings=[],
            )
        )
    return out
