"""The records, as RECORDS.md defines them: Article, Fact and Mention (evidence).

Amounts are ``Decimal`` from text to database; no float anywhere.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Unit(StrEnum):
    person = "person"
    household = "household"
    unit = "unit"
    plan = "plan"
    project = "project"
    center = "center"
    session = "session"
    permit = "permit"
    case = "case"
    rial = "rial"
    toman = "toman"
    percent = "percent"
    count = "count"


MONEY_UNITS = frozenset({Unit.rial, Unit.toman})


class Metric(StrEnum):
    people_covered = "people_covered"
    pension_recipients = "pension_recipients"
    housing_delivered = "housing_delivered"
    housing_in_progress = "housing_in_progress"
    employment_plans = "employment_plans"
    jobs_created = "jobs_created"
    employment_facilities = "employment_facilities"
    insurance_support = "insurance_support"
    credit = "credit"
    donations = "donations"
    per_capita_amount = "per_capita_amount"
    beneficiaries = "beneficiaries"
    centers = "centers"
    permits = "permits"
    sessions = "sessions"
    change_percent = "change_percent"
    share_percent = "share_percent"
    other = "other"


class Qualifier(StrEnum):
    exact = "exact"
    approx = "approx"
    at_least = "at_least"
    at_most = "at_most"


class Province(StrEnum):
    alborz = "alborz"
    ardabil = "ardabil"
    bushehr = "bushehr"
    chaharmahal_and_bakhtiari = "chaharmahal_and_bakhtiari"
    east_azerbaijan = "east_azerbaijan"
    fars = "fars"
    gilan = "gilan"
    golestan = "golestan"
    hamadan = "hamadan"
    hormozgan = "hormozgan"
    ilam = "ilam"
    isfahan = "isfahan"
    kerman = "kerman"
    kermanshah = "kermanshah"
    khuzestan = "khuzestan"
    kohgiluyeh_and_boyer_ahmad = "kohgiluyeh_and_boyer_ahmad"
    kurdistan = "kurdistan"
    lorestan = "lorestan"
    markazi = "markazi"
    mazandaran = "mazandaran"
    north_khorasan = "north_khorasan"
    qazvin = "qazvin"
    qom = "qom"
    razavi_khorasan = "razavi_khorasan"
    semnan = "semnan"
    sistan_and_baluchestan = "sistan_and_baluchestan"
    south_khorasan = "south_khorasan"
    tehran = "tehran"
    west_azerbaijan = "west_azerbaijan"
    yazd = "yazd"
    zanjan = "zanjan"
    national = "national"


_STRICT = ConfigDict(extra="forbid", frozen=True)


class Mention(BaseModel):
    """One place the fact is stated: offsets into the normalized text (and the raw text)."""

    model_config = _STRICT

    sentence: str = Field(description="the normalized sentence the mention stands in")
    start: int = Field(description="start offset into the normalized article text")
    end: int = Field(description="end offset (exclusive) into the normalized article text")
    raw_start: int = Field(description="start offset into the raw article text")
    raw_end: int = Field(description="end offset (exclusive) into the raw article text")
    text: str = Field(description="the surface text of the mention, normalized")
    rule: str = Field(description="name of the rule that produced the mention")


class Fact(BaseModel):
    """One quantity an article states about welfare work (RECORDS.md, 'A fact')."""

    model_config = _STRICT

    amount: Decimal = Field(max_digits=38, decimal_places=6)
    unit: Unit
    metric: Metric
    metric_phrase: str | None = None
    qualifier: Qualifier = Qualifier.exact
    province: Province | None = None
    year: int | None = None
    year_from: int | None = None
    official_name: str | None = None
    official_title: str | None = None
    warnings: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a fact one fact within an article (RECORDS.md)."""
        return (format(self.amount.normalize(), "f"), self.unit.value, self.metric.value)

    def fact_id(self, article_id: str) -> str:
        return stable_id(article_id, *self.key)


class Article(BaseModel):
    """One article read from the corpus."""

    model_config = _STRICT

    article_id: str = Field(description="hash of the article's raw text")
    source: str = Field(description="path relative to the folder given on the command line (with #line for JSON Lines)")
    title: str | None = None
    url: str | None = None
    published: date | None = Field(default=None, description="Gregorian publication date, when found")
    published_jalali: str | None = Field(default=None, description="the same date in the Solar Hijri calendar, YYYY-MM-DD")
    chars: int = Field(description="length of the raw text")


def stable_id(*parts: str) -> str:
    """A short, stable hex id for the given parts.

    >>> stable_id("a", "b")
    'f84c4d669fe0d410'
    """
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).hexdigest()
