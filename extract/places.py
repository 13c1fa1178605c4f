"""Places in text: provinces, their cities and counties, and markers of national figures.

Data: ``rules/places.toml``. A name that is also an ordinary word counts only after a cue
(«استان مرکزی», «شهرستان راز»); a name inside a news outlet's name is flagged ``agency``.

>>> [(p.text, p.province, p.agency) for p in find_places("به گزارش خبرگزاری آوای البرز استان سمنان، در شاهرود")]
[('البرز', 'alborz', True), ('سمنان', 'semnan', False), ('شاهرود', 'semnan', False)]
>>> [p.province for p in find_places("بانک مرکزی و خبرگزاری فارس و خلیج فارس")]
['fars']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.ruledata import Strict, alternation, load

_L = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"


class ProvinceEntry(Strict):
    slug: str
    names: list[str]
    demonyms: list[str] = []
    places: list[str] = []


class Gazetteer(Strict):
    needs_cue: list[str]
    cues: list[str]
    agency_words: list[str]
    not_after: list[str]
    national_cues: list[str]
    not_national: list[str]
    province: list[ProvinceEntry]


GAZETTEER = load("places", Gazetteer)


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _index() -> dict[str, tuple[str, str]]:
    """Name (spaces removed) -> (province slug, kind); names shared by two provinces are dropped."""
    found: dict[str, set[tuple[str, str]]] = {}
    for p in GAZETTEER.province:
        for kind, names in (("province", p.names), ("demonym", p.demonyms), ("city", p.places)):
            for n in names:
                found.setdefault(_key(n), set()).add((p.slug, kind))
    out = {}
    for name, hits in found.items():
        slugs = {s for s, _ in hits}
        if len(slugs) == 1:
            kinds = {k for _, k in hits}
            out[name] = (slugs.pop(), "province" if "province" in kinds else kinds.pop())
    return out


_BY_NAME = _index()
_ALL_NAMES = [n for p in GAZETTEER.province for n in p.names + p.demonyms + p.places if _key(n) in _BY_NAME]
_PLACE_RE = re.compile(rf"(?<![{_L}]){alternation(_ALL_NAMES)}(?![{_L}])")
_NEEDS_CUE = {_key(n) for n in GAZETTEER.needs_cue}
_CUE_BEFORE = re.compile(rf"(?<![{_L}]){alternation(GAZETTEER.cues)}\s*$")
_NOT_AFTER = re.compile(rf"(?<![{_L}]){alternation(GAZETTEER.not_after)}\s*$")
_AGENCY_BEFORE = re.compile(rf"(?<![{_L}]){alternation(GAZETTEER.agency_words)}(?:\s+[^\s،,:؛.]+){{0,3}}?\s*$")
_NATIONAL_RE = re.compile(rf"(?<![{_L}]){alternation(GAZETTEER.national_cues)}(?![{_L}])")
_NOT_NATIONAL_RE = re.compile(alternation(GAZETTEER.not_national))
_BREAKS_AGENCY = re.compile(rf"(?<![{_L}])(?:استان|از|در)(?![{_L}])")


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    start: int
    end: int
    text: str
    province: str  # slug
    kind: str  # "province" | "city" | "demonym"
    agency: bool  # part of a news outlet's name: not the place of a fact


def province_of(name: str) -> str | None:
    """The province slug of one place name (canonical form), or None.

    >>> province_of("آذربایجان غربی"), province_of("دزفول"), province_of("پاریس")
    ('west_azerbaijan', 'khuzestan', None)
    """
    hit = _BY_NAME.get(_key(name))
    return hit[0] if hit else None


def find_places(text: str) -> list[PlaceMatch]:
    """Every place name in ``text``, in order (longest name first where names overlap)."""
    out = []
    for m in _PLACE_RE.finditer(text):
        key = _key(m.group())
        province, kind = _BY_NAME[key]
        before = text[max(0, m.start() - 40) : m.start()]
        if _NOT_AFTER.search(before):
            continue
        if key in _NEEDS_CUE and not _CUE_BEFORE.search(before):
            continue
        agency_m = _AGENCY_BEFORE.search(before)
        agency = bool(agency_m) and not _BREAKS_AGENCY.search(before, agency_m.start())
        out.append(PlaceMatch(m.start(), m.end(), m.group(), province, kind, agency))
    return out


def find_national_cues(text: str) -> list[tuple[int, int]]:
    """Spans of words saying a figure is for the whole country («در سراسر کشور»).

    >>> len(find_national_cues("در ۱۰۰ نقطه کشور")), len(find_national_cues("حامیان خارج از کشور"))
    (1, 0)
    """
    excluded = [(m.start(), m.end()) for m in _NOT_NATIONAL_RE.finditer(text)]
    return [
        (m.start(), m.end())
        for m in _NATIONAL_RE.finditer(text)
        if not any(a <= m.start() < b for a, b in excluded)
    ]
