"""One article in, its facts out: quantities attributed to metric, speaker, province and year.

>>> facts = extract_text("مدیرکل بهزیستی استان زنجان گفت: ۳۰ هزار و ۶۰۶ خانوار تحت پوشش بهزیستی هستند.")
>>> [(str(f.amount), f.unit.value, f.metric.value, f.province.value) for f in facts]
[('30606', 'household', 'people_covered', 'zanjan')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import jdatetime

from extract.dates import find_dates, find_publication_date, parse_date
from extract.metrics import Choice, SentenceCues, best_cue
from extract.normalize import Normalized, normalize
from extract.numbers import find_numbers
from extract.places import find_national_cues, find_places
from extract.quantities import Quantity, find_quantities
from extract.ruledata import Strict, load
from extract.segments import CLAUSE_BREAK, COMMA, SentenceIndex, sentence_spans
from extract.speakers import _OPENER_RE, SpeakerTracker
from extract.years import find_years, title_year, year_for
from schemas.models import Fact, Mention, Metric, Qualifier, Unit

# A web address: «http…», «www.…», or a word with a domain ending, to the end of its word.
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:ir|com|org|net)\b\S*")
# What every address holds; the pattern opens with literals, so the engine skips to it at C speed.
_URL_HINT = re.compile(r"https?://|www\.|\.(?:ir|com|org|net)\b")
_WORD_REST = re.compile(r"\S*")
_GENERIC_PROVINCE = re.compile(r"(?<![\u0600-\u06ff])(?:این\s+)?استان(?![\u0600-\u06ff])(?!\s*(?:ها|های))")
_ANAPHORA = re.compile(r"(?:از\s+)?(?:این|آن)\s+(?:تعداد|میزان|مبلغ|رقم)")
_RIGHT_STOP = re.compile(r"،|:|؛|\sکه\s")
_REPORTING = re.compile(r"به\s+گزارش[^،؛:\n]{0,60}")
_DATELINE = re.compile(r"^\s*([^\n\-|:]{2,30}?)\s*[-|:–]", re.MULTILINE)


class Plausibility(Strict):
    max: dict[Unit, int]
    examples: list[tuple[str, str, str]] = []


PLAUSIBLE = load("plausibility", Plausibility)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What extraction found about an article besides its facts."""

    normalized: Normalized
    title: str | None
    published: jdatetime.date | None


def extract_text(text: str, *, title: str | None = None, published: str | None = None) -> list[Fact]:
    """The facts of one article's text (an empty list when it states none)."""
    return extract_article(text, title=title, published=published)[1]


def extract_article(text: str, *, title: str | None = None, published: str | None = None) -> tuple[ArticleText, list[Fact]]:
    """Extract facts, and return with them the normalized text, title and publication date."""
    norm = normalize(text)
    t = norm.text
    sentences = sentence_spans(t)
    title = normalize(title).text.strip() if title else _first_line_title(t)
    dates = find_dates(t)
    pub = parse_date(published) or find_publication_date(t, dates)
    pub_year = pub.year if pub else None
    blocked = [(d.start, d.end) for d in dates] + url_spans(t)
    numbers = [n for n in find_numbers(t) if not any(a <= n.start < b for a, b in blocked)]
    quantities = find_quantities(t, numbers)
    if not quantities:
        return ArticleText(norm, title, pub), []

    tracker = SpeakerTracker(t)
    for s, e in sentences:
        tracker.read_sentence(s, e)
    places = [p for p in find_places(t) if not p.agency]
    # A place in the reporting clause («به گزارش صدا و سیمای یزد …») locates the newsroom, not
    # the fact: it counts for the article's province only.
    reporting = [(m.start(), m.end()) for m in _REPORTING.finditer(t)]
    fact_places = [p for p in places if not any(a <= p.start < b for a, b in reporting)]
    nationals = find_national_cues(t)
    article_province = _article_province(t, places, tracker, title)
    report_year = title_year(title)

    by_sentence: dict[int, list[Quantity]] = {}
    index = SentenceIndex(sentences)
    for q in quantities:
        if (idx := index.of(q.start)) is not None:
            by_sentence.setdefault(idx, []).append(q)

    drafts: list[_Draft] = []
    antecedent = None  # the province of the last figure that named its place, in any sentence
    for idx, qs in by_sentence.items():
        s, e = sentences[idx]
        opener = _OPENER_RE.match(t, s)
        body_start = opener.end() if opener else s
        years = find_years(t, s, e, pub_year)
        cues = SentenceCues(t, (s, e))
        previous_province = None
        for i, q in enumerate(qs):
            left = max(body_start, qs[i - 1].end if i else s)
            clause = [m.end() for m in CLAUSE_BREAK.finditer(t, left, q.start)]
            left = max([left] + clause)
            right = qs[i + 1].start if i + 1 < len(qs) else e
            # The words after the figure before, up to a comma, are that figure's clause
            # («… از مستمری بهره مند می شوند، ۵ هزار خانواده نیز … استفاده می کنند»).
            own = max([left] + [m.end() for m in COMMA.finditer(t, left, q.start)]) if i else left
            choice = best_cue(t, q, (own, right), cues)
            if choice.rank[0] > 0 and _ANAPHORA.search(t, left, q.start):
                choice = _referred_choice(drafts, q) or choice
            stop = _RIGHT_STOP.search(t, q.end, right)
            place_right = stop.start() if stop else right
            speaker = tracker.speaker_at(q.start)
            province = _province(t, (left, place_right), fact_places, nationals, speaker, article_province, previous_province, antecedent)
            if _explicit(province, (left, place_right), fact_places):
                previous_province = antecedent = province
            year = year_for(years, q.start, q.end, t)
            drafts.append(_Draft(q, choice, province, year.year if year else None, year.year_from if year else None,
                                 speaker.name if speaker else None, speaker.title if speaker else None, (s, e)))
    facts = _merge(drafts, norm, report_year)
    return ArticleText(norm, title, pub), facts


@dataclass
class _Draft:
    q: Quantity
    choice: Choice
    province: str | None
    year: int | None
    year_from: int | None
    official_name: str | None
    official_title: str | None
    sentence: tuple[int, int]


def _referred_choice(drafts: list[_Draft], q: Quantity) -> Choice | None:
    """The metric of the figure «این تعداد» refers back to: the last one before ``q`` counting
    the same unit («۶۰۰ نوعروس منتظر … هستند، … این تعداد … به ۳ هزار نفر برسد»). Taken only
    when ``q`` has no cue in its own segment."""
    for d in reversed(drafts):
        if d.q.unit is q.unit:
            return Choice(d.choice.metric, "refers-back", d.choice.rank)
    return None


def url_spans(t: str) -> list[tuple[int, int]]:
    """The spans ``_URL.finditer`` finds, looked for only in the words holding a hint: an
    address never crosses a space, and at most one ends each word."""
    spans = []
    word_end = 0
    for hint in _URL_HINT.finditer(t):
        if hint.start() < word_end:
            continue
        word_start = hint.start()
        while word_start and not t[word_start - 1].isspace():
            word_start -= 1
        word_end = _WORD_REST.match(t, hint.start()).end()
        if m := _URL.search(t, word_start, word_end):
            spans.append(m.span())
    return spans


def _first_line_title(t: str) -> str | None:
    for line in t.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= 200 else None
    return None


def _places_in(span: tuple[int, int], places) -> set[str]:
    return {p.province for p in places if span[0] <= p.start and p.end <= span[1]}


def _explicit(province, span, places) -> bool:
    return province is not None and province in _places_in(span, places)


def _province(t, span, places, nationals, speaker, article_province, previous, antecedent=None):
    """The province of one quantity (RECORDS.md `province`), in order of evidence: ``previous``
    is the place named for an earlier figure of the sentence, ``antecedent`` for the last figure
    of the article that named one («از این تعداد» refers back to it, across sentences too)."""
    named = _places_in(span, places)
    if len(named) == 1:
        return named.pop()
    if len(named) > 1:
        return None
    if any(span[0] <= a and b <= span[1] for a, b in nationals):
        return "national"
    if _ANAPHORA.search(t, span[0], min(span[1], span[0] + 40)) and antecedent:
        return antecedent
    if _GENERIC_PROVINCE.search(t, *span) and article_province:
        return article_province
    if previous:
        return previous
    if speaker and speaker.province:
        return speaker.province
    return article_province


def _article_province(t: str, places, tracker: SpeakerTracker, title: str | None) -> str | None:
    """The article's own province: dateline, reporting clause, first speaker, most named."""
    head = t[:300]
    for m in _DATELINE.finditer(head):
        found = [p.province for p in places if m.start(1) <= p.start and p.end <= m.end(1)]
        if found:
            return found[0]
    for m in _OPENER_RE.finditer(t):
        found = [p.province for p in places if m.start() <= p.start and p.end <= m.end()]
        if found:
            return found[-1]
        break
    for sp in tracker.speakers:
        if sp.province and sp.province != "national":
            return sp.province
    counts = Counter(p.province for p in places)
    if title:
        for p in find_places(title):
            if not p.agency:
                counts[p.province] += 2
    if counts:
        return counts.most_common(1)[0][0]
    if any(sp.province == "national" for sp in tracker.speakers):
        return "national"
    return None


def _plausible(q: Quantity, warnings: list[str]):
    limit = PLAUSIBLE.max[q.unit]
    amount = q.amount
    if amount > limit:
        if q.number.scale > 1 and q.number.unscaled <= limit:
            warnings.append(
                f"implausible: {q.number.text} {q.noun} read as {amount} is beyond {limit}; stored unscaled as {q.number.unscaled}"
            )
            return q.number.unscaled
        warnings.append(f"implausible: {amount} {q.unit.value} is beyond {limit}; kept as written")
    return amount


def _merge(drafts: list[_Draft], norm: Normalized, report_year: int | None) -> list[Fact]:
    """One fact per (amount, unit): every repetition of a figure becomes another mention."""
    groups: dict[tuple, list[_Draft]] = {}
    for d in sorted(drafts, key=lambda d: d.q.start):
        groups.setdefault((d.q.amount, d.q.unit), []).append(d)
    facts = []
    t = norm.text
    for (_, unit), group in groups.items():
        warnings: list[str] = []
        amount = _plausible(group[0].q, warnings)
        best = min(group, key=lambda d: d.choice.rank)
        qualifier = next((d.q.qualifier for d in group if d.q.qualifier is not Qualifier.exact), Qualifier.exact)
        year = next((d.year for d in group if d.year is not None), None)
        year_from = next((d.year_from for d in group if d.year_from is not None), None)
        if year is None and report_year and year_from is None:
            year = report_year
        mentions = []
        for d in group:
            raw_start, raw_end = norm.raw_span(d.q.start, d.q.end)
            mentions.append(
                Mention(
                    sentence=t[d.sentence[0] : d.sentence[1]],
                    start=d.q.start,
                    end=d.q.end,
                    raw_start=raw_start,
                    raw_end=raw_end,
                    text=t[d.q.start : d.q.end],
                    rule=f"{d.q.unit_rule}/{d.choice.rule}",
                )
            )
        first = group[0]
        facts.append(
            Fact(
                amount=amount,
                unit=unit,
                metric=Metric(best.choice.metric),
                metric_phrase=best.q.noun,
                qualifier=qualifier,
                province=next((d.province for d in group if d.province), None),
                year=year,
                year_from=year_from,
                official_name=next((d.official_name for d in group if d.official_name), None),
                official_title=next((d.official_title for d in group if d.official_title), first.official_title),
                warnings=tuple(warnings),
                mentions=tuple(mentions),
            )
        )
    return facts
