"""The normalizer: hazm's character tables, loaded without the rest of hazm, and the offset map."""

from __future__ import annotations

import sys

import pytest

from conftest import CORPUS
from extract.normalize import normalize

module = sys.modules["extract.normalize"]  # the package re-exports the function under the same name


def test_tables_are_hazms_own():
    from hazm.constants import DIACRITICS_PATTERNS, SPECIAL_CHARS_PATTERNS, TRANSLATION_DST, TRANSLATION_SRC

    assert (module.TRANSLATION_SRC, module.TRANSLATION_DST) == (TRANSLATION_SRC, TRANSLATION_DST)
    assert module.DIACRITICS_PATTERNS == DIACRITICS_PATTERNS
    assert module.SPECIAL_CHARS_PATTERNS == SPECIAL_CHARS_PATTERNS


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("2هزار و 80 ميليارد ريال", "2هزار و 80 میلیارد ریال"),  # Arabic ي, mixed digits (seed 4)
        ("۵۲۰ طرح اشتغال‌زایی", "520 طرح اشتغالزایی"),  # Persian digits, half-space
        ("۱٫۵ درصد و ۱۲٬۰۰۰ نفر", "1.5 درصد و 12,000 نفر"),  # Arabic decimal and thousands signs
        ("٣٠ كودك", "30 کودک"),  # Arabic-Indic digits, Arabic kaf
        ("مددجويان\u200f\u200e تحت\u00a0پوشش", "مددجویان تحت پوشش"),  # bidi marks deleted, no-break space
        ("بهزيستـــي", "بهزیستی"),  # tatweel
        ("مؤسسه‌ی خیریه", "مؤسسهی خیریه"),
    ],
)
def test_canonical_form(raw, canonical):
    assert normalize(raw).text == canonical


def test_offsets_point_back_into_the_raw_text():
    for path in sorted(CORPUS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        n = normalize(raw)
        for start in range(0, len(n.text), 97):
            end = min(len(n.text), start + 40)
            a, b = n.raw_span(start, end)
            assert normalize(raw[a:b]).text == n.text[start:end], path.name
