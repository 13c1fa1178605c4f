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


def word_starts(words, letters: str) -> re.Pattern:
    """A pattern that finds where one of ``words`` begins a word (not after one of ``letters``).

    It matches only the first character, so occurrences that overlap are all found, and it
    opens with that character, so the engine skips at C speed to the few places worth trying:
    scanning once for every word of several rules beats scanning once per rule.

    >>> [m.start() for m in word_starts(["تحت پوشش", "پوشش"], "\u0621-\u06cc").finditer("تحتپوشش و پوشش")]
    [0, 10]
    """
    trie = _trie(words, True)
    alts = []
    for ch in sorted(trie):
        rest = _branches(trie[ch])
        alts.append(re.escape(ch) + f"(?<![{letters}].)" + (f"(?={rest})" if rest else ""))
    return re.compile("|".join(alts))


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
