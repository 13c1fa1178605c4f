"""Facts from Farsi welfare news: the public API.

>>> from extract import extract_text
>>> [(str(f.amount), f.unit.value) for f in extract_text("۵۲۰ طرح اشتغالزایی اجرا شد")]
[('520', 'plan')]
"""

import importlib

from extract.normalize import normalize

__all__ = ["extract_article", "extract_text", "find_numbers", "normalize", "parse_number", "WelfareError"]

_LAZY = {
    "extract_article": "extract.article",
    "extract_text": "extract.article",
    "find_numbers": "extract.numbers",
    "parse_number": "extract.numbers",
    "WelfareError": "extract.errors",
}


def __getattr__(name: str):
    # The engine (rules compiled at import, about a second) loads on first use, so that
    # `extract.workers` can start worker processes before this process has paid for it.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
