"""Normalize Persian text once, up front, into one canonical form with an offset map.

The canonical form, which every lexicon and rule is written against:

* ASCII digits (Persian ۰-۹ and Arabic-Indic ٠-٩ converted), ``%`` for ``٪``,
  ``.`` for the Arabic decimal separator ``٫`` and ``,`` for ``٬``;
* Arabic letters unified to Persian (ي → ی, ك → ک, presentation forms, …) with
  hazm's own translation table;
* no half-spaces: ZWNJ and other zero-width or bidi marks, tatweel and diacritics
  are deleted, so «مشارکت‌های» and «مشارکتهای» are the same string (web archives
  strip half-spaces, so this is the spelling most inputs already have);
* exotic spaces become a plain space; line breaks are kept.

Every change is one character to one character, or a deletion, so an offset map
back to the raw text is cheap: see :meth:`Normalized.raw_span`.

>>> n = normalize("۵۲۰ طرح اشتغال‌زایی با اعتباري ۶۳ ميليارد")
>>> n.text
'520 طرح اشتغالزایی با اعتباری 63 میلیارد'
>>> start = n.text.index("اشتغالزایی")
>>> n.raw[slice(*n.raw_span(start, start + len("اشتغالزایی")))]
'اشتغال\u200cزایی'
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path


def _hazm_constants():
    """hazm's character tables, read from hazm's own ``constants.py``.

    ``import hazm.constants`` would first run ``hazm/__init__``, which imports NLTK and every
    hazm model (1.4 s per process; workers pay it too); the tables need none of it.
    """
    package = importlib.util.find_spec("hazm")
    if package is None or not package.submodule_search_locations:
        raise ImportError("hazm is not installed")
    path = Path(next(iter(package.submodule_search_locations))) / "constants.py"
    spec = importlib.util.spec_from_file_location("_hazm_constants", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_HAZM = _hazm_constants()
DIACRITICS_PATTERNS = _HAZM.DIACRITICS_PATTERNS
SPECIAL_CHARS_PATTERNS = _HAZM.SPECIAL_CHARS_PATTERNS
TRANSLATION_SRC, TRANSLATION_DST = _HAZM.TRANSLATION_SRC, _HAZM.TRANSLATION_DST


def _class_chars(patterns: list[tuple[str, str]]) -> str:
    """The characters of hazm's single character-class deletion patterns."""
    chars = []
    for pattern, replacement in patterns:
        if replacement == "" and pattern.startswith("[") and pattern.endswith("]"):
            chars.append(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), pattern[1:-1]))
    return "".join(chars)


def _build_tables() -> tuple[dict[str, str], str]:
    replace: dict[str, str] = {}
    for src, dst in zip(TRANSLATION_SRC, TRANSLATION_DST, strict=True):
        if src != dst:
            replace[src] = dst
    for zero, block in (("0", "۰۱۲۳۴۵۶۷۸۹"), ("0", "٠١٢٣٤٥٦٧٨٩")):
        for i, ch in enumerate(block):
            replace[ch] = chr(ord(zero) + i)
    replace.update({"٪": "%", "٫": ".", "٬": ",", "ۀ": "ه", "ة": "ه", "\r": " ", "\t": " "})
    for space in "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c":
        replace[space] = " "
    delete = (
        "\u200c\u200d\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\ufeff\u00ad\u0640"
        + _class_chars(DIACRITICS_PATTERNS)
        + _class_chars(SPECIAL_CHARS_PATTERNS)
    )
    delete = "".join(dict.fromkeys(ch for ch in delete if ch not in replace))
    return replace, delete


_REPLACE, _DELETE = _build_tables()
_ODD = re.compile("[" + re.escape("".join(_REPLACE)) + re.escape(_DELETE) + "]")
_DELETED = re.compile("[" + re.escape(_DELETE) + "]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Canonical text plus what is needed to point back into the raw text."""

    text: str
    raw: str
    # For the k-th deleted raw character, the normalized position it was cut at.
    cuts: tuple[int, ...] = ()

    def to_raw(self, i: int) -> int:
        """Raw offset of the character at normalized offset ``i``."""
        return i + bisect_right(self.cuts, i)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Half-open raw interval covering the normalized interval ``[start, end)``."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1


def normalize(raw: str) -> Normalized:
    """Return the canonical form of ``raw`` (see the module docstring).

    Only the odd characters present are touched, each with one ``str.replace``:
    far cheaper than translating every character of every article.

    >>> normalize("2هزار و 80 ميليارد ريال").text
    '2هزار و 80 میلیارد ریال'
    >>> normalize("۱٫۵ و ۱۲٬۰۰۰").text
    '1.5 و 12,000'
    >>> normalize("بهره‌مند ‌شدند").text
    'بهرهمند شدند'
    """
    odd = set(_ODD.findall(raw))
    if not odd:
        return Normalized(raw, raw)
    cuts: tuple[int, ...] = ()
    text = raw
    if any(ch in _DELETE for ch in odd):
        cuts = tuple(m.start() - k for k, m in enumerate(_DELETED.finditer(raw)))
    for ch in odd:
        text = text.replace(ch, _REPLACE.get(ch, ""))
    return Normalized(text, raw, cuts)
