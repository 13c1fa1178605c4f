"""Load rule and lexicon files from ``rules/`` into pydantic models.

Rule files are TOML. Each module that owns a file defines a pydantic model for it with
``extra="forbid"`` (a typo in a key is an error, not a silently ignored field) and loads it
with :func:`load`. Word lists become regex alternations with :func:`alternation`, so every
word is written once.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from extract.errors import RuleError

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Base for rule-file models: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@cache
def read_toml(name: str) -> dict:
    """The parsed TOML of ``rules/<name>.toml`` (cached: rule files are read once per process)."""
    path = RULES_DIR / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path.name}: cannot read rule file: {exc}") from exc


def load(name: str, model: type[M]) -> M:
    """Validate ``rules/<name>.toml`` against ``model``; errors name the file and the key."""
    try:
        return model.model_validate(read_toml(name))
    except ValidationError as exc:
        raise RuleError(f"{name}.toml: {exc}") from exc


def alternation(words, *, flexible_space: bool = True) -> str:
    """A regex alternation of ``words``: escaped, and the longest word wins where words start alike.

    With ``flexible_space`` a space inside a word also matches no space at all (half-spaces
    are deleted by the normalizer, and writers glue or split compounds freely).

    The words are laid out as a trie, so that matching tries the next character once instead
    of every word in turn: lexicons of thousands of inflected words would otherwise cost tens
    of microseconds at every position. Deeper branches come first, so the longest word wins.

    >>> alternation(["طرح", "طرح اشتغالزایی", "طرحها"])
    '(?:طرح(?:\\\\s*اشتغالزایی|ها)?)'
    >>> import re; re.fullmatch(alternation(["طرح اشتغالزایی"]), "طرحاشتغالزایی") is not None
    True
    """
    return "(?:" + _branches(_trie(words, flexible_space)) + ")"


class WordStarts:
    """Where one of ``words`` begins a word (not right after one of ``letters``).

    One scan finds every such place for the words of several rules, and each rule's own
    pattern is then tried there only: far cheaper than every rule scanning the text. The scan
    opens with a character that is not a letter, so the engine skips whole words at C speed,
    and it looks ahead for the words, so overlapping occurrences are all found.

    >>> WordStarts(["تحت پوشش", "پوشش"], "\u0621-\u06cc").find("تحتپوشش و پوشش")
    [0, 10]
    """

    def __init__(self, words, letters: str):
        words = alternation(words)
        self._after_non_letter = re.compile(f"[^{letters}](?={words})")
        self._here = re.compile(f"(?={words})")
        self._letter = re.compile(f"[{letters}]")

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[int]:
        """Sorted start offsets in ``text[pos:endpos]`` (the text before ``pos`` decides
        whether ``pos`` itself starts a word, as a look-behind would)."""
        endpos = len(text) if endpos is None else endpos
        out = []
        if pos < endpos and not (pos and self._letter.match(text, pos - 1)) and self._here.match(text, pos, endpos):
            out.append(pos)
        out.extend(m.start() + 1 for m in self._after_non_letter.finditer(text, pos, endpos))
        return out


def _trie(words, flexible_space: bool) -> dict:
    trie: dict = {}
    for word in set(words):
        node = trie
        pieces = word.split() if flexible_space else [word]
        for k, piece in enumerate(pieces):
            if k:
                node = node.setdefault(_SPACE, {})
            for ch in piece:
                node = node.setdefault(ch, {})
        node[_WORD_END] = {}
    return trie


_SPACE, _WORD_END = " ", ""  # trie keys: a flexible space, the end of a word


def _branches(node: dict) -> str:
    alts = []
    # A flexible space first: the words that go on after it are the longer ones.
    for key in sorted((k for k in node if k != _WORD_END), key=lambda k: (k != _SPACE, k)):
        alts.append((r"\s*" if key == _SPACE else re.escape(key)) + _branches(node[key]))
    if not alts:
        return ""
    if len(alts) > 1:
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if _WORD_END in node else body
    return f"(?:{alts[0]})?" if _WORD_END in node else alts[0]
