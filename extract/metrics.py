"""Which metric a quantity belongs to, decided by the rules in ``rules/metrics.toml``.

The policy, in one place (:func:`best_cue`): a counter noun that implies a metric wins; else
the cue inside the quantity's own segment beats one elsewhere in the sentence, the higher
priority beats the lower, the nearer cue breaks ties, and then the rule listed first; else
the unit's default. A rule with a ``role`` counts only people in that role in their clause: a
donors cue does not make the children helped («به ۴ هزار کودک») donors. A rule with
``predicate_words`` ranks one priority lower where its cue only describes the people and
another rule's cue says what happened to them («مددجوی تحت پوشش … به اردو اعزام شدند»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from extract.quantities import PERSIAN_LETTER, Quantity
from extract.ruledata import Strict, alternation, ending_pattern, load, matches_at, words_pattern
from extract.segments import CLAUSE_OR_COMMA, words_between
from schemas.models import MONEY_UNITS, Metric, Unit


class MetricRule(Strict):
    name: str
    metric: Metric
    units: list[Unit]
    cues: list[str]
    side: str = "any"
    window: int | None = None
    max_rial: int | None = None
    min_rial: int | None = None
    priority: int = 0
    role: Literal["any", "agent", "recipient"] = "any"
    not_in: list[str] = []
    predicate_words: list[str] = []
    examples: list[tuple[str, str, str]] = []
    counter_examples: list[tuple[str, str]] = []


class Roles(Strict):
    recipient_before: list[str]
    not_recipient_before: list[str]
    not_recipient_after: list[str]
    object_after: list[str]


class MetricRules(Strict):
    roles: Roles
    defaults: dict[Unit, Metric]
    rule: list[MetricRule]


RULES = load("metrics", MetricRules)
# A cue is a word: it may take a plural or adjective suffix but not run into a longer word
# («بیشتر» is not «بیشترین»).
_END = rf"(?:ها|های|ی|ان)?(?![{PERSIAN_LETTER}])"


def _cue_pattern(cues: list[str]) -> re.Pattern:
    """One word cues take ``_END``; phrases match as written. A kind a rule lacks becomes «\\x00»,
    which news text never holds: an empty alternative would match everywhere."""
    words = [c for c in cues if " " not in c] or ["\x00"]
    phrases = [c for c in cues if " " in c] or ["\x00"]
    return re.compile(rf"(?<![{PERSIAN_LETTER}])(?:{alternation(words)}{_END}|{alternation(phrases)})")


_CUE_RE = {r.name: _cue_pattern(r.cues) for r in RULES.rule}
# Where a cue of any rule starts: one scan of the sentence finds the few positions at which
# each rule's own pattern is then tried, instead of every rule scanning the whole sentence.
_CUE_START = words_pattern([c for r in RULES.rule for c in r.cues], PERSIAN_LETTER)
_NOT_IN_RE = {r.name: re.compile(alternation(r.not_in)) for r in RULES.rule if r.not_in}
_PREDICATE_RE = {
    r.name: re.compile(rf"(?<![{PERSIAN_LETTER}]){alternation(r.predicate_words)}(?![{PERSIAN_LETTER}])")
    for r in RULES.rule
    if r.predicate_words
}
_BY_UNIT: dict[Unit, list[MetricRule]] = {u: [r for r in RULES.rule if u in r.units] for u in Unit}


def in_rial(q: Quantity) -> Decimal:
    return q.amount * 10 if q.unit is Unit.toman else q.amount


@dataclass(frozen=True, slots=True)
class Choice:
    metric: Metric
    rule: str
    rank: tuple  # lower is better: (tier, -priority, distance)


_NOT_LETTER = rf"(?![{PERSIAN_LETTER}])"
_WORDS_THEN = rf"(?:\s+[{PERSIAN_LETTER}]+){{0,2}}?\s+"  # up to two words, then …
_RECIPIENT_BEFORE = ending_pattern(RULES.roles.recipient_before, PERSIAN_LETTER)
_NOT_RECIPIENT_BEFORE = ending_pattern(RULES.roles.not_recipient_before, PERSIAN_LETTER)
_RECIPIENT_REACH = max(map(len, RULES.roles.recipient_before + RULES.roles.not_recipient_before)) + 3  # words and spaces
_NOT_RECIPIENT_AFTER = re.compile(_WORDS_THEN + alternation(RULES.roles.not_recipient_after) + _NOT_LETTER)
_OBJECT_AFTER = re.compile(_WORDS_THEN + f"(?P<marker>{alternation(RULES.roles.object_after)})" + _NOT_LETTER)
# Words after which a cue names what is counted: «تعداد حامیان … ۱۰۲ نفر» before the figure,
# «۱۷۴ هزار نفر … به عنوان حامی» after it.
# (No look-behind or groups: the pattern opens with its bare words, so the engine skips to them
# at C speed; whether a word starts there, and which word it is, is checked after.)
_NAMING = re.compile(r"(?:تعداد|به\s*عنوان)\s*")
_LETTER = re.compile(f"[{PERSIAN_LETTER}]")
# Units some rule with a role counts: only their quantities' roles are looked at.
_ROLE_UNITS = {u for r in RULES.rule if r.role != "any" for u in r.units}


def _role(text: str, q: Quantity) -> tuple[str, int]:
    """The role of the people ``q`` counts in its clause (rules/metrics.toml [roles]), and the
    end of their noun phrase (the object marker for an object)."""
    before = max(0, q.start - _RECIPIENT_REACH)
    if (
        _RECIPIENT_BEFORE.search(text, before, q.start)
        and not _NOT_RECIPIENT_BEFORE.search(text, before, q.start)
        and not _NOT_RECIPIENT_AFTER.match(text, q.end)
    ):
        return "recipient", q.end
    if m := _OBJECT_AFTER.match(text, q.end):
        return "object", m.start("marker")
    return "agent", q.end


def _applies(rule: MetricRule, q: Quantity) -> bool:
    if q.unit in MONEY_UNITS:
        rial = in_rial(q)
        if rule.max_rial is not None and rial > rule.max_rial:
            return False
        if rule.min_rial is not None and rial < rule.min_rial:
            return False
    return True


def _rules_by_prefix() -> dict[str, set[str]]:
    """The rules whose cues begin with each prefix (up to three characters) of a cue's first word.

    A cue's first word stands whole in the text where it matches (only the spaces between its
    words are flexible), so a rule may match only where the text starts with such a prefix.
    """
    table: dict[str, set[str]] = {}
    for r in RULES.rule:
        for cue in r.cues:
            first = cue.split()[0]
            table.setdefault(first[:3], set()).add(r.name)
    return table


_RULES_BY_PREFIX = _rules_by_prefix()


@lru_cache(maxsize=4096)  # the heads of cue words: a small set
def _rules_at(head: str) -> tuple[str, ...]:
    """The rules that may match where the text goes on with ``head`` (three characters)."""
    return tuple({rule for k in (1, 2, 3) for rule in _RULES_BY_PREFIX.get(head[:k], ())})


class SentenceCues:
    """The cues of every rule in one sentence, found once and shared by its quantities."""

    def __init__(self, text: str, sentence: tuple[int, int]):
        self.text, (self.start, self.end) = text, sentence
        # where a cue of some rule begins; each rule's pattern is tried only at the starts
        # whose first characters begin one of its cues
        self.starts: dict[str, list[int]] = {}
        for p in _CUE_START.starts(text, *sentence):
            for rule in _rules_at(text[p : p + 3]):
                self.starts.setdefault(rule, []).append(p)
        self._spans: dict[str, list[tuple[int, int]]] = {}
        # cue starts right after a naming word, with the side of the figure it names from
        self.naming = {
            m.end(): "before" if text[m.start()] == "ت" else "after"
            for m in _NAMING.finditer(text, *sentence)
            if not (m.start() and _LETTER.match(text, m.start() - 1))
        }

    def spans(self, rule: str) -> list[tuple[int, int]]:
        """The spans of ``rule``'s cues in the sentence, as ``finditer`` would give them, but for
        those inside one of the rule's ``not_in`` phrases."""
        found = self._spans.get(rule)
        if found is None:
            starts = self.starts.get(rule, [])
            found = [m.span() for m in matches_at(_CUE_RE[rule], self.text, starts, self.end)]
            if found and rule in _NOT_IN_RE:
                found = _outside(found, _NOT_IN_RE[rule], self.text, (self.start, self.end))
            self._spans[rule] = found
        return found


def _outside(spans: list[tuple[int, int]], phrases: re.Pattern, text: str, within: tuple[int, int]) -> list[tuple[int, int]]:
    """The ``spans`` that no match of ``phrases`` in ``text[within]`` holds."""
    held = [m.span() for m in phrases.finditer(text, *within)]
    return [(a, b) for a, b in spans if not any(s <= a and b <= e for s, e in held)]


def _describes(text: str, rule: MetricRule, span: tuple[int, int], found: list, sentence: tuple[int, int]) -> bool:
    """Whether the cue at ``span`` only describes the people («۷۰۰ مددجوی تحت پوشش این نهاد به
    اردو اعزام شدند»): another rule's cue stands in its clause, and none of the rule's
    predicate words follows it before that cue or the clause's end."""
    start, end = span
    clause_start = max((m.end() for m in CLAUSE_OR_COMMA.finditer(text, sentence[0], start)), default=sentence[0])
    clause_end = m.start() if (m := CLAUSE_OR_COMMA.search(text, end, sentence[1])) else sentence[1]
    others = [s for r, spans in found if r is not rule for s, e in spans if clause_start <= s and e <= clause_end]
    if not others:
        return False
    later = [s for s in others if s >= end]
    return not _PREDICATE_RE[rule.name].search(text, end, min(later, default=clause_end))


def best_cue(text: str, q: Quantity, segment: tuple[int, int], cues: SentenceCues) -> Choice:
    """The metric of ``q`` (see the module docstring for the policy), from the cues of its
    sentence."""
    if q.noun_metric is not None:
        return Choice(q.noun_metric, q.unit_rule, (-1, 0, 0))
    best: Choice | None = None
    role, phrase_end = _role(text, q) if q.unit in _ROLE_UNITS else ("agent", q.end)
    found = [(rule, spans) for rule in _BY_UNIT[q.unit] if (spans := cues.spans(rule.name)) and _applies(rule, q)]
    for rule, spans in found:
        for start, end in spans:
            # a cue inside the counted noun phrase names the people themselves: their role is the rule's
            if rule.role != "any" and role != rule.role and not q.end <= start < phrase_end:
                continue
            if end <= q.start:
                side = "before"
                distance = 0 if cues.naming.get(start) == side else words_between(text, end, q.start)
            elif start >= q.end:
                side = "after"
                distance = 0 if cues.naming.get(start) == side else words_between(text, q.end, start)
            elif start < q.number.start:
                continue  # the qualifier's own word («کمتر از») is not a cue
            else:
                side, distance = "inside", 0
            if rule.side not in ("any", side) and side != "inside":
                continue
            if rule.window is not None and distance > rule.window:
                continue
            tier = 0 if segment[0] <= start and end <= segment[1] else 1
            priority = rule.priority
            if not tier and rule.name in _PREDICATE_RE and _describes(text, rule, (start, end), found, (cues.start, cues.end)):
                priority -= 1
            rank = (tier, -priority, distance)
            if best is None or rank < best.rank:
                best = Choice(rule.metric, rule.name, rank)
    if best is None:
        return Choice(RULES.defaults[q.unit], f"default-{q.unit.value}", (9, 0, 0))
    return best
