"""Places in text: provinces, counties, cities and demonyms, each mapped to its province.

The gazetteer is data (``rules/places.toml``); this module only composes it. Text is already
in canonical form (:mod:`extract.normalize`): a space inside a name also matches no space,
and the letters of the data's ``spelling`` table may be swapped or dropped.

* A name that is also an ordinary word or a given name counts only after a cue of its
  policy («استان مرکزی», «شهرستان بهار»), or right after another place in a list.
* A place inside a news outlet's name is reported with ``agency=True``: it is not a place of
  the fact («خبرگزاری آوای البرز استان سمنان» is Semnan). The province's own broadcaster is a
  place («صدا و سیمای مرکز خلیج فارس» is Hormozgan).
* A name inside another name («خیابان تهران», «خلیج فارس», «بیمه البرز») gives nothing.
* A name shared by two provinces («نورآباد», «خراسان» alone) gives nothing.

>>> [(p.text, p.province, p.kind, p.agency) for p in find_places(
...     "به گزارش خبرگزاری آوای البرز استان سمنان، رئیس بهزیستی شاهرود گفت")]
[('البرز', 'alborz', 'province', True), ('سمنان', 'semnan', 'province', False), ('شاهرود', 'semnan', 'county', False)]
>>> [p.province for p in find_places("بانک مرکزی، خلیج فارس و امام خمینی")]
[]
>>> [(p.text, p.province) for p in find_places("مدیرکل بهزیستی آذربایجانغربی و اذربایجان شرقی")]
[('آذربایجانغربی', 'west_azerbaijan'), ('اذربایجان شرقی', 'east_azerbaijan')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress, product

from pydantic import model_validator

from extract.ruledata import Strict, WordPattern, load
from schemas.models import Province

__all__ = ["GAZETTEER", "PlaceMatch", "find_national_cues", "find_places", "province_of"]

# Letters of the canonical text (Arabic block letters plus the Persian ones): a name must not
# continue a word nor be continued by one.
LETTER = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
_B = f"(?<![{LETTER}])"  # no letter before
_E = f"(?![{LETTER}])"  # no letter after

KINDS = ("province", "county", "city", "demonym")  # also the order of preference of a name's kind


# ---------------------------------------------------------------- the data file's model


class Entry(Strict):
    """A name that needs more than its spelling: a cue policy, or several provinces."""

    name: str
    cue: str | None = None
    shared: bool = False


Name = str | Entry


class ProvinceData(Strict):
    slug: Province
    names: list[Name]
    capital: str
    counties: list[Name] = []
    cities: list[Name] = []
    demonyms: list[Name] = []
    broadcaster: str | None = None

    @model_validator(mode="after")
    def _national_is_no_province(self):
        if self.slug is Province.national:
            raise ValueError("'national' is not a province")
        return self


class Agency(Strict):
    words: list[str]
    openers: list[str]
    suffixes: list[str]
    max_words: int
    breakers: list[str]


class National(Strict):
    cues: list[str]
    not_after: list[str]
    not_before: list[str]


class Gazetteer(Strict):
    optional_words: list[str]
    glued_prefixes: list[str]
    list_joiners: list[str]
    list_cues: list[str]
    demonym_policy: str
    demonym_plurals: list[str]
    broadcaster_policy: str
    spelling: dict[str, list[str]]
    cue_words: dict[str, list[str]]
    policies: dict[str, list[str]]
    agency: Agency
    not_place_before: list[str]
    not_places: list[str]
    national: National
    province: list[ProvinceData]

    @model_validator(mode="after")
    def _references_exist(self):
        groups = set(self.cue_words)
        for policy, used in self.policies.items():
            if unknown := set(used) - groups:
                raise ValueError(f"policy {policy!r} uses unknown cue groups {sorted(unknown)}")
        for key, used in (("agency.breakers", self.agency.breakers), ("list_cues", self.list_cues)):
            if unknown := set(used) - groups:
                raise ValueError(f"{key} uses unknown cue groups {sorted(unknown)}")
        breakers = {w for g in self.agency.breakers for w in self.cue_words[g]}
        if loose := set(self.glued_prefixes) - breakers:
            raise ValueError(f"glued_prefixes must also end outlet names (agency.breakers): {sorted(loose)}")
        named = [self.demonym_policy, self.broadcaster_policy]
        named += [e.cue for p in self.province for e in _entries(p) if e.cue]
        if unknown := set(named) - set(self.policies):
            raise ValueError(f"unknown cue policies {sorted(unknown)}")
        return self


def _entries(p: ProvinceData, fields: tuple[str, ...] = ("names", "counties", "cities", "demonyms")) -> list[Entry]:
    return [Entry(name=n) if isinstance(n, str) else n for f in fields for n in getattr(p, f)]


GAZETTEER = load("places", Gazetteer)


# ---------------------------------------------------------------- patterns from the data


def _fold(text: str) -> str:
    """The lookup key of a name as written: no spaces, and dropped or swapped letters undone.

    >>> _fold("اذربایجان غربی") == _fold("آذربایجانغربی")
    True
    """
    return text.translate(_FOLD)


_FOLD = str.maketrans(
    {**{ch: (alts[0] if alts else "") for ch, alts in GAZETTEER.spelling.items()}, " ": "", "\n": "", "\t": ""}
)


def _letters(word: str) -> str:
    out = []
    for ch in word:
        alts = GAZETTEER.spelling.get(ch)
        if alts is None:
            out.append(re.escape(ch))
        else:
            out.append("(?:" + "|".join(re.escape(a) for a in [ch, *alts] if a) + ")" + ("?" if "" in alts else ""))
    return "".join(out)


def _pattern(name: str) -> str:
    """The regex of one name: any space or none between its words, optional words optional.

    >>> _pattern("سیستان و بلوچستان")
    'سیستان\\\\s*(?:و\\\\s*)?بلوچستان'
    """
    words = name.split()
    parts = []
    for i, w in enumerate(words):
        if w in GAZETTEER.optional_words and 0 < i < len(words) - 1:
            parts.append(f"(?:{_letters(w)}\\s*)?")
        else:
            parts.append(_letters(w) + ("\\s*" if i < len(words) - 1 else ""))
    return "".join(parts)


def _alternation(words) -> str:
    """Longest first, so that the longest name wins where names start alike."""
    unique = sorted(set(words), key=lambda w: (-len(w.replace(" ", "")), w))
    return "(?:" + "|".join(_pattern(w) for w in unique) + ")"


def _spellings(name: str) -> list[list[str]]:
    """The folded words of each way a name can be written (its optional words kept or left out)."""
    words = name.split()
    options = [
        (w, "") if w in GAZETTEER.optional_words and 0 < i < len(words) - 1 else (w,) for i, w in enumerate(words)
    ]
    return [[_fold(w) for w in choice if w] for choice in product(*options)]


def _keys(name: str) -> list[str]:
    """Every lookup key a name can be written with."""
    return sorted({"".join(words) for words in _spellings(name)})


def _before(words) -> re.Pattern:
    """Matches when one of ``words`` ends just before ``endpos`` (spaces allowed).

    A word must start a word, unless it starts with a sign: «(ره)» may be glued to «خمینی».
    """
    signed = [w for w in words if not re.match(f"[{LETTER}]", w)]
    lettered = [w for w in words if w not in signed]
    alts = [f"{_B}{_alternation(lettered)}"] + ([_alternation(signed)] if signed else [])
    return re.compile(f"(?:{'|'.join(alts)})\\s*\\Z")


def _cue_words(groups) -> list[str]:
    return [w for g in groups for w in GAZETTEER.cue_words[g]]


@dataclass(frozen=True, slots=True)
class _Candidate:
    province: str | None  # None: a phrase that is not a place (`not_places`)
    kind: str
    policy: str | None
    shared: bool


def _candidates() -> dict[str, list[_Candidate]]:
    table: dict[str, list[_Candidate]] = {}

    def add(name: str, cand: _Candidate) -> None:
        for key in _keys(name):
            table.setdefault(key, []).append(cand)

    for p in GAZETTEER.province:
        slug = p.slug.value
        for field, kind in (("names", "province"), ("counties", "county"), ("cities", "city")):
            for e in _entries(p, (field,)):
                add(e.name, _Candidate(slug, kind, e.cue, e.shared))
        for e in _entries(p, ("demonyms",)):
            add(e.name, _Candidate(slug, "demonym", e.cue or GAZETTEER.demonym_policy, e.shared))
            for suffix in GAZETTEER.demonym_plurals:
                add(e.name + suffix, _Candidate(slug, "demonym", e.cue, e.shared))
        if p.broadcaster:
            add(p.broadcaster, _Candidate(slug, "province", GAZETTEER.broadcaster_policy, False))
    for phrase in GAZETTEER.not_places:
        add(phrase, _Candidate(None, "", None, False))
    return table


def _surfaces() -> list[str]:
    names = [e.name for p in GAZETTEER.province for e in _entries(p)]
    names += [e.name + s for p in GAZETTEER.province for e in _entries(p, ("demonyms",)) for s in GAZETTEER.demonym_plurals]
    names += [p.broadcaster for p in GAZETTEER.province if p.broadcaster]
    return names + GAZETTEER.not_places


_CANDIDATES = _candidates()


def _prefixes() -> frozenset[str]:
    """Every folded prefix of a name that ends between two of its words (whole names included).

    Text can split a name only between its words, so a run of text words can start a name
    only while their folded concatenation is one of these prefixes.
    """
    return frozenset(
        "".join(words[:k]) for name in _surfaces() for words in _spellings(name) for k in range(1, len(words) + 1)
    )


_PREFIXES = _prefixes()
_SPLIT_RE = re.compile(f"([{LETTER}]+)")
_GLUES = tuple(GAZETTEER.glued_prefixes)
_PLACE_RE = re.compile(
    f"{_B}(?:(?P<glue>{_alternation(GAZETTEER.glued_prefixes)}))?(?P<name>{_alternation(_surfaces())}){_E}"
)
_POLICY_RE = {name: _before(_cue_words(groups)) for name, groups in GAZETTEER.policies.items()}
_JOINER_RE = re.compile(r"\s*(?:" + "|".join(re.escape(j) for j in GAZETTEER.list_joiners) + r")\s*")
_LIST_CUE_RE = _before(_cue_words(GAZETTEER.list_cues))
_NOT_PLACE_BEFORE_RE = _before(GAZETTEER.not_place_before)
_AGENCY_RE = re.compile(f"{_B}{_alternation(GAZETTEER.agency.words)}{_E}")
_AGENCY_OPENER_RE = _before(GAZETTEER.agency.openers)
_AGENCY_SUFFIX_RE = re.compile(f"\\s*{_alternation(GAZETTEER.agency.suffixes)}{_E}")
_AGENCY_BREAK_RE = re.compile(f"{_B}{_alternation(_cue_words(GAZETTEER.agency.breakers))}{_E}|[^\\s{LETTER}]")
_NATIONAL = WordPattern(f"{_alternation(GAZETTEER.national.cues)}{_E}", LETTER)
_NOT_NATIONAL_RE = _before(GAZETTEER.national.not_after)
_NOT_NATIONAL_AFTER_RE = re.compile(f"\\s*{_alternation(GAZETTEER.national.not_before)}{_E}")
_WINDOW = 80  # characters looked at before a name for its cue or outlet word


# ---------------------------------------------------------------- the API


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """One place name found in the text; offsets are into the text given."""

    start: int
    end: int
    text: str
    province: str  # slug
    kind: str  # "province" | "county" | "city" | "demonym"
    agency: bool  # part of a news agency / outlet name: not a place of the fact


def province_of(name: str) -> str | None:
    """The province slug of one name in canonical form, or None (unknown, shared, not a place).

    Cue policies do not apply: this is a lookup of the name itself.

    >>> province_of("آذربایجان غربی"), province_of("آذربایجانغربی"), province_of("دزفول"), province_of("مرکزی")
    ('west_azerbaijan', 'west_azerbaijan', 'khuzestan', 'markazi')
    >>> province_of("نورآباد"), province_of("پاریس"), province_of("خلیج فارس")
    (None, None, None)
    """
    cands = [c for c in _CANDIDATES.get(_fold(name.strip()), []) if c.province and c.policy != GAZETTEER.broadcaster_policy]
    provinces = {c.province for c in cands}
    if len(provinces) != 1 or any(c.shared for c in cands):
        return None
    return provinces.pop()


def find_places(text: str) -> list[PlaceMatch]:
    """Every place in ``text``, in order and non-overlapping (the longest name wins).

    >>> [(p.text, p.province, p.kind) for p in find_places("در روستاهای شهرستان دلگان و مددجویان لرستانی")]
    [('دلگان', 'sistan_and_baluchestan', 'county'), ('لرستانی', 'lorestan', 'demonym')]
    >>> [(p.text, p.province) for p in find_places("در بهار امسال در شهرستان بهار")]
    [('بهار', 'hamadan')]
    """
    out: list[PlaceMatch] = []
    list_end = -1  # end of the last place of a list opened by a `list_cues` word
    for m in _name_matches(text):
        start, end = m.span("name")
        lo = max(0, start - _WINDOW)
        in_list = list_end >= 0 and _JOINER_RE.fullmatch(text, list_end, start) is not None
        chosen = _choose(text, start, m.group("name"), in_list, glued=m.group("glue") is not None)
        if chosen is None or _NOT_PLACE_BEFORE_RE.search(text, lo, start):
            continue
        province, kind = chosen
        agency = m.group("glue") is None and _in_outlet_name(text, start, end)
        out.append(PlaceMatch(start, end, m.group("name"), province, kind, agency))
        opens = in_list or _LIST_CUE_RE.search(text, lo, start) is not None
        list_end = end if opens and not agency else -1
    return out


def _name_matches(text: str):
    """What ``_PLACE_RE.finditer(text)`` yields, found fast.

    The alternation of a thousand names costs about a microsecond at every character; so it
    is tried only at the words where a folded-name lookup says a name may start (the lookup
    accepts everything the pattern does, and more: the pattern decides).
    """
    parts = _SPLIT_RE.split(text)  # separator, word, separator, …, separator
    words = parts[1::2]
    keys = list(map(_STARTS.get, words))  # looked up at C speed: most words are known
    if None in keys:
        keys = [k if k is not None else _starts(w) for k, w in zip(keys, words)]
    offsets = None
    last_end = 0
    for n in compress(range(len(words)), keys):
        if offsets is None:
            offsets = list(accumulate(map(len, parts), initial=0))
        k = 2 * n + 1
        start = offsets[k]
        if start >= last_end and _may_continue(parts, k, keys[n]):
            m = _PLACE_RE.match(text, start)
            if m:
                last_end = m.end()
                yield m


def _may_continue(parts: list[str], k: int, keys: tuple[str, ...]) -> bool:
    """Whether the word ``parts[k]`` (folded: ``keys``), alone or with the words after it, each
    after whitespace only, may spell a whole name."""
    for key in keys:
        j = k
        while key in _PREFIXES:
            if key in _CANDIDATES:
                return True
            j += 2
            if j >= len(parts) or not parts[j - 1].isspace():
                break
            key += _fold(parts[j])
    return False


_STARTS: dict[str, tuple[str, ...]] = {}


def _starts(word: str) -> tuple[str, ...]:
    """The folded forms of ``word`` (bare, or without a glued prefix) that may begin a name."""
    keys = _STARTS.get(word)
    if keys is None:
        if len(_STARTS) > 100_000:  # news vocabulary is large but not unbounded: keep memory flat
            _STARTS.clear()
        forms = [word, *(word[len(g) :] for g in _GLUES if word.startswith(g))]
        keys = _STARTS[word] = tuple(k for k in map(_fold, forms) if k in _PREFIXES)
    return keys


def find_national_cues(text: str) -> list[tuple[int, int]]:
    """Spans of words saying a figure is for the whole country (RECORDS.md `national`).

    >>> t = "در سراسر کشور و در سازمان بهزیستی کشور، نه حامیان خارج از کشور"
    >>> [t[a:b] for a, b in find_national_cues(t)]
    ['سراسر کشور', 'سازمان بهزیستی کشور']
    """
    return [
        m.span()
        for m in _NATIONAL.finditer(text)
        if not _NOT_NATIONAL_RE.search(text, max(0, m.start() - _WINDOW), m.start())
        and not _NOT_NATIONAL_AFTER_RE.match(text, m.end())
    ]


# ---------------------------------------------------------------- policies


def _choose(text: str, start: int, name: str, in_list: bool, *, glued: bool) -> tuple[str, str] | None:
    """The (province, kind) a name found at ``start`` stands for, or None.

    A cued candidate whose cue is present beats a free one; a phrase of `not_places` gives
    nothing; candidates of several provinces give nothing (a shared name).
    """
    cands = _CANDIDATES[_fold(name)]
    cued = [c for c in cands if c.policy and not glued and (in_list or _cue_before(text, start, c.policy))]
    free = [c for c in cands if not c.policy]
    tier = cued or free
    if not tier or any(c.province is None for c in tier) or any(c.shared for c in tier):
        return None
    provinces = {c.province for c in tier}
    if len(provinces) != 1:
        return None
    kind = min((c.kind for c in tier), key=KINDS.index)
    return provinces.pop(), kind


def _cue_before(text: str, start: int, policy: str) -> bool:
    return _POLICY_RE[policy].search(text, max(0, start - _WINDOW), start) is not None


def _in_outlet_name(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is part of a news outlet's name (data: [agency])."""
    lo = max(0, start - _WINDOW)
    if _AGENCY_OPENER_RE.search(text, lo, start) or _AGENCY_SUFFIX_RE.match(text, end):
        return True
    words = [m for m in _AGENCY_RE.finditer(text, lo, start)]
    if not words:
        return False
    gap = text[words[-1].end() : start]
    return len(gap.split()) <= GAZETTEER.agency.max_words and not _AGENCY_BREAK_RE.search(gap)
