"""The year a fact is about (RECORDS.md field `year`, and `year_from` for ranges).

Year expressions in a sentence: explicit years («سال ۱۴۰۲»، «سال ۹۷» = 1397، «فروردین ۱۴۰۵»),
ranges («از سال 1400 تا 1402»، «از سال ۹۵ تا کنون»), and relative words from
``rules/calendar.toml`` («امسال»، «سال گذشته») resolved against the publication year.
A fact takes the expression attached right after it («… ریال در سال 1400»), else the nearest
one before it in its clause, else the nearest after it in its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.dates import CALENDAR
from extract.ruledata import WordPattern, alternation

_YEAR = r"(1[34]\d\d|\d\d)(?!\d)"
_MONTH = alternation(CALENDAR.jalali_months + list(CALENDAR.jalali_month_variants))
_SINCE_NOW = r"(?:تا\s*کنون|تاکنون|تا\s*به\s*امروز|تا\s*امروز|به\s*بعد)"
_RANGE = re.compile(
    rf"از\s+(?:ابتدای\s+|اول\s+|نیمه\s*(?:ی|دوم|اول)?\s*(?:دوم|اول)?\s*)?(?:سال\s*|{_MONTH}\s*(?:ماه\s*)?(?:سال\s*)?)(?P<a>{_YEAR})"
    rf"\s*(?:تا\s+(?:پایان\s+)?(?:سال\s*)?(?P<b>1[34]\d\d|\d\d)(?!\d)|(?P<now>{_SINCE_NOW}))?"
)
_EXPLICIT = WordPattern(rf"(?:سال(?:های)?\s*|{_MONTH}\s*(?:ماه\s*)?){_YEAR}", "\u0600-\u06ff")
_RELATIVE_WORDS = CALENDAR.relative_years
_OFFSET = {"".join(word.split()): offset for word, offset in _RELATIVE_WORDS.items()}
_RELATIVE = WordPattern(
    rf"(?P<since>از\s+ابتدای\s+)?(?P<w>{alternation(_RELATIVE_WORDS)})(?![\u0600-\u06ff])", "\\d\u0600-\u06ff"
)
# «سه سال گذشته» is a duration and «نسبت به سال گذشته» a baseline, not the fact's year.
_NOT_RELATIVE_BEFORE = re.compile(r"(?:\d+|یک|دو|سه|چهار|پنج|چند|مدت مشابه|نسبت به|مقایسه با|درمقایسه با|در مقایسه با|مشابه)\s*$")


@dataclass(frozen=True, slots=True)
class YearMention:
    start: int
    end: int
    year: int | None  # None: relative word with no publication year to resolve it
    year_from: int | None = None


def _full(y: str) -> int:
    n = int(y)
    return n + 1300 if n < 100 else n


def find_years(text: str, start: int, end: int, publication_year: int | None) -> list[YearMention]:
    """Year expressions in ``text[start:end]``.

    >>> [(m.year, m.year_from) for m in find_years("از سال 1400 تا 1402 و سال ۹۷ و امسال", 0, 40, 1403)]
    [(1402, 1400), (1397, None), (1403, None)]
    """
    out: list[YearMention] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text, start, end):
        a = _full(m.group("a"))
        if m.group("b"):
            out.append(YearMention(m.start(), m.end(), _full(m.group("b")), a))
        elif m.group("now"):
            out.append(YearMention(m.start(), m.end(), publication_year, a))
        else:
            continue
        taken.append((m.start(), m.end()))
    for m in _EXPLICIT.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in taken):
            out.append(YearMention(m.start(), m.end(), _full(m.group(1))))
    for m in _RELATIVE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if _NOT_RELATIVE_BEFORE.search(text, max(start, m.start() - 20), m.start()):
            continue
        offset = _OFFSET["".join(m.group("w").split())]
        year = publication_year + offset if publication_year else None
        year_from = year if m.group("since") else None
        out.append(YearMention(m.start(), m.end(), year, year_from))
    out.sort(key=lambda y: y.start)
    return out


_TITLE_REPORT = re.compile(r"(?:عملکرد|کارنامه|گزارش|دستاورد|اهم)[^\n]{0,80}?سال\s*(1[34]\d\d)")


def title_year(title: str | None) -> int | None:
    """The year a performance-report title says it covers («عملکرد … در سال ۱۴۰۲»)."""
    if not title:
        return None
    m = _TITLE_REPORT.search(title)
    return int(m.group(1)) if m else None


def year_for(years: list[YearMention], q_start: int, q_end: int, text: str) -> YearMention | None:
    """The year expression that applies to the quantity at ``[q_start, q_end)``."""
    attached = [y for y in years if y.start >= q_end and len(text[q_end : y.start].split()) <= 3 and not _BREAK.search(text, q_end, y.start)]
    if attached:
        return attached[0]
    before = [y for y in years if y.end <= q_start]
    if before:
        return before[-1]
    after = [y for y in years if y.start >= q_end and not _BREAK.search(text, q_end, y.start)]
    return after[0] if after else None


# A year expression after a quantity applies to it only within the same clause.
_BREAK = re.compile(r"[،:؛]|(?<![\u0600-\u06ff])که(?![\u0600-\u06ff])")
