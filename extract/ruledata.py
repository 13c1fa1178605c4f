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
    """A regex alternation of ``words``: escaped, longest first, so the longest word wins.

    With ``flexible_space`` a space inside a word also matches no space at all (half-spaces
    are deleted by the normalizer, and writers glue or split compounds freely).

    >>> alternation(["طرح", "طرح اشتغالزایی"])
    '(?:طرح\\\\s*اشتغالزایی|طرح)'
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if flexible_space:
        parts = [r"\s*".join(re.escape(piece) for piece in w.split()) for w in unique]
    else:
        parts = [re.escape(w) for w in unique]
    return "(?:" + "|".join(parts) + ")"
