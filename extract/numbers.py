"""Every number in running Persian text, with its exact value and span.

Works on normalized text (extract/normalize.py). Words come from ``rules/numbers.toml``;
this module builds one master regex from them, once, and a small exact evaluator.

>>> [(m.text, str(m.value)) for m in find_numbers("2هزار و 80 میلیارد ریال و چهار هزار و 300 نفر")]
[('2هزار و 80 میلیارد', '2080000000000'), ('چهار هزار و 300', '4300')]
>>> parse_number("یک میلیون و دویست هزار")
Decimal('1200000')
>>> [(m.text, m.kind) for m in find_numbers("بیست و هشتمین استان در دولت سیزدهم")]
[('بیست و هشتمین', 'ordinal'), ('سیزدهم', 'ordinal')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extract.ruledata import Strict, alternation, load, matches_at
from extract.segments import PERSIAN_LETTER as _L


class NumberWords(Strict):
    joiner: str
    half: str
    ordinal_suffixes: list[str]
    glued_units: list[str]
    irregular_ordinal_bases: list[str]
    atoms: dict[str, int]
    scales: dict[str, int]
    ordinal_words: dict[str, int]


WORDS = load("numbers", NumberWords)

_ATOM_WORDS = alternation(WORDS.atoms, flexible_space=False)
_SCALE_WORDS = alternation(WORDS.scales, flexible_space=False)
_SUFFIX = alternation(WORDS.ordinal_suffixes, flexible_space=False)
_GLUED = alternation(WORDS.glued_units, flexible_space=False)
_FIRST_LETTERS = "".join(sorted({w[0] for w in list(WORDS.atoms) + list(WORDS.ordinal_words) + list(WORDS.scales)}))
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 573,986,558,509
    r"|\d{1,3}(?:،\d{3})+(?!\d)"  # 1،250
    r"|\d{1,3}(?:[/.]\d{3}){2,}(?!\d)"  # 5/600/000/000, 6.400.000
    r"|\d+(?:[./]\d+)?"  # 2/5, 11.5, 18
)
# Each position is first checked for a digit or a first letter of a number word: most
# characters of a text fail there, before any alternative is tried.
_TOKEN = re.compile(
    rf"(?=[\d{_FIRST_LETTERS}])(?:"
    rf"(?=\d)(?:"
    rf"(?P<date>(?<!\d)\d{{1,4}}([/.-])\d{{1,2}}\2\d{{1,4}}(?!\d))"
    rf"|(?P<time>(?<!\d)\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?!\d))"
    rf"|(?P<num>{_DIGITS}))"
    rf"|(?P<ordw>(?<![{_L}])(?:{alternation(WORDS.ordinal_words, flexible_space=False)})(?![{_L}]))"
    rf"|(?P<word>(?:(?<![{_L}])|(?<=\sو))(?:{_ATOM_WORDS}))"
    rf"|(?P<scale>{_SCALE_WORDS}))"
)
# Where a token may start, found by scans that skip to their first letters at C speed (the
# pattern above is tried at every character): a digit run, a number word, a scale word. Scale
# words get their own scan: one may stand glued inside a number word («هفتمیلیون»).
_DIGIT_RUN = re.compile(r"\d+")
_WORD_SCAN = re.compile(alternation([*WORDS.atoms, *WORDS.ordinal_words], flexible_space=False))
_SCALE_SCAN = re.compile(_SCALE_WORDS)
_GLUED_ORDINAL = re.compile(rf"(?:{alternation([w for w in WORDS.ordinal_words if w.startswith('س')], flexible_space=False)})(?![{_L}])")
_ORDINAL_AFTER = re.compile(rf"(?:{_SUFFIX})(?![{_L}])")
_WORD_END = re.compile(rf"(?![{_L}])")
_LETTER = re.compile(rf"[{_L}]")
_SCALE_AT = re.compile(_SCALE_WORDS)
_SCALE_FOLLOW = re.compile(rf"(?![{_L}])|(?={_GLUED})")
_GAP_JOIN = re.compile(rf"\s*{WORDS.joiner}\s*")
_GAP_SPACE = re.compile(r"\s*")
_HALF = re.compile(rf"\s*{WORDS.joiner}\s*{WORDS.half}(?![{_L}])")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int  # half-open span into the text passed in
    end: int
    text: str
    value: Decimal  # exact value, every scale word applied
    kind: str  # "cardinal" | "ordinal" | "date" | "time" | "fraction"
    scale: Decimal  # multiplier of the scale word the number ends with, 1 if none
    unscaled: Decimal  # value / scale


@dataclass(slots=True)
class _Tok:
    kind: str  # num | word | scale | ordinal
    start: int
    end: int
    value: Decimal


_GROUPED = re.compile(r"\d{1,3}(?:[/.]\d{3}){2,}")  # 5/600/000/000, 6.400.000


def _digits_value(s: str) -> Decimal:
    if "," in s or "،" in s:
        return Decimal(s.replace(",", "").replace("،", ""))
    if _GROUPED.fullmatch(s):
        return Decimal(s.replace("/", "").replace(".", ""))
    return Decimal(s.replace("/", "."))


def _tokens(text: str) -> list[_Tok | tuple[str, int, int]]:
    """Number tokens in order; dates and times come as (kind, start, end)."""
    out: list = []
    for m in matches_at(_TOKEN, text, _token_starts(text)):
        kind = m.lastgroup
        if kind in ("date", "time"):
            out.append((kind, m.start(), m.end()))
        elif kind == "num":
            out.append(_Tok("num", m.start(), m.end(), _digits_value(m.group())))
        elif kind == "ordw":
            out.append(_Tok("ordinal", m.start(), m.end(), Decimal(WORDS.ordinal_words[m.group()])))
        elif kind == "word":
            end = m.end()
            if fraction := _GLUED_ORDINAL.match(text, end):  # «یکسوم»
                out.append(_Tok("fraction", m.start(), fraction.end(), Decimal(WORDS.atoms[m.group()])))
            elif (
                _WORD_END.match(text, end)
                or _SCALE_AT.match(text, end)
                or (_ORDINAL_AFTER.match(text, end) and m.group() not in WORDS.irregular_ordinal_bases)
            ):
                out.append(_Tok("word", m.start(), end, Decimal(WORDS.atoms[m.group()])))
        else:  # scale: a word of its own, or glued to a number before it
            glued = m.start() > 0 and (text[m.start() - 1].isdigit() or (out and isinstance(out[-1], _Tok) and out[-1].end == m.start()))
            free = m.start() == 0 or not _LETTER.match(text, m.start() - 1)
            if (glued or free) and _SCALE_FOLLOW.match(text, m.end()):
                out.append(_Tok("scale", m.start(), m.end(), Decimal(10) ** WORDS.scales[m.group()]))
    return out


def _token_starts(text: str) -> list[int]:
    """Sorted offsets holding every place where ``_TOKEN`` may match."""
    starts = [m.start() for m in _DIGIT_RUN.finditer(text)]
    starts += [m.start() for m in _WORD_SCAN.finditer(text)]
    starts += [m.start() for m in _SCALE_SCAN.finditer(text)]
    starts.sort()
    return starts


def _joinable(text: str, prev: _Tok, tok: _Tok, has_scale: bool) -> bool:
    """May ``tok`` continue the number that ``prev`` ends?"""
    gap = text[prev.end : tok.start]
    joined = _GAP_JOIN.fullmatch(gap) is not None
    spaced = _GAP_SPACE.fullmatch(gap) is not None
    if tok.kind in ("ordinal", "fraction"):
        return False
    if tok.kind == "scale":
        return spaced  # «۲ هزار», «2هزار», «هزار میلیارد»
    if prev.kind == "scale":
        return joined or (spaced and tok.kind == "num" and gap != "")  # «هزار و ۸۶۶», «۲ هزار ۷۶۷»
    if not joined:
        return False
    if prev.kind == "word" and tok.kind == "word":
        return tok.value < _place(prev.value)  # «دویست و شصت و چهار»
    return has_scale and prev.kind == "word"  # «یک میلیون و دویست و 5» (rare mixed)


def _place(v: Decimal) -> Decimal:
    """The smallest place a word group leaves free: «صد» leaves tens, «بیست» units."""
    if v >= 100:
        return Decimal(100)
    if v >= 20:
        return Decimal(10)
    return Decimal(1)


def _evaluate(group: list[_Tok]) -> tuple[Decimal, Decimal]:
    """(value, final scale) of a token group, e.g. «2 هزار و 80 میلیارد»."""
    total = current = Decimal(0)
    largest = Decimal(0)
    last_scale = Decimal(1)
    prev = None
    for tok in group:
        if tok.kind == "scale":
            s = tok.value
            if current == 0 and prev != "scale":
                current = Decimal(1)  # a bare «هزار» is a thousand
            if total and largest < s:
                total = (total + current) * s
            else:
                total += current * s
            largest = max(largest, s)
            current = Decimal(0)
            last_scale = s
        elif tok.kind == "half":
            current += Decimal("0.5")
        else:
            current += tok.value
            last_scale = Decimal(1)
        prev = tok.kind
    value = total + current
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return value, (last_scale if group[-1].kind == "scale" else Decimal(1))


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text``: longest match, in order, non-overlapping."""
    out: list[NumberMatch] = []
    toks = _tokens(text)
    i = 0
    while i < len(toks):
        tok = toks[i]
        if isinstance(tok, tuple):
            kind, a, b = tok
            out.append(NumberMatch(a, b, text[a:b], Decimal(0), kind, Decimal(1), Decimal(0)))
            i += 1
            continue
        if tok.kind in ("ordinal", "fraction"):
            out.append(NumberMatch(tok.start, tok.end, text[tok.start : tok.end], tok.value, tok.kind, Decimal(1), tok.value))
            i += 1
            continue
        group = [tok]
        has_scale = tok.kind == "scale"
        j = i + 1
        while j < len(toks) and isinstance(toks[j], _Tok) and _joinable(text, group[-1], toks[j], has_scale):
            group.append(toks[j])
            has_scale = has_scale or toks[j].kind == "scale"
            j += 1
        end = group[-1].end
        half = _HALF.match(text, end)
        if half and group[-1].kind != "scale":
            group.append(_Tok("half", end, half.end(), Decimal("0.5")))
            end = half.end()
            if j < len(toks) and isinstance(toks[j], _Tok) and toks[j].kind == "scale" and _GAP_SPACE.fullmatch(text[end : toks[j].start]):
                group.append(toks[j])
                end = toks[j].end
                j += 1
        value, scale = _evaluate(group)
        kind = "cardinal"
        last_word = text[group[-1].start : group[-1].end]
        suffix = _ORDINAL_AFTER.match(text, end) if last_word not in WORDS.irregular_ordinal_bases else None
        if group[-1].kind in ("word", "num") and suffix:
            kind, end = "ordinal", suffix.end()
        elif j < len(toks) and isinstance(toks[j], _Tok) and toks[j].kind == "ordinal" and value <= 10 and _GAP_SPACE.fullmatch(text[end : toks[j].start]) and toks[j].value > 2:
            kind, end = "fraction", toks[j].end  # «یک سوم»
            j += 1
        out.append(NumberMatch(group[0].start, end, text[group[0].start : end], value, kind, scale, value / scale))
        i = j
    return out


def parse_number(text: str) -> Decimal | None:
    """The value of ``text`` when the whole of it is one cardinal number, else None.

    >>> parse_number("۱۷۴ میلیارد و ۹۳۰ میلیون") is None  # not normalized: digits must be ASCII
    False
    >>> parse_number("سه هزار نفر") is None
    True
    """
    stripped = text.strip()
    found = find_numbers(stripped)
    if len(found) == 1 and found[0].kind == "cardinal" and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].value
    return None
