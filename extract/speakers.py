"""Who is speaking where: officials, their titles, and the turns of an article.

An article is read as a sequence of turns. A turn starts where a named official or a title
is the subject of a clause («X، مدیرکل بهزیستی استان Y، گفت»، «مدیرکل بهزیستی Y گفت»،
«به گفته X»); «وی»/«او» and the official's surname continue the current turn. A title-only
turn takes the name of the next official introduced (the reporter names them later).
Facts before the first turn belong to the first turn (RECORDS.md: the title and lead are
the article's first quoted official's).

Words come from ``rules/officials.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.places import find_national_cues, find_places
from extract.ruledata import Strict, alternation, load


class Officials(Strict):
    honorifics: list[str]
    titles: list[str]
    title_stops: list[str]
    speech_verbs: list[str]
    report_openers: list[str]
    according_to: list[str]
    pronouns: list[str]
    national_offices: list[str]
    national_roles: list[str]
    provincial_roles: list[str]
    given_names: list[str]
    examples: list[tuple[str, str]] = []


LEX = load("officials", Officials)

_TOKEN = re.compile(r"[^\s،,:؛;.!?؟()«»\"\-|/]+|[،,:؛;.!?؟()«»\"\-|/]")
_PUNCT = set("،,:؛;.!?؟()«»\"-|/")
_CLAUSE_OPEN = set("،,:؛;«»\"-|(")
_GIVEN = set(LEX.given_names)
_HONORIFIC_WORDS = {w for h in LEX.honorifics for w in h.split()}
_STOPS = set(LEX.title_stops) | {w.split()[0] for w in LEX.speech_verbs} | set(LEX.pronouns)
_TITLE_FIRST = {t.split()[0] for t in LEX.titles}
_NOT_NAME = _STOPS | _TITLE_FIRST | _HONORIFIC_WORDS | {"این", "آن", "همین", "نیز", "هم"}
_TITLE_RE = re.compile(alternation(LEX.titles))
_OPENER_RE = re.compile(alternation(LEX.report_openers) + r"[^،؛:\n]{0,80}?[،؛:]\s*")
_ACCORDING_RE = re.compile(alternation(LEX.according_to) + r"\s+")
_PRONOUN_RE = re.compile(r"^(?:" + alternation(LEX.pronouns) + r")(?![\u0600-\u06ff])")
_PROVINCIAL_RE = re.compile(alternation(LEX.provincial_roles))
_NATIONAL_RE = re.compile(alternation(LEX.national_roles))
_NATIONAL_OFFICE_RE = re.compile(alternation(LEX.national_offices))
_TITLE_END = re.compile(r"[:؛\n]|\s(?:" + alternation([s for s in LEX.speech_verbs]) + r"|روز|امروز|در\s|با اشاره|با بیان|ضمن|از\s|درخصوص|درباره|نیز|را\s)")


@dataclass
class Speaker:
    name: str | None
    title: str | None
    province: str | None = None  # slug from the title, "national", or None (article's)
    aliases: set[str] = field(default_factory=set)


@dataclass
class Turn:
    start: int
    speaker: Speaker


def _tokens(text: str, start: int, end: int) -> list[re.Match]:
    return list(_TOKEN.finditer(text, start, end))


def _strip_honorifics(words: list[str]) -> list[str]:
    while words and words[0] in _HONORIFIC_WORDS:
        words = words[1:]
    return words


@lru_cache(maxsize=4096)
def title_province(title: str | None) -> str | None:
    """The province a title names, ``national`` for a national office, else None."""
    if not title:
        return None
    places = [p for p in find_places(title) if not p.agency]
    provinces = {p.province for p in places}
    if len(provinces) == 1:
        return provinces.pop()
    if find_national_cues(title) or _NATIONAL_OFFICE_RE.search(title):
        return "national"
    if _PROVINCIAL_RE.search(title):
        return None
    if _NATIONAL_RE.search(title):
        return "national"
    return None


def _read_title(text: str, pos: int, end: int) -> tuple[str | None, int]:
    """The title starting at ``pos`` (after optional spaces), if one does."""
    m = _TITLE_RE.match(text, pos)
    if not m:
        return None, pos
    stop = _TITLE_END.search(text, m.end(), end)
    title_end = stop.start() if stop else end
    # A title ends with the place of its office («… بهزیستی استان کرمانشاه»); commas may stand
    # inside it («معاون مشارکتهای مردمی، مسکن، اشتغال … استان کرمانشاه»). Without a place it
    # ends at the first comma.
    places = [p for p in find_places(text[m.start() : title_end]) if not p.agency]
    if places:
        title_end = m.start() + places[0].end
    elif (comma := text.find("،", m.end(), title_end)) >= 0:
        title_end = comma
    title = text[m.start() : title_end].strip(" «»\"،")
    if len(title.split()) > 16:
        title = " ".join(title.split()[:16])
    return title, title_end


def _name_at(text: str, toks: list[re.Match], i: int) -> tuple[str, int] | None:
    """A person's name starting at token ``i``: [honorifics] given name(s) and a surname."""
    j = i
    while j < len(toks) and toks[j].group() in _HONORIFIC_WORDS:
        j += 1
    k = j
    while k < len(toks) and toks[k].group() in _GIVEN and k - j < 2:
        k += 1
    if k == j:
        return None
    m = k
    while m < len(toks) and m - k < 3:
        word = toks[m].group()
        if word in _PUNCT or word in _NOT_NAME or _TITLE_RE.fullmatch(word) or word.isdigit():
            break
        m += 1
    if m == k:
        if k - j < 2:
            return None
        k -= 1  # «علی محمد قادری»-like: the last given-looking word is the surname
    words = [t.group() for t in toks[j:m]]
    return " ".join(words), m


def _followed_well(text: str, toks: list[re.Match], m: int) -> bool:
    """A name is a speaker when a title, a stop word or a clause mark follows it."""
    if m >= len(toks):
        return True
    word = toks[m].group()
    if word == "-" or word == "/":
        return False
    if word in _PUNCT or word in _STOPS:
        return True
    return bool(_TITLE_RE.match(text, toks[m].start()))


def _at_clause_start(toks: list[re.Match], i: int, sentence_start: int, opener_end: int) -> bool:
    if i == 0 or toks[i].start() <= opener_end:
        return True
    prev = toks[i - 1].group()
    return prev in _CLAUSE_OPEN or prev in ("که", "و")


class SpeakerTracker:
    """Reads the sentences of one article in order and records its turns."""

    def __init__(self, text: str):
        self.text = text
        self.turns: list[Turn] = []
        self.speakers: list[Speaker] = []

    @property
    def current(self) -> Speaker | None:
        return self.turns[-1].speaker if self.turns else None

    def _find(self, name: str) -> Speaker | None:
        words = name.split()
        for s in reversed(self.speakers):
            if s.name and (s.name == name or words[-1] in s.aliases):
                return s
        return None

    def _switch(self, start: int, speaker: Speaker) -> None:
        if self.current is not speaker:
            self.turns.append(Turn(start, speaker))

    def _introduce(self, start: int, name: str | None, title: str | None) -> None:
        if name:
            known = self._find(name)
            if known:
                if title and not known.title:
                    known.title, known.province = title, title_province(title)
                self._switch(start, known)
                return
            pending = next((s for s in reversed(self.speakers) if s.name is None), None)
            if pending and (not title or _compatible(pending.title, title)):
                pending.name = name
                pending.aliases = _aliases(name)
                if title:
                    pending.title, pending.province = title, title_province(title)
                self._switch(start, pending)
                return
            speaker = Speaker(name, title, title_province(title), _aliases(name))
        else:
            cur = self.current
            if cur and (not cur.title or _compatible(cur.title, title)):
                if not cur.title:
                    cur.title, cur.province = title, title_province(title)
                return
            same = next((s for s in reversed(self.speakers) if _compatible(s.title, title) and s.title), None)
            if same:
                self._switch(start, same)
                return
            speaker = Speaker(None, title, title_province(title))
        self.speakers.append(speaker)
        self.turns.append(Turn(start, speaker))

    def read_sentence(self, start: int, end: int) -> None:
        text = self.text
        opener = _OPENER_RE.match(text, start)
        opener_end = opener.end() if opener else start
        body = opener_end
        if _PRONOUN_RE.match(text[body:end]):
            return
        according = _ACCORDING_RE.match(text, body)
        if according:
            body = according.end()
        toks = _tokens(text, body, end)
        for i, tok in enumerate(toks[:40]):
            if _TITLE_RE.match(text, tok.start()) and (bare := _surname_before_title(toks, i)):
                title, _ = _read_title(text, tok.start(), end)
                self._introduce(start, bare, title)
                return
            if not _at_clause_start(toks, i, body, body):
                continue
            named = _name_at(text, toks, i)
            if named and _followed_well(text, toks, named[1]):
                name, m = named
                pos = toks[m].start() if m < len(toks) else end
                while pos < end and text[pos] in " ،,":
                    pos += 1
                title, _ = _read_title(text, pos, end)
                self._introduce(start, _clean_name(name), title)
                return
            surname = self._surname_ref(toks, i)
            if surname:
                self._switch(start, surname)
                return
            if _TITLE_RE.match(text, tok.start()):
                title, title_end = _read_title(text, tok.start(), end)
                if title and (i == 0 or according) and not text[title_end : title_end + 2].startswith("\n"):
                    self._introduce(start, None, title)
                    return
            if i == 0 and according is None:
                bare = _bare_name_with_title(text, toks, end)
                if bare:
                    self._introduce(start, *bare)
                    return

    def _surname_ref(self, toks: list[re.Match], i: int) -> Speaker | None:
        j = i
        while j < len(toks) and toks[j].group() in _HONORIFIC_WORDS:
            j += 1
        if j >= len(toks):
            return None
        word = toks[j].group()
        for s in reversed(self.speakers):
            if word in s.aliases and _followed_well(self.text, toks, j + 1 + _extra_alias_words(toks, j, s)):
                return s
        return None

    def speaker_at(self, pos: int) -> Speaker | None:
        """The speaker of the turn ``pos`` falls in; before the first turn, the first one."""
        if not self.turns:
            return None
        found = self.turns[0].speaker
        for turn in self.turns:
            if turn.start <= pos:
                found = turn.speaker
            else:
                break
        return found


def _extra_alias_words(toks: list[re.Match], j: int, s: Speaker) -> int:
    """How many more words of a multi-word surname follow token ``j`` («مسعودیان راد»)."""
    if not s.name:
        return 0
    words = s.name.split()
    if toks[j].group() in words:
        k = words.index(toks[j].group())
        extra = 0
        while k + 1 + extra < len(words) and j + 1 + extra < len(toks) and toks[j + 1 + extra].group() == words[k + 1 + extra]:
            extra += 1
        return extra
    return 0


def _surname_before_title(toks: list[re.Match], i: int) -> str | None:
    """«موسوی، رییس بنیاد برکت …» / «بختیاری رئیس کمیته امداد»: one word then a title."""
    j = i - 1
    if j >= 0 and toks[j].group() in "،,":
        j -= 1
    if j < 0:
        return None
    word = toks[j].group()
    if word in _PUNCT or word in _NOT_NAME or word.isdigit() or len(word) < 3:
        return None
    if j == 0 or toks[j - 1].group() in _CLAUSE_OPEN or toks[j - 1].group() in ("که",):
        return word
    return None


def _bare_name_with_title(text: str, toks: list[re.Match], end: int) -> tuple[str, str] | None:
    """A sentence opening with unknown name words then «، TITLE»: «موسوی، رییس …»."""
    for k in (1, 2, 3):
        if k + 1 < len(toks) and toks[k].group() in "،," and all(
            t.group() not in _NOT_NAME and t.group() not in _PUNCT and not t.group().isdigit() for t in toks[:k]
        ):
            title, _ = _read_title(text, toks[k + 1].start(), end)
            if title:
                return " ".join(t.group() for t in toks[:k]), title
    return None


def _aliases(name: str) -> set[str]:
    words = name.split()
    out = {words[-1]}
    given = [w for w in words if w in _GIVEN]
    rest = [w for w in words if w not in _GIVEN]
    if rest:
        out.add(rest[0])
    if len(words) >= 2 and words[0] in _GIVEN and words[1] not in _GIVEN:
        out.add(words[1])
    return {w for w in out if w not in _GIVEN or not given}


def _clean_name(name: str) -> str:
    return " ".join(_strip_honorifics(name.split()))


def _role(title: str | None) -> str | None:
    if not title:
        return None
    m = _TITLE_RE.match(title)
    return "".join(m.group().split()).replace("رییس", "رئیس") if m else None


def _compatible(a: str | None, b: str | None) -> bool:
    """Could two titles name the same person? Same role and no conflicting place."""
    if not a or not b:
        return False
    if _role(a) != _role(b):
        return False
    pa, pb = title_province(a), title_province(b)
    return pa == pb or pa is None or pb is None
