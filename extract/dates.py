"""Dates in article text: every date span (so numbers inside it are not facts), the
publication date, and Jalali years.

Works on normalized text (ASCII digits). Calendar words live in ``rules/calendar.toml``;
calendar arithmetic is jdatetime's.

>>> find_publication_date("تاریخ انتشار: ۱۷ تیر ۱۳۹۸ - ۱۰:۱۸\\nمتن خبر").isoformat()
'1398-04-17'
>>> find_publication_date(" date 2025-12-31 مدیرکل بهزیستی").isoformat()
'1404-10-10'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

import jdatetime

from extract.ruledata import Strict, alternation, load


class Calendar(Strict):
    jalali_months: list[str]
    gregorian_months: list[str]
    english_months: list[str]
    publication_labels: list[str]
    today_labels: list[str]
    jalali_month_variants: dict[str, str] = {}
    gregorian_month_variants: dict[str, str] = {}
    relative_years: dict[str, int] = {}


CALENDAR = load("calendar", Calendar)


def _month_table() -> dict[str, tuple[str, int]]:
    """Surface month word -> (calendar, month number)."""
    table: dict[str, tuple[str, int]] = {}
    for i, name in enumerate(CALENDAR.jalali_months, 1):
        table[name] = ("jalali", i)
    for variant, name in CALENDAR.jalali_month_variants.items():
        table[variant] = ("jalali", CALENDAR.jalali_months.index(name) + 1)
    for i, name in enumerate(CALENDAR.gregorian_months, 1):
        table[name] = ("gregorian", i)
    for variant, name in CALENDAR.gregorian_month_variants.items():
        table[variant] = ("gregorian", CALENDAR.gregorian_months.index(name) + 1)
    for i, name in enumerate(CALENDAR.english_months, 1):
        table[name] = ("gregorian", i)
        table[name[:3]] = ("gregorian", i)
    return table


_MONTHS = _month_table()
_MONTH = alternation(_MONTHS, flexible_space=False)
_SEP = r"\s*[,،]?\s*"
_NOT_DIGIT_BEFORE = r"(?<![\d/.-])"
_NOT_DIGIT_AFTER = r"(?![\d/])"
_DATE = re.compile(
    "|".join(
        [
            # 12 اردیبهشت 1403, 5 سپتامبر 2021, 1 May , 2024, ۲۰ مهر ماه ۱۴۰۰
            rf"{_NOT_DIGIT_BEFORE}(?P<d1>\d{{1,2}})\s*(?P<m1>{_MONTH})(?:\s*ماه)?{_SEP}(?P<y1>\d{{4}}|\d{{2}}){_NOT_DIGIT_AFTER}",
            # May 1, 2024
            rf"(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_SEP}(?P<y2>\d{{4}}){_NOT_DIGIT_AFTER}",
            # 1402/12/02, 2025-12-31
            rf"{_NOT_DIGIT_BEFORE}(?P<y3>(?:1[34]|19|20)\d\d)(?P<s3>[/.-])(?P<m3>\d{{1,2}})(?P=s3)(?P<d3>\d{{1,2}}){_NOT_DIGIT_AFTER}",
            # 30.04.1401, 25-08-1400
            rf"{_NOT_DIGIT_BEFORE}(?P<d4>\d{{1,2}})(?P<s4>[/.-])(?P<m4>\d{{1,2}})(?P=s4)(?P<y4>(?:1[34]|19|20)\d\d){_NOT_DIGIT_AFTER}",
        ]
    ),
    re.IGNORECASE,
)
_DIGIT_RUN = re.compile(r"\d+")
_LABEL = re.compile(alternation(CALENDAR.publication_labels) + r"\s*:?")
_TODAY = re.compile(alternation(CALENDAR.today_labels) + r"\s*:?")
_ISO_PREFIX = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    day: jdatetime.date  # the date, in the Jalali calendar


def _to_jalali(cal: str, y: int, m: int, d: int) -> jdatetime.date | None:
    try:
        if cal == "jalali":
            if y < 100:
                y += 1300
            return jdatetime.date(y, m, d)
        if y < 100:
            return None
        return jdatetime.date.fromgregorian(date=date(y, m, d))
    except (ValueError, OverflowError):
        return None


def _numeric_calendar(year: int) -> str:
    return "jalali" if year < 1700 else "gregorian"


def _parse(m: re.Match) -> jdatetime.date | None:
    g = m.groupdict()
    if g["d1"]:
        cal, month = _MONTHS[g["m1"].lower()]
        return _to_jalali(cal, int(g["y1"]), month, int(g["d1"]))
    if g["m2"]:
        cal, month = _MONTHS[g["m2"].lower()]
        return _to_jalali(cal, int(g["y2"]), month, int(g["d2"]))
    if g["y3"]:
        y = int(g["y3"])
        return _to_jalali(_numeric_calendar(y), y, int(g["m3"]), int(g["d3"]))
    y = int(g["y4"])
    return _to_jalali(_numeric_calendar(y), y, int(g["m4"]), int(g["d4"]))


_SEPARATED = re.compile(r"[/.-]\d")
_MONTH_AFTER = re.compile(rf"\s*(?:{_MONTH})", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"(?:{_MONTH})\Z", re.IGNORECASE)
_LONGEST_MONTH = max(map(len, _MONTHS))


def _may_open_date(text: str, run: re.Match) -> bool:
    """Whether the digit run ``run`` may be the first of a date: every date pattern has such a
    run, followed by a separator and a digit, or by a month, or following a month and space."""
    if _SEPARATED.match(text, run.end()) or _MONTH_AFTER.match(text, run.end()):
        return True
    j = run.start()
    while j and text[j - 1].isspace():
        j -= 1
    return j < run.start() and _MONTH_BEFORE.search(text, max(0, j - _LONGEST_MONTH), j) is not None


def find_dates(text: str) -> list[DateMatch]:
    """Every full date in ``text`` (day, month and year), as Jalali dates.

    >>> [(m.start, m.end, m.day.isoformat()) for m in find_dates("از 30.04.1401 تا ۵ سپتامبر ۲۰۲۱")]
    [(3, 13, '1401-04-30'), (17, 31, '1400-06-14')]
    """
    out: list[DateMatch] = []
    covered = -1
    runs = list(_DIGIT_RUN.finditer(text))
    anchors = [r.start() for r in runs if _may_open_date(text, r)]
    # Every date holds a digit run: look for dates only in a small window around each run,
    # which is far cheaper than scanning all text with the month alternation; and only in
    # windows holding a run that may open a date (most numbers are not next to a month).
    for run in runs:
        if run.start() < covered:
            continue
        lo = max(0, run.start() - 14)
        k = bisect_left(anchors, lo)
        if k == len(anchors) or anchors[k] >= run.end() + 30:
            continue
        for m in _DATE.finditer(text, lo, min(len(text), run.end() + 30)):
            if m.start() > run.end() or m.end() <= covered or m.end() < run.start():
                continue
            day = _parse(m)
            if day is not None:
                out.append(DateMatch(m.start(), m.end(), day))
                covered = m.end()
            break
    return out


def parse_date(value: str | None) -> jdatetime.date | None:
    """Parse one date string as found in metadata (ISO, Jalali text or numeric).

    >>> parse_date("2024-02-21T10:36:00+03:30").isoformat()
    '1402-12-02'
    >>> parse_date("۲ اسفند ۱۴۰۲ - ۱۰:۳۶").isoformat()
    '1402-12-02'
    >>> parse_date("no date") is None
    True
    """
    if not value:
        return None
    from extract.normalize import normalize

    found = find_dates(normalize(value).text)
    return found[0].day if found else None


def find_publication_date(text: str, dates: list[DateMatch] | None = None) -> jdatetime.date | None:
    """The article's publication date, found in its normalized text.

    In order: a leading ``date YYYY-MM-DD`` line (archive exports); a date labelled as
    publication («تاریخ انتشار: …»); a date standing on a short line of its own, or ending one,
    that is not labelled as today's date in a page header. None when nothing qualifies.
    """
    iso = _ISO_PREFIX.match(text)
    if iso and (found := parse_date(iso.group(1))):
        return found
    dates = find_dates(text) if dates is None else dates
    if not dates:
        return None
    for d in dates:
        line_start = text.rfind("\n", 0, d.start) + 1
        if _LABEL.search(text, line_start, d.start) and not _TODAY.search(text, line_start, d.start):
            return d.day
    for d in dates:
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start : d.start]
        after = text[d.end : line_end]
        if _TODAY.search(before):
            continue
        short_line = line_end - line_start <= 60
        ends_line = len(after.strip(" -|:0123456789")) == 0
        if short_line or ends_line:
            return d.day
    return None
